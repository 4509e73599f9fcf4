# Global and local Geary's C against spdep, brute force and exact
# enumeration of the permutation laws.

geary_vs_spdep <- function(x, nb, style) {
  ids <- attr(nb, "region.id")
  if (is.null(ids)) ids <- as.character(seq_along(x))
  lw <- spdep::nb2listw(nb, style = style, zero.policy = TRUE)
  d <- data.frame(id = ids, x = x)
  for (rand in c(TRUE, FALSE)) for (alt in c("greater", "less", "two.sided")) {
    g <- suppressWarnings(geary_global(d, "x", lw, id = "id",
                                       randomisation = rand,
                                       alternative = alt))
    r <- spdep::geary.test(x, lw, randomisation = rand, alternative = alt,
                           zero.policy = TRUE)
    expect_equal(unlist(g[c("C", "expected", "variance", "z", "p_value")]),
                 c(unname(r$estimate), unname(r$statistic), r$p.value),
                 tolerance = 1e-10, ignore_attr = TRUE)
  }
  l <- suppressWarnings(geary_local(d, "x", lw, id = "id", nsim = 0))
  expect_equal(l$C, as.vector(spdep::localC(x, lw, zero.policy = TRUE)),
               tolerance = 1e-10)
  expect_equal(l$lag, spdep::lag.listw(lw, x, zero.policy = TRUE),
               tolerance = 1e-10)
  invisible(l)
}

test_that("geary_global() and geary_local() equal spdep on columbus (W, B)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  for (style in c("W", "B")) {
    geary_vs_spdep(fx$data$CRIME, fx$nb, style)
    geary_vs_spdep(fx$data$HOVAL, fx$nb, style)
  }
})

test_that("Geary equals spdep on nc (sf polygons, poly2nb)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("sf")
  nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE)
  nb <- spdep::poly2nb(nc)
  x <- nc$SID79 / nc$BIR79 * 1000
  for (style in c("W", "B")) geary_vs_spdep(x, nb, style)
})

test_that("Geary equals spdep with asymmetric kNN weights and islands", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  nb <- spdep::knn2nb(spdep::knearneigh(fx$coords, k = 4))
  nb <- nb_with_islands(nb, c(5, 17))
  for (style in c("W", "B")) {
    l <- geary_vs_spdep(fx$data$CRIME, nb, style)
    # islands: C = 0 as in spdep, no inference, labelled "Isolated"
    expect_equal(l$C[c(5, 17)], c(0, 0))
    expect_true(all(is.na(l$z[c(5, 17)])))
    expect_equal(as.character(l$cluster[c(5, 17)]), c("Isolated", "Isolated"))
  }
  lw <- spdep::nb2listw(nb, style = "W", zero.policy = TRUE)
  d <- data.frame(id = attr(nb, "region.id"), x = fx$data$CRIME)
  expect_warning(l <- geary_local(d, "x", lw, id = "id", nsim = 99),
                 class = "regineq_warning_islands")
  expect_true(all(is.na(l$p_sim[c(5, 17)])))
  expect_false(anyNA(l$p_sim[-c(5, 17)]))
})

test_that("geary_global() keeps self-links as spdep::geary.test() does", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  x <- fx$data$CRIME
  lw <- spdep::nb2listw(spdep::include.self(fx$nb), style = "W")
  d <- data.frame(id = attr(fx$nb, "region.id"), x = x)
  g <- geary_global(d, "x", lw, id = "id")
  r <- spdep::geary.test(x, lw)
  expect_equal(c(g$C, g$variance, g$z), c(unname(r$estimate[c(1, 3)]),
                                          unname(r$statistic)),
               tolerance = 1e-10)
  # and they matter: without them C differs
  g0 <- geary_global(d, "x", spdep::nb2listw(fx$nb, style = "W"), id = "id")
  expect_false(isTRUE(all.equal(g$C, g0$C)))
})

# Unequal asymmetric weights on the 3 x 3 grid (no row sums of 1, so that
# nothing hinges on row standardisation).
uneven_grid <- function() {
  m <- grid_weights(3, 3)
  m * outer(1:9, 1:9, function(i, j) 1 + (2 * i + j) %% 3)
}

test_that("Geary by brute force on a dense matrix, two periods", {
  W <- uneven_grid()
  w <- spatial_weights(W, style = "none")
  d <- grid_panel()
  d2 <- rbind(cbind(d, t = 1), cbind(transform(d, v = v^2 - 3 * v), t = 2))
  gg <- geary_global(d2, "v", w, id = "id", time = "t")
  gl <- geary_local(d2, "v", w, id = "id", time = "t", nsim = 0)
  expect_equal(gg$t, 1:2)
  for (tt in 1:2) {
    x <- d2$v[d2$t == tt]
    n <- length(x)
    D2 <- outer(x, x, "-")^2
    expect_equal(gg$C[tt], (n - 1) / (2 * sum(W)) * sum(W * D2) /
                   sum((x - mean(x))^2), tolerance = 1e-13)
    z <- (x - mean(x)) / sd(x)
    Cz <- unname(rowSums(W * outer(z, z, "-")^2))
    expect_equal(gl$C[gl$t == tt], Cz, tolerance = 1e-13)
    expect_equal(gl$lag[gl$t == tt], as.vector(W %*% x), tolerance = 1e-13)
    expect_equal(gl$value[gl$t == tt], x)
  }
  expect_equal(as.character(gl$id), rep(paste0("c", 1:9), 2))
  expect_s3_class(gl, "regineq_geary_local")
  expect_s3_class(gg, "regineq_geary_global")
  expect_identical(attr(gl, "regineq")[c("time", "id", "value")],
                   list(time = "t", id = "id", value = "v"))
})

# The conditional permutation of C_i enumerated exactly: every ordered
# k_i-tuple of distinct other regions placed at i's neighbours.
exact_local <- function(W, x, i) {
  n <- length(x)
  z <- (x - mean(x)) / sd(x)
  nbr <- which(W[i, ] != 0)
  tu <- as.matrix(expand.grid(rep(list(setdiff(seq_len(n), i)),
                                  length(nbr))))
  tu <- tu[apply(tu, 1, function(r) !anyDuplicated(r)), , drop = FALSE]
  sims <- drop(matrix((z[i] - z[tu])^2, nrow(tu)) %*% W[i, nbr])
  obs <- sum(W[i, nbr] * (z[i] - z[nbr])^2)
  tol <- 1e-12 * obs
  list(G = mean(sims >= obs - tol), L = mean(sims <= obs + tol),
       mean = mean(sims), var = mean((sims - mean(sims))^2))
}

test_that("geary_local() moments are those of the exact conditional law", {
  W <- uneven_grid()
  w <- spatial_weights(W, style = "none")
  d <- grid_panel()
  gl <- geary_local(d, "v", w, id = "id", nsim = 0)
  for (i in 1:9) {
    ex <- exact_local(W, d$v, i)
    expect_equal(gl$expected[i], ex$mean, tolerance = 1e-12)
    expect_equal(gl$variance[i], ex$var, tolerance = 1e-10)
    expect_equal(gl$z[i], (ex$mean - gl$C[i]) / sqrt(ex$var),
                 tolerance = 1e-10)
  }
  # z > 0 is positive autocorrelation: "greater" is its upper tail
  g2 <- geary_local(d, "v", w, id = "id", nsim = 0, alternative = "greater")
  expect_equal(g2$p_value, pnorm(gl$z, lower.tail = FALSE))
})

test_that("geary_local() pseudo p-values match exact enumeration", {
  W <- uneven_grid()
  w <- spatial_weights(W, style = "none")
  d <- grid_panel()
  nsim <- 40000
  ex <- lapply(1:9, function(i) exact_local(W, d$v, i))
  G <- vapply(ex, `[[`, 0, "G")
  L <- vapply(ex, `[[`, 0, "L")
  m <- pmin(G, L)
  # "greater" is positive autocorrelation: C_i at or below the permuted
  want <- list(greater = (nsim * L + 1) / (nsim + 1),
               less = (nsim * G + 1) / (nsim + 1),
               two.sided = pmin(1, 2 * (nsim * m + 1) / (nsim + 1)),
               folded = (nsim * m + 1) / (nsim + 1))
  se <- list(greater = sqrt(L * (1 - L)), less = sqrt(G * (1 - G)),
             two.sided = 2 * sqrt(m * (1 - m)), folded = sqrt(m * (1 - m)))
  for (alt in names(want)) {
    set.seed(5)
    got <- geary_local(d, "v", w, id = "id", nsim = nsim,
                       alternative = alt)$p_sim
    expect_true(all(abs(got - want[[alt]]) <
                      4.5 * se[[alt]] / sqrt(nsim) + 2 / nsim),
                label = paste("local", alt, "within 4.5 SE"))
  }
  # the tails differ on this grid, so a swapped direction would show
  expect_gt(max(abs(want$greater - want$less)), 0.3)
})

test_that("geary_global() pseudo p-values match all 7! permutations", {
  # every one of the 7! = 5040 permutations of the values is enumerated,
  # giving P(C_perm >= C_obs) and P(C_perm <= C_obs) exactly; nsim = 40000
  # draws must land within a few Monte Carlo standard errors of the pseudo
  # p-value under each convention
  ids <- letters[1:7]
  B <- matrix(0, 7, 7, dimnames = list(ids, ids))
  e <- rbind(c(1, 2), c(2, 3), c(2, 4), c(3, 4), c(4, 5), c(5, 6), c(6, 7),
             c(5, 7))
  B[e] <- B[e[, 2:1]] <- 1
  W <- B * outer(1:7, 1:7, function(i, j) 1 + (i * j) %% 4)
  perms <- function(k) {
    if (k == 1L) return(matrix(1L))
    p <- perms(k - 1L)
    do.call(rbind, lapply(seq_len(k), function(f) cbind(f, p + (p >= f))))
  }
  P <- perms(7L)
  num <- function(v) sum(W * outer(v, v, "-")^2)
  w <- spatial_weights(W, style = "none")
  nsim <- 40000
  # unequal values; and 0/1 values, where many permutations tie with the
  # observed C (counted on both sides)
  for (x in list(c(0.3, -2.1, 0.7, 0.8, 0.1, -0.8, 0.6),
                 c(1, 0, 1, 1, 0, 0, 0))) {
    sims <- apply(P, 1, function(p) num(x[p]))
    obs <- num(x)
    G <- mean(sims >= obs - 1e-12 * obs)
    L <- mean(sims <= obs + 1e-12 * obs)
    m <- min(G, L)
    want <- c(greater = (nsim * L + 1), less = (nsim * G + 1),
              two.sided = min(nsim + 1, 2 * (nsim * m + 1)),
              folded = nsim * m + 1) / (nsim + 1)
    se <- c(greater = sqrt(L * (1 - L)), less = sqrt(G * (1 - G)),
            two.sided = 2 * sqrt(m * (1 - m)), folded = sqrt(m * (1 - m)))
    d <- data.frame(id = ids, v = x)
    for (alt in names(want)) {
      set.seed(9)
      got <- geary_global(d, "v", w, "id", alternative = alt, nsim = nsim)
      expect_lt(abs(got$p_sim - want[[alt]]),
                4.5 * se[[alt]] / sqrt(nsim) + 2 / nsim,
                label = paste("global", alt, "deviation"))
    }
    # the two tails differ, so a swapped direction would show
    expect_gt(abs(G - L), 0.2)
    expect_equal(got$C, 6 / (2 * sum(W)) * obs / sum((x - mean(x))^2),
                 tolerance = 1e-13)
    # each permutation shuffles the previous one, so a biased shuffle
    # (Sattolo's cycles, one swap short) composes towards the uniform law
    # and hides above; every single draw must be uniform too: with 50000
    # periods and nsim = 1, the share of periods whose permuted C is <= the
    # observed one estimates L of one draw
    nt <- 50000
    dt <- data.frame(id = rep(ids, nt), t = rep(seq_len(nt), each = 7),
                     v = rep(x, nt))
    set.seed(7)
    le <- 2 * geary_global(dt, "v", w, "id", "t", nsim = 1)$p_sim - 1
    expect_lte(abs(mean(le) - L), 4.5 * sqrt(L * (1 - L) / nt),
               label = "one-draw L deviation")
  }
})

test_that("geary_local() clusters follow GeoDa and agree with spdep", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  d <- data.frame(id = attr(fx$nb, "region.id"), x = fx$data$CRIME)
  for (style in c("W", "B")) {
    lw <- spdep::nb2listw(fx$nb, style = style)
    # alpha = 1 labels every region, to compare the rule everywhere
    gl <- geary_local(d, "x", lw, "id", nsim = 0, alpha = 1)
    x <- d$x
    hx <- x > mean(x)
    hl <- spdep::lag.listw(lw, x - mean(x)) > 0
    lab <- ifelse(gl$C > gl$expected, "Negative",
                  ifelse(hx & hl, "High-High",
                         ifelse(!hx & !hl, "Low-Low", "Other Positive")))
    expect_equal(as.character(gl$cluster), lab)
    expect_true(all(c("High-High", "Low-Low", "Other Positive", "Negative") %in%
                      lab))
    # spdep 1.2.7's quadrant-only labels, where the two conventions coincide
    set.seed(1)
    sp <- as.character(attr(spdep::localC_perm(x, lw, nsim = 9), "cluster"))
    same <- (gl$C <= gl$expected & !(hx & !hl)) | (gl$C > gl$expected & hx & !hl)
    expect_gt(sum(same), 30)
    expect_equal(as.character(gl$cluster)[same], sp[same])
  }
})

test_that("every argument of the Geary verbs changes the result", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- attr(fx$nb, "region.id")
  lw <- spdep::nb2listw(fx$nb, style = "W")
  d <- data.frame(id = ids, t = rep(1:2, each = length(ids)),
                  x = c(fx$data$CRIME, fx$data$HOVAL),
                  y = c(fx$data$HOVAL, fx$data$INC))
  d1 <- d[d$t == 1, ]
  g <- geary_global(d1, "x", lw, "id")
  # value, weights, time
  expect_false(isTRUE(all.equal(g$C, geary_global(d1, "y", lw, "id")$C)))
  expect_false(isTRUE(all.equal(
    g$C, geary_global(d1, "x", spdep::nb2listw(fx$nb, style = "B"), "id")$C)))
  gt <- geary_global(d, "x", lw, "id", time = "t")
  expect_equal(nrow(gt), 2L)
  expect_equal(gt$C[1], g$C)
  expect_false(isTRUE(all.equal(gt$C[1], gt$C[2])))
  # randomisation, alternative
  gn <- geary_global(d1, "x", lw, "id", randomisation = FALSE)
  expect_false(isTRUE(all.equal(g$variance, gn$variance)))
  expect_equal(g$C, gn$C)
  gl <- geary_global(d1, "x", lw, "id", alternative = "less")
  expect_equal(gl$p_value, 1 - g$p_value)
  # nsim, global: p_sim only with nsim > 0, and greater means small C
  expect_null(g$p_sim)
  set.seed(2)
  gs <- geary_global(d1, "x", lw, "id", nsim = 99)
  expect_equal(gs$p_sim, 0.01)
  set.seed(2)
  expect_equal(geary_global(d1, "x", lw, "id", nsim = 99,
                            alternative = "less")$p_sim, 1)
  # local: nsim, alternative, p_adjust, alpha, time
  set.seed(3)
  a <- geary_local(d, "x", lw, "id", "t", nsim = 199)
  set.seed(3)
  expect_identical(geary_local(d, "x", lw, "id", "t", nsim = 199), a)
  expect_null(geary_local(d, "x", lw, "id", "t", nsim = 0)$p_sim)
  set.seed(3)
  b <- geary_local(d, "x", lw, "id", "t", nsim = 199, alternative = "folded")
  # two-sided is twice the folded, capped at 1
  expect_equal(a$p_sim, pmin(1, 2 * b$p_sim))
  set.seed(3)
  gr <- geary_local(d, "x", lw, "id", "t", nsim = 199, alternative = "greater")
  set.seed(3)
  ls <- geary_local(d, "x", lw, "id", "t", nsim = 199, alternative = "less")
  # at most one tail is small, and "greater" is the small-C tail
  expect_true(all(gr$p_sim[gr$C < gr$expected & gr$p_sim < 0.05] <
                    ls$p_sim[gr$C < gr$expected & gr$p_sim < 0.05]))
  expect_true(any(gr$p_sim < 0.05 & gr$C < gr$expected))
  expect_true(all(gr$p_sim + ls$p_sim >= 1))
  padj <- ave(a$p_sim, a$t, FUN = function(p) p.adjust(p, "holm"))
  set.seed(3)
  h <- geary_local(d, "x", lw, "id", "t", nsim = 199, p_adjust = "holm",
                   alpha = 0.3)
  expect_equal(h$cluster != "Not significant", padj <= 0.3)
  expect_false(identical(h$cluster, a$cluster))
  set.seed(3)
  a2 <- geary_local(d, "x", lw, "id", "t", nsim = 199, alpha = 0.2)
  expect_gt(sum(a2$cluster != "Not significant"),
            sum(a$cluster != "Not significant"))
  expect_equal(a$cluster != "Not significant", a$p_sim <= 0.05)
  # nsim = 0: the labels come from the normal p-value
  e <- geary_local(d, "x", lw, "id", "t", nsim = 0)
  expect_equal(e$cluster != "Not significant", e$p_value <= 0.05)
  expect_false(isTRUE(all.equal(e$C[e$t == 1], e$C[e$t == 2])))
})

test_that("`contiguity` of sf polygons changes Geary's C", {
  skip_if_not_installed("sf")
  sq <- function(r, c) {
    sf::st_polygon(list(rbind(c(c, r), c(c + 1, r), c(c + 1, r + 1),
                              c(c, r + 1), c(c, r))))
  }
  cells <- expand.grid(r = 1:4, c = 1:4)
  g <- sf::st_sf(id = paste0("c", 1:16),
                 geometry = sf::st_sfc(mapply(sq, cells$r, cells$c,
                                              SIMPLIFY = FALSE)))
  d <- data.frame(id = g$id, v = c(1, 5, 2, 8, 3, 9, 4, 1, 7, 2, 6, 3, 5, 8,
                                   1, 4))
  q <- geary_global(d, "v", g, "id", contiguity = "queen")
  r <- geary_global(d, "v", g, "id", contiguity = "rook")
  expect_false(isTRUE(all.equal(q$C, r$C)))
  expect_equal(r$C, geary_global(d, "v", grid_weights(4, 4), "id")$C,
               tolerance = 1e-13)
  ql <- geary_local(d, "v", g, "id", contiguity = "queen", nsim = 0)
  rl <- geary_local(d, "v", g, "id", contiguity = "rook", nsim = 0)
  expect_false(isTRUE(all.equal(ql$C, rl$C)))
})

test_that("Geary is right at extreme weight scales (1e-170, 1e160)", {
  W <- uneven_grid()
  d <- grid_panel()
  ref_g <- geary_global(d, "v", spatial_weights(W, style = "none"), "id")
  ref_l <- geary_local(d, "v", spatial_weights(W, style = "none"), "id",
                       nsim = 0)
  for (s in c(1e-170, 1e160)) {
    w <- spatial_weights(W * s, style = "none")
    g <- geary_global(d, "v", w, "id")
    expect_equal(c(g$C, g$variance, g$z), c(ref_g$C, ref_g$variance, ref_g$z),
                 tolerance = 1e-12)
    l <- geary_local(d, "v", w, "id", nsim = 0)
    expect_equal(l$z, ref_l$z, tolerance = 1e-12)
    expect_equal(l$C / s, ref_l$C, tolerance = 1e-12)
    expect_equal(as.character(l$cluster), as.character(ref_l$cluster))
  }
})

test_that("Geary refuses bad inputs with classed errors", {
  m <- grid_weights(3, 3)
  d <- grid_panel()
  m1 <- m
  m1[2, 2] <- 1
  expect_error(geary_local(d, "v", m1, "id"), class = "regineq_error_value",
               regexp = "local Geary's C")
  expect_s3_class(geary_global(d, "v", m1, "id"), "regineq_geary_global")
  expect_error(geary_local(d[-3, ], "v", m, "id"),
               class = "regineq_error_value", regexp = "\"c3\"")
  expect_error(geary_global(d[-3, ], "v", m, "id"),
               class = "regineq_error_value")
  d2 <- rbind(cbind(d, t = 1), cbind(d, t = 2))[-12, ]
  expect_error(geary_local(d2, "v", m, "id", "t"),
               class = "regineq_error_missing")
  expect_error(geary_global(transform(d, v = 2), "v", m, "id"),
               class = "regineq_error_value", regexp = "constant")
  expect_error(geary_local(transform(d, v = 2), "v", m, "id"),
               class = "regineq_error_value", regexp = "constant")
  m3 <- grid_weights(1, 3)
  d3 <- data.frame(id = paste0("c", 1:3), v = c(1, 2, 4))
  expect_error(geary_global(d3, "v", m3, "id"), class = "regineq_error_size")
  expect_s3_class(geary_local(d3, "v", m3, "id", nsim = 9),
                  "regineq_geary_local")
  m2 <- grid_weights(1, 2)
  expect_error(geary_local(d3[1:2, ], "v", m2, "id"),
               class = "regineq_error_size")
  expect_error(geary_local(d, "v", m, "id", nsim = -1),
               class = "regineq_error_value")
  expect_error(geary_global(d, "v", m, "id", nsim = 2.5),
               class = "regineq_error_value")
  expect_error(geary_local(d, "v", m, "id", alpha = 2),
               class = "regineq_error_value")
  expect_error(geary_global(d, "v", m, "id", randomisation = NA),
               class = "regineq_error_type")
  expect_error(geary_local(d, "v", m, "id", p_adjust = "nope"),
               class = "regineq_error_value")
  expect_error(geary_global(d, "v", m, "id", alternative = "bigger"),
               class = "regineq_error_value")
  expect_error(geary_local(d, "x", m, "id"), class = "regineq_error_column")
  expect_error(geary_global(d, "v", m), class = "regineq_error_argument")
  expect_snapshot(error = TRUE, geary_local(d, "v", m1, "id"))
  expect_snapshot(error = TRUE, geary_global(d3, "v", m3, "id"))
})

test_that("Geary results print", {
  d <- grid_panel()
  m <- grid_weights(3, 3)
  expect_output(print(geary_global(d, "v", m, "id")), "Geary's C of `v`")
  set.seed(1)
  expect_output(print(geary_local(d, "v", m, "id", nsim = 99)),
                "Clusters")
})
