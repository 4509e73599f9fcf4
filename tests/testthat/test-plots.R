# Plot methods: restyling arguments, the data they return, group styles
# shared across figures, labels. Every test draws into a PNG in tempdir()
# (withr::local_png() closes it when the test ends).

test_that("Dagum plots take col, xlab and the other restyling arguments", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  # both failed with "formal argument matched by multiple actual arguments"
  out <- plot(dg, col = grey.colors(3))
  sh <- out[out$panel == "share", ]
  expect_equal(unique(sh$col[sh$series == "Within"]), grey.colors(3)[1])
  expect_equal(unique(sh$col[sh$series == "Transvariation"]),
               grey.colors(3)[3])
  out <- plot(dg, main = "M", xlab = "Year", ylab = "G", ylim = c(0.2, 0.4),
              lty = 2, lwd = 3, pch = 17, legend = "topleft")
  fig <- attr(out, "figure")
  expect_equal(fig$main, "M")
  expect_equal(fig$xlab, "Year")
  expect_equal(fig$ylab[1], "G")
  expect_equal(fig$legend, "topleft")
  expect_equal(fig$ylim, c(0.2, 0.4))
  g <- out[out$panel == "gini", ]
  expect_equal(unique(g$lty), "dashed")
  expect_equal(unique(g$lwd), 3)
  expect_equal(unique(g$pch), 17)
  for (type in c("within", "between")) {
    out <- plot(dg, type = type, col = "red", lty = 3, lwd = 4, pch = 2,
                main = "T", xlab = "Year", ylab = "Gini", ylim = c(0, 1),
                legend = "none")
    expect_true(all(out$col == "red" & out$lty == "dotted" & out$lwd == 4 &
                      out$pch == 2))
    expect_null(attr(out, "figure")$legend)
    expect_equal(graphics::par("usr")[3:4], c(0, 1) + c(-0.04, 0.04))
  }
  expect_null(attr(plot(dg, legend = FALSE), "figure")$legend)
  expect_error(plot(dg, legend = "somewhere"), class = "regineq_error_value")
  expect_error(plot(dg, col = list(1)), class = "regineq_error_type")
  expect_error(plot(dg, type = "within", col = c(Atlantis = "red")),
               class = "regineq_error_value", regexp = "Atlantis")
  expect_error(plot(dg, ylim = 1), class = "regineq_error_value")
})

test_that("Dagum plots return the numbers of the result", {
  withr::local_png(tempfile(fileext = ".png"))
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  out <- plot(dg)
  g <- out[out$panel == "gini", ]
  expect_equal(g$value, dg$overall$gini)
  expect_equal(g$period, dg$overall$year)
  sh <- out[out$panel == "share", ]
  # the stack of each year: within, between, transvariation of G, to 100 %
  o <- dg$overall
  expect_equal(sh$value[sh$series == "Between"], o$between / o$gini)
  top <- sh$ymax[sh$series == "Transvariation"]
  expect_equal(top, rep(1, nrow(o)), tolerance = 1e-12)
  expect_equal(sh$ymin[sh$series == "Between"], o$within / o$gini)
  w <- plot(dg, type = "within")
  key <- paste(w$period, w$series)
  expect_equal(w$value, dg$within$gini[match(key, paste(dg$within$year,
                                                        dg$within$group))])
  b <- plot(dg, type = "between")
  ref <- paste(dg$between$year, dg$between$group_1, dg$between$group_2)
  key <- paste(b$period, sub("\u2013", " ", b$series))
  expect_equal(b$value, dg$between$gini[match(key, ref)])
})

test_that("a group keeps its style in every figure, by its level position", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  styles <- function(d) {
    d <- d[!duplicated(d$series), ]
    d <- d[d$series %in% c("East", "Central", "West", "Northeast"), ]
    d[order(d$series), c("series", "col", "lty", "pch")]
  }
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  ref <- styles(plot(dg, type = "within"))
  expect_equal(nrow(ref), 4L)
  # four distinct colours and four distinct line types
  expect_equal(length(unique(ref$col)), 4L)
  expect_equal(length(unique(ref$lty)), 4L)
  # a different result (another value, another verb) with the same groups
  d2 <- nqpf_level
  d2$score <- d2$score^2
  expect_equal(styles(plot(dagum_gini(d2, "score", "region", "year"),
                           type = "within")), ref, ignore_attr = TRUE)
  sc <- sigma_convergence(nqpf_level, "score", "year", group = "region")
  expect_equal(styles(plot(sc)), ref, ignore_attr = TRUE)
  tr <- trend_chart(nqpf_level, "province", "year", "score",
                    nqpf_level$region)
  expect_equal(styles(tr[tr$layer == "group mean", ]), ref,
               ignore_attr = TRUE)
  idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
  it <- plot(idx, group = "region", data = nqpf_indicators)
  expect_equal(styles(it[it$layer == "group mean", ]), ref,
               ignore_attr = TRUE)
  kg <- kernel_density(nqpf_level, "score", "year", group = "region", n = 64)
  expect_equal(styles(transform(plot(kg, period = 2023),
                                series = group, pch = 0))[, 1:3],
               ref[, 1:3], ignore_attr = TRUE)
  cd <- transform(nqpf_level, a = score, b = sqrt(score))
  cc <- coupling_coordination(cd, c("a", "b"))
  expect_equal(styles(plot(cc, time = "year", group = "region")), ref,
               ignore_attr = TRUE)
  # the between-group line of East and West: East's colour and marker,
  # West's line type
  b <- plot(dg, type = "between")
  ew <- b[b$series == "East\u2013West", ][1, ]
  expect_equal(ew$col, ref$col[ref$series == "East"])
  expect_equal(ew$pch, ref$pch[ref$series == "East"])
  expect_equal(ew$lty, ref$lty[ref$series == "West"])
  # the positions, not the names, decide: reversed levels swap the styles
  d3 <- nqpf_level
  d3$region <- factor(d3$region, rev(levels(d3$region)))
  rev_st <- styles(plot(dagum_gini(d3, "score", "region", "year"),
                        type = "within"))
  expect_equal(rev_st$col[rev_st$series == "Northeast"],
               ref$col[ref$series == "East"])
})

test_that("Theil and sigma plots take xlab and return the result's numbers", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  th <- theil(nqpf_level, "score", "region", "year")
  out <- plot(th, xlab = "Year", ylab = "T", main = "Theil", col = 1:3,
              lty = 1:3, lwd = 1:3, pch = 1:3, ylim = c(0, 0.3),
              legend = "bottomright")
  expect_equal(attr(out, "figure")$xlab, "Year")
  expect_equal(out$value[out$series == "Within"], th$overall$within)
  expect_equal(out$value[out$series == "Theil T"], th$overall$theil)
  expect_equal(unique(out$lty[out$series == "Between"]), "dotted")
  one <- plot(theil(nqpf_level, "score", time = "year"))
  expect_equal(unique(one$series), "Theil T")
  sc <- sigma_convergence(nqpf_level, "score", "year")
  out <- plot(sc, xlab = "Year", col = grey.colors(4), main = "S",
              ylab = "D", lty = 1, lwd = 1, pch = 1, ylim = c(0, 1),
              legend = "topright")
  expect_equal(out$value[out$series == "Coefficient of variation"], sc$cv)
  expect_equal(unique(out$col), grey.colors(4))
  sg <- sigma_convergence(nqpf_level, "score", "year", group = "region")
  out <- plot(sg, stat = c("gini", "sigma"))
  expect_equal(sort(unique(out$stat)), c("gini", "sigma"))
  r <- out$stat == "gini"
  expect_equal(out$value[r], sg$gini[match(paste(out$period[r],
                                                 out$series[r]),
                                           paste(sg$year, sg$group))])
  expect_error(plot(sg, stat = "range"), class = "regineq_error_value")
})

test_that("composite index plots take a group column and restyling", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
  by_col <- plot(idx, group = "region", data = nqpf_indicators)
  by_vec <- plot(idx, group = nqpf_indicators$region)
  expect_equal(by_col, by_vec)
  reg <- setNames(as.character(nqpf_indicators$region),
                  nqpf_indicators$province)
  by_name <- plot(idx, group = reg[!duplicated(names(reg))])
  expect_equal(by_name$value, by_vec$value)
  # the group means, computed here from the scores
  s <- idx$scores
  s$region <- nqpf_indicators$region[match(paste(s$province, s$year),
                                           paste(nqpf_indicators$province,
                                                 nqpf_indicators$year))]
  m <- by_col[by_col$layer == "group mean" & by_col$series == "West", ]
  ref <- tapply(s$score[s$region == "West"], s$year[s$region == "West"], mean)
  expect_equal(m$value, unname(as.vector(ref[as.character(m$period)])))
  # a group column kept in the scores is found there
  idx2 <- idx
  idx2$scores$zone <- s$region
  expect_equal(plot(idx2, group = "zone")$value, by_col$value)
  expect_error(plot(idx, group = "region"), class = "regineq_error_column",
               regexp = "data = ")
  out <- plot(idx, group = "region", data = nqpf_indicators,
              col = c(East = "black"), lty = "solid", lwd = 1, pch = 4,
              main = "Scores", xlab = "Year", ylab = "TOPSIS",
              ylim = c(0, 1), legend = "topleft")
  e <- out[out$layer == "group mean" & out$series == "East", ]
  expect_equal(unique(e$col), "black")
  expect_equal(attr(out, "figure")[c("main", "xlab", "ylab", "legend")],
               list(main = "Scores", xlab = "Year", ylab = "TOPSIS",
                    legend = "topleft"))
  w <- plot(idx, type = "weights")
  expect_equal(w$weight, idx$weights$weight)
  # the weight axis ends at a tick past the longest bar
  expect_equal(graphics::par("usr")[2], max(graphics::axTicks(1)))
  expect_gt(graphics::par("usr")[2], max(w$weight))
  expect_true(all(w$label))
  w2 <- plot(idx, type = "weights", labels = FALSE, col = grey.colors(3),
             main = "", xlab = "w", legend = "none")
  expect_false(any(w2$label))
  expect_length(attr(w2, "figure")$text, 0L)
  expect_equal(unique(w2$col), grey.colors(3))
})

test_that("the weights chart names the scheme that made the weights", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 700,
                   res = 110)
  for (w in c("critic", "equal")) {
    idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year",
                           weights = w)
    out <- plot(idx, type = "weights")
    expect_equal(out$weight, idx$weights$weight)
    expect_match(attr(out, "figure")$main,
                 if (w == "critic") "^CRITIC weights" else "^Equal weights")
  }
  idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year",
                         weights = c("entropy", "critic"))
  expect_match(attr(plot(idx, type = "weights"), "figure")$main, "^Combined")
})

test_that("obstacle charts draw the obstacle degrees of the period asked", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 1000,
                   res = 110)
  idx <- composite_index(nqpf_indicators, nqpf_spec, "province", "year")
  ob <- obstacle_degree(idx)
  d <- plot(ob)
  last <- ob$dimensions[ob$dimensions$year == 2023, ]
  key <- paste(d$region, d$dimension)
  expect_equal(d$obstacle, last$obstacle[match(key, paste(last$province,
                                                          last$dimension))])
  # each bar fills 0-100, segments adjacent
  tot <- tapply(d$start + d$obstacle, d$region, max)
  expect_equal(as.vector(tot), rep(100, 30), tolerance = 1e-12)
  # regions ordered by the obstacle of the heaviest dimension, largest first
  lead <- d[d$dimension == "high_technology", ]
  expect_false(is.unsorted(rev(lead$obstacle)))
  expect_match(attr(d, "figure")$main, "2023")
  d14 <- plot(ob, time = 2014, col = grey.colors(3), main = "M",
              xlab = "X", legend = "none")
  expect_true(all(d14$region %in% ob$dimensions$province))
  expect_false(isTRUE(all.equal(sort(d14$obstacle), sort(d$obstacle))))
  expect_equal(unique(d14$col), grey.colors(3))
  expect_null(attr(d14, "figure")$legend)
  i <- plot(ob, type = "indicator", n = 5)
  ind <- ob$indicators[ob$indicators$year == 2023, ]
  m <- sort(tapply(ind$obstacle, ind$indicator, mean), decreasing = TRUE)
  expect_equal(i$obstacle, as.vector(m[1:5]))
  expect_equal(i$indicator, names(m)[1:5])
  expect_error(plot(ob, time = 1999), class = "regineq_error_value",
               regexp = "one of the periods")
  expect_error(plot(ob, type = "bars"), class = "regineq_error_value")
  s2 <- nqpf_spec
  s2$dimension <- NULL
  ob2 <- obstacle_degree(composite_index(nqpf_indicators, s2, "province",
                                         "year"))
  expect_error(plot(ob2, type = "dimension"), class = "regineq_error_value",
               regexp = "dimension")
  expect_equal(nrow(plot(ob2)), 21L)
})

test_that("global Moran plots say which p fills the points, at which level", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  w <- china_weights(unique(nqpf_potential$province))
  set.seed(1)
  mg <- moran_global(nqpf_potential, "score", w, "province", "year",
                     nsim = 99)
  out <- plot(mg)
  expect_equal(out$I, mg$I)
  expect_equal(out$p, mg$p_sim)
  expect_equal(out$significant, mg$p_sim <= 0.05)
  expect_match(attr(out, "figure")$sub, "permutation p")
  expect_match(attr(out, "figure")$sub, "99 permutations")
  expect_match(attr(out, "figure")$sub, "0.05")
  # E[I] is inside the y range
  expect_lte(graphics::par("usr")[3], min(mg$expected))
  an <- plot(mg, pvalue = "analytic", alpha = 0.001)
  expect_equal(an$p, mg$p_value)
  expect_equal(an$significant, mg$p_value <= 0.001)
  expect_match(attr(an, "figure")$sub, "analytic p")
  expect_equal(an$pch, ifelse(mg$p_value <= 0.001, 16, 1))
  out <- plot(mg, col = "red", lty = 2, lwd = 2, pch = c(15, 0), main = "I",
              xlab = "Year", ylab = "Moran", ylim = c(-1, 1),
              legend = "bottomleft")
  expect_equal(unique(out$col), "red")
  expect_equal(out$pch, ifelse(out$significant, 15, 0))
  expect_equal(graphics::par("usr")[3:4], c(-1.08, 1.08))
  m0 <- moran_global(nqpf_potential, "score", w, "province", "year",
                     nsim = 0)
  expect_error(plot(m0, pvalue = "permutation"),
               class = "regineq_error_value", regexp = "nsim = 0")
})

test_that("the Moran scatterplot prints the slope, which is Moran's I", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  w <- china_weights(unique(nqpf_potential$province))
  ml <- moran_local(nqpf_potential, "score", w, "province", "year", nsim = 0)
  mg <- moran_global(nqpf_potential, "score", w, "province", "year", nsim = 0)
  out <- plot(ml, year = 2015)
  ref <- nqpf_potential[nqpf_potential$year == 2015, ]
  expect_equal(out$value, ref$score[match(out$id, ref$province)])
  fig <- attr(out, "figure")
  # row-standardised weights without islands: the slope is I
  expect_equal(fig$slope, mg$I[mg$year == 2015], tolerance = 1e-10)
  expect_match(fig$sub[1], "= Moran's I =")
  # binary weights: the slope is not I, and the plot says so
  wb <- spatial_weights(w, style = "B")
  mlb <- moran_local(nqpf_potential, "score", wb, "province", "year",
                     nsim = 0)
  fb <- attr(plot(mlb, year = 2015), "figure")
  expect_match(fb$sub[1], "not Moran's I")
  expect_equal(fb$slope, unname(coef(lm(lag ~ value,
                                        plot(mlb, year = 2015)))[2]))
  # labels: all (few regions), none, or the ones named
  expect_true(any(out$label))
  expect_setequal(fig$text, out$id[out$label])
  none <- plot(ml, year = 2015, labels = FALSE)
  expect_false(any(none$label))
  expect_length(attr(none, "figure")$text, 0L)
  two <- plot(ml, year = 2015, labels = c("Beijing", "Shanghai"))
  expect_setequal(two$id[two$label], c("Beijing", "Shanghai"))
  # restyling
  st <- plot(ml, year = 2015, col = c("Not significant" = "white"),
             pch = c("Not significant" = 4), lty = 2, lwd = 2, main = "S",
             xlab = "x", ylab = "Wx", ylim = c(0, 1), legend = "topleft")
  ns <- st$cluster == "Not significant"
  expect_true(all(st$col[ns] == "white" & st$pch[ns] == 4))
  expect_equal(attr(st, "figure")[c("main", "xlab", "ylab", "legend")],
               list(main = "S", xlab = "x", ylab = "Wx", legend = "topleft"))
  expect_error(plot(ml, labels = list(1)), class = "regineq_error_type")
})

test_that("a scatterplot of many regions labels only the significant ones", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  g <- spatial_weights(grid_weights(10, 10))
  set.seed(3)
  xy <- expand.grid(i = 1:10, j = 1:10)
  d <- data.frame(id = g$ids, v = xy$i + xy$j + rnorm(100))
  ml <- moran_local(d, "v", g, "id", nsim = 0)
  out <- plot(ml)
  sig <- !out$cluster %in% c("Not significant", "Isolated")
  expect_true(any(sig))
  expect_false(any(out$label[!sig]))
  expect_lte(sum(out$label), 30L)
  expect_gt(sum(plot(ml, labels = TRUE)$label), sum(out$label))
})

test_that("the LISA map counts its clusters and shows regions without data", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  w <- china_weights(unique(nqpf_potential$province))
  set.seed(2)
  ml <- moran_local(nqpf_potential, "score", w, "province", "year",
                    nsim = 99, alpha = 0.1, p_adjust = "holm")
  out <- plot(ml, period = 2018, type = "map")
  one <- ml[ml$year == 2018, ]
  expect_equal(out$value, one$value)
  expect_equal(as.character(out$cluster), as.character(one$cluster))
  fig <- attr(out, "figure")
  # the title names the value and period, the test, level and permutations
  expect_match(fig$main, "score, 2018")
  expect_match(fig$sub, "two-sided")
  expect_match(fig$sub, "0.1")
  expect_match(fig$sub, "99 permutations")
  expect_match(fig$sub, "holm-adjusted")
  # 31 provinces, 29 with data
  expect_true("No data (2)" %in% fig$legend_labels)
  n_ns <- sum(one$cluster == "Not significant")
  expect_true(sprintf("Not significant (%d)", n_ns) %in% fig$legend_labels)
  expect_length(fig$text, 31L)
  none <- plot(ml, period = 2018, type = "map", labels = FALSE,
               col = c("Not significant" = "white"), legend = "none")
  expect_length(attr(none, "figure")$text, 0L)
  expect_false(any(none$label))
  expect_true(all(none$col[none$cluster == "Not significant"] == "white"))
  # dark tiles get white text, light ones black
  expect_equal(regineq:::text_colour(c("#B2182B", "#F2F2F2", "#4393C3")),
               c("white", "black", "black"))
})

test_that("hot-spot figures draw the Gi* clusters with their own legend", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  w <- china_weights(unique(nqpf_potential$province))
  set.seed(3)
  g <- getis_local(nqpf_potential, "score", w, "province", "year",
                   star = TRUE, nsim = 99, alpha = 0.2)
  one <- g[g$year == 2020, ]
  sc <- plot(g, year = 2020)
  expect_equal(sc$value, one$value)
  expect_equal(sc$lag, one$lag)
  expect_equal(as.character(sc$cluster), as.character(one$cluster))
  # hot spots dark red, cold spots dark blue, by the Gi* labels
  pal <- c("Hot spot" = "#B2182B", "Cold spot" = "#2166AC",
           "Not significant" = "#F2F2F2")
  expect_equal(sc$col, unname(pal[as.character(one$cluster)]))
  fig <- attr(sc, "figure")
  expect_match(fig$main, "Getis-Ord Gi\\* of score, 2020")
  expect_match(fig$sub, "Hot and cold spots: two-sided, p .* 0.2")
  expect_match(fig$ylab, "the region included")
  expect_null(fig$slope)
  mp <- plot(g, year = 2020, type = "map")
  leg <- attr(mp, "figure")$legend_labels
  for (k in names(pal)) {
    expect_true(sprintf("%s (%d)", k, sum(one$cluster == k)) %in% leg)
  }
  expect_match(attr(mp, "figure")$main, "Hot and cold spots of score, 2020")
  # Gi (star = FALSE) says so and its lag leaves the region out
  g0 <- getis_local(nqpf_potential, "score", w, "province", "year",
                    nsim = 0)
  f0 <- attr(plot(g0, year = 2020), "figure")
  expect_match(f0$main, "Getis-Ord Gi of")
  expect_false(grepl("included", f0$ylab))
  # the clusters keep their colours when the user restyles one of them
  rs <- plot(g, year = 2020, col = c("Not significant" = "white"))
  expect_true(all(rs$col[rs$cluster == "Not significant"] == "white"))
  expect_true(all(rs$col[rs$cluster == "Hot spot"] == "#B2182B"))
})

test_that("the bivariate Moran scatterplot has standardised axes and slope I_B", {
  skip_if_not_installed("spdep")
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  d <- nqpf_indicators[nqpf_indicators$year >= 2022, ]
  w <- china_weights(unique(d$province))
  set.seed(4)
  bv <- moran_local_bv(d, "rd_intensity", "labour_productivity", w,
                       "province", "year", nsim = 99, alpha = 0.1)
  one <- d[d$year == 2023, ]
  out <- plot(bv, year = 2023)
  # x: rd_intensity standardised as scale() does; y: W times standardised y
  zx <- as.vector(scale(one$rd_intensity))
  expect_equal(out$value, zx[match(out$id, one$province)], tolerance = 1e-12)
  W <- spdep::listw2mat(as_listw(w))
  zy <- as.vector(scale(one$labour_productivity))
  lag <- as.vector(W %*% zy[match(w$ids, one$province)])
  expect_equal(out$lag, lag[match(out$id, w$ids)], tolerance = 1e-12)
  fig <- attr(out, "figure")
  ib <- moran_bv(d, "rd_intensity", "labour_productivity", w, "province",
                 "year", nsim = 0)
  expect_equal(fig$slope, ib$I[ib$year == 2023], tolerance = 1e-12)
  expect_match(fig$sub[1], sprintf("= %.3f", ib$I[ib$year == 2023]),
               fixed = TRUE)
  expect_match(fig$main, "rd_intensity and the lag of labour_productivity")
  expect_match(fig$xlab, "rd_intensity (standardised)", fixed = TRUE)
  expect_equal(as.character(out$cluster),
               as.character(bv$cluster[bv$year == 2023]))
  mp <- attr(plot(bv, year = 2023, type = "map"), "figure")
  expect_match(mp$main, "Bivariate LISA clusters")
})

test_that("local Geary figures draw GeoDa's clusters in their own colours", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  w <- china_weights(unique(nqpf_potential$province))
  set.seed(5)
  gl <- geary_local(nqpf_potential, "score", w, "province", "year",
                    nsim = 199, alpha = 0.2)
  one <- gl[gl$year == 2020, ]
  mp <- plot(gl, year = 2020, type = "map")
  expect_equal(as.character(mp$cluster), as.character(one$cluster))
  pal <- c("High-High" = "#B2182B", "Low-Low" = "#4393C3",
           "Other Positive" = "#F4A582", "Negative" = "#542788",
           "Not significant" = "#F2F2F2")
  expect_equal(mp$col, unname(pal[as.character(one$cluster)]))
  fig <- attr(mp, "figure")
  for (k in names(pal)) {
    expect_true(sprintf("%s (%d)", k, sum(one$cluster == k)) %in%
                  fig$legend_labels)
  }
  expect_match(fig$main, "Local Geary clusters of score, 2020")
  sc <- plot(gl, year = 2020)
  expect_equal(sc$value, one$value)
  expect_equal(sc$lag, one$lag)
  expect_null(attr(sc, "figure")$slope)
})

test_that("the cluster map of sf polygons returns what it drew", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  geo <- sf::st_read(system.file("shapes/columbus.shp", package = "spData"),
                     quiet = TRUE)
  geo$rid <- as.character(seq_len(nrow(geo)))
  fx <- columbus_fixture()
  w <- spatial_weights(fx$nb, ids = geo$rid)
  d <- data.frame(rid = geo$rid, v = geo$CRIME)
  ml <- moran_local(d, "v", w, "rid", nsim = 0)
  out <- plot(ml, type = "map", geometry = geo, geometry_id = "rid")
  expect_equal(out$value, d$v[match(out$id, d$rid)])
  expect_false(any(out$label))
  lab <- plot(ml, type = "map", geometry = geo, geometry_id = "rid",
              labels = TRUE)
  expect_true(all(lab$label))
  # a polygon without data is hatched and in the legend
  part <- moran_local(d[-(1:3), ], "v",
                      spatial_weights(w, ids = geo$rid[-(1:3)]), "rid",
                      nsim = 0)
  fp <- attr(plot(part, type = "map", geometry = geo, geometry_id = "rid"),
             "figure")
  expect_true("No data (3)" %in% fp$legend_labels)
  sc <- attr(plot(ml), "figure")
  mg <- moran_global(d, "v", w, "rid", nsim = 0)
  expect_equal(sc$slope, mg$I, tolerance = 1e-10)
})

test_that("density plots draw every group, or the one asked for", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  kg <- kernel_density(nqpf_level, "score", "year", group = "region", n = 64)
  out <- plot(kg)
  expect_setequal(unique(out$group), c("East", "Central", "West",
                                       "Northeast"))
  # one panel per group
  expect_equal(out$panel, out$group)
  expect_equal(nrow(out), nrow(kg))
  key <- paste(out$period, out$group, out$x)
  expect_equal(out$density, kg$density[match(key, paste(kg$year, kg$group,
                                                        kg$x))])
  east <- plot(kg, group = "East")
  expect_equal(unique(east$group), "East")
  expect_match(attr(east, "figure")$main, "region: East")
  y23 <- plot(kg, period = 2023)
  expect_equal(unique(y23$period), 2023L)
  expect_equal(unique(y23$panel), "")
  expect_match(attr(y23, "figure")$main, "2023")
  expect_error(plot(kg, group = "Atlantis"), class = "regineq_error_value")
  expect_error(plot(kg, period = 1999), class = "regineq_error_value")
  kd <- kernel_density(nqpf_level, "score", "year", n = 64)
  out <- plot(kd, col = grey.colors(10), lty = 2, lwd = 1, main = "K",
              xlab = "s", ylab = "f", ylim = c(0, 20), legend = "topright")
  expect_equal(unique(out$col), grey.colors(10))
  expect_equal(attr(out, "figure")[c("main", "xlab", "ylab", "legend")],
               list(main = "K", xlab = "s", ylab = "f", legend = "topright"))
  expect_equal(out$density, kd$density)
  sf <- plot(kd, type = "surface", col = "grey80")
  expect_equal(sort(unique(sf$period)), sort(unique(kd$year)))
  sg <- plot(kg, type = "surface")
  expect_setequal(unique(sg$group), unique(kg$group))
  # the subtitle gives the bandwidth: one for all curves with bw_common
  kc <- kernel_density(nqpf_level, "score", "year", n = 64, bw_common = TRUE)
  expect_match(attr(plot(kc), "figure")$sub, "bandwidth [0-9.]+$")
})

test_that("coupling plots count observations and name bands in the margin", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  cd <- transform(nqpf_level, a = score, b = sqrt(score))
  cc <- coupling_coordination(cd, c("a", "b"))
  out <- plot(cc, time = "year", group = "region")
  ref <- tapply(cc$D, list(cc$year, as.character(cc$region)), mean)
  expect_equal(out$value, ref[cbind(as.character(out$period), out$series)])
  cnt <- table(cc$year, as.character(cc$region))
  expect_equal(out$n, as.vector(cnt[cbind(as.character(out$period),
                                          out$series)]))
  expect_true(all(attr(out, "figure")$text %in% levels(cc$level)))
  expect_gt(length(attr(out, "figure")$text), 0L)
  nol <- plot(cc, time = "year", group = "region", labels = FALSE,
              col = grey.colors(4), lty = 1, lwd = 1, pch = 1, main = "C",
              xlab = "Year", ylab = "D", ylim = c(0, 1), legend = "none")
  expect_length(attr(nol, "figure")$text, 0L)
  expect_equal(unique(nol$col), grey.colors(4))
  cnt <- plot(cc)
  expect_equal(cnt$n, as.vector(table(cc$level)))
  expect_match(attr(cnt, "figure")$xlab, "observations")
  expect_false(grepl("Regions", attr(cnt, "figure")$xlab))
  byg <- plot(cc, group = "region", col = grey.colors(4))
  expect_equal(sum(byg$n), nrow(cc))
})

test_that("typology plots take restyling and label points from a column", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  d <- data.frame(province = c("Beijing", "Guangdong", "Hubei", "Gansu"),
                  gdp_pc = c(20.03, 10.2, 9.5, 4.79),
                  rd = c(6.73, 3.54, 2.5, 1.3))
  ty <- rd_typology(d, "gdp_pc", "rd")
  out <- plot(ty)
  expect_equal(out$y, d$rd)
  expect_equal(attr(out, "figure")$text, c("4", "3", "2"))
  st <- plot(ty, col = c(I = "black"), pch = 4, main = "T", xlab = "GDP",
             ylab = "RD", ylim = c(0, 8), legend = "none", labels = FALSE)
  expect_equal(st$col[st$type == "I"], "black")
  expect_true(all(st$pch == 4))
  expect_length(attr(st, "figure")$text, 0L)
  lb <- plot(ty, labels = "province")
  expect_setequal(attr(lb, "figure")$text[-(1:3)],
                  d$province[lb$label])
})

test_that("plots pass graphical parameters and warn about others", {
  withr::local_png(tempfile(fileext = ".png"))
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  expect_silent(plot(dg, cex = 0.8, family = "sans"))
  expect_warning(plot(dg, bogus = 1), class = "regineq_warning_argument")
  withr::local_par(mfrow = c(2, 3))
  # a one-panel figure leaves the user's panel grid as it is: each of these
  # takes the next cell
  w <- china_weights(unique(nqpf_level$province))
  ml <- moran_local(nqpf_level, "score", w, "province", "year", nsim = 0)
  kg <- kernel_density(nqpf_level, "score", "year", group = "region", n = 32)
  figs <- list(
    function() plot(theil(nqpf_level, "score", "region", "year")),
    function() plot(dg, type = "within"),
    function() plot(ml),
    function() plot(ml, type = "map"),
    function() plot(kg, period = 2020),
    function() plot(kernel_density(nqpf_level, "score", "year", n = 32),
                    type = "surface"))
  for (k in seq_along(figs)) {
    figs[[k]]()
    expect_equal(graphics::par("mfrow"), c(2, 3))
    expect_equal(graphics::par("mfg")[1:2], c((k - 1) %/% 3 + 1,
                                               (k - 1) %% 3 + 1))
  }
})

test_that("the figures of a report draw at 900 x 600 without warnings", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  w <- china_weights(unique(nqpf_level$province))
  dg <- dagum_gini(nqpf_level, "score", "region", "year")
  ml <- moran_local(nqpf_level, "score", w, "province", "year", nsim = 9)
  expect_silent({
    trend_chart(nqpf_level, "province", "year", "score", nqpf_level$region)
    plot(dg)
    plot(dg, type = "between")
    plot(theil(nqpf_level, "score", "region", "year"))
    plot(sigma_convergence(nqpf_level, "score", "year"))
    plot(kernel_density(nqpf_level, "score", "year"))
    plot(moran_global(nqpf_level, "score", w, "province", "year", nsim = 9))
    plot(ml, period = 2023)
    plot(ml, period = 2023, type = "map")
  })
  withr::local_options(regineq.cjk_font = TRUE)
  expect_silent(plot(dg, type = "within", lang = "zh"))
  zh <- plot(ml, period = 2023, type = "map", lang = "zh")
  expect_match(attr(zh, "figure")$main, "\u96c6\u805a")
})

test_that("interval plots draw the intervals of the result, as bands or whiskers", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  dg <- dagum_gini(nqpf_level, "score", "region", "year", id = "province")
  set.seed(4)
  ci <- disparity_ci(dg, R = 99)
  out <- plot(ci)
  e <- ci$estimates
  for (s in c("gini", "within", "between", "transvariation")) {
    r <- e[e$statistic == s & is.na(e$group), ]
    lab <- c(gini = "Gini", within = "Within", between = "Between",
             transvariation = "Transvariation")[[s]]
    o <- out[out$series == lab, ]
    expect_equal(o$value, r$estimate)
    expect_equal(o$lower, r$lower)
    expect_equal(o$upper, r$upper)
  }
  # one statistic by group: one series per group
  out <- plot(ci, statistic = "gini_jj", col = "red", main = "M",
              legend = "topleft")
  expect_setequal(unique(out$series), unique(dg$within$group))
  expect_equal(unique(out$col), "red")
  expect_equal(attr(out, "figure")$main, "M")
  pair <- plot(ci, statistic = "D")
  expect_true(all(grepl("\u2013|-", pair$series)))
  # changes: one whisker per statistic, filled when the interval excludes 0
  ch <- plot(ci, type = "change")
  c0 <- ci$changes[is.na(ci$changes$group), ]
  expect_equal(ch$value, c0$estimate)
  expect_equal(ch$significant, c0$lower > 0 | c0$upper < 0)
  ch2 <- plot(ci, type = "change", statistic = c("gini", "between"))
  expect_equal(nrow(ch2), 2L)
  expect_match(attr(ch2, "figure")$xlab, "2023 minus 2014")
  # a single period: whiskers, no band
  one <- dagum_gini(nqpf_level[nqpf_level$year == 2023, ], "score", "region",
                    "year", id = "province")
  o1 <- plot(disparity_ci(one, R = 19))
  expect_equal(length(unique(o1$x)), 1L)
  expect_error(plot(ci, statistic = "nope"), class = "regineq_error_value")
  expect_error(plot(ci, type = "nope"), class = "regineq_error_value")
  expect_error(plot.regineq_ci(dg), class = "regineq_error_type")
})

test_that("figures of population-weighted results say so in their title", {
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 600,
                   res = 110)
  d <- nqpf_level
  d$pop <- seq_len(nrow(d))
  title_of <- function(out) attr(out, "figure")$main
  dg <- dagum_gini(d, "score", "region", "year", population = "pop")
  for (type in c("contribution", "within", "between")) {
    expect_match(title_of(plot(dg, type = type)), "weighted by pop$")
    expect_no_match(title_of(plot(dagum_gini(d, "score", "region", "year"),
                                  type = type)), "weighted")
  }
  expect_match(title_of(plot(theil(d, "score", "region", "year",
                                   population = "pop"))), "weighted by pop$")
  expect_match(title_of(plot(sigma_convergence(d, "score", "year",
                                               population = "pop"))),
               "weighted by pop$")
  expect_match(title_of(plot(sigma_convergence(d, "score", "year", "region",
                                               population = "pop"))),
               "weighted by pop$")
})
