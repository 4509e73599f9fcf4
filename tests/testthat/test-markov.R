# Markov chains: every matrix against a brute-force count over regions and
# periods written here, the ergodic quantities against their defining
# equations, and giddy's documented 5 x 3 example.

markov_panel <- function(n = 12, nt = 9, seed = 1) {
  set.seed(seed)
  ids <- paste0("c", seq_len(n))
  d <- expand.grid(id = ids, year = 2001:(2000 + nt),
                   stringsAsFactors = FALSE)
  d$y <- round(stats::rnorm(nrow(d)) + rep(seq_len(n) / 4, nt), 6)
  d
}

# Brute force: loop over regions and start periods.
brute_counts <- function(d, cls, K, k = 1, cond = NULL, L = 1) {
  out <- array(0, c(L, K, K))
  yrs <- sort(unique(d$year))
  for (r in unique(d$id)) for (a in seq_len(length(yrs) - k)) {
    i <- which(d$id == r & d$year == yrs[a])
    j <- which(d$id == r & d$year == yrs[a + k])
    if (length(i) != 1L || length(j) != 1L) next
    l <- if (is.null(cond)) 1 else cond[i]
    if (is.na(l)) next
    out[l, cls[i], cls[j]] <- out[l, cls[i], cls[j]] + 1
  }
  out
}

brute_quantile_class <- function(x, K) {
  b <- stats::quantile(x, (1:(K - 1)) / K, type = 7, names = FALSE)
  vapply(x, function(v) 1L + sum(v > b), 1L)
}

test_that("markov_classes: pooled, per-period and fixed right-closed classes", {
  d <- markov_panel()
  mc <- markov_classes(d, "y", "id", "year", classes = 4)
  expect_equal(as.integer(mc$class), brute_quantile_class(d$y, 4))
  mp <- markov_classes(d, "y", "id", "year", classes = 3,
                       method = "quantile_period")
  per <- ave(d$y, d$year, FUN = function(v) brute_quantile_class(v, 3))
  expect_equal(as.integer(mp$class), per)
  mb <- markov_classes(d, "y", "id", "year", method = "breaks",
                       breaks = c(0, 1, 2))
  expect_equal(as.integer(mb$class), 1L + (d$y > 0) + (d$y > 1) + (d$y > 2))
  # a value on a break belongs to the lower class (mapclassify)
  d$y[1] <- 1
  mb <- markov_classes(d, "y", "id", "year", method = "breaks",
                       breaks = c(0, 1, 2))
  expect_equal(as.integer(mb$class[1]), 2L)
})

test_that("markov_chain counts k-period transitions like a brute-force loop", {
  d <- markov_panel()
  d <- d[-c(5, 30, 31), ] # unbalanced: those region-periods are missing
  cls <- brute_quantile_class(d$y, 4)
  for (k in 1:3) {
    m <- markov_chain(d, "y", "id", "year", classes = 4, k = k)
    b <- brute_counts(d, cls, 4, k)[1, , ]
    expect_equal(unname(m$counts), b)
    expect_equal(unname(m$probabilities), b / rowSums(b))
    expect_equal(m$transitions$count, as.vector(t(b)))
    expect_equal(m$summary$n, rowSums(b))
  }
})

test_that("markov_chain reproduces giddy's documented 5 x 3 example", {
  # giddy.markov.Markov docstring: regions a..e over 3 periods
  cc <- rbind(c("b", "a", "c"), c("c", "c", "a"), c("c", "b", "c"),
              c("a", "a", "b"), c("a", "b", "c"))
  d <- data.frame(id = rep(1:5, 3), t = rep(1:3, each = 5),
                  s = as.vector(cc), stringsAsFactors = FALSE)
  m <- markov_chain(d, "s", "id", "t")
  P <- rbind(c(1 / 4, 1 / 2, 1 / 4), c(1 / 3, 0, 2 / 3), c(1 / 3, 1 / 3, 1 / 3))
  expect_equal(unname(m$probabilities), P)
  # giddy: 0.30769231 0.28846154 0.40384615, i.e. (16, 15, 21) / 52
  expect_equal(m$summary$steady_state, c(16, 15, 21) / 52)
  expect_equal(m$summary$sojourn, 1 / (1 - diag(P)))
})

test_that("steady state, passage and sojourn times satisfy their definitions", {
  d <- markov_panel(n = 30, nt = 12, seed = 3)
  m <- markov_chain(d, "y", "id", "year", classes = 4)
  P <- unname(m$probabilities)
  pi <- m$summary$steady_state
  Pn <- diag(4)
  for (i in 1:2000) Pn <- Pn %*% P
  expect_equal(pi, Pn[1, ], tolerance = 1e-10)
  expect_equal(drop(pi %*% P), pi)
  expect_equal(sum(pi), 1)
  M <- unname(m$passage)
  # m_ij = 1 + sum_{l != j} p_il m_lj, m_jj = 1 / pi_j
  for (i in 1:4) for (j in 1:4) {
    lhs <- 1 + sum(P[i, -j] * M[-j, j])
    expect_equal(M[i, j], lhs, tolerance = 1e-10)
  }
  expect_equal(diag(M), 1 / pi)
  expect_equal(m$summary$sojourn, 1 / (1 - diag(P)))
})

test_that("markov_chain: an empty class gives an NA row and a warning", {
  d <- markov_panel()
  # class 4 (y > 50) is never reached
  expect_warning(m <- markov_chain(d, "y", "id", "year", method = "breaks",
                                   breaks = c(0, 1, 50)),
                 class = "regineq_warning_empty_class")
  expect_true(all(is.na(m$probabilities[4, ])))
  expect_false(any(is.nan(unlist(m$summary[-1]))))
  expect_true(is.na(m$summary$sojourn[4]))
  expect_true(is.na(m$summary$steady_state[4]))
  expect_equal(sum(m$summary$steady_state[1:3]), 1)
  # a class entered but never left: NA steady state with a warning
  d2 <- data.frame(id = rep(1:3, 2), t = rep(1:2, each = 3),
                   s = c("a", "b", "a", "b", "a", "c"))
  expect_warning(expect_warning(m2 <- markov_chain(d2, "s", "id", "t"),
                                class = "regineq_warning_empty_class"),
                 class = "regineq_warning_reducible")
  expect_true(all(is.na(m2$summary$steady_state)))
})

test_that("spatial_markov matches a brute-force conditional count and tests", {
  m <- grid_weights(3, 4)
  W <- m / rowSums(m)
  d <- markov_panel(n = 12, nt = 10, seed = 7)
  d$id <- rownames(m)[match(d$id, paste0("c", 1:12))]
  sm <- spatial_markov(d, "y", "id", "year", m, classes = 3)
  cls <- brute_quantile_class(d$y, 3)
  lag <- numeric(nrow(d))
  for (r in seq_len(nrow(d))) {
    s <- d$year == d$year[r]
    lag[r] <- sum(W[d$id[r], d$id[s]] * d$y[s])
  }
  expect_equal(sm$classes$lag, lag)
  lcls <- brute_quantile_class(lag, 3)
  b <- brute_counts(d, cls, 3, 1, lcls, 3)
  for (l in 1:3) expect_equal(unname(sm$conditional[[l]]$counts), b[l, , ])
  pooled <- apply(b, c(2, 3), sum)
  expect_equal(unname(sm$pooled$counts), pooled)
  # Bickenbach-Bode Q and LR by loops over lag classes and cells
  pij <- pooled / rowSums(pooled)
  Q <- 0
  LR <- 0
  for (l in 1:3) for (i in 1:3) {
    ni <- sum(b[l, i, ])
    if (ni == 0) next
    for (j in 1:3) {
      if (pij[i, j] > 0) Q <- Q + ni * (b[l, i, j] / ni - pij[i, j])^2 / pij[i, j]
      if (b[l, i, j] > 0) LR <- LR + 2 * b[l, i, j] * log(b[l, i, j] / ni / pij[i, j])
    }
  }
  df <- 0
  for (i in 1:3) {
    df <- df + (sum(pooled[i, ] > 0) - 1) * (sum(apply(b[, i, , drop = FALSE], 1, sum) > 0) - 1)
  }
  h <- sm$homogeneity
  expect_equal(h$statistic, c(Q, LR))
  expect_equal(h$df, c(df, df))
  expect_equal(h$p_value, pchisq(c(Q, LR), df, lower.tail = FALSE))
  # lag classes by the value's breaks (Rey 2001) and fixed lag breaks
  sm2 <- spatial_markov(d, "y", "id", "year", m, classes = 3,
                        lag_classes = "value")
  br <- stats::quantile(d$y, 1:2 / 3, type = 7, names = FALSE)
  expect_equal(as.integer(sm2$classes$lag_class), 1L + (lag > br[1]) + (lag > br[2]))
  sm3 <- spatial_markov(d, "y", "id", "year", m, classes = 3,
                        lag_classes = "breaks", lag_breaks = 1.5)
  expect_equal(as.integer(sm3$classes$lag_class), 1L + (lag > 1.5))
  expect_length(sm3$conditional, 2L)
})

test_that("homogeneity: identical conditional matrices give Q = LR = 0", {
  # two lag classes with proportional counts: no heterogeneity
  A <- matrix(c(8, 2, 0, 1, 6, 1, 0, 3, 9), 3, byrow = TRUE)
  h <- regineq:::homogeneity_tests(list(A, 2 * A))
  expect_equal(h$statistic, c(0, 0))
  # df: rows have 2, 3, 2 positive cells, both classes present: 1 + 2 + 1
  expect_equal(h$df, c(4, 4))
  # a row present in one class only adds nothing to df
  B <- A
  B[1, ] <- 0
  expect_equal(regineq:::homogeneity_tests(list(A, B))$df[1], 3)
})

test_that("lisa_markov quadrants and counts match a brute-force loop", {
  m <- grid_weights(3, 4)
  W <- m / rowSums(m)
  d <- markov_panel(n = 12, nt = 8, seed = 11)
  d$id <- rownames(m)[match(d$id, paste0("c", 1:12))]
  lm <- lisa_markov(d, "y", "id", "year", m)
  q <- integer(nrow(d))
  for (r in seq_len(nrow(d))) {
    s <- d$year == d$year[r]
    z <- d$y[s] - mean(d$y[s])
    names(z) <- d$id[s]
    zi <- d$y[r] - mean(d$y[s])
    lz <- sum(W[d$id[r], names(z)] * z)
    q[r] <- if (zi > 0 && lz > 0) 1L else if (zi <= 0 && lz > 0) 2L else
      if (zi <= 0) 3L else 4L
  }
  expect_equal(as.integer(lm$classes$class), q)
  expect_equal(levels(lm$classes$class), c("HH", "LH", "LL", "HL"))
  b <- brute_counts(d, q, 4)[1, , ]
  expect_equal(unname(lm$counts), b)
  # z exactly 0 (a value at its period's mean) is Low, as in esda (z > 0)
  set.seed(4)
  v <- c(-5, -3, -1, 0, 0, 1, 3, 5, 2, -2, 4, -4)
  d0 <- data.frame(id = rep(rownames(m), 3), year = rep(1:3, each = 12),
                   y = c(v, sample(v), sample(v)))
  l0 <- lisa_markov(d0, "y", "id", "year", m)
  zero <- d0$y == 0
  expect_true(all(l0$classes$class[zero] %in% c("LH", "LL")))
  expect_equal(as.character(l0$classes$class[zero]),
               ifelse(l0$classes$lag[zero] > 0, "LH", "LL"))
})

test_that("spatial verbs leave islands out with a warning", {
  m <- grid_weights(3, 4)
  m["c1", ] <- 0
  m[, "c1"] <- 0
  d <- markov_panel(n = 12, nt = 5, seed = 2)
  expect_warning(sm <- spatial_markov(d, "y", "id", "year", m, classes = 2),
                 class = "regineq_warning_islands")
  expect_equal(sum(sm$pooled$counts), 11 * 4)
  expect_warning(lm <- lisa_markov(d, "y", "id", "year", m),
                 class = "regineq_warning_islands")
  expect_equal(sum(lm$counts), 11 * 4)
})

test_that("markov verbs refuse bad input with classed errors", {
  d <- markov_panel(nt = 3)
  expect_error(markov_chain(d, "y", "id", "year", k = 3),
               class = "regineq_error_value")
  expect_error(markov_chain(d, "y", "id", "year", classes = 1),
               class = "regineq_error_value")
  expect_error(markov_chain(d, "y", "id", "year", method = "breaks"),
               class = "regineq_error_missing")
  expect_error(markov_chain(d, "y", "id", "year", method = "breaks",
                            breaks = c(1, 0)), class = "regineq_error_value")
  expect_error(markov_chain(d, "y", "id", "year", breaks = 1),
               class = "regineq_error_argument")
  d2 <- d
  d2$y[4] <- NA
  expect_error(markov_chain(d2, "y", "id", "year"),
               class = "regineq_error_missing")
  m <- grid_weights(3, 4)
  expect_error(spatial_markov(d[-1, ], "y", "id", "year", m),
               class = "regineq_error_missing")
  expect_error(spatial_markov(d, "y", "id", "year", m,
                              method = "quantile_period",
                              lag_classes = "value"),
               class = "regineq_error_argument")
  expect_error(spatial_markov(d, "y", "id", "year", m[-1, -1]),
               class = "regineq_error_value")
})

test_that("markov error texts", {
  d <- markov_panel(nt = 3)
  expect_snapshot(error = TRUE, markov_chain(d, "y", "id", "year", k = 3))
  expect_snapshot(error = TRUE, markov_chain(d, "y", "id", "year",
                                             method = "breaks",
                                             breaks = c(0, 2, 1)))
  expect_snapshot(error = TRUE, spatial_markov(d[-1, ], "y", "id", "year",
                                               grid_weights(3, 4)))
})

test_that("plot draws the matrices it was given", {
  d <- markov_panel()
  m <- markov_chain(d, "y", "id", "year", classes = 3)
  pdf(NULL)
  on.exit(dev.off())
  p <- plot(m)
  expect_equal(p$value, as.vector(t(m$probabilities)))
  p2 <- plot(m, which = "count")
  expect_equal(p2$value, as.vector(t(m$counts)))
  expect_equal(p$n, unname(rep(rowSums(m$counts), each = 3)))
  sm <- spatial_markov(d, "y", "id", "year", grid_weights(3, 4), classes = 2)
  p3 <- plot(sm, pooled = TRUE)
  expect_equal(unique(p3$panel), c("Lag class 1", "Lag class 2", "Pooled"))
  expect_equal(p3$value[p3$panel == "Pooled"],
               as.vector(t(sm$pooled$probabilities)))
  expect_equal(p3$n[p3$panel == "Lag class 2"],
               unname(rep(rowSums(sm$conditional[[2]]$counts), each = 2)))
  # titles say what is drawn, of which value and over how many periods
  expect_equal(attr(p2, "figure")$main,
               "Markov transition counts of y, 1-period transitions")
  m2 <- markov_chain(d, "y", "id", "year", classes = 3, k = 2)
  expect_match(attr(plot(m2), "figure")$main, "2-period transitions")
  # in Chinese: title, panels and axes
  withr::local_options(regineq.cjk_font = TRUE)
  withr::local_png(tempfile(fileext = ".png"))
  z <- plot(sm, lang = "zh")
  fz <- attr(z, "figure")
  expect_equal(fz$main, "\u7a7a\u95f4\u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6982\u7387\uff1ay\uff0c1 \u671f\u8f6c\u79fb")
  expect_equal(unique(z$panel), c("\u90bb\u57df\u7c7b\u578b 1",
                                  "\u90bb\u57df\u7c7b\u578b 2"))
  expect_equal(fz$xlab, "\u671f\u672b\u7c7b\u578b")
})
