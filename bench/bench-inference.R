# disparity_ci() and between_test(): 999 bootstrap replicates of the Dagum
# decomposition on a 2,800-region x 20-year panel (4 groups), and 999
# replicates of each verb on 10^6 values (one period). Times are the median
# of 3 runs, validation and the one sort included. Run by hand after
# `rm -f src/*.o src/*.so && R CMD INSTALL .` (roxygenise() leaves -O0
# objects): Rscript bench/bench-inference.R
library(regineq)
time_it <- function(expr, reps = 3) {
  e <- substitute(expr)
  env <- parent.frame()
  stats::median(replicate(reps, system.time(eval(e, env))[["elapsed"]]))
}
set.seed(1)
nreg <- 2800
d <- expand.grid(year = 2001:2020, id = seq_len(nreg))
d$g <- c("east", "central", "west", "northeast")[(d$id - 1) %% 4 + 1]
d$y <- stats::rlnorm(nrow(d), meanlog = 0.2 * ((d$id - 1) %% 4))
dg <- dagum_gini(d, "y", group = "g", time = "year", id = "id")
th <- theil(d, "y", group = "g", time = "year", id = "id")
cat(sprintf("2800 x 20, 4 groups, R = 999: disparity_ci(dagum_gini) %.2f s\n",
            time_it(disparity_ci(dg, R = 999))))
cat(sprintf("2800 x 20, 4 groups, R = 999: between_test(dagum_gini) %.2f s\n",
            time_it(between_test(dg, R = 999))))
cat(sprintf("2800 x 20, 4 groups, R = 999: disparity_ci(theil) %.2f s\n",
            time_it(disparity_ci(th, R = 999))))
cat(sprintf("2800 x 20, 4 groups, R = 999: between_test(theil) %.2f s\n",
            time_it(between_test(th, R = 999))))
big <- data.frame(y = stats::rlnorm(1e6))
gi <- gini(big, "y")
t_ci <- time_it(disparity_ci(gi, R = 999))
cat(sprintf("1e6 values, R = 999: disparity_ci(gini) %.2f s\n", t_ci))
# the base R way: resample, sort, Gini from the order statistics; 20
# replicates timed and scaled to 999
base_gini <- function(y) {
  s <- sort(y)
  n <- length(s)
  sum((2 * seq_len(n) - n - 1) * s) / (n * sum(s))
}
yb <- big$y
t_base <- time_it(for (b in 1:20) base_gini(yb[sample.int(length(yb),
                                                          replace = TRUE)]),
                  reps = 1) * 999 / 20
cat(sprintf(paste0("1e6 values, R = 999: base R resample-and-sort %.1f s ",
                   "(20 replicates scaled): ratio %.1fx\n"), t_base,
            t_base / t_ci))
tb <- theil(big, "y")
cat(sprintf("1e6 values, R = 999: disparity_ci(theil) %.2f s\n",
            time_it(disparity_ci(tb, R = 999))))
