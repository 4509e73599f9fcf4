#' Gini coefficient by period and group
#'
#' \deqn{G = \frac{\sum_i \sum_r |y_i - y_r|}{2 n^2 \mu}
#' }{G = sum_i sum_r |y_i - y_r| / (2 n^2 mu)}
#' computed in O(n log n) from the sorted values (gap form: no cancellation).
#'
#' An unbalanced panel (regions that lack some periods) is measured period
#' by period on the rows each period has, and a message (class
#' `regineq_message_unbalanced`) says so: it names the regions and the
#' periods they lack when `id` is given, and the periods with fewer rows
#' otherwise. With `id` and `balanced = TRUE` only the regions present in
#' every period are measured, so every period has the same regions.
#'
#' @param data A data frame, or a numeric vector for a single coefficient.
#' @param value Name of the value column (non-negative, positive mean).
#' @param group,time Optional names of a grouping column and a period column.
#' @param id Optional name of the region column (one row per region and
#'   period). It is used only to check the panel's balance: the message on
#'   an unbalanced panel then names the regions, and `balanced = TRUE`
#'   becomes possible.
#' @param balanced `FALSE` (default): on an unbalanced panel, use all
#'   available rows of each period. `TRUE`: keep only the regions present in
#'   every period (needs `id`).
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
gini <- function(data, value, group = NULL, time = NULL, id = NULL,
                 balanced = FALSE) {
  check_required("data")
  if (!is.data.frame(data)) {
    if (!is.numeric(data) || is.matrix(data) || is.object(data)) {
      abort("`data` must be a numeric vector or a data frame, not ",
            type_of(data), ".", class = "regineq_error_type")
    }
    y <- check_gini_vector(data)
    one <- rep.int(1L, length(y))
    return(.Call(C_regineq_inequality, y, one, 1L, one, 1L, FALSE)$periods$gini)
  }
  check_required("value")
  inp <- check_inequality(data, value, group, time, id = id,
                          balanced = balanced)
  res <- run_inequality(inp, full = FALSE)
  keep <- c("n", "mean", "gini")
  if (is.null(group)) period_table(res$periods[keep], inp$pan) else
    group_table(res$groups[keep], inp$pan)
}

#' Theil index with its within/between decomposition
#'
#' `type = "T"` (Theil's T, as in Ran et al. 2025, eq. 8):
#' \eqn{T = \frac{1}{n}\sum_i \frac{y_i}{\mu}\ln\frac{y_i}{\mu}}{T = (1/n)
#' sum_i (y_i/mu) ln(y_i/mu)}, with \eqn{0 \ln 0 = 0}{0 ln 0 = 0} so zeros
#' are kept. `type = "L"` (mean log deviation):
#' \eqn{L = \frac{1}{n}\sum_i \ln\frac{\mu}{y_i}}{L = (1/n) sum_i
#' ln(mu/y_i)}, which needs every value positive. Both decompose exactly
#' over groups (Shorrocks 1980); the within part is computed directly, never
#' as a residual: \eqn{T_w = \sum_g s_g T_g}{T_w = sum_g s_g T_g},
#' \eqn{T_b = \sum_g s_g \ln(\mu_g/\mu)}{T_b = sum_g s_g ln(mu_g/mu)} with
#' \eqn{s_g = n_g\mu_g/(n\mu)}{s_g = n_g mu_g / (n mu)};
#' \eqn{L_w = \sum_g p_g L_g}{L_w = sum_g p_g L_g},
#' \eqn{L_b = \sum_g p_g \ln(\mu/\mu_g)}{L_b = sum_g p_g ln(mu/mu_g)} with
#' \eqn{p_g = n_g/n}{p_g = n_g/n}.
#'
#' On an unbalanced panel each period is measured on the rows it has (a
#' message says so), or with `id` and `balanced = TRUE` on the regions
#' present in every period, as in [gini()].
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
#'
#'   Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025). Study on potential
#'   measurement, temporal-spatial differences and strategic focus of
#'   development of new quality productive forces. Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30.
#'   \doi{10.11835/j.issn.1008-5831.jg.2024.10.002}
#' @family inequality
#' @export
#' @examples
#' th <- theil(nqpf_level, "score", group = "region", time = "year")
#' th$overall
theil <- function(data, value, group = NULL, time = NULL, type = c("T", "L"),
                  id = NULL, balanced = FALSE) {
  check_required(c("data", "value"))
  type <- check_choice(type, c("T", "L"), "type")
  inp <- check_inequality(data, value, group, time, positive = type == "L",
                          id = id, balanced = balanced)
  res <- run_inequality(inp)
  p <- res$periods
  idx <- if (type == "T") "theil_t" else "theil_l"
  w <- if (type == "T") p$t_within else p$l_within
  b <- if (type == "T") p$t_between else p$l_between
  overall <- data.frame(theil = p[[idx]], within = w, between = b)
  overall$share_within <- safe_share(w, overall$theil)
  overall$share_between <- safe_share(b, overall$theil)
  overall <- period_table(overall, inp$pan)
  g <- res$groups
  groups <- group_table(list(n = g$n, mean = g$mean, theil = g[[idx]]),
                        inp$pan)
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

# Shared validation of (value, group, time) for every inequality verb: the
# panel, the values by `rule`, the rows kept on an unbalanced panel (see
# balance_rows()), then at least `min_n` values and a positive total in
# every period.
check_inequality <- function(data, value, group, time, positive = FALSE,
                             value_arg = "value", min_n = 2L, id = NULL,
                             balanced = FALSE) {
  pan <- new_panel(data, id = id, time = time, group = group)
  check_string(value, value_arg)
  check_min_rows(data, min_n)
  y <- panel_values(pan, data, value, value_arg,
                    rule = if (positive) "positive" else "non-negative")
  check_period_sizes(pan, min_n)
  keep <- balance_rows(pan, balanced)
  if (!is.null(keep)) {
    pan <- panel_subset(pan, keep)
    y <- y[keep]
    check_period_sizes(pan, min_n)
  }
  nt <- n_periods(pan)
  sums <- if (nt == 1L) sum(y) else rowsum_by(y, pan$time$code, nt)
  if (any(sums <= 0)) {
    where <- if (is.null(time)) "" else
      paste0(" in period ", enum(pan$time$levels[sums <= 0]))
    abort("`", value_arg, "` must have a positive mean: column `", value,
          "` is all zero", where, ".", class = "regineq_error_value")
  }
  list(y = y, pan = pan)
}

# At least `min_n` rows in every period.
check_period_sizes <- function(pan, min_n) {
  counts <- tabulate(pan$time$code, n_periods(pan))
  if (any(counts < min_n)) {
    where <- if (is.null(pan$time$name)) "" else
      paste0(": period ", enum(pan$time$levels[counts < min_n]), " has fewer")
    abort("`data` must have at least ", min_n, " observations per period",
          where, ".", class = "regineq_error_size")
  }
}

# The vector form of gini(): the same value rules as check_inequality(),
# without a panel.
check_gini_vector <- function(y) {
  if (length(y) < 2L) {
    abort("`data` must have at least 2 values, not ", length(y), ".",
          class = "regineq_error_size")
  }
  y <- check_values(y, "data", rule = "non-negative")
  if (sum(y) <= 0) {
    abort("`data` must have a positive mean: it is all zero.",
          class = "regineq_error_value")
  }
  y
}

# full = FALSE computes n, mean and Gini only (for gini()).
run_inequality <- function(inp, full = TRUE) {
  pan <- inp$pan
  .Call(C_regineq_inequality, inp$y, pan$time$code, n_periods(pan),
        pan$group$code, n_groups(pan), full)
}
