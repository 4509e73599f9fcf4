# The texts of the errors users meet most, locked as snapshots: each names
# the argument, the column and the first offending rows.
test_that("error messages read as documented", {
  d <- data.frame(id = rep(c("Beijing", "Hainan"), 2), year = rep(2015:2016,
                                                                   each = 2),
                  x = c(1, NA, 3, 4), y = c(2, 1, 0, 5), g = c("E", "E", "W",
                                                               "W"))
  spec <- data.frame(indicator = c("x", "y"), direction = c("+", "-"))
  expect_snapshot(error = TRUE, composite_index(d, spec, "id", "year"))
  expect_snapshot(error = TRUE, composite_index(d, spec, "id", "yr"))
  expect_snapshot(error = TRUE, composite_index(rbind(d, d[2, ]), spec, "id",
                                                "year"))
  expect_snapshot(error = TRUE, composite_index(
    d, data.frame(indicator = "x", direction = "up"), "id", "year"))
  expect_snapshot(error = TRUE, theil(d, "y", "g", "year", type = "L"))
  expect_snapshot(error = TRUE, dagum_gini(transform(d, y = -y), "y", "g"))
  expect_snapshot(error = TRUE, match_province(c("Beijing", "Atlantis")))
  w <- china_weights(c("Beijing", "Tianjin", "Hebei", "Shanxi"))
  expect_snapshot(error = TRUE, moran_global(d, "y", w, "id", "year"))
  expect_snapshot(error = TRUE, coupling_coordination(
    data.frame(a = c(0.2, 1.2), b = 0.5), c("a", "b")))
  expect_snapshot(error = TRUE, moran_local(d, "y", w, "id", "year",
                                            alternative = "bigger"))
})
