# Weights from coordinates: k nearest neighbours and distance bands, and
# how coordinates are read (longitude/latitude or planar).

#' k-nearest-neighbour and distance-band weights from coordinates
#'
#' `knn_weights()` links each region to its `k` nearest regions (an
#' asymmetric relation); `distance_weights()` links regions within
#' `[lower, upper]` of each other with weight \eqn{d^{-power}}{d^(-power)} (or 1 when
#' `power = 0`).
#'
#' @section Distances:
#' For planar coordinates, distances are Euclidean, in the units of
#' `coords`. For longitude/latitude they are ellipsoidal great-circle
#' distances in km on the WGS84 ellipsoid (equatorial radius
#' 6378.137 km, flattening 1/298.257223563), by the Andoyer-Lambert formula
#' that spdep's `knearneigh()`, `dnearneigh()` and `nbdists()` use with
#' `longlat = TRUE` on coordinate matrices, evaluated the same way: the
#' neighbours and distances are spdep's (for sf long/lat points spdep uses
#' s2's spherical distances instead). They differ from distances on a
#' sphere of radius 6371 km by up to about 0.5% (north-south distances
#' near the equator are 0.56% shorter, distances near the poles 0.45%
#' longer), enough to change some nearest neighbours.
#'
#' @section Search and ties:
#' Neighbours are found with a k-d tree in C, in \eqn{O(n \log n)}{O(n log n)}
#' time and \eqn{O(nk)}{O(nk)} memory (50,000 points in a fraction of a second);
#' long/lat points are searched on the unit sphere with a margin that
#' provably covers the ellipsoid, then ranked by their exact ellipsoidal
#' distance. `knn_weights()` takes the `k` points with the smallest
#' distance; points at equal distance (as computed in double precision)
#' are taken in row order, the smaller row number first, as the C search
#' of spdep's `knearneigh()` does (always for long/lat; for planar points
#' with `use_kd_tree = FALSE` or without dbscan), and no fused multiply-add
#' changes a distance, so the result is the same on every machine. A
#' point at distance 0 (a duplicate) is a neighbour like any other.
#' `distance_weights()` links `j` to `i` when `lower <= d <= upper`, both
#' bounds included (spdep's `dnearneigh()` default, `bounds = c("GE",
#' "LE")`).
#'
#' @param coords A two-column numeric matrix or data frame: x and y, or
#'   longitude and latitude (in that order).
#' @param k Number of neighbours.
#' @param ids Region ids (default: row names of `coords`, else `1..n`).
#' @param longlat Are the coordinates longitude/latitude? `NULL` (default)
#'   guesses `TRUE` when every x is in \[-180, 180\] and every y in
#'   \[-90, 90\], and says which reading it used in a message (class
#'   `regineq_message_longlat`); a small projected grid would otherwise be
#'   read as degrees without notice. Set it explicitly to silence the
#'   message.
#' @param style See [spatial_weights()].
#' @return A `regineq_weights` object.
#' @references Bivand, R. S., Pebesma, E. and Gomez-Rubio, V. (2013).
#'   Applied Spatial Data Analysis with R, 2nd ed. Springer.
#' @family spatial
#' @export
#' @examples
#' xy <- china_provinces[c("capital_lon", "capital_lat")]
#' knn_weights(xy, k = 4, ids = china_provinces$name_en, longlat = TRUE)
knn_weights <- function(coords, k, ids = NULL, longlat = NULL,
                        style = c("W", "B", "none")) {
  check_required(c("coords", "k"))
  style <- check_choice(style, c("W", "B", "none"), "style")
  xy <- check_coords(coords, ids, longlat)
  n <- nrow(xy$xy)
  if (n < 2L) {
    abort("`coords` must have at least 2 rows for nearest neighbours, not ",
          n, ".", class = "regineq_error_size")
  }
  check_number(k, "k", min = 1, max = n - 1, integer = TRUE)
  k <- as.integer(k)
  nn <- .Call(C_regineq_knn, xy$xy, k, xy$longlat)
  i <- rep(seq_len(n), each = k)
  w <- build_weights(xy$ids, i, nn$nn, rep(1, length(i)), style,
                     longlat = xy$longlat,
                     source = sprintf("%d nearest neighbours (%s)", k,
                                      distance_kind(xy$longlat)))
  if (xy$guessed) inform_longlat(xy$longlat)
  w
}

#' @rdname knn_weights
#' @param lower,upper Distance band (same units as the distances: km for
#'   longitude/latitude).
#' @param power Distance decay exponent: weight \eqn{d^{-power}}{d^(-power)}.
#'   With `power > 0`, two regions at distance 0 within the band are an
#'   error (their weight would be infinite).
#' @export
#' @examples
#' distance_weights(xy, upper = 1000, ids = china_provinces$name_en,
#'                  longlat = TRUE)
distance_weights <- function(coords, upper = Inf, lower = 0, power = 1,
                             ids = NULL, longlat = NULL,
                             style = c("W", "B", "none")) {
  check_required("coords")
  style <- check_choice(style, c("W", "B", "none"), "style")
  check_number(lower, "lower", min = 0)
  if (!identical(upper, Inf)) check_number(upper, "upper", min = lower)
  check_number(power, "power", min = 0)
  xy <- check_coords(coords, ids, longlat)
  n <- nrow(xy$xy)
  if (identical(upper, Inf) && lower == 0 && n * (n - 1) > .Machine$integer.max) {
    abort("`upper` must be finite for ", n, " regions: every pair would be ",
          "linked (", format(n * (n - 1), big.mark = ","), " links).",
          class = "regineq_error_size")
  }
  band <- .Call(C_regineq_dband, xy$xy, as.double(lower), as.double(upper),
                xy$longlat)
  i <- rep.int(seq_len(n), band$count)
  d <- band$dist
  zero <- which(d == 0)
  if (length(zero) && power > 0) {
    abort("`coords` has regions at distance 0 (", xy$ids[i[zero[1]]], " and ",
          xy$ids[band$nn[zero[1]]], "): inverse-distance weights are ",
          "undefined.", class = "regineq_error_value")
  }
  w <- build_weights(xy$ids, i, band$nn, d^(-power), style,
                     longlat = xy$longlat,
                     source = sprintf("distance band [%s, %s], weight d^-%s (%s)",
                                      format(lower), format(upper),
                                      format(power),
                                      distance_kind(xy$longlat)))
  if (xy$guessed) inform_longlat(xy$longlat)
  w
}

# Private ---------------------------------------------------------------------

distance_kind <- function(longlat) {
  if (longlat) "ellipsoidal great-circle km, WGS84" else "Euclidean"
}

check_coords <- function(coords, ids, longlat) {
  if (!is.null(longlat)) check_flag(longlat, "longlat")
  if (!(is.matrix(coords) || is.data.frame(coords)) || ncol(coords) != 2L) {
    abort("`coords` must be a two-column matrix or data frame (x, y or lon, ",
          "lat).", class = "regineq_error_type")
  }
  for (k in 1:2) {
    v <- if (is.data.frame(coords)) coords[[k]] else coords[, k]
    if (!is.numeric(v) || is.object(v)) {
      nm <- colnames(coords)[k]
      col <- if (is.null(nm) || is.na(nm) || !nzchar(nm)) paste0(k) else nm
      abort("`coords` must have numeric columns: column `", col, "` is ",
            type_of(v), ".", class = "regineq_error_type")
    }
  }
  xy <- if (is.data.frame(coords)) {
    cbind(as.double(coords[[1]]), as.double(coords[[2]]))
  } else {
    matrix(as.double(coords), ncol = 2L)
  }
  if (nrow(xy) < 1L) {
    abort("`coords` must have at least 1 row, not 0.",
          class = "regineq_error_size")
  }
  bad <- which(!is.finite(xy[, 1]) | !is.finite(xy[, 2]))
  if (length(bad)) {
    abort("`coords` must be finite: ", describe_rows(bad), " ",
          if (length(bad) == 1L) "is" else "are", " not.",
          class = "regineq_error_missing")
  }
  ids <- if (!is.null(ids)) {
    region_ids(ids, "ids")
  } else if (!is.null(rownames(coords))) {
    region_ids(rownames(coords), "coords", "The row names of `coords`")
  } else {
    as.character(seq_len(nrow(xy)))
  }
  if (length(ids) != nrow(xy)) {
    abort("`ids` must have one id per row of `coords`.",
          class = "regineq_error_value")
  }
  in_range <- abs(xy[, 1]) <= 180 & abs(xy[, 2]) <= 90
  guessed <- is.null(longlat)
  if (guessed) {
    longlat <- all(in_range)
  } else if (longlat && !all(in_range)) {
    abort("`coords` must be longitude in [-180, 180] and latitude in ",
          "[-90, 90] with `longlat = TRUE`: ",
          describe_rows(which(!in_range)), " ",
          if (sum(!in_range) == 1L) "is" else "are", " outside.",
          class = "regineq_error_value")
  }
  list(xy = xy, ids = ids, longlat = longlat, guessed = guessed)
}

# Says how coordinates were read when `longlat` was guessed (once the
# weights are built, so that an error comes alone).
inform_longlat <- function(longlat) {
  msg <- if (longlat) {
    paste0("`coords` read as longitude/latitude (every x in [-180, 180], ",
           "every y in [-90, 90]): distances are ellipsoidal great-circle ",
           "km (WGS84). Set ",
           "`longlat = FALSE` if they are projected x/y, or ",
           "`longlat = TRUE` to silence this message.")
  } else {
    paste0("`coords` read as projected x/y (not longitude/latitude): ",
           "distances are Euclidean, in the units of `coords`. Set ",
           "`longlat = FALSE` to silence this message.")
  }
  inform(msg, class = "regineq_message_longlat")
}
