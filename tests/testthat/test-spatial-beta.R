# Spatial beta convergence: equal to calling spatialreg by hand.

spatial_beta_panel <- function() {
  col <- spData::columbus
  n <- nrow(col)
  lw <- spdep::nb2listw(spData::col.gal.nb, style = "W")
  set.seed(1)
  y0 <- col$INC
  shock <- as.vector(spdep::lag.listw(lw, stats::rnorm(n)))
  y1 <- y0 * exp(0.1 - 0.03 * log(y0) + 0.05 * shock +
                   stats::rnorm(n, 0, 0.05))
  ids <- sprintf("c%02d", seq_len(n))
  d <- data.frame(id = rep(ids, 2), year = rep(c(2000, 2010), each = n),
                  y = c(y0, y1), x = rep(col$HOVAL, 2))
  nb <- spData::col.gal.nb
  attr(nb, "region.id") <- ids
  list(d = d, lw = spdep::nb2listw(nb, style = "W"), y0 = y0, y1 = y1,
       x = col$HOVAL)
}

test_that("spatial lag, error and Durbin beta equal spatialreg by hand", {
  skip_if_not_installed("spatialreg")
  skip_if_not_installed("spdep")
  p <- spatial_beta_panel()
  w <- spatial_weights(p$lw)
  df <- data.frame(g = (log(p$y1) - log(p$y0)) / 10, l0 = log(p$y0),
                   x = p$x)
  ref <- list(
    lag = spatialreg::lagsarlm(g ~ l0, df, p$lw),
    error = spatialreg::errorsarlm(g ~ l0, df, p$lw),
    durbin = spatialreg::lagsarlm(g ~ l0, df, p$lw, Durbin = TRUE))
  for (m in names(ref)) {
    b <- beta_convergence(p$d, "y", "id", "year", spatial = m, weights = w)
    cf <- summary(ref[[m]])$Coef
    expect_equal(b$beta, cf["l0", 1], tolerance = 1e-10, info = m)
    expect_equal(b$se, cf["l0", 2], tolerance = 1e-10, info = m)
    sp <- if (m == "error") ref[[m]]$lambda else ref[[m]]$rho
    expect_equal(b$spatial_coef, unname(sp), tolerance = 1e-10, info = m)
    expect_equal(b$log_lik, as.numeric(logLik(ref[[m]])), tolerance = 1e-10)
    expect_equal(b$lambda, -log(1 + b$beta * 10) / 10)
    expect_equal(b$spatial, m)
    if (m != "error") {
      im <- spatialreg::impacts(ref[[m]], listw = p$lw)
      expect_equal(c(b$direct, b$indirect, b$total),
                   c(im$direct[1], im$indirect[1], im$total[1]),
                   tolerance = 1e-10, info = m)
      # in the lag model the total impact is beta / (1 - rho)
      if (m == "lag") {
        expect_equal(b$total, b$beta / (1 - b$spatial_coef),
                     tolerance = 1e-10)
      }
    } else {
      expect_true(is.na(b$direct))
    }
  }
  # conditional, with a control
  b <- beta_convergence(p$d, "y", "id", "year", type = "conditional",
                        controls = "x", spatial = "error", weights = w)
  r <- spatialreg::errorsarlm(g ~ l0 + x, df, p$lw)
  expect_equal(b$beta, unname(coef(r)["l0"]), tolerance = 1e-10)
  # the model changes the result; OLS stays as before
  ols <- beta_convergence(p$d, "y", "id", "year")
  expect_equal(ols$beta, unname(coef(lm(g ~ l0, df))["l0"]),
               tolerance = 1e-10)
  expect_false(isTRUE(all.equal(ols$beta, beta_convergence(
    p$d, "y", "id", "year", spatial = "lag", weights = w)$beta)))
  expect_output(print(b), "spatial error model")
})

test_that("spatial beta refuses what it can't fit, naming why", {
  skip_if_not_installed("spatialreg")
  p <- spatial_beta_panel()
  w <- spatial_weights(p$lw)
  expect_error(beta_convergence(p$d, "y", "id", "year", spatial = "lag"),
               class = "regineq_error_argument")
  expect_error(beta_convergence(p$d, "y", "id", "year", spatial = "lag",
                                weights = w, form = "panel"),
               class = "regineq_error_argument")
  expect_error(beta_convergence(p$d, "y", "id", "year", weights = w),
               class = "regineq_error_argument")
  expect_error(beta_convergence(p$d, "y", "id", "year", spatial = "sar",
                                weights = w),
               class = "regineq_error_value")
  # a region of the data not in the weights, and the other way round
  d2 <- p$d[p$d$id != "c01", ]
  expect_error(beta_convergence(d2, "y", "id", "year", spatial = "lag",
                                weights = w),
               "in `weights` only: \"c01\"", class = "regineq_error_value")
  ns <- asNamespace("regineq")
  real <- get("has_namespace", ns)
  unlockBinding("has_namespace", ns)
  assign("has_namespace", function(pkg) pkg != "spatialreg", envir = ns)
  on.exit({
    assign("has_namespace", real, envir = ns)
    lockBinding("has_namespace", ns)
  })
  expect_error(beta_convergence(p$d, "y", "id", "year", spatial = "lag",
                                weights = w),
               "needs the spatialreg package",
               class = "regineq_error_dependency")
})
