# Weighting schemes of the composite index: parsing `weights`, forming each
# scheme's p x G weights from the statistics of the C kernel, combining
# them, and the checks and table every verb of the index shares.

scheme_names <- c(entropy = "entropy", critic = "CRITIC",
                  cv = "coefficient of variation", sd = "standard deviation",
                  equal = "equal")

# `weights` as a list of components: type ("entropy", "critic", "cv", "sd",
# "equal" or "fixed"), the fixed weights (rescaled), a column name, and the
# coefficients lambda.
weight_scheme <- function(weights, spec, lambda = NULL) {
  if (is.null(weights)) {
    weights <- if ("weight" %in% names(spec)) {
      stats::setNames(spec$weight, spec$indicator)
    } else "entropy"
  }
  parts <- if (is.list(weights) && !is.data.frame(weights)) weights else
    if (is.character(weights)) as.list(weights) else list(weights)
  if (!length(parts)) {
    abort("`weights` must name at least one scheme.",
          class = "regineq_error_value")
  }
  comps <- lapply(parts, function(w) {
    if (is.character(w) && length(w) == 1L && !is.na(w)) {
      type <- check_choice(w, names(scheme_names), "weights")
      return(list(type = type, w = NULL))
    }
    list(type = "fixed", w = fixed_weights(w, spec))
  })
  type <- vapply(comps, `[[`, "", "type")
  dup <- unique(type[duplicated(type) & type != "fixed"])
  if (length(dup)) {
    abort("`weights` must name each scheme once: ", enum(dup, quote = "\""),
          " appears more than once.", class = "regineq_error_duplicate")
  }
  nfix <- cumsum(type == "fixed")
  name <- ifelse(type == "fixed", paste0("fixed", nfix), type)
  if (sum(type == "fixed") == 1L && length(type) == 1L) name <- "fixed"
  k <- length(comps)
  if (is.null(lambda)) {
    lambda <- rep(1 / k, k)
  } else {
    if (k == 1L) {
      abort("`lambda` combines several schemes: `weights` has one.",
            class = "regineq_error_value")
    }
    if (!is.numeric(lambda) || length(lambda) != k || anyNA(lambda) ||
        any(!is.finite(lambda)) || any(lambda < 0) || sum(lambda) <= 0) {
      abort("`lambda` must be ", k, " non-negative numbers with a positive ",
            "sum, one per scheme in `weights`.", class = "regineq_error_value")
    }
    lambda <- as.double(lambda) / sum(lambda)
  }
  list(type = type, name = name, fixed = lapply(comps, `[[`, "w"),
       lambda = lambda)
}

fixed_weights <- function(weights, spec) {
  if (!is.numeric(weights) || is.null(names(weights))) {
    abort("`weights` must be a scheme (\"entropy\", \"critic\", \"cv\", ",
          "\"sd\", \"equal\") or a named numeric vector, not ",
          type_of(weights), ".", class = "regineq_error_type")
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

# Each component's p x G weights, every column summing to 1 (0 when the
# scheme leaves nothing to weigh is refused here). Constant indicators get 0
# under computed schemes.
scheme_weights <- function(prep, st) {
  flat <- !(st$max > st$min)
  ind <- prep$spec$indicator
  dead <- colSums(!flat) == 0L
  sch <- prep$scheme
  if (any(dead) && any(sch$type != "fixed")) {
    abort("Every indicator is constant", in_scopes(prep, dead),
          ": no weights can be derived from the data.",
          class = "regineq_error_constant")
  }
  comps <- lapply(seq_along(sch$type), function(k) {
    type <- sch$type[k]
    raw <- switch(type,
      fixed = matrix(sch$fixed[[k]], length(ind), prep$ngrp),
      entropy = entropy_information(prep, st, flat),
      critic = st$sd * st$conflict,
      cv = {
        bad <- !flat & !(st$mean > 0)
        if (any(bad)) {
          rows <- which(rowSums(bad) > 0)
          abort("Coefficient-of-variation weights need a positive mean of ",
                "the normalised values: ", scoped_indicators(prep, rows, bad),
                " ha", if (length(rows) == 1L) "s" else "ve", " none.",
                class = "regineq_error_value")
        }
        ifelse(flat, 0, st$sd / st$mean)
      },
      sd = st$sd,
      equal = 1 * !flat)
    if (type != "fixed") raw[flat] <- 0
    tot <- colSums(raw)
    zero <- !(tot != 0)
    if (any(zero)) {
      abort(switch(type,
        critic = "CRITIC weights can't be derived",
        entropy = "Entropy weights can't be derived",
        "Weights can't be derived"), in_scopes(prep, zero), ": ",
        switch(type,
          critic = "every non-constant indicator is perfectly correlated with the others (or there is only one), so every weight is 0.",
          entropy = paste0("every indicator (", enum(ind), ") has entropy 1 ",
                           "to double precision, so every weight is 0 ",
                           "(`shift` = ", format(prep$shift),
                           " may be too large)."),
          "every weight is 0."),
        class = "regineq_error_value")
    }
    sweep(raw, 2L, tot, `/`)
  })
  names(comps) <- sch$name
  comps
}

# 1 - e_j for the entropy scheme, checked. Under k = 1/ln(rows) it is >= 0;
# under k = 1/ln(regions) of a pooled panel it is usually negative for every
# indicator (e > 1): the printed formula then still gives positive weights,
# in the reverse order of information (warning); mixed signs would give
# negative weights (error).
entropy_information <- function(prep, st, flat) {
  e <- st$entropy
  bad <- !flat & !(is.finite(e) & is.finite(st$info))
  if (any(bad)) {
    rows <- which(rowSums(bad) > 0)
    abort("Entropy weights can't be derived: the entropy of ",
          scoped_indicators(prep, rows, bad), " is not finite.",
          class = "regineq_error_value")
  }
  neg <- !flat & st$umin + prep$shift < 0
  if (any(neg)) {
    rows <- which(rowSums(neg) > 0)
    abort("Entropy weights need non-negative normalised values: ",
          scoped_indicators(prep, rows, neg), " fall below the base ",
          "period's range by more than `shift`. Use another `base`, ",
          "another scheme, or normalisation = \"minmax\".",
          class = "regineq_error_value")
  }
  d <- ifelse(flat, 0, st$info)
  over <- !flat & d < 0
  if (!any(over)) return(pmax(d, 0))
  mixed <- colSums(over) > 0 & colSums(!flat & d > 0) > 0
  if (any(mixed)) {
    neg <- over & rep(mixed, each = nrow(over))
    pos <- !flat & d > 0 & rep(mixed, each = nrow(over))
    abort("Entropy weights can't be derived with entropy_k = \"regions\"",
          in_scopes(prep, mixed), ": 1 - e is negative for some indicators ",
          "and positive for others, so some weights would be negative ",
          "(e > 1: ", scoped_indicators(prep, which(rowSums(neg) > 0), neg),
          "; e < 1: ", scoped_indicators(prep, which(rowSums(pos) > 0), pos),
          "). Use entropy_k = \"rows\".", class = "regineq_error_value")
  }
  rows <- which(rowSums(over) > 0)
  warn("Entropy above 1 with entropy_k = \"regions\" (k = 1/ln n for ",
       "pooled shares) for ", scoped_indicators(prep, rows, over), ": the ",
       "weights (1 - e)/sum(1 - e) are positive but rank the indicators in ",
       "the reverse order of their information. entropy_k = \"rows\" is the ",
       "consistent constant.", class = "regineq_warning_entropy")
  d
}

# CRITIC's conflict sum_k (1 - r_jk) over the other non-constant
# indicators, p x G (0 for a constant one).
critic_conflict <- function(cross, flat) {
  p <- nrow(flat)
  vapply(seq_len(ncol(flat)), function(g) {
    r <- matrix(cross[, , g], p, p)
    live <- !flat[, g]
    out <- as.vector((1 - r[, live, drop = FALSE]) %*% rep(1, sum(live)))
    ifelse(live, out, 0)
  }, numeric(p))
}

# The final weights: one component as it is, several combined by lambda.
# Then the warnings for constant indicators and the TOPSIS check.
combine_weights <- function(prep, comps, st, check_topsis = FALSE) {
  sch <- prep$scheme
  w <- if (length(comps) == 1L) comps[[1L]] else if (prep$combine ==
    "arithmetic") {
    Reduce(`+`, Map(`*`, comps, sch$lambda))
  } else {
    g <- Reduce(`*`, Map(function(m, l) m^l, comps, sch$lambda))
    tot <- colSums(g)
    if (any(!(tot > 0))) {
      abort("The geometric combination of ", enum(sch$name, quote = "\""),
            " has no indicator with a positive weight under every scheme",
            in_scopes(prep, !(tot > 0)), ".", class = "regineq_error_value")
    }
    sweep(g, 2L, tot, `/`)
  }
  const <- !(st$max > st$min)
  if (any(const)) {
    live <- const & w > 0
    if (check_topsis) {
      dead <- colSums(!const & w > 0) == 0L
      if (any(dead)) {
        abort("Every indicator with a positive weight is constant",
              in_scopes(prep, dead), ": the TOPSIS closeness can't be ",
              "computed.", class = "regineq_error_constant")
      }
    }
    zero <- const & !(w > 0) & any(sch$type != "fixed")
    rows <- which(rowSums(zero) > 0)
    if (length(rows)) {
      warn("Constant indicator", if (length(rows) > 1L) "s get" else " gets",
           " weight 0: ",
           scoped_indicators(prep, rows, zero), ".",
           class = "regineq_warning_constant")
    }
    rows <- which(rowSums(live) > 0)
    if (length(rows)) {
      many <- length(rows) > 1L
      warn("Constant indicator", if (many) "s", " ",
           scoped_indicators(prep, rows, live), if (many) " carry" else
             " carries", " no information under fixed weights: ",
           if (many) "they" else "it", " can't separate the regions.",
           class = "regineq_warning_constant")
    }
  }
  w
}

weights_table <- function(prep, core) {
  spec <- prep$spec
  st <- core$stats
  sch <- prep$scheme
  p <- nrow(spec)
  keep <- intersect(c("indicator", "direction", "dimension"), names(spec))
  base <- spec[keep]
  out <- base[rep(seq_len(p), prep$ngrp), , drop = FALSE]
  out$entropy <- if ("entropy" %in% sch$type) as.vector(st$entropy) else
    NA_real_
  out$weight <- as.vector(core$weight)
  flat <- !(st$max > st$min)
  if (any(c("critic", "sd", "cv") %in% sch$type)) out$sd <- as.vector(st$sd)
  if ("cv" %in% sch$type) {
    out$cv <- as.vector(ifelse(flat, 0, st$sd / st$mean))
  }
  if ("critic" %in% sch$type) {
    out$conflict <- as.vector(st$conflict)
  }
  if (length(core$components) > 1L) {
    for (k in seq_along(core$components)) {
      out[[paste0("weight_", names(core$components)[k])]] <-
        as.vector(core$components[[k]])
    }
  }
  if (prep$scope == "time" && !is.null(prep$pan$time$name)) {
    tcol <- data.frame(rep(prep$pan$time$levels, each = p),
                       stringsAsFactors = FALSE)
    names(tcol) <- prep$pan$time$name
    out <- cbind(tcol, out)
  }
  rownames(out) <- NULL
  out
}

# What the result records of the weights and the normalisation.
index_conventions <- function(prep) {
  sch <- prep$scheme
  label <- ifelse(sch$type == "fixed", "fixed", scheme_names[sch$type])
  weights <- if (length(label) == 1L) label else {
    sprintf("%s mean of %s (lambda %s)", prep$combine,
            enum(label, quote = "", conj = "and"),
            paste(format(signif(sch$lambda, 4)), collapse = ", "))
  }
  list(scope = prep$scope, shift = prep$shift, weights = weights,
       scheme = if (length(label) == 1L) sch$type else "combined",
       normalisation = prep$normalisation, base = prep$base,
       entropy_k = prep$entropy_k,
       combine = if (length(label) > 1L) prep$combine,
       lambda = if (length(label) > 1L) stats::setNames(sch$lambda, sch$name),
       na = prep$na, interpolated = prep$interpolated)
}

# The normalisation and entropy constant of `conventions`, in words.
normalisation_label <- function(cv) {
  switch(cv$normalisation %||% "minmax",
    minmax = "min-max by direction over the scope",
    base = paste0("min-max by direction on the range of base period ",
                  cv$base),
    vector = "vector (L2) by direction over the scope",
    sum = "sum (L1) by direction over the scope")
}

entropy_k_label <- function(cv) {
  if (identical(cv$entropy_k, "regions")) {
    "1/ln(n), n the regions of the scope"
  } else "1/ln(m), m the rows of the scope"
}
