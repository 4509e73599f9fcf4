test_that("match_province() maps every common spelling to one code", {
  x <- c("\u5317\u4eac\u5e02", "\u5317\u4eac", "Beijing", "beijing", "11",
         "110000", " BEIJING ")
  expect_equal(match_province(x), rep(11L, 7))
  im <- c("\u5185\u8499\u53e4\u81ea\u6cbb\u533a", "\u5185\u8499\u53e4",
          "Inner Mongolia", "Nei Mongol", "inner-mongolia", "150000")
  expect_equal(match_province(im), rep(15L, 6))
  expect_equal(match_province(c("Shaanxi", "Shanxi", "Tibet", "Xizang",
                                "Guangxi Zhuang Autonomous Region",
                                "\u65b0\u7586\u7ef4\u543e\u5c14\u81ea\u6cbb\u533a",
                                "Anhui Province", "\u5b81\u590f\u56de\u65cf\u81ea\u6cbb\u533a")),
               c(61L, 14L, 54L, 54L, 45L, 65L, 34L, 64L))
  expect_equal(match_province(china_provinces$name_en), china_provinces$code)
  expect_equal(match_province(china_provinces$name_zh), china_provinces$code)
  expect_error(match_province(c("Beijing", "Atlantis", "99")),
               class = "regineq_error_value", regexp = "\"Atlantis\" and \"99\"")
  expect_equal(match_province("Atlantis", error = FALSE), NA_integer_)
})

test_that("china_weights() uses the bundled contiguity, in the order of ids", {
  w <- china_weights(china_provinces$name_en, style = "B")
  m <- as.matrix(w)
  expect_equal(sum(m) / 2, 69)
  expect_true(w$symmetric)
  expect_equal(w$islands, character())
  expect_equal(m["Hainan", "Guangdong"], 1)
  w2 <- china_weights(china_provinces$name_en, sea_links = FALSE, style = "B")
  expect_equal(sum(as.matrix(w2)) / 2, 68)
  expect_equal(w2$islands, "Hainan")
  zh <- china_weights(rev(china_provinces$name_zh), style = "B")
  expect_equal(unname(as.matrix(zh)), unname(m[31:1, 31:1]))
  k <- china_weights(china_provinces$name_en, type = "knn", k = 3)
  expect_equal(unname(rowSums(as.matrix(k) > 0)), rep(3, 31))
  d <- china_weights(china_provinces$name_en[1:5], type = "distance",
                     style = "none")
  expect_equal(length(d$val), 20L)
  expect_error(china_weights(c("Beijing", "\u5317\u4eac")),
               class = "regineq_error_duplicate")
  expect_error(china_weights("Gondor"), class = "regineq_error_value",
               regexp = "Gondor")
})

test_that("province error messages read as documented", {
  expect_snapshot(error = TRUE, match_province(c("Beijing", "Atlantis")))
})
