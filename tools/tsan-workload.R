# The workload of tools/tsan.sh: every permutation verb on 2 and 4 threads
# (global permutations shared among threads, local regions shared among
# threads; equal weights for the binary-search path and unequal ones for
# the row-by-row path), then the composite index and the bootstrap and
# permutation replicates, each checked against 1 thread.
library(regineq)
side <- 20L
n <- side * side
m <- matrix(0, n, n)
for (r in seq_len(side)) for (c in seq_len(side)) {
  k <- (c - 1L) * side + r
  if (r < side) m[k, k + 1L] <- m[k + 1L, k] <- 1
  if (c < side) m[k, k + side] <- m[k + side, k] <- 1
}
ids <- paste0("c", seq_len(n))
dimnames(m) <- list(ids, ids)
set.seed(1)
unequal <- m * matrix(stats::runif(n * n, 0.5, 2), n)
d <- data.frame(id = rep(ids, 2), t = rep(1:2, each = n),
                v = stats::rnorm(2 * n), u = stats::rexp(2 * n))
runs <- list(
  function(w, k) moran_local(d, "v", w, "id", "t", nsim = 99, threads = k),
  function(w, k) moran_global(d, "v", w, "id", "t", nsim = 99, threads = k),
  function(w, k) geary_local(d, "v", w, "id", "t", nsim = 99, threads = k),
  function(w, k) geary_global(d, "v", w, "id", "t", nsim = 99, threads = k),
  function(w, k) getis_local(d, "u", w, "id", "t", star = TRUE, nsim = 99,
                             threads = k),
  function(w, k) getis_global(d, "u", w, "id", "t", nsim = 99, threads = k),
  function(w, k) moran_bv(d, "v", "u", w, "id", "t", nsim = 99, threads = k),
  function(w, k) moran_local_bv(d, "v", "u", w, "id", "t", nsim = 99,
                                threads = k))
bad <- 0L
for (w in list(spatial_weights(m), spatial_weights(unequal, style = "none"))) {
  for (f in runs) {
    set.seed(2)
    one <- f(w, 1L)
    for (k in c(2L, 4L)) {
      set.seed(2)
      if (!identical(f(w, k), one)) bad <- bad + 1L
    }
  }
}
# the other threaded kernels, on options(regineq.threads =): the composite
# index (the column scan, each indicator's statistics, the blocks of rows'
# scores) and the bootstrap and permutation replicates
on_threads <- function(k, f) {
  old <- options(regineq.threads = k)
  on.exit(options(old))
  set.seed(2)
  f()
}
big <- data.frame(id = rep(seq_len(2500), 4), t = rep(1:4, each = 2500))
for (j in 1:12) big[[paste0("x", j)]] <- stats::rexp(nrow(big))
spec <- data.frame(indicator = paste0("x", 1:12), direction = "+",
                   dimension = rep(c("a", "b"), 6))
ineq <- data.frame(id = rep(seq_len(400), 3), t = rep(1:3, each = 400),
                   g = rep(c("a", "b", "c", "d"), 300),
                   y = stats::rlnorm(1200), pop = stats::runif(1200))
dg <- dagum_gini(ineq, "y", "g", "t", id = "id", population = "pop")
# the index's numbers (the object also holds closures, never identical)
index_numbers <- function(...) {
  x <- composite_index(big, spec, "id", "t", ...)
  list(x$scores, x$weights, attr(x, "state")$stats)
}
others <- list(
  function() index_numbers(),
  function() index_numbers(weights = "critic", scope = "time",
                           method = "linear"),
  function() disparity_ci(dg, R = 49),
  function() between_test(dg, R = 49))
for (f in others) {
  one <- on_threads(1L, f)
  for (k in c(2L, 4L)) if (!identical(on_threads(k, f), one)) bad <- bad + 1L
}
cat("runs differing from 1 thread:", bad, "\n")
if (bad > 0L) quit(status = 1L)
