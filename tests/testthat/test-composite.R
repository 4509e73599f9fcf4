test_that("pooled and time-scope TOPSIS and linear scores equal the brute force", {
  d <- make_panel()
  spec <- make_spec()
  x <- as.matrix(d[spec$indicator])
  dir <- ifelse(spec$direction == "+", 1, -1)
  for (scope in c("pooled", "time")) {
    rows <- if (scope == "pooled") list(seq_len(nrow(d))) else
      split(seq_len(nrow(d)), d$year)
    for (shift in c(0, 1e-4)) {
      for (method in c("topsis", "linear")) {
        idx <- composite_index(d, spec, "id", "year", method = method,
                               scope = scope, shift = shift)
        ref <- brute_entropy_topsis(x, dir, shift, rows, method = method)
        expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
        expect_equal(idx$weights$weight, as.vector(ref$weight),
                     tolerance = 1e-12)
        expect_equal(idx$weights$entropy, as.vector(ref$entropy),
                     tolerance = 1e-12)
        if (method == "topsis") {
          expect_equal(idx$scores$d_plus, ref$d_plus, tolerance = 1e-12)
          expect_equal(idx$scores$d_minus, ref$d_minus, tolerance = 1e-12)
        }
      }
    }
  }
})

test_that("dimension scores use the dimension's renormalised weights", {
  d <- make_panel(p = 5)
  spec <- make_spec(5)
  x <- as.matrix(d[spec$indicator])
  dir <- ifelse(spec$direction == "+", 1, -1)
  for (method in c("topsis", "linear")) {
    idx <- composite_index(d, spec, "id", "year", method = method)
    w <- idx$weights$weight
    for (dim in c("a", "b")) {
      j <- spec$dimension == dim
      ref <- brute_entropy_topsis(x[, j, drop = FALSE], dir[j], 1e-4,
                                  list(seq_len(nrow(d))), weights = w[j],
                                  method = method)
      expect_equal(idx$scores[[dim]], ref$score, tolerance = 1e-12)
    }
  }
})

test_that("entropy_weights() equals the weights inside composite_index()", {
  d <- make_panel()
  spec <- make_spec()
  w <- entropy_weights(d, spec, "id", "year")
  idx <- composite_index(d, spec, "id", "year")
  expect_named(w, c("indicator", "direction", "dimension", "entropy", "weight"))
  expect_equal(w, idx$weights)
  expect_equal(sum(w$weight), 1)
  wt <- entropy_weights(d, spec, "id", "year", scope = "time")
  expect_named(wt, c("year", "indicator", "direction", "dimension", "entropy",
                     "weight"))
  expect_equal(as.vector(tapply(wt$weight, wt$year, sum)), rep(1, 4))
})

test_that("fixed weights bypass entropy and are rescaled to sum to one", {
  d <- make_panel()
  spec <- make_spec()
  x <- as.matrix(d[spec$indicator])
  dir <- ifelse(spec$direction == "+", 1, -1)
  fw <- c(x1 = 2, x2 = 1, x3 = 1, x4 = 0)
  idx <- composite_index(d, spec, "id", "year", weights = fw)
  ref <- brute_entropy_topsis(x, dir, 1e-4, list(seq_len(nrow(d))),
                              weights = fw)
  expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
  expect_equal(idx$weights$weight, c(0.5, 0.25, 0.25, 0))
  expect_true(all(is.na(idx$weights$entropy)))
  expect_identical(idx$conventions$weights, "fixed")
  spec$weight <- c(2, 1, 1, 0)
  expect_equal(composite_index(d, spec, "id", "year")$scores, idx$scores)
})

test_that("scores are invariant to row order and to rescaling an indicator", {
  d <- make_panel()
  spec <- make_spec()
  idx <- composite_index(d, spec, "id", "year")
  set.seed(3)
  o <- sample(nrow(d))
  idx2 <- composite_index(d[o, ], spec, "id", "year")
  expect_equal(idx2$scores$score, idx$scores$score[o], tolerance = 1e-14)
  d3 <- d
  d3$x2 <- d3$x2 * 1000 + 5
  idx3 <- composite_index(d3, spec, "id", "year")
  expect_equal(idx3$scores$score, idx$scores$score, tolerance = 1e-12)
})

test_that("a negative indicator is the mirror of a positive one", {
  d <- make_panel()
  spec <- make_spec()
  d2 <- d
  d2$x2 <- -d2$x2
  spec2 <- spec
  spec2$direction[2] <- "+"
  expect_equal(composite_index(d2, spec2, "id", "year")$scores$score,
               composite_index(d, spec, "id", "year")$scores$score,
               tolerance = 1e-12)
})

test_that("a constant indicator gets weight 0 with a warning naming it", {
  d <- make_panel()
  d$x3 <- 7
  spec <- make_spec()
  expect_warning(idx <- composite_index(d, spec, "id", "year"),
                 class = "regineq_warning_constant", regexp = "`x3`")
  expect_equal(idx$weights$weight[3], 0)
  expect_equal(idx$weights$entropy[3], 1)
  d$x1 <- d$x2 <- d$x4 <- 1
  expect_error(suppressWarnings(composite_index(d, spec, "id", "year")),
               class = "regineq_error_constant")
})

test_that("all regions tied in a period is an error in time scope", {
  d <- make_panel()
  d[d$year == 2002, c("x1", "x2", "x3", "x4")] <- 1
  expect_error(suppressWarnings(
    composite_index(d, make_spec(), "id", "year", scope = "time")),
    class = "regineq_error_constant", regexp = "2002")
})

test_that("interior gaps are interpolated and reported; edges are errors", {
  d <- make_panel()
  spec <- make_spec()
  r <- which(d$id == "r2" & d$year == 2002)
  full <- d
  full$x2[r] <- mean(d$x2[d$id == "r2" & d$year %in% c(2001, 2003)])
  d$x2[r] <- NA
  expect_error(composite_index(d, spec, "id", "year"),
               class = "regineq_error_missing",
               regexp = "column `x2` has NA in row 8 \\(r2 2002\\)")
  idx <- composite_index(d, spec, "id", "year", na = "interpolate")
  expect_equal(idx$scores, composite_index(full, spec, "id", "year")$scores)
  expect_equal(idx$conventions$interpolated$row, r)
  expect_equal(idx$conventions$interpolated$value, full$x2[r])
  d$x3[d$id == "r1" & d$year == 2001] <- NA
  expect_error(composite_index(d, spec, "id", "year", na = "interpolate"),
               class = "regineq_error_missing",
               regexp = "column `x3` is NA at the start or end.*r1 2001")
})

test_that("as.data.frame() gives id, time, score, distances, dimensions", {
  d <- make_panel()
  idx <- composite_index(d, make_spec(), "id", "year")
  expect_named(as.data.frame(idx), c("id", "year", "score", "d_plus",
                                     "d_minus", "a", "b"))
  lin <- composite_index(d, make_spec(), "id", "year", method = "linear")
  expect_named(as.data.frame(lin), c("id", "year", "score", "a", "b"))
  expect_true(all(idx$scores$score >= 0 & idx$scores$score <= 1))
  expect_output(print(idx), "TOPSIS, pooled scope, entropy weights")
  expect_equal(nrow(summary(idx)), 4L)
})

test_that("bad input gets errors naming the argument, column and rows", {
  d <- make_panel()
  spec <- make_spec()
  expect_error(composite_index(as.list(d), spec, "id", "year"),
               class = "regineq_error_type", regexp = "`data` must be a data frame")
  expect_error(composite_index(d, spec, "idd", "year"),
               class = "regineq_error_column", regexp = "no column `idd`")
  expect_error(composite_index(d, spec, "id", "yr"),
               class = "regineq_error_column", regexp = "`time`.*no column `yr`")
  spec_bad <- spec
  spec_bad$indicator[2] <- "zz"
  expect_error(composite_index(d, spec_bad, "id", "year"),
               class = "regineq_error_column", regexp = "`zz` is missing")
  d2 <- d
  d2$x1 <- as.character(d2$x1)
  expect_error(composite_index(d2, spec, "id", "year"),
               class = "regineq_error_type", regexp = "column `x1` is a character")
  d2 <- d
  d2$x3[5] <- Inf
  expect_error(composite_index(d2, spec, "id", "year", na = "interpolate"),
               class = "regineq_error_missing", regexp = "column `x3` has Inf in row 5 \\(r5 2001\\)")
  d2 <- d
  d2$x3[5] <- NaN
  expect_error(composite_index(d2, spec, "id", "year"),
               class = "regineq_error_missing", regexp = "column `x3` has NA in row 5")
  d2 <- rbind(d, d[3, ])
  expect_error(composite_index(d2, spec, "id", "year"),
               class = "regineq_error_duplicate", regexp = "`r3 2001` appears in rows 3, 25")
  spec_bad <- spec
  spec_bad$direction[3] <- "up"
  expect_error(composite_index(d, spec_bad, "id", "year"),
               class = "regineq_error_value", regexp = "unknown direction \"up\" for `x3`")
  spec_bad <- rbind(spec, spec[1, ])
  expect_error(composite_index(d, spec_bad, "id", "year"),
               class = "regineq_error_duplicate", regexp = "`x1` appears more than once")
  expect_error(composite_index(d, spec, "id", "year", method = "vikor"),
               class = "regineq_error_value", regexp = "`method` must be one of")
  expect_error(composite_index(d, spec, "id", "year", scope = "region"),
               class = "regineq_error_value", regexp = "`scope` must be one of")
  expect_error(composite_index(d, spec, "id", "year", shift = -1),
               class = "regineq_error_value", regexp = "`shift` must be a finite number >= 0")
  expect_error(composite_index(d[1, ], spec, "id", "year"),
               class = "regineq_error_size", regexp = "at least 2 rows")
  expect_error(composite_index(d, spec, "id", "year", weights = c(x1 = 1)),
               class = "regineq_error_value", regexp = "no weight for `x2`")
  expect_error(composite_index(d, spec, "id", "year",
                               weights = c(x1 = -1, x2 = 1, x3 = 1, x4 = 1)),
               class = "regineq_error_value", regexp = "non-negative: `x1`")
  d2 <- d
  d2$id[4] <- NA
  expect_error(composite_index(d2, spec, "id", "year"),
               class = "regineq_error_missing", regexp = "column `id` has NA in row 4")
  d2 <- d[d$year != 2003 | d$id == "r1", ]
  expect_error(suppressMessages(
    composite_index(d2, spec, "id", "year", scope = "time"),
    classes = "regineq_message_unbalanced"),
    class = "regineq_error_size", regexp = "period `2003` has one")
})

test_that("spec directions accept the usual spellings", {
  s <- indicator_spec(paste0("x", 1:8),
                      c("+", "positive", "1", "\u6b63", "-", "Negative", "-1",
                        "\u8d1f"))
  expect_equal(s$direction, rep(c("+", "-"), each = 4))
  s2 <- indicator_spec("a", 1)
  expect_equal(s2$direction, "+")
  expect_error(indicator_spec(character(), character()),
               class = "regineq_error_size")
})

test_that("a constant indicator adds nothing to TOPSIS under fixed weights", {
  d <- data.frame(id = letters[1:5], a = c(1, 4, 2, 8, 5), b = c(3, 1, 4, 1, 5),
                  k = 7)
  s3 <- indicator_spec(c("a", "b", "k"), "+", weight = c(1, 1, 1))
  s2 <- indicator_spec(c("a", "b"), "+", weight = c(1, 1))
  expect_warning(i3 <- composite_index(d, s3, "id", NULL),
                 class = "regineq_warning_constant",
                 regexp = "`k` carries no information under fixed weights")
  i2 <- composite_index(d, s2, "id", NULL)
  # row 1: u = (0, 1/2), so d+ = w sqrt(5) / 2, d- = w / 2
  expect_equal(i3$scores$score[1], 1 / (1 + sqrt(5)), tolerance = 1e-14)
  expect_equal(i3$scores$score, i2$scores$score, tolerance = 1e-14)
  x <- as.matrix(d[c("a", "b", "k")])
  for (method in c("topsis", "linear")) {
    idx <- suppressWarnings(composite_index(d, s3, "id", NULL, method = method))
    ref <- brute_entropy_topsis(x, c(1, 1, 1), 1e-4, list(1:5),
                                weights = c(1, 1, 1), method = method)
    expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
    if (method == "topsis") {
      expect_equal(idx$scores$d_plus, ref$d_plus, tolerance = 1e-12)
      expect_equal(idx$scores$d_minus, ref$d_minus, tolerance = 1e-12)
    }
  }
  # the same through `weights =`, and for a dimension score: dimension "x"
  # holds `a` and the constant `k`, so its closeness is that of `a` alone,
  # u_a = (a - 1) / 7
  s3$dimension <- c("x", "y", "x")
  s3$weight <- NULL
  expect_warning(idx <- composite_index(d, s3, "id", NULL,
                                        weights = c(a = 2, b = 1, k = 5)),
                 class = "regineq_warning_constant", regexp = "`k`")
  expect_equal(idx$scores$x, (d$a - 1) / 7, tolerance = 1e-14)
  expect_equal(idx$scores$y, (d$b - 1) / 4, tolerance = 1e-14)
  ref <- brute_entropy_topsis(x, c(1, 1, 1), 1e-4, list(1:5),
                              weights = c(2, 1, 5))
  expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
})

test_that("a constant indicator in one period of the time scope is named", {
  d <- make_panel(p = 3)
  d$x3[d$year == 2002] <- 4
  spec <- make_spec(3)
  spec$dimension <- c("a", "b", "b")
  spec$weight <- c(1, 2, 3)
  x <- as.matrix(d[spec$indicator])
  dir <- ifelse(spec$direction == "+", 1, -1)
  expect_warning(idx <- composite_index(d, spec, "id", "year", scope = "time"),
                 class = "regineq_warning_constant", regexp = "`x3` \\(2002\\)")
  ref <- brute_entropy_topsis(x, dir, 1e-4, split(seq_len(nrow(d)), d$year),
                              weights = spec$weight)
  expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
  expect_equal(idx$scores$d_plus, ref$d_plus, tolerance = 1e-12)
  # in 2002 the scores are those of x1 and x2 alone
  y2 <- d$year == 2002
  sub <- composite_index(d[y2, ], spec[1:2, ], "id", "year")
  expect_equal(idx$scores$score[y2], sub$scores$score, tolerance = 1e-14)
  # pooled, x3 varies: no warning
  expect_no_warning(composite_index(d, spec, "id", "year"))
  # a weight of 0 on the constant indicator: nothing to warn about
  spec$weight[3] <- 0
  expect_no_warning(composite_index(d, spec, "id", "year", scope = "time"))
  # the dimension of a lone constant indicator has no score in that period
  spec$weight[3] <- 1
  spec$dimension <- c("a", "a", "b")
  expect_warning(expect_warning(
    idx <- composite_index(d, spec, "id", "year", scope = "time"),
    class = "regineq_warning_constant"), class = "regineq_warning_weight",
    regexp = "Dimension `b`")
  expect_identical(is.na(idx$scores$b), y2)
})

test_that("fixed weights on constant indicators only: TOPSIS is an error", {
  d <- make_panel(p = 3)
  d$x2[d$year == 2003] <- 1
  d$x3[d$year == 2003] <- 2
  spec <- make_spec(3)
  expect_error(suppressWarnings(
    composite_index(d, spec, "id", "year", scope = "time",
                    weights = c(x1 = 0, x2 = 1, x3 = 1))),
    class = "regineq_error_constant", regexp = "positive weight.*`2003`")
  # linear scores stay defined: the same value for every region
  lin <- suppressWarnings(
    composite_index(d, spec, "id", "year", scope = "time", method = "linear",
                    weights = c(x1 = 0, x2 = 1, x3 = 1)))
  s03 <- lin$scores$score[d$year == 2003]
  expect_equal(s03, rep(1e-4, 6))
})

test_that("entropy weights of subnormal or overflowing ranges are exact", {
  d <- data.frame(id = 1:5, x = c(1, 2, 3, 7, 4), z = c(1, 3, 2, 0, 10))
  spec <- c(x = "+", z = "-")
  base <- entropy_weights(d, spec, "id", NULL)
  ref <- brute_entropy_topsis(as.matrix(d[2:3]), c(1, -1), 1e-4, list(1:5))
  expect_equal(base$weight, as.vector(ref$weight), tolerance = 1e-12)
  # x * 2^-1070 and the range 6 * 1e-310 are subnormal: the min-max shares
  # are those of x itself
  for (scale in c(2^-1070, 1e-310)) {
    d2 <- d
    d2$x <- d$x * scale
    w <- entropy_weights(d2, spec, "id", NULL)
    expect_true(all(is.finite(w$entropy)))
    expect_equal(w$weight, base$weight, tolerance = 1e-14)
    expect_equal(composite_index(d2, spec, "id", NULL)$scores,
                 composite_index(d, spec, "id", NULL)$scores, tolerance = 1e-14)
  }
  # a range wider than the largest double: hi - lo = Inf
  d3 <- d
  d3$x <- (d$x - 4) * 2^1022
  expect_equal(d3$x[4] - d3$x[1], Inf)
  w <- entropy_weights(d3, spec, "id", NULL)
  expect_equal(w$weight, base$weight, tolerance = 1e-14)
  expect_equal(composite_index(d3, spec, "id", NULL)$scores,
               composite_index(d, spec, "id", NULL)$scores, tolerance = 1e-14)
  d3$x <- c(-1e308, 1e308, -5e307, 0, 1e307)
  u <- c(0, 2, 0.5, 1, 1.1) / 2
  w <- entropy_weights(d3, spec, "id", NULL)
  ref <- brute_entropy_topsis(cbind(u, d$z), c(1, -1), 1e-4, list(1:5))
  expect_equal(w$weight, as.vector(ref$weight), tolerance = 1e-14)
})

test_that("entropy weights keep their precision under a large shift", {
  d <- data.frame(id = 1:6, a = c(0, 1, 2, 3, 4, 10), b = c(5, 1, 4, 9, 2, 6))
  spec <- c(a = "+", b = "+")
  u <- cbind(d$a / 10, (d$b - 1) / 8)
  # 1 - e = T / ln m with T = mean f(delta), f(d) = d^2/2 - d^3/6 + ...,
  # delta = (u - mean u) / (mean u + shift): for shift >= 1e8, T is
  # var(u) / (2 (mean u + shift)^2) to a relative 1e-8
  leading <- function(shift) {
    t <- apply(u, 2, function(v) {
      dl <- (v - mean(v)) / (mean(v) + shift)
      mean(dl^2) / 2 - mean(dl^3) / 6
    })
    t / sum(t)
  }
  for (shift in c(1e8, 1e14)) {
    w <- entropy_weights(d, spec, "id", NULL, shift = shift)
    expect_equal(w$weight, leading(shift), tolerance = 1e-6)
    idx <- composite_index(d, spec, "id", NULL, shift = shift)
    expect_false(anyNA(idx$scores$score))
    # the shift cancels from TOPSIS distances: the brute force without it
    # (with it, its z = w (u + shift) would lose the digits of u)
    ref <- brute_entropy_topsis(as.matrix(d[2:3]), c(1, 1), 0, list(1:6),
                                weights = w$weight)
    expect_equal(idx$scores$score, ref$score, tolerance = 1e-12)
  }
  # in small integers: 10 u_a = 0, 1, 2, 3, 4, 10 and 8 u_b = 4, 0, 3, 8, 1,
  # 5 have sums of squared deviations 190/3 and 41.5, and the weights are
  # proportional to var(u) to a relative 1e-8
  ss <- c(190 / 3 / 100, 41.5 / 64)
  expect_equal(entropy_weights(d, spec, "id", NULL, shift = 1e8)$weight,
               ss / sum(ss), tolerance = 1e-7)
  # near the switch to the Theil form (1 - e = 1e-4) both forms agree with the
  # textbook formula, still accurate there
  for (shift in c(1, 10, 30, 100)) {
    w <- entropy_weights(d, spec, "id", NULL, shift = shift)
    ref <- brute_entropy_topsis(as.matrix(d[2:3]), c(1, 1), shift, list(1:6))
    expect_equal(w$weight, as.vector(ref$weight), tolerance = 1e-8)
    expect_equal(1 - w$entropy, 1 - as.vector(ref$entropy), tolerance = 1e-8)
  }
  # every entropy 1 to double precision: no weights, an error
  expect_error(entropy_weights(d, spec, "id", NULL, shift = 1e300),
               class = "regineq_error_value",
               regexp = "every indicator \\(`a` and `b`\\) has entropy 1")
})

test_that("a non-finite entropy is refused, naming the indicator", {
  prep <- list(scope = "time", spec = data.frame(indicator = c("a", "b")),
               pan = list(time = list(levels = c("2001", "2002"))),
               shift = 1e-4)
  st <- list(min = matrix(0, 2, 2), max = matrix(1, 2, 2),
             entropy = matrix(c(0.5, 0.5, NaN, 0.5), 2),
             info = matrix(c(0.5, 0.5, NaN, 0.5), 2), umin = matrix(0, 2, 2))
  expect_error(regineq:::entropy_information(prep, st, st$max <= st$min),
               class = "regineq_error_value",
               regexp = "entropy of `a` \\(2002\\) is not finite")
})

test_that("indicator_spec() refuses arguments of the wrong length", {
  expect_error(indicator_spec(c("a", "b", "c"), c("+", "-")),
               class = "regineq_error_size",
               regexp = "`direction` must have one value per indicator \\(3\\).* not 2")
  expect_error(indicator_spec(c("a", "b", "c"), "+", dimension = c("x", "y")),
               class = "regineq_error_size", regexp = "`dimension`.*\\(3\\).* not 2")
  expect_error(indicator_spec(c("a", "b"), "+", subdimension = c("x", "y", "z")),
               class = "regineq_error_size", regexp = "`subdimension`.*\\(2\\).* not 3")
  expect_error(indicator_spec(c("a", "b", "c", "d"), "+", weight = c(1, 2)),
               class = "regineq_error_size", regexp = "`weight`.*\\(4\\).* not 2")
  # one value applies to every indicator
  s <- indicator_spec(c("a", "b"), "-", dimension = "x", weight = 3)
  expect_equal(s$direction, c("-", "-"))
  expect_equal(s$dimension, c("x", "x"))
  expect_equal(s$weight, c(0.5, 0.5))
})

test_that("weights naming an indicator twice are refused", {
  d <- make_panel()
  expect_error(composite_index(d, make_spec(), "id", "year",
                               weights = c(x1 = 1, x1 = 2, x2 = 1, x3 = 1,
                                           x4 = 1)),
               class = "regineq_error_duplicate",
               regexp = "`weights` must name each indicator once: `x1` appears")
  expect_error(composite_index(d, make_spec(), "id", "year",
                               weights = c(x1 = 1, x2 = 2, x3 = 1, x4 = 1,
                                           x2 = 1, x4 = 0)),
               class = "regineq_error_duplicate", regexp = "`x2` and `x4` appear")
})

test_that("every argument of the composite verbs changes the result", {
  d <- make_panel()
  spec <- make_spec()
  x <- as.matrix(d[spec$indicator])
  dir <- ifelse(spec$direction == "+", 1, -1)
  all_rows <- list(seq_len(nrow(d)))
  differs <- function(a, b) !isTRUE(all.equal(a, b))
  w0 <- entropy_weights(d, spec, "id", "year")
  i0 <- composite_index(d, spec, "id", "year")
  # data
  d2 <- d
  d2$x1[3] <- 5
  w <- entropy_weights(d2, spec, "id", "year")
  expect_true(differs(w$weight, w0$weight))
  expect_equal(w$weight, as.vector(brute_entropy_topsis(
    as.matrix(d2[spec$indicator]), dir, 1e-4, all_rows)$weight),
    tolerance = 1e-12)
  # spec: which indicators, and each direction
  w <- entropy_weights(d, spec[1:3, ], "id", "year")
  expect_equal(w$weight, as.vector(brute_entropy_topsis(
    x[, 1:3], dir[1:3], 1e-4, all_rows)$weight), tolerance = 1e-12)
  spec2 <- spec
  spec2$direction[1] <- "-"
  w <- entropy_weights(d, spec2, "id", "year")
  expect_true(differs(w$weight, w0$weight))
  expect_equal(w$weight, as.vector(brute_entropy_topsis(
    x, c(-1, dir[-1]), 1e-4, all_rows)$weight), tolerance = 1e-12)
  # scope
  w <- entropy_weights(d, spec, "id", "year", scope = "time")
  expect_true(differs(w$weight[1:4], w0$weight))
  expect_equal(w$weight, as.vector(brute_entropy_topsis(
    x, dir, 1e-4, split(seq_len(nrow(d)), d$year))$weight), tolerance = 1e-12)
  # shift
  w <- entropy_weights(d, spec, "id", "year", shift = 0.5)
  expect_true(differs(w$weight, w0$weight))
  expect_equal(w$weight, as.vector(brute_entropy_topsis(
    x, dir, 0.5, all_rows)$weight), tolerance = 1e-12)
  # time: the periods that make up a time scope (t2 swaps r1's first two
  # years)
  d2 <- d
  d2$t2 <- d2$year
  d2$t2[d2$id == "r1" & d2$year <= 2002] <- c(2002, 2001)
  w <- entropy_weights(d2, spec, "id", "t2", scope = "time")
  wy <- entropy_weights(d2, spec, "id", "year", scope = "time")
  expect_true(differs(w$weight, wy$weight))
  rows <- split(seq_len(nrow(d2)), d2$t2)
  expect_equal(w$weight, as.vector(brute_entropy_topsis(
    as.matrix(d2[spec$indicator]), dir, 1e-4, rows)$weight), tolerance = 1e-12)
  # na and id: a gap is filled from the same region's neighbours in time,
  # and which rows form a region is what `id` says
  d2 <- d
  r <- which(d2$id == "r2" & d2$year == 2002)
  d2$x2[r] <- NA
  full <- d
  full$x2[r] <- mean(d$x2[d$id == "r2" & d$year %in% c(2001, 2003)])
  expect_error(entropy_weights(d2, spec, "id", "year"),
               class = "regineq_error_missing")
  w <- entropy_weights(d2, spec, "id", "year", na = "interpolate")
  expect_equal(w, entropy_weights(full, spec, "id", "year"))
  # `pair` swaps r1 and r2 outside 2002, so the gap (r2 2002) now sits in a
  # series with r1's values and is filled from them
  d2$pair <- d2$id
  swap <- d2$id %in% c("r1", "r2") & d2$year != 2002
  d2$pair[swap] <- ifelse(d2$id[swap] == "r1", "r2", "r1")
  i1 <- composite_index(d2, spec, "id", "year", na = "interpolate")
  i2 <- composite_index(d2, spec, "pair", "year", na = "interpolate")
  fill <- mean(d$x2[d$id == "r1" & d$year %in% c(2001, 2003)])
  expect_equal(i2$conventions$interpolated$value, fill)
  expect_true(differs(i1$conventions$interpolated$value, fill))
  full2 <- d
  full2$x2[r] <- fill
  expect_equal(i2$scores$score,
               composite_index(full2, spec, "id", "year")$scores$score)
  expect_identical(i2$scores$pair, d2$pair)
  expect_true(differs(i1$scores$score, i2$scores$score))
  # method, weights and the spec's weight, dimension columns
  lin <- composite_index(d, spec, "id", "year", method = "linear")
  expect_true(differs(lin$scores$score, i0$scores$score))
  fw <- c(x1 = 1, x2 = 2, x3 = 3, x4 = 4)
  iw <- composite_index(d, spec, "id", "year", weights = fw)
  expect_true(differs(iw$scores$score, i0$scores$score))
  expect_equal(iw$scores$score, brute_entropy_topsis(
    x, dir, 1e-4, all_rows, weights = fw)$score, tolerance = 1e-12)
  # weights are matched by name, not position
  expect_equal(composite_index(d, spec, "id", "year", weights = rev(fw))$scores,
               iw$scores)
  spec2 <- spec
  spec2$weight <- c(4, 3, 2, 1)
  is <- composite_index(d, spec2, "id", "year")
  expect_equal(is$scores$score, brute_entropy_topsis(
    x, dir, 1e-4, all_rows, weights = 4:1)$score, tolerance = 1e-12)
  spec2 <- spec
  spec2$dimension <- c("a", "b", "b", "b")
  id2 <- composite_index(d, spec2, "id", "year")
  expect_equal(id2$scores$score, i0$scores$score)
  expect_true(differs(id2$scores$a, i0$scores$a))
  expect_equal(id2$scores$a, brute_entropy_topsis(
    x[, 1, drop = FALSE], dir[1], 1e-4, all_rows,
    weights = 1)$score, tolerance = 1e-12)
  # shift under linear scores: v = u + shift
  lin2 <- composite_index(d, spec, "id", "year", method = "linear", shift = 1)
  expect_equal(lin2$scores$score, brute_entropy_topsis(
    x, dir, 1, all_rows, method = "linear")$score, tolerance = 1e-12)
  # indicator_spec(): each argument lands in its column
  s <- indicator_spec(c("x1", "x2"), c("+", "-"), dimension = c("a", "b"),
                      subdimension = c("a1", "b1"), weight = c(1, 3))
  expect_identical(s$indicator, c("x1", "x2"))
  expect_identical(s$direction, c("+", "-"))
  expect_identical(s$dimension, c("a", "b"))
  expect_identical(s$subdimension, c("a1", "b1"))
  expect_identical(s$weight, c(0.25, 0.75))
  expect_identical(indicator_spec(c("x1", "x2"), "+",
                                  subdimension = c("a2", "b1"))$subdimension,
                   c("a2", "b1"))
})

test_that("plots draw without error", {
  idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  on.exit(unlink(f))
  expect_invisible(plot(idx, group = nqpf_indicators$region))
  expect_invisible(plot(idx, type = "weights"))
  grDevices::dev.off()
  expect_gt(file.size(f), 0)
})

test_that("the bundled indicator panel gives an index close to the published one", {
  idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
  expect_gt(stats::cor(idx$scores$score, nqpf_level$score), 0.85)
})

test_that("composite error messages read as documented", {
  d <- error_panel()
  spec <- error_spec()
  expect_snapshot(error = TRUE, composite_index(d, spec, "id", "year"))
  expect_snapshot(error = TRUE, composite_index(d, spec, "id", "yr"))
  expect_snapshot(error = TRUE, composite_index(rbind(d, d[2, ]), spec, "id",
                                                "year"))
  expect_snapshot(error = TRUE, composite_index(
    d, data.frame(indicator = "x", direction = "up"), "id", "year"))
})

test_that("composite_index() on an unbalanced panel: all rows or balanced", {
  u <- unbalanced_level(nqpf_indicators)
  b <- balanced_by_hand(u)
  expect_message(a <- composite_index(u, nqpf_spec, "province", "year"),
                 class = "regineq_message_unbalanced",
                 regexp = paste0("`Beijing` \\(2015 and 2016\\) and ",
                                 "`Hainan` \\(2023\\)\\. `composite_index\\(\\)` ",
                                 "uses all available rows"))
  expect_equal(nrow(a$scores), nrow(u))
  # the pooled weights of all rows, by the formulas (eqs. 1-7) written here
  x <- as.matrix(u[nqpf_spec$indicator])
  lo <- apply(x, 2, min)
  hi <- apply(x, 2, max)
  v <- sweep(sweep(x, 2, lo), 2, hi - lo, "/")
  neg <- nqpf_spec$direction == "-"
  v[, neg] <- 1 - v[, neg]
  v <- v + 1e-4
  p <- sweep(v, 2, colSums(v), "/")
  e <- -colSums(p * log(p)) / log(nrow(x))
  expect_equal(a$weights$weight, unname((1 - e) / sum(1 - e)),
               tolerance = 1e-10)
  for (scope in c("pooled", "time")) {
    for (method in c("topsis", "linear")) {
      bal <- suppressMessages(
        composite_index(u, nqpf_spec, "province", "year", scope = scope,
                        method = method, balanced = TRUE),
        classes = "regineq_message_unbalanced")
      ref <- composite_index(b, nqpf_spec, "province", "year", scope = scope,
                             method = method)
      expect_equal(bal$scores, ref$scores)
      expect_equal(bal$weights, ref$weights)
    }
  }
  expect_false(isTRUE(all.equal(bal$weights$weight, a$weights$weight)))
  expect_message(w <- entropy_weights(u, nqpf_spec, "province", "year",
                                      balanced = TRUE),
                 class = "regineq_message_unbalanced",
                 regexp = "`entropy_weights\\(\\)` uses the balanced subset")
  expect_equal(w, entropy_weights(b, nqpf_spec, "province", "year"))
  # interpolated cells of the regions left out are not reported as used
  u2 <- u
  u2$rd_intensity[u2$province == "Beijing" & u2$year == 2018] <- NA
  u2$rd_intensity[u2$province == "Hebei" & u2$year == 2018] <- NA
  i2 <- suppressMessages(
    composite_index(u2, nqpf_spec, "province", "year", na = "interpolate",
                    balanced = TRUE),
    classes = "regineq_message_unbalanced")
  expect_equal(i2$conventions$interpolated$id, "Hebei")
  expect_equal(i2$conventions$interpolated$row,
               which(u2$province == "Hebei" & u2$year == 2018))
})

test_that("the default shift is 1e-4 under min-max and 0 under vector and sum", {
  d <- make_panel()
  spec <- make_spec()
  for (nm in c("vector", "sum")) {
    idx <- composite_index(d, spec, "id", "year", normalisation = nm)
    expect_identical(idx$conventions$shift, 0)
    expect_equal(idx$scores$score,
                 composite_index(d, spec, "id", "year", normalisation = nm,
                                 shift = 0)$scores$score)
    w <- index_weights(d, spec, "id", "year", normalisation = nm)
    w4 <- index_weights(d, spec, "id", "year", normalisation = nm,
                        shift = 1e-4)
    expect_false(isTRUE(all.equal(w$weight, w4$weight)))
  }
  expect_identical(composite_index(d, spec, "id", "year")$conventions$shift,
                   1e-4)
})
