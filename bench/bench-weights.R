# kNN and distance-band weights from coordinates: regineq vs
# spdep::knearneigh() + knn2nb() and spdep::dnearneigh(), on planar grids
# and random long/lat points over China's extent. Median of 3 runs.
# Run by hand: Rscript bench/bench-weights.R
suppressMessages({
  library(regineq)
  library(spdep)
})
time_it <- function(expr, runs = 3) {
  expr <- substitute(expr)
  env <- parent.frame()
  stats::median(vapply(seq_len(runs), function(r)
    system.time(eval(expr, env))[["elapsed"]], numeric(1)))
}
row <- function(what, n, t_r, t_s) {
  cat(sprintf("%-34s n = %9s  regineq %7.3f s  spdep %8.3f s  ratio %6.1fx\n",
              what, format(n, big.mark = ","), t_r, t_s, t_s / t_r))
}
# planar grids; a band of radius 1.5 gives the 8 queen neighbours
for (side in c(64, 224)) {
  g <- as.matrix(expand.grid(x = seq_len(side), y = seq_len(side)))
  n <- nrow(g)
  row("grid kNN k = 8", n,
      time_it(knn_weights(g, k = 8, longlat = FALSE)),
      time_it(knn2nb(knearneigh(g, k = 8))))
  row("grid band [0, 1.5]", n,
      time_it(distance_weights(g, upper = 1.5, longlat = FALSE, power = 0)),
      time_it(dnearneigh(g, 0, 1.5)))
}
# random long/lat points over China's extent; 150 km gives ~8 neighbours
# at n = 2,800, 40 km at n = 50,000
for (n in c(2800, 50000)) {
  set.seed(1)
  ll <- cbind(stats::runif(n, 73, 135), stats::runif(n, 18, 54))
  up <- if (n < 10000) 150 else 40
  runs <- if (n < 10000) 3 else 1
  row("long/lat kNN k = 8", n,
      time_it(knn_weights(ll, k = 8, longlat = TRUE)),
      time_it(knn2nb(knearneigh(ll, k = 8, longlat = TRUE)), runs))
  row(sprintf("long/lat band [0, %d km]", up), n,
      time_it(distance_weights(ll, upper = up, longlat = TRUE)),
      time_it(dnearneigh(ll, 0, up, longlat = TRUE), runs))
}
# regineq alone at 10^6 points
set.seed(1)
n <- 1e6
xy <- cbind(stats::runif(n), stats::runif(n))
ll <- cbind(stats::runif(n, 73, 135), stats::runif(n, 18, 54))
t_p <- time_it(knn_weights(xy, k = 6, longlat = FALSE))
t_l <- time_it(knn_weights(ll, k = 6, longlat = TRUE))
t_c <- time_it(.Call(regineq:::C_regineq_knn, ll, 6L, TRUE))
cat(sprintf("10^6 points k = 6: planar %.2f s, long/lat %.2f s (C search alone %.2f s)\n",
            t_p, t_l, t_c))
