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
  expect_warning(r <- match_province("Atlantis", error = FALSE),
                 class = "regineq_warning_province")
  expect_equal(r, NA_integer_)
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
  expect_equal(suppressWarnings(match_province(not_codes, error = FALSE)),
               rep(NA_integer_, length(not_codes)))
  expect_equal(suppressWarnings(
    match_province(c(-11, 1.1, 11.5, 110001, 1100, 0), error = FALSE)),
    rep(NA_integer_, 6))
  expect_error(match_province(c("Beijing", "1.1")),
               class = "regineq_error_value", regexp = "\"1.1\"")
  expect_error(match_province(-11), class = "regineq_error_value",
               regexp = "\"-11\"")
  # names keep their lenient reading
  expect_equal(suppressWarnings(
    match_province(c("inner-mongolia", "Inner  Mongolia.", "HONG-KONG",
                     "Ning-Xia."), error = FALSE)), c(15L, 15L, NA, 64L))
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
    expect_warning(r <- match_province(x, error = FALSE),
                   class = "regineq_warning_province",
                   regexp = "Coverage is the 31 mainland provinces")
    expect_equal(r, NA_integer_)
    expect_warning(province_name(x, error = FALSE),
                   class = "regineq_warning_province",
                   regexp = "Coverage is the 31 mainland provinces")
    expect_error(province_name(x), class = "regineq_error_value",
                 regexp = "Coverage is the 31 mainland provinces")
    expect_error(china_weights(c("Beijing", x)), class = "regineq_error_value",
                 regexp = "`ids` .*Coverage is the 31 mainland provinces")
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
    ellipsoid_km(p$capital_lon[a], p$capital_lat[a],
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

# Every province in every form ------------------------------------------------

# Written out here, independently of the package's lookup table.
province_forms <- function() {
  code <- c(11L, 12L, 13L, 14L, 15L, 21L, 22L, 23L, 31L, 32L, 33L, 34L, 35L,
            36L, 37L, 41L, 42L, 43L, 44L, 45L, 46L, 50L, 51L, 52L, 53L, 54L,
            61L, 62L, 63L, 64L, 65L)
  en <- c("Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia",
          "Liaoning", "Jilin", "Heilongjiang", "Shanghai", "Jiangsu",
          "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan",
          "Hubei", "Hunan", "Guangdong", "Guangxi", "Hainan", "Chongqing",
          "Sichuan", "Guizhou", "Yunnan", "Tibet", "Shaanxi", "Gansu",
          "Qinghai", "Ningxia", "Xinjiang")
  zh_full <- c("\u5317\u4eac\u5e02", "\u5929\u6d25\u5e02", "\u6cb3\u5317\u7701",
    "\u5c71\u897f\u7701", "\u5185\u8499\u53e4\u81ea\u6cbb\u533a",
    "\u8fbd\u5b81\u7701", "\u5409\u6797\u7701", "\u9ed1\u9f99\u6c5f\u7701",
    "\u4e0a\u6d77\u5e02", "\u6c5f\u82cf\u7701", "\u6d59\u6c5f\u7701",
    "\u5b89\u5fbd\u7701", "\u798f\u5efa\u7701", "\u6c5f\u897f\u7701",
    "\u5c71\u4e1c\u7701", "\u6cb3\u5357\u7701", "\u6e56\u5317\u7701",
    "\u6e56\u5357\u7701", "\u5e7f\u4e1c\u7701",
    "\u5e7f\u897f\u58ee\u65cf\u81ea\u6cbb\u533a", "\u6d77\u5357\u7701",
    "\u91cd\u5e86\u5e02", "\u56db\u5ddd\u7701", "\u8d35\u5dde\u7701",
    "\u4e91\u5357\u7701", "\u897f\u85cf\u81ea\u6cbb\u533a", "\u9655\u897f\u7701",
    "\u7518\u8083\u7701", "\u9752\u6d77\u7701",
    "\u5b81\u590f\u56de\u65cf\u81ea\u6cbb\u533a",
    "\u65b0\u7586\u7ef4\u543e\u5c14\u81ea\u6cbb\u533a")
  zh_short <- c("\u5317\u4eac", "\u5929\u6d25", "\u6cb3\u5317", "\u5c71\u897f",
    "\u5185\u8499\u53e4", "\u8fbd\u5b81", "\u5409\u6797", "\u9ed1\u9f99\u6c5f",
    "\u4e0a\u6d77", "\u6c5f\u82cf", "\u6d59\u6c5f", "\u5b89\u5fbd",
    "\u798f\u5efa", "\u6c5f\u897f", "\u5c71\u4e1c", "\u6cb3\u5357",
    "\u6e56\u5317", "\u6e56\u5357", "\u5e7f\u4e1c", "\u5e7f\u897f",
    "\u6d77\u5357", "\u91cd\u5e86", "\u56db\u5ddd", "\u8d35\u5dde",
    "\u4e91\u5357", "\u897f\u85cf", "\u9655\u897f", "\u7518\u8083",
    "\u9752\u6d77", "\u5b81\u590f", "\u65b0\u7586")
  zh_trad <- c("\u5317\u4eac\u5e02", "\u5929\u6d25\u5e02", "\u6cb3\u5317\u7701",
    "\u5c71\u897f\u7701", "\u5167\u8499\u53e4\u81ea\u6cbb\u5340",
    "\u907c\u5be7\u7701", "\u5409\u6797\u7701", "\u9ed1\u9f8d\u6c5f\u7701",
    "\u4e0a\u6d77\u5e02", "\u6c5f\u8607\u7701", "\u6d59\u6c5f\u7701",
    "\u5b89\u5fbd\u7701", "\u798f\u5efa\u7701", "\u6c5f\u897f\u7701",
    "\u5c71\u6771\u7701", "\u6cb3\u5357\u7701", "\u6e56\u5317\u7701",
    "\u6e56\u5357\u7701", "\u5ee3\u6771\u7701",
    "\u5ee3\u897f\u58ef\u65cf\u81ea\u6cbb\u5340", "\u6d77\u5357\u7701",
    "\u91cd\u6176\u5e02", "\u56db\u5ddd\u7701", "\u8cb4\u5dde\u7701",
    "\u96f2\u5357\u7701", "\u897f\u85cf\u81ea\u6cbb\u5340", "\u965d\u897f\u7701",
    "\u7518\u8085\u7701", "\u9752\u6d77\u7701",
    "\u5be7\u590f\u56de\u65cf\u81ea\u6cbb\u5340",
    "\u65b0\u7586\u7dad\u543e\u723e\u81ea\u6cbb\u5340")
  # English yearbook forms: the official English name, and the short forms
  # of the China Statistical Yearbook's tables.
  kind <- ifelse(code %in% c(11L, 12L, 31L, 50L), "Municipality", "Province")
  yearbook <- paste(en, kind)
  ar <- c(`15` = "Inner Mongolia Autonomous Region",
          `45` = "Guangxi Zhuang Autonomous Region",
          `54` = "Tibet Autonomous Region",
          `64` = "Ningxia Hui Autonomous Region",
          `65` = "Xinjiang Uygur Autonomous Region")
  yearbook[match(as.integer(names(ar)), code)] <- ar
  short_ar <- c(`15` = "Inner Mongolia A.R.", `45` = "Guangxi Zhuang",
                `54` = "Tibet A.R.", `64` = "Ningxia Hui",
                `65` = "Xinjiang Uygur")
  yearbook_short <- en
  yearbook_short[match(as.integer(names(short_ar)), code)] <- short_ar
  # pinyin official names (Hanyu pinyin, no tone marks)
  pinyin <- paste(en, ifelse(kind == "Municipality", "Shi", "Sheng"))
  py_ar <- c(`15` = "Nei Menggu Zizhiqu", `45` = "Guangxi Zhuangzu Zizhiqu",
             `54` = "Xizang Zizhiqu", `64` = "Ningxia Huizu Zizhiqu",
             `65` = "Xinjiang Weiwuer Zizhiqu")
  pinyin[match(as.integer(names(py_ar)), code)] <- py_ar
  data.frame(code, en, zh_full, zh_short, zh_trad, yearbook, yearbook_short,
             pinyin, stringsAsFactors = FALSE)
}

test_that("match_province() reads every province in every form", {
  f <- province_forms()
  expect_equal(china_provinces$code, f$code)
  forms <- c("en", "zh_full", "zh_short", "zh_trad", "yearbook",
             "yearbook_short", "pinyin")
  for (form in forms) {
    expect_equal(match_province(f[[form]]), f$code, label = form)
    expect_equal(match_province(toupper(f[[form]])), f$code, label = form)
    expect_equal(match_province(factor(f[[form]])), f$code, label = form)
  }
  expect_equal(match_province(f$code), f$code)
  expect_equal(match_province(f$code * 10000), f$code)
  expect_equal(match_province(sprintf("%d", f$code)), f$code)
  expect_equal(match_province(sprintf("%d0000", f$code)), f$code)
  # the ethnic part with or without the administrative suffix, in both
  # scripts, and other yearbook spellings
  other <- c(
    "Guangxi Zhuang Autonomous Region" = 45, "Guangxi Zhuang A.R." = 45,
    "Xinjiang Uyghur A.R." = 65, "Xinjiang Uighur Autonomous Region" = 65,
    "Xinjiang Uyghur" = 65, "Ningxia Hui A.R." = 64, "Ningxia Huizu" = 64,
    "Xizang Autonomous Region" = 54, "Tibet AR" = 54, "Xizang" = 54,
    "Nei Menggu" = 15, "Nei Mongol" = 15, "Nei Monggol" = 15,
    "Inner Mongolia AR" = 15, "Inner Mongolian Autonomous Region" = 15,
    "Shaanxi Province" = 61, "Chongqing Municipality" = 50,
    "Beijing Shi" = 11, "Beijing City" = 11, "Shanghai Municipality" = 31,
    "Hei Long Jiang" = 23, "hei long jiang sheng" = 23, "Shaan Xi" = 61,
    "\u5e7f\u897f\u58ee\u65cf" = 45, "\u5b81\u590f\u56de\u65cf" = 64,
    "\u65b0\u7586\u7ef4\u543e\u5c14" = 65, "\u5185\u8499" = 15,
    "\u5185\u8499\u53e4\u81ea\u6cbb\u533a" = 15,
    "\u897f\u85cf\u81ea\u6cbb\u533a" = 54,
    "\u5168\u89d2\u3000" = NA, # not a province at all
    "\u5185\u8499\u53e4\uff08\u81ea\u6cbb\u533a\uff09" = 15,
    "Anhui" = 34, "Anhui Province" = 34)
  got <- suppressWarnings(match_province(names(other), error = FALSE))
  expect_equal(got, unname(as.integer(other)))
})

test_that("match_province() leaves out what is not a province, on purpose", {
  # one-character abbreviations are ambiguous; Jilin City is a city of
  # Jilin; tone marks tell Shaanxi from Shanxi; counties are not provinces
  no <- c("\u4eac", "\u6842", "\u5b81", "\u5409\u6797\u5e02", "Jilin City",
          "Hebei City", "Sh\u01cenx\u012b", "\u5317\u4eac\u5e02\u4e1c\u57ce\u533a",
          "\u6cb3\u5317\u7701\u77f3\u5bb6\u5e84\u5e02", "Beijing Dongcheng",
          "\u5168\u56fd", "ar", "", "Shi")
  expect_warning(got <- match_province(no, error = FALSE),
                 class = "regineq_warning_province")
  expect_equal(got, rep(NA_integer_, length(no)))
})

test_that("error = FALSE names the unmatched values and their positions", {
  x <- c("Beijing", "Atlantis", NA, "Gondor", "Atlantis", "11")
  expect_warning(got <- match_province(x, error = FALSE),
                 class = "regineq_warning_province",
                 regexp = "\"Atlantis\" \\(positions 2, 5\\) and \"Gondor\" \\(position 4\\)")
  expect_equal(got, c(11L, NA, NA, NA, NA, 11L))
  # NA alone is NA, silently; so is a vector of matches
  expect_no_warning(expect_equal(match_province(c(NA, "Hebei"), error = FALSE),
                                 c(NA, 13L)))
  expect_no_warning(match_province(c(NA_character_, NA), error = FALSE))
  expect_equal(match_province(NA), NA_integer_)
  w <- tryCatch(match_province(c("Atlantis", "Gondor"), error = FALSE),
                warning = conditionMessage)
  expect_false(grepl("mainland", w))
  expect_snapshot(match_province(c("Hebei", "Atlantis", "Taiwan", "Atlantis"),
                                 error = FALSE))
})

# province_name() ------------------------------------------------------------

test_that("province_name() gives the canonical name in both languages", {
  f <- province_forms()
  for (form in c("en", "zh_full", "zh_short", "zh_trad", "yearbook",
                 "yearbook_short", "pinyin")) {
    expect_equal(province_name(f[[form]]), f$en, label = form)
    expect_equal(province_name(f[[form]], lang = "zh"), f$zh_short,
                 label = form)
  }
  expect_equal(province_name(f$code * 10000), f$en)
  expect_equal(province_name(rev(f$code), "zh"), rev(f$zh_short))
  expect_equal(province_name(c("Inner Mongolia A.R.", NA, "11")),
               c("Inner Mongolia", NA, "Beijing"))
  expect_equal(province_name(character()), character())
  expect_error(province_name(c("Beijing", "Gondor")),
               class = "regineq_error_value", regexp = "\"Gondor\"")
  expect_warning(got <- province_name(c("Gondor", "Hebei"), error = FALSE),
                 class = "regineq_warning_province", regexp = "position 1")
  expect_equal(got, c(NA, "Hebei"))
  expect_error(province_name("Beijing", lang = "fr"),
               class = "regineq_error_value", regexp = "`lang`")
  expect_error(province_name(list("Beijing")), class = "regineq_error_type")
  expect_error(province_name(), class = "regineq_error_argument")
})

test_that("province_name() and match_province() round-trip", {
  f <- province_forms()
  x <- unlist(f[c("en", "zh_full", "zh_trad", "yearbook_short", "pinyin")],
              use.names = FALSE)
  code <- match_province(x)
  expect_equal(match_province(province_name(code)), code)
  expect_equal(match_province(province_name(code, "zh")), code)
  expect_equal(province_name(match_province(x)), province_name(x))
  expect_equal(province_name(province_name(x, "zh")), province_name(x))
})

# The spelling warning ---------------------------------------------------------

test_that("a panel that spells a province two ways warns, naming both", {
  bj <- "\u5317\u4eac\u5e02"
  d <- data.frame(province = c(bj, "Hebei", "Tianjin", "Shanxi",
                               "Beijing", "Hebei", "Tianjin", "Shanxi"),
                  year = rep(c(2014, 2015), each = 4), score = c(3:6, 5:8))
  # the two spellings also make the panel unbalanced, which is said too
  expect_warning(expect_message(
    beta_convergence(d, "score", "province", "year"),
    class = "regineq_message_unbalanced"),
                 class = "regineq_warning_spelling",
                 regexp = paste0("\"", bj, "\" and \"Beijing\" \\(Beijing\\)"))
  w <- tryCatch(regineq:::new_panel(d, "province", "year"),
                warning = function(w) w)
  expect_s3_class(w, "regineq_warning_province")
  expect_match(conditionMessage(w),
               "unify_provinces(data, \"province\", \"year\")", fixed = TRUE)
  # factor ids, several provinces, and yearbook forms
  d2 <- data.frame(
    id = factor(c("Guangxi", "Guangxi Zhuang", "Inner Mongolia",
                  "\u5185\u8499\u53e4\u81ea\u6cbb\u533a", "Hebei")),
    year = 2015)
  expect_warning(regineq:::new_panel(d2, "id"),
                 regexp = paste0("\"Guangxi\" and \"Guangxi Zhuang\" ",
                                 "\\(Guangxi\\).*\\(Inner Mongolia\\)"),
                 class = "regineq_warning_spelling")
  expect_snapshot(invisible(regineq:::new_panel(d, "province", "year")))
})

test_that("the spelling warning stays silent where it has nothing to say", {
  expect_no_warning(regineq:::new_panel(nqpf_level, "province", "year"))
  expect_no_warning(regineq:::new_panel(nqpf_level, "province_zh", "year"))
  expect_no_warning(regineq:::new_panel(nqpf_potential, "province", "year"))
  expect_no_warning(regineq:::new_panel(nqpf_indicators, "province", "year"))
  # a clean panel in any one spelling
  f <- province_forms()
  for (form in c("zh_full", "yearbook_short")) {
    d <- data.frame(id = rep(f[[form]], 2), year = rep(1:2, each = 31))
    expect_no_warning(regineq:::new_panel(d, "id", "year"))
  }
  # numeric ids and digit strings are never read as codes here
  expect_no_warning(regineq:::new_panel(
    data.frame(id = c(11, 110000, 12), year = 1), "id", "year"))
  expect_no_warning(regineq:::new_panel(
    data.frame(id = c("11", "110000", "12"), year = 1), "id", "year"))
  # counties whose names contain province names are not provinces
  counties <- c("Beijing Dongcheng", "Beijing Xicheng", "Hebei Shijiazhuang",
                "\u5317\u4eac\u5e02\u4e1c\u57ce\u533a", "\u5409\u6797\u5e02",
                "\u5409\u6797\u7701", "Jilin City", "Shijiazhuang")
  expect_no_warning(regineq:::new_panel(data.frame(id = counties, t = 1), "id"))
  # ... unless two of the ids name the same province
  expect_warning(regineq:::new_panel(
    data.frame(id = c(counties, "Hebei", "Hebei Province"), t = 1), "id"),
    class = "regineq_warning_spelling", regexp = "\\(Hebei\\)")
  # ids that are not provinces at all, and no id column
  expect_no_warning(regineq:::new_panel(
    data.frame(id = c("a", "b", "Ar", "city"), t = 1), "id"))
  expect_no_warning(regineq:::new_panel(nqpf_level, time = "year",
                                        group = "region"))
})

test_that("large panels are checked only when provinces come first", {
  many <- sprintf("county_%04d", 1:1000)
  late <- data.frame(id = c(many, "Beijing", "\u5317\u4eac"), t = 1)
  expect_no_warning(regineq:::new_panel(late, "id"))
  early <- data.frame(id = c(china_provinces$name_en, many,
                             "\u5317\u4eac"), t = 1)
  expect_warning(regineq:::new_panel(early, "id"),
                 class = "regineq_warning_spelling",
                 regexp = "\"Beijing\" and \"\u5317\u4eac\"")
})

# unify_provinces() --------------------------------------------------------------

test_that("unify_provinces() writes one name per province", {
  bj <- "\u5317\u4eac\u5e02"
  d <- data.frame(province = c(bj, "Hebei", "Beijing", "Hebei Province"),
                  year = c(2014, 2014, 2015, 2015), score = c(3, 1, 4, 2))
  u <- unify_provinces(d, "province", "year")
  expect_equal(u$province, c("Beijing", "Hebei", "Beijing", "Hebei"))
  expect_equal(u[-1], d[-1])
  expect_no_warning(regineq:::new_panel(u, "province", "year"))
  zh <- unify_provinces(d, "province", lang = "zh")
  expect_equal(zh$province, c("\u5317\u4eac", "\u6cb3\u5317", "\u5317\u4eac",
                              "\u6cb3\u5317"))
  # the verbs then see two regions, not four
  expect_equal(regineq:::n_regions(regineq:::new_panel(u, "province", "year")),
               2L)
  expect_equal(suppressWarnings(regineq:::n_regions(
    regineq:::new_panel(d, "province", "year"))), 4L)
  # factors stay factors, codes become names, NA stays NA
  fu <- unify_provinces(transform(d, province = factor(province)), "province")
  expect_s3_class(fu$province, "factor")
  expect_equal(as.character(fu$province), u$province)
  expect_equal(sort(levels(fu$province)), c("Beijing", "Hebei"))
  nu <- unify_provinces(data.frame(code = c(11, 110000, 13, NA)), "code")
  expect_equal(nu$code, c("Beijing", "Beijing", "Hebei", NA))
})

test_that("unify_provinces() refuses what it would turn into duplicates", {
  bj <- "\u5317\u4eac\u5e02"
  d <- data.frame(province = c("Hebei", bj, "Beijing", "Beijing"),
                  year = c(2014, 2014, 2014, 2015), score = 1:4)
  expect_error(unify_provinces(d, "province", "year"),
               class = "regineq_error_duplicate",
               regexp = paste0("Beijing 2014.*rows 2, 3 \\(\"", bj,
                               "\", \"Beijing\"\\)"))
  expect_snapshot(error = TRUE, unify_provinces(d, "province", "year"))
  # without `time` there is nothing to check against
  expect_equal(unify_provinces(d, "province")$province,
               c("Hebei", "Beijing", "Beijing", "Beijing"))
  # the yearbook file that ships with the package has such rows
  raw <- read.csv(system.file("extdata", "province_indicators_raw.csv",
                              package = "regineq"), fileEncoding = "UTF-8")
  expect_error(unify_provinces(raw, "province", "year"),
               class = "regineq_error_duplicate", regexp = "rows")
})

test_that("unify_provinces() keeps what it can't match, and says so", {
  d <- data.frame(id = c("Beijing", "National", "\u9999\u6e2f", "Beijing"),
                  t = c(1, 1, 1, 2))
  expect_warning(u <- unify_provinces(d, "id", "t"),
                 class = "regineq_warning_province",
                 regexp = "\"National\" \\(row 2\\).*mainland")
  expect_equal(u$id, d$id)
  # rows, not factor levels, for factor columns; unmatched levels are kept
  f <- data.frame(id = factor(c("Beijing", "Zeta", "Zeta", "11")), t = 1:4)
  expect_warning(fu <- unify_provinces(f, "id"),
                 class = "regineq_warning_province",
                 regexp = "\"Zeta\" \\(rows 2, 3\\)")
  expect_equal(as.character(fu$id), c("Beijing", "Zeta", "Zeta", "Beijing"))
  expect_equal(levels(fu$id), c("Beijing", "Zeta"))
  expect_error(unify_provinces(d, "nope"), class = "regineq_error_column")
  expect_error(unify_provinces(d, "id", lang = "de"),
               class = "regineq_error_value")
  expect_error(unify_provinces(as.list(d), "id"), class = "regineq_error_type")
  expect_error(unify_provinces(d, "id", "nope"), class = "regineq_error_column")
})

test_that("the spelling warning comes once per call, however many panels", {
  d <- nqpf_level[nqpf_level$year >= 2019, ]
  d$province[d$province == "Beijing" & d$year < 2021] <- "\u5317\u4eac\u5e02"
  n <- 0
  count <- function(w) {
    n <<- n + 1
    invokeRestart("muffleWarning")
  }
  dir <- tempfile("regineq-spelling")
  withCallingHandlers(
    disparity_report(d, "score", "province", "year", group = "region",
                     dir = dir, nsim = 0),
    regineq_warning_spelling = count)
  expect_equal(n, 1)
  # two calls, two warnings
  n <- 0
  withCallingHandlers({
    beta_convergence(d, "score", "province", "year")
    beta_convergence(d, "score", "province", "year")
  }, regineq_warning_spelling = count,
  regineq_message_unbalanced = function(m) invokeRestart("muffleMessage"))
  expect_equal(n, 2)
  unlink(dir, recursive = TRUE)
})
