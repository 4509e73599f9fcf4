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
