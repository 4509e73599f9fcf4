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
  plot_local(x, local_spec("lisa"), moran_texts, period = period,
             type = type, labels = labels, lang = lang, geometry = geometry,
             geometry_id = geometry_id, col = col, pch = pch, lty = lty,
             lwd = lwd, main = main, xlab = xlab, ylab = ylab, ylim = ylim,
             legend = legend, ...)
}

# Private ---------------------------------------------------------------------

alt_text <- function(alternative, L = identity) {
  L(switch(alternative %||% "",
           two.sided = "two-sided", greater = "one-sided, greater",
           less = "one-sided, less", folded = "folded",
           alternative %||% ""))
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


# The texts of the local Moran figures: the scatterplot's fitted line is the
# global Moran's I for row-standardised weights (scatter_slope() says when).
moran_texts <- function(type, drawn, d, info, L, per_txt, test) {
  if (type == "scatter") {
    slope <- scatter_slope(drawn, d$Ii, d$expected, L)
    list(main = sprintf(L("%s of %s%s"), L("Moran scatterplot"), info$value,
                        per_txt),
         sub = c(slope$text, sprintf(L("LISA clusters: %s"), test)),
         xlab = info$value, ylab = paste(L("Spatial lag of"), info$value),
         fit = TRUE, slope = slope$slope)
  } else {
    list(main = sprintf(L("%s of %s%s"), L("LISA clusters"), info$value,
                        per_txt),
         sub = sprintf(L("Local Moran's I, %s"), test))
  }
}
