test_that("spatial_weights() reads matrices, edge lists, nb and listw alike", {
  m <- matrix(c(0, 1, 1, 0,
                1, 0, 1, 0,
                1, 1, 0, 1,
                0, 0, 1, 0), 4, byrow = TRUE,
              dimnames = list(letters[1:4], letters[1:4]))
  w <- spatial_weights(m)
  expect_s3_class(w, "regineq_weights")
  expect_equal(as.matrix(w), m / rowSums(m))
  e <- spatial_weights(data.frame(from = c("a", "a", "b", "c"),
                                  to = c("b", "c", "c", "d")))
  expect_equal(as.matrix(e), as.matrix(w))
  b <- spatial_weights(m, style = "B")
  expect_equal(as.matrix(b), m)
  expect_true(b$symmetric)
  expect_output(print(w), "4 regions, 8 links")
  sub <- spatial_weights(w, ids = c("d", "c", "a"))
  expect_equal(as.matrix(sub), {
    s <- m[c("d", "c", "a"), c("d", "c", "a")]
    s / rowSums(s)
  })
  isl <- spatial_weights(data.frame(from = "a", to = "b"), ids = c("a", "b", "z"))
  expect_equal(isl$islands, "z")
})

test_that("spdep nb and listw convert faithfully", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  lw <- spdep::nb2listw(fx$nb, style = "W")
  w <- spatial_weights(lw)
  expect_equal(unname(as.matrix(w)), unname(spdep::listw2mat(lw)))
  w2 <- spatial_weights(fx$nb)
  expect_equal(unname(as.matrix(w2)), unname(spdep::listw2mat(lw)))
  if (requireNamespace("Matrix", quietly = TRUE)) {
    sm <- Matrix::Matrix(spdep::listw2mat(lw), sparse = TRUE)
    expect_equal(unname(as.matrix(spatial_weights(sm, style = "none"))),
                 unname(spdep::listw2mat(lw)))
  }
})

test_that("bad weights get clear errors", {
  expect_error(spatial_weights(matrix(1, 2, 3)), class = "regineq_error_value",
               regexp = "square")
  m <- matrix(c(0, NA, 1, 0), 2, dimnames = list(c("a", "b"), c("a", "b")))
  expect_error(spatial_weights(m), class = "regineq_error_missing",
               regexp = "NA at b -> a")
  m <- matrix(c(0, -1, 1, 0), 2, dimnames = list(c("a", "b"), c("a", "b")))
  expect_error(spatial_weights(m), class = "regineq_error_value",
               regexp = "non-negative.*b -> a")
  expect_error(spatial_weights("x"), class = "regineq_error_type")
  expect_error(spatial_weights(data.frame(a = 1)), class = "regineq_error_column")
  expect_error(knn_weights(cbind(1:3, 1:3), k = 5, longlat = FALSE),
               class = "regineq_error_value")
  expect_error(knn_weights(cbind(c(1, NA), 1:2), k = 1),
               class = "regineq_error_missing")
})

# Sparse Matrix input ---------------------------------------------------------

test_that("a sparse Matrix of every class reads as its dense matrix", {
  skip_if_not_installed("Matrix")
  ids <- letters[1:5]
  # an asymmetric weights matrix and a symmetric one, as triplets
  ai <- c(1, 1, 2, 3, 3, 4, 5, 5)
  aj <- c(2, 3, 1, 2, 4, 5, 1, 4)
  ax <- c(1, 2, 3, 4, 5, 6, 7, 8)
  A <- dense_from_triplets(ai, aj, ax, 5, ids)
  S <- A + t(A)
  check <- function(x, ref) {
    w <- spatial_weights(x, style = "none")
    expect_equal(unname(as.matrix(w)), unname(ref))
    expect_equal(length(w$col), sum(ref != 0))
    # and row-standardised exactly as the dense matrix is
    expect_equal(unname(as.matrix(spatial_weights(x))),
                 unname(as.matrix(spatial_weights(ref))))
  }
  dgc <- Matrix::sparseMatrix(i = ai, j = aj, x = ax, dims = c(5, 5))
  expect_s4_class(dgc, "dgCMatrix")
  check(dgc, A)
  dsc <- Matrix::Matrix(S, sparse = TRUE)
  expect_s4_class(dsc, "dsCMatrix")
  expect_identical(dsc@uplo, "U")
  check(dsc, S)
  dsl <- Matrix::forceSymmetric(dsc, uplo = "L")
  expect_s4_class(dsl, "dsCMatrix")
  expect_identical(dsl@uplo, "L")
  check(dsl, S)
  # duplicated triplets are summed, as Matrix itself reads them
  di <- c(ai, 1, 1)
  dj <- c(aj, 2, 2)
  dx <- c(ax, 10, 0.5)
  dgt <- Matrix::sparseMatrix(i = di, j = dj, x = dx, dims = c(5, 5),
                              repr = "T")
  expect_s4_class(dgt, "dgTMatrix")
  check(dgt, dense_from_triplets(di, dj, dx, 5))
  # pattern and logical entries are weight 1
  ngc <- Matrix::sparseMatrix(i = ai, j = aj, dims = c(5, 5))
  expect_s4_class(ngc, "ngCMatrix")
  check(ngc, (A != 0) * 1)
  lgc <- Matrix::sparseMatrix(i = ai, j = aj, x = TRUE, dims = c(5, 5))
  expect_s4_class(lgc, "lgCMatrix")
  check(lgc, (A != 0) * 1)
  dge <- Matrix::Matrix(A, sparse = FALSE)
  expect_s4_class(dge, "dgeMatrix")
  check(dge, A)
  dsy <- Matrix::Matrix(S, sparse = FALSE)
  expect_s4_class(dsy, "dsyMatrix")
  check(dsy, S)
  # dimnames of a sparse Matrix are the ids
  named <- Matrix::Matrix(S, sparse = TRUE, dimnames = list(ids, ids))
  expect_equal(spatial_weights(named)$ids, ids)
  # triangular and diagonal matrices with an implicit unit diagonal read as
  # their dense form does
  dtc <- Matrix::sparseMatrix(i = c(1, 1, 2), j = c(2, 3, 3), x = c(2, 3, 4),
                              dims = c(3, 3), triangular = TRUE)
  dtc@diag <- "U"
  expect_s4_class(dtc, "dtCMatrix")
  expect_equal(as.matrix(spatial_weights(dtc, style = "none")),
               as.matrix(spatial_weights(as.matrix(dtc), style = "none")))
  ddi <- Matrix::Diagonal(3)
  expect_equal(as.matrix(spatial_weights(ddi, style = "none")),
               as.matrix(spatial_weights(as.matrix(ddi), style = "none")))
  # an explicitly stored zero is no link
  z <- Matrix::sparseMatrix(i = c(1, 2, 3), j = c(2, 1, 1), x = c(1, 1, 0),
                            dims = c(3, 3))
  expect_true(0 %in% z@x)
  wz <- spatial_weights(z, style = "none")
  expect_equal(length(wz$col), 2L)
  expect_equal(wz$islands, "3")
})

# Ids -------------------------------------------------------------------------

test_that("numeric ids are their exact digits wherever weights are built", {
  code <- c(110000, 500000, 510000)
  ch <- c("110000", "500000", "510000")
  e <- spatial_weights(data.frame(from = code[c(1, 2)], to = code[c(2, 3)]))
  expect_equal(e$ids, ch)
  m <- matrix(c(0, 1, 0, 1, 0, 1, 0, 1, 0), 3)
  expect_equal(spatial_weights(m, ids = code)$ids, ch)
  nb <- structure(list(2L, c(1L, 3L), 2L), class = "nb", region.id = code)
  expect_equal(spatial_weights(nb)$ids, ch)
  expect_equal(spatial_weights(nb, ids = code)$ids, ch)
  # an edge list may use numbers and its `ids` text, or the other way round
  e2 <- spatial_weights(data.frame(from = code[1], to = code[2]),
                        ids = c(ch, "620000"))
  expect_equal(e2$islands, c("510000", "620000"))
  expect_equal(knn_weights(cbind(1:3, 0), k = 1, ids = code,
                           longlat = FALSE)$ids, ch)
  # an edge list may mix numeric and text ends
  mixed <- spatial_weights(data.frame(from = code[2], to = "110000"))
  expect_equal(mixed$ids, c("500000", "110000"))
  mixed2 <- spatial_weights(data.frame(from = factor("110000"), to = code[2]))
  expect_equal(mixed2$ids, c("110000", "500000"))
  sub <- spatial_weights(e, ids = c(500000, 110000))
  expect_equal(sub$ids, c("500000", "110000"))
  expect_equal(unname(as.matrix(sub)), matrix(c(0, 1, 1, 0), 2))
  # numbers that print alike can't be told apart
  expect_error(spatial_weights(data.frame(from = 0.1 + 0.2, to = 0.3)),
               class = "regineq_error_value", regexp = "told apart")
})

test_that("weights built from numeric ids match data with the same numbers", {
  code <- c(110000, 120000, 130000, 500000)
  w <- spatial_weights(data.frame(from = code[c(1, 1, 2, 3)],
                                  to = code[c(2, 3, 3, 4)]))
  d <- data.frame(id = code, v = c(1, 4, 2, 8))
  wc <- spatial_weights(data.frame(from = c("a", "a", "b", "c"),
                                   to = c("b", "c", "c", "d")))
  dc <- data.frame(id = c("a", "b", "c", "d"), v = d$v)
  expect_equal(moran_global(d, "v", w, "id", nsim = 0)$I,
               moran_global(dc, "v", wc, "id", nsim = 0)$I)
})

test_that("NA and empty region ids are refused, naming the position", {
  m <- matrix(c(0, 1, 1, 0), 2)
  expect_error(spatial_weights(m, ids = c("a", NA)),
               class = "regineq_error_missing", regexp = "NA at position 2")
  expect_error(spatial_weights(m, ids = c(1, NA)),
               class = "regineq_error_missing", regexp = "position 2")
  expect_error(spatial_weights(m, ids = c("", "b")),
               class = "regineq_error_missing", regexp = "\"\" at position 1")
  expect_error(spatial_weights(`dimnames<-`(m, list(c("a", NA), c("a", NA)))),
               class = "regineq_error_missing", regexp = "dimnames.*position 2")
  expect_error(spatial_weights(data.frame(from = c("a", NA), to = c("b", "a"))),
               class = "regineq_error_missing",
               regexp = "column `from` has NA in row 2")
  expect_error(spatial_weights(data.frame(from = c("a", "b"), to = c("b", ""))),
               class = "regineq_error_missing",
               regexp = "column `to` has \"\" in row 2")
  expect_error(spatial_weights(data.frame(from = c(1, 2), to = c(2, NA))),
               class = "regineq_error_missing", regexp = "`to`.*row 2")
  expect_error(spatial_weights(data.frame(from = "a", to = "b"),
                               ids = c("a", "b", NA)),
               class = "regineq_error_missing", regexp = "position 3")
  expect_error(knn_weights(cbind(1:3, 0), k = 1, ids = c("a", NA, "c"),
                           longlat = FALSE),
               class = "regineq_error_missing", regexp = "position 2")
})

test_that("`ids` labels the rows of a matrix in the order given", {
  m <- matrix(c(0, 1, 0,
                1, 0, 3,
                0, 3, 0), 3, byrow = TRUE)
  a <- spatial_weights(m, ids = c("x", "y", "z"), style = "none")
  b <- spatial_weights(m, ids = c("z", "y", "x"), style = "none")
  expect_equal(as.matrix(a)["y", "z"], 3)
  expect_equal(as.matrix(b)["y", "x"], 3)
  expect_equal(as.matrix(b)["y", "z"], 1)
})

test_that("`style` changes the values: W rows sum to 1, B are 1, none raw", {
  m <- matrix(c(0, 2, 1,
                2, 0, 0,
                1, 0, 0), 3, byrow = TRUE)
  expect_equal(unname(as.matrix(spatial_weights(m, style = "none"))), m)
  expect_equal(unname(as.matrix(spatial_weights(m, style = "B"))), (m > 0) * 1)
  expect_equal(unname(as.matrix(spatial_weights(m, style = "W"))),
               m / rowSums(m))
  # a regineq_weights object is subset in the order of `ids` and restyled
  # from its raw values
  dimnames(m) <- list(c("a", "b", "c"), c("a", "b", "c"))
  wn <- spatial_weights(m, style = "none")
  for (o in list(c("c", "a", "b"), c("b", "a"), c("a", "c"))) {
    expect_equal(as.matrix(spatial_weights(wn, ids = o)), m[o, o])
  }
  w <- spatial_weights(m, style = "W")
  expect_equal(as.matrix(spatial_weights(w, style = "none")), m)
})

# Edge lists ------------------------------------------------------------------

test_that("`symmetric` completes an edge list or keeps its direction", {
  e <- data.frame(from = c("a", "b", "c"), to = c("b", "c", "a"),
                  weight = c(1, 2, 3))
  ref <- dense_from_triplets(c(1, 2, 3), c(2, 3, 1), c(1, 2, 3), 3,
                             c("a", "b", "c"))
  directed <- spatial_weights(e, style = "none", symmetric = FALSE)
  expect_equal(as.matrix(directed), ref)
  expect_false(directed$symmetric)
  both <- spatial_weights(e, style = "none", symmetric = TRUE)
  expect_equal(as.matrix(both), ref + t(ref))
  expect_true(both$symmetric)
  # a pair given both ways with one weight is read once
  two_way <- rbind(e, data.frame(from = "b", to = "a", weight = 1))
  expect_equal(as.matrix(spatial_weights(two_way, style = "none")),
               ref + t(ref))
  expect_error(spatial_weights(e, symmetric = NA), class = "regineq_error_type")
})

test_that("edge lists refuse conflicting, repeated and non-numeric links", {
  e <- data.frame(from = c("a", "b", "b"), to = c("b", "c", "a"),
                  weight = c(1, 2, 5))
  expect_error(spatial_weights(e), class = "regineq_error_value",
               regexp = "pair a - b different weights.*1 in row 1, 5 in row 3")
  # the same pair both ways is fine when directed
  expect_equal(spatial_weights(e, symmetric = FALSE, style = "none")$raw,
               c(1, 5, 2))
  rep2 <- data.frame(from = c("a", "b", "a"), to = c("b", "c", "b"),
                     weight = c(1, 2, 4))
  for (sym in c(TRUE, FALSE)) {
    expect_error(spatial_weights(rep2, symmetric = sym),
                 class = "regineq_error_duplicate",
                 regexp = "a -> b is in rows 1 and 3 with different weights")
  }
  expect_error(spatial_weights(rep2[c(1, 2, 1), ]),
               class = "regineq_error_duplicate", regexp = "rows 1 and 3")
  chr <- data.frame(from = "a", to = "b", weight = "1")
  expect_error(spatial_weights(chr), class = "regineq_error_type",
               regexp = "column `weight` is a character")
  fct <- data.frame(from = "a", to = "b", weight = factor(2))
  expect_error(spatial_weights(fct), class = "regineq_error_type",
               regexp = "column `weight` is a factor")
})

test_that("a large edge list equals its dense matrix", {
  w <- spatial_weights(grid_edges(30, 40))
  expect_equal(as.matrix(w), {
    m <- grid_weights(30, 40)
    m / rowSums(m)
  })
})

# nb and listw ----------------------------------------------------------------

test_that("malformed nb and listw are classed errors naming the region", {
  nb <- structure(list(2L, c(1L, 3L), 2L, 0L), class = "nb",
                  region.id = c("a", "b", "c", "d"))
  expect_equal(spatial_weights(nb)$islands, "d")
  expect_error(spatial_weights(nb, ids = c("a", "b", "c")),
               class = "regineq_error_value",
               regexp = "one id per region of `x` \\(4\\), not 3")
  bad <- nb
  bad[[2]] <- c(1L, 7L)
  expect_error(spatial_weights(bad), class = "regineq_error_value",
               regexp = "region \"b\" \\(position 2\\) lists 7.*1\\.\\.4")
  bad[[2]] <- c(1L, -1L)
  expect_error(spatial_weights(bad), class = "regineq_error_value",
               regexp = "lists -1")
  bad[[2]] <- c(1L, NA)
  expect_error(spatial_weights(bad), class = "regineq_error_value",
               regexp = "lists NA")
  bad[[2]] <- c(1, 2.5)
  expect_error(spatial_weights(bad), class = "regineq_error_value",
               regexp = "lists 2.5")
  bad[[2]] <- "a"
  expect_error(spatial_weights(bad), class = "regineq_error_type",
               regexp = "region \"b\"")
  short <- structure(list(2L, 1L), class = "nb", region.id = c("a", "b", "c"))
  expect_error(spatial_weights(short), class = "regineq_error_value",
               regexp = "region.id")
  lw <- structure(list(style = "W", neighbours = nb,
                       weights = list(1, c(0.5, 0.5), 1, NULL)),
                  class = c("listw", "nb"))
  expect_equal(unname(as.matrix(spatial_weights(lw))),
               dense_from_triplets(c(1, 2, 2, 3), c(2, 1, 3, 2),
                                   c(1, 0.5, 0.5, 1), 4))
  # a region without neighbours has no weights to read, whatever is stored
  lw_isl <- lw
  lw_isl$weights[[4]] <- 0
  expect_equal(as.matrix(spatial_weights(lw_isl)), as.matrix(spatial_weights(lw)))
  # a neighbour listed twice is one link listed twice
  twice <- nb
  twice[[2]] <- c(1L, 3L, 1L)
  expect_error(spatial_weights(twice), class = "regineq_error_duplicate",
               regexp = "b -> a appears more than once")
  lw_twice <- lw
  lw_twice$neighbours <- twice
  lw_twice$weights[[2]] <- c(0.25, 0.5, 0.25)
  expect_error(spatial_weights(lw_twice), class = "regineq_error_duplicate")
  lw_short <- lw
  lw_short$weights <- lw$weights[1:3]
  expect_error(spatial_weights(lw_short), class = "regineq_error_size",
               regexp = "4 regions, `weights` 3")
  lw_bad <- lw
  lw_bad$weights[[2]] <- 0.5
  expect_error(spatial_weights(lw_bad), class = "regineq_error_size",
               regexp = "region \"b\" \\(position 2\\) has 2 neighbours and 1")
  lw_chr <- lw
  lw_chr$weights[[3]] <- "1"
  expect_error(spatial_weights(lw_chr), class = "regineq_error_type",
               regexp = "region \"c\"")
})

# Edited weights ----------------------------------------------------------------

test_that("an edited weights object is refused in R, with what is wrong", {
  w <- spatial_weights(grid_weights(3, 3))
  d <- grid_panel()
  ref <- moran_global(d, "v", w, "id", nsim = 0)
  edits <- list(
    list(function(w) { w$col[1] <- 99L; w }, "`col` must hold.*0\\.\\.8"),
    list(function(w) { w$col <- w$col[-1]; w }, "`rowptr` must end"),
    list(function(w) { w$rowptr <- NULL; w }, "no `rowptr`"),
    list(function(w) { w$rowptr[3] <- 1L; w }, "non-decreasing"),
    list(function(w) { w$rowptr[1] <- 1L; w }, "start at 0"),
    list(function(w) { w$rowptr <- w$rowptr[-1]; w }, "n \\+ 1 = 10"),
    list(function(w) { w$val <- w$val[-1]; w }, "`val` has 23 values"),
    list(function(w) { w$raw <- w$raw[-1]; w }, "`raw` has 23 values"),
    list(function(w) { w$val[2] <- -1; w }, "`val` must be finite and non"),
    list(function(w) { w$val[2] <- NA; w }, "element 2 is NA"),
    list(function(w) { w$val[2] <- Inf; w }, "element 2 is Inf"),
    list(function(w) { w$raw[3] <- -2; w }, "`raw` must be finite.*element 3"),
    list(function(w) { w$col <- as.double(w$col); w$col[4] <- 1.5; w },
         "element 4 is 1.5"),
    list(function(w) { w$col <- as.character(w$col); w },
         "`col` must be numeric"),
    list(function(w) { w$rowptr <- as.double(w$rowptr); w$rowptr[5] <- NA; w },
         "whole numbers"),
    list(function(w) { w$ids <- w$ids[-1]; w }, "`ids` has 8 elements"),
    list(function(w) { w$ids[2] <- w$ids[1]; w }, "unique: \"c1\""),
    list(function(w) { w$ids[2] <- NA; w }, "missing or empty ids"),
    list(function(w) { w$n <- 10; w }, "`ids` has 9 elements"),
    list(function(w) { w$style <- "X"; w }, "`style`")
  )
  for (e in edits) {
    bad <- e[[1]](w)
    expect_error(moran_global(d, "v", bad, "id"),
                 class = "regineq_error_value",
                 regexp = paste0("not a valid regineq_weights.*", e[[2]],
                                 ".*Rebuild it with spatial_weights"))
  }
  expect_error(spatial_weights(edits[[1]][[1]](w), ids = "c1"),
               class = "regineq_error_value", regexp = "`x` is not a valid")
  # harmless edits keep working: a column turned double, renamed ids
  dbl <- w
  dbl$col <- as.double(dbl$col)
  dbl$rowptr <- as.double(dbl$rowptr)
  expect_equal(moran_global(d, "v", dbl, "id", nsim = 0)$I, ref$I)
  up <- w
  up$ids <- toupper(up$ids)
  du <- transform(d, id = toupper(id))
  expect_equal(moran_global(du, "v", up, "id", nsim = 0)$I, ref$I)
  # islands follow the links, not a stale list
  cut <- spatial_weights(grid_weights(3, 3), style = "B")
  expect_equal(cut$islands, character())
  cut$islands <- "c5"
  expect_warning(moran_global(d, "v", cut, "id", nsim = 0), NA)
})

test_that("the weights' print reports self-links", {
  m <- matrix(c(1, 1, 0, 1, 0, 1, 0, 1, 1), 3,
              dimnames = list(c("a", "b", "c"), c("a", "b", "c")))
  expect_output(print(spatial_weights(m)), "self-links: 2 \\(a and c\\)")
  diag(m) <- 0
  expect_false(any(grepl("self-links", capture.output(print(spatial_weights(m))))))
})
