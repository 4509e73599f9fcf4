#' Local Getis-Ord Gi and Gi* (hot and cold spots) by period
#'
#' \deqn{G_i = \frac{\sum_{j \neq i} w_{ij} x_j}{\sum_{j \neq i} x_j}, \quad
#' G_i^* = \frac{\sum_j w_{ij} x_j}{\sum_j x_j}}{G_i = sum_{j != i} w_ij x_j
#' / sum_{j != i} x_j,   Gi* = sum_j w_ij x_j / sum_j x_j}
#' with the expectation and variance of Getis and Ord (1992) and Ord and
#' Getis (1995), exactly as `spdep::localG()`: `G`, `expected` and
#' `variance` are spdep's internals `Gi`, `E(Gi)`, `V(Gi)` and `z` its
#' statistic. With `star = TRUE` the region counts in its own sum (Gi*):
#' weights that already link every region to itself (as
#' `spdep::nb2listw(spdep::include.self(nb))`) are used as given; weights
#' without self-links get \eqn{w_{ii} = 1}{w_ii = 1} before their style is
#' applied (row-standardised weights are standardised again, each row over
#' its neighbours and the region itself), which is what `include.self()`
#' followed by `nb2listw()` with the same style gives. With `star = FALSE`
#' self-links are refused.
#'
#' With `nsim > 0`, conditional permutation on the engine of
#' [moran_local()]: for region i the values at its neighbours other than
#' itself are replaced `nsim` times by values drawn without replacement from
#' the other regions, \eqn{x_i}{x_i} staying at i (so in Gi* the term
#' \eqn{w_{ii} x_i}{w_ii x_i} is held fixed). spdep's `localG_perm()` draws
#' with replacement within a row and also redraws the region's own value in
#' Gi*; its pseudo p-values therefore differ in distribution, not only by
#' random draws. Pseudo p-values follow the conventions of [spatial_pvalues]
#' (`greater`, `less`, `two.sided`, `folded`).
#'
#' The cluster is "Hot spot" where the p-value (`p_sim` when `nsim > 0`,
#' else `p_value`, adjusted within each period by `p_adjust`) is at most
#' `alpha` and \eqn{G_i}{G_i} is above its expectation, "Cold spot" where
#' it is below, "Not significant" otherwise, and "Isolated" for a region
#' without neighbours (other than itself), whose `z`, `p_value` and `p_sim`
#' are `NA` in Gi (in Gi* its `z` is defined, as in spdep, but it has no
#' neighbour to permute and its `p_sim` is `NA`).
#'
#' @inheritParams moran_local
#' @param star `FALSE` for Gi, `TRUE` for Gi* (the region itself included).
#' @return A data frame with one row per region and period: the period and
#'   id columns, `value`, `lag` (\eqn{\sum_j w_{ij} x_j}{sum_j w_ij x_j}, the
#'   region itself included in Gi*), `G`, `expected`, `variance`, `z`,
#'   `p_value`, `p_sim` (when `nsim > 0`) and `cluster`; class
#'   `regineq_getis_local`.
#' @references Getis, A. and Ord, J. K. (1992). The analysis of spatial
#'   association by use of distance statistics. Geographical Analysis 24(3),
#'   189-206. Ord, J. K. and Getis, A. (1995). Local spatial
#'   autocorrelation statistics: distributional issues and an application.
#'   Geographical Analysis 27(4), 286-306.
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' set.seed(1)
#' g <- getis_local(nqpf_potential, "score", w, id = "province",
#'                  time = "year", star = TRUE, nsim = 199)
#' table(g$cluster[g$year == 2020])
getis_local <- function(data, value, weights, id, time = NULL, star = FALSE,
                        nsim = 999,
                        alternative = c("two.sided", "greater", "less",
                                        "folded"),
                        p_adjust = "none", alpha = 0.05, contiguity = NULL,
                        threads = NULL) {
  check_required(c("data", "value", "weights", "id"))
  check_flag(star, "star")
  alternative <- check_choice(alternative, c("two.sided", "greater", "less",
                                             "folded"), "alternative")
  p_adjust <- check_choice(p_adjust, stats::p.adjust.methods, "p_adjust")
  check_number(alpha, "alpha", min = 0, max = 1)
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  lp <- spatial_inputs(data, value, weights, id, time, contiguity,
                       what = "Getis-Ord G", min_regions = 3L)
  w <- if (star) add_self_links(lp$w) else
    refuse_self_links(lp$w, "Getis-Ord Gi")
  n <- w$n
  nt <- lp$nt
  xmat <- lp$xmat
  rows <- rep(seq_len(n), diff(w$rowptr))
  self <- w$col + 1L == rows
  Wi <- rowsum_by(w$val, rows, n)
  S1i <- rowsum_by(w$val^2, rows, n)
  # the permutation holds x_i fixed: its CSR has no self-links
  nbr <- tabulate(rows[!self], n) == 0
  S <- rep(colSums(xmat), each = n)
  S2 <- rep(colSums(xmat^2), each = n)
  xv <- as.vector(xmat)
  if (star) {
    xibar <- S / n
    si2 <- rep(colSums(sweep(xmat, 2L, colMeans(xmat))^2) / n, each = n)
    VG <- si2 * ((n * S1i - Wi^2) / (n - 1))
    den <- S
  } else {
    xibar <- (S - xv) / (n - 1)
    si2 <- (S2 - xv^2) / (n - 1) - xibar^2
    VG <- si2 * (((n - 1) * S1i - Wi^2) / (n - 2))
    den <- S - xv
  }
  res <- .Call(C_regineq_local_perm, xv, sign(den), NULL, NULL, nt,
               as.integer(c(0L, cumsum(tabulate(rows[!self], n)))),
               w$col[!self], w$val[!self], as.integer(nsim), threads)
  lag <- res$lu + if (star) xv * rep(rowsum_by(w$val * self, rows, n), nt)
                  else 0
  EG <- rep(Wi, nt) * xibar
  z <- (lag - EG) / sqrt(VG)
  isolated <- rep(nbr, nt)
  if (!star) z[isolated] <- NA_real_
  z[!is.finite(z)] <- NA_real_
  tcode <- rep(seq_len(nt), each = n)
  out <- data.frame(id = lp$id_values[rep(seq_len(n), nt)], value = xv,
                    lag = lag, G = lag / den, expected = EG / den,
                    variance = VG / den^2, z = z,
                    p_value = normal_p(z, alternative),
                    stringsAsFactors = FALSE)
  names(out)[1L] <- id
  if (nsim > 0) {
    ps <- pseudo_p(res$ge, res$le, nsim, alternative)
    ps[isolated | den == 0] <- NA_real_
    out$p_sim <- ps
  }
  side <- ifelse(lag > EG, "Hot spot",
                 ifelse(lag < EG, "Cold spot", "Not significant"))
  out$cluster <- local_clusters(if (nsim > 0) out$p_sim else out$p_value,
                                tcode, p_adjust, alpha, side, isolated,
                                c("Hot spot", "Cold spot"))
  new_result_df(with_time(out, lp$pan, tcode), "regineq_getis_local",
                time = time, id = id, value = value, nsim = nsim, star = star,
                alternative = alternative, p_adjust = p_adjust, alpha = alpha)
}

#' Global Getis-Ord G by period
#'
#' \deqn{G = \frac{\sum_i \sum_{j} w_{ij} x_i x_j}{\sum_i \sum_{j \neq i}
#' x_i x_j}}{G = sum_i sum_j w_ij x_i x_j / sum_i sum_{j != i} x_i x_j}
#' with its expectation \eqn{S_0 / (n (n - 1))}{S0 / (n (n - 1))} and
#' variance (Getis and Ord 1992), exactly as `spdep::globalG.test()` with its
#' defaults: regions without neighbours (islands) leave \eqn{n}{n} and the
#' sums of the denominator (`adjust.n`, `adjust.x`), and \eqn{B_1}{B1} has
#' the corrected \eqn{6 S_0^2}{6 S0^2}. The values must be non-negative.
#' With `nsim > 0`, the values of the regions with neighbours are permuted
#' `nsim` times (islands hold theirs, so the denominator is that of the
#' observed G) on the global kernel of [moran_global()]; pseudo p-values as
#' there.
#'
#' @inheritParams moran_global
#' @param alternative `"greater"` (default, as spdep), `"less"`,
#'   `"two.sided"` or `"folded"`.
#' @return A data frame with one row per period: the period column, `G`,
#'   `expected`, `variance`, `z`, `p_value`, and `p_sim` when `nsim > 0`;
#'   class `regineq_getis_global`.
#' @references Getis, A. and Ord, J. K. (1992). The analysis of spatial
#'   association by use of distance statistics. Geographical Analysis 24(3),
#'   189-206.
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province), style = "B")
#' getis_global(nqpf_potential, "score", w, id = "province", time = "year")
getis_global <- function(data, value, weights, id, time = NULL,
                         alternative = c("greater", "less", "two.sided",
                                         "folded"),
                         nsim = 0, contiguity = NULL, threads = NULL) {
  check_required(c("data", "value", "weights", "id"))
  alternative <- check_choice(alternative, c("greater", "less", "two.sided",
                                             "folded"), "alternative")
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  threads <- resolve_threads(threads)
  lp <- spatial_inputs(data, value, weights, id, time, contiguity,
                       what = "Getis-Ord G", min_regions = 4L, local = FALSE)
  xmat <- lp$xmat
  neg <- which(xmat < 0, arr.ind = TRUE)
  if (nrow(neg)) {
    abort("`value` must be non-negative for the global G: column `", value,
          "` is negative for ", enum(lp$w$ids[neg[, 1]], quote = "\""), ".",
          class = "regineq_error_value")
  }
  w <- lp$w
  n <- w$n
  rows <- rep(seq_len(n), diff(w$rowptr))
  has <- tabulate(rows, n) > 0
  # spweights.constants(adjust.n = TRUE): islands leave n
  S <- weight_constants(w)
  na <- sum(has)
  n1 <- na - 1
  n2 <- na - 2
  n3 <- na - 3
  S02 <- S$S0^2
  ax <- xmat[has, , drop = FALSE]
  lagx <- vapply(seq_len(lp$nt), function(t) {
    rowsum_by(w$val * xmat[w$col + 1L, t], rows, n)
  }, numeric(n))
  lagx <- matrix(lagx, n)
  numer <- colSums(xmat * lagx)
  sx <- colSums(ax)
  sx2 <- colSums(ax^2)
  sx3 <- colSums(ax^3)
  sx4 <- colSums(ax^4)
  denom <- sx^2 - sx2
  G <- numer / denom
  EG <- S$S0 / (na * n1)
  B0 <- (na^2 - 3 * na + 3) * S$S1 - na * S$S2 + 3 * S02
  B1 <- -((na^2 - na) * S$S1 - 2 * na * S$S2 + 6 * S02)
  B2 <- -(2 * na * S$S1 - (na + 3) * S$S2 + 6 * S02)
  B3 <- 4 * n1 * S$S1 - 2 * (na + 1) * S$S2 + 8 * S02
  B4 <- S$S1 - S$S2 + S02
  VG <- (B0 * sx2^2 + B1 * sx4 + B2 * sx^2 * sx2 + B3 * sx * sx3 +
           B4 * sx^4) / (denom^2 * na * n1 * n2 * n3) - EG^2
  z <- ifelse(VG > 0, (G - EG) / sqrt(pmax(VG, 0)), NA_real_)
  out <- data.frame(G = G, expected = EG, variance = VG, z = z,
                    p_value = normal_p(z, alternative))
  if (nsim > 0) {
    incoming <- unique(w$col + 1L)
    bad <- incoming[!has[incoming]]
    if (length(bad)) {
      abort("A permutation of the global G needs islands without incoming ",
            "links: ", enum(w$ids[bad], quote = "\""), " have no neighbours ",
            "of their own but are neighbours of others.",
            class = "regineq_error_value")
    }
    # islands hold their values (and leave the denominator): permute among
    # the regions with neighbours; G's order is that of the cross product,
    # whatever the positive scale of the weights and of each period's values
    keep <- which(has)
    res <- .Call(C_regineq_moran_global, as.vector(scale_columns(ax)), lp$nt,
                 as.integer(c(0L, cumsum(tabulate(rows, n)[keep]))),
                 as.integer(match(w$col + 1L, keep) - 1L),
                 times_pow2(w$val, -weight_exponent(w$val)),
                 as.integer(nsim), threads)
    out$p_sim <- pseudo_p(res$ge, res$le, nsim, alternative)
  }
  new_result_df(period_table(out, lp$pan), "regineq_getis_global",
                time = time, value = value, nsim = nsim,
                alternative = alternative)
}

#' @export
print.regineq_getis_global <- function(x, ...) {
  print_spatial_global(x, "regineq_getis_global",
                       "Getis-Ord G of `%s`")
}

#' @export
print.regineq_getis_local <- function(x, n = 20, ...) {
  star <- isTRUE(result_info(x)$star)
  print_spatial_local(x, "regineq_getis_local",
                      paste0("Getis-Ord ", if (star) "Gi*" else "Gi",
                             " of `%s`"), n, "Hot and cold spots")
}

# Private ---------------------------------------------------------------------

# Gi* weights: used as given when every region links to itself; otherwise
# w_ii = 1 is added to the raw weights and the style applied again (as
# spdep::include.self() then nb2listw() with the same style).
add_self_links <- function(w) {
  rows <- rep(seq_len(w$n), diff(w$rowptr))
  self <- rows[w$col + 1L == rows]
  if (length(self) == w$n) return(w)
  if (length(self)) {
    abort("`weights` must link every region to itself or none for Gi* ",
          "(`star = TRUE`): ", enum(w$ids[setdiff(seq_len(w$n), self)],
                                    quote = "\""), " have no self-link.",
          class = "regineq_error_value")
  }
  build_weights(w$ids, c(rows, seq_len(w$n)), c(w$col + 1L, seq_len(w$n)),
                c(w$raw, rep(1, w$n)), w$style,
                longlat = w$longlat %||% NA,
                source = w$source %||% NA_character_)
}
