#' Sigma convergence: dispersion by period
#'
#' For each period (and group) the number of regions, mean, standard
#' deviation, coefficient of variation, \eqn{\sigma}{sigma} (the standard
#' deviation of logs, the "convergence coefficient" of Ran et al. 2025,
#' eq. 9), Theil's T and the Gini coefficient. Ran et al. (2025, eqs. 9-10)
#' divide by \eqn{n}{n}; that is the default, and `denominator = "n-1"` gives
#' the sample forms of sd, cv and sigma. Falling \eqn{\sigma}{sigma} over
#' time is sigma convergence: `summary()` reports the OLS slope of
#' \eqn{\sigma}{sigma} on time with its standard error and two-sided p-value,
#' and calls the series converging only when the slope is negative and
#' significant at `alpha`.
#'
#' On an unbalanced panel each period's dispersion is measured on the rows
#' it has (`n` shows how many), and a message (class
#' `regineq_message_unbalanced`) says so; a region entering or leaving the
#' sample can move sigma by itself. With `id` and `balanced = TRUE` only the
#' regions present in every period are used, so the trend compares the same
#' regions throughout.
#'
#' With `population` (observation weights) every dispersion is
#' population-weighted, with shares \eqn{p_i = w_i/\sum_r w_r}{p_i = w_i /
#' sum_r w_r} and \eqn{\mu = \sum_i p_i y_i}{mu = sum_i p_i y_i}, and the
#' table gains the weighted coefficient of variation of Williamson (1965),
#' \eqn{V_w = \sqrt{\sum_i p_i (y_i - \mu)^2}/\mu}{V_w = sqrt(sum_i p_i (y_i
#' - mu)^2) / mu}. Only the `n` form exists then (`denominator = "n-1"` is
#' an error). The columns:
#'
#' | column | without `population` | with `population` |
#' |---|---|---|
#' | `n` | rows | rows of positive weight |
#' | `population` | (absent) | total weight |
#' | `mean` | mean | weighted mean \eqn{\mu}{mu} |
#' | `sd` | sd (`denominator`) | \eqn{\sqrt{\sum p_i (y_i - \mu)^2}}{sqrt(sum p_i (y_i - mu)^2)} |
#' | `cv` | sd / mean | unweighted sd / mean of the rows of positive weight (Williamson's \eqn{V_{uw}}{V_uw}) |
#' | `williamson` | (absent) | weighted sd / weighted mean (\eqn{V_w}{V_w}) |
#' | `sigma` | sd of logs | weighted sd of logs |
#' | `theil` | Theil's T | weighted Theil's T (see [theil()]) |
#' | `gini` | Gini | weighted Gini (see [gini()]) |
#'
#' A row of weight 0 is a dropped row.
#'
#' @inheritParams gini
#' @param data A data frame.
#' @param group Optional name of a grouping column (one row per period and
#'   group).
#' @param time Name of the period column (numeric periods give the slope per
#'   unit of time; other periods are ranked).
#' @param denominator `"n"` (default, as Ran et al. 2025) or `"n-1"`.
#' @return A data frame of class `regineq_sigma`: the period column, `group`
#'   (if given), `n`, `mean`, `sd`, `cv`, `sigma`, `theil`, `gini`; with
#'   `population` also `population` (after `n`) and `williamson` (after `cv`),
#'   see the table above.
#'   `summary()` gives, per group, the OLS `slope` of sigma on the period's
#'   position in time, its `se` and two-sided `p_value`, and `converging`:
#'   `TRUE` only for a negative slope significant at `alpha`.
#' @references Barro, R. J. and Sala-i-Martin, X. (1992). Convergence.
#'   Journal of Political Economy 100(2), 223-251.
#'
#'   Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025). Study on potential
#'   measurement, temporal-spatial differences and strategic focus of
#'   development of new quality productive forces. Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30, eqs. 8-10.
#'   \doi{10.11835/j.issn.1008-5831.jg.2024.10.002}
#'
#'   Williamson, J. G. (1965). Regional inequality and the process of
#'   national development: a description of the patterns. Economic
#'   Development and Cultural Change 13(4), 1-84.
#' @family convergence
#' @export
#' @examples
#' sc <- sigma_convergence(nqpf_potential, "score", time = "year")
#' sc
#' summary(sc)
sigma_convergence <- function(data, value, time, group = NULL,
                              denominator = c("n", "n-1"), population = NULL,
                              id = NULL, balanced = FALSE) {
  check_required(c("data", "value", "time"))
  denominator <- check_choice(denominator, c("n", "n-1"), "denominator")
  check_string(time, "time")
  if (!is.null(population) && denominator == "n-1") {
    abort("`denominator = \"n-1\"` can't be used with `population`: the ",
          "population-weighted dispersion has no n - 1 form. Use ",
          "`denominator = \"n\"`.", class = "regineq_error_argument")
  }
  inp <- check_inequality(data, value, group, time, positive = TRUE, id = id,
                          balanced = balanced, population = population)
  if (is.null(population)) {
    res <- run_inequality(inp)
    s <- if (is.null(group)) res$periods else res$groups
    n <- s$n
    k <- if (denominator == "n") 1 else sqrt(n / pmax(n - 1, 1))
    cols <- list(n = n, mean = s$mean, sd = s$sd * k, cv = s$sd * k / s$mean,
                 sigma = s$sd_log * k, theil = s$theil_t, gini = s$gini)
  } else {
    res <- wk_run(inp)
    s <- if (is.null(group)) res$period else res$group
    # Williamson's unweighted V: the regions of positive population, each
    # counted once
    one <- inp
    one$w <- as.double(inp$w > 0)
    u <- wk_run(one, wk_want(gini = FALSE))
    u <- if (is.null(group)) u$period else u$group
    cols <- list(n = s$n, population = s$weight, mean = s$mean, sd = s$sd,
                 cv = u$sd / u$mean, williamson = s$sd / s$mean,
                 sigma = s$sd_log, theil = s$theil_t, gini = s$gini)
  }
  out <- if (is.null(group)) period_table(cols, inp$pan) else
    group_table(cols, inp$pan)
  # a one-region group has no dispersion estimate with n - 1
  if (denominator == "n-1") out[out$n < 2, c("sd", "cv", "sigma")] <- NA
  out <- new_result_df(out, "regineq_sigma", time = time, group = group,
                       denominator = denominator, population = population)
  attach_inputs(out, inp, inp$w, verb = "sigma_convergence",
                denominator = denominator, value = value,
                population = population)
}

#' @param object A `regineq_sigma` result.
#' @param alpha Significance level of the trend test in `summary()`.
#' @param ... Unused; for compatibility with the generic.
#' @rdname sigma_convergence
#' @export
summary.regineq_sigma <- function(object, alpha = 0.05, ...) {
  check_number(alpha, "alpha", min = 0, max = 1)
  info <- result_info(object)
  df <- as.data.frame(object)
  tnum <- period_positions(df[[info$time]], info$time)
  groups <- if (is.null(info$group)) list(all = seq_len(nrow(df))) else
    split(seq_len(nrow(df)), df$group)
  rows <- lapply(names(groups), function(g) {
    r <- groups[[g]]
    r <- r[!is.na(df$sigma[r])]
    if (length(r) < 3L) {
      return(data.frame(group = g, slope = NA_real_, se = NA_real_,
                        p_value = NA_real_, converging = NA))
    }
    fit <- summary(stats::lm(df$sigma[r] ~ tnum[r]))$coefficients
    if (nrow(fit) < 2L) {
      return(data.frame(group = g, slope = 0, se = NA_real_,
                        p_value = NA_real_, converging = NA))
    }
    data.frame(group = g, slope = fit[2, 1], se = fit[2, 2],
               p_value = fit[2, 4],
               converging = fit[2, 1] < 0 && fit[2, 4] <= alpha)
  })
  out <- do.call(rbind, rows)
  if (is.null(info$group)) out$group <- NULL
  new_result_df(out, "regineq_sigma_summary", time = info$time,
                alpha = alpha, denominator = info$denominator)
}

#' @export
print.regineq_sigma_summary <- function(x, ...) {
  info <- result_info(x)
  cat(sprintf(paste0("<sigma convergence> OLS of sigma (sd of log values, ",
                     "%s denominator) on `%s`; slope per unit of `%s`.\n",
                     "converging = negative slope with p <= %s (two-sided ",
                     "t test).\n"),
              info$denominator, info$time, info$time, format(info$alpha)))
  print(unclass_df(x), digits = 4, row.names = FALSE)
  invisible(x)
}

#' @export
print.regineq_sigma <- function(x, ...) {
  info <- result_info(x)
  cat(sprintf("<regineq_sigma> dispersion by period (%s denominator)%s\n",
              info$denominator, population_note(info$population)))
  print(unclass_df(x), row.names = FALSE, digits = 4)
  invisible(x)
}

#' Beta convergence: do lagging regions grow faster?
#'
#' * `form = "cross_section"` (Barro and Sala-i-Martin 1992): the annualised
#'   log growth of each region over the whole window,
#'   \eqn{g_i = \ln(y_{iT}/y_{i0})/T}{g_i = ln(y_iT / y_i0) / T}, regressed
#'   on \eqn{\ln y_{i0}}{ln y_i0} (and, for `type = "conditional"`, on the
#'   `controls` at the first period). The speed of convergence is
#'   \eqn{\lambda = -\ln(1 + \beta T)/T}{lambda = -ln(1 + beta T) / T}.
#' * `form = "panel"`: the growth rate between consecutive periods,
#'   \eqn{\ln(y_{it}/y_{i,t-1})/\Delta t}{ln(y_it / y_i,t-1) / dt}, regressed
#'   on \eqn{\ln y_{i,t-1}}{ln y_i,t-1} (and lagged `controls`);
#'   `type = "conditional"` adds a fixed effect for every unit of `id` (one
#'   intercept per region: the within estimator). Dummies for groups of
#'   regions (the four regions, say) are not fixed effects here: pass them as
#'   `controls` with `type = "absolute"`. Here
#'   \eqn{\lambda = -\ln(1 + \beta \Delta t)/\Delta t}{lambda = -ln(1 + beta
#'   dt) / dt} with \eqn{\Delta t}{dt} the typical step between periods.
#'
#' In both forms, a negative \eqn{\beta}{beta} (significant at the level
#' you choose) indicates convergence, a positive one divergence, and the
#' half-life is \eqn{\ln 2/\lambda}{ln 2 / lambda}. \eqn{\lambda}{lambda} is
#' `NA` when \eqn{1 + \beta T \le 0}{1 + beta T <= 0} and the half-life is
#' `NA` when \eqn{\lambda \le 0}{lambda <= 0} (divergence).
#'
#' No region is dropped without a word. On an unbalanced panel (regions
#' that lack some periods) a message (class `regineq_message_unbalanced`)
#' names the regions and the periods they lack, and says what is used. With
#' `balanced = FALSE` (the default) the cross-section uses every region
#' observed in both the first and the last period (the message names those
#' left out, which have no growth over the window); the panel form uses
#' every growth rate between a region's consecutive observed periods (across
#' a gap, one rate per unit of time over the gap's length), and a region
#' with a single period has no growth rate. With `balanced = TRUE` both forms
#' use only the regions present in every period. To make an unbalanced panel
#' an error instead, turn the message into one:
#' `withCallingHandlers(beta_convergence(...), regineq_message_unbalanced =
#' function(m) stop(m))`.
#'
#' **Spatial beta convergence** (`spatial = "lag"`, `"error"` or
#' `"durbin"`, cross-section form): the same regression with spatial
#' dependence, fitted by maximum likelihood with the spatialreg package
#' (`spatialreg::lagsarlm()`, `errorsarlm()`, `lagsarlm(Durbin = TRUE)`; in
#' Suggests): the lag model \eqn{g = \rho W g + X b + e}{g = rho W g + X b +
#' e}, the error model \eqn{g = X b + u}{g = X b + u},
#' \eqn{u = \lambda_W W u + e}{u = lambda_W W u + e}, and the Durbin model,
#' which adds \eqn{W X}{W X}. `beta`, its standard error and z test come
#' from the fitted coefficient of the initial log level (`t` holds the z
#' value, `p_value` its two-sided normal p-value), `lambda` and `half_life`
#' from `beta` as above; `spatial_coef` is \eqn{\rho}{rho} (lag, Durbin) or
#' the error model's \eqn{\lambda_W}{lambda_W}, with its asymptotic standard
#' error and z-test p-value; for the lag and Durbin models `direct`,
#' `indirect` and `total` are the impacts of the initial log level (LeSage
#' and Pace 2009, `spatialreg::impacts()`), which are what to read in those
#' models: the coefficient alone is not the marginal effect. `log_lik` and
#' `aic` compare the models. The regions of the regression (those observed
#' in the first and the last period) must be exactly the weights' regions.
#'
#' @inheritParams composite_index
#' @param value Name of the (positive) value column.
#' @param type `"absolute"` or `"conditional"`.
#' @param controls Names of control columns (required for a conditional
#'   cross-section; optional in the panel form).
#' @param form `"cross_section"` or `"panel"`.
#' @param balanced `FALSE` (default): on an unbalanced panel, use every
#'   region and growth rate the form can use (see Details). `TRUE`: only the
#'   regions present in every period.
#' @param spatial `"none"` (default, OLS), or a spatial model of the
#'   cross-section form: `"lag"`, `"error"` or `"durbin"` (needs spatialreg
#'   and spdep).
#' @param weights,contiguity Spatial weights of the regions for `spatial`
#'   (anything [moran_global()] accepts; `contiguity` for sf polygons).
#' @return A one-row data frame: `form`, `type`, `beta`, `se`, `t`, `p_value`,
#'   `lambda`, `half_life`, `n` (observations), `r_squared`, `span` (the
#'   \eqn{T}{T} or \eqn{\Delta t}{dt} used). With `spatial`, also
#'   `spatial` (the model), `spatial_coef`, `spatial_se`, `spatial_p`,
#'   `direct`, `indirect`, `total` (`NA` for the error model), `log_lik`,
#'   `aic`; `r_squared` is `NA` (no R-squared for a maximum-likelihood
#'   spatial model).
#' @references Barro, R. J. and Sala-i-Martin, X. (1992). Convergence.
#'   Journal of Political Economy 100(2), 223-251.
#'
#'   Rey, S. J. and Montouri, B. D. (1999). US regional income convergence:
#'   a spatial econometric perspective. Regional Studies 33(2), 143-156.
#'
#'   LeSage, J. and Pace, R. K. (2009). Introduction to Spatial
#'   Econometrics. CRC Press.
#' @family convergence
#' @export
#' @examples
#' beta_convergence(nqpf_potential, "score", id = "province", time = "year")
#' beta_convergence(nqpf_potential, "score", "province", "year",
#'                  type = "conditional", form = "panel")
beta_convergence <- function(data, value, id, time,
                             type = c("absolute", "conditional"),
                             controls = NULL,
                             form = c("cross_section", "panel"),
                             balanced = FALSE,
                             spatial = c("none", "lag", "error", "durbin"),
                             weights = NULL, contiguity = NULL) {
  check_required(c("data", "value", "id", "time"))
  type <- check_choice(type, c("absolute", "conditional"), "type")
  form <- check_choice(form, c("cross_section", "panel"), "form")
  spatial <- check_choice(spatial, c("none", "lag", "error", "durbin"),
                          "spatial")
  if (spatial != "none") {
    check_spatial_beta(form, weights)
  } else if (!is.null(weights) || !is.null(contiguity)) {
    abort("`weights` and `contiguity` are for a spatial model: set ",
          "`spatial` to \"lag\", \"error\" or \"durbin\".",
          class = "regineq_error_argument")
  }
  check_string(time, "time")
  pan <- new_panel(data, id, time)
  y <- panel_values(pan, data, value, rule = "positive")
  if (!is.null(controls)) {
    if (!is.character(controls)) {
      abort("`controls` must be a character vector of column names, not ",
            type_of(controls), ".", class = "regineq_error_type")
    }
    ctrl <- vapply(controls, function(k) {
      panel_values(pan, data, k, "controls")
    }, numeric(nrow(data)))
    ctrl <- matrix(ctrl, nrow(data), dimnames = list(NULL, controls))
  } else {
    ctrl <- matrix(0, nrow(data), 0)
  }
  if (form == "cross_section" && type == "conditional" && !ncol(ctrl)) {
    abort("`controls` must name at least one column for a conditional ",
          "cross-section beta convergence.", class = "regineq_error_value")
  }
  if (n_periods(pan) < 2L) {
    abort("`time` must have at least two periods for beta convergence.",
          class = "regineq_error_size")
  }
  keep <- balance_rows(pan, balanced, uses = function(bal) {
    beta_uses(pan, bal, form)
  })
  if (!is.null(keep)) {
    pan <- panel_subset(pan, keep)
    y <- y[keep]
    ctrl <- ctrl[keep, , drop = FALSE]
  }
  tnum <- pan$time$numeric[pan$time$code]
  o <- order(pan$id$code, tnum)
  ly <- log(y)
  if (form == "cross_section") {
    t0 <- min(tnum)
    t1 <- max(tnum)
    first <- which(tnum == t0)
    last <- which(tnum == t1)
    ids <- intersect(pan$id$code[first], pan$id$code[last])
    if (length(ids) < 3L) {
      abort("`data` must have at least three regions observed in both the ",
            "first and the last period.", class = "regineq_error_size")
    }
    f <- first[match(ids, pan$id$code[first])]
    l <- last[match(ids, pan$id$code[last])]
    span <- t1 - t0
    g <- (ly[l] - ly[f]) / span
    X <- cbind(1, ly[f], ctrl[f, , drop = FALSE])
    if (spatial != "none") {
      out <- spatial_beta(spatial, g, ly[f], ctrl[f, , drop = FALSE],
                          panel_id_strings(pan)[ids], weights, contiguity,
                          id, span, type)
      return(new_result_df(out, "regineq_beta", value = value, id = id,
                           time = time,
                           controls = controls %||% character(),
                           spatial = spatial))
    }
  } else {
    prev <- o[-length(o)]
    nxt <- o[-1L]
    keep <- pan$id$code[prev] == pan$id$code[nxt]
    prev <- prev[keep]
    nxt <- nxt[keep]
    if (!length(prev)) {
      abort("`data` must have a region observed in two periods for the ",
            "panel form: every region of column `", id, "` has one period, ",
            "so there is no growth rate.", class = "regineq_error_size")
    }
    dt <- tnum[nxt] - tnum[prev]
    span <- stats::median(dt)
    g <- (ly[nxt] - ly[prev]) / dt
    X <- cbind(1, ly[prev], ctrl[prev, , drop = FALSE])
    if (type == "conditional") {
      # within transformation: demean by region (fixed effects)
      rid <- pan$id$code[prev]
      dm <- function(v) v - stats::ave(v, rid)
      g <- dm(g)
      X <- apply(X[, -1L, drop = FALSE], 2L, dm)
      X <- matrix(X, nrow = length(g))
    }
  }
  fe <- form == "panel" && type == "conditional"
  # fixed effects cost one degree of freedom per region in the regression
  # (a region with one period has no transition and is not in it)
  fit <- ols(g, X, fe = fe,
             ngroups = if (fe) length(unique(pan$id$code[prev])) else 0)
  beta <- fit$coef
  growth <- 1 + beta * span
  lambda <- if (growth > 0) -log(growth) / span else NA_real_
  out <- data.frame(form = form, type = type, beta = beta, se = fit$se,
                    t = fit$t, p_value = fit$p_value, lambda = lambda,
                    half_life = if (!is.na(lambda) && lambda > 0) {
                      log(2) / lambda
                    } else NA_real_,
                    n = length(g), r_squared = fit$r2, span = span)
  new_result_df(out, "regineq_beta", value = value, id = id, time = time,
                controls = controls %||% character())
}

#' @export
print.regineq_beta <- function(x, ...) {
  info <- result_info(x)
  d <- unclass_df(x)
  for (k in seq_len(nrow(d))) {
    r <- d[k, ]
    what <- if (r$form == "cross_section") {
      sprintf(paste0("annualised growth of log(%s) over the whole window ",
                     "on its initial log"), info$value)
    } else {
      sprintf(paste0("growth of log(%s) between consecutive periods on its ",
                     "lagged log%s"), info$value,
              if (r$type == "conditional") {
                sprintf(", with `%s` (unit) fixed effects", info$id)
              } else "")
    }
    if (length(info$controls)) {
      what <- paste0(what, " and ", enum(info$controls))
    }
    model <- if (!is.null(r$spatial)) {
      sprintf(" (spatial %s model, maximum likelihood by spatialreg)",
              r$spatial)
    } else ""
    cat(sprintf("<regineq_beta> %s %s beta convergence%s: %s\n", r$type,
                sub("_", "-", r$form), model, what))
  }
  print(d, digits = 4, row.names = FALSE)
  invisible(x)
}

# OLS of y on X; the coefficient of interest is the first column after the
# intercept (or the first column for a within regression, whose degrees of
# freedom also lose one per fixed effect). Controls are rescaled by powers of
# two before the fit, which changes only their own coefficients (and keeps
# subnormal or huge controls from overflowing the QR).
# Spatial beta convergence needs the cross-section form, weights and
# spatialreg (with spdep, for the listw).
check_spatial_beta <- function(form, weights) {
  if (form != "cross_section") {
    abort("`spatial` models are for `form = \"cross_section\"` (one growth ",
          "rate per region over the whole window), not the panel form.",
          class = "regineq_error_argument")
  }
  if (is.null(weights)) {
    abort("`weights` must be given for a spatial model: spatial weights ",
          "of the regions (anything moran_global() accepts).",
          class = "regineq_error_argument")
  }
  for (pkg in c("spatialreg", "spdep")) {
    if (!has_namespace(pkg)) {
      abort("beta_convergence(spatial = ) needs the ", pkg, " package: ",
            "install.packages(\"", pkg, "\").",
            class = "regineq_error_dependency")
    }
  }
}

# The cross-section growth g on the initial log level ly0 (and controls)
# in a spatial model fitted by spatialreg's maximum likelihood: the lag
# (SAR) model g = rho W g + X b + e, the error model g = X b + u with
# u = lambda W u + e, or the Durbin model (lag plus W X). The regions
# (`ids`, in the order of g) must be exactly the weights' regions.
spatial_beta <- function(model, g, ly0, ctrl, ids, weights, contiguity, id,
                         span, type) {
  w <- check_weights(weights, contiguity, id)
  pos <- match(w$ids, ids)
  if (anyNA(pos) || length(ids) != w$n) {
    miss <- setdiff(ids, w$ids)
    extra <- setdiff(w$ids, ids)
    abort("`weights` must have exactly the regions of the regression (those ",
          "observed in the first and the last period)",
          if (length(miss)) paste0("; not in `weights`: ",
                                   enum(miss, quote = "\"")),
          if (length(extra)) paste0("; in `weights` only: ",
                                    enum(extra, quote = "\"")),
          ". Subset the weights with spatial_weights(weights, ids = ...).",
          class = "regineq_error_value")
  }
  lw <- as_listw(w)
  df <- data.frame(growth = g[pos], log_initial = ly0[pos])
  if (ncol(ctrl)) df <- cbind(df, as.data.frame(ctrl[pos, , drop = FALSE]))
  rhs <- paste(c("log_initial", if (ncol(ctrl))
    paste0("`", colnames(ctrl), "`")), collapse = " + ")
  fml <- stats::as.formula(paste("growth ~", rhs))
  fit <- switch(model,
    lag = spatialreg::lagsarlm(fml, data = df, listw = lw),
    error = spatialreg::errorsarlm(fml, data = df, listw = lw),
    durbin = spatialreg::lagsarlm(fml, data = df, listw = lw, Durbin = TRUE))
  cf <- summary(fit)$Coef
  beta <- cf["log_initial", 1L]
  se <- cf["log_initial", 2L]
  if (model == "error") {
    sp <- fit$lambda
    sp_se <- fit$lambda.se
  } else {
    sp <- fit$rho
    sp_se <- fit$rho.se
  }
  imp <- if (model != "error") {
    im <- spatialreg::impacts(fit, listw = lw)
    k <- match("log_initial", attr(im, "bnames"))
    c(im$direct[k], im$indirect[k], im$total[k])
  } else rep(NA_real_, 3L)
  growth <- 1 + beta * span
  lambda <- if (growth > 0) -log(growth) / span else NA_real_
  data.frame(form = "cross_section", type = type, spatial = model,
             beta = beta, se = se, t = beta / se,
             p_value = 2 * stats::pnorm(-abs(beta / se)), lambda = lambda,
             half_life = if (!is.na(lambda) && lambda > 0) log(2) / lambda
               else NA_real_,
             n = nrow(df), r_squared = NA_real_, span = span,
             spatial_coef = unname(sp), spatial_se = unname(sp_se),
             spatial_p = unname(2 * stats::pnorm(-abs(sp / sp_se))),
             direct = imp[1L], indirect = imp[2L], total = imp[3L],
             log_lik = as.numeric(stats::logLik(fit)),
             aic = stats::AIC(fit), stringsAsFactors = FALSE)
}

ols <- function(y, X, fe = FALSE, ngroups = 0) {
  k <- if (fe) 1L else 2L
  ctrl <- setdiff(seq_len(ncol(X)), seq_len(k))
  for (j in ctrl) {
    m <- max(abs(X[, j]))
    if (m > 0) {
      # in two factors, since 2^1074 itself would overflow
      e <- -floor(log2(m))
      X[, j] <- X[, j] * 2^(e %/% 2) * 2^(e - e %/% 2)
    }
  }
  fit <- stats::lm.fit(X, y)
  if (fit$rank < ncol(X) || !all(is.finite(fit$coefficients))) {
    abort("The convergence regression is rank deficient: the log level (or ",
          "a control) is constant or collinear with the others.",
          class = "regineq_error_value")
  }
  df <- length(y) - fit$rank - if (fe) ngroups else 0L
  if (df < 1L) {
    abort("Too few observations for the convergence regression: ",
          length(y), " growth rates for ", fit$rank + if (fe) ngroups else 0L,
          " parameters", if (fe) " (fixed effects included)", ".",
          class = "regineq_error_size")
  }
  rss <- sum(fit$residuals^2)
  sigma2 <- rss / df
  XtXi <- chol2inv(qr.R(fit$qr))
  piv <- fit$qr$pivot
  se <- sqrt(diag(XtXi) * sigma2)[order(piv)][k]
  coef <- unname(fit$coefficients[k])
  tss <- if (fe) sum(y^2) else sum((y - mean(y))^2)
  tstat <- coef / se
  if (!(se > 0) || rss <= 1e-28 * tss) {
    warn("The convergence regression fits exactly (no residual variation), ",
         "so beta has no standard error: se is 0 and t and p_value are NA.",
         class = "regineq_warning_perfect_fit")
    tstat <- NA_real_
  }
  list(coef = coef, se = se, t = tstat, df = df,
       p_value = 2 * stats::pt(-abs(tstat), df),
       r2 = if (tss > 0) 1 - rss / tss else NA_real_)
}

# What beta_convergence() does with an unbalanced panel under
# `balanced = FALSE`, for the message: the regions each form can't use.
beta_uses <- function(pan, bal, form) {
  k <- sum(bal$complete)
  alt <- paste0(" `balanced = TRUE` keeps only the ", k, " region",
                if (k != 1L) "s", " present in every period.")
  ids <- function(r) enum(id_strings(pan$id$levels[r]))
  nt <- n_periods(pan)
  if (form == "cross_section") {
    ends <- tabulate(pan$id$code[pan$time$code %in% c(1L, nt)],
                     n_regions(pan))
    out <- which(ends < 2L)
    per <- pan$time$levels
    head <- paste0("`beta_convergence()` (cross-section) uses the ",
                   n_regions(pan) - length(out), " regions observed in both ",
                   "the first (", per[1L], ") and the last period (",
                   per[nt], ")")
    if (!length(out)) {
      return(paste0(head, ": all of them, so the gaps don't enter the growth ",
                    "over the window.", alt))
    }
    return(paste0(head, "; ", ids(out), if (length(out) == 1L) " has" else
      " have", " no growth over the window and ",
      if (length(out) == 1L) "is" else "are", " left out.", alt))
  }
  one <- which(bal$periods < 2L)
  paste0("`beta_convergence()` (panel) uses every growth rate between a ",
         "region's consecutive observed periods (across a gap, one rate per ",
         "unit of time over the gap's length)",
         if (length(one)) paste0("; ", ids(one), if (length(one) == 1L)
           " has one period and no growth rate" else
             " have one period and no growth rate"), ".", alt)
}
