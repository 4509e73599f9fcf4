#' Match Chinese province names and codes
#'
#' Maps every common spelling of a province to its GB/T 2260 code: full or
#' short Chinese names ("北京市", "北京"), English names
#' in any case and spacing ("Beijing", "beijing", "Inner Mongolia",
#' "Nei Mongol", "Xizang", "Guangxi Zhuang Autonomous Region"), and two- or
#' six-digit codes (11, "11", "110000").
#'
#' Names are matched leniently (case, spaces, punctuation and administrative
#' suffixes are ignored); codes strictly: a string matches a code only when,
#' trimmed, it is two digits or six digits ending in `0000`, and a number
#' only when it is exactly such a code, so `"1.1"` or `-11` match nothing.
#' Coverage is the 31 mainland provinces: Hong Kong, Macao and Taiwan (in
#' any spelling, or their codes 81, 82 and 71) match nothing, and the error
#' says so.
#'
#' @param x A character or numeric vector of province names or codes.
#' @param error If `TRUE` (default), unmatched values are an error that names
#'   them; if `FALSE`, they become `NA`.
#' @return An integer vector of two-digit codes (see [china_provinces]).
#' @references GB/T 2260, codes for the administrative divisions of the
#'   People's Republic of China.
#' @family spatial
#' @export
#' @examples
#' match_province(c("\u5317\u4eac\u5e02", "Beijing", "11", "110000",
#'                  "Nei Mongol", "\u5185\u8499\u53e4\u81ea\u6cbb\u533a"))
match_province <- function(x, error = TRUE) {
  check_required("x")
  check_flag(error, "error")
  if (!is.character(x) && !is.numeric(x) && !is.factor(x)) {
    abort("`x` must be province names or codes, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  num <- province_code_number(x)
  known <- regineq::china_provinces$code
  two <- num %in% known
  six <- num >= 1e5 & num %% 10000 == 0 & (num %/% 10000) %in% known
  by_code <- ifelse(two, num, ifelse(six, num %/% 10000, NA))
  key <- province_key(as.character(x))
  tab <- province_lookup()
  by_name <- tab$code[match(key, tab$key)]
  code <- ifelse(is.na(num), by_name, by_code)
  bad <- which(is.na(code) & !is.na(x))
  if (error && length(bad)) {
    shown <- if (is.numeric(x)) {
      vapply(x[bad], format, "", digits = 15, scientific = FALSE)
    } else as.character(x[bad])
    shown <- unique(shown)
    outside <- is_outside_mainland(num[bad], key[bad])
    abort("`x` has values that match no province: ", enum(shown, quote = "\""),
          ".", if (any(outside)) paste0(
            " Coverage is the 31 mainland provinces: Hong Kong, Macao and ",
            "Taiwan are not included."),
          class = "regineq_error_value")
  }
  as.integer(code)
}

#' Spatial weights for China's provinces
#'
#' Builds weights for any subset of China's 31 provinces, in the order of
#' `ids` and labelled by `ids` exactly as given (so they match the data's id
#' column; numeric codes are labelled by their digits, 500000 as
#' `"500000"`, as the moran functions read a numeric id column): contiguity from [china_contiguity] (with or without the
#' Hainan-Guangdong sea link), k nearest capitals, or inverse great-circle
#' distance between capitals.
#'
#' @param ids Province names or codes in any spelling [match_province()]
#'   understands; `NA` and `""` are errors.
#' @param type `"contiguity"`, `"knn"` or `"distance"`.
#' @param sea_links Include the Hainan-Guangdong sea link (contiguity only),
#'   so that Hainan is not an island.
#' @param style See [spatial_weights()].
#' @param k Number of neighbours for `type = "knn"`.
#' @param power Distance decay for `type = "distance"` (weight
#'   \eqn{d^{-power}}{d^(-power)}, d in km).
#' @return A `regineq_weights` object.
#' @references Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025). Study on potential
#'   measurement, temporal-spatial differences and strategic focus of
#'   development of new quality productive forces. Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30: its Table 3
#'   (global Moran's I of 29 provinces, 2010-2020) is reproduced with these
#'   contiguity weights. \doi{10.11835/j.issn.1008-5831.jg.2024.10.002}
#'
#'   GB/T 2260, codes for the administrative divisions of the People's
#'   Republic of China.
#' @family spatial
#' @export
#' @examples
#' w <- china_weights(unique(nqpf_potential$province))
#' w
china_weights <- function(ids, type = c("contiguity", "knn", "distance"),
                          sea_links = TRUE, style = c("W", "B", "none"),
                          k = 4, power = 1) {
  check_required("ids")
  type <- check_choice(type, c("contiguity", "knn", "distance"), "type")
  style <- check_choice(style, c("W", "B", "none"), "style")
  check_flag(sea_links, "sea_links")
  lab <- region_ids(ids, "ids")
  code <- match_province(ids)
  dup <- unique(lab[duplicated(code)])
  if (length(dup)) {
    abort("`ids` must name each province once: ", enum(dup, quote = "\""),
          " repeat a province.", class = "regineq_error_duplicate")
  }
  if (type == "contiguity") {
    adj <- regineq::china_contiguity
    if (!sea_links) adj <- adj[adj$type == "land", ]
    keep <- adj$from %in% code & adj$to %in% code
    i <- match(adj$from[keep], code)
    j <- match(adj$to[keep], code)
    return(build_weights(lab, c(i, j), c(j, i), rep(1, 2 * sum(keep)), style,
                         source = paste0("China's provincial contiguity (",
                                         if (sea_links) "with" else "without",
                                         " the Hainan-Guangdong sea link)")))
  }
  prov <- regineq::china_provinces
  prov <- prov[match(code, prov$code), ]
  xy <- data.frame(prov$capital_lon, prov$capital_lat)
  if (type == "knn") {
    w <- knn_weights(xy, k = k, ids = lab, longlat = TRUE, style = style)
    w$source <- paste(w$source, "between provincial capitals")
    return(w)
  }
  w <- distance_weights(xy, power = power, ids = lab, longlat = TRUE,
                        style = style)
  w$source <- paste(w$source, "between provincial capitals")
  w
}

# Private ---------------------------------------------------------------------

# The number a province code is written as, or NA when `x` is not written
# as a code: numbers only when whole and positive, strings only when
# (trimmed) two digits or six digits (the leading digit of six is then
# non-zero, so "000011" is no code).
province_code_number <- function(x) {
  if (is.numeric(x)) {
    x <- as.double(x)
    return(ifelse(is.finite(x) & x == round(x) & x > 0, x, NA_real_))
  }
  s <- trimws(as.character(x))
  digits <- !is.na(s) & grepl("^([0-9]{2}|[1-9][0-9]{5})$", s)
  out <- rep(NA_real_, length(s))
  out[digits] <- as.double(s[digits])
  out
}

# Values that name Hong Kong, Macao or Taiwan (by `province_key()` or by
# code), which are outside the 31 mainland provinces.
is_outside_mainland <- function(num, key) {
  zh <- paste0("^(\u9999\u6e2f|\u6fb3\u95e8|\u6fb3\u9580|",
               "\u53f0\u6e7e|\u53f0\u7063|\u81fa\u7063|\u81fa\u6e7e)")
  en <- "^(hongkong|xianggang|macau|macao|aomen|taiwan|chinesetaipei)"
  num %in% c(71, 81, 82, 710000, 810000, 820000) |
    grepl(zh, key) | grepl(en, key)
}

# Lower-case, no spaces or punctuation, no administrative suffixes.
province_key <- function(x) {
  x <- tolower(trimws(x))
  x <- gsub("[[:space:][:punct:]]", "", x)
  zh_suffix <- paste0("(\u58ee\u65cf|\u56de\u65cf|\u7ef4\u543e\u5c14)?",
                      "\u81ea\u6cbb\u533a$|(\u7701|\u5e02)$")
  x <- sub(zh_suffix, "", x)
  en_suffix <- paste0("(zhuang|hui|uygur|uyghur|uighur)?",
                      "(autonomousregion|zizhiqu)$|",
                      "(province|municipality|city|shi|sheng)$")
  sub(en_suffix, "", x)
}

province_lookup <- function() {
  p <- regineq::china_provinces
  extra <- data.frame(
    key = c("neimongol", "neimenggu", "innermongolia", "xizang", "tibet",
            "shensi", "shansi", "peking"),
    code = c(15L, 15L, 15L, 54L, 54L, 61L, 14L, 11L))
  tab <- rbind(data.frame(key = province_key(p$name_en), code = p$code),
               data.frame(key = province_key(p$name_zh), code = p$code),
               extra)
  tab[!duplicated(tab$key), ]
}
