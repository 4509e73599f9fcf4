# Population-weighted measures by their O(n^2) definitions, with plain loops
# over groups and outer() over pairs, to check the weighted kernel against.
# Population shares p_i = w_i / sum(w); rows of weight 0 take no part.

bw_gini <- function(y, w) {
  p <- w / sum(w)
  mu <- sum(p * y)
  sum(outer(p, p) * abs(outer(y, y, "-"))) / (2 * mu)
}

# 0 ln 0 = 0
bw_xlogx <- function(r) ifelse(r > 0, r * log(r), 0)

bw_theil_t <- function(y, w) {
  p <- w / sum(w)
  mu <- sum(p * y)
  sum(p * bw_xlogx(y / mu))
}

bw_theil_l <- function(y, w) {
  p <- w / sum(w)
  mu <- sum(p * y)
  sum(p * log(mu / y))
}

# The rows of positive weight and their groups: shares p, mean mu, group
# levels lev (in the order `levels_of` gives), group population shares P,
# means m and income shares s.
bw_groups <- function(y, w, g, levels_of) {
  keep <- w > 0
  y <- y[keep]
  w <- w[keep]
  g <- g[keep]
  p <- w / sum(w)
  mu <- sum(p * y)
  lev <- levels_of(g)
  P <- vapply(lev, function(l) sum(p[g == l]), 1)
  m <- vapply(lev, function(l) sum(p[g == l] * y[g == l]) / P[[l]], 1)
  list(y = y, w = w, g = g, p = p, mu = mu, lev = lev, P = P, m = m,
       s = P * m / mu)
}

# Quiet about the unbalanced subsets the tests build on purpose.
quietly <- function(f) {
  force(f)
  function(...) suppressMessages(f(...),
                                 classes = "regineq_message_unbalanced")
}

# Theil T and L with the within/between parts over the groups g.
bw_theil <- function(y, w, g) {
  b <- bw_groups(y, w, g, unique)
  list2env(b, environment()) # y, w, g, p, mu, lev, P, m, s
  tg <- vapply(lev, function(l) bw_theil_t(y[g == l], w[g == l]), 1)
  out <- list(t = bw_theil_t(y, w), t_within = sum(s * tg),
              t_between = sum(s * log(m / mu)), t_groups = tg,
              population = vapply(lev, function(l) sum(w[g == l]), 1),
              n = vapply(lev, function(l) sum(g == l), 1), mean = m)
  if (all(y > 0)) {
    lg <- vapply(lev, function(l) bw_theil_l(y[g == l], w[g == l]), 1)
    out$l <- bw_theil_l(y, w)
    out$l_within <- sum(P * lg)
    out$l_between <- sum(P * log(mu / m))
    out$l_groups <- lg
  }
  out
}

# Dagum (1997) in its population-weighted form: f_i = p_i, F_j = P_j.
bw_dagum <- function(y, w, g) {
  b <- bw_groups(y, w, g, function(x) sort(unique(x)))
  list2env(b, environment()) # y, w, g, p, mu, lev, P, m, s
  k <- length(lev)
  pair_sum <- function(a, b, f) {
    ia <- g == lev[a]
    ib <- g == lev[b]
    sum(outer(p[ia], p[ib]) * f(outer(y[ia], y[ib], "-")))
  }
  gjj <- vapply(seq_len(k), function(j) {
    pair_sum(j, j, abs) / (2 * P[j]^2 * m[j])
  }, 1)
  pairs <- utils::combn(k, 2L)
  gjh <- D <- numeric(ncol(pairs))
  for (q in seq_len(ncol(pairs))) {
    j <- pairs[1, q]
    h <- pairs[2, q]
    gjh[q] <- pair_sum(j, h, abs) / (P[j] * P[h] * (m[j] + m[h]))
    rich <- if (m[j] >= m[h]) c(j, h) else c(h, j)
    d <- pair_sum(rich[1], rich[2], function(x) pmax(x, 0))
    pp <- pair_sum(rich[1], rich[2], function(x) pmax(-x, 0))
    D[q] <- if (d + pp > 0) (d - pp) / (d + pp) else 0
  }
  wt <- P[pairs[1, ]] * s[pairs[2, ]] + P[pairs[2, ]] * s[pairs[1, ]]
  list(gini = bw_gini(y, w), within = sum(gjj * P * s),
       between = sum(gjh * wt * D), transvariation = sum(gjh * wt * (1 - D)),
       gjj = gjj, gjh = gjh, D = D, group_1 = lev[pairs[1, ]],
       group_2 = lev[pairs[2, ]], groups = lev,
       population = vapply(lev, function(l) sum(w[g == l]), 1),
       n = vapply(lev, function(l) sum(g == l), 1), mean = m)
}

# The columns of sigma_convergence() with population, by definition.
bw_sigma <- function(y, w) {
  keep <- w > 0
  y <- y[keep]
  w <- w[keep]
  p <- w / sum(w)
  mu <- sum(p * y)
  sd <- sqrt(sum(p * (y - mu)^2))
  ly <- log(y)
  sd_u <- sqrt(mean((y - mean(y))^2))
  c(n = length(y), population = sum(w), mean = mu, sd = sd,
    cv = sd_u / mean(y), williamson = sd / mu,
    sigma = sqrt(sum(p * (ly - sum(p * ly))^2)), theil = bw_theil_t(y, w),
    gini = bw_gini(y, w))
}

# A random panel: 3 periods of 25 rows, groups a-d of unequal sizes (group
# d has one member in period 2), values rounded so that ties occur within and across
# groups, and weights `pop` spread over two orders of magnitude.
make_wpanel <- function(seed = 1, zeros = FALSE) {
  set.seed(seed)
  rows <- lapply(1:3, function(t) {
    g <- c(rep("a", if (t == 2) 10 else 7), rep("b", 5), rep("c", 9),
           rep("d", if (t == 2) 1 else 4))
    data.frame(t = t, g = g, y = round(stats::rexp(length(g)) * 4, 1) + 0.1,
               pop = round(10^stats::runif(length(g), 0, 2), 3),
               stringsAsFactors = FALSE)
  })
  d <- do.call(rbind, rows)
  d$y[c(3, 30)] <- d$y[c(15, 50)] # ties across groups
  if (zeros) d$y[c(2, 26, 40)] <- 0
  d$id <- paste0("r", ave(seq_len(nrow(d)), d$t, FUN = seq_along))
  d
}
