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

# Dagum (1997) by the double-loop definition.
brute_dagum <- function(y, g) {
  lev <- unique(g)
  k <- length(lev)
  n <- length(y)
  mu <- mean(y)
  G <- sum(abs(outer(y, y, "-"))) / (2 * n^2 * mu)
  nj <- vapply(lev, function(l) sum(g == l), 1, USE.NAMES = FALSE)
  muj <- vapply(lev, function(l) mean(y[g == l]), 1, USE.NAMES = FALSE)
  pj <- nj / n
  sj <- nj * muj / (n * mu)
  Gjj <- sapply(lev, function(l) {
    v <- y[g == l]
    if (mean(v) == 0) 0 else
      sum(abs(outer(v, v, "-"))) / (2 * length(v)^2 * mean(v))
  }, USE.NAMES = FALSE)
  Gw <- sum(Gjj * pj * sj)
  Gnb <- Gt <- 0
  Gjh <- D <- numeric()
  for (j in seq_len(k - 1)) for (h in (j + 1):k) {
    a <- y[g == lev[j]]
    b <- y[g == lev[h]]
    diff <- outer(a, b, "-")
    gjh <- if (muj[j] + muj[h] == 0) 0 else
      sum(abs(diff)) / (length(a) * length(b) * (muj[j] + muj[h]))
    if (muj[j] >= muj[h]) {
      d <- sum(pmax(diff, 0))
      p <- sum(pmax(-diff, 0))
    } else {
      d <- sum(pmax(-diff, 0))
      p <- sum(pmax(diff, 0))
    }
    djh <- if (d + p > 0) (d - p) / (d + p) else 0
    w <- pj[j] * sj[h] + pj[h] * sj[j]
    Gnb <- Gnb + gjh * w * djh
    Gt <- Gt + gjh * w * (1 - djh)
    Gjh <- c(Gjh, gjh)
    D <- c(D, djh)
  }
  list(G = G, Gw = Gw, Gnb = Gnb, Gt = Gt, Gjj = unname(Gjj), Gjh = Gjh,
       D = D)
}

brute_theil <- function(y, g, type = "T") {
  mu <- mean(y)
  f <- if (type == "T") function(v) {
    q <- v / mean(v)
    mean(ifelse(q > 0, q * log(q), 0))
  } else function(v) mean(log(mean(v) / v))
  lev <- unique(g)
  Tg <- sapply(lev, function(l) f(y[g == l]))
  ng <- sapply(lev, function(l) sum(g == l))
  mg <- sapply(lev, function(l) mean(y[g == l]))
  if (type == "T") {
    s <- ng * mg / (length(y) * mu)
    w <- sum(s * Tg)
    b <- sum(s * log(mg / mu))
  } else {
    p <- ng / length(y)
    w <- sum(p * Tg)
    b <- sum(p * log(mu / mg))
  }
  list(total = f(y), within = w, between = b, groups = unname(Tg))
}
