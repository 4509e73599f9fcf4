#' Run the whole disparity pipeline on a score panel and write a report
#'
#' Runs, on a panel of scores (one row per region and period): a summary by
#' period (and group), the Dagum decomposition (when `group` is given),
#' Theil's T, sigma and beta convergence, kernel densities, a Markov chain
#' of the regions' relative classes (quartiles of each period; with at
#' least 8 regions and 2 periods) and, when `weights` are given, global and
#' local Moran's I, hot and cold spots (Getis-Ord Gi*, map and table) and a
#' spatial Markov chain with its homogeneity tests. Every table is written as
#' CSV, every figure as PNG, and `index.html` shows them all with the
#' settings used and a reading of each result that follows from its numbers
#' (sign, and significance at `alpha`). With `lang = "zh"` every heading,
#' sentence, table header and figure label is Chinese.
#'
#' @param data A data frame, one row per region and period, or a
#'   [composite_index()] result (its scores are analysed and its conventions
#'   stated in the settings).
#' @param value,id,time Names of the score, region and period columns.
#' @param group Optional name of a grouping column (e.g. the four regions).
#' @param weights Optional spatial weights (anything [moran_global()]
#'   accepts) for the spatial analyses.
#' @param dir Output directory (created if needed). The report is written to
#'   a temporary directory inside it and moved into place only when every
#'   file has been written, so a failure leaves no half report behind.
#' @param lang `"en"` or `"zh"`.
#' @param nsim Permutations for the Moran and Gi* tests (0 for analytical
#'   p-values only).
#' @param seed `NULL` (default): the permutations draw from the session's
#'   random stream, as any R function does (call [set.seed()] first to
#'   reproduce them). A number: the permutations use this seed, and the
#'   session's random stream (`.Random.seed`) is restored afterwards to
#'   exactly what it was.
#' @param overwrite Replace report files already in `dir`? By default an
#'   existing report is an error that names the files.
#' @param alpha Significance level of every test the report reads.
#' @param p_adjust Adjustment of the local Moran and Gi* p-values within
#'   each period (a method of [stats::p.adjust()]).
#' @param geometry,geometry_id Optional `sf` polygons of the regions and the
#'   name of their id column, for the LISA and hot-spot maps of regions
#'   other than China's provinces (which have a built-in tile map).
#' @param contiguity With sf polygons as `weights`: `"queen"` or `"rook"`
#'   (required, as in [moran_global()]). The weights' ids come from the
#'   polygons' column named like `id`, else `geometry_id`, else their row
#'   names; the same polygons draw the LISA map when `geometry` is not
#'   given.
#' @param population Optional name of a population column (any non-negative
#'   observation weight): the Dagum decomposition, Theil's index and sigma
#'   convergence are then population-weighted (see [gini()]), and the
#'   settings say so. The score summary and the Moran analyses stay
#'   unweighted.
#' @param boot Bootstrap replicates for the intervals of the Dagum
#'   decomposition, Theil's index and sigma (0, the default, for none). With
#'   `boot > 0` the report gives each headline change between the first and
#'   the last period with its percentile interval, and calls a change
#'   significant only when the interval excludes 0 (see [disparity_ci()]).
#'   The replicates draw from the same random stream as the permutations
#'   (`seed`).
#' @param level Confidence level of the bootstrap intervals.
#' @param balanced What to do with an unbalanced panel (regions that lack
#'   some periods), which the settings table states in one sentence naming
#'   the regions and periods. `FALSE` (default): every analysis uses all
#'   available rows of each period (the cross-section beta, the regions
#'   observed in both the first and the last period), and Moran's I, which
#'   needs every region in every period, is skipped. `TRUE`: every analysis,
#'   Moran's I included, uses the regions present in every period (the
#'   weights are restricted to them).
#' @return The paths of the files written, invisibly (named by content); a
#'   message says where the report is. An error in any analysis names the
#'   step that failed. Sections that can't run on the data (sigma and beta
#'   convergence with values <= 0, the fixed-effects beta with two periods,
#'   Moran without `weights`) are skipped with a one-line reason on the page.
#' @references Dagum, C. (1997). A new approach to the decomposition of the
#'   Gini income inequality ratio. Empirical Economics 22(4), 515-531.
#'   Anselin, L. (1995). Local indicators of spatial association - LISA.
#'   Geographical Analysis 27(2), 93-115.
#' @family inequality
#' @family spatial
#' @export
#' @examples
#' out <- disparity_report(nqpf_level, "score", "province", "year",
#'                         group = "region",
#'                         weights = china_weights(unique(nqpf_level$province)),
#'                         dir = file.path(tempdir(), "report"), nsim = 99,
#'                         overwrite = TRUE)
#' basename(out)
disparity_report <- function(data, value, id, time, group = NULL,
                             weights = NULL, dir, lang = c("en", "zh"),
                             nsim = 999, seed = NULL, overwrite = FALSE,
                             alpha = 0.05, p_adjust = "none",
                             geometry = NULL, geometry_id = NULL,
                             balanced = FALSE, contiguity = NULL,
                             population = NULL, boot = 0, level = 0.95) {
  check_required(c("data", "value", "id", "time", "dir"))
  check_flag(balanced, "balanced")
  check_string(population, "population", null_ok = TRUE)
  check_number(boot, "boot", min = 0, max = 1e6, integer = TRUE)
  check_level(level)
  lang <- check_choice(lang, c("en", "zh"), "lang")
  check_path(dir, "dir")
  check_flag(overwrite, "overwrite")
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  check_number(alpha, "alpha", min = 0, max = 1)
  p_adjust <- check_choice(p_adjust, stats::p.adjust.methods, "p_adjust")
  index <- NULL
  if (inherits(data, "regineq_index")) {
    index <- data$conventions
    data <- data$scores
  }
  pan <- new_panel(data, id, time, group)
  y <- panel_values(pan, data, value, rule = "non-negative")
  if (inherits(weights, "sf")) {
    cols <- setdiff(names(weights), attr(weights, "sf_column"))
    wid <- c(id, geometry_id)[c(id, geometry_id) %in% cols][1L]
    if (is.null(geometry) && !is.na(wid)) {
      geometry <- weights
      geometry_id <- wid
    }
    weights <- as_weights(weights, contiguity, if (!is.na(wid)) wid)
  } else if (!is.null(weights)) {
    weights <- as_weights(weights, contiguity)
  }
  # an unbalanced panel is stated once, in the settings; the verbs' own
  # messages about it are muffled
  bal <- panel_balance(pan)
  balance <- report_balance(report_text(lang), pan, bal, balanced,
                            moran = !is.null(weights))
  data_all <- data
  pan_all <- pan
  keep <- quiet_balance(balance_rows(pan, balanced))
  if (!is.null(keep)) {
    dropped <- panel_id_strings(pan)[!bal$complete]
    data <- data[keep, , drop = FALSE]
    rownames(data) <- NULL
    pan <- new_panel(data, id, time, group)
    y <- y[keep]
    if (!is.null(weights)) {
      weights <- spatial_weights(weights,
                                 ids = setdiff(weights$ids, dropped))
    }
  }
  existing <- file.path(dir, report_files())
  existing <- existing[file.exists(existing)]
  if (length(existing) && !overwrite) {
    abort("`dir` already holds a report: ", enum(basename(existing)),
          ". Use overwrite = TRUE to replace it, or another `dir`.",
          class = "regineq_error_exists")
  }
  if (!dir.exists(dir) && !dir.create(dir, recursive = TRUE,
                                      showWarnings = FALSE)) {
    abort("`dir` can't be created: ", dir, ".", class = "regineq_error_write")
  }
  if (!is.null(seed)) {
    check_number(seed, "seed", integer = TRUE)
    restore <- local_seed(seed)
    on.exit(restore(), add = TRUE)
  }
  # everything is written here first and moved into `dir` at the end
  tmp <- tempfile(".regineq-report-", tmpdir = dir)
  if (!dir.create(tmp, showWarnings = FALSE)) {
    abort("`dir` is not writable: ", dir, ".", class = "regineq_error_write")
  }
  on.exit(unlink(tmp, recursive = TRUE), add = TRUE)
  tx <- report_text(lang)
  a <- format(alpha)
  first <- as.character(pan$time$levels[1L])
  last <- as.character(pan$time$levels[n_periods(pan)])
  files <- character()
  sections <- list()
  write_table <- function(df, name) {
    file <- paste0(name, ".csv")
    write_or_abort(file, utils::write.csv(as.data.frame(df),
                                          file.path(tmp, file),
                                          row.names = FALSE))
    files[[name]] <<- file
    file
  }
  draw <- function(name, expr, width = 1000, height = 620) {
    file <- paste0(name, ".png")
    write_or_abort(file, {
      grDevices::png(file.path(tmp, file), width = width, height = height,
                     res = 120)
      on.exit(grDevices::dev.off())
      force(expr)
    })
    files[[paste0(name, "_png")]] <<- file
    file
  }
  section <- function(title, reading, table = NULL, image = NULL,
                      csv = NULL) {
    sections[[length(sections) + 1L]] <<- list(title = title,
                                               reading = reading,
                                               table = table, image = image,
                                               csv = csv)
  }
  skip <- function(title, reason) {
    section(title, sprintf(tx$skipped, reason))
  }
  # with boot > 0: the intervals of a result (written to `file`) and the
  # sentence on the change of its statistic `stat` over the whole period
  change_reading <- function(res, stat, what, file) {
    if (boot == 0 || n_periods(pan) < 2L) return(NULL)
    ci <- disparity_ci(res, R = boot, level = level)
    write_table(ci$estimates, file)
    ch <- ci$changes[ci$changes$statistic == stat &
                       is.na(ci$changes$group), , drop = FALSE]
    ci_reading(tx, ch, what, level)
  }

  in_step("Settings", {
    settings <- report_settings(tx, pan_all, data_all, value, group, weights,
                                index, nsim, seed, alpha, p_adjust, balance,
                                population, boot, level)
    section(tx$settings, NULL, settings)
  })

  in_step("Scores by period", {
    summ <- period_summary(pan, y)
    csv <- write_table(summ, "summary")
    grp_vec <- if (!is.null(group)) data[[group]]
    img <- draw("trend", trend_chart(data, id, time, value, grp_vec,
                                     L = plot_labeller(lang)))
    m <- rowsum_by(y, pan$time$code, n_periods(pan)) /
      tabulate(pan$time$code, n_periods(pan))
    section(tx$h_scores, sprintf(tx$r_scores, value, m[1L], first,
                                 m[length(m)], last),
            summ, img, csv)
  })

  if (!is.null(group)) in_step("Dagum decomposition", {
    dg <- quiet_balance(dagum_gini(data, value, group, time, id = id,
                                   population = population))
    csv <- write_table(dg$overall, "dagum_overall")
    write_table(dg$within, "dagum_within")
    write_table(dg$between, "dagum_between")
    img <- c(draw("dagum", plot(dg, lang = lang)),
             draw("dagum_between", plot(dg, type = "between", lang = lang)))
    o <- dg$overall
    shares <- colMeans(o[c("share_within", "share_between",
                           "share_transvariation")], na.rm = TRUE)
    big <- c(tx$c_within, tx$c_between, tx$c_trans)[which.max(shares)]
    section(tx$h_dagum,
            sprintf(tx$r_dagum, o$gini[1], first, o$gini[nrow(o)], last, big,
                    100 * max(shares)),
            o, img, csv)
    if (boot > 0 && n_periods(pan) > 1L) {
      ci <- disparity_ci(dg, R = boot, level = level)
      csv <- write_table(ci$estimates, "dagum_ci")
      write_table(ci$changes, "dagum_ci_change")
      parts <- c("gini", "within", "between", "transvariation")
      ch <- ci$changes[ci$changes$statistic %in% parts &
                         is.na(ci$changes$group), , drop = FALSE]
      ch <- ch[match(parts, ch$statistic), , drop = FALSE]
      img <- c(draw("dagum_ci", plot(ci, lang = lang)),
               draw("dagum_ci_change", plot(ci, type = "change",
                                           statistic = parts, lang = lang),
                    height = 420))
      names_of <- c(tx$ci_g, tx$ci_gw, tx$ci_gnb, tx$ci_gt)
      keep <- c("statistic", "from", "to", "estimate", "se", "lower",
                "upper", "significant")
      section(tx$h_dagum_ci, ci_reading(tx, ch, names_of, level),
              ch[keep], img, csv)
    }
  })

  in_step("Theil index", {
    th <- quiet_balance(theil(data, value, group = group, time = time,
                              id = id, population = population))
    csv <- write_table(th$overall, "theil")
    img <- draw("theil", plot(th, lang = lang))
    o <- th$overall
    ci_text <- change_reading(th, "theil", tx$ci_theil, "theil_ci")
    section(tx$h_theil,
            paste0(sprintf(tx$r_theil, o$theil[1], first, o$theil[nrow(o)],
                           last),
                   if (!is.null(group)) sprintf(
                     tx$r_theil_b, 100 * mean(o$share_between, na.rm = TRUE)),
                   if (lang == "zh") "\u3002" else ".",
                   if (!is.null(ci_text) && lang != "zh") " ", ci_text),
            o, img, csv)
  })

  if (any(y <= 0)) {
    reason <- sprintf(tx$why_logs, value,
                      describe_rows(which(y <= 0), pan$labels))
    skip(tx$h_sigma, reason)
    skip(tx$h_beta, reason)
  } else {
    in_step("Sigma convergence", {
      sc <- quiet_balance(sigma_convergence(data, value, time, id = id,
                                            population = population))
      csv <- write_table(sc, "sigma")
      ci_text <- change_reading(sc, "sigma", tx$ci_sigma, "sigma_ci")
      trend <- summary(sc, alpha = alpha)
      img <- draw("sigma", plot(sc, lang = lang))
      verdict <- if (is.na(trend$p_value) || trend$p_value > alpha) {
        sprintf(tx$v_sigma_ns, a)
      } else if (trend$slope < 0) {
        sprintf(tx$v_sigma_conv, a)
      } else sprintf(tx$v_sigma_div, a)
      section(tx$h_sigma,
              paste0(sprintf(tx$r_sigma, time, trend$slope,
                             format_p(trend$p_value), verdict),
                     if (!is.null(ci_text) && lang != "zh") " ", ci_text),
              as.data.frame(sc), img, csv)
    })
    in_step("Beta convergence", {
      forms <- list(c("absolute", "cross_section"), c("absolute", "panel"),
                    c("conditional", "panel"))
      fits <- lapply(forms, function(f) {
        tryCatch(quiet_balance(beta_convergence(data, value, id, time,
                                                type = f[1], form = f[2])),
                 regineq_error_size = function(e) conditionMessage(e),
                 regineq_error_value = function(e) conditionMessage(e))
      })
      ok <- vapply(fits, is.data.frame, TRUE)
      if (!any(ok)) {
        skip(tx$h_beta, fits[[1]])
      } else {
        bc <- do.call(rbind, lapply(fits[ok], as.data.frame))
        csv <- write_table(bc, "beta")
        parts <- vapply(seq_along(fits), function(k) {
          f <- fits[[k]]
          what <- tx$b_names[k]
          if (!is.data.frame(f)) return(sprintf(tx$b_skip, what, f))
          head <- switch(k,
                         sprintf(tx$b_cross, f$beta, format_p(f$p_value)),
                         sprintf(tx$b_pool, f$beta, format_p(f$p_value)),
                         sprintf(tx$b_fe, id, f$beta, format_p(f$p_value)))
          paste0(head, ": ", beta_verdict(tx, f, alpha))
        }, "")
        sep <- if (lang == "zh") "\u3002" else ". "
        section(tx$h_beta, paste0(paste(parts, collapse = sep),
                                  if (lang == "zh") "\u3002" else "."),
                bc, NULL, csv)
      }
    })
  }

  in_step("Kernel densities", {
    kd <- quiet_balance(kernel_density(data, value, time))
    csv <- write_table(kd, "density")
    img <- draw("density", plot(kd, lang = lang))
    section(tx$h_density, tx$r_density, NULL, img, csv)
  })

  # why the Markov chains (4 relative classes) can't run, or NULL
  why_markov <- if (n_periods(pan) < 2L) tx$why_markov_periods else
    if (n_regions(pan) < 8L) sprintf(tx$why_markov_regions, n_regions(pan))
  in_step("Markov chain", {
    if (!is.null(why_markov)) {
      skip(tx$h_markov, why_markov)
    } else {
      mk <- quiet_markov(markov_chain(data, value, id, time,
                                      method = "quantile_period"))
      csv <- write_table(mk$transitions, "markov")
      img <- draw("markov", plot(mk, lang = lang), width = 760,
                  height = 640)
      section(tx$h_markov, markov_reading(tx, mk, value), markov_table(mk),
              img, csv)
    }
  })

  if (is.null(weights)) {
    skip(tx$h_spatial, tx$why_weights)
  } else if (!is.null(bal) && !balanced) {
    skip(tx$h_spatial, sprintf(tx$why_unbalanced, sum(bal$complete)))
  } else {
    # the p-values of the local statistics, in words
    how <- paste0(if (nsim > 0) sprintf(tx$r_ml_perm, nsim) else
      tx$r_ml_norm, if (p_adjust != "none") sprintf(tx$r_ml_adj, p_adjust))
    # a cluster map needs polygons or China's provinces (the tile grid)
    can_map <- !is.null(geometry) ||
      !anyNA(province_codes(id_strings(pan$id$levels), on_bad = "none"))
    in_step("Global Moran's I", {
      mg <- moran_global(data, value, weights, id, time, nsim = nsim)
      csv <- write_table(mg, "moran_global")
      img <- draw("moran_global", plot(mg, lang = lang))
      p <- if (nsim > 0) mg$p_sim else mg$p_value
      section(tx$h_mg,
              sprintf(tx$r_mg, a, if (nsim > 0) tx$r_mg_perm else "",
                      sum(p <= alpha), nrow(mg), min(mg$I), max(mg$I)),
              mg, img, csv)
    })
    in_step("Local Moran's I", {
      ml <- moran_local(data, value, weights, id, time, nsim = nsim,
                        p_adjust = p_adjust, alpha = alpha)
      csv <- write_table(ml, "moran_local")
      img <- draw("moran_scatter", plot(ml, period = pan$time$levels[
        n_periods(pan)], lang = lang))
      if (can_map) {
        img <- c(img, draw("lisa_map", plot(
          ml, period = pan$time$levels[n_periods(pan)], type = "map",
          lang = lang, geometry = geometry, geometry_id = geometry_id)))
      }
      sel <- ml[[time]] == pan$time$levels[n_periods(pan)]
      tab <- cluster_counts(ml$cluster[sel], lang)
      section(sprintf(tx$h_ml, last),
              sprintf(tx$r_ml, last, sum(ml$cluster[sel] == "High-High"),
                      sum(ml$cluster[sel] == "Low-Low"), a, how),
              tab, img, csv)
    })
    in_step("Hot and cold spots", {
      gs <- getis_local(data, value, weights, id, time, star = TRUE,
                        nsim = nsim, p_adjust = p_adjust, alpha = alpha)
      csv <- write_table(gs, "hotspots")
      img <- draw(if (can_map) "hotspot_map" else "hotspot_scatter",
                  plot(gs, period = pan$time$levels[n_periods(pan)],
                       type = if (can_map) "map" else "scatter",
                       lang = lang, geometry = geometry,
                       geometry_id = geometry_id))
      sel <- gs[[time]] == pan$time$levels[n_periods(pan)]
      tab <- cluster_counts(gs$cluster[sel], lang)
      section(sprintf(tx$h_hot, last),
              hot_reading(tx, gs[sel, , drop = FALSE], id, last, a, how),
              tab, img, csv)
    })
    in_step("Spatial Markov chain", {
      if (!is.null(why_markov)) {
        skip(tx$h_smarkov, why_markov)
      } else {
        sm <- quiet_markov(spatial_markov(data, value, id, time, weights,
                                          method = "quantile_period"))
        csv <- write_table(sm$transitions, "spatial_markov")
        img <- draw("spatial_markov", plot(sm, lang = lang), width = 1000,
                    height = 900)
        section(tx$h_smarkov, smarkov_reading(tx, sm, alpha),
                sm$homogeneity, img, csv)
      }
    })
  }

  in_step("Writing the summary page", {
    write_or_abort("index.html", write_html(sections, tmp, lang, value, tx))
    files[["index"]] <- "index.html"
  })
  in_step("Moving the report into place", {
    for (f in files) {
      to <- file.path(dir, f)
      if (!file.rename(file.path(tmp, f), to) &&
          !file.copy(file.path(tmp, f), to, overwrite = TRUE)) {
        abort("Can't write `", to, "`.", class = "regineq_error_write")
      }
    }
  })
  message(sprintf(tx$written, file.path(dir, "index.html")))
  invisible(stats::setNames(file.path(dir, files), names(files)))
}

# Private ---------------------------------------------------------------------

# Every file a report can write (so an existing report is found up front).
report_files <- function() {
  c(paste0(c("summary", "dagum_overall", "dagum_within", "dagum_between",
             "dagum_ci", "dagum_ci_change", "theil", "theil_ci", "sigma",
             "sigma_ci", "beta", "density", "markov", "moran_global",
             "moran_local", "hotspots", "spatial_markov"), ".csv"),
    paste0(c("trend", "dagum", "dagum_between", "dagum_ci",
             "dagum_ci_change", "theil", "sigma", "density",
             "markov", "moran_global", "moran_scatter", "lisa_map",
             "hotspot_map", "hotspot_scatter", "spatial_markov"), ".png"),
    "index.html")
}

# Runs a write; an error from outside regineq (a file or device that can't
# be opened) becomes a classed error naming the file, with the warning R
# gave about it.
write_or_abort <- function(file, expr) {
  why <- NULL
  withCallingHandlers(
    tryCatch(expr, error = function(e) {
      if (inherits(e, "regineq_error")) stop(e)
      abort("Can't write `", file, "`: ",
            paste(c(why, conditionMessage(e)), collapse = "; "), ".",
            class = "regineq_error_write")
    }),
    warning = function(w) {
      if (!inherits(w, "regineq_warning")) why <<- conditionMessage(w)
    })
}

# n, mean, sd and cv by period (and group), without logarithms: 1/n
# moments, as sigma_convergence() reports them.
period_summary <- function(pan, y) {
  cell <- panel_cells(pan)
  nc <- n_periods(pan) * n_groups(pan)
  n <- tabulate(cell, nc)
  mean <- rowsum_by(y, cell, nc) / n
  sd <- sqrt(rowsum_by((y - mean[cell])^2, cell, nc) / n)
  group_table(list(n = n, mean = mean, sd = sd, cv = sd / mean), pan)
}

# Sets the seed for the rest of a call; returns the function that puts the
# session's random stream back exactly as it was (or absent, as it was).
local_seed <- function(seed) {
  env <- globalenv()
  had <- exists(".Random.seed", envir = env, inherits = FALSE)
  old <- if (had) get(".Random.seed", envir = env, inherits = FALSE)
  set.seed(seed)
  function() {
    if (had) {
      assign(".Random.seed", old, envir = env)
    } else if (exists(".Random.seed", envir = env, inherits = FALSE)) {
      rm(".Random.seed", envir = env)
    }
  }
}


# Runs `expr` without the verbs' messages about an unbalanced panel (the
# report states it once, in its settings).
quiet_balance <- function(expr) {
  withCallingHandlers(expr, regineq_message_unbalanced = function(m) {
    invokeRestart("muffleMessage")
  })
}

# The settings sentence about the panel's balance: the regions that lack
# periods and what every analysis does about them.
report_balance <- function(tx, pan, bal, balanced, moran) {
  if (is.null(bal)) return(tx$s_panel_ok)
  lack <- sum(!bal$complete)
  cells <- missing_cells(pan, bal, 5L, conj = tx$s_panel_and)
  if (lack > 5L) cells <- c(cells, sprintf(tx$s_panel_more, lack - 5L))
  cells <- paste(cells, collapse = tx$s_panel_sep)
  k <- sum(bal$complete)
  if (balanced) {
    return(sprintf(tx$s_panel_bal, lack, n_regions(pan), cells, k))
  }
  paste0(sprintf(tx$s_panel_all, lack, n_regions(pan), cells),
         if (moran) sprintf(tx$s_panel_moran, k) else
           sprintf(tx$s_panel_alt, k))
}

# The settings table at the top of the page.
report_settings <- function(tx, pan, data, value, group, weights, index,
                            nsim, seed, alpha, p_adjust, balance,
                            population = NULL, boot = 0, level = 0.95) {
  rows <- list(
    c(tx$s_data, sprintf(tx$s_data_v, nrow(data), n_regions(pan),
                         n_periods(pan), as.character(pan$time$levels[1L]),
                         as.character(pan$time$levels[n_periods(pan)]))),
    c(tx$s_panel, balance),
    c(tx$s_value, paste0("`", value, "`")),
    c(tx$s_group, if (is.null(group)) tx$none else paste0("`", group, "`")),
    c(tx$s_pop, if (is.null(population)) tx$s_pop_none else
      sprintf(tx$s_pop_v, population)))
  if (boot > 0) {
    rows <- c(rows, list(c(tx$s_boot, sprintf(
      tx$s_boot_v, boot, if (is.null(group)) "" else
        sprintf(tx$s_boot_group, group), format(100 * level)))))
  }
  if (!is.null(index)) {
    rows <- c(rows, list(c(tx$s_index, sprintf(
      tx$s_index_v, if (index$method == "topsis") "TOPSIS" else
        "weighted sum", index$scope, index$weights,
      normalisation_label(index),
      format(index$shift)))))
  }
  if (!is.null(weights)) {
    src <- if (length(weights$source) == 1L && !is.na(weights$source))
      weights$source else "user weights"
    rows <- c(rows, list(
      c(tx$s_weights, sprintf(tx$s_weights_v, src, weights$style,
                              length(weights$col),
                              if (length(weights$islands))
                                enum(weights$islands, quote = "") else tx$none)),
      c(tx$s_perm, format(nsim)),
      c(tx$s_rng, if (nsim == 0) tx$none else if (is.null(seed))
        tx$s_rng_session else sprintf(tx$s_rng_seed, format(seed))),
      c(tx$s_padj, p_adjust)))
  }
  rows <- c(rows, list(
    c(tx$s_alpha, format(alpha)),
    c(tx$s_pside, sprintf(tx$s_pside_v, if (nsim > 0) tx$s_pside_perm else ""))))
  out <- as.data.frame(do.call(rbind, rows), stringsAsFactors = FALSE)
  names(out) <- c(tx$setting, tx$setting_value)
  out
}

# One sentence on the changes (rows of a disparity_ci() changes table, named
# by `what`): each change with its interval, called significant only when
# the interval excludes 0. Bounds show enough digits to show their sign.
ci_reading <- function(tx, ch, what, level) {
  if (!nrow(ch)) return(NULL)
  bound <- function(v) {
    if (abs(v) >= 1e-3 || v == 0) sprintf("%.4f", v) else
      formatC(v, digits = 2, format = "e")
  }
  parts <- vapply(seq_len(nrow(ch)), function(k) {
    r <- ch[k, ]
    if (is.na(r$lower) || is.na(r$upper)) {
      return(sprintf(tx$r_ci, what[k], r$estimate, "NA", "NA", tx$v_ci_na))
    }
    verdict <- if (r$lower > 0 || r$upper < 0) tx$v_ci_sig else tx$v_ci_ns
    sprintf(tx$r_ci, what[k], r$estimate, bound(r$lower), bound(r$upper),
            verdict)
  }, "")
  paste0(sprintf(tx$r_ci_lead, ch$from[1L], ch$to[1L], format(100 * level)),
         paste(parts, collapse = tx$r_ci_sep), tx$r_ci_end)
}

# What a beta estimate says at level alpha: its sign and significance.
beta_verdict <- function(tx, f, alpha) {
  a <- format(alpha)
  if (is.na(f$p_value) || f$p_value > alpha) return(sprintf(tx$v_beta_ns, a))
  if (f$beta < 0) {
    return(sprintf(tx$v_beta_conv, a, f$lambda, f$half_life))
  }
  sprintf(tx$v_beta_div, a)
}

# Runs a Markov verb without its warnings about empty classes and
# reducible chains: the report's tables show those rows as NA and its
# sentences say so.
quiet_markov <- function(expr) {
  withCallingHandlers(expr, regineq_warning_empty_class = function(w) {
    invokeRestart("muffleWarning")
  }, regineq_warning_reducible = function(w) {
    invokeRestart("muffleWarning")
  }, regineq_warning_islands = function(w) invokeRestart("muffleWarning"))
}

# The transition matrix as the page shows it: one row per starting class,
# its transitions out (n), the probabilities to each class, the steady
# state and the expected stay.
markov_table <- function(mk) {
  P <- mk$probabilities
  out <- data.frame(class = rownames(P), n = mk$summary$n,
                    stringsAsFactors = FALSE)
  for (j in colnames(P)) out[[paste("\u2192", j)]] <- P[, j]
  out$steady_state <- mk$summary$steady_state
  out$sojourn <- mk$summary$sojourn
  out
}

# Stays, moves up and down, and the most persistent class.
markov_reading <- function(tx, mk, value) {
  C <- mk$counts
  K <- nrow(C)
  tot <- sum(C)
  up <- sum(C[upper.tri(C)])
  down <- sum(C[lower.tri(C)])
  stay <- diag(mk$probabilities)
  best <- which.max(ifelse(is.na(stay), -Inf, stay))
  out <- sprintf(tx$r_markov, K, value, tot, 100 * sum(diag(C)) / tot,
                 100 * up / tot, 100 * down / tot)
  out <- paste0(out, if (is.finite(mk$summary$sojourn[best])) {
    sprintf(tx$r_markov_stay, rownames(C)[best], stay[best],
            mk$summary$sojourn[best])
  } else sprintf(tx$r_markov_abs, rownames(C)[best]))
  empty <- rownames(C)[rowSums(C) == 0]
  if (length(empty)) out <- paste0(out, sprintf(tx$r_markov_na,
                                                paste(empty, collapse = ", ")))
  out
}

# Whether the conditional matrices differ from the pooled one, by both
# tests, and the upward moves of the lowest class by its neighbours' class.
smarkov_reading <- function(tx, sm, alpha) {
  h <- sm$homogeneity
  q <- h[h$test == "Q", ]
  lr <- h[h$test == "LR", ]
  sig <- c(q$p_value, lr$p_value) <= alpha
  verdict <- if (anyNA(sig)) tx$v_sm_na else if (all(sig)) tx$v_sm_sig else
    if (!any(sig)) tx$v_sm_ns else tx$v_sm_mixed
  out <- sprintf(tx$r_smarkov, length(sm$conditional), verdict,
                 format(alpha), q$statistic, lr$statistic,
                 as.integer(q$df), format_p(q$p_value),
                 format_p(lr$p_value))
  P1 <- sm$conditional[[1L]]$probabilities
  PL <- sm$conditional[[length(sm$conditional)]]$probabilities
  up1 <- sum(P1[1L, -1L])
  upL <- sum(PL[1L, -1L])
  if (is.finite(up1) && is.finite(upL)) {
    out <- paste0(out, sprintf(tx$r_smarkov_up, up1, upL))
  }
  out
}

# The regions of each cluster, the labels in the report's language.
cluster_counts <- function(cluster, lang) {
  tab <- as.data.frame(table(cluster = cluster), responseName = "regions")
  tab$cluster <- as.character(tab$cluster)
  if (lang == "zh") {
    zh <- plot_dictionary()[tab$cluster]
    tab$cluster <- unname(ifelse(is.na(zh), tab$cluster, zh))
  }
  tab
}

# Hot and cold spots of the last period, named when there are few.
hot_reading <- function(tx, gs, id, last, a, how) {
  named <- function(k) {
    ids <- as.character(gs[[id]][gs$cluster == k])
    if (!length(ids) || length(ids) > 8L) return("")
    sprintf(tx$r_hot_names, paste(ids, collapse = tx$r_hot_sep))
  }
  sprintf(tx$r_hot, last, sum(gs$cluster == "Hot spot"), named("Hot spot"),
          sum(gs$cluster == "Cold spot"), named("Cold spot"), a, how)
}

format_p <- function(p) {
  if (is.na(p)) "p not available" else if (p < 0.001) "p < 0.001" else
    sprintf("p = %.3f", p)
}

# p-value columns as text ("< 0.001", "0.042"), other numbers to four
# significant digits.
format_table <- function(df) {
  df <- as.data.frame(df)
  for (k in names(df)) {
    v <- df[[k]]
    if (!is.numeric(v)) {
      df[[k]] <- as.character(v)
    } else if (k %in% c("p_value", "p_sim")) {
      df[[k]] <- ifelse(is.na(v), "", ifelse(v < 0.001, "< 0.001",
                                             sprintf("%.3f", v)))
    } else if (all(v == round(v), na.rm = TRUE) && all(abs(v) < 1e6, na.rm = TRUE)) {
      df[[k]] <- ifelse(is.na(v), "", format(v, trim = TRUE))
    } else {
      df[[k]] <- ifelse(is.na(v), "", formatC(v, digits = 4, format = "fg",
                                              flag = "#"))
    }
  }
  df
}

write_html <- function(sections, dir, lang, value, tx) {
  esc <- function(x) {
    x <- gsub("&", "&amp;", x, fixed = TRUE)
    x <- gsub("<", "&lt;", x, fixed = TRUE)
    x <- gsub(">", "&gt;", x, fixed = TRUE)
    # `name` as code, as in the package's messages
    gsub("`([^`]+)`", "<code>\\1</code>", x)
  }
  headers <- if (lang == "zh") report_headers_zh() else character()
  table_html <- function(df, csv) {
    if (is.null(df) || !nrow(df)) return("")
    total <- nrow(df)
    shown <- if (total > 40) 20L else total
    num <- vapply(df, is.numeric, TRUE)
    df <- format_table(utils::head(df, shown))
    nm <- names(df)
    nm <- ifelse(nm %in% names(headers), headers[nm], nm)
    head <- paste0("<tr>", paste0(ifelse(num, "<th>", "<th class=\"txt\">"),
                                  esc(nm), "</th>", collapse = ""), "</tr>")
    td <- ifelse(num, "<td>", "<td class=\"txt\">")
    rows <- apply(df, 1L, function(r) {
      paste0("<tr>", paste0(td, esc(r), "</td>", collapse = ""), "</tr>")
    })
    note <- if (shown < total) {
      paste0("<p class=\"note\">", sprintf(
        esc(tx$truncated), shown, total,
        paste0("<a href=\"", csv, "\">", esc(csv), "</a>")), "</p>")
    } else ""
    paste0("<div class=\"scroll\"><table>", head, paste(rows, collapse = ""),
           "</table></div>", note)
  }
  body <- vapply(sections, function(s) {
    imgs <- if (length(s$image)) paste0("<img src=\"", s$image, "\" alt=\"",
                                        esc(s$title), "\">",
                                        collapse = "") else ""
    csv <- if (!is.null(s$csv)) {
      paste0(" <a class=\"csv\" href=\"", s$csv, "\">", s$csv, "</a>")
    } else ""
    paste0("<section><h2>", esc(s$title), csv, "</h2>",
           if (length(s$reading)) paste0("<p>", esc(s$reading), "</p>"),
           imgs, table_html(s$table, s$csv), "</section>")
  }, "")
  html <- paste0(
    "<!DOCTYPE html><html lang=\"", lang, "\"><head><meta charset=\"utf-8\">",
    "<meta name=\"viewport\" content=\"width=device-width\"><title>",
    esc(tx$title), "</title><style>",
    "body{font-family:'Noto Sans','Noto Sans CJK SC',sans-serif;",
    "max-width:1000px;margin:2em auto;padding:0 1em;color:#222;",
    "line-height:1.5}",
    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;",
    "border-bottom:1px solid #ddd}a.csv{font-size:0.7em;font-weight:normal;",
    "margin-left:0.6em}img{display:block;width:100%;height:auto;",
    "margin:0.8em 0}.scroll{overflow-x:auto}",
    "table{border-collapse:collapse;font-size:13px;margin:0.5em 0}",
    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}",
    "th{background:#f3f3f3}.txt{text-align:left}",
    "code{font-size:0.95em;background:#f3f3f3;padding:0 3px}",
    ".note{font-size:0.85em;color:#555}</style></head><body><h1>",
    esc(tx$title), ": ", esc(value), "</h1><p>",
    esc(sprintf(tx$generated, as.character(utils::packageVersion("regineq")),
                format(Sys.Date()))), "</p>",
    paste(body, collapse = "\n"), "</body></html>")
  path <- file.path(dir, "index.html")
  writeLines(enc2utf8(html), path, useBytes = TRUE)
  path
}
