# The shared layer of the spatial verbs (Moran, Getis-Ord, Geary, bivariate
# Moran, spatial Markov chains): the data aligned with the weights, with one
# set of checks and messages, and the constants and p-value conventions
# every permutation statistic uses.

#' p-values of the spatial statistics
#'
#' Every test of spatial association in regineq ([moran_global()],
#' [moran_local()], [moran_bv()], [moran_local_bv()], [getis_global()],
#' [getis_local()], [geary_global()], [geary_local()]) reports its
#' p-values by the conventions on this page, computed by one permutation
#' engine.
#'
#' @section Analytic p-values (`p_value`):
#' From \eqn{z = (S - E[S]) / \sqrt{Var[S]}}{z = (S - E[S]) / sqrt(Var[S])}
#' and the normal distribution, with the moments of each statistic as
#' spdep computes them (its help page says which). `alternative =
#' "greater"` is the upper tail, `"less"` the lower one, `"two.sided"` and
#' `"folded"` both. For Geary's C, whose small values mean positive
#' autocorrelation, spdep's direction is kept: see [geary_global()].
#'
#' @section Permutation pseudo p-values (`p_sim`):
#' With `nsim` permutations, G of which give a statistic at or above the
#' observed one and L at or below (a permutation that reproduces the
#' observed arrangement up to rounding counts on both sides):
#' * `greater`: (G + 1) / (nsim + 1);
#' * `less`: (L + 1) / (nsim + 1);
#' * `two.sided`: min(1, 2 (min(G, L) + 1) / (nsim + 1));
#' * `folded`: (min(G, L) + 1) / (nsim + 1), GeoDa's and PySAL's
#'   convention, which is half the two-sided one (spdep's `localC_perm()`
#'   reports this one).
#'
#' The observed statistic counts as one draw of the reference
#' distribution, so the smallest attainable p-value is 1 / (nsim + 1): with
#' 99 permutations no region can be significant at 0.01, and after a
#' multiplicity adjustment (`p_adjust`) over n regions a region can only be
#' significant at `alpha` when 1 / (nsim + 1) is well below `alpha / n`.
#'
#' @section Which values are permuted:
#' * Global statistics: all values of a period are permuted among the
#'   regions (Fisher-Yates), as `spdep::moran.mc()` does. The bivariate
#'   Moran's I keeps each region's pair of values together; the global G
#'   keeps islands' values in place (they leave its denominator).
#' * Local statistics: *conditional* permutation (Anselin 1995). For region
#'   i the value at i stays (so does its own term in Gi*), and the values
#'   at its k_i neighbours are replaced by k_i values drawn *without
#'   replacement* from the other n - 1 regions. This is the exact
#'   conditional randomisation. spdep's `localmoran_perm()`, `localG_perm()`
#'   and `localC_perm()` draw a region's neighbours *with* replacement by
#'   default, an approximation (newer spdep versions offer
#'   `no_repeat_in_row = TRUE` for the exact one, at a large cost in time);
#'   regineq draws the exact one. As in PySAL's esda, one table of draws
#'   per period serves every region: row s holds k_max distinct positions
#'   among the n - 1 other regions (position p stands for region p, or for
#'   the last region when p is i itself, a one-to-one map onto the others).
#'   Each region's reference distribution is exact, but regions share the
#'   rows: the p-values of two regions come from the same permutations, so
#'   they are dependent (neighbouring regions most), as in GeoDa and PySAL.
#'   Each is a valid p-value on its own; their joint behaviour (how many
#'   regions are significant together, or a false discovery rate) is not
#'   that of independent tests, one more reason to read the cluster map
#'   with `p_adjust` and a large `nsim`.
#'
#' @section Speed:
#' Drawing a table costs O(nsim k_max), and reading it for region i
#' O(nsim k_i). When all of a region's weights are equal (binary or
#' row-standardised weights) and the statistic has one lag (local Moran,
#' Getis-Ord, bivariate local Moran), its permuted statistics are a
#' monotone function of the sums of the first k_i drawn values, so sorting
#' those sums once per table and per k turns the region's counts into two
#' binary searches: O(log nsim) per region instead of O(nsim k_i), the same
#' counts as testing every permutation. Unequal weights and the local Geary
#' (two lags) are read permutation by permutation.
#'
#' A global statistic costs O(n + links) per permutation. For one variable
#' (Moran's I, Geary's C) the sum runs over the links of W + W' folded onto
#' i <= j, half the products when the links are symmetric, and the observed
#' value is computed the same way, so that the identity permutation
#' reproduces it exactly. Permutations are evaluated four at a time: each
#' is shuffled into its own copy of the values (the four streams' draws
#' are made side by side, on AVX2 registers where the processor has them,
#' and are the same draws either way), and one pass over the links sums
#' all four, each in its own accumulators and in the same order
#' as alone, so a permutation's statistic does not depend on the others
#' it is evaluated with. The permutations of all periods run as one
#' sequence, so a panel of many short periods keeps the threads busy; each
#' thread holds four copies of the n values (eight for a bivariate
#' statistic).
#'
#' @section Clusters and multiplicity:
#' The cluster labels of the local statistics use `p_sim` when `nsim > 0`,
#' else `p_value`, adjusted with [stats::p.adjust()] by `p_adjust` within
#' each period, and a region is significant when that p-value is at most
#' `alpha`. Regions without neighbours get `NA` p-values and the label
#' "Isolated".
#'
#' @section Reproducibility, threads and resources:
#' The permutations run in C on xoshiro256** streams keyed from R's random
#' number generator: each global permutation and each row of the local
#' table has its own stream, numbered by period and permutation, so
#' [set.seed()] reproduces every p-value on every machine and whatever
#' the number of threads. The work runs on `threads` OpenMP threads (the
#' argument, else `getOption("regineq.threads", 2)`, at most
#' `OMP_THREAD_LIMIT`; one where the compiler has no OpenMP): global
#' permutations are shared out among them, local ones region by region.
#' The thread count never decides which random numbers a permutation or a
#' region sees, and the counts are whole numbers added exactly, so 1, 2 or
#' 64 threads give the same p-values bit for bit. Tables are built and read
#' in blocks of at most 2^17 cells, so memory does not grow with `nsim`,
#' and long runs can be interrupted (Ctrl-C or Esc) between chunks of
#' about 4 million operations.
#'
#' @references Anselin, L. (1995). Local indicators of spatial association -
#'   LISA. Geographical Analysis 27(2), 93-115. Hope, A. C. A. (1968). A
#'   simplified Monte Carlo significance test procedure. Journal of the Royal
#'   Statistical Society B 30(3), 582-598.
#' @family spatial
#' @name spatial_pvalues
NULL

# The weights aligned with a panel: every region of the data in the weights
# and the reverse, and every region in every period (a spatial lag needs all
# neighbours). `pos` maps the panel's region codes to rows of the weights,
# `island` flags the panel's regions without neighbours.
align_spatial <- function(pan, weights, id, contiguity) {
  w <- check_weights(weights, contiguity, id)
  idc <- panel_id_strings(pan)
  pos <- match_ids(idc, w$ids)
  if (anyNA(pos)) {
    abort("`data` has regions that are not in `weights`: ",
          enum(idc[is.na(pos)], quote = "\""), ".", both_ids(idc, w$ids, id),
          class = "regineq_error_value")
  }
  # every data region is in the weights, and both id sets are unique: the
  # weights' other regions are the ones no data region matched
  absent <- if (length(w$ids) > length(idc)) w$ids[-pos] else character()
  if (length(absent)) {
    abort("`weights` has regions that are not in `data`: ",
          enum(absent, quote = "\""), ".", both_ids(idc, w$ids, id),
          " Subset the weights with spatial_weights(weights, ids = ...).",
          class = "regineq_error_value")
  }
  nt <- n_periods(pan)
  # new_panel() refused repeated region-periods: every cell is there when
  # the rows are as many as the cells, and only otherwise are they looked
  # for
  if (pan$n != length(idc) * nt) {
    have <- matrix(FALSE, length(idc), nt)
    have[cbind(pan$id$code, pan$time$code)] <- TRUE
    miss <- which(!have, arr.ind = TRUE)
    what <- paste(idc[miss[, 1]], if (!is.null(pan$time$name))
      as.character(pan$time$levels[miss[, 2]]))
    abort("`data` must have every region of `weights` in every period (the ",
          "spatial lag needs all neighbours): missing ",
          enum(trimws(what), quote = ""), ".", class = "regineq_error_missing")
  }
  # each weights region has one data region: pos is one-to-one, and its
  # inverse gives the data's id of each weights region
  inv <- integer(length(pos))
  inv[pos] <- seq_along(pos)
  list(w = w, pos = pos,
       island = if (length(w$islands)) w$ids[pos] %in% w$islands else
         logical(length(pos)),
       id_values = pan$id$levels[inv])
}

# The inputs of a statistic on weights: each column of `value` as an n x T
# matrix in the weights' order (`xmats`, the first also `xmat`), and centred
# and scaled per period (`zmats`, `zmat`: every Moran-type statistic is
# scale-free, and values near 1e300 never overflow). Refuses too few
# regions, a value constant in a period and, with `self_links = FALSE`,
# self-links; names the islands in a warning (for a `local` statistic or a
# global one). `what` names the statistic.
spatial_inputs <- function(data, value, weights, id, time, contiguity, what,
                           min_regions, self_links = TRUE, local = TRUE) {
  pan <- new_panel(data, id, time)
  xs <- lapply(value, function(v) panel_values(pan, data, v))
  al <- align_spatial(pan, weights, id, contiguity)
  w <- al$w
  if (!self_links) refuse_self_links(w, what)
  n <- w$n
  nt <- n_periods(pan)
  if (n < min_regions) {
    abort(what, " needs at least ", min_regions, " regions, not ", n, ".",
          class = "regineq_error_size")
  }
  # every cell is filled: align_spatial() found each region in each period
  cells <- al$pos[pan$id$code] + (pan$time$code - 1L) * n
  xmats <- lapply(xs, function(x) {
    m <- matrix(NA_real_, n, nt)
    m[cells] <- x
    m
  })
  # scale_columns(), centred, scale_columns() again, in one C pass a step
  zmats <- Map(function(m, v) {
    cs <- .Call(C_regineq_centre_scale, m)
    flat <- which(cs$ss <= 1e-24)
    if (length(flat)) {
      where <- if (is.null(time)) "" else paste0(" in period ",
                                                 enum(pan$time$levels[flat]))
      abort("`value` must vary across regions: column `", v,
            "` is constant", where, ".", class = "regineq_error_value")
    }
    cs$z
  }, xmats, value)
  names(xmats) <- names(zmats) <- value
  if (length(w$islands)) {
    warn("Regions without neighbours (islands): ", enum(w$islands, quote = "\""),
         if (local) {
           ". Their local statistics are NA and labelled \"Isolated\"."
         } else {
           paste0(". They have no spatial lag; the help page of ", what,
                  " says how it treats them.")
         }, class = "regineq_warning_islands")
  }
  if (n - length(w$islands) < min_regions) {
    abort(what, " needs at least ", min_regions, " regions with ",
          "neighbours.", class = "regineq_error_size")
  }
  list(w = w, xmat = xmats[[1L]], zmat = zmats[[1L]], xmats = xmats,
       zmats = zmats, nt = nt, pan = pan, id_values = al$id_values)
}

# The first ids on both sides of an id mismatch, and a hint when the
# weights' ids are row numbers 1..n (an sf object's default row names, or
# poly2nb() without `row.names`) and the data's are not.
both_ids <- function(data_ids, weight_ids, id) {
  n <- length(weight_ids)
  rownum <- n > 0L && setequal(weight_ids, as.character(seq_len(n))) &&
    !all(data_ids %in% weight_ids)
  paste0(" `data` has ", length(data_ids), " regions in column `", id, "` (",
         enum(data_ids, max = 3L, quote = "\""), "); `weights` has ", n,
         " (", enum(weight_ids, max = 3L, quote = "\""), ").",
         if (rownum) paste0(" The ids of `weights` look like row numbers: ",
                            "build the weights from the column of region ",
                            "names, e.g. spatial_weights(x, id = \"NAME\"), or ",
                            "give the sf object a column `", id, "`."))
}

scale_columns <- function(m) {
  s <- apply(abs(m), 2L, max)
  sweep(m, 2L, ifelse(s > 0, s, 1), "/")
}

# A conditional permutation cannot hold w_ii x_i fixed: self-links are
# refused, naming the statistic (`what`).
refuse_self_links <- function(w, what) {
  rows <- rep(seq_len(w$n), diff(w$rowptr))
  self <- unique(rows[w$col + 1L == rows])
  if (length(self)) {
    abort("`weights` must not link a region to itself for ", what, ": ",
          enum(w$ids[self], quote = "\""),
          if (length(self) == 1L) " has a self-link" else " have self-links",
          " (a non-zero diagonal, or spdep::include.self()). Set the ",
          "diagonal to 0", switch(what,
            "Getis-Ord Gi" = ", or use star = TRUE",
            "local Moran's I" = "; moran_global() accepts self-links",
            "local Geary's C" = "; geary_global() accepts self-links",
            "bivariate local Moran's I" = "; moran_bv() accepts self-links"),
          ".", class = "regineq_error_value")
  }
  invisible(w)
}

# The exponent e that brings the largest weight times 2^-e into [0.5, 1),
# or 0 when the largest is already within 2^-100..2^100 (and without
# weights): there, S0^2 and the products of the moments stay far from
# under- and overflow, and a power of two changes no statistic (it scales
# exactly), so the weights are used as they are.
weight_exponent <- function(val) {
  if (!length(val)) return(0)
  m <- max(val)
  if (m >= 2^-100 && m <= 2^100) return(0)
  e <- floor(log2(m)) + 1
  # log2() may round across a power of two
  if (times_pow2(m, -e) >= 1) e <- e + 1
  if (times_pow2(m, -e) < 0.5) e <- e - 1
  e
}

# x * 2^e, exact unless the result under- or overflows, by steps of at most
# 2^1000 (2^e itself may not be a double).
times_pow2 <- function(x, e) {
  while (e != 0) {
    s <- max(-1000, min(1000, e))
    x <- x * 2^s
    e <- e - s
  }
  x
}

# S0, S1, S2 as in spdep::spweights.constants(), self-links included
# (w_ii counts in S0, twice squared in S1 and in both sums of S2).
# The global Moran and Geary kernels return them too (`S`), from the links
# they fold anyway: constants_list() names them.
weight_constants <- function(w) {
  constants_list(.Call(C_regineq_weight_constants, w$rowptr, w$col, w$val))
}

constants_list <- function(s) list(S0 = s[1], S1 = s[2], S2 = s[3])

normal_p <- function(z, alternative) {
  switch(alternative,
         greater = stats::pnorm(z, lower.tail = FALSE),
         less = stats::pnorm(z),
         2 * stats::pnorm(abs(z), lower.tail = FALSE))
}

pseudo_p <- function(ge, le, nsim, alternative) {
  switch(alternative,
         greater = (ge + 1) / (nsim + 1),
         less = (le + 1) / (nsim + 1),
         two.sided = pmin(1, 2 * (pmin(ge, le) + 1) / (nsim + 1)),
         folded = (pmin(ge, le) + 1) / (nsim + 1))
}

# The cluster of each region of a local statistic: its `label` where its
# p-value, adjusted by `p_adjust` within each period (`tcode`), is at most
# `alpha`, "Not significant" otherwise, "Isolated" for islands; a factor
# with the statistic's `levels` first.
local_clusters <- function(p, tcode, p_adjust, alpha, label, island, levels) {
  p <- stats::ave(p, tcode, FUN = function(v) {
    stats::p.adjust(v, method = p_adjust)
  })
  cluster <- ifelse(!is.na(p) & p <= alpha, label, "Not significant")
  cluster[island] <- "Isolated"
  factor(cluster, c(levels, "Not significant", "Isolated"))
}

# The Moran-scatterplot quadrant of each region from the side of its value
# and of its lag (NA for islands).
quadrant_labels <- function(hi_x, hi_l, island) {
  quad <- ifelse(hi_x, ifelse(hi_l, "High-High", "High-Low"),
                 ifelse(hi_l, "Low-High", "Low-Low"))
  quad[island] <- NA_character_
  quad
}

lisa_quadrants <- function() c("High-High", "Low-Low", "High-Low", "Low-High")

# The print methods of the spatial results. `what` is a format of the
# value's name (and of `y`'s for the bivariate statistics). Global: the
# title with the alternative and permutations, then the table.
print_spatial_global <- function(x, cls, what) {
  info <- result_info(x)
  cat(sprintf("<%s> %s (%s%s)\n", cls, spatial_title(what, info),
              info$alternative,
              if (info$nsim > 0) paste0(", ", info$nsim, " permutations") else
                ""))
  print(unclass_df(x), row.names = FALSE, digits = 4)
  invisible(x)
}

# Local: the first n rows, then the clusters by period.
print_spatial_local <- function(x, cls, what, n, clusters) {
  info <- result_info(x)
  d <- unclass_df(x)
  cat(sprintf("<%s> %s: %d rows\n", cls, spatial_title(what, info), nrow(d)))
  print(utils::head(d, n), digits = 4)
  if (nrow(d) > n) cat(sprintf("... %d more rows\n", nrow(d) - n))
  if ("cluster" %in% names(d)) {
    cat("\n", clusters, ":\n", sep = "")
    tab <- if (!is.null(info$time) && info$time %in% names(d)) {
      table(d[[info$time]], d$cluster)
    } else table(d$cluster)
    print(tab)
  }
  invisible(x)
}

# The statistic's title with the value's name (and y's, when it has one).
spatial_title <- function(what, info) {
  do.call(sprintf, c(list(what), as.list(c(info$value, info$y))))
}
