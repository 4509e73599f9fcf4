# Figures of the local spatial statistics (local and bivariate Moran,
# Getis-Ord Gi and Gi*, local Geary): one period's scatterplot and its
# cluster map (China's tile grid or the user's sf polygons), drawn by one
# layer. Each statistic gives a spec (local_spec(): its clusters' colours
# and markers, the codes printed on tiles, the legend title) and a function
# of its figure texts (title, subtitle, axis labels, whether a fitted line
# is drawn).

#' Plot local spatial statistics: hot spots, local Geary, bivariate LISA
#'
#' One period of a result of [getis_local()], [geary_local()] or
#' [moran_local_bv()] drawn as a scatterplot or a cluster map, with the
#' layer, arguments and return value of the local Moran figures
#' ([plot-moran]):
#' * `type = "scatter"`: for Gi, Gi* and local Geary, each region's value
#'   against its spatial lag (the `value` and `lag` columns; for Gi* the lag
#'   includes the region itself), dashed lines at their means. For the bivariate
#'   local Moran's I, the bivariate Moran scatterplot: standardised `x`
#'   against the spatial lag of standardised `y` (the `z` and `lag_z`
#'   columns), dashed lines at 0 (the quadrants), and the least-squares
#'   line, whose slope is the global bivariate Moran's I of the period
#'   ([moran_bv()]) for any weights. Points are styled by cluster.
#' * `type = "map"`: the clusters on China's tile grid or on the user's `sf`
#'   polygons (`geometry`); the legend counts the regions of each cluster.
#'
#' Hot spots are dark red triangles, cold spots dark blue inverted
#' triangles, regions that are not significant near-white circles; the
#' bivariate clusters take the colours and markers of the LISA ones. The
#' local Geary clusters (GeoDa's) are High-High in dark red, Low-Low in mid
#' blue, Other Positive (similar neighbours, mixed quadrant) in light
#' orange and Negative (dissimilar neighbours) in dark purple.
#' The subtitle states the test: the alternative, the level, the p-value
#' adjustment and whether the p-values are permutation or analytic ones
#' (see [spatial_pvalues]).
#'
#' @inheritParams plot.regineq_moran_local
#' @param x A result of [getis_local()], [geary_local()] or
#'   [moran_local_bv()].
#' @param col,pch Fills and markers of the clusters (recycled over, or named
#'   by, the cluster labels of the result).
#' @param lty,lwd Line type and width of the fitted line of the bivariate
#'   scatterplot (the hot-spot figures draw none).
#' @return Invisibly, the data drawn, as for [plot.regineq_moran_local()].
#' @family spatial
#' @name plot-local
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' set.seed(1)
#' g <- getis_local(nqpf_potential, "score", w, "province", "year",
#'                  star = TRUE, nsim = 199)
#' plot(g, year = 2020)
#' plot(g, year = 2020, type = "map")
#' d <- nqpf_indicators[nqpf_indicators$year >= 2022, ]
#' bv <- moran_local_bv(d, "rd_intensity", "labour_productivity",
#'                      china_weights(unique(d$province)), "province",
#'                      "year", nsim = 199)
#' plot(bv, year = 2023)
#' gl <- geary_local(nqpf_potential, "score", w, "province", "year",
#'                   nsim = 199)
#' plot(gl, year = 2020, type = "map")
NULL

#' @rdname plot-local
#' @export
plot.regineq_getis_local <- function(x, period = NULL,
                                     type = c("scatter", "map"),
                                     labels = NULL, lang = c("en", "zh"),
                                     geometry = NULL, geometry_id = NULL,
                                     col = NULL, pch = NULL, lty = NULL,
                                     lwd = NULL, main = NULL, xlab = NULL,
                                     ylab = NULL, ylim = NULL, legend = NULL,
                                     ...) {
  plot_local(x, local_spec("getis"), getis_texts, period = period,
             type = type, labels = labels, lang = lang, geometry = geometry,
             geometry_id = geometry_id, col = col, pch = pch, lty = lty,
             lwd = lwd, main = main, xlab = xlab, ylab = ylab, ylim = ylim,
             legend = legend, ...)
}

#' @rdname plot-local
#' @export
plot.regineq_moran_local_bv <- function(x, period = NULL,
                                        type = c("scatter", "map"),
                                        labels = NULL, lang = c("en", "zh"),
                                        geometry = NULL, geometry_id = NULL,
                                        col = NULL, pch = NULL, lty = NULL,
                                        lwd = NULL, main = NULL, xlab = NULL,
                                        ylab = NULL, ylim = NULL,
                                        legend = NULL, ...) {
  plot_local(x, local_spec("bv"), bv_texts, period = period, type = type,
             labels = labels, lang = lang, geometry = geometry,
             geometry_id = geometry_id, col = col, pch = pch, lty = lty,
             lwd = lwd, main = main, xlab = xlab, ylab = ylab, ylim = ylim,
             legend = legend, ...)
}

#' @rdname plot-local
#' @export
plot.regineq_geary_local <- function(x, period = NULL,
                                     type = c("scatter", "map"),
                                     labels = NULL, lang = c("en", "zh"),
                                     geometry = NULL, geometry_id = NULL,
                                     col = NULL, pch = NULL, lty = NULL,
                                     lwd = NULL, main = NULL, xlab = NULL,
                                     ylab = NULL, ylim = NULL, legend = NULL,
                                     ...) {
  plot_local(x, local_spec("geary"), geary_texts, period = period,
             type = type, labels = labels, lang = lang, geometry = geometry,
             geometry_id = geometry_id, col = col, pch = pch, lty = lty,
             lwd = lwd, main = main, xlab = xlab, ylab = ylab, ylim = ylim,
             legend = legend, ...)
}

# Private ---------------------------------------------------------------------

geary_texts <- function(type, drawn, d, info, L, per_txt, test) {
  if (type == "scatter") {
    list(main = sprintf(L("%s of %s%s"), L("Local Geary's C"), info$value,
                        per_txt),
         sub = sprintf(L("Local Geary clusters: %s"), test),
         xlab = info$value,
         ylab = paste(L("Spatial lag of"), info$value), fit = FALSE,
         slope = NULL)
  } else {
    list(main = sprintf(L("%s of %s%s"), L("Local Geary clusters"),
                        info$value, per_txt),
         sub = sprintf(L("Local Geary's C, %s"), test))
  }
}

# The slope of the bivariate scatterplot's line is I_B: the standardised x
# sums to 0 over the period, so the least-squares slope is
# sum z lag_z / sum z^2.
bv_texts <- function(type, drawn, d, info, L, per_txt, test) {
  pair <- sprintf(L("%s and the lag of %s"), info$value, info$y)
  if (type == "scatter") {
    slope <- sum(d$z * d$lag_z) / sum(d$z^2)
    list(main = sprintf(L("%s of %s%s"), L("Bivariate Moran scatterplot"),
                        pair, per_txt),
         sub = c(sprintf(L("Slope of the fitted line = bivariate Moran's I = %.3f"),
                         slope),
                 sprintf(L("Bivariate LISA clusters: %s"), test)),
         xlab = sprintf(L("%s (standardised)"), info$value),
         ylab = sprintf(L("Spatial lag of %s (standardised)"), info$y),
         fit = TRUE, slope = slope)
  } else {
    list(main = sprintf(L("%s of %s%s"), L("Bivariate LISA clusters"), pair,
                        per_txt),
         sub = sprintf(L("Bivariate local Moran's I, %s"), test))
  }
}

getis_texts <- function(type, drawn, d, info, L, per_txt, test) {
  stat <- if (isTRUE(info$star)) "Gi*" else "Gi"
  if (type == "scatter") {
    list(main = sprintf(L("%s of %s%s"), paste("Getis-Ord", stat),
                        info$value, per_txt),
         sub = sprintf(L("Hot and cold spots: %s"), test),
         xlab = info$value,
         ylab = if (isTRUE(info$star)) {
           sprintf(L("Spatial lag of %s, the region included"), info$value)
         } else paste(L("Spatial lag of"), info$value),
         fit = FALSE, slope = NULL)
  } else {
    list(main = sprintf(L("%s of %s%s"), L("Hot and cold spots"), info$value,
                        per_txt),
         sub = sprintf("Getis-Ord %s, %s", stat, test))
  }
}

# The cluster styles of each statistic. Fills differ in lightness as well
# as hue, so maps stay readable in greyscale; the scatterplot also gives
# each cluster its own marker.
local_spec <- function(kind) {
  switch(kind,
    lisa = list(
      palette = c("High-High" = "#B2182B", "Low-Low" = "#4393C3",
                  "High-Low" = "#F4A582", "Low-High" = "#C6DBEF",
                  "Not significant" = "#F2F2F2", "Isolated" = "grey45"),
      pch = c(21, 24, 22, 23, 21, 4),
      abbr = c("High-High" = "HH", "Low-Low" = "LL", "High-Low" = "HL",
               "Low-High" = "LH"),
      legend = "LISA cluster"),
    getis = list(
      palette = c("Hot spot" = "#B2182B", "Cold spot" = "#2166AC",
                  "Not significant" = "#F2F2F2", "Isolated" = "grey45"),
      pch = c(24, 25, 21, 4),
      abbr = c("Hot spot" = "Hot", "Cold spot" = "Cold"),
      legend = "Hot and cold spots"),
    # LISA's clusters; standardised x against the lag of standardised y,
    # quadrants at 0
    bv = utils::modifyList(local_spec("lisa"), list(
      legend = "Bivariate LISA cluster",
      xy = function(d) list(x = d$z, y = d$lag_z), ref = c(0, 0))),
    geary = list(
      palette = c("High-High" = "#B2182B", "Low-Low" = "#4393C3",
                  "Other Positive" = "#F4A582", "Negative" = "#542788",
                  "Not significant" = "#F2F2F2", "Isolated" = "grey45"),
      pch = c(21, 24, 22, 23, 21, 4),
      abbr = c("High-High" = "HH", "Low-Low" = "LL",
               "Other Positive" = "OP", "Negative" = "NG"),
      legend = "Local Geary cluster"))
}

# One period of a local result as a scatterplot (value against lag) or a
# cluster map; `texts(type, drawn, d, info, L, per_txt, test)` gives the
# figure's texts for the period's rows `d`.
plot_local <- function(x, spec, texts, period = NULL,
                       type = c("scatter", "map"), labels = NULL,
                       lang = c("en", "zh"), geometry = NULL,
                       geometry_id = NULL, col = NULL, pch = NULL,
                       lty = NULL, lwd = NULL, main = NULL, xlab = NULL,
                       ylab = NULL, ylim = NULL, legend = NULL, ...) {
  type <- check_choice(type, c("scatter", "map"), "type")
  L <- plot_labeller(lang)
  info <- result_info(x)
  dots <- list(...)
  if (is.null(period) && !is.null(info$time) && info$time %in% names(dots)) {
    period <- dots[[info$time]]
    dots[[info$time]] <- NULL
  }
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  if (!is.null(labels) && !is.logical(labels) && !is.character(labels) &&
      !is.numeric(labels) || is.logical(labels) && length(labels) != 1L) {
    abort("`labels` must be TRUE, FALSE, NULL or a vector of region ids, ",
          "not ", type_of(labels), ".", class = "regineq_error_type")
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
  d <- d[rows, , drop = FALSE]
  st <- cluster_style(spec, col, pch)
  # the scatterplot's axes: value and lag, or the statistic's own (spec$xy)
  xy <- if (is.null(spec$xy)) list(x = d$value, y = d$lag) else spec$xy(d)
  drawn <- data.frame(id = as.character(d[[info$id]]), value = xy$x,
                      lag = xy$y, cluster = d$cluster,
                      stringsAsFactors = FALSE)
  drawn$period <- if (is.null(period)) NA else period
  k <- match(as.character(drawn$cluster), st$series)
  drawn$col <- st$col[k]
  drawn$pch <- st$pch[k]
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(dots)
  on.exit(graphics::par(old_dots), add = TRUE)
  per_txt <- if (is.null(period)) "" else paste0(", ", period)
  tx <- texts(type, drawn, d, info, L, per_txt, lisa_test_text(info, L))
  sub <- if (is.null(main)) tx$sub
  main <- main %||% tx$main
  if (type == "scatter") {
    xlab <- xlab %||% tx$xlab
    ylab <- ylab %||% tx$ylab
    res <- draw_local_scatter(drawn, st, spec, labels, where, L, main, sub,
                              xlab, ylab, ylim, lty, lwd, fit = tx$fit,
                              ref = spec$ref)
    return(drawn_data(res$drawn, main = main, sub = sub, xlab = xlab,
                      ylab = ylab, legend = where, text = res$text,
                      slope = tx$slope))
  }
  res <- if (!is.null(geometry)) {
    draw_sf_map(geometry, geometry_id, drawn, st, spec, labels, where, L,
                main, sub)
  } else {
    draw_tile_map(drawn, st, spec, labels, where, L, main, sub,
                  attr(L, "lang"))
  }
  drawn_data(res$drawn, main = main, sub = sub, xlab = "", ylab = "",
             legend = where, text = res$text,
             legend_labels = res$legend_labels)
}

# The clusters' fills and markers, restyled by the user's `col` and `pch`.
cluster_style <- function(spec, col = NULL, pch = NULL) {
  st <- data.frame(series = names(spec$palette), col = unname(spec$palette),
                   pch = spec$pch, stringsAsFactors = FALSE)
  restyle(st, col = col, pch = pch)
}

# Clusters the legends always list (so that figures of different periods
# read alike): all but "Isolated", which is listed when present.
always_listed <- function(spec) setdiff(names(spec$palette), "Isolated")

# "two-sided, p <= 0.05 (999 permutations)" for a local result.
lisa_test_text <- function(info, L = identity) {
  p <- if (!is.null(info$nsim) && info$nsim > 0) {
    sprintf(L("permutation p-values, %d permutations"),
            as.integer(info$nsim))
  } else L("analytic p-values, normal approximation")
  adj <- if (!is.null(info$p_adjust) && info$p_adjust != "none") {
    sprintf(L(", %s-adjusted"), info$p_adjust)
  } else ""
  sprintf(L("%s, p %s %s%s (%s)"), alt_text(info$alternative, L), le_sign(),
          format(info$alpha %||% 0.05), adj, p)
}

# Which regions to label: user's choice, or all when few, else the
# significant ones (most extreme |I_i| first, at most `cap`).
label_choice <- function(labels, drawn, auto_all = 50L, cap = 30L) {
  n <- nrow(drawn)
  if (isFALSE(labels)) return(rep(FALSE, n))
  if (isTRUE(labels)) return(rep(TRUE, n))
  if (!is.null(labels)) return(drawn$id %in% as.character(labels))
  if (n <= auto_all) return(rep(TRUE, n))
  sig <- !as.character(drawn$cluster) %in% c("Not significant", "Isolated")
  if (sum(sig) > cap) {
    ext <- abs(scale(drawn$value)[, 1]) + abs(scale(drawn$lag)[, 1])
    keep <- order(-ext * sig)[seq_len(cap)]
    sig <- seq_len(n) %in% keep
  }
  sig
}

# The scatterplot of value against lag, with dashed lines at `ref` (x, y;
# default their means) and (`fit`) the least-squares line.
draw_local_scatter <- function(drawn, st, spec, labels, where, L, main, sub,
                               xlab, ylab, ylim, lty, lwd, fit = TRUE,
                               ref = NULL) {
  fit_st <- restyle(data.frame(series = "fit", col = "grey20",
                               lty = "solid", lwd = 1.2,
                               stringsAsFactors = FALSE), lty = lty, lwd = lwd)
  show <- st$series %in% c(always_listed(spec),
                           unique(as.character(drawn$cluster)))
  counts <- table(factor(as.character(drawn$cluster), st$series))
  leg <- sprintf("%s (%d)", L(st$series), as.integer(counts))[show]
  xr <- range(drawn$value, finite = TRUE)
  yr <- ylim %||% range(drawn$lag, finite = TRUE)
  pad <- function(r, f) r + c(-1, 1) * f * max(diff(r), 1e-8)
  open_chart(pad(xr, 0.04), if (is.null(ylim)) pad(yr, 0.04) else yr,
             xlab = xlab, ylab = ylab, main = main, sub = sub, grid = "none",
             right_in = if (identical(where, "outside")) legend_inches(leg)
             else 0)
  ref <- ref %||% c(mean(drawn$value), mean(drawn$lag))
  graphics::abline(h = ref[2], v = ref[1], lty = "dashed", col = "grey60")
  ok <- is.finite(drawn$value) & is.finite(drawn$lag)
  if (fit && sum(ok) > 1L && stats::var(drawn$value[ok]) > 0) {
    graphics::abline(stats::lm(drawn$lag[ok] ~ drawn$value[ok]),
                     col = fit_st$col, lty = fit_st$lty, lwd = fit_st$lwd)
  }
  open_pch <- drawn$pch %in% c(0:14)
  graphics::points(drawn$value, drawn$lag, pch = drawn$pch,
                   bg = drawn$col, col = ifelse(open_pch, "grey40", "grey15"),
                   cex = 1.15, lwd = 0.8)
  want <- label_choice(labels, drawn)
  placed <- place_labels(drawn$value, drawn$lag, drawn$id, want)
  draw_placed(drawn$value, drawn$lag, drawn$id, placed)
  drawn$label <- as.vector(placed)
  sty <- st[show, ]
  draw_legend(where, leg, pch = sty$pch, pt.bg = sty$col,
              col = ifelse(sty$pch %in% 0:14, "grey40", "grey15"),
              pt.cex = 1.15, title = L(spec$legend))
  list(drawn = drawn, text = drawn$id[placed])
}

# Greedy label placement: each label (most extreme point first) goes to the
# first of eight positions around its point, then of eight farther ones
# (drawn with a leader line), where it stays inside the plot and overlaps
# no placed label and no point; labels without such a place are not drawn.
# Returns which were placed, with the left-bottom corners of the labels
# (text drawn with adj = c(0, 0)) and the leader lines in attribute "at".
place_labels <- function(x, y, lab, want, cex = 0.72) {
  n <- length(x)
  placed <- lead <- rep(FALSE, n)
  px <- py <- lx <- ly <- rep(NA_real_, n)
  usr <- graphics::par("usr")
  w <- graphics::strwidth(lab, cex = cex)
  h <- graphics::strheight("Mg", cex = cex) * 1.15
  ox <- graphics::strwidth("m", cex = cex) * 0.45
  oy <- h * 0.3
  # points as small boxes (marker radius)
  rx <- graphics::strwidth("m", cex = 1.15) * 0.45
  ry <- graphics::strheight("m", cex = 1.15) * 0.55
  boxes <- matrix(numeric(), 0, 4)
  ok_pt <- is.finite(x) & is.finite(y)
  pts <- cbind(x - rx, y - ry, x + rx, y + ry)[ok_pt, , drop = FALSE]
  overlaps <- function(b, m) {
    if (!nrow(m)) return(FALSE)
    any(b[1] < m[, 3] & b[3] > m[, 1] & b[2] < m[, 4] & b[4] > m[, 2])
  }
  zx <- (x - mean(x[ok_pt])) / max(stats::sd(x[ok_pt]), 1e-12)
  zy <- (y - mean(y[ok_pt])) / max(stats::sd(y[ok_pt]), 1e-12)
  ord <- order(-(abs(zx) + abs(zy)))
  for (i in ord[want[ord] & ok_pt[ord]]) {
    own <- which(ok_pt) == i
    for (f in c(1, 2.6, 4.2)) {
      dx <- rx + ox * f
      dy <- ry + oy * f
      cand <- rbind(
        c(x[i] + dx, y[i] - h / 2),          # right
        c(x[i] - dx - w[i], y[i] - h / 2),   # left
        c(x[i] - w[i] / 2, y[i] + dy),       # above
        c(x[i] - w[i] / 2, y[i] - dy - h),   # below
        c(x[i] + dx, y[i] + dy * 0.6),       # above right
        c(x[i] - dx - w[i], y[i] + dy * 0.6),
        c(x[i] + dx, y[i] - dy * 0.6 - h),   # below right
        c(x[i] - dx - w[i], y[i] - dy * 0.6 - h))
      for (k in seq_len(nrow(cand))) {
        b <- c(cand[k, 1], cand[k, 2], cand[k, 1] + w[i], cand[k, 2] + h)
        inside <- b[1] >= usr[1] && b[3] <= usr[2] && b[2] >= usr[3] &&
          b[4] <= usr[4]
        if (inside && !overlaps(b, boxes) &&
            !overlaps(b, pts[!own, , drop = FALSE])) {
          boxes <- rbind(boxes, b)
          placed[i] <- TRUE
          px[i] <- b[1]
          py[i] <- b[2] + h * 0.12
          if (f > 1) {
            lead[i] <- TRUE
            lx[i] <- min(max(x[i], b[1]), b[3])
            ly[i] <- min(max(y[i], b[2]), b[4])
          }
          break
        }
      }
      if (placed[i]) break
    }
  }
  attr(placed, "at") <- list(x = px, y = py, lead = lead, lx = lx, ly = ly)
  placed
}

# Draws the labels place_labels() placed, with their leader lines.
draw_placed <- function(x, y, lab, placed, cex = 0.72) {
  at <- attr(placed, "at")
  if (any(at$lead)) {
    graphics::segments(x[at$lead], y[at$lead], at$lx[at$lead],
                       at$ly[at$lead], col = "grey55", lwd = 0.6)
  }
  if (any(placed)) {
    graphics::text(at$x[placed], at$y[placed], lab[placed], adj = c(0, 0),
                   cex = cex, col = "grey10")
  }
}

# Legend entries of a cluster map: every cluster kind (so that maps of
# different periods read alike) with its count, plus Isolated and No data
# when there are such regions.
map_legend <- function(st, spec, drawn, L, n_missing) {
  counts <- table(factor(as.character(drawn$cluster), st$series))
  show <- st$series %in% always_listed(spec) | counts > 0
  lab <- sprintf("%s (%d)", L(st$series), as.integer(counts))[show]
  fill <- st$col[show]
  dens <- rep(NA_real_, sum(show))
  if (n_missing > 0L) {
    lab <- c(lab, sprintf("%s (%d)", L("No data"), n_missing))
    fill <- c(fill, "grey55")
    dens <- c(dens, 30)
  }
  list(labels = lab, fill = fill, density = dens)
}

draw_sf_map <- function(geometry, geometry_id, drawn, st, spec, labels, where,
                        L, main, sub) {
  if (!inherits(geometry, "sf") || !requireNamespace("sf", quietly = TRUE)) {
    abort("`geometry` must be an sf object (and the sf package installed).",
          class = "regineq_error_type")
  }
  ids <- drawn$id
  gid <- as.character(check_column(geometry, geometry_id, "geometry_id"))
  pos <- match(gid, ids)
  missing_ids <- setdiff(ids, gid)
  if (length(missing_ids)) {
    abort("`geometry` has no polygon for ", enum(missing_ids, quote = "\""),
          ".", class = "regineq_error_value")
  }
  fill <- ifelse(is.na(pos), "white", drawn$col[pos])
  n_missing <- sum(is.na(pos))
  lg <- map_legend(st, spec, drawn, L, n_missing)
  right_in <- if (identical(where, "outside")) {
    legend_inches(lg$labels, L(spec$legend))
  } else 0
  csi <- line_in()
  tb <- title_block(main, sub, graphics::par("fin")[1] - 0.4)
  graphics::par(mar = c(0.4, 0.4, max(0.8, tb$lines + 0.3),
                        if (right_in > 0) right_in / csi + 0.4 else 0.4))
  geo <- sf::st_geometry(geometry)
  graphics::plot(geo, col = fill, border = "grey35", lwd = 0.5,
                 main = "")
  if (n_missing > 0L) {
    graphics::plot(geo[is.na(pos)], col = "grey55", density = 30,
                   border = NA, add = TRUE)
  }
  want <- if (is.null(labels)) rep(FALSE, nrow(drawn)) else
    label_choice(labels, drawn)
  if (any(want)) {
    cen <- suppressWarnings(sf::st_coordinates(sf::st_point_on_surface(
      geo[match(drawn$id[want], gid)])))
    graphics::text(cen[, 1], cen[, 2], drawn$id[want], cex = 0.7,
                   col = text_colour(drawn$col[want]))
  }
  draw_title_block(tb)
  draw_legend(where, lg$labels, fill = lg$fill, density = lg$density,
              border = "grey35", title = L(spec$legend))
  drawn$label <- want
  list(drawn = drawn, text = drawn$id[want], legend_labels = lg$labels)
}

draw_tile_map <- function(drawn, st, spec, labels, where, L, main, sub,
                          lang = "en") {
  ids <- drawn$id
  code <- province_codes(ids, on_bad = "none")
  if (anyNA(code)) {
    abort("The tile map needs Chinese provinces as ids: ",
          enum(ids[is.na(code)], quote = "\""), " are not.",
          outside_note(ids[is.na(code)]), class = "regineq_error_value")
  }
  tiles <- china_tiles()
  prov <- regineq::china_provinces
  all <- tiles[match(prov$code, tiles$code), ]
  has <- all$code %in% code
  n_missing <- sum(!has)
  lg <- map_legend(st, spec, drawn, L, n_missing)
  csi <- line_in()
  fin <- graphics::par("fin")
  tb <- title_block(main, sub, fin[1] - 0.4)
  top <- max(0.8, tb$lines + 0.3)
  # the package's legend goes into the empty block of the grid (columns 2-4
  # of rows 1-2) when it fits there, else into the right margin
  # (there without a legend title: the figure's title says what it shows)
  inside <- FALSE
  leg_w <- legend_inches(lg$labels, L(spec$legend))
  if (identical(where, "outside")) {
    tile <- tile_inches(fin, c(0.4, 0.6, top, 0.6) * csi)
    in_w <- legend_inches(lg$labels, cex = 0.8)
    in_h <- (0.95 * length(lg$labels) + 1) * graphics::par("cin")[2] * 0.8 *
      graphics::par("cex")
    inside <- in_w <= 2.9 * tile[1] && in_h <= 1.95 * tile[2]
  }
  right_in <- if (identical(where, "outside") && !inside) leg_w else 0
  graphics::par(mar = c(0.4, 0.6, top,
                        if (right_in > 0) right_in / csi + 0.6 else 0.6),
                lheight = 0.9)
  graphics::plot.new()
  # asp: a tile's height over its width, when the clamp leaves space over
  tile <- tile_inches(fin, graphics::par("mai"))
  pin <- graphics::par("pin")
  fills <- isTRUE(all.equal(tile * 8, pin, tolerance = 1e-6))
  graphics::plot.window(c(0.5, 8.5), c(-8.5, -0.5),
                        asp = if (fills) NA else tile[2] / tile[1],
                        xaxs = "i", yaxs = "i")
  fill <- rep("white", nrow(all))
  fill[has] <- drawn$col[match(all$code[has], code)]
  gap <- 0.035
  x0 <- all$col - 0.5 + gap
  x1 <- all$col + 0.5 - gap
  y0 <- -all$row - 0.5 + gap
  y1 <- -all$row + 0.5 - gap
  graphics::rect(x0, y0, x1, y1, col = fill, border = "grey35", lwd = 0.6)
  if (n_missing > 0L) {
    graphics::rect(x0[!has], y0[!has], x1[!has], y1[!has], col = "grey55",
                   density = 30, border = NA)
  }
  want <- if (is.null(labels)) rep(TRUE, nrow(drawn)) else
    label_choice(labels, drawn)
  show_all <- is.null(labels) || isTRUE(labels)
  nm <- if (lang == "zh") prov$name_zh else prov$name_en
  nm <- nm[match(all$code, prov$code)]
  lab_on <- if (show_all) rep(TRUE, nrow(all)) else
    all$code %in% code[want]
  text <- character()
  if (any(lab_on)) {
    two <- if (lang == "zh") nm else sub(" ", "\n", nm, fixed = TRUE)
    tile_w <- diff(graphics::grconvertX(c(0, 1 - 2 * gap), "user", "inches"))
    tile_h <- diff(graphics::grconvertY(c(0, 1 - 2 * gap), "user", "inches"))
    lines <- unlist(strsplit(two[lab_on], "\n", fixed = TRUE))
    cex <- min(1, 0.88 * tile_w / max(graphics::strwidth(lines, "inches")),
               0.42 * tile_h / graphics::strheight("Mg", "inches"))
    cex <- max(cex, 0.5)
    clus <- rep("", nrow(all))
    clus[has] <- as.character(drawn$cluster[match(all$code[has], code)])
    abbr <- L(spec$abbr)[match(clus, names(spec$abbr))]
    abbr[is.na(abbr)] <- ""
    tc <- text_colour(fill)
    # the name's lines and the cluster code, centred as one block
    hl <- graphics::strheight("M", cex = cex) * 1.45
    for (i in which(lab_on)) {
      nl <- length(strsplit(two[i], "\n", fixed = TRUE)[[1]])
      total <- (nl + nzchar(abbr[i])) * hl
      top <- -all$row[i] + total / 2
      graphics::text(all$col[i], top - nl * hl / 2, two[i], cex = cex,
                     col = tc[i])
      if (nzchar(abbr[i])) {
        graphics::text(all$col[i], top - (nl + 0.5) * hl, abbr[i],
                       cex = cex * 0.95, font = 2, col = tc[i])
      }
    }
    text <- nm[lab_on]
  }
  draw_title_block(tb)
  if (inside) {
    graphics::legend(1.55, -0.5, legend = lg$labels, fill = lg$fill,
                     density = lg$density, border = "grey35", cex = 0.8,
                     y.intersp = 0.95, bty = "n", xjust = 0, yjust = 1)
  } else {
    draw_legend(where, lg$labels, fill = lg$fill, density = lg$density,
                border = "grey35", title = L(spec$legend))
  }
  drawn$label <- drawn$id %in% ids[match(all$code[lab_on], code)]
  list(drawn = drawn, text = text, legend_labels = lg$labels)
}

# Width and height (inches) of a tile of the 8 x 8 grid in a figure of
# size `fin` with margins `mai`: tiles fill the plot but stay between 0.8
# and 1.5 times as wide as tall.
tile_inches <- function(fin, mai) {
  w8 <- (fin[1] - mai[2] - mai[4]) / 8
  h8 <- (fin[2] - mai[1] - mai[3]) / 8
  if (w8 / h8 > 1.5) return(c(1.5 * h8, h8))
  if (w8 / h8 < 0.8) return(c(w8, w8 / 0.8))
  c(w8, h8)
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
