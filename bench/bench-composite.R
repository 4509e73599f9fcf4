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

# Every weighting scheme and normalisation of issue 16 at 10^6 rows x 30
# indicators, pooled, TOPSIS: regineq against the same formulas in
# vectorised base R (cor(), colSums(), sweep()), results checked equal.
base_scheme <- function(x, dir, scheme, norm = "minmax",
                        shift = if (norm == "minmax") 1e-4 else 0) {
  lo <- apply(x, 2, min)
  hi <- apply(x, 2, max)
  v <- switch(norm,
    minmax = sweep(sweep(x, 2, lo), 2, hi - lo, "/"),
    vector = sweep(x, 2, sqrt(colSums(x^2)), "/"),
    sum = sweep(x, 2, colSums(x), "/"))
  if (norm == "minmax") {
    v[, dir < 0] <- 1 - v[, dir < 0]
  } else {
    den <- switch(norm, vector = sqrt(colSums(x^2)), sum = colSums(x))
    v[, dir < 0] <- sweep(-sweep(x[, dir < 0], 2, hi[dir < 0]), 2,
                          den[dir < 0], "/")
  }
  v <- v + shift
  w <- switch(scheme,
    entropy = {
      p <- sweep(v, 2, colSums(v), "/")
      plp <- p * log(p)
      plp[p == 0] <- 0 # 0 ln 0 = 0 (shift 0 under vector and sum)
      d <- 1 + colSums(plp) / log(nrow(x))
      d / sum(d)
    },
    critic = {
      s <- apply(v, 2, stats::sd)
      cr <- s * colSums(1 - stats::cor(v))
      cr / sum(cr)
    },
    cv = {
      s <- apply(v, 2, stats::sd) / colMeans(v)
      s / sum(s)
    },
    sd = {
      s <- apply(v, 2, stats::sd)
      s / sum(s)
    },
    equal = rep(1 / ncol(x), ncol(x)))
  z <- sweep(v, 2, w, "*")
  dp <- sqrt(rowSums(sweep(z, 2, apply(z, 2, max))^2))
  dm <- sqrt(rowSums(sweep(z, 2, apply(z, 2, min))^2))
  dm / (dp + dm)
}
m <- make(1e6)
dir <- ifelse(m$spec$direction == "+", 1, -1)
cat("\n10^6 rows x 30 indicators, pooled TOPSIS, by scheme and normalisation:\n")
runs <- rbind(data.frame(scheme = c("entropy", "critic", "cv", "sd", "equal"),
                         norm = "minmax"),
              data.frame(scheme = "entropy", norm = c("vector", "sum")),
              data.frame(scheme = "critic", norm = "vector"))
for (k in seq_len(nrow(runs))) {
  sc <- runs$scheme[k]
  nm <- runs$norm[k]
  t_r <- time_it(composite_index(m$d, m$spec, "id", "year", weights = sc,
                                 normalisation = nm))
  t_b <- time_it(base_scheme(m$x, dir, sc, nm), 1)
  idx <- composite_index(m$d, m$spec, "id", "year", weights = sc,
                         normalisation = nm)
  stopifnot(isTRUE(all.equal(idx$scores$score, base_scheme(m$x, dir, sc, nm))))
  cat(sprintf("  %-8s %-7s regineq %.3f s, base R %.3f s, ratio %.1fx\n", sc,
              nm, t_r, t_b, t_b / t_r))
}
t_r <- time_it(composite_index(m$d, m$spec, "id", "year",
                               weights = c("entropy", "critic"),
                               combine = "geometric"))
cat(sprintf("  entropy x CRITIC (geometric) regineq %.3f s\n", t_r))
m$d$id <- rep(seq_len(nrow(m$d) / 10), each = 10)
m$d$year <- rep(1:10, nrow(m$d) / 10)
t_r <- time_it(composite_index(m$d, m$spec, "id", "year", weights = "critic",
                               scope = "time"))
cat(sprintf("  critic, time scope (10 periods) regineq %.3f s\n", t_r))
idx <- composite_index(m$d, m$spec, "id", "year")
t_o <- time_it(obstacle_degree(idx))
cat(sprintf("  obstacle_degree() on the same index (3 x 10^7 rows out) %.3f s\n", t_o))

# The rank agreement behind index_robustness(): Spearman and Kendall's
# tau-b of one variant against the baseline (Knight's O(n log n) in C),
# against stats::cor(), whose Kendall is O(n^2).
cat("\nRank correlations of one variant against the baseline:\n")
for (n in c(1e4, 1e6)) {
  set.seed(2)
  x <- round(stats::rnorm(n), 3)
  y <- x + round(stats::rnorm(n), 3)
  rk <- function() .Call(regineq:::C_regineq_rank_compare, x, list(y),
                         rep(1L, n), 1L)
  t_r <- time_it(rk())
  t_s <- time_it(stats::cor(x, y, method = "spearman"))
  if (n <= 1e4) {
    t_k <- time_it(stats::cor(x, y, method = "kendall"), 1)
    r <- rk()
    stopifnot(isTRUE(all.equal(as.vector(r$kendall),
                               stats::cor(x, y, method = "kendall"))))
    cat(sprintf("  n = %7d: regineq (both) %.4f s; cor() Spearman %.4f s, Kendall %.3f s (%.0fx)\n",
                as.integer(n), t_r, t_s, t_k, t_k / t_r))
  } else {
    cat(sprintf("  n = %7d: regineq (both) %.3f s; cor() Spearman %.3f s, Kendall not run (O(n^2))\n",
                as.integer(n), t_r, t_s))
  }
}
t_rb <- time_it(index_robustness(nqpf_indicators, nqpf_spec, "province",
                                 "year"))
cat(sprintf("  index_robustness() on nqpf_indicators (26 variants): %.3f s\n",
            t_rb))
