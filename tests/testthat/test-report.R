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
