test_that("every classed error records the verb the user called", {
  d <- error_panel()
  w <- china_weights(c("Beijing", "Hainan", "Hebei", "Shanxi"))
  calls <- list(
    quote(gini(d, "nope")),
    quote(gini(c(1, NA))),
    quote(theil(d, "y", "g", "year", type = "L")),
    quote(dagum_gini(d, "y", "nope")),
    quote(sigma_convergence(d, "y", "year")),
    quote(beta_convergence(d, "y", "id", "nope")),
    quote(composite_index(d, error_spec(), "id", "year")),
    quote(entropy_weights(d, error_spec(), "id", "year", scope = "x")),
    quote(kernel_density(d, "y", "year", n = 1)),
    quote(coupling_coordination(d, c("x", "y"))),
    quote(rd_typology(d, "x", "y", thresholds = c(1, 2))),
    quote(moran_global(d, "y", w, "id", "year")),
    quote(moran_local(d, "y", w, "id", "year", alpha = 3)),
    quote(spatial_weights(1:3)),
    quote(knn_weights(matrix(1:6, 3), k = 5)),
    quote(match_province("Atlantis")),
    quote(china_weights("Atlantis")),
    quote(indicator_spec("a", "up")),
    quote(disparity_report(d, "y", "id", "year", dir = NA))
  )
  for (cl in calls) {
    e <- tryCatch(eval(cl), regineq_error = function(e) e)
    expect_s3_class(e, "regineq_error")
    expect_identical(conditionCall(e), cl)
  }
})

test_that("errors raised deep inside name the verb, not the helper", {
  f <- function(data) gini(data, "score", time = "yr")
  e <- tryCatch(f(nqpf_level), regineq_error = function(e) e)
  expect_identical(conditionCall(e), quote(gini(data, "score", time = "yr")))
  # methods are named by their generic, as the user typed them
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  e <- tryCatch(plot(dg, type = "pie"), regineq_error = function(e) e)
  expect_identical(conditionCall(e), quote(plot(dg, type = "pie")))
  # warnings too
  w <- tryCatch(composite_index(transform(error_panel(), x = 1), error_spec(),
                                "id", "year"),
                regineq_warning = function(w) w)
  expect_identical(conditionCall(w)[[1]], as.name("composite_index"))
})

test_that("a printed error shows the verb and its class", {
  expect_snapshot(error = TRUE, gini(nqpf_level, "score", time = "yr"))
})
