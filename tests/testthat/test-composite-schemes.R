# The weighting schemes, normalisations, entropy constant and combinations of
# issue 16, each against the brute force of helper-schemes.R (written from
# the API contract's formulas, not from R/composite.R).

test_that("every weighting scheme equals the brute force, pooled and by period", {
  d <- sch_panel()
  spec <- sch_spec()
  schemes <- list("entropy", "critic", "cv", "sd", "equal", sch_fixed())
  for (scheme in schemes) {
    for (scope in c("pooled", "time")) {
      time <- if (scope == "time") "year"
      for (method in c("topsis", "linear")) {
        idx <- composite_index(d, spec, "id", "year", method = method,
                               scope = scope, weights = scheme)
        ref <- sch_index(d, spec, weights = scheme, scope = scope,
                         method = method)
        sch_expect_weights(idx$weights, ref, time = time)
        sch_expect_scores(idx, ref, method)
        expect_equal(as.vector(tapply(idx$weights$weight,
                                      rep(seq_along(ref$groups), each = 5),
                                      sum)),
                     rep(1, length(ref$groups)), tolerance = 1e-14)
      }
      # index_weights() is the weights table of the index
      expect_equal(index_weights(d, spec, "id", "year", weights = scheme,
                                 scope = scope), idx$weights)
    }
  }
  # the schemes give different weights on the same panel
  ws <- lapply(schemes, function(s)
    index_weights(d, spec, "id", "year", weights = s)$weight)
  for (a in 1:5) for (b in (a + 1):6) expect_true(sch_differs(ws[[a]], ws[[b]]))
  # entropy is NA when entropy is not used
  expect_true(all(is.na(index_weights(d, spec, "id", "year",
                                      weights = "critic")$entropy)))
  expect_equal(index_weights(d, spec, "id", "year", weights = "equal")$weight,
               rep(0.2, 5))
})

test_that("the schemes hold on the bundled panel", {
  spec <- nqpf_spec
  for (scheme in list("entropy", "critic", "cv", "sd")) {
    for (scope in c("pooled", "time")) {
      idx <- composite_index(nqpf_indicators, spec, "province", "year",
                             scope = scope, weights = scheme)
      ref <- sch_index(nqpf_indicators, spec, weights = scheme, scope = scope,
                       id = "province")
      sch_expect_weights(idx$weights, ref,
                         time = if (scope == "time") "year")
      sch_expect_scores(idx, ref)
    }
  }
  idx <- composite_index(nqpf_indicators, spec, "province", "year",
                         weights = c("entropy", "critic"),
                         normalisation = "vector", method = "linear")
  ref <- sch_index(nqpf_indicators, spec, weights = c("entropy", "critic"),
                   norm = "vector", method = "linear", id = "province")
  sch_expect_weights(idx$weights, ref)
  sch_expect_scores(idx, ref, "linear")
})

test_that("min-max, vector and sum normalisations with entropy and CRITIC weights", {
  d <- sch_panel()
  spec <- sch_spec()
  for (norm in c("minmax", "vector", "sum")) {
    for (scheme in c("entropy", "critic")) {
      for (scope in c("pooled", "time")) {
        for (method in c("topsis", "linear")) {
          idx <- composite_index(d, spec, "id", "year", method = method,
                                 scope = scope, weights = scheme,
                                 normalisation = norm)
          ref <- sch_index(d, spec, weights = scheme, scope = scope,
                           norm = norm, method = method)
          sch_expect_weights(idx$weights, ref,
                             time = if (scope == "time") "year")
          sch_expect_scores(idx, ref, method)
        }
      }
    }
  }
  # the normalisation changes the weights and the scores
  w <- lapply(c("minmax", "vector", "sum"), function(n)
    composite_index(d, spec, "id", "year", normalisation = n))
  expect_true(sch_differs(w[[1]]$weights$weight, w[[2]]$weights$weight))
  expect_true(sch_differs(w[[2]]$scores$score, w[[3]]$scores$score))
  expect_identical(w[[2]]$conventions$normalisation, "vector")
})

test_that("base-period normalisation: a later base period and the default", {
  # base 2002 holds the smallest value of each positive indicator and the
  # largest of each negative one: u >= 0 everywhere, u > 1 in other years
  d <- sch_panel(span = 2002)
  spec <- sch_spec()
  for (scope in c("pooled", "time")) {
    for (scheme in c("entropy", "critic")) {
      ref <- sch_index(d, spec, weights = scheme, scope = scope, norm = "base",
                       base = 2002)
      expect_gt(min(ref$v), 0)
      expect_gt(max(ref$v), 1 + 1e-4)
      for (method in c("topsis", "linear")) {
        ref <- sch_index(d, spec, weights = scheme, scope = scope,
                         norm = "base", base = 2002, method = method)
        idx <- composite_index(d, spec, "id", "year", method = method,
                               scope = scope, weights = scheme,
                               normalisation = "base", base = 2002)
        sch_expect_weights(idx$weights, ref,
                           time = if (scope == "time") "year")
        sch_expect_scores(idx, ref, method)
      }
    }
    # the default base is the first period (u < 0 there, fine for CRITIC)
    ref <- sch_index(d, spec, weights = "critic", scope = scope, norm = "base")
    expect_lt(min(ref$v), 0)
    idx <- composite_index(d, spec, "id", "year", scope = scope,
                           weights = "critic", normalisation = "base")
    sch_expect_weights(idx$weights, ref, time = if (scope == "time") "year")
    sch_expect_scores(idx, ref)
    expect_equal(composite_index(d, spec, "id", "year", scope = scope,
                                 weights = "critic", normalisation = "base",
                                 base = 2001)$scores, idx$scores)
    # base changes the result, and base differs from min-max
    i2 <- composite_index(d, spec, "id", "year", scope = scope,
                          weights = "critic", normalisation = "base",
                          base = 2002)
    expect_true(sch_differs(i2$scores$score, idx$scores$score))
    expect_true(sch_differs(i2$weights$weight, idx$weights$weight))
    mm <- composite_index(d, spec, "id", "year", scope = scope,
                          weights = "critic")
    expect_true(sch_differs(i2$scores$score, mm$scores$score))
  }
  # the default base with entropy weights, on a panel whose first period
  # holds the extremes
  d1 <- sch_panel(span = 2001)
  for (scope in c("pooled", "time")) {
    ref <- sch_index(d1, spec, scope = scope, norm = "base")
    expect_gt(min(ref$v), 0)
    idx <- composite_index(d1, spec, "id", "year", scope = scope,
                           normalisation = "base")
    sch_expect_weights(idx$weights, ref, time = if (scope == "time") "year")
    sch_expect_scores(idx, ref)
  }
})

test_that("vector and sum need non-negative indicators; base needs a known period", {
  d <- sch_panel()
  spec <- sch_spec()
  d2 <- d
  d2$x2[5] <- -1
  for (norm in c("vector", "sum")) {
    expect_error(composite_index(d2, spec, "id", "year", normalisation = norm),
                 class = "regineq_error_value", regexp = "`x2`.*r5 2001")
    expect_error(index_weights(d2, spec, "id", "year", weights = "critic",
                               normalisation = norm),
                 class = "regineq_error_value", regexp = "`x2`")
  }
  # a negative indicator (direction "-") is refused as well
  d3 <- d
  d3$x4[10] <- -0.5
  expect_error(composite_index(d3, spec, "id", "year", normalisation = "sum"),
               class = "regineq_error_value", regexp = "`x4`.*r2 2002")
  # min-max and base take negative values
  expect_no_error(composite_index(d2, spec, "id", "year"))
  expect_no_error(composite_index(d2, spec, "id", "year",
                                  normalisation = "base", weights = "critic"))
  expect_error(composite_index(d, spec, "id", "year", normalisation = "base",
                               base = 1999),
               class = "regineq_error_value", regexp = "`base`.*1999")
  expect_error(composite_index(d, spec, "id", "year", normalisation = "zscore"),
               class = "regineq_error_value", regexp = "`normalisation`")
  # entropy of a negative v (below the base period's range) is refused
  ds <- sch_panel(span = 2002)
  ref <- sch_index(ds, spec, norm = "base", weights = "critic")
  neg <- spec$indicator[apply(ref$v, 2, min) < 0]
  expect_true(length(neg) > 0)
  expect_error(composite_index(ds, spec, "id", "year", normalisation = "base"),
               class = "regineq_error_value",
               regexp = paste0("`(", paste(neg, collapse = "|"), ")`"))
  expect_error(index_weights(ds, spec, "id", "year", normalisation = "base",
                             scope = "time"),
               class = "regineq_error_value")
})

test_that("entropy_k: 1/ln(rows) or 1/ln(regions) of the group", {
  d <- sch_panel()
  spec <- sch_spec()
  # (pooled, every entropy of this panel exceeds 1: see the next test)
  for (method in c("topsis", "linear")) {
    idx <- suppressWarnings(composite_index(d, spec, "id", "year",
                                            entropy_k = "regions",
                                            method = method))
    ref <- sch_index(d, spec, entropy_k = "regions", method = method)
    sch_expect_weights(idx$weights, ref)
    sch_expect_scores(idx, ref, method)
  }
  rows <- index_weights(d, spec, "id", "year")
  reg <- suppressWarnings(index_weights(d, spec, "id", "year",
                                        entropy_k = "regions"))
  # pooled: e_regions = e_rows ln(nT) / ln(n), nT = 24 rows, n = 8 regions
  expect_equal(reg$entropy, rows$entropy * log(24) / log(8), tolerance = 1e-12)
  expect_true(sch_differs(reg$weight, rows$weight))
  expect_identical(idx$conventions$entropy_k, "regions")
  # within a period the rows are the regions
  expect_equal(index_weights(d, spec, "id", "year", scope = "time",
                             entropy_k = "regions"),
               index_weights(d, spec, "id", "year", scope = "time"))
  # an unbalanced panel: 23 rows, still 8 regions
  du <- d[-5, ]
  for (k in c("rows", "regions")) {
    w <- suppressWarnings(suppressMessages(
      index_weights(du, spec, "id", "year", entropy_k = k)))
    sch_expect_weights(w, sch_index(du, spec, entropy_k = k))
  }
  # entropy_weights() takes the new convention arguments
  expect_equal(suppressWarnings(
    entropy_weights(d, spec, "id", "year", entropy_k = "regions",
                    normalisation = "vector")),
    suppressWarnings(
      index_weights(d, spec, "id", "year", weights = "entropy",
                    entropy_k = "regions", normalisation = "vector")))
  sch_expect_weights(entropy_weights(d, spec, "id", "year", scope = "time",
                                     normalisation = "sum"),
                     sch_index(d, spec, scope = "time", norm = "sum"),
                     time = "year")
})

test_that("entropy_k = \"regions\": entropies above 1 keep w = d / sum d, with a warning", {
  d <- sch_panel()
  spec <- sch_spec()
  # pooled, k = 1/ln 8 while the shares spread over 24 rows: here every
  # e > 1 (more so with a large shift, shares near 1/24), every d = 1 - e < 0,
  # and d / sum d is positive
  ref0 <- sch_index(d, spec, entropy_k = "regions")
  expect_true(all(ref0$weights$entropy > 1))
  expect_warning(i0 <- composite_index(d, spec, "id", "year",
                                       entropy_k = "regions"),
                 class = "regineq_warning_entropy")
  sch_expect_weights(i0$weights, ref0)
  expect_true(all(i0$weights$weight > 0))
  ref <- sch_index(d, spec, entropy_k = "regions", shift = 1)
  expect_true(all(ref$weights$entropy > 1))
  expect_true(all(ref$weights$weight > 0))
  expect_warning(idx <- composite_index(d, spec, "id", "year", shift = 1,
                                        entropy_k = "regions"))
  expect_warning(composite_index(d, spec, "id", "year", shift = 1,
                                 entropy_k = "regions"),
                 class = "regineq_warning_entropy")
  sch_expect_weights(idx$weights, ref)
  sch_expect_scores(idx, ref)
  expect_true(all(idx$weights$weight > 0))
  # some d < 0 and some > 0: d / sum d would give negative weights, which
  # the package refuses (the lead's design; the contract was silent)
  d2 <- d
  d2$x1 <- c(rep(0, 23), 50)
  d2$x3 <- c(rep(0, 22), 50, 40)
  ref2 <- sch_index(d2, spec, entropy_k = "regions")
  e <- ref2$weights$entropy
  expect_true(any(e > 1) && any(e < 1) && sum(1 - e) > 0)
  expect_true(any(ref2$weights$weight < 0))
  expect_error(composite_index(d2, spec, "id", "year", entropy_k = "regions"),
               class = "regineq_error_value",
               regexp = "negative for some indicators and positive for others")
  bad <- ref2$weights$indicator[ref2$weights$entropy > 1]
  good <- ref2$weights$indicator[ref2$weights$entropy < 1]
  msg <- tryCatch(composite_index(d2, spec, "id", "year",
                                  entropy_k = "regions"),
                  error = conditionMessage)
  expect_match(msg, paste0("e > 1: ", paste0("`", bad, "`", collapse = ", "),
                           "; e < 1: ", paste0("`", good, "`", collapse = ", ")),
               fixed = TRUE)
  # under "rows" no entropy exceeds 1 and nothing is said
  expect_no_warning(composite_index(d, spec, "id", "year", shift = 1))
})

test_that("combined schemes: arithmetic and geometric, with and without lambda", {
  d <- sch_panel()
  spec <- sch_spec()
  for (scope in c("pooled", "time")) {
    time <- if (scope == "time") "year"
    for (combine in c("arithmetic", "geometric")) {
      for (lambda in list(NULL, c(3, 1), c(0.2, 0.8))) {
        for (method in c("topsis", "linear")) {
          idx <- composite_index(d, spec, "id", "year", method = method,
                                 scope = scope, weights = c("entropy", "critic"),
                                 combine = combine, lambda = lambda)
          ref <- sch_index(d, spec, weights = c("entropy", "critic"),
                           scope = scope, combine = combine, lambda = lambda,
                           method = method)
          sch_expect_weights(idx$weights, ref, time = time)
          sch_expect_scores(idx, ref, method)
        }
      }
    }
    # the component columns are the single schemes' weights
    w <- index_weights(d, spec, "id", "year", scope = scope,
                       weights = c("entropy", "critic"))
    expect_equal(w$weight_entropy, index_weights(d, spec, "id", "year",
                                                 scope = scope)$weight)
    expect_equal(w$weight_critic, index_weights(d, spec, "id", "year",
                                                scope = scope,
                                                weights = "critic")$weight)
    expect_equal(w$weight, (w$weight_entropy + w$weight_critic) / 2)
  }
  base <- index_weights(d, spec, "id", "year", weights = c("entropy", "critic"))
  # combine and lambda change the result; lambda is rescaled to sum 1
  geo <- index_weights(d, spec, "id", "year", weights = c("entropy", "critic"),
                       combine = "geometric")
  expect_true(sch_differs(geo$weight, base$weight))
  l31 <- index_weights(d, spec, "id", "year", weights = c("entropy", "critic"),
                       lambda = c(3, 1))
  expect_true(sch_differs(l31$weight, base$weight))
  expect_equal(index_weights(d, spec, "id", "year",
                             weights = c("entropy", "critic"),
                             lambda = c(6, 2)), l31)
  expect_equal(index_weights(d, spec, "id", "year",
                             weights = c("entropy", "critic"),
                             lambda = c(1, 0))$weight,
               base$weight_entropy, tolerance = 1e-14)
  # three schemes
  idx <- composite_index(d, spec, "id", "year",
                         weights = c("cv", "sd", "equal"), combine = "geometric",
                         lambda = c(1, 2, 3))
  ref <- sch_index(d, spec, weights = c("cv", "sd", "equal"),
                   combine = "geometric", lambda = c(1, 2, 3))
  sch_expect_weights(idx$weights, ref)
  sch_expect_scores(idx, ref)
  conv <- idx$conventions
  expect_identical(conv$combine, "geometric")
  expect_true(all(c("method", "scope", "shift", "weights", "normalisation",
                    "base", "entropy_k", "combine", "lambda", "na",
                    "interpolated") %in% names(conv)))
  expect_type(conv$weights, "character")
})

test_that("a list mixes schemes and fixed weight vectors", {
  d <- sch_panel()
  spec <- sch_spec()
  f2 <- c(x5 = 1, x4 = 2, x3 = 3, x2 = 4, x1 = 5)
  cases <- list(list("entropy", sch_fixed()), list(sch_fixed(), "critic", f2))
  for (w in cases) {
    for (combine in c("arithmetic", "geometric")) {
      idx <- composite_index(d, spec, "id", "year", weights = w,
                             combine = combine)
      # the brute force takes the fixed vectors in spec order
      wr <- lapply(w, function(c) if (is.numeric(c)) c[spec$indicator] else c)
      ref <- sch_index(d, spec, weights = wr, combine = combine)
      sch_expect_weights(idx$weights, ref)
      sch_expect_scores(idx, ref)
    }
  }
  w <- index_weights(d, spec, "id", "year", weights = cases[[2]],
                     lambda = c(1, 1, 2))
  expect_true(all(c("weight_fixed1", "weight_critic", "weight_fixed2") %in%
                    names(w)))
  expect_equal(w$weight_fixed1, unname(sch_fixed() / 10))
  expect_equal(w$weight_fixed2, (5:1) / 15)
  ref <- sch_index(d, spec, weights = list(sch_fixed(), "critic",
                                           f2[spec$indicator]),
                   lambda = c(1, 1, 2))
  expect_equal(w$weight, ref$weights$weight, tolerance = 1e-12)
  expect_named(index_weights(d, spec, "id", "year",
                             weights = list("entropy", sch_fixed())),
               c("indicator", "direction", "dimension", "entropy", "weight",
                 "weight_entropy", "weight_fixed1"), ignore.order = TRUE)
})

test_that("a constant indicator gets weight 0 under every computed scheme", {
  d <- sch_panel()
  spec <- sch_spec()
  d$x3 <- 7
  for (scheme in c("entropy", "critic", "cv", "sd", "equal")) {
    for (scope in c("pooled", "time")) {
      expect_warning(idx <- composite_index(d, spec, "id", "year",
                                            scope = scope, weights = scheme),
                     class = "regineq_warning_constant", regexp = "`x3`")
      ref <- sch_index(d, spec, weights = scheme, scope = scope)
      expect_true(all(idx$weights$weight[idx$weights$indicator == "x3"] == 0))
      sch_expect_weights(idx$weights, ref, time = if (scope == "time") "year")
      sch_expect_scores(idx, ref)
    }
  }
  # the CRITIC conflict of the others is the sum over the other three
  # non-constant indicators only
  w <- suppressWarnings(index_weights(d, spec, "id", "year", weights = "critic"))
  v <- sch_index(d, spec, weights = "critic")$v
  keep <- c(1, 2, 4, 5)
  r <- stats::cor(v[, keep])
  expect_equal(w$conflict[keep], colSums(1 - r), tolerance = 1e-12)
  s <- apply(v[, keep], 2, stats::sd)
  expect_equal(w$weight[keep], s * colSums(1 - r) / sum(s * colSums(1 - r)),
               tolerance = 1e-12)
  # equal weights share among the non-constant indicators
  w <- suppressWarnings(index_weights(d, spec, "id", "year", weights = "equal"))
  expect_equal(w$weight, c(0.25, 0.25, 0, 0.25, 0.25))
  # also under vector normalisation, where the constant's v is not 0
  w <- suppressWarnings(index_weights(d, spec, "id", "year", weights = "equal",
                                      normalisation = "vector"))
  expect_equal(w$weight, c(0.25, 0.25, 0, 0.25, 0.25))
  # constant in one period only: weight 0 there, by period
  d <- sch_panel()
  d$x3[d$year == 2002] <- 4
  for (scheme in c("entropy", "critic", "cv", "sd", "equal")) {
    expect_warning(w <- index_weights(d, spec, "id", "year", scope = "time",
                                      weights = scheme),
                   class = "regineq_warning_constant", regexp = "`x3`")
    expect_equal(w$weight[w$year == 2002 & w$indicator == "x3"], 0)
    expect_true(all(w$weight[w$year != 2002 & w$indicator == "x3"] > 0))
    sch_expect_weights(w, sch_index(d, spec, weights = scheme, scope = "time"),
                       time = "year")
  }
})

test_that("vector TOPSIS with fixed weights and no shift equals topsis::topsis()", {
  skip_if_not_installed("topsis")
  set.seed(7)
  m <- cbind(a = round(stats::runif(10, 1, 9), 2),
             b = round(stats::runif(10, 10, 90), 1),
             c = round(stats::rexp(10) + 0.1, 3),
             e = round(stats::runif(10, 100, 900)))
  d <- data.frame(id = paste0("alt", 1:10), m)
  w <- c(a = 0.3, b = 0.2, c = 0.4, e = 0.1)
  impacts <- c("+", "-", "+", "-")
  spec <- data.frame(indicator = colnames(m), direction = impacts)
  idx <- composite_index(d, spec, "id", NULL, weights = w,
                         normalisation = "vector", shift = 0)
  ref <- topsis::topsis(m, unname(w), impacts)
  expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
  # min-max differs from it
  mm <- composite_index(d, spec, "id", NULL, weights = w, shift = 0)
  expect_true(sch_differs(mm$scores$score, ref$score))
})

test_that("invariances: rescaling under min-max, vector = sum entropy, equal linear = mean v", {
  d <- sch_panel()
  spec <- sch_spec()
  d2 <- d
  d2$x2 <- d2$x2 * 37
  d2$x5 <- d2$x5 * 0.01
  for (scheme in c("critic", "sd", "cv")) {
    for (scope in c("pooled", "time")) {
      a <- index_weights(d, spec, "id", "year", weights = scheme, scope = scope)
      b <- index_weights(d2, spec, "id", "year", weights = scheme,
                         scope = scope)
      expect_equal(b, a, tolerance = 1e-12)
    }
  }
  for (scope in c("pooled", "time")) {
    wv <- index_weights(d, spec, "id", "year", normalisation = "vector",
                        shift = 0, scope = scope)
    ws <- index_weights(d, spec, "id", "year", normalisation = "sum",
                        shift = 0, scope = scope)
    expect_equal(wv$weight, ws$weight, tolerance = 1e-12)
    expect_equal(wv$entropy, ws$entropy, tolerance = 1e-12)
    pos <- spec$direction == "+"
    wp <- index_weights(d, spec[pos, ], "id", "year", normalisation = "vector",
                        shift = 0, scope = scope)
    expect_equal(wp$weight, index_weights(d, spec[pos, ], "id", "year",
                                          normalisation = "sum", shift = 0,
                                          scope = scope)$weight,
                 tolerance = 1e-12)
    # with a shift they differ: v = u + shift is not proportional
    expect_true(sch_differs(
      index_weights(d, spec, "id", "year", normalisation = "vector",
                    scope = scope, shift = 0.01)$weight,
      index_weights(d, spec, "id", "year", normalisation = "sum",
                    scope = scope, shift = 0.01)$weight))
  }
  for (norm in c("minmax", "vector", "sum")) {
    for (scope in c("pooled", "time")) {
      lin <- composite_index(d, spec, "id", "year", method = "linear",
                             weights = "equal", normalisation = norm,
                             scope = scope)
      v <- sch_index(d, spec, norm = norm, scope = scope)$v
      expect_equal(lin$scores$score, rowMeans(v), tolerance = 1e-12)
    }
  }
})

test_that("every new argument changes the result", {
  d <- sch_panel()
  spec <- sch_spec()
  i0 <- composite_index(d, spec, "id", "year")
  args <- list(list(normalisation = "sum"), list(weights = "cv"),
               list(entropy_k = "regions"),
               list(weights = c("entropy", "sd"), combine = "geometric"),
               list(weights = c("entropy", "sd"), lambda = c(1, 4)),
               list(scope = "time"), list(method = "linear"),
               list(shift = 0.3, normalisation = "vector"))
  for (a in args) {
    i1 <- suppressWarnings(
      do.call(composite_index, c(list(d, spec, "id", "year"), a)))
    expect_true(sch_differs(i1$scores$score, i0$scores$score),
                label = paste(names(a), collapse = ", "))
    ref <- do.call(sch_index, c(list(d, spec), setNames(a, sub(
      "normalisation", "norm", names(a)))))
    sch_expect_scores(i1, ref, if (is.null(a$method)) "topsis" else a$method)
  }
  # base only matters under normalisation = "base"
  ds <- sch_panel(span = 2002)
  b1 <- composite_index(ds, spec, "id", "year", weights = "sd",
                        normalisation = "base", base = 2003)
  b2 <- composite_index(ds, spec, "id", "year", weights = "sd",
                        normalisation = "base", base = 2002)
  expect_true(sch_differs(b1$scores$score, b2$scores$score))
  sch_expect_scores(b1, sch_index(ds, spec, weights = "sd", norm = "base",
                                  base = 2003))
  # the dimension column: scores per dimension follow it
  spec2 <- spec
  spec2$dimension <- c("a", "b", "b", "b", "b")
  i2 <- composite_index(d, spec2, "id", "year", weights = "critic")
  sch_expect_scores(i2, sch_index(d, spec2, weights = "critic"))
  # bad values of the new arguments
  expect_error(composite_index(d, spec, "id", "year", weights = "topsis"),
               class = "regineq_error_value", regexp = "`weights`")
  expect_error(composite_index(d, spec, "id", "year", entropy_k = "cols"),
               class = "regineq_error_value", regexp = "`entropy_k`")
  expect_error(composite_index(d, spec, "id", "year", combine = "harmonic",
                               weights = c("entropy", "critic")),
               class = "regineq_error_value", regexp = "`combine`")
  expect_error(composite_index(d, spec, "id", "year", lambda = c(-1, 2),
                               weights = c("entropy", "critic")),
               class = "regineq_error", regexp = "`lambda`")
  expect_error(composite_index(d, spec, "id", "year", lambda = c(1, 2, 3),
                               weights = c("entropy", "critic")),
               class = "regineq_error", regexp = "`lambda`")
})

test_that("index statistics and scores are identical on 1, 2 and 4 threads", {
  # the columns of the statistics and the row blocks of the scores are
  # shared among threads; each column and each row is computed by one thread
  # in a fixed order, so nothing may depend on the thread count
  set.seed(5)
  n_reg <- 5000L
  d <- data.frame(id = rep(seq_len(n_reg), 4), year = rep(2001:2004,
                                                          each = n_reg))
  for (j in 1:8) d[[paste0("x", j)]] <- stats::rexp(nrow(d)) * j
  spec <- data.frame(indicator = paste0("x", 1:8),
                     direction = rep(c("+", "-"), 4),
                     dimension = rep(c("a", "b"), each = 4))
  variants <- list(list(), list(scope = "time"), list(weights = "critic"),
                   list(method = "linear", weights = "cv"),
                   list(normalisation = "vector", weights = "sd"))
  on_threads <- function(k, args) {
    old <- options(regineq.threads = k)
    on.exit(options(old))
    do.call(composite_index, c(list(d, spec, "id", "year"), args))
  }
  for (args in variants) {
    one <- on_threads(1L, args)
    for (k in c(2L, 4L)) {
      other <- on_threads(k, args)
      expect_identical(other$scores, one$scores, info = paste(names(args), k))
      expect_identical(other$weights, one$weights,
                       info = paste(names(args), k))
    }
  }
})
