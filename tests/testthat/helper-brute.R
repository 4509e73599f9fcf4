# Independent brute-force versions of the package's formulas, written from the
# papers' equations with plain loops, to check the C kernels against.

brute_entropy_topsis <- function(x, dir, shift, scope_rows, weights = NULL,
                                 method = "topsis") {
  # x: matrix rows = observations; scope_rows: list of row index vectors
  n <- nrow(x)
  p <- ncol(x)
  score <- dplus <- dminus <- rep(NA_real_, n)
  W <- E <- matrix(NA_real_, p, length(scope_rows))
  for (s in seq_along(scope_rows)) {
    r <- scope_rows[[s]]
    m <- length(r)
    v <- matrix(0, m, p)
    for (j in seq_len(p)) {
      lo <- min(x[r, j])
      hi <- max(x[r, j])
      for (i in seq_len(m)) {
        u <- if (hi > lo) {
          if (dir[j] > 0) (x[r[i], j] - lo) / (hi - lo) else
            (hi - x[r[i], j]) / (hi - lo)
        } else 0
        v[i, j] <- u + shift
      }
    }
    e <- numeric(p)
    for (j in seq_len(p)) {
      tot <- sum(v[, j])
      h <- 0
      for (i in seq_len(m)) {
        q <- if (tot > 0) v[i, j] / tot else 1 / m
        if (q > 0) h <- h + q * log(q)
      }
      e[j] <- if (tot > 0 && max(x[r, j]) > min(x[r, j])) -h / log(m) else 1
    }
    w <- if (is.null(weights)) (1 - e) / sum(1 - e) else weights / sum(weights)
    W[, s] <- w
    E[, s] <- e
    z <- sweep(v, 2, w, `*`)
    zp <- apply(z, 2, max)
    zm <- apply(z, 2, min)
    for (i in seq_len(m)) {
      dp <- sqrt(sum((z[i, ] - zp)^2))
      dm <- sqrt(sum((z[i, ] - zm)^2))
      dplus[r[i]] <- dp
      dminus[r[i]] <- dm
      score[r[i]] <- if (method == "topsis") dm / (dp + dm) else sum(z[i, ])
    }
  }
  list(score = score, d_plus = dplus, d_minus = dminus, weight = W,
       entropy = E)
}

# A small random indicator panel with ties, zeros and a negative indicator.
make_panel <- function(n_id = 6, n_t = 4, p = 4, seed = 1) {
  set.seed(seed)
  d <- expand.grid(id = paste0("r", seq_len(n_id)), year = 2000 + seq_len(n_t),
                   stringsAsFactors = FALSE)
  for (j in seq_len(p)) d[[paste0("x", j)]] <- round(stats::rexp(nrow(d)), 2)
  d$x1[c(2, 5)] <- 0
  d
}

make_spec <- function(p = 4) {
  data.frame(indicator = paste0("x", seq_len(p)),
             direction = rep(c("+", "-"), length.out = p),
             dimension = rep(c("a", "b"), each = ceiling(p / 2))[seq_len(p)],
             stringsAsFactors = FALSE)
}
