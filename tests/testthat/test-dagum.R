test_that("Dagum's published small cases come out exactly", {
  d <- data.frame(y = 1:4, g = c(0, 0, 1, 1))
  o <- dagum_gini(d, "y", "g")$overall
  expect_equal(unlist(o[c("gini", "within", "between", "transvariation")]),
               c(gini = 0.25, within = 0.05, between = 0.20,
                 transvariation = 0))
  d$g <- c(0, 1, 1, 0)
  o <- dagum_gini(d, "y", "g")$overall
  expect_equal(unlist(o[c("gini", "within", "between", "transvariation")]),
               c(gini = 0.25, within = 0.10, between = 0,
                 transvariation = 0.15))
})

test_that("every Dagum quantity equals the double-loop definition", {
  set.seed(42)
  pair_key <- function(a, b) ifelse(a < b, paste(a, b), paste(b, a))
  for (k in 2:7) {
    d <- do.call(rbind, lapply(2001:2003, function(t) {
      n <- sample(k:40, 1)
      y <- round(stats::rlnorm(n), 1)                        # ties
      y[sample(n, 2)] <- 0                                   # zeros
      g <- c(seq_len(k), sample(k, n - k, replace = TRUE))   # one-member groups
      data.frame(y = y, g = paste0("g", g), year = t)
    }))
    # periods of different sizes (no id): a message, not an error
    dg <- suppressMessages(dagum_gini(d, "y", "g", "year"),
                           classes = "regineq_message_unbalanced")
    for (t in 2001:2003) {
      s <- d[d$year == t, ]
      ref <- brute_dagum(s$y, s$g)
      o <- dg$overall[dg$overall$year == t, ]
      expect_equal(o$gini, ref$G, tolerance = 1e-12)
      expect_equal(o$within, ref$Gw, tolerance = 1e-12)
      expect_equal(o$between, ref$Gnb, tolerance = 1e-12)
      expect_equal(o$transvariation, ref$Gt, tolerance = 1e-12)
      expect_equal(o$within + o$between + o$transvariation, o$gini,
                   tolerance = 1e-14)
      lev <- unique(s$g)
      w <- dg$within[dg$within$year == t, ]
      expect_equal(w$gini[match(lev, w$group)], ref$Gjj, tolerance = 1e-12)
      b <- dg$between[dg$between$year == t, ]
      key <- pair_key(b$group_1, b$group_2)
      pairs <- utils::combn(lev, 2)
      rk <- pair_key(pairs[1, ], pairs[2, ])
      expect_equal(b$gini[match(rk, key)], ref$Gjh, tolerance = 1e-12)
      expect_equal(b$D[match(rk, key)], ref$D, tolerance = 1e-12)
    }
  }
})

test_that("Dagum is scale and permutation invariant; D is in [0, 1]", {
  set.seed(7)
  d <- data.frame(y = stats::rexp(200), g = sample(letters[1:4], 200, TRUE),
                  t = rep(1:4, 50))
  a <- dagum_gini(d, "y", "g", "t")
  d2 <- d
  d2$y <- d2$y * 1e6
  b <- dagum_gini(d2[sample(nrow(d2)), ], "y", "g", "t")
  expect_equal(b$overall, a$overall, tolerance = 1e-12)
  ka <- paste(a$between$t, pmin(a$between$group_1, a$between$group_2),
              pmax(a$between$group_1, a$between$group_2))
  kb <- paste(b$between$t, pmin(b$between$group_1, b$between$group_2),
              pmax(b$between$group_1, b$between$group_2))
  expect_equal(b$between$gini[match(ka, kb)], a$between$gini,
               tolerance = 1e-12)
  expect_equal(b$between$D[match(ka, kb)], a$between$D, tolerance = 1e-12)
  expect_true(all(a$between$D >= 0 & a$between$D <= 1))
  d3 <- d
  d3$y <- d3$y * 1e-300
  expect_equal(dagum_gini(d3, "y", "g", "t")$overall, a$overall,
               tolerance = 1e-12)
})

test_that("identical groups have D = 0, not NaN", {
  d <- data.frame(y = c(1, 2, 1, 2, 5, 5), g = c("a", "a", "b", "b", "c", "c"))
  dg <- dagum_gini(d, "y", "g")
  expect_equal(dg$between$D[1], 0)
  d2 <- data.frame(y = c(3, 3, 3, 3), g = c("a", "a", "b", "b"))
  dg2 <- dagum_gini(d2, "y", "g")
  expect_equal(dg2$overall$gini, 0)
  expect_true(is.na(dg2$overall$share_within))
  expect_false(any(is.nan(unlist(dg2$between[c("gini", "D")]))))
})

test_that("nqpf_level reproduces the NQPF-level study's Table 3 G and Table 5 G_jh", {
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  t3 <- utils::read.csv(system.file("extdata",
                                    "nqpf_level_table3_dagum_overall.csv",
                                    package = "regineq"))
  expect_lt(max(abs(dg$overall$gini - t3$gini)), 0.001)
  t5 <- utils::read.csv(system.file("extdata",
                                    "nqpf_level_table5_dagum_between.csv",
                                    package = "regineq"))
  b <- dg$between
  key <- tolower(paste(b$group_1, b$group_2, sep = "_"))
  for (col in setdiff(names(t5), "year")) {
    ours <- b$gini[key == col]
    expect_lt(max(abs(ours - t5[[col]])), 0.0025)
  }
  # Table 4 and the published shares cannot come from these scores: record
  # the size of the gap instead of hiding it.
  t4 <- utils::read.csv(system.file("extdata",
                                    "nqpf_level_table4_dagum_within.csv",
                                    package = "regineq"))
  ne <- dg$within$gini[dg$within$group == "Northeast"]
  expect_gt(max(abs(ne - t4$northeast)), 0.05)
  shares <- t3$contrib_within_pct + t3$contrib_between_pct +
    t3$contrib_transvariation_pct
  expect_gt(mean(shares), 100.5)
  expect_equal(rowSums(dg$overall[c("share_within", "share_between",
                                     "share_transvariation")]),
               rep(1, 10), tolerance = 1e-12)
})

test_that("Dagum bad input gets clear errors", {
  d <- data.frame(y = c(1, 2, 3, 4), g = c("a", "a", "b", "b"), t = 1)
  expect_error(dagum_gini(d, "y", "zz"), class = "regineq_error_column")
  d1 <- d
  d1$g <- "a"
  expect_error(dagum_gini(d1, "y", "g"), class = "regineq_error_size",
               regexp = "column `g` has one")
  d2 <- d
  d2$y[2] <- -1
  expect_error(dagum_gini(d2, "y", "g"), class = "regineq_error_value",
               regexp = "non-negative.*row 2 \\(a\\)")
  d2$y[2] <- NA
  expect_error(dagum_gini(d2, "y", "g"), class = "regineq_error_missing",
               regexp = "column `y` has NA in row 2")
  d2$y[2] <- Inf
  expect_error(dagum_gini(d2, "y", "g"), class = "regineq_error_missing",
               regexp = "has Inf in row 2")
  d2 <- d
  d2$g[3] <- NA
  expect_error(dagum_gini(d2, "y", "g"), class = "regineq_error_missing",
               regexp = "`group`.*column `g` has NA in row 3")
  d2 <- d
  d2$y <- as.character(d2$y)
  expect_error(dagum_gini(d2, "y", "g"), class = "regineq_error_type")
  expect_error(dagum_gini(d[1, ], "y", "g"), class = "regineq_error_size")
  d3 <- rbind(d, data.frame(y = 5, g = "a", t = 2))
  expect_error(dagum_gini(d3, "y", "g", "t"), class = "regineq_error_size",
               regexp = "period `2` has fewer")
  d4 <- rbind(d, data.frame(y = c(5, 6), g = "a", t = 2))
  expect_error(suppressMessages(dagum_gini(d4, "y", "g", "t"),
                                classes = "regineq_message_unbalanced"),
               class = "regineq_error_size", regexp = "period `2` has one")
  d4$pop <- 1
  expect_error(suppressMessages(dagum_gini(d4, "y", "g", "t",
                                           population = "pop"),
                                classes = "regineq_message_unbalanced"),
               class = "regineq_error_size", regexp = "period `2` has one")
  d5 <- d
  d5$y <- 0
  expect_error(dagum_gini(d5, "y", "g"), class = "regineq_error_value",
               regexp = "positive mean")
})

test_that("Dagum results print, summarise and plot", {
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  expect_output(print(dg), "Dagum Gini decomposition")
  expect_equal(nrow(summary(dg)), 4L)
  expect_identical(as.data.frame(dg), dg$overall)
  f <- tempfile(fileext = ".png")
  grDevices::png(f, width = 800, height = 600)
  for (type in c("contribution", "within", "between")) {
    expect_invisible(plot(dg, type = type))
  }
  expect_invisible(plot(theil(nqpf_level, "score", "region", "year")))
  expect_invisible(plot(sigma_convergence(nqpf_level, "score", "year",
                                          group = "region")))
  grDevices::dev.off()
  expect_gt(file.size(f), 0)
  unlink(f)
})

test_that("Dagum error messages read as documented", {
  d <- error_panel()
  expect_snapshot(error = TRUE, dagum_gini(transform(d, y = -y), "y", "g"))
})

test_that("time splits the decomposition by period", {
  d <- data.frame(t = rep(1:2, each = 6), g = rep(c("a", "b"), 6),
                  y = c(1, 2, 3, 4, 5, 6, 2, 2, 9, 1, 4, 4))
  by_t <- dagum_gini(d, "y", "g", "t")$overall
  pooled <- dagum_gini(d, "y", "g")$overall
  for (k in 1:2) {
    one <- brute_dagum(d$y[d$t == k], d$g[d$t == k])
    expect_equal(by_t$gini[k], one$G, tolerance = 1e-14)
  }
  expect_equal(pooled$gini, brute_dagum(d$y, d$g)$G, tolerance = 1e-14)
})


# The claims of vignette("replicate-nqpf-level") and vignette("regineq"),
# checked against the published tables and a double-loop Gini written here.
nqpf_tables <- function() {
  rd <- function(f) {
    utils::read.csv(system.file("extdata", f, package = "regineq"))
  }
  list(t3 = rd("nqpf_level_table3_dagum_overall.csv"),
       t4 = rd("nqpf_level_table4_dagum_within.csv"),
       t5 = rd("nqpf_level_table5_dagum_between.csv"))
}
loop_gini <- function(y) {
  s <- 0
  for (a in y) for (b in y) s <- s + abs(a - b)
  s / (2 * length(y)^2 * mean(y))
}
loop_gjh <- function(a, b) {
  s <- 0
  for (u in a) for (v in b) s <- s + abs(u - v)
  s / (length(a) * length(b) * (mean(a) + mean(b)))
}

test_that("East-West is the largest pair in 2014-2021, East-Northeast after", {
  tb <- nqpf_tables()
  pairs <- list(east_central = c("East", "Central"),
                east_west = c("East", "West"),
                east_northeast = c("East", "Northeast"),
                central_west = c("Central", "West"),
                central_northeast = c("Central", "Northeast"),
                west_northeast = c("West", "Northeast"))
  years <- 2014:2023
  loop <- t(sapply(years, function(t) {
    s <- nqpf_level[nqpf_level$year == t, ]
    sapply(pairs, function(p) {
      loop_gjh(s$score[s$region == p[1]], s$score[s$region == p[2]])
    })
  }))
  expected <- rep(c("east_west", "east_northeast"), c(8, 2))
  expect_identical(names(pairs)[apply(loop, 1, which.max)], expected)
  pub <- as.matrix(tb$t5[names(pairs)])
  expect_identical(colnames(pub)[apply(pub, 1, which.max)], expected)
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  b <- dg$between
  top <- vapply(split(b, b$year), function(d) {
    tolower(paste(d$group_1, d$group_2, sep = "_"))[which.max(d$gini)]
  }, "")
  expect_identical(unname(top), expected)
  # the order of all six pairs is the same in the published and recomputed
  # tables every year; the study's summary ranking holds in 2018-2021 only
  expect_identical(apply(pub, 1, order), apply(loop, 1, order))
  ranking <- c("east_west", "east_northeast", "east_central", "central_west",
               "central_northeast", "west_northeast")
  holds <- apply(pub[, ranking], 1, function(r) all(diff(r) < 0))
  expect_identical(years[holds], 2018:2021)
})

test_that("published Table 3 G exceed the G of the printed scores, all ten", {
  tb <- nqpf_tables()
  years <- tb$t3$year
  g <- vapply(years, function(t) {
    loop_gini(nqpf_level$score[nqpf_level$year == t])
  }, 1)
  expect_equal(dagum_gini(nqpf_level, "score", "region", "year")$overall$gini,
               g, tolerance = 1e-12)
  d <- tb$t3$gini - g
  expect_true(all(d > 0))
  expect_identical(round(range(d), 4), c(1e-4, 6e-4))
  # rounding to 3 decimals moves G both ways around 0 and never by as much
  # on average over the ten years
  set.seed(3)
  shift <- replicate(200, {
    x <- nqpf_level$score + stats::runif(nrow(nqpf_level), -5e-4, 5e-4)
    vapply(years, function(t) loop_gini(x[nqpf_level$year == t]), 1) - g
  })
  expect_true(all(rowSums(shift > 0) > 50 & rowSums(shift < 0) > 50))
  expect_lt(max(abs(shift)), 1e-3)
  expect_lt(max(colMeans(shift)), mean(d))
  expect_lt(abs(mean(shift)), 5e-5)
})

test_that("published Table 5 differs from the recomputed G_jh both ways", {
  tb <- nqpf_tables()
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  b <- dg$between
  key <- tolower(paste(b$group_1, b$group_2, sep = "_"))
  d5 <- vapply(seq_len(nrow(b)), function(i) {
    tb$t5[tb$t5$year == b$year[i], key[i]] - b$gini[i]
  }, 1)
  expect_identical(c(sum(d5 > 0), sum(d5 < 0)), c(24L, 36L))
  expect_identical(round(range(d5), 4), c(-0.0017, 0.0009))
})

test_that("Table 4's Northeast Gini is above any Gini its scores allow", {
  tb <- nqpf_tables()
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  w <- dg$within
  groups <- c(east = "East", central = "Central", west = "West",
              northeast = "Northeast")
  for (k in names(groups)) {
    ours <- w$gini[w$group == groups[[k]]]
    loop <- vapply(2014:2023, function(t) {
      loop_gini(nqpf_level$score[nqpf_level$year == t &
                                   nqpf_level$region == groups[[k]]])
    }, 1)
    expect_equal(ours, loop, tolerance = 1e-12)
    expect_true(all(tb$t4[[k]] > ours))
  }
  # three values whose largest is r times the smallest: the Gini is largest
  # at (1, 1, r) or (1, r, r); check that against a fine grid
  r <- 1.3
  grid <- seq(1, r, length.out = 61)
  best <- max(vapply(grid, function(m) loop_gini(c(1, m, r)), 1))
  expect_equal(best, max(loop_gini(c(1, 1, r)), loop_gini(c(1, r, r))))
  ne <- nqpf_level[nqpf_level$region == "Northeast", ]
  ratio <- tapply(ne$score, ne$year, function(s) max(s) / min(s))
  bound <- vapply(ratio, function(r) {
    max(loop_gini(c(1, 1, r)), loop_gini(c(1, r, r)))
  }, 1)
  expect_true(all(tb$t4$northeast > bound))
  shares <- rowSums(tb$t3[c("contrib_within_pct", "contrib_between_pct",
                            "contrib_transvariation_pct")])
  expect_identical(round(range(shares), 2), c(100.54, 100.90))
})

test_that("dagum_gini() on an unbalanced panel: all rows or balanced", {
  u <- unbalanced_level()
  b <- balanced_by_hand(u)
  expect_message(a <- dagum_gini(u, "score", "region", "year",
                                 id = "province"),
                 class = "regineq_message_unbalanced",
                 regexp = "`Beijing` \\(2015 and 2016\\) and `Hainan`")
  expect_message(dagum_gini(u, "score", "region", "year"),
                 class = "regineq_message_unbalanced",
                 regexp = "29 in period 2015")
  for (t in c(2015, 2023)) {
    s <- u[u$year == t, ]
    ref <- brute_dagum(s$score, s$region)
    o <- a$overall[a$overall$year == t, ]
    expect_equal(c(o$gini, o$within, o$between, o$transvariation),
                 c(ref$G, ref$Gw, ref$Gnb, ref$Gt), tolerance = 1e-12)
  }
  expect_message(bal <- dagum_gini(u, "score", "region", "year",
                                   id = "province", balanced = TRUE),
                 class = "regineq_message_unbalanced",
                 regexp = "balanced subset")
  ref <- dagum_gini(b, "score", "region", "year")
  expect_equal(bal$overall, ref$overall)
  expect_equal(bal$within, ref$within)
  expect_equal(bal$between, ref$between)
  expect_false(isTRUE(all.equal(bal$overall$gini, a$overall$gini)))
  # a group whose only region lacks a period leaves the balanced subset
  d <- data.frame(id = rep(c("a1", "a2", "b1", "b2", "c1"), 2),
                  t = rep(1:2, each = 5), g = rep(c("a", "a", "b", "b", "c"), 2),
                  y = c(1, 2, 4, 7, 3, 2, 3, 5, 9, 4))[-10, ]
  hand <- d[d$id != "c1", ]
  got <- suppressMessages(dagum_gini(d, "y", "g", "t", id = "id",
                                     balanced = TRUE),
                          classes = "regineq_message_unbalanced")
  ref <- dagum_gini(hand, "y", "g", "t")
  expect_equal(got$within, ref$within)
  expect_equal(got$overall, ref$overall)
  expect_equal(got$between, ref$between)
})
