test_that("gini() equals the double-loop definition, per period and group", {
  set.seed(1)
  d <- data.frame(y = round(stats::rexp(90), 2), g = rep(c("a", "b", "c"), 30),
                  t = rep(1:3, each = 30))
  gg <- gini(d, "y", group = "g", time = "t")
  for (r in seq_len(nrow(gg))) {
    v <- d$y[d$t == gg$t[r] & d$g == gg$group[r]]
    expect_equal(gg$gini[r], sum(abs(outer(v, v, "-"))) / (2 * length(v)^2 *
                                                              mean(v)),
                 tolerance = 1e-12)
    expect_equal(gg$mean[r], mean(v))
    expect_equal(gg$n[r], length(v))
  }
  g1 <- gini(d, "y", time = "t")
  expect_named(g1, c("t", "n", "mean", "gini"))
  v <- d$y[d$t == 2]
  expect_equal(g1$gini[2], sum(abs(outer(v, v, "-"))) / (2 * 900 * mean(v)),
               tolerance = 1e-12)
  expect_equal(gini(c(1, 2, 3, 4)), 0.25)
  expect_equal(gini(c(0, 0, 0, 5)), 0.75)
  expect_equal(gini(rep(2, 5)), 0)
})

test_that("Gini is accurate over a wide dynamic range", {
  set.seed(2)
  v <- 10^stats::runif(2000, -8, 8)
  ref <- {
    s <- sort(v)
    n <- length(s)
    # exact-ish: pairwise sum in gap form with long accumulation in R
    sum(as.numeric(seq_len(n - 1)) * (n - seq_len(n - 1)) * diff(s)) /
      (n^2 * mean(s))
  }
  expect_equal(gini(v), ref, tolerance = 1e-12)
  expect_equal(gini(v * 1e290), gini(v), tolerance = 1e-12)
})

test_that("theil() decomposes exactly and equals the definition", {
  set.seed(3)
  d <- data.frame(y = stats::rexp(120), g = sample(c("a", "b", "c"), 120, TRUE),
                  t = rep(1:4, 30))
  d$y[c(5, 9)] <- 0
  for (type in c("T", "L")) {
    dd <- if (type == "L") d[d$y > 0, ] else d
    th <- suppressMessages(theil(dd, "y", group = "g", time = "t",
                                 type = type),
                           classes = "regineq_message_unbalanced")
    for (t in 1:4) {
      s <- dd[dd$t == t, ]
      ref <- brute_theil(s$y, s$g, type)
      o <- th$overall[th$overall$t == t, ]
      expect_equal(o$theil, ref$total, tolerance = 1e-12)
      expect_equal(o$within, ref$within, tolerance = 1e-12)
      expect_equal(o$between, ref$between, tolerance = 1e-12)
      expect_equal(o$within + o$between, o$theil, tolerance = 1e-12)
      gr <- th$groups[th$groups$t == t, ]
      expect_equal(gr$theil[match(unique(s$g), gr$group)], ref$groups,
                   tolerance = 1e-12)
    }
    expect_equal(th$overall$share_within + th$overall$share_between,
                 rep(1, 4))
  }
  expect_named(th$overall, c("t", "theil", "within", "between",
                             "share_within", "share_between"))
  expect_named(th$groups, c("t", "group", "n", "mean", "theil"))
})

test_that("theil() without groups: within is the index, between is 0", {
  th <- theil(nqpf_level, "score", time = "year")
  expect_equal(th$overall$within, th$overall$theil)
  expect_equal(th$overall$between, rep(0, 10), tolerance = 1e-15)
  expect_output(print(th), "Theil's T")
})

test_that("Theil and Gini are scale invariant and survive extreme scales", {
  d <- data.frame(y = c(1, 2, 3, 10, 0.5), g = c("a", "a", "b", "b", "b"))
  base <- theil(d, "y", "g")$overall
  for (s in c(1e-300, 1e300)) {
    d2 <- d
    d2$y <- d2$y * s
    expect_equal(theil(d2, "y", "g")$overall, base, tolerance = 1e-12)
    expect_equal(theil(d2, "y", "g", type = "L")$overall,
                 theil(d, "y", "g", type = "L")$overall, tolerance = 1e-12)
    expect_equal(gini(d2, "y")$gini, gini(d, "y")$gini, tolerance = 1e-12)
  }
})

test_that("Theil T and L of two values mu (1 - h), mu (1 + h) are exact", {
  # the even terms of f(h) + f(-h) and g(h) + g(-h): no cancellation.
  # Indices as small as 1e-27 are compared as ratios: expect_equal() would
  # compare them absolutely.
  series_t <- function(h) sum(h^(2 * (1:60)) / (2 * (1:60) * (2 * (1:60) - 1)))
  series_l <- function(h) sum(h^(2 * (1:60)) / (2 * (1:60)))
  for (k in c(1, 2, 4, 7, 10, 20, 30, 45)) {
    h <- 2^-k
    for (mu in c(1, 2^-40, 2^40)) {
      d <- data.frame(y = mu * c(1 - h, 1 + h))
      expect_equal(theil(d, "y")$overall$theil / series_t(h), 1,
                   tolerance = 1e-14)
      expect_equal(theil(d, "y", type = "L")$overall$theil / series_l(h), 1,
                   tolerance = 1e-14)
    }
    if (k <= 10) { # the closed forms, accurate enough where h is not tiny
      expect_equal(series_t(h) /
                     (((1 + h) * log1p(h) + (1 - h) * log1p(-h)) / 2), 1,
                   tolerance = 1e-10)
      expect_equal(series_l(h) / (-(log1p(h) + log1p(-h)) / 2), 1,
                   tolerance = 1e-10)
    }
  }
  # 1e9 +- 1/4 (exact doubles): h = 2.5e-10, T = h^2/2 + h^4/12
  d <- data.frame(y = 1e9 + c(-0.25, 0.25))
  expect_equal(theil(d, "y")$overall$theil / ((2.5e-10)^2 / 2), 1,
               tolerance = 1e-14)
  expect_equal(theil(d, "y", type = "L")$overall$theil / ((2.5e-10)^2 / 2), 1,
               tolerance = 1e-14)
})

test_that("Theil is accurate and decomposes at very low dispersion", {
  # T and L of the exact deviations d from the mean of y = level + noise, by
  # their series to d^5 (the next term is below 1e-13 relative here)
  ft <- function(d) mean(d^2 / 2 - d^3 / 6 + d^4 / 12 - d^5 / 20)
  fl <- function(d) mean(d^2 / 2 - d^3 / 3 + d^4 / 4 - d^5 / 5)
  set.seed(11)
  for (level in c(1e3, 1e6, 1e9, 1e12, 1e14)) {
    y <- level + stats::runif(1000)
    g <- rep(c("a", "b", "c", "d"), c(100, 200, 300, 400))
    y[g == "d"] <- y[g == "d"] + 0.25
    d <- data.frame(y = y, g = g)
    # the same data as exact differences from `level`
    x <- y - level
    m <- level + mean(x)
    dev <- (x - mean(x)) / m
    delta <- (tapply(x, g, mean) - mean(x)) / m
    p <- as.vector(table(g)) / 1000
    for (type in c("T", "L")) {
      f <- if (type == "T") ft else fl
      th <- theil(d, "y", group = "g", type = type)
      o <- th$overall
      # as ratios: expect_equal() compares numbers below its tolerance
      # absolutely
      expect_equal(o$theil / f(dev), 1, tolerance = 1e-12)
      expect_equal(o$between / sum(p * vapply(delta, f, 1)), 1,
                   tolerance = 1e-12)
      expect_equal((o$within + o$between) / o$theil, 1, tolerance = 1e-13)
      for (k in unique(g)) {
        xk <- x[g == k]
        dk <- (xk - mean(xk)) / (level + mean(xk))
        expect_equal(th$groups$theil[th$groups$group == k] / f(dk), 1,
                     tolerance = 1e-12)
      }
    }
  }
})

test_that("Theil is never negative, however small", {
  set.seed(12)
  for (r in 1:50) {
    y <- 10^stats::runif(1, 0, 15) + stats::runif(stats::rpois(1, 30) + 2)
    d <- data.frame(y = y, g = rep(1:2, length.out = length(y)))
    for (type in c("T", "L")) {
      o <- theil(d, "y", "g", type = type)$overall
      expect_true(o$theil >= 0 && o$within >= 0 && o$between >= 0)
    }
  }
  d <- data.frame(y = rep(1e9 + 0.5, 10), g = rep(1:2, 5))
  expect_equal(theil(d, "y", "g")$overall$theil, 0)
  expect_equal(theil(d, "y", "g", type = "L")$overall$between, 0)
})

test_that("Theil L between groups survives a group mean far below the mean", {
  # delta_g = mu_g / mu - 1 rounds to -1: ln(mu_g / mu) must come from logs
  d <- data.frame(y = c(1, 3, 1e-280, 3e-280, 5e-90, 2e-90),
                  g = rep(c("a", "b", "c"), each = 2))
  for (type in c("T", "L")) {
    o <- theil(d, "y", "g", type = type)$overall
    ref <- brute_theil(d$y, d$g, type)
    expect_equal(o$theil, ref$total, tolerance = 1e-14)
    expect_equal(o$within, ref$within, tolerance = 1e-14)
    expect_equal(o$between, ref$between, tolerance = 1e-14)
  }
})

test_that("Theil's decomposition keeps an all-zero group", {
  # group b is all zero: T_b = sum s_g ln(mu_g / mu) over the groups with
  # mu_g > 0 (0 ln 0 = 0), here ln 2 as a holds all the income of half the
  # people
  d <- data.frame(y = c(1, 2, 3, 0, 0, 0), g = rep(c("a", "b"), each = 3))
  o <- theil(d, "y", "g")$overall
  ta <- mean((1:3 / 2) * log(1:3 / 2))
  expect_equal(o$between, log(2), tolerance = 1e-15)
  expect_equal(o$within, ta, tolerance = 1e-15)
  expect_equal(o$theil, brute_theil(d$y, d$g)$total, tolerance = 1e-15)
})

test_that("inequality bad input gets clear errors", {
  d <- data.frame(y = c(1, 0, 3, 4), g = c("a", "a", "b", "b"))
  expect_error(theil(d, "y", "g", type = "L"), class = "regineq_error_value",
               regexp = "must be positive.*row 2 \\(a\\)")
  expect_error(theil(d, "y", "g", type = "X"), class = "regineq_error_value")
  expect_error(gini(d, "yy"), class = "regineq_error_column")
  expect_error(gini(c(1, NA)), class = "regineq_error_missing",
               regexp = "`data` must be finite.*row 2")
  expect_error(gini(c(-1, 2)), class = "regineq_error_value")
  expect_error(gini(5), class = "regineq_error_size")
  expect_error(gini(list(1, 2)), class = "regineq_error_type")
  expect_error(theil(d, 3), class = "regineq_error_type",
               regexp = "`value` must be a single column name")
})

test_that("long runs (radix-sorted in C) give the same Gini as sort()", {
  set.seed(9)
  y <- c(stats::rlnorm(30000), 0, -0, 1e-300, 7)
  g <- sample(c("a", "b"), length(y), TRUE)
  res <- gini(data.frame(y = y, g = g), "y", group = "g")
  for (k in c("a", "b")) {
    s <- sort(y[g == k])
    n <- length(s)
    ref <- sum(as.numeric(seq_len(n - 1)) * (n - seq_len(n - 1)) * diff(s)) /
      (n^2 * mean(s))
    expect_equal(res$gini[res$group == k], ref, tolerance = 1e-12)
  }
  d <- data.frame(y = y, g = g, t = rep(1:2, length.out = length(y)))
  dg <- dagum_gini(d, "y", "g", "t")
  for (t in 1:2) {
    expect_equal(dg$overall$gini[t], gini(y[d$t == t]), tolerance = 1e-12)
  }
})

test_that("inequality error messages read as documented", {
  d <- error_panel()
  expect_snapshot(error = TRUE, theil(d, "y", "g", "year", type = "L"))
  expect_snapshot(error = TRUE, gini(c(1, NA, 3)))
})

test_that("gini() and theil() on an unbalanced panel: all rows or balanced", {
  u <- unbalanced_level()
  b <- balanced_by_hand(u)
  quiet <- function(expr) {
    suppressMessages(expr, classes = "regineq_message_unbalanced")
  }
  # balanced = FALSE uses every row of each period: the Gini of each
  # period's own values, computed here by the definition
  all_rows <- quiet(gini(u, "score", time = "year", id = "province"))
  def <- function(y) sum(abs(outer(y, y, "-"))) / (2 * length(y)^2 * mean(y))
  expect_equal(all_rows$gini, vapply(split(u$score, u$year), def, 1),
               tolerance = 1e-12, ignore_attr = TRUE)
  expect_equal(all_rows$n, as.vector(table(u$year)))
  expect_equal(quiet(gini(u, "score", time = "year")), all_rows,
               ignore_attr = "regineq_inputs")
  # balanced = TRUE equals the verb on the balanced rows built by hand
  bal <- quiet(gini(u, "score", time = "year", id = "province",
                    balanced = TRUE))
  expect_equal(bal, gini(b, "score", time = "year"),
               ignore_attr = "regineq_inputs")
  expect_true(all(bal$n == 28L))
  expect_false(isTRUE(all.equal(bal$gini, all_rows$gini)))
  gb <- quiet(gini(u, "score", "region", "year", id = "province",
                   balanced = TRUE))
  expect_equal(gb, gini(b, "score", "region", "year"),
               ignore_attr = "regineq_inputs")
  for (type in c("T", "L")) {
    tb <- quiet(theil(u, "score", "region", "year", type = type,
                      id = "province", balanced = TRUE))
    ta <- quiet(theil(u, "score", "region", "year", type = type))
    expect_equal(tb, theil(b, "score", "region", "year", type = type),
                 ignore_attr = "regineq_inputs")
    expect_equal(ta$overall$theil, vapply(split(u$score, u$year), function(y) {
      r <- y / mean(y)
      if (type == "T") mean(r * log(r)) else mean(-log(r))
    }, 1), tolerance = 1e-12, ignore_attr = TRUE)
    expect_false(isTRUE(all.equal(tb$overall$theil, ta$overall$theil)))
  }
  expect_message(theil(u, "score", time = "year", id = "province"),
                 class = "regineq_message_unbalanced",
                 regexp = "`theil\\(\\)` uses all available rows")
})
