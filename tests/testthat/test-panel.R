test_that("periods are put in time order, whatever their type", {
  d <- data.frame(id = rep(c("a", "b", "c"), 4), v = 1:12 + 0.5)
  years <- c(2, 10, 11, 1)
  want <- c(1, 2, 10, 11)
  # numbers, text that reads as numbers, factors and Dates
  as_num <- transform(d, t = rep(years, each = 3))
  as_txt <- transform(d, t = as.character(rep(years, each = 3)))
  as_fac <- transform(d, t = factor(rep(years, each = 3), levels = want))
  as_date <- transform(d, t = as.Date("2000-01-01") + rep(years, each = 3))
  for (x in list(as_num, as_txt, as_fac, as_date)) {
    s <- sigma_convergence(x, "v", "t")
    expect_equal(as.character(s$t),
                 as.character(unique(x$t)[order(unique(as_num$t))]))
    expect_equal(s$mean, vapply(c(4, 1, 2, 3), function(k) {
      mean(d$v[(k - 1) * 3 + 1:3])
    }, 1))
  }
  # a factor's level order is the time order, not the alphabet
  fac <- transform(d, t = factor(rep(c("late", "early", "mid", "later"),
                                     each = 3),
                                 levels = c("early", "mid", "late", "later")))
  expect_equal(as.character(sigma_convergence(fac, "v", "t")$t),
               c("early", "mid", "late", "later"))
  # other text in one fixed order on every machine
  txt <- transform(d, t = rep(c("b", "B", "a", "A"), each = 3))
  expect_equal(sigma_convergence(txt, "v", "t")$t, c("A", "B", "a", "b"))
})

test_that("period labels that name the same period are refused", {
  d <- data.frame(id = c("a", "b", "a", "b"), t = c("2015", "2015", "2015.0",
                                                    "2015.0"), v = 1:4)
  expect_error(gini(d, "v", time = "t"), class = "regineq_error_duplicate",
               regexp = "\"2015\" and \"2015.0\"")
})

test_that("key arguments must name different columns", {
  d <- nqpf_level
  expect_error(beta_convergence(d, "score", "year", "year"),
               class = "regineq_error_value",
               regexp = "`id` and `time` must name different columns")
  expect_error(dagum_gini(d, "score", "year", "year"),
               class = "regineq_error_value", regexp = "`time` and `group`")
})

test_that("numeric ids keep their exact value as text", {
  expect_equal(regineq:::id_strings(c(500000, 110000, 3)),
               c("500000", "110000", "3"))
  expect_error(regineq:::id_strings(c(0.1 + 0.2, 0.3)),
               class = "regineq_error_value", regexp = "can't be told apart")
})

test_that("periods mixing numbers and other text get a warning", {
  d <- data.frame(id = rep(c("a", "b"), 3), v = 1:6,
                  t = rep(c("2014\u5e74", "2015", "2016"), each = 2))
  expect_warning(s <- sigma_convergence(d, "v", "t"),
                 class = "regineq_warning_time", regexp = "ordered as text")
  expect_equal(nrow(s), 3L)
})

test_that("an unbalanced panel gets one message naming regions and periods", {
  u <- unbalanced_level()
  expect_message(gini(u, "score", time = "year", id = "province"),
                 class = "regineq_message_unbalanced",
                 regexp = paste0("2 of 30 regions lack some periods: ",
                                 "`Beijing` \\(2015 and 2016\\) and ",
                                 "`Hainan` \\(2023\\)"))
  got <- catch_messages(gini(u, "score", time = "year", id = "province"))
  expect_length(got$messages, 1L)
  expect_s3_class(got$messages[[1]], "regineq_message")
  expect_match(conditionMessage(got$messages[[1]]),
               "`gini()` uses all available rows", fixed = TRUE)
  expect_equal(got$messages[[1]]$balance$complete,
               !unique(u$province) %in% c("Beijing", "Hainan"))
  # without an id only the number of rows per period is known
  expect_message(gini(u, "score", time = "year"),
                 class = "regineq_message_unbalanced",
                 regexp = paste0("30 at most, but 29 in period 2015, 29 in ",
                                 "2016 and 29 in 2023"))
  expect_snapshot({
    invisible(gini(u, "score", time = "year", id = "province"))
    invisible(gini(u, "score", time = "year", id = "province",
                   balanced = TRUE))
    invisible(gini(u, "score", time = "year"))
  })
  # a long list is cut after five regions
  many <- nqpf_level[!(nqpf_level$province %in% unique(nqpf_level$province)[
    1:7] & nqpf_level$year == 2020), ]
  expect_message(gini(many, "score", time = "year", id = "province"),
                 class = "regineq_message_unbalanced",
                 regexp = "`Jiangsu` \\(2020\\) and 2 more\\.")
})

test_that("balanced panels, and the bundled data, get no message", {
  expect_silent(gini(nqpf_level, "score", time = "year", id = "province"))
  expect_silent(gini(nqpf_level, "score", "region", "year"))
  expect_silent(dagum_gini(nqpf_level, "score", "region", "year"))
  expect_silent(sigma_convergence(nqpf_potential, "score", "year"))
  expect_silent(beta_convergence(nqpf_potential, "score", "province", "year"))
  expect_silent(kernel_density(nqpf_level, "score", "year"))
  expect_silent(composite_index(nqpf_indicators, nqpf_spec, "province",
                                "year"))
  # one period is never unbalanced
  one <- nqpf_level[nqpf_level$year == 2023, ]
  expect_silent(gini(one[-1, ], "score", time = "year", id = "province"))
})

test_that("balanced = TRUE needs an id and at least one complete region", {
  u <- unbalanced_level()
  expect_error(gini(u, "score", time = "year", balanced = TRUE),
               class = "regineq_error_argument",
               regexp = "`balanced = TRUE` needs `id`")
  expect_error(gini(u, "score", time = "year", id = "province",
                    balanced = NA),
               class = "regineq_error_type", regexp = "`balanced`")
  stair <- data.frame(id = c("a", "b", "c", "d"), t = c(1, 1, 2, 2),
                      v = c(1, 2, 3, 4))
  expect_error(suppressMessages(gini(stair, "v", time = "t", id = "id",
                                     balanced = TRUE)),
               class = "regineq_error_size",
               regexp = "none of the 4 regions")
})

test_that("panel_subset() keeps level order and the original row labels", {
  d <- data.frame(id = c("a", "b", "c", "a", "b", "c"), t = rep(1:2, each = 3),
                  g = c("x", "y", "x", "x", "y", "x"), v = 1:6)
  pan <- new_panel(d, "id", "t", "g")
  sub <- panel_subset(pan, c(1L, 3L, 4L, 6L))
  expect_equal(sub$id$levels, c("a", "c"))
  expect_equal(sub$id$code, c(1L, 2L, 1L, 2L))
  expect_equal(sub$group$levels, "x")
  expect_equal(sub$time$code, c(1L, 1L, 2L, 2L))
  expect_equal(sub$labels(2L), "c 1")
  expect_equal(sub$n, 4L)
  expect_null(panel_balance(sub))
  bal <- panel_balance(new_panel(d[-5, ], "id", "t"))
  expect_equal(bal$complete, c(TRUE, FALSE, TRUE))
  expect_equal(bal$per_period, c(3L, 2L))
})
