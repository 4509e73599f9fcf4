test_that("sigma_convergence() follows Ran et al. (2025) eqs. 9-10 (1/n form)", {
  sc <- sigma_convergence(nqpf_potential, "score", time = "year")
  expect_s3_class(sc, "regineq_sigma")
  expect_named(as.data.frame(sc), c("year", "n", "mean", "sd", "cv", "sigma",
                                    "theil", "gini"))
  for (t in c(2010, 2015, 2020)) {
    v <- nqpf_potential$score[nqpf_potential$year == t]
    r <- sc[sc$year == t, ]
    n <- length(v)
    expect_equal(r$sd, sqrt(sum((v - mean(v))^2) / n), tolerance = 1e-12)
    expect_equal(r$cv, sqrt(sum((v - mean(v))^2) / n) / mean(v),
                 tolerance = 1e-12)
    expect_equal(r$sigma, sqrt(sum((log(v) - mean(log(v)))^2) / n),
                 tolerance = 1e-12)
    expect_equal(r$theil, mean(v / mean(v) * log(v / mean(v))),
                 tolerance = 1e-12)
  }
  s1 <- sigma_convergence(nqpf_potential, "score", time = "year",
                          denominator = "n-1")
  v <- nqpf_potential$score[nqpf_potential$year == 2012]
  expect_equal(s1$sd[s1$year == 2012], stats::sd(v), tolerance = 1e-12)
  expect_equal(s1$sigma[s1$year == 2012], stats::sd(log(v)), tolerance = 1e-12)
})

test_that("summary() gives the OLS trend of sigma", {
  sc <- sigma_convergence(nqpf_potential, "score", time = "year")
  sm <- summary(sc)
  fit <- summary(stats::lm(sigma ~ year, data = as.data.frame(sc)))
  expect_equal(sm$slope, fit$coefficients[2, 1])
  expect_equal(sm$p_value, fit$coefficients[2, 4])
  sg <- sigma_convergence(nqpf_level, "score", time = "year", group = "region")
  expect_equal(nrow(summary(sg)), 4L)
  expect_true("group" %in% names(sg))
  expect_output(print(sc), "dispersion by period")
})

test_that("beta_convergence() recovers a known speed of convergence", {
  set.seed(11)
  n <- 400
  lambda <- 0.05
  span <- 10
  y0 <- stats::rlnorm(n, 0, 1)
  ly1 <- 0.3 + exp(-lambda * span) * log(y0) + stats::rnorm(n, 0, 0.01)
  d <- data.frame(id = rep(seq_len(n), 2), t = rep(c(2000, 2010), each = n),
                  y = c(y0, exp(ly1)))
  b <- beta_convergence(d, "y", "id", "t")
  expect_equal(b$lambda, lambda, tolerance = 0.02)
  expect_equal(b$half_life, log(2) / b$lambda)
  ref <- summary(stats::lm(I((log(exp(ly1)) - log(y0)) / span) ~ log(y0)))
  expect_equal(b$beta, ref$coefficients[2, 1])
  expect_equal(b$se, ref$coefficients[2, 2])
  expect_equal(b$p_value, ref$coefficients[2, 4])
})

test_that("panel beta convergence with fixed effects equals lm with dummies", {
  set.seed(5)
  n <- 20
  tt <- 8
  d <- expand.grid(id = seq_len(n), t = seq_len(tt))
  a <- stats::rnorm(n)
  ly <- matrix(0, n, tt)
  ly[, 1] <- stats::rnorm(n)
  for (k in 2:tt) ly[, k] <- a * 0.1 + 0.8 * ly[, k - 1] + stats::rnorm(n, 0, .1)
  d$y <- exp(ly[cbind(d$id, d$t)])
  d$x <- stats::rnorm(nrow(d))
  b <- beta_convergence(d, "y", "id", "t", type = "conditional",
                        form = "panel", controls = "x")
  d <- d[order(d$id, d$t), ]
  lag <- stats::ave(log(d$y), d$id, FUN = function(v) c(NA, v[-length(v)]))
  lagx <- stats::ave(d$x, d$id, FUN = function(v) c(NA, v[-length(v)]))
  g <- log(d$y) - lag
  ref <- summary(stats::lm(g ~ lag + lagx + factor(d$id)))$coefficients
  expect_equal(b$beta, ref["lag", 1], tolerance = 1e-10)
  expect_equal(b$se, ref["lag", 2], tolerance = 1e-10)
  expect_equal(b$lambda, -log(1 + b$beta))
  ba <- beta_convergence(d, "y", "id", "t", form = "panel")
  ref2 <- summary(stats::lm(g ~ lag))$coefficients
  expect_equal(ba$beta, ref2["lag", 1], tolerance = 1e-10)
})

test_that("convergence bad input gets clear errors", {
  d <- nqpf_potential
  expect_error(sigma_convergence(d, "score", "yr"),
               class = "regineq_error_column")
  d$score[3] <- 0
  expect_error(sigma_convergence(d, "score", "year"),
               class = "regineq_error_value", regexp = "row 3 \\(2010\\)")
  expect_error(beta_convergence(d, "score", "province", "year"),
               class = "regineq_error_value", regexp = "row 3")
  expect_error(beta_convergence(nqpf_potential, "score", "province", "year",
                                type = "conditional"),
               class = "regineq_error_value", regexp = "`controls`")
  expect_error(beta_convergence(nqpf_potential, "score", "province", "year",
                                controls = "nope", form = "panel"),
               class = "regineq_error_column")
  one <- nqpf_potential[nqpf_potential$year == 2010, ]
  expect_error(beta_convergence(one, "score", "province", "year"),
               class = "regineq_error_size")
  expect_error(sigma_convergence(nqpf_potential, "score", "year",
                                 denominator = "n+1"),
               class = "regineq_error_value")
})

test_that("fixed-effects df count only the regions in the regression", {
  set.seed(8)
  d <- expand.grid(id = paste0("r", 1:12), t = 1:5, stringsAsFactors = FALSE)
  d$y <- exp(stats::rnorm(nrow(d)))
  # two regions observed in a single period: no transition
  d <- d[!(d$id %in% c("r1", "r2") & d$t > 1), ]
  expect_message(b <- beta_convergence(d, "y", "id", "t",
                                       type = "conditional", form = "panel"),
                 class = "regineq_message_unbalanced",
                 regexp = "`r1` and `r2` have one period and no growth rate")
  d <- d[order(d$id, d$t), ]
  lag <- stats::ave(log(d$y), d$id, FUN = function(v) c(NA, v[-length(v)]))
  g <- log(d$y) - lag
  ok <- !is.na(lag)
  ref <- summary(stats::lm(g[ok] ~ lag[ok] + factor(d$id[ok])))$coefficients
  expect_equal(b$beta, ref[2, 1], tolerance = 1e-10)
  expect_equal(b$se, ref[2, 2], tolerance = 1e-10)
  expect_equal(b$p_value, ref[2, 4], tolerance = 1e-10)
})

test_that("conditional cross-section beta uses its controls, as lm() does", {
  set.seed(9)
  n <- 30
  d <- data.frame(id = rep(seq_len(n), 2), t = rep(c(2000, 2010), each = n),
                  y = exp(stats::rnorm(2 * n)), x = stats::rnorm(2 * n),
                  z = stats::runif(2 * n))
  b <- beta_convergence(d, "y", "id", "t", type = "conditional",
                        controls = c("x", "z"))
  g <- (log(d$y[d$t == 2010]) - log(d$y[d$t == 2000])) / 10
  ref <- summary(stats::lm(g ~ log(d$y[d$t == 2000]) + d$x[d$t == 2000] +
                             d$z[d$t == 2000]))$coefficients
  expect_equal(b$beta, ref[2, 1], tolerance = 1e-10)
  expect_equal(b$se, ref[2, 2], tolerance = 1e-10)
  # controls of any scale, subnormal to huge, give the same beta
  for (s in c(1e-310, 1e-200, 1e250)) {
    bs <- beta_convergence(transform(d, x = x * s), "y", "id", "t",
                           type = "conditional", controls = c("x", "z"))
    expect_equal(bs$beta, b$beta, tolerance = 1e-10)
    expect_equal(bs$se, b$se, tolerance = 1e-10)
  }
  # a constant control is collinear with the intercept
  expect_error(beta_convergence(transform(d, x = 1), "y", "id", "t",
                                type = "conditional", controls = "x"),
               class = "regineq_error_value", regexp = "rank deficient")
})

test_that("a perfect fit has no standard error: NA with a warning", {
  d <- data.frame(id = rep(1:4, 2), t = rep(c(0, 1), each = 4),
                  y = c(1, 2, 4, 8, exp(0.5 * log(c(1, 2, 4, 8)))))
  expect_warning(b <- beta_convergence(d, "y", "id", "t"),
                 class = "regineq_warning_perfect_fit")
  expect_equal(b$beta, -0.5)
  expect_true(is.na(b$t) && is.na(b$p_value))
  expect_false(any(is.infinite(unlist(b[vapply(b, is.numeric, TRUE)]))))
})

test_that("beta spans are real time differences, whatever the period type", {
  set.seed(4)
  y0 <- exp(stats::rnorm(10))
  d <- data.frame(id = rep(1:10, 3),
                  y = c(y0, y0 * 1.5, y0^0.8 * exp(stats::rnorm(10, 0, 0.1))))
  for (tv in list(c(2000, 2010, 2020), c("2000", "2010", "2020"),
                  factor(c("2000", "2010", "2020")))) {
    d$t <- rep(tv, each = 10)
    b <- beta_convergence(d, "y", "id", "t")
    expect_equal(b$span, 20)
    g <- (log(d$y[21:30]) - log(d$y[1:10])) / 20
    expect_equal(b$beta, unname(coef(stats::lm(g ~ log(y0)))[2]))
  }
  d$t <- rep(as.Date(c("2000-01-01", "2010-01-01", "2020-01-01")), each = 10)
  expect_equal(beta_convergence(d, "y", "id", "t")$span, 20, tolerance = 1e-3)
})

test_that("beta results print what was regressed on what", {
  b <- beta_convergence(nqpf_potential, "score", "province", "year",
                        type = "conditional", form = "panel")
  expect_s3_class(b, "regineq_beta")
  expect_output(print(b), "lagged log, with `province` \\(unit\\) fixed effects")
  b2 <- beta_convergence(nqpf_potential, "score", "province", "year")
  expect_output(print(b2), "absolute cross-section beta convergence")
  expect_s3_class(as.data.frame(b2), "data.frame")
})

test_that("summary() calls convergence only when the fall is significant", {
  sc <- sigma_convergence(nqpf_potential, "score", time = "year")
  sm <- summary(sc)
  fit <- summary(stats::lm(sigma ~ year, as.data.frame(sc)))$coefficients
  p <- fit[2, 4]
  slope_negative <- fit[2, 1] < 0
  expect_equal(summary(sc, alpha = p * 1.01)$converging, slope_negative)
  expect_false(summary(sc, alpha = p * 0.99)$converging)
  expect_output(print(sm), "OLS of sigma .* on `year`")
  expect_output(print(sm), "p <= 0.05")
  expect_error(summary(sc, alpha = 2), class = "regineq_error_value")
})

test_that("sigma keeps its digits when the values are close together", {
  set.seed(1)
  for (lv in c(1e6, 1e9, 1e12, 1e15)) {
    y <- lv + stats::runif(500)
    u <- y - lv # exact: the noise as stored
    ld <- log1p((u - mean(u)) / (lv + mean(u)))
    ref <- sqrt(mean((ld - mean(ld))^2))
    s <- sigma_convergence(data.frame(t = 1, y = y), "y", "t")$sigma
    expect_lt(abs(s / ref - 1), 1e-12)
  }
})

test_that("sigma_convergence() on an unbalanced panel: all rows or balanced", {
  u <- unbalanced_level()
  b <- balanced_by_hand(u)
  expect_message(a <- sigma_convergence(u, "score", "year"),
                 class = "regineq_message_unbalanced",
                 regexp = "29 in period 2015")
  sd_n <- function(v) sqrt(mean((v - mean(v))^2))
  expect_equal(a$sigma, vapply(split(log(u$score), u$year), sd_n, 1),
               tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(a$n, as.vector(table(u$year)))
  expect_message(bal <- sigma_convergence(u, "score", "year",
                                          id = "province", balanced = TRUE),
                 class = "regineq_message_unbalanced",
                 regexp = "`Beijing` \\(2015 and 2016\\)")
  expect_equal(bal, sigma_convergence(b, "score", "year"),
               ignore_attr = "regineq_inputs")
  expect_false(isTRUE(all.equal(bal$sigma, a$sigma)))
})

test_that("beta_convergence() never drops a region without a word", {
  u <- unbalanced_level()
  b <- balanced_by_hand(u)
  # cross-section: Hainan lacks the last year, so it has no growth over the
  # window; it is named and left out
  expect_message(cs <- beta_convergence(u, "score", "province", "year"),
                 class = "regineq_message_unbalanced",
                 regexp = paste0("uses the 29 regions observed in both the ",
                                 "first \\(2014\\) and the last period ",
                                 "\\(2023\\); `Hainan` has no growth"))
  y0 <- u[u$year == 2014, ]
  y1 <- u[u$year == 2023, ]
  ids <- intersect(y0$province, y1$province)
  l0 <- log(y0$score[match(ids, y0$province)])
  g <- (log(y1$score[match(ids, y1$province)]) - l0) / 9
  fit <- summary(stats::lm(g ~ l0))$coefficients
  expect_equal(cs$n, 29L)
  expect_equal(cs$beta, fit[2, 1], tolerance = 1e-10)
  expect_equal(cs$se, fit[2, 2], tolerance = 1e-10)
  # balanced = TRUE: the 28 regions present in every year
  expect_message(csb <- beta_convergence(u, "score", "province", "year",
                                         balanced = TRUE),
                 class = "regineq_message_unbalanced",
                 regexp = "balanced subset")
  expect_equal(csb, beta_convergence(b, "score", "province", "year"))
  expect_equal(csb$n, 28L)
  # a gap inside the window doesn't remove a region from the cross-section
  gap <- nqpf_level[!(nqpf_level$province == "Beijing" &
                        nqpf_level$year == 2018), ]
  expect_message(cg <- beta_convergence(gap, "score", "province", "year"),
                 class = "regineq_message_unbalanced",
                 regexp = "all of them, so the gaps don't enter")
  expect_equal(cg, beta_convergence(nqpf_level, "score", "province", "year"))
  # panel form: every growth between consecutive observed years, Beijing's
  # 2014 -> 2017 as one rate per year over three years
  expect_message(pf <- beta_convergence(u, "score", "province", "year",
                                        form = "panel"),
                 class = "regineq_message_unbalanced",
                 regexp = "across a gap, one rate per unit of time")
  s <- u[order(u$province, u$year), ]
  same <- s$province[-1] == s$province[-nrow(s)]
  lag <- log(s$score[-nrow(s)])[same]
  dt <- diff(s$year)[same]
  gr <- (log(s$score[-1])[same] - lag) / dt
  expect_true(any(dt == 3))
  fit <- summary(stats::lm(gr ~ lag))$coefficients
  expect_equal(pf$n, length(gr))
  expect_equal(pf$beta, fit[2, 1], tolerance = 1e-10)
  expect_equal(pf$se, fit[2, 2], tolerance = 1e-10)
  for (type in c("absolute", "conditional")) {
    pb <- suppressMessages(beta_convergence(u, "score", "province", "year",
                                            type = type, form = "panel",
                                            balanced = TRUE),
                           classes = "regineq_message_unbalanced")
    expect_equal(pb, beta_convergence(b, "score", "province", "year",
                                      type = type, form = "panel"))
  }
  expect_false(isTRUE(all.equal(pb$beta, pf$beta)))
  # controls follow their rows into the balanced subset
  set.seed(11)
  u$ctl <- stats::rnorm(nrow(u))
  b <- balanced_by_hand(u)
  for (form in c("cross_section", "panel")) {
    cb <- suppressMessages(beta_convergence(u, "score", "province", "year",
                                            type = "conditional",
                                            controls = "ctl", form = form,
                                            balanced = TRUE),
                           classes = "regineq_message_unbalanced")
    expect_equal(cb, beta_convergence(b, "score", "province", "year",
                                      type = "conditional", controls = "ctl",
                                      form = form))
  }
  expect_error(beta_convergence(u, "score", "province", "year",
                                balanced = "yes"),
               class = "regineq_error_type", regexp = "`balanced`")
})

test_that("a panel without any region in two periods is a classed error", {
  d <- data.frame(id = c("a", "b", "c"), t = 1:3, y = c(1, 2, 3))
  expect_error(suppressMessages(beta_convergence(d, "y", "id", "t",
                                                 form = "panel")),
               class = "regineq_error_size",
               regexp = "every region of column `id` has one period")
})
