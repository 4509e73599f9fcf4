# obstacle_degree() against the brute force of helper-schemes.R:
# F_j = the index's overall weight in the row's group, I_ij = (v+ - v) /
# (v+ - v-) over the group, O_ij = 100 F_j I_ij / sum_k F_k I_ik.

test_that("obstacle degrees equal the brute force under min-max, pooled and by period", {
  d <- sch_panel()
  spec <- sch_spec()
  for (scope in c("pooled", "time")) {
    for (scheme in list("entropy", "critic", c(x1 = 1, x2 = 4, x3 = 2,
                                               x4 = 1, x5 = 2))) {
      idx <- composite_index(d, spec, "id", "year", scope = scope,
                             weights = scheme)
      ref <- sch_index(d, spec, weights = scheme, scope = scope)
      ob <- obstacle_degree(idx)
      oref <- sch_obstacle_ref(d, spec, ref)
      sch_expect_obstacle(ob, oref)
      # under min-max the deviation is 1 - u (up to the shift)
      u <- ref$v - 1e-4
      got <- ob$indicators
      rows <- match(paste(got$id, got$year), paste(d$id, d$year))
      cols <- match(got$indicator, spec$indicator)
      expect_equal(got$deviation, 1 - u[cbind(rows, cols)], tolerance = 1e-12)
      # each region-period's obstacles add to 100, its dimensions too
      expect_equal(as.vector(tapply(got$obstacle, rows, sum)),
                   rep(100, nrow(d)), tolerance = 1e-12)
      dims <- ob$dimensions
      expect_equal(as.vector(tapply(dims$obstacle,
                                    paste(dims$id, dims$year), sum)),
                   rep(100, nrow(d)), tolerance = 1e-12)
      # the top table: three per region-period, best first
      expect_equal(nrow(ob$top), 3 * nrow(d))
      by_rp <- split(ob$top, paste(ob$top$id, ob$top$year))
      for (b in by_rp) {
        expect_equal(as.numeric(b$rank), 1:3)
        expect_false(is.unsorted(rev(b$obstacle)))
      }
    }
  }
  # the time scope uses each period's weights and extremes
  ip <- obstacle_degree(composite_index(d, spec, "id", "year"))
  it <- obstacle_degree(composite_index(d, spec, "id", "year", scope = "time"))
  expect_true(sch_differs(sch_sort(ip$indicators, c("id", "year", "indicator")),
                          sch_sort(it$indicators, c("id", "year", "indicator"))))
})

test_that("F is the overall weight, not renormalised within a dimension", {
  d <- sch_panel()
  spec <- sch_spec()
  w <- c(x1 = 1, x2 = 1, x3 = 1, x4 = 1, x5 = 4)
  ob <- obstacle_degree(composite_index(d, spec, "id", "year", weights = w))
  ref <- sch_index(d, spec, weights = w)
  dev <- 1 - (ref$v - 1e-4)
  fi <- sweep(dev, 2, w / sum(w), `*`)
  O <- 100 * fi / rowSums(fi)
  got <- ob$indicators
  rows <- match(paste(got$id, got$year), paste(d$id, d$year))
  cols <- match(got$indicator, spec$indicator)
  expect_equal(got$obstacle, O[cbind(rows, cols)], tolerance = 1e-12)
  # the method does not enter: TOPSIS and linear indices share F and I
  ol <- obstacle_degree(composite_index(d, spec, "id", "year", weights = w,
                                        method = "linear"))
  for (tab in c("indicators", "dimensions", "top")) {
    expect_equal(ol[[tab]], ob[[tab]])
  }
})

test_that("obstacle degrees under vector and base normalisation", {
  d <- sch_panel()
  spec <- sch_spec()
  for (scope in c("pooled", "time")) {
    idx <- composite_index(d, spec, "id", "year", scope = scope,
                           normalisation = "vector")
    ref <- sch_index(d, spec, scope = scope, norm = "vector")
    sch_expect_obstacle(obstacle_degree(idx), sch_obstacle_ref(d, spec, ref))
  }
  # base: v+ and v- are the group's extremes of v, not the base range
  ds <- sch_panel(span = 2002)
  for (scope in c("pooled", "time")) {
    idx <- composite_index(ds, spec, "id", "year", scope = scope,
                           weights = "critic", normalisation = "base",
                           base = 2002)
    ref <- sch_index(ds, spec, weights = "critic", scope = scope,
                     norm = "base", base = 2002)
    ob <- obstacle_degree(idx)
    sch_expect_obstacle(ob, sch_obstacle_ref(ds, spec, ref))
    expect_true(all(ob$indicators$deviation >= 0 &
                      ob$indicators$deviation <= 1))
  }
})

test_that("top: how many obstacles per region-period, and ties in spec order", {
  d <- sch_panel()
  spec <- sch_spec()
  idx <- composite_index(d, spec, "id", "year", weights = "critic")
  ref <- sch_index(d, spec, weights = "critic")
  for (k in c(1, 2, 5)) {
    ob <- obstacle_degree(idx, top = k)
    expect_equal(nrow(ob$top), k * nrow(d))
    sch_expect_obstacle(ob, sch_obstacle_ref(d, spec, ref, top = k))
  }
  expect_true(sch_differs(obstacle_degree(idx, top = 1)$top,
                          obstacle_degree(idx, top = 2)$top))
  # the first row of each region-period has its largest obstacle
  ob <- obstacle_degree(idx, top = 1)
  big <- stats::aggregate(obstacle ~ id + year, ob$indicators, max)
  m <- merge(big, ob$top, by = c("id", "year"))
  expect_equal(m$obstacle.x, m$obstacle.y)
  # ties: x3 a copy of x1 and equal fixed weights give equal obstacles
  dt <- d
  dt$x3 <- dt$x1
  it <- composite_index(dt, spec, "id", "year",
                        weights = c(x1 = 1, x2 = 1, x3 = 1, x4 = 1, x5 = 1))
  ot <- obstacle_degree(it, top = 5)
  ind <- ot$indicators
  o1 <- ind$obstacle[ind$indicator == "x1"]
  o3 <- ind$obstacle[ind$indicator == "x3"]
  expect_equal(o1, o3)
  rt <- sch_obstacle_ref(dt, spec, sch_index(dt, spec, weights = c(
    x1 = 1, x2 = 1, x3 = 1, x4 = 1, x5 = 1)), top = 5)
  sch_expect_obstacle(ot, rt, top_indicator = FALSE)
  # a tie is broken by the spec's order: x1 ranks before x3
  top <- sch_sort(ot$top, c("id", "year", "rank"))
  expect_identical(top$indicator, rt$top$indicator)
  for (b in split(top, paste(top$id, top$year))) {
    expect_lt(match("x1", b$indicator), match("x3", b$indicator))
  }
})

test_that("a region-period at the ideal on every indicator has no obstacle", {
  d <- sch_panel()
  spec <- sch_spec()
  dir <- sch_dir()
  # r3 2002 is the best in its period on every indicator, and in the panel
  r <- which(d$id == "r3" & d$year == 2002)
  for (j in seq_len(5)) {
    x <- d[[paste0("x", j)]]
    x[r] <- if (dir[j] > 0) max(x) + 1 else min(x) / 2
    d[[paste0("x", j)]] <- x
  }
  for (scope in c("pooled", "time")) {
    for (norm in c("minmax", "vector")) {
      idx <- composite_index(d, spec, "id", "year", scope = scope,
                             weights = "critic", normalisation = norm)
      ob <- obstacle_degree(idx, top = 2)
      ref <- sch_index(d, spec, weights = "critic", scope = scope, norm = norm)
      sch_expect_obstacle(ob, sch_obstacle_ref(d, spec, ref, top = 2),
                      top_indicator = FALSE)
      at <- ob$indicators$id == "r3" & ob$indicators$year == 2002
      expect_equal(sum(at), 5)
      expect_true(all(ob$indicators$deviation[at] == 0))
      expect_true(all(ob$indicators$obstacle[at] == 0))
      at <- ob$dimensions$id == "r3" & ob$dimensions$year == 2002
      expect_true(all(ob$dimensions$obstacle[at] == 0))
      at <- ob$top$id == "r3" & ob$top$year == 2002
      expect_equal(sum(at), 2)
      expect_true(all(ob$top$obstacle[at] == 0))
      expect_false(anyNA(ob$indicators$obstacle))
    }
  }
})

test_that("obstacle degrees on the bundled panel, with its key names", {
  for (scope in c("pooled", "time")) {
    idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year",
                           scope = scope)
    ref <- sch_index(nqpf_indicators, nqpf_spec, scope = scope,
                     id = "province")
    ob <- obstacle_degree(idx, top = 4)
    sch_expect_obstacle(ob, sch_obstacle_ref(nqpf_indicators, nqpf_spec, ref, top = 4,
                                     id = "province"),
                    id = "province")
    expect_setequal(unique(ob$dimensions$dimension),
                    unique(nqpf_spec$dimension))
  }
})

test_that("obstacle_degree() refuses what is not an index and a bad top", {
  d <- sch_panel()
  idx <- composite_index(d, sch_spec(), "id", "year")
  expect_error(obstacle_degree(idx$scores), class = "regineq_error_type",
               regexp = "`index`")
  expect_error(obstacle_degree(list()), class = "regineq_error_type")
  for (bad in list(0, -1, 1.5, NA, "3", c(1, 2))) {
    expect_error(obstacle_degree(idx, top = bad), class = "regineq_error",
                 regexp = "`top`")
  }
})
