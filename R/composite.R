#' Entropy weights of an indicator panel
#'
#' The entropy method (as in the NQPF-level study, eqs. 1-7; see [nqpf_level]): each indicator is min-max
#' normalised by direction, shifted by `shift`, turned into shares
#' \eqn{p_{ij} = v_{ij} / \sum_i v_{ij}}{p_ij = v_ij / sum_i v_ij}, and its entropy
#' \eqn{e_j = -k \sum_i p_{ij} \ln p_{ij}}{e_j = -k sum_i p_ij ln p_ij} with \eqn{k = 1/\ln m}{k = 1/ln m} measures how
#' little it discriminates; the weight is \eqn{w_j = d_j / \sum_j d_j}{w_j = d_j / sum_j d_j} with
#' \eqn{d_j = 1 - e_j}{d_j = 1 - e_j}.
#'
#' With `scope = "pooled"` (the panel entropy method) minimum, maximum and
#' entropy are taken over all \eqn{m = nT}{m = nT} region-periods, so one set of
#' weights applies to every period and scores are comparable across years.
#' With `scope = "time"` each period is treated on its own (\eqn{m = n_t}{m = n_t}).
#' With `shift = 0`, \eqn{0 \ln 0 = 0}{0 ln 0 = 0}. A constant indicator carries no
#' information: its entropy is 1, its weight 0, and a warning names it.
#'
#' On an unbalanced panel (regions that lack some periods) a message (class
#' `regineq_message_unbalanced`) names the regions and the periods they
#' lack. With `balanced = FALSE` (the default) every available row is used:
#' the pooled scope takes its minima, maxima and entropy over all the
#' region-periods there are, the time scope each period over the regions it
#' has. With `balanced = TRUE` only the regions present in every period are
#' used (weights and scores then come from that subset alone).
#'
#' When every share is close to \eqn{1/m}{1/m} (a large `shift`), \eqn{1 - e_j}{1 - e_j}
#' is computed from the identity \eqn{1 - e_j = T_j / \ln m}{1 - e_j = T_j / ln m}, where
#' \eqn{T_j}{T_j} is Theil's T of the shifted column, so that the weights keep
#' their precision; ranges that are subnormal or wider than the largest
#' double are normalised after scaling by a power of two. If every weight of
#' a scope is still 0 (every entropy is 1 to double precision), an error says
#' so.
#'
#' @param data A data frame, one row per region and period.
#' @param spec The indicator system: see [indicator_spec()].
#' @param id,time Names of the region and period columns (`time` may be
#'   `NULL` for a single cross-section).
#' @param scope `"pooled"` or `"time"`; see Details.
#' @param shift Non-negative constant added after normalisation (the NQPF-level study adds
#'   0.0001) so that \eqn{\ln 0}{ln 0} never occurs.
#' @param na `"error"` (default) or `"interpolate"`: fill interior gaps of each
#'   region's series linearly over time; gaps at either end are errors.
#' @param balanced `FALSE` (default): on an unbalanced panel, use all
#'   available rows. `TRUE`: only the regions present in every period.
#' @return A data frame with `indicator`, `direction`, `dimension` (if the spec
#'   has one), `entropy`, `weight`, and the period column first when
#'   `scope = "time"`.
#' @references Shannon, C. E. (1948). A mathematical theory of communication.
#'   The NQPF-level study (n.d.), eqs. 1-7: the study behind [nqpf_level]
#'   (see `citation("regineq")`).
#' @family composite index
#' @export
#' @examples
#' w <- entropy_weights(nqpf_indicators, nqpf_spec, id = "province",
#'                      time = "year")
#' head(w[order(-w$weight), ])
entropy_weights <- function(data, spec, id, time, scope = c("pooled", "time"),
                            shift = 1e-4, na = c("error", "interpolate"),
                            balanced = FALSE) {
  check_required(c("data", "spec", "id", "time"))
  prep <- prepare_composite(data, spec, id, time, scope, shift, na,
                            weights = NULL, need_entropy = TRUE,
                            balanced = balanced)
  res <- run_composite(prep, method = 0L)
  weights_table(prep, res)
}

#' Composite index by entropy-weighted TOPSIS or a weighted sum
#'
#' Turns an indicator panel into one score per region and period, the way
#' the NQPF-level study (n.d., eqs. 1-12) does, and Ran et al. (2025) and
#' Ran, Sun and Li (n.d.) with entropy weights, with every convention
#' explicit.
#'
#' Indicators are min-max normalised by direction and shifted by `shift`
#' ([entropy_weights()] explains both and the two scopes). Weights are the
#' entropy weights unless fixed weights are given (in `weights` or a `weight`
#' column of `spec`; they are rescaled to sum to 1).
#'
#' * `method = "topsis"`: \eqn{z_{ij} = w_j v_{ij}}{z_ij = w_j v_ij}; the ideal and anti-ideal
#'   solutions are the column maximum and minimum of \eqn{z}{z} over the scope;
#'   \eqn{d^+_i}{d+_i} and \eqn{d^-_i}{d-_i} are Euclidean distances to them and the score
#'   is the closeness \eqn{d^-_i / (d^+_i + d^-_i)}{d-_i / (d+_i + d-_i)}.
#' * `method = "linear"`: the weighted sum \eqn{\sum_j w_j v_{ij}}{sum_j w_j v_ij}.
#'
#' A constant indicator has ideal = anti-ideal and adds nothing to either
#' distance. Under entropy weights it weighs 0; under fixed weights it keeps
#' its weight, which cannot change a TOPSIS closeness (closeness does not
#' change when all weights are rescaled), and a warning names it. A scope in
#' which every indicator with a positive weight is constant has no TOPSIS
#' closeness: an error.
#'
#' When the spec has a `dimension` column, each dimension also gets a score,
#' computed by the same method on its own indicators with their weights
#' renormalised to sum to 1 within it.
#'
#' An unbalanced panel gets a message, and `balanced` chooses between all
#' available rows and the regions present in every period, as in
#' [entropy_weights()]; the scores then have one row per row used.
#'
#' @inheritParams entropy_weights
#' @param method `"topsis"` or `"linear"`.
#' @param weights `NULL` for entropy weights, or a named numeric vector of
#'   fixed weights, one per indicator.
#' @return An object of class `regineq_index`: a list with `scores` (a data
#'   frame: the id and time columns under their own names, `score`, `d_plus`
#'   and `d_minus` for TOPSIS, then one column per dimension), `weights` (as
#'   from [entropy_weights()]), and `conventions` (method, scope, shift, the
#'   weight source, and a data frame `interpolated` of every filled cell).
#'   `as.data.frame()` returns `scores`.
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
composite_index <- function(data, spec, id, time,
                            method = c("topsis", "linear"),
                            scope = c("pooled", "time"), shift = 1e-4,
                            weights = NULL, na = c("error", "interpolate"),
                            balanced = FALSE) {
  check_required(c("data", "spec", "id", "time"))
  method <- check_choice(method, c("topsis", "linear"), "method")
  prep <- prepare_composite(data, spec, id, time, scope, shift, na,
                            weights = weights, need_entropy = FALSE,
                            balanced = balanced)
  res <- run_composite(prep, method = if (method == "topsis") 1L else 2L)
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
  structure(
    list(scores = scores, weights = weights_table(prep, res),
         conventions = list(
           method = method, scope = prep$scope, shift = prep$shift,
           weights = if (prep$fixed) "fixed" else "entropy",
           normalisation = "min-max by direction over the scope",
           na = prep$na, interpolated = prep$interpolated),
         id = id, time = time),
    class = "regineq_index")
}

#' @export
as.data.frame.regineq_index <- function(x, ...) x$scores

#' @export
print.regineq_index <- function(x, ...) {
  cv <- x$conventions
  cat(sprintf("<regineq_index> %s, %s scope, %s weights, shift = %s\n",
              if (cv$method == "topsis") "entropy-weighted TOPSIS" else
                "weighted sum", cv$scope, cv$weights, format(cv$shift)))
  cat(sprintf("%d rows, %d indicators; %d cells interpolated\n\n",
              nrow(x$scores), length(unique(x$weights$indicator)),
              nrow(cv$interpolated)))
  w <- x$weights
  if (is.null(x$time) || cv$scope == "pooled") {
    cat("Weights:\n")
    print(w, row.names = FALSE, digits = 4)
  } else {
    cat("Weights (mean over periods):\n")
    keep <- intersect(c("indicator", "direction", "dimension"), names(w))
    agg <- stats::aggregate(w[c("entropy", "weight")], w[keep], mean)
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

# Validates everything once and returns what the C kernel needs.
prepare_composite <- function(data, spec, id, time, scope, shift, na, weights,
                              need_entropy, balanced = FALSE) {
  check_data_frame(data)
  scope <- check_choice(scope, c("pooled", "time"), "scope")
  na <- check_choice(na, c("error", "interpolate"), "na")
  check_number(shift, "shift", min = 0)
  spec <- as_spec(spec)
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
  fixed_w <- fixed_weights(weights, spec)
  if (need_entropy) fixed_w <- NULL
  dims <- if ("dimension" %in% names(spec)) unique(spec$dimension) else "all"
  dim_code <- if ("dimension" %in% names(spec)) match(spec$dimension, dims) else
    rep(1L, nrow(spec))
  list(x = xm$x, interpolated = xm$interpolated, spec = spec, pan = pan,
       scope = scope, shift = as.double(shift), na = na, grp = grp,
       ngrp = ngrp, fixed = !is.null(fixed_w), w = fixed_w, dims = dims,
       dim_code = dim_code)
}

fixed_weights <- function(weights, spec) {
  if (is.null(weights)) {
    return(if ("weight" %in% names(spec)) spec$weight)
  }
  if (!is.numeric(weights) || is.null(names(weights))) {
    abort("`weights` must be NULL (entropy weights) or a named numeric ",
          "vector, not ", type_of(weights), ".", class = "regineq_error_type")
  }
  dup <- unique(names(weights)[duplicated(names(weights))])
  if (length(dup)) {
    abort("`weights` must name each indicator once: ", enum(dup),
          if (length(dup) == 1L) " appears" else " appear",
          " more than once.", class = "regineq_error_duplicate")
  }
  unknown <- setdiff(names(weights), spec$indicator)
  absent <- setdiff(spec$indicator, names(weights))
  if (length(unknown) || length(absent)) {
    abort("`weights` must have one weight per indicator of `spec`: ",
          if (length(absent)) paste0("no weight for ", enum(absent)),
          if (length(unknown) && length(absent)) "; ",
          if (length(unknown)) paste0(enum(unknown), " not in `spec`"), ".",
          class = "regineq_error_value")
  }
  check_weight_vector(unname(weights[spec$indicator]), spec$indicator,
                      "weights")
}

run_composite <- function(prep, method) {
  p <- length(prep$x)
  dir <- ifelse(prep$spec$direction == "+", 1L, -1L)
  w <- if (prep$fixed) matrix(prep$w, p, prep$ngrp)
  res <- .Call(C_regineq_composite, prep$x, dir, prep$grp, prep$ngrp,
               prep$shift, w, prep$dim_code, length(prep$dims), method)
  if (prep$fixed) check_fixed_constant(prep, res, topsis = method == 1L) else
    check_entropy(prep, res)
  res
}

# Constant indicators weigh 0 (warning); all constant in a scope is an error,
# and so is an entropy that is not finite or a scope where every weight is 0
# (every indicator has entropy 1 to double precision).
check_entropy <- function(prep, res) {
  const <- res$max <= res$min
  ind <- prep$spec$indicator
  dead <- colSums(!const) == 0L
  if (any(dead)) {
    abort("Every indicator is constant", in_scopes(prep, dead),
          ": no weights can be derived from entropy.",
          class = "regineq_error_constant")
  }
  bad <- !is.finite(res$entropy)
  if (any(bad)) {
    rows <- which(rowSums(bad) > 0)
    abort("Entropy weights can't be derived: the entropy of ",
          scoped_indicators(prep, rows, bad), " is not finite.",
          class = "regineq_error_value")
  }
  zero <- colSums(res$weight > 0) == 0L
  if (any(zero)) {
    abort("Entropy weights can't be derived", in_scopes(prep, zero),
          ": every indicator (", enum(ind), ") has entropy 1 to double ",
          "precision, so every weight is 0 (`shift` = ", format(prep$shift),
          " may be too large).", class = "regineq_error_value")
  }
  if (any(const)) {
    rows <- which(rowSums(const) > 0)
    warn("Constant indicator", if (length(rows) > 1L) "s", " get weight 0: ",
         scoped_indicators(prep, rows, const), ".",
         class = "regineq_warning_constant")
  }
}

# With fixed weights a constant indicator (ideal = anti-ideal) adds nothing
# to either TOPSIS distance and the same amount to every weighted sum: it
# carries no information (warning). A TOPSIS scope where every indicator with
# a positive weight is constant has no closeness (error).
check_fixed_constant <- function(prep, res, topsis) {
  const <- res$max <= res$min & res$weight > 0
  if (!any(const)) return(invisible())
  dead <- colSums(!const & res$weight > 0) == 0L
  if (topsis && any(dead)) {
    abort("Every indicator with a positive weight is constant",
          in_scopes(prep, dead), ": the TOPSIS closeness can't be computed.",
          class = "regineq_error_constant")
  }
  rows <- which(rowSums(const) > 0)
  many <- length(rows) > 1L
  warn("Constant indicator", if (many) "s", " ",
       scoped_indicators(prep, rows, const), if (many) " carry" else
         " carries", " no information under fixed weights: ",
       if (many) "they" else "it", " can't separate the regions.",
       class = "regineq_warning_constant")
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

weights_table <- function(prep, res) {
  spec <- prep$spec
  keep <- intersect(c("indicator", "direction", "dimension"), names(spec))
  base <- spec[keep]
  ent <- if (prep$fixed) rep(NA_real_, length(res$weight)) else
    as.vector(res$entropy)
  out <- cbind(base[rep(seq_len(nrow(spec)), prep$ngrp), , drop = FALSE],
               entropy = ent, weight = as.vector(res$weight))
  if (prep$scope == "time" && !is.null(prep$pan$time$name)) {
    tcol <- data.frame(rep(prep$pan$time$levels, each = nrow(spec)),
                       stringsAsFactors = FALSE)
    names(tcol) <- prep$pan$time$name
    out <- cbind(tcol, out)
  }
  rownames(out) <- NULL
  out
}

# Indicator columns as a list of doubles (passed to C as they are, never
# copied into an n x p matrix), with missing values rejected or filled by
# linear interpolation within each region. Returns list(x, interpolated =
# a data frame of the filled cells).
indicator_matrix <- function(data, indicators, pan, na = "error") {
  x <- vector("list", length(indicators))
  names(x) <- indicators
  filled <- list()
  for (j in seq_along(indicators)) {
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
