test_that("disparity_report() writes every table, figure and the summary", {
  dir <- file.path(tempdir(), "regineq-report-test")
  on.exit(unlink(dir, recursive = TRUE))
  w <- china_weights(unique(nqpf_level$province))
  out <- disparity_report(nqpf_level, "score", "province", "year",
                          group = "region", weights = w, dir = dir, nsim = 49)
  expected <- c("summary.csv", "trend.png", "dagum_overall.csv",
                "dagum_within.csv", "dagum_between.csv", "dagum.png",
                "theil.csv", "theil.png", "sigma.csv", "sigma.png",
                "beta.csv", "density.csv", "density.png",
                "moran_global.csv", "moran_global.png", "moran_local.csv",
                "moran_scatter.png", "lisa_map.png", "markov.csv",
                "markov.png", "hotspots.csv", "hotspot_map.png",
                "spatial_markov.csv", "spatial_markov.png", "index.html")
  expect_true(all(expected %in% basename(out)))
  expect_true(all(file.exists(out)))
  expect_true(all(file.size(out) > 0))
  dg <- utils::read.csv(file.path(dir, "dagum_overall.csv"))
  expect_equal(dg$gini, dagum_gini(nqpf_level, "score", "region",
                                   "year")$overall$gini, tolerance = 1e-12)
  html <- readLines(file.path(dir, "index.html"), warn = FALSE)
  expect_true(any(grepl("Dagum Gini decomposition", html)))
  expect_true(any(grepl("lisa_map.png", html, fixed = TRUE)))
  # without groups or weights: fewer files, still a page
  dir2 <- file.path(tempdir(), "regineq-report-test2")
  on.exit(unlink(dir2, recursive = TRUE), add = TRUE)
  out2 <- disparity_report(nqpf_potential, "score", "province", "year",
                           dir = dir2)
  expect_false(any(grepl("dagum|moran|hotspot|spatial_markov",
                         basename(out2))))
  # the classic Markov chain needs no weights
  expect_true(all(c("markov.csv", "markov.png") %in% basename(out2)))
  expect_true(file.exists(file.path(dir2, "index.html")))
  expect_error(disparity_report(nqpf_level, "score", "province", "year"),
               regexp = "dir")
})

test_that("disparity_report() leaves the session's random stream alone", {
  w <- china_weights(unique(nqpf_potential$province))
  dir <- file.path(tempdir(), "regineq-report-rng")
  on.exit(unlink(dir, recursive = TRUE))
  run <- function(...) {
    unlink(dir, recursive = TRUE)
    disparity_report(nqpf_potential, "score", "province", "year",
                     weights = w, dir = dir, ...)
    utils::read.csv(file.path(dir, "moran_global.csv"))$p_sim
  }
  # seed = NULL: draws from the user's stream, as any R function does
  set.seed(42)
  a <- run(nsim = 99)
  after_a <- .Random.seed
  set.seed(42)
  b <- run(nsim = 99)
  expect_identical(a, b)
  set.seed(42)
  expect_false(identical(after_a, .Random.seed))
  # a given seed: applied inside, and .Random.seed restored exactly
  set.seed(7)
  before <- .Random.seed
  c1 <- run(nsim = 99, seed = 1)
  expect_identical(.Random.seed, before)
  c2 <- run(nsim = 99, seed = 1)
  expect_identical(c1, c2)
  c3 <- run(nsim = 99, seed = 2)
  expect_false(identical(c1, c3))
  # ... also when the session had no random stream yet
  rm(".Random.seed", envir = globalenv())
  run(nsim = 9, seed = 1)
  expect_false(exists(".Random.seed", envir = globalenv()))
  # nsim = 0 never touches it
  run(nsim = 0)
  expect_false(exists(".Random.seed", envir = globalenv()))
  set.seed(3)
  before <- .Random.seed
  run(nsim = 0)
  expect_identical(.Random.seed, before)
})

test_that("a failing step of the report is named in the error", {
  dir <- file.path(tempdir(), "regineq-report-step")
  on.exit(unlink(dir, recursive = TRUE))
  w <- china_weights(unique(nqpf_potential$province))
  d <- nqpf_potential[nqpf_potential$province != "Hebei", ]
  e <- tryCatch(disparity_report(d, "score", "province", "year", weights = w,
                                 dir = dir, nsim = 0),
                regineq_error = function(e) e)
  expect_s3_class(e, "regineq_error_value")
  expect_match(conditionMessage(e),
               "^Step \"Global Moran's I\" failed: `weights` has regions")
  expect_equal(e$step, "Global Moran's I")
  expect_identical(conditionCall(e)[[1]], as.name("disparity_report"))
})

test_that("the report runs on zeros and two periods, skipping with reasons", {
  dir <- file.path(tempdir(), "regineq-report-skip")
  on.exit(unlink(dir, recursive = TRUE))
  d <- nqpf_level
  d$score[1] <- 0
  out <- disparity_report(d, "score", "province", "year", group = "region",
                          dir = dir)
  html <- paste(readLines(file.path(dir, "index.html"), warn = FALSE),
                collapse = "")
  expect_has(html, "Skipped: <code>score</code> has values &lt;= 0 (row 1")
  expect_false(file.exists(file.path(dir, "sigma.csv")))
  expect_true(file.exists(file.path(dir, "dagum_overall.csv")))
  expect_has(html, "Skipped: no <code>weights</code> were given")
  two <- nqpf_level[nqpf_level$year %in% 2014:2015, ]
  out2 <- disparity_report(two, "score", "province", "year",
                           dir = dir, overwrite = TRUE)
  beta <- utils::read.csv(file.path(dir, "beta.csv"))
  expect_equal(beta$form, c("cross_section", "panel"))
  html <- paste(readLines(file.path(dir, "index.html"), warn = FALSE),
                collapse = "")
  expect_has(html, "The fixed-effects panel form is skipped")
})

test_that("an existing report is kept unless overwrite = TRUE", {
  dir <- file.path(tempdir(), "regineq-report-exists")
  on.exit(unlink(dir, recursive = TRUE))
  dir.create(dir)
  writeLines("mine", file.path(dir, "index.html"))
  writeLines("notes", file.path(dir, "notes.txt"))
  expect_error(disparity_report(nqpf_potential, "score", "province", "year",
                                dir = dir),
               class = "regineq_error_exists", regexp = "`index.html`")
  expect_equal(readLines(file.path(dir, "index.html")), "mine")
  disparity_report(nqpf_potential, "score", "province", "year", dir = dir,
                   overwrite = TRUE)
  expect_false(identical(readLines(file.path(dir, "index.html"))[1], "mine"))
  expect_equal(readLines(file.path(dir, "notes.txt")), "notes")
  # nothing of the temporary directory is left
  expect_equal(list.files(dir, all.files = TRUE, no.. = TRUE,
                          pattern = "^\\.regineq"), character())
})

test_that("a failed report leaves nothing behind and names what failed", {
  dir <- file.path(tempdir(), "regineq-report-fail")
  on.exit(unlink(dir, recursive = TRUE))
  w <- china_weights(unique(nqpf_potential$province))
  d <- nqpf_potential[nqpf_potential$province != "Hebei", ]
  expect_error(disparity_report(d, "score", "province", "year", weights = w,
                                dir = dir, nsim = 0),
               class = "regineq_error_value")
  expect_equal(list.files(dir, all.files = TRUE, no.. = TRUE), character())
  # a directory that can't be written
  skip_on_os("windows")
  if (Sys.info()[["user"]] == "root") {
    # root writes anywhere: a path under a regular file fails for everyone
    bad <- file.path(tempfile(), "sub")
    file.create(dirname(bad))
  } else {
    bad <- file.path(tempdir(), "regineq-readonly")
    dir.create(bad)
    Sys.chmod(bad, "0555")
  }
  expect_error(disparity_report(nqpf_potential, "score", "province", "year",
                                dir = bad),
               class = "regineq_error_write")
})

test_that("dir must be a usable path", {
  for (bad in list("", NA_character_, NA, c("a", "b"), 1)) {
    expect_error(disparity_report(nqpf_potential, "score", "province", "year",
                                  dir = bad),
                 class = "regineq_error_type", regexp = "`dir` must be a path")
  }
})

test_that("the page states its settings and reads the numbers it shows", {
  dir <- file.path(tempdir(), "regineq-report-settings")
  on.exit(unlink(dir, recursive = TRUE))
  w <- china_weights(unique(nqpf_level$province))
  expect_message(
    disparity_report(nqpf_level, "score", "province", "year", group = "region",
                     weights = w, dir = dir, nsim = 99, seed = 5,
                     alpha = 0.1, p_adjust = "BH"),
    "Report written to .*index.html")
  html <- read_page(dir)
  for (s in c("Permutations</td><td class=\"txt\">99",
              "Significance level</td><td class=\"txt\">0.1",
              "seed 5", "with the Hainan-Guangdong sea link",
              "style W", "BH", "one-sided, for positive autocorrelation")) {
    expect_has(html, s)
  }
  # p-values formatted, never long decimals
  expect_has(html, "&lt; 0.001")
  expect_false(grepl("0\\.0000", html))
  # each beta sentence follows the sign and significance of its estimate
  beta <- utils::read.csv(file.path(dir, "beta.csv"))
  verdicts <- regmatches(html, gregexpr(
    "(not significant|negative and significant|positive and significant)",
    html))[[1]]
  want <- ifelse(beta$p_value > 0.1, "not significant",
                 ifelse(beta$beta < 0, "negative and significant",
                        "positive and significant"))
  expect_equal(verdicts, want)
  expect_has(html, "<code>province</code> (unit) fixed effects")
  # the local Moran labels use alpha and the adjustment
  ml <- utils::read.csv(file.path(dir, "moran_local.csv"))
  p <- stats::ave(ml$p_sim, ml$year, FUN = function(v) p.adjust(v, "BH"))
  expect_equal(ml$cluster != "Not significant", p <= 0.1)
  # hot and cold spots: Gi* with the same alpha and adjustment, and the
  # sentence counts the last year's labels of the CSV
  gs <- utils::read.csv(file.path(dir, "hotspots.csv"))
  pg <- stats::ave(gs$p_sim, gs$year, FUN = function(v) p.adjust(v, "BH"))
  expect_equal(gs$cluster != "Not significant", pg <= 0.1)
  expect_true(all(gs$cluster[pg <= 0.1] %in% c("Hot spot", "Cold spot")))
  g23 <- gs[gs$year == 2023, ]
  ref <- suppressWarnings(getis_local(nqpf_level, "score", w, "province",
                                      "year", star = TRUE, nsim = 0))
  expect_equal(gs$G, ref$G, tolerance = 1e-12)
  expect_has(html, sprintf("In 2023, %d regions are significant hot spots",
                           sum(g23$cluster == "Hot spot")))
  expect_has(html, sprintf("and %d are cold spots",
                           sum(g23$cluster == "Cold spot")))
  # Markov: the shares of stays and moves come from the CSV's counts
  mk <- utils::read.csv(file.path(dir, "markov.csv"))
  tot <- sum(mk$count)
  expect_has(html, sprintf(
    "Of %d transitions between consecutive periods, %.1f%% stay in their class, %.1f%% move up and %.1f%% move down",
    tot, 100 * sum(mk$count[mk$from == mk$to]) / tot,
    100 * sum(mk$count[mk$to > mk$from]) / tot,
    100 * sum(mk$count[mk$to < mk$from]) / tot))
  ref <- suppressWarnings(markov_chain(nqpf_level, "score", "province",
                                       "year", method = "quantile_period"))
  expect_equal(mk$count, ref$transitions$count)
  # spatial Markov: the verdict follows both tests at alpha = 0.1
  sm <- suppressWarnings(spatial_markov(nqpf_level, "score", "province",
                                        "year", w,
                                        method = "quantile_period"))
  h <- sm$homogeneity
  expect_has(html, sprintf("Q = %.2f, LR = %.2f, df = %d", h$statistic[1],
                           h$statistic[2], as.integer(h$df[1])))
  sig <- h$p_value <= 0.1
  expect_has(html, if (all(sig)) "probabilities differ significantly" else
    if (!any(sig)) "do not differ significantly" else "by one of the two")
  expect_equal(utils::read.csv(file.path(dir, "spatial_markov.csv"))$count,
               sm$transitions$count)
})

test_that("the Markov sections are skipped with a reason, or say NA rows", {
  dir <- file.path(tempdir(), "regineq-report-markov")
  on.exit(unlink(dir, recursive = TRUE))
  few <- nqpf_level[nqpf_level$province %in%
                      unique(nqpf_level$province)[1:6], ]
  suppressMessages(disparity_report(few, "score", "province", "year",
                                    dir = dir))
  expect_has(read_page(dir), paste(
    "Skipped: a Markov chain of 4 classes needs at least 8 regions, not 6"))
  one <- nqpf_level[nqpf_level$year == 2023, ]
  suppressMessages(disparity_report(one, "score", "province", "year",
                                    dir = dir, overwrite = TRUE))
  expect_has(read_page(dir),
             "Skipped: a Markov chain needs at least two periods")
  # an empty row is named, never a NaN
  tx <- report_text("en")
  mk <- suppressWarnings(markov_chain(
    data.frame(id = rep(1:8, 2), t = rep(1:2, each = 8),
               v = c(1:8, 1:8)), "v", "id", "t", method = "breaks",
    breaks = c(0, 2, 4, 6, 8, 100)))
  txt <- regineq:::markov_reading(tx, mk, "v")
  empty <- rownames(mk$counts)[rowSums(mk$counts) == 0]
  expect_true(length(empty) > 0)
  expect_has(txt, sprintf("Classes without transitions out (%s) have NA rows",
                          paste(empty, collapse = ", ")))
  # every region stays: an absorbing class is said so, not "Inf periods"
  expect_match(txt, "The most persistent class is [0-9]+: no region left it")
  expect_false(grepl("NaN|Inf", txt))
})

test_that("lang = \"zh\" writes every heading, sentence and header in Chinese", {
  dir <- file.path(tempdir(), "regineq-report-zh")
  on.exit(unlink(dir, recursive = TRUE))
  withr::local_options(regineq.cjk_font = TRUE)
  w <- china_weights(unique(nqpf_level$province))
  suppressMessages(disparity_report(nqpf_level, "score", "province", "year",
                                    group = "region", weights = w, dir = dir,
                                    nsim = 19, lang = "zh", seed = 1))
  html <- read_page(dir)
  zh <- report_text("zh")
  en <- report_text("en")
  for (k in c("title", "settings", "h_scores", "h_dagum", "h_theil",
              "h_sigma", "h_beta", "h_density", "h_mg", "h_markov",
              "h_smarkov")) {
    expect_has(html, zh[[k]])
    expect_false(grepl(paste0(">", en[[k]], "<"), html, fixed = TRUE))
  }
  expect_has(html, sprintf(zh$h_hot, "2023"))
  # cluster tables in Chinese
  expect_has(html, "<td class=\"txt\">\u70ed\u70b9</td>")
  expect_has(html, "<td class=\"txt\">\u9ad8-\u9ad8</td>")
  expect_false(grepl(">Hot spot<", html, fixed = TRUE))
  expect_false(grepl("of 4 classes|transitions between", html))
  expect_has(html, ">\u57fa\u5c3c\u7cfb\u6570</th>")
  expect_false(grepl("Cross-section beta", html, fixed = TRUE))
  expect_false(grepl("The Gini coefficient", html, fixed = TRUE))
})

test_that("long tables are cut with a link to the full CSV", {
  dir <- file.path(tempdir(), "regineq-report-long")
  on.exit(unlink(dir, recursive = TRUE))
  set.seed(2)
  d <- expand.grid(id = paste0("r", 1:6), year = 1971:2020)
  d$v <- stats::rexp(nrow(d)) + 0.1
  suppressMessages(disparity_report(d, "v", "id", "year", dir = dir))
  html <- read_page(dir)
  expect_has(html, paste0("First 20 of 50 rows; the full table is in ",
                          "<a href=\"summary.csv\">"))
  expect_equal(nrow(utils::read.csv(file.path(dir, "summary.csv"))), 50L)
})

test_that("geometry = gives a LISA map outside China", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  dir <- file.path(tempdir(), "regineq-report-geo")
  on.exit(unlink(dir, recursive = TRUE))
  fx <- columbus_fixture()
  geo <- sf::st_read(system.file("shapes/columbus.shp", package = "spData"),
                     quiet = TRUE)
  geo$rid <- as.character(seq_len(nrow(geo)))
  d <- rbind(data.frame(rid = geo$rid, year = 1, v = geo$CRIME),
             data.frame(rid = geo$rid, year = 2, v = geo$HOVAL))
  w <- spatial_weights(fx$nb, ids = geo$rid)
  suppressMessages(disparity_report(d, "v", "rid", "year", weights = w,
                                    dir = dir, nsim = 19, geometry = geo,
                                    geometry_id = "rid"))
  expect_true(file.exists(file.path(dir, "lisa_map.png")))
  unlink(dir, recursive = TRUE)
  suppressMessages(disparity_report(d, "v", "rid", "year", weights = w,
                                    dir = dir, nsim = 19))
  expect_false(file.exists(file.path(dir, "lisa_map.png")))
})

test_that("sf polygons as weights: contiguity required, ids and map from them", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  skip_if_not_installed("spdep")
  dir <- file.path(tempdir(), "regineq-report-sfw")
  on.exit(unlink(c(dir, paste0(dir, 2)), recursive = TRUE))
  geo <- sf::st_read(system.file("shapes/columbus.shp", package = "spData"),
                     quiet = TRUE)
  geo$rid <- paste0("r", geo$POLYID)
  d <- rbind(data.frame(rid = geo$rid, year = 1, v = geo$CRIME),
             data.frame(rid = geo$rid, year = 2, v = geo$HOVAL))
  expect_error(disparity_report(d, "v", "rid", "year", weights = geo,
                                dir = dir, nsim = 0),
               class = "regineq_error_argument", regexp = "contiguity")
  # rook and queen differ on columbus; each equals the weights built by hand
  for (type in c("queen", "rook")) {
    unlink(dir, recursive = TRUE)
    suppressMessages(disparity_report(d, "v", "rid", "year", weights = geo,
                                      contiguity = type, dir = dir,
                                      nsim = 0))
    got <- utils::read.csv(file.path(dir, "moran_global.csv"))
    w <- spatial_weights(geo, id = "rid", contiguity = type)
    ref <- as.data.frame(moran_global(d, "v", w, "rid", "year"))
    expect_equal(got$I, ref$I, tolerance = 1e-12)
    # the polygons draw the map when `geometry` is not given
    expect_true(file.exists(file.path(dir, "lisa_map.png")))
  }
  q <- as.data.frame(moran_global(d, "v", spatial_weights(
    geo, id = "rid", contiguity = "queen"), "rid", "year"))
  expect_false(isTRUE(all.equal(q$I, got$I)))
  # ids from `geometry_id` when the polygons have no column named like `id`
  names(geo)[names(geo) == "rid"] <- "code"
  suppressMessages(disparity_report(d, "v", "rid", "year", weights = geo,
                                    contiguity = "rook", dir = paste0(dir, 2),
                                    geometry_id = "code", nsim = 0))
  got2 <- utils::read.csv(file.path(paste0(dir, 2), "moran_global.csv"))
  expect_equal(got2$I, got$I, tolerance = 1e-12)
})

test_that("disparity_report() states an unbalanced panel once", {
  u <- unbalanced_level()
  b <- balanced_by_hand(u)
  w <- china_weights(unique(u$province))
  dir <- file.path(tempdir(), "regineq-report-unbalanced")
  on.exit(unlink(dir, recursive = TRUE))
  # all rows: one sentence in the settings, none of the verbs' messages,
  # and Moran's I (which needs every region in every period) skipped
  got <- catch_messages(disparity_report(u, "score", "province", "year",
                                         group = "region", weights = w,
                                         dir = dir, nsim = 0))
  expect_length(got$messages, 1L)
  expect_match(conditionMessage(got$messages[[1]]), "Report written")
  html <- read_page(dir)
  expect_has(html, paste0("unbalanced: 2 of 30 regions lack periods ",
                          "(<code>Beijing</code> (2015 and 2016); ",
                          "<code>Hainan</code> (2023))"))
  expect_has(html, "every analysis uses all available rows of each period")
  expect_has(html, "Moran's I needs every region in every period")
  expect_false(file.exists(file.path(dir, "moran_global.csv")))
  th <- utils::read.csv(file.path(dir, "theil.csv"))
  ref <- suppressMessages(theil(u, "score", "region", "year"))
  expect_equal(th$theil, ref$overall$theil, tolerance = 1e-12)
  # balanced = TRUE: every analysis, Moran's I included, on the 28 regions
  unlink(dir, recursive = TRUE)
  got <- catch_messages(disparity_report(u, "score", "province", "year",
                                         group = "region", weights = w,
                                         dir = dir, nsim = 0,
                                         balanced = TRUE))
  expect_length(got$messages, 1L)
  html <- read_page(dir)
  expect_has(html, "balanced subset of the 28 regions present in every period")
  th <- utils::read.csv(file.path(dir, "theil.csv"))
  expect_equal(th$theil, theil(b, "score", "region", "year")$overall$theil,
               tolerance = 1e-12)
  mg <- utils::read.csv(file.path(dir, "moran_global.csv"))
  ref <- moran_global(b, "score", china_weights(unique(b$province)),
                      "province", "year", nsim = 0)
  expect_equal(mg$I, ref$I, tolerance = 1e-12)
  summ <- utils::read.csv(file.path(dir, "summary.csv"))
  expect_equal(tapply(summ$n, summ$year, sum),
               tapply(rep(1L, nrow(b)), b$year, sum))
  # the same sentence in Chinese; balanced data say so
  unlink(dir, recursive = TRUE)
  suppressMessages(disparity_report(u, "score", "province", "year",
                                    dir = dir, lang = "zh"))
  html <- read_page(dir)
  expect_has(html, "\u975e\u5e73\u8861\uff1a2 \u4e2a\u5730\u533a")
  expect_has(html, "(2015 \u548c 2016)")
  unlink(dir, recursive = TRUE)
  suppressMessages(disparity_report(nqpf_level, "score", "province", "year",
                                    dir = dir))
  expect_has(read_page(dir), "balanced: every region in every period")
})

test_that("boot = and population = : intervals, and significant only when an interval excludes 0", {
  dir <- file.path(tempdir(), "regineq-report-boot")
  on.exit(unlink(dir, recursive = TRUE))
  d <- nqpf_level
  set.seed(11)
  d$pop <- round(stats::runif(nrow(d), 100, 10000))
  suppressMessages(disparity_report(d, "score", "province", "year",
                                    group = "region", dir = dir, boot = 199,
                                    level = 0.9, population = "pop",
                                    seed = 2))
  html <- read_page(dir)
  expect_has(html, "Population weights</td><td class=\"txt\">column <code>pop</code>")
  expect_has(html, "199 replicates resampling regions")
  expect_has(html, "90% percentile intervals")
  # the tables are the population-weighted verbs'
  o <- utils::read.csv(file.path(dir, "dagum_overall.csv"))
  dg <- dagum_gini(d, "score", "region", "year", population = "pop")
  expect_equal(o$gini, dg$overall$gini, tolerance = 1e-12)
  th <- utils::read.csv(file.path(dir, "theil.csv"))
  expect_equal(th$theil, theil(d, "score", "region", "year",
                               population = "pop")$overall$theil,
               tolerance = 1e-12)
  # the same seed gives the same replicates as disparity_ci() by hand
  ch <- utils::read.csv(file.path(dir, "dagum_ci_change.csv"))
  set.seed(2)
  ci <- disparity_ci(dagum_gini(d, "score", "region", "year", id = "province",
                                population = "pop"), R = 199, level = 0.9)
  expect_equal(ch$lower, ci$changes$lower, tolerance = 1e-12)
  # every verdict follows its interval, in the order of the sentences
  parts <- c("gini", "within", "between", "transvariation")
  ch <- ch[is.na(ch$group) & ch$statistic %in% parts, ]
  ch <- ch[match(parts, ch$statistic), ]
  sec <- regmatches(html, regexpr("From 2014 to 2023, with 90%[^<]*", html))
  verdicts <- regmatches(sec, gregexpr("(not significant|significant) \\(",
                                       sec))[[1]]
  want <- ifelse(ch$lower > 0 | ch$upper < 0, "significant (",
                 "not significant (")
  expect_equal(verdicts, want)
  # a bound near 0 is printed with its sign, never as 0.0000
  expect_false(grepl("[[-]0\\.0000[],]", sec))
  for (f in c("dagum_ci.csv", "dagum_ci_change.csv", "theil_ci.csv",
              "sigma_ci.csv", "dagum_ci.png", "dagum_ci_change.png")) {
    expect_true(file.exists(file.path(dir, f)), label = f)
  }
  # without boot there is no interval section, and no population row value
  dir2 <- file.path(tempdir(), "regineq-report-noboot")
  on.exit(unlink(dir2, recursive = TRUE), add = TRUE)
  suppressMessages(disparity_report(d, "score", "province", "year",
                                    group = "region", dir = dir2))
  html2 <- read_page(dir2)
  expect_false(grepl("bootstrap intervals", html2, fixed = TRUE))
  expect_has(html2, "none (every region counts equally)")
  expect_false(file.exists(file.path(dir2, "dagum_ci.csv")))
  expect_error(disparity_report(d, "score", "province", "year", dir = dir2,
                                boot = -1), class = "regineq_error_value")
  expect_error(disparity_report(d, "score", "province", "year", dir = dir2,
                                level = 1), class = "regineq_error_value")
  expect_error(disparity_report(d, "score", "province", "year", dir = dir2,
                                population = "nope", overwrite = TRUE),
               class = "regineq_error")
})

test_that("the change sentences in Chinese follow the same intervals", {
  withr::local_options(regineq.cjk_font = TRUE)
  tx <- report_text("zh")
  # above 0, across 0, below 0
  ch <- data.frame(from = "2014", to = "2023",
                   estimate = c(0.1, -0.02, -0.03),
                   lower = c(2e-5, -0.05, -0.05), upper = c(0.2, 0.01, -0.01))
  s <- ci_reading(tx, ch, c("G", "Gt", "Gw"), 0.95)
  expect_match(s, "2.00e-05", fixed = TRUE)
  expect_equal(lengths(regmatches(s, gregexpr(tx$v_ci_sig, s, fixed = TRUE))),
               2L)
  expect_equal(lengths(regmatches(s, gregexpr(tx$v_ci_ns, s, fixed = TRUE))),
               1L)
})
