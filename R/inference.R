#' Bootstrap intervals for inequality measures and their changes
#'
#' Resamples regions to give every estimate of a [gini()], [theil()],
#' [dagum_gini()] or [sigma_convergence()] result a bootstrap standard error
#' and a percentile interval, and the same for the change of each measure
#' between two periods.
#'
#' @section Resampling scheme:
#' The sampled units are the regions. In each replicate, regions are drawn
#' independently and with replacement, within each group when the verb had
#' a `group` (so every group keeps its size) and from all regions otherwise.
#' A region drawn m times counts m times (its population weight, when the
#' verb used one, is multiplied by m) in every period it has: its whole time
#' series is kept, so the intervals for a change between two periods
#' account for the dependence of a region's values over time. On an
#' unbalanced panel a drawn region contributes the periods it has. A region
#' is an `id` of the verb; without `id` every row is a region, which is
#' possible only with a single period.
#'
#' Assumptions and limits: the regions are treated as an independent sample
#' from a larger population of regions, and the interval is for that
#' population. For the complete set of provinces of a country there is no
#' such sampling: the interval then describes how sensitive the measure is
#' to the composition of the set of regions, not a sampling error. Group
#' sizes are fixed by design. Percentile intervals under-cover in small
#' samples and when a group has few regions (the bootstrap distribution of
#' an inequality index of skewed values is then too narrow and shifted
#' down): in a simulation from a lognormal population in 4 groups the 90 %
#' intervals of the Gini, Theil and Dagum measures covered 75-84 % of the
#' time with 40 regions, 83-88 % with 100 and 89-90 % with 1,000. Spatial
#' dependence between regions is not accounted for: neighbouring regions
#' are drawn independently.
#'
#' The interval is the percentile interval: the quantiles
#' \eqn{(1 - level)/2} and \eqn{(1 + level)/2} of the replicates by
#' [stats::quantile()] type 6, i.e. the \eqn{(R + 1)\alpha}-th order
#' statistic, interpolated linearly between order statistics when
#' \eqn{(R+1)\alpha} is not a whole number. It equals
#' `boot::boot.ci(type = "perc")` whenever \eqn{(R + 1)\alpha} is whole (as
#' with `R = 999` and `level = 0.95` or `0.9`). `se` is the standard
#' deviation of the replicates. A replicate in which a statistic is
#' undefined (for instance a group with no drawn region in a period of an
#' unbalanced panel) is left out of that statistic's SE and interval; the
#' count of such replicates is given in the column `undefined` and a
#' warning (class `regineq_warning_undefined`) is raised.
#'
#' `set.seed()` reproduces the result. Every replicate draws from its own
#' random stream, derived from one number taken from R's generator and the
#' replicate's number. The replicates run on
#' `getOption("regineq.threads", 2)` threads (at most `OMP_THREAD_LIMIT`);
#' since a replicate's draws depend only on its number, the result is the
#' same, bit for bit, whatever the thread count.
#'
#' @param x A data-frame form result of [gini()], [theil()], [dagum_gini()]
#'   or [sigma_convergence()] (the whole result as the verb returned it).
#' @param R Number of bootstrap replicates (a whole number, at least 1).
#' @param level Confidence level of the intervals, in (0, 1).
#' @param change `NULL` (the first and the last period), or two period
#'   values: the change is the value at the second minus the value at the
#'   first.
#' @return A `regineq_ci` list:
#'   * `estimates`: the period column (absent without `time`), `statistic`,
#'     `group` (`NA` for a period-level statistic), `group_2` (the second
#'     group of a pair statistic, else `NA`), `estimate` (the verb's own
#'     number), `se`, `lower`, `upper`, `undefined`;
#'   * `changes`: `statistic`, `group`, `group_2`, `from`, `to`, `estimate`
#'     (value at `to` minus value at `from`), `se`, `lower`, `upper`,
#'     `significant` (the interval excludes 0), `undefined`; no rows
#'     without several periods;
#'   * `replicates`: the R x nrow(estimates) matrix of replicates;
#'   * `verb`, `value`, `time`, `group`, `R`, `level`, `undefined` (the
#'     number of replicates in which some defined estimate was undefined).
#'
#'   `as.data.frame()` gives `estimates`, `summary()` gives `changes`.
#'   Statistics: [gini()]: `gini` (per group when grouped); [theil()]:
#'   `theil`, `within`, `between`, `share_within`, `share_between` and the
#'   per-group `theil`; [dagum_gini()]: `gini`, `within`, `between`,
#'   `transvariation`, `share_within`, `share_between`,
#'   `share_transvariation`, per group `gini_jj`, per pair `gini_jh` and
#'   `D`; [sigma_convergence()]: `sd`, `cv`, `sigma`, `theil`, `gini` (and
#'   `williamson` when the result has it), per group when grouped.
#' @references Efron, B. and Tibshirani, R. J. (1993). An Introduction to
#'   the Bootstrap. Chapman and Hall.
#'
#'   Davison, A. C. and Hinkley, D. V. (1997). Bootstrap Methods and their
#'   Application. Cambridge University Press.
#' @seealso [between_test()] for a permutation test of the between-group
#'   component.
#' @family inference
#' @export
#' @examples
#' dg <- dagum_gini(nqpf_level, "score", group = "region", time = "year",
#'                  id = "province")
#' set.seed(1)
#' ci <- disparity_ci(dg, R = 199)
#' ci
#' summary(ci)
disparity_ci <- function(x, R = 999, level = 0.95, change = NULL) {
  check_required("x")
  inp <- inference_inputs(x)
  R <- check_number(R, "R", min = 1, integer = TRUE)
  check_level(level)
  spec <- ci_spec(x, inp)
  pan <- inp$pan
  ends <- change_periods(change, pan)
  reg <- inference_regions(inp)
  s <- reg$sorted
  w_one <- is.null(inp$w)
  want <- ci_want(inp$verb)
  key <- boot_key()
  arr <- .Call(C_regineq_wboot, s$y, s$w, s$g, s$off, s$ng, want, reg$region,
               reg$rgrp, as.integer(R), FALSE, key, resolve_threads(NULL))
  u <- wk_unpack(arr, s$ng)
  # a population-weighted sigma_convergence() reports the unweighted cv:
  # its replicates come from the same draws with unit weights
  u1 <- if (!w_one && "cv" %in% spec$source) {
    wk_unpack(.Call(C_regineq_wboot, s$y, rep.int(1, length(s$y)), s$g,
                    s$off, s$ng, want, reg$region, reg$rgrp, as.integer(R),
                    FALSE, key, resolve_threads(NULL)), s$ng)
  }
  rep <- ci_replicates(spec, u, inp, R, s$nt, s$ng, w_one, u1)
  est <- spec$table$estimate
  defined <- !is.na(est)
  bad <- is.na(rep) & rep(defined, each = R)
  und_row <- colSums(bad)
  n_undefined <- sum(rowSums(bad) > 0)
  probs <- c((1 - level) / 2, (1 + level) / 2)
  summ <- ci_summarise(rep, probs)
  estimates <- spec$table
  estimates$se <- summ$se
  estimates$lower <- summ$lower
  estimates$upper <- summ$upper
  estimates$undefined <- as.integer(und_row)
  changes <- ci_changes(spec, rep, ends, pan, probs, defined)
  if (n_undefined > 0) {
    warn("`x`: ", n_undefined, " of ", R, " replicates left a statistic ",
         "undefined (", enum(unique(estimates$statistic[und_row > 0])),
         "); they are left out of that statistic's SE and interval (see the ",
         "column `undefined`).", class = "regineq_warning_undefined")
  }
  time_name <- pan$time$name
  if (!is.null(time_name)) {
    estimates$.time <- pan$time$levels[estimates$.time]
    names(estimates)[names(estimates) == ".time"] <- time_name
  } else {
    estimates$.time <- NULL
  }
  rownames(estimates) <- NULL
  colnames(rep) <- NULL
  structure(list(estimates = estimates, changes = changes, replicates = rep,
                 verb = inp$verb, value = inp$settings$value,
                 time = time_name, group = pan$group$name, R = R,
                 level = level, undefined = n_undefined),
            class = "regineq_ci")
}

#' @export
print.regineq_ci <- function(x, ...) {
  within <- if (is.null(x$group)) "from all regions" else
    paste0("within `", x$group, "`")
  cat(sprintf("<regineq_ci> bootstrap of %s() of `%s`: %d regions-resampled ",
              x$verb, x$value, x$R),
      sprintf("replicates %s, level %s\n", within, format(x$level)), sep = "")
  if (x$undefined > 0) {
    cat(sprintf("%d replicates left some statistic undefined (column `undefined`)\n",
                x$undefined))
  }
  est <- x$estimates
  print(utils::head(est, 12L), digits = 4, row.names = FALSE)
  if (nrow(est) > 12L) {
    cat(sprintf("# ... %d more rows (as.data.frame() gives them all)\n",
                nrow(est) - 12L))
  }
  if (nrow(x$changes)) {
    ch <- x$changes
    cat(sprintf("\nChanges from %s to %s: %d (summary() gives them)\n",
                ch$from[1L], ch$to[1L], nrow(ch)))
  }
  invisible(x)
}

#' @export
as.data.frame.regineq_ci <- function(x, ...) x$estimates

#' @export
summary.regineq_ci <- function(object, ...) object$changes

#' Permutation test of the between-group component
#'
#' Tests whether the groups of a [theil()] or [dagum_gini()] result differ
#' more than chance: the group labels are shuffled among the regions (each
#' region keeps its one label in every period, and all periods share a
#' shuffle), the between-group component is recomputed, and the observed
#' value is compared with this permutation null, as PySAL's `TheilDSim`
#' does for Theil's between component.
#'
#' The statistic is Theil's between component of the result's type (T or
#' L) or Dagum's net between-group contribution \eqn{G_{nb}}{G_nb}. The
#' pseudo p-value of each period is
#' \eqn{(1 + \#\{null \ge observed\}) / (R + 1)}{(1 + #(null >= observed)) /
#' (R + 1)}, one-sided (a between component larger than chance). The
#' observed value is compared with the null on the same kernel, with a
#' relative tolerance of 1e-8 so that a relabelling that gives the observed
#' grouping back counts as "as large". The regions are as in
#' [disparity_ci()]: the `id` of the verb, or the rows of a single period.
#' The test assumes that, under the null, the labels are exchangeable among
#' regions: spatial dependence is not accounted for. `set.seed()` reproduces
#' the result; the permutations run on threads as the replicates of
#' [disparity_ci()] do, with the same result whatever the thread count.
#'
#' @param x A [theil()] or [dagum_gini()] result with a `group`.
#' @param R Number of permutations (a whole number, at least 1).
#' @return A `regineq_between_test` data frame: the period column (if any),
#'   `statistic` (`"between"`), `observed` (the verb's number), `null_mean`
#'   (mean of the permutation null), `p_value`, `R`.
#' @references Rey, S. J. and Sastre-Gutierrez, M. L. (2010). Interregional
#'   inequality dynamics in Mexico. Spatial Economic Analysis 5(3), 277-298.
#' @family inference
#' @export
#' @examples
#' th <- theil(nqpf_level, "score", group = "region", time = "year",
#'             id = "province")
#' set.seed(1)
#' between_test(th, R = 199)
between_test <- function(x, R = 999) {
  check_required("x")
  inp <- inference_inputs(x)
  if (!inp$verb %in% c("theil", "dagum_gini")) {
    abort("`x` must be a result of `theil()` or `dagum_gini()`, not of `",
          inp$verb, "()`.", class = "regineq_error_type")
  }
  R <- check_number(R, "R", min = 1, integer = TRUE)
  pan <- inp$pan
  if (n_groups(pan) < 2L) {
    abort("`x` must have at least two groups: call `", inp$verb,
          "()` with `group =`.", class = "regineq_error_size")
  }
  is_theil <- inp$verb == "theil"
  perm <- perm_null(inp, R)
  tol <- 1e-8 * abs(perm$observed)
  ge <- rowSums(perm$null >= perm$observed - tol)
  out <- data.frame(statistic = "between", observed = x$overall$between,
                    null_mean = rowMeans(perm$null),
                    p_value = (1 + ge) / (R + 1), R = R,
                    stringsAsFactors = FALSE)
  out <- period_table(out, pan)
  new_result_df(out, "regineq_between_test", verb = inp$verb,
                value = inp$settings$value, group = pan$group$name,
                time = pan$time$name, R = R,
                type = if (is_theil) inp$settings$type else "G_nb")
}

#' @export
print.regineq_between_test <- function(x, ...) {
  info <- result_info(x)
  what <- if (info$verb == "theil") paste0("Theil ", info$type, " between")
    else "Dagum G_nb"
  cat(sprintf(paste0("<regineq_between_test> permutation test of %s of `%s`",
                     " by `%s`: %d shuffles of the labels among regions\n",
                     "p = (1 + #{null >= observed}) / (R + 1), one-sided\n"),
              what, info$value, info$group, info$R))
  print(unclass_df(x), digits = 4, row.names = FALSE)
  invisible(x)
}

# Private ---------------------------------------------------------------------

# The inputs a verb attached to its result (attach_inputs()), checked.
inference_inputs <- function(x) {
  verbs <- c("gini", "theil", "dagum_gini", "sigma_convergence")
  inp <- result_inputs(x)
  if (is.null(inp)) {
    if (is.data.frame(x) || inherits(x, c("regineq_theil", "regineq_dagum"))) {
      abort("`x` has no record of its inputs: pass the whole result of ",
            "`gini()`, `theil()`, `dagum_gini()` or `sigma_convergence()` ",
            "on a data frame, not a subset or a copy of it.",
            class = "regineq_error_value")
    }
    abort("`x` must be a result of `gini()`, `theil()`, `dagum_gini()` or ",
          "`sigma_convergence()`, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  if (!inp$verb %in% verbs) {
    abort("`x` must be a result of `gini()`, `theil()`, `dagum_gini()` or ",
          "`sigma_convergence()`, not of `", inp$verb, "()`.",
          class = "regineq_error_type")
  }
  inp
}

# The regions of the verb's panel: `region` (1-based, per sorted row) and
# `rgrp` (the group of each region), with the sorted panel.
inference_regions <- function(inp) {
  pan <- inp$pan
  nt <- n_periods(pan)
  if (is.null(pan$id)) {
    if (nt > 1L) {
      abort("`x` has several periods but no regions: call `", inp$verb,
            "()` with `id =` (the region column) so that each region's ",
            "time series can be resampled whole.",
            class = "regineq_error_missing")
    }
    rcode <- seq_len(pan$n)
  } else {
    rcode <- pan$id$code
  }
  nreg <- max(rcode)
  g <- pan$group$code
  rgrp <- integer(nreg)
  rgrp[rcode] <- g
  moved <- which(rgrp[rcode] != g)
  if (length(moved)) {
    ids <- unique(rcode[moved])
    abort("`group` must be constant within each region: column `",
          pan$group$name, "` changes between periods for region ",
          enum(pan$id$levels[ids]), " (", describe_rows(moved), "). ",
          "Regions are resampled whole within their group.",
          class = "regineq_error_value")
  }
  w <- if (is.null(inp$w)) rep.int(1, length(inp$y)) else inp$w
  s <- wk_sorted(inp$y, w, pan)
  # regions renumbered in sorted order, so that a replicate's weights are
  # read from its multiplicities sequentially (1e6 regions: 10-20 % faster);
  # `code` maps the verb's region codes to these
  rs <- rcode[s$order]
  first <- unique(rs)
  list(sorted = s, region = match(rs, first), rgrp = as.integer(rgrp[first]),
       code = match(seq_len(nreg), first))
}

# The between component of the observed grouping on the weighted kernel
# (`observed`, per period) and its permutation null (`null`, periods x R).
perm_null <- function(inp, R) {
  reg <- inference_regions(inp)
  s <- reg$sorted
  is_theil <- inp$verb == "theil"
  want <- if (is_theil) wk_want(TRUE, FALSE) else wk_want(FALSE, TRUE)
  col <- if (!is_theil) "between" else if (identical(inp$settings$type, "L"))
    "l_between" else "t_between"
  arr <- .Call(C_regineq_wperm, s$y, s$w, s$off, s$ng, want, reg$region,
               reg$rgrp, as.integer(R), boot_key(), resolve_threads(NULL))
  list(observed = wk_stats(s, want)$period[[col]],
       null = matrix(wk_unpack(arr, s$ng)$period[[col]], nrow = s$nt))
}

# The replicate statistics of the sample itself (every multiplicity 1),
# in the layout of disparity_ci()'s estimates (for the tests).
ci_kernel_point <- function(x) {
  inp <- inference_inputs(x)
  s <- inference_regions(inp)$sorted
  u <- wk_stats(s, ci_want(inp$verb))
  u1 <- if (!is.null(inp$w)) {
    s$w <- rep.int(1, length(s$y))
    wk_stats(s, ci_want(inp$verb))
  }
  as.vector(ci_replicates(ci_spec(x, inp), u, inp, 1L, s$nt, s$ng,
                          is.null(inp$w), u1))
}

# The multiplicity matrix (regions in the verb's order x R) of the
# replicates disparity_ci() would draw after the same seed (for the tests).
ci_draws <- function(x, R) {
  inp <- inference_inputs(x)
  reg <- inference_regions(inp)
  s <- reg$sorted
  m <- .Call(C_regineq_wboot, s$y, s$w, s$g, s$off, s$ng, ci_want(inp$verb),
             reg$region, reg$rgrp, as.integer(R), TRUE, boot_key(),
             resolve_threads(NULL))
  m[reg$code, , drop = FALSE]
}

# The key of the random streams of bootstrap or permutation replicates,
# from R's RNG (so set.seed() reproduces them): two 32-bit halves.
boot_key <- function() floor(stats::runif(2L) * 2^32)

ci_want <- function(verb) {
  switch(verb, gini = , dagum_gini = wk_want(FALSE, TRUE),
         theil = wk_want(TRUE, FALSE), wk_want(TRUE, TRUE))
}

# The two periods of a change (codes), or NULL with one period.
change_periods <- function(change, pan) {
  nt <- n_periods(pan)
  lev <- pan$time$levels
  if (is.null(change)) {
    if (nt < 2L) return(NULL)
    return(c(1L, nt))
  }
  if (nt < 2L || length(change) != 2L || anyNA(change)) {
    abort("`change` must be two periods of the result, not ",
          type_of(change), if (nt < 2L) " (the result has one period)", ".",
          class = "regineq_error_value")
  }
  k <- match(as.character(change), as.character(lev))
  if (anyNA(k)) {
    abort("`change` must name periods of `", pan$time$name, "`: ",
          enum(change[is.na(k)]), " is not one of ", enum(lev), ".",
          class = "regineq_error_value")
  }
  if (k[1L] == k[2L]) {
    abort("`change` must name two different periods, not ",
          enum(change[1L]), " twice.", class = "regineq_error_value")
  }
  k
}

# The statistics of a result as one long table (.time, statistic, group,
# group_2, estimate), each row with the kernel block it comes from (`kind`:
# period, group, pair), its source name and its index within one
# replicate's block.
ci_spec <- function(x, inp) {
  pan <- inp$pan
  G <- n_groups(pan)
  tname <- pan$time$name
  tcode <- function(df) {
    if (is.null(tname)) rep.int(1L, nrow(df)) else
      match(df[[tname]], pan$time$levels)
  }
  gcode <- function(v) match(v, pan$group$levels)
  pieces <- list()
  nt <- n_periods(pan)
  cells <- which(tabulate(panel_cells(pan), nt * G) > 0L)
  add <- function(df, stats, kind, labels = stats) {
    df <- as.data.frame(df)
    t <- tcode(df)
    whole <- switch(kind,
      period = identical(as.integer(t), seq_len(nt)),
      group = identical(as.integer((t - 1L) * G + gcode(df$group)), cells),
      pair = !anyNA(t))
    if (!whole) {
      abort("`x` must be the whole result of `", inp$verb, "()`: its rows ",
            "do not match the data it was computed from (a subset or an ",
            "edited copy?).", class = "regineq_error_value")
    }
    for (k in seq_along(stats)) {
      idx <- switch(kind,
        period = t,
        group = (t - 1L) * G + gcode(df$group),
        pair = {
          j <- gcode(df$group_1)
          h <- gcode(df$group_2)
          # position of (j, h), j < h, in combn(G, 2) order
          q <- (j - 1L) * G - (j - 1L) * j / 2L + (h - j)
          (t - 1L) * (G * (G - 1L) / 2L) + q
        })
      pieces[[length(pieces) + 1L]] <<- data.frame(
        .time = t, statistic = labels[k],
        group = if (kind == "period") NA_character_ else
          as.character(if (kind == "pair") df$group_1 else df$group),
        group_2 = if (kind == "pair") as.character(df$group_2) else
          NA_character_,
        estimate = as.double(df[[stats[k]]]),
        kind = kind, source = stats[k], index = as.integer(idx),
        stringsAsFactors = FALSE)
    }
  }
  grouped <- !is.null(pan$group$name)
  switch(inp$verb,
    gini = add(x, "gini", if (grouped) "group" else "period"),
    theil = {
      add(x$overall, c("theil", "within", "between", "share_within",
                       "share_between"), "period")
      if (grouped) add(x$groups, "theil", "group")
    },
    dagum_gini = {
      add(x$overall, c("gini", "within", "between", "transvariation",
                       "share_within", "share_between",
                       "share_transvariation"), "period")
      add(x$within, "gini", "group", "gini_jj")
      add(x$between, c("gini", "D"), "pair", c("gini_jh", "D"))
    },
    sigma_convergence = {
      st <- intersect(c("sd", "cv", "sigma", "theil", "gini", "williamson"),
                      names(x))
      add(x, st, if (grouped) "group" else "period")
    })
  tab <- do.call(rbind, pieces)
  list(table = tab[c(".time", "statistic", "group", "group_2", "estimate")],
       kind = tab$kind, source = tab$source, index = tab$index,
       time = tab$.time)
}

# The R x nrow(spec) matrix of replicates from the unpacked kernel output
# (blocks of length T*R, T*G*R, T*npair*R).
ci_replicates <- function(spec, u, inp, R, nt, G, w_one, u1 = NULL) {
  verb <- inp$verb
  per <- u$period
  grp <- u$group
  type_l <- identical(inp$settings$type, "L")
  theil_cols <- if (type_l) c("theil_l", "l_within", "l_between") else
    c("theil_t", "t_within", "t_between")
  # n - 1 rescaling of sigma_convergence(): n is the number of draws in
  # the cell (unit weights), else the number of distinct drawn regions
  nm1 <- identical(inp$settings$denominator, "n-1")
  scale_n <- function(block) {
    if (!nm1) return(1)
    n <- block$weight
    if (!w_one) n <- block$n
    ifelse(n >= 2, sqrt(n / (n - 1)), NA_real_)
  }
  stat_of <- function(block, name) {
    switch(name,
      gini = block$gini,
      theil = if (verb == "theil") block[[theil_cols[1L]]] else
        block$theil_t,
      within = if (verb == "theil") block[[theil_cols[2L]]] else block$within,
      between = if (verb == "theil") block[[theil_cols[3L]]] else
        block$between,
      transvariation = block$transvariation,
      share_within = safe_share(stat_of(block, "within"),
                                stat_of(block, if (verb == "theil") "theil"
                                        else "gini")),
      share_between = safe_share(stat_of(block, "between"),
                                 stat_of(block, if (verb == "theil") "theil"
                                         else "gini")),
      share_transvariation = safe_share(block$transvariation, block$gini),
      sd = block$sd * scale_n(block),
      cv = block$sd * scale_n(block) / block$mean,
      cv_unweighted = block$sd / block$mean,
      sigma = block$sd_log * scale_n(block),
      williamson = block$sd / block$mean)
  }
  out <- matrix(NA_real_, R, length(spec$index))
  for (key in unique(paste(spec$kind, spec$source))) {
    cols <- which(paste(spec$kind, spec$source) == key)
    kind <- spec$kind[cols[1L]]
    name <- spec$source[cols[1L]]
    block <- switch(kind, period = per, group = grp, pair = u$pair)
    if (name == "cv" && !is.null(u1)) {
      # the weighted verb's cv is the unweighted one (population 1)
      block <- if (kind == "period") u1$period else u1$group
      name <- "cv_unweighted"
    }
    v <- if (kind == "pair") block[[name]] else stat_of(block, name)
    m <- matrix(v, ncol = R)
    out[, cols] <- t(m[spec$index[cols], , drop = FALSE])
  }
  out
}

# SE (sd of the defined replicates) and percentile interval (type 6
# quantiles) of each column.
ci_summarise <- function(rep, probs) {
  k <- ncol(rep)
  se <- lower <- upper <- rep(NA_real_, k)
  for (j in seq_len(k)) {
    v <- rep[, j]
    v <- v[!is.na(v)]
    if (!length(v)) next
    se[j] <- if (length(v) > 1L) stats::sd(v) else NA_real_
    q <- stats::quantile(v, probs, type = 6, names = FALSE)
    lower[j] <- q[1L]
    upper[j] <- q[2L]
  }
  list(se = se, lower = lower, upper = upper)
}

# The change of every statistic between periods ends[1] and ends[2].
ci_changes <- function(spec, rep, ends, pan, probs, defined) {
  empty <- data.frame(statistic = character(), group = character(),
                      group_2 = character(), from = character(),
                      to = character(), estimate = double(), se = double(),
                      lower = double(), upper = double(),
                      significant = logical(), undefined = integer(),
                      stringsAsFactors = FALSE)
  if (is.null(ends)) return(empty)
  tab <- spec$table
  key <- paste(tab$statistic, tab$group, tab$group_2, sep = "\r")
  from <- which(spec$time == ends[1L])
  to <- which(spec$time == ends[2L])
  to <- to[match(key[from], key[to])]
  keep <- !is.na(to)
  from <- from[keep]
  to <- to[keep]
  if (!length(from)) return(empty)
  d <- rep[, to, drop = FALSE] - rep[, from, drop = FALSE]
  summ <- ci_summarise(d, probs)
  both <- defined[from] & defined[to]
  lev <- as.character(pan$time$levels)
  out <- data.frame(statistic = tab$statistic[from], group = tab$group[from],
                    group_2 = tab$group_2[from], from = lev[ends[1L]],
                    to = lev[ends[2L]],
                    estimate = tab$estimate[to] - tab$estimate[from],
                    se = summ$se, lower = summ$lower, upper = summ$upper,
                    stringsAsFactors = FALSE)
  out$significant <- out$lower > 0 | out$upper < 0
  out$undefined <- as.integer(colSums(is.na(d) & rep(both, each = nrow(d))))
  rownames(out) <- NULL
  out
}
