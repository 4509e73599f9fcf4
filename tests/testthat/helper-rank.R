# Kendall's tau-b by its O(n^2) definition: concordant minus discordant
# pairs over the root of the pairs untied in x times those untied in y.
brute_tau_b <- function(x, y) {
  n <- length(x)
  s <- tx <- ty <- 0
  for (i in seq_len(n - 1L)) {
    for (j in (i + 1L):n) {
      a <- sign(x[i] - x[j])
      b <- sign(y[i] - y[j])
      s <- s + a * b
      tx <- tx + (a != 0)
      ty <- ty + (b != 0)
    }
  }
  if (n < 2 || tx == 0 || ty == 0) NA_real_ else s / sqrt(tx * ty)
}

# The rank kernel of index_robustness() on a baseline x, variants ys and
# period labels g.
rank_compare <- function(x, ys, g) {
  g <- match(g, unique(g))
  .Call(regineq:::C_regineq_rank_compare, as.double(x),
        lapply(ys, as.double), as.integer(g), as.integer(max(g)))
}
