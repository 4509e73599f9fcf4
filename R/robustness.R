#' Robustness of a composite index to its weights, method and indicators
#'
#' Recomputes a composite index ([composite_index()]) under each weighting
#' scheme, under TOPSIS and the weighted sum, and leaving out each indicator
#' in turn, and reports how far the regions' ranks move: the scores and
#' ranks of every variant side by side, the Spearman and Kendall
#' correlations of each variant with the baseline in each period, and each
#' region's rank range.
#'
#' The variants are
#' * `baseline`: the index with `baseline$method` and `baseline$weights`;
#' * one per element of `weights` that differs from the baseline's weights
#'   (type `"weights"`), with the baseline's method;
#' * one per element of `methods` other than the baseline's (type
#'   `"method"`), with the baseline's weights;
#' * with `leave_out`, the baseline without one indicator (type
#'   `"leave-out"`, named `drop_<indicator>`): the spec loses that row and
#'   the weights are recomputed on the remaining indicators (fixed weights
#'   lose that indicator's weight and are rescaled to sum to 1). A spec with
#'   a single indicator has nothing to leave out: no leave-out variant is
#'   made and `notes` says so.
#'
#' Everything in `...` (`scope`, `shift`, `normalisation`, `base`, `na`,
#' `balanced`, `entropy_k`, `combine`, `lambda`) goes to every
#' [composite_index()] call, so the variants differ only in what the variant
#' changes. A warning or message that several variants raise (a constant
#' indicator, an unbalanced panel) is given once, naming the variants it
#' came from. An error in the baseline is [composite_index()]'s own; an
#' error in another variant keeps its class and names the variant.
#'
#' Ranks are taken within each period, 1 for the highest score (the best
#' region); tied scores share the mean of the ranks they span
#' (`rank(-score, ties.method = "average")`). Spearman's \eqn{\rho}{rho} is
#' Pearson's correlation of these ranks; Kendall's \eqn{\tau_b}{tau-b}
#' counts ties on either side (Kendall 1945), computed in
#' \eqn{O(n \log n)}{O(n log n)} by Knight's (1966) merge sort. Both equal
#' [stats::cor()] with `method = "spearman"` and `"kendall"`, and both are
#' `NA` where `cor()` is `NA`: a period with fewer than two regions, or in
#' which every region has the same score under the baseline or the variant
#' (no ranking to agree with).
#'
#' @inheritParams composite_index
#' @param baseline The index the variants are compared with: a list with
#'   `method` (`"topsis"` or `"linear"`) and `weights` (anything
#'   [composite_index()] takes: a scheme name, a named numeric vector, a
#'   combination, or `NULL` for the spec's `weight` column else entropy).
#'   Missing elements take the defaults `method = "topsis"`,
#'   `weights = "entropy"`.
#' @param weights The weighting schemes to try: a character vector of scheme
#'   names (`"entropy"`, `"critic"`, `"cv"`, `"sd"`, `"equal"`), one variant
#'   each; or a list whose elements are anything [composite_index()] takes
#'   as `weights` (a scheme name, a named numeric vector of fixed weights, a
#'   combination such as `c("entropy", "critic")`), one variant each, named
#'   by the list's names (default: the scheme name, `fixed`, `fixed2`, ...,
#'   or the combined names joined by `_`). `NULL` or `character()` for none.
#'   Schemes equal to the baseline's weights are skipped.
#' @param methods The aggregation methods to try (`"topsis"`, `"linear"`);
#'   the baseline's own is skipped. `NULL` or `character()` for none.
#' @param leave_out `TRUE` (default): leave out each indicator in turn;
#'   `FALSE`: none; or a character vector of the indicators to leave out.
#' @param ... Further arguments of [composite_index()], passed to every
#'   variant. The arguments after `...` must be named in full, so that
#'   `method = "linear"` is refused (the baseline's method goes in
#'   `baseline`) instead of being taken for `methods`.
#' @return An object of class `regineq_robustness`, a list of data frames:
#'   * `variants`: `variant`, `type` (`"baseline"`, `"weights"`, `"method"`,
#'     `"leave-out"`), `description`, `method`, `weights` (the weights as
#'     [composite_index()] describes them) and `indicators` (how many);
#'   * `scores`: the id and time columns, then `score_<variant>` and
#'     `rank_<variant>` of each variant side by side (as `as.data.frame(x)`;
#'     `as.data.frame(x, long = TRUE)` gives one row per region, period and
#'     variant);
#'   * `correlation`: `variant`, the time column, `n` (regions), `spearman`
#'     and `kendall` (tau-b) of each variant against the baseline;
#'   * `ranks`: the id and time columns, `baseline` (the baseline rank),
#'     `min`, `max` and `range` (`max - min`) over all variants including
#'     the baseline, and `variant_min`, `variant_max` (the first variant, in
#'     the order of `variants`, that gives the region its best and its worst
#'     rank);
#'   * `weights`: the weight of every indicator under every variant
#'     (`variant`, the time column under `scope = "time"`, `indicator`,
#'     `weight`);
#'   * `notes`: a character vector (e.g. why no indicator was left out);
#'   plus `id`, `time` and `settings`.
#' @references Kendall, M. G. (1945). The treatment of ties in ranking
#'   problems. Biometrika 33(3), 239-251.
#'
#'   Knight, W. R. (1966). A computer method for calculating Kendall's tau
#'   with ungrouped data. Journal of the American Statistical Association
#'   61(314), 436-439.
#'
#'   Saisana, M., Saltelli, A. and Tarantola, S. (2005). Uncertainty and
#'   sensitivity analysis techniques as tools for the quality assessment of
#'   composite indicators. Journal of the Royal Statistical Society A
#'   168(2), 307-323.
#' @family composite index
#' @export
#' @examples
#' rob <- index_robustness(nqpf_indicators, nqpf_spec, "province", "year",
#'                         leave_out = FALSE)
#' rob
#' head(rob$correlation)
#' plot(rob)
index_robustness <- function(data, spec, id, time, ...,
                             baseline = list(method = "topsis",
                                             weights = "entropy"),
                             weights = c("entropy", "critic", "cv", "sd",
                                         "equal"),
                             methods = c("topsis", "linear"),
                             leave_out = TRUE) {
  check_required(c("data", "spec", "id", "time"))
  dots <- robustness_dots(list(...))
  spec <- as_spec(spec)
  base <- robustness_baseline(baseline, spec)
  wlist <- robustness_weights(weights)
  methods <- robustness_methods(methods)
  drop <- robustness_leave_out(leave_out, spec)
  plan <- robustness_plan(base, wlist, methods, drop$indicators, spec)

  log <- new_condition_log()
  run <- function(k) {
    v <- plan[[k]]
    args <- c(list(data = data, spec = v$spec, id = id, time = time,
                   method = v$method, weights = v$weights), dots)
    logged(log, v$name, if (k == 1L) do.call(composite_index, args) else
      in_variant(v, do.call(composite_index, args)))
  }
  idx <- lapply(seq_along(plan), run)
  replay_conditions(log, vapply(plan, `[[`, "", "name"))
  out <- robustness_tables(plan, idx, id, time)
  out$notes <- drop$notes
  out$id <- id
  out$time <- time
  out$settings <- list(baseline = base, dots = dots)
  structure(out, class = "regineq_robustness")
}

#' @rdname index_robustness
#' @param x A `regineq_robustness` from [index_robustness()].
#' @param long `FALSE` (default): the wide `scores`; `TRUE`: one row per
#'   region, period and variant with `variant`, `type`, `score` and `rank`.
#' @export
as.data.frame.regineq_robustness <- function(x, ..., long = FALSE) {
  check_flag(long, "long")
  if (!long) return(x$scores)
  s <- x$scores
  keys <- s[intersect(c(x$id, x$time), names(s))]
  v <- x$variants
  parts <- lapply(seq_len(nrow(v)), function(k) {
    cbind(keys, variant = v$variant[k], type = v$type[k],
          score = s[[paste0("score_", v$variant[k])]],
          rank = s[[paste0("rank_", v$variant[k])]],
          stringsAsFactors = FALSE)
  })
  out <- do.call(rbind, parts)
  rownames(out) <- NULL
  out
}

#' @export
print.regineq_robustness <- function(x, n = 10L, ...) {
  v <- x$variants
  s <- x$scores
  nper <- if (is.null(x$time)) 1L else length(unique(s[[x$time]]))
  cat(sprintf(paste0("<regineq_robustness> %d variants of %s; %d regions, ",
                     "%d period%s\n"),
              nrow(v) - 1L, v$description[1], length(unique(s[[x$id]])),
              nper, if (nper == 1L) "" else "s"))
  for (note in x$notes) cat("Note: ", note, "\n", sep = "")
  print(summary(x), n = n, header = FALSE)
  invisible(x)
}

#' @export
summary.regineq_robustness <- function(object, ...) {
  v <- object$variants
  cr <- object$correlation
  other <- v[v$type != "baseline", , drop = FALSE]
  stat <- function(col, f) {
    vapply(other$variant, function(k) {
      r <- cr[[col]][cr$variant == k]
      if (all(is.na(r))) NA_real_ else f(r, na.rm = TRUE)
    }, 1)
  }
  corr <- data.frame(variant = other$variant, type = other$type,
                     spearman_median = stat("spearman", stats::median),
                     spearman_min = stat("spearman", min),
                     kendall_median = stat("kendall", stats::median),
                     kendall_min = stat("kendall", min),
                     stringsAsFactors = FALSE)
  rownames(corr) <- NULL
  rk <- object$ranks
  id <- object$id
  by_region <- split(seq_len(nrow(rk)), factor(rk[[id]],
                                               unique(rk[[id]])))
  ranges <- do.call(rbind, lapply(by_region, function(r) {
    at <- r[which.max(rk$range[r])]
    out <- data.frame(rk[[id]][at], stringsAsFactors = FALSE)
    names(out) <- id
    out$mean_range <- mean(rk$range[r])
    out$max_range <- rk$range[at]
    if (!is.null(object$time)) out[[object$time]] <- rk[[object$time]][at]
    out$baseline <- rk$baseline[at]
    out$min <- rk$min[at]
    out$max <- rk$max[at]
    out$variant_min <- rk$variant_min[at]
    out$variant_max <- rk$variant_max[at]
    out
  }))
  ranges <- ranges[order(-ranges$max_range, -ranges$mean_range), ,
                   drop = FALSE]
  rownames(ranges) <- NULL
  structure(list(correlation = corr, ranges = ranges),
            class = "regineq_robustness_summary")
}

#' @export
print.regineq_robustness_summary <- function(x, n = 10L, header = TRUE,
                                             ...) {
  if (!header) cat("\n")
  cat("Agreement with the baseline (median and lowest over periods):\n")
  cr <- x$correlation
  shown <- data.frame(variant = cr$variant,
                      spearman_med = cr$spearman_median,
                      spearman_min = cr$spearman_min,
                      kendall_med = cr$kendall_median,
                      kendall_min = cr$kendall_min)
  print(shown, row.names = FALSE, digits = 3)
  r <- x$ranges
  if (!nrow(r)) return(invisible(x))
  cat("\nRank ranges by region, widest first (the widest over periods, ",
      "its period,\nthe mean range over periods, and the best and worst ",
      "rank with the first\nvariant giving it):\n", sep = "")
  keep <- setdiff(names(r), c("mean_range", "min", "max", "variant_min",
                              "variant_max"))
  shown <- r[keep]
  names(shown)[names(shown) == "max_range"] <- "range"
  shown$mean <- r$mean_range
  shown$best <- paste0(r$min, " (", r$variant_min, ")")
  shown$worst <- paste0(r$max, " (", r$variant_max, ")")
  print(utils::head(shown, n), row.names = FALSE, digits = 3)
  if (nrow(r) > n) cat(sprintf("# ... %d more regions\n", nrow(r) - n))
  invisible(x)
}

# Private ---------------------------------------------------------------------

robustness_schemes <- c("entropy", "critic", "cv", "sd", "equal")

# `...`: named arguments of composite_index() other than those the variants
# set themselves (an unnamed or unknown one would be R's unclassed error).
robustness_dots <- function(dots) {
  if (!length(dots)) return(list())
  nm <- names(dots) %||% rep("", length(dots))
  if (any(!nzchar(nm))) {
    abort("`...` must be named arguments of `composite_index()`: argument ",
          enum(which(!nzchar(nm)), quote = ""), " has no name.",
          class = "regineq_error_argument")
  }
  own <- c("method", "weights")
  if (any(nm %in% own)) {
    abort("`...` can't set ", enum(intersect(nm, own)), ": the variants ",
          "set them. Give the baseline's in `baseline = list(method = , ",
          "weights = )` and the alternatives in `weights` and `methods`.",
          class = "regineq_error_argument")
  }
  dup <- unique(nm[duplicated(nm)])
  if (length(dup)) {
    abort("`...` must give each argument once: ", enum(dup),
          if (length(dup) == 1L) " appears" else " appear",
          " more than once.", class = "regineq_error_duplicate")
  }
  ok <- setdiff(names(formals(composite_index)),
                c("data", "spec", "id", "time", own))
  bad <- setdiff(nm, ok)
  if (length(bad)) {
    abort("`...` must be arguments of `composite_index()`: ", enum(bad),
          if (length(bad) == 1L) " is" else " are", " not (it takes ",
          enum(ok, max = 20L), ").", class = "regineq_error_argument")
  }
  dots
}

# The baseline as list(method, weights); NULL weights resolved as
# composite_index() resolves them (the spec's weight column, else entropy),
# so that the alternative with the same weights can be recognised.
robustness_baseline <- function(baseline, spec) {
  if (!is.list(baseline) || is.data.frame(baseline) ||
      (length(baseline) && is.null(names(baseline))) ||
      any(!nzchar(names(baseline)))) {
    abort("`baseline` must be a list with elements `method` and `weights`, ",
          "not ", type_of(baseline), ".", class = "regineq_error_type")
  }
  bad <- setdiff(names(baseline), c("method", "weights"))
  if (length(bad)) {
    abort("`baseline` must have only the elements `method` and `weights`: ",
          "it also has ", enum(bad), ".", class = "regineq_error_value")
  }
  method <- if ("method" %in% names(baseline)) baseline$method else "topsis"
  method <- check_choice(method, c("topsis", "linear"), "baseline$method")
  w <- if ("weights" %in% names(baseline)) baseline$weights else "entropy"
  if (is.null(w)) {
    w <- if ("weight" %in% names(spec)) {
      stats::setNames(spec$weight, spec$indicator)
    } else "entropy"
  }
  if (is.character(w) && length(w) == 1L) {
    check_choice(w, robustness_schemes, "baseline$weights")
  }
  list(method = method, weights = w)
}

# `weights` as a named list of variants.
robustness_weights <- function(weights) {
  if (is.null(weights) || !length(weights)) return(list())
  if (is.character(weights)) {
    if (anyNA(weights)) {
      abort("`weights` can't have missing scheme names.",
            class = "regineq_error_missing")
    }
    for (w in weights) check_choice(w, robustness_schemes, "weights")
    dup <- unique(weights[duplicated(weights)])
    if (length(dup)) {
      abort("`weights` must name each scheme once: ", enum(dup, quote = "\""),
            " appears more than once.", class = "regineq_error_duplicate")
    }
    weights <- as.list(weights)
    names(weights) <- unlist(weights)
    return(weights)
  }
  if (!is.list(weights) || is.data.frame(weights)) {
    abort("`weights` must be a character vector of schemes (",
          enum(robustness_schemes, quote = "\""), ") or a list of ",
          "`composite_index()` weights, not ", type_of(weights), ".",
          class = "regineq_error_type")
  }
  nm <- names(weights) %||% rep("", length(weights))
  nfix <- 0L
  for (k in seq_along(weights)) {
    w <- weights[[k]]
    if (is.character(w) && length(w) == 1L) {
      check_choice(w, robustness_schemes, sprintf("weights[[%d]]", k))
    } else if (is.character(w) && length(w) > 1L) {
      for (s in w) check_choice(s, robustness_schemes,
                                sprintf("weights[[%d]]", k))
    } else if (!(is.numeric(w) || is.list(w)) || !length(w)) {
      abort("`weights[[", k, "]]` must be a scheme name, a named numeric ",
            "vector or a combination of them, not ", type_of(w), ".",
            class = "regineq_error_type")
    }
    if (is.na(nm[k]) || !nzchar(nm[k])) {
      nm[k] <- if (is.character(w)) paste(w, collapse = "_") else
        if (is.numeric(w)) {
          nfix <- nfix + 1L
          if (nfix == 1L) "fixed" else paste0("fixed", nfix)
        } else paste0("combined", k)
    }
  }
  names(weights) <- nm
  weights
}

robustness_methods <- function(methods) {
  if (is.null(methods) || !length(methods)) return(character())
  if (!is.character(methods) || anyNA(methods)) {
    abort("`methods` must be a character vector of \"topsis\" and/or ",
          "\"linear\", not ", type_of(methods), ".",
          class = "regineq_error_type")
  }
  for (m in methods) check_choice(m, c("topsis", "linear"), "methods")
  unique(methods)
}

# The indicators to leave out, and a note when there are none to leave.
robustness_leave_out <- function(leave_out, spec) {
  ind <- spec$indicator
  if (is.logical(leave_out)) {
    check_flag(leave_out, "leave_out")
    if (!leave_out) return(list(indicators = character(), notes = character()))
    if (length(ind) < 2L) {
      return(list(indicators = character(), notes = paste0(
        "No indicator was left out: the spec has a single indicator (`",
        ind, "`), and an index of none can't be computed.")))
    }
    return(list(indicators = ind, notes = character()))
  }
  if (!is.character(leave_out) || anyNA(leave_out) || !length(leave_out)) {
    abort("`leave_out` must be TRUE, FALSE or indicator names, not ",
          type_of(leave_out), ".", class = "regineq_error_type")
  }
  unknown <- setdiff(leave_out, ind)
  if (length(unknown)) {
    abort("`leave_out` must name indicators of `spec`: ", enum(unknown),
          if (length(unknown) == 1L) " is" else " are", " not in it.",
          class = "regineq_error_value")
  }
  dup <- unique(leave_out[duplicated(leave_out)])
  if (length(dup)) {
    abort("`leave_out` must name each indicator once: ", enum(dup),
          if (length(dup) == 1L) " appears" else " appear",
          " more than once.", class = "regineq_error_duplicate")
  }
  if (length(ind) < 2L) {
    abort("`leave_out` can't leave out `", ind, "`: it is the only ",
          "indicator of `spec`.", class = "regineq_error_size")
  }
  list(indicators = leave_out, notes = character())
}

# The variants in order: baseline, weights, methods, leave-outs. Each is a
# list(name, type, method, weights, spec, dropped).
robustness_plan <- function(base, wlist, methods, drop, spec) {
  one <- function(name, type, method, weights, sp = spec, dropped = NA) {
    list(name = name, type = type, method = method, weights = weights,
         spec = sp, dropped = dropped)
  }
  plan <- list(one("baseline", "baseline", base$method, base$weights))
  for (k in seq_along(wlist)) {
    if (same_weights(wlist[[k]], base$weights, spec$indicator)) next
    plan[[length(plan) + 1L]] <- one(names(wlist)[k], "weights", base$method,
                                     wlist[[k]])
  }
  for (m in setdiff(methods, base$method)) {
    plan[[length(plan) + 1L]] <- one(m, "method", m, base$weights)
  }
  for (j in drop) {
    keep <- spec$indicator != j
    sp <- spec[keep, , drop = FALSE]
    rownames(sp) <- NULL
    plan[[length(plan) + 1L]] <- one(
      paste0("drop_", j), "leave-out", base$method,
      drop_weights(base$weights, j), sp, j)
  }
  nm <- vapply(plan, `[[`, "", "name")
  dup <- unique(nm[duplicated(nm)])
  if (length(dup)) {
    abort("Variant names must be unique: ", enum(dup), " names more than ",
          "one variant (\"baseline\", the names of `weights`, the methods ",
          "and \"drop_<indicator>\" are taken). Name the elements of ",
          "`weights` differently.", class = "regineq_error_duplicate")
  }
  plan
}

# Whether two `weights` values give the same weights: equal scheme names,
# or fixed weights equal after rescaling.
same_weights <- function(a, b, indicators) {
  if (is.numeric(a) && is.numeric(b) && !is.null(names(a)) &&
      !is.null(names(b)) && setequal(names(a), indicators) &&
      setequal(names(b), indicators) && sum(a) > 0 && sum(b) > 0) {
    a <- a[indicators] / sum(a)
    b <- b[indicators] / sum(b)
    return(isTRUE(all.equal(unname(a), unname(b), tolerance = 1e-14)))
  }
  identical(a, b)
}

# The baseline's weights without indicator j: fixed weights (alone or in a
# combination) lose j's entry; schemes are recomputed by composite_index().
drop_weights <- function(w, j) {
  if (is.numeric(w)) return(w[names(w) != j])
  if (is.list(w)) return(lapply(w, drop_weights, j = j))
  w
}

# Re-raises an error of a variant's composite_index() naming the variant,
# with its classes.
in_variant <- function(v, expr, call = verb_call()) {
  withCallingHandlers(expr, error = function(e) {
    what <- switch(v$type,
      weights = "with other weights",
      method = paste0("with method \"", v$method, "\""),
      "leave-out" = paste0("without `", v$dropped, "`"))
    msg <- paste0("Variant `", v$name, "` (the baseline ", what, ") failed: ",
                  conditionMessage(e))
    cls <- if (inherits(e, "regineq_error")) class(e) else
      c("regineq_error_variant", "regineq_error", "error", "condition")
    cond <- structure(class = unique(c(setdiff(cls, c("error", "condition")),
                                       "error", "condition")),
                      list(message = msg, call = call, variant = v$name,
                           parent = e))
    stop(cond)
  })
}

# Warnings and messages of the variants, muffled as they come and replayed
# once per distinct text, naming the variants that raised them.
new_condition_log <- function() {
  log <- new.env(parent = emptyenv())
  log$items <- list()
  log
}

logged <- function(log, variant, expr) {
  add <- function(c, kind) {
    key <- paste(kind, conditionMessage(c), sep = "\r")
    item <- log$items[[key]]
    if (is.null(item)) item <- list(cond = c, kind = kind, variants = character())
    item$variants <- c(item$variants, variant)
    log$items[[key]] <- item
  }
  withCallingHandlers(expr,
    warning = function(w) {
      add(w, "warning")
      invokeRestart("muffleWarning")
    },
    message = function(m) {
      add(m, "message")
      invokeRestart("muffleMessage")
    })
}

replay_conditions <- function(log, all_variants, call = verb_call()) {
  for (item in log$items) {
    c <- item$cond
    v <- unique(item$variants)
    where <- if (length(all_variants) > 1L && length(v) == length(all_variants))
      "every variant" else paste0("variant", if (length(v) > 1L) "s", " ",
                                  enum(v, max = 6L))
    msg <- sub("\n$", "", conditionMessage(c))
    msg <- if (length(all_variants) > 1L) paste0(msg, " [", where, "]") else msg
    # the condition as raised (class and data fields), reworded
    c$message <- if (item$kind == "warning") msg else paste0(msg, "\n")
    c$call <- call
    if (item$kind == "warning") warning(c) else message(c)
  }
}

# The result's tables from the variants' indices.
robustness_tables <- function(plan, idx, id, time) {
  nm <- vapply(plan, `[[`, "", "name")
  s0 <- idx[[1L]]$scores
  keys <- s0[c(id, time)]
  for (k in seq_along(idx)[-1L]) {
    sk <- idx[[k]]$scores
    if (!identical(sk[c(id, time)], keys)) {
      stop("internal: variant `", nm[k], "` scored other rows than the ",
           "baseline", call. = FALSE)
    }
  }
  score <- lapply(idx, function(i) i$scores$score)
  bad <- which(!vapply(score, function(s) all(is.finite(s)), TRUE))
  if (length(bad)) {
    abort("Ranks need a finite score for every row: variant ",
          enum(nm[bad]), " has NA scores.", class = "regineq_error_value")
  }
  # (composite_index() has already warned about the period labels)
  tk <- suppressWarnings(time_key(if (is.null(time)) NULL else keys[[time]],
                                  nrow(keys), time),
                         classes = "regineq_warning_time")
  ngrp <- if (is.null(time)) 1L else length(tk$levels)
  res <- .Call(C_regineq_rank_compare, score[[1L]], score[-1L],
               as.integer(tk$code), as.integer(ngrp))

  variants <- data.frame(
    variant = nm, type = vapply(plan, `[[`, "", "type"),
    description = vapply(seq_along(plan), function(k) {
      variant_description(plan[[k]], idx[[k]])
    }, ""),
    method = vapply(plan, `[[`, "", "method"),
    weights = vapply(idx, function(i) i$conventions$weights, ""),
    indicators = vapply(plan, function(v) nrow(v$spec), 1L),
    stringsAsFactors = FALSE)

  wide <- keys
  for (k in seq_along(nm)) {
    wide[[paste0("score_", nm[k])]] <- score[[k]]
    wide[[paste0("rank_", nm[k])]] <- res$rank[, k]
  }
  rownames(wide) <- NULL

  kv <- length(nm) - 1L
  correlation <- data.frame(variant = rep(nm[-1L], each = ngrp),
                            stringsAsFactors = FALSE)
  if (!is.null(time)) correlation[[time]] <- rep(tk$levels, kv)
  correlation$n <- rep(res$n, kv)
  correlation$spearman <- as.vector(res$spearman)
  correlation$kendall <- as.vector(res$kendall)
  correlation <- correlation[correlation$n > 0L, , drop = FALSE]
  rownames(correlation) <- NULL

  ranks <- keys
  ranks$baseline <- res$rank[, 1L]
  ranks$min <- res$min
  ranks$max <- res$max
  ranks$range <- res$max - res$min
  ranks$variant_min <- nm[res$which_min]
  ranks$variant_max <- nm[res$which_max]
  rownames(ranks) <- NULL

  wt <- do.call(rbind, lapply(seq_along(idx), function(k) {
    w <- idx[[k]]$weights
    cols <- intersect(c(time, "indicator", "weight"), names(w))
    cbind(data.frame(variant = rep(nm[k], nrow(w)), stringsAsFactors = FALSE),
          w[cols])
  }))
  rownames(wt) <- NULL

  list(variants = variants, scores = wide, correlation = correlation,
       ranks = ranks, weights = wt)
}

variant_description <- function(v, index) {
  how <- if (v$method == "topsis") "TOPSIS" else "weighted sum"
  out <- paste0(how, ", ", index$conventions$weights, " weights")
  if (v$type == "leave-out") out <- paste0(out, ", without `", v$dropped, "`")
  out
}
