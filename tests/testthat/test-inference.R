# Brute-force weighted statistics, written here independently of the C
# kernel: double sums over all pairs, weights = multiplicities.
bf_gini <- function(y, w) {
  W <- sum(w)
  mu <- sum(w * y) / W
  sum(outer(w, w) * abs(outer(y, y, "-"))) / (2 * W^2 * mu)
}
bf_theil <- function(y, w, type = "T") {
  p <- w / sum(w)
  mu <- sum(p * y)
  if (type == "T") sum(p * ifelse(y > 0, (y / mu) * log(y / mu), 0)) else
    sum(p * log(mu / y))
}
bf_theil_between <- function(y, w, g, type = "T") {
  p <- w / sum(w)
  mu <- sum(p * y)
  P <- tapply(p, g, sum)
  m <- tapply(p * y, g, sum) / P
  P <- P[P > 0]
  m <- m[names(P)]
  if (type == "T") sum(P * m / mu * log(m / mu)) else sum(P * log(mu / m))
}
bf_sd <- function(y, w) {
  p <- w / sum(w)
  sqrt(sum(p * (y - sum(p * y))^2))
}
bf_dagum <- function(y, w, g) {
  W <- sum(w)
  p <- w / W
  mu <- sum(p * y)
  lev <- sort(unique(g[w > 0]))
  P <- sapply(lev, function(j) sum(p[g == j]))
  M <- sapply(lev, function(j) sum(p[g == j] * y[g == j]) / P[lev == j])
  A <- function(j, h) { # sum over i in j, r in h, y_i > y_r
    i <- g == j
    r <- g == h
    d <- outer(y[i], y[r], "-")
    sum(outer(p[i], p[r]) * pmax(d, 0))
  }
  k <- length(lev)
  gjj <- sapply(seq_len(k), function(a) {
    A(lev[a], lev[a]) / (P[a]^2 * M[a])
  })
  gw <- sum(gjj * P * (P * M / mu))
  gjh <- D <- numeric()
  gnb <- gt <- 0
  for (a in seq_len(k - 1L)) for (b in (a + 1L):k) {
    ajh <- A(lev[a], lev[b])
    ahj <- A(lev[b], lev[a])
    G <- (ajh + ahj) / (P[a] * P[b] * (M[a] + M[b]))
    d <- abs(ajh - ahj) / (ajh + ahj)
    wt <- P[a] * (P[b] * M[b] / mu) + P[b] * (P[a] * M[a] / mu)
    gnb <- gnb + G * wt * d
    gt <- gt + G * wt * (1 - d)
    gjh <- c(gjh, G)
    D <- c(D, d)
  }
  list(gini = bf_gini(y, w), within = gw, between = gnb,
       transvariation = gt, gini_jj = gjj, gini_jh = gjh, D = D)
}

# 12 regions in 3 groups over 3 periods, region k in rows of id "r<k>".
ci_panel <- function(seed = 3) {
  set.seed(seed)
  d <- expand.grid(t = 2001:2003, k = 1:12)
  d$id <- sprintf("r%02d", d$k)
  d$grp <- c("a", "b", "c")[(d$k - 1) %% 3 + 1]
  d$y <- round(exp(rnorm(nrow(d), 0.3 * ((d$k - 1) %% 3))), 3)
  d[c("id", "grp", "t", "y")]
}

test_that("Dagum replicates equal a brute-force recomputation on the drawn multiplicities", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  set.seed(11)
  ci <- disparity_ci(dg, R = 5)
  set.seed(11)
  M <- regineq:::ci_draws(dg, 5)
  expect_equal(dim(M), c(12L, 5L))
  e <- ci$estimates
  region <- match(d$id, unique(d$id))
  for (b in 1:5) {
    for (tt in 2001:2003) {
      r <- d$t == tt
      bf <- lapply(bf_dagum(d$y[r], M[region[r], b], d$grp[r]), unname)
      got <- function(st) ci$replicates[b, e$t == tt & e$statistic == st]
      expect_equal(got("gini"), bf$gini, tolerance = 1e-12)
      expect_equal(got("within"), bf$within, tolerance = 1e-12)
      expect_equal(got("between"), bf$between, tolerance = 1e-12)
      expect_equal(got("transvariation"), bf$transvariation,
                   tolerance = 1e-12)
      expect_equal(got("share_between"), bf$between / bf$gini,
                   tolerance = 1e-12)
      expect_equal(got("gini_jj"), unname(bf$gini_jj), tolerance = 1e-12)
      expect_equal(got("gini_jh"), unname(bf$gini_jh), tolerance = 1e-12)
      expect_equal(got("D"), unname(bf$D), tolerance = 1e-12)
    }
  }
})

test_that("Theil, Gini and sigma replicates equal a brute-force recomputation", {
  d <- ci_panel()
  region <- match(d$id, unique(d$id))
  for (type in c("T", "L")) {
    th <- theil(d, "y", group = "grp", time = "t", type = type, id = "id")
    set.seed(5)
    ci <- disparity_ci(th, R = 5)
    set.seed(5)
    M <- regineq:::ci_draws(th, 5)
    e <- ci$estimates
    for (b in 1:5) for (tt in 2001:2003) {
      r <- d$t == tt
      w <- M[region[r], b]
      got <- function(st) ci$replicates[b, e$t == tt & e$statistic == st]
      tot <- bf_theil(d$y[r], w, type)
      btw <- bf_theil_between(d$y[r], w, d$grp[r], type)
      expect_equal(got("theil")[1], tot, tolerance = 1e-12)
      expect_equal(got("between"), btw, tolerance = 1e-12)
      expect_equal(got("within"), tot - btw, tolerance = 1e-12)
      expect_equal(got("share_within"), (tot - btw) / tot, tolerance = 1e-12)
      gth <- sapply(c("a", "b", "c"), function(g) {
        k <- d$grp[r] == g
        bf_theil(d$y[r][k], w[k], type)
      })
      expect_equal(got("theil")[-1], unname(gth), tolerance = 1e-12)
    }
  }
  gi <- gini(d, "y", group = "grp", time = "t", id = "id")
  sg <- sigma_convergence(d, "y", time = "t", id = "id", denominator = "n-1")
  set.seed(9)
  ci_g <- disparity_ci(gi, R = 5)
  ci_s <- disparity_ci(sg, R = 5)
  set.seed(9)
  Mg <- regineq:::ci_draws(gi, 5)
  Ms <- regineq:::ci_draws(sg, 5)
  for (b in 1:5) for (tt in 2001:2003) {
    r <- d$t == tt
    for (g in c("a", "b", "c")) {
      k <- r & d$grp == g
      expect_equal(ci_g$replicates[b, ci_g$estimates$t == tt &
                                     ci_g$estimates$group == g],
                   bf_gini(d$y[k], Mg[region[k], b]), tolerance = 1e-12)
    }
    w <- Ms[region[r], b]
    got <- function(st) ci_s$replicates[b, ci_s$estimates$t == tt &
                                           ci_s$estimates$statistic == st]
    n <- sum(w)
    k <- sqrt(n / (n - 1))
    expect_equal(got("sd"), bf_sd(d$y[r], w) * k, tolerance = 1e-12)
    expect_equal(got("cv"), bf_sd(d$y[r], w) * k /
                   (sum(w * d$y[r]) / n), tolerance = 1e-12)
    expect_equal(got("sigma"), bf_sd(log(d$y[r]), w) * k, tolerance = 1e-12)
    expect_equal(got("theil"), bf_theil(d$y[r], w), tolerance = 1e-12)
    expect_equal(got("gini"), bf_gini(d$y[r], w), tolerance = 1e-12)
  }
})

test_that("draws resample whole regions within their group", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  set.seed(2)
  M <- regineq:::ci_draws(dg, 200)
  grp <- d$grp[match(unique(d$id), d$id)]
  sums <- rowsum(M, grp)
  expect_true(all(sums == 4L))
  expect_gt(mean(M == 0), 0.25) # regions are left out: a real resample
  expect_lt(abs(mean(M[1, ]) - 1), 0.3)
  # no id and one period: each row is a region, drawn from all rows
  g1 <- gini(d[d$t == 2001, ], "y")
  set.seed(2)
  M1 <- regineq:::ci_draws(g1, 50)
  expect_equal(dim(M1), c(12L, 50L))
  expect_true(all(colSums(M1) == 12L))
  expect_true(any(rowsum(M1, grp) != 4L))
  # the same multiplicity in every period: a replicate of a panel whose
  # periods are copies has the same statistic in every period
  d2 <- d
  d2$y <- ave(d$y, d$id, FUN = function(v) v[1])
  ci <- suppressMessages(disparity_ci(
    gini(d2, "y", time = "t", id = "id"), R = 20))
  expect_equal(ci$replicates[, 1], ci$replicates[, 3])
  expect_true(all(summary(ci)$estimate == 0 & summary(ci)$upper == 0))
})

test_that("estimates are the verb's own numbers and the kernel agrees", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  ci <- disparity_ci(dg, R = 3)
  e <- ci$estimates
  expect_named(e, c("t", "statistic", "group", "group_2", "estimate", "se",
                    "lower", "upper", "undefined"))
  expect_equal(e$estimate[e$statistic == "gini"], dg$overall$gini)
  expect_equal(e$estimate[e$statistic == "share_transvariation"],
               dg$overall$share_transvariation)
  expect_equal(e$estimate[e$statistic == "gini_jj"], dg$within$gini)
  expect_equal(e$estimate[e$statistic == "D"], dg$between$D)
  expect_equal(e$group_2[e$statistic == "D"], dg$between$group_2)
  expect_equal(regineq:::ci_kernel_point(dg), e$estimate, tolerance = 1e-12)
  th <- theil(d, "y", group = "grp", time = "t", type = "L", id = "id")
  e <- disparity_ci(th, R = 3)$estimates
  expect_equal(e$estimate[e$statistic == "between"], th$overall$between)
  expect_equal(e$estimate[e$statistic == "theil" & !is.na(e$group)],
               th$groups$theil)
  expect_equal(regineq:::ci_kernel_point(th), e$estimate, tolerance = 1e-12)
  for (den in c("n", "n-1")) {
    sg <- sigma_convergence(d, "y", time = "t", group = "grp", id = "id",
                            denominator = den)
    e <- disparity_ci(sg, R = 3)$estimates
    expect_equal(e$estimate[e$statistic == "sigma"], sg$sigma)
    expect_equal(e$estimate[e$statistic == "cv"], sg$cv)
    expect_equal(regineq:::ci_kernel_point(sg), e$estimate,
                 tolerance = 1e-12)
  }
  gi <- gini(d, "y", group = "grp", time = "t", id = "id")
  e <- disparity_ci(gi, R = 3)$estimates
  expect_equal(e$estimate, gi$gini)
  expect_equal(e$t, gi$t)
  expect_equal(regineq:::ci_kernel_point(gi), e$estimate, tolerance = 1e-12)
})

test_that("set.seed reproduces; seed, R and level change the result", {
  d <- ci_panel()
  th <- theil(d, "y", group = "grp", time = "t", id = "id")
  set.seed(1)
  a <- disparity_ci(th, R = 50)
  set.seed(1)
  b <- disparity_ci(th, R = 50)
  set.seed(2)
  c2 <- disparity_ci(th, R = 50)
  expect_identical(a, b)
  expect_false(identical(a$replicates, c2$replicates))
  set.seed(1)
  r60 <- disparity_ci(th, R = 60)
  expect_equal(dim(r60$replicates), c(60L, nrow(a$estimates)))
  # replicate b has its own stream: the first 50 are those of R = 50
  expect_equal(r60$replicates[1:50, ], a$replicates)
  set.seed(1)
  l80 <- disparity_ci(th, R = 50, level = 0.8)
  expect_identical(l80$replicates, a$replicates)
  expect_true(all(l80$estimates$lower >= a$estimates$lower &
                    l80$estimates$upper <= a$estimates$upper))
  expect_true(any(l80$estimates$lower > a$estimates$lower))
  expect_equal(a$level, 0.95)
  expect_equal(l80$level, 0.8)
})

test_that("SE is the sd of the replicates and the interval their percentiles", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  set.seed(4)
  ci <- disparity_ci(dg, R = 199, level = 0.9)
  rep <- ci$replicates
  e <- ci$estimates
  expect_equal(e$se, apply(rep, 2, sd))
  # (R + 1) * 0.05 = 10: the 10th and 190th order statistics
  srt <- apply(rep, 2, sort)
  expect_equal(e$lower, srt[10, ])
  expect_equal(e$upper, srt[190, ])
  expect_equal(e$lower, apply(rep, 2, quantile, 0.05, type = 6,
                              names = FALSE))
  skip_if_not_installed("boot")
  for (j in c(1, 8, ncol(rep))) {
    bo <- structure(list(t0 = e$estimate[j], t = rep[, j, drop = FALSE],
                         R = 199, sim = "ordinary", stype = "i",
                         call = quote(boot()), strata = rep(1, 12),
                         weights = rep(1 / 12, 12)), class = "boot")
    bci <- boot::boot.ci(bo, conf = 0.9, type = "perc")
    expect_equal(c(e$lower[j], e$upper[j]), unname(bci$percent[1, 4:5]))
  }
})

test_that("changes are between the chosen periods, from their replicates", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  set.seed(8)
  ci <- disparity_ci(dg, R = 99, level = 0.9)
  ch <- summary(ci)
  e <- ci$estimates
  expect_true(all(ch$from == "2001" & ch$to == "2003"))
  expect_equal(nrow(ch), nrow(e) / 3)
  k <- ch$statistic == "gini_jh" & ch$group == "a" & ch$group_2 == "c"
  i1 <- e$t == 2001 & e$statistic == "gini_jh" & e$group == "a" &
    e$group_2 == "c"
  i3 <- e$t == 2003 &
    e$statistic == "gini_jh" & e$group == "a" & e$group_2 == "c"
  dd <- ci$replicates[, i3] - ci$replicates[, i1]
  expect_equal(ch$estimate[k], e$estimate[i3] - e$estimate[i1])
  expect_equal(ch$se[k], sd(dd))
  expect_equal(ch$lower[k], sort(dd)[5])
  expect_equal(ch$upper[k], sort(dd)[95])
  expect_equal(ch$significant, ch$lower > 0 | ch$upper < 0)
  set.seed(8)
  ci2 <- disparity_ci(dg, R = 99, change = c(2002, 2001))
  ch2 <- summary(ci2)
  expect_true(all(ch2$from == "2002" & ch2$to == "2001"))
  g <- ch2$statistic == "gini" & is.na(ch2$group)
  expect_equal(ch2$estimate[g], dg$overall$gini[1] - dg$overall$gini[2])
  expect_equal(as.data.frame(ci2), ci2$estimates)
  expect_equal(nrow(summary(disparity_ci(gini(d[d$t == 2001, ], "y"),
                                         R = 5))), 0L)
})

test_that("unbalanced panels: a drawn region brings the periods it has", {
  d <- ci_panel()
  d <- d[!(d$id == "r01" & d$t == 2002), ]
  gi <- suppressMessages(gini(d, "y", time = "t", id = "id"))
  set.seed(3)
  ci <- disparity_ci(gi, R = 5)
  set.seed(3)
  M <- regineq:::ci_draws(gi, 5)
  region <- match(d$id, unique(d$id))
  for (b in 1:5) for (tt in 2001:2003) {
    r <- d$t == tt
    expect_equal(ci$replicates[b, ci$estimates$t == tt],
                 bf_gini(d$y[r], M[region[r], b]), tolerance = 1e-12)
  }
})

test_that("a replicate with an undefined statistic is counted and warned about", {
  # group c has two regions, one present only in 2001: some replicates draw
  # only that one, leaving group c empty in 2002
  d <- data.frame(id = c("p", "q", "r", "s", "u", "v", "u", "v", "p", "q",
                         "r", "s"),
                  g = c("a", "a", "b", "b", "c", "c", "c", "c", "a", "a",
                        "b", "b"),
                  t = c(rep(2001, 6), 2002, 2002, rep(2002, 4)),
                  y = c(1, 2, 3, 5, 2, 9, 4, 7, 2, 3, 4, 8))
  d <- d[-8, ] # v lacks 2002
  gi <- suppressMessages(gini(d, "y", group = "g", time = "t", id = "id"))
  set.seed(1)
  expect_warning(ci <- disparity_ci(gi, R = 40),
                 class = "regineq_warning_undefined")
  u <- ci$estimates$undefined
  row <- ci$estimates$t == 2002 & ci$estimates$group == "c"
  expect_gt(u[row], 0)
  expect_equal(u[row], sum(is.na(ci$replicates[, row])))
  expect_equal(ci$undefined, sum(is.na(ci$replicates[, row])))
  expect_output(print(ci), "replicates left some statistic undefined")
  expect_equal(ci$estimates$se[row],
               sd(ci$replicates[!is.na(ci$replicates[, row]), row]))
})

test_that("the permutation null is the between component under shuffled labels", {
  # 6 regions, groups of 3: 20 labellings, each with its own Theil between
  y <- c(1.0, 1.7, 2.9, 4.4, 6.2, 9.1)
  d <- data.frame(y = y, g = rep(c("a", "b"), each = 3))
  lab <- utils::combn(6, 3)
  exact <- apply(lab, 2, function(a) {
    g <- rep("b", 6)
    g[a] <- "a"
    bf_theil_between(y, rep(1, 6), g)
  })
  th <- theil(d, "y", group = "g")
  set.seed(3)
  perm <- regineq:::perm_null(regineq:::inference_inputs(th), 2000)
  hit <- sapply(perm$null[1, ], function(v) which.min(abs(exact - v)))
  expect_true(all(abs(exact[hit] - perm$null[1, ]) < 1e-12))
  # each labelling (and its mirror, same value) equally likely
  freq <- tabulate(hit, 20) + tabulate(21 - hit, 20)
  freq <- freq[1:10] # the 10 distinct values
  chisq <- sum((freq - 200)^2 / 200)
  expect_lt(chisq, qchisq(0.999, 9))
  # the same with alternating labels: every region's label is shuffled
  d_alt <- data.frame(y = y, g = rep(c("a", "b"), 3))
  set.seed(4)
  alt <- regineq:::perm_null(regineq:::inference_inputs(
    theil(d_alt, "y", group = "g")), 4000)
  hit <- sapply(alt$null[1, ], function(v) which.min(abs(exact - v)))
  freq <- (tabulate(hit, 20) + tabulate(21 - hit, 20))[1:10]
  expect_lt(sum((freq - 400)^2 / 400), qchisq(0.999, 9))
  set.seed(3)
  bt <- between_test(th, R = 2000)
  p_exact <- mean(exact >= exact[1] - 1e-12)
  expect_equal(bt$observed, th$overall$between)
  expect_equal(bt$p_value, (1 + sum(perm$null[1, ] >= perm$observed -
                                       1e-8 * perm$observed)) / 2001)
  expect_lt(abs(bt$p_value - p_exact), 4 * sqrt(p_exact * (1 - p_exact) / 2000))
  expect_equal(p_exact, 0.1) # the observed and its mirror: 2 of 20
  expect_lt(abs(bt$null_mean - mean(exact)), 4 * sd(exact) / sqrt(2000))
  # Dagum G_nb
  ex_d <- apply(lab, 2, function(a) {
    g <- rep("b", 6)
    g[a] <- "a"
    bf_dagum(y, rep(1, 6), g)$between
  })
  dg <- dagum_gini(d, "y", group = "g")
  set.seed(3)
  pd <- regineq:::perm_null(regineq:::inference_inputs(dg), 500)
  expect_true(all(sapply(pd$null[1, ], function(v) min(abs(ex_d - v))) <
                    1e-12))
})

test_that("between_test: a planted difference is found; random labels are not", {
  set.seed(10)
  d <- expand.grid(t = 1:3, k = 1:40)
  d$id <- d$k
  d$g <- rep(c("a", "b"), 20)[d$k]
  d$y <- exp(rnorm(nrow(d)) + 0.8 * (d$g == "b"))
  th <- theil(d, "y", group = "g", time = "t", id = "id")
  set.seed(1)
  bt <- between_test(th, R = 199)
  expect_s3_class(bt, "regineq_between_test")
  expect_true(all(bt$p_value <= 0.01))
  expect_named(bt, c("t", "statistic", "observed", "null_mean", "p_value",
                     "R"))
  expect_true(all(bt$null_mean < bt$observed))
  ps <- sapply(1:30, function(s) {
    set.seed(100 + s)
    d$y <- exp(rnorm(nrow(d)))
    dg <- dagum_gini(d, "y", group = "g", time = "t", id = "id")
    between_test(dg, R = 99)$p_value[1]
  })
  expect_gt(mean(ps), 0.3)
  expect_lt(mean(ps), 0.7)
  expect_lt(mean(ps <= 0.1), 0.3)
  expect_output(print(bt), "permutation test of Theil T between")
})

test_that("percentile intervals cover the population Gini and Theil at about 90%", {
  skip_on_cran()
  set.seed(2024)
  pop <- exp(rnorm(20000, sd = 0.6))
  g0 <- gini(pop)
  t0 <- theil(data.frame(y = pop), "y")$overall$theil
  cover <- replicate(300, {
    s <- data.frame(y = sample(pop, 300, replace = TRUE))
    cg <- disparity_ci(gini(s, "y"), R = 199, level = 0.9)$estimates
    ct <- disparity_ci(theil(s, "y"), R = 199, level = 0.9)$estimates[1, ]
    c(cg$lower <= g0 && g0 <= cg$upper, ct$lower <= t0 && t0 <= ct$upper)
  })
  cov <- rowMeans(cover)
  expect_gte(cov[1], 0.85)
  expect_lte(cov[1], 0.95)
  expect_gte(cov[2], 0.85)
  expect_lte(cov[2], 0.95)
})

test_that("bad input is refused with classed errors naming the argument", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  expect_error(disparity_ci(data.frame(a = 1)), "`x` has no record",
               class = "regineq_error_value")
  expect_error(disparity_ci(1:3), "`x` must be a result",
               class = "regineq_error_type")
  gi <- gini(d, "y", time = "t", id = "id")
  expect_error(disparity_ci(gi[1:2, ]), "`x` must be the whole result of `gini\\(\\)`",
               class = "regineq_error_value")
  gr <- gini(d, "y", group = "grp", time = "t", id = "id")
  expect_error(disparity_ci(gr[-2, ]), "whole result",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg[c("overall", "within")]), "`x` must be a result",
               class = "regineq_error_type")
  forged <- gi
  attr(forged, "regineq_inputs")$verb <- "moran_global"
  expect_error(disparity_ci(forged), "not of `moran_global\\(\\)`",
               class = "regineq_error_type")
  expect_error(disparity_ci(dg, R = 0), "`R`", class = "regineq_error_value")
  expect_error(disparity_ci(dg, R = 2.5), "`R` must be a whole number",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, R = "a"), "`R`",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, level = 1), "`level`",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, level = 0), "`level`",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, level = 95), "`level`",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, change = c(2001, 2009)),
               "`change` must name periods of `t`: `2009`",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, change = 2001), "`change`",
               class = "regineq_error_value")
  expect_error(disparity_ci(dg, change = c(2001, 2001)), "`change`",
               class = "regineq_error_value")
  noid <- dagum_gini(d, "y", group = "grp", time = "t")
  expect_error(disparity_ci(noid), "`dagum_gini\\(\\)` with `id =`",
               class = "regineq_error_missing")
  expect_error(between_test(noid), "with `id =`",
               class = "regineq_error_missing")
  moved <- d
  moved$grp[moved$id == "r05" & moved$t == 2003] <- "a"
  gm <- gini(moved, "y", group = "grp", time = "t", id = "id")
  expect_error(disparity_ci(gm), "changes between periods for region `r05`",
               class = "regineq_error_value")
  expect_error(between_test(gi), "`theil\\(\\)` or `dagum_gini\\(\\)`",
               class = "regineq_error_type")
  th1 <- theil(d, "y", time = "t", id = "id")
  expect_error(between_test(th1), "two groups", class = "regineq_error_size")
  expect_error(between_test(dg, R = -1), "`R`", class = "regineq_error_value")
  expect_snapshot({
    (expect_error(disparity_ci(noid)))
    (expect_error(disparity_ci(gm)))
    (expect_error(disparity_ci(dg, change = c(2001, 2009))))
  })
})

test_that("print methods name the verb, value, R, group and level", {
  d <- ci_panel()
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id")
  ci <- disparity_ci(dg, R = 9)
  expect_output(print(ci), paste0("bootstrap of dagum_gini\\(\\) of `y`: 9 ",
                                  "regions-resampled replicates within ",
                                  "`grp`, level 0.95"))
  expect_s3_class(ci, "regineq_ci")
  expect_equal(ci$R, 9)
  expect_equal(ci$verb, "dagum_gini")
})

test_that("draws in groups of more than 65,536 regions (bucketed) are multinomial", {
  set.seed(1)
  n <- 7e4
  d <- data.frame(y = stats::rlnorm(n),
                  g = sample(c("a", "b"), n, TRUE, prob = c(0.96, 0.04)))
  th <- theil(d, "y", group = "g")
  set.seed(5)
  m <- ci_draws(th, 3)
  size <- table(d$g)
  for (b in 1:3) {
    expect_equal(as.vector(tapply(m[, b], d$g, sum)), as.vector(size))
  }
  # each region is drawn Binomial(n_g, 1/n_g) times: P(0) ~ exp(-1)
  expect_lt(abs(mean(m == 0) - exp(-1)), 0.004)
  expect_lt(abs(mean(m == 2) - exp(-1) / 2), 0.004)
  # the replicates are the statistic of those multiplicities
  set.seed(5)
  ci <- disparity_ci(th, R = 3)
  theil_t <- function(y, w) {
    p <- w / sum(w)
    mu <- sum(p * y)
    sum(p * (y / mu) * log(y / mu))
  }
  for (b in 1:3) {
    expect_equal(ci$replicates[b, ci$estimates$statistic == "theil" &
                                  is.na(ci$estimates$group)],
                 theil_t(d$y, m[, b]), tolerance = 1e-12)
  }
})

test_that("population-weighted replicates: weights times multiplicities, cv unweighted", {
  d <- ci_panel()
  set.seed(2)
  pop <- setNames(round(stats::runif(12, 10, 1000)), unique(d$id))
  d$pop <- pop[d$id]
  region <- match(d$id, unique(d$id))
  sg <- sigma_convergence(d, "y", time = "t", id = "id", population = "pop")
  dg <- dagum_gini(d, "y", group = "grp", time = "t", id = "id",
                   population = "pop")
  set.seed(21)
  ci <- disparity_ci(sg, R = 4)
  ci_d <- disparity_ci(dg, R = 4)
  set.seed(21)
  M <- ci_draws(sg, 4)
  Md <- ci_draws(dg, 4)
  # the estimates are the verb's own, the kernel agrees on the sample
  e <- ci$estimates
  expect_equal(e$estimate[e$statistic == "cv"], sg$cv)
  expect_equal(e$estimate[e$statistic == "williamson"], sg$williamson)
  expect_equal(ci_kernel_point(sg), e$estimate, tolerance = 1e-12)
  for (b in 1:4) for (tt in 2001:2003) {
    r <- d$t == tt
    m <- M[region[r], b]
    w <- d$pop[r] * m
    got <- function(st) ci$replicates[b, e$t == tt & e$statistic == st]
    p <- w / sum(w)
    mu <- sum(p * d$y[r])
    expect_equal(got("williamson"), bf_sd(d$y[r], w) / mu, tolerance = 1e-12)
    expect_equal(got("cv"), bf_sd(d$y[r], m) / (sum(m * d$y[r]) / sum(m)),
                 tolerance = 1e-12)
    expect_equal(got("sigma"), bf_sd(log(d$y[r]), w), tolerance = 1e-12)
    expect_equal(got("gini"), bf_gini(d$y[r], w), tolerance = 1e-12)
    ed <- ci_d$estimates
    gd <- function(st) ci_d$replicates[b, ed$t == tt & ed$statistic == st &
                                         is.na(ed$group)]
    ref <- bf_dagum(d$y[r], d$pop[r] * Md[region[r], b], d$grp[r])
    expect_equal(gd("between"), unname(ref$between), tolerance = 1e-12)
  }
})
