# Dagum decomposition: O(n log n) scaling, ratio to sort(), and a straight
# O(n^2) R implementation. Run by hand: Rscript bench/bench-dagum.R
library(regineq)
time_it <- function(expr, reps = 3) {
  e <- substitute(expr)
  env <- parent.frame()
  median(replicate(reps, system.time(eval(e, env))[["elapsed"]]))
}
set.seed(1)
for (n in c(1e4, 1e5, 1e6, 1e7)) {
  d <- data.frame(y = stats::rlnorm(n), g = sample(c("a", "b", "c", "d"), n,
                                                    TRUE))
  t_d <- time_it(dagum_gini(d, "y", "g"))
  t_s <- time_it(sort(d$y))
  cat(sprintf("n = %7d: dagum_gini %.3f s, sort() %.3f s, ratio %.1f\n",
              as.integer(n), t_d, t_s, t_d / t_s))
}
naive <- function(y, g) {
  lev <- unique(g)
  n <- length(y)
  mu <- mean(y)
  G <- sum(abs(outer(y, y, "-"))) / (2 * n^2 * mu)
  for (j in lev) for (h in lev) {
    a <- y[g == j]
    b <- y[g == h]
    sum(abs(outer(a, b, "-")))
  }
  G
}
n <- 5000
d <- data.frame(y = stats::rlnorm(n), g = sample(c("a", "b", "c", "d"), n, TRUE))
t_n <- time_it(naive(d$y, d$g), 1)
t_d <- time_it(dagum_gini(d, "y", "g"))
cat(sprintf("n = 5000: O(n^2) R %.3f s, dagum_gini %.4f s, ratio %.0fx\n",
            t_n, t_d, t_n / t_d))
if (requireNamespace("ineq", quietly = TRUE)) {
  y <- stats::rlnorm(1e6)
  t_i <- time_it(ineq::Gini(y))
  t_g <- time_it(gini(y))
  stopifnot(abs(ineq::Gini(y) - gini(y)) < 1e-10)
  cat(sprintf("Gini of 1e6 values: ineq::Gini %.3f s, regineq::gini %.3f s, ratio %.1fx\n",
              t_i, t_g, t_i / t_g))
} else {
  cat("ineq not installed; skipped\n")
}
if (requireNamespace("dineq", quietly = TRUE)) {
  n <- 5000
  d <- data.frame(y = stats::rlnorm(n), g = sample(c("a", "b", "c", "d"), n,
                                                    TRUE))
  t_dq <- time_it(dineq::gini_decomp(d$y, d$g), 1)
  t_d <- time_it(dagum_gini(d, "y", "g"))
  cat(sprintf("n = 5000: dineq::gini_decomp %.3f s, dagum_gini %.4f s, ratio %.0fx\n",
              t_dq, t_d, t_dq / t_d))
} else {
  cat("dineq not installable for this R; skipped\n")
}
