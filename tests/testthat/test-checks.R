test_that("a missing required argument is a classed error naming it", {
  d <- nqpf_level
  cases <- list(
    list(quote(sigma_convergence(d, "score")), "`time`"),
    list(quote(dagum_gini(d, "score")), "`group`"),
    list(quote(beta_convergence(d, "score", "province")), "`time`"),
    list(quote(kernel_density(d, "score")), "`time`"),
    list(quote(theil(d)), "`value`"),
    list(quote(gini(d)), "`value`"),
    list(quote(coupling_coordination(d)), "`systems`"),
    list(quote(rd_typology(d, "score")), "`rd_intensity`"),
    list(quote(disparity_report(d, "score", "province", "year")), "`dir`")
  )
  for (cs in cases) {
    e <- tryCatch(eval(cs[[1]]), regineq_error = function(e) e)
    expect_s3_class(e, "regineq_error_argument")
    expect_match(conditionMessage(e), cs[[2]], fixed = TRUE)
    expect_identical(conditionCall(e), cs[[1]])
  }
})

test_that("non-finite values are named as they are", {
  d <- data.frame(g = "a", v = c(1, NaN, -Inf, Inf, NA))
  e <- tryCatch(gini(d, "v"), regineq_error = function(e) e)
  expect_match(conditionMessage(e), "NaN/-Inf/Inf/NA in rows 2, 3, 4, 5")
  d2 <- data.frame(t = as.Date("2020-01-01") + 0:2, v = 1:3)
  expect_error(gini(d2, "t"), class = "regineq_error_type",
               regexp = "column `t` is a Date vector")
  expect_error(gini(c("1", "2")), class = "regineq_error_type",
               regexp = "numeric vector or a data frame, not a character")
})

test_that("each kind of bad value is refused alone, under every rule", {
  # check_values() scans in C and only then looks for rows in R: every kind
  # of value on its own must reach the refusal the definition asks for
  check_values <- regineq:::check_values
  refused <- function(z, rule, allow_na) {
    if (is.na(z) && !is.nan(z) || is.nan(z)) return(!allow_na)
    if (!is.finite(z)) return(TRUE)
    switch(rule, finite = FALSE, "non-negative" = z < 0, positive = z <= 0)
  }
  for (rule in c("finite", "non-negative", "positive")) {
    for (allow_na in c(FALSE, TRUE)) {
      for (z in c(NA, NaN, Inf, -Inf, -1, -0, 0, 1e-300, 2)) {
        x <- c(3, 1, z, 2)
        got <- tryCatch({
          check_values(x, "v", "v", rule = rule, allow_na = allow_na)
          FALSE
        }, regineq_error = function(e) TRUE)
        expect_identical(got, refused(z, rule, allow_na),
                         info = paste(rule, allow_na, z))
      }
    }
  }
})

test_that("verbs never overwrite the user's columns", {
  d <- data.frame(a = c(0.2, 0.5), b = c(0.4, 0.1), D = 1:2)
  expect_error(coupling_coordination(d, c("a", "b")),
               class = "regineq_error_column",
               regexp = "already has a column `D`")
  expect_equal(d$D, 1:2)
  t <- data.frame(g = c(1, 2), r = c(5, 1), type = c("x", "y"))
  expect_error(rd_typology(t, "g", "r"), class = "regineq_error_column",
               regexp = "`type`")
})

test_that("every verb names the required argument it lacks", {
  d <- nqpf_level
  w <- china_weights(unique(d$province))
  cases <- list(
    list(quote(composite_index(nqpf_indicators, nqpf_spec, "province")),
         "`time`"),
    list(quote(entropy_weights(nqpf_indicators, nqpf_spec)), "`id` and `time`"),
    list(quote(indicator_spec(c("a", "b"))), "`direction`"),
    list(quote(moran_global(d, "score", w)), "`id`"),
    list(quote(moran_local(d, "score", id = "province")), "`weights`"),
    list(quote(spatial_weights()), "`x`"),
    list(quote(knn_weights(matrix(1:6, 3))), "`k`"),
    list(quote(distance_weights()), "`coords`"),
    list(quote(china_weights()), "`ids`"),
    list(quote(match_province()), "`x`")
  )
  for (cs in cases) {
    e <- tryCatch(eval(cs[[1]]), regineq_error = function(e) e)
    expect_s3_class(e, "regineq_error_argument")
    expect_match(conditionMessage(e), cs[[2]], fixed = TRUE)
  }
})
