# Getis-Ord Gi, Gi* and global G against spdep, brute force and exact
# enumeration of the conditional permutation.

getis_vs_spdep <- function(x, nb, style, star) {
  ids <- attr(nb, "region.id")
  if (is.null(ids)) ids <- as.character(seq_along(x))
  nbs <- if (star) spdep::include.self(nb) else nb
  lw <- spdep::nb2listw(nbs, style = style, zero.policy = TRUE)
  ref <- spdep::localG(x, lw, zero.policy = TRUE, return_internals = TRUE)
  it <- attr(ref, "internals")
  # regineq builds Gi* weights itself from the listw without self-links
  lw0 <- spdep::nb2listw(nb, style = style, zero.policy = TRUE)
  d <- data.frame(id = ids, x = x)
  g <- suppressWarnings(getis_local(d, "x", lw0, id = "id", star = star,
                                    nsim = 0))
  ok <- is.finite(as.vector(ref))
  expect_equal(g$G[ok], unname(it[ok, 1]), tolerance = 1e-10)
  expect_equal(g$expected[ok], unname(it[ok, 2]), tolerance = 1e-10)
  expect_equal(g$variance[ok], unname(it[ok, 3]), tolerance = 1e-10)
  expect_equal(g$z[ok], as.vector(ref)[ok], tolerance = 1e-10)
  expect_equal(g$p_value[ok], unname(it[ok, 5]), tolerance = 1e-10)
  expect_true(all(is.na(g$z[!ok])))
  # the listw with self-links gives the same numbers as star = TRUE
  if (star) {
    g2 <- suppressWarnings(getis_local(d, "x", lw, id = "id", star = TRUE,
                                       nsim = 0))
    expect_equal(g2$z, g$z, tolerance = 1e-12)
  }
  # global G (binary and row-standardised alike, islands adjusted)
  if (!star) {
    gg <- suppressWarnings(getis_global(d, "x", lw0, id = "id"))
    rg <- suppressWarnings(spdep::globalG.test(x, lw0, zero.policy = TRUE))
    expect_equal(gg$G, unname(rg$estimate[1]), tolerance = 1e-10)
    expect_equal(gg$expected, unname(rg$estimate[2]), tolerance = 1e-10)
    expect_equal(gg$variance, unname(rg$estimate[3]), tolerance = 1e-10)
    expect_equal(gg$z, as.vector(rg$statistic), tolerance = 1e-10)
    expect_equal(gg$p_value, as.vector(rg$p.value), tolerance = 1e-10)
  }
}

test_that("getis_local() and getis_global() equal spdep on columbus", {
  skip_if_not_installed("spdep")
  fx <- columbus_fixture()
  for (style in c("B", "W")) for (star in c(FALSE, TRUE)) {
    getis_vs_spdep(fx$data$CRIME, fx$nb, style, star)
    getis_vs_spdep(fx$data$HOVAL, fx$nb, style, star)
  }
})

test_that("Getis-Ord equals spdep on nc (sf polygons)", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("sf")
  nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE)
  nb <- spdep::poly2nb(nc)
  x <- nc$SID79 / nc$BIR79 * 1000
  for (style in c("B", "W")) for (star in c(FALSE, TRUE)) {
    getis_vs_spdep(x, nb, style, star)
  }
})

test_that("Getis-Ord equals spdep with asymmetric kNN weights and islands", {
  skip_if_not_installed("spdep")
  fx <- columbus_fixture()
  nb <- spdep::knn2nb(spdep::knearneigh(fx$coords, k = 4))
  nb <- nb_with_islands(nb, c(5, 17))
  for (style in c("B", "W")) for (star in c(FALSE, TRUE)) {
    getis_vs_spdep(fx$data$CRIME, nb, style, star)
  }
  lw <- spdep::nb2listw(nb, style = "B", zero.policy = TRUE)
  d <- data.frame(id = attr(nb, "region.id"), x = fx$data$CRIME)
  expect_warning(g <- getis_local(d, "x", lw, id = "id", nsim = 99),
                 class = "regineq_warning_islands")
  expect_equal(as.character(g$cluster[c(5, 17)]), c("Isolated", "Isolated"))
  expect_true(all(is.na(g$p_sim[c(5, 17)])))
  expect_true(all(is.na(g$z[c(5, 17)])))
})

# The conditional permutation of G_i, enumerated exactly: all ordered
# k_i-tuples of the other regions' values at i's neighbours.
exact_counts <- function(x, W, i, star) {
  n <- length(x)
  nbr <- setdiff(which(W[i, ] != 0), i)
  others <- setdiff(seq_len(n), i)
  obs <- sum(W[i, nbr] * x[nbr])
  tuples <- as.matrix(expand.grid(rep(list(others), length(nbr))))
  tuples <- tuples[apply(tuples, 1, function(r) !anyDuplicated(r)), ,
                   drop = FALSE]
  sims <- apply(tuples, 1, function(r) sum(W[i, nbr] * x[r]))
  den <- if (star) sum(x) else sum(x) - x[i]
  c(ge = mean(sign(den) * sims >= sign(den) * obs - 1e-12),
    le = mean(sign(den) * sims <= sign(den) * obs + 1e-12))
}

test_that("getis_local() pseudo p converges to exact enumeration (3x3 grid)", {
  m <- grid_weights(3, 3)
  d <- grid_panel()
  for (star in c(FALSE, TRUE)) {
    set.seed(7)
    g <- getis_local(d, "v", m, id = "id", star = star, nsim = 20000,
                     alternative = "greater")
    W <- m / rowSums(m)
    if (star) W <- (m + diag(9)) / rowSums(m + diag(9))
    for (i in 1:9) {
      ex <- exact_counts(d$v, W, i, star)
      # (G + 1) / (nsim + 1) against the exact tail probability, within
      # four Monte Carlo standard errors (and the + 1 of the convention)
      p <- unname(ex["ge"])
      expect_lt(abs(g$p_sim[i] - p), 4 * sqrt(p * (1 - p) / 20000) + 1e-4,
                label = paste("region", i, "star", star))
    }
  }
})

test_that("getis_local() brute-force G and Gi* on a dense matrix, two periods", {
  m <- grid_weights(3, 3)
  d <- grid_panel()
  d2 <- rbind(cbind(d, t = 1), cbind(transform(d, v = v^2 + 1), t = 2))
  for (star in c(FALSE, TRUE)) {
    g <- getis_local(d2, "v", m, id = "id", time = "t", star = star, nsim = 0)
    W <- if (star) m + diag(9) else m
    W <- W / rowSums(W)
    for (tt in 1:2) {
      x <- d2$v[d2$t == tt]
      den <- if (star) sum(x) else sum(x) - x
      expect_equal(g$G[g$t == tt], as.vector(W %*% x) / den, tolerance = 1e-14)
      expect_equal(g$lag[g$t == tt], as.vector(W %*% x), tolerance = 1e-14)
    }
  }
})

test_that("getis_local() is reproducible with set.seed and labels spots", {
  fx <- columbus_fixture()
  skip_if_not_installed("spdep")
  lw <- spdep::nb2listw(fx$nb, style = "B")
  d <- data.frame(id = attr(fx$nb, "region.id"), x = fx$data$CRIME)
  set.seed(3)
  a <- getis_local(d, "x", lw, id = "id", star = TRUE, nsim = 199)
  set.seed(3)
  b <- getis_local(d, "x", lw, id = "id", star = TRUE, nsim = 199)
  expect_identical(a, b)
  # labels: significant and above expectation is a hot spot
  p <- a$p_sim
  hot <- p <= 0.05 & a$G > a$expected
  cold <- p <= 0.05 & a$G < a$expected
  expect_equal(a$cluster == "Hot spot", hot)
  expect_equal(a$cluster == "Cold spot", cold)
  expect_true(any(hot) && any(cold))
  # p_adjust and alpha change the labels as stated
  set.seed(3)
  c2 <- getis_local(d, "x", lw, id = "id", star = TRUE, nsim = 199,
                    p_adjust = "holm", alpha = 0.5)
  padj <- p.adjust(a$p_sim, "holm")
  expect_equal(c2$cluster == "Hot spot", padj <= 0.5 & a$G > a$expected)
  # analytical labels when nsim = 0
  e <- getis_local(d, "x", lw, id = "id", star = TRUE, nsim = 0)
  expect_equal(e$cluster == "Hot spot", e$p_value <= 0.05 & e$z > 0)
})

test_that("getis_global() permutation equals exact enumeration on a tiny graph", {
  m <- grid_weights(2, 3)
  d <- data.frame(id = paste0("c", 1:6), v = c(3, 1, 4, 1, 5, 9))
  set.seed(11)
  g <- getis_global(d, "v", m, id = "id", nsim = 50000)
  W <- m / rowSums(m)
  x <- d$v
  obs <- sum(x * W %*% x)
  perms <- function(v) if (length(v) <= 1) list(v) else
    do.call(c, lapply(seq_along(v), function(k)
      lapply(perms(v[-k]), function(p) c(v[k], p))))
  sims <- vapply(perms(x), function(p) sum(p * W %*% p), 0)
  expect_equal(g$p_sim, mean(sims >= obs - 1e-12), tolerance = 0.01)
  # G itself by brute force
  expect_equal(g$G, obs / (sum(x)^2 - sum(x^2)), tolerance = 1e-14)
})

test_that("Getis-Ord refuses bad inputs with classed errors", {
  m <- grid_weights(3, 3)
  d <- grid_panel()
  expect_error(getis_local(d, "v", m, id = "id", star = NA),
               class = "regineq_error_type")
  m2 <- m
  m2[1, 1] <- 1
  expect_error(getis_local(d, "v", m2, id = "id"),
               class = "regineq_error_value")
  expect_error(getis_local(d, "v", m2, id = "id", star = TRUE),
               class = "regineq_error_value")
  dn <- transform(d, v = v - 5)
  expect_error(getis_global(dn, "v", m, id = "id"),
               class = "regineq_error_value")
  expect_error(getis_local(transform(d, v = 1), "v", m, id = "id"),
               class = "regineq_error_value")
  expect_error(getis_local(d[-1, ], "v", m, id = "id"),
               class = "regineq_error_value")
})
