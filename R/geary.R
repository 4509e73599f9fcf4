#' Global Geary's C by period
#'
#' \deqn{C = \frac{n - 1}{2 S_0}\frac{\sum_i\sum_j w_{ij} (x_i - x_j)^2}{
#' \sum_i (x_i - \bar x)^2}}{C = (n - 1) / (2 S0) sum_i sum_j w_ij (x_i -
#' x_j)^2 / sum_i (x_i - mean(x))^2}
#' (Geary 1954) with its expectation 1 and its variance under randomisation
#' (using the sample kurtosis) or normality, exactly as `spdep::geary.test()`
#' (Cliff and Ord 1981): the same \eqn{S_0, S_1, S_2}{S0, S1, S2} as
#' [moran_global()], and for regions without neighbours (islands) spdep's
#' convention with `zero.policy = TRUE` and `adjust.n = TRUE`: they stay in
#' the mean, the sum of squares and the kurtosis, \eqn{n}{n} is reduced by
#' their number in the factor \eqn{n - 1}{n - 1} and in the moments, and, as
#' in spdep's formulas, the unreduced \eqn{n}{n} appears where spdep uses it
#' (the terms \eqn{-3n}{-3n}, \eqn{+3n}{+3n}, \eqn{n^2 - n + 2}{n^2 - n + 2}
#' and the leading \eqn{n}{n} of the denominator under randomisation,
#' \eqn{n + 1}{n + 1} under normality). Self-links are kept and count in
#' \eqn{S_0, S_1, S_2}{S0, S1, S2} (their squared difference is 0), as in
#' spdep.
#'
#' Small C means similar neighbours (positive spatial autocorrelation),
#' large C dissimilar ones. As in `spdep::geary.test()`, `z` is
#' \eqn{(E[C] - C) / \sqrt{Var[C]}}{(E[C] - C) / sqrt(Var[C])}, so that a
#' positive z means positive autocorrelation, and `alternative = "greater"`
#' (the default) tests for positive autocorrelation (C below 1: spdep's
#' "Expectation greater than statistic"); `"less"` for negative.
#'
#' With `nsim > 0`, the permutation pseudo p-value permutes all values
#' (islands included, as `spdep::geary.mc()`) `nsim` times, in C on
#' xoshiro256** streams keyed from R's RNG ([set.seed()] reproduces it, on
#' any number of `threads`).
#' With G (L) the number of permuted C at or above (below) the observed one,
#' `greater` (positive autocorrelation, small C) is (L + 1)/(nsim + 1), the
#' tail `spdep::geary.mc(alternative = "greater")` uses; `less` is
#' (G + 1)/(nsim + 1); `two.sided` min(1, 2 (min(G, L) + 1)/(nsim + 1)) and
#' `folded` (min(G, L) + 1)/(nsim + 1), the conventions of [moran_global()]
#' (see [spatial_pvalues]; spdep's two-sided Monte Carlo p-value is built
#' from the rank instead and differs). Ties with the observed value count on
#' both sides.
#'
#' C, its moments and its permutation distribution do not change when every
#' weight is multiplied by the same constant; weights of an extreme scale
#' are rescaled by a power of two for the computation, as in
#' [moran_global()].
#'
#' @inheritParams moran_global
#' @param alternative `"greater"` (default, positive autocorrelation: C
#'   below its expectation), `"less"`, `"two.sided"` or `"folded"`.
#' @return A data frame with one row per period: the period column (under
#'   its own name), `C`, `expected` (1), `variance`, `z`, `p_value`, and
#'   `p_sim` when `nsim > 0`; class `regineq_geary_global`.
#' @references Geary, R. C. (1954). The contiguity ratio and statistical
#'   mapping. The Incorporated Statistician 5(3), 115-145. Cliff, A. D. and
#'   Ord, J. K. (1981). Spatial Processes. London: Pion.
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' geary_global(nqpf_potential, "score", w, id = "province", time = "year")
geary_global <- function(data, value, weights, id, time = NULL,
                         randomisation = TRUE,
                         alternative = c("greater", "less", "two.sided",
                                         "folded"),
                         nsim = 0, contiguity = NULL, threads = NULL) {
  check_required(c("data", "value", "weights", "id"))
  alternative <- check_choice(alternative, c("greater", "less", "two.sided",
                                             "folded"), "alternative")
  check_flag(randomisation, "randomisation")
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  sp <- spatial_inputs(data, value, weights, id, time, contiguity,
                       what = "Geary's C", min_regions = 4L, local = FALSE)
  w <- sp$w
  # C and its moments do not depend on the scale of W: weights of an
  # extreme scale are brought into [0.5, 1) (weight_exponent()), which keeps
  # S0^2, S1 and S2 far from under- and overflow
  w$val <- times_pow2(w$val, -weight_exponent(w$val))
  zmat <- sp$zmat
  res <- .Call(C_regineq_geary_global, as.vector(zmat), sp$nt, w$rowptr,
               w$col, w$val, as.integer(nsim), threads)
  n <- w$n
  na <- n - length(w$islands)
  n1 <- na - 1
  nn <- na^2
  z2 <- zmat^2
  zz <- colSums(z2)
  K <- na * colSums(z2^2) / zz^2
  S <- constants_list(res$S)
  S02 <- S$S0^2
  C <- n1 / (2 * S$S0) * res$num / zz
  # spdep::geary.test(), term by term: `n` is the number of all regions,
  # n1 and nn those of the regions with neighbours
  VC <- if (randomisation) {
    (n1 * S$S1 * (nn - 3 * n + 3 - K * n1) -
       n1 * S$S2 * (nn + 3 * n - 6 - K * (nn - n + 2)) / 4 +
       S02 * (nn - 3 - K * n1^2)) / (n * (na - 2) * (na - 3) * S02)
  } else {
    rep(((2 * S$S1 + S$S2) * n1 - 4 * S02) / (2 * (n + 1) * S02), length(C))
  }
  z <- ifelse(VC > 0, (1 - C) / sqrt(pmax(VC, 0)), NA_real_)
  out <- data.frame(C = C, expected = 1, variance = VC, z = z,
                    p_value = normal_p(z, alternative))
  # a small C is positive autocorrelation: "greater" counts the permuted C
  # at or below the observed one
  if (nsim > 0) out$p_sim <- pseudo_p(res$le, res$ge, nsim, alternative)
  new_result_df(period_table(out, sp$pan), "regineq_geary_global",
                time = time, value = value, nsim = nsim,
                alternative = alternative, randomisation = randomisation)
}

#' Local Geary's C by period
#'
#' \deqn{C_i = \sum_j w_{ij} (z_i - z_j)^2, \quad z = (x - \bar x) / s}{C_i
#' = sum_j w_ij (z_i - z_j)^2,   z = (x - mean(x)) / s}
#' with \eqn{s}{s} the standard deviation (divisor \eqn{n - 1}{n - 1}), the
#' local Geary statistic of Anselin (2019), equal to `spdep::localC()`: the
#' values are standardised over all regions of the period (islands
#' included), and a region without neighbours has \eqn{C_i = 0}{C_i = 0} as
#' in spdep, with `NA` inference and the cluster "Isolated". Small
#' \eqn{C_i}{C_i} means neighbours similar to the region (positive local
#' autocorrelation), large \eqn{C_i}{C_i} dissimilar ones.
#'
#' Inference is by conditional permutation, on the engine of
#' [moran_local()]: for region i the values at its neighbours are replaced
#' `nsim` times by values drawn without replacement from the other regions,
#' \eqn{z_i}{z_i} staying at i (in C; [set.seed()] reproduces the result; one
#' table of draws per period serves every region, as in PySAL's esda).
#' `spdep::localC_perm()` draws with replacement within a row, so its
#' pseudo p-values differ in distribution, not only by random draws.
#' `expected` and `variance` are the exact mean and variance of
#' \eqn{C_i}{C_i} under this conditional permutation (\eqn{E[C_i] = W_i (1 +
#' z_i^2 n / (n - 1))}{E[C_i] = W_i (1 + z_i^2 n / (n - 1))}, \eqn{W_i =
#' \sum_j w_{ij}}{W_i = sum_j w_ij}), which spdep's `E.Ci` and `Var.Ci`
#' estimate from its draws; `z` is \eqn{(E[C_i] - C_i) /
#' \sqrt{Var[C_i]}}{(E[C_i] - C_i) / sqrt(Var[C_i])}, the sign of
#' [geary_global()] and `spdep::geary.test()` (positive for positive
#' autocorrelation; spdep's `Z.Ci` has the opposite sign), and `p_value`
#' its normal p-value, a rough guide only: the distribution of
#' \eqn{C_i}{C_i} is skewed.
#'
#' Pseudo p-values, with G (L) the number of permuted \eqn{C_i}{C_i} at or
#' above (below) the observed one: `greater` (positive autocorrelation,
#' small \eqn{C_i}{C_i}) (L + 1)/(nsim + 1), the direction of spdep's rank
#' p-value `Pr(z > E(Ci)) Sim`; `less` (G + 1)/(nsim + 1); `two.sided`
#' min(1, 2 (min(G, L) + 1)/(nsim + 1)); `folded` (min(G, L) + 1)/(nsim +
#' 1), spdep's `Pr(folded) Sim` (which counts ties on the upper side only)
#' and GeoDa's convention. See [spatial_pvalues].
#'
#' The cluster follows GeoDa (Anselin 2019): where the p-value (`p_sim`
#' when `nsim > 0`, else `p_value`, adjusted within each period by
#' `p_adjust`) is at most `alpha`, a region with \eqn{C_i}{C_i} at or below
#' its permutation mean `expected` (positive autocorrelation) is
#' "High-High" when its value is above the period mean and the weighted sum
#' of its neighbours' deviations from the mean, \eqn{\sum_j w_{ij} (x_j -
#' \bar x)}{sum_j w_ij (x_j - mean(x))}, is positive, "Low-Low" when neither
#' is, and "Other Positive" when the two disagree; a region with
#' \eqn{C_i}{C_i} above its permutation mean is "Negative". Other regions
#' are "Not significant", regions without neighbours "Isolated". GeoDa
#' compares with the mean of its draws, regineq with the exact mean.
#' spdep 1.2.7's `localC_perm()` attribute `cluster` uses the quadrants only:
#' Low-High is "Other Positive" and High-Low "Negative" whatever the side of
#' \eqn{C_i}{C_i}; the labels agree for High-High, Low-Low and Low-High
#' regions with small \eqn{C_i}{C_i} and for High-Low regions with large
#' \eqn{C_i}{C_i}, and spdep leaves the significance to `hotspot()`.
#'
#' Weights that link a region to itself are refused, as in [moran_local()].
#' \eqn{C_i}{C_i} and `expected` scale with the weights and `variance` with
#' their square; z and the p-values do not, and weights of an extreme scale
#' are rescaled by a power of two to compute them.
#'
#' @inheritParams moran_local
#' @param alternative `"two.sided"` (default), `"greater"` (positive
#'   autocorrelation, small \eqn{C_i}{C_i}), `"less"` or `"folded"`.
#' @return A data frame with one row per region and period: the period and
#'   id columns (under their own names), `value` (the analysed value), `lag`
#'   (its spatial lag \eqn{\sum_j w_{ij} x_j}{sum_j w_ij x_j}), `C`,
#'   `expected`, `variance`, `z`, `p_value`, `p_sim` (when `nsim > 0`) and
#'   `cluster`; class `regineq_geary_local`.
#' @references Anselin, L. (2019). A local indicator of multivariate spatial
#'   association: extending Geary's c. Geographical Analysis 51(2), 133-150.
#'   \doi{10.1111/gean.12164}
#'
#'   Geary, R. C. (1954). The contiguity ratio and statistical mapping. The
#'   Incorporated Statistician 5(3), 115-145.
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' set.seed(1)
#' gl <- geary_local(nqpf_potential, "score", w, id = "province",
#'                   time = "year", nsim = 199)
#' head(gl)
#' table(gl$cluster[gl$year == 2020])
geary_local <- function(data, value, weights, id, time = NULL, nsim = 999,
                        alternative = c("two.sided", "greater", "less",
                                        "folded"),
                        p_adjust = "none", alpha = 0.05, contiguity = NULL,
                        threads = NULL) {
  check_required(c("data", "value", "weights", "id"))
  alternative <- check_choice(alternative, c("two.sided", "greater", "less",
                                             "folded"), "alternative")
  p_adjust <- check_choice(p_adjust, stats::p.adjust.methods, "p_adjust")
  check_number(alpha, "alpha", min = 0, max = 1)
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  sp <- spatial_inputs(data, value, weights, id, time, contiguity,
                       what = "local Geary's C", min_regions = 3L,
                       self_links = FALSE)
  w <- sp$w
  n <- w$n
  nt <- sp$nt
  # spdep::localC() standardises with scale(): centred, sd with n - 1
  zmat <- sp$zmat
  zmat <- sweep(zmat, 2L, sqrt(colSums(zmat^2) / (n - 1)), "/")
  zv <- as.vector(zmat)
  rows <- rep(seq_len(n), diff(w$rowptr))
  cols <- w$col + 1L
  # statistics of C_i / 2^e from the weights divided by 2^e (exact): W_i^2
  # neither under- nor overflows, and z does not depend on the scale
  e <- weight_exponent(w$val)
  vs <- times_pow2(w$val, -e)
  # the engine's s_i = -2 z_i sum_j w_ij z_j + sum_j w_ij z_j^2 is C_i less
  # the constant W_i z_i^2
  res <- .Call(C_regineq_local_perm, zv, -2 * zv, zv^2, rep(1, n * nt), nt,
               w$rowptr, w$col, vs, as.integer(nsim), threads)
  # C_i itself from the differences, not the expansion, which cancels when
  # the neighbours are alike
  Cs <- vapply(seq_len(nt), function(t) {
    rowsum_by(vs * (zmat[rows, t] - zmat[cols, t])^2, rows, n)
  }, numeric(n))
  lag <- vapply(seq_len(nt), function(t) {
    rowsum_by(w$val * sp$xmat[cols, t], rows, n)
  }, numeric(n))
  Cs <- as.vector(Cs)
  Wi <- rep(rowsum_by(vs, rows, n), nt)
  S1i <- rep(rowsum_by(vs^2, rows, n), nt)
  # exact moments of the conditional permutation: C_i = sum_k w_ik y_k with
  # the y_j = (z_i - z_j)^2 of the N = n - 1 other regions drawn without
  # replacement, mean ybar and variance sig2 (divisor N) over j != i (the
  # term j = i is 0, so the sums run over all j)
  N <- n - 1
  P <- lapply(1:4, function(k) rep(colSums(zmat^k), each = n))
  ybar <- (n * zv^2 - 2 * zv * P[[1]] + P[[2]]) / N
  y2bar <- (n * zv^4 - 4 * zv^3 * P[[1]] + 6 * zv^2 * P[[2]] -
              4 * zv * P[[3]] + P[[4]]) / N
  sig2 <- pmax(y2bar - ybar^2, 0)
  Es <- Wi * ybar
  Vs <- sig2 * N / (N - 1) * pmax(S1i - Wi^2 / N, 0)
  island <- rep(w$ids %in% w$islands, nt)
  Z <- ifelse(island | Vs <= 0, NA_real_, (Es - Cs) / sqrt(Vs))
  tcode <- rep(seq_len(nt), each = n)
  out <- data.frame(id = sp$id_values[rep(seq_len(n), nt)],
                    value = as.vector(sp$xmat), lag = as.vector(lag),
                    C = times_pow2(Cs, e), expected = times_pow2(Es, e),
                    variance = times_pow2(Vs, 2 * e), z = Z,
                    p_value = normal_p(Z, alternative),
                    stringsAsFactors = FALSE)
  names(out)[1L] <- id
  if (nsim > 0) {
    # a small C_i is positive autocorrelation: "greater" counts the
    # permuted C_i at or below the observed one
    ps <- pseudo_p(res$le, res$ge, nsim, alternative)
    ps[island] <- NA_real_
    out$p_sim <- ps
  }
  # GeoDa's labels: the side of C_i against its permutation mean, then the
  # quadrants of z_i and of the weighted sum of the neighbours' z (spdep's
  # lag of the centred values, whose sign is that of res$lu)
  hi_x <- zv > 0
  hi_l <- res$lu > 0
  label <- ifelse(Cs > Es, "Negative",
                  ifelse(hi_x & hi_l, "High-High",
                         ifelse(!hi_x & !hi_l, "Low-Low", "Other Positive")))
  out$cluster <- local_clusters(if (nsim > 0) out$p_sim else out$p_value,
                                tcode, p_adjust, alpha, label, island,
                                c("High-High", "Low-Low", "Other Positive",
                                  "Negative"))
  new_result_df(with_time(out, sp$pan, tcode), "regineq_geary_local",
                time = time, id = id, value = value, nsim = nsim,
                alternative = alternative, p_adjust = p_adjust, alpha = alpha)
}

#' @export
print.regineq_geary_global <- function(x, ...) {
  print_spatial_global(x, "regineq_geary_global",
                       "Geary's C of `%s`")
}

#' @export
print.regineq_geary_local <- function(x, n = 20, ...) {
  print_spatial_local(x, "regineq_geary_local",
                      "local Geary's C of `%s`", n,
                      "Clusters")
}
