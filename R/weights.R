#' Spatial weights
#'
#' Builds a spatial weights object, stored sparse by rows (CSR) with the
#' region ids, from a dense matrix with dimnames, a sparse `Matrix`, an edge
#' list, or spdep's `nb` and `listw`; or subsets and restyles an existing
#' one.
#'
#' `style = "W"` row-standardises (each region's weights sum to 1), `"B"`
#' makes every link 1, `"none"` keeps the values given. A region without
#' neighbours (an "island") keeps an empty row under every style; moran
#' functions report it and follow spdep's conventions for it (see
#' [moran_global()]). A `listw` is kept as given (its own style) unless
#' `style` is set explicitly.
#'
#' @param x A square numeric matrix (dimnames give the ids), a sparse
#'   `Matrix`, a data frame edge list (columns `from`, `to` and optionally
#'   `weight`), an spdep `nb` or `listw`, or a `regineq_weights` object.
#' @param ids Region ids. For a matrix without dimnames or an `nb` without
#'   `region.id`, the ids in row order; for an edge list, the full set of
#'   regions (so regions without links can be included); for a
#'   `regineq_weights`, the subset (and order) to keep.
#' @param style `"W"`, `"B"` or `"none"`.
#' @param symmetric For an edge list: add the reverse of every link (the
#'   usual reading of a contiguity list that names each pair once).
#' @return An object of class `regineq_weights`: a list with `ids`, `n`,
#'   `rowptr`, `col` (0-based CSR), `val`, `raw` (the values before styling),
#'   `style`, `islands` (ids without neighbours) and `symmetric`.
#' @references Bivand, R. S., Pebesma, E. and Gomez-Rubio, V. (2013).
#'   Applied Spatial Data Analysis with R, 2nd ed. Springer (the spdep
#'   conventions followed here).
#' @family spatial
#' @export
#' @examples
#' m <- matrix(c(0, 1, 0, 1, 0, 1, 0, 1, 0), 3,
#'             dimnames = list(c("a", "b", "c"), c("a", "b", "c")))
#' spatial_weights(m)
#' spatial_weights(data.frame(from = c("a", "b"), to = c("b", "c")))
spatial_weights <- function(x, ids = NULL, style = c("W", "B", "none"),
                            symmetric = TRUE) {
  style_given <- !missing(style)
  style <- check_choice(style, c("W", "B", "none"), "style")
  if (inherits(x, "regineq_weights")) {
    return(subset_weights(x, ids, if (style_given) style else x$style))
  }
  trip <- if (inherits(x, "listw")) {
    if (!style_given) style <- "none"
    triplets_listw(x, ids)
  } else if (inherits(x, "nb")) {
    triplets_nb(x, ids)
  } else if (is.data.frame(x)) {
    triplets_edges(x, ids, symmetric)
  } else if (inherits(x, "Matrix") || is.matrix(x)) {
    triplets_matrix(x, ids)
  } else {
    abort("`x` must be a matrix, a sparse Matrix, an edge-list data frame, ",
          "an spdep nb or listw, or regineq weights, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  build_weights(trip$ids, trip$i, trip$j, trip$w, style)
}

#' k-nearest-neighbour and distance-band weights from coordinates
#'
#' `knn_weights()` links each region to its `k` nearest regions (an
#' asymmetric relation); `distance_weights()` links regions within
#' `[lower, upper]` of each other with weight \eqn{d^{-power}} (or 1 when
#' `power = 0`). Distances are great-circle (haversine, km, Earth radius
#' 6371 km) for longitude/latitude coordinates and Euclidean otherwise.
#'
#' @param coords A two-column matrix or data frame: x and y, or longitude and
#'   latitude (in that order).
#' @param k Number of neighbours.
#' @param ids Region ids (default: row names of `coords`, else `1..n`).
#' @param longlat Are the coordinates longitude/latitude? Default: `TRUE`
#'   when every x is in \[-180, 180\] and every y in \[-90, 90\].
#' @param style See [spatial_weights()].
#' @return A `regineq_weights` object.
#' @references Bivand, R. S., Pebesma, E. and Gomez-Rubio, V. (2013).
#'   Applied Spatial Data Analysis with R, 2nd ed. Springer.
#' @family spatial
#' @export
#' @examples
#' xy <- china_provinces[c("capital_lon", "capital_lat")]
#' knn_weights(xy, k = 4, ids = china_provinces$name_en)
knn_weights <- function(coords, k, ids = NULL, longlat = NULL,
                        style = c("W", "B", "none")) {
  style <- check_choice(style, c("W", "B", "none"), "style")
  xy <- check_coords(coords, ids, longlat)
  n <- nrow(xy$xy)
  check_number(k, "k", min = 1, max = n - 1, integer = TRUE)
  i <- j <- integer()
  for (r in seq_len(n)) {
    d <- distance_from(xy, r)
    d[r] <- Inf
    nb <- order(d)[seq_len(k)]
    i <- c(i, rep(r, k))
    j <- c(j, nb)
  }
  build_weights(xy$ids, i, j, rep(1, length(i)), style)
}

#' @rdname knn_weights
#' @param lower,upper Distance band (same units as the distances: km for
#'   longitude/latitude).
#' @param power Distance decay exponent: weight \eqn{d^{-power}}.
#' @export
#' @examples
#' distance_weights(xy, upper = 1000, ids = china_provinces$name_en)
distance_weights <- function(coords, upper = Inf, lower = 0, power = 1,
                             ids = NULL, longlat = NULL,
                             style = c("W", "B", "none")) {
  style <- check_choice(style, c("W", "B", "none"), "style")
  check_number(lower, "lower", min = 0)
  if (!identical(upper, Inf)) check_number(upper, "upper", min = lower)
  check_number(power, "power", min = 0)
  xy <- check_coords(coords, ids, longlat)
  n <- nrow(xy$xy)
  i <- j <- integer()
  w <- double()
  for (r in seq_len(n)) {
    d <- distance_from(xy, r)
    nb <- which(d >= lower & d <= upper & seq_len(n) != r)
    if (any(d[nb] == 0) && power > 0) {
      abort("`coords` has regions at distance 0 (", xy$ids[r], " and ",
            xy$ids[nb[d[nb] == 0][1]], "): inverse-distance weights are ",
            "undefined.", class = "regineq_error_value")
    }
    i <- c(i, rep(r, length(nb)))
    j <- c(j, nb)
    w <- c(w, d[nb]^(-power))
  }
  build_weights(xy$ids, i, j, w, style)
}

#' @export
print.regineq_weights <- function(x, ...) {
  nl <- length(x$col)
  cat(sprintf("<regineq_weights> %d regions, %d links (%.2f per region), style %s\n",
              x$n, nl, nl / x$n, x$style))
  cat(sprintf("symmetric: %s; islands: %s\n", if (x$symmetric) "yes" else "no",
              if (length(x$islands)) enum(x$islands, quote = "") else "none"))
  invisible(x)
}

#' @export
as.matrix.regineq_weights <- function(x, ...) {
  m <- matrix(0, x$n, x$n, dimnames = list(x$ids, x$ids))
  rows <- rep(seq_len(x$n), diff(x$rowptr))
  m[cbind(rows, x$col + 1L)] <- x$val
  m
}

# Private ---------------------------------------------------------------------

# CSR from triplets (1-based i, j), after checks, with the style applied.
build_weights <- function(ids, i, j, w, style) {
  ids <- as.character(ids)
  n <- length(ids)
  dup_ids <- unique(ids[duplicated(ids)])
  if (length(dup_ids)) {
    abort("Weights must have unique region ids: ", enum(dup_ids),
          " appear more than once.", class = "regineq_error_duplicate")
  }
  bad <- which(!is.finite(w))
  if (length(bad)) {
    abort("Weights must be finite: the link ", ids[i[bad[1]]], " -> ",
          ids[j[bad[1]]], " is ", w[bad[1]], ".", class = "regineq_error_missing")
  }
  bad <- which(w < 0)
  if (length(bad)) {
    abort("Weights must be non-negative: the link ", ids[i[bad[1]]], " -> ",
          ids[j[bad[1]]], " is ", w[bad[1]], ".", class = "regineq_error_value")
  }
  # self-links (w_ii != 0, spdep::include.self()) are kept, as spdep keeps
  # them; moran_local() refuses them
  keep <- w != 0
  i <- i[keep]
  j <- j[keep]
  w <- w[keep]
  o <- order(i, j)
  i <- i[o]
  j <- j[o]
  w <- w[o]
  dup <- which(duplicated(cbind(i, j)))
  if (length(dup)) {
    abort("Weights must list each link once: ", ids[i[dup[1]]], " -> ",
          ids[j[dup[1]]], " appears more than once.",
          class = "regineq_error_duplicate")
  }
  card <- tabulate(i, n)
  raw <- w
  val <- switch(style,
                W = w / rep(rowsum_by(w, i, n)[card > 0], card[card > 0]),
                B = rep(1, length(w)),
                none = w)
  key <- (i - 1) * n + j
  rkey <- (j - 1) * n + i
  m <- match(rkey, key)
  symmetric <- !anyNA(m) && isTRUE(all.equal(val[m], val))
  structure(list(ids = ids, n = n, rowptr = as.integer(c(0L, cumsum(card))),
                 col = as.integer(j - 1L), val = as.double(val),
                 raw = as.double(raw), style = style,
                 islands = ids[card == 0], symmetric = symmetric),
            class = "regineq_weights")
}

subset_weights <- function(x, ids, style) {
  if (is.null(ids)) ids <- x$ids
  ids <- as.character(ids)
  pos <- match(ids, x$ids)
  if (anyNA(pos)) {
    abort("`ids` must be regions of the weights: ", enum(ids[is.na(pos)]),
          " are not.", class = "regineq_error_value")
  }
  rows <- rep(seq_len(x$n), diff(x$rowptr))
  cols <- x$col + 1L
  keep <- rows %in% pos & cols %in% pos
  build_weights(ids, match(rows[keep], pos), match(cols[keep], pos),
                x$raw[keep], style)
}

triplets_matrix <- function(x, ids) {
  if (length(dim(x)) != 2L || nrow(x) != ncol(x)) {
    abort("`x` must be a square matrix, not ", nrow(x), " x ", ncol(x), ".",
          class = "regineq_error_value")
  }
  rn <- rownames(x)
  cn <- colnames(x)
  if (!is.null(rn) && !is.null(cn) && !identical(rn, cn)) {
    abort("`x` must have the same row and column names in the same order.",
          class = "regineq_error_value")
  }
  ids <- ids %||% rn %||% cn %||% as.character(seq_len(nrow(x)))
  if (length(ids) != nrow(x)) {
    abort("`ids` must have one id per row of `x` (", nrow(x), "), not ",
          length(ids), ".", class = "regineq_error_value")
  }
  if (inherits(x, "Matrix")) {
    if (!requireNamespace("Matrix", quietly = TRUE)) {
      abort("The Matrix package is needed to read a sparse Matrix.",
            class = "regineq_error_dependency")
    }
    s <- Matrix::summary(x)
    return(list(ids = ids, i = s$i, j = s$j, w = as.double(s$x)))
  }
  if (!is.numeric(x) && !is.logical(x)) {
    abort("`x` must be a numeric matrix, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  if (anyNA(x)) {
    idx <- which(is.na(x), arr.ind = TRUE)[1, ]
    abort("Weights must be finite: `x` has NA at ", ids[idx[1]], " -> ",
          ids[idx[2]], ".", class = "regineq_error_missing")
  }
  nz <- which(x != 0, arr.ind = TRUE)
  list(ids = ids, i = nz[, 1], j = nz[, 2], w = as.double(x[nz]))
}

triplets_nb <- function(x, ids) {
  ids <- ids %||% attr(x, "region.id") %||% as.character(seq_along(x))
  card <- vapply(x, function(v) sum(v > 0L), 1L)
  j <- unlist(lapply(x, function(v) v[v > 0L]))
  list(ids = ids, i = rep(seq_along(x), card), j = as.integer(j),
       w = rep(1, length(j)))
}

triplets_listw <- function(x, ids) {
  nb <- x$neighbours
  ids <- ids %||% attr(x, "region.id") %||% attr(nb, "region.id") %||%
    as.character(seq_along(nb))
  card <- vapply(nb, function(v) sum(v > 0L), 1L)
  j <- unlist(lapply(nb, function(v) v[v > 0L]))
  w <- unlist(lapply(seq_along(nb), function(k) {
    if (card[k] == 0L) double() else x$weights[[k]]
  }))
  list(ids = ids, i = rep(seq_along(nb), card), j = as.integer(j),
       w = as.double(w))
}

triplets_edges <- function(x, ids, symmetric) {
  for (col in c("from", "to")) {
    if (!col %in% names(x)) {
      abort("An edge list must have columns `from` and `to`: `", col,
            "` is missing.", class = "regineq_error_column")
    }
  }
  from <- as.character(x$from)
  to <- as.character(x$to)
  w <- if ("weight" %in% names(x)) as.double(x$weight) else rep(1, nrow(x))
  ids <- as.character(ids %||% unique(c(from, to)))
  i <- match(from, ids)
  j <- match(to, ids)
  bad <- c(from[is.na(i)], to[is.na(j)])
  if (length(bad)) {
    abort("The edge list names regions not in `ids`: ", enum(unique(bad)),
          ".", class = "regineq_error_value")
  }
  if (symmetric) {
    both <- unique(data.frame(i = c(i, j), j = c(j, i), w = c(w, w)))
    return(list(ids = ids, i = both$i, j = both$j, w = both$w))
  }
  list(ids = ids, i = i, j = j, w = w)
}

check_coords <- function(coords, ids, longlat) {
  if (!(is.matrix(coords) || is.data.frame(coords)) || ncol(coords) != 2L) {
    abort("`coords` must be a two-column matrix or data frame (x, y or lon, ",
          "lat).", class = "regineq_error_type")
  }
  xy <- matrix(as.double(unlist(coords)), ncol = 2L)
  bad <- which(!is.finite(xy[, 1]) | !is.finite(xy[, 2]))
  if (length(bad)) {
    abort("`coords` must be finite: ", describe_rows(bad), " are not.",
          class = "regineq_error_missing")
  }
  ids <- as.character(ids %||% rownames(coords) %||% seq_len(nrow(xy)))
  if (length(ids) != nrow(xy)) {
    abort("`ids` must have one id per row of `coords`.",
          class = "regineq_error_value")
  }
  if (is.null(longlat)) {
    longlat <- all(abs(xy[, 1]) <= 180) && all(abs(xy[, 2]) <= 90)
  }
  list(xy = xy, ids = ids, longlat = check_flag(longlat, "longlat"))
}

# Distances from region r to all regions (km on the sphere, or Euclidean).
distance_from <- function(xy, r) {
  p <- xy$xy
  if (!xy$longlat) return(sqrt((p[, 1] - p[r, 1])^2 + (p[, 2] - p[r, 2])^2))
  rad <- pi / 180
  dlat <- (p[, 2] - p[r, 2]) * rad
  dlon <- (p[, 1] - p[r, 1]) * rad
  a <- sin(dlat / 2)^2 + cos(p[r, 2] * rad) * cos(p[, 2] * rad) *
    sin(dlon / 2)^2
  2 * 6371 * asin(pmin(1, sqrt(a)))
}

check_weights <- function(weights) {
  if (is.null(weights)) {
    abort("`weights` must be spatial weights, not NULL.",
          class = "regineq_error_type")
  }
  as_weights(weights)
}

# Weights from anything moran_*() accepts: a bare matrix or nb is
# row-standardised; listw and regineq weights are used as given.
as_weights <- function(weights) {
  if (inherits(weights, "regineq_weights")) return(weights)
  if (inherits(weights, "listw")) return(spatial_weights(weights))
  spatial_weights(weights, style = "W")
}
