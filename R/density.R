#' Kernel densities by period
#'
#' Gaussian kernel density estimates of `value` for each period (and group),
#' on one common grid so that periods compare (seed 004, figure 6). The
#' bandwidth is chosen per period by `bw` (any rule [stats::density()]
#' accepts, or a number).
#'
#' @inheritParams gini
#' @param data A data frame.
#' @param time Name of the period column.
#' @param group Optional name of a grouping column (one density per period
#'   and group).
#' @param n Number of grid points.
#' @param bw Bandwidth rule or value, as in [stats::density()].
#' @param from,to Grid limits (default: the range of all values extended by
#'   three of the largest bandwidths, cut at 0 when all values are
#'   non-negative).
#' @return A data frame of class `regineq_density` with the period column,
#'   `group` (if given), `x`, `density`, and the bandwidth `bw` used.
#' @references Silverman, B. W. (1986). Density Estimation for Statistics and
#'   Data Analysis. Seed 004, figure 6.
#' @family coupling and distributions
#' @export
#' @examples
#' kd <- kernel_density(nqpf_level, "score", time = "year")
#' head(kd)
#' plot(kd)
kernel_density <- function(data, value, time, group = NULL, n = 256,
                           bw = "nrd0", from = NULL, to = NULL) {
  check_data_frame(data)
  check_string(time, "time")
  check_number(n, "n", min = 16, max = 1e5, integer = TRUE)
  check_string(group, "group", null_ok = TRUE)
  check_min_rows(data, 2L)
  labels <- row_labels(data, group, time)
  y <- check_numeric_column(data, value, "value", labels)
  tk <- check_time(data, time, labels)
  gk <- check_group(data, group, labels)
  cell <- (gk$code - 1L) * length(tk$levels) + tk$code
  runs <- split(seq_along(y), cell)
  small <- vapply(runs, length, 1L) < 2L
  if (any(small)) {
    abort("`data` must have at least two values per period",
          if (!is.null(group)) " and group", " for a density.",
          class = "regineq_error_size")
  }
  bws <- vapply(runs, function(r) bandwidth(y[r], bw), 1)
  lo <- from %||% (min(y) - 3 * max(bws))
  hi <- to %||% (max(y) + 3 * max(bws))
  if (is.null(from) && min(y) >= 0) lo <- max(lo, 0)
  out <- lapply(seq_along(runs), function(k) {
    r <- runs[[k]]
    dens <- stats::density(y[r], bw = bws[k], n = n, from = lo, to = hi)
    c1 <- r[1]
    df <- data.frame(x = dens$x, density = dens$y, bw = unname(bws[k]))
    if (!is.null(group)) {
      df <- cbind(data.frame(group = key_values(gk, gk$code[c1]),
                             stringsAsFactors = FALSE), df)
    }
    with_time(df, time, tk, rep(tk$code[c1], nrow(df)))
  })
  out <- do.call(rbind, out)
  ord <- order(match(out[[time]], tk$levels))
  out <- out[ord, , drop = FALSE]
  rownames(out) <- NULL
  attr(out, "regineq") <- list(time = time, group = group, value = value)
  class(out) <- c("regineq_density", "regineq_df", "data.frame")
  out
}

#' @export
as.data.frame.regineq_density <- function(x, ...) unclass_df(x)

#' @rdname plot-distribution
#' @export
plot.regineq_density <- function(x, type = c("lines", "surface"),
                                 lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("lines", "surface"), "type")
  L <- plot_labeller(lang)
  info <- attr(x, "regineq")
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

# A bandwidth by rule name (as stats::density() reads them) or value.
bandwidth <- function(x, bw) {
  if (is.numeric(bw)) {
    return(check_number(bw, "bw", min = .Machine$double.eps))
  }
  rule <- check_choice(tolower(bw), c("nrd0", "nrd", "ucv", "bcv", "sj",
                                      "sj-ste", "sj-dpi"), "bw")
  switch(rule,
         nrd0 = stats::bw.nrd0(x),
         nrd = stats::bw.nrd(x),
         ucv = stats::bw.ucv(x),
         bcv = stats::bw.bcv(x),
         sj = , "sj-ste" = stats::bw.SJ(x, method = "ste"),
         "sj-dpi" = stats::bw.SJ(x, method = "dpi"))
}
