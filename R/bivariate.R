#' Global bivariate Moran's I by period
#'
#' \deqn{I_B = \frac{\sum_i z_{x,i} \sum_j w_{ij} z_{y,j}}{\sum_i z_{x,i}^2},
#' \quad z_x = \frac{x - \bar x}{s_x}, \; z_y = \frac{y - \bar y}{s_y}}{I_B =
#' sum_i z_x,i sum_j w_ij z_y,j / sum_i z_x,i^2,   z_x = (x - mean(x)) / sd(x),
#' z_y = (y - mean(y)) / sd(y)}
#' the association between `x` in a region and the spatial lag of `y` at its
#' neighbours (Wartenberg 1985; Anselin, Syabri and Smirnov 2002), exactly
#' as `spdep::moran_bv()` (its `t0`): both columns are standardised within
#' each period with the standard deviation on \eqn{n - 1}{n - 1} (R's
#' [scale()]), so the denominator is \eqn{n - 1}{n - 1}. Unlike
#' [moran_global()] there is no factor \eqn{n / S_0}{n / S0}: with
#' row-standardised weights \eqn{I_B(x, x)}{I_B(x, x)} is Moran's I of `x`,
#' with other weights it is Moran's I times \eqn{S_0 / n}{S0 / n}, and
#' \eqn{I_B}{I_B} scales with the weights. It is not symmetric:
#' \eqn{I_B(x, y) \neq I_B(y, x)}{I_B(x, y) != I_B(y, x)} in general.
#'
#' There are no analytical moments (spdep has none either). With
#' `nsim > 0`, the pairs \eqn{(x_i, y_i)}{(x_i, y_i)} are permuted `nsim`
#' times across the regions, each region keeping its pair, as
#' `spdep::moran_bv()` does (`boot(sim = "permutation")` of the rows of
#' `(x, y)`): the null hypothesis is no spatial arrangement of the pairs,
#' whatever the correlation of `x` and `y` within a region. The draws are
#' made in C on a stream seeded from R's RNG ([set.seed()] reproduces
#' them); the pseudo p-value `p_sim` follows the conventions of
#' [spatial_pvalues] for `alternative`.
#'
#' Self-links (\eqn{w_{ii} \neq 0}{w_ii != 0}) are kept, as in spdep
#' (they move with their pair under the permutation). spdep refuses regions
#' without neighbours (islands); here their spatial lag is 0 (spdep's
#' `zero.policy = TRUE` lag), they stay in the standardisation and the
#' denominator, and they are permuted with the others, as in
#' `spdep::moran.mc()`.
#'
#' @inheritParams moran_global
#' @param x Name of the column whose value at region i enters the statistic.
#' @param y Name of the column whose spatial lag at region i enters it.
#' @param nsim Number of permutations (0 for the statistic alone).
#' @param alternative `"greater"` (default), `"less"`, `"two.sided"` or
#'   `"folded"`.
#' @return A data frame with one row per period: the period column (under
#'   its own name), `I`, and `p_sim` when `nsim > 0`; class
#'   `regineq_moran_bv`.
#' @references Wartenberg, D. (1985). Multivariate spatial correlation: a
#'   method for exploratory geographical analysis. Geographical Analysis
#'   17(4), 263-283.
#'
#'   Anselin, L., Syabri, I. and Smirnov, O. (2002). Visualizing
#'   multivariate spatial correlation with dynamically linked windows. In
#'   Anselin, L. and Rey, S. (eds.), New Tools for Spatial Data Analysis:
#'   Proceedings of the Specialist Meeting. Center for Spatially Integrated
#'   Social Science, University of California, Santa Barbara.
#' @family spatial
#' @export
#' @examples
#' d <- nqpf_indicators[nqpf_indicators$year >= 2022, ]
#' w <- china_weights(unique(d$province))
#' set.seed(1)
#' moran_bv(d, "rd_intensity", "labour_productivity", w, id = "province",
#'          time = "year", nsim = 199)
#' # a second column built in place: the score's growth against its level
#' p <- nqpf_potential
#' p$growth <- ave(p$score, p$province, FUN = function(s) c(NA, diff(s)))
#' p <- p[p$year > min(p$year), ]
#' moran_bv(p, "growth", "score", china_weights(unique(p$province)),
#'          id = "province", time = "year", nsim = 0)
moran_bv <- function(data, x, y, weights, id, time = NULL, nsim = 999,
                     alternative = c("greater", "less", "two.sided",
                                     "folded"),
                     contiguity = NULL, threads = NULL) {
  check_required(c("data", "x", "y", "weights", "id"))
  alternative <- check_choice(alternative, c("greater", "less", "two.sided",
                                             "folded"), "alternative")
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  bp <- bv_inputs(data, x, y, weights, id, time, contiguity,
                  what = "bivariate Moran's I", self_links = TRUE)
  w <- bp$w
  # the cross product scales with W: weights of an extreme scale are brought
  # into [0.5, 1) by a power of two (exact), and the product scaled back
  e <- weight_exponent(w$val)
  res <- .Call(C_regineq_moran_bv, as.vector(bp$zx), as.vector(bp$zy),
               bp$nt, w$rowptr, w$col, times_pow2(w$val, -e),
               as.integer(nsim), threads)
  out <- data.frame(I = times_pow2(res$cross, e) / colSums(bp$zx^2))
  if (nsim > 0) out$p_sim <- pseudo_p(res$ge, res$le, nsim, alternative)
  new_result_df(period_table(out, bp$pan), "regineq_moran_bv",
                time = time, value = x, y = y, nsim = nsim,
                alternative = alternative)
}

#' Local bivariate Moran's I by period
#'
#' \deqn{I_i = z_{x,i} \sum_j w_{ij} z_{y,j}}{I_i = z_x,i sum_j w_ij z_y,j}
#' with \eqn{z_x}{z_x} and \eqn{z_y}{z_y} standardised within each period
#' as in [moran_bv()] (standard deviation on \eqn{n - 1}{n - 1}): `Ii`
#' equals `spdep::localmoran_bv()`'s `Ibvi` (Anselin, Syabri and Smirnov
#' 2002). With `x = y` it is [moran_local()]'s `Ii` times
#' \eqn{(n - 1) / n}{(n - 1) / n} (local Moran divides by the variance on
#' \eqn{n}{n}), with the same permutation counts.
#'
#' Inference is by conditional permutation on the engine of
#' [moran_local()]: for region i, \eqn{x_i}{x_i} stays at i and the `y`
#' values at its neighbours are replaced `nsim` times by values drawn
#' without replacement from the other regions (in C; [set.seed()]
#' reproduces them; one table of draws per period serves every region, so
#' with `x = y` the pseudo p-values are those of [moran_local()] with the
#' same seed). `spdep::localmoran_bv()` draws the neighbours' `y` values
#' from the other regions with replacement, so its pseudo p-values differ
#' from these in distribution, not only by random draws. Pseudo p-values
#' follow the conventions of [spatial_pvalues] for `alternative`; spdep's
#' "Pr(folded) Sim" column is `alternative = "folded"`.
#'
#' The quadrant compares \eqn{z_{x,i}}{z_x,i} with 0 and the spatial lag
#' \eqn{\sum_j w_{ij} z_{y,j}}{sum_j w_ij z_y,j} with 0 (GeoDa's bivariate
#' LISA): High-High, Low-Low, High-Low, Low-High. The cluster is the
#' quadrant where `p_sim`, adjusted within each period by `p_adjust`, is at
#' most `alpha`, "Not significant" otherwise, and "Isolated" for a region
#' without neighbours, whose `Ii` is 0 (as spdep's lag with `zero.policy =
#' TRUE`; spdep's `localmoran_bv()` refuses islands) and whose `p_sim` and
#' `quadrant` are `NA`. Self-links are refused, as in [moran_local()]:
#' the conditional permutation cannot hold \eqn{w_{ii} y_i}{w_ii y_i} fixed.
#'
#' @inheritParams moran_bv
#' @inheritParams moran_local
#' @param nsim Number of permutations, at least 1 (there are no analytical
#'   moments).
#' @param alternative `"two.sided"` (default), `"greater"`, `"less"` or
#'   `"folded"`.
#' @return A data frame with one row per region and period: the period and
#'   id columns (under their own names), `value` (`x`), `y`, `lag` (the
#'   spatial lag of `y`, \eqn{\sum_j w_{ij} y_j}{sum_j w_ij y_j}, in the
#'   units of `y`), `z` and `lag_z` (\eqn{z_{x,i}}{z_x,i} and
#'   \eqn{\sum_j w_{ij} z_{y,j}}{sum_j w_ij z_y,j}, so that `Ii` = `z` *
#'   `lag_z`; the axes of the bivariate Moran scatterplot), `Ii`, `p_sim`,
#'   `quadrant`, `cluster`; class `regineq_moran_local_bv` for `plot()`
#'   ([plot-local]).
#' @references Anselin, L., Syabri, I. and Smirnov, O. (2002). Visualizing
#'   multivariate spatial correlation with dynamically linked windows. In
#'   Anselin, L. and Rey, S. (eds.), New Tools for Spatial Data Analysis:
#'   Proceedings of the Specialist Meeting. Center for Spatially Integrated
#'   Social Science, University of California, Santa Barbara.
#'
#'   Wartenberg, D. (1985). Multivariate spatial correlation: a method for
#'   exploratory geographical analysis. Geographical Analysis 17(4),
#'   263-283.
#' @family spatial
#' @export
#' @examples
#' d <- nqpf_indicators[nqpf_indicators$year == 2023, ]
#' w <- china_weights(unique(d$province))
#' set.seed(1)
#' lb <- moran_local_bv(d, "rd_intensity", "labour_productivity", w,
#'                      id = "province", nsim = 199)
#' head(lb)
#' table(lb$cluster)
moran_local_bv <- function(data, x, y, weights, id, time = NULL, nsim = 999,
                           alternative = c("two.sided", "greater", "less",
                                           "folded"),
                           p_adjust = "none", alpha = 0.05,
                           contiguity = NULL, threads = NULL) {
  check_required(c("data", "x", "y", "weights", "id"))
  alternative <- check_choice(alternative, c("two.sided", "greater", "less",
                                             "folded"), "alternative")
  p_adjust <- check_choice(p_adjust, stats::p.adjust.methods, "p_adjust")
  check_number(alpha, "alpha", min = 0, max = 1)
  check_number(nsim, "nsim", min = 1, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  bp <- bv_inputs(data, x, y, weights, id, time, contiguity,
                  what = "bivariate local Moran's I", self_links = FALSE)
  w <- bp$w
  n <- w$n
  nt <- bp$nt
  # the counts take the inputs of moran_local() (spatial_inputs()' scaling),
  # so that x = y reproduces its p-values bit for bit; every positive
  # per-period scale of u and a leaves them unchanged
  res <- .Call(C_regineq_local_perm, as.vector(bp$sp$zmats[[2L]]),
               as.vector(bp$sp$zmats[[1L]]), NULL, NULL, nt, w$rowptr, w$col,
               w$val, as.integer(nsim), threads)
  zx <- as.vector(bp$zx)
  lag_z <- res$lu / rep(bp$sy, each = n)
  rows <- rep(seq_len(n), diff(w$rowptr))
  ymat <- bp$sp$xmats[[2L]]
  lag_y <- vapply(seq_len(nt), function(t) {
    rowsum_by(w$val * ymat[w$col + 1L, t], rows, n)
  }, numeric(n))
  island <- rep(w$ids %in% w$islands, nt)
  tcode <- rep(seq_len(nt), each = n)
  out <- data.frame(id = bp$sp$id_values[rep(seq_len(n), nt)],
                    value = as.vector(bp$sp$xmats[[1L]]),
                    y = as.vector(ymat), lag = as.vector(lag_y),
                    z = zx, lag_z = lag_z, Ii = zx * lag_z,
                    stringsAsFactors = FALSE)
  names(out)[1L] <- id
  ps <- pseudo_p(res$ge, res$le, nsim, alternative)
  ps[island] <- NA_real_
  out$p_sim <- ps
  quad <- quadrant_labels(zx > 0, lag_z > 0, island)
  out$quadrant <- factor(quad, lisa_quadrants())
  out$cluster <- local_clusters(ps, tcode, p_adjust, alpha, quad, island,
                                lisa_quadrants())
  new_result_df(with_time(out, bp$pan, tcode), "regineq_moran_local_bv",
                time = time, id = id, value = x, y = y, nsim = nsim,
                alternative = alternative, p_adjust = p_adjust, alpha = alpha)
}

#' @export
print.regineq_moran_bv <- function(x, ...) {
  print_spatial_global(x, "regineq_moran_bv",
                       paste("bivariate Moran's I of `%s` and the spatial",
                             "lag of `%s`"))
}

#' @export
print.regineq_moran_local_bv <- function(x, n = 20, ...) {
  print_spatial_local(x, "regineq_moran_local_bv",
                      paste("local bivariate Moran's I of `%s` and the",
                            "spatial lag of `%s`"), n,
                      "Clusters")
}

# Private ---------------------------------------------------------------------

# Both bivariate verbs: `x` and `y` checked under their own argument names,
# then aligned with the weights by spatial_inputs(); `zx`, `zy` are the
# columns standardised per period as spdep does (scale(): sd on n - 1),
# from spatial_inputs()' centred and rescaled values, so that values near
# 1e300 never overflow; `sy` is the factor from those values to `zy`.
bv_inputs <- function(data, x, y, weights, id, time, contiguity, what,
                      self_links) {
  check_string(x, "x")
  check_string(y, "y")
  pan <- new_panel(data, id, time)
  for (arg in c("x", "y")) {
    col <- if (arg == "x") x else y
    v <- panel_values(pan, data, col, arg = arg)
    flat <- which(vapply(split(v, pan$time$code), function(u) {
      max(u) == min(u)
    }, TRUE))
    if (length(flat)) {
      where <- if (is.null(time)) "" else
        paste0(" in period ", enum(pan$time$levels[as.integer(names(flat))]))
      abort("`", arg, "` must vary across regions: column `", col,
            "` is constant", where, ".", class = "regineq_error_value")
    }
  }
  sp <- spatial_inputs(data, c(x, y), weights, id, time, contiguity,
                       what = what, min_regions = 3L, self_links = self_links,
                       local = !self_links)
  n <- sp$w$n
  sds <- lapply(sp$zmats, function(z) sqrt(colSums(z^2) / (n - 1)))
  list(w = sp$w, nt = sp$nt, pan = sp$pan, sp = sp,
       zx = sweep(sp$zmats[[1L]], 2L, sds[[1L]], "/"),
       zy = sweep(sp$zmats[[2L]], 2L, sds[[2L]], "/"), sy = sds[[2L]])
}
