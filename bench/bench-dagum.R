# Dagum decomposition: O(n log n) scaling, ratio to sort(), and a straight
# O(n^2) R implementation. Run by hand: Rscript bench/bench-dagum.R
library(regineq)
time_it <- function(expr, reps = 3) {
  e <- substitute(expr)
  env <- parent.frame()
  min(replicate(reps, system.time(eval(e, env))[["elapsed"]]))
}
set.seed(1)
for (n in c(1e4, 1e5, 1e6)) {
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
