test_that("weighted gini() equals the O(n^2) definition, per period and group", {
  for (seed in 1:3) {
    d <- make_wpanel(seed, zeros = seed == 2)
    gp <- gini(d, "y", time = "t", population = "pop")
    gg <- gini(d, "y", group = "g", time = "t", population = "pop")
    expect_named(gp, c("t", "n", "population", "mean", "gini"))
    expect_named(gg, c("t", "group", "n", "population", "mean", "gini"))
    for (t in 1:3) {
      s <- d[d$t == t, ]
      expect_equal(gp$gini[t], bw_gini(s$y, s$pop), tolerance = 1e-12)
      expect_equal(gp$mean[t], weighted.mean(s$y, s$pop), tolerance = 1e-12)
      expect_equal(gp$population[t], sum(s$pop), tolerance = 1e-14)
      expect_equal(gp$n[t], nrow(s))
      for (k in unique(s$g)) {
        r <- gg[gg$t == t & gg$group == k, ]
        v <- s[s$g == k, ]
        expect_equal(r$gini, bw_gini(v$y, v$pop), tolerance = 1e-12)
        expect_equal(r$mean, weighted.mean(v$y, v$pop), tolerance = 1e-12)
        expect_equal(r$n, nrow(v))
      }
    }
    s <- d[d$t == 2, ]
    expect_equal(gini(s$y, population = s$pop), bw_gini(s$y, s$pop),
                 tolerance = 1e-12)
  }
  # a one-member group has Gini 0
  expect_equal(gg$gini[gg$t == 2 & gg$group == "d"], 0)
})

test_that("weighted theil() T and L and their parts equal the definition", {
  for (seed in 1:3) {
    for (type in c("T", "L")) {
      d <- make_wpanel(seed, zeros = type == "T")
      th <- theil(d, "y", group = "g", time = "t", type = type,
                  population = "pop")
      expect_named(th$groups, c("t", "group", "n", "population", "mean",
                                "theil"))
      for (t in 1:3) {
        s <- d[d$t == t, ]
        ref <- bw_theil(s$y, s$pop, s$g)
        o <- th$overall[th$overall$t == t, ]
        key <- if (type == "T") "t" else "l"
        expect_equal(o$theil, ref[[key]], tolerance = 1e-12)
        expect_equal(o$within, ref[[paste0(key, "_within")]],
                     tolerance = 1e-12)
        expect_equal(o$between, ref[[paste0(key, "_between")]],
                     tolerance = 1e-12)
        # exact decomposition
        expect_lt(abs(o$within + o$between - o$theil), 1e-14)
        gr <- th$groups[th$groups$t == t, ]
        i <- match(names(ref$n), gr$group)
        expect_equal(gr$theil[i], unname(ref[[paste0(key, "_groups")]]),
                     tolerance = 1e-12)
        expect_equal(gr$population[i], unname(ref$population),
                     tolerance = 1e-14)
        expect_equal(gr$mean[i], unname(ref$mean), tolerance = 1e-12)
        expect_equal(gr$n[i], unname(ref$n))
      }
    }
  }
  # without groups, within is the index
  th <- theil(d, "y", time = "t", population = "pop")
  expect_equal(th$overall$within, th$overall$theil)
  expect_equal(th$overall$between, rep(0, 3))
})

test_that("weighted dagum_gini() equals Dagum's weighted form by definition", {
  for (seed in 1:3) {
    d <- make_wpanel(seed, zeros = seed == 3)
    dg <- dagum_gini(d, "y", "g", "t", population = "pop")
    expect_named(dg$within, c("t", "group", "n", "population", "mean",
                              "gini"))
    for (t in 1:3) {
      s <- d[d$t == t, ]
      ref <- bw_dagum(s$y, s$pop, s$g)
      o <- dg$overall[dg$overall$t == t, ]
      expect_equal(o$gini, ref$gini, tolerance = 1e-12)
      expect_equal(o$within, ref$within, tolerance = 1e-12)
      expect_equal(o$between, ref$between, tolerance = 1e-12)
      expect_equal(o$transvariation, ref$transvariation, tolerance = 1e-12)
      expect_lt(abs(o$within + o$between + o$transvariation - o$gini), 1e-14)
      w <- dg$within[dg$within$t == t, ]
      i <- match(ref$groups, w$group)
      expect_equal(w$gini[i], ref$gjj, tolerance = 1e-12)
      expect_equal(w$population[i], unname(ref$population), tolerance = 1e-14)
      expect_equal(w$mean[i], unname(ref$mean), tolerance = 1e-12)
      expect_equal(w$n[i], unname(ref$n))
      b <- dg$between[dg$between$t == t, ]
      expect_equal(b$group_1, ref$group_1)
      expect_equal(b$group_2, ref$group_2)
      expect_equal(b$gini, ref$gjh, tolerance = 1e-12)
      expect_equal(b$D, ref$D, tolerance = 1e-12)
    }
  }
})

test_that("weighted sigma_convergence() has Williamson's V_w and V_uw", {
  for (seed in 1:3) {
    d <- make_wpanel(seed)
    sc <- sigma_convergence(d, "y", "t", population = "pop")
    expect_named(sc, c("t", "n", "population", "mean", "sd", "cv",
                       "williamson", "sigma", "theil", "gini"))
    sg <- sigma_convergence(d, "y", "t", group = "g", population = "pop")
    for (t in 1:3) {
      s <- d[d$t == t, ]
      ref <- bw_sigma(s$y, s$pop)
      got <- unlist(sc[sc$t == t, names(ref)])
      expect_equal(got, ref, tolerance = 1e-12)
      for (k in unique(s$g)) {
        v <- s[s$g == k, ]
        got <- unlist(sg[sg$t == t & sg$group == k, names(ref)])
        expect_equal(got, bw_sigma(v$y, v$pop), tolerance = 1e-12)
      }
    }
  }
  expect_false("williamson" %in% names(sigma_convergence(d, "y", "t")))
  expect_error(sigma_convergence(d, "y", "t", denominator = "n-1",
                                 population = "pop"),
               class = "regineq_error_argument",
               regexp = "`denominator = \"n-1\"` can't be used with `population`")
})

test_that("unit weights reproduce the unweighted verbs", {
  # the subsets below have fewer rows in some periods: that is intended
  gini <- quietly(gini)
  theil <- quietly(theil)
  dagum_gini <- quietly(dagum_gini)
  sigma_convergence <- quietly(sigma_convergence)
  d <- make_wpanel(4, zeros = TRUE)
  d$one <- 1
  dp <- d[d$y > 0, ]
  same <- function(a, b, cols = intersect(names(a), names(b))) {
    expect_equal(as.data.frame(a)[cols], as.data.frame(b)[cols],
                 tolerance = 1e-12, ignore_attr = TRUE)
  }
  for (g in list(NULL, "g")) {
    same(gini(d, "y", g, "t", population = "one"), gini(d, "y", g, "t"))
    th1 <- theil(d, "y", g, "t", population = "one")
    th0 <- theil(d, "y", g, "t")
    same(th1$overall, th0$overall)
    same(th1$groups, th0$groups)
    tl1 <- theil(dp, "y", g, "t", type = "L", population = "one")
    tl0 <- theil(dp, "y", g, "t", type = "L")
    same(tl1$overall, tl0$overall)
    same(tl1$groups, tl0$groups)
    s1 <- sigma_convergence(dp, "y", "t", g, population = "one")
    s0 <- sigma_convergence(dp, "y", "t", g)
    same(s1, s0)
    expect_equal(s1$williamson, s0$cv, tolerance = 1e-12)
    expect_equal(s1$population, s1$n)
  }
  dg1 <- dagum_gini(d, "y", "g", "t", population = "one")
  dg0 <- dagum_gini(d, "y", "g", "t")
  same(dg1$overall, dg0$overall)
  same(dg1$within, dg0$within)
  same(dg1$between, dg0$between)
  expect_equal(gini(d$y, population = d$one), gini(d$y), tolerance = 1e-12)
})

test_that("integer weights equal replicating the rows", {
  # the subsets below have fewer rows in some periods: that is intended
  gini <- quietly(gini)
  theil <- quietly(theil)
  dagum_gini <- quietly(dagum_gini)
  sigma_convergence <- quietly(sigma_convergence)
  d <- make_wpanel(5)
  d$w <- sample(0:4, nrow(d), replace = TRUE)
  d$w[d$t == 2 & d$g == "d"] <- 3 # the one-member group keeps a weight
  r <- d[rep(seq_len(nrow(d)), d$w), ]
  same <- function(a, b, cols) {
    expect_equal(as.data.frame(a)[cols], as.data.frame(b)[cols],
                 tolerance = 1e-12, ignore_attr = TRUE)
  }
  gw <- gini(d, "y", "g", "t", population = "w")
  g0 <- gini(r, "y", "g", "t")
  same(gw, g0, c("t", "group", "mean", "gini"))
  expect_equal(gw$population, g0$n)
  for (type in c("T", "L")) {
    tw <- theil(d, "y", "g", "t", type = type, population = "w")
    t0 <- theil(r, "y", "g", "t", type = type)
    same(tw$overall, t0$overall, names(t0$overall))
    same(tw$groups, t0$groups, c("t", "group", "mean", "theil"))
  }
  dw <- dagum_gini(d, "y", "g", "t", population = "w")
  d0 <- dagum_gini(r, "y", "g", "t")
  same(dw$overall, d0$overall, names(d0$overall))
  same(dw$within, d0$within, c("t", "group", "mean", "gini"))
  same(dw$between, d0$between, names(d0$between))
  sw <- sigma_convergence(d, "y", "t", "g", population = "w")
  s0 <- sigma_convergence(r, "y", "t", "g")
  same(sw, s0, c("t", "group", "mean", "sd", "sigma", "theil", "gini"))
  expect_equal(sw$williamson, s0$cv, tolerance = 1e-12)
  # n counts the regions of positive weight, each once
  expect_equal(sw$n, as.vector(table(d$t[d$w > 0], d$g[d$w > 0])[
    cbind(match(sw$t, 1:3), match(sw$group, c("a", "b", "c", "d")))]))
})

test_that("scaling every weight changes nothing but the population column", {
  d <- make_wpanel(6)
  strip <- function(x) {
    x <- as.data.frame(x)
    x[setdiff(names(x), "population")]
  }
  base <- list(
    gini(d, "y", "g", "t", population = "pop"),
    theil(d, "y", "g", "t", population = "pop")$overall,
    theil(d, "y", "g", "t", type = "L", population = "pop")$groups,
    dagum_gini(d, "y", "g", "t", population = "pop")$overall,
    dagum_gini(d, "y", "g", "t", population = "pop")$between,
    dagum_gini(d, "y", "g", "t", population = "pop")$within,
    sigma_convergence(d, "y", "t", "g", population = "pop"))
  for (k in c(1e-6, 1e6)) {
    d2 <- d
    d2$pop <- d2$pop * k
    got <- list(
      gini(d2, "y", "g", "t", population = "pop"),
      theil(d2, "y", "g", "t", population = "pop")$overall,
      theil(d2, "y", "g", "t", type = "L", population = "pop")$groups,
      dagum_gini(d2, "y", "g", "t", population = "pop")$overall,
      dagum_gini(d2, "y", "g", "t", population = "pop")$between,
      dagum_gini(d2, "y", "g", "t", population = "pop")$within,
      sigma_convergence(d2, "y", "t", "g", population = "pop"))
    for (i in seq_along(base)) {
      expect_equal(strip(got[[i]]), strip(base[[i]]), tolerance = 1e-12)
    }
    expect_equal(got[[1]]$population, base[[1]]$population * k,
                 tolerance = 1e-14)
  }
})

test_that("a zero weight equals dropping the row", {
  # the subsets below have fewer rows in some periods: that is intended
  gini <- quietly(gini)
  theil <- quietly(theil)
  dagum_gini <- quietly(dagum_gini)
  sigma_convergence <- quietly(sigma_convergence)
  d <- make_wpanel(7)
  zero <- c(1, 9, 30, 52)
  d$w <- d$pop
  d$w[zero] <- 0
  d$y[zero] <- c(1e6, 0, 500, 3) # values that must not count, a 0 for L
  kept <- d[-zero, ]
  same <- function(a, b) {
    expect_equal(as.data.frame(a), as.data.frame(b), tolerance = 1e-12,
                 ignore_attr = TRUE)
  }
  for (g in list(NULL, "g")) {
    same(gini(d, "y", g, "t", population = "w"),
         gini(kept, "y", g, "t", population = "w"))
    for (type in c("T", "L")) {
      a <- theil(d, "y", g, "t", type = type, population = "w")
      b <- theil(kept, "y", g, "t", type = type, population = "w")
      same(a$overall, b$overall)
      same(a$groups, b$groups)
    }
    same(sigma_convergence(d, "y", "t", g, population = "w"),
         sigma_convergence(kept, "y", "t", g, population = "w"))
  }
  a <- dagum_gini(d, "y", "g", "t", population = "w")
  b <- dagum_gini(kept, "y", "g", "t", population = "w")
  same(a$overall, b$overall)
  same(a$within, b$within)
  same(a$between, b$between)
  expect_equal(gini(d$y, population = d$w), gini(kept$y, population = kept$w),
               tolerance = 1e-12)
  # zero weights with unit weights elsewhere: the unweighted verb on the rest
  d$one <- as.double(d$w > 0)
  expect_equal(sigma_convergence(d, "y", "t", population = "one")$cv,
               sigma_convergence(kept, "y", "t")$cv, tolerance = 1e-12)
})

test_that("weighted Theil survives values at 1e9 plus noise", {
  set.seed(8)
  n <- 40
  e <- stats::rnorm(n)
  w <- 10^stats::runif(n, 0, 2)
  g <- rep(c("a", "b"), length.out = n)
  d <- data.frame(y = 1e9 + e, w = w, g = g)
  # by the definition on the deviations from the weighted mean (exact in
  # the noise): r_i = (y_i - mu) / mu
  p <- w / sum(w)
  mu <- 1e9 + sum(p * e)
  r <- (e - sum(p * e)) / mu
  ref_t <- sum(p * (1 + r) * log1p(r))
  ref_l <- -sum(p * log1p(r))
  tt <- theil(d, "y", population = "w")$overall$theil
  tl <- theil(d, "y", type = "L", population = "w")$overall$theil
  expect_gt(tt, 0)
  expect_equal(tt / ref_t, 1, tolerance = 1e-6)
  expect_equal(tl / ref_l, 1, tolerance = 1e-6)
  expect_equal(gini(d, "y", population = "w")$gini,
               sum(outer(p, p) * abs(outer(e, e, "-"))) / (2 * mu),
               tolerance = 1e-9)
  # with unit weights, the unweighted kernel
  d$one <- 1
  expect_equal(theil(d, "y", "g", population = "one")$overall$theil,
               theil(d, "y", "g")$overall$theil, tolerance = 1e-9)
})

test_that("zeros in values: T is defined, L is refused as without weights", {
  d <- make_wpanel(9, zeros = TRUE)
  expect_true(all(is.finite(theil(d, "y", "g", "t",
                                  population = "pop")$overall$theil)))
  expect_error(theil(d, "y", "g", "t", type = "L", population = "pop"),
               class = "regineq_error_value", regexp = "must be positive")
  expect_error(sigma_convergence(d, "y", "t", population = "pop"),
               class = "regineq_error_value", regexp = "must be positive")
  # all positive-weight values zero in a period: no positive mean
  d$pop[d$t == 2 & d$y > 0] <- 0
  d$pop[d$t == 2 & d$y == 0] <- 1
  expect_error(gini(d, "y", time = "t", population = "pop"),
               class = "regineq_error_value",
               regexp = "positive mean.*period `2` on the rows of positive")
})

test_that("bad population columns are classed errors naming the rows", {
  d <- make_wpanel(10)
  bad <- function(col, cls, regexp, verb = "gini") {
    d2 <- d
    d2$pop <- col
    f <- switch(verb,
                gini = function() gini(d2, "y", "g", "t", population = "pop"),
                theil = function() theil(d2, "y", "g", "t",
                                         population = "pop"),
                dagum = function() dagum_gini(d2, "y", "g", "t",
                                              population = "pop"),
                sigma = function() sigma_convergence(d2, "y", "t",
                                                     population = "pop"))
    expect_error(f(), class = cls, regexp = regexp)
  }
  for (verb in c("gini", "theil", "dagum", "sigma")) {
    neg <- d$pop
    neg[c(4, 40)] <- -1
    bad(neg, "regineq_error_value", paste0(
      "^`population` must be non-negative.*column `pop` has negative ",
      "values in rows 4, 40 \\((a )?1, (b )?2\\)"), verb)
    na <- d$pop
    na[7] <- NA
    bad(na, "regineq_error_missing",
        "`population` must be finite: column `pop` has NA in row 7 \\((a )?1\\)",
        verb)
    inf <- d$pop
    inf[12] <- Inf
    bad(inf, "regineq_error_missing",
        "`population` must be finite: column `pop` has Inf in row 12 \\((b )?1\\)",
        verb)
    bad(as.character(d$pop), "regineq_error_type",
        "`population` must name a numeric column: column `pop` is a character",
        verb)
    allz <- d$pop
    allz[d$t == 3] <- 0
    bad(allz, "regineq_error_value", paste0(
      "`population` must have a positive total in every period: column ",
      "`pop` is all zero in period `3` \\(rows 51, 52, 53, 54, 55 and 20 ",
      "more \\((a )?3"), verb)
  }
  for (verb in c("gini", "theil", "dagum")) {
    cell <- d$pop
    cell[d$t == 1 & d$g == "b"] <- 0
    bad(cell, "regineq_error_value", paste0(
      "`population` must have a positive total in every group of every ",
      "period: column `pop` is all zero for group `b` in period 1 \\(rows 8, ",
      "9, 10, 11, 12 \\(b 1"), verb)
  }
  expect_error(gini(d, "y", time = "t", population = "popp"),
               class = "regineq_error_column",
               regexp = "`population` must name a column of `data`: there is no column `popp`")
  expect_error(theil(d, "y", time = "t", population = d$pop),
               class = "regineq_error_type", regexp = "`population` must be")
  # one row of positive weight in a period is too few
  one <- d$pop
  one[d$t == 2][-1] <- 0
  d$one <- one
  expect_error(gini(d, "y", time = "t", population = "one"),
               class = "regineq_error_size",
               regexp = "positive `population` per period.*period 2")
  # the vector form
  expect_error(gini(1:4 + 0, population = c(1, 2, -1, 1)),
               class = "regineq_error_value",
               regexp = "`population` must be non-negative.*row 3")
  expect_error(gini(1:4 + 0, population = c(1, NA, 1, 1)),
               class = "regineq_error_missing",
               regexp = "`population` must be finite.*row 2")
  expect_error(gini(1:4 + 0, population = c(1, 1)),
               class = "regineq_error_size", regexp = "one weight per value")
  expect_error(gini(1:4 + 0, population = rep(0, 4)),
               class = "regineq_error_value", regexp = "all zero")
  expect_error(gini(1:4 + 0, population = "pop"),
               class = "regineq_error_type", regexp = "`population` must be numeric")
})

test_that("population works with balanced = TRUE and the unbalanced message", {
  u <- unbalanced_level()
  set.seed(11)
  u$pop <- round(stats::runif(nrow(u), 1, 100))
  b <- balanced_by_hand(u)
  quiet <- function(expr) {
    suppressMessages(expr, classes = "regineq_message_unbalanced")
  }
  expect_message(gini(u, "score", time = "year", id = "province",
                      population = "pop"),
                 class = "regineq_message_unbalanced")
  same <- function(a, b) {
    expect_equal(as.data.frame(a), as.data.frame(b), tolerance = 1e-12,
                 ignore_attr = TRUE)
  }
  same(quiet(gini(u, "score", "region", "year", population = "pop",
                  id = "province", balanced = TRUE)),
       gini(b, "score", "region", "year", population = "pop"))
  same(quiet(theil(u, "score", "region", "year", population = "pop",
                   id = "province", balanced = TRUE))$overall,
       theil(b, "score", "region", "year", population = "pop")$overall)
  same(quiet(dagum_gini(u, "score", "region", "year", population = "pop",
                        id = "province", balanced = TRUE))$between,
       dagum_gini(b, "score", "region", "year", population = "pop")$between)
  same(quiet(sigma_convergence(u, "score", "year", population = "pop",
                               id = "province", balanced = TRUE)),
       sigma_convergence(b, "score", "year", population = "pop"))
  # all rows: each period on its own rows, weighted
  a <- quiet(gini(u, "score", time = "year", population = "pop"))
  s <- u[u$year == 2015, ]
  expect_equal(a$gini[a$year == 2015], bw_gini(s$score, s$pop),
               tolerance = 1e-12)
  # an all-zero cell among the rows kept names the rows of `data`
  u$pop[u$province == "Beijing"] <- 0
  u$pop[u$region == "East" & u$year == 2017] <- 0
  rows <- which(u$region == "East" & u$year == 2017 &
                  !u$province %in% c("Beijing", "Hainan"))
  expect_error(quiet(gini(u, "score", "region", "year", population = "pop",
                          id = "province", balanced = TRUE)),
               class = "regineq_error_value",
               regexp = paste0("group `East` in period 2017 \\(rows ",
                               paste(rows[1:5], collapse = ", "), " and ",
                               length(rows) - 5, " more \\(",
                               u$province[rows[1]], " 2017"))
})

test_that("population changes the results and is recorded", {
  d <- make_wpanel(12)
  expect_false(isTRUE(all.equal(gini(d, "y", time = "t")$gini,
                                gini(d, "y", time = "t",
                                     population = "pop")$gini)))
  expect_false(isTRUE(all.equal(
    theil(d, "y", "g", "t")$overall$between,
    theil(d, "y", "g", "t", population = "pop")$overall$between)))
  expect_false(isTRUE(all.equal(
    dagum_gini(d, "y", "g", "t")$overall$transvariation,
    dagum_gini(d, "y", "g", "t", population = "pop")$overall$transvariation)))
  expect_false(isTRUE(all.equal(
    sigma_convergence(d, "y", "t")$sigma,
    sigma_convergence(d, "y", "t", population = "pop")$sigma)))
  expect_false(isTRUE(all.equal(gini(d$y), gini(d$y, population = d$pop))))
  th <- theil(d, "y", "g", "t", population = "pop")
  dg <- dagum_gini(d, "y", "g", "t", population = "pop")
  sc <- sigma_convergence(d, "y", "t", population = "pop")
  expect_equal(th$population, "pop")
  expect_equal(dg$population, "pop")
  expect_equal(attr(sc, "regineq")$population, "pop")
  expect_output(print(th), "population-weighted by `pop`")
  expect_output(print(dg), "population-weighted by `pop`")
  expect_output(print(sc), "population-weighted by `pop`")
  expect_false(any(grepl("population", capture.output(
    print(theil(d, "y", "g", "t"))))))
})

test_that("every verb keeps the inputs that inference replays", {
  d <- make_wpanel(13)
  res <- list(
    gini = gini(d, "y", "g", "t", population = "pop"),
    theil = theil(d, "y", "g", "t", type = "L", population = "pop"),
    dagum_gini = dagum_gini(d, "y", "g", "t", population = "pop"),
    sigma_convergence = sigma_convergence(d, "y", "t", population = "pop"))
  for (verb in names(res)) {
    inp <- attr(res[[verb]], "regineq_inputs", exact = TRUE)
    expect_equal(inp$verb, verb)
    expect_equal(inp$y, d$y)
    expect_equal(inp$w, d$pop)
    expect_equal(inp$settings$population, "pop")
    expect_equal(inp$settings$value, "y")
    expect_null(inp$pan$labels)
  }
  expect_equal(attr(res$theil, "regineq_inputs")$settings$type, "L")
  expect_equal(attr(res$sigma_convergence, "regineq_inputs")$settings$denominator,
               "n")
  # unweighted: inputs kept, with no weights
  inp <- attr(gini(d, "y", "g", "t"), "regineq_inputs", exact = TRUE)
  expect_equal(inp$verb, "gini")
  expect_null(inp$w)
  expect_null(inp$settings$population)
  # a plain data frame of the result does not carry them
  expect_null(attr(as.data.frame(res$sigma_convergence), "regineq_inputs"))
})

test_that("the kernel skips rows of weight 0, even a zero value (for L)", {
  # the verbs refuse zero values for L on every row, but bootstrap
  # replicates give rows weight 0 freely: the kernel must drop them
  d <- data.frame(y = c(0, 1, 2, 3, 4, 0.5), t = 1, w = c(0, 1, 2, 1, 3, 0),
                  g = c("a", "a", "b", "b", "a", "b"))
  stats_of <- function(d) {
    pan <- regineq:::new_panel(d, time = "t", group = "g")
    regineq:::wk_stats(regineq:::wk_sorted(d$y, d$w, pan))
  }
  all_rows <- stats_of(d)
  kept <- stats_of(d[d$w > 0, ])
  expect_equal(all_rows, kept, tolerance = 1e-14)
  expect_equal(all_rows$period$theil_l,
               bw_theil_l(d$y[d$w > 0], d$w[d$w > 0]), tolerance = 1e-12)
})

test_that("weighted Dagum keeps the digits of groups far from the period's mean", {
  set.seed(31)
  n <- 30
  g <- rep(c("hi", "lo", "mid"), each = n)
  y <- c(1e9 + stats::rnorm(n), 1e-3 * (1 + stats::runif(n)),
         stats::rlnorm(n, 10))
  d <- data.frame(y = y, g = g, pop = stats::runif(3 * n, 1, 100),
                  id = seq_len(3 * n))
  dg <- dagum_gini(d, "y", "g", population = "pop", id = "id")
  ref <- bw_dagum(d$y, d$pop, d$g)
  # relative error, with exact zeros (no overlap: transvariation 0) allowed
  # an absolute 1e-15
  rel <- function(a, b) max(ifelse(b == 0, abs(a) / 1e-6, abs(a - b) / abs(b)))
  got_jj <- dg$within$gini[match(ref$groups, dg$within$group)]
  expect_lt(rel(got_jj, ref$gjj), 1e-9)
  key <- paste(dg$between$group_1, dg$between$group_2)
  want <- ref$gjh[match(key, paste(ref$group_1, ref$group_2))]
  expect_lt(rel(dg$between$gini, want), 1e-9)
  o <- dg$overall
  expect_lt(rel(c(o$gini, o$within, o$between, o$transvariation),
                c(ref$gini, ref$within, ref$between, ref$transvariation)),
            1e-9)
  # the bootstrap's kernel on the sample itself agrees too
  e <- disparity_ci(dg, R = 2)$estimates
  expect_lt(rel(regineq:::ci_kernel_point(dg), e$estimate), 1e-9)
  # gini() by group: each cell on its own scale
  gi <- gini(d, "y", "g", population = "pop")
  expect_lt(rel(gi$gini[match(c("hi", "lo", "mid"), gi$group)],
                vapply(c("hi", "lo", "mid"), function(k) {
                  bw_gini(d$y[d$g == k], d$pop[d$g == k])
                }, 1)), 1e-9)
})

test_that("weights spanning more than 1e250 are refused, naming the rows", {
  d <- data.frame(y = c(1, 2, 3, 4), g = c("a", "a", "b", "b"),
                  pop = c(1e200, 1, 2, 1e-60))
  expect_error(gini(d, "y", population = "pop"), class = "regineq_error_value")
  expect_error(dagum_gini(d, "y", "g", population = "pop"),
               "from 1e-60 \\(row 4.*\\) to 1e\\+200 \\(row 1")
  expect_error(gini(d$y, population = d$pop), class = "regineq_error_value")
  d$pop[4] <- 1e-40 # 1e240: accepted
  expect_equal(gini(d, "y", population = "pop")$gini,
               bw_gini(d$y, d$pop), tolerance = 1e-12)
})
