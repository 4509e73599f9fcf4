# Random inputs for the fuzz suite (tests/testthat/test-fuzz.R and
# tools/fuzz.R): shapes from empty to small panels, values across the double
# range, missing and infinite values, duplicated keys, factor ids, integer
# values.

fuzz_values <- function(n) {
  kind <- sample(c("norm", "exp", "tiny", "huge", "int", "zeros", "const",
                   "mixed"), 1)
  v <- switch(kind,
              norm = stats::rnorm(n),
              exp = stats::rexp(n),
              tiny = stats::rexp(n) * 1e-300,
              huge = stats::rexp(n) * 1e300,
              int = sample(0:5, n, replace = TRUE),
              zeros = rep(0, n),
              const = rep(3.5, n),
              mixed = 10^stats::runif(n, -300, 300))
  if (n > 0 && stats::runif(1) < 0.15) {
    v[sample(n, 1)] <- sample(list(NA, NaN, Inf, -Inf), 1)[[1]]
  }
  v
}

fuzz_panel <- function() {
  n_id <- sample(0:6, 1)
  n_t <- sample(0:3, 1)
  d <- expand.grid(id = paste0("r", seq_len(n_id)), t = 2000 + seq_len(n_t),
                   stringsAsFactors = FALSE)
  if (nrow(d) > 1 && stats::runif(1) < 0.1) d <- rbind(d, d[1, ])
  # ids as text, factors or numbers (whole, like region codes, or not)
  d$id <- switch(sample(c("text", "factor", "code", "real"), 1, prob = c(4, 2, 1, 1)),
                 text = d$id, factor = factor(d$id),
                 code = 110000 + 10000 * as.integer(sub("r", "", d$id)),
                 real = as.integer(sub("r", "", d$id)) / 10)
  # periods as numbers, text, factors or Dates
  d$t <- switch(sample(c("num", "text", "factor", "date"), 1, prob = c(4, 2, 1, 1)),
                num = d$t, text = as.character(d$t),
                factor = factor(d$t, levels = rev(sort(unique(d$t)))),
                date = as.Date(sprintf("%d-01-01", as.integer(d$t))))
  d$g <- sample(c("a", "b", "c"), nrow(d), replace = TRUE)
  if (nrow(d) > 0 && stats::runif(1) < 0.1) d$g[1] <- NA
  d$y <- fuzz_values(nrow(d))
  d$x1 <- fuzz_values(nrow(d))
  d$x2 <- fuzz_values(nrow(d))
  # population weights: usually positive, sometimes any value at all
  d$pop <- if (stats::runif(1) < 0.7) stats::rexp(nrow(d)) * 1e4 else
    fuzz_values(nrow(d))
  d$u1 <- stats::runif(nrow(d))
  d$u2 <- stats::runif(nrow(d))
  if (nrow(d) > 0 && stats::runif(1) < 0.1) d$u1[1] <- 1.5
  # the data frame classes users bring
  kind <- sample(c("df", "tibble", "data.table"), 1, prob = c(4, 1, 1))
  if (kind == "tibble" && requireNamespace("tibble", quietly = TRUE)) {
    d <- tibble::as_tibble(d)
  } else if (kind == "data.table" &&
             requireNamespace("data.table", quietly = TRUE)) {
    d <- data.table::as.data.table(d)
  }
  d
}

# Region ids as the weights know them: whole numbers as integers.
fuzz_ids <- function(ids) {
  ids <- unique(ids)
  if (is.numeric(ids)) {
    ifelse(ids == round(ids), sprintf("%.0f", ids), as.character(ids))
  } else {
    as.character(ids)
  }
}

fuzz_weights <- function(ids) {
  ids <- fuzz_ids(ids)
  n <- length(ids)
  m <- matrix(0, n, n, dimnames = list(ids, ids))
  sym <- stats::runif(1) < 0.5
  if (n > 1) {
    m[] <- stats::rbinom(n * n, 1, 0.5)
    diag(m) <- 0
    if (sym) m[upper.tri(m)] <- t(m)[upper.tri(m)]
    if (stats::runif(1) < 0.2) m[1, ] <- m[, 1] <- 0   # an island
  }
  # dense, or one of the sparse Matrix classes users build
  if (n > 0 && requireNamespace("Matrix", quietly = TRUE) &&
      stats::runif(1) < 0.4) {
    m <- switch(sample(c("dgC", "auto", "pattern"), 1),
                dgC = methods::as(Matrix::Matrix(m, sparse = TRUE),
                                  "generalMatrix"),
                auto = Matrix::Matrix(m, sparse = TRUE),
                pattern = methods::as(Matrix::Matrix(m != 0, sparse = TRUE),
                                      "nMatrix"))
  }
  m
}

# No NaN and no infinite number anywhere in a result (NA is allowed where a
# value is undefined and documented).
fuzz_clean <- function(x) {
  if (is.data.frame(x)) x <- as.list(x)
  if (is.list(x)) return(all(vapply(x, fuzz_clean, TRUE)))
  if (is.numeric(x)) return(!any(is.nan(x)) && !any(is.infinite(x)))
  TRUE
}

# What to do with a bad outcome: fail the test (tools/fuzz.R records it).
fuzz_report <- function(label, message) {
  testthat::fail(paste0(label, ": ", message))
}

# Runs f(); returns "ok" when it succeeds and check(result) holds, "error"
# for a regineq error, and "bad" (reported) otherwise.
fuzz_call <- function(label, f, check = function(r) TRUE, clean = TRUE) {
  # classed messages (an unbalanced panel, coordinates read as long/lat)
  # are expected on random panels
  res <- tryCatch(suppressMessages(suppressWarnings(f()),
                                   classes = "regineq_message"),
                  regineq_error = function(e) e,
                  error = function(e) {
                    structure(list(message = conditionMessage(e)),
                              class = "foreign_error")
                  })
  if (inherits(res, "regineq_error")) return("error")
  if (inherits(res, "foreign_error")) {
    fuzz_report(label, paste("unclassed error:", res$message))
    return("bad")
  }
  # results that return the input data are checked on their own columns
  ok <- (!clean || fuzz_clean(res)) && isTRUE(check(res))
  if (!ok) fuzz_report(label, "result fails its check")
  if (ok) "ok" else "bad"
}

near <- function(a, b, tol = 1e-8) {
  all(is.na(a) == is.na(b)) &&
    all(abs(a - b)[!is.na(a)] <= tol * pmax(1, abs(b[!is.na(a)])))
}

# One round over every exported verb with one random panel.
fuzz_round <- function() {
  d <- fuzz_panel()
  spec <- data.frame(indicator = c("x1", "x2"),
                     direction = sample(c("+", "-"), 2, TRUE))
  out <- c(
    composite = fuzz_call("composite_index", function() {
      composite_index(d, spec, "id", "t", scope = sample(c("pooled", "time"), 1),
                      method = sample(c("topsis", "linear"), 1),
                      shift = sample(c(0, 1e-4), 1))
    }, function(r) {
      s <- r$scores$score
      by <- if (names(r$weights)[1] == "t") r$weights$t else
        rep(1, nrow(r$weights))
      tot <- tapply(r$weights$weight, by, sum)
      all(is.na(s) | (s >= 0 & s <= 1 + 1e-4 + 1e-12)) &&
        near(tot, rep(1, length(tot)))
    }),
    entropy = fuzz_call("entropy_weights", function() {
      entropy_weights(d, spec, "id", "t")
    }, function(r) all(r$entropy >= 0 & r$entropy <= 1)),
    gini = fuzz_call("gini", function() gini(d, "y", "g", "t"),
                     function(r) all(r$gini >= 0 & r$gini < 1)),
    theil = fuzz_call("theil", function() {
      theil(d, "y", "g", "t", type = sample(c("T", "L"), 1))
    }, function(r) {
      near(r$overall$within + r$overall$between, r$overall$theil)
    }),
    dagum = fuzz_call("dagum_gini", function() dagum_gini(d, "y", "g", "t"),
                      function(r) {
                        o <- r$overall
                        near(o$within + o$between + o$transvariation, o$gini) &&
                          all(r$between$D >= 0 & r$between$D <= 1)
                      }),
    sigma = fuzz_call("sigma_convergence", function() {
      sigma_convergence(d, "y", "t")
    }),
    # a weighted Gini comes arbitrarily close to 1 (a heavy row at 0 and a
    # light one above it), so it may round to 1
    gini_w = fuzz_call("gini", function() {
      gini(d, "y", "g", "t", population = "pop")
    }, function(r) all(r$gini >= 0 & r$gini <= 1)),
    dagum_w = fuzz_call("dagum_gini", function() {
      dagum_gini(d, "y", "g", "t", population = "pop")
    }, function(r) {
      o <- r$overall
      near(o$within + o$between + o$transvariation, o$gini) &&
        all(r$between$D >= 0 & r$between$D <= 1)
    }),
    sigma_w = fuzz_call("sigma_convergence", function() {
      sigma_convergence(d, "y", "t", population = "pop")
    }),
    ci = fuzz_call("disparity_ci", function() {
      pop <- if (stats::runif(1) < 0.5) "pop"
      x <- switch(sample(c("dagum", "theil", "sigma"), 1),
                  dagum = dagum_gini(d, "y", "g", "t", id = "id",
                                     population = pop),
                  theil = theil(d, "y", "g", "t", id = "id", population = pop),
                  sigma = sigma_convergence(d, "y", "t", id = "id",
                                            population = pop))
      disparity_ci(x, R = 9)
    }, function(r) {
      e <- r$estimates
      all(is.na(e$lower) | (e$lower <= e$upper + 1e-12)) &&
        all(is.na(e$se) | e$se >= 0)
    }, clean = FALSE),
    between = fuzz_call("between_test", function() {
      between_test(dagum_gini(d, "y", "g", "t", id = "id"), R = 9)
    }, function(r) all(r$p_value > 0 & r$p_value <= 1)),
    beta = fuzz_call("beta_convergence", function() {
      beta_convergence(d, "y", "id", "t", form = sample(c("cross_section",
                                                          "panel"), 1))
    }),
    density = fuzz_call("kernel_density", function() {
      kernel_density(d, "y", "t", n = 32)
    }, function(r) all(r$density >= 0)),
    coupling = fuzz_call("coupling_coordination", function() {
      coupling_coordination(d, c("u1", "u2"), method = sample(c("standard",
                                                                "wang"), 1))
    }, function(r) {
      fuzz_clean(r[c("C", "T", "D")]) &&
        all(r$C >= 0 & r$C <= 1 + 1e-12 & r$D >= 0 & r$D <= 1)
    }, clean = FALSE),
    typology = fuzz_call("rd_typology", function() {
      rd_typology(d, "x1", "x2")
    }, function(r) !anyNA(r$type), clean = FALSE),
    moran_global = fuzz_call("moran_global", function() {
      moran_global(d, "y", fuzz_weights(d$id), "id", "t",
                   nsim = sample(c(0, 19), 1))
    }, function(r) all(is.na(r$p_value) | (r$p_value >= 0 & r$p_value <= 1))),
    moran_local = fuzz_call("moran_local", function() {
      moran_local(d, "y", fuzz_weights(d$id), "id", "t",
                  nsim = sample(c(0, 19), 1))
    }, function(r) {
      iso <- r$cluster == "Isolated"
      all(is.na(r$z[iso])) && all(r$Ii[iso] == 0) &&
        all(is.na(r$p_value) | (r$p_value >= 0 & r$p_value <= 1))
    }),
    weights = {
      m <- fuzz_weights(d$id)
      fuzz_call("spatial_weights", function() spatial_weights(m), function(r) {
        # every class reads as the same links as the dense matrix
        s <- rowsum_check(r)
        dense <- spatial_weights(as.matrix(m) * 1)
        all(abs(s[s > 0] - 1) < 1e-12) && identical(r$col, dense$col) &&
          identical(r$rowptr, dense$rowptr)
      })
    },
    knn = fuzz_call("knn_weights", function() {
      knn_weights(cbind(fuzz_values(nrow(d)), fuzz_values(nrow(d))),
                  k = sample(1:3, 1), longlat = FALSE)
    })
  )
  out
}

rowsum_check <- function(w) {
  rows <- rep(seq_len(w$n), diff(w$rowptr))
  s <- numeric(w$n)
  if (length(rows)) s[sort(unique(rows))] <- rowsum(w$val, rows)[, 1]
  s
}
