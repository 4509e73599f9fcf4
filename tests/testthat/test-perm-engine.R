# The permutation engine (src/perm.c): the same counts on any number of
# threads, the thread count's sources and limits, the conditional
# permutation's exactness, and its calibration under the null.

# Every permutation verb on one panel, after the same seed.
all_verbs <- function(d, w, threads) {
  run <- function(f) {
    set.seed(42)
    f()
  }
  list(
    run(function() moran_local(d, "v", w, "id", "t", nsim = 499,
                               threads = threads)),
    run(function() moran_global(d, "v", w, "id", "t", nsim = 499,
                                threads = threads)),
    run(function() geary_local(d, "v", w, "id", "t", nsim = 499,
                               threads = threads)),
    run(function() geary_global(d, "v", w, "id", "t", nsim = 499,
                                threads = threads)),
    run(function() getis_local(d, "u", w, "id", "t", star = TRUE, nsim = 499,
                               threads = threads)),
    run(function() getis_local(d, "u", w, "id", "t", nsim = 499,
                               threads = threads)),
    run(function() getis_global(d, "u", w, "id", "t", nsim = 499,
                                threads = threads)),
    run(function() moran_bv(d, "v", "u", w, "id", "t", nsim = 499,
                            threads = threads)),
    run(function() moran_local_bv(d, "v", "u", w, "id", "t", nsim = 499,
                                  threads = threads)))
}

test_that("1, 2 and 4 threads give the same p-values, bit for bit", {
  # 16 x 16 = 256 regions, two periods; binary rook weights (equal weights
  # in a row: the binary-search path), row-standardised, and unequal
  # weights (the row-by-row path)
  m <- grid_weights(16, 16)
  n <- nrow(m)
  set.seed(5)
  unequal <- m * matrix(stats::runif(n * n, 0.5, 2), n)
  weights <- list(spatial_weights(m, style = "B"), spatial_weights(m),
                  spatial_weights(unequal, style = "none"))
  d <- data.frame(id = rep(rownames(m), 2), t = rep(1:2, each = n),
                  v = stats::rnorm(2 * n), u = stats::rexp(2 * n))
  for (w in weights) {
    one <- all_verbs(d, w, 1)
    expect_identical(all_verbs(d, w, 2), one)
    expect_identical(all_verbs(d, w, 4), one)
    # and the runs did permute: p-values vary over the regions
    expect_gt(length(unique(one[[1]]$p_sim)), 20)
  }
  # options(regineq.threads =) when `threads` is NULL
  old <- options(regineq.threads = 3)
  on.exit(options(old))
  expect_identical(all_verbs(d, weights[[3]], NULL),
                   all_verbs(d, weights[[3]], 1))
})

test_that("many short periods share parallel chunks and give the same counts", {
  # 400 periods of 36 regions: the global engine runs all periods'
  # permutations as one sequence cut into chunks, each period's draws from
  # its own streams; the local engine wakes the threads only for enough work
  m <- grid_weights(6, 6)
  n <- nrow(m)
  nt <- 400
  set.seed(8)
  d <- data.frame(id = rep(rownames(m), nt), t = rep(seq_len(nt), each = n),
                  v = stats::rnorm(n * nt), u = stats::rexp(n * nt))
  w <- spatial_weights(m)
  one <- all_verbs(d, w, 1)
  expect_identical(all_verbs(d, w, 2), one)
  # every period draws from its own streams: the same values in every
  # period get other p-values in each
  same <- transform(d, v = rep(v[seq_len(n)], nt))
  for (k in 1:2) {
    set.seed(3)
    p <- moran_global(same, "v", w, "id", "t", nsim = 99, threads = k)$p_sim
    expect_gt(length(unique(p)), 10)
  }
})

test_that("permutations evaluated together are each compared with their own period", {
  # the global engine evaluates permutations four at a time, and with
  # nsim = 3 a group holds permutations of two periods. Periods alternate
  # between a gradient (Moran's I far above any permutation's, Geary's C
  # below) and a checkerboard (I = -1, the least any arrangement reaches;
  # C the largest), so each permutation's side is known: every count is 0
  # or nsim, and the p-values are exactly 1 / 4 or 1
  m <- grid_weights(6, 6)
  w <- spatial_weights(m, style = "B")
  rc <- expand.grid(r = 1:6, c = 1:6)
  grad <- rc$r + rc$c
  check <- ifelse((rc$r + rc$c) %% 2 == 0, 1, -1)
  nt <- 9
  kind <- rep(c("grad", "check"), length.out = nt)
  d <- data.frame(id = rep(rownames(m), nt), t = rep(seq_len(nt), each = 36),
                  v = unlist(lapply(kind, function(k) {
                    if (k == "grad") grad else check
                  })))
  expect_equal(moran_global(d[d$t == 2, ], "v", w, "id")$I, -1)
  p <- function(f, alt) {
    set.seed(11)
    f(d, "v", w, "id", "t", nsim = 3, alternative = alt)$p_sim
  }
  hi <- ifelse(kind == "grad", 1 / 4, 1)
  lo <- ifelse(kind == "grad", 1, 1 / 4)
  expect_identical(p(moran_global, "greater"), hi)
  expect_identical(p(moran_global, "less"), lo)
  # Geary's C is small where Moran's I is large
  gg <- p(geary_global, "greater")
  gl <- p(geary_global, "less")
  expect_true(all(sort(c(gg[1], gl[1])) == c(1 / 4, 1)))
  expect_identical(gg == gg[1], kind == "grad")
  expect_identical(gl == gl[1], kind == "grad")
  expect_identical(gg + gl, rep(5 / 4, nt))
})

test_that("the shuffle's batched draws are the draws of one step at a time", {
  # the shuffle takes two draws from each 64-bit output and goes one at a
  # time only where one of them might be rejected (probability about
  # 2 n / 2^32 per pair): at n = 300,000 that happens some 20 times per
  # shuffle, and n = 2..40 covers the ends of the 256-draw runs. The
  # four-stream shuffle of the global statistics (AVX2 where the processor
  # has it, mode 2, and without, mode 3) must give each stream's
  # permutation; at n = 2e6 some stream rejects in one pair step in 250
  # and its run goes back to one stream at a time
  draws <- function(n, id, mode) {
    .Call(regineq:::C_regineq_shuffle_draws, 123456789, 987654321, id, n,
          mode)
  }
  simd <- !is.na(draws(8, 0, 2L)[1])
  if (identical(Sys.getenv("CI"), "true") && R.version$arch == "x86_64") {
    # the CI machine has AVX2: the vector path is tested there
    expect_true(simd)
  }
  for (n in c(2:40, 255:258, 511:514, 3e5, 2e6)) {
    for (id in if (n > 1e5) c(0, 9) else c(0, 5)) {
      one <- vapply(0:3, function(p) draws(n, id + p, 0L), numeric(n))
      dim(one) <- c(n, 4L)
      expect_identical(draws(n, id, 1L), one[, 1], label = paste(n, id))
      expect_identical(draws(n, id, 3L), one, label = paste(n, id, "x4"))
      if (simd) {
        expect_identical(draws(n, id, 2L), one,
                         label = paste(n, id, "x4 AVX2"))
      }
    }
  }
  # a permutation of 1..n, and different streams differ
  p <- draws(3e5, 0, 1L)
  expect_identical(sort(p), as.numeric(seq_len(3e5)))
  expect_false(identical(p, draws(3e5, 1, 1L)))
  expect_error(draws(10, 0, 4L), "invalid arguments")
})

test_that("the thread count is checked, and capped by OMP_THREAD_LIMIT", {
  d <- data.frame(id = paste0("c", 1:9), v = c(3, 1, 4, 1, 5, 9, 2, 6, 5))
  w <- spatial_weights(grid_weights(3, 3))
  for (bad in list(0, 1.5, NA, "2", c(1, 2), -1, Inf, 2000)) {
    expect_error(moran_local(d, "v", w, "id", threads = bad),
                 class = "regineq_error_value", regexp = "`threads`")
  }
  expect_error(geary_global(d, "v", w, "id", nsim = 9, threads = 0),
               class = "regineq_error_value")
  old <- options(regineq.threads = "many")
  on.exit(options(old))
  expect_error(moran_global(d, "v", w, "id", nsim = 9),
               class = "regineq_error_value",
               regexp = "options\\(regineq.threads =\\)")
  options(old)
  expect_identical(regineq:::resolve_threads(NULL), 2L)
  expect_identical(regineq:::resolve_threads(4), 4L)
  withr_env <- Sys.getenv("OMP_THREAD_LIMIT", NA)
  Sys.setenv(OMP_THREAD_LIMIT = "1")
  on.exit(if (is.na(withr_env)) Sys.unsetenv("OMP_THREAD_LIMIT") else
    Sys.setenv(OMP_THREAD_LIMIT = withr_env), add = TRUE)
  expect_identical(regineq:::resolve_threads(4), 1L)
  expect_identical(regineq:::resolve_threads(NULL), 1L)
  Sys.setenv(OMP_THREAD_LIMIT = "junk")
  expect_identical(regineq:::resolve_threads(4), 4L)
})

test_that("a region never draws its own value, and draws without replacement", {
  # one region stands out (1), all others are 0: for that region every
  # permutation places only others' values at its neighbours, so its
  # permuted statistic always equals the observed one (its neighbours hold
  # 0 too) and both one-sided p-values are exactly 1; a single self-draw
  # would move one permuted statistic and the p-value below 1
  m <- grid_weights(5, 5)
  for (i in c(1, 7, 13, 25)) {
    d <- data.frame(id = rownames(m), v = as.numeric(seq_len(25) == i))
    for (w in list(spatial_weights(m), spatial_weights(m, style = "B"))) {
      for (alt in c("greater", "less")) {
        set.seed(i)
        ml <- moran_local(d, "v", w, "id", nsim = 999, alternative = alt)
        expect_equal(ml$p_sim[i], 1, label = paste("moran", i, alt))
        set.seed(i)
        # Gi* (G_i's denominator, the sum of the others, is 0 here)
        gl <- getis_local(d, "v", w, "id", star = TRUE, nsim = 999,
                          alternative = alt)
        expect_equal(gl$p_sim[i], 1, label = paste("getis", i, alt))
        set.seed(i)
        cl <- geary_local(d, "v", w, "id", nsim = 999, alternative = alt)
        expect_equal(cl$p_sim[i], 1, label = paste("geary", i, alt))
      }
    }
  }
  # without replacement: with binary weights a neighbour's lag of the
  # values above holds the one 1 at most once, so for a region next to it
  # no permuted lag exceeds the observed 1, and "greater" has G = nsim
  d <- data.frame(id = rownames(m), v = as.numeric(seq_len(25) == 13))
  set.seed(3)
  gl <- getis_local(d, "v", spatial_weights(m, style = "B"), "id",
                    nsim = 999, alternative = "less")
  nbrs <- which(m[13, ] > 0)
  expect_equal(gl$p_sim[nbrs], rep(1, length(nbrs)))
})

test_that("under the null 5% tests reject at the rate the discreteness allows", {
  # 10 independent null fields on a 30 x 30 grid, 199 permutations: a
  # two-sided p_sim = 2 (min(G, L) + 1) / 200 is below 0.05 exactly when
  # min(G, L) <= 3, which has probability 8 / 200 = 0.04 under the null
  w <- spatial_weights(grid_edges(30, 30))
  set.seed(11)
  fields <- data.frame(id = rep(w$ids, 10), t = rep(1:10, each = w$n),
                       v = stats::rnorm(10 * w$n))
  for (k in c(1, 2)) {
    set.seed(12)
    ml <- moran_local(fields, "v", w, "id", "t", nsim = 199, threads = k)
    rate <- mean(ml$p_sim < 0.05)
    expect_gt(rate, 0.034)
    expect_lt(rate, 0.046)
  }
  # unequal weights: the row-by-row path
  m <- grid_weights(30, 30)
  wu <- spatial_weights(m * matrix(stats::runif(900^2, 0.5, 2), 900),
                        style = "none")
  set.seed(13)
  rate <- mean(moran_local(fields, "v", wu, "id", "t", nsim = 199)$p_sim < 0.05)
  expect_gt(rate, 0.034)
  expect_lt(rate, 0.046)
})

test_that("bootstrap and permutation replicates are identical on 1, 2 and 4 threads", {
  # each replicate draws from its own stream and fills its own slice, on
  # whichever thread runs it
  set.seed(8)
  n_reg <- 400L
  d <- data.frame(id = rep(seq_len(n_reg), 3), t = rep(1:3, each = n_reg),
                  g = rep(sample(c("e", "c", "w"), n_reg, TRUE), 3),
                  y = stats::rlnorm(3 * n_reg), pop = stats::runif(3 * n_reg))
  fits <- list(dagum = dagum_gini(d, "y", "g", "t", id = "id"),
               weighted = dagum_gini(d, "y", "g", "t", id = "id",
                                     population = "pop"),
               theil = theil(d, "y", "g", "t", id = "id"))
  on_threads <- function(k, f) {
    old <- options(regineq.threads = k)
    on.exit(options(old))
    set.seed(3)
    f()
  }
  for (nm in names(fits)) {
    fit <- fits[[nm]]
    ci <- function() disparity_ci(fit, R = 199)
    bt <- function() between_test(fit, R = 199)
    one_ci <- on_threads(1L, ci)
    one_bt <- on_threads(1L, bt)
    for (k in c(2L, 4L)) {
      expect_identical(on_threads(k, ci), one_ci, info = paste(nm, k))
      expect_identical(on_threads(k, bt), one_bt, info = paste(nm, k))
    }
  }
})
