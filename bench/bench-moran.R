# Moran's I with 999 permutations: regineq vs spdep::moran.mc and
# spdep::localmoran_perm on rook grids. Run by hand: Rscript bench/bench-moran.R
suppressMessages({
  library(regineq)
  library(spdep)
})
time_it <- function(expr) system.time(expr)[["elapsed"]]
for (side in c(64, 224)) {
  nb <- spdep::cell2nb(side, side, type = "queen")
  lw <- spdep::nb2listw(nb, style = "W")
  n <- side * side
  set.seed(1)
  x <- stats::rnorm(n)
  d <- data.frame(id = attr(nb, "region.id"), v = x)
  w <- spatial_weights(lw)
  t_g <- time_it(moran_global(d, "v", w, "id", nsim = 999))
  t_l <- time_it(moran_local(d, "v", w, "id", nsim = 999))
  t_sg <- time_it(spdep::moran.mc(x, lw, nsim = 999))
  t_sl <- time_it(spdep::localmoran_perm(x, lw, nsim = 999))
  cat(sprintf(paste0("%dx%d queen (n = %d), 999 permutations:\n",
                     "  global: regineq %.2f s, spdep::moran.mc %.2f s, ratio %.0fx\n",
                     "  local:  regineq %.2f s, spdep::localmoran_perm %.2f s, ratio %.0fx\n"),
              side, side, n, t_g, t_sg, t_sg / t_g, t_l, t_sl, t_sl / t_l))
}
if (requireNamespace("rgeoda", quietly = TRUE) &&
    requireNamespace("sf", quietly = TRUE)) {
  for (side in c(64, 224)) {
    grid <- sf::st_sf(geometry = sf::st_make_grid(
      sf::st_as_sfc(sf::st_bbox(c(xmin = 0, ymin = 0, xmax = side,
                                  ymax = side))), n = c(side, side)))
    set.seed(1)
    grid$v <- stats::rnorm(nrow(grid))
    qw <- rgeoda::queen_weights(grid)
    nb <- spdep::poly2nb(grid, queen = TRUE)
    w <- spatial_weights(nb)
    d <- data.frame(id = w$ids, v = grid$v)
    t_g <- time_it(rgeoda::local_moran(qw, grid["v"], permutations = 999))
    t_r <- time_it(moran_local(d, "v", w, "id", nsim = 999))
    cat(sprintf("%dx%d queen: local Moran 999 permutations: rgeoda %.2f s (%d threads by default), regineq %.2f s, ratio %.1fx\n",
                side, side, t_g, parallel::detectCores(), t_r, t_g / t_r))
  }
} else {
  cat("rgeoda not installed; skipped\n")
}
