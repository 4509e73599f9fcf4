# The population-weighted kernel (src/weighted.c), shared by the weighted
# point estimates of gini(), theil(), dagum_gini() and sigma_convergence()
# and by their bootstrap and permutation replicates. A panel is ordered once
# (by period, then value); every later call reuses that order, so a
# replicate costs O(n G) and never a sort.

# Names of the kernel's outputs, in the layout of weighted.c: per period,
# per (period, group) and per (period, pair j < h).
wk_period <- c("weight", "n", "mean", "sd", "gini", "theil_t", "theil_l",
               "mean_log", "sd_log", "t_within", "t_between", "l_within",
               "l_between", "within", "between", "transvariation")
wk_group <- c("weight", "n", "mean", "sd", "gini", "theil_t", "theil_l",
              "mean_log", "sd_log")
wk_pair <- c("gini", "D")

# What the kernel computes: moments and Theil, Gini pair sums, or both.
wk_want <- function(moments = TRUE, gini = TRUE) {
  as.integer(moments) + 2L * as.integer(gini)
}

# The panel ordered by period then value, with offsets of the periods:
# y, w (weights; 1 without population), g (group codes), region (region
# codes, or the row within its period when there is no id), rgrp (the group
# of each region) and the panel `pan`.
wk_sorted <- function(y, w, pan) {
  nt <- n_periods(pan)
  tcode <- pan$time$code
  o <- order(tcode, y, method = "radix")
  off <- as.double(c(0L, cumsum(tabulate(tcode, nt))))
  list(y = as.double(y[o]), w = as.double(w[o]),
       g = as.integer(pan$group$code[o]), off = off, order = o,
       ng = n_groups(pan), nt = nt, pan = pan)
}

# The kernel's statistics of every period as three tables of named columns:
# `period` (length T), `group` (T x G, group fastest) and `pair` (T x
# npair, pair fastest).
wk_unpack <- function(m, G) {
  np <- G * (G - 1L) / 2L
  n1 <- length(wk_period)
  n2 <- length(wk_group) * G
  m <- matrix(m, nrow = n1 + n2 + length(wk_pair) * np)
  per <- m[seq_len(n1), , drop = FALSE]
  grp <- m[n1 + seq_len(n2), , drop = FALSE]
  pair <- m[n1 + n2 + seq_len(length(wk_pair) * np), , drop = FALSE]
  rows_of <- function(block, names) {
    k <- length(names)
    stats::setNames(lapply(seq_len(k), function(j) {
      as.vector(block[seq(j, nrow(block), by = k), , drop = FALSE])
    }), names)
  }
  list(period = stats::setNames(lapply(seq_len(n1), function(j) per[j, ]),
                                wk_period),
       group = if (n2) rows_of(grp, wk_group) else
         stats::setNames(rep(list(numeric()), length(wk_group)), wk_group),
       pair = if (np) rows_of(pair, wk_pair) else
         stats::setNames(rep(list(numeric()), length(wk_pair)), wk_pair))
}

# The weighted statistics of a sorted panel (wk_sorted()).
wk_stats <- function(s, want = wk_want()) {
  m <- .Call(C_regineq_weighted, s$y, s$w, s$g, s$off, s$ng, want)
  wk_unpack(m, s$ng)
}

# What the inference verbs (disparity_ci(), between_test()) need to replay
# a verb on resampled regions: the values and weights it used, its panel
# (without the row labeller, which holds the whole data frame) and its
# settings. Kept as the attribute "regineq_inputs" of the verb's result.
attach_inputs <- function(result, inp, w = NULL, verb, ...) {
  pan <- inp$pan
  pan$labels <- NULL
  attr(result, "regineq_inputs") <- list(y = inp$y, w = w, pan = pan,
                                         verb = verb, settings = list(...))
  result
}

result_inputs <- function(x) attr(x, "regineq_inputs", exact = TRUE)

# Population weights ------------------------------------------------------------

# The `population` column of a verb (observation weights: population,
# households, any non-negative weight), read on every row of `data`: it must
# name a numeric column whose values are finite and non-negative. The totals
# per period and cell are checked later, by check_population_totals(), on the
# rows the verb keeps.
check_population <- function(data, population, pan, arg = "population") {
  check_string(population, arg)
  w <- check_numeric_column(data, population, arg, pan$labels)
  w <- check_weight_signs(w, arg, paste0("column `", population, "`"),
                          pan$labels)
  check_weight_range(w, arg, paste0("column `", population, "`"), pan$labels)
}

# Positive weights within 1e250 of each other: beyond that the smallest
# population shares underflow to 0 in double precision, and a group made of
# them would get no share at all. No population spans such a range, so it
# is an input error.
check_weight_range <- function(w, arg, where, labels) {
  pos <- which(w > 0)
  if (length(pos) < 2L) return(w)
  lo <- pos[which.min(w[pos])]
  hi <- pos[which.max(w[pos])]
  if (w[hi] / w[lo] > 1e250) {
    abort("`", arg, "` must have positive weights within a factor of 1e250 ",
          "of each other: ", where, " goes from ", format(w[lo]), " (",
          describe_rows(lo, labels), ") to ", format(w[hi]), " (",
          describe_rows(hi, labels), ").", class = "regineq_error_value")
  }
  w
}

# The weights of the vector form of gini(): a numeric vector as long as the
# values.
check_population_vector <- function(w, n, arg = "population") {
  w <- check_values(w, arg)
  if (length(w) != n) {
    abort("`", arg, "` must have one weight per value of `data`: it has ",
          length(w), ", `data` has ", n, ".", class = "regineq_error_size")
  }
  w <- check_weight_signs(w, arg, "it", NULL)
  check_weight_range(w, arg, "it", NULL)
  if (!any(w > 0)) {
    abort("`", arg, "` must have a positive total: it is all zero.",
          class = "regineq_error_value")
  }
  w
}

check_weight_signs <- function(w, arg, where, labels) {
  neg <- which(w < 0)
  if (length(neg)) {
    abort("`", arg, "` must be non-negative (a population or other ",
          "observation weight): ", where, " has negative values in ",
          describe_rows(neg, labels), ".", class = "regineq_error_value")
  }
  w
}

# Every period, and every (period, group) cell that has rows, must have a
# positive total weight, and every period at least `min_n` rows of positive
# weight (a row of weight 0 is a dropped row). `rows` maps the rows of `pan`
# to the rows of `data` (after a balanced subset), for the messages; `labels`
# describes rows of `data`.
check_population_totals <- function(w, pan, population, rows, labels,
                                    min_n = 2L, arg = "population") {
  nt <- n_periods(pan)
  ng <- n_groups(pan)
  tcode <- pan$time$code
  per <- pan$time$levels
  timed <- !is.null(pan$time$name)
  tot <- rowsum_by(w, tcode, nt)
  zero <- which(tot <= 0)
  if (length(zero)) {
    r <- which(tcode == zero[1L])
    abort("`", arg, "` must have a positive total in every period: column `",
          population, "` is all zero",
          if (timed) paste0(" in period ", enum(per[zero])), " (",
          describe_rows(rows[r], labels), ").",
          class = "regineq_error_value")
  }
  if (ng > 1L) {
    cell <- panel_cells(pan)
    has <- tabulate(cell, nt * ng) > 0L
    zero <- which(has & rowsum_by(w, cell, nt * ng) <= 0)
    if (length(zero)) {
      r <- which(cell == zero[1L])
      k <- (zero - 1L) %% ng + 1L
      t <- (zero - 1L) %/% ng + 1L
      what <- paste0("`", pan$group$levels[k], "`",
                     if (timed) paste0(" in period ", per[t]))
      abort("`", arg, "` must have a positive total in every group of every ",
            "period: column `", population, "` is all zero for group ",
            enum(what, quote = ""), " (", describe_rows(rows[r], labels),
            ").", class = "regineq_error_value")
    }
  }
  npos <- tabulate(tcode[w > 0], nt)
  few <- which(npos < min_n)
  if (length(few)) {
    abort("`data` must have at least ", min_n, " rows of positive `", arg,
          "` per period: column `", population, "` is positive in ",
          npos[few[1L]], " row", if (npos[few[1L]] != 1L) "s",
          if (timed) paste0(" of period ", per[few[1L]]), ".",
          class = "regineq_error_size")
  }
  invisible(w)
}

# The weighted statistics of a checked verb input (check_inequality() with
# `population`): the kernel on the panel ordered once.
wk_run <- function(inp, want = wk_want()) {
  pan <- inp$pan
  u <- wk_stats(wk_sorted(inp$y, inp$w, pan), want)
  if (n_groups(pan) > 1L) {
    # the statistics of each (period, group) cell on the cell's own scale,
    # as the unweighted kernel computes them: a group whose values are far
    # below the period's keeps its digits
    cell <- panel_cells(pan)
    nc <- n_periods(pan) * n_groups(pan)
    o <- order(cell, inp$y, method = "radix")
    m <- .Call(C_regineq_weighted, as.double(inp$y[o]), as.double(inp$w[o]),
               rep.int(1L, length(o)),
               as.double(c(0L, cumsum(tabulate(cell, nc)))), 1L, want)
    per_cell <- wk_unpack(m, 1L)$period
    for (k in c("mean", "sd", "gini", "theil_t", "theil_l", "mean_log",
                "sd_log")) {
      u$group[[k]] <- per_cell[[k]]
    }
  }
  u
}
