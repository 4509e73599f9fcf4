# Weights from sf geometries (contiguity of polygons, nearest neighbours and
# distance bands of points) and back to spdep (as_listw()). The sf side of
# spatial_weights() lives here; neighbour finding is left to spdep::poly2nb()
# or, without spdep, to sf::st_relate().

#' Spatial weights as an spdep listw
#'
#' Turns regineq weights into the `listw` object of spdep and spatialreg
#' (`spdep::moran.test()`, `spdep::localmoran()`,
#' `spatialreg::lagsarlm()` ...), region ids in its `region.id`.
#' [spatial_weights()] reads it back: the round trip keeps every link, weight
#' and style.
#'
#' Styles follow spdep's conventions (see `spdep::nb2listw()`): `"W"`
#' (row-standardised) and `"B"` (binary) keep their names, the raw values
#' behind `"W"` weights (for instance inverse distances) stored as spdep's
#' general weights (`glist`). Weights with `style = "none"` (values as given)
#' become style `"M"`, the label `spdep::mat2listw()` gives weights taken
#' from a matrix as they are; spdep's `"B"` with general weights would
#' mislabel them as binary, and `"C"`, `"U"` or `"S"` would rescale them.
#' Regions without neighbours (islands) get spdep's empty neighbour set (a
#' lone `0`) and no weights, so spdep and spatialreg functions need
#' `zero.policy = TRUE` on weights with islands, as for any spdep weights
#' with empty neighbour sets.
#'
#' @param x A `regineq_weights` object ([spatial_weights()],
#'   [knn_weights()], [distance_weights()], [china_weights()]).
#' @return An spdep `listw` (class `c("listw", "nb")`).
#' @seealso [spatial_weights()], which reads a `listw` back.
#' @references Bivand, R. S., Pebesma, E. and Gomez-Rubio, V. (2013).
#'   Applied Spatial Data Analysis with R, 2nd ed. Springer.
#' @family spatial
#' @export
#' @examples
#' if (requireNamespace("spdep", quietly = TRUE)) {
#'   w <- china_weights(unique(nqpf_potential$province))
#'   lw <- as_listw(w)
#'   x <- nqpf_potential$score[nqpf_potential$year == 2020]
#'   c(spdep = unname(spdep::moran.test(x, lw)$estimate[1]),
#'     regineq = moran_global(nqpf_potential[nqpf_potential$year == 2020, ],
#'                            "score", w, id = "province")$I)
#' }
as_listw <- function(x) {
  check_required("x")
  if (!inherits(x, "regineq_weights")) {
    abort("`x` must be regineq weights (from spatial_weights()), not ",
          type_of(x), ".", class = "regineq_error_type")
  }
  x <- validate_weights(x, "x")
  if (!has_namespace("spdep")) {
    abort("as_listw() needs the spdep package: install.packages(\"spdep\").",
          class = "regineq_error_dependency")
  }
  n <- x$n
  rows <- factor(rep(seq_len(n), diff(x$rowptr)), levels = seq_len(n))
  card <- diff(x$rowptr)
  nb <- split(x$col + 1L, rows)
  nb[card == 0L] <- list(0L)
  nb <- unname(lapply(nb, as.integer))
  class(nb) <- "nb"
  attr(nb, "region.id") <- x$ids
  attr(nb, "call") <- NA
  attr(nb, "sym") <- spdep::is.symmetric.nb(nb, verbose = FALSE, force = TRUE)
  glist <- unname(split(x$raw, rows))
  glist[card == 0L] <- list(NULL)
  binary <- all(x$raw == 1)
  lw <- spdep::nb2listw(nb, glist = if (binary) NULL else glist,
                        style = if (x$style == "W") "W" else "B",
                        zero.policy = TRUE)
  # the values exactly as regineq computed them (spdep's 1/d * g can differ
  # in the last bit), keeping the attributes spdep gave the list
  vals <- unname(split(x$val, rows))
  vals[card == 0L] <- list(NULL)
  for (k in which(card > 0L)) lw$weights[[k]] <- vals[[k]]
  if (x$style == "none") {
    lw$style <- "M"
    attr(lw$weights, "B") <- NULL
    attr(lw$weights, "M") <- TRUE
  }
  attr(lw, "region.id") <- x$ids
  lw
}

# Private ---------------------------------------------------------------------

# requireNamespace(), in one place so that tests can pretend a package is
# missing.
has_namespace <- function(pkg) requireNamespace(pkg, quietly = TRUE)

# The tolerance under which two vertices are one: spdep::poly2nb()'s default
# `snap`, also the precision grid of the sf::st_relate() fallback.
contiguity_snap <- function() sqrt(.Machine$double.eps)

# spatial_weights() for an sf or sfc object: contiguity of polygons, or kNN
# and distance bands of points through knn_weights() / distance_weights().
weights_from_sf <- function(x, ids, id, style, contiguity, contiguity_given,
                            k, upper, lower, power, lower_given, power_given,
                            longlat) {
  if (!has_namespace("sf")) {
    abort("Weights from sf geometries need the sf package, and contiguity ",
          "needs spdep (spdep::poly2nb()) or sf (sf::st_relate()): neither ",
          "is installed. Install them with install.packages(c(\"sf\", ",
          "\"spdep\")).", class = "regineq_error_dependency")
  }
  geom <- sf_geometry(x)
  n <- length(geom)
  if (n < 1L) {
    abort("`x` must have at least 1 geometry, not 0.",
          class = "regineq_error_size")
  }
  ids <- sf_ids(x, ids, id, n)
  empty <- which(sf::st_is_empty(geom))
  if (length(empty)) {
    abort("`x` can't have empty geometries: ", rows_ids(empty, ids), ".",
          class = "regineq_error_missing")
  }
  kind <- sf_kind(geom, ids)
  if (kind == "polygons") {
    given <- c(k = !is.null(k), upper = !is.null(upper), lower = lower_given,
               power = power_given, longlat = !is.null(longlat))
    if (any(given)) {
      abort(enum(names(given)[given]), if (sum(given) == 1L) " is" else
        " are", " for point geometries, and `x` has polygons: polygons ",
        "give contiguity weights (`contiguity`). For nearest neighbours of ",
        "polygons, pass their sf::st_point_on_surface() or sf::st_centroid().",
        class = "regineq_error_argument")
    }
    contiguity <- check_choice(contiguity, c("queen", "rook"), "contiguity")
    nb <- contiguity_nb(geom, queen = contiguity == "queen")
    card <- lengths(nb$nb)
    w <- build_weights(ids, rep(seq_len(n), card), unlist(nb$nb),
                       rep(1, sum(card)), style,
                       source = sprintf("%s contiguity of %d sf polygons (%s)",
                                        contiguity, n, nb$engine))
    if (length(w$islands)) {
      warn("Polygons without neighbours (islands) under ", contiguity,
           " contiguity: ", enum(w$islands, quote = "\""), ". They keep ",
           "empty rows of weights.", class = "regineq_warning_islands")
    }
    return(w)
  }
  if (contiguity_given) {
    abort("`contiguity` is for polygons, and `x` has points: give `k` ",
          "(nearest neighbours) or `upper` (a distance band).",
          class = "regineq_error_argument")
  }
  if (is.null(k) == is.null(upper)) {
    abort("`x` has points: give ", if (is.null(k)) "either " else "only one of ",
          "`k` (nearest neighbours) or `upper` (a distance band).",
          class = "regineq_error_argument")
  }
  if (!is.null(k) && (lower_given || power_given)) {
    abort("`lower` and `power` are for distance bands (`upper`), not for ",
          "nearest neighbours (`k`).", class = "regineq_error_argument")
  }
  if (is.null(longlat)) {
    longlat <- sf::st_is_longlat(geom)
    if (is.na(longlat)) {
      abort("`x` has no coordinate reference system, so it is unknown ",
            "whether its points are longitude/latitude: set `longlat` ",
            "(or the CRS with sf::st_set_crs()).",
            class = "regineq_error_missing")
    }
  } else {
    check_flag(longlat, "longlat")
  }
  coords <- sf::st_coordinates(geom)[, 1:2, drop = FALSE]
  rownames(coords) <- NULL
  w <- if (!is.null(k)) {
    knn_weights(coords, k = k, ids = ids, longlat = longlat, style = style)
  } else {
    distance_weights(coords, upper = upper, lower = lower, power = power,
                     ids = ids, longlat = longlat, style = style)
  }
  w$source <- paste0(w$source, " of ", n, " sf points")
  w
}

# The sfc of an sf object (or the sfc itself), refusing an sf whose
# geometry column is gone.
sf_geometry <- function(x) {
  if (inherits(x, "sfc")) return(x)
  col <- attr(x, "sf_column")
  if (!is.character(col) || length(col) != 1L || !col %in% names(x) ||
      !inherits(x[[col]], "sfc")) {
    abort("`x` is an sf object without a geometry column",
          if (is.character(col) && length(col) == 1L)
            paste0(" (its `sf_column` names `", col, "`)"), ": rebuild it ",
          "with sf::st_as_sf() or sf::st_set_geometry().",
          class = "regineq_error_column")
  }
  x[[col]]
}

# Region ids of n geometries: `ids` as given, the column `id` of an sf, its
# row names, or 1..n for a bare sfc.
sf_ids <- function(x, ids, id, n) {
  if (!is.null(id)) {
    check_string(id, "id")
    if (!is.null(ids)) {
      abort("Give the region ids either as a column (`id`) or as a vector ",
            "(`ids`), not both.", class = "regineq_error_argument")
    }
    if (!inherits(x, "sf")) {
      abort("`id` names a column of an sf object, and `x` is a bare ",
            "geometry list (sfc): give the ids with `ids`.",
            class = "regineq_error_argument")
    }
    if (!id %in% setdiff(names(x), attr(x, "sf_column"))) {
      abort("`id` must name a column of `x`: there is no column `", id, "`.",
            class = "regineq_error_column")
    }
    v <- x[[id]]
    if (!is.atomic(v) || is.matrix(v)) {
      abort("`id` must name a column of region ids: column `", id, "` is ",
            type_of(v), ".", class = "regineq_error_type")
    }
    s <- id_strings(v, id, "id")
    bad <- which(is.na(s) | !nzchar(s))
    if (length(bad)) {
      abort("`id` can't have missing or empty region ids: column `", id,
            "` has ", missing_kinds(s[bad]), " in ", describe_rows(bad), ".",
            class = "regineq_error_missing")
    }
    dup <- which(duplicated(s))
    if (length(dup)) {
      first <- match(s[dup[1]], s)
      abort("`id` must identify each geometry once: column `", id, "` has \"",
            s[dup[1]], "\" in rows ", first, " and ", dup[1],
            if (length(dup) > 1L) sprintf(" (and %d more repeats)",
                                          length(dup) - 1L), ".",
            class = "regineq_error_duplicate")
    }
    return(s)
  }
  if (!is.null(ids)) {
    if (length(ids) != n) {
      abort("`ids` must have one id per geometry of `x` (", n, "), not ",
            length(ids), ".", class = "regineq_error_value")
    }
    return(ids)  # duplicates are refused by build_weights()
  }
  if (inherits(x, "sf")) {
    return(region_ids(row.names(x), "x", "The row names of `x`"))
  }
  as.character(seq_len(n))
}

# "rows 3, 7 (Ohio, Utah)", without the ids when they are the row numbers.
rows_ids <- function(rows, ids) {
  if (identical(ids, as.character(seq_along(ids)))) describe_rows(rows)
  else describe_rows(rows, ids)
}

# "polygons" or "points", or a classed error naming the other types.
sf_kind <- function(geom, ids) {
  type <- as.character(sf::st_geometry_type(geom, by_geometry = TRUE))
  kind <- ifelse(type %in% c("POLYGON", "MULTIPOLYGON"), "polygons",
                 ifelse(type == "POINT", "points", type))
  kinds <- unique(kind)
  where <- function(k) {
    rows <- which(kind == k)
    paste0(if (k %in% c("polygons", "points")) toupper(k) else k, " (",
           rows_ids(rows, ids), ")")
  }
  if (length(kinds) > 1L) {
    abort("`x` must have one kind of geometry, polygons or points, not a ",
          "mix: ", paste(vapply(kinds, where, ""), collapse = "; "), ".",
          class = "regineq_error_type")
  }
  if (!kinds %in% c("polygons", "points")) {
    abort("`x` must have polygon (contiguity) or point (kNN, distance band) ",
          "geometries, not ", where(kinds), ".",
          class = "regineq_error_type")
  }
  kinds
}

# Contiguity neighbours of polygons as a list of 1-based index vectors:
# spdep::poly2nb() when spdep is installed, else sf::st_relate() with the
# DE-9IM pattern of touching boundaries ("F***T****", queen: interiors
# apart, boundaries meet in at least a point) or of a shared edge
# ("F***1****", rook). poly2nb() counts shared vertices with a tolerance
# (`snap`) on the raw coordinates; the fallback rounds the coordinates to a
# grid of that size (sf::st_set_precision()) and drops the CRS so that GEOS
# compares raw coordinates too, as poly2nb() does, also for
# longitude/latitude.
contiguity_nb <- function(geom, queen) {
  snap <- contiguity_snap()
  if (has_namespace("spdep")) {
    nb <- spdep::poly2nb(geom, queen = queen, snap = snap)
    nb <- lapply(unclass(nb), function(v) as.integer(v[v != 0L]))
    return(list(nb = nb, engine = "spdep::poly2nb"))
  }
  g <- sf::st_set_precision(sf::st_set_crs(geom, NA), 1 / snap)
  rel <- sf::st_relate(g, g, pattern = if (queen) "F***T****" else "F***1****")
  nb <- lapply(seq_along(rel), function(i) {
    v <- as.integer(rel[[i]])
    sort(v[v != i])
  })
  list(nb = nb, engine = "sf::st_relate")
}
