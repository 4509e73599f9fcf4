#' Spatial weights
#'
#' Builds a spatial weights object, stored sparse by rows (CSR) with the
#' region ids, from a dense matrix with dimnames, a sparse `Matrix`, an edge
#' list, spdep's `nb` and `listw`, or sf polygons and points; or subsets and
#' restyles an existing one. [as_listw()] turns the result into an spdep
#' `listw`.
#'
#' **sf polygons** (`POLYGON`/`MULTIPOLYGON`) give contiguity weights:
#' `contiguity = "queen"` (the default, as in `spdep::poly2nb()`: polygons
#' sharing an edge or only a corner are neighbours) or `"rook"` (a shared
#' edge); the type is recorded in the weights' `source` (printed). The
#' neighbours are found by `spdep::poly2nb()` when spdep is installed, else
#' by `sf::st_relate()` with the DE-9IM patterns `"F***T****"` (queen) and
#' `"F***1****"` (rook) on the coordinates rounded to poly2nb's tolerance
#' (`sqrt(.Machine$double.eps)`); both give the same neighbours on the usual
#' data (US states, Columbus, North Carolina). Polygons without neighbours
#' are named in a warning (class `regineq_warning_islands`). **sf points**
#' give k-nearest-neighbour weights (`k`, see [knn_weights()]) or
#' distance-band weights (`upper`, `lower`, `power`, see
#' [distance_weights()]), distances in km for a longitude/latitude CRS and
#' in the CRS units otherwise. Other geometry types (lines), a mix of
#' polygons and points, and empty geometries are errors.
#'
#' The ids of sf geometries come from the column `id`, else from `ids`,
#' else from the row names (`"1"`, `"2"`, ... unless set), and must be
#' unique and not missing.
#'
#' `style = "W"` row-standardises (each region's weights sum to 1), `"B"`
#' makes every link 1, `"none"` keeps the values given. A region without
#' neighbours (an "island") keeps an empty row under every style; moran
#' functions report it and follow spdep's conventions for it (see
#' [moran_global()]). A `listw` is kept as given unless `style` is set
#' explicitly: its weights as they are, its style read as spdep's (`"W"`
#' stays `"W"`, `"B"` stays `"B"`, and `"M"` (weights as given, from
#' [as_listw()] or `spdep::mat2listw()`), `"C"`, `"U"`, `"S"` and
#' `"minmax"` become `"none"`), the general weights behind them (spdep's
#' `glist`) kept as the raw values for restyling.
#'
#' Region ids are kept as text. Numbers become their exact digits (the
#' code 500000 is the id `"500000"`, never `"5e+05"`), the same text that
#' the moran functions make of a numeric id column, so weights built from
#' numeric ids match data with the same numbers. A missing (`NA`) or empty
#' id is an error.
#'
#' @param x A square numeric or logical matrix (dimnames give the ids), a
#'   sparse `Matrix` of any class (general, symmetric, triangular, pattern,
#'   logical, dense; `TRUE` and pattern entries are weight 1, duplicated
#'   triplets are summed), a data frame edge list (columns `from`, `to` and
#'   optionally a numeric `weight`), an spdep `nb` or `listw`, or a
#'   `regineq_weights` object, or an sf object or sfc of polygons or points.
#' @param ids Region ids. For a matrix, an `nb`/`listw` or sf geometries, the
#'   ids in row order (they replace the dimnames, `region.id` or row names);
#'   for an edge list, the full set of regions (so regions without links can
#'   be included); for a `regineq_weights`, the subset (and order) to keep.
#' @param style `"W"`, `"B"` or `"none"`.
#' @param symmetric For an edge list: add the reverse of every link (the
#'   usual reading of a contiguity list that names each pair once). A pair
#'   listed in both directions must then have one weight. With `FALSE`, the
#'   links keep their direction.
#' @param id For an sf object: the name of the column holding the region
#'   ids (for instance `id = "NAME"`). Without it, `ids` or the row names.
#' @param contiguity For sf polygons: `"queen"` (default) or `"rook"`.
#' @param k For sf points: the number of nearest neighbours.
#' @param upper,lower,power For sf points: the distance band and the decay
#'   exponent of [distance_weights()] (give `upper`, possibly `Inf`).
#' @param longlat For sf points: are the coordinates longitude/latitude?
#'   By default `sf::st_is_longlat()` of their CRS; without a CRS it must be
#'   given.
#' @return An object of class `regineq_weights`: a list with `ids`, `n`,
#'   `rowptr`, `col` (0-based CSR), `val`, `raw` (the values before styling),
#'   `style`, `islands` (ids without neighbours), `symmetric` and `longlat`
#'   (for weights from coordinates, whether they were read as
#'   longitude/latitude; `NA` otherwise). Build and subset it with these
#'   functions rather than editing its parts: the moran functions check it
#'   and refuse an inconsistent one.
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
#' if (requireNamespace("sf", quietly = TRUE)) {
#'   nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"),
#'                     quiet = TRUE)
#'   print(spatial_weights(nc, id = "NAME", contiguity = "rook"))
#'   pts <- sf::st_centroid(sf::st_geometry(nc))
#'   print(spatial_weights(pts, ids = nc$NAME, k = 4))
#' }
spatial_weights <- function(x, ids = NULL, style = c("W", "B", "none"),
                            symmetric = TRUE, id = NULL,
                            contiguity = c("queen", "rook"), k = NULL,
                            upper = NULL, lower = 0, power = 1,
                            longlat = NULL) {
  check_required("x")
  style_given <- !missing(style)
  style <- check_choice(style, c("W", "B", "none"), "style")
  check_flag(symmetric, "symmetric")
  if (!is.null(ids)) ids <- region_ids(ids, "ids")
  if (inherits(x, "sf") || inherits(x, "sfc")) {
    return(weights_from_sf(x, ids = ids, id = id, style = style,
                           contiguity = contiguity,
                           contiguity_given = !missing(contiguity), k = k,
                           upper = upper, lower = lower, power = power,
                           lower_given = !missing(lower),
                           power_given = !missing(power), longlat = longlat))
  }
  sf_only <- c(id = !is.null(id), contiguity = !missing(contiguity),
               k = !is.null(k), upper = !is.null(upper),
               lower = !missing(lower), power = !missing(power),
               longlat = !is.null(longlat))
  if (any(sf_only)) {
    abort(enum(names(sf_only)[sf_only]), if (sum(sf_only) == 1L) " is" else
      " are", " only for sf geometries, and `x` is ", type_of(x), ". ",
      "Use knn_weights() or distance_weights() for a coordinate matrix.",
      class = "regineq_error_argument")
  }
  if (inherits(x, "regineq_weights")) {
    return(subset_weights(x, ids, if (style_given) style else x$style))
  }
  trip <- if (inherits(x, "listw")) {
    triplets_listw(x, ids, style_given)
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
  src <- if (inherits(x, "listw")) {
    paste0("an spdep listw (style ", x$style, ")")
  } else if (inherits(x, "nb")) {
    "an spdep nb"
  } else if (is.data.frame(x)) {
    "an edge list"
  } else if (inherits(x, "Matrix")) "a sparse Matrix" else "a matrix"
  if (!is.null(trip$style)) style <- trip$style
  build_weights(trip$ids, trip$i, trip$j, trip$w, style,
                source = paste("from", src), val = trip$val)
}

#' @export
print.regineq_weights <- function(x, ...) {
  nl <- length(x$col)
  cat(sprintf("<regineq_weights> %d regions, %d links (%.2f per region), style %s\n",
              x$n, nl, nl / x$n, x$style))
  if (length(x$source) == 1L && !is.na(x$source)) {
    cat("built ", x$source, "\n", sep = "")
  }
  cat(sprintf("symmetric: %s; islands: %s\n", if (x$symmetric) "yes" else "no",
              if (length(x$islands)) enum(x$islands, quote = "") else "none"))
  self <- x$col + 1L == rep(seq_len(x$n), diff(x$rowptr))
  if (any(self)) {
    cat(sprintf("self-links: %d (%s)\n", sum(self),
                enum(x$ids[rep(seq_len(x$n), diff(x$rowptr))[self]],
                     quote = "")))
  }
  ll <- x$longlat
  if (is.logical(ll) && length(ll) == 1L && !is.na(ll)) {
    cat(if (ll) "coordinates: longitude/latitude (ellipsoidal great-circle distances, km, WGS84)\n"
        else "coordinates: planar (Euclidean distances, units of `coords`)\n")
  }
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
# `longlat` records how coordinates were read (NA: not from coordinates).
# `val`, when given, are the styled values as they are (a listw read as
# given), `w` then being the raw values they came from.
build_weights <- function(ids, i, j, w, style, longlat = NA,
                          source = NA_character_, val = NULL) {
  ids <- id_strings(ids, arg = "ids")
  n <- length(ids)
  dup_ids <- unique(ids[duplicated(ids)])
  if (length(dup_ids)) {
    abort("Weights must have unique region ids: ", enum(dup_ids),
          " appear more than once.", class = "regineq_error_duplicate")
  }
  for (v in list(w, val)) {
    bad <- which(!is.finite(v))
    if (length(bad)) {
      abort("Weights must be finite: the link ", ids[i[bad[1]]], " -> ",
            ids[j[bad[1]]], " is ", v[bad[1]], ".",
            class = "regineq_error_missing")
    }
    bad <- which(v < 0)
    if (length(bad)) {
      abort("Weights must be non-negative: the link ", ids[i[bad[1]]], " -> ",
            ids[j[bad[1]]], " is ", v[bad[1]], ".",
            class = "regineq_error_value")
    }
  }
  # self-links (w_ii != 0, spdep::include.self()) are kept, as spdep keeps
  # them; moran_local() refuses them
  keep <- w != 0
  if (!is.null(val)) keep <- keep & val != 0
  i <- i[keep]
  j <- j[keep]
  w <- w[keep]
  o <- order(i, j)
  i <- i[o]
  j <- j[o]
  w <- w[o]
  if (!is.null(val)) val <- val[keep][o]
  dup <- which(duplicated((i - 1) * n + j))  # numeric keys: no pasted rows
  if (length(dup)) {
    abort("Weights must list each link once: ", ids[i[dup[1]]], " -> ",
          ids[j[dup[1]]], " appears more than once.",
          class = "regineq_error_duplicate")
  }
  card <- tabulate(i, n)
  raw <- w
  if (is.null(val)) val <- switch(style,
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
                 islands = ids[card == 0], symmetric = symmetric,
                 longlat = as.logical(longlat),
                 source = as.character(source)),
            class = "regineq_weights")
}

subset_weights <- function(x, ids, style) {
  x <- validate_weights(x, "x")
  if (is.null(ids)) ids <- x$ids
  ids <- region_ids(ids, "ids")
  pos <- match(ids, x$ids)
  if (anyNA(pos)) {
    abort("`ids` must be regions of the weights: ", enum(ids[is.na(pos)]),
          " are not.", class = "regineq_error_value")
  }
  rows <- rep(seq_len(x$n), diff(x$rowptr))
  cols <- x$col + 1L
  keep <- rows %in% pos & cols %in% pos
  build_weights(ids, match(rows[keep], pos), match(cols[keep], pos),
                x$raw[keep], style, longlat = x$longlat %||% NA,
                source = x$source %||% NA_character_)
}

# Region ids as text: numbers as their exact digits (id_strings()), NA and
# "" refused with their positions. `what` names where the ids came from.
region_ids <- function(x, arg, what = paste0("`", arg, "`")) {
  if (!is.atomic(x) || is.matrix(x) || is.array(x)) {
    abort(what, " must be a vector of region ids, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  s <- id_strings(x, arg = arg)
  bad <- which(is.na(s) | !nzchar(s))
  if (length(bad)) {
    abort(what, " can't have missing or empty region ids: ",
          missing_kinds(s[bad]), " at ", describe_positions(bad), ".",
          class = "regineq_error_missing")
  }
  s
}

# 'NA' and/or '""' for the ids refused.
missing_kinds <- function(s) {
  paste(unique(ifelse(is.na(s), "NA", "\"\"")), collapse = " and ")
}

describe_positions <- function(pos, max = 5L) {
  n <- length(pos)
  txt <- paste0(if (n == 1L) "position " else "positions ",
                paste(pos[seq_len(min(n, max))], collapse = ", "))
  if (n > max) txt <- paste0(txt, sprintf(" and %d more", n - max))
  txt
}

# Triplets of a dense or sparse matrix. A sparse `Matrix` of any class is
# read through Matrix::mat2triplet(), which sums duplicated triplets and
# gives pattern matrices no values; symmetric matrices store one triangle
# and unit-triangular or unit-diagonal ones leave the diagonal implicit, so
# those parts are added back here.
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
  if (is.null(ids) && !is.null(rn %||% cn)) {
    ids <- region_ids(rn %||% cn, "x", "The dimnames of `x`")
  }
  ids <- ids %||% as.character(seq_len(nrow(x)))
  if (length(ids) != nrow(x)) {
    abort("`ids` must have one id per row of `x` (", nrow(x), "), not ",
          length(ids), ".", class = "regineq_error_value")
  }
  if (inherits(x, "Matrix")) {
    if (!requireNamespace("Matrix", quietly = TRUE)) {
      abort("The Matrix package is needed to read a sparse Matrix.",
            class = "regineq_error_dependency")
    }
    trip <- Matrix::mat2triplet(x, uniqT = TRUE)
    i <- as.integer(trip$i)
    j <- as.integer(trip$j)
    w <- if (is.null(trip$x)) rep(1, length(i)) else as.double(trip$x)
    if (inherits(x, "symmetricMatrix")) {
      off <- i != j
      i2 <- c(i, j[off])
      j <- c(j, i[off])
      w <- c(w, w[off])
      i <- i2
    }
    if ((inherits(x, "triangularMatrix") || inherits(x, "diagonalMatrix")) &&
        identical(x@diag, "U")) {
      k <- seq_len(nrow(x))
      i <- c(i, k)
      j <- c(j, k)
      w <- c(w, rep(1, length(k)))
    }
    nz <- is.na(w) | w != 0
    return(list(ids = ids, i = i[nz], j = j[nz], w = w[nz]))
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
  ids <- nb_ids(ids, attr(x, "region.id"), length(x))
  j <- nb_neighbours(x, ids)
  card <- lengths(j)
  j <- as.integer(unlist(j))
  list(ids = ids, i = rep(seq_along(x), card), j = j, w = rep(1, length(j)))
}

# A listw's links and weights. With `style_given`, the weights are raw
# values to restyle (the old reading). Otherwise they are used as given and
# its style is read: "W" stays "W", "B" stays "B" when every weight is 1,
# anything else ("M" from as_listw() or spdep::mat2listw(), "C", "U", "S",
# "minmax") is "none"; the raw values behind them come from spdep's `glist`
# (general weights) when it has one, 1 for binary weights, else the values.
triplets_listw <- function(x, ids, style_given = TRUE) {
  nb <- x$neighbours
  if (!is.list(nb)) {
    abort("`x` must be a listw with a list of `neighbours`, not ",
          type_of(nb), ".", class = "regineq_error_type")
  }
  n <- length(nb)
  ids <- nb_ids(ids, attr(x, "region.id") %||% attr(nb, "region.id"), n)
  j <- nb_neighbours(nb, ids)
  card <- lengths(j)
  wts <- x$weights
  if (!is.list(wts) || length(wts) != n) {
    abort("`x` must be a listw with one weights vector per region: ",
          "`neighbours` has ", n, " regions, `weights` ",
          if (is.list(wts)) length(wts) else type_of(wts), ".",
          class = "regineq_error_size")
  }
  # as in spdep, a region without neighbours has no weights to read
  wts[card == 0L] <- list(NULL)
  wl <- lengths(wts)
  bad <- which(wl != card)
  if (length(bad)) {
    k <- bad[1]
    abort("`x` must be a listw with one weight per neighbour: region \"",
          ids[k], "\" (position ", k, ") has ", card[k], " neighbours and ",
          wl[k], " weights.", class = "regineq_error_size")
  }
  num <- vapply(wts, function(v) is.null(v) || is.numeric(v) && !is.object(v),
                TRUE)
  if (!all(num)) {
    k <- which(!num)[1]
    abort("`x` must be a listw with numeric weights: the weights of region \"",
          ids[k], "\" (position ", k, ") are ", type_of(wts[[k]]), ".",
          class = "regineq_error_type")
  }
  i <- rep(seq_len(n), card)
  j <- as.integer(unlist(j))
  vals <- as.double(unlist(wts))
  if (style_given) return(list(ids = ids, i = i, j = j, w = vals))
  style <- listw_style(x$style)
  if (style == "W") {
    sums <- rowsum_by(vals, i, n)
    bad <- which(card > 0 & sums != 0 & abs(sums - 1) > 1e-8)
    if (length(bad)) {
      k <- bad[1]
      abort("`x` must be a listw whose rows sum to 1 when its `style` is ",
            "\"W\": the weights of region \"", ids[k], "\" (position ", k,
            ") sum to ", format(sums[k], digits = 15), ".",
            class = "regineq_error_value")
    }
  }
  out <- if (style == "W") "W" else if (style == "B" && all(vals == 1)) "B"
    else "none"
  glist <- attr(x$weights, "glist")
  raw <- if (is.list(glist) && length(glist) == n &&
             all(lengths(glist[card > 0]) == card[card > 0]) &&
             all(vapply(glist, function(v) is.null(v) || is.numeric(v), TRUE))) {
    as.double(unlist(glist[card > 0]))
  } else if (identical(attr(x$weights, "mode"), "binary")) {
    rep(1, length(vals))
  } else vals
  bad <- which(!is.finite(raw) | raw < 0)
  if (length(bad)) raw <- vals  # a glist spdep would refuse: use the values
  list(ids = ids, i = i, j = j, w = raw, val = vals, style = out)
}

# The style of a listw, checked: one of spdep's.
listw_style <- function(style) {
  known <- c("W", "B", "C", "U", "S", "minmax", "M")
  if (!is.character(style) || length(style) != 1L || is.na(style) ||
      !style %in% known) {
    shown <- if (is.character(style) && length(style) == 1L)
      paste0("\"", style, "\"") else type_of(style)
    abort("`x` must be a listw with a `style` spdep knows (",
          enum(known, max = 10L, quote = "\"", conj = "or"), "), not ",
          shown, ".", class = "regineq_error_value")
  }
  style
}

# The ids of an nb or listw with n regions: `ids` as given, else the
# `region.id` attribute, else 1..n.
nb_ids <- function(ids, region_id, n) {
  if (!is.null(ids)) {
    if (length(ids) != n) {
      abort("`ids` must have one id per region of `x` (", n, "), not ",
            length(ids), ".", class = "regineq_error_value")
    }
    return(ids)
  }
  if (is.null(region_id)) return(as.character(seq_len(n)))
  rid <- region_ids(region_id, "x", "The `region.id` of `x`")
  if (length(rid) != n) {
    abort("The `region.id` of `x` must have one id per region (", n,
          "), not ", length(rid), ".", class = "regineq_error_value")
  }
  rid
}

# The neighbours of an nb as a list of 1-based indices: a lone 0 (spdep's
# "no neighbours") becomes an empty vector; anything outside 1..n is an
# error naming the region and the index.
nb_neighbours <- function(nb, ids) {
  n <- length(nb)
  ok <- vapply(nb, function(v) is.null(v) || is.numeric(v) && !is.object(v),
               TRUE)
  if (!all(ok)) {
    k <- which(!ok)[1]
    abort("`x` must be an nb of neighbour indices: region \"", ids[k],
          "\" (position ", k, ") has ", type_of(nb[[k]]), ".",
          class = "regineq_error_type")
  }
  nb <- lapply(nb, function(v) if (length(v) == 1L && isTRUE(v == 0)) integer()
               else v)
  v <- unlist(nb)
  if (is.null(v)) v <- integer()
  bad <- which(is.na(v) | v < 1 | v > n | v != round(v))
  if (length(bad)) {
    k <- rep(seq_len(n), lengths(nb))[bad[1]]
    abort("`x` has a neighbour index out of range: region \"", ids[k],
          "\" (position ", k, ") lists ", v[bad[1]], ", but indices must be ",
          "in 1..", n, ".", class = "regineq_error_value")
  }
  lapply(nb, as.integer)
}

triplets_edges <- function(x, ids, symmetric) {
  for (col in c("from", "to")) {
    if (!col %in% names(x)) {
      abort("An edge list must have columns `from` and `to`: `", col,
            "` is missing.", class = "regineq_error_column")
    }
  }
  ends <- edge_ids(x$from, x$to)
  from <- ends$from
  to <- ends$to
  w <- if ("weight" %in% names(x)) x$weight else rep(1, nrow(x))
  if (!(is.numeric(w) || is.logical(w)) || is.object(w)) {
    abort("`x` must have a numeric `weight` column: column `weight` is ",
          type_of(w), ".", class = "regineq_error_type")
  }
  w <- as.double(w)
  ids <- ids %||% unique(c(from, to))
  i <- match(from, ids)
  j <- match(to, ids)
  bad <- c(from[is.na(i)], to[is.na(j)])
  if (length(bad)) {
    abort("The edge list names regions not in `ids`: ", enum(unique(bad)),
          ".", class = "regineq_error_value")
  }
  # links as numeric keys (i - 1) n + j: no pasted strings
  n <- length(ids)
  key <- (i - 1) * n + j
  dup <- which(duplicated(key))
  if (length(dup)) {
    r <- dup[1]
    first <- match(key[r], key)
    same <- identical(w[first], w[r])
    abort("`x` must list each link once: ", from[r], " -> ", to[r],
          " is in rows ", first, " and ", r,
          if (same) "." else paste0(" with different weights (", w[first],
                                    " and ", w[r], ")."),
          class = "regineq_error_duplicate")
  }
  if (!symmetric) return(list(ids = ids, i = i, j = j, w = w))
  back <- match((j - 1) * n + i, key)
  clash <- which(!is.na(back) & w[back] != w)
  if (length(clash)) {
    r <- clash[1]
    abort("`x` gives the pair ", from[r], " - ", to[r], " different weights ",
          "in its two directions (", w[r], " in row ", r, ", ", w[back[r]],
          " in row ", back[r], "): with `symmetric = TRUE` a pair has one ",
          "weight. Use `symmetric = FALSE` for directed weights.",
          class = "regineq_error_value")
  }
  # add the reverse of each link not listed both ways (a self-link is its
  # own reverse)
  add <- is.na(back)
  list(ids = ids, i = c(i, j[add]), j = c(j, i[add]), w = c(w, w[add]))
}

# The `from` and `to` columns of an edge list as region ids (text). Two
# numeric columns are converted together so that equal numbers get equal
# text and numbers that print alike are refused across both.
edge_ids <- function(from, to) {
  for (col in c("from", "to")) {
    v <- if (col == "from") from else to
    if (!is.atomic(v) || is.matrix(v)) {
      abort("`x` must have atomic `from` and `to` columns: column `", col,
            "` is ", type_of(v), ".", class = "regineq_error_type")
    }
    s <- as.character(v)
    s[is.na(v)] <- NA
    bad <- which(is.na(s) | !nzchar(s))
    if (length(bad)) {
      abort("`x` can't have missing or empty region ids: column `", col,
            "` has ", missing_kinds(s[bad]), " in ", describe_rows(bad), ".",
            class = "regineq_error_missing")
    }
  }
  if (is.numeric(from) && is.numeric(to)) {
    s <- id_strings(c(from, to), "from/to", "x")
    k <- seq_along(from)
    return(list(from = s[k], to = s[-k]))
  }
  list(from = id_strings(from, "from", "x"), to = id_strings(to, "to", "x"))
}

check_weights <- function(weights, contiguity = NULL, id = NULL) {
  if (is.null(weights)) {
    abort("`weights` must be spatial weights, not NULL.",
          class = "regineq_error_type")
  }
  as_weights(weights, contiguity, id)
}

# Weights from anything moran_*() accepts: a bare matrix or nb is
# row-standardised; listw and regineq weights are used as given (a
# regineq_weights object after validate_weights()). sf polygons become
# row-standardised contiguity weights of the type `contiguity` (required:
# queen and rook give different statistics), their ids taken from the
# column named `id` (the data's id column) when the sf has one, else from
# its row names; the islands are reported by the Moran verbs, not here.
as_weights <- function(weights, contiguity = NULL, id = NULL) {
  is_sf <- inherits(weights, "sf") || inherits(weights, "sfc")
  if (!is_sf && !is.null(contiguity)) {
    abort("`contiguity` is only for sf polygons as `weights`, and ",
          "`weights` is ", type_of(weights), ".",
          class = "regineq_error_argument")
  }
  if (is_sf) {
    if (is.null(contiguity)) {
      abort("`contiguity` must be given when `weights` is an sf object: ",
            "\"queen\" (regions sharing an edge or a corner are ",
            "neighbours) or \"rook\" (an edge).",
            class = "regineq_error_argument")
    }
    contiguity <- check_choice(contiguity, c("queen", "rook"), "contiguity")
    col <- if (inherits(weights, "sf") && is.character(id) &&
               length(id) == 1L && id %in% setdiff(names(weights),
                                                   attr(weights, "sf_column")))
      id else NULL
    return(withCallingHandlers(
      spatial_weights(weights, id = col, contiguity = contiguity,
                      style = "W"),
      regineq_warning_islands = function(w) invokeRestart("muffleWarning")
    ))
  }
  if (inherits(weights, "regineq_weights")) return(validate_weights(weights))
  if (inherits(weights, "listw")) return(spatial_weights(weights))
  spatial_weights(weights, style = "W")
}

# A regineq_weights object whose parts may have been edited by hand: its
# structure is checked here, in R, so that the C kernels never see an
# inconsistent CSR. Types are restored (an edited `col` may have become
# double) and the islands recomputed from `rowptr`.
validate_weights <- function(w, arg = "weights") {
  problem <- weights_problem(w)
  if (!is.null(problem)) {
    abort("`", arg, "` is not a valid regineq_weights object: ", problem,
          ". Rebuild it with spatial_weights() (or knn_weights(), ",
          "distance_weights(), china_weights()) rather than editing its ",
          "parts.", class = "regineq_error_value")
  }
  w$ids <- id_strings(w$ids, arg = arg)
  w$n <- length(w$ids)
  w$rowptr <- as.integer(w$rowptr)
  w$col <- as.integer(w$col)
  w$val <- as.double(w$val)
  w$raw <- as.double(w$raw)
  w$islands <- w$ids[diff(w$rowptr) == 0L]
  w
}

# What is wrong with a regineq_weights object, or NULL.
weights_problem <- function(w) {
  if (!is.list(w)) return(paste0("it is ", type_of(unclass(w))))
  miss <- setdiff(c("ids", "n", "rowptr", "col", "val", "raw", "style"),
                  names(w))
  if (length(miss)) return(paste0("it has no ", enum(miss)))
  n <- w$n
  if (!is.numeric(n) || length(n) != 1L || !is.finite(n) || n < 0 ||
      n != round(n)) {
    return(paste0("`n` must be a whole number, not ", type_of(n)))
  }
  ids <- w$ids
  if (!is.atomic(ids) || is.matrix(ids) || is.factor(ids)) {
    return(paste0("`ids` must be a character vector, not ", type_of(ids)))
  }
  if (length(ids) != n) {
    return(paste0("`ids` has ", length(ids), " elements for `n` = ", n,
                  " regions"))
  }
  if (anyNA(ids) || any(!nzchar(as.character(ids)))) {
    return(paste0("`ids` has missing or empty ids at ",
                  describe_positions(which(is.na(ids) | !nzchar(ids)))))
  }
  if (has_duplicates(ids)) {
    return(paste0("`ids` must be unique: ",
                  enum(unique(ids[duplicated(ids)]), quote = "\""),
                  " repeat"))
  }
  # the parts in one C pass; only when it fails, find what is wrong
  if (!.Call(C_regineq_csr_ok, w$rowptr, w$col, w$val, w$raw, n)) {
    problem <- csr_problem(w, n, ids)
    if (!is.null(problem)) return(problem)
  }
  if (!is.character(w$style) || length(w$style) != 1L ||
      !w$style %in% c("W", "B", "none")) {
    return("`style` must be \"W\", \"B\" or \"none\"")
  }
  NULL
}

# What is wrong with the sparse parts (rowptr, col, val, raw) of weights
# with n regions `ids`, or NULL.
csr_problem <- function(w, n, ids) {
  col <- w$col
  nl <- length(col)
  rp <- w$rowptr
  if (!is.numeric(rp) || length(rp) != n + 1) {
    return(paste0("`rowptr` must have n + 1 = ", n + 1, " elements, not ",
                  if (is.numeric(rp)) length(rp) else type_of(rp)))
  }
  if (anyNA(rp) || any(rp != round(rp))) {
    return("`rowptr` must hold whole numbers")
  }
  if (rp[1] != 0) return(paste0("`rowptr` must start at 0, not ", rp[1]))
  down <- which(diff(rp) < 0)
  if (length(down)) {
    return(paste0("`rowptr` must be non-decreasing: it falls from ",
                  rp[down[1]], " to ", rp[down[1] + 1], " at region \"",
                  ids[down[1]], "\""))
  }
  if (rp[n + 1] != nl) {
    return(paste0("`rowptr` must end at the number of links, length(col) = ",
                  nl, ", not ", rp[n + 1]))
  }
  if (!is.numeric(col)) return(paste0("`col` must be numeric, not ", type_of(col)))
  # one pass (range) finds most objects fine; which() only when not
  ok <- !anyNA(col) && (!length(col) || {
    r <- range(col)
    r[1] >= 0 && r[2] <= n - 1
  }) && (is.integer(col) || all(col == round(col)))
  bad <- if (ok) integer() else {
    which(is.na(col) | col < 0 | col > n - 1 | col != round(col))
  }
  if (length(bad)) {
    return(paste0("`col` must hold 0-based region indices in 0..", n - 1,
                  ": element ", bad[1], " is ", col[bad[1]]))
  }
  for (part in c("val", "raw")) {
    v <- w[[part]]
    if (!is.numeric(v)) {
      return(paste0("`", part, "` must be numeric, not ", type_of(v)))
    }
    if (length(v) != nl) {
      return(paste0("`", part, "` has ", length(v), " values for ", nl,
                    " links (length(col))"))
    }
    r <- if (length(v)) range(v) else c(0, 0)
    bad <- if (all(is.finite(r)) && r[1] >= 0) integer() else {
      which(!is.finite(v) | v < 0)
    }
    if (length(bad)) {
      return(paste0("`", part, "` must be finite and non-negative: element ",
                    bad[1], " is ", v[bad[1]]))
    }
  }
  NULL
}
