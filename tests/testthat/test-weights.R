test_that("spatial_weights() reads matrices, edge lists, nb and listw alike", {
  m <- matrix(c(0, 1, 1, 0,
                1, 0, 1, 0,
                1, 1, 0, 1,
                0, 0, 1, 0), 4, byrow = TRUE,
              dimnames = list(letters[1:4], letters[1:4]))
  w <- spatial_weights(m)
  expect_s3_class(w, "regineq_weights")
  expect_equal(as.matrix(w), m / rowSums(m))
  e <- spatial_weights(data.frame(from = c("a", "a", "b", "c"),
                                  to = c("b", "c", "c", "d")))
  expect_equal(as.matrix(e), as.matrix(w))
  b <- spatial_weights(m, style = "B")
  expect_equal(as.matrix(b), m)
  expect_true(b$symmetric)
  expect_output(print(w), "4 regions, 8 links")
  sub <- spatial_weights(w, ids = c("d", "c", "a"))
  expect_equal(as.matrix(sub), {
    s <- m[c("d", "c", "a"), c("d", "c", "a")]
    s / rowSums(s)
  })
  isl <- spatial_weights(data.frame(from = "a", to = "b"), ids = c("a", "b", "z"))
  expect_equal(isl$islands, "z")
})

test_that("spdep nb and listw convert faithfully", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  lw <- spdep::nb2listw(fx$nb, style = "W")
  w <- spatial_weights(lw)
  expect_equal(unname(as.matrix(w)), unname(spdep::listw2mat(lw)))
  w2 <- spatial_weights(fx$nb)
  expect_equal(unname(as.matrix(w2)), unname(spdep::listw2mat(lw)))
  if (requireNamespace("Matrix", quietly = TRUE)) {
    sm <- Matrix::Matrix(spdep::listw2mat(lw), sparse = TRUE)
    expect_equal(unname(as.matrix(spatial_weights(sm, style = "none"))),
                 unname(spdep::listw2mat(lw)))
  }
})

test_that("knn and distance weights follow their definitions", {
  set.seed(1)
  xy <- cbind(stats::runif(30, 0, 100), stats::runif(30, 0, 100))
  w <- knn_weights(xy, k = 3, longlat = FALSE, style = "B")
  d <- as.matrix(stats::dist(xy))
  diag(d) <- Inf
  ref <- t(apply(d, 1, function(r) as.numeric(rank(r, ties.method = "first") <= 3)))
  expect_equal(unname(as.matrix(w)), unname(ref))
  dw <- distance_weights(xy, upper = 40, longlat = FALSE, style = "none")
  ref2 <- ifelse(d <= 40, 1 / d, 0)
  expect_equal(unname(as.matrix(dw)), unname(ref2))
  # great circle: Beijing to Shanghai is about 1070 km
  bj_sh <- distance_weights(rbind(c(116.41, 39.9), c(121.47, 31.23)),
                            power = 1, style = "none")
  expect_equal(1 / bj_sh$val[1], 1067, tolerance = 0.01)
})

test_that("bad weights get clear errors", {
  expect_error(spatial_weights(matrix(1, 2, 3)), class = "regineq_error_value",
               regexp = "square")
  m <- matrix(c(0, NA, 1, 0), 2, dimnames = list(c("a", "b"), c("a", "b")))
  expect_error(spatial_weights(m), class = "regineq_error_missing",
               regexp = "NA at b -> a")
  m <- matrix(c(0, -1, 1, 0), 2, dimnames = list(c("a", "b"), c("a", "b")))
  expect_error(spatial_weights(m), class = "regineq_error_value",
               regexp = "non-negative.*b -> a")
  expect_error(spatial_weights("x"), class = "regineq_error_type")
  expect_error(spatial_weights(data.frame(a = 1)), class = "regineq_error_column")
  expect_error(knn_weights(cbind(1:3, 1:3), k = 5), class = "regineq_error_value")
  expect_error(knn_weights(cbind(c(1, NA), 1:2), k = 1),
               class = "regineq_error_missing")
})
