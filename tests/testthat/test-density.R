test_that("kernel_density() equals stats::density on a common grid", {
  kd <- kernel_density(nqpf_level, "score", time = "year", n = 128)
  expect_named(as.data.frame(kd), c("year", "x", "density", "bw"))
  grids <- split(kd$x, kd$year)
  expect_true(all(vapply(grids, identical, TRUE, grids[[1]])))
  v <- nqpf_level$score[nqpf_level$year == 2018]
  k18 <- kd[kd$year == 2018, ]
  ref <- stats::density(v, n = 128, from = min(kd$x), to = max(kd$x))
  expect_equal(k18$density, ref$y, tolerance = 1e-12)
  expect_equal(k18$bw[1], stats::bw.nrd0(v))
  # each curve integrates to about 1 over the grid
  area <- sum(k18$density) * diff(k18$x[1:2])
  expect_equal(area, 1, tolerance = 0.02)
  kg <- kernel_density(nqpf_level, "score", time = "year", group = "region",
                       bw = 0.02)
  expect_true(all(kg$bw == 0.02))
  expect_equal(length(unique(kg$group)), 4L)
  expect_equal(unique(kernel_density(nqpf_level, "score", "year",
                                     bw = "SJ")$bw[1]),
               stats::bw.SJ(nqpf_level$score[nqpf_level$year == 2014]))
})

test_that("kernel_density() bad input and plots", {
  expect_error(kernel_density(nqpf_level, "score", "year", bw = -1),
               class = "regineq_error_value")
  expect_error(kernel_density(nqpf_level, "score", "year", bw = "magic"),
               class = "regineq_error_value")
  expect_error(suppressMessages(
    kernel_density(data.frame(y = c(1, 2, 3), t = c(1, 1, 2)), "y", "t"),
    classes = "regineq_message_unbalanced"),
    class = "regineq_error_size", regexp = "at least two values")
  expect_error(kernel_density(nqpf_level, "nope", "year"),
               class = "regineq_error_column")
  kd <- kernel_density(nqpf_level, "score", "year")
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  expect_invisible(plot(kd))
  expect_invisible(plot(kd, type = "surface"))
  grDevices::dev.off()
  unlink(f)
})

test_that("from and to set the grid, and bad grids or bandwidths are refused", {
  d <- data.frame(t = rep(1:2, each = 5), v = c(1, 2, 3, 4, 5, 2, 3, 4, 5, 9))
  kd <- kernel_density(d, "v", "t", from = 2, to = 6, n = 16)
  expect_equal(range(kd$x), c(2, 6))
  # the density at x equals stats::density on the same grid
  ref <- stats::density(d$v[d$t == 1], bw = kd$bw[1], from = 2, to = 6, n = 16)
  expect_equal(kd$density[kd$t == 1], ref$y)
  expect_false(isTRUE(all.equal(kernel_density(d, "v", "t", n = 16)$x, kd$x)))
  expect_error(kernel_density(d, "v", "t", from = 3, to = 1),
               class = "regineq_error_value", regexp = "`from` must be below")
  expect_error(kernel_density(d, "v", "t", from = 100),
               class = "regineq_error_value", regexp = "empty grid")
  expect_error(kernel_density(d, "v", "t", from = NA),
               class = "regineq_error_value", regexp = "`from`")
  flat <- data.frame(t = rep(1:2, each = 3), v = c(1, 1, 1, 2, 3, 4))
  expect_error(kernel_density(flat, "v", "t", bw = "SJ"),
               class = "regineq_error_value", regexp = "fails for period 1")
  expect_error(kernel_density(d, "v", "t", bw = TRUE),
               class = "regineq_error_type", regexp = "`bw`")
})

test_that("densities print a header and the first rows only", {
  kd <- kernel_density(nqpf_level, "score", "year", n = 32)
  out <- capture.output(print(kd))
  expect_match(out[1], "10 curves of 32 points")
  expect_lt(length(out), 15)
  expect_match(out[length(out)], "310 more rows")
})

test_that("bw_common gives every period one bandwidth: the median rule", {
  kd <- kernel_density(nqpf_level, "score", "year", n = 64)
  kc <- kernel_density(nqpf_level, "score", "year", n = 64, bw_common = TRUE)
  per <- split(nqpf_level$score, nqpf_level$year)
  h <- median(vapply(per, stats::bw.nrd0, 1))
  expect_equal(unique(kc$bw), h)
  expect_false(isTRUE(all.equal(kc$density, kd$density)))
  # each curve is stats::density() with that bandwidth on the same grid
  for (yr in c("2014", "2023")) {
    ref <- stats::density(per[[yr]], bw = h, n = 64, from = min(kc$x),
                          to = max(kc$x))
    expect_equal(kc$density[kc$year == yr], ref$y, tolerance = 1e-12)
  }
  # with groups, one bandwidth per group: the median over its periods
  kg <- kernel_density(nqpf_level, "score", "year", group = "region",
                       n = 64, bw_common = TRUE)
  west <- nqpf_level[nqpf_level$region == "West", ]
  hw <- median(vapply(split(west$score, west$year), stats::bw.nrd0, 1))
  expect_equal(unique(kg$bw[kg$group == "West"]), hw)
  expect_equal(length(unique(kg$bw)), 4L)
  expect_error(kernel_density(nqpf_level, "score", "year", bw_common = NA),
               class = "regineq_error_type")
})

test_that("the default grid ends three of each curve's bandwidths past its data", {
  kd <- kernel_density(nqpf_level, "score", "year", n = 64)
  per <- split(nqpf_level$score, nqpf_level$year)
  h <- vapply(per, stats::bw.nrd0, 1)
  lo <- min(vapply(per, min, 1) - 3 * h)
  hi <- max(vapply(per, max, 1) + 3 * h)
  expect_equal(range(kd$x), c(lo, hi))
  # not cut at 0: the curves of non-negative values reach below it
  expect_lt(lo, 0)
  # so every curve has decayed to about nothing at both ends of the grid
  ends <- vapply(split(kd, kd$year), function(k) {
    max(k$density[c(1, nrow(k))]) / max(k$density)
  }, 1)
  expect_true(all(ends < 0.02))
})

test_that("kernel_density() on an unbalanced panel: all rows or balanced", {
  u <- unbalanced_level()
  b <- balanced_by_hand(u)
  expect_message(a <- kernel_density(u, "score", "year", n = 64),
                 class = "regineq_message_unbalanced",
                 regexp = "`kernel_density\\(\\)` uses all rows")
  # the 2015 curve is stats::density() of that year's 29 values
  s <- u$score[u$year == 2015]
  k <- a[a$year == 2015, ]
  ref <- stats::density(s, bw = stats::bw.nrd0(s), n = 64, from = min(a$x),
                        to = max(a$x))
  expect_equal(k$density, ref$y, tolerance = 1e-12)
  expect_message(bal <- kernel_density(u, "score", "year", n = 64,
                                       id = "province", balanced = TRUE),
                 class = "regineq_message_unbalanced",
                 regexp = "balanced subset")
  expect_equal(bal, kernel_density(b, "score", "year", n = 64))
  expect_false(isTRUE(all.equal(bal$density, a$density)))
  expect_error(kernel_density(u, "score", "year", balanced = TRUE),
               class = "regineq_error_argument", regexp = "needs `id`")
})
