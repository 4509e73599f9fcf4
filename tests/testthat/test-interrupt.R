test_that("long permutation runs stop at a time limit and leave R usable", {
  w <- spatial_weights(grid_edges(100, 100))
  set.seed(1)
  d <- data.frame(id = w$ids, v = stats::rnorm(w$n))
  run <- function(f) {
    setTimeLimit(elapsed = 0.5, transient = TRUE)
    on.exit(setTimeLimit(elapsed = Inf))
    f()
  }
  t0 <- proc.time()[["elapsed"]]
  expect_error(run(function() moran_local(d, "v", w, "id", nsim = 1e7)),
               "time limit")
  expect_error(run(function() moran_global(d, "v", w, "id", nsim = 99999)),
               "time limit")
  # both stopped long before they would have finished (tens of seconds)
  expect_lt(proc.time()[["elapsed"]] - t0, 10)
  # every statistic on the shared engines: local (Gi*, Geary, bivariate)
  # and the global Geary and bivariate kernels
  d$u <- d$v^2
  for (f in list(
    function() getis_local(d, "u", w, "id", star = TRUE, nsim = 999999),
    function() geary_local(d, "v", w, "id", nsim = 999999),
    function() moran_local_bv(d, "v", "u", w, "id", nsim = 999999),
    function() geary_global(d, "v", w, "id", nsim = 999999),
    function() moran_bv(d, "v", "u", w, "id", nsim = 999999))) {
    t1 <- proc.time()[["elapsed"]]
    expect_error(run(f), "time limit")
    # stopped inside the kernel, not after its minutes of work
    expect_lt(proc.time()[["elapsed"]] - t1, 10)
  }
  small <- moran_local(d[1:4, ], "v", spatial_weights(grid_edges(2, 2)),
                       "id", nsim = 9)
  expect_equal(nrow(small), 4L)
})

test_that("the inequality kernels are accurate on 1e6 values over 16 decades", {
  set.seed(3)
  n <- 1e6
  y <- 10^stats::runif(n, -8, 8)
  g <- sample(c("a", "b", "c", "d"), n, replace = TRUE)
  # references in R: sum() and mean() accumulate in long double
  s <- sort(y)
  m <- as.numeric(seq_len(n - 1))
  ref_gini <- sum(m * (n - m) * diff(s)) / (n^2 * mean(s))
  expect_equal(gini(y), ref_gini, tolerance = 1e-12)
  q <- y / mean(y)
  ref_t <- mean(q * log(q))
  th <- theil(data.frame(y = y, g = g), "y", group = "g")
  expect_equal(th$overall$theil, ref_t, tolerance = 1e-12)
  expect_equal(th$overall$within + th$overall$between, ref_t,
               tolerance = 1e-12)
  dg <- dagum_gini(data.frame(y = y, g = g), "y", "g")
  expect_equal(dg$overall$gini, ref_gini, tolerance = 1e-12)
  o <- dg$overall
  expect_equal(o$within + o$between + o$transvariation, ref_gini,
               tolerance = 1e-12)
})

test_that("entropy with shift = 0 and many zeros stays finite", {
  set.seed(4)
  d <- data.frame(id = rep(1:50, 4), t = rep(1:4, each = 50),
                  a = c(rep(0, 190), stats::rexp(10)),
                  b = stats::rexp(200))
  spec <- data.frame(indicator = c("a", "b"), direction = "+")
  w <- entropy_weights(d, spec, "id", "t", shift = 0)
  expect_true(all(is.finite(w$entropy)) && all(w$entropy <= 1))
  v <- (d$a - min(d$a)) / diff(range(d$a))
  p <- v / sum(v)
  expect_equal(w$entropy[1], -sum(p[p > 0] * log(p[p > 0])) / log(200),
               tolerance = 1e-12)
  idx <- composite_index(d, spec, "id", "t", shift = 0)
  expect_true(all(is.finite(idx$scores$score)))
})
