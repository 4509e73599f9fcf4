# Moran's I with 999 permutations on queen grids (n = 4,096 and 50,176):
# regineq on 1 and 2 threads against spdep::moran.mc, spdep::localmoran_perm
# and rgeoda::local_moran ("complete" and "lookup" permutations, 1 and 2
# threads); median of 3 runs (7 for regineq), ratios alternative / regineq
# on 2 threads. Global Moran on 2 threads and moran.mc take turns (three
# rounds of 3 regineq runs and one moran.mc run), so that their medians
# come from the same minutes.
# Then moran_local() with 9,999 permutations on 10^6 regions (1,000 x 1,000
# rook grid), with the memory R allocates for it. Run by hand:
# Rscript bench/bench-moran.R
suppressMessages({
  library(regineq)
  library(spdep)
})
have_geoda <- requireNamespace("rgeoda", quietly = TRUE) &&
  requireNamespace("sf", quietly = TRUE)
# the median of k runs: 3 for the alternatives, 7 for regineq's short runs
# (this VM's second vCPU stalls now and then; one stall moves a median of
# 3 runs of 20 ms)
med3 <- function(expr, k = 3) {
  e <- substitute(expr)
  env <- parent.frame()
  stats::median(replicate(k, system.time(eval(e, env))[["elapsed"]]))
}
# regineq (k runs) and an alternative (one run) in turn, `rounds` times:
# both medians then come from the same minutes (this VM's speed drifts by a
# third within minutes, and medians taken minutes apart compare two
# machines)
paired <- function(ours, theirs, rounds = 3, k = 3) {
  a <- b <- numeric()
  for (r in seq_len(rounds)) {
    a <- c(a, replicate(k, system.time(ours())[["elapsed"]]))
    b <- c(b, system.time(theirs())[["elapsed"]])
  }
  c(ours = stats::median(a), theirs = stats::median(b))
}
row <- function(what, t, ref) {
  cat(sprintf("  %-38s %8.3f s  %6.1fx\n", what, t, t / ref))
}
for (side in c(64, 224)) {
  n <- side * side
  # the same queen grid for every package: sf cells, neighbours by spdep
  grid <- sf::st_sf(geometry = sf::st_make_grid(
    sf::st_as_sfc(sf::st_bbox(c(xmin = 0, ymin = 0, xmax = side,
                                ymax = side))), n = c(side, side)))
  set.seed(1)
  grid$v <- stats::rnorm(n)
  nb <- spdep::poly2nb(grid, queen = TRUE)
  lw <- spdep::nb2listw(nb, style = "W")
  w <- spatial_weights(lw)
  d <- data.frame(id = w$ids, v = grid$v)
  tg1 <- med3(moran_global(d, "v", w, "id", nsim = 999, threads = 1), k = 7)
  pg <- paired(function() moran_global(d, "v", w, "id", nsim = 999,
                                       threads = 2),
               function() spdep::moran.mc(grid$v, lw, nsim = 999))
  tg <- c(tg1, pg[["ours"]])
  tl <- sapply(1:2, function(k) med3(moran_local(d, "v", w, "id",
                                                 nsim = 999, threads = k),
                                     k = 7))
  cat(sprintf("%dx%d queen (n = %d), 999 permutations; ratio = time / regineq on 2 threads\n",
              side, side, n))
  cat("global Moran's I\n")
  row("regineq, 1 thread", tg[1], tg[2])
  row("regineq, 2 threads", tg[2], tg[2])
  row("spdep::moran.mc", pg[["theirs"]], tg[2])
  cat("local Moran's I\n")
  row("regineq, 1 thread", tl[1], tl[2])
  row("regineq, 2 threads", tl[2], tl[2])
  if (have_geoda) {
    qw <- rgeoda::queen_weights(grid)
    for (m in c("complete", "lookup")) for (k in 1:2) {
      row(sprintf("rgeoda %s, %d thread%s", m, k, if (k > 1) "s" else ""),
          med3(rgeoda::local_moran(qw, grid["v"], permutations = 999,
                                   permutation_method = m, cpu_threads = k)),
          tl[2])
    }
  } else {
    cat("  rgeoda not installed; skipped\n")
  }
  row("spdep::localmoran_perm",
      system.time(spdep::localmoran_perm(grid$v, lw, nsim = 999))[["elapsed"]],
      tl[2])
}

# 10^6 regions, 9,999 permutations: time, and the memory allocated by R
# (gc()'s maximum; the C engine's blocks come from R_alloc and count)
side <- 1000
cell <- function(r, c) (c - 1) * side + r
right <- expand.grid(r = seq_len(side), c = seq_len(side - 1))
down <- expand.grid(r = seq_len(side - 1), c = seq_len(side))
w <- spatial_weights(data.frame(
  from = paste0("c", c(cell(right$r, right$c), cell(down$r, down$c))),
  to = paste0("c", c(cell(right$r, right$c + 1), cell(down$r + 1, down$c)))))
set.seed(2)
d <- data.frame(id = w$ids, v = stats::rnorm(w$n))
for (k in 1:2) {
  invisible(gc(reset = TRUE))
  before <- sum(gc()[, 2])
  t <- system.time(ml <- moran_local(d, "v", w, "id", nsim = 9999,
                                     threads = k))[["elapsed"]]
  peak <- sum(gc()[, 6])
  cat(sprintf("moran_local, 10^6 regions (rook), 9,999 permutations, %d thread%s: %.1f s, R memory peak %.0f MB (%.0f MB before)\n",
              k, if (k > 1) "s" else "", t, peak, before))
  rm(ml)
}
