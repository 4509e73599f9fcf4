# Bivariate Moran's I, global and local: spdep, identities with the
# univariate verbs, exact enumeration of both permutations, every argument
# and every refusal.

# spdep's statistics for x against the lag of y: moran_bv()'s t0 and
# localmoran_bv()'s Ibvi (both refuse islands), and the same formula from
# spdep's exported pieces (scale(), lag.listw()), which also covers islands.
bv_reference <- function(x, y, lw) {
  zx <- as.numeric(scale(x))
  zy <- as.numeric(scale(y))
  lag <- spdep::lag.listw(lw, zy, zero.policy = TRUE)
  list(I = sum(zx * lag) / sum(zx^2), Ii = zx * lag,
       lag_y = spdep::lag.listw(lw, y, zero.policy = TRUE),
       quadrant = ifelse(zx > 0, ifelse(lag > 0, "High-High", "High-Low"),
                         ifelse(lag > 0, "Low-High", "Low-Low")))
}

bv_vs_spdep <- function(x, y, lw, ids, islands = FALSE) {
  d <- data.frame(id = ids, x = x, y = y)
  ref <- bv_reference(x, y, lw)
  g <- suppressWarnings(moran_bv(d, "x", "y", lw, id = "id", nsim = 0))
  l <- suppressWarnings(moran_local_bv(d, "x", "y", lw, id = "id", nsim = 1))
  expect_equal(g$I, ref$I, tolerance = 1e-10)
  expect_equal(l$Ii, ref$Ii, tolerance = 1e-10)
  expect_equal(l$lag, ref$lag_y, tolerance = 1e-10)
  expect_equal(l$value, x)
  expect_equal(l$y, y)
  ok <- !l$cluster %in% "Isolated"
  expect_equal(as.character(l$quadrant[ok]), ref$quadrant[ok])
  if (!islands) {
    skip_if_not_installed("boot")
    sg <- spdep::moran_bv(x, y, lw, nsim = 2)
    expect_equal(g$I, unname(sg$t0), tolerance = 1e-10)
    sl <- spdep::localmoran_bv(x, y, lw, nsim = 1)
    expect_equal(l$Ii, unname(sl[, 1]), tolerance = 1e-10)
  }
}

test_that("moran_bv() and moran_local_bv() equal spdep on columbus (W, B)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- attr(fx$nb, "region.id")
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(fx$nb, style = style)
    bv_vs_spdep(fx$data$CRIME, fx$data$INC, lw, ids)
    bv_vs_spdep(fx$data$CRIME, fx$data$HOVAL, lw, ids)
    bv_vs_spdep(fx$data$HOVAL, fx$data$CRIME, lw, ids)
  }
})

test_that("bivariate Moran equals spdep on nc (poly2nb), W and B", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("sf")
  nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE)
  nb <- spdep::poly2nb(nc)
  x <- nc$SID79 / nc$BIR79 * 1000
  y <- nc$NWBIR79 / nc$BIR79
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(nb, style = style)
    bv_vs_spdep(x, y, lw, attr(nb, "region.id"))
  }
})

test_that("bivariate Moran equals spdep with asymmetric kNN weights and islands", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  nb <- spdep::knn2nb(spdep::knearneigh(fx$coords, k = 4))
  expect_false(spdep::is.symmetric.nb(nb, verbose = FALSE))
  ids <- attr(nb, "region.id")
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(nb, style = style)
    bv_vs_spdep(fx$data$CRIME, fx$data$INC, lw, ids)
  }
  # spdep's moran_bv() and localmoran_bv() stop on islands: the reference is
  # their formula on spdep's zero.policy lag
  nbi <- nb_with_islands(nb, c(5, 17))
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(nbi, style = style, zero.policy = TRUE)
    bv_vs_spdep(fx$data$CRIME, fx$data$INC, lw, ids, islands = TRUE)
  }
  d <- data.frame(id = ids, x = fx$data$CRIME, y = fx$data$INC)
  expect_warning(l <- moran_local_bv(d, "x", "y", lw, id = "id", nsim = 99,
                                     alpha = 1),
                 class = "regineq_warning_islands")
  expect_equal(as.character(l$cluster[c(5, 17)]), c("Isolated", "Isolated"))
  expect_equal(l$Ii[c(5, 17)], c(0, 0))
  expect_true(all(is.na(l$p_sim[c(5, 17)])))
  expect_true(all(is.na(l$quadrant[c(5, 17)])))
  expect_false(anyNA(l$p_sim[-c(5, 17)]))
  expect_warning(g <- moran_bv(d, "x", "y", lw, id = "id", nsim = 99),
                 class = "regineq_warning_islands")
  expect_true(is.finite(g$p_sim))
})

test_that("moran_bv() keeps self-links, as spdep does", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  skip_if_not_installed("boot")
  fx <- columbus_fixture()
  lw <- spdep::nb2listw(spdep::include.self(fx$nb), style = "W")
  d <- data.frame(id = attr(fx$nb, "region.id"), x = fx$data$CRIME,
                  y = fx$data$INC)
  g <- moran_bv(d, "x", "y", lw, id = "id", nsim = 0)
  expect_equal(g$I, unname(spdep::moran_bv(d$x, d$y, lw, nsim = 2)$t0),
               tolerance = 1e-10)
  expect_error(moran_local_bv(d, "x", "y", lw, id = "id"),
               class = "regineq_error_value", regexp = "itself")
})

test_that("x = y reproduces moran_local() and moran_global() (identities)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- attr(fx$nb, "region.id")
  n <- length(ids)
  d <- rbind(data.frame(t = 1, id = ids, v = fx$data$CRIME),
             data.frame(t = 2, id = ids, v = fx$data$HOVAL))
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(fx$nb, style = style)
    for (alt in c("two.sided", "greater")) {
      set.seed(42)
      ml <- moran_local(d, "v", lw, id = "id", time = "t", nsim = 499,
                        alternative = alt)
      set.seed(42)
      lb <- moran_local_bv(d, "v", "v", lw, id = "id", time = "t", nsim = 499,
                           alternative = alt)
      # local Moran divides by the variance on n, spdep's scale() on n - 1
      expect_equal(lb$Ii, ml$Ii * (n - 1) / n, tolerance = 1e-12)
      expect_identical(lb$p_sim, ml$p_sim)
      expect_equal(lb$lag, ml$lag, tolerance = 1e-14)
    }
    # global: I_B(x, x) = I S0 / n (S0 = n for row-standardised weights)
    mg <- moran_global(d, "v", lw, id = "id", time = "t")
    gb <- moran_bv(d, "v", "v", lw, id = "id", time = "t", nsim = 0)
    S0 <- sum(unlist(lw$weights))
    expect_equal(gb$I, mg$I * S0 / n, tolerance = 1e-12)
    # and the permutation of moran_global() when x = y: the same draws
    set.seed(5)
    mg <- moran_global(d, "v", lw, id = "id", time = "t", nsim = 299)
    set.seed(5)
    gb <- moran_bv(d, "v", "v", lw, id = "id", time = "t", nsim = 299)
    expect_identical(gb$p_sim, mg$p_sim)
  }
})

# The conditional permutation of I_i, enumerated exactly: all ordered
# k_i-tuples of distinct other regions whose y values sit at i's neighbours.
exact_local_bv <- function(zx, zy, W, i) {
  n <- length(zx)
  nbr <- which(W[i, ] != 0)
  others <- setdiff(seq_len(n), i)
  obs <- zx[i] * sum(W[i, nbr] * zy[nbr])
  tuples <- as.matrix(expand.grid(rep(list(others), length(nbr))))
  tuples <- tuples[apply(tuples, 1, function(r) !anyDuplicated(r)), ,
                   drop = FALSE]
  sims <- zx[i] * apply(tuples, 1, function(r) sum(W[i, nbr] * zy[r]))
  tol <- 1e-12 * abs(obs)
  c(ge = mean(sims >= obs - tol), le = mean(sims <= obs + tol))
}

test_that("moran_local_bv() pseudo p matches exact enumeration (3x3 grid)", {
  m <- grid_weights(3, 3)
  d <- data.frame(id = paste0("c", 1:9), x = c(3, 1, 4, 1, 5, 9, 2, 6, 5),
                  y = c(2.5, 7, 1, 8, 2, 8.5, 1.5, 8.2, 3))
  W <- m / rowSums(m)
  zx <- as.numeric(scale(d$x))
  zy <- as.numeric(scale(d$y))
  nsim <- 20000
  set.seed(7)
  g <- moran_local_bv(d, "x", "y", m, id = "id", nsim = nsim,
                      alternative = "greater")
  set.seed(7)
  l <- moran_local_bv(d, "x", "y", m, id = "id", nsim = nsim,
                      alternative = "less")
  for (i in 1:9) {
    ex <- exact_local_bv(zx, zy, W, i)
    # (G + 1) / (nsim + 1) against the exact tail probability: 5 standard
    # errors of the Monte Carlo estimate
    se <- sqrt(ex * (1 - ex) / nsim) + 1 / nsim
    expect_lt(abs(g$p_sim[i] - ex[["ge"]]), 5 * se[["ge"]] + 1e-3)
    expect_lt(abs(l$p_sim[i] - ex[["le"]]), 5 * se[["le"]] + 1e-3)
  }
  expect_equal(g$Ii, zx * as.vector(W %*% zy), tolerance = 1e-14)
})

test_that("moran_bv() permutes (x, y) pairs jointly: exact enumeration", {
  m <- grid_weights(2, 3)
  # y close to x within a region: a joint permutation keeps the pairs, a
  # permutation of y alone would break them and give another distribution
  d <- data.frame(id = paste0("c", 1:6), x = c(3, 1, 4, 1.5, 5, 9),
                  y = c(2.8, 1.3, 4.1, 1.2, 5.5, 8.7))
  W <- m / rowSums(m)
  zx <- as.numeric(scale(d$x))
  zy <- as.numeric(scale(d$y))
  perms <- function(v) if (length(v) <= 1) list(v) else
    do.call(c, lapply(seq_along(v), function(k)
      lapply(perms(v[-k]), function(p) c(v[k], p))))
  P <- perms(1:6)
  obs <- sum(zx * W %*% zy) / sum(zx^2)
  joint <- vapply(P, function(p) sum(zx[p] * W %*% zy[p]) / sum(zx^2), 0)
  alone <- vapply(P, function(p) sum(zx * W %*% zy[p]) / sum(zx^2), 0)
  tol <- 1e-12 * abs(obs)
  ex <- mean(joint >= obs - tol)
  ex_alone <- mean(alone >= obs - tol)
  expect_gt(abs(ex - ex_alone), 0.05)
  nsim <- 50000
  set.seed(11)
  g <- moran_bv(d, "x", "y", m, id = "id", nsim = nsim)
  expect_equal(g$I, obs, tolerance = 1e-14)
  expect_lt(abs(g$p_sim - ex), 5 * sqrt(ex * (1 - ex) / nsim) + 1e-3)
  set.seed(11)
  l <- moran_bv(d, "x", "y", m, id = "id", nsim = nsim, alternative = "less")
  ex_le <- mean(joint <= obs + tol)
  expect_lt(abs(l$p_sim - ex_le), 5 * sqrt(ex_le * (1 - ex_le) / nsim) + 1e-3)
})

test_that("every argument of moran_bv() changes the result", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- attr(fx$nb, "region.id")
  lw <- spdep::nb2listw(fx$nb, style = "W")
  d <- data.frame(id = ids, x = fx$data$CRIME, y = fx$data$INC)
  ref <- bv_reference(d$x, d$y, lw)
  # x and y: swapped gives I_B(y, x), another number
  a <- moran_bv(d, "x", "y", lw, id = "id", nsim = 0)
  b <- moran_bv(d, "y", "x", lw, id = "id", nsim = 0)
  expect_equal(b$I, bv_reference(d$y, d$x, lw)$I, tolerance = 1e-12)
  expect_gt(abs(a$I - b$I), 1e-3)
  expect_false("p_sim" %in% names(a))
  # weights: binary weights scale the statistic
  lwb <- spdep::nb2listw(fx$nb, style = "B")
  expect_equal(moran_bv(d, "x", "y", lwb, id = "id", nsim = 0)$I,
               bv_reference(d$x, d$y, lwb)$I, tolerance = 1e-12)
  # alternative: the four p-values of one set of draws
  p <- vapply(c("greater", "less", "two.sided", "folded"), function(alt) {
    set.seed(9)
    moran_bv(d, "x", "y", lw, id = "id", nsim = 199, alternative = alt)$p_sim
  }, 0)
  expect_equal(p[["greater"]] + p[["less"]], 201 / 200)
  expect_equal(p[["folded"]], min(p[["greater"]], p[["less"]]))
  expect_equal(p[["two.sided"]], min(1, 2 * p[["folded"]]))
  expect_lt(p[["less"]], 0.05)
  # nsim: the p-value is a count over nsim + 1
  set.seed(9)
  p99 <- moran_bv(d, "x", "y", lw, id = "id", nsim = 99,
                  alternative = "less")$p_sim
  expect_equal(p99, 1 / 100)
  expect_equal(p[["less"]], 1 / 200)
  # time: each period is its own statistic
  d2 <- rbind(cbind(d, t = 2001), cbind(transform(d, y = fx$data$HOVAL),
                                        t = 2002))
  g2 <- moran_bv(d2, "x", "y", lw, id = "id", time = "t", nsim = 0)
  expect_equal(g2$t, c(2001, 2002))
  expect_equal(g2$I, c(ref$I, bv_reference(d$x, fx$data$HOVAL, lw)$I),
               tolerance = 1e-12)
  # id: rows in another order give the same statistic
  sh <- d[rev(seq_len(nrow(d))), ]
  expect_equal(moran_bv(sh, "x", "y", lw, id = "id", nsim = 0)$I, a$I,
               tolerance = 1e-14)
})

test_that("contiguity of sf weights changes the bivariate statistics", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("sf")
  nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE)
  d <- data.frame(NAME = nc$NAME, x = nc$SID79 / nc$BIR79,
                  y = nc$NWBIR79 / nc$BIR79)
  q <- moran_bv(d, "x", "y", nc, id = "NAME", contiguity = "queen", nsim = 0)
  r <- moran_bv(d, "x", "y", nc, id = "NAME", contiguity = "rook", nsim = 0)
  for (cont in c("queen", "rook")) {
    lw <- spdep::nb2listw(spdep::poly2nb(nc, queen = cont == "queen"))
    ref <- bv_reference(d$x, d$y, lw)
    g <- if (cont == "queen") q else r
    expect_equal(g$I, ref$I, tolerance = 1e-12)
    set.seed(1)
    l <- moran_local_bv(d, "x", "y", nc, id = "NAME", contiguity = cont,
                        nsim = 9)
    expect_equal(l$Ii, ref$Ii, tolerance = 1e-12)
  }
  expect_false(isTRUE(all.equal(q$I, r$I)))
})

test_that("every argument of moran_local_bv() changes the result", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- attr(fx$nb, "region.id")
  lw <- spdep::nb2listw(fx$nb, style = "W")
  d <- data.frame(id = ids, x = fx$data$CRIME, y = fx$data$INC)
  run <- function(..., seed = 3) {
    set.seed(seed)
    moran_local_bv(d, ..., weights = lw, id = "id", nsim = 199)
  }
  a <- run("x", "y")
  b <- run("y", "x")
  expect_equal(b$Ii, bv_reference(d$y, d$x, lw)$Ii, tolerance = 1e-12)
  expect_gt(max(abs(a$Ii - b$Ii)), 0.1)
  expect_equal(b$value, d$y)
  # alternative: the four p-values from one set of draws
  alts <- c("greater", "less", "two.sided", "folded")
  p <- lapply(alts, function(alt) run("x", "y", alternative = alt)$p_sim)
  names(p) <- alts
  expect_equal(p$two.sided, a$p_sim)
  # G + L = nsim, plus the draws that tie with the observed I_i (drawing
  # the neighbours' own values in another order, under equal weights)
  ties <- round((p$greater + p$less) * 200) - 2 - 199
  expect_true(all(ties >= 0) && mean(ties == 0) > 0.8)
  expect_equal(p$folded, pmin(p$greater, p$less))
  expect_equal(p$two.sided, pmin(1, 2 * p$folded))
  # the cluster: the quadrant where p <= alpha, after p_adjust
  sig <- a$p_sim <= 0.05
  expect_true(any(sig) && !all(sig))
  expect_equal(as.character(a$cluster),
               ifelse(sig, as.character(a$quadrant), "Not significant"))
  expect_equal(levels(a$cluster),
               c("High-High", "Low-Low", "High-Low", "Low-High",
                 "Not significant", "Isolated"))
  h <- run("x", "y", p_adjust = "holm", alpha = 0.5)
  padj <- p.adjust(a$p_sim, "holm")
  expect_equal(h$p_sim, a$p_sim)
  expect_equal(as.character(h$cluster),
               ifelse(padj <= 0.5, as.character(a$quadrant),
                      "Not significant"))
  expect_false(identical(h$cluster, a$cluster))
  al <- run("x", "y", alpha = 0.2)
  expect_gt(sum(al$cluster != "Not significant"),
            sum(a$cluster != "Not significant"))
  # nsim: the p-values are counts over nsim + 1, reproducible with the seed
  set.seed(3)
  n9 <- moran_local_bv(d, "x", "y", lw, id = "id", nsim = 9)
  expect_true(all(abs(n9$p_sim * 10 - round(n9$p_sim * 10)) < 1e-9))
  expect_identical(run("x", "y"), a)
  expect_false(identical(run("x", "y", seed = 4)$p_sim, a$p_sim))
  # time: two periods give each its own statistic, in the panel's order;
  # p_adjust works within a period
  d2 <- rbind(cbind(t = "b", d), cbind(t = "a", transform(d, y = fx$data$HOVAL)))
  set.seed(3)
  l2 <- moran_local_bv(d2, "x", "y", lw, id = "id", time = "t", nsim = 199,
                       p_adjust = "BH")
  expect_equal(unique(l2$t), c("a", "b"))
  expect_equal(l2$Ii[l2$t == "a"], bv_reference(d$x, fx$data$HOVAL, lw)$Ii,
               tolerance = 1e-12)
  expect_equal(l2$Ii[l2$t == "b"], a$Ii, tolerance = 1e-12)
  for (tt in c("a", "b")) {
    s <- l2[l2$t == tt, ]
    padj <- p.adjust(s$p_sim, "BH")
    expect_equal(as.character(s$cluster),
                 ifelse(padj <= 0.05, as.character(s$quadrant),
                        "Not significant"))
  }
  # id: rows in another order give the same rows
  sh <- d[c(49:1), ]
  set.seed(3)
  s <- moran_local_bv(sh, "x", "y", lw, id = "id", nsim = 199)
  expect_equal(s$Ii, a$Ii)
  expect_equal(s$id, a$id)
  # the metadata a plot of local statistics reads
  info <- attr(a, "regineq")
  expect_equal(info[c("id", "value", "y", "nsim", "alternative")],
               list(id = "id", value = "x", y = "y", nsim = 199,
                    alternative = "two.sided"))
  expect_null(info$time)
  expect_s3_class(a, "regineq_moran_local_bv")
  expect_true(all(c("value", "lag", "cluster") %in% names(a)))
})

test_that("bivariate Moran refuses bad inputs with classed errors", {
  m <- grid_weights(3, 3)
  d <- data.frame(id = paste0("c", 1:9), x = c(3, 1, 4, 1, 5, 9, 2, 6, 5),
                  y = c(2, 7, 1, 8, 2, 8, 1, 8, 3), s = letters[1:9])
  for (f in list(moran_bv, moran_local_bv)) {
    expect_error(f(d, "x", weights = m, id = "id"),
                 class = "regineq_error_argument")
    expect_error(f(d, "x", "nope", m, id = "id"),
                 class = "regineq_error_column", regexp = "`y`")
    expect_error(f(d, "nope", "y", m, id = "id"),
                 class = "regineq_error_column", regexp = "`x`")
    expect_error(f(d, "s", "y", m, id = "id"),
                 class = "regineq_error_type", regexp = "`x`")
    expect_error(f(d, "x", "s", m, id = "id"),
                 class = "regineq_error_type", regexp = "`y`")
    expect_error(f(d, c("x", "y"), "y", m, id = "id"),
                 class = "regineq_error_type")
    expect_error(f(transform(d, y = replace(y, 4, NA)), "x", "y", m, id = "id"),
                 class = "regineq_error_missing", regexp = "`y`.*row")
    expect_error(f(transform(d, x = replace(x, 2, Inf)), "x", "y", m,
                   id = "id"),
                 class = "regineq_error_missing", regexp = "`x`")
    expect_error(f(transform(d, x = 2), "x", "y", m, id = "id"),
                 class = "regineq_error_value", regexp = "^`x` must vary.*constant")
    expect_error(f(transform(d, y = 2), "x", "y", m, id = "id"),
                 class = "regineq_error_value", regexp = "^`y` must vary.*constant")
    expect_error(f(d[-1, ], "x", "y", m, id = "id"),
                 class = "regineq_error_value", regexp = "c1")
    d2 <- rbind(cbind(d, t = 1), cbind(d, t = 2))
    expect_error(f(d2[-3, ], "x", "y", m, id = "id", time = "t"),
                 class = "regineq_error_missing", regexp = "c3")
    d3 <- d2
    d3$y[d3$t == 2] <- 5
    expect_error(f(d3, "x", "y", m, id = "id", time = "t"),
                 class = "regineq_error_value", regexp = "period `2`")
    m2 <- grid_weights(1, 2)
    expect_error(f(data.frame(id = c("c1", "c2"), x = 1:2, y = 2:1), "x", "y",
                   m2, id = "id"),
                 class = "regineq_error_size")
    expect_error(f(d, "x", "y", m, id = "id", nsim = -1),
                 class = "regineq_error_value")
    expect_error(f(d, "x", "y", m, id = "id", alternative = "bigger"),
                 class = "regineq_error_value")
  }
  # the local statistic refuses self-links and has no analytical p-value
  m3 <- m
  m3[4, 4] <- 1
  expect_error(moran_local_bv(d, "x", "y", m3, id = "id"),
               class = "regineq_error_value", regexp = "\"c4\"")
  expect_error(moran_local_bv(d, "x", "y", m, id = "id", nsim = 0),
               class = "regineq_error_value", regexp = "`nsim`")
  expect_error(moran_local_bv(d, "x", "y", m, id = "id", p_adjust = "nope"),
               class = "regineq_error_value")
  expect_error(moran_local_bv(d, "x", "y", m, id = "id", alpha = 2),
               class = "regineq_error_value")
  expect_no_error(moran_bv(d, "x", "y", m3, id = "id", nsim = 9))
})

test_that("bivariate Moran error messages read as documented", {
  m <- grid_weights(3, 3)
  d <- data.frame(t = rep(2020:2021, each = 9), id = paste0("c", 1:9),
                  x = c(3, 1, 4, 1, 5, 9, 2, 6, 5),
                  y = c(2, 7, 1, 8, 2, 8, 1, 8, 3, rep(4, 9)),
                  s = "a")
  expect_snapshot(error = TRUE, moran_bv(d, "x", "y", m, "id", "t"))
  expect_snapshot(error = TRUE, moran_local_bv(d, "s", "y", m, "id", "t"))
  m[4, 4] <- 1
  expect_snapshot(error = TRUE,
                  moran_local_bv(d[d$t == 2020, ], "x", "y", m, "id"))
})

test_that("print methods show the statistic and the clusters", {
  m <- grid_weights(3, 3)
  d <- data.frame(id = paste0("c", 1:9), x = c(3, 1, 4, 1, 5, 9, 2, 6, 5),
                  y = c(2, 7, 1, 8, 2, 8, 1, 8, 3))
  set.seed(1)
  g <- moran_bv(d, "x", "y", m, id = "id", nsim = 99)
  expect_output(print(g), "bivariate Moran's I of `x` and the spatial lag of `y`")
  expect_output(print(g), "99 permutations")
  l <- moran_local_bv(d, "x", "y", m, id = "id", nsim = 99)
  expect_output(print(l, n = 3), "6 more rows")
  expect_output(print(l), "Clusters")
  expect_s3_class(as.data.frame(l), "data.frame")
  expect_s3_class(l[1:3, ], "regineq_moran_local_bv")
})
