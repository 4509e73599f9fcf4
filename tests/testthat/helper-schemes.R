# Independent brute-force versions of the composite-index conventions of
# issue 16 (normalisations, weighting schemes, combinations, the obstacle
# degree model), written with plain loops straight from the formulas of the
# API contract, to check composite_index(), index_weights() and
# obstacle_degree() against. Nothing here calls the package.

# An 8-region x 3-year panel of five positive indicators on different
# scales. `span` (a year or NULL) puts the smallest value of every positive
# indicator and the largest of every negative one in that year, and values
# beyond that year's range in the other years, so that a base period `span`
# gives u >= 0 everywhere and u > 1 somewhere.
sch_panel <- function(n_id = 8, n_t = 3, p = 5, seed = 16, span = NULL) {
  set.seed(seed)
  d <- expand.grid(id = paste0("r", seq_len(n_id)), year = 2000 + seq_len(n_t),
                   stringsAsFactors = FALSE)
  scale <- rep(c(1, 10, 100, 0.1, 5), length.out = p)
  for (j in seq_len(p)) {
    d[[paste0("x", j)]] <- round((stats::rexp(nrow(d)) + 0.2) * scale[j], 4)
  }
  if (!is.null(span)) {
    dir <- sch_dir(p)
    inb <- which(d$year == span)
    out <- which(d$year != span)
    for (j in seq_len(p)) {
      x <- d[[paste0("x", j)]]
      if (dir[j] > 0) {
        x[inb[1]] <- min(x) / 2
        x[out[1]] <- max(x[inb]) * 2
      } else {
        x[inb[1]] <- max(x) * 2
        x[out[1]] <- min(x[inb]) / 2
      }
      d[[paste0("x", j)]] <- x
    }
  }
  d
}

sch_dir <- function(p = 5) rep(c(1, -1), length.out = p)

sch_spec <- function(p = 5) {
  data.frame(indicator = paste0("x", seq_len(p)),
             direction = ifelse(sch_dir(p) > 0, "+", "-"),
             dimension = c("a", "a", rep("b", p - 2)),
             stringsAsFactors = FALSE)
}

# The rows of each scope group, in period order.
sch_groups <- function(d, scope, time = "year") {
  if (scope == "pooled") list(seq_len(nrow(d))) else
    split(seq_len(nrow(d)), d[[time]])
}

# v = u + shift for the rows `rows` of x (one scope group); `base_rows` are
# the rows of the base period (whole panel) for normalisation = "base".
sch_normalise <- function(x, dir, rows, norm = "minmax", base_rows = NULL,
                          shift = 1e-4) {
  m <- length(rows)
  p <- ncol(x)
  v <- matrix(NA_real_, m, p)
  for (j in seq_len(p)) {
    xg <- x[rows, j]
    if (norm == "base") {
      lo <- min(x[base_rows, j])
      hi <- max(x[base_rows, j])
    } else {
      lo <- min(xg)
      hi <- max(xg)
    }
    ss <- 0
    s1 <- 0
    for (i in seq_len(m)) {
      ss <- ss + xg[i]^2
      s1 <- s1 + xg[i]
    }
    for (i in seq_len(m)) {
      u <- switch(norm,
        minmax = , base = if (hi > lo) {
          if (dir[j] > 0) (xg[i] - lo) / (hi - lo) else (hi - xg[i]) / (hi - lo)
        } else 0,
        vector = if (dir[j] > 0) xg[i] / sqrt(ss) else (hi - xg[i]) / sqrt(ss),
        sum = if (dir[j] > 0) xg[i] / s1 else (hi - xg[i]) / s1)
      v[i, j] <- u + shift
    }
  }
  v
}

# One scheme on the v of one group. `const` flags the indicators constant in
# the group, `k` is the entropy constant. Returns the weight and the
# diagnostics the weights table reports.
sch_scheme <- function(scheme, v, const, k) {
  m <- nrow(v)
  p <- ncol(v)
  na <- rep(NA_real_, p)
  out <- list(weight = numeric(p), entropy = na, sd = na, cv = na,
              conflict = na)
  if (is.numeric(scheme)) {
    out$weight <- unname(scheme / sum(scheme))
    return(out)
  }
  sdv <- mn <- numeric(p)
  for (j in seq_len(p)) {
    mn[j] <- sum(v[, j]) / m
    sdv[j] <- sqrt(sum((v[, j] - mn[j])^2) / (m - 1))
  }
  keep <- !const
  raw <- numeric(p)
  if (scheme == "entropy") {
    e <- numeric(p)
    for (j in seq_len(p)) {
      tot <- sum(v[, j])
      h <- 0
      for (i in seq_len(m)) {
        q <- v[i, j] / tot
        if (q > 0) h <- h + q * log(q)
      }
      e[j] <- -k * h
    }
    out$entropy <- e
    raw <- 1 - e
  } else if (scheme == "critic") {
    conflict <- na
    for (j in which(keep)) {
      s <- 0
      for (l in which(keep)) {
        if (l == j) next
        r <- sum((v[, j] - mn[j]) * (v[, l] - mn[l])) /
          sqrt(sum((v[, j] - mn[j])^2) * sum((v[, l] - mn[l])^2))
        s <- s + (1 - r)
      }
      conflict[j] <- s
    }
    out$sd <- sdv
    out$conflict <- conflict
    raw <- sdv * conflict
  } else if (scheme == "cv") {
    out$cv <- sdv / mn
    raw <- sdv / mn
  } else if (scheme == "sd") {
    out$sd <- sdv
    raw <- sdv
  } else if (scheme == "equal") {
    raw <- rep(1, p)
  } else {
    stop("unknown scheme ", scheme)
  }
  raw[const] <- 0
  out$weight <- raw / sum(raw[keep])
  out
}

# The whole index by brute force. `weights`: one scheme name, a named
# numeric vector, or a list / character vector of several (a combination).
sch_index <- function(d, spec, weights = "entropy", scope = "pooled",
                      norm = "minmax", base = NULL, shift = if (norm %in% c("vector", "sum")) 0 else 1e-4,
                      entropy_k = "rows", combine = "arithmetic",
                      lambda = NULL, method = "topsis", id = "id",
                      time = "year") {
  x <- as.matrix(d[spec$indicator])
  dir <- ifelse(spec$direction == "+", 1, -1)
  p <- ncol(x)
  groups <- sch_groups(d, scope, time)
  periods <- sort(unique(d[[time]]))
  base_rows <- which(d[[time]] == if (is.null(base)) periods[1] else base)
  comps <- if (is.list(weights)) weights else if (is.character(weights))
    as.list(weights) else list(weights)
  S <- length(comps)
  lam <- if (is.null(lambda)) rep(1, S) else lambda
  lam <- lam / sum(lam)
  N <- nrow(d)
  score <- dplus <- dminus <- rep(NA_real_, N)
  dims <- unique(spec$dimension)
  dscore <- matrix(NA_real_, N, length(dims), dimnames = list(NULL, dims))
  vall <- matrix(NA_real_, N, p)
  tabs <- list()
  for (g in seq_along(groups)) {
    r <- groups[[g]]
    v <- sch_normalise(x, dir, r, norm, base_rows, shift)
    vall[r, ] <- v
    const <- apply(x[r, , drop = FALSE], 2, function(c) max(c) <= min(c))
    k <- if (entropy_k == "rows") 1 / log(length(r)) else
      1 / log(length(unique(d[[id]][r])))
    parts <- lapply(comps, sch_scheme, v = v, const = const, k = k)
    W <- sapply(parts, `[[`, "weight")
    W <- matrix(W, p, S)
    w <- if (S == 1) W[, 1] else if (combine == "arithmetic")
      as.vector(W %*% lam) else {
        gw <- numeric(p)
        for (j in seq_len(p)) gw[j] <- prod(W[j, ]^lam)
        gw / sum(gw)
      }
    pick <- function(nm) {
      for (pt in parts) if (!all(is.na(pt[[nm]]))) return(pt[[nm]])
      rep(NA_real_, p)
    }
    sd_all <- rep(NA_real_, p)
    if (any(!vapply(comps, is.numeric, TRUE))) {
      for (j in seq_len(p)) sd_all[j] <- stats::sd(v[, j])
    }
    tab <- data.frame(period = rep(periods[g], p), indicator = spec$indicator,
                      entropy = pick("entropy"), weight = w, sd = pick("sd"),
                      cv = pick("cv"), conflict = pick("conflict"),
                      sd_all = sd_all, constant = const,
                      stringsAsFactors = FALSE)
    if (S > 1) {
      nfix <- 0
      for (s in seq_len(S)) {
        nm <- if (is.numeric(comps[[s]])) {
          nfix <- nfix + 1
          paste0("fixed", nfix)
        } else comps[[s]]
        tab[[paste0("weight_", nm)]] <- W[, s]
      }
    }
    tabs[[g]] <- tab
    sc <- sch_scores(v, w, method)
    score[r] <- sc$score
    dplus[r] <- sc$d_plus
    dminus[r] <- sc$d_minus
    for (dm in dims) {
      j <- spec$dimension == dm
      wd <- w[j] / sum(w[j])
      dscore[r, dm] <- sch_scores(v[, j, drop = FALSE], wd, method)$score
    }
  }
  list(weights = do.call(rbind, tabs), score = score, d_plus = dplus,
       d_minus = dminus, dims = dscore, v = vall, groups = groups)
}

# TOPSIS or linear scores of one group from v and w (z = w v).
sch_scores <- function(v, w, method = "topsis") {
  m <- nrow(v)
  z <- v
  for (j in seq_len(ncol(v))) z[, j] <- w[j] * v[, j]
  zp <- apply(z, 2, max)
  zm <- apply(z, 2, min)
  dp <- dm <- sc <- numeric(m)
  for (i in seq_len(m)) {
    dp[i] <- sqrt(sum((z[i, ] - zp)^2))
    dm[i] <- sqrt(sum((z[i, ] - zm)^2))
    sc[i] <- if (method == "topsis") dm[i] / (dp[i] + dm[i]) else sum(z[i, ])
  }
  list(score = sc, d_plus = dp, d_minus = dm)
}

# The obstacle degree model on a brute-force index `ref` (sch_index()):
# F = the overall weight of the row's group, I = (v+ - v) / (v+ - v-) over
# the group, O = 100 F I / sum F I. One row per (data row, indicator), in
# data-row order then spec order.
sch_obstacle <- function(d, spec, ref, id = "id", time = "year") {
  p <- nrow(spec)
  out <- list()
  for (g in seq_along(ref$groups)) {
    r <- ref$groups[[g]]
    w <- ref$weights$weight[(g - 1) * p + seq_len(p)]
    v <- ref$v[r, , drop = FALSE]
    for (ii in seq_along(r)) {
      dev <- numeric(p)
      for (j in seq_len(p)) {
        dev[j] <- (max(v[, j]) - v[ii, j]) / (max(v[, j]) - min(v[, j]))
      }
      fi <- w * dev
      ob <- if (sum(fi) > 0) 100 * fi / sum(fi) else rep(0, p)
      out[[length(out) + 1]] <- data.frame(
        row = r[ii], id = d[[id]][r[ii]], time = d[[time]][r[ii]],
        indicator = spec$indicator, dimension = spec$dimension,
        deviation = dev, obstacle = ob, stringsAsFactors = FALSE)
    }
  }
  res <- do.call(rbind, out)
  res[order(res$row, match(res$indicator, spec$indicator)), ]
}

# A data frame sorted by its key columns, row names dropped, for comparing
# tables whose row order the contract does not fix.
sch_sort <- function(df, keys) {
  df <- as.data.frame(df)
  df <- df[do.call(order, unname(as.list(df[keys]))), , drop = FALSE]
  rownames(df) <- NULL
  df
}

# Compares an index (or its weights table, `w`) with a brute-force `ref`.
# The weights table: the contract's leading columns in order, then only
# sd / cv / conflict / weight_<name>; every number to `tol`.
sch_expect_weights <- function(w, ref, time = NULL, dimension = TRUE,
                               tol = 1e-12) {
  rw <- ref$weights
  lead <- c(time, "indicator", "direction", if (dimension) "dimension",
            "entropy", "weight")
  testthat::expect_identical(names(w)[seq_along(lead)], lead)
  comp <- grep("^weight_", names(rw), value = TRUE)
  need <- c(c("sd", "cv", "conflict")[c(any(!is.na(rw$sd)),
                                         any(!is.na(rw$cv)),
                                         any(!is.na(rw$conflict)))], comp)
  extra <- setdiff(names(w), lead)
  testthat::expect_true(all(need %in% extra),
                        label = paste("columns", paste(need, collapse = ", ")))
  testthat::expect_true(all(extra %in% c("sd", "cv", "conflict", comp)),
                        label = paste("no other columns than", paste(
                          c("sd", "cv", "conflict", comp), collapse = ", ")))
  if (!is.null(time)) {
    testthat::expect_equal(as.character(w[[time]]), as.character(rw$period))
  }
  testthat::expect_identical(w$indicator, rw$indicator)
  testthat::expect_equal(w$weight, rw$weight, tolerance = tol)
  testthat::expect_equal(w$entropy, rw$entropy, tolerance = tol)
  if ("sd" %in% names(w)) {
    ok <- !is.na(rw$sd_all)
    testthat::expect_equal(w$sd[ok], rw$sd_all[ok], tolerance = tol)
  }
  if ("cv" %in% names(w) && any(!is.na(rw$cv))) {
    testthat::expect_equal(w$cv, rw$cv, tolerance = tol)
  }
  if ("conflict" %in% names(w) && any(!is.na(rw$conflict))) {
    ok <- !is.na(rw$conflict)
    testthat::expect_equal(w$conflict[ok], rw$conflict[ok], tolerance = tol)
  }
  for (nm in comp) testthat::expect_equal(w[[nm]], rw[[nm]], tolerance = tol)
}

sch_expect_scores <- function(idx, ref, method = "topsis", dims = TRUE,
                              tol = 1e-12) {
  testthat::expect_equal(idx$scores$score, ref$score, tolerance = tol)
  if (method == "topsis") {
    testthat::expect_equal(idx$scores$d_plus, ref$d_plus, tolerance = tol)
    testthat::expect_equal(idx$scores$d_minus, ref$d_minus, tolerance = tol)
  }
  if (dims) {
    for (dm in colnames(ref$dims)) {
      testthat::expect_equal(idx$scores[[dm]], unname(ref$dims[, dm]),
                             tolerance = tol, label = paste("dimension", dm))
    }
  }
}

sch_differs <- function(a, b) !isTRUE(all.equal(a, b))

# The brute-force tables of obstacle_degree(), sorted by their keys.
sch_obstacle_ref <- function(d, spec, ref, top = 3, id = "id", time = "year") {
  ind <- sch_obstacle(d, spec, ref, id, time)
  dims <- stats::aggregate(ind["obstacle"],
                           list(row = ind$row, dimension = ind$dimension), sum)
  dims$id <- d[[id]][dims$row]
  dims$time <- d[[time]][dims$row]
  tops <- do.call(rbind, lapply(split(ind, ind$row), function(b) {
    b <- b[order(-b$obstacle), ][seq_len(min(top, nrow(b))), ]
    data.frame(id = b$id, time = b$time, rank = seq_len(nrow(b)),
               indicator = b$indicator, obstacle = b$obstacle,
               stringsAsFactors = FALSE)
  }))
  names(ind)[names(ind) == "id"] <- id
  names(ind)[names(ind) == "time"] <- time
  names(dims)[names(dims) == "id"] <- id
  names(dims)[names(dims) == "time"] <- time
  names(tops)[1:2] <- c(id, time)
  list(indicators = sch_sort(ind[c(id, time, "indicator", "dimension",
                                   "deviation", "obstacle")],
                             c(id, time, "indicator")),
       dimensions = sch_sort(dims[c(id, time, "dimension", "obstacle")],
                             c(id, time, "dimension")),
       top = sch_sort(tops, c(id, time, "rank")))
}

sch_expect_obstacle <- function(ob, ref, id = "id", time = "year",
                            tol = 1e-12, top_indicator = TRUE) {
  testthat::expect_s3_class(ob, "regineq_obstacle")
  testthat::expect_named(ob$indicators, c(id, time, "indicator", "dimension",
                                "deviation", "obstacle"))
  testthat::expect_named(ob$dimensions, c(id, time, "dimension", "obstacle"))
  testthat::expect_named(ob$top, c(id, time, "rank", "indicator", "obstacle"))
  got <- sch_sort(ob$indicators, c(id, time, "indicator"))
  testthat::expect_identical(got[[id]], ref$indicators[[id]])
  testthat::expect_equal(got[[time]], ref$indicators[[time]])
  testthat::expect_identical(got$indicator, ref$indicators$indicator)
  testthat::expect_identical(got$dimension, ref$indicators$dimension)
  testthat::expect_equal(got$deviation, ref$indicators$deviation, tolerance = tol)
  testthat::expect_equal(got$obstacle, ref$indicators$obstacle, tolerance = tol)
  got <- sch_sort(ob$dimensions, c(id, time, "dimension"))
  testthat::expect_identical(got$dimension, ref$dimensions$dimension)
  testthat::expect_equal(got$obstacle, ref$dimensions$obstacle, tolerance = tol)
  got <- sch_sort(ob$top, c(id, time, "rank"))
  testthat::expect_identical(got[[id]], ref$top[[id]])
  testthat::expect_equal(as.numeric(got$rank), as.numeric(ref$top$rank))
  testthat::expect_equal(got$obstacle, ref$top$obstacle, tolerance = tol)
  if (top_indicator) testthat::expect_identical(got$indicator, ref$top$indicator)
}

# Fixed weights for the five indicators of sch_spec().
sch_fixed <- function() c(x1 = 3, x2 = 1, x3 = 2, x4 = 1, x5 = 3)
