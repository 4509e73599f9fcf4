#' Plot bootstrap intervals
#'
#' * `type = "series"`: the estimates over the periods, one line per
#'   statistic (or per group, for a statistic measured by group), with the
#'   percentile interval as a shaded band; with a single period, points with
#'   whiskers.
#' * `type = "change"`: the change of each statistic between the two periods
#'   of the result's `changes` table, as a point with a whisker for its
#'   interval and a line at zero. A filled point marks an interval that
#'   excludes 0 (a significant change at the interval's level); an open
#'   point, one that contains 0.
#'
#' @param x A [disparity_ci()] result.
#' @param statistic Which statistics to draw (values of the `statistic`
#'   column). `NULL`: the headline ones of the verb (G and its three parts
#'   for a Dagum decomposition, the index and its parts for Theil, the Gini
#'   for [gini()], sigma for sigma convergence) for `type = "series"`, and
#'   every statistic measured over the whole sample (no group) for
#'   `type = "change"`.
#' @param type `"series"` or `"change"`.
#' @inheritParams plot-inequality
#' @return Invisibly, the data drawn: for `"series"`, one row per point
#'   (`period`, `x`, `series`, `value`, `lower`, `upper` and the style); for
#'   `"change"`, one row per whisker (`series`, `y`, `value`, `lower`,
#'   `upper`, `significant`). The attribute `"figure"` holds the texts.
#' @seealso [disparity_ci()]
#' @family inference
#' @export
#' @examples
#' dg <- dagum_gini(nqpf_level, "score", "region", "year", id = "province")
#' set.seed(1)
#' ci <- disparity_ci(dg, R = 199)
#' plot(ci)
#' plot(ci, type = "change")
plot.regineq_ci <- function(x, statistic = NULL,
                            type = c("series", "change"), col = NULL,
                            lty = NULL, lwd = NULL, pch = NULL, main = NULL,
                            xlab = NULL, ylab = NULL, ylim = NULL,
                            legend = NULL, lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("series", "change"), "type")
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  info <- ci_info(x)
  tab <- if (type == "series") x$estimates else x$changes
  statistic <- ci_statistics(tab, statistic, info$verb, type)
  tab <- tab[tab$statistic %in% statistic, , drop = FALSE]
  tab$series <- ci_series_labels(tab, statistic, L)
  pct <- format(100 * info$level)
  if (type == "change") {
    return(ci_change_chart(tab, info, L, pct, col, pch, main, xlab, ylab,
                           ylim))
  }
  per <- result_periods(tab, info$time)
  d <- data.frame(period = per$period, x = per$x, series = tab$series,
                  value = tab$estimate, lower = tab$lower, upper = tab$upper,
                  stringsAsFactors = FALSE)
  st <- restyle(group_style(unique(d$series)), col, lty, lwd, pch)
  span <- period_span(unique(d$period[order(d$x)]))
  if (is.null(main)) {
    main <- sprintf(L("%s of %s with %s%% bootstrap intervals, %s"),
                    ci_verb_label(info$verb, L), info$value, pct, span)
    sub <- sprintf(L("Bands: percentile intervals from %d resamples of regions%s"),
                   info$R, if (!is.null(info$group))
                     sprintf(L(" within each %s group"), info$group) else "")
  } else sub <- NULL
  xlab <- xlab %||% (info$time %||% "")
  ylab <- ylab %||% L("Estimate")
  pts <- d[!duplicated(d$x), c("period", "x")]
  open_chart(period_xlim(d$x), ylim %||% data_range(d$lower, d$upper),
             xlab = xlab, ylab = ylab, main = main, sub = sub,
             periods = list(at = pts$x, labels = pts$period),
             right_in = if (identical(where, "outside"))
               legend_inches(st$series) else 0)
  one <- length(unique(d$x)) == 1L
  k <- match(d$series, st$series)
  for (j in seq_len(nrow(st))) {
    r <- which(k == j & is.finite(d$lower) & is.finite(d$upper))
    r <- r[order(d$x[r])]
    if (!length(r)) next
    if (one || length(r) == 1L) {
      graphics::arrows(d$x[r], d$lower[r], d$x[r], d$upper[r], angle = 90,
                       code = 3, length = 0.05, col = st$col[j],
                       lwd = st$lwd[j])
    } else {
      graphics::polygon(c(d$x[r], rev(d$x[r])),
                        c(d$lower[r], rev(d$upper[r])),
                        col = grDevices::adjustcolor(st$col[j], 0.18),
                        border = grDevices::adjustcolor(st$col[j], 0.45),
                        lty = "dotted", lwd = 0.8)
    }
  }
  draw_series(d, st, 0.9)
  draw_legend(where, st$series, col = st$col, lty = st$lty, lwd = st$lwd,
              pch = st$pch, seg.len = 2.5)
  out <- cbind(d, st[k, c("col", "lty", "lwd", "pch")], row.names = NULL)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab,
             legend = where)
}

# Private ---------------------------------------------------------------------

# The metadata plot and report read from a disparity_ci() result.
ci_info <- function(x) {
  if (!inherits(x, "regineq_ci")) {
    abort("`x` must be a disparity_ci() result, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  x
}

# The statistics to draw: checked against the table, or the verb's
# headline ones.
ci_statistics <- function(tab, statistic, verb, type) {
  have <- unique(tab$statistic)
  if (is.null(statistic)) {
    if (type == "change") return(unique(tab$statistic[is.na(tab$group)]) %|0|%
                                   have)
    want <- switch(verb,
                   dagum_gini = c("gini", "within", "between",
                                  "transvariation"),
                   theil = c("theil", "within", "between"),
                   gini = "gini", sigma_convergence = "sigma", have[1L])
    return(intersect(want, have) %|0|% have[1L])
  }
  if (!is.character(statistic) || !length(statistic) || anyNA(statistic) ||
      !all(statistic %in% have)) {
    abort("`statistic` must be some of ", enum(have, quote = "\""), ".",
          class = "regineq_error_value")
  }
  unique(statistic)
}

`%|0|%` <- function(x, y) if (length(x)) x else y

# One label per row: the statistic, its group or pair, or both when several
# statistics share the figure.
ci_series_labels <- function(tab, statistic, L) {
  stat <- ci_stat_label(tab$statistic, L)
  who <- ifelse(is.na(tab$group), NA_character_,
                ifelse(is.na(tab$group_2), tab$group,
                       paste0(tab$group, en_dash(), tab$group_2)))
  if (length(statistic) == 1L && all(!is.na(who))) return(who)
  ifelse(is.na(who), stat, paste0(stat, ": ", who))
}

ci_stat_label <- function(s, L) {
  lab <- c(gini = "Gini", within = "Within", between = "Between",
           transvariation = "Transvariation", share_within = "Within share",
           share_between = "Between share",
           share_transvariation = "Transvariation share",
           gini_jj = "Gini within group", gini_jh = "Gini between groups",
           D = "D (relative economic affluence)", theil = "Theil",
           sd = "Standard deviation", cv = "Coefficient of variation",
           sigma = "Sigma", williamson = "Williamson index")
  out <- lab[s]
  ifelse(is.na(out), s, L(unname(out)))
}

ci_verb_label <- function(verb, L) {
  L(switch(verb, dagum_gini = "Dagum Gini decomposition",
           theil = "Theil index", gini = "Gini coefficient",
           sigma_convergence = "Dispersion", verb))
}

# The change of each statistic between two periods: whiskers on one row
# each, a line at zero.
ci_change_chart <- function(tab, info, L, pct, col, pch, main, xlab, ylab,
                            ylim) {
  k <- nrow(tab)
  y <- rev(seq_len(k))
  sig <- !is.na(tab$significant) & tab$significant
  colour <- if (is.null(col)) "#0072B2" else {
    check_style_values(col, "col")
    rep_len(col, 1L)
  }
  if (is.null(main)) {
    main <- sprintf(L("Change from %s to %s with %s%% bootstrap intervals"),
                    tab$from[1L], tab$to[1L], pct)
    sub <- sprintf(L("Filled: the interval excludes 0 (a significant change); open: it contains 0. %d resamples of regions"),
                   info$R)
  } else sub <- NULL
  xlab <- xlab %||% sprintf(L("Change of the statistic, %s minus %s"),
                           tab$to[1L], tab$from[1L])
  lim <- ylim %||% data_range(tab$lower, tab$upper, 0)
  open_chart(lim, c(0.5, k + 0.5), xlab = xlab, ylab = ylab %||% "",
             main = main, sub = sub, grid = "v",
             yaxis = list(at = y, labels = tab$series, tick = FALSE))
  graphics::abline(v = 0, col = "grey40", lwd = 1)
  ok <- is.finite(tab$lower) & is.finite(tab$upper)
  graphics::segments(tab$lower[ok], y[ok], tab$upper[ok], y[ok],
                     col = colour, lwd = 2)
  p <- if (is.null(pch)) c(21, 16) else rep_len(pch, 2L)
  graphics::points(tab$estimate, y, pch = ifelse(sig, p[2], p[1]),
                   col = colour, bg = "white", cex = 1.2)
  out <- data.frame(series = tab$series, y = y, value = tab$estimate,
                    lower = tab$lower, upper = tab$upper, significant = sig,
                    stringsAsFactors = FALSE)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab %||% "",
             legend = NULL)
}
