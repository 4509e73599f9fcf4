# Fixtures for the spatial tests: columbus from spData, with islands and
# asymmetric kNN weights, and a small grid.

columbus_fixture <- function() {
  env <- new.env()
  utils::data("columbus", package = "spData", envir = env)
  list(data = env$columbus, nb = env$col.gal.nb,
       coords = env$coords)
}

# Cut all links of regions `drop` so that they become islands.
nb_with_islands <- function(nb, drop) {
  for (k in seq_along(nb)) {
    if (k %in% drop) {
      nb[[k]] <- 0L
    } else {
      v <- setdiff(nb[[k]], drop)
      nb[[k]] <- if (length(v)) as.integer(v) else 0L
    }
  }
  nb
}

grid_weights <- function(nr, nc) {
  ids <- paste0("c", seq_len(nr * nc))
  m <- matrix(0, nr * nc, nr * nc, dimnames = list(ids, ids))
  for (r in seq_len(nr)) for (c in seq_len(nc)) {
    k <- (c - 1) * nr + r
    for (d in list(c(-1, 0), c(1, 0), c(0, -1), c(0, 1))) {
      r2 <- r + d[1]
      c2 <- c + d[2]
      if (r2 >= 1 && r2 <= nr && c2 >= 1 && c2 <= nc) m[k, (c2 - 1) * nr + r2] <- 1
    }
  }
  m
}

# Rook contiguity of an nr x nc grid as an edge list (each pair once).
grid_edges <- function(nr, nc) {
  id <- function(r, c) paste0("c", (c - 1) * nr + r)
  right <- expand.grid(r = seq_len(nr), c = seq_len(nc - 1))
  down <- expand.grid(r = seq_len(nr - 1), c = seq_len(nc))
  data.frame(from = c(id(right$r, right$c), id(down$r, down$c)),
             to = c(id(right$r, right$c + 1), id(down$r + 1, down$c)))
}

# A dense n x n matrix from triplets, summing repeated (i, j) one by one.
dense_from_triplets <- function(i, j, x, n, ids = NULL) {
  m <- matrix(0, n, n, dimnames = if (!is.null(ids)) list(ids, ids))
  for (k in seq_along(i)) m[i[k], j[k]] <- m[i[k], j[k]] + x[k]
  m
}

# A small panel on the 3 x 3 grid of grid_weights(3, 3), ids c1..c9.
grid_panel <- function() {
  data.frame(id = paste0("c", 1:9), v = c(3, 1, 4, 1, 5, 9, 2, 6, 5))
}
