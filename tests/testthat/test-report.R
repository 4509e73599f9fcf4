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
                "moran_scatter.png", "lisa_map.png", "index.html")
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
  expect_false(any(grepl("dagum|moran", basename(out2))))
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
  expect_match(html, "Skipped: `score` has values &lt;= 0 \\(row 1")
  expect_false(file.exists(file.path(dir, "sigma.csv")))
  expect_true(file.exists(file.path(dir, "dagum_overall.csv")))
  expect_match(html, "Skipped: no `weights` were given")
  two <- nqpf_level[nqpf_level$year %in% 2014:2015, ]
  out2 <- disparity_report(two, "score", "province", "year",
                           dir = dir, overwrite = TRUE)
  beta <- utils::read.csv(file.path(dir, "beta.csv"))
  expect_equal(beta$form, c("cross_section", "panel"))
  html <- paste(readLines(file.path(dir, "index.html"), warn = FALSE),
                collapse = "")
  expect_match(html, "fixed-effects form is skipped")
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
