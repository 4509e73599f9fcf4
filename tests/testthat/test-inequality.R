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
    th <- theil(dd, "y", group = "g", time = "t", type = type)
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
