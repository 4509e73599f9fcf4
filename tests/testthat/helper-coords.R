# Brute-force references for the coordinate weights (test-weights-coords.R):
# every pair's distance in R, then the neighbours by sorting.

# spdep's gcdist() (Andoyer-Lambert on the WGS84 ellipsoid, km), written
# again in R from its published formula, vectorised; from (lon1, lat1) to
# (lon2, lat2).
ellipsoid_km <- function(lon1, lat1, lon2, lat2) {
  r <- pi / 180
  a <- 6378.137
  f <- 1 / 298.257223563
  F <- (lat1 * r + lat2 * r) / 2
  G <- (lat1 * r - lat2 * r) / 2
  L <- (lon1 * r - lon2 * r) / 2
  S <- sin(G)^2 * cos(L)^2 + cos(F)^2 * sin(L)^2
  C <- cos(G)^2 * cos(L)^2 + sin(F)^2 * sin(L)^2
  w <- atan(sqrt(S / C))
  R <- sqrt(S * C) / w
  H1 <- (3 * R - 1) / (2 * C)
  H2 <- (3 * R + 1) / (2 * S)
  d <- 2 * w * a * (1 + f * H1 * sin(F)^2 * cos(G)^2 -
                      f * H2 * cos(F)^2 * sin(G)^2)
  # an exactly antipodal pair is 0/0 in the formula: the half meridian
  d[!is.finite(d)] <- pi * a * (1 - f / 2)
  # C's fmod() keeps the sign, unlike %%
  dl <- lon1 - lon2
  same <- abs(lat1 - lat2) < .Machine$double.eps &
    abs(dl - 360 * trunc(dl / 360)) < .Machine$double.eps
  d[same] <- 0
  d
}

# n x n distances, row i from point i (the first point of each pair).
brute_dist <- function(xy, longlat) {
  n <- nrow(xy)
  i <- rep(seq_len(n), n)
  j <- rep(seq_len(n), each = n)
  d <- if (longlat) {
    ellipsoid_km(xy[i, 1], xy[i, 2], xy[j, 1], xy[j, 2])
  } else {
    sqrt((xy[i, 1] - xy[j, 1])^2 + (xy[i, 2] - xy[j, 2])^2)
  }
  matrix(d, n, n)
}

# The k nearest of each point: smallest distance first, ties to the smaller
# row (order() is stable). A list of sorted neighbour indices.
brute_knn <- function(xy, k, longlat) {
  d <- brute_dist(xy, longlat)
  lapply(seq_len(nrow(xy)), function(r) {
    dr <- d[r, ]
    dr[r] <- Inf
    sort(order(dr)[seq_len(k)])
  })
}

# Points j != i with lower <= d(i, j) <= upper, sorted, and their distances.
brute_band <- function(xy, lower, upper, longlat) {
  d <- brute_dist(xy, longlat)
  n <- nrow(xy)
  nb <- lapply(seq_len(n), function(r) {
    which(d[r, ] >= lower & d[r, ] <= upper & seq_len(n) != r)
  })
  list(nb = nb, dist = lapply(seq_len(n), function(r) d[r, nb[[r]]]))
}

# The neighbour lists of regineq weights (sorted indices) and their raw
# values, row by row.
weights_nb <- function(w) {
  rows <- factor(rep(seq_len(w$n), diff(w$rowptr)), levels = seq_len(w$n))
  list(nb = unname(lapply(split(w$col + 1L, rows), as.integer)),
       raw = unname(split(w$raw, rows)))
}

# spdep's nb as plain lists (0 for no neighbours becomes integer(0)).
nb_list <- function(nb) {
  lapply(unclass(nb), function(v) {
    if (length(v) == 1L && v == 0L) integer(0) else as.integer(v)
  })
}
