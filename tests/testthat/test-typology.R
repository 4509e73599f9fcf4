test_that("rd_typology() follows Li and Feng (2025)'s thresholds", {
  d <- data.frame(p = c("Beijing", "Shanghai", "Guangdong", "Hubei", "Gansu",
                        "edge4", "edge2"),
                  gdp = c(20.03, 19.03, 10.2, 9.5, 4.79, 8, 6),
                  rd = c(6.73, 4.34, 3.54, 2.5, 1.3, 4, 2))
  ty <- rd_typology(d, "gdp", "rd")
  expect_equal(as.character(ty$type), c("I", "I", "II", "III", "IV", "II",
                                        "IV"))
  expect_true(is.ordered(ty$type))
  t2 <- rd_typology(d, "gdp", "rd", thresholds = 3, labels = c("high", "low"))
  expect_equal(as.character(t2$type), c("high", "high", "high", "low", "low",
                                        "high", "low"))
  expect_error(rd_typology(d, "gdp", "rd", thresholds = c(2, 3)),
               class = "regineq_error_value")
  expect_error(rd_typology(d, "gdp", "rd", labels = "I"),
               class = "regineq_error_value")
  d$rd[2] <- NA
  expect_error(rd_typology(d, "gdp", "rd"), class = "regineq_error_missing",
               regexp = "row 2")
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  expect_invisible(plot(ty))
  grDevices::dev.off()
  unlink(f)
})

test_that("type labels must be distinct", {
  d <- data.frame(g = c(1, 2), r = c(5, 1))
  expect_error(rd_typology(d, "g", "r", labels = c("I", "II", "II", "IV")),
               class = "regineq_error_duplicate", regexp = "\"II\"")
})

test_that("typologies print the type counts and the first rows", {
  d <- data.frame(g = 1:12, r = (1:12) / 2)
  out <- capture.output(print(rd_typology(d, "g", "r"), n = 3))
  expect_match(out[1], "I = 4, II = 2, III = 2, IV = 4")
  expect_length(out, 6)
})
