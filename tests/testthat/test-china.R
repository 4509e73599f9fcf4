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

test_that("match_province() reads codes only when written as codes", {
  expect_equal(match_province(c("11", " 11 ", "110000", "500000", "50")),
               c(11L, 11L, 11L, 50L, 50L))
  expect_equal(match_province(c(11, 110000, 500000, 50L, 65)),
               c(11L, 11L, 50L, 50L, 65L))
  not_codes <- c("1.1", "-11", "+11", "1 1", "011", "1100", "110100", "11a",
                 "1.1e5", "000011")
  expect_equal(match_province(not_codes, error = FALSE),
               rep(NA_integer_, length(not_codes)))
  expect_equal(match_province(c(-11, 1.1, 11.5, 110001, 1100, 0), error = FALSE),
               rep(NA_integer_, 6))
  expect_error(match_province(c("Beijing", "1.1")),
               class = "regineq_error_value", regexp = "\"1.1\"")
  expect_error(match_province(-11), class = "regineq_error_value",
               regexp = "\"-11\"")
  # names keep their lenient reading
  expect_equal(match_province(c("inner-mongolia", "Inner  Mongolia.",
                                "HONG-KONG", "Ning-Xia."), error = FALSE),
               c(15L, 15L, NA, 64L))
  expect_error(match_province("Beijing", error = NA),
               class = "regineq_error_type")
})

test_that("Hong Kong, Macao and Taiwan are named as outside the coverage", {
  hmt <- list("\u9999\u6e2f", "\u9999\u6e2f\u7279\u522b\u884c\u653f\u533a",
              "\u6fb3\u95e8", "\u6fb3\u9580", "\u53f0\u6e7e",
              "\u53f0\u6e7e\u7701", "\u81fa\u7063", "Hong Kong", "hongkong",
              "Hong Kong SAR", "Macau", "Macao", "Taiwan",
              "Taiwan Province", 71, 81, 82, "71", "810000", 820000)
  for (x in hmt) {
    expect_equal(match_province(x, error = FALSE), NA_integer_)
    expect_error(match_province(c("Beijing", x)), class = "regineq_error_value",
                 regexp = "Coverage is the 31 mainland provinces")
  }
  e <- tryCatch(match_province("Atlantis"), regineq_error = conditionMessage)
  expect_false(grepl("mainland", e))
  expect_snapshot(error = TRUE, match_province(c("Beijing", "Hong Kong", 71)))
})

test_that("china_weights() labels numeric codes by their digits", {
  code <- china_provinces$code * 10000
  w <- china_weights(code, style = "B")
  expect_equal(w$ids, sprintf("%d", china_provinces$code * 10000))
  expect_true("500000" %in% w$ids)
  ref <- china_weights(china_provinces$name_en, style = "B")
  expect_equal(unname(as.matrix(w)), unname(as.matrix(ref)))
  # and such weights match data whose id column holds the same numbers
  d <- nqpf_potential
  d$code <- china_provinces$code[match(d$province, china_provinces$name_en)] *
    10000
  mg <- moran_global(d, "score", china_weights(unique(d$code)), "code", "year")
  me <- moran_global(d, "score", china_weights(unique(d$province)), "province",
                     "year")
  expect_equal(mg$I, me$I)
  expect_equal(china_weights(c(11, 50, 51))$ids, c("11", "50", "51"))
})

test_that("china_weights() refuses NA and empty ids, naming the position", {
  expect_error(china_weights(c("Beijing", NA, "Hebei")),
               class = "regineq_error_missing", regexp = "NA at position 2")
  expect_error(china_weights(c("Beijing", "Hebei", "")),
               class = "regineq_error_missing", regexp = "\"\" at position 3")
  expect_error(china_weights(c(11, NA)), class = "regineq_error_missing",
               regexp = "position 2")
})

test_that("every argument of china_weights() changes the weights", {
  ids <- china_provinces$name_en
  p <- china_provinces
  d <- outer(seq_len(31), seq_len(31), function(a, b) {
    great_circle_km(p$capital_lon[a], p$capital_lat[a],
                    p$capital_lon[b], p$capital_lat[b])
  })
  diag(d) <- Inf
  # style
  wb <- as.matrix(china_weights(ids, style = "B"))
  ww <- as.matrix(china_weights(ids, style = "W"))
  expect_equal(ww, wb / rowSums(wb))
  expect_equal(as.matrix(china_weights(ids, style = "none")), wb)
  # type and k: the k nearest capitals
  for (k in c(2, 5)) {
    kn <- unname(as.matrix(china_weights(ids, type = "knn", k = k,
                                         style = "B")))
    ref <- t(apply(d, 1, function(r) as.numeric(rank(r, ties.method = "first") <= k)))
    expect_equal(kn, ref)
  }
  # power: inverse great-circle distance
  for (pw in c(1, 2)) {
    dw <- unname(as.matrix(china_weights(ids, type = "distance", power = pw,
                                         style = "none")))
    ref <- d^(-pw)
    diag(ref) <- 0
    expect_equal(dw, ref, tolerance = 1e-9)
  }
  # sea_links only for contiguity
  expect_equal(sum(as.matrix(china_weights(ids, sea_links = FALSE,
                                           style = "B"))), 2 * 68)
})
