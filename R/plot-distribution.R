#' Plot densities, coupling coordination and typologies
#'
#' * Densities: one curve per period on the common grid (`type = "lines"`),
#'   or the 3-D surface seed 004 shows (`type = "surface"`); for grouped
#'   densities, the first group.
#' * Coupling coordination: mean D over time by group, over the shaded
#'   coordination bands (when `time` is given), else the count of regions per
#'   level.
#' * Typology: R&D intensity against GDP per capita, coloured by type, with
#'   the thresholds.
#'
#' @param x A result of [kernel_density()], [coupling_coordination()] or
#'   [rd_typology()].
#' @param type For densities: `"lines"` or `"surface"`.
#' @param time,group For coupling: names of the period and grouping columns of
#'   the data.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Passed to the underlying base-graphics function.
#' @return `x`, invisibly.
#' @references Seed 004, figure 6 and Table 3; seed 003, figure 1.
#' @family coupling and distributions
#' @name plot-distribution
#' @examples
#' kd <- kernel_density(nqpf_level, "score", time = "year")
#' plot(kd, type = "surface")
#' set.seed(1)
#' d <- data.frame(region = rep(c("East", "West"), each = 10),
#'                 year = rep(2011:2020, 2),
#'                 tech = runif(20), nqpf = runif(20))
#' plot(coupling_coordination(d, c("tech", "nqpf")), time = "year",
#'      group = "region")
NULL

#' @rdname plot-distribution
#' @export
plot.regineq_coupling <- function(x, time = NULL, group = NULL,
                                  lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  d <- unclass_df(x)
  if (is.null(time)) {
    graphics::barplot(table(d$level), las = 2, cex.names = 0.6,
                      ylab = L("Regions"), ...)
    return(invisible(x))
  }
  tv <- check_column(d, time, "time")
  gv <- if (is.null(group)) rep("All", nrow(d)) else
    as.character(check_column(d, group, "group"))
  m <- tapply(d$D, list(tv, gv), mean)
  xs <- suppressWarnings(as.numeric(rownames(m)))
  if (anyNA(xs)) xs <- seq_len(nrow(m))
  yl <- range(c(0, m), na.rm = TRUE)
  yl[2] <- min(1, ceiling(yl[2] * 10 + 0.5) / 10)
  graphics::plot(range(xs), yl, type = "n", xlab = time,
                 ylab = L("Coupling coordination D"), xaxt = "n", ...)
  graphics::axis(1, at = xs, labels = rownames(m))
  for (b in seq(0, 0.9, 0.1)) {
    if (round(b * 10) %% 2 == 0) {
      graphics::rect(min(xs) - 1, b, max(xs) + 1, b + 0.1, col = "grey95",
                     border = NA)
    }
  }
  lv <- levels(d$level)
  brk <- seq(0.05, 0.95, 0.1)
  if (length(lv) == 10L) {
    graphics::text(max(xs), brk[brk < yl[2]], lv[brk < yl[2]], adj = c(1, 0.5),
                   cex = 0.55, col = "grey40")
  }
  pal <- palette_regineq(ncol(m))
  graphics::matlines(xs, m, type = "b", pch = 19, lty = 1, col = pal)
  graphics::legend("topleft", legend = colnames(m), col = pal, lty = 1,
                   pch = 19, bty = "n", cex = 0.75)
  invisible(x)
}

#' @rdname plot-distribution
#' @export
plot.regineq_density <- function(x, type = c("lines", "surface"),
                                 lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("lines", "surface"), "type")
  L <- plot_labeller(lang)
  info <- result_info(x)
  d <- unclass_df(x)
  if (!is.null(info$group)) d <- d[d$group == d$group[1], ]
  periods <- unique(d[[info$time]])
  grid <- d$x[d[[info$time]] == periods[1]]
  z <- vapply(periods, function(p) d$density[d[[info$time]] == p],
              numeric(length(grid)))
  if (type == "surface") {
    tnum <- suppressWarnings(as.numeric(as.character(periods)))
    if (anyNA(tnum)) tnum <- seq_along(periods)
    graphics::persp(grid, tnum, z, theta = -35, phi = 25, expand = 0.6,
                    col = "lightsteelblue", border = "grey40",
                    xlab = info$value, ylab = info$time, zlab = L("Density"),
                    ticktype = "detailed", ...)
    return(invisible(x))
  }
  pal <- grDevices::hcl.colors(length(periods), "viridis")
  graphics::matplot(grid, z, type = "l", lty = 1, col = pal, lwd = 1.5,
                    xlab = info$value, ylab = L("Density"), ...)
  graphics::legend("topright", legend = as.character(periods), col = pal,
                   lty = 1, bty = "n", cex = 0.7)
  invisible(x)
}

#' @rdname plot-distribution
#' @export
plot.regineq_typology <- function(x, ...) {
  info <- result_info(x)
  d <- unclass_df(x)
  lev <- levels(d$type)
  pal <- palette_regineq(length(lev))
  graphics::plot(d[[info$gdp]], d[[info$rd]], pch = 19,
                 col = pal[as.integer(d$type)], xlab = info$gdp,
                 ylab = info$rd, ...)
  graphics::abline(h = info$thresholds, lty = 2, col = "grey60")
  graphics::legend("topleft", legend = lev, col = pal, pch = 19, bty = "n",
                   cex = 0.8)
  invisible(x)
}
