# Pooled entropy-TOPSIS: regineq vs a vectorised base-R implementation of the
# same formulas (seed 000 eqs. 1-12). Run by hand: Rscript bench/bench-composite.R
library(regineq)
base_topsis <- function(x, dir, shift = 1e-4) {
  lo <- apply(x, 2, min)
  hi <- apply(x, 2, max)
  v <- sweep(sweep(x, 2, lo), 2, hi - lo, "/")
  v[, dir < 0] <- 1 - v[, dir < 0]
  v <- v + shift
  p <- sweep(v, 2, colSums(v), "/")
  e <- -colSums(p * log(p)) / log(nrow(x))
  w <- (1 - e) / sum(1 - e)
  z <- sweep(v, 2, w, "*")
  dp <- sqrt(rowSums(sweep(z, 2, apply(z, 2, max))^2))
  dm <- sqrt(rowSums(sweep(z, 2, apply(z, 2, min))^2))
  dm / (dp + dm)
}
make <- function(n, p = 30) {
  set.seed(1)
  d <- data.frame(id = seq_len(n), year = 1L)
  x <- matrix(stats::rexp(n * p), n, p)
  colnames(x) <- paste0("x", seq_len(p))
  list(d = cbind(d, x), x = x, spec = data.frame(indicator = colnames(x),
       direction = rep(c("+", "-"), length.out = p)))
}
time_it <- function(expr, reps = 3) {
  e <- substitute(expr)
  env <- parent.frame()
  min(replicate(reps, system.time(eval(e, env))[["elapsed"]]))
}
for (n in c(2e5, 1e6)) {
  m <- make(n)
  dir <- ifelse(m$spec$direction == "+", 1, -1)
  t_r <- time_it(composite_index(m$d, m$spec, "id", "year"))
  idx <- composite_index(m$d, m$spec, "id", "year")
  t_b <- time_it(base_topsis(m$x, dir))
  ref <- base_topsis(m$x, dir)
  stopifnot(isTRUE(all.equal(idx$scores$score, ref)))
  cat(sprintf("n = %7d x 30: regineq %.3f s (validation included), base R %.3f s, ratio %.1fx\n",
              as.integer(n), t_r, t_b, t_b / t_r))
}
if (requireNamespace("topsis", quietly = TRUE)) {
  # CRAN topsis recomputes every column norm inside a double loop over cells
  # (O(n^2 p)), so it is timed on small panels only; it uses fixed weights
  # and vector normalisation, so only the times compare.
  for (n in c(2000, 5000)) {
    m <- make(n)
    imp <- ifelse(m$spec$direction == "+", "+", "-")
    t_t <- time_it(topsis::topsis(m$x, rep(1 / 30, 30), imp), 1)
    t_r <- time_it(composite_index(m$d, m$spec, "id", "year"))
    cat(sprintf("n = %d x 30: CRAN topsis %.3f s, regineq %.4f s, ratio %.0fx\n",
                as.integer(n), t_t, t_r, t_t / t_r))
  }
} else {
  cat("CRAN topsis not installed; skipped\n")
}
