spdep_global <- function(x, lw, randomisation = TRUE, alternative = "greater") {
  r <- spdep::moran.test(x, lw, randomisation = randomisation,
                         alternative = alternative, zero.policy = TRUE)
  c(unname(r$estimate), unname(r$statistic), r$p.value)
}

check_against_spdep <- function(x, lw, w, id) {
  d <- data.frame(id = id, v = x)
  for (rand in c(TRUE, FALSE)) {
    for (alt in c("greater", "less", "two.sided")) {
      ours <- suppressWarnings(moran_global(d, "v", w, "id",
                                            randomisation = rand,
                                            alternative = alt))
      ref <- spdep_global(x, lw, rand, alt)
      expect_equal(unlist(ours[c("I", "expected", "variance", "z", "p_value")]),
                   ref, tolerance = 1e-10, ignore_attr = TRUE)
    }
  }
  lm <- spdep::localmoran(x, lw, zero.policy = TRUE)
  ours <- suppressWarnings(moran_local(d, "v", w, "id", nsim = 0))
  ok <- !ours$cluster %in% "Isolated"
  expect_equal(ours$Ii, unname(lm[, 1]), tolerance = 1e-10)
  expect_equal(ours$expected, unname(lm[, 2]), tolerance = 1e-10)
  expect_equal(ours$variance, unname(lm[, 3]), tolerance = 1e-10)
  expect_equal(ours$z[ok], unname(lm[ok, 4]), tolerance = 1e-10)
  expect_equal(ours$p_value[ok], unname(lm[ok, 5]), tolerance = 1e-10)
  expect_true(all(is.na(ours$z[!ok])))
  q <- attr(lm, "quadr")$mean
  expect_equal(as.character(ours$quadrant[ok]), as.character(q[ok]))
}

test_that("moran_global() and moran_local() equal spdep on columbus (W, B)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  id <- as.character(seq_along(fx$nb))
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(fx$nb, style = style)
    w <- spatial_weights(fx$nb, ids = id, style = style)
    check_against_spdep(fx$data$CRIME, lw, w, id)
    check_against_spdep(fx$data$HOVAL, lw, w, id)
  }
})

test_that("Moran equals spdep on Boston tracts (sphere-of-influence graph)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  env <- new.env()
  utils::data("boston", package = "spData", envir = env)
  nb <- env$boston.soi
  id <- as.character(seq_along(nb))
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(nb, style = style)
    w <- spatial_weights(nb, ids = id, style = style)
    check_against_spdep(env$boston.c$CMEDV, lw, w, id)
  }
})

test_that("Moran equals spdep with islands (spdep's n adjustment)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  nb <- nb_with_islands(fx$nb, c(5L, 30L))
  id <- as.character(seq_along(nb))
  lw <- spdep::nb2listw(nb, style = "W", zero.policy = TRUE)
  w <- spatial_weights(lw, ids = id)
  expect_equal(w$islands, c("5", "30"))
  check_against_spdep(fx$data$CRIME, lw, w, id)
  d <- data.frame(id = id, v = fx$data$CRIME)
  expect_warning(ml <- moran_local(d, "v", w, "id", nsim = 99),
                 class = "regineq_warning_islands", regexp = "\"5\" and \"30\"")
  expect_equal(as.character(ml$cluster[c(5, 30)]), c("Isolated", "Isolated"))
  expect_equal(ml$Ii[c(5, 30)], c(0, 0))
  expect_true(all(is.na(ml$p_sim[c(5, 30)])))
  expect_false(any(is.nan(as.matrix(ml[c("Ii", "z", "p_value", "p_sim")]))))
})

test_that("Moran equals spdep with asymmetric kNN weights", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  knn <- spdep::knn2nb(spdep::knearneigh(fx$coords, k = 4))
  id <- as.character(seq_along(knn))
  lw <- spdep::nb2listw(knn, style = "W")
  w <- knn_weights(fx$coords, k = 4, ids = id, longlat = FALSE)
  expect_false(w$symmetric)
  expect_equal(unname(as.matrix(w)), unname(spdep::listw2mat(lw)))
  check_against_spdep(fx$data$CRIME, lw, w, id)
  # a listw passed straight in
  d <- data.frame(id = id, v = fx$data$CRIME)
  expect_equal(moran_global(d, "v", lw, "id")$I,
               unname(spdep::moran.test(fx$data$CRIME, lw)$estimate[1]),
               tolerance = 1e-12)
})

test_that("Ran et al. (2025)'s Table 3 is reproduced for 2011-2020, in any spelling", {
  t3 <- utils::read.csv(system.file("extdata", "nqpf_potential_table3_moran.csv",
                                    package = "regineq"))
  w <- china_weights(unique(nqpf_potential$province), sea_links = TRUE,
                     style = "W")
  mg <- moran_global(nqpf_potential, "score", w, "province", "year")
  k <- mg$year >= 2011
  expect_equal(round(mg$I[k], 3), t3$moran_i[t3$year >= 2011])
  expect_lt(max(abs(mg$z[k] - t3$z[t3$year >= 2011])), 0.0015)
  # 2010 matches only with Shanghai's 0.3456 read as 0.5456
  expect_gt(abs(mg$I[1] - t3$moran_i[1]), 0.05)
  fixed <- nqpf_potential
  fixed$score[fixed$province == "Shanghai" & fixed$year == 2010] <- 0.5456
  m10 <- moran_global(fixed[fixed$year == 2010, ], "score", w, "province")
  expect_equal(round(m10$I, 3), t3$moran_i[1])
  expect_lt(abs(m10$z - t3$z[1]), 0.0015)
  zh <- china_weights(unique(nqpf_potential$province_zh))
  mz <- moran_global(nqpf_potential, "score", zh, "province_zh", "year")
  expect_equal(mz$I, mg$I, tolerance = 1e-14)
  expect_equal(mz$z, mg$z, tolerance = 1e-14)
})

test_that("permutation p-values are reproducible, bounded and calibrated", {
  w <- spatial_weights(grid_weights(12, 12))
  set.seed(99)
  d <- data.frame(id = w$ids, v = stats::rnorm(w$n))
  set.seed(1)
  a <- moran_local(d, "v", w, "id", nsim = 199)
  set.seed(1)
  b <- moran_local(d, "v", w, "id", nsim = 199)
  set.seed(2)
  c2 <- moran_local(d, "v", w, "id", nsim = 199)
  expect_identical(a$p_sim, b$p_sim)
  expect_false(identical(a$p_sim, c2$p_sim))
  expect_true(all(a$p_sim > 0 & a$p_sim <= 1))
  set.seed(1)
  g1 <- moran_global(d, "v", w, "id", nsim = 199)
  set.seed(1)
  g2 <- moran_global(d, "v", w, "id", nsim = 199)
  expect_identical(g1$p_sim, g2$p_sim)
  expect_true(g1$p_sim > 0 && g1$p_sim <= 1)
  # calibration under the null: many independent fields
  set.seed(3)
  fields <- do.call(rbind, lapply(1:20, function(t) {
    data.frame(id = w$ids, t = t, v = stats::rnorm(w$n))
  }))
  ml <- moran_local(fields, "v", w, "id", "t", nsim = 199)
  rate <- mean(ml$p_sim < 0.05)
  expect_gt(rate, 0.03)
  expect_lt(rate, 0.07)
  # strong clustering is detected
  clustered <- data.frame(id = w$ids, v = rep(c(0, 10), each = w$n / 2) +
                            stats::rnorm(w$n, 0, 0.1))
  gg <- moran_global(clustered, "v", w, "id", nsim = 99)
  expect_equal(gg$p_sim, 0.01)
})

test_that("pseudo p-values follow their definitions", {
  w <- spatial_weights(grid_weights(6, 6))
  set.seed(5)
  d <- data.frame(id = w$ids, v = stats::rnorm(w$n))
  set.seed(8)
  two <- moran_local(d, "v", w, "id", nsim = 99, alternative = "two.sided")
  set.seed(8)
  gr <- moran_local(d, "v", w, "id", nsim = 99, alternative = "greater")
  set.seed(8)
  le <- moran_local(d, "v", w, "id", nsim = 99, alternative = "less")
  set.seed(8)
  fo <- moran_local(d, "v", w, "id", nsim = 99, alternative = "folded")
  G <- gr$p_sim * 100 - 1
  L <- le$p_sim * 100 - 1
  expect_equal(two$p_sim, pmin(1, 2 * (pmin(G, L) + 1) / 100))
  expect_equal(fo$p_sim, (pmin(G, L) + 1) / 100)
  expect_true(all(G + L >= 99))
})

test_that("clusters use adjusted p-values and alpha", {
  w <- china_weights(unique(nqpf_potential$province))
  set.seed(1)
  a <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
  sig <- a$p_value <= 0.05
  expect_equal(as.character(a$cluster[sig]), as.character(a$quadrant[sig]))
  expect_true(all(a$cluster[!sig] == "Not significant"))
  b <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0,
                   p_adjust = "bonferroni")
  expect_lte(sum(b$cluster != "Not significant"),
             sum(a$cluster != "Not significant"))
  expect_output(print(a), "local Moran")
})

test_that("Moran bad input gets clear errors", {
  w <- china_weights(unique(nqpf_potential$province))
  d <- nqpf_potential
  expect_error(moran_global(d, "score", NULL, "province", "year"),
               class = "regineq_error_type")
  d2 <- d
  d2$score[5] <- NA
  expect_error(moran_global(d2, "score", w, "province", "year"),
               class = "regineq_error_missing", regexp = "row 5")
  d3 <- d
  d3$province[d3$province == "Beijing"] <- "Peking Town"
  expect_error(moran_global(d3, "score", w, "province", "year"),
               class = "regineq_error_value", regexp = "\"Peking Town\"")
  d4 <- d[!(d$province == "Hebei" & d$year == 2012), ]
  expect_error(moran_global(d4, "score", w, "province", "year"),
               class = "regineq_error_missing", regexp = "Hebei 2012")
  d5 <- d[d$province != "Hebei", ]
  expect_error(moran_global(d5, "score", w, "province", "year"),
               class = "regineq_error_value", regexp = "\"Hebei\"")
  d6 <- d
  d6$score[d6$year == 2013] <- 1
  expect_error(moran_global(d6, "score", w, "province", "year"),
               class = "regineq_error_value", regexp = "constant in period `2013`")
  expect_error(moran_global(rbind(d, d[1, ]), "score", w, "province", "year"),
               class = "regineq_error_duplicate")
  expect_error(moran_global(d, "score", w, "province", "year", nsim = -1),
               class = "regineq_error_value", regexp = "`nsim`")
  expect_error(moran_global(d, "score", w, "province", "year",
                            alternative = "bigger"),
               class = "regineq_error_value", regexp = "`alternative`")
  expect_error(moran_local(d, "score", w, "province", "year", alpha = 2),
               class = "regineq_error_value", regexp = "`alpha`")
  expect_error(moran_local(d, "score", w, "province", "year", p_adjust = "x"),
               class = "regineq_error_value", regexp = "`p_adjust`")
  m <- matrix(1, 3, 3)
  expect_error(moran_global(d, "score", m, "province", "year"),
               class = "regineq_error_value")
})

test_that("Moran results print and plot (scatter, tile map, global)", {
  w <- china_weights(unique(nqpf_potential$province))
  mg <- moran_global(nqpf_potential, "score", w, "province", "year")
  ml <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
  expect_output(print(mg), "Moran's I of `score`")
  f <- tempfile(fileext = ".png")
  grDevices::png(f, width = 800, height = 600)
  expect_invisible(plot(mg))
  expect_invisible(plot(ml, year = 2020))
  expect_invisible(plot(ml, period = 2010, type = "map"))
  expect_error(plot(ml, year = 1999), class = "regineq_error_value",
               regexp = "no year 1999")
  grDevices::dev.off()
  expect_gt(file.size(f), 0)
  unlink(f)
  g <- spatial_weights(grid_weights(3, 3))
  d <- data.frame(id = g$ids, v = c(1, 5, 2, 8, 3, 9, 4, 7, 6))
  grDevices::png(f)
  expect_error(plot(moran_local(d, "v", g, "id", nsim = 0), type = "map"),
               class = "regineq_error_value", regexp = "Chinese provinces")
  grDevices::dev.off()
  unlink(f)
})

test_that("plots take Chinese labels, or say why not and use English", {
  w <- china_weights(unique(nqpf_potential$province))
  ml <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  on.exit({
    grDevices::dev.off()
    unlink(f)
  })
  withr::local_options(regineq.cjk_font = FALSE)
  expect_warning(plot(ml, year = 2020, lang = "zh"),
                 class = "regineq_warning_font", regexp = "fonts-noto-cjk")
  withr::local_options(regineq.cjk_font = TRUE)
  expect_silent(plot(ml, year = 2020, type = "map", lang = "zh"))
  expect_silent(plot(dagum_gini(nqpf_level, "score", "region", "year"),
                     lang = "zh"))
  L <- regineq:::plot_labeller("zh")
  expect_equal(L(c("High-High", "Not significant", "unknown")),
               c("\u9ad8-\u9ad8", "\u4e0d\u663e\u8457", "unknown"))
})

test_that("the cluster map draws the user's sf geometry", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  geo <- sf::st_read(system.file("shapes/columbus.shp", package = "spData"),
                     quiet = TRUE)
  geo$rid <- as.character(seq_len(nrow(geo)))
  w <- spatial_weights(fx$nb, ids = geo$rid)
  d <- data.frame(rid = geo$rid, v = geo$CRIME)
  ml <- moran_local(d, "v", w, "rid", nsim = 0)
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  expect_invisible(plot(ml, type = "map", geometry = geo, geometry_id = "rid"))
  expect_error(plot(ml, type = "map", geometry = geo[1:10, ],
                    geometry_id = "rid"),
               class = "regineq_error_value", regexp = "no polygon")
  expect_error(plot(ml, type = "map", geometry = d, geometry_id = "rid"),
               class = "regineq_error_type")
  grDevices::dev.off()
  unlink(f)
})

test_that("Moran error messages read as documented", {
  d <- error_panel()
  w <- china_weights(c("Beijing", "Tianjin", "Hebei", "Shanxi"))
  expect_snapshot(error = TRUE, moran_global(d, "y", w, "id", "year"))
  expect_snapshot(error = TRUE, moran_local(d, "y", w, "id", "year",
                                            alternative = "bigger"))
})

test_that("moran_global() keeps self-links and equals spdep::moran.test()", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  n <- length(fx$nb)
  id <- as.character(seq_len(n))
  x <- fx$data$CRIME
  d <- data.frame(id = id, v = x)
  nbs <- spdep::include.self(fx$nb)
  global_vs_spdep <- function(w, lw) {
    for (rand in c(TRUE, FALSE)) {
      for (alt in c("greater", "less", "two.sided")) {
        ours <- moran_global(d, "v", w, "id", randomisation = rand,
                             alternative = alt)
        expect_equal(unlist(ours[c("I", "expected", "variance", "z",
                                   "p_value")]),
                     spdep_global(x, lw, rand, alt), tolerance = 1e-10,
                     ignore_attr = TRUE)
      }
    }
  }
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(nbs, style = style)
    w <- spatial_weights(nbs, ids = id, style = style)
    expect_equal(unname(as.matrix(w)), unname(spdep::listw2mat(lw)))
    sc <- spdep::spweights.constants(lw)
    expect_equal(regineq:::weight_constants(w)[c("S0", "S1", "S2")],
                 sc[c("S0", "S1", "S2")], tolerance = 1e-12)
    global_vs_spdep(w, lw)
    global_vs_spdep(spatial_weights(lw, ids = id), lw)
  }
  # a unit diagonal added to the binary matrix: a bare matrix is
  # row-standardised with its diagonal, which is the issue's I = 0.5728
  B <- spdep::nb2mat(fx$nb, style = "B")
  m <- B + diag(n)
  dimnames(m) <- list(id, id)
  expect_equal(round(moran_global(d, "v", m, "id")$I, 4), 0.5728)
  global_vs_spdep(m, spdep::mat2listw(m, style = "W"))
  global_vs_spdep(spatial_weights(m, style = "B"),
                  spdep::mat2listw(m, style = "B"))
  # ... and differs from the weights without the diagonal
  expect_gt(abs(moran_global(d, "v", m, "id")$I -
                  moran_global(d, "v", m - diag(n), "id")$I), 0.05)
  # a single self-link in a general (asymmetric) matrix
  m1 <- B * outer(seq_len(n), seq_len(n), function(i, j) 1 + (i + 2 * j) %% 5)
  m1[7, 7] <- 2.5
  dimnames(m1) <- list(id, id)
  global_vs_spdep(spatial_weights(m1, style = "none"),
                  spdep::mat2listw(m1, style = "M"))
  # former islands linked only to themselves are no longer islands
  nbi <- spdep::include.self(nb_with_islands(fx$nb, c(5L, 30L)))
  wi <- spatial_weights(nbi, ids = id)
  expect_length(wi$islands, 0)
  global_vs_spdep(wi, spdep::nb2listw(nbi, style = "W"))
})

test_that("moran_local() refuses self-links and names the regions", {
  g <- grid_weights(3, 3)
  d <- data.frame(id = rownames(g), v = c(1, 5, 2, 8, 3, 9, 4, 7, 6))
  g1 <- g
  g1["c4", "c4"] <- 1
  expect_error(moran_local(d, "v", g1, "id"), class = "regineq_error_value",
               regexp = "\"c4\" has a self-link")
  g2 <- g + diag(9)
  expect_error(moran_local(d, "v", g2, "id", nsim = 0),
               class = "regineq_error_value",
               regexp = paste0("\"c1\", \"c2\", \"c3\", \"c4\", \"c5\" ",
                               "and 4 more have"))
  expect_snapshot(error = TRUE, moran_local(d, "v", g1, "id"))
  # the same weights without the self-link are accepted, and global Moran
  # takes the self-linked ones
  expect_s3_class(moran_local(d, "v", g, "id", nsim = 0),
                  "regineq_moran_local")
  expect_s3_class(moran_global(d, "v", g1, "id"), "regineq_moran_global")
})

test_that("Moran is right at extreme weight scales (1e-170, 1e160)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  n <- length(fx$nb)
  id <- as.character(seq_len(n))
  d <- data.frame(id = id, v = fx$data$CRIME)
  # unequal weights, so that nothing hinges on row sums of exactly 1
  m <- spdep::nb2mat(fx$nb, style = "B") *
    outer(seq_len(n), seq_len(n), function(i, j) 1 + (i * j) %% 7)
  dimnames(m) <- list(id, id)
  w1 <- spatial_weights(m, style = "none")
  cols <- c("I", "expected", "variance", "z", "p_value", "p_sim")
  glob <- function(w, rand, alt) {
    set.seed(11)
    unlist(moran_global(d, "v", w, "id", randomisation = rand,
                        alternative = alt, nsim = 199)[cols])
  }
  for (rand in c(TRUE, FALSE)) {
    for (alt in c("greater", "two.sided")) {
      ref <- glob(w1, rand, alt)
      # a power of two: the very same bits
      expect_identical(glob(spatial_weights(m * 2^-600, style = "none"),
                            rand, alt), ref)
      expect_identical(glob(spatial_weights(m * 2^540, style = "none"),
                            rand, alt), ref)
      for (s in c(1e-170, 1e160)) {
        got <- glob(spatial_weights(m * s, style = "none"), rand, alt)
        expect_false(anyNA(got))
        expect_equal(got, ref, tolerance = 1e-12)
      }
    }
  }
  # local: Ii and its expectation scale with W, the variance with W^2
  # (beyond the doubles at these scales: Inf or 0), z and p not at all
  set.seed(3)
  l1 <- moran_local(d, "v", w1, "id", nsim = 199)
  lm <- spdep::localmoran(d$v, spdep::mat2listw(m, style = "M"))
  expect_equal(l1$Ii, unname(lm[, 1]), tolerance = 1e-10)
  expect_equal(l1$variance, unname(lm[, 3]), tolerance = 1e-10)
  expect_equal(l1$z, unname(lm[, 4]), tolerance = 1e-10)
  # at 1e-155 and 1e154 the variance is a double for some regions only
  for (s in c(1e-170, 1e-155, 1e154, 1e160)) {
    set.seed(3)
    ls <- moran_local(d, "v", spatial_weights(m * s, style = "none"), "id",
                      nsim = 199)
    num <- as.matrix(ls[c("Ii", "expected", "variance", "z", "p_value",
                          "p_sim", "lag")])
    expect_false(anyNA(num))
    expect_equal(ls$Ii / s, l1$Ii, tolerance = 1e-10)
    expect_equal(ls$expected / s, l1$expected, tolerance = 1e-10)
    expect_equal(ls$lag / s, l1$lag, tolerance = 1e-10)
    expect_equal(ls$z, l1$z, tolerance = 1e-10)
    expect_equal(ls$p_value, l1$p_value, tolerance = 1e-10)
    expect_identical(ls$p_sim, l1$p_sim)
    expect_identical(ls$cluster, l1$cluster)
    # the variance where a double holds it, else the IEEE overflow/underflow
    lv <- log(l1$variance) + 2 * log(s)
    normal <- ls$variance >= .Machine$double.xmin & is.finite(ls$variance)
    expect_equal(log(ls$variance[normal]), lv[normal], tolerance = 1e-12)
    expect_true(all(lv[is.infinite(ls$variance)] > log(.Machine$double.xmax)))
    expect_true(all(lv[ls$variance < .Machine$double.xmin] <
                      log(.Machine$double.xmin)))
  }
})

# The binary contiguity of 7 regions a..g (two triangles joined by a path)
# on which the exact permutation laws are enumerated.
seven_region_graph <- function() {
  ids <- letters[1:7]
  edges <- rbind(c(1, 2), c(2, 3), c(2, 4), c(3, 4), c(4, 5), c(5, 6),
                 c(6, 7), c(5, 7))
  B <- matrix(0, 7, 7, dimnames = list(ids, ids))
  B[edges] <- B[edges[, 2:1]] <- 1
  B
}

test_that("global permutation p-values match the exact permutation law", {
  # 7 regions: every one of the 7! = 5040 permutations of the values is
  # enumerated, giving P(I_perm >= I_obs) and P(I_perm <= I_obs) exactly;
  # nsim = 50000 draws must land within a few Monte Carlo standard errors
  # of the pseudo p-value those probabilities imply under each convention
  n <- 7L
  ids <- letters[seq_len(n)]
  B <- seven_region_graph()
  perms <- function(k) {
    if (k == 1L) return(matrix(1L))
    p <- perms(k - 1L)
    do.call(rbind, lapply(seq_len(k), function(f) {
      cbind(f, p + (p >= f))
    }))
  }
  P <- perms(n)
  expect_equal(nrow(unique(P)), factorial(n))
  nsim <- 50000
  exact_p <- function(W, x) {
    z <- x - mean(x)
    obs <- sum(z * (W %*% z))
    Zp <- matrix(z[P], nrow(P))
    cross <- rowSums((Zp %*% t(W)) * Zp)
    tol <- 1e-12 * abs(obs)
    G <- mean(cross >= obs - tol)
    L <- mean(cross <= obs + tol)
    m <- min(G, L)
    list(G = G, L = L,
         p = c(greater = (nsim * G + 1), less = (nsim * L + 1),
               two.sided = min(nsim + 1, 2 * (nsim * m + 1)),
               folded = nsim * m + 1) / (nsim + 1),
         se = c(greater = sqrt(G * (1 - G)), less = sqrt(L * (1 - L)),
                two.sided = 2 * sqrt(m * (1 - m)),
                folded = sqrt(m * (1 - m))) / sqrt(nsim))
  }
  x <- c(0.3, -2.1, 0.7, 0.8, 0.1, -0.8, 0.6)
  # row-standardised; unequal weights with one self-link (kept by
  # moran_global(), and permuted like any other link); 0/1 values, where
  # many permutations tie with the observed I (counted on both sides); and
  # one outlier on a ring, where every permutation ties (G = L = 1, so the
  # two-sided p-value must be capped at 1)
  Wn <- B * outer(seq_len(n), seq_len(n), function(i, j) 1 + (i + j) %% 3)
  Wn[3, 3] <- 1.5
  ring <- matrix(0, n, n, dimnames = list(ids, ids))
  nxt <- cbind(seq_len(n), c(2:n, 1L))
  ring[nxt] <- ring[nxt[, 2:1]] <- 1
  cases <- list(list(W = B / rowSums(B), w = spatial_weights(B), x = x),
                list(W = Wn, w = spatial_weights(Wn, style = "none"), x = x),
                list(W = B / rowSums(B), w = spatial_weights(B),
                     x = c(1, 0, 1, 1, 0, 0, 0)),
                list(W = ring / 2, w = spatial_weights(ring),
                     x = c(0, 0, 0, 5.3, 0, 0, 0)))
  for (cs in cases) {
    ex <- exact_p(cs$W, cs$x)
    d <- data.frame(id = ids, v = cs$x)
    for (alt in names(ex$p)) {
      set.seed(2024)
      got <- moran_global(d, "v", cs$w, "id", alternative = alt,
                          nsim = nsim)$p_sim
      expect_lt(abs(got - ex$p[[alt]]), 4.5 * ex$se[[alt]] + 2 / nsim,
                label = paste("global", alt, "deviation"))
    }
    # A biased shuffle (one swap short, or Sattolo's cycles) can come
    # close to the tail frequencies above, so every single draw is checked
    # against the uniform law too: with 50000 periods and nsim = 1, the
    # share of periods
    # whose permuted I is >= (<=) the observed one estimates G (L) of one
    # draw
    nt <- 50000
    dt <- data.frame(id = rep(ids, nt), t = rep(seq_len(nt), each = n),
                     v = rep(cs$x, nt))
    set.seed(7)
    ge <- 2 * moran_global(dt, "v", cs$w, "id", "t", nsim = 1)$p_sim - 1
    expect_lte(abs(mean(ge) - ex$G), 4.5 * sqrt(ex$G * (1 - ex$G) / nt),
              label = "one-draw G deviation")
    set.seed(7)
    le <- 2 * moran_global(dt, "v", cs$w, "id", "t", nsim = 1,
                           alternative = "less")$p_sim - 1
    expect_lte(abs(mean(le) - ex$L), 4.5 * sqrt(ex$L * (1 - ex$L) / nt),
              label = "one-draw L deviation")
  }
})

test_that("local permutation p-values match the exact conditional law", {
  # for each region i, every ordered k_i-tuple of distinct values of the
  # other n - 1 regions placed at its k_i neighbours is enumerated, giving
  # P(sim >= obs) and P(sim <= obs) exactly, sim = z_i sum_k w_ik z_draw(k);
  # nsim = 50000 draws must land within a few Monte Carlo standard errors
  # of the pseudo p-value implied under each convention, for every region
  # of both periods
  n <- 7L
  ids <- letters[seq_len(n)]
  B <- seven_region_graph()
  xs <- list(c(0.3, -2.1, 0.7, 0.8, 0.1, -0.8, 0.6),
             c(1.2, -2, 0.7, 1.1, 0.5, -1.1, 0))
  d <- data.frame(id = rep(ids, 2), t = rep(1:2, each = n), v = unlist(xs))
  nsim <- 50000
  tuples <- function(pool, k) {
    g <- as.matrix(expand.grid(rep(list(pool), k)))
    g[apply(g, 1, function(r) !anyDuplicated(r)), , drop = FALSE]
  }
  exact_p <- function(W, x) {
    z <- x - mean(x)
    t(vapply(seq_len(n), function(i) {
      nb <- which(W[i, ] != 0)
      tu <- tuples(setdiff(seq_len(n), i), length(nb))
      expect_equal(nrow(tu), prod(seq(n - length(nb), n - 1)))
      sim <- z[i] * drop(matrix(z[tu], nrow(tu)) %*% W[i, nb])
      obs <- z[i] * sum(W[i, nb] * z[nb])
      tol <- 1e-12 * abs(obs)
      G <- mean(sim >= obs - tol)
      L <- mean(sim <= obs + tol)
      m <- min(G, L)
      c(greater = (nsim * G + 1), less = (nsim * L + 1),
        two.sided = min(nsim + 1, 2 * (nsim * m + 1)),
        folded = nsim * m + 1,
        se_greater = sqrt(G * (1 - G)) * (nsim + 1),
        se_less = sqrt(L * (1 - L)) * (nsim + 1),
        se_two.sided = 2 * sqrt(m * (1 - m)) * (nsim + 1),
        se_folded = sqrt(m * (1 - m)) * (nsim + 1)) /
        c(rep(nsim + 1, 4), rep((nsim + 1) * sqrt(nsim), 4))
    }, numeric(8)))
  }
  Wn <- B * outer(seq_len(n), seq_len(n), function(i, j) 1 + (i * j) %% 4)
  cases <- list(list(W = B / rowSums(B), w = spatial_weights(B)),
                list(W = Wn, w = spatial_weights(Wn, style = "none")))
  for (cs in cases) {
    ex <- rbind(exact_p(cs$W, xs[[1]]), exact_p(cs$W, xs[[2]]))
    for (alt in c("greater", "less", "two.sided", "folded")) {
      set.seed(77)
      got <- moran_local(d, "v", cs$w, "id", "t", nsim = nsim,
                         alternative = alt)$p_sim
      dev <- abs(got - ex[, alt])
      expect_true(all(dev < 4.5 * ex[, paste0("se_", alt)] + 2 / nsim),
                  label = paste("local", alt, "deviations within 4.5 SE"))
    }
  }
})

test_that("clusters follow stats::p.adjust() within each period, at alpha", {
  w <- spatial_weights(grid_weights(10, 10))
  # strong clustering in period 1, weak in 2, none in 3: adjusting within
  # each period differs from adjusting all 300 p-values at once
  set.seed(10)
  field <- sin(rep(1:10, 10) / 2) + cos(rep(1:10, each = 10) / 2)
  d <- do.call(rbind, lapply(1:3, function(t) {
    data.frame(id = w$ids, t = t,
               v = field * c(1.5, 0.6, 0)[t] + stats::rnorm(100))
  }))
  labels <- function(ml, p, method, alpha) {
    adj <- unsplit(lapply(split(p, ml$t), stats::p.adjust, method = method),
                   ml$t)
    ifelse(adj <= alpha, as.character(ml$quadrant), "Not significant")
  }
  for (nsim in c(0, 999)) {
    run <- function(...) {
      set.seed(4)
      moran_local(d, "v", w, "id", "t", nsim = nsim, ...)
    }
    ml <- run(p_adjust = "BH", alpha = 0.1)
    p <- if (nsim > 0) ml$p_sim else ml$p_value
    expect_equal(as.character(ml$cluster), labels(ml, p, "BH", 0.1))
    expect_equal(as.character(run()$cluster), labels(ml, p, "none", 0.05))
    expect_equal(as.character(run(p_adjust = "holm", alpha = 0.2)$cluster),
                 labels(ml, p, "holm", 0.2))
    # and each of alpha and p_adjust moves some labels here
    n_sig <- function(m) sum(m$cluster != "Not significant")
    expect_gt(n_sig(run(alpha = 0.1)), n_sig(run()))
    expect_gt(n_sig(run(p_adjust = "BH", alpha = 0.1)),
              n_sig(run(p_adjust = "BH", alpha = 0.05)))
    expect_lt(n_sig(ml), n_sig(run(alpha = 0.1)))
    pooled <- stats::p.adjust(p, "BH") <= 0.1
    expect_false(identical(ml$cluster != "Not significant", pooled))
    # the statistics themselves do not depend on the labelling
    other <- run(alpha = 0.5)
    for (col in c("Ii", "z", "p_value", if (nsim > 0) "p_sim")) {
      expect_identical(other[[col]], ml[[col]])
    }
  }
})

test_that("every argument of moran_global() and moran_local() matters", {
  w <- spatial_weights(grid_weights(5, 6))
  set.seed(21)
  d <- data.frame(id = w$ids, v = seq_len(w$n) + stats::rnorm(w$n, 0, 3),
                  u = stats::rnorm(w$n))
  # data and value: each result is that of its own column
  g_v <- moran_global(d, "v", w, "id")
  g_u <- moran_global(d, "u", w, "id")
  expect_false(isTRUE(all.equal(g_v$I, g_u$I)))
  expect_equal(moran_global(data.frame(id = d$id, v = d$u), "v", w, "id")$I,
               g_u$I)
  expect_equal(moran_local(d, "u", w, "id", nsim = 0)$Ii,
               moran_local(transform(d, v = u), "v", w, "id", nsim = 0)$Ii)
  # a direct computation of I with the dense matrix
  W <- as.matrix(w)
  z <- d$v - mean(d$v)
  expect_equal(g_v$I, nrow(W) / sum(W) * sum(z * W %*% z) / sum(z^2),
               tolerance = 1e-12)
  # weights
  wb <- spatial_weights(grid_weights(5, 6), style = "B")
  expect_false(isTRUE(all.equal(moran_global(d, "v", wb, "id")$variance,
                                g_v$variance)))
  expect_false(isTRUE(all.equal(moran_local(d, "v", wb, "id", nsim = 0)$Ii,
                                moran_local(d, "v", w, "id", nsim = 0)$Ii)))
  # id: the rows are matched to the weights by id, not by position
  shuffled <- d[c(seq(2, w$n, 2), seq(1, w$n, 2)), ]
  expect_equal(moran_global(shuffled, "v", w, "id")$I, g_v$I)
  # id2 puts each value on another region (a cyclic shift, which is no
  # symmetry of the grid): y are the values in the weights' order
  perm <- c(2:w$n, 1L)
  d$id2 <- d$id[perm]
  y <- numeric(w$n)
  y[perm] <- d$v
  zy <- y - mean(y)
  expect_equal(moran_global(d, "v", w, "id2")$I,
               nrow(W) / sum(W) * sum(zy * W %*% zy) / sum(zy^2),
               tolerance = 1e-12)
  expect_false(isTRUE(all.equal(moran_global(d, "v", w, "id2")$I, g_v$I)))
  ml2 <- moran_local(d, "v", w, "id2", nsim = 0)
  expect_equal(ml2$Ii[match(w$ids, ml2$id2)],
               moran_local(data.frame(id = w$ids, v = y), "v", w, "id",
                           nsim = 0)$Ii)
  # time: each period is its own computation
  p2 <- rbind(transform(d, t = 1), transform(d, t = 2, v = u))
  gt <- moran_global(p2, "v", w, "id", "t")
  expect_equal(gt$I, c(g_v$I, g_u$I))
  # another period column: s = "a" takes v in the first 15 regions and u
  # in the others
  first <- rep(seq_len(w$n) <= 15, 2)
  p2$s <- ifelse(first == (p2$t == 1), "a", "b")
  gs <- moran_global(p2, "v", w, "id", "s")
  ya <- ifelse(seq_len(w$n) <= 15, d$v, d$u)
  za <- ya - mean(ya)
  expect_equal(gs$I[gs$s == "a"],
               nrow(W) / sum(W) * sum(za * W %*% za) / sum(za^2),
               tolerance = 1e-12)
  expect_false(isTRUE(all.equal(gs$I, gt$I)))
  lt <- moran_local(p2, "v", w, "id", "t", nsim = 0)
  expect_equal(lt$Ii[lt$t == 2], moran_local(d, "u", w, "id", nsim = 0)$Ii)
  expect_error(moran_global(p2, "v", w, "id"),
               class = "regineq_error_duplicate")
  # randomisation: the variance under randomisation uses the kurtosis
  g_n <- moran_global(d, "v", w, "id", randomisation = FALSE)
  expect_equal(g_n$I, g_v$I)
  expect_false(isTRUE(all.equal(g_n$variance, g_v$variance)))
  # alternative: analytical p-values of both verbs
  alts <- c("greater", "less", "two.sided")
  pg <- vapply(alts, function(a) {
    moran_global(d, "v", w, "id", alternative = a)$p_value
  }, 1)
  expect_equal(unname(pg), c(stats::pnorm(g_v$z, lower.tail = FALSE),
                             stats::pnorm(g_v$z),
                             2 * stats::pnorm(-abs(g_v$z))))
  pl <- lapply(c(alts, "folded"), function(a) {
    moran_local(d, "v", w, "id", nsim = 0, alternative = a)$p_value
  })
  zl <- moran_local(d, "v", w, "id", nsim = 0)$z
  expect_equal(pl, list(stats::pnorm(zl, lower.tail = FALSE),
                        stats::pnorm(zl), 2 * stats::pnorm(-abs(zl)),
                        2 * stats::pnorm(-abs(zl))))
  # nsim: no pseudo p-value without permutations, else whole counts over
  # nsim + 1
  expect_null(g_v$p_sim)
  expect_null(moran_local(d, "v", w, "id", nsim = 0)$p_sim)
  for (nsim in c(19, 99)) {
    set.seed(1)
    ps <- c(moran_global(d, "v", w, "id", nsim = nsim)$p_sim,
            moran_local(d, "v", w, "id", nsim = nsim)$p_sim)
    k <- ps * (nsim + 1)
    expect_equal(k, round(k), tolerance = 1e-12)
    expect_true(all(k >= 1 & k <= nsim + 1))
    expect_true(any(k > nsim / 2) && any(k < nsim / 2))
  }
})

test_that("local analytical p-values equal spdep's for each alternative", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  id <- as.character(seq_along(fx$nb))
  lw <- spdep::nb2listw(fx$nb, style = "W")
  w <- spatial_weights(lw, ids = id)
  d <- data.frame(id = id, v = fx$data$HOVAL)
  for (alt in c("greater", "less", "two.sided")) {
    ours <- moran_local(d, "v", w, "id", nsim = 0, alternative = alt)
    ref <- spdep::localmoran(d$v, lw, alternative = alt)
    expect_equal(ours$p_value, unname(ref[, 5]), tolerance = 1e-10)
  }
})

test_that("sf polygons as `weights` give contiguity Moran, equal to spdep's", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  us <- spData::us_states
  p <- data.frame(state = rep(us$NAME, 2), year = rep(c(2010, 2015), each = 49),
                  pop = c(as.numeric(us$total_pop_10), as.numeric(us$total_pop_15)))
  us$state <- us$NAME
  for (type in c("queen", "rook")) {
    lw <- spdep::nb2listw(spdep::poly2nb(us, queen = type == "queen"))
    ref <- vapply(c(2010, 2015), function(y) {
      r <- spdep::moran.test(p$pop[p$year == y], lw)
      c(r$estimate[1], r$estimate[3], r$p.value)
    }, numeric(3))
    mg <- moran_global(p, "pop", us, "state", "year", contiguity = type)
    expect_equal(rbind(mg$I, mg$variance, mg$p_value), ref,
                 ignore_attr = TRUE, tolerance = 1e-10, info = type)
    lm <- spdep::localmoran(p$pop[p$year == 2015], lw)
    ml <- moran_local(p, "pop", us, "state", "year", nsim = 0,
                      contiguity = type)
    expect_equal(ml$Ii[ml$year == 2015], unname(lm[, 1]), tolerance = 1e-10)
    expect_equal(ml$z[ml$year == 2015], unname(lm[, 4]), tolerance = 1e-10)
  }
  # `contiguity` changes the result
  q <- moran_global(p, "pop", us, "state", "year", contiguity = "queen")
  r <- moran_global(p, "pop", us, "state", "year", contiguity = "rook")
  expect_false(isTRUE(all.equal(q$I, r$I)))
  # the same as weights built first
  w <- spatial_weights(us, id = "NAME", contiguity = "rook")
  expect_equal(moran_global(p, "pop", w, "state", "year"), r)
  # without a column named like `id`, the row names are the ids
  geo <- us[c("NAME", "geometry")]
  row.names(geo) <- us$NAME
  expect_equal(moran_global(p, "pop", geo, "state", "year", contiguity = "rook"),
               r)
  # islands are reported once, by the Moran verb
  west <- us[us$NAME %in% c("Washington", "Oregon", "California", "Nevada",
                            "Idaho", "Utah", "Arizona", "Maine"), ]
  pw <- p[p$state %in% west$NAME, ]
  expect_warning(moran_global(pw, "pop", west, "state", "year",
                              contiguity = "queen"),
                 class = "regineq_warning_islands", regexp = "\"Maine\"")
  ws <- testthat::capture_warnings(
    moran_global(pw, "pop", west, "state", "year", contiguity = "queen"))
  expect_length(ws, 1L)
})

test_that("sf `weights` need `contiguity`, which is only for sf", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  us <- spData::us_states
  us$state <- us$NAME
  p <- data.frame(state = us$NAME, pop = as.numeric(us$total_pop_15))
  expect_error(moran_global(p, "pop", us, "state"),
               class = "regineq_error_argument", regexp = "`contiguity`")
  expect_error(moran_local(p, "pop", us, "state"),
               class = "regineq_error_argument", regexp = "`contiguity`")
  expect_error(moran_global(p, "pop", us, "state", contiguity = "bishop"),
               class = "regineq_error_value", regexp = "`contiguity`")
  w <- spatial_weights(us, id = "NAME")
  expect_error(moran_global(p, "pop", w, "state", contiguity = "queen"),
               class = "regineq_error_argument",
               regexp = "`contiguity` is only for sf")
  pts <- suppressWarnings(sf::st_centroid(us))
  expect_error(moran_global(p, "pop", pts, "state", contiguity = "queen"),
               class = "regineq_error_argument", regexp = "points")
})

test_that("an id mismatch shows both sides' ids, with a hint for row numbers", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  us <- spData::us_states
  p <- data.frame(state = us$NAME, pop = as.numeric(us$total_pop_15))
  err <- expect_error(moran_global(p, "pop", us, "state", contiguity = "queen"),
                      class = "regineq_error_value")
  msg <- conditionMessage(err)
  expect_match(msg, paste0("`data` has 49 regions in column `state` (\"",
                           us$NAME[1], "\", \"", us$NAME[2]), fixed = TRUE)
  expect_match(msg, "`weights` has 49 (\"1\", \"2\", \"3\" and 46 more)",
               fixed = TRUE)
  expect_match(msg, "look like row numbers", fixed = TRUE)
  expect_match(msg, "id = \"NAME\"", fixed = TRUE)
  # no hint when the weights' ids are names
  w <- china_weights(c("Beijing", "Tianjin", "Hebei", "Shanxi"))
  d <- data.frame(id = c("Beijing", "Tianjin", "Hebei", "Shanxi", "Hainan"),
                  y = 1:5)
  err <- expect_error(moran_global(d, "y", w, "id"),
                      class = "regineq_error_value")
  expect_no_match(conditionMessage(err), "row numbers")
  expect_snapshot(error = TRUE,
                  moran_global(p, "pop", us, "state", contiguity = "queen"))
  expect_snapshot(error = TRUE, moran_global(d[1:3, ], "y", w, "id"))
})

test_that("the C entry points refuse inconsistent sparse weights themselves", {
  # R validates weights before any kernel; the kernels check again, so a
  # bad CSR can never be read out of bounds
  w <- spatial_weights(grid_weights(3, 3))
  z <- seq_len(9) - 5
  call <- function(rp = w$rowptr, col = w$col) {
    .Call(regineq:::C_regineq_moran_global, as.double(z), 1L,
          as.integer(rp), as.integer(col), w$val, 0L, 1L)
  }
  expect_silent(call())
  for (bad in list(replace(w$col, 1, 9L), replace(w$col, 2, -1L),
                   replace(w$col, 3, NA))) {
    expect_error(call(col = bad), "invalid sparse weights")
  }
  expect_error(call(rp = replace(w$rowptr, 3, w$rowptr[2] - 1L)),
               "invalid sparse weights")
})

test_that("the values are centred and scaled as sweep(), colMeans() and colSums() do", {
  # the definition: each column over its largest absolute value, minus its
  # mean, over its largest absolute value again; the sums of squares say
  # which columns are constant
  scale_r <- function(m) {
    s <- apply(abs(m), 2L, max)
    sweep(m, 2L, ifelse(s > 0, s, 1), "/")
  }
  set.seed(3)
  m <- cbind(stats::rnorm(500),
             stats::rnorm(500) * 1e300,
             stats::runif(500) * 1e-300,
             c(-1e308, 1e308, stats::rnorm(498)),
             # a mean that a double sum loses (1 + 2^-54 is 1 in double)
             c(1, rep(2^-54, 497), -1, 0.5),
             rep(7, 500),
             rep(0, 500))
  cs <- .Call(regineq:::C_regineq_centre_scale, m)
  z <- scale_r(m)
  z <- scale_r(sweep(z, 2L, colMeans(z)))
  expect_identical(cs$z, z)
  expect_identical(cs$ss, colSums(z^2))
  expect_identical(cs$ss[6:7], c(0, 0))
  expect_true(all(abs(cs$z) <= 1) && all(apply(abs(cs$z[, 1:5]), 2, max) == 1))
  expect_error(.Call(regineq:::C_regineq_centre_scale, 1:4), "invalid")
  # the statistic reads them: Moran's I on the raw values
  w <- spatial_weights(grid_weights(5, 5))
  d <- data.frame(id = w$ids, v = m[1:25, 5])
  zz <- d$v - mean(d$v)
  lag <- as.vector(as.matrix(w) %*% zz)
  expect_equal(moran_global(d, "v", w, "id")$I,
               sum(zz * lag) / sum(zz^2) * w$n / sum(w$val),
               tolerance = 1e-12)
})
