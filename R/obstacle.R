#' Obstacle degrees: which indicators hold each region back
#'
#' The obstacle degree model (障碍度模型), which follows entropy-weighted
#' TOPSIS in much of the Chinese regional literature, splits each region's
#' distance from the ideal among its indicators. For region-period i and
#' indicator j of a [composite_index()] result:
#'
#' * factor contribution \eqn{F_j = w_j}{F_j = w_j}, the index's weight of j
#'   in the scope of row i (the overall weight, not renormalised within a
#'   dimension);
#' * index deviation \eqn{I_{ij} = (v^+_j - v_{ij}) / (v^+_j -
#'   v^-_j)}{I_ij = (v+_j - v_ij) / (v+_j - v-_j)}, with \eqn{v^+_j}{v+_j} and
#'   \eqn{v^-_j}{v-_j} the best and worst normalised values of j over the
#'   scope: under min-max normalisation this is the textbook \eqn{1 -
#'   u_{ij}}{1 - u_ij}, and since every normalisation is an affine map within
#'   the scope it is the same number under each of them;
#' * obstacle degree \eqn{O_{ij} = 100 \, F_j I_{ij} / \sum_k F_k
#'   I_{ik}}{O_ij = 100 F_j I_ij / sum_k F_k I_ik}, in percent of the
#'   region's weighted gap (the obstacles of a row sum to 100).
#'
#' A dimension's obstacle degree is the sum of its indicators' \eqn{O_{ij}}{O_ij}
#' (so the dimensions of a row also sum to 100): weights are taken overall,
#' which is what makes indicators of different dimensions comparable. A row
#' at the ideal on every weighted indicator has no gap: its obstacles are
#' all 0. An indicator without range in the scope has deviation 0.
#'
#' @param index A [composite_index()] result.
#' @param top The number of largest obstacles listed per region and period.
#' @return An object of class `regineq_obstacle`: a list of data frames
#'   `indicators` (id, time, `indicator`, `dimension` if the spec has one,
#'   `deviation`, `obstacle` in percent), `dimensions` (id, time,
#'   `dimension`, `obstacle`; `NULL` without dimensions) and `top` (id,
#'   time, `rank`, `indicator`, `obstacle`: the `top` largest of each row,
#'   ties in the spec's order). `summary()` gives the mean obstacle degree
#'   of each indicator (and dimension) by period; `plot()` draws them.
#' @family composite index
#' @export
#' @examples
#' idx <- composite_index(nqpf_indicators, nqpf_spec, id = "province",
#'                        time = "year")
#' ob <- obstacle_degree(idx)
#' ob
#' head(ob$top)
#' summary(ob)$dimensions
obstacle_degree <- function(index, top = 3) {
  check_required("index")
  state <- attr(index, "state")
  if (!inherits(index, "regineq_index") || is.null(state)) {
    abort("`index` must be a composite_index() result, not ", type_of(index),
          ".", class = "regineq_error_type")
  }
  check_number(top, "top", min = 1, integer = TRUE)
  prep <- state$prep
  st <- state$stats
  spec <- prep$spec
  p <- nrow(spec)
  top <- min(as.integer(top), p)
  res <- .Call(C_regineq_obstacle, prep$x, prep$grp, prep$ngrp, st$scale,
               st$offset, st$slope, st$umin, st$umax, state$weight, top)
  n <- ncol(res$obstacle)
  keys <- index$scores[c(index$id, index$time)]
  # long tables by plain vector indexing (`[.data.frame` would build row
  # names for every one of the n p rows)
  long <- function(each, ...) {
    cols <- lapply(keys, function(k) rep(k, each = each))
    out <- c(cols, list(...))
    structure(out, class = "data.frame",
              row.names = .set_row_names(length(out[[1L]])))
  }
  ind <- long(p, indicator = rep(spec$indicator, n))
  if ("dimension" %in% names(spec)) ind$dimension <- rep(spec$dimension, n)
  ind$deviation <- as.vector(res$deviation)
  ind$obstacle <- as.vector(res$obstacle)
  dims <- NULL
  if ("dimension" %in% names(spec)) {
    lev <- prep$dims
    onehot <- outer(prep$dim_code, seq_along(lev), `==`) * 1
    dims <- long(length(lev), dimension = rep(lev, n),
                 obstacle = as.vector(crossprod(onehot, res$obstacle)))
  }
  pick <- as.vector(res$top)
  tops <- long(top, rank = rep(seq_len(top), n),
               indicator = spec$indicator[pick],
               obstacle = res$obstacle[pick + rep((seq_len(n) - 1L) * p,
                                                  each = top)])
  structure(list(indicators = ind, dimensions = dims, top = tops),
            id = index$id, time = index$time,
            conventions = index$conventions, class = "regineq_obstacle")
}

#' @export
print.regineq_obstacle <- function(x, ...) {
  s <- summary(x)
  tm <- attr(x, "time")
  n_rows <- nrow(x$top) / max(x$top$rank)
  cat(sprintf("<regineq_obstacle> obstacle degrees (%%) of %d indicators in %d region-periods\n",
              length(unique(x$indicators$indicator)), n_rows))
  last <- if (is.null(tm)) s$indicators else
    s$indicators[s$indicators[[tm]] == s$indicators[[tm]][nrow(s$indicators)], ]
  last <- last[order(-last$obstacle), , drop = FALSE]
  cat(if (is.null(tm)) "\nMean obstacle degree, largest first:\n" else
    sprintf("\nMean obstacle degree in %s, largest first:\n",
            format(last[[tm]][1])))
  print(utils::head(last, 5), row.names = FALSE, digits = 4)
  dims <- s$dimensions
  if (!is.null(dims)) {
    if (!is.null(tm)) dims <- dims[dims[[tm]] == last[[tm]][1], , drop = FALSE]
    cat("\nBy dimension (mean over regions):\n")
    print(dims[order(-dims$obstacle), , drop = FALSE], row.names = FALSE,
          digits = 4)
  }
  cat(sprintf("\n`$top`: the %d largest obstacles of each region%s.\n",
              max(x$top$rank), if (is.null(tm)) "" else " and period"))
  invisible(x)
}

#' @export
summary.regineq_obstacle <- function(object, ...) {
  tm <- attr(object, "time")
  mean_by <- function(d, what) {
    cols <- c(tm, what)
    out <- stats::aggregate(d["obstacle"], d[cols], mean)
    ord <- lapply(cols, function(k) match(out[[k]], unique(d[[k]])))
    out[do.call(order, unname(ord)), , drop = FALSE]
  }
  ind <- mean_by(object$indicators, "indicator")
  dims <- if (!is.null(object$dimensions))
    mean_by(object$dimensions, "dimension")
  rownames(ind) <- NULL
  if (!is.null(dims)) rownames(dims) <- NULL
  list(indicators = ind, dimensions = dims)
}
