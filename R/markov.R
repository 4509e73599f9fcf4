#' Classes of a panel value for Markov chains
#'
#' Assigns each region-period to a class: quantiles of the values pooled
#' over all periods (`"quantile_pooled"`, giddy's `fixed = True`), quantiles
#' within each period (`"quantile_period"`), fixed `breaks`, or classes the
#' user gives as a factor or character column (`"given"`, also chosen
#' automatically for such a column).
#'
#' Quantile breaks are R's type-7 quantiles (linear interpolation, as
#' numpy's `percentile` in giddy and mapclassify) at \eqn{1/K, \dots,
#' (K-1)/K}{1/K, ..., (K-1)/K}. Classes are right-closed intervals, as in
#' mapclassify: class 1 is \eqn{x \le b_1}{x <= b1}, class \eqn{c}{c} is
#' \eqn{b_{c-1} < x \le b_c}{b[c-1] < x <= b[c]}, class \eqn{K}{K} is
#' \eqn{x > b_{K-1}}{x > b[K-1]}. Tied quantiles leave a class empty; the
#' Markov verbs then give its row as `NA` with a warning.
#'
#' @param data A data frame, one row per region and period.
#' @param value Name of the value column: numeric (classified by `method`),
#'   or a factor or character column of classes (used as given: factor
#'   levels in their order, else sorted unique values).
#' @param id,time Names of the region and period columns.
#' @param classes Number of quantile classes (at least 2).
#' @param method `"quantile_pooled"`, `"quantile_period"`, `"breaks"` or
#'   `"given"`.
#' @param breaks With `method = "breaks"`: increasing finite inner breaks
#'   \eqn{b_1 < \dots < b_{K-1}}{b1 < ... < b[K-1]}, giving K classes.
#' @return A data frame with the id and period columns, `value` (when
#'   numeric) and `class` (a factor); class `regineq_markov_classes`, with
#'   the breaks in `attr(, "regineq")$breaks` when they are common to all
#'   periods.
#' @family markov
#' @export
#' @examples
#' mc <- markov_classes(nqpf_potential, "score", "province", "year")
#' table(mc$year, mc$class)
markov_classes <- function(data, value, id, time, classes = 4,
                           method = c("quantile_pooled", "quantile_period",
                                      "breaks", "given"),
                           breaks = NULL) {
  check_required(c("data", "value", "id", "time"))
  pan <- new_panel(data, id, time)
  cl <- classify_values(pan, data, value, classes, method, breaks)
  new_result_df(markov_classes_df(pan, id, cl), "regineq_markov_classes", id = id, time = time,
                value = value, method = cl$method, breaks = cl$breaks)
}

#' Classic Markov chain of classes on a panel
#'
#' Counts the transitions of regions between classes from period \eqn{t}{t}
#' to period \eqn{t + k}{t + k} (positions in the ordered periods; a
#' region counts only when it is observed at both), and estimates the
#' transition probabilities \eqn{p_{ij} = n_{ij} / n_i}{p_ij = n_ij / n_i}
#' (maximum likelihood), the steady state \eqn{\pi = \pi P}{pi = pi P}, the
#' first mean passage times (Kemeny and Snell 1976: \eqn{M = (I - Z + E
#' Z_{dg}) D}{M = (I - Z + E Z_dg) D} with the fundamental matrix \eqn{Z =
#' (I - P + 1\pi')^{-1}}{Z = (I - P + 1 pi')^-1} and \eqn{D =
#' \mathrm{diag}(1/\pi)}{D = diag(1 / pi)}; the diagonal is the mean
#' recurrence time \eqn{1/\pi_i}{1 / pi_i}, as in giddy) and the sojourn
#' times \eqn{1/(1 - p_{ii})}{1 / (1 - p_ii)} (`Inf` for an absorbing
#' class).
#'
#' A class that no region leaves in the sample (no transition starts in it)
#' has a row of `NA` probabilities, `NA` sojourn time, and a
#' `regineq_warning_empty_class` warning. The steady state is computed on
#' the classes that have transitions when no observed transition leads out
#' of them (the other classes get `NA`), and is `NA` with a
#' `regineq_warning_reducible` warning when it is not unique (several
#' closed classes of states) or the observed rows lead into a class with no
#' row. Passage times need an irreducible chain on the observed classes,
#' else they are `NA` with the same warning.
#'
#' @inheritParams markov_classes
#' @param k Transition length in periods (a whole number, at least 1).
#' @return A list of class `regineq_markov`: `transitions` (a data frame:
#'   `from`, `to`, `count`, `probability`), `counts` and `probabilities`
#'   (K x K matrices), `summary` (a data frame per class: `class`, `n`
#'   transitions out, `steady_state`, `sojourn`), `passage` (the K x K
#'   matrix of first mean passage times, rows from, columns to), `classes`
#'   (the class of every region-period, as [markov_classes()]) and
#'   `settings`.
#' @references Kemeny, J. G. and Snell, J. L. (1976). Finite Markov Chains.
#'   New York: Springer.
#'
#'   Quah, D. T. (1993). Empirical cross-section dynamics in economic
#'   growth. European Economic Review 37(2-3), 426-434.
#' @family markov
#' @export
#' @examples
#' m <- markov_chain(nqpf_potential, "score", "province", "year")
#' m$probabilities
#' m$summary
markov_chain <- function(data, value, id, time, classes = 4,
                         method = c("quantile_pooled", "quantile_period",
                                    "breaks", "given"),
                         breaks = NULL, k = 1) {
  check_required(c("data", "value", "id", "time"))
  pan <- new_panel(data, id, time)
  cl <- classify_values(pan, data, value, classes, method, breaks)
  tr <- panel_transitions(pan, k)
  K <- length(cl$labels)
  ch <- chain_parts(cl$code[tr$from], cl$code[tr$to], K, cl$labels)
  warn_chain(list(ch), NULL)
  cls <- markov_classes_df(pan, id, cl)
  structure(list(
    transitions = new_result_df(ch$long, "regineq_markov_table"),
    counts = ch$counts, probabilities = ch$P, summary = ch$summary,
    passage = ch$passage, classes = cls,
    settings = list(value = value, id = id, time = time, k = k,
                    method = cl$method, breaks = cl$breaks, kind = "classic")
  ), class = "regineq_markov")
}

#' Spatial Markov chain (Rey 2001)
#'
#' Transitions of [markov_chain()] split by the class of the region's
#' spatial lag \eqn{\sum_j w_{ij} x_j}{sum_j w_ij x_j} at the start of the
#' transition: one conditional transition matrix per lag class. Lag
#' classes are, by default (`lag_classes = "quantile"`), quantiles of the
#' lag computed like the value's classes (pooled over periods, or within
#' each period, as giddy's `Spatial_Markov` with `fixed`); `"value"` applies
#' the value's own breaks to the lag (Rey 2001); `lag_breaks` gives fixed
#' breaks for the lag.
#'
#' Homogeneity of the conditional matrices against the pooled one
#' (Bickenbach and Bode 2003), as in giddy: with \eqn{n_{ij}(l)}{n_ij(l)}
#' the counts of lag class \eqn{l}{l}, \eqn{p_{ij}}{p_ij} the pooled
#' probabilities,
#' \deqn{Q = \sum_l \sum_i \sum_{j: p_{ij} > 0} n_i(l)
#'   \frac{(p_{ij}(l) - p_{ij})^2}{p_{ij}}, \quad
#'   LR = 2 \sum_l \sum_i \sum_{j: n_{ij}(l) > 0} n_{ij}(l)
#'   \log\frac{p_{ij}(l)}{p_{ij}}}{Q = sum n_i(l) (p_ij(l) - p_ij)^2 / p_ij,
#'   LR = 2 sum n_ij(l) log(p_ij(l) / p_ij)}
#' both asymptotically \eqn{\chi^2}{chi-square} with \eqn{\sum_i (a_i -
#' 1)(b_i - 1)}{sum_i (a_i - 1)(b_i - 1)} degrees of freedom, where
#' \eqn{a_i}{a_i} is the number of positive cells in row \eqn{i}{i} of the
#' pooled counts and \eqn{b_i}{b_i} the number of lag classes with
#' transitions out of class \eqn{i}{i} (zero rows and cells do not count).
#'
#' Regions without neighbours have no lag: their transitions are left out
#' with a `regineq_warning_islands` warning. The value must be numeric.
#'
#' @inheritParams markov_chain
#' @inheritParams moran_global
#' @param lag_classes `"quantile"` (quantiles of the lag, as many as the
#'   value's classes unless `lag_n` is given), `"value"` (the value's
#'   breaks; not with `method = "quantile_period"`), or `"breaks"` (with
#'   `lag_breaks`).
#' @param lag_n Number of lag quantile classes (default: the value's).
#' @param lag_breaks Inner breaks of the lag with `lag_classes = "breaks"`.
#' @return A list of class `regineq_spatial_markov`: `transitions` (a data
#'   frame: `lag_class`, `from`, `to`, `count`, `probability`), `pooled` (a
#'   `regineq_markov` of all transitions), `conditional` (one list per lag
#'   class with `counts`, `probabilities`, `summary`, `passage`),
#'   `homogeneity` (a data frame: `test`, `statistic`, `df`, `p_value`),
#'   `classes` (the value's and the lag's class of every region-period) and
#'   `settings`.
#' @references Rey, S. J. (2001). Spatial empirics for economic growth and
#'   convergence. Geographical Analysis 33(3), 195-214.
#'
#'   Bickenbach, F. and Bode, E. (2003). Evaluating the Markov property in
#'   studies of economic convergence. International Regional Science Review
#'   26(3), 363-392.
#' @family markov
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' sm <- spatial_markov(nqpf_potential, "score", "province", "year", w)
#' sm$homogeneity
spatial_markov <- function(data, value, id, time, weights, classes = 4,
                           method = c("quantile_pooled", "quantile_period",
                                      "breaks"),
                           breaks = NULL, k = 1,
                           lag_classes = c("quantile", "value", "breaks"),
                           lag_n = NULL, lag_breaks = NULL,
                           contiguity = NULL) {
  check_required(c("data", "value", "id", "time", "weights"))
  method <- check_choice(method, c("quantile_pooled", "quantile_period",
                                   "breaks"), "method")
  lag_classes <- check_choice(lag_classes, c("quantile", "value", "breaks"),
                              "lag_classes")
  pan <- new_panel(data, id, time)
  cl <- classify_values(pan, data, value, classes, method, breaks)
  al <- align_spatial(pan, weights, id, contiguity)
  lag <- spatial_lag(al, cl$x, pan)
  island <- al$island[pan$id$code]
  lcl <- if (lag_classes == "value") {
    if (method == "quantile_period") {
      abort("`lag_classes = \"value\"` needs breaks common to all periods, ",
            "and `method = \"quantile_period\"` has one set per period: ",
            "use `lag_classes = \"quantile\"`.",
            class = "regineq_error_argument")
    }
    cut_classes(lag, cl$breaks)
  } else if (lag_classes == "breaks") {
    if (is.null(lag_breaks)) {
      abort("`lag_breaks` must be given with `lag_classes = \"breaks\"`.",
            class = "regineq_error_missing")
    }
    check_breaks(lag_breaks, "lag_breaks")
    cut_classes(lag, lag_breaks)
  } else {
    m <- if (is.null(lag_n)) length(cl$labels) else
      check_number(lag_n, "lag_n", min = 2, max = 1000, integer = TRUE)
    quantile_classes(lag, pan, m, sub("quantile_", "", method),
                     keep = !island)
  }
  tr <- panel_transitions(pan, k)
  if (any(island)) {
    warn("Regions without neighbours (islands): ",
         enum(unique(al$w$islands), quote = "\""), ". Their transitions are ",
         "left out: they have no spatial lag.",
         class = "regineq_warning_islands")
    keep <- !island[tr$from]
    tr <- list(from = tr$from[keep], to = tr$to[keep])
  }
  K <- length(cl$labels)
  L <- length(lcl$labels)
  f <- cl$code[tr$from]
  t2 <- cl$code[tr$to]
  lc <- lcl$code[tr$from]
  pooled <- chain_parts(f, t2, K, cl$labels)
  cond <- lapply(seq_len(L), function(l) {
    s <- lc == l
    chain_parts(f[s], t2[s], K, cl$labels)
  })
  names(cond) <- lcl$labels
  warn_chain(c(list(pooled), cond), c("pooled", paste("lag class", lcl$labels)))
  long <- do.call(rbind, lapply(seq_len(L), function(l) {
    cbind(data.frame(lag_class = factor(rep(lcl$labels[l], K * K),
                                        lcl$labels)), cond[[l]]$long)
  }))
  hom <- homogeneity_tests(lapply(cond, `[[`, "counts"))
  cls <- markov_classes_df(pan, id, cl)
  cls$lag <- lag
  cls$lag_class <- factor(lcl$labels[lcl$code], lcl$labels)
  settings <- list(value = value, id = id, time = time, k = k,
                   method = cl$method, breaks = cl$breaks,
                   lag_classes = lag_classes, lag_breaks = lcl$breaks,
                   kind = "spatial")
  structure(list(
    transitions = new_result_df(long, "regineq_markov_table"),
    pooled = structure(list(
      transitions = new_result_df(pooled$long, "regineq_markov_table"),
      counts = pooled$counts, probabilities = pooled$P,
      summary = pooled$summary, passage = pooled$passage, classes = cls,
      settings = settings), class = "regineq_markov"),
    conditional = lapply(cond, function(ch) {
      list(counts = ch$counts, probabilities = ch$P, summary = ch$summary,
           passage = ch$passage)
    }),
    homogeneity = new_result_df(hom, "regineq_markov_table"),
    classes = cls, settings = settings
  ), class = "regineq_spatial_markov")
}

#' LISA Markov chain
#'
#' Transitions of regions between the quadrants of the Moran scatterplot,
#' as giddy's `LISA_Markov`: with \eqn{z = x - \bar x}{z = x - mean(x)}
#' within each period and its lag \eqn{\sum_j w_{ij} z_j}{sum_j w_ij z_j},
#' a region is HH (\eqn{z > 0}{z > 0}, lag \eqn{> 0}{> 0}), LH
#' (\eqn{z \le 0}{z <= 0}, lag \eqn{> 0}{> 0}), LL (both \eqn{\le 0}{<= 0})
#' or HL (\eqn{z > 0}{z > 0}, lag \eqn{\le 0}{<= 0}); the classes are in
#' giddy's order HH, LH, LL, HL. Regions without neighbours are left out
#' with a `regineq_warning_islands` warning. Outputs as [markov_chain()].
#'
#' @inheritParams spatial_markov
#' @return A `regineq_markov` list as [markov_chain()], whose `classes`
#'   data frame has `value`, `z`, `lag` and `class` (the quadrant).
#' @references Rey, S. J., Murray, A. T. and Anselin, L. (2011).
#'   Visualizing regional income distribution dynamics. Letters in Spatial
#'   and Resource Sciences 4(1), 81-90.
#' @family markov
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' lm <- lisa_markov(nqpf_potential, "score", "province", "year", w)
#' lm$probabilities
lisa_markov <- function(data, value, id, time, weights, k = 1,
                        contiguity = NULL) {
  check_required(c("data", "value", "id", "time", "weights"))
  pan <- new_panel(data, id, time)
  x <- panel_values(pan, data, value)
  al <- align_spatial(pan, weights, id, contiguity)
  z <- x - stats::ave(x, pan$time$code)
  lz <- spatial_lag(al, z, pan)
  island <- al$island[pan$id$code]
  labels <- c("HH", "LH", "LL", "HL")
  code <- ifelse(z > 0, ifelse(lz > 0, 1L, 4L), ifelse(lz > 0, 2L, 3L))
  code[island] <- NA_integer_
  tr <- panel_transitions(pan, k)
  if (any(island)) {
    warn("Regions without neighbours (islands): ",
         enum(unique(al$w$islands), quote = "\""), ". Their transitions are ",
         "left out: they have no quadrant.",
         class = "regineq_warning_islands")
    keep <- !island[tr$from]
    tr <- list(from = tr$from[keep], to = tr$to[keep])
  }
  ch <- chain_parts(code[tr$from], code[tr$to], 4L, labels)
  warn_chain(list(ch), NULL)
  cls <- data.frame(pan$id$levels[pan$id$code], stringsAsFactors = FALSE)
  names(cls) <- id
  cls <- with_time(cls, pan, pan$time$code)
  cls$value <- x
  cls$z <- z
  cls$lag <- lz
  cls$class <- factor(labels[code], labels)
  structure(list(
    transitions = new_result_df(ch$long, "regineq_markov_table"),
    counts = ch$counts, probabilities = ch$P, summary = ch$summary,
    passage = ch$passage, classes = cls,
    settings = list(value = value, id = id, time = time, k = k,
                    method = "lisa", breaks = NULL, kind = "lisa")
  ), class = "regineq_markov")
}

#' @export
print.regineq_markov <- function(x, digits = 3, ...) {
  s <- x$settings
  what <- switch(s$kind, lisa = "LISA Markov chain", "Markov chain")
  cat(sprintf("<regineq_markov> %s of `%s`, %d-period transitions (%d)\n",
              what, s$value, s$k, sum(x$counts)))
  cat("\nTransition probabilities (rows: from, columns: to):\n")
  print(round(x$probabilities, digits))
  cat("\n")
  print(unclass_df(x$summary), digits = digits, row.names = FALSE)
  invisible(x)
}

#' @export
print.regineq_spatial_markov <- function(x, digits = 3, ...) {
  s <- x$settings
  cat(sprintf(paste0("<regineq_spatial_markov> spatial Markov chain of `%s`,",
                     " %d-period transitions, %d lag classes\n"),
              s$value, s$k, length(x$conditional)))
  for (l in names(x$conditional)) {
    cat(sprintf("\nLag class %s (%d transitions):\n", l,
                sum(x$conditional[[l]]$counts)))
    print(round(x$conditional[[l]]$probabilities, digits))
  }
  cat("\nHomogeneity of the conditional matrices (Bickenbach and Bode 2003):\n")
  print(unclass_df(x$homogeneity), digits = digits, row.names = FALSE)
  invisible(x)
}

# Private ---------------------------------------------------------------------

# The class code (1..K) of every row of the panel, with the labels, the
# breaks (when common to all periods) and the numeric values (NULL for
# given classes).
classify_values <- function(pan, data, value, classes, method, breaks) {
  method <- check_choice(method, c("quantile_pooled", "quantile_period",
                                   "breaks", "given"), "method")
  col <- check_column(data, value, "value")
  if (is.factor(col) || is.character(col)) method <- "given"
  if (method == "given") {
    if (!is.factor(col) && !is.character(col)) {
      abort("`method = \"given\"` needs a factor or character column of ",
            "classes: column `", value, "` is ", type_of(col), ".",
            class = "regineq_error_type")
    }
    bad <- which(is.na(col) | (is.character(col) & !nzchar(col)))
    if (length(bad)) {
      abort("`value` must not have missing classes: column `", value,
            "` has NA or \"\" in ", describe_rows(bad, pan$labels), ".",
            class = "regineq_error_missing")
    }
    lev <- if (is.factor(col)) levels(col) else sort(unique(col))
    return(list(code = match(as.character(col), lev), labels = lev,
                breaks = NULL, x = NULL, method = "given"))
  }
  x <- panel_values(pan, data, value)
  if (method == "breaks") {
    if (is.null(breaks)) {
      abort("`breaks` must be given with `method = \"breaks\"`.",
            class = "regineq_error_missing")
    }
    check_breaks(breaks, "breaks")
    out <- cut_classes(x, breaks)
  } else {
    check_number(classes, "classes", min = 2, max = 1000, integer = TRUE)
    if (!is.null(breaks)) {
      abort("`breaks` is only for `method = \"breaks\"`, and `method` is \"",
            method, "\".", class = "regineq_error_argument")
    }
    out <- quantile_classes(x, pan, classes, sub("quantile_", "", method))
  }
  out$x <- x
  out$method <- method
  out
}

check_breaks <- function(b, arg) {
  if (!is.numeric(b) || !length(b) || any(!is.finite(b))) {
    abort("`", arg, "` must be finite numbers, not ", type_of(b), ".",
          class = "regineq_error_type")
  }
  down <- which(diff(b) <= 0)
  if (length(down)) {
    abort("`", arg, "` must be strictly increasing: ", format(b[down[1]]),
          " is followed by ", format(b[down[1] + 1]), ".",
          class = "regineq_error_value")
  }
  invisible(b)
}

# Right-closed classes of fixed inner breaks (mapclassify's UserDefined).
cut_classes <- function(x, breaks) {
  K <- length(breaks) + 1L
  list(code = findInterval(x, breaks, left.open = TRUE) + 1L,
       labels = as.character(seq_len(K)), breaks = breaks)
}

# Type-7 quantile classes, over all rows (`pooled`) or within each period;
# rows with keep = FALSE take no part and get NA.
quantile_classes <- function(x, pan, K, how, keep = rep(TRUE, length(x))) {
  p <- seq_len(K - 1L) / K
  if (how == "pooled") {
    b <- stats::quantile(x[keep], p, type = 7, names = FALSE)
    out <- cut_classes(x, b)
  } else {
    code <- rep(NA_integer_, length(x))
    for (t in seq_len(n_periods(pan))) {
      s <- pan$time$code == t
      b <- stats::quantile(x[s & keep], p, type = 7, names = FALSE)
      code[s] <- findInterval(x[s], b, left.open = TRUE) + 1L
    }
    out <- list(code = code, labels = as.character(seq_len(K)), breaks = NULL)
  }
  out$code[!keep] <- NA_integer_
  out
}

# Row pairs (from, to) of the panel: the same region at period positions
# t and t + k.
panel_transitions <- function(pan, k) {
  check_number(k, "k", min = 1, max = 1e6, integer = TRUE)
  nt <- n_periods(pan)
  if (k >= nt) {
    abort("`k` must be less than the number of periods (", nt, "), not ", k,
          ": there is no ", k, "-period transition.",
          class = "regineq_error_value")
  }
  nr <- n_regions(pan)
  cell <- matrix(NA_integer_, nr, nt)
  cell[cbind(pan$id$code, pan$time$code)] <- seq_len(pan$n)
  from <- as.vector(cell[, seq_len(nt - k), drop = FALSE])
  to <- as.vector(cell[, seq_len(nt - k) + k, drop = FALSE])
  ok <- !is.na(from) & !is.na(to)
  list(from = from[ok], to = to[ok])
}

# The spatial lag sum_j w_ij x_j of every panel row, within its period.
spatial_lag <- function(al, x, pan) {
  w <- al$w
  out <- numeric(length(x))
  wrow <- rep(seq_len(w$n), diff(w$rowptr))
  wcol <- w$col + 1L
  for (t in seq_len(n_periods(pan))) {
    s <- which(pan$time$code == t)
    at <- al$pos[pan$id$code[s]]
    xw <- numeric(w$n)
    xw[at] <- x[s]
    out[s] <- rowsum_by(w$val * xw[wcol], wrow, w$n)[at]
  }
  out
}

# Counts, probabilities, summary and passage times of one chain.
chain_parts <- function(from, to, K, labels) {
  counts <- matrix(tabulate((from - 1L) * K + to, K * K), K, K, byrow = TRUE,
                   dimnames = list(from = labels, to = labels))
  n <- rowSums(counts)
  P <- counts / ifelse(n > 0, n, NA_real_)
  pii <- diag(P)
  sojourn <- ifelse(is.na(pii), NA_real_,
                    ifelse(pii >= 1, Inf, 1 / (1 - pii)))
  es <- ergodic_parts(P, n > 0)
  long <- data.frame(from = factor(rep(labels, each = K), labels),
                     to = factor(rep(labels, K), labels),
                     count = as.vector(t(counts)),
                     probability = as.vector(t(P)))
  list(counts = counts, P = P, long = long,
       summary = data.frame(class = factor(labels, labels), n = n,
                            steady_state = es$steady, sojourn = sojourn,
                            row.names = NULL),
       passage = es$passage, empty = labels[n == 0], problem = es$problem)
}

# Steady state and first mean passage times (Kemeny and Snell 1976) of P on
# its observed rows `obs`; NA with the reason in `problem` when the steady
# state is not unique or the observed rows lead out of themselves.
ergodic_parts <- function(P, obs) {
  K <- nrow(P)
  steady <- rep(NA_real_, K)
  passage <- matrix(NA_real_, K, K, dimnames = dimnames(P))
  o <- which(obs)
  if (!length(o)) return(list(steady = steady, passage = passage,
                              problem = "no transitions"))
  if (any(P[o, -o, drop = FALSE] > 0)) {
    return(list(steady = steady, passage = passage, problem = paste0(
      "transitions lead into class", if (sum(!obs) > 1) "es", " ",
      enum(rownames(P)[!obs], quote = "\""), " that no region leaves")))
  }
  Q <- P[o, o, drop = FALSE]
  m <- length(o)
  reach <- (Q > 0) | diag(m) > 0
  repeat {
    nxt <- (reach %*% reach) > 0
    if (all(nxt == reach)) break
    reach <- nxt
  }
  recurrent <- vapply(seq_len(m), function(i) all(reach[reach[i, ], i]), TRUE)
  nclosed <- nrow(unique(reach[recurrent, , drop = FALSE]))
  if (nclosed > 1L) {
    return(list(steady = steady, passage = passage, problem = paste0(
      "the chain has ", nclosed, " closed sets of classes, so its steady ",
      "state is not unique")))
  }
  # pi (I - Q) = 0 with sum(pi) = 1: one equation replaced by the sum
  A <- t(diag(m) - Q)
  A[m, ] <- 1
  pi <- solve(A, c(rep(0, m - 1L), 1))
  pi[!recurrent] <- 0
  steady[o] <- pi
  problem <- NULL
  if (all(recurrent)) {
    Z <- solve(diag(m) - Q + matrix(pi, m, m, byrow = TRUE))
    M <- (diag(m) - Z + matrix(1, m, m) %*% diag(diag(Z), m)) %*%
      diag(1 / pi, m)
    passage[o, o] <- M
  } else {
    problem <- paste0("class", if (sum(!recurrent) > 1) "es" else "", " ",
                      enum(rownames(Q)[!recurrent], quote = "\""),
                      if (sum(!recurrent) > 1) " are" else " is",
                      " transient, so mean passage times are not all finite")
  }
  list(steady = steady, passage = passage, problem = problem)
}

# One warning for the empty rows of all chains, one for their ergodic
# problems; `names` the chains (NULL for one).
warn_chain <- function(chains, names) {
  empty <- lapply(chains, `[[`, "empty")
  has <- lengths(empty) > 0
  if (any(has)) {
    what <- vapply(which(has), function(i) {
      paste0(enum(empty[[i]], quote = "\""),
             if (!is.null(names)) paste0(" (", names[i], ")") else "")
    }, "")
    warn("No region leaves class ", paste(what, collapse = "; "),
         " in the sample: ", if (length(what) == 1L) "its row is" else
           "their rows are", " NA (no transitions to estimate from).",
         class = "regineq_warning_empty_class")
  }
  prob <- lapply(chains, `[[`, "problem")
  has <- lengths(prob) > 0
  if (any(has)) {
    what <- vapply(which(has), function(i) {
      paste0(if (!is.null(names)) paste0(names[i], ": "), prob[[i]])
    }, "")
    warn("Steady state or passage times are NA: ",
         paste(what, collapse = "; "), ".",
         class = "regineq_warning_reducible")
  }
}

# Bickenbach and Bode (2003) Q and LR of conditional count matrices
# against their sum, with giddy's degrees of freedom.
homogeneity_tests <- function(mats) {
  Tp <- Reduce(`+`, mats)
  ni <- rowSums(Tp)
  pij <- Tp / ifelse(ni > 0, ni, 1)
  a <- rowSums(Tp > 0)
  b <- Reduce(`+`, lapply(mats, function(M) rowSums(M) > 0))
  Q <- 0
  LR <- 0
  for (M in mats) {
    nim <- rowSums(M)
    pm <- M / ifelse(nim > 0, nim, 1)
    pos <- pij > 0
    Q <- Q + sum((nim * (pm - pij)^2)[pos] / pij[pos])
    use <- M > 0 & pij > 0
    LR <- LR + 2 * sum(M[use] * log(pm[use] / pij[use]))
  }
  df <- sum((a - 1) * pmax(b - 1, 0))
  p <- function(s) if (df > 0) stats::pchisq(s, df, lower.tail = FALSE) else
    NA_real_
  data.frame(test = c("Q", "LR"), statistic = c(Q, LR), df = c(df, df),
             p_value = c(p(Q), p(LR)))
}

markov_classes_df <- function(pan, id, cl) {
  out <- data.frame(pan$id$levels[pan$id$code], stringsAsFactors = FALSE)
  names(out) <- id
  out <- with_time(out, pan, pan$time$code)
  if (!is.null(cl$x)) out$value <- cl$x
  out$class <- factor(cl$labels[cl$code], cl$labels)
  out
}
