#' Gini coefficient by period and group
#'
#' \deqn{G = \frac{\sum_i \sum_r |y_i - y_r|}{2 n^2 \mu}
#' }{G = sum_i sum_r |y_i - y_r| / (2 n^2 mu)}
#' computed in O(n log n) from the sorted values (gap form: no cancellation).
#'
#' With `population` (observation weights: population, households, any
#' non-negative weight) every row counts by its population share
#' \eqn{p_i = w_i / \sum_r w_r}{p_i = w_i / sum_r w_r}: with
#' \eqn{\mu = \sum_i p_i y_i}{mu = sum_i p_i y_i},
#' \deqn{G = \frac{\sum_i \sum_r p_i p_r |y_i - y_r|}{2 \mu}
#' }{G = sum_i sum_r p_i p_r |y_i - y_r| / (2 mu)}
#' still in O(n log n) per period. Equal weights give the unweighted index,
#' an integer weight \eqn{k}{k} counts a row \eqn{k}{k} times, and a row of
#' weight 0 is a dropped row (its value is still checked). Per group, the
#' Gini of the group's own rows with shares within the group.
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
#' @param population Optional name of a column of observation weights
#'   (population, households, ...): finite, non-negative, with a positive
#'   total in every period and in every group of every period that has rows,
#'   and at least two rows of positive weight per period. For the vector
#'   form of `gini()`, a numeric vector of weights as long as `data`. `NULL`
#'   (default): every row weighs the same.
#' @return For a vector, a number. For a data frame, a data frame with the
#'   period column (if any, under its own name), `group` (if any), `n`, `mean`,
#'   `gini`: one row per period, and per group when `group` is given. A run
#'   of identical values (including all zeros) has Gini 0. With `population`,
#'   `mean` and `gini` are population-weighted, `n` counts the rows of
#'   positive weight and a `population` column (the total weight) follows
#'   `n`.
#' @references Gini, C. (1912). Variabilita e mutabilita.
#' @family inequality
#' @export
#' @examples
#' gini(c(1, 2, 3, 4))
#' head(gini(nqpf_level, "score", time = "year"))
#' head(gini(nqpf_level, "score", group = "region", time = "year"))
#' gini(c(1, 2, 3, 4), population = c(10, 1, 1, 10))
gini <- function(data, value, group = NULL, time = NULL, population = NULL,
                 id = NULL, balanced = FALSE) {
  check_required("data")
  if (!is.data.frame(data)) {
    if (!is.numeric(data) || is.matrix(data) || is.object(data)) {
      abort("`data` must be a numeric vector or a data frame, not ",
            type_of(data), ".", class = "regineq_error_type")
    }
    y <- check_gini_vector(data)
    if (!is.null(population)) return(weighted_gini_vector(y, population))
    one <- rep.int(1L, length(y))
    return(.Call(C_regineq_inequality, y, one, 1L, one, 1L, FALSE)$periods$gini)
  }
  check_required("value")
  inp <- check_inequality(data, value, group, time, id = id,
                          balanced = balanced, population = population)
  if (is.null(population)) {
    res <- run_inequality(inp, full = FALSE)
    keep <- c("n", "mean", "gini")
    s <- if (is.null(group)) res$periods[keep] else res$groups[keep]
  } else {
    res <- wk_run(inp, wk_want(moments = FALSE))
    s <- if (is.null(group)) res$period else res$group
    s <- list(n = s$n, population = s$weight, mean = s$mean, gini = s$gini)
  }
  out <- if (is.null(group)) period_table(s, inp$pan) else
    group_table(s, inp$pan)
  attach_inputs(out, inp, inp$w, verb = "gini", value = value,
                population = population)
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
#' With `population`, with population shares
#' \eqn{p_i = w_i / \sum_r w_r}{p_i = w_i / sum_r w_r} and
#' \eqn{\mu = \sum_i p_i y_i}{mu = sum_i p_i y_i}:
#' \eqn{T = \sum_i s_i \ln(y_i/\mu)}{T = sum_i s_i ln(y_i/mu)} with income
#' shares \eqn{s_i = p_i y_i/\mu}{s_i = p_i y_i / mu}, and
#' \eqn{L = \sum_i p_i \ln(\mu/y_i)}{L = sum_i p_i ln(mu/y_i)}. The
#' decompositions keep their form, with \eqn{p_g}{p_g} the group's
#' population share (the sum of its \eqn{p_i}{p_i}), \eqn{\mu_g}{mu_g} its
#' population-weighted mean and \eqn{s_g = p_g\mu_g/\mu}{s_g = p_g mu_g /
#' mu} its income share; \eqn{T_g}{T_g}, \eqn{L_g}{L_g} are weighted within
#' the group. A row of weight 0 is a dropped row.
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
#'   `group`, `n`, `mean`, `theil`; with `population` also `population`, the
#'   group's total weight, after `n`, which then counts the rows of positive
#'   weight), plus `type`, `value`, `time`, `group` and `population` (the
#'   weight column or `NULL`). Shares are `NA` when the index is 0.
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
                  population = NULL, id = NULL, balanced = FALSE) {
  check_required(c("data", "value"))
  type <- check_choice(type, c("T", "L"), "type")
  inp <- check_inequality(data, value, group, time, positive = type == "L",
                          id = id, balanced = balanced,
                          population = population)
  if (is.null(population)) {
    res <- run_inequality(inp)
    p <- res$periods
    g <- res$groups
  } else {
    res <- wk_run(inp, wk_want(gini = FALSE))
    p <- res$period
    g <- res$group
  }
  idx <- if (type == "T") "theil_t" else "theil_l"
  w <- if (type == "T") p$t_within else p$l_within
  b <- if (type == "T") p$t_between else p$l_between
  overall <- data.frame(theil = p[[idx]], within = w, between = b)
  overall$share_within <- safe_share(w, overall$theil)
  overall$share_between <- safe_share(b, overall$theil)
  overall <- period_table(overall, inp$pan)
  cols <- if (is.null(population)) {
    list(n = g$n, mean = g$mean, theil = g[[idx]])
  } else {
    list(n = g$n, population = g$weight, mean = g$mean, theil = g[[idx]])
  }
  groups <- group_table(cols, inp$pan)
  out <- structure(list(overall = overall, groups = groups, type = type,
                        value = value, time = time, group = group,
                        population = population),
                   class = "regineq_theil")
  attach_inputs(out, inp, inp$w, verb = "theil", type = type, value = value,
                population = population)
}

#' @export
print.regineq_theil <- function(x, ...) {
  cat(sprintf("<regineq_theil> Theil's %s of `%s`%s%s\n", x$type, x$value,
              if (!is.null(x$group)) paste0(" by `", x$group, "`") else "",
              population_note(x$population)))
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
                             balanced = FALSE, population = NULL) {
  pan <- new_panel(data, id = id, time = time, group = group)
  check_string(value, value_arg)
  check_min_rows(data, min_n)
  # with weights, a row of population 0 is a dropped row: only the rows of
  # positive weight need positive values for the logarithms
  weighted <- !is.null(population)
  y <- panel_values(pan, data, value, value_arg,
                    rule = if (positive && !weighted) "positive" else
                      "non-negative")
  w <- if (weighted) check_population(data, population, pan)
  if (positive && weighted && any(w > 0 & y <= 0)) {
    abort("`", value_arg, "` must be positive here (logarithms are taken): ",
          "column `", value, "` has values <= 0 in ",
          describe_rows(which(w > 0 & y <= 0), pan$labels),
          " (rows of positive `population`).", class = "regineq_error_value")
  }
  check_period_sizes(pan, min_n)
  labels <- pan$labels
  rows <- seq_along(y)
  keep <- balance_rows(pan, balanced)
  if (!is.null(keep)) {
    pan <- panel_subset(pan, keep)
    y <- y[keep]
    w <- w[keep]
    rows <- keep
    check_period_sizes(pan, min_n)
  }
  if (!is.null(w)) {
    check_population_totals(w, pan, population, rows, labels, min_n)
  }
  nt <- n_periods(pan)
  # a row of population 0 is a dropped row: it does not make the mean positive
  yp <- if (is.null(w)) y else y * (w > 0)
  sums <- if (nt == 1L) sum(yp) else rowsum_by(yp, pan$time$code, nt)
  if (any(sums <= 0)) {
    where <- if (is.null(time)) "" else
      paste0(" in period ", enum(pan$time$levels[sums <= 0]))
    abort("`", value_arg, "` must have a positive mean: column `", value,
          "` is all zero", where,
          if (!is.null(w)) " on the rows of positive `population`", ".",
          class = "regineq_error_value")
  }
  list(y = y, pan = pan, w = w, population = population)
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

# The vector form of gini() with weights: one period, one group.
weighted_gini_vector <- function(y, population) {
  w <- check_population_vector(population, length(y))
  if (sum(w > 0) < 2L) {
    abort("`data` must have at least 2 values of positive `population`, ",
          "not ", sum(w > 0), ".", class = "regineq_error_size")
  }
  if (!any(y[w > 0] > 0)) {
    abort("`data` must have a positive mean: it is all zero on the values ",
          "of positive `population`.", class = "regineq_error_value")
  }
  o <- order(y)
  n <- length(y)
  m <- .Call(C_regineq_weighted, y[o], w[o], rep.int(1L, n), c(0, n), 1L,
             wk_want(moments = FALSE))
  wk_unpack(m, 1L)$period$gini
}

# ", population-weighted by `pop`" for print headers ("" when unweighted).
population_note <- function(population) {
  if (is.null(population)) "" else
    paste0(", population-weighted by `", population, "`")
}

# full = FALSE computes n, mean and Gini only (for gini()).
run_inequality <- function(inp, full = TRUE) {
  pan <- inp$pan
  .Call(C_regineq_inequality, inp$y, pan$time$code, n_periods(pan),
        pan$group$code, n_groups(pan), full)
}
