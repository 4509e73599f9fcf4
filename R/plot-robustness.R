#' Plot the rank ranges of a robustness analysis
#'
#' A dot-and-range chart of one period: one row per region, sorted by its
#' baseline rank (best at the top) or by the width of its range; a line
#' from the best to the worst rank the region gets over all variants, a
#' short tick at its rank under each variant, and its baseline rank as a
#' filled point. Rank 1 is the highest score. With many regions the labels
#' shrink to fit the rows, and when even that is too small only every k-th
#' region is named.
#'
#' @param x A `regineq_robustness` from [index_robustness()].
#' @param time The period to draw (a value of the time column); default the
#'   last period.
#' @param top `NULL` (every region) or a whole number: only the first `top`
#'   rows in the order of `order`.
#' @param order `"baseline"` (default): rows by baseline rank, best first;
#'   `"range"`: the widest range first (ties by baseline rank).
#' @param variants Draw a tick at each variant's rank (`TRUE`, default).
#' @param col,lwd,pch Styles of the `"baseline"` point, the `"range"` line
#'   and the `"variant"` ticks: a vector named by these three, or unnamed
#'   and recycled over them in that order.
#' @param main,xlab,ylab Title and axis labels (`NULL`: the package's; `""`
#'   for none).
#' @param ylim Limits of the rank axis (drawn horizontally).
#' @param legend Where the legend goes: `NULL` (the right margin), a
#'   [graphics::legend()] keyword, or `"none"` / `FALSE`.
#' @param labels Print each region's range (`max - min`) at the right end of
#'   its line, when the rows are tall enough to read it.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Graphical parameters such as `cex` or `family`, set with
#'   [graphics::par()] for the figure.
#' @return Invisibly, the data drawn: one row per region with the id
#'   column, `baseline`, `min`, `max`, `range`, `y` (its row, 1 at the
#'   bottom) and `label` (whether its name is printed). The attribute
#'   `"figure"` holds the title, axis labels, legend position and the
#'   period.
#' @family composite index
#' @export
#' @examples
#' rob <- index_robustness(nqpf_indicators, nqpf_spec, "province", "year",
#'                         leave_out = FALSE)
#' plot(rob)
#' plot(rob, order = "range", top = 10)
plot.regineq_robustness <- function(x, time = NULL, top = NULL,
                                    order = c("baseline", "range"),
                                    variants = TRUE, col = NULL, lwd = NULL,
                                    pch = NULL, main = NULL, xlab = NULL,
                                    ylab = NULL, ylim = NULL, legend = NULL,
                                    labels = TRUE, lang = c("en", "zh"),
                                    ...) {
  order <- check_choice(order, c("baseline", "range"), "order")
  check_flag(variants, "variants")
  check_flag(labels, "labels")
  where <- legend_where(legend)
  xlim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  L <- plot_labeller(lang)
  if (!is.null(top)) top <- check_number(top, "top", min = 1, integer = TRUE)
  rk <- x$ranks
  id <- x$id
  per <- robustness_period(x, time)
  rows <- if (is.null(per)) seq_len(nrow(rk)) else
    which(as.character(rk[[x$time]]) == per)
  d <- rk[rows, , drop = FALSE]
  ranks <- as.matrix(x$scores[rows, paste0("rank_", x$variants$variant),
                              drop = FALSE])
  o <- if (order == "baseline") order(d$baseline, seq_len(nrow(d))) else
    order(-d$range, d$baseline, seq_len(nrow(d)))
  nall <- nrow(d)
  if (!is.null(top)) o <- o[seq_len(min(top, length(o)))]
  d <- d[o, , drop = FALSE]
  ranks <- ranks[o, , drop = FALSE]
  n <- nrow(d)
  nvar <- nrow(x$variants) - 1L

  st <- restyle(data.frame(series = c("baseline", "range", "variant"),
                           col = c("#0072B2", "#9CCBEA", "grey25"),
                           lty = "solid", lwd = c(1, 3, 1),
                           pch = c(16, NA, 124), stringsAsFactors = FALSE),
                col = col, lwd = lwd, pch = pch)

  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)

  # labels as large as the rows allow (at most cex.axis), never below
  # 0.55: below that only every step-th region is named. The left margin is
  # fitted to an estimate of the row height (the device less about six
  # lines of title and axis); the labels to the actual one.
  em <- graphics::strheight("M", "inches", cex = 1)
  fit_labels <- function(rowh) {
    cex <- min(graphics::par("cex.axis"), 0.7 * rowh / em)
    step <- if (cex >= 0.55) 1L else
      as.integer(ceiling(0.55 * em / (0.7 * rowh)))
    list(cex = max(cex, 0.55), step = step)
  }
  est <- fit_labels(max(graphics::par("fin")[2] - 6.5 * line_in(), 0.5) /
                      max(n, 1))
  ypos <- rev(seq_len(n))
  ids <- as.character(d[[id]])
  named <- function(step) (seq_len(n) - 1L) %% step == 0L
  left <- 1.1 + width_lines(ids[named(est$step)], est$cex) +
    if (!is.null(ylab) && nzchar(ylab)) 1.5 else 0
  range_text <- labels

  desc <- robustness_description(x$variants, L)
  span <- if (is.null(per)) "" else per
  if (is.null(main)) {
    main <- if (n < nall && order == "baseline") {
      sprintf(L("Rank ranges of the %d best-ranked of %d regions over %d variants, %s"),
              n, nall, nvar, span)
    } else if (n < nall) {
      sprintf(L("The %d of %d regions with the widest rank ranges over %d variants, %s"),
              n, nall, nvar, span)
    } else sprintf(L("Rank ranges of %d regions over %d variants, %s"), n,
                   nvar, span)
    main <- sub("(, |\uff0c)$", "", main)
    sub <- sprintf(L(if (variants) paste0("Point: baseline rank (%s); line: ",
                                          "best to worst rank over the ",
                                          "variants; ticks: each variant") else
      "Point: baseline rank (%s); line: best to worst rank over the variants"),
      desc)
  } else sub <- NULL
  xlab <- xlab %||% L("Rank (1 = highest score)")
  leg <- c(L("Baseline rank"), L("Range over the variants"),
           if (variants) L("Rank under a variant"))
  xl <- xlim %||% c(min(d$min, 1) - 0.5,
                    max(d$max) + if (range_text) 0.06 * max(d$max) + 1 else
                      0.5)
  open_chart(xl, c(0.4, n + 0.6), xlab = xlab, ylab = ylab %||% "",
             main = main, sub = sub, yaxis = FALSE, grid = "v", xaxs = "i",
             yaxs = "i", left_min = left,
             right_in = if (identical(where, "outside"))
               legend_inches(leg, symbol = TRUE) else 0)
  # rank 1, the best, always has a tick
  if (!1 %in% graphics::axTicks(1) && xl[1] < 1 && xl[2] > 1) {
    graphics::axis(1, at = 1)
  }
  rowh <- graphics::par("pin")[2] / (n + 0.2)
  fit <- fit_labels(rowh)
  cex_lab <- min(fit$cex, est$cex)
  shown <- named(max(fit$step, if (cex_lab < fit$cex) est$step else 1L))
  graphics::mtext(ids[shown], side = 2, at = ypos[shown], line = 0.3,
                  las = 1, cex = cex_lab)
  label_cex <- min(0.75, cex_lab)
  show_range <- range_text && rowh >= 1.1 * em * label_cex
  # line, ticks and points thinner than their row
  seg_lwd <- max(min(st$lwd[2], 0.55 * rowh * 96), 0.5)
  graphics::segments(d$min, ypos, d$max, ypos, col = st$col[2], lwd = seg_lwd,
                     lend = 1)
  if (variants && nvar > 0L) {
    vr <- ranks[, -1L, drop = FALSE]
    dense <- rowh < 0.06
    graphics::points(as.vector(vr), rep(ypos, ncol(vr)), pch = st$pch[3],
                     col = if (dense) grDevices::adjustcolor(st$col[3], 0.45)
                     else st$col[3], lwd = st$lwd[3],
                     cex = max(0.3, min(0.8, 0.9 * rowh / em)))
  }
  graphics::points(d$baseline, ypos, pch = st$pch[1], col = st$col[1],
                   cex = max(0.3, min(1, 0.9 * rowh / em)))
  if (show_range) {
    graphics::text(d$max, ypos, format_ticks(d$range), pos = 4,
                   offset = 0.35, cex = label_cex, col = "grey30", xpd = NA)
  }
  if (!is.null(where)) {
    draw_legend(where, leg, col = st$col[seq_along(leg)],
                pch = c(st$pch[1], NA, st$pch[3])[seq_along(leg)],
                lty = c(NA, "solid", NA)[seq_along(leg)],
                lwd = c(NA, st$lwd[2], st$lwd[3])[seq_along(leg)],
                seg.len = 1.5)
  }
  out <- d[c(id, "baseline", "min", "max", "range")]
  out$y <- ypos
  out$label <- shown
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab %||% "",
             legend = where, period = per,
             text = if (show_range) format_ticks(d$range) else character())
}

# Private ---------------------------------------------------------------------

# The period to draw, as text (NULL without a time column).
robustness_period <- function(x, time) {
  if (is.null(x$time)) {
    if (!is.null(time)) {
      abort("`time` can't be given: the index has no time column.",
            class = "regineq_error_value")
    }
    return(NULL)
  }
  per <- as.character(unique(x$ranks[[x$time]]))
  if (is.null(time)) return(per[length(per)])
  if (length(time) != 1L || is.na(time) || !as.character(time) %in% per) {
    abort("`time` must be one period of `", x$time, "`: ",
          enum(per, max = 10L), ", not ",
          if (length(time) == 1L) paste0("`", time, "`") else type_of(time),
          ".", class = "regineq_error_value")
  }
  as.character(time)
}

# "TOPSIS, entropy weights", in the figure's language.
robustness_description <- function(variants, L) {
  how <- if (variants$method[1] == "topsis") "TOPSIS" else "weighted sum"
  w <- variants$weights[1]
  sprintf(L("%s, %s weights"), L(how), L(w))
}

