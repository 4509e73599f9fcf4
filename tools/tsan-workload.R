# The workload of tools/tsan.sh: every permutation verb on 2 and 4 threads
# (global permutations shared among threads, local regions shared among
# threads; equal weights for the binary-search path and unequal ones for
# the row-by-row path), each checked against 1 thread.
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
cat("runs differing from 1 thread:", bad, "\n")
if (bad > 0L) quit(status = 1L)
