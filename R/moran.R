#' Global Moran's I by period
#'
#' \deqn{I = \frac{n}{S_0}\frac{\sum_i\sum_j w_{ij} z_i z_j}{\sum_i z_i^2},
#' \quad z = x - \bar x
#' }{I = (n / S0) sum_i sum_j w_ij z_i z_j / sum_i z_i^2,   z = x - mean(x)}
#' with its expectation \eqn{-1/(n-1)}{-1/(n - 1)} and variance under
#' randomisation (using the sample kurtosis) or normality, exactly as
#' `spdep::moran.test()`: the same \eqn{S_0, S_1, S_2}{S0, S1, S2}, and for
#' regions without neighbours (islands) spdep's convention: they stay in the
#' mean and the kurtosis, and \eqn{n}{n} is reduced by their number in
#' \eqn{I}{I} and its moments. Self-links (\eqn{w_{ii} \neq 0}{w_ii != 0}, as
#' from `spdep::include.self()` or a matrix with a non-zero diagonal) are kept
#' and count in \eqn{S_0, S_1, S_2}{S0, S1, S2} and in the cross product, as
#' in spdep. With
#' `nsim > 0`, the permutation pseudo p-value permutes all values `nsim`
#' times (in C, on xoshiro256** streams keyed from R's RNG, so
#' [set.seed()] reproduces it on any number of `threads`).
#'
#' \eqn{I}{I}, its moments and its permutation distribution do not change when
#' every weight is multiplied by the same constant. When the largest weight
#' is beyond \eqn{2^{\pm 100}}{2^(+-100)}, they are computed from the weights
#' multiplied by the power of two that brings the largest into \[0.5, 1):
#' weights of any scale (1e-170, 1e160) give the same result as the same
#' weights near 1, where \eqn{S_0^2}{S0^2} would otherwise under- or
#' overflow.
#'
#' Pseudo p-values and what is permuted: [spatial_pvalues].
#'
#' @param data A data frame, one row per region (and period).
#' @param value Name of the value column.
#' @param weights A `regineq_weights` object ([spatial_weights()],
#'   [china_weights()]), an spdep `listw` (used as given), a square matrix
#'   or spdep `nb` (row-standardised), or an sf object of polygons with
#'   `contiguity` (row-standardised contiguity weights, see
#'   [spatial_weights()]). Its ids must be exactly the regions of every
#'   period. The ids of an sf object are its column named like `id` (the
#'   data's region column) when it has one, else its row names; for another
#'   column, build the weights with `spatial_weights(x, id = "NAME")`.
#' @param id Name of the region column; its values must match the weights'
#'   ids.
#' @param time Optional name of the period column.
#' @param randomisation Variance under randomisation (default) or normality.
#' @param alternative `"greater"`, `"less"`, `"two.sided"` or `"folded"`.
#' @param nsim Number of permutations (0 for none).
#' @param threads Threads of the permutation engine: a whole number, or
#'   `NULL` for `getOption("regineq.threads", 2)`, never more than the
#'   environment variable `OMP_THREAD_LIMIT` allows (one thread where the
#'   package was built without OpenMP). The p-values do not depend on it:
#'   after [set.seed()] they are the same, bit for bit, on any number of
#'   threads ([spatial_pvalues]).
#' @param contiguity With sf polygons as `weights`: `"queen"` or `"rook"`.
#'   Required there, with no default: the two give different statistics, and
#'   a result should say which it used. Only for sf `weights`.
#' @return A data frame with one row per period: the period column (under its
#'   own name), `I`, `expected`, `variance`, `z`, `p_value`, and `p_sim` when
#'   `nsim > 0`; class `regineq_moran_global` for `plot()`.
#' @references Moran, P. A. P. (1950). Notes on continuous stochastic
#'   phenomena. Biometrika 37, 17-23. Cliff, A. D. and Ord, J. K. (1981).
#'   Spatial Processes. London: Pion.
#'
#'   Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025). Study on potential
#'   measurement, temporal-spatial differences and strategic focus of
#'   development of new quality productive forces. Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30,
#'   Table 3 (reproduced in `vignette("replicate-nqpf-potential")`).
#'   \doi{10.11835/j.issn.1008-5831.jg.2024.10.002}
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' moran_global(nqpf_potential, "score", w, id = "province", time = "year")
#' # sf polygons as weights: their column `NAME` holds the ids of `data`
#' if (requireNamespace("sf", quietly = TRUE)) {
#'   nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"),
#'                     quiet = TRUE)
#'   d <- data.frame(NAME = nc$NAME, rate = nc$SID79 / nc$BIR79)
#'   print(moran_global(d, "rate", nc, id = "NAME", contiguity = "queen"))
#' }
moran_global <- function(data, value, weights, id, time = NULL,
                         randomisation = TRUE,
                         alternative = c("greater", "less", "two.sided",
                                         "folded"),
                         nsim = 0, contiguity = NULL, threads = NULL) {
  check_required(c("data", "value", "weights", "id"))
  alternative <- check_choice(alternative, c("greater", "less", "two.sided",
                                             "folded"), "alternative")
  check_flag(randomisation, "randomisation")
  mp <- run_moran("global", data, value, weights, id, time,
                  nsim, min_regions = 4L, contiguity = contiguity,
                  threads = threads)
  # mp$w holds the weights, rescaled by a power of two when their scale is
  # extreme (see run_moran()):
  # S0^2, S1 and S2 stay far from under- and overflow, and I, E[I] and
  # Var[I], which do not depend on the scale of W, are unchanged
  w <- mp$w
  res <- mp$res
  n <- w$n
  na <- n - length(w$islands)
  z2 <- mp$zmat^2
  zz <- colSums(z2)
  K <- n * colSums(z2^2) / zz^2
  S <- constants_list(res$S)
  I <- na / S$S0 * res$cross / zz
  EI <- -1 / (na - 1)
  S02 <- S$S0^2
  VI <- if (randomisation) {
    (na * (S$S1 * (na^2 - 3 * na + 3) - na * S$S2 + 3 * S02) -
       K * (S$S1 * (na^2 - na) - 2 * na * S$S2 + 6 * S02)) /
      ((na - 1) * (na - 2) * (na - 3) * S02) - EI^2
  } else {
    rep((na^2 * S$S1 - na * S$S2 + 3 * S02) / (S02 * (na^2 - 1)) - EI^2,
        length(I))
  }
  z <- ifelse(VI > 0, (I - EI) / sqrt(pmax(VI, 0)), NA_real_)
  out <- data.frame(I = I, expected = EI, variance = VI, z = z,
                    p_value = normal_p(z, alternative))
  if (nsim > 0) out$p_sim <- pseudo_p(res$ge, res$le, nsim, alternative)
  new_result_df(period_table(out, mp$pan), "regineq_moran_global",
                time = time, value = value, nsim = nsim,
                alternative = alternative, randomisation = randomisation)
}

#' Local Moran's I (LISA) by period
#'
#' \eqn{I_i = z_i \sum_j w_{ij} z_j / m_2}{I_i = z_i sum_j w_ij z_j / m2}
#' with \eqn{m_2 = \sum_i z_i^2/n}{m2 = sum_i z_i^2 / n},
#' its conditional-randomisation expectation and variance, z and p, equal
#' to `spdep::localmoran()` with its defaults (`conditional = TRUE`,
#' `mlvar = TRUE`). With `nsim > 0`, conditional permutation: for each
#' region, the values at its neighbours are replaced `nsim` times by values
#' drawn without replacement from the other regions (in C; [set.seed()]
#' reproduces the result). As in PySAL's esda, one table of draws per period
#' serves every region: each region's reference distribution is exact, but
#' the pseudo p-values of different regions share random draws and are not
#' independent. Pseudo p-values: [spatial_pvalues].
#'
#' The quadrant compares each value with the mean and its spatial lag with
#' the mean lag (spdep's "mean" quadrants): High-High, Low-Low, High-Low,
#' Low-High. The cluster is the quadrant where the p-value (`p_sim` when
#' `nsim > 0`, else `p_value`, adjusted within each period by `p_adjust`) is
#' at most `alpha`, "Not significant" otherwise, and "Isolated" for a region
#' without neighbours, whose `Ii` is 0 (as in spdep) and whose `z`,
#' `p_value` and `p_sim` are `NA`.
#'
#' Weights that link a region to itself (\eqn{w_{ii} \neq 0}{w_ii != 0}) are refused:
#' the region's own value would sit in its lag, where the conditional
#' permutation replaces it by another region's value, and the conditional
#' moments assume \eqn{w_{ii} = 0}{w_ii = 0} (`spdep::localmoran()` refuses them
#' too). Set the diagonal to zero for `moran_local()`; [moran_global()]
#' accepts self-links.
#'
#' `Ii` and its expectation scale with the weights, and its variance with
#' their square; z and p do not. Weights whose largest is beyond
#' \eqn{2^{\pm 100}}{2^(+-100)} are rescaled by a power of two for the
#' computation, so that z and p stay exact at any scale of the weights;
#' at scales where the variance itself is beyond the range of doubles
#' (weights near 1e160 or 1e-170) `variance` is `Inf` or 0.
#'
#' @inheritParams moran_global
#' @param alternative `"two.sided"` (default), `"greater"`, `"less"` or
#'   `"folded"`.
#' @param p_adjust A method of [stats::p.adjust()], applied within each
#'   period.
#' @param alpha Significance level for the cluster labels.
#' @return A data frame with one row per region and period: the period and
#'   id columns (under their own names), `value` (the analysed value), `lag`
#'   (its spatial lag \eqn{\sum_j w_{ij} x_j}{sum_j w_ij x_j}), `Ii`,
#'   `expected`, `variance`,
#'   `z`, `p_value`, `p_sim` (when `nsim > 0`), `quadrant`, `cluster`; class
#'   `regineq_moran_local` for `plot()`. Any subset of its rows prints and
#'   plots as itself.
#' @references Anselin, L. (1995). Local indicators of spatial association -
#'   LISA. Geographical Analysis 27(2), 93-115.
#'
#'   Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025). Study on potential
#'   measurement, temporal-spatial differences and strategic focus of
#'   development of new quality productive forces. Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30,
#'   Fig. 2 (LISA scatterplots and clusters, 2010 and 2020).
#'   \doi{10.11835/j.issn.1008-5831.jg.2024.10.002}
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' set.seed(1)
#' ml <- moran_local(nqpf_potential, "score", w, id = "province",
#'                   time = "year", nsim = 199)
#' head(ml)
#' table(ml$cluster[ml$year == 2020])
moran_local <- function(data, value, weights, id, time = NULL, nsim = 999,
                        alternative = c("two.sided", "greater", "less",
                                        "folded"),
                        p_adjust = "none", alpha = 0.05, contiguity = NULL,
                        threads = NULL) {
  check_required(c("data", "value", "weights", "id"))
  alternative <- check_choice(alternative, c("two.sided", "greater", "less",
                                             "folded"), "alternative")
  p_adjust <- check_choice(p_adjust, stats::p.adjust.methods, "p_adjust")
  check_number(alpha, "alpha", min = 0, max = 1)
  mp <- run_moran("local", data, value, weights, id, time,
                  nsim, min_regions = 3L, contiguity = contiguity,
                  threads = threads)
  w <- mp$w
  res <- mp$res
  n <- w$n
  zmat <- mp$zmat
  m2 <- rep(colSums(zmat^2) / n, each = n)
  zv <- as.vector(zmat)
  rows <- rep(seq_len(n), diff(w$rowptr))
  # moments of I_i / 2^e from the weights divided by 2^e (exact, so that
  # ordinary weights give the same bits): W_i^2 neither under- nor
  # overflows, and z = (I_i - E) / sqrt(V) does not depend on the scale
  e <- weight_exponent(w$val)
  vs <- times_pow2(w$val, -e)
  Wi <- rep(rowsum_by(vs, rows, n), mp$nt)
  Wi2 <- rep(rowsum_by(vs^2, rows, n), mp$nt)
  island <- rep(w$ids %in% w$islands, mp$nt)
  Ii <- zv * res$lag / m2
  Es <- -(zv^2 * Wi) / ((n - 1) * m2)
  Vs <- (zv / m2)^2 * (n / (n - 2)) * (Wi2 - Wi^2 / (n - 1)) *
    (m2 - zv^2 / (n - 1))
  Z <- ifelse(island | Vs <= 0, NA_real_,
              (times_pow2(Ii, -e) - Es) / sqrt(pmax(Vs, 0)))
  E <- times_pow2(Es, e)
  V <- times_pow2(Vs, 2 * e)
  tcode <- rep(seq_len(mp$nt), each = n)
  out <- data.frame(id = mp$id_values[rep(seq_len(n), mp$nt)],
                    value = as.vector(mp$xmat), lag = res$lag_x,
                    Ii = Ii, expected = E, variance = V, z = Z,
                    p_value = normal_p(Z, alternative),
                    stringsAsFactors = FALSE)
  names(out)[1L] <- id
  if (nsim > 0) {
    ps <- pseudo_p(res$ge, res$le, nsim, alternative)
    ps[island] <- NA_real_
    out$p_sim <- ps
  }
  # quadrants of the values and their lags against the period means
  # (spdep's "mean" quadrants)
  hi_x <- out$value > stats::ave(out$value, tcode)
  hi_l <- out$lag > stats::ave(out$lag, tcode)
  quad <- quadrant_labels(hi_x, hi_l, island)
  out$quadrant <- factor(quad, lisa_quadrants())
  out$cluster <- local_clusters(if (nsim > 0) out$p_sim else out$p_value,
                                tcode, p_adjust, alpha, quad, island,
                                lisa_quadrants())
  new_result_df(with_time(out, mp$pan, tcode), "regineq_moran_local",
                time = time, id = id, value = value, nsim = nsim,
                alternative = alternative, p_adjust = p_adjust, alpha = alpha)
}

#' @export
print.regineq_moran_global <- function(x, ...) {
  print_spatial_global(x, "regineq_moran_global",
                       "Moran's I of `%s`")
}

#' @export
print.regineq_moran_local <- function(x, n = 20, ...) {
  print_spatial_local(x, "regineq_moran_local",
                      "local Moran's I of `%s`", n,
                      "Clusters")
}

# Private ---------------------------------------------------------------------

# Both Moran verbs: the values aligned with the weights (spatial_inputs()),
# centred and scaled per period, through the C kernel.
run_moran <- function(kind, data, value, weights, id, time, nsim,
                      min_regions, contiguity = NULL, threads = NULL) {
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  sp <- spatial_inputs(data, value, weights, id, time, contiguity,
                       what = if (kind == "local") "local Moran's I" else
                         "Moran's I", min_regions = min_regions,
                       self_links = kind == "global",
                       local = kind == "local")
  w <- sp$w
  if (kind == "global") {
    # global Moran is scale-free in W too: weights of an extreme scale are
    # brought into [0.5, 1) (weight_exponent())
    w$val <- times_pow2(w$val, -weight_exponent(w$val))
  }
  z <- as.vector(sp$zmat)
  # literal symbols in .Call, so R CMD check can verify the registration
  res <- if (kind == "local") {
    .Call(C_regineq_moran_local, z, as.vector(sp$xmat), sp$nt, w$rowptr,
          w$col, w$val, as.integer(nsim), threads)
  } else {
    .Call(C_regineq_moran_global, z, sp$nt, w$rowptr, w$col, w$val,
          as.integer(nsim), threads)
  }
  sp$w <- w
  sp$res <- res
  sp
}
