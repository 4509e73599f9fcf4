# Weights from sf polygons and points, and back to spdep (as_listw()).

test_that("sf polygons give poly2nb's neighbours, through spdep and through sf::st_relate()", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  shapes <- list(
    us = list(x = spData::us_states, id = "NAME"),
    columbus = list(x = sf::st_read(system.file("shapes/columbus.shp",
                                                package = "spData"),
                                    quiet = TRUE), id = "POLYID"),
    nc = list(x = sf::st_read(system.file("shape/nc.shp", package = "sf"),
                              quiet = TRUE), id = "FIPS")
  )
  ns <- asNamespace("regineq")
  real <- get("has_namespace", ns)
  without_spdep <- function(pkg) if (pkg == "spdep") FALSE else real(pkg)
  for (nm in names(shapes)) {
    x <- shapes[[nm]]$x
    ids <- as.character(x[[shapes[[nm]]$id]])
    for (type in c("queen", "rook")) {
      nb <- spdep::poly2nb(x, queen = type == "queen")
      ref <- spdep::nb2mat(nb, style = "B", zero.policy = TRUE)
      attr(ref, "call") <- NULL
      dimnames(ref) <- list(ids, ids)
      w <- spatial_weights(x, id = shapes[[nm]]$id, contiguity = type,
                           style = "B")
      expect_equal(as.matrix(w), ref, info = paste(nm, type, "spdep"))
      expect_equal(w$source, sprintf("%s contiguity of %d sf polygons (%s)",
                                     type, nrow(x), "spdep::poly2nb"))
      # the fallback, with spdep "not installed"
      unlockBinding("has_namespace", ns)
      assign("has_namespace", without_spdep, envir = ns)
      wf <- tryCatch(spatial_weights(x, id = shapes[[nm]]$id,
                                     contiguity = type, style = "B"),
                     finally = {
                       assign("has_namespace", real, envir = ns)
                       lockBinding("has_namespace", ns)
                     })
      expect_equal(as.matrix(wf), ref, info = paste(nm, type, "sf"))
      expect_match(wf$source, "(sf::st_relate)", fixed = TRUE)
    }
  }
})

test_that("the st_relate() fallback snaps like poly2nb(): gaps and overlaps below its tolerance", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spdep")
  sq <- function(x0, y0) {
    sf::st_polygon(list(rbind(c(x0, y0), c(x0 + 1, y0), c(x0 + 1, y0 + 1),
                              c(x0, y0 + 1), c(x0, y0))))
  }
  # a gap of 1e-10 to the right, an overlap of 1e-10 above, a far square
  g <- sf::st_sfc(sq(0, 0), sq(1 + 1e-10, 0), sq(0, 1 - 1e-10), sq(5, 5))
  ref <- spdep::nb2mat(spdep::poly2nb(g), style = "B", zero.policy = TRUE)
  attr(ref, "call") <- NULL
  expect_equal(sum(ref), 6)  # the three squares are neighbours in poly2nb
  ns <- asNamespace("regineq")
  real <- get("has_namespace", ns)
  unlockBinding("has_namespace", ns)
  assign("has_namespace", function(pkg) if (pkg == "spdep") FALSE else
    real(pkg), envir = ns)
  wf <- tryCatch(suppressWarnings(spatial_weights(g, style = "B")),
                 finally = {
                   assign("has_namespace", real, envir = ns)
                   lockBinding("has_namespace", ns)
                 })
  expect_equal(unname(as.matrix(wf)), unname(ref))
  expect_equal(wf$islands, "4")
})

test_that("`contiguity` changes the links: rook is the grid, queen adds the diagonals", {
  skip_if_not_installed("sf")
  sq <- function(r, c) {
    sf::st_polygon(list(rbind(c(c, r), c(c + 1, r), c(c + 1, r + 1),
                              c(c, r + 1), c(c, r))))
  }
  # cell k = (c - 1) * 3 + r, the numbering of grid_weights()
  cells <- expand.grid(r = 1:3, c = 1:3)
  g <- sf::st_sf(id = paste0("c", seq_len(9)),
                 geometry = sf::st_sfc(mapply(sq, cells$r, cells$c,
                                              SIMPLIFY = FALSE)))
  rook <- spatial_weights(g, id = "id", contiguity = "rook", style = "B")
  expect_equal(as.matrix(rook), grid_weights(3, 3))
  queen <- spatial_weights(g, id = "id", contiguity = "queen", style = "B")
  diag_links <- outer(seq_len(9), seq_len(9), function(a, b) {
    abs(cells$r[a] - cells$r[b]) == 1 & abs(cells$c[a] - cells$c[b]) == 1
  }) * 1
  expect_equal(unname(as.matrix(queen)), unname(grid_weights(3, 3)) + diag_links)
  expect_match(queen$source, "^queen contiguity of 9 sf polygons")
  # the default is queen, and says so
  expect_equal(spatial_weights(g, id = "id", style = "B"), queen)
  expect_output(print(rook), "rook contiguity of 9 sf polygons")
})

test_that("`id`, `ids` and the row names label sf geometries", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  us <- spData::us_states
  by_name <- spatial_weights(us, id = "NAME")
  expect_equal(by_name$ids, us$NAME)
  by_geoid <- spatial_weights(us, id = "GEOID")
  expect_equal(by_geoid$ids, us$GEOID)
  expect_equal(by_geoid$val, by_name$val)
  expect_equal(spatial_weights(us)$ids, as.character(seq_len(nrow(us))))
  expect_equal(spatial_weights(us, ids = us$NAME), by_name)
  expect_equal(spatial_weights(sf::st_geometry(us), ids = us$NAME)$val,
               by_name$val)
  named <- us
  row.names(named) <- us$NAME
  expect_equal(spatial_weights(named)$ids, us$NAME)
  # `style` applies to contiguity as to any weights
  b <- spatial_weights(us, id = "NAME", style = "B")
  expect_true(all(b$val == 1))
  expect_equal(rowSums(as.matrix(by_name)), rep(1, 49), ignore_attr = TRUE)
})

test_that("polygons without neighbours are named when the weights are built", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  us <- spData::us_states
  # Washington, Oregon and California alone: California's only neighbour
  # is Oregon; Nevada dropped, Hawaii-like far square added
  west <- us[us$NAME %in% c("Washington", "Oregon", "California"), ]
  far <- sf::st_sf(NAME = "Faraway", geometry = sf::st_sfc(
    sf::st_polygon(list(rbind(c(-150, 20), c(-149, 20), c(-149, 21),
                              c(-150, 21), c(-150, 20)))), crs = sf::st_crs(us)))
  x <- rbind(west[c("NAME", "geometry")], far)
  expect_warning(w <- spatial_weights(x, id = "NAME"),
                 class = "regineq_warning_islands", regexp = "\"Faraway\"")
  expect_equal(w$islands, "Faraway")
  expect_output(print(w), "islands: Faraway")
})

test_that("sf points give knn_weights() and distance_weights(), longlat from the CRS", {
  skip_if_not_installed("sf")
  nc <- sf::st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE)
  pts <- suppressWarnings(sf::st_point_on_surface(sf::st_geometry(nc)))
  xy <- sf::st_coordinates(pts)
  ids <- nc$NAME
  # geographic CRS: ellipsoidal great-circle km (as spdep)
  k4 <- spatial_weights(pts, ids = ids, k = 4, style = "B")
  expect_equal(as.matrix(k4), as.matrix(knn_weights(xy, 4, ids, TRUE, "B")))
  expect_true(k4$longlat)
  expect_match(k4$source, "4 nearest neighbours (ellipsoidal great-circle km, WGS84) of 100 sf points",
               fixed = TRUE)
  k6 <- spatial_weights(pts, ids = ids, k = 6, style = "B")
  expect_equal(sum(k6$val), 600)
  # brute force: 4 nearest by great-circle distance
  d <- outer(seq_len(100), seq_len(100), function(a, b) {
    ellipsoid_km(xy[a, 1], xy[a, 2], xy[b, 1], xy[b, 2])
  })
  diag(d) <- Inf
  brute <- t(apply(d, 1, function(r) seq_along(r) %in% order(r)[1:4])) * 1
  expect_equal(unname(as.matrix(k4)), brute)
  db <- spatial_weights(pts, ids = ids, upper = 60, style = "none")
  expect_equal(as.matrix(db),
               as.matrix(distance_weights(xy, upper = 60, ids = ids,
                                          longlat = TRUE, style = "none")))
  expect_equal(unname(as.matrix(db)), ifelse(d <= 60, d^-1, 0),
               tolerance = 1e-9)
  expect_false(isTRUE(all.equal(
    as.matrix(spatial_weights(pts, ids = ids, upper = 60, lower = 30,
                              style = "none")), as.matrix(db))))
  expect_equal(unname(as.matrix(spatial_weights(pts, ids = ids, upper = 60,
                                                power = 2, style = "none"))),
               ifelse(d <= 60, d^-2, 0), tolerance = 1e-9)
  # projected CRS (metres): Euclidean, in metres
  pm <- sf::st_transform(pts, 32119)
  xym <- sf::st_coordinates(pm)
  km <- spatial_weights(pm, ids = ids, k = 4)
  expect_false(km$longlat)
  expect_equal(km, {
    r <- knn_weights(xym, 4, ids, FALSE)
    r$source <- paste(r$source, "of 100 sf points")
    r
  })
  # `longlat` overrides the CRS, and is required without one
  flat <- spatial_weights(pts, ids = ids, k = 4, longlat = FALSE)
  expect_false(flat$longlat)
  expect_false(identical(flat$col, k4$col))  # degrees as planar: other links
  expect_equal(flat$col, knn_weights(xy, 4, ids, FALSE)$col)
  no_crs <- sf::st_set_crs(pts, NA)
  expect_error(spatial_weights(no_crs, k = 4), class = "regineq_error_missing",
               regexp = "`longlat`")
  expect_equal(spatial_weights(no_crs, ids = ids, k = 4, longlat = TRUE)$val,
               k4$val * 0 + 0.25)
})

test_that("bad sf input gets classed errors naming the argument", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  us <- spData::us_states[1:6, ]
  # no geometry column
  broken <- us
  attr(broken, "sf_column") <- "shape"
  expect_error(spatial_weights(broken), class = "regineq_error_column",
               regexp = "without a geometry column")
  # an empty geometry
  emp <- us
  sf::st_geometry(emp)[3] <- sf::st_cast(sf::st_sfc(sf::st_polygon()),
                                         "MULTIPOLYGON")
  expect_error(spatial_weights(emp, id = "NAME"), class = "regineq_error_missing",
               regexp = paste0("empty geometries: row 3 \\(", us$NAME[3], "\\)"))
  # ids
  na <- us
  na$NAME[c(2, 5)] <- NA
  expect_error(spatial_weights(na, id = "NAME"), class = "regineq_error_missing",
               regexp = "column `NAME` has NA in rows 2, 5")
  dup <- us
  dup$NAME[4] <- dup$NAME[1]
  expect_error(spatial_weights(dup, id = "NAME"),
               class = "regineq_error_duplicate",
               regexp = "column `NAME` has \"Alabama\" in rows 1 and 4")
  expect_error(spatial_weights(us, id = "name"), class = "regineq_error_column",
               regexp = "no column `name`")
  expect_error(spatial_weights(us, id = "NAME", ids = letters[1:6]),
               class = "regineq_error_argument")
  expect_error(spatial_weights(us, ids = letters[1:5]),
               class = "regineq_error_value", regexp = "one id per geometry")
  expect_error(spatial_weights(us, ids = rep(us$NAME[1], nrow(us))),
               class = "regineq_error_duplicate", regexp = "Alabama")
  # lines and mixes
  lines <- sf::st_cast(sf::st_geometry(us), "MULTILINESTRING")
  expect_error(spatial_weights(lines), class = "regineq_error_type",
               regexp = "not MULTILINESTRING \\(rows 1, 2, 3, 4, 5 and 1 more")
  cen <- suppressWarnings(sf::st_centroid(sf::st_geometry(us)))
  mixed <- c(sf::st_geometry(us)[1:3], cen[4:6])
  expect_error(spatial_weights(mixed), class = "regineq_error_type",
               regexp = "POLYGONS \\(rows 1, 2, 3\\); POINTS \\(rows 4, 5, 6\\)")
  # arguments for the other kind of geometry
  expect_error(spatial_weights(us, k = 2), class = "regineq_error_argument",
               regexp = "`k` is for point geometries")
  expect_error(spatial_weights(cen, contiguity = "rook"),
               class = "regineq_error_argument", regexp = "`contiguity`")
  expect_error(spatial_weights(cen), class = "regineq_error_argument",
               regexp = "either `k`")
  expect_error(spatial_weights(cen, k = 2, upper = 100),
               class = "regineq_error_argument", regexp = "only one of")
  expect_error(spatial_weights(cen, k = 2, power = 2),
               class = "regineq_error_argument", regexp = "`power`")
  expect_error(spatial_weights(us, contiguity = "bishop"),
               class = "regineq_error_value", regexp = "`contiguity`")
  expect_error(spatial_weights(grid_weights(2, 2), id = "x"),
               class = "regineq_error_argument",
               regexp = "`id` is only for sf")
  expect_error(spatial_weights(sf::st_geometry(us)[0]),
               class = "regineq_error_size")
})

test_that("without sf and spdep, sf input is a dependency error naming both", {
  skip_if_not_installed("sf")
  skip_if_not_installed("spData")
  ns <- asNamespace("regineq")
  real <- get("has_namespace", ns)
  unlockBinding("has_namespace", ns)
  assign("has_namespace", function(pkg) FALSE, envir = ns)
  on.exit({
    assign("has_namespace", real, envir = ns)
    lockBinding("has_namespace", ns)
  })
  err <- expect_error(spatial_weights(spData::us_states),
                      class = "regineq_error_dependency")
  expect_match(conditionMessage(err), "spdep")
  expect_match(conditionMessage(err), "sf")
  expect_error(as_listw(spatial_weights(grid_weights(2, 2))),
               class = "regineq_error_dependency", regexp = "spdep")
})

# as_listw() ---------------------------------------------------------------------

test_that("regineq -> listw -> regineq keeps every link, weight and style", {
  round_trip_parts <- c("ids", "n", "rowptr", "col", "val", "raw", "style",
                        "islands", "symmetric")
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- paste0("r", seq_along(fx$nb))
  isl <- nb_with_islands(fx$nb, c(5L, 30L))
  cases <- list(
    contiguity_W = spatial_weights(fx$nb, ids = ids, style = "W"),
    contiguity_B = spatial_weights(fx$nb, ids = ids, style = "B"),
    islands_W = spatial_weights(isl, ids = ids, style = "W"),
    islands_none = spatial_weights(isl, ids = ids, style = "none"),
    knn_W = knn_weights(fx$coords, 4, ids, FALSE, "W"),
    knn_B = knn_weights(fx$coords, 4, ids, FALSE, "B"),
    dist_W = distance_weights(fx$coords, upper = 1.5, ids = ids,
                              longlat = FALSE, style = "W"),
    dist_none = distance_weights(fx$coords, upper = 1.5, ids = ids,
                                 longlat = FALSE, style = "none"),
    dist_B = distance_weights(fx$coords, upper = 1.5, ids = ids,
                              longlat = FALSE, style = "B")
  )
  for (nm in names(cases)) {
    w <- cases[[nm]]
    lw <- as_listw(w)
    expect_s3_class(lw, "listw")
    expect_equal(attr(lw$neighbours, "region.id"), ids)
    expect_equal(lw$style, c(W = "W", B = "B", none = "M")[[w$style]],
                 info = nm)
    # spdep's own matrix of the exported object is ours
    expect_equal(spdep::listw2mat(lw), as.matrix(w), ignore_attr = TRUE,
                 info = nm)
    back <- spatial_weights(lw)
    expect_identical(unclass(back)[round_trip_parts],
                     unclass(w)[round_trip_parts], info = nm)
  }
  expect_false(cases$knn_W$symmetric)
  expect_equal(cases$islands_W$islands, c("r5", "r30"))
  lw <- as_listw(cases$islands_W)
  expect_equal(lw$neighbours[[5]], 0L)
  expect_equal(spdep::card(lw$neighbours)[c(5, 30)], c(0L, 0L))
  # W built by spdep itself from the same nb
  expect_equal(as_listw(cases$contiguity_W)$weights,
               spdep::nb2listw(fx$nb, style = "W")$weights, ignore_attr = TRUE)
  expect_error(as_listw(grid_weights(2, 2)), class = "regineq_error_type",
               regexp = "`x` must be regineq weights")
})

test_that("Moran on the exported listw equals ours; spatialreg runs on it", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  ids <- as.character(seq_along(fx$nb))
  d <- data.frame(id = ids, v = fx$data$CRIME)
  for (w in list(knn_weights(fx$coords, 4, ids, FALSE, "W"),
                 distance_weights(fx$coords, upper = 1.5, ids = ids,
                                  longlat = FALSE, style = "none"),
                 spatial_weights(nb_with_islands(fx$nb, c(5L, 30L)),
                                 ids = ids))) {
    lw <- as_listw(w)
    mt <- spdep::moran.test(d$v, lw, zero.policy = TRUE)
    ours <- suppressWarnings(moran_global(d, "v", w, "id"))
    expect_equal(ours$I, unname(mt$estimate[1]), tolerance = 1e-12)
    expect_equal(ours$variance, unname(mt$estimate[3]), tolerance = 1e-12)
    expect_equal(ours$p_value, mt$p.value, tolerance = 1e-10)
    lm <- spdep::localmoran(d$v, lw, zero.policy = TRUE)
    ol <- suppressWarnings(moran_local(d, "v", w, "id", nsim = 0))
    expect_equal(ol$Ii, unname(lm[, 1]), tolerance = 1e-10)
    expect_equal(ol$variance, unname(lm[, 3]), tolerance = 1e-10)
  }
  skip_if_not_installed("spatialreg")
  w <- spatial_weights(fx$nb, ids = ids)
  f <- CRIME ~ INC + HOVAL
  ours <- spatialreg::lagsarlm(f, data = fx$data, listw = as_listw(w))
  ref <- spatialreg::lagsarlm(f, data = fx$data,
                              listw = spdep::nb2listw(fx$nb, style = "W"))
  expect_equal(coef(ours), coef(ref), tolerance = 1e-8)
  expect_equal(ours$rho, ref$rho, tolerance = 1e-8)
})

test_that("a listw's style is read, and a bad one refused", {
  skip_if_not_installed("spdep")
  skip_if_not_installed("spData")
  fx <- columbus_fixture()
  lw <- spdep::nb2listw(fx$nb, style = "W")
  expect_equal(spatial_weights(lw)$style, "W")
  expect_equal(spatial_weights(spdep::nb2listw(fx$nb, style = "B"))$style, "B")
  cw <- spdep::nb2listw(fx$nb, style = "C")
  wc <- spatial_weights(cw)
  expect_equal(wc$style, "none")
  expect_equal(as.matrix(wc), spdep::listw2mat(cw), ignore_attr = TRUE)
  # spdep's idiom for general weights: style "B" with a glist
  dl <- spdep::nbdists(fx$nb, fx$coords)
  gl <- spdep::nb2listw(fx$nb, glist = lapply(dl, function(x) 1 / x),
                        style = "B")
  wg <- spatial_weights(gl)
  expect_equal(wg$style, "none")
  expect_equal(as.matrix(wg), spdep::listw2mat(gl), ignore_attr = TRUE)
  # W from general weights keeps the general weights as its raw values
  gw <- spdep::nb2listw(fx$nb, glist = lapply(dl, function(x) 1 / x),
                        style = "W")
  expect_equal(spatial_weights(gw)$raw, 1 / unlist(dl))
  expect_equal(as.matrix(spatial_weights(spatial_weights(gw), style = "none")),
               spdep::listw2mat(gl), ignore_attr = TRUE)
  # an explicit style restyles the values, as before
  expect_equal(spatial_weights(cw, style = "W")$val,
               spatial_weights(lw, style = "W")$val)
  expect_equal(spatial_weights(lw, style = "none")$val, unlist(lw$weights))
  for (bad in list("Q", NA_character_, NULL, c("W", "B"), 1)) {
    b <- lw
    b["style"] <- list(bad)
    expect_error(spatial_weights(b), class = "regineq_error_value",
                 regexp = "`x` must be a listw with a `style` spdep knows")
  }
  off <- lw
  off$weights[[3]] <- off$weights[[3]] * 2
  expect_error(spatial_weights(off), class = "regineq_error_value",
               regexp = "\\(position 3\\) sum to 2")
})
