#' Plot Moran's I results
#'
#' * Global: Moran's I over time with its expectation under no
#'   autocorrelation, \eqn{E[I] = -1/(n-1)}{E[I] = -1/(n-1)} (dashed); a point is filled where
#'   its p-value is at most `alpha`. The p-value is the permutation one
#'   (`p_sim`) when the result has one, else the analytic one (`p_value`);
#'   `pvalue` chooses, and the subtitle says which.
#' * Local, `type = "scatter"`: the Moran scatterplot of one period, the
#'   value against its spatial lag (the `value` and `lag` columns), with
#'   lines at their means, the least-squares line and points styled by LISA
#'   cluster. The subtitle prints the slope of the line: for row-standardised
#'   weights without islands it equals the global Moran's I of the period
#'   (the method checks this from the result: the row sums of the weights
#'   follow from the `expected` column) and says so; otherwise it says that
#'   the slope is not Moran's I.
#' * Local, `type = "map"`: a LISA cluster map of one period, of China's
#'   provinces on a built-in tile grid (ids must be provinces in a spelling
#'   [match_province()] understands) or of the user's `sf` polygons
#'   (`geometry`). The legend counts the regions of each cluster and shows
#'   regions without data (hatched).
#'
#' Cluster colours differ in lightness as well as hue (dark red High-High,
#' mid blue Low-Low, light orange High-Low, pale blue Low-High, near-white
#' not significant), and the scatterplot also gives each cluster its own
#' marker, so both figures stay readable in greyscale.
#'
#' @param x A result of [moran_global()] or [moran_local()].
#' @param period The period to draw (default: the last). It may also be given
#'   under the name of the time column, e.g. `year = 2020`.
#' @param type `"scatter"` or `"map"`.
#' @param labels Which regions to label with their ids: `NULL` (default) for
#'   the package's choice (on the scatterplot every point when there are at
#'   most 50, else the significant ones, at most 30, most extreme first; on
#'   the tile map every province; on an `sf` map none), `TRUE` for all,
#'   `FALSE` for none, or a vector of ids. Scatterplot labels are placed
#'   where they overlap neither each other nor a point nor the frame; one
#'   that finds no such place is left out (the `label` column of the result
#'   says which were drawn).
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param geometry Optional `sf` object with the regions' polygons for the
#'   cluster map, instead of the built-in tile map of China.
#' @param geometry_id Name of the column of `geometry` holding the region
#'   ids (matching the id column of the result).
#' @param alpha Significance level of the filled points (global).
#' @param pvalue Which p-value fills the points (global): `"auto"` (the
#'   permutation p-value when there is one, else the analytic one),
#'   `"permutation"` or `"analytic"`.
#' @param col Colours: of the line and points (global), or of the clusters
#'   (local: recycled over, or named by, "High-High", "Low-Low", "High-Low",
#'   "Low-High", "Not significant", "Isolated").
#' @param pch Markers: for significant and other points (global, length 2),
#'   or of the clusters (scatterplot; as `col`).
#' @param lty,lwd Line type and width of the I line (global) or of the
#'   fitted line (scatterplot).
#' @param main,xlab,ylab Title and axis labels (`NULL`: the package's; `""`
#'   for none).
#' @param ylim Limits of the y axis (global and scatterplot).
#' @param legend Where the legend goes: `NULL` (the right margin, outside the
#'   data), a [graphics::legend()] keyword such as `"topleft"`, or `"none"` /
#'   `FALSE`.
#' @param ... For local results, `period` under the time column's name;
#'   graphical parameters such as `cex` or `family`, set with
#'   [graphics::par()] for the figure.
#' @return Invisibly, the data drawn: for global results one row per period
#'   with `period`, `I`, `expected`, the p-value `p` used for the points,
#'   `significant`, `x` (the position on the axis), `col` and `pch`; for local
#'   results one row per region of the period with `id`, `value`, `lag`,
#'   `cluster`, `period`, the `col` (fill) and `pch` used and `label`
#'   (whether its label was drawn). The attribute `"figure"` holds the title,
#'   subtitle, axis labels, legend position and the labels drawn (`text`);
#'   for the scatterplot also `slope`, the slope of the fitted line.
#' @references Anselin, L. (1995). Local indicators of spatial association -
#'   LISA. Geographical Analysis 27(2), 93-115. Anselin, L. (1996). The Moran
#'   scatterplot as an ESDA tool to assess local instability in spatial
#'   association. In Fischer, M., Scholten, H. J. and Unwin, D. (eds.),
#'   Spatial Analytical Perspectives on GIS, 111-125. Taylor & Francis.
#'   Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025), Journal of Chongqing University (Social Science Edition) 2025(4), 16-30, figure 2.
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
plot.regineq_moran_global <- function(x, alpha = 0.05,
                                      pvalue = c("auto", "permutation",
                                                 "analytic"),
                                      col = NULL, lty = NULL, lwd = NULL,
                                      pch = NULL, main = NULL, xlab = NULL,
                                      ylab = NULL, ylim = NULL, legend = NULL,
                                      lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  check_number(alpha, "alpha", min = 0, max = 1)
  pvalue <- check_choice(pvalue, c("auto", "permutation", "analytic"),
                         "pvalue")
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  info <- result_info(x)
  xlab <- check_text(xlab, "xlab") %||% (info$time %||% "")
  ylab <- check_text(ylab, "ylab") %||% L("Moran's I")
  d <- unclass_df(x)
  if (pvalue == "permutation" && is.null(d$p_sim)) {
    abort("`pvalue` = \"permutation\" needs permutation p-values: the ",
          "result has none (it was computed with nsim = 0).",
          class = "regineq_error_value")
  }
  perm <- pvalue == "permutation" || (pvalue == "auto" && !is.null(d$p_sim))
  p <- if (perm) d$p_sim else d$p_value
  st <- restyle(data.frame(series = "I", col = "black", lty = "solid",
                           lwd = 1.5, stringsAsFactors = FALSE),
                col = col, lty = lty, lwd = lwd)
  if (!is.null(pch)) check_style_values(pch, "pch")
  pch <- rep_len(pch %||% c(16, 1), 2L)
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  tt <- if (is.null(info$time)) rep("", nrow(d)) else d[[info$time]]
  xs <- if (is.null(info$time)) rep(1, nrow(d)) else period_x(tt)
  sig <- !is.na(p) & p <= alpha
  le <- le_sign()
  how <- if (perm) {
    sprintf(L("permutation p %s %s (%d permutations, %s)"), le,
            format(alpha), as.integer(info$nsim),
            alt_text(info$alternative, L))
  } else {
    sprintf(L("analytic p %s %s (normal approximation under %s, %s)"), le,
            format(alpha), L(if (isFALSE(info$randomisation)) "normality" else
              "randomisation"), alt_text(info$alternative, L))
  }
  if (is.null(main)) {
    o <- order(xs)
    main <- if (is.null(info$time)) {
      sprintf("%s of %s: I = %.3f", L("Global Moran's I"), info$value, d$I[1])
    } else {
      sprintf(L("%s of %s, %s"), L("Global Moran's I"), info$value,
              period_span(unique(tt[o])))
    }
    sub <- sprintf(L("Filled points: %s"), how)
  } else sub <- NULL
  e_lab <- if (length(unique(d$expected)) == 1L) {
    sprintf("E[I] = %s", format(round(d$expected[1], 3)))
  } else "E[I] = -1/(n-1)"
  labs <- c(sprintf("p %s %s", le, format(alpha)),
            sprintf("p > %s", format(alpha)), e_lab)
  open_chart(period_xlim(xs), ylim %||% data_range(d$I, d$expected),
             xlab = xlab, ylab = ylab, main = main, sub = sub,
             periods = list(at = xs, labels = tt),
             right_in = if (identical(where, "outside")) legend_inches(labs)
             else 0)
  o <- order(xs)
  if (length(unique(d$expected)) == 1L) {
    graphics::abline(h = d$expected[1], lty = "dashed", col = "grey45")
  } else {
    graphics::lines(xs[o], d$expected[o], lty = "dashed", col = "grey45")
  }
  graphics::lines(xs[o], d$I[o], col = st$col, lty = st$lty, lwd = st$lwd)
  graphics::points(xs, d$I, pch = ifelse(sig, pch[1], pch[2]), col = st$col,
                   bg = "white", cex = 1.1)
  draw_legend(where, labs, pch = c(pch, NA), lty = c(NA, NA, "dashed"),
              col = c(st$col, st$col, "grey45"), seg.len = 2.5, pt.cex = 1.2)
  drawn <- data.frame(period = tt, I = d$I, expected = d$expected, p = p,
                      significant = sig, x = xs, col = st$col,
                      pch = ifelse(sig, pch[1], pch[2]),
                      stringsAsFactors = FALSE)
  drawn_data(drawn, main = main, sub = sub, xlab = xlab, ylab = ylab,
             legend = where, p = if (perm) "permutation" else "analytic",
             alpha = alpha)
}

#' @rdname plot-moran
#' @export
plot.regineq_moran_local <- function(x, period = NULL,
                                     type = c("scatter", "map"),
                                     labels = NULL, lang = c("en", "zh"),
                                     geometry = NULL, geometry_id = NULL,
                                     col = NULL, pch = NULL, lty = NULL,
                                     lwd = NULL, main = NULL, xlab = NULL,
                                     ylab = NULL, ylim = NULL, legend = NULL,
                                     ...) {
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
  st <- cluster_style(col, pch)
  drawn <- data.frame(id = as.character(d[[info$id]][rows]),
                      value = d$value[rows], lag = d$lag[rows],
                      cluster = d$cluster[rows], stringsAsFactors = FALSE)
  drawn$period <- if (is.null(period)) NA else period
  k <- match(as.character(drawn$cluster), st$series)
  drawn$col <- st$col[k]
  drawn$pch <- st$pch[k]
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(dots)
  on.exit(graphics::par(old_dots), add = TRUE)
  test <- lisa_test_text(info, L)
  per_txt <- if (is.null(period)) "" else paste0(", ", period)
  if (type == "scatter") {
    slope <- scatter_slope(drawn, d$Ii[rows], d$expected[rows], L)
    if (is.null(main)) {
      main <- sprintf(L("%s of %s%s"), L("Moran scatterplot"), info$value,
                      per_txt)
      sub <- c(slope$text, sprintf(L("LISA clusters: %s"), test))
    } else sub <- NULL
    res <- draw_moran_scatter(drawn, st, labels, where, L, main, sub,
                              xlab %||% info$value,
                              ylab %||% paste(L("Spatial lag of"),
                                              info$value), ylim,
                              lty, lwd)
    return(drawn_data(res$drawn, main = main, sub = sub,
                      xlab = xlab %||% info$value, ylab = res$ylab,
                      legend = where, text = res$text, slope = slope$slope))
  }
  if (is.null(main)) {
    main <- sprintf(L("%s of %s%s"), L("LISA clusters"), info$value, per_txt)
    sub <- sprintf(L("Local Moran's I, %s"), test)
  } else sub <- NULL
  res <- if (!is.null(geometry)) {
    draw_sf_map(geometry, geometry_id, drawn, st, labels, where, L, main,
                sub)
  } else {
    draw_tile_map(drawn, st, labels, where, L, main, sub, attr(L, "lang"))
  }
  drawn_data(res$drawn, main = main, sub = sub, xlab = "", ylab = "",
             legend = where, text = res$text,
             legend_labels = res$legend_labels)
}

# Private ---------------------------------------------------------------------

# Cluster fills: lightness falls from Not significant to High-High, so the
# clusters stay apart in greyscale; markers for the scatterplot.
cluster_palette <- function() {
  c("High-High" = "#B2182B", "Low-Low" = "#4393C3", "High-Low" = "#F4A582",
    "Low-High" = "#C6DBEF", "Not significant" = "#F2F2F2",
    "Isolated" = "grey45")
}

cluster_style <- function(col = NULL, pch = NULL) {
  pal <- cluster_palette()
  st <- data.frame(series = names(pal), col = unname(pal),
                   pch = c(21, 24, 22, 23, 21, 4), stringsAsFactors = FALSE)
  restyle(st, col = col, pch = pch)
}

alt_text <- function(alternative, L = identity) {
  L(switch(alternative %||% "",
           two.sided = "two-sided", greater = "one-sided, greater",
           less = "one-sided, less", folded = "folded",
           alternative %||% ""))
}

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

# The slope of the least-squares line of lag on value and what it is. For
# row-standardised weights without islands it is the global Moran's I of
# the period. Row sums W_i follow from E[I_i] = -z_i^2 W_i / ((n - 1) m2).
scatter_slope <- function(drawn, Ii, expected, L = identity) {
  v <- drawn$value
  lg <- drawn$lag
  ok <- is.finite(v) & is.finite(lg)
  slope <- if (sum(ok) > 1L && stats::var(v[ok]) > 0) {
    unname(stats::coef(stats::lm(lg[ok] ~ v[ok]))[2])
  } else NA_real_
  n <- length(v)
  z <- v - mean(v)
  m2 <- sum(z^2) / n
  use <- abs(z) > 1e-8 * sqrt(m2) & is.finite(expected)
  rs <- if (!is.null(expected) && any(use)) {
    -expected[use] * (n - 1) * m2 / z[use]^2
  } else NA
  isolated <- any(as.character(drawn$cluster) == "Isolated")
  row_std <- !isolated && length(rs) > 0L && all(is.finite(rs)) &&
    all(abs(rs - 1) < 1e-6)
  text <- if (is.na(slope)) {
    L("No fitted line (the values do not vary)")
  } else if (row_std) {
    sprintf(L("Slope of the fitted line = Moran's I = %.3f (row-standardised weights)"),
            slope)
  } else {
    sprintf(L("Slope of the fitted line = %.3f (not Moran's I: the weights %s)"),
            slope, L(if (isolated) "have islands" else
              "are not row-standardised"))
  }
  list(slope = slope, text = text, is_moran = row_std)
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

draw_moran_scatter <- function(drawn, st, labels, where, L, main, sub, xlab,
                               ylab, ylim, lty, lwd) {
  fit_st <- restyle(data.frame(series = "fit", col = "grey20",
                               lty = "solid", lwd = 1.2,
                               stringsAsFactors = FALSE), lty = lty, lwd = lwd)
  show <- st$series %in% c(names(cluster_palette())[1:5],
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
  graphics::abline(h = mean(drawn$lag), v = mean(drawn$value), lty = "dashed",
                   col = "grey60")
  ok <- is.finite(drawn$value) & is.finite(drawn$lag)
  if (sum(ok) > 1L && stats::var(drawn$value[ok]) > 0) {
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
              pt.cex = 1.15, title = L("LISA cluster"))
  list(drawn = drawn, ylab = ylab, text = drawn$id[placed])
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
map_legend <- function(st, drawn, L, n_missing) {
  counts <- table(factor(as.character(drawn$cluster), st$series))
  show <- st$series %in% names(cluster_palette())[1:5] | counts > 0
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

draw_sf_map <- function(geometry, geometry_id, drawn, st, labels, where, L,
                        main, sub) {
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
  lg <- map_legend(st, drawn, L, n_missing)
  right_in <- if (identical(where, "outside")) {
    legend_inches(lg$labels, L("LISA cluster"))
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
              border = "grey35", title = L("LISA cluster"))
  drawn$label <- want
  list(drawn = drawn, text = drawn$id[want], legend_labels = lg$labels)
}

draw_tile_map <- function(drawn, st, labels, where, L, main, sub,
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
  lg <- map_legend(st, drawn, L, n_missing)
  csi <- line_in()
  fin <- graphics::par("fin")
  tb <- title_block(main, sub, fin[1] - 0.4)
  top <- max(0.8, tb$lines + 0.3)
  # the package's legend goes into the empty block of the grid (columns 2-4
  # of rows 1-2) when it fits there, else into the right margin
  # (there without a legend title: the figure's title says what it shows)
  inside <- FALSE
  leg_w <- legend_inches(lg$labels, L("LISA cluster"))
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
    abbr <- c("High-High" = "HH", "Low-Low" = "LL", "High-Low" = "HL",
              "Low-High" = "LH")[clus]
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
                border = "grey35", title = L("LISA cluster"))
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
