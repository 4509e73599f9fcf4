# Coverage of disparity_ci()'s percentile intervals by simulation: a fixed
# population of 20,000 lognormal values in 4 groups of 5,000 (group means
# differ), repeated stratified samples of n regions (n/4 per group, drawn
# with replacement, so the population values are the estimands), each
# bootstrapped with R replicates at level 0.90. Prints the share of samples
# whose interval covers the population value, with its binomial SE.
# Usage: Rscript tools/calibrate-ci.R [samples] [R] [seed]
library(regineq)
args <- as.numeric(commandArgs(trailingOnly = TRUE))
nsim <- if (length(args) >= 1) args[1] else 500
R <- if (length(args) >= 2) args[2] else 499
seed <- if (length(args) >= 3) args[3] else 1
set.seed(seed)
grp <- rep(c("a", "b", "c", "d"), each = 5000)
pop <- data.frame(g = grp, y = exp(rnorm(20000, sd = 0.6) +
                                     c(a = 0, b = 0.2, c = 0.4, d = 0.6)[grp]))
truth <- c(gini = gini(pop$y),
           theil_t = theil(pop, "y")$overall$theil,
           theil_between = theil(pop, "y", group = "g")$overall$between,
           dagum_gini = dagum_gini(pop, "y", "g")$overall$gini,
           dagum_gnb = dagum_gini(pop, "y", "g")$overall$between)
covers <- function(e, stat, v) {
  r <- e[e$statistic == stat & is.na(e$group), ][1, ]
  r$lower <= v && v <= r$upper
}
t0 <- proc.time()[["elapsed"]]
out <- NULL
for (n in c(40, 100, 300, 1000)) {
  hit <- replicate(nsim, {
    rows <- unlist(lapply(split(seq_len(20000), grp), sample, n / 4,
                          replace = TRUE))
    s <- pop[rows, ]
    eg <- disparity_ci(gini(s, "y"), R = R, level = 0.9)$estimates
    et <- disparity_ci(theil(s, "y", group = "g"), R = R,
                       level = 0.9)$estimates
    ed <- disparity_ci(dagum_gini(s, "y", "g"), R = R, level = 0.9)$estimates
    c(gini = covers(eg, "gini", truth[["gini"]]),
      theil_t = covers(et, "theil", truth[["theil_t"]]),
      theil_between = covers(et, "between", truth[["theil_between"]]),
      dagum_gini = covers(ed, "gini", truth[["dagum_gini"]]),
      dagum_gnb = covers(ed, "between", truth[["dagum_gnb"]]))
  })
  cov <- rowMeans(hit)
  out <- rbind(out, data.frame(n = n, statistic = names(cov),
                               coverage = round(cov, 3),
                               se = round(sqrt(cov * (1 - cov) / nsim), 3)))
}
cat(sprintf("%d samples per n, R = %d, level 0.90, seed %d, %.0f s\n",
            nsim, R, seed, proc.time()[["elapsed"]] - t0))
print(reshape(out[c("n", "statistic", "coverage")], idvar = "statistic",
              timevar = "n", direction = "wide"), row.names = FALSE)
