#' Dagum Gini decomposition
#'
#' Decomposes the Gini coefficient of each period into the contribution of
#' inequality within groups (\eqn{G_w}{G_w}), the net contribution between
#' groups (\eqn{G_{nb}}{G_nb}) and transvariation (\eqn{G_t}{G_t}, the
#' overlap between groups), with \eqn{G = G_w + G_{nb} + G_t}{G = G_w + G_nb
#' + G_t} exactly (Dagum 1997; applied to provincial scores by four regions in
#' the NQPF-level study (n.d.), eqs. 13-20).
#'
#' \deqn{G_{jh} = \frac{\sum_i\sum_r |y_{ji} - y_{hr}|}{n_j n_h (\mu_j + \mu_h)},
#' \quad G_{jj} = \frac{\sum_i\sum_r |y_{ji} - y_{jr}|}{2 n_j^2 \mu_j}
#' }{G_jh = sum_i sum_r |y_ji - y_hr| / (n_j n_h (mu_j + mu_h)),
#' G_jj = sum_i sum_r |y_ji - y_jr| / (2 n_j^2 mu_j)}
#' with \eqn{p_j = n_j/n}{p_j = n_j/n}, \eqn{s_j = n_j\mu_j/(n\mu)}{s_j = n_j
#' mu_j / (n mu)};
#' \eqn{G_w = \sum_j G_{jj} p_j s_j}{G_w = sum_j G_jj p_j s_j},
#' \eqn{G_{nb} = \sum_{j<h} G_{jh}(p_j s_h + p_h s_j) D_{jh}}{G_nb = sum_(j<h)
#' G_jh (p_j s_h + p_h s_j) D_jh},
#' \eqn{G_t = \sum_{j<h} G_{jh}(p_j s_h + p_h s_j)(1 - D_{jh})}{G_t =
#' sum_(j<h) G_jh (p_j s_h + p_h s_j) (1 - D_jh)}, and
#' \eqn{D_{jh} = (d_{jh} - p_{jh})/(d_{jh} + p_{jh})}{D_jh = (d_jh - p_jh) /
#' (d_jh + p_jh)} where, with the richer group first, \eqn{d_{jh}}{d_jh} is
#' the mean of \eqn{(y_j - y_h)^+}{max(y_j - y_h, 0)} over all pairs and
#' \eqn{p_{jh}}{p_jh} (transvariation) the mean of
#' \eqn{(y_h - y_j)^+}{max(y_h - y_j, 0)}. So
#' \eqn{0 \le D_{jh} \le 1}{0 <= D_jh <= 1}, and \eqn{D_{jh} = 0}{D_jh = 0}
#' when the two groups have the same mean (or are identical).
#'
#' The C kernel sorts each group once per period and obtains every pair sum
#' from a merge of two sorted groups, so the cost is O(n log n) per period
#' (no n x n matrix, no double loop), and all periods are handled in one call.
#' A one-member group is valid (its \eqn{G_{jj}}{G_jj} is 0).
#'
#' With `population`, the weighted form of Dagum (1997): each row has a
#' population share \eqn{f_i = w_i / \sum_r w_r}{f_i = w_i / sum_r w_r},
#' group \eqn{j}{j} the population share \eqn{F_j = p_j = \sum_{i \in j}
#' f_i}{F_j = p_j = sum_(i in j) f_i}, the population-weighted mean
#' \eqn{\mu_j}{mu_j} and the income share \eqn{s_j = p_j\mu_j/\mu}{s_j =
#' p_j mu_j / mu};
#' \deqn{G_{jh} = \frac{\sum_i\sum_r f_i f_r |y_{ji} - y_{hr}|}{F_j F_h
#' (\mu_j + \mu_h)}, \quad G_{jj} = \frac{\sum_i\sum_r f_i f_r |y_{ji} -
#' y_{jr}|}{2 F_j^2 \mu_j}
#' }{G_jh = sum_i sum_r f_i f_r |y_ji - y_hr| / (F_j F_h (mu_j + mu_h)),
#' G_jj = sum_i sum_r f_i f_r |y_ji - y_jr| / (2 F_j^2 mu_j)}
#' and \eqn{d_{jh}}{d_jh}, \eqn{p_{jh}}{p_jh} the population-weighted means
#' of \eqn{(y_j - y_h)^+}{max(y_j - y_h, 0)} and \eqn{(y_h - y_j)^+}{max(y_h -
#' y_j, 0)}. \eqn{G_w}{G_w}, \eqn{G_{nb}}{G_nb} and \eqn{G_t}{G_t} keep the
#' formulas above with these \eqn{p_j}{p_j} and \eqn{s_j}{s_j}, so
#' \eqn{G = G_w + G_{nb} + G_t}{G = G_w + G_nb + G_t} still holds exactly,
#' and equal weights give the unweighted decomposition. A row of weight 0 is
#' a dropped row.
#'
#' On an unbalanced panel (regions that lack some periods) each period is
#' decomposed on the rows it has, so group sizes \eqn{n_j}{n_j} may change
#' between periods; a message (class `regineq_message_unbalanced`) says so,
#' naming the regions and periods when `id` is given. With `id` and
#' `balanced = TRUE` only the regions present in every period are used.
#'
#' @inheritParams gini
#' @param data A data frame.
#' @param time Optional name of the period column.
#' @param group Name of the grouping column (at least two groups in every
#'   period).
#' @return A `regineq_dagum` list of three data frames:
#'   * `overall`: period, `gini`, `within`, `between`, `transvariation`,
#'     `share_within`, `share_between`, `share_transvariation` (fractions of
#'     G; `NA` when G = 0);
#'   * `within`: period, `group`, `n`, `mean`, `gini` (\eqn{G_{jj}}{G_jj});
#'     with `population`, also `population` (the group's total weight) after
#'     `n`, which then counts the rows of positive weight;
#'   * `between`: period, `group_1`, `group_2`, `gini` (\eqn{G_{jh}}{G_jh}),
#'     `D` (\eqn{D_{jh}}{D_jh});
#'
#'   and `value`, `group`, `time`, `population` (the weight column or
#'   `NULL`).
#' @references Dagum, C. (1997). A new approach to the decomposition of the
#'   Gini income inequality ratio. Empirical Economics 22(4), 515-531.
#'
#'   NQPF-level study (n.d.): the study of China's new quality productive
#'   forces in 30 provinces, 2014-2023, whose Table 2 is [nqpf_level]; its
#'   Tables 3-5 apply the decomposition to those scores by four regions (see
#'   `vignette("replicate-nqpf-level")`; title, authors, journal and year are
#'   not in the text available, see `citation("regineq")`).
#' @family inequality
#' @export
#' @examples
#' dg <- dagum_gini(nqpf_level, value = "score", group = "region",
#'                  time = "year")
#' dg$overall
#' head(dg$between)
dagum_gini <- function(data, value, group, time = NULL, population = NULL,
                       id = NULL, balanced = FALSE) {
  check_required(c("data", "value", "group"))
  check_string(group, "group")
  inp <- check_inequality(data, value, group, time, id = id,
                          balanced = balanced, population = population)
  pan <- inp$pan
  ng <- n_groups(pan)
  nt <- n_periods(pan)
  if (ng < 2L) {
    abort("`group` must have at least two groups for a Dagum decomposition: ",
          "column `", group, "` has one.", class = "regineq_error_size")
  }
  # the kernel counts each (period, group) cell; a period with one group
  # makes no pair, and is refused before any result is read
  res <- if (is.null(population)) {
    .Call(C_regineq_dagum, inp$y, pan$time$code, nt, pan$group$code, ng)
  }
  cells <- res$n %||% tabulate(panel_cells(pan), nt * ng)
  few <- which(rowSums(matrix(cells > 0L, nt, ng, byrow = TRUE)) < 2L)
  if (length(few)) {
    abort("`group` must have at least two groups in every period: ",
          "period ", enum(pan$time$levels[few]), " has one.",
          class = "regineq_error_size")
  }
  if (is.null(population)) {
    wcols <- list(n = res$n, mean = res$mean, gini = res$gini_jj)
  } else {
    wk <- wk_run(inp, wk_want(moments = FALSE))
    res <- list(gini = wk$period$gini, within = wk$period$within,
                between = wk$period$between,
                transvariation = wk$period$transvariation,
                gini_jh = wk$pair$gini, D = wk$pair$D)
    wcols <- list(n = wk$group$n, population = wk$group$weight,
                  mean = wk$group$mean, gini = wk$group$gini)
  }
  overall <- data.frame(gini = res$gini, within = res$within,
                        between = res$between,
                        transvariation = res$transvariation)
  overall$share_within <- safe_share(overall$within, overall$gini)
  overall$share_between <- safe_share(overall$between, overall$gini)
  overall$share_transvariation <- safe_share(overall$transvariation,
                                             overall$gini)
  overall <- period_table(overall, pan)
  within <- group_table(wcols, pan)
  pairs <- utils::combn(ng, 2L)
  lev <- pan$group$levels
  between <- data.frame(group_1 = rep(lev[pairs[1, ]], nt),
                        group_2 = rep(lev[pairs[2, ]], nt),
                        gini = res$gini_jh, D = res$D,
                        stringsAsFactors = FALSE)
  between <- with_time(between, pan, rep(seq_len(nt), each = ncol(pairs)))
  between <- between[!is.na(between$gini), , drop = FALSE]
  rownames(between) <- NULL
  out <- structure(list(overall = overall, within = within, between = between,
                        value = value, group = group, time = time,
                        population = population),
                   class = "regineq_dagum")
  attach_inputs(out, inp, inp$w, verb = "dagum_gini", value = value,
                population = population)
}

#' @export
print.regineq_dagum <- function(x, ...) {
  cat(sprintf(
    "<regineq_dagum> Dagum Gini decomposition of `%s` by `%s`%s\n\n",
    x$value, x$group, population_note(x$population)))
  cat("Overall (shares are fractions of G):\n")
  print(x$overall, row.names = FALSE, digits = 4)
  cat(sprintf("\nWithin groups: %d rows; between groups: %d rows (see $within,",
              nrow(x$within), nrow(x$between)), "$between)\n")
  invisible(x)
}

#' @export
summary.regineq_dagum <- function(object, ...) {
  o <- object$overall
  data.frame(
    statistic = c("gini", "share_within", "share_between",
                  "share_transvariation"),
    first = unlist(o[1L, c("gini", "share_within", "share_between",
                           "share_transvariation")]),
    last = unlist(o[nrow(o), c("gini", "share_within", "share_between",
                               "share_transvariation")]),
    mean = colMeans(o[c("gini", "share_within", "share_between",
                        "share_transvariation")]),
    row.names = NULL)
}

#' @export
as.data.frame.regineq_dagum <- function(x, ...) x$overall
