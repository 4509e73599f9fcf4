#' Plot inequality and convergence results
#'
#' * Dagum (`type = "contribution"`): two panels on one period axis, the
#'   overall Gini G over time above, and below the shares of G from within
#'   groups, between groups and transvariation, stacked to 100 %;
#'   `type = "within"` and `type = "between"`: the within-group
#'   \eqn{G_{jj}}{G_jj} and between-group \eqn{G_{jh}}{G_jh} lines over time.
#' * Theil: the index over time, with its within- and between-group parts
#'   when the result is grouped.
#' * Sigma convergence: sigma (the standard deviation of log values), the
#'   coefficient of variation, Theil's T and the Gini over time; with groups,
#'   one panel per statistic and one line per group.
#'
#' A group keeps its colour, line type and marker in every figure (they
#' follow the order of the groups in the result, i.e. the factor levels or
#' first appearance in the data): group \eqn{j}{j} in the within lines, the
#' sigma panels and [plot.regineq_index()] trend lines look alike. A
#' between-group line \eqn{G_{jh}}{G_jh} takes the colour and marker of group
#' \eqn{j}{j} and the line type of group \eqn{h}{h}.
#'
#' @param x A result of [dagum_gini()], [theil()] or [sigma_convergence()].
#' @param type For Dagum: `"contribution"`, `"within"` or `"between"`.
#' @param stat For sigma convergence: which of `"sigma"`, `"cv"`, `"theil"`
#'   and `"gini"` to draw.
#' @param col,lty,lwd,pch Styles of the lines (recycled over the series in
#'   legend order, or named by series); for `type = "contribution"`, `col`
#'   gives the fills of the within, between and transvariation shares and
#'   `lty`, `lwd`, `pch` style the G line.
#' @param main,xlab,ylab Title and axis labels (`NULL`: the package's; `""`
#'   for none).
#' @param ylim Limits of the value axis (of the G panel for
#'   `type = "contribution"`).
#' @param legend Where the legend goes: `NULL` (the right margin, outside the
#'   data), a [graphics::legend()] keyword such as `"topleft"`, or `"none"` /
#'   `FALSE`.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Graphical parameters such as `cex` or `family`, set with
#'   [graphics::par()] for the figure.
#' @return Invisibly, the data drawn, one row per point or bar segment:
#'   `period`, `x` (its position on the axis), `series`, `value` and the
#'   style (`col`, `lty`, `lwd`, `pch`); for `type = "contribution"` also
#'   `panel` ("gini" or "share") and the stacked `ymin`, `ymax` of each
#'   share; for grouped sigma, `stat` (the panel). The attribute `"figure"`
#'   holds the title, axis labels and legend position.
#' @references Dagum, C. (1997). A new approach to the decomposition of the
#'   Gini income inequality ratio. Empirical Economics 22(4), 515-531. The
#'   NQPF-level study (n.d.), Tables 3-5 (Dagum; see [nqpf_level]); Ran,
#'   R., Hua, L., Chen, Y. and Xia, Y. (2025), Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30, figure 1 (Theil,
#'   CV, sigma).
#' @family inequality
#' @name plot-inequality
#' @examples
#' dg <- dagum_gini(nqpf_level, "score", "region", "year")
#' plot(dg)
#' plot(dg, type = "between")
#' plot(dg, type = "within", col = grey.colors(4, end = 0.6))
#' plot(theil(nqpf_level, "score", "region", "year"), xlab = "Year")
#' plot(sigma_convergence(nqpf_potential, "score", "year"))
NULL

#' @rdname plot-inequality
#' @export
plot.regineq_dagum <- function(x, type = c("contribution", "within", "between"),
                               col = NULL, lty = NULL, lwd = NULL, pch = NULL,
                               main = NULL, xlab = NULL, ylab = NULL,
                               ylim = NULL, legend = NULL,
                               lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("contribution", "within", "between"), "type")
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab") %||% (x$time %||% "")
  ylab <- check_text(ylab, "ylab")
  op <- save_par(panels = type == "contribution")
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  o <- x$overall
  per <- result_periods(o, x$time)
  span <- period_span(per$period)
  if (type == "contribution") {
    return(dagum_contribution(x, o, per, L, where, col, lty, lwd, pch, main,
                              xlab, ylab, ylim, span))
  }
  d <- if (type == "within") x$within else x$between
  p <- result_periods(d, x$time)
  glev <- unique(as.character(x$within$group))
  gst <- group_style(glev)
  if (type == "within") {
    series <- as.character(d$group)
    st <- restyle(gst[match(unique(series), gst$series), ], col, lty, lwd,
                  pch)
    what <- L("Within-group Gini")
  } else {
    g1 <- as.character(d$group_1)
    g2 <- as.character(d$group_2)
    series <- paste0(g1, en_dash(), g2)
    first <- !duplicated(series)
    i1 <- match(g1[first], gst$series)
    i2 <- match(g2[first], gst$series)
    st <- data.frame(series = series[first], col = gst$col[i1],
                     lty = gst$lty[i2], lwd = gst$lwd[i1], pch = gst$pch[i1],
                     stringsAsFactors = FALSE)
    st <- restyle(st, col, lty, lwd, pch)
    what <- L("Between-group Gini")
  }
  if (is.null(main)) {
    main <- paste0(sprintf(L("%s of %s by %s, %s"), what, x$value, x$group,
                           span), weighted_note(x$population, L))
    sub <- if (type == "within") {
      sprintf(L("Gini coefficient within each %s (Dagum 1997)"), x$group)
    } else {
      sprintf(L("Gini coefficient between each pair of %s groups (Dagum 1997)"),
              x$group)
    }
  } else sub <- NULL
  dd <- data.frame(period = p$period, x = p$x, series = series,
                   value = d$gini, stringsAsFactors = FALSE)
  out <- series_chart(dd, st, ylab %||% what, main, sub, xlab = xlab,
                      ylim = ylim, where = where)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab %||% what,
             legend = where)
}

#' @rdname plot-inequality
#' @export
plot.regineq_theil <- function(x, col = NULL, lty = NULL, lwd = NULL,
                               pch = NULL, main = NULL, xlab = NULL,
                               ylab = NULL, ylim = NULL, legend = NULL,
                               lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab") %||% (x$time %||% "")
  ylab <- check_text(ylab, "ylab") %||% L("Theil index")
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  o <- x$overall
  per <- result_periods(o, x$time)
  total <- paste(L("Theil"), x$type)
  grouped <- !is.null(x$group)
  keys <- if (grouped) c("theil", "within", "between") else "theil"
  labs <- c(total, L("Within"), L("Between"))[seq_along(keys)]
  st <- group_style(labs)
  st$col[1] <- "black"
  st <- restyle(st, col, lty, lwd, pch)
  if (is.null(main)) {
    main <- sprintf(L("%s of %s, %s"), L(if (x$type == "T") "Theil index T"
                                          else "Theil index L (mean log deviation)"),
                    x$value, period_span(per$period))
    main <- paste0(main, weighted_note(x$population, L))
    sub <- if (grouped) {
      sprintf(L("Total and its exact within- and between-%s parts"), x$group)
    } else NULL
  } else sub <- NULL
  d <- long_series(per, o[keys], labs)
  out <- series_chart(d, st, ylab, main, sub, xlab = xlab, ylim = ylim,
                      where = if (grouped) where)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab,
             legend = if (grouped) where)
}

#' @rdname plot-inequality
#' @export
plot.regineq_sigma <- function(x, stat = c("sigma", "cv", "theil", "gini"),
                               col = NULL, lty = NULL, lwd = NULL, pch = NULL,
                               main = NULL, xlab = NULL, ylab = NULL,
                               ylim = NULL, legend = NULL,
                               lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  stats <- c("sigma", "cv", "theil", "gini")
  if (!is.character(stat) || !length(stat) || anyNA(stat) ||
      !all(stat %in% stats) || anyDuplicated(stat)) {
    abort("`stat` must be some of ", enum(stats, quote = "\""), ".",
          class = "regineq_error_value")
  }
  stat <- stats[stats %in% stat]
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  info <- result_info(x)
  xlab <- check_text(xlab, "xlab") %||% (info$time %||% "")
  ylab <- check_text(ylab, "ylab")
  op <- save_par(panels = !is.null(info$group))
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  d <- unclass_df(x)
  per <- result_periods(d, info$time)
  names_of <- c(sigma = L("Sigma (sd of log values)"),
                cv = L("Coefficient of variation"), theil = L("Theil index T"),
                gini = L("Gini coefficient"))
  span <- period_span(unique(per$period[order(per$x)]))
  if (is.null(info$group)) {
    labs <- unname(names_of[stat])
    st <- restyle(group_style(labs), col, lty, lwd, pch)
    if (is.null(main)) {
      main <- paste0(sprintf(L("Dispersion across regions, %s"), span),
                     weighted_note(info$population, L))
      sub <- L("Sigma convergence: a falling line means regions converge")
    } else sub <- NULL
    dd <- long_series(per, d[stat], labs)
    out <- series_chart(dd, st, ylab %||% L("Dispersion"), main, sub,
                        xlab = xlab, ylim = ylim, where = where)
    return(drawn_data(out, main = main, sub = sub, xlab = xlab,
                      ylab = ylab %||% L("Dispersion"), legend = where))
  }
  glev <- group_levels(d$group)
  st <- group_style(glev, col, lty, lwd, pch)
  if (is.null(main)) {
    main <- paste0(sprintf(L("Dispersion of the regions in each %s group, %s"),
                           info$group, span),
                   weighted_note(info$population, L))
    sub <- L("Sigma convergence within each group: a falling line means its regions converge")
  } else sub <- NULL
  tb <- open_panels(main, sub, n = length(stat),
                    legend_in = if (identical(where, "outside"))
                      legend_inches(glev) else 0)
  rows <- list()
  nrow_panels <- graphics::par("mfrow")[1]
  # one left margin for all panels, so that their axes align
  left <- max(vapply(stat, function(s) {
    left_lines(format_ticks(pretty(ylim %||% data_range(d[[s]]))),
               ylab %||% "")
  }, 1))
  for (s in stat) {
    dd <- data.frame(period = per$period, x = per$x, series = d$group,
                     value = d[[s]], stringsAsFactors = FALSE)
    last_row <- ceiling(match(s, stat) / graphics::par("mfrow")[2]) ==
      nrow_panels
    open_chart(period_xlim(dd$x), ylim %||% data_range(dd$value),
               xlab = if (last_row) xlab else "", ylab = ylab %||% "",
               sub = names_of[[s]], left_min = left,
               periods = list(at = dd$x, labels = dd$period))
    k <- draw_series(dd, st, 0.8)
    rows[[s]] <- cbind(stat = s, dd, st[k, c("col", "lty", "lwd", "pch")],
                       row.names = NULL)
  }
  finish_panels(tb, where, st$series, col = st$col, lty = st$lty,
                lwd = st$lwd, pch = st$pch, seg.len = 2.5)
  out <- do.call(rbind, rows)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab %||% "",
             legend = where)
}

# Private ---------------------------------------------------------------------

# The period of each row of a result table and its position on the axis
# ("all" at 1 for results without periods).
result_periods <- function(d, time) {
  if (is.null(time) || !time %in% names(d)) {
    return(list(period = rep("all", nrow(d)), x = rep(1, nrow(d))))
  }
  list(period = d[[time]], x = period_x(d[[time]]))
}

# The end of a title of a population-weighted result ("" otherwise).
weighted_note <- function(population, L) {
  if (is.null(population)) "" else sprintf(L(", weighted by %s"), population)
}

# G over time above the stacked shares of its three parts.
dagum_contribution <- function(x, o, per, L, where, col, lty, lwd, pch, main,
                               xlab, ylab, ylim, span) {
  comp <- c("share_within", "share_between", "share_transvariation")
  labs <- L(c("Within", "Between", "Transvariation"))
  fills <- restyle(data.frame(series = labs, col = fill_palette(3),
                              stringsAsFactors = FALSE), col = col)
  gst <- restyle(data.frame(series = "G", col = "black", lty = "solid",
                            lwd = 2, pch = 16, stringsAsFactors = FALSE),
                 lty = lty, lwd = lwd, pch = pch)
  if (is.null(main)) {
    main <- paste0(sprintf(L("Dagum Gini decomposition of %s by %s, %s"),
                           x$value, x$group, span),
                   weighted_note(x$population, L))
    sub <- L("G = within-group + between-group + transvariation (Dagum 1997)")
  } else sub <- NULL
  gl <- ylab %||% L("Gini (G)")
  sl <- L("Share of G")
  share_at <- seq(0, 1, 0.25)
  share_lab <- paste0(100 * share_at, "%")
  g_lim <- ylim %||% data_range(o$gini)
  left <- max(left_lines(format_ticks(pretty(g_lim)), gl),
              left_lines(share_lab, sl))
  leg_in <- if (identical(where, "outside")) legend_inches(labs) else 0
  tb <- open_panels(main, sub, heights = c(1, 1.3))
  xl <- period_xlim(per$x)
  open_chart(xl, g_lim, xlab = "", ylab = gl,
             periods = list(at = per$x, labels = per$period),
             sub = L("(a) Overall Gini coefficient G"), right_in = leg_in,
             left_min = left, xtick_labels = FALSE, bottom_extra = -1.2)
  graphics::lines(per$x, o$gini, col = gst$col, lty = gst$lty, lwd = gst$lwd)
  graphics::points(per$x, o$gini, col = gst$col, pch = gst$pch)
  open_chart(xl, c(0, 1), xlab = xlab, ylab = sl,
             periods = list(at = per$x, labels = per$period),
             sub = L("(b) Contributions to G, in % of G"), right_in = leg_in,
             left_min = left, grid = "none",
             yaxis = list(at = share_at, labels = share_lab), yaxs = "i")
  u <- sort(unique(per$x))
  half <- 0.36 * (if (length(u) > 1L) min(diff(u)) else 1)
  sh <- as.matrix(o[comp])
  sh[!is.finite(sh)] <- 0
  top <- t(apply(sh, 1, cumsum))
  if (length(comp) == 1L) top <- t(top)
  bottom <- top - sh
  for (j in seq_along(comp)) {
    graphics::rect(per$x - half, bottom[, j], per$x + half, top[, j],
                   col = fills$col[j], border = "grey25", lwd = 0.5)
  }
  draw_legend(where, rev(labs), fill = rev(fills$col), border = "grey25")
  draw_title_block(tb, outer = TRUE)
  n <- nrow(o)
  out <- rbind(
    data.frame(panel = "gini", period = per$period, x = per$x, series = "G",
               value = o$gini, ymin = NA_real_, ymax = NA_real_,
               col = gst$col, lty = gst$lty, lwd = gst$lwd, pch = gst$pch,
               stringsAsFactors = FALSE),
    data.frame(panel = "share", period = rep(per$period, 3),
               x = rep(per$x, 3), series = rep(labs, each = n),
               value = as.vector(sh), ymin = as.vector(bottom),
               ymax = as.vector(top), col = rep(fills$col, each = n),
               lty = NA_character_, lwd = NA_real_, pch = NA_real_,
               stringsAsFactors = FALSE))
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = c(gl, sl),
             legend = where, ylim = g_lim)
}
