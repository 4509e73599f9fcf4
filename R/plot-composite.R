#' Plot a composite index
#'
#' `type = "trend"` draws each region's score over time (thin grey lines),
#' the mean by group when `group` is given, and the overall mean (as seed 000,
#' figures 1-2); `type = "weights"` draws the weights as a bar chart, coloured
#' by dimension.
#'
#' @param x A `regineq_index` from [composite_index()].
#' @param type `"trend"` or `"weights"`.
#' @param group Optional grouping of regions for the trend: a vector named by
#'   region id (e.g. `c(Beijing = "East", ...)`) or one value per row of
#'   `x$scores`.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @references Seed 000, figures 1-2.
#' @family composite index
#' @export
#' @examples
#' idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
#' grp <- nqpf_indicators$region
#' plot(idx, group = grp)
#' plot(idx, type = "weights")
plot.regineq_index <- function(x, type = c("trend", "weights"), group = NULL,
                               lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("trend", "weights"), "type")
  L <- plot_labeller(lang)
  if (type == "weights") return(invisible(plot_weights(x, L, ...)))
  if (is.null(x$time)) {
    abort("`type = \"trend\"` needs a time column; use type = \"weights\".",
          class = "regineq_error_value")
  }
  trend_chart(x$scores, x$id, x$time, "score", group, L, ylab = L("Score"),
              ...)
  invisible(x)
}

plot_weights <- function(x, L = identity, ...) {
  w <- x$weights
  if (!is.null(x$time) && x$conventions$scope == "time") {
    w <- stats::aggregate(w["weight"], w["indicator"], mean)[
      match(unique(w$indicator), unique(w$indicator)), ]
    w <- merge(x$weights[!duplicated(x$weights$indicator),
                         setdiff(names(x$weights), "weight")], w)
  }
  dims <- if ("dimension" %in% names(w)) w$dimension else rep("all", nrow(w))
  lev <- unique(dims)
  pal <- palette_regineq(length(lev))
  op <- graphics::par(mar = c(4, 9, 1, 1))
  on.exit(graphics::par(op))
  o <- rev(seq_len(nrow(w)))
  graphics::barplot(w$weight[o], names.arg = w$indicator[o], horiz = TRUE,
                    las = 1, col = pal[match(dims[o], lev)], xlab = L("Weight"),
                    cex.names = 0.7, ...)
  if (length(lev) > 1L) {
    graphics::legend("bottomright", legend = lev, fill = pal, bty = "n",
                     cex = 0.8)
  }
  x
}
