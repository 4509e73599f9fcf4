#' Kernel densities by period
#'
#' Gaussian kernel density estimates of `value` for each period (and group),
#' on one common grid so that periods compare (as in Ran, Sun and Li n.d., figure 6). The
#' bandwidth is chosen per period by `bw` (any rule [stats::density()]
#' accepts, or a number); with `bw_common = TRUE` one bandwidth serves every
#' period.
#'
#' Per-period bandwidths follow each period's spread and sample size, so a
#' period with a tight cluster of values gets a narrow, spiky curve;
#' `bw_common = TRUE` smooths every period alike, which is what a comparison
#' of shapes across periods needs. The common bandwidth is the median of the
#' per-period bandwidths that `bw` gives (within each group when `group` is
#' given): unlike `bw` applied to all values pooled, it is not inflated by
#' the shift of the distribution between periods.
#'
#' On an unbalanced panel each period's curve is estimated from the rows it
#' has, and a message (class `regineq_message_unbalanced`) says so. With `id`
#' and `balanced = TRUE` only the regions present in every period are used,
#' so a change of shape is never a change of sample.
#'
#' @inheritParams gini
#' @param data A data frame.
#' @param time Name of the period column.
#' @param group Optional name of a grouping column (one density per period
#'   and group).
#' @param n Number of grid points.
#' @param bw Bandwidth rule or value, as in [stats::density()].
#' @param bw_common `FALSE` (default) for a bandwidth per period (and
#'   group); `TRUE` for one bandwidth for all periods: the median of the
#'   per-period bandwidths (per group when grouped).
#' @param from,to Grid limits (default: from the lowest to the highest of
#'   each curve's data range extended by three of its own bandwidths, the
#'   range [stats::density()] uses for one curve, so every curve decays to
#'   about zero inside the grid).
#' @return A data frame of class `regineq_density` with the period column,
#'   `group` (if given), `x`, `density`, and the bandwidth `bw` used.
#' @references Silverman, B. W. (1986). Density Estimation for Statistics and
#'   Data Analysis. Ran, X., Sun, S. and Li, J. (n.d.),
#'   figure 6 (journal and year are not in the text available; see
#'   `citation("regineq")`).
#' @family coupling and distributions
#' @export
#' @examples
#' kd <- kernel_density(nqpf_level, "score", time = "year")
#' head(kd)
#' plot(kd)
kernel_density <- function(data, value, time, group = NULL, n = 256,
                           bw = "nrd0", from = NULL, to = NULL,
                           bw_common = FALSE, id = NULL, balanced = FALSE) {
  check_required(c("data", "value", "time"))
  check_string(time, "time")
  pan <- new_panel(data, id = id, time = time, group = group)
  check_number(n, "n", min = 16, max = 1e5, integer = TRUE)
  check_min_rows(data, 2L)
  y <- panel_values(pan, data, value)
  keep <- balance_rows(pan, balanced)
  if (!is.null(keep)) {
    pan <- panel_subset(pan, keep)
    y <- y[keep]
  }
  runs <- split(seq_along(y), panel_cells(pan))
  small <- vapply(runs, length, 1L) < 2L
  if (any(small)) {
    abort("`data` must have at least two values per period",
          if (!is.null(group)) " and group", " for a density.",
          class = "regineq_error_size")
  }
  if (!is.null(from)) check_number(from, "from")
  if (!is.null(to)) check_number(to, "to")
  if (!is.null(from) && !is.null(to) && from >= to) {
    abort("`from` must be below `to`: the grid runs from ", format(from),
          " to ", format(to), ".", class = "regineq_error_value")
  }
  check_flag(bw_common, "bw_common")
  bws <- vapply(seq_along(runs), function(k) {
    cell_bandwidth(y[runs[[k]]], bw, run_label(pan, runs[[k]][1L]))
  }, 1)
  if (bw_common) {
    # one bandwidth per group (or in all): the median over its periods
    gcode <- if (is.null(group)) rep(1L, length(runs)) else
      vapply(runs, function(r) pan$group$code[r[1L]], 1L)
    bws <- stats::ave(bws, gcode, FUN = stats::median)
  }
  # each curve reaches three of its own bandwidths past its data, as
  # stats::density() does for one curve; the grid spans them all
  lo_k <- vapply(seq_along(runs), function(k) min(y[runs[[k]]]) - 3 * bws[k],
                 1)
  hi_k <- vapply(seq_along(runs), function(k) max(y[runs[[k]]]) + 3 * bws[k],
                 1)
  lo <- from %||% min(lo_k)
  hi <- to %||% max(hi_k)
  if (lo >= hi) {
    abort("`", if (is.null(to)) "from" else "to", "` leaves an empty grid: ",
          "it runs from ", format(lo), " to ", format(hi), ".",
          class = "regineq_error_value")
  }
  out <- lapply(seq_along(runs), function(k) {
    r <- runs[[k]]
    dens <- stats::density(y[r], bw = bws[k], n = n, from = lo, to = hi)
    c1 <- r[1]
    df <- data.frame(x = dens$x, density = dens$y, bw = unname(bws[k]))
    if (!is.null(group)) {
      df <- cbind(data.frame(group = pan$group$levels[pan$group$code[c1]],
                             stringsAsFactors = FALSE), df)
    }
    with_time(df, pan, rep(pan$time$code[c1], nrow(df)))
  })
  out <- do.call(rbind, out)
  new_result_df(out, "regineq_density", time = time, group = group,
                value = value)
}

#' @export
print.regineq_density <- function(x, n = 10, ...) {
  info <- result_info(x)
  d <- unclass_df(x)
  cells <- unique(d[c(info$time, if (!is.null(info$group)) "group")])
  print_head(x, sprintf(paste0("<regineq_density> Gaussian kernel densities ",
                               "of `%s`: %d curves of %d points"),
                        info$value, nrow(cells), nrow(d) / nrow(cells)), n)
}

# A bandwidth by rule name (as stats::density() reads them) or value.
bandwidth <- function(x, bw) {
  if (is.numeric(bw)) {
    return(check_number(bw, "bw", min = .Machine$double.eps))
  }
  if (!is.character(bw) || length(bw) != 1L || is.na(bw)) {
    abort("`bw` must be a bandwidth rule (a string) or a positive number, ",
          "not ", type_of(bw), ".", class = "regineq_error_type")
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

# The bandwidth of one period (and group); a rule that fails or gives no
# positive finite bandwidth there is an error naming the period.
cell_bandwidth <- function(x, bw, where) {
  h <- tryCatch(suppressWarnings(bandwidth(x, bw)),
                error = function(e) {
                  if (inherits(e, "regineq_error")) stop(e)
                  abort("`bw` = \"", bw, "\" fails for ", where, ": ",
                        conditionMessage(e), ". Use another rule (e.g. ",
                        "\"nrd0\") or a number.",
                        class = "regineq_error_value")
                })
  if (!is.finite(h) || h <= 0) {
    abort("`bw` = \"", bw, "\" gives no positive bandwidth for ", where,
          " (its values are all equal or too few). Give `bw` as a number.",
          class = "regineq_error_value")
  }
  h
}

# "period 2015" or "period 2015, group East" for the cell of row r.
run_label <- function(pan, r) {
  out <- if (is.null(pan$time$name)) "the data" else
    paste("period", pan$time$levels[pan$time$code[r]])
  if (!is.null(pan$group$name)) {
    out <- paste0(out, ", group ", pan$group$levels[pan$group$code[r]])
  }
  out
}
