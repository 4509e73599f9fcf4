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
