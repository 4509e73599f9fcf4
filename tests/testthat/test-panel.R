test_that("periods are put in time order, whatever their type", {
  d <- data.frame(id = rep(c("a", "b", "c"), 4), v = 1:12 + 0.5)
  years <- c(2, 10, 11, 1)
  want <- c(1, 2, 10, 11)
  # numbers, text that reads as numbers, factors and Dates
  as_num <- transform(d, t = rep(years, each = 3))
  as_txt <- transform(d, t = as.character(rep(years, each = 3)))
  as_fac <- transform(d, t = factor(rep(years, each = 3), levels = want))
  as_date <- transform(d, t = as.Date("2000-01-01") + rep(years, each = 3))
  for (x in list(as_num, as_txt, as_fac, as_date)) {
    s <- sigma_convergence(x, "v", "t")
    expect_equal(as.character(s$t),
                 as.character(unique(x$t)[order(unique(as_num$t))]))
    expect_equal(s$mean, vapply(c(4, 1, 2, 3), function(k) {
      mean(d$v[(k - 1) * 3 + 1:3])
    }, 1))
  }
  # a factor's level order is the time order, not the alphabet
  fac <- transform(d, t = factor(rep(c("late", "early", "mid", "later"),
                                     each = 3),
                                 levels = c("early", "mid", "late", "later")))
  expect_equal(as.character(sigma_convergence(fac, "v", "t")$t),
               c("early", "mid", "late", "later"))
  # other text in one fixed order on every machine
  txt <- transform(d, t = rep(c("b", "B", "a", "A"), each = 3))
  expect_equal(sigma_convergence(txt, "v", "t")$t, c("A", "B", "a", "b"))
})

test_that("period labels that name the same period are refused", {
  d <- data.frame(id = c("a", "b", "a", "b"), t = c("2015", "2015", "2015.0",
                                                    "2015.0"), v = 1:4)
  expect_error(gini(d, "v", time = "t"), class = "regineq_error_duplicate",
               regexp = "\"2015\" and \"2015.0\"")
})

test_that("key arguments must name different columns", {
  d <- nqpf_level
  expect_error(beta_convergence(d, "score", "year", "year"),
               class = "regineq_error_value",
               regexp = "`id` and `time` must name different columns")
  expect_error(dagum_gini(d, "score", "year", "year"),
               class = "regineq_error_value", regexp = "`time` and `group`")
})

test_that("numeric ids keep their exact value as text", {
  expect_equal(regineq:::id_strings(c(500000, 110000, 3)),
               c("500000", "110000", "3"))
  expect_error(regineq:::id_strings(c(0.1 + 0.2, 0.3)),
               class = "regineq_error_value", regexp = "can't be told apart")
})

test_that("periods mixing numbers and other text get a warning", {
  d <- data.frame(id = rep(c("a", "b"), 3), v = 1:6,
                  t = rep(c("2014\u5e74", "2015", "2016"), each = 2))
  expect_warning(s <- sigma_convergence(d, "v", "t"),
                 class = "regineq_warning_time", regexp = "ordered as text")
  expect_equal(nrow(s), 3L)
})

test_that("an unbalanced panel gets one message naming regions and periods", {
  u <- unbalanced_level()
  expect_message(gini(u, "score", time = "year", id = "province"),
                 class = "regineq_message_unbalanced",
                 regexp = paste0("2 of 30 regions lack some periods: ",
                                 "`Beijing` \\(2015 and 2016\\) and ",
                                 "`Hainan` \\(2023\\)"))
  got <- catch_messages(gini(u, "score", time = "year", id = "province"))
  expect_length(got$messages, 1L)
  expect_s3_class(got$messages[[1]], "regineq_message")
  expect_match(conditionMessage(got$messages[[1]]),
               "`gini()` uses all available rows", fixed = TRUE)
  expect_equal(got$messages[[1]]$balance$complete,
               !unique(u$province) %in% c("Beijing", "Hainan"))
  # without an id only the number of rows per period is known
  expect_message(gini(u, "score", time = "year"),
                 class = "regineq_message_unbalanced",
                 regexp = paste0("30 at most, but 29 in period 2015, 29 in ",
                                 "2016 and 29 in 2023"))
  expect_snapshot({
    invisible(gini(u, "score", time = "year", id = "province"))
    invisible(gini(u, "score", time = "year", id = "province",
                   balanced = TRUE))
    invisible(gini(u, "score", time = "year"))
  })
  # a long list is cut after five regions
  many <- nqpf_level[!(nqpf_level$province %in% unique(nqpf_level$province)[
    1:7] & nqpf_level$year == 2020), ]
  expect_message(gini(many, "score", time = "year", id = "province"),
                 class = "regineq_message_unbalanced",
                 regexp = "`Jiangsu` \\(2020\\) and 2 more\\.")
})

test_that("balanced panels, and the bundled data, get no message", {
  expect_silent(gini(nqpf_level, "score", time = "year", id = "province"))
  expect_silent(gini(nqpf_level, "score", "region", "year"))
  expect_silent(dagum_gini(nqpf_level, "score", "region", "year"))
  expect_silent(sigma_convergence(nqpf_potential, "score", "year"))
  expect_silent(beta_convergence(nqpf_potential, "score", "province", "year"))
  expect_silent(kernel_density(nqpf_level, "score", "year"))
  expect_silent(composite_index(nqpf_indicators, nqpf_spec, "province",
                                "year"))
  # one period is never unbalanced
  one <- nqpf_level[nqpf_level$year == 2023, ]
  expect_silent(gini(one[-1, ], "score", time = "year", id = "province"))
})

test_that("balanced = TRUE needs an id and at least one complete region", {
  u <- unbalanced_level()
  expect_error(gini(u, "score", time = "year", balanced = TRUE),
               class = "regineq_error_argument",
               regexp = "`balanced = TRUE` needs `id`")
  expect_error(gini(u, "score", time = "year", id = "province",
                    balanced = NA),
               class = "regineq_error_type", regexp = "`balanced`")
  stair <- data.frame(id = c("a", "b", "c", "d"), t = c(1, 1, 2, 2),
                      v = c(1, 2, 3, 4))
  expect_error(suppressMessages(gini(stair, "v", time = "t", id = "id",
                                     balanced = TRUE)),
               class = "regineq_error_size",
               regexp = "none of the 4 regions")
})

test_that("panel_subset() keeps level order and the original row labels", {
  d <- data.frame(id = c("a", "b", "c", "a", "b", "c"), t = rep(1:2, each = 3),
                  g = c("x", "y", "x", "x", "y", "x"), v = 1:6)
  pan <- new_panel(d, "id", "t", "g")
  sub <- panel_subset(pan, c(1L, 3L, 4L, 6L))
  expect_equal(sub$id$levels, c("a", "c"))
  expect_equal(sub$id$code, c(1L, 2L, 1L, 2L))
  expect_equal(sub$group$levels, "x")
  expect_equal(sub$time$code, c(1L, 1L, 2L, 2L))
  expect_equal(sub$labels(2L), "c 1")
  expect_equal(sub$n, 4L)
  expect_null(panel_balance(sub))
  bal <- panel_balance(new_panel(d[-5, ], "id", "t"))
  expect_equal(bal$complete, c(TRUE, FALSE, TRUE))
  expect_equal(bal$per_period, c(3L, 2L))
})

test_that("key columns are coded as match(x, unique(x)), whatever their type", {
  key_codes <- regineq:::key_codes
  set.seed(11)
  brute <- function(x) {
    if (is.factor(x)) {
      lev <- levels(droplevels(x))
      return(list(code = match(as.character(x), lev), levels = lev))
    }
    lev <- unique(x)
    list(code = match(x, lev), levels = lev)
  }
  big <- sample(5000L, 20000L, TRUE) # thousands of levels: the table grows
  cases <- list(
    int = c(3L, -1L, 3L, .Machine$integer.max, -.Machine$integer.max, -1L),
    big = big, big_chr = paste0("r", big),
    dbl = c(2015, -0, 0, 2015.5, 1e300, -0, 2015),
    lgl = c(TRUE, FALSE, TRUE),
    chr = c("b", "a", "\u5317\u4eac", "b", "\u5317\u4eac"),
    named = c(x = "p", y = "q", z = "p"),
    date = as.Date("2020-01-01") + c(3, 1, 3, 0),
    posix = as.POSIXct("2020-01-01", tz = "UTC") + c(60, 0, 60),
    fac = factor(c("m", "k", "m"), levels = c("z", "m", "k")),
    difftime = as.difftime(c(2, 1, 2), units = "days"))
  for (nm in names(cases)) {
    expect_identical(key_codes(cases[[nm]]), brute(cases[[nm]]), info = nm)
  }
  # -0 and 0 are one value; the levels keep the first spelling's bits
  expect_identical(key_codes(c(-0, 0))$code, c(1L, 1L))
  # one string in two encodings is one value to unique(): the hashed codes,
  # which tell the two CHARSXPs apart, are not used
  e_utf8 <- "caf\u00e9"
  e_latin1 <- iconv(e_utf8, "UTF-8", "latin1")
  expect_identical(Encoding(c(e_utf8, e_latin1)), c("UTF-8", "latin1"))
  mixed <- c(e_utf8, "x", e_latin1)
  expect_identical(key_codes(mixed), brute(mixed))
  expect_identical(key_codes(mixed)$code, c(1L, 2L, 1L))
  # in a panel keyed by such a column, rows 1 and 3 are one region
  d <- data.frame(id = mixed, v = c(1, 2, 3))
  expect_error(regineq:::new_panel(d, id = "id"),
               class = "regineq_error_duplicate", regexp = "rows 1, 3")
})

test_that("match_ids() and has_duplicates() agree with match() and anyDuplicated()", {
  match_ids <- regineq:::match_ids
  has_duplicates <- regineq:::has_duplicates
  e_utf8 <- "caf\u00e9"
  e_latin1 <- iconv(e_utf8, "UTF-8", "latin1")
  # an ASCII table (hashed in C) with a repeated entry: the first counts
  ascii <- c("a", "b", NA, "b", "c10", "")
  # a table with a non-ASCII entry (R's match(), which translates)
  table <- c(ascii, e_utf8)
  xs <- list(ascii = c("c10", "b", "zz", NA, "a", "", "b", "NA"),
             other_encoding = c(e_latin1, "a", e_utf8),
             absent_non_ascii = c("a", iconv("\u00fcber", "UTF-8", "latin1")),
             empty = character(), numbers = c(3, 1))
  for (nm in names(xs)) {
    for (tb in list(ascii, table)) {
      expect_identical(match_ids(xs[[nm]], tb), match(xs[[nm]], tb),
                       info = nm)
    }
  }
  expect_identical(match_ids(c("b", NA), ascii), c(2L, 3L))
  expect_identical(match_ids(c(e_latin1, "x"), c("x", e_latin1)), 2:1)
  expect_identical(match_ids("a", character()), NA_integer_)
  # 5,000 ids, shuffled
  ids <- sprintf("r%04d", 1:5000)
  set.seed(1)
  sh <- sample(ids)
  expect_identical(match_ids(sh, ids), match(sh, ids))
  for (x in list(ids, c(ids, "r0017"), c(e_utf8, "x", e_latin1),
                 c(e_utf8, "x"), c("a", NA, NA), 1:3, c(1, 2, 1),
                 character())) {
    expect_identical(has_duplicates(x), anyDuplicated(x) > 0L)
  }
  # data ids in one encoding, the weights' in another: aligned as the
  # same regions
  m <- grid_weights(2, 2)
  u <- c(e_utf8, "b", "c", "d")
  dimnames(m) <- list(u, u)
  w <- spatial_weights(m)
  d <- data.frame(id = c("d", "c", e_latin1, "b"), v = c(4, 1, 3, 2))
  expect_identical(moran_local(d, "v", w, "id", nsim = 0)$id,
                   d$id[c(3, 4, 2, 1)])
})

test_that("period codes follow time order for every type of time column", {
  time_key <- regineq:::time_key
  cases <- list(num = c(2016, 2014, 2015, 2014), int = c(9L, 3L, 9L),
                txt = c("2016", "2014", " 2015", "2014"),
                other = c("b", "B", "a", "b"),
                date = as.Date("2020-01-01") + c(3, 1, 3, 0))
  for (nm in names(cases)) {
    tv <- cases[[nm]]
    k <- suppressWarnings(time_key(tv, length(tv), "t"))
    lev <- unique(tv)
    o <- if (nm == "txt") order(as.double(lev)) else
      order(lev, method = "radix")
    expect_identical(k$levels, lev[o], info = nm)
    expect_identical(k$code, match(tv, lev[o]), info = nm)
  }
})

test_that("a repeated region-period is found in dense and in sparse panels", {
  # dense: a bitmap of the cells; sparse (cells far outnumber the rows):
  # hashing. Both name the same first repeat.
  dense <- data.frame(id = c(1:5, 1:5, 3L), t = c(rep(1:2, each = 5), 2L),
                      v = 1)
  expect_error(regineq:::new_panel(dense, "id", "t"),
               class = "regineq_error_duplicate",
               regexp = "`3 2` appears in rows 8, 11")
  sparse <- data.frame(id = c(1:40, 7L), t = c(seq(1, 4e6, 1e5), 6e5 + 1),
                       v = stats::runif(41))
  sparse$t[41] <- sparse$t[7]
  pan <- regineq:::new_panel(sparse[-41, ], "id", "t")
  expect_true(is.na(.Call(regineq:::C_regineq_first_duplicate, pan$time$code,
                          pan$id$code, 40L, 4e4L)))
  expect_error(regineq:::new_panel(sparse, "id", "t"),
               class = "regineq_error_duplicate",
               regexp = "appears in rows 7, 41")
  # the bitmap finds the first row that repeats an earlier one
  a <- c(1L, 2L, 1L, 2L, 1L)
  b <- c(1L, 1L, 2L, 1L, 2L)
  first <- function(a, b) .Call(regineq:::C_regineq_first_duplicate, a, b,
                                max(a), max(b))
  expect_identical(first(a, b), which(duplicated(paste(a, b)))[1L])
  expect_identical(first(1:3, 1:3), 0L)
  # no rows: no levels and no repeat (a panel of an empty data frame)
  expect_identical(.Call(regineq:::C_regineq_first_duplicate, integer(),
                         integer(), 0L, 0L), 0L)
})
