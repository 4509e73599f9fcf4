#' Gini coefficient by period and group
#'
#' \deqn{G = \frac{\sum_i \sum_r |y_i - y_r|}{2 n^2 \mu}}
#' computed in O(n log n) from the sorted values (gap form: no cancellation).
#'
#' @param data A data frame, or a numeric vector for a single coefficient.
#' @param value Name of the value column (non-negative, positive mean).
#' @param group,time Optional names of a grouping column and a period column.
#' @return For a vector, a number. For a data frame, a data frame with the
#'   period column (if any, under its own name), `group` (if any), `n`, `mean`,
#'   `gini`: one row per period, and per group when `group` is given. A run
#'   of identical values (including all zeros) has Gini 0.
#' @references Gini, C. (1912). Variabilita e mutabilita.
#' @family inequality
#' @export
#' @examples
#' gini(c(1, 2, 3, 4))
#' head(gini(nqpf_level, "score", time = "year"))
#' head(gini(nqpf_level, "score", group = "region", time = "year"))
gini <- function(data, value, group = NULL, time = NULL) {
  if (is.numeric(data) && !is.matrix(data)) {
    y <- check_gini_vector(data)
    one <- rep(1L, length(y))
    return(.Call(C_regineq_inequality, y, one, 1L, one, 1L, FALSE)$periods$gini)
  }
  inp <- check_inequality(data, value, group, time)
  res <- run_inequality(inp, full = FALSE)
  keep <- c("n", "mean", "gini")
  if (is.null(group)) {
    out <- with_time(as.data.frame(res$periods[keep]), time, inp$time,
                     seq_along(inp$time$levels))
  } else {
    out <- group_table(res$groups[keep], inp, time, group)
  }
  out
}

#' Theil index with its within/between decomposition
#'
#' `type = "T"` (Theil's T, seed 002 eq. 8):
#' \eqn{T = \frac{1}{n}\sum_i \frac{y_i}{\mu}\ln\frac{y_i}{\mu}}, with
#' \eqn{0 \ln 0 = 0} so zeros are kept. `type = "L"` (mean log deviation):
#' \eqn{L = \frac{1}{n}\sum_i \ln\frac{\mu}{y_i}}, which needs every value
#' positive. Both decompose exactly over groups (Shorrocks 1980); the within
#' part is computed directly, never as a residual:
#' \eqn{T_w = \sum_g s_g T_g}, \eqn{T_b = \sum_g s_g \ln(\mu_g/\mu)} with
#' \eqn{s_g = n_g\mu_g/(n\mu)}; \eqn{L_w = \sum_g p_g L_g},
#' \eqn{L_b = \sum_g p_g \ln(\mu/\mu_g)} with \eqn{p_g = n_g/n}.
#'
#' @inheritParams gini
#' @param data A data frame.
#' @param type `"T"` or `"L"`.
#' @return A `regineq_theil` list: `overall` (period, `theil`, `within`,
#'   `between`, `share_within`, `share_between`; without `group` the whole
#'   sample is one group, so `within` equals `theil`) and `groups` (period,
#'   `group`, `n`, `mean`, `theil`). Shares are `NA` when the index is 0.
#' @references Theil, H. (1967). Economics and Information Theory.
#'   Shorrocks, A. F. (1980). The class of additively decomposable inequality
#'   measures. Econometrica 48, 613-625.
#' @family inequality
#' @export
#' @examples
#' th <- theil(nqpf_level, "score", group = "region", time = "year")
#' th$overall
theil <- function(data, value, group = NULL, time = NULL, type = c("T", "L")) {
  type <- check_choice(type, c("T", "L"), "type")
  inp <- check_inequality(data, value, group, time, positive = type == "L")
  res <- run_inequality(inp)
  p <- res$periods
  idx <- if (type == "T") "theil_t" else "theil_l"
  w <- if (type == "T") p$t_within else p$l_within
  b <- if (type == "T") p$t_between else p$l_between
  overall <- data.frame(theil = p[[idx]], within = w, between = b)
  overall$share_within <- safe_share(w, overall$theil)
  overall$share_between <- safe_share(b, overall$theil)
  overall <- with_time(overall, time, inp$time, seq_along(inp$time$levels))
  g <- res$groups
  groups <- group_table(list(n = g$n, mean = g$mean, theil = g[[idx]]), inp,
                        time, group)
  structure(list(overall = overall, groups = groups, type = type,
                 value = value, time = time, group = group),
            class = "regineq_theil")
}

#' @export
print.regineq_theil <- function(x, ...) {
  cat(sprintf("<regineq_theil> Theil's %s of `%s`%s\n", x$type, x$value,
              if (!is.null(x$group)) paste0(" by `", x$group, "`") else ""))
  print(x$overall, row.names = FALSE, digits = 4)
  invisible(x)
}

#' @export
as.data.frame.regineq_theil <- function(x, ...) x$overall

# Private ---------------------------------------------------------------------

# Shared validation of (value, group, time) for every inequality verb.
check_inequality <- function(data, value, group, time, positive = FALSE,
                             value_arg = "value", min_n = 2L) {
  check_data_frame(data)
  check_string(value, "value")
  check_string(group, "group", null_ok = TRUE)
  check_string(time, "time", null_ok = TRUE)
  check_min_rows(data, min_n)
  labels <- row_labels(data, group, time)
  y <- check_numeric_column(data, value, value_arg, labels)
  gk <- check_group(data, group, labels)
  tk <- check_time(data, time, labels)
  if (positive) {
    bad <- which(y <= 0)
    if (length(bad)) {
      abort("`", value_arg, "` must be positive here (logarithms are taken): ",
            "column `", value, "` has values <= 0 in ",
            describe_rows(bad, labels), ".", class = "regineq_error_value")
    }
  } else {
    bad <- which(y < 0)
    if (length(bad)) {
      abort("`", value_arg, "` must be non-negative (inequality measures ",
            "need non-negative values with a positive mean): column `", value,
            "` has negative values in ", describe_rows(bad, labels), ".",
            class = "regineq_error_value")
    }
  }
  nt <- length(tk$levels)
  counts <- tabulate(tk$code, nt)
  if (any(counts < min_n)) {
    where <- if (is.null(time)) "" else
      paste0(": period ", enum(tk$levels[counts < min_n]), " has fewer")
    abort("`data` must have at least ", min_n, " observations per period",
          where, ".", class = "regineq_error_size")
  }
  sums <- if (nt == 1L) sum(y) else rowsum_by(y, tk$code, nt)
  if (any(sums <= 0)) {
    where <- if (is.null(time)) "" else
      paste0(" in period ", enum(tk$levels[sums <= 0]))
    abort("`", value_arg, "` must have a positive mean: column `", value,
          "` is all zero", where, ".", class = "regineq_error_value")
  }
  list(y = y, group = gk, time = tk, labels = labels)
}

# The vector form of gini(): the same rules as check_inequality(), without
# building keys.
check_gini_vector <- function(y) {
  if (is.factor(y)) {
    abort("`data` must be a numeric vector or a data frame, not a factor.",
          class = "regineq_error_type")
  }
  y <- as.double(y)
  if (length(y) < 2L) {
    abort("`data` must have at least 2 values, not ", length(y), ".",
          class = "regineq_error_size")
  }
  if (anyNA(y) || any(is.infinite(y))) {
    bad <- which(!is.finite(y))
    abort("`data` must be finite: it has NA/NaN/Inf in ", describe_rows(bad),
          ".", class = "regineq_error_missing")
  }
  if (any(y < 0)) {
    abort("`data` must be non-negative (inequality measures need ",
          "non-negative values with a positive mean): negative values in ",
          describe_rows(which(y < 0)), ".", class = "regineq_error_value")
  }
  if (sum(y) <= 0) {
    abort("`data` must have a positive mean: it is all zero.",
          class = "regineq_error_value")
  }
  y
}

row_labels <- function(data, group, time) {
  cols <- intersect(c(group, time), names(data))
  if (!length(cols)) return(NULL)
  function(rows) {
    do.call(paste, lapply(cols, function(k) as.character(data[[k]][rows])))
  }
}

# full = FALSE computes n, mean and Gini only (for gini()).
run_inequality <- function(inp, full = TRUE) {
  .Call(C_regineq_inequality, inp$y, inp$time$code,
        length(inp$time$levels), inp$group$code, length(inp$group$levels),
        full)
}

# Cell-level (period x group) columns as a data frame with the period and
# group columns first; cells with no observations are dropped.
group_table <- function(cols, inp, time, group) {
  nt <- length(inp$time$levels)
  ng <- length(inp$group$levels)
  out <- as.data.frame(cols)
  if (!is.null(group)) {
    out <- cbind(data.frame(group = rep(key_values(inp$group, seq_len(ng)),
                                        nt), stringsAsFactors = FALSE), out)
  }
  out <- with_time(out, time, inp$time, rep(seq_len(nt), each = ng))
  out <- out[out$n > 0, , drop = FALSE]
  rownames(out) <- NULL
  out
}

safe_share <- function(part, total) {
  ifelse(total > 0, part / total, NA_real_)
}
