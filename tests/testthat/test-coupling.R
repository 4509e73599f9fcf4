brute_coupling <- function(U, method, alpha = rep(1 / ncol(U), ncol(U))) {
  k <- ncol(U)
  C <- apply(U, 1, function(u) {
    if (method == "standard") {
      if (sum(u) == 0) return(0)
      return(k * prod(u)^(1 / k) / sum(u))
    }
    s <- 0
    for (i in 2:k) for (j in 1:(i - 1)) s <- s + sqrt((u[i] - u[j])^2)
    m <- max(u)
    r <- if (m == 0) 0 else prod(u / m)^(1 / (k - 1))
    sqrt((1 - s / sum(seq_len(k - 1))) * r)
  })
  Tt <- as.vector(U %*% alpha)
  list(C = C, T = Tt, D = sqrt(C * Tt))
}

test_that("coupling coordination equals the formulas for k = 2 and 3", {
  set.seed(4)
  for (k in 2:3) {
    U <- matrix(stats::runif(40 * k), 40, k)
    U[1, ] <- 0
    U[2, 1] <- 0
    d <- as.data.frame(U)
    names(d) <- paste0("s", seq_len(k))
    for (method in c("standard", "wang")) {
      cc <- coupling_coordination(d, names(d), method = method)
      ref <- brute_coupling(U, method)
      expect_equal(cc$C, ref$C, tolerance = 1e-12)
      expect_equal(cc$T, ref$T, tolerance = 1e-12)
      expect_equal(cc$D, ref$D, tolerance = 1e-12)
    }
    a <- seq_len(k) / sum(seq_len(k))
    cw <- coupling_coordination(d, names(d), weights = a)
    expect_equal(cw$T, as.vector(U %*% a), tolerance = 1e-12)
  }
  # k = 2: the standard form is Ran, Sun and Li's 2 sqrt(FE) / (F + E)
  d <- data.frame(f = 0.3, e = 0.6)
  expect_equal(coupling_coordination(d, c("f", "e"))$C,
               2 * sqrt(0.18) / 0.9)
  expect_equal(coupling_coordination(d, c("f", "e"), method = "wang")$C,
               sqrt((1 - 0.3) * 0.5))
})

test_that("the ten bands are closed on the right, with 0 in the first", {
  D <- c(0, 0.1, 0.1000001, 0.5, 0.9, 0.95, 1)
  d <- data.frame(a = D^2, b = D^2)   # equal systems: C = 1, D = sqrt(T)
  cc <- coupling_coordination(d, c("a", "b"))
  expect_equal(cc$D, D, tolerance = 1e-12)
  expect_equal(as.integer(cc$level), c(1, 1, 2, 5, 9, 10, 10))
  expect_equal(levels(cc$level)[c(1, 10)],
               c("Extreme imbalance", "High-quality coordination"))
  zh <- coupling_coordination(d, c("a", "b"), lang = "zh")
  expect_equal(levels(zh$level)[10], "\u4f18\u8d28\u534f\u8c03")
  s4 <- coupling_coordination(d, c("a", "b"), breaks = c(0, seq(0.2, 1, 0.1)))
  expect_equal(nlevels(s4$level), 9L)
  expect_equal(levels(s4$level)[1], "Serious imbalance")
  expect_true(is.ordered(cc$level))
  expect_output(print(cc), "standard coupling")
})

test_that("coupling bad input gets clear errors", {
  d <- data.frame(a = c(0.2, 0.3), b = c(0.5, NA))
  expect_error(coupling_coordination(d, "a"), class = "regineq_error_value",
               regexp = "at least two")
  expect_error(coupling_coordination(d, c("a", "b")),
               class = "regineq_error_missing", regexp = "column `b` has NA")
  d$b <- 0.4
  d$a[2] <- 1.3
  expect_error(coupling_coordination(d, c("a", "b")),
               class = "regineq_error_value", regexp = "column `a`.*row 2")
  d$a <- 0.5
  expect_error(coupling_coordination(d, c("a", "b"), weights = c(1, 1, 1)),
               class = "regineq_error_value", regexp = "2 non-negative")
  expect_error(coupling_coordination(d, c("a", "b"), weights = c(0.2, 0.2)),
               class = "regineq_error_value", regexp = "sum to 1")
  expect_error(coupling_coordination(d, c("a", "b"), breaks = c(0, 2)),
               class = "regineq_error_value")
  expect_error(coupling_coordination(d, c("a", "b"), breaks = c(0, 0.5, 1),
                                     labels = "x"),
               class = "regineq_error_value", regexp = "one label per band")
  expect_error(coupling_coordination(d, c("a", "zz")),
               class = "regineq_error_column")
})

test_that("coupling plots draw", {
  set.seed(1)
  d <- data.frame(region = rep(c("E", "W"), each = 5), year = rep(1:5, 2),
                  a = stats::runif(10), b = stats::runif(10))
  cc <- coupling_coordination(d, c("a", "b"))
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  expect_invisible(plot(cc, time = "year", group = "region"))
  expect_invisible(plot(cc))
  grDevices::dev.off()
  unlink(f)
})

test_that("coupling error messages read as documented", {
  expect_snapshot(error = TRUE, coupling_coordination(
    data.frame(a = c(0.2, 1.2), b = 0.5), c("a", "b")))
})

test_that("a system named twice is refused", {
  d <- data.frame(a = c(0.2, 0.5), b = c(0.4, 0.1))
  expect_error(coupling_coordination(d, c("a", "b", "a")),
               class = "regineq_error_duplicate", regexp = "`a`")
})

test_that("coupling results print a header and the first rows only", {
  # wide enough that the eight columns print on one line per row
  withr::local_options(width = 200)
  set.seed(1)
  d <- data.frame(a = stats::runif(30), b = stats::runif(30))
  out <- capture.output(print(coupling_coordination(d, c("a", "b"))))
  expect_match(out[1], "coupling coordination of `a` and `b`: 30 rows")
  expect_lt(length(out), 15)
})

test_that("custom labels name the bands", {
  d <- data.frame(a = c(0.1, 0.9), b = c(0.2, 0.8))
  cc <- coupling_coordination(d, c("a", "b"), breaks = c(0, 0.5, 1),
                              labels = c("low", "high"))
  D <- sqrt(coupling_coordination(d, c("a", "b"))$C * (d$a + d$b) / 2)
  expect_equal(as.character(cc$level), ifelse(D <= 0.5, "low", "high"))
})

# Relative development degree, written out from its definition: E = U2 / U1,
# system 1 lags above the band, system 2 below it, synchronous inside (both
# ends included); 0/0 is NA (synchronous), u / 0 is Inf (system 1 lags).
brute_development <- function(u1, u2, s, sync = c(0.8, 1.2), zh = FALSE) {
  n <- length(u1)
  E <- numeric(n)
  type <- character(n)
  lag1 <- if (zh) paste0(s[1], "\u6ede\u540e\u578b") else paste(s[1], "lagging")
  lag2 <- if (zh) paste0(s[2], "\u6ede\u540e\u578b") else paste(s[2], "lagging")
  same <- if (zh) "\u540c\u6b65\u578b" else "Synchronous"
  for (i in seq_len(n)) {
    if (u1[i] == 0 && u2[i] == 0) {
      E[i] <- NA
      type[i] <- same
      next
    }
    E[i] <- if (u1[i] == 0) Inf else u2[i] / u1[i]
    # a ratio that is on a boundary up to floating point counts as on it
    e <- if (is.finite(E[i])) round(E[i], 12) else E[i]
    type[i] <- if (e > sync[2]) lag1 else if (e < sync[1]) lag2 else same
  }
  list(E = E, type = type, levels = c(lag1, same, lag2))
}

test_that("the relative development degree and its types equal the definition", {
  # rows: both 0, U1 = 0 < U2, U2 = 0 < U1, E exactly 0.8 and 1.2 (the
  # boundaries), just inside and outside both, 0.684 / 0.57 and 0.04 / 0.05
  # (1.2 and 0.8, but 1.2 + 2e-16 and 0.8 - 1e-16 in floating point), then
  # random rows
  u1 <- c(0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.57, 0.05, 0.25, 1)
  u2 <- c(0, 0.3, 0, 0.4, 0.6, 0.4 + 1e-9, 0.6 - 1e-9, 0.4 - 1e-9,
          0.6 + 1e-9, 0.684, 0.04, 0.25, 0.5)
  set.seed(16)
  u1 <- c(u1, stats::runif(40))
  u2 <- c(u2, stats::runif(40))
  d <- data.frame(tech = u1, nqpf = u2)
  cc <- coupling_coordination(d, c("tech", "nqpf"))
  ref <- brute_development(u1, u2, c("tech", "nqpf"))
  expect_equal(cc$E, ref$E, tolerance = 1e-14)
  expect_identical(as.character(cc$development), ref$type)
  expect_identical(levels(cc$development), ref$levels)
  expect_false(is.ordered(cc$development))
  # the special rows, spelled out
  expect_identical(cc$E[1:3], c(NA, Inf, 0))
  expect_false(is.nan(cc$E[1]))   # NA, not the NaN of 0/0
  expect_identical(as.character(cc$development[1:13]),
                   c("Synchronous", "tech lagging", "nqpf lagging",
                     "Synchronous", "Synchronous", "Synchronous",
                     "Synchronous", "nqpf lagging", "tech lagging",
                     "Synchronous", "Synchronous", "Synchronous",
                     "nqpf lagging"))
  # every type occurs among the random rows too
  expect_setequal(as.character(cc$development[-(1:13)]), ref$levels)
  # E does not depend on the method or the weights
  cw <- coupling_coordination(d, c("tech", "nqpf"), method = "wang",
                              weights = c(0.7, 0.3))
  expect_identical(cw$E, cc$E)
  expect_identical(cw$development, cc$development)
  # swapping the systems inverts E and swaps the lagging types
  sw <- coupling_coordination(d, c("nqpf", "tech"))
  ok <- is.finite(cc$E) & cc$E > 0
  expect_equal(sw$E[ok], 1 / cc$E[ok], tolerance = 1e-14)
  ref_sw <- brute_development(u2, u1, c("nqpf", "tech"))
  expect_identical(as.character(sw$development), ref_sw$type)
})

test_that("sync sets the band, lang the labels", {
  set.seed(17)
  u1 <- c(0.5, 0.5, 0.5, 0, 0, stats::runif(30))
  u2 <- c(0.25, 1, 0.3, 0.2, 0, stats::runif(30))
  d <- data.frame(a = u1, b = u2)
  for (sync in list(c(0.8, 1.2), c(0.5, 2), c(0.9, 1), c(1.5, 3))) {
    cc <- coupling_coordination(d, c("a", "b"), sync = sync)
    ref <- brute_development(u1, u2, c("a", "b"), sync)
    expect_identical(as.character(cc$development), ref$type)
    zh <- coupling_coordination(d, c("a", "b"), sync = sync, lang = "zh")
    refz <- brute_development(u1, u2, c("a", "b"), sync, zh = TRUE)
    expect_identical(as.character(zh$development), refz$type)
    expect_identical(levels(zh$development), refz$levels)
  }
  # the boundaries 0.5 and 2 of sync = c(0.5, 2) are inside the band
  wide <- coupling_coordination(d, c("a", "b"), sync = c(0.5, 2))
  expect_identical(as.character(wide$development[1:2]),
                   c("Synchronous", "Synchronous"))
  std <- coupling_coordination(d, c("a", "b"))
  expect_identical(as.character(std$development[1:2]),
                   c("b lagging", "a lagging"))
  expect_identical(levels(std$development),
                   c("a lagging", "Synchronous", "b lagging"))
  expect_identical(
    levels(coupling_coordination(d, c("a", "b"), lang = "zh")$development),
    c("a\u6ede\u540e\u578b", "\u540c\u6b65\u578b", "b\u6ede\u540e\u578b"))
  # integers are numbers
  expect_identical(coupling_coordination(d, c("a", "b"), sync = 1:2)$development,
                   coupling_coordination(d, c("a", "b"), sync = c(1, 2))$development)
})

test_that("E and development need exactly two systems", {
  set.seed(18)
  d <- data.frame(a = stats::runif(6), b = stats::runif(6), c = stats::runif(6))
  k3 <- coupling_coordination(d, c("a", "b", "c"))
  expect_named(k3, c("a", "b", "c", "C", "T", "D", "level"))
  expect_output(print(k3), "E and development need exactly two systems")
  k2 <- coupling_coordination(d, c("a", "b"))
  expect_named(k2, c("a", "b", "c", "C", "T", "D", "level", "E",
                     "development"))
  out <- capture.output(print(k2))
  expect_match(out[2], "Added `C`, `T`, `D`, `level`, `E` and `development`")
  expect_match(out[2], "E = `b` / `a`, synchronous for 0.8 <= E <= 1.2")
  expect_output(print(coupling_coordination(d, c("a", "b"), sync = c(0.7, 1.5))),
                "synchronous for 0.7 <= E <= 1.5")
  # a column E or development of the user's is refused for k = 2 only
  dE <- transform(d, E = 1)
  expect_error(coupling_coordination(dE, c("a", "b")),
               class = "regineq_error_column", regexp = "`E`")
  expect_error(coupling_coordination(transform(d, development = "x"),
                                     c("a", "b")),
               class = "regineq_error_column", regexp = "`development`")
  expect_identical(coupling_coordination(dE, c("a", "b", "c"))$E, dE$E)
})

test_that("a bad sync gets a classed error", {
  d <- data.frame(a = c(0.2, 0.5), b = c(0.4, 0.1))
  bad <- list(c(1.2, 0.8), c(1, 1), c(0, 1.2), c(-0.8, 1.2), 0.8,
              c(0.8, 1.2, 2), c(0.8, NA), c(0.8, Inf), "0.8", NULL,
              list(0.8, 1.2))
  for (s in bad) {
    expect_error(coupling_coordination(d, c("a", "b"), sync = s),
                 class = "regineq_error_value", regexp = "`sync` must be two")
  }
  expect_snapshot(error = TRUE,
                  coupling_coordination(d, c("a", "b"), sync = c(1.2, 0.8)))
})

# C of two scores in the ratio r = t^2 is 2 t / (1 + t^2): the U2 that gives
# C = c with U1 = 0.5.
u2_for_c <- function(c) 0.5 * ((1 - sqrt(1 - c^2)) / c)^2

test_that("the standard C crowding near 1 warns, on both sides of each threshold", {
  hi <- u2_for_c(0.9 + 1e-6)   # just above 0.9
  lo <- u2_for_c(0.9 - 1e-6)   # just below
  mk <- function(nhi, nlo) data.frame(a = 0.5, b = c(rep(hi, nhi),
                                                    rep(lo, nlo)))
  expect_equal(coupling_coordination(mk(1, 0), c("a", "b"))$C, 0.9 + 1e-6,
               tolerance = 1e-12)
  # exactly 90% of the rows: 9 of 10, 27 of 30
  expect_warning(coupling_coordination(mk(9, 1), c("a", "b")),
                 class = "regineq_warning_coupling")
  expect_warning(coupling_coordination(mk(27, 3), c("a", "b")),
                 class = "regineq_warning_coupling")
  # just under 90%: 8 of 10, 26 of 30
  expect_no_warning(coupling_coordination(mk(8, 2), c("a", "b")))
  expect_no_warning(coupling_coordination(mk(26, 4), c("a", "b")))
  # C just below 0.9 does not count
  expect_no_warning(coupling_coordination(mk(0, 10), c("a", "b")))
  # at least 5 rows: 5 fires, 4 does not
  expect_warning(coupling_coordination(mk(5, 0), c("a", "b")),
                 class = "regineq_warning_coupling")
  expect_no_warning(coupling_coordination(mk(4, 0), c("a", "b")))
  # never with method = "wang", even where its C is near 1 too
  eq <- data.frame(a = rep(0.5, 10), b = 0.5)
  expect_no_warning(cw <- coupling_coordination(eq, c("a", "b"),
                                                method = "wang"))
  expect_equal(cw$C, rep(1, 10))
  expect_warning(coupling_coordination(eq, c("a", "b")),
                 class = "regineq_warning_coupling")
  # for k > 2 as for k = 2
  expect_warning(coupling_coordination(transform(mk(10, 0), c = 0.5),
                                       c("a", "b", "c")),
                 class = "regineq_warning_coupling")
  # the message: the share, the count, the median C, the paper, the remedy
  d <- data.frame(a = 0.5, b = c(rep(0.5, 19), 0.01))
  w <- tryCatch(coupling_coordination(d, c("a", "b")),
                regineq_warning_coupling = function(w) w)
  C <- 2 * sqrt(0.5 * d$b) / (0.5 + d$b)
  expect_match(conditionMessage(w), "C >= 0.9 in 19 of 20 rows (95%",
               fixed = TRUE)
  expect_match(conditionMessage(w),
               paste0("median C ", format(stats::median(C), digits = 3)),
               fixed = TRUE)
  expect_match(conditionMessage(w), "Wang, Kong, Ren et al. 2021",
               fixed = TRUE)
  expect_match(conditionMessage(w), "method = \"wang\"", fixed = TRUE)
  expect_snapshot(
    w <- coupling_coordination(data.frame(a = 0.5, b = c(rep(0.45, 9), 0.1)),
                               c("a", "b")))
  # the result is still returned
  r <- suppressWarnings(coupling_coordination(d, c("a", "b")),
                        classes = "regineq_warning_coupling")
  expect_equal(r$C, C, tolerance = 1e-12)
})
