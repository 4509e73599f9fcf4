# Weights from coordinates (R/weights-coords.R): kNN and distance bands
# against brute force (helper-coords.R) and spdep, ties, the ellipsoid,
# coordinates near the antimeridian and the poles, and how coordinates are
# read.

test_that("knn and distance weights follow their definitions", {
  set.seed(1)
  xy <- cbind(stats::runif(30, 0, 100), stats::runif(30, 0, 100))
  w <- knn_weights(xy, k = 3, longlat = FALSE, style = "B")
  d <- as.matrix(stats::dist(xy))
  diag(d) <- Inf
  ref <- t(apply(d, 1, function(r) as.numeric(rank(r, ties.method = "first") <= 3)))
  expect_equal(unname(as.matrix(w)), unname(ref))
  dw <- distance_weights(xy, upper = 40, longlat = FALSE, style = "none")
  ref2 <- ifelse(d <= 40, 1 / d, 0)
  expect_equal(unname(as.matrix(dw)), unname(ref2))
  # great circle: Beijing to Shanghai is about 1070 km
  expect_message(
    bj_sh <- distance_weights(rbind(c(116.41, 39.9), c(121.47, 31.23)),
                              power = 1, style = "none"),
    class = "regineq_message_longlat")
  expect_equal(1 / bj_sh$val[1], 1067, tolerance = 0.01)
})

test_that("a guessed `longlat` is announced, an explicit one is not", {
  grid <- as.matrix(expand.grid(x = 0:3, y = 0:3))
  expect_message(w <- knn_weights(grid, k = 2),
                 class = "regineq_message_longlat",
                 regexp = "longitude/latitude.*longlat = FALSE")
  expect_true(w$longlat)
  expect_message(w <- distance_weights(grid * 100, upper = 150),
                 class = "regineq_message_longlat",
                 regexp = "projected x/y.*Euclidean")
  expect_false(w$longlat)
  expect_no_message(knn_weights(grid, k = 2, longlat = FALSE))
  expect_no_message(distance_weights(grid, upper = 1, longlat = FALSE))
  expect_no_message(knn_weights(grid, k = 2, longlat = TRUE))
  expect_error(knn_weights(grid * 100, k = 2, longlat = TRUE),
               class = "regineq_error_value", regexp = "latitude in \\[-90, 90\\]")
  expect_error(knn_weights(grid, k = 2, longlat = "yes"),
               class = "regineq_error_type")
})

test_that("`longlat` changes the distances and the neighbours", {
  # at 60 degrees north a degree of longitude is half a degree of latitude
  p <- rbind(a = c(0, 60), b = c(1.5, 60), c = c(0, 61))
  flat <- knn_weights(p, k = 1, longlat = FALSE, style = "B")
  round <- knn_weights(p, k = 1, longlat = TRUE, style = "B")
  expect_equal(as.matrix(flat)["a", "c"], 1)
  expect_equal(as.matrix(round)["a", "b"], 1)
  dl <- distance_weights(p, longlat = TRUE, style = "none")
  expect_equal(as.matrix(dl)["a", "b"],
               1 / ellipsoid_km(0, 60, 1.5, 60))
  dp <- distance_weights(p, longlat = FALSE, style = "none")
  expect_equal(as.matrix(dp)["a", "b"], 1 / 1.5)
})

test_that("coordinates must be numeric columns, and knn needs two points", {
  df <- data.frame(lon = factor(c(10, 20, 30)), lat = c(1, 2, 3))
  expect_error(knn_weights(df, k = 1), class = "regineq_error_type",
               regexp = "column `lon` is a factor")
  df$lon <- c("10", "20", "30")
  expect_error(distance_weights(df), class = "regineq_error_type",
               regexp = "column `lon` is a character")
  df$lon <- as.Date("2020-01-01") + 0:2
  expect_error(knn_weights(df, k = 1), class = "regineq_error_type",
               regexp = "column `lon` is a Date")
  expect_error(knn_weights(matrix(c("1", "2", "3", "4"), 2), k = 1),
               class = "regineq_error_type", regexp = "column `1`")
  expect_error(knn_weights(cbind(1, 2), k = 1, longlat = FALSE),
               class = "regineq_error_size", regexp = "at least 2 rows")
  expect_error(knn_weights(matrix(numeric(), 0, 2), k = 1, longlat = FALSE),
               class = "regineq_error_size")
})

test_that("`k`, `lower`, `upper`, `power` and `style` change the weights", {
  set.seed(7)
  xy <- cbind(stats::runif(25, 0, 50), stats::runif(25, 0, 50))
  d <- as.matrix(stats::dist(xy))
  diag(d) <- Inf
  knn_ref <- function(k) {
    t(apply(d, 1, function(r) as.numeric(rank(r, ties.method = "first") <= k)))
  }
  k2 <- knn_weights(xy, k = 2, longlat = FALSE, style = "B")
  k5 <- knn_weights(xy, k = 5, longlat = FALSE, style = "B")
  expect_equal(unname(as.matrix(k2)), unname(knn_ref(2)))
  expect_equal(unname(as.matrix(k5)), unname(knn_ref(5)))
  expect_equal(unname(as.matrix(knn_weights(xy, k = 5, longlat = FALSE))),
               unname(knn_ref(5) / 5))
  band <- function(lower, upper, power) {
    ifelse(d >= lower & d <= upper, d^(-power), 0)
  }
  got <- function(...) {
    unname(as.matrix(distance_weights(xy, longlat = FALSE, style = "none", ...)))
  }
  # a band that excludes near neighbours
  expect_equal(got(lower = 10, upper = 20), unname(band(10, 20, 1)))
  expect_gt(sum(got(upper = 20) > 0), sum(got(lower = 10, upper = 20) > 0))
  expect_equal(got(upper = 20, power = 2), unname(band(0, 20, 2)))
  expect_equal(got(upper = 20, power = 0), unname(band(0, 20, 0)))
  expect_equal(got(power = 0.5), unname(band(0, Inf, 0.5)))
  w <- unname(as.matrix(distance_weights(xy, upper = 20, longlat = FALSE)))
  b <- band(0, 20, 1)
  expect_equal(w, unname(b / ifelse(rowSums(b) > 0, rowSums(b), 1)))
  expect_error(distance_weights(xy, lower = 30, upper = 20, longlat = FALSE),
               class = "regineq_error_value")
})

test_that("`ids` labels coordinates in their row order", {
  p <- cbind(c(0, 1, 5), 0)
  a <- knn_weights(p, k = 1, ids = c("x", "y", "z"), longlat = FALSE,
                   style = "B")
  b <- knn_weights(p, k = 1, ids = c("z", "y", "x"), longlat = FALSE,
                   style = "B")
  expect_equal(as.matrix(a)["z", "y"], 1)
  expect_equal(as.matrix(b)["x", "y"], 1)
  expect_equal(as.matrix(b)["z", "y"], 1)
  expect_equal(as.matrix(b)["z", "x"], 0)
  expect_equal(knn_weights(`rownames<-`(p, c("p", "q", "r")), k = 1,
                           longlat = FALSE)$ids, c("p", "q", "r"))
})

test_that("print() says how coordinates were read", {
  p <- cbind(c(0, 1, 5), 0)
  expect_output(print(knn_weights(p, k = 1, longlat = FALSE)),
                "coordinates: planar")
  expect_output(print(distance_weights(p, longlat = TRUE)),
                "coordinates: longitude/latitude")
  out <- capture.output(print(spatial_weights(grid_weights(2, 2))))
  expect_false(any(grepl("coordinates", out)))
  expect_true(is.na(spatial_weights(grid_weights(2, 2))$longlat))
})

# Against brute force and spdep ---------------------------------------------------

test_that("long/lat kNN and bands are spdep's on 2,800 points over China", {
  skip_if_not_installed("spdep")
  set.seed(2800)
  ll <- cbind(stats::runif(2800, 73, 135), stats::runif(2800, 18, 54))
  for (k in c(1, 6)) {
    w <- knn_weights(ll, k = k, longlat = TRUE, style = "B")
    ref <- nb_list(spdep::knn2nb(spdep::knearneigh(ll, k = k, longlat = TRUE)))
    expect_identical(weights_nb(w)$nb, ref)
  }
  # a band of about 8 neighbours, and one with a lower bound
  for (band in list(c(0, 150), c(60, 150))) {
    dw <- distance_weights(ll, lower = band[1], upper = band[2],
                           longlat = TRUE, style = "none")
    dn <- spdep::dnearneigh(ll, band[1], band[2], longlat = TRUE)
    got <- weights_nb(dw)
    expect_identical(got$nb, nb_list(dn))
    nd <- spdep::nbdists(dn, ll, longlat = TRUE)
    has <- lengths(got$nb) > 0
    expect_equal(unlist(got$raw), 1 / unlist(unclass(nd)[has]),
                 tolerance = 1e-10)
  }
  expect_gt(mean(lengths(weights_nb(distance_weights(
    ll, upper = 150, longlat = TRUE))$nb)), 5)
})

test_that("the ellipsoid changes neighbours that a sphere would give", {
  set.seed(2800)
  ll <- cbind(stats::runif(2800, 73, 135), stats::runif(2800, 18, 54))
  sphere_knn <- function(r) {
    rad <- pi / 180
    a <- sin((ll[, 2] - ll[r, 2]) * rad / 2)^2 + cos(ll[r, 2] * rad) *
      cos(ll[, 2] * rad) * sin((ll[, 1] - ll[r, 1]) * rad / 2)^2
    d <- 2 * 6371 * asin(pmin(1, sqrt(a)))
    d[r] <- Inf
    sort(order(d)[1:6])
  }
  got <- weights_nb(knn_weights(ll, k = 6, longlat = TRUE))$nb
  differ <- sum(!mapply(identical, got, lapply(seq_len(2800), sphere_knn)))
  expect_gt(differ, 0)
  # a north-south degree at the equator is 0.56% shorter than on the sphere
  expect_equal(ellipsoid_km(0, 0, 0, 1) / (6371 * pi / 180), 0.9944,
               tolerance = 1e-4)
})

test_that("kNN and bands equal brute force, planar and long/lat", {
  set.seed(31)
  cases <- list(
    list(xy = cbind(stats::runif(400, -50, 50), stats::runif(400, 0, 20)),
         longlat = FALSE, band = c(1, 4)),
    list(xy = cbind(stats::runif(400, -10, 40), stats::runif(400, 20, 60)),
         longlat = TRUE, band = c(50, 300)),
    # clustered points: many near-duplicates and empty space
    list(xy = cbind(stats::rnorm(400, sample(c(0, 30), 400, TRUE), 0.01),
                    stats::rnorm(400, 45, 0.01)),
         longlat = TRUE, band = c(0.1, 2))
  )
  for (cs in cases) {
    for (k in c(1, 3, 10)) {
      w <- knn_weights(cs$xy, k = k, longlat = cs$longlat)
      expect_identical(weights_nb(w)$nb, brute_knn(cs$xy, k, cs$longlat))
    }
    dw <- distance_weights(cs$xy, lower = cs$band[1], upper = cs$band[2],
                           longlat = cs$longlat, style = "none", power = 2)
    ref <- brute_band(cs$xy, cs$band[1], cs$band[2], cs$longlat)
    got <- weights_nb(dw)
    expect_identical(got$nb, ref$nb)
    expect_equal(unlist(got$raw), unlist(ref$dist)^-2, tolerance = 1e-10)
  }
})

test_that("planar kNN and bands are spdep's on a random set", {
  skip_if_not_installed("spdep")
  set.seed(5)
  xy <- cbind(stats::runif(2000, 0, 1000), stats::runif(2000, 0, 500))
  w <- knn_weights(xy, k = 8, longlat = FALSE)
  expect_identical(weights_nb(w)$nb,
                   nb_list(spdep::knn2nb(spdep::knearneigh(xy, k = 8))))
  dw <- distance_weights(xy, lower = 5, upper = 30, longlat = FALSE,
                         style = "none")
  dn <- spdep::dnearneigh(xy, 5, 30, use_kd_tree = FALSE)
  got <- weights_nb(dw)
  expect_identical(got$nb, nb_list(dn))
  nd <- spdep::nbdists(dn, xy)
  expect_equal(unlist(got$raw),
               1 / unlist(unclass(nd)[lengths(got$nb) > 0]), tolerance = 1e-10)
})

test_that("ties go to the smaller row, as brute force and spdep's C code", {
  # a 12 x 10 grid in scrambled row order: 4 points at distance 1, 4 at
  # sqrt(2), so k = 1, 2, 3, 5, 6, 7 cut through ties
  g <- as.matrix(expand.grid(x = 1:12, y = 1:10))
  set.seed(3)
  g <- g[sample(nrow(g)), ]
  # regineq, brute force and spdep's C search agree on every tie
  expect_ties <- function(pts, ks, longlat) {
    for (k in ks) {
      ref <- brute_knn(pts, k, longlat)
      expect_identical(weights_nb(knn_weights(pts, k = k,
                                              longlat = longlat))$nb, ref)
      if (requireNamespace("spdep", quietly = TRUE)) {
        sp <- spdep::knn2nb(spdep::knearneigh(pts, k = k, longlat = longlat,
                                              use_kd_tree = FALSE))
        expect_identical(nb_list(sp), ref)
      }
    }
  }
  expect_ties(g, c(1, 2, 3, 5, 6, 7), FALSE)
  # the rule on one point: (2, 2) has four neighbours at distance 1
  p <- rbind(c(2, 2), c(2, 3), c(1, 2), c(3, 2), c(2, 1))
  w <- knn_weights(p, k = 2, longlat = FALSE, style = "B")
  expect_equal(weights_nb(w)$nb[[1]], c(2L, 3L))
  w <- knn_weights(p[c(1, 5, 4, 3, 2), ], k = 2, longlat = FALSE, style = "B")
  expect_equal(weights_nb(w)$nb[[1]], c(2L, 3L))
  # a long/lat grid has ties too (east-west pairs at the same latitude)
  gl <- as.matrix(expand.grid(x = seq(100, 110, by = 0.5), y = seq(20, 30, by = 0.5)))
  gl <- gl[sample(nrow(gl)), ]
  expect_ties(gl, c(1, 2, 4, 7), TRUE)
  # duplicated points are neighbours at distance 0, in row order
  d <- rbind(c(0, 0), c(5, 5), c(0, 0), c(0, 0), c(1, 0))
  expect_equal(weights_nb(knn_weights(d, k = 2, longlat = FALSE))$nb[[1]],
               c(3L, 4L))
})

test_that("band bounds are included: lower <= d <= upper", {
  g <- as.matrix(expand.grid(x = 0:6, y = 0:6))
  for (band in list(c(1, 2), c(0, 1), c(sqrt(2), sqrt(5)), c(2, 2))) {
    dw <- distance_weights(g, lower = band[1], upper = band[2],
                           longlat = FALSE, style = "B")
    ref <- brute_band(g, band[1], band[2], FALSE)$nb
    expect_identical(weights_nb(dw)$nb, ref)
    if (requireNamespace("spdep", quietly = TRUE)) {
      dn <- spdep::dnearneigh(g, band[1], band[2], use_kd_tree = FALSE)
      expect_identical(nb_list(dn), ref)
    }
  }
  # (0, 0) has (1, 0) and (0, 1) at exactly 1 and 2 at exactly 2
  dw <- distance_weights(g, lower = 1, upper = 2, longlat = FALSE, style = "B")
  expect_true(all(c(2L, 8L, 3L, 15L) %in% weights_nb(dw)$nb[[1]]))
  dw <- distance_weights(g, lower = 2, upper = 2, longlat = FALSE, style = "B")
  expect_equal(weights_nb(dw)$nb[[1]], c(3L, 15L))
})

test_that("long/lat near the antimeridian and the poles equals brute force", {
  set.seed(180)
  n <- 300
  anti <- cbind(c(stats::runif(n / 2, 175, 180), stats::runif(n / 2, -180, -175)),
                stats::runif(n, -5, 5))
  polar <- rbind(cbind(stats::runif(n / 2, -180, 180), stats::runif(n / 2, 88, 90)),
                 cbind(stats::runif(n / 2, -180, 180), stats::runif(n / 2, -90, -89)))
  # exactly at the poles, at several longitudes, and at +-180
  polar <- rbind(polar, cbind(c(-180, 0, 90, 180), 90), c(180, 89.5),
                 c(-180, 89.5))
  for (xy in list(anti, polar)) {
    for (k in c(1, 5, 12)) {
      expect_identical(weights_nb(knn_weights(xy, k = k, longlat = TRUE))$nb,
                       brute_knn(xy, k, TRUE))
    }
    dw <- distance_weights(xy, upper = 100, longlat = TRUE, style = "none",
                           power = 0)
    expect_identical(weights_nb(dw)$nb, brute_band(xy, 0, 100, TRUE)$nb)
  }
  # the nearest neighbours across the antimeridian are found
  p <- rbind(c(179.9, 0), c(-179.9, 0), c(178, 0))
  w <- knn_weights(p, k = 1, longlat = TRUE, style = "B")
  expect_equal(weights_nb(w)$nb, list(2L, 1L, 1L))
  # the whole sphere: antipodes, and a band that takes everything
  set.seed(4)
  glob <- cbind(stats::runif(200, -180, 180),
                asin(stats::runif(200, -1, 1)) * 180 / pi)
  glob <- rbind(glob, c(0, 0), c(180, 0), c(-90, 30), c(90, -30))
  for (k in c(1, 50, 203)) {
    expect_identical(weights_nb(knn_weights(glob, k = k, longlat = TRUE))$nb,
                     brute_knn(glob, k, TRUE))
  }
  dw <- distance_weights(glob, longlat = TRUE, style = "none")
  ref <- brute_band(glob, 0, Inf, TRUE)
  expect_equal(unlist(weights_nb(dw)$raw), 1 / unlist(ref$dist),
               tolerance = 1e-10)
  expect_true(all(is.finite(dw$raw)) && all(dw$raw > 0))
})

test_that("distance 0 is an error for inverse distances, not for power 0", {
  p <- rbind(a = c(0, 0), b = c(1, 1), c = c(2, 2), d = c(1, 1))
  expect_error(distance_weights(p, upper = 5, longlat = FALSE),
               class = "regineq_error_value",
               regexp = "distance 0 \\(b and d\\)")
  expect_error(distance_weights(p, longlat = TRUE, power = 2),
               class = "regineq_error_value", regexp = "\\(b and d\\)")
  w <- distance_weights(p, upper = 5, longlat = FALSE, power = 0, style = "B")
  expect_equal(as.matrix(w)["b", "d"], 1)
  # a band above 0 leaves the duplicates out
  w <- distance_weights(p, lower = 0.5, longlat = FALSE)
  expect_equal(as.matrix(w)["b", "d"], 0)
  expect_equal(as.matrix(knn_weights(p, k = 1, longlat = FALSE))["b", "d"], 1)
})

test_that("the source says which distance", {
  p <- cbind(c(0, 1, 5), 0)
  expect_output(print(knn_weights(p, k = 1, longlat = TRUE)),
                "ellipsoidal great-circle km, WGS84")
  expect_output(print(distance_weights(p, upper = 200, longlat = TRUE)),
                "distance band \\[0, 200\\].*ellipsoidal great-circle km, WGS84")
  expect_output(print(distance_weights(p, upper = 2, longlat = FALSE)),
                "Euclidean")
  expect_message(knn_weights(p, k = 1), class = "regineq_message_longlat",
                 regexp = "ellipsoidal great-circle km \\(WGS84\\)")
})

test_that("a large set is the brute force on a sample", {
  # no time bound here (speed is bench/bench-weights.R's business): under
  # valgrind this search takes 17 s, and a bound fails on a slow machine,
  # not on wrong code
  skip_on_cran()
  set.seed(50)
  n <- 50000
  ll <- cbind(stats::runif(n, 73, 135), stats::runif(n, 18, 54))
  w <- knn_weights(ll, k = 8, longlat = TRUE)
  nb <- weights_nb(w)$nb
  for (r in c(1, 777, 49999)) {
    d <- ellipsoid_km(ll[r, 1], ll[r, 2], ll[, 1], ll[, 2])
    d[r] <- Inf
    expect_identical(nb[[r]], sort(order(d)[1:8]))
  }
})

test_that("ties are decided on the computed distance, after the square root", {
  # (1, 2^-26) is at squared distance 1 + 2^-52 from the origin, whose root
  # rounds to 1: it ties with (1, 0) and, being row 2, comes first
  p <- rbind(c(0, 0), c(1, 2^-26), c(1, 0), c(5, 5), c(-5, 5))
  d <- sqrt(p[2, 1]^2 + p[2, 2]^2)
  expect_identical(d, 1)
  w <- knn_weights(p, k = 1, longlat = FALSE, style = "B")
  expect_identical(weights_nb(w)$nb[[1]], 2L)
  expect_identical(weights_nb(w)$nb, brute_knn(p, 1, FALSE))
  dw <- distance_weights(p, upper = 1, longlat = FALSE, style = "B")
  expect_identical(weights_nb(dw)$nb[[1]], c(2L, 3L))
})

test_that("long/lat distances are the formula of spdep bit for bit", {
  set.seed(9)
  ll <- cbind(stats::runif(300, 100, 120), stats::runif(300, 20, 40))
  dw <- distance_weights(ll, upper = 400, longlat = TRUE, style = "none")
  rows <- rep(seq_len(dw$n), diff(dw$rowptr))
  cols <- dw$col + 1L
  expect_identical(dw$raw,
                   ellipsoid_km(ll[rows, 1], ll[rows, 2], ll[cols, 1],
                                ll[cols, 2])^-1)
})

test_that("an unbounded band on too many points is a size error, not a crash", {
  set.seed(1)
  p <- cbind(stats::runif(46400), stats::runif(46400))
  expect_error(distance_weights(p, longlat = FALSE),
               class = "regineq_error_size", regexp = "`upper` must be finite")
})
