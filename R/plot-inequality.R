#' Plot inequality and convergence results
#'
#' * Dagum (`type = "contribution"`): G over time (line, right scale) over
#'   stacked contribution shares of within, between and transvariation;
#'   `type = "within"` and `type = "between"`: the within-group \eqn{G_{jj}}
#'   and between-group \eqn{G_{jh}} lines over time.
#' * Theil: the index with its within and between parts over time.
#' * Sigma convergence: sigma, cv, Theil and Gini over time (one panel per
#'   group when grouped).
#'
#' @param x A result of [dagum_gini()], [theil()] or [sigma_convergence()].
#' @param type For Dagum: `"contribution"`, `"within"` or `"between"`.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Passed to [graphics::matplot()] or [graphics::barplot()].
#' @return `x`, invisibly.
#' @references Seed 000, Tables 3-5 (Dagum); seed 002, figure 1 (Theil, CV,
#'   sigma).
#' @family inequality
#' @name plot-inequality
#' @examples
#' dg <- dagum_gini(nqpf_level, "score", "region", "year")
#' plot(dg)
#' plot(dg, type = "between")
#' plot(theil(nqpf_level, "score", "region", "year"))
#' plot(sigma_convergence(nqpf_potential, "score", "year"))
NULL

#' @rdname plot-inequality
#' @export
plot.regineq_dagum <- function(x, type = c("contribution", "within", "between"),
                               lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("contribution", "within", "between"), "type")
  L <- plot_labeller(lang)
  o <- x$overall
  tl <- if (is.null(x$time)) "all" else as.character(o[[x$time]])
  if (type == "contribution") {
    sh <- t(as.matrix(o[c("share_within", "share_between",
                          "share_transvariation")]))
    op <- graphics::par(mar = c(4, 4, 3.5, 4))
    on.exit(graphics::par(op))
    mids <- graphics::barplot(sh, names.arg = tl, col = palette_regineq(3),
                              border = NA, ylab = L("Share of G"), ylim = c(0, 1),
                              ...)
    g <- o$gini
    rng <- range(g) + c(-0.05, 0.05) * max(diff(range(g)), 0.01)
    graphics::par(new = TRUE)
    graphics::plot(mids, g, type = "b", pch = 19, axes = FALSE, xlab = "",
                   ylab = "", ylim = rng, xlim = range(mids) + c(-0.6, 0.6))
    graphics::axis(4)
    graphics::mtext(L("Gini (G)"), side = 4, line = 2.5)
    graphics::legend("top", legend = c(L(c("Within", "Between",
                                           "Transvariation")), "G"), fill = c(palette_regineq(3), NA),
                     border = NA, lty = c(NA, NA, NA, 1), pch = c(NA, NA, NA, 19),
                     horiz = TRUE, bty = "n", cex = 0.75, inset = -0.1,
                     xpd = TRUE)
    return(invisible(x))
  }
  d <- if (type == "within") x$within else x$between
  lab <- if (type == "within") d$group else paste(d$group_1, d$group_2,
                                                   sep = "-")
  tcol <- if (is.null(x$time)) rep("all", nrow(d)) else d[[x$time]]
  m <- tapply(d$gini, list(tcol, lab), mean)
  m <- m[, unique(lab), drop = FALSE]
  line_chart(m, ylab = L(if (type == "within") "Within-group Gini" else
    "Between-group Gini"), ...)
  invisible(x)
}

#' @rdname plot-inequality
#' @export
plot.regineq_theil <- function(x, lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  o <- x$overall
  m <- as.matrix(o[c("theil", "within", "between")])
  rownames(m) <- if (is.null(x$time)) "all" else as.character(o[[x$time]])
  colnames(m) <- c(paste("Theil", x$type), L(c("Within", "Between")))
  line_chart(m, ylab = L("Theil index"), ...)
  invisible(x)
}

#' @rdname plot-inequality
#' @export
plot.regineq_sigma <- function(x, lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  info <- result_info(x)
  d <- as.data.frame(x)
  groups <- if (is.null(info$group)) list(all = seq_len(nrow(d))) else
    split(seq_len(nrow(d)), d$group)
  if (length(groups) > 1L) {
    op <- graphics::par(mfrow = grDevices::n2mfrow(length(groups)))
    on.exit(graphics::par(op))
  }
  for (g in names(groups)) {
    r <- groups[[g]]
    m <- as.matrix(d[r, c("sigma", "cv", "theil", "gini")])
    rownames(m) <- as.character(d[[info$time]][r])
    line_chart(m, ylab = L("Dispersion"),
               main = if (length(groups) > 1L) g else "", ...)
  }
  invisible(x)
}

# Lines of the columns of m over its rownames (periods), with a legend.
line_chart <- function(m, ylab, ...) {
  xs <- suppressWarnings(as.numeric(rownames(m)))
  if (anyNA(xs)) xs <- seq_len(nrow(m))
  pal <- palette_regineq(ncol(m))
  graphics::matplot(xs, m, type = "b", pch = 19, lty = 1, col = pal,
                    xlab = "", ylab = ylab, xaxt = "n", ...)
  graphics::axis(1, at = xs, labels = rownames(m))
  graphics::legend("topleft", legend = colnames(m), col = pal, lty = 1,
                   pch = 19, bty = "n", cex = 0.75)
}
