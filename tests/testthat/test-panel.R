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
