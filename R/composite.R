#' Weights of an indicator panel: entropy, CRITIC, CV, SD, equal or combined
#'
#' `index_weights()` computes the weights a composite index uses, under any
#' objective scheme or a combination of schemes; `entropy_weights()` is
#' `index_weights(weights = "entropy")`.
#'
#' @section Normalisation:
#' Every scheme works on the normalised, direction-adjusted values
#' \eqn{v_{ij} = u_{ij} + \mathrm{shift}}{v_ij = u_ij + shift}, where by
#' `normalisation`:
#' * `"minmax"` (the default): \eqn{u = (x - \min)/(\max - \min)}{u = (x -
#'   min)/(max - min)} for a positive indicator, \eqn{(\max - x)/(\max -
#'   \min)}{(max - x)/(max - min)} for a negative one, over the scope.
#' * `"base"`: the same with the minimum and maximum of period `base` (by
#'   default the first), so that every period is measured against one fixed
#'   range (Stata's `ewm` offers it); u may leave \[0, 1\].
#' * `"vector"`: \eqn{u = x / \lVert x \rVert_2}{u = x / ||x||_2} (TOPSIS's
#'   original normalisation, as in CRAN's topsis), and `"sum"`: \eqn{u = x /
#'   \sum x}{u = x / sum x}, over the scope; a negative indicator is
#'   reflected, \eqn{u = (\max x - x) / \lVert x \rVert}{u = (max x - x) /
#'   ||x||}, so that TOPSIS keeps its standard ideal (the minimum of a cost
#'   criterion). Both treat x as a ratio scale and refuse negative values.
#'
#' @section Weighting schemes:
#' Within each scope (all rows, or each period with `scope = "time"`), over
#' the m rows of the scope:
#' * `"entropy"` (Shannon 1948; the NQPF-level study, eqs. 1-7): shares
#'   \eqn{p_{ij} = v_{ij} / \sum_i v_{ij}}{p_ij = v_ij / sum_i v_ij}, entropy
#'   \eqn{e_j = -k \sum_i p_{ij} \ln p_{ij}}{e_j = -k sum_i p_ij ln p_ij},
#'   \eqn{w_j = (1 - e_j) / \sum_j (1 - e_j)}{w_j = (1 - e_j) / sum_j (1 -
#'   e_j)}. With `entropy_k = "rows"` (the default), \eqn{k = 1/\ln m}{k =
#'   1/ln m}: \eqn{1/\ln(nT)}{1/ln(nT)} for the pooled panel, \eqn{1/\ln n}{1/ln
#'   n} per period. With `entropy_k = "regions"`, \eqn{k = 1/\ln n}{k = 1/ln
#'   n} with n the regions of the scope, as seed 004 (Ran, Sun and Li, eq. 4)
#'   writes for its pooled panel; see the section on that convention.
#' * `"critic"` (Diakoulaki, Mavrotas and Papayannakis 1995):
#'   \eqn{w_j \propto \sigma_j \sum_k (1 - r_{jk})}{w_j ~ sigma_j sum_k (1 -
#'   r_jk)}, with \eqn{\sigma_j}{sigma_j} the standard deviation of
#'   \eqn{v_j}{v_j} and \eqn{r_{jk}}{r_jk} the Pearson correlation of
#'   \eqn{v_j}{v_j} and \eqn{v_k}{v_k}; the sum runs over the other
#'   indicators that are not constant in the scope.
#' * `"cv"` (coefficient of variation): \eqn{w_j \propto \sigma_j /
#'   \bar v_j}{w_j ~ sigma_j / mean(v_j)}. Under `"vector"` or `"sum"`
#'   normalisation (shift 0 by default) this is, for a positive indicator,
#'   the coefficient of variation of the raw values (both are scalings).
#' * `"sd"`: \eqn{w_j \propto \sigma_j}{w_j ~ sigma_j}.
#' * `"equal"`: the same weight for every indicator.
#' * A named numeric vector: fixed (subjective) weights, one per indicator,
#'   rescaled to sum to 1.
#' * Several of them, as a character vector (`c("entropy", "critic")`) or a
#'   list mixing scheme names and named numeric vectors: combined weights.
#'   With component weights \eqn{w^{(s)}}{w^(s)} and coefficients
#'   \eqn{\lambda_s}{lambda_s} (`lambda`, equal by default, rescaled to sum
#'   to 1), `combine = "arithmetic"` gives \eqn{w_j = \sum_s \lambda_s
#'   w^{(s)}_j}{w_j = sum_s lambda_s w^(s)_j} and `combine = "geometric"`
#'   \eqn{w_j \propto \prod_s (w^{(s)}_j)^{\lambda_s}}{w_j ~ prod_s
#'   (w^(s)_j)^lambda_s}, rescaled to sum to 1.
#'
#' The standard deviations use the \eqn{m - 1}{m - 1} denominator; the
#' choice cancels in every weight. A constant indicator (one value over the
#' scope) carries no information: under every computed scheme its weight is
#' 0, it is left out of the CRITIC sums, and a warning names it. Fixed
#' weights keep their value (a warning says the indicator can't separate the
#' regions). A scope in which every indicator is constant, or in which a
#' scheme gives every indicator 0 (CRITIC with perfectly correlated
#' indicators, entropy 1 to double precision), is an error.
#'
#' @section Seed 004's entropy constant:
#' Ran, Sun and Li (n.d., eqs. 3-4) pool the shares over every year and
#' region but divide the entropy by \eqn{\ln n}{ln n}, the regions alone
#' (`entropy_k = "regions"`). The entropy of \eqn{nT}{nT} shares can reach
#' \eqn{\ln(nT)}{ln(nT)}, so \eqn{e_j}{e_j} then exceeds 1 for every
#' indicator spread over more than about n region-years, \eqn{1 - e_j}{1 -
#' e_j} is negative, and \eqn{w_j = (1 - e_j)/\sum (1 - e_j)}{w_j = (1 -
#' e_j)/sum(1 - e_j)} ranks the indicators in the reverse order of their
#' information: the most concentrated indicator gets the smallest weight.
#' regineq computes the formula as printed, warns (class
#' `regineq_warning_entropy`) when an entropy exceeds 1, and refuses a scope
#' where \eqn{1 - e_j}{1 - e_j} changes sign (the weights would be negative).
#' The paper's printed weights (its Tables 1 and 2) can't be recomputed here:
#' its 2010-2022 yearbook indicators are not published with it. What can be
#' checked holds: each table sums to 1.000 and its dimensions sum to the
#' stated shares (0.634 and 0.366; 0.088, 0.249, 0.350 and 0.313). Their
#' largest entries go to indicators concentrated in a few provinces
#' (technology-market turnover, incubators, patents), which is what
#' \eqn{k = 1/\ln(nT)}{k = 1/ln(nT)} does and the reverse of what \eqn{1/\ln
#' n}{1/ln n} does to pooled shares: the printed weights look like those of
#' the default, and `entropy_k = "regions"` reproduces the equation as
#' printed.
#'
#' @section Unbalanced panels, precision and threads:
#' On an unbalanced panel (regions that lack some periods) a message (class
#' `regineq_message_unbalanced`) names the regions and the periods they
#' lack. With `balanced = FALSE` (the default) every available row is used;
#' with `balanced = TRUE` only the regions present in every period.
#' When every share is close to \eqn{1/m}{1/m} (a large `shift`), \eqn{1 -
#' e_j}{1 - e_j} is computed from the identity \eqn{1 - e_j = T_j / \ln
#' m}{1 - e_j = T_j / ln m}, where \eqn{T_j}{T_j} is Theil's T of the
#' shifted column, so that the weights keep their precision; ranges that
#' are subnormal or wider than the largest double are normalised after
#' scaling by a power of two.
#'
#' The indicators' statistics are computed on
#' `getOption("regineq.threads", 2)` threads (at most `OMP_THREAD_LIMIT`).
#' Each indicator is computed by one thread, in a fixed order, so the
#' weights are the same, bit for bit, whatever the thread count.
#'
#' @param data A data frame, one row per region and period.
#' @param spec The indicator system: see [indicator_spec()].
#' @param id,time Names of the region and period columns (`time` may be
#'   `NULL` for a single cross-section).
#' @param weights The weighting scheme: `"entropy"`, `"critic"`, `"cv"`,
#'   `"sd"`, `"equal"`, a named numeric vector of fixed weights, or several
#'   of them (a character vector or a list) to combine. For
#'   [composite_index()], `NULL` (the default) means the spec's `weight`
#'   column if it has one, else `"entropy"`.
#' @param scope `"pooled"` or `"time"`: weights (and the normalisation's
#'   range) over all rows, or per period.
#' @param shift Non-negative constant added after normalisation so that
#'   \eqn{\ln 0}{ln 0} never occurs (with 0, \eqn{0 \ln 0 = 0}{0 ln 0 = 0}).
#'   `NULL` (the default) means 0.0001 under min-max normalisation, as the
#'   NQPF-level study adds, and 0 under vector and sum normalisation, whose
#'   values are fractions of a norm (about \eqn{1/\sqrt{m}}{1/sqrt(m)} and
#'   \eqn{1/m}{1/m}) that a constant 0.0001 would swamp.
#' @param na `"error"` (default) or `"interpolate"`: fill interior gaps of each
#'   region's series linearly over time; gaps at either end are errors.
#' @param balanced `FALSE` (default): on an unbalanced panel, use all
#'   available rows. `TRUE`: only the regions present in every period.
#' @param normalisation `"minmax"`, `"base"`, `"vector"` or `"sum"`; see the
#'   section.
#' @param base With `normalisation = "base"`, the period whose range
#'   normalises every period (default: the first).
#' @param entropy_k `"rows"` (\eqn{k = 1/\ln m}{k = 1/ln m}, m the rows of
#'   the scope) or `"regions"` (\eqn{k = 1/\ln n}{k = 1/ln n}, n its
#'   regions).
#' @param combine `"arithmetic"` or `"geometric"`: how several schemes are
#'   combined.
#' @param lambda Coefficients of the combined schemes, one each (default
#'   equal).
#' @return A data frame with `indicator`, `direction`, `dimension` (if the
#'   spec has one), `entropy` (NA unless the entropy scheme is used),
#'   `weight`; `sd`, `cv` and `conflict` (\eqn{\sum_k (1 - r_{jk})}{sum_k (1
#'   - r_jk)}) when a scheme uses them; one `weight_<scheme>` column per
#'   component of a combination; and the period column first when `scope =
#'   "time"`.
#' @references Shannon, C. E. (1948). A mathematical theory of
#'   communication. Bell System Technical Journal 27, 379-423.
#'
#'   Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995). Determining
#'   objective weights in multiple criteria problems: the CRITIC method.
#'   Computers & Operations Research 22(7), 763-770.
#'
#'   The NQPF-level study (n.d.), eqs. 1-7, and Ran, Sun and Li (n.d.),
#'   eqs. 1-5 and Tables 1-2 (see [nqpf_level] and `citation("regineq")`).
#' @family composite index
#' @export
#' @examples
#' w <- entropy_weights(nqpf_indicators, nqpf_spec, id = "province",
#'                      time = "year")
#' head(w[order(-w$weight), ])
#' index_weights(nqpf_indicators, nqpf_spec, id = "province", time = "year",
#'               weights = c("entropy", "critic"), combine = "geometric")[1:5, ]
index_weights <- function(data, spec, id, time, weights = "entropy",
                          scope = c("pooled", "time"), shift = NULL,
                          na = c("error", "interpolate"), balanced = FALSE,
                          normalisation = c("minmax", "base", "vector", "sum"),
                          base = NULL, entropy_k = c("rows", "regions"),
                          combine = c("arithmetic", "geometric"),
                          lambda = NULL) {
  check_required(c("data", "spec", "id", "time"))
  if (is.null(weights)) {
    abort("`weights` must name a scheme or give fixed weights, not NULL.",
          class = "regineq_error_type")
  }
  prep <- prepare_composite(data, spec, id, time, scope, shift, na, weights,
                            balanced, normalisation, base, entropy_k,
                            combine, lambda)
  weights_table(prep, index_core(prep))
}

#' @rdname index_weights
#' @export
entropy_weights <- function(data, spec, id, time, scope = c("pooled", "time"),
                            shift = NULL, na = c("error", "interpolate"),
                            balanced = FALSE,
                            normalisation = c("minmax", "base", "vector",
                                              "sum"),
                            base = NULL, entropy_k = c("rows", "regions")) {
  check_required(c("data", "spec", "id", "time"))
  prep <- prepare_composite(data, spec, id, time, scope, shift, na, "entropy",
                            balanced, normalisation, base, entropy_k)
  weights_table(prep, index_core(prep))
}

#' Composite index by TOPSIS or a weighted sum
#'
#' Turns an indicator panel into one score per region and period, the way
#' the NQPF-level study (n.d., eqs. 1-12) does, and Ran et al. (2025) and
#' Ran, Sun and Li (n.d.) with entropy weights, with every convention
#' explicit and recorded.
#'
#' Indicators are normalised by direction (min-max by default) and shifted
#' by `shift`; the weights come from `weights` ([index_weights()] states
#' every scheme, normalisation and scope). Then, within each scope:
#'
#' * `method = "topsis"` (Hwang and Yoon 1981): \eqn{z_{ij} = w_j
#'   v_{ij}}{z_ij = w_j v_ij}; the ideal and anti-ideal solutions are the
#'   column maximum and minimum of \eqn{z}{z} over the scope (a negative
#'   indicator is reflected by the normalisation, so its ideal is its
#'   smallest value); \eqn{d^+_i}{d+_i} and \eqn{d^-_i}{d-_i} are Euclidean
#'   distances to them and the score is the closeness \eqn{d^-_i / (d^+_i +
#'   d^-_i)}{d-_i / (d+_i + d-_i)}. With `normalisation = "vector"`, fixed
#'   weights (and its default shift, 0) this is the classic TOPSIS of CRAN's
#'   topsis.
#' * `method = "linear"`: the weighted sum \eqn{\sum_j w_j v_{ij}}{sum_j w_j
#'   v_ij}.
#'
#' A constant indicator has ideal = anti-ideal and adds nothing to either
#' distance. Under a computed scheme it weighs 0; under fixed weights it
#' keeps its weight, which cannot change a TOPSIS closeness (closeness does
#' not change when all weights are rescaled), and a warning names it. A
#' scope in which every indicator with a positive weight is constant has no
#' TOPSIS closeness: an error.
#'
#' When the spec has a `dimension` column, each dimension also gets a score,
#' computed by the same method on its own indicators with their weights
#' renormalised to sum to 1 within it. [obstacle_degree()] says which
#' indicators hold each region back, and [index_robustness()] how much the
#' ranking depends on these choices.
#'
#' An unbalanced panel gets a message, and `balanced` chooses between all
#' available rows and the regions present in every period, as in
#' [index_weights()]; the scores then have one row per row used.
#'
#' The scores are computed on the same threads as the weights, in blocks of
#' rows, each row by one thread with its indicators in spec order: the index
#' is the same, bit for bit, whatever the thread count.
#'
#' @inheritParams index_weights
#' @param method `"topsis"` or `"linear"`.
#' @return An object of class `regineq_index`: a list with `scores` (a data
#'   frame: the id and time columns under their own names, `score`, `d_plus`
#'   and `d_minus` for TOPSIS, then one column per dimension), `weights` (as
#'   from [index_weights()]), and `conventions` (method, scope, shift, the
#'   weights, normalisation, base period, entropy constant, combination, and
#'   a data frame `interpolated` of every filled cell). `as.data.frame()`
#'   returns `scores`.
#' @references Hwang, C.-L. and Yoon, K. (1981). Multiple Attribute Decision
#'   Making: Methods and Applications. Springer. The NQPF-level study (n.d.),
#'   eqs. 1-12 (see [nqpf_level] and `citation("regineq")`).
#' @family composite index
#' @export
#' @examples
#' idx <- composite_index(nqpf_indicators, nqpf_spec, id = "province",
#'                        time = "year")
#' idx
#' head(as.data.frame(idx))
#' # CRITIC weights, vector normalisation
#' composite_index(nqpf_indicators, nqpf_spec, id = "province", time = "year",
#'                 weights = "critic", normalisation = "vector")
composite_index <- function(data, spec, id, time,
                            method = c("topsis", "linear"),
                            scope = c("pooled", "time"), shift = NULL,
                            weights = NULL, na = c("error", "interpolate"),
                            balanced = FALSE,
                            normalisation = c("minmax", "base", "vector",
                                              "sum"),
                            base = NULL, entropy_k = c("rows", "regions"),
                            combine = c("arithmetic", "geometric"),
                            lambda = NULL) {
  check_required(c("data", "spec", "id", "time"))
  method <- check_choice(method, c("topsis", "linear"), "method")
  prep <- prepare_composite(data, spec, id, time, scope, shift, na, weights,
                            balanced, normalisation, base, entropy_k,
                            combine, lambda)
  core <- index_core(prep, check_topsis = method == "topsis")
  res <- .Call(C_regineq_index_scores, prep$x, prep$grp, prep$ngrp,
               core$stats$scale, core$stats$offset, core$stats$slope,
               core$stats$umin, core$stats$umax, prep$shift, core$weight,
               prep$dim_code,
               if ("dimension" %in% names(prep$spec)) length(prep$dims) else 0L,
               if (method == "topsis") 1L else 2L, resolve_threads(NULL))
  pan <- prep$pan
  scores <- data.frame(pan$id$levels[pan$id$code], stringsAsFactors = FALSE)
  names(scores) <- id
  if (!is.null(time)) scores[[time]] <- pan$time$levels[pan$time$code]
  scores$score <- res$score
  if (method == "topsis") {
    scores$d_plus <- res$d_plus
    scores$d_minus <- res$d_minus
  }
  if ("dimension" %in% names(prep$spec)) {
    dims <- prep$dims
    for (d in seq_along(dims)) {
      col <- dims[[d]]
      if (col %in% names(scores)) col <- paste0("dim_", col)
      scores[[col]] <- res$dimension[, d]
    }
    empty <- dims[colSums(is.na(res$dimension)) > 0]
    if (length(empty)) {
      warn("Dimension ", enum(empty), " has zero total weight (or, under ",
           "fixed weights, only constant indicators) in some scope: its ",
           "score is NA there.", class = "regineq_warning_weight")
    }
  }
  conv <- c(list(method = method), index_conventions(prep))
  structure(
    list(scores = scores, weights = weights_table(prep, core),
         conventions = conv, id = id, time = time),
    state = list(prep = prep, stats = core$stats, weight = core$weight),
    class = "regineq_index")
}

#' @export
as.data.frame.regineq_index <- function(x, ...) x$scores

#' @export
print.regineq_index <- function(x, ...) {
  cv <- x$conventions
  cat(sprintf("<regineq_index> %s, %s scope, %s weights, shift = %s\n",
              if (cv$method == "topsis") "TOPSIS" else "weighted sum",
              cv$scope, cv$weights, format(cv$shift)))
  cat(sprintf("Normalisation: %s; entropy constant: %s\n",
              normalisation_label(cv), entropy_k_label(cv)))
  cat(sprintf("%d rows, %d indicators; %d cells interpolated\n\n",
              nrow(x$scores), length(unique(x$weights$indicator)),
              nrow(cv$interpolated)))
  w <- x$weights
  num <- intersect(c("entropy", "sd", "cv", "conflict", "weight"), names(w))
  num <- c(num, grep("^weight_", names(w), value = TRUE))
  if (all(is.na(w$entropy))) num <- setdiff(num, "entropy")
  keep <- intersect(c("indicator", "direction", "dimension"), names(w))
  if (is.null(x$time) || cv$scope == "pooled") {
    cat("Weights:\n")
    print(w[c(keep, num)], row.names = FALSE, digits = 4)
  } else {
    cat("Weights (mean over periods):\n")
    agg <- stats::aggregate(w[num], w[keep], mean)
    print(agg[match(unique(w$indicator), agg$indicator), ], row.names = FALSE,
          digits = 4)
  }
  if (!is.null(x$time)) {
    cat("\nScore by period:\n")
    s <- x$scores
    tab <- do.call(rbind, lapply(split_by_period(s$score, s[[x$time]]),
                                 function(v) {
      c(n = length(v), mean = mean(v), min = min(v), max = max(v))
    }))
    print(round(tab, 4))
  }
  invisible(x)
}

#' @export
summary.regineq_index <- function(object, ...) {
  s <- object$scores
  if (is.null(object$time)) return(summary(s$score))
  by <- split_by_period(s$score, s[[object$time]])
  out <- data.frame(names(by), vapply(by, length, 1L),
                    vapply(by, mean, 1), vapply(by, stats::sd, 1),
                    vapply(by, min, 1), vapply(by, max, 1),
                    stringsAsFactors = FALSE)
  names(out) <- c(object$time, "n", "mean", "sd", "min", "max")
  rownames(out) <- NULL
  out
}

# Private ---------------------------------------------------------------------

# Validates everything once and returns what the C kernels need.
prepare_composite <- function(data, spec, id, time, scope, shift, na, weights,
                              balanced = FALSE, normalisation = "minmax",
                              base = NULL, entropy_k = "rows",
                              combine = "arithmetic", lambda = NULL) {
  check_data_frame(data)
  scope <- check_choice(scope, c("pooled", "time"), "scope")
  na <- check_choice(na, c("error", "interpolate"), "na")
  normalisation <- check_choice(normalisation,
                                c("minmax", "base", "vector", "sum"),
                                "normalisation")
  entropy_k <- check_choice(entropy_k, c("rows", "regions"), "entropy_k")
  combine <- check_choice(combine, c("arithmetic", "geometric"), "combine")
  if (is.null(shift)) {
    shift <- if (normalisation %in% c("vector", "sum")) 0 else 1e-4
  }
  check_number(shift, "shift", min = 0)
  spec <- as_spec(spec)
  scheme <- weight_scheme(weights, spec, lambda)
  pan <- new_panel(data, id, time)
  missing_cols <- setdiff(spec$indicator, names(data))
  if (length(missing_cols)) {
    abort("`spec$indicator` must name columns of `data`: ",
          enum(missing_cols), if (length(missing_cols) == 1L) " is" else " are",
          " missing.", class = "regineq_error_column")
  }
  check_min_rows(data, 2L)
  xm <- indicator_matrix(data, spec$indicator, pan, na)
  keep <- balance_rows(pan, balanced)
  if (!is.null(keep)) {
    pan <- panel_subset(pan, keep)
    xm$x <- lapply(xm$x, `[`, keep)
    xm$interpolated <- xm$interpolated[xm$interpolated$row %in% keep, ,
                                       drop = FALSE]
    rownames(xm$interpolated) <- NULL
  }
  grp <- if (scope == "time") pan$time$code else rep(1L, pan$n)
  ngrp <- max(grp)
  counts <- tabulate(grp, ngrp)
  if (scope == "time" && any(counts < 2L)) {
    bad <- pan$time$levels[counts < 2L]
    abort("`scope = \"time\"` needs at least two regions per period: ",
          "period ", enum(bad), " has one.", class = "regineq_error_size")
  }
  base_range <- normalisation_range(normalisation, base, xm$x, pan, spec)
  # k = 1/ln K: K the rows of each scope, or its distinct regions
  kden <- if (entropy_k == "rows") counts else
    tabulate(grp[!duplicated(cbind(grp, pan$id$code))], ngrp)
  if (any(kden < 2L) && "entropy" %in% scheme$type) {
    abort("`entropy_k = \"regions\"` needs at least two regions in each ",
          "scope.", class = "regineq_error_size")
  }
  dims <- if ("dimension" %in% names(spec)) unique(spec$dimension) else "all"
  dim_code <- if ("dimension" %in% names(spec)) match(spec$dimension, dims) else
    rep(1L, nrow(spec))
  list(x = xm$x, interpolated = xm$interpolated, spec = spec, pan = pan,
       scope = scope, shift = as.double(shift), na = na, grp = grp,
       ngrp = ngrp, scheme = scheme, combine = combine,
       normalisation = normalisation, base = base_range$base,
       base_range = base_range$range, entropy_k = entropy_k,
       kden = as.double(kden), dims = dims, dim_code = dim_code)
}

# The C code of a normalisation, and for "base" the base period's range of
# every indicator (2p numbers: minima, then maxima). Vector and sum
# normalisation divide by a norm of x: x must be a ratio scale (>= 0).
normalisation_range <- function(normalisation, base, x, pan, spec) {
  if (normalisation != "base") {
    if (!is.null(base)) {
      abort("`base` is used only with normalisation = \"base\", not \"",
            normalisation, "\".", class = "regineq_error_value")
    }
    if (normalisation %in% c("vector", "sum")) {
      for (j in seq_along(x)) {
        bad <- which(x[[j]] < 0)
        if (length(bad)) {
          abort("normalisation = \"", normalisation, "\" divides by a norm of ",
                "each indicator and needs non-negative values: column `",
                spec$indicator[j], "` is negative in ",
                describe_rows(bad, pan$labels), ". Use \"minmax\".",
                class = "regineq_error_value")
        }
      }
    }
    return(list(base = NULL, range = NULL))
  }
  per <- pan$time$levels
  if (is.null(pan$time$name) || length(per) < 2L) {
    abort("normalisation = \"base\" needs a `time` column with at least two ",
          "periods.", class = "regineq_error_value")
  }
  if (is.null(base)) base <- per[1L]
  if (length(base) != 1L || is.na(base) ||
      !as.character(base) %in% as.character(per)) {
    abort("`base` must be one of the periods (", enum(per, quote = ""),
          "), not ", format(base)[1L], ".", class = "regineq_error_value")
  }
  rows <- pan$time$code == match(as.character(base), as.character(per))
  lo <- vapply(x, function(v) min(v[rows]), 1)
  hi <- vapply(x, function(v) max(v[rows]), 1)
  flat <- which(!(hi > lo))
  if (length(flat)) {
    abort("normalisation = \"base\" needs a range in the base period ",
          base, ": ", enum(spec$indicator[flat]),
          if (length(flat) == 1L) " is" else " are", " constant there.",
          class = "regineq_error_constant")
  }
  list(base = base, range = c(lo, hi))
}

# The statistics of every indicator over each scope, one call, then the
# weights of the scheme (or combination) checked and formed from them.
index_core <- function(prep, check_topsis = FALSE) {
  types <- prep$scheme$type
  want <- ("entropy" %in% types) * 1L +
    any(c("critic", "cv", "sd") %in% types) * 2L + ("critic" %in% types) * 4L
  dir <- ifelse(prep$spec$direction == "+", 1L, -1L)
  norm <- match(prep$normalisation, c("minmax", "base", "vector", "sum")) - 1L
  stats <- .Call(C_regineq_index_stats, prep$x, dir, prep$grp, prep$ngrp,
                 prep$shift, norm, prep$base_range, prep$kden, want,
                 resolve_threads(NULL))
  if (!is.null(stats$cross)) {
    stats$conflict <- critic_conflict(stats$cross, !(stats$max > stats$min))
  }
  comps <- scheme_weights(prep, stats)
  list(stats = stats, components = comps,
       weight = combine_weights(prep, comps, stats, check_topsis))
}
# " in period `2001` and `2003`" for the scope groups flagged in `which`
# (time scope), "" for the pooled scope.
in_scopes <- function(prep, which) {
  if (prep$scope != "time") return("")
  paste0(" in period ", enum(prep$pan$time$levels[which]))
}

# "`a`, `b` (2001, 2002)": indicators `rows` of the p x G logical `flag`,
# with their periods under the time scope.
scoped_indicators <- function(prep, rows, flag) {
  ind <- prep$spec$indicator
  per <- prep$pan$time$levels
  what <- vapply(rows, function(j) {
    if (prep$scope == "pooled") return(paste0("`", ind[j], "`"))
    paste0("`", ind[j], "` (", paste(per[flag[j, ]], collapse = ", "), ")")
  }, "")
  paste(what, collapse = ", ")
}

# Indicator columns as a list of doubles (passed to C as they are, never
# copied into an n x p matrix), with missing values rejected or filled by
# linear interpolation within each region. Returns list(x, interpolated =
# a data frame of the filled cells).
indicator_matrix <- function(data, indicators, pan, na = "error") {
  x <- lapply(indicators, function(col) check_column(data, col,
                                                     "spec$indicator"))
  names(x) <- indicators
  # columns of finite doubles pass in one threaded scan; the others are
  # checked and filled one by one
  clean <- .Call(C_regineq_columns_ok, x, resolve_threads(NULL))
  filled <- list()
  for (j in which(!clean)) {
    col <- indicators[[j]]
    v <- panel_values(pan, data, col, "spec$indicator", allow_na = TRUE)
    miss <- if (anyNA(v)) which(is.na(v)) else integer()
    if (length(miss)) {
      if (na == "error") {
        abort("`data` must have no missing indicator values when ",
              "na = \"error\": column `", col, "` has NA in ",
              describe_rows(miss, pan$labels), ". Use na = \"interpolate\" ",
              "to fill gaps inside a region's series.",
              class = "regineq_error_missing")
      }
      v <- interpolate_within(v, pan, col)
      filled[[col]] <- data.frame(
        row = miss, id = pan$id$levels[pan$id$code[miss]],
        time = pan$time$levels[pan$time$code[miss]], indicator = col,
        value = v[miss], stringsAsFactors = FALSE)
    }
    x[[j]] <- v
  }
  interpolated <- if (length(filled)) do.call(rbind, unname(filled)) else
    data.frame(row = integer(), id = character(), time = character(),
               indicator = character(), value = double(),
               stringsAsFactors = FALSE)
  rownames(interpolated) <- NULL
  list(x = x, interpolated = interpolated)
}

# Linear interpolation of interior gaps over time within each region, on the
# periods' time axis (so 2015, 2017, 2020 are spaced as years). Gaps at the
# start or end of a series are errors.
interpolate_within <- function(v, pan, col) {
  t <- pan$time$numeric[pan$time$code]
  rows <- split(seq_along(v), pan$id$code)
  edge <- integer()
  for (r in rows) {
    miss <- is.na(v[r])
    if (!any(miss)) next
    r <- r[order(t[r])]
    miss <- is.na(v[r])
    known <- which(!miss)
    bad <- which(miss & (seq_along(r) < min(c(known, Inf)) |
                           seq_along(r) > max(c(known, -Inf))))
    if (length(bad)) {
      edge <- c(edge, r[bad])
      next
    }
    v[r[miss]] <- stats::approx(t[r[known]], v[r[known]], xout = t[r[miss]])$y
  }
  if (length(edge)) {
    edge <- sort(edge)
    abort("`data` has gaps that can't be interpolated: column `", col,
          "` is NA at the start or end of a region's series in ",
          describe_rows(edge, pan$labels), ".",
          class = "regineq_error_missing")
  }
  v
}
