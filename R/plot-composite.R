#' Plot a composite index
#'
#' `type = "trend"` draws each region's score over time (thin grey lines),
#' the mean by group when `group` is given (each group in its own colour,
#' line type and marker, the same in every figure of the package), and the
#' mean of all regions (black); `type = "weights"` draws the indicator
#' weights as horizontal bars, coloured by dimension, with their values.
#'
#' @param x A `regineq_index` from [composite_index()].
#' @param type `"trend"` or `"weights"`.
#' @param group Optional grouping of regions for the trend: the name of a
#'   column of `x$scores` or of `data` (the data the index was built from,
#'   matched to the scores by id and time), a vector named by region id
#'   (e.g. `c(Beijing = "East", ...)`), or one value per row of `x$scores`.
#'   Groups take their styles from the order of their levels (factor levels,
#'   else first appearance).
#' @param data The data the index was built from, when `group` names one of
#'   its columns.
#' @param col,lty,lwd,pch Styles of the group-mean lines (recycled over the
#'   groups, or named by group); for `type = "weights"`, `col` gives the bar
#'   colours by dimension.
#' @param main,xlab,ylab Title and axis labels (`NULL`: the package's; `""`
#'   for none).
#' @param ylim Limits of the score axis (for `type = "weights"`: of the
#'   weight axis).
#' @param legend Where the legend goes: `NULL` (the right margin, outside the
#'   data), a [graphics::legend()] keyword such as `"topleft"`, or `"none"` /
#'   `FALSE`.
#' @param labels For `type = "weights"`: print each weight at the end of its
#'   bar.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Graphical parameters such as `cex` or `family`, set with
#'   [graphics::par()] for the figure.
#' @return Invisibly, the data drawn. Trend: one row per line vertex with
#'   `layer` ("region", "group mean" or "overall mean"), `series`, `period`,
#'   `x` (its position on the axis), `value` and the style (`col`, `lty`,
#'   `lwd`, `pch`). Weights: one row per bar with `indicator`, `dimension`,
#'   `weight`, `col` and `label` (whether its value was printed). The
#'   attribute `"figure"` holds the title, axis labels and legend position.
#' @references The NQPF-level study (n.d.), figures 1-2; see [nqpf_level].
#' @family composite index
#' @export
#' @examples
#' idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
#' plot(idx, group = "region", data = nqpf_indicators)
#' plot(idx, type = "weights")
plot.regineq_index <- function(x, type = c("trend", "weights"), group = NULL,
                               data = NULL, col = NULL, lty = NULL,
                               lwd = NULL, pch = NULL, main = NULL,
                               xlab = NULL, ylab = NULL, ylim = NULL,
                               legend = NULL, labels = TRUE,
                               lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("trend", "weights"), "type")
  L <- plot_labeller(lang)
  if (type == "weights") {
    return(plot_weights(x, L, col = col, main = main, xlab = xlab,
                        ylab = ylab, ylim = ylim, legend = legend,
                        labels = labels, ...))
  }
  if (is.null(x$time)) {
    abort("`type = \"trend\"` needs a time column; use type = \"weights\".",
          class = "regineq_error_value")
  }
  g <- index_group(x, group, data)
  how <- if (identical(x$conventions$method, "topsis")) "TOPSIS" else
    "weighted-sum"
  trend_chart(x$scores, x$id, x$time, "score", g, L,
              ylab = ylab %||% L("Composite index score"),
              what = sprintf(L("Composite index (%s) score"), how), col = col,
              lty = lty, lwd = lwd, pch = pch, main = main, xlab = xlab,
              ylim = ylim, legend = legend, ...)
}

# Private ---------------------------------------------------------------------

# The group of each row of the scores: a column of the scores or of `data`
# (matched by id and time), or the user's vector as given.
index_group <- function(x, group, data) {
  if (is.null(group)) return(NULL)
  s <- x$scores
  if (!(is.character(group) && length(group) == 1L && nrow(s) > 1L)) {
    return(group)
  }
  if (group %in% names(s)) return(s[[group]])
  if (is.null(data)) {
    abort("`group` must name a column of the scores or of `data`: `x$scores` ",
          "has no column `", group, "`. Give the data the index was built ",
          "from, e.g. plot(x, group = \"", group, "\", data = <data>).",
          class = "regineq_error_column")
  }
  check_data_frame(data, "data")
  gv <- check_column(data, group, "group")
  keys <- c(x$id, x$time)
  for (k in keys) check_column(data, k, "data")
  key_of <- function(d) do.call(paste, c(lapply(keys, function(k) {
    as.character(d[[k]])
  }), sep = "\r"))
  pos <- match(key_of(s), key_of(data))
  if (anyNA(pos)) {
    miss <- which(is.na(pos))
    abort("`data` must have a row for every region and period of the index: ",
          "none for ", enum(gsub("\r", " ", key_of(s)[miss]), quote = ""),
          ".", class = "regineq_error_value")
  }
  gv[pos]
}

plot_weights <- function(x, L = identity, col = NULL, main = NULL,
                         xlab = NULL, ylab = NULL, ylim = NULL, legend = NULL,
                         labels = TRUE, ...) {
  where <- legend_where(legend)
  xlim <- check_ylim(ylim)
  check_flag(labels, "labels")
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  w <- x$weights
  by_period <- !is.null(x$time) && identical(x$conventions$scope, "time") &&
    x$time %in% names(w)
  ind <- unique(w$indicator)
  first <- w[match(ind, w$indicator), , drop = FALSE]
  weight <- if (by_period) {
    as.vector(tapply(w$weight, factor(w$indicator, ind), mean))
  } else first$weight
  dims <- if ("dimension" %in% names(first)) as.character(first$dimension) else
    rep("all", length(ind))
  lev <- unique(dims)
  st <- restyle(data.frame(series = lev, col = fill_palette(length(lev)),
                           stringsAsFactors = FALSE), col = col)
  fill <- st$col[match(dims, lev)]
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  n <- length(ind)
  ypos <- rev(seq_len(n))
  # the weight axis ends at a tick beyond the longest bar (and its label)
  xl <- xlim %||% {
    top <- max(weight) * if (labels) 1.16 else 1.02
    at <- pretty(c(0, top))
    c(0, min(at[at >= top]))
  }
  if (is.null(main)) {
    how <- switch(x$conventions$scheme %||% "entropy", entropy = "Entropy",
                  critic = "CRITIC", cv = "CV", sd = "SD", equal = "Equal",
                  fixed = "Fixed", "Combined")
    main <- sprintf(L("%s weights of the %d indicators"), L(how), n)
    sub <- if (by_period) L("Mean over periods (weights by period)") else NULL
  } else sub <- NULL
  show_leg <- length(lev) > 1L && !is.null(where)
  open_chart(xl, c(0.4, n + 0.6), xlab = xlab %||% L("Weight"),
             ylab = ylab %||% "", main = main, sub = sub,
             yaxis = list(at = ypos, labels = ind), grid = "v", xaxs = "i",
             yaxs = "i",
             right_in = if (show_leg && where == "outside")
               legend_inches(lev, symbol = TRUE) else 0)
  graphics::rect(0, ypos - 0.38, weight, ypos + 0.38, col = fill,
                 border = "grey25", lwd = 0.5)
  if (labels) {
    graphics::text(pmin(weight, xl[2]), ypos, sprintf("%.3f", weight),
                   pos = 4, offset = 0.25, cex = 0.75, xpd = NA)
  }
  if (show_leg) {
    draw_legend(where, lev, fill = st$col, border = "grey25")
  }
  out <- data.frame(indicator = ind, dimension = dims, weight = weight,
                    y = ypos, col = fill, label = labels,
                    stringsAsFactors = FALSE)
  drawn_data(out, main = main, sub = sub, xlab = xlab %||% L("Weight"),
             ylab = ylab %||% "", legend = if (show_leg) where,
             text = if (labels) sprintf("%.3f", weight) else character())
}

#' Plot obstacle degrees
#'
#' `type = "dimension"` (the default when the spec has dimensions) draws one
#' horizontal bar per region, split into its dimensions' obstacle degrees
#' (each bar sums to 100%), regions ordered by the obstacle of the
#' dimension that weighs most overall; `type = "indicator"` draws the mean
#' obstacle degree of each indicator over the regions, largest first,
#' coloured by dimension. Both show one period: `time` (default the last).
#'
#' @param x A `regineq_obstacle` from [obstacle_degree()].
#' @param type `"dimension"` or `"indicator"`.
#' @param time The period shown (default: the last). Ignored without a time
#'   column.
#' @param n For `type = "indicator"`, the number of indicators shown
#'   (default all).
#' @param col Fill colours of the dimensions (recycled, or named by
#'   dimension).
#' @inheritParams plot.regineq_index
#' @return Invisibly, the data drawn: one row per bar segment (`region`,
#'   `dimension`, `obstacle`, `start`, `col`) or per bar (`indicator`,
#'   `dimension`, `obstacle`, `col`), with the attribute `"figure"`.
#' @family composite index
#' @export
#' @examples
#' idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
#' ob <- obstacle_degree(idx)
#' plot(ob)
#' plot(ob, type = "indicator", n = 10)
plot.regineq_obstacle <- function(x, type = NULL, time = NULL, n = NULL,
                                  col = NULL, main = NULL, xlab = NULL,
                                  ylab = NULL, legend = NULL,
                                  lang = c("en", "zh"), ...) {
  has_dims <- !is.null(x$dimensions)
  type <- check_choice(type %||% if (has_dims) "dimension" else "indicator",
                       c("dimension", "indicator"), "type")
  if (type == "dimension" && !has_dims) {
    abort("`type = \"dimension\"` needs a spec with a `dimension` column; ",
          "use type = \"indicator\".", class = "regineq_error_value")
  }
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  id <- attr(x, "id")
  tm <- attr(x, "time")
  per <- NULL
  pick <- function(d) d
  if (!is.null(tm)) {
    periods <- unique(x$indicators[[tm]])
    per <- if (is.null(time)) periods[length(periods)] else time
    if (length(per) != 1L || !as.character(per) %in% as.character(periods)) {
      abort("`time` must be one of the periods (", enum(periods, quote = ""),
            "), not ", format(time)[1L], ".", class = "regineq_error_value")
    }
    pick <- function(d) d[as.character(d[[tm]]) == as.character(per), ,
                          drop = FALSE]
  }
  ind <- pick(x$indicators)
  dim_lev <- if (has_dims) unique(x$indicators$dimension) else "all"
  st <- restyle(data.frame(series = dim_lev, col = fill_palette(length(dim_lev)),
                           stringsAsFactors = FALSE), col = col)
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  when <- if (is.null(per)) "" else paste0(", ", per)
  show_leg <- has_dims && length(dim_lev) > 1L && !is.null(where)
  right_in <- if (show_leg && where == "outside")
    legend_inches(dim_lev, symbol = TRUE) else 0
  if (type == "dimension") {
    d <- pick(x$dimensions)
    regions <- unique(d[[id]])
    m <- matrix(d$obstacle, length(dim_lev),
                dimnames = list(dim_lev, NULL))[, match(regions, unique(d[[id]])),
                                                drop = FALSE]
    lead <- which.max(rowMeans(m))
    o <- order(m[lead, ], decreasing = TRUE)
    regions <- regions[o]
    m <- m[, o, drop = FALSE]
    k <- length(regions)
    ypos <- rev(seq_len(k))
    main <- main %||% sprintf(L("Obstacle degree by dimension%s"), when)
    open_chart(c(0, 100), c(0.4, k + 0.6), xlab = xlab %||% L("Obstacle degree (%)"),
               ylab = ylab %||% "", main = main,
               yaxis = list(at = ypos, labels = regions), grid = "v",
               xaxs = "i", yaxs = "i", right_in = right_in)
    start <- rbind(0, apply(m, 2, cumsum))[seq_along(dim_lev), , drop = FALSE]
    for (j in seq_along(dim_lev)) {
      graphics::rect(start[j, ], ypos - 0.38, start[j, ] + m[j, ], ypos + 0.38,
                     col = st$col[j], border = "white", lwd = 0.5)
    }
    if (show_leg) draw_legend(where, dim_lev, fill = st$col, border = "grey25")
    out <- data.frame(region = rep(regions, each = length(dim_lev)),
                      dimension = rep(dim_lev, k), obstacle = as.vector(m),
                      start = as.vector(start),
                      col = rep(st$col, k), stringsAsFactors = FALSE)
    return(drawn_data(out, main = main, xlab = xlab %||% L("Obstacle degree (%)"),
                      ylab = ylab %||% "", legend = if (show_leg) where))
  }
  agg <- stats::aggregate(ind["obstacle"], ind["indicator"], mean)
  agg <- agg[order(-agg$obstacle, match(agg$indicator, ind$indicator)), ,
             drop = FALSE]
  if (!is.null(n)) {
    check_number(n, "n", min = 1, integer = TRUE)
    agg <- agg[seq_len(min(n, nrow(agg))), , drop = FALSE]
  }
  dims <- if (has_dims) ind$dimension[match(agg$indicator, ind$indicator)] else
    rep("all", nrow(agg))
  fill <- st$col[match(dims, dim_lev)]
  k <- nrow(agg)
  ypos <- rev(seq_len(k))
  top <- max(agg$obstacle) * 1.16
  at <- pretty(c(0, top))
  main <- main %||% sprintf(L("Mean obstacle degree of the indicators%s"), when)
  open_chart(c(0, min(at[at >= top])), c(0.4, k + 0.6),
             xlab = xlab %||% L("Obstacle degree (%)"), ylab = ylab %||% "",
             main = main, yaxis = list(at = ypos, labels = agg$indicator),
             grid = "v", xaxs = "i", yaxs = "i", right_in = right_in)
  graphics::rect(0, ypos - 0.38, agg$obstacle, ypos + 0.38, col = fill,
                 border = "grey25", lwd = 0.5)
  graphics::text(agg$obstacle, ypos, sprintf("%.1f", agg$obstacle), pos = 4,
                 offset = 0.25, cex = 0.75, xpd = NA)
  if (show_leg) draw_legend(where, dim_lev, fill = st$col, border = "grey25")
  out <- data.frame(indicator = agg$indicator, dimension = dims,
                    obstacle = agg$obstacle, col = fill,
                    stringsAsFactors = FALSE)
  drawn_data(out, main = main, xlab = xlab %||% L("Obstacle degree (%)"),
             ylab = ylab %||% "", legend = if (show_leg) where)
}
