#' Plot Moran's I results
#'
#' * Global: Moran's I over time, filled points where `p_value` (or `p_sim`)
#'   is at most 0.05.
#' * Local, `type = "scatter"`: the Moran scatterplot of one period, the
#'   value against its spatial lag (the `value` and `lag` columns), with
#'   lines at their means, the regression line (whose slope is Moran's I for
#'   row-standardised weights) and points coloured by cluster.
#' * Local, `type = "map"`: a LISA cluster map of China's provinces on a
#'   built-in tile grid (ids must be provinces in a spelling
#'   [match_province()] understands).
#'
#' @param x A result of [moran_global()] or [moran_local()].
#' @param period The period to draw (default: the last). It may also be given
#'   under the name of the time column, e.g. `year = 2020`.
#' @param type `"scatter"` or `"map"`.
#' @param labels Label the points or tiles with the region ids.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param geometry Optional `sf` object with the regions' polygons for the
#'   cluster map, instead of the built-in tile map of China.
#' @param geometry_id Name of the column of `geometry` holding the region
#'   ids (matching the id column of the result).
#' @param ... For local results, `period` under the time column's name;
#'   otherwise passed to [graphics::plot()].
#' @return Invisibly, the data drawn: for global results the period, `I`,
#'   `expected` and the p-value used for the points; for local results one
#'   row per region of the period with `id`, `value`, `lag` and `cluster`.
#' @references Anselin, L. (1995). Local indicators of spatial association -
#'   LISA. Geographical Analysis 27(2), 93-115. Seed 002, figure 2.
#' @family spatial
#' @name plot-moran
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' plot(moran_global(nqpf_potential, "score", w, "province", "year"))
#' ml <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
#' plot(ml, year = 2020)
#' plot(ml, year = 2020, type = "map")
NULL

#' @rdname plot-moran
#' @export
plot.regineq_moran_global <- function(x, lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  info <- result_info(x)
  d <- unclass_df(x)
  p <- if (!is.null(d$p_sim)) d$p_sim else d$p_value
  tt <- if (is.null(info$time)) rep("", nrow(d)) else d[[info$time]]
  xs <- period_x(tt)
  graphics::plot(xs, d$I, type = "b", pch = ifelse(p <= 0.05, 19, 1),
                 xlab = info$time %||% "", ylab = L("Moran's I"), xaxt = "n",
                 ...)
  period_axis(xs, tt)
  graphics::abline(h = d$expected[1], lty = 2, col = "grey50")
  graphics::legend("topright", legend = c("p <= 0.05", "p > 0.05", "E[I]"),
                   pch = c(19, 1, NA), lty = c(NA, NA, 2), bty = "n",
                   cex = 0.8)
  drawn <- data.frame(period = tt, I = d$I, expected = d$expected, p = p,
                      stringsAsFactors = FALSE)
  invisible(drawn)
}

#' @rdname plot-moran
#' @export
plot.regineq_moran_local <- function(x, period = NULL,
                                     type = c("scatter", "map"),
                                     labels = TRUE, lang = c("en", "zh"),
                                     geometry = NULL, geometry_id = NULL,
                                     ...) {
  type <- check_choice(type, c("scatter", "map"), "type")
  L <- plot_labeller(lang)
  info <- result_info(x)
  dots <- list(...)
  if (is.null(period) && !is.null(info$time) && info$time %in% names(dots)) {
    period <- dots[[info$time]]
    dots[[info$time]] <- NULL
  }
  d <- unclass_df(x)
  rows <- seq_len(nrow(d))
  if (!is.null(info$time)) {
    tv <- d[[info$time]]
    if (is.null(period)) period <- tv[which.max(period_x(tv))]
    rows <- which(tv == period)
    if (!length(rows)) {
      abort("`period` must be a period of the result: there is no ",
            info$time, " ", period, ".", class = "regineq_error_value")
    }
  }
  pal <- cluster_palette()
  drawn <- data.frame(id = as.character(d[[info$id]][rows]),
                      value = d$value[rows], lag = d$lag[rows],
                      cluster = d$cluster[rows], stringsAsFactors = FALSE)
  col <- pal[as.character(drawn$cluster)]
  title <- if (is.null(period)) "" else as.character(period)
  if (type == "scatter") {
    # the value against its spatial lag (as spdep::moran.plot); with
    # row-standardised weights the slope of the fitted line is Moran's I
    do.call(graphics::plot, c(list(drawn$value, drawn$lag, pch = 19,
                                   col = col, xlab = info$value,
                                   ylab = L("Spatial lag"), main = title),
                              dots))
    graphics::abline(h = mean(drawn$lag), v = mean(drawn$value), lty = 2,
                     col = "grey60")
    graphics::abline(stats::lm(drawn$lag ~ drawn$value), col = "grey30")
    if (labels) graphics::text(drawn$value, drawn$lag, drawn$id, pos = 3,
                               cex = 0.6)
  } else if (!is.null(geometry)) {
    draw_sf_map(geometry, geometry_id, drawn$id, col, title)
  } else {
    draw_tile_map(drawn$id, col, labels, title, attr(L, "lang"))
  }
  present <- unique(as.character(drawn$cluster))
  graphics::legend("bottomright", legend = L(present), col = pal[present],
                   pch = 15, bty = "n", cex = 0.75)
  invisible(drawn)
}

cluster_palette <- function() {
  c("High-High" = "#D7191C", "Low-Low" = "#2C7BB6", "High-Low" = "#FDAE61",
    "Low-High" = "#ABD9E9", "Not significant" = "grey85",
    "Isolated" = "grey40")
}

draw_sf_map <- function(geometry, geometry_id, ids, col, title) {
  if (!inherits(geometry, "sf") || !requireNamespace("sf", quietly = TRUE)) {
    abort("`geometry` must be an sf object (and the sf package installed).",
          class = "regineq_error_type")
  }
  gid <- as.character(check_column(geometry, geometry_id, "geometry_id"))
  pos <- match(gid, ids)
  missing_ids <- setdiff(ids, gid)
  if (length(missing_ids)) {
    abort("`geometry` has no polygon for ", enum(missing_ids, quote = "\""),
          ".", class = "regineq_error_value")
  }
  fill <- ifelse(is.na(pos), "white", col[pos])
  graphics::plot(sf::st_geometry(geometry), col = fill, border = "grey60",
                 main = title)
}

draw_tile_map <- function(ids, col, labels, title, lang = "en") {
  code <- match_province(ids, error = FALSE)
  if (anyNA(code)) {
    abort("The tile map needs Chinese provinces as ids: ",
          enum(ids[is.na(code)], quote = "\""), " are not.",
          class = "regineq_error_value")
  }
  tiles <- china_tiles()
  all <- tiles[match(regineq::china_provinces$code, tiles$code), ]
  graphics::plot(NA, xlim = c(0.5, 8.5), ylim = c(-8.5, -0.5), asp = 1,
                 axes = FALSE, xlab = "", ylab = "", main = title)
  graphics::rect(all$col - 0.47, -all$row - 0.47, all$col + 0.47,
                 -all$row + 0.47, col = "white", border = "grey80")
  pos <- tiles[match(code, tiles$code), ]
  graphics::rect(pos$col - 0.47, -pos$row - 0.47, pos$col + 0.47,
                 -pos$row + 0.47, col = col, border = "white")
  if (labels) {
    prov <- regineq::china_provinces
    nm <- if (lang == "zh") prov$name_zh else prov$name_en
    graphics::text(all$col, -all$row, nm[match(all$code, prov$code)],
                   cex = if (lang == "zh") 0.6 else 0.45)
  }
}

# A tile grid of China's 31 provinces (column, row from the top).
china_tiles <- function() {
  data.frame(
    code = c(23L, 65L, 15L, 11L, 22L, 62L, 64L, 14L, 13L, 12L, 21L, 63L, 61L,
             41L, 37L, 54L, 51L, 50L, 42L, 34L, 32L, 52L, 43L, 36L, 33L, 31L,
             53L, 45L, 44L, 35L, 46L),
    col = c(8, 1, 5, 6, 8, 3, 4, 5, 6, 7, 8, 2, 4, 5, 6, 1, 3, 4, 5, 6, 7,
            4, 5, 6, 7, 8, 3, 4, 5, 6, 5),
    row = c(1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5,
            6, 6, 6, 6, 6, 7, 7, 7, 7, 8))
}
