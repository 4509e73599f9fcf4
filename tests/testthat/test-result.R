test_that("a subset of a local Moran result plots exactly its own rows", {
  w <- china_weights(unique(nqpf_potential$province))
  ml <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
  one <- ml[ml$year == 2020, ]
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  on.exit({
    grDevices::dev.off()
    unlink(f)
  })
  drawn <- plot(one)
  ref <- nqpf_potential[nqpf_potential$year == 2020, ]
  expect_equal(drawn$value, ref$score[match(drawn$id, ref$province)])
  # the lag is W x, computed here from the dense weights
  W <- as.matrix(w)
  x <- ref$score[match(rownames(W), ref$province)]
  lag <- setNames(as.vector(W %*% x), rownames(W))
  expect_equal(drawn$lag, unname(lag[drawn$id]), tolerance = 1e-14)
  expect_equal(as.character(drawn$cluster), as.character(one$cluster))
  # the same rows from the whole result, and from the map
  expect_equal(plot(ml, year = 2020), drawn)
  expect_equal(plot(one, type = "map")$value, drawn$value)
  # a subset prints its own rows only
  out <- capture.output(print(one))
  expect_true(any(grepl(sprintf("%d rows", nrow(one)), out)))
})

test_that("results keep only whole-result metadata in attributes", {
  w <- china_weights(unique(nqpf_potential$province))
  ml <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
  info <- attr(ml, "regineq")
  expect_true(all(vapply(info, function(v) is.atomic(v) && length(v) <= 1,
                         TRUE)))
  expect_true(all(c("value", "lag") %in% names(ml)))
  expect_error(regineq:::new_result_df(data.frame(a = 1:20), "x",
                                       rows = 1:20), "internal")
  # a summary of a subset uses the subset's rows
  sc <- sigma_convergence(nqpf_potential, "score", "year")
  late <- sc[sc$year >= 2015, ]
  ref <- summary(lm(sigma ~ year, as.data.frame(late)))$coefficients
  expect_equal(summary(late)$slope, ref[2, 1])
  expect_s3_class(as.data.frame(late), "data.frame")
  expect_null(attr(as.data.frame(late), "regineq"))
})
