# Local statistics with 999 conditional permutations on a 224 x 224 queen
# grid (50,176 regions): Getis-Ord Gi*, local Geary and the local bivariate
# Moran's I of regineq against spdep (localG_perm, localC_perm,
# localmoran_bv) and rgeoda (local_gstar, local_geary, local_bimoran) when
# installed. Run by hand: Rscript bench/bench-local.R
suppressMessages({
  library(regineq)
  library(spdep)
})
time_it <- function(expr) system.time(expr)[["elapsed"]]
best_of <- function(expr, k = 3) {
  e <- substitute(expr)
  min(vapply(seq_len(k), function(i) time_it(eval(e, parent.frame(3))), 0))
}
side <- 224
nb <- spdep::cell2nb(side, side, type = "queen")
n <- side * side
set.seed(1)
x <- stats::runif(n) + rep(seq(0, 1, length.out = side), side)
y <- x + stats::rnorm(n, sd = 0.3)
d <- data.frame(id = attr(nb, "region.id"), x = x, y = y)
lw_w <- spdep::nb2listw(nb, style = "W")
lw_self <- spdep::nb2listw(spdep::include.self(nb), style = "B")
w_w <- spatial_weights(lw_w)
w_b <- spatial_weights(spdep::nb2listw(nb, style = "B"))
cat(sprintf("%dx%d queen grid, n = %d, 999 permutations, best of 3 for regineq, one run for the others\n",
            side, side, n))
row <- function(what, t_r, t_o, other) {
  cat(sprintf("  %-22s regineq %6.2f s | %-28s %7.2f s | ratio %5.1fx\n",
              what, t_r, other, t_o, t_o / t_r))
}
t_r <- best_of(getis_local(d, "x", w_b, "id", star = TRUE, nsim = 999))
t_o <- time_it(spdep::localG_perm(x, lw_self, nsim = 999))
row("Gi*", t_r, t_o, "spdep::localG_perm")
if (exists("geary_local", asNamespace("regineq"))) {
  t_r <- best_of(geary_local(d, "x", w_w, "id", nsim = 999))
  t_o <- time_it(spdep::localC_perm(x, lw_w, nsim = 999))
  row("local Geary", t_r, t_o, "spdep::localC_perm")
}
if (exists("moran_local_bv", asNamespace("regineq"))) {
  t_r <- best_of(moran_local_bv(d, "x", "y", w_w, "id", nsim = 999))
  t_o <- time_it(spdep::localmoran_bv(x, y, lw_w, nsim = 999))
  row("bivariate local Moran", t_r, t_o, "spdep::localmoran_bv")
}
if (requireNamespace("rgeoda", quietly = TRUE) &&
    requireNamespace("sf", quietly = TRUE)) {
  grid <- sf::st_sf(geometry = sf::st_make_grid(
    sf::st_as_sfc(sf::st_bbox(c(xmin = 0, ymin = 0, xmax = side,
                                ymax = side))), n = c(side, side)))
  grid$x <- x
  grid$y <- y
  qw <- rgeoda::queen_weights(grid)
  th <- parallel::detectCores()
  t_o <- time_it(rgeoda::local_gstar(qw, grid["x"], permutations = 999))
  row("Gi*", best_of(getis_local(d, "x", w_b, "id", star = TRUE,
                                 nsim = 999)), t_o,
      sprintf("rgeoda::local_gstar (%d thr)", th))
  if (exists("geary_local", asNamespace("regineq"))) {
    t_o <- time_it(rgeoda::local_geary(qw, grid["x"], permutations = 999))
    row("local Geary", best_of(geary_local(d, "x", w_w, "id", nsim = 999)),
        t_o, sprintf("rgeoda::local_geary (%d thr)", th))
  }
  if (exists("moran_local_bv", asNamespace("regineq"))) {
    t_o <- time_it(rgeoda::local_bimoran(qw, grid[c("x", "y")],
                                         permutations = 999))
    row("bivariate local Moran",
        best_of(moran_local_bv(d, "x", "y", w_w, "id", nsim = 999)), t_o,
        sprintf("rgeoda::local_bimoran (%d thr)", th))
  }
} else {
  cat("  rgeoda not installed: skipped\n")
}
