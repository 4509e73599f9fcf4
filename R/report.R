#' Run the whole disparity pipeline on a score panel and write a report
#'
#' Runs, on a panel of scores (one row per region and period): a summary by
#' period (and group), the Dagum decomposition (when `group` is given),
#' Theil's T, sigma and beta convergence, kernel densities and, when
#' `weights` are given, global and local Moran's I. Every table is written as
#' CSV, every figure as PNG, and `index.html` shows them all with a short
#' reading of each.
#'
#' @param data A data frame, one row per region and period.
#' @param value,id,time Names of the score, region and period columns.
#' @param group Optional name of a grouping column (e.g. the four regions).
#' @param weights Optional spatial weights (anything [moran_global()]
#'   accepts) for the Moran analyses.
#' @param dir Output directory (created if needed). The report is written to
#'   a temporary directory inside it and moved into place only when every
#'   file has been written, so a failure leaves no half report behind.
#' @param overwrite Replace report files already in `dir`? By default an
#'   existing report is an error that names the files.
#' @param lang `"en"` or `"zh"` for the labels of coupling-style levels and
#'   the headings of the summary page.
#' @param nsim Permutations for the Moran tests.
#' @param seed `NULL` (default): the permutations draw from the session's
#'   random stream, as any R function does (call [set.seed()] first to
#'   reproduce them). A number: the permutations use this seed, and the
#'   session's random stream (`.Random.seed`) is restored afterwards to
#'   exactly what it was.
#' @return The paths of the files written, invisibly (named by content). An
#'   error in any analysis names the step that failed. Sections that can't
#'   run on the data (sigma and beta convergence with values <= 0, the
#'   fixed-effects beta with two periods, Moran without `weights`) are
#'   skipped with a one-line reason on the page.
#' @references Seed 000 (Dagum decomposition of provincial scores) and seed
#'   002 (Theil, sigma convergence and Moran's I), whose analyses the report
#'   runs.
#' @family inequality
#' @family spatial
#' @export
#' @examples
#' out <- disparity_report(nqpf_level, "score", "province", "year",
#'                         group = "region",
#'                         weights = china_weights(unique(nqpf_level$province)),
#'                         dir = file.path(tempdir(), "report"), nsim = 99)
#' basename(out)
disparity_report <- function(data, value, id, time, group = NULL,
                             weights = NULL, dir, lang = c("en", "zh"),
                             nsim = 999, seed = NULL, overwrite = FALSE) {
  check_required(c("data", "value", "id", "time", "dir"))
  lang <- check_choice(lang, c("en", "zh"), "lang")
  check_path(dir, "dir")
  check_flag(overwrite, "overwrite")
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  pan <- new_panel(data, id, time, group)
  y <- panel_values(pan, data, value, rule = "non-negative")
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
  files <- character()
  sections <- list()
  write_table <- function(df, name) {
    file <- paste0(name, ".csv")
    write_or_abort(file, utils::write.csv(as.data.frame(df),
                                          file.path(tmp, file),
                                          row.names = FALSE))
    files[[name]] <<- file
  }
  draw <- function(name, expr, width = 900, height = 600) {
    file <- paste0(name, ".png")
    write_or_abort(file, {
      grDevices::png(file.path(tmp, file), width = width, height = height,
                     res = 110)
      on.exit(grDevices::dev.off())
      force(expr)
    })
    files[[paste0(name, "_png")]] <<- file
    file
  }
  section <- function(title, reading, table = NULL, image = NULL) {
    sections[[length(sections) + 1L]] <<- list(title = title,
                                               reading = reading,
                                               table = table, image = image)
  }
  skip <- function(title, reason) section(title, paste0("Skipped: ", reason))

  in_step("Scores by period", {
    summ <- period_summary(pan, y)
    write_table(summ, "summary")
    grp_vec <- if (!is.null(group)) data[[group]]
    img <- draw("trend", trend_chart(data, id, time, value, grp_vec))
    m <- rowsum_by(y, pan$time$code, n_periods(pan)) /
      tabulate(pan$time$code, n_periods(pan))
    section("Scores by period",
            sprintf("The mean score moves from %.3f (%s) to %.3f (%s).",
                    m[1L], pan$time$levels[1L], m[length(m)],
                    pan$time$levels[n_periods(pan)]),
            summ, img)
  })

  if (!is.null(group)) in_step("Dagum decomposition", {
    dg <- dagum_gini(data, value, group, time)
    write_table(dg$overall, "dagum_overall")
    write_table(dg$within, "dagum_within")
    write_table(dg$between, "dagum_between")
    img <- draw("dagum", plot(dg))
    draw("dagum_between", plot(dg, type = "between"))
    o <- dg$overall
    shares <- colMeans(o[c("share_within", "share_between",
                           "share_transvariation")])
    big <- c("within", "between", "transvariation")[which.max(shares)]
    section("Dagum Gini decomposition",
            sprintf(paste0("G goes from %.4f to %.4f; on average the largest ",
                           "source is the %s component (%.1f%% of G)."),
                    o$gini[1], o$gini[nrow(o)], big, 100 * max(shares)),
            o, img)
  })

  in_step("Theil index", {
    th <- theil(data, value, group = group, time = time)
    write_table(th$overall, "theil")
    img <- draw("theil", plot(th))
    section("Theil index",
            sprintf("Theil's T goes from %.4f to %.4f%s.",
                    th$overall$theil[1], th$overall$theil[nrow(th$overall)],
                    if (!is.null(group)) sprintf(
                      "; the between-group share averages %.1f%%",
                      100 * mean(th$overall$share_between)) else ""),
            th$overall, img)
  })

  if (any(y <= 0)) {
    reason <- sprintf("`%s` has values <= 0 (%s), and these take logarithms.",
                      value, describe_rows(which(y <= 0), pan$labels))
    skip("Sigma convergence", reason)
    skip("Beta convergence", reason)
  } else {
    in_step("Sigma convergence", {
      sc <- sigma_convergence(data, value, time)
      write_table(sc, "sigma")
      trend <- summary(sc)
      img <- draw("sigma", plot(sc))
      verdict <- if (is.na(trend$p_value) || trend$p_value >= 0.05) {
        "no significant trend"
      } else if (trend$slope < 0) {
        "significant sigma convergence"
      } else "significant divergence (dispersion rises)"
      section("Sigma convergence",
              sprintf("The sd of log scores changes by %.4f per period (%s): %s.",
                      trend$slope, format_p(trend$p_value), verdict),
              as.data.frame(sc), img)
    })
    in_step("Beta convergence", {
      forms <- list(c("absolute", "cross_section"), c("absolute", "panel"),
                    c("conditional", "panel"))
      fits <- lapply(forms, function(f) {
        tryCatch(beta_convergence(data, value, id, time, type = f[1],
                                  form = f[2]),
                 regineq_error_size = function(e) conditionMessage(e),
                 regineq_error_value = function(e) conditionMessage(e))
      })
      ok <- vapply(fits, is.data.frame, TRUE)
      if (!any(ok)) {
        skip("Beta convergence", fits[[1]])
      } else {
        bc <- do.call(rbind, fits[ok])
        write_table(bc, "beta")
        reading <- sprintf("Cross-section beta = %.4f (%s)", bc$beta[1],
                           format_p(bc$p_value[1]))
        if (ok[3]) {
          b3 <- fits[[3]]
          reading <- sprintf(paste0("%s; with region fixed effects beta = ",
                                    "%.4f (%s), %s"), reading, b3$beta,
                             format_p(b3$p_value),
                             if (is.na(b3$half_life)) "so no convergence" else
                               sprintf("a half-life of %.1f periods",
                                       b3$half_life))
        } else {
          reading <- paste0(reading, "; the fixed-effects form is skipped: ",
                            fits[[3]])
        }
        section("Beta convergence", paste0(reading, "."), bc)
      }
    })
  }

  in_step("Kernel densities", {
    kd <- kernel_density(data, value, time)
    write_table(kd, "density")
    img <- draw("density", plot(kd))
    section("Kernel densities",
            "One Gaussian density per period on a common grid: a flatter, wider curve means more dispersion.",
            NULL, img)
  })

  if (is.null(weights)) {
    skip("Spatial autocorrelation", "no `weights` were given.")
  } else {
    in_step("Global Moran's I", {
      mg <- moran_global(data, value, weights, id, time, nsim = nsim)
      write_table(mg, "moran_global")
      img <- draw("moran_global", plot(mg))
      section("Global Moran's I",
              sprintf("Moran's I is significant at 5%% in %d of %d periods (range %.3f to %.3f).",
                      sum(mg$p_value <= 0.05), nrow(mg), min(mg$I), max(mg$I)),
              mg, img)
    })
    in_step("Local Moran's I", {
      ml <- moran_local(data, value, weights, id, time, nsim = nsim)
      write_table(ml, "moran_local")
      last <- pan$time$levels[n_periods(pan)]
      img <- draw("moran_scatter", plot(ml, period = last))
      is_china <- !anyNA(match_province(id_strings(pan$id$levels),
                                        error = FALSE))
      img2 <- if (is_china) draw("lisa_map", plot(ml, period = last,
                                                  type = "map"))
      tab <- as.data.frame(table(cluster = ml$cluster[ml[[time]] == last]))
      section(sprintf("Local Moran's I (%s)", last),
              sprintf("In %s, %d regions are in significant High-High clusters and %d in Low-Low clusters.",
                      last, tab$Freq[tab$cluster == "High-High"],
                      tab$Freq[tab$cluster == "Low-Low"]),
              tab, c(img, img2))
    })
  }

  in_step("Writing the summary page", {
    write_or_abort("index.html", write_html(sections, tmp, lang, value))
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
  invisible(stats::setNames(file.path(dir, files), names(files)))
}

# Private ---------------------------------------------------------------------

# Every file a report can write (so an existing report is found up front).
report_files <- function() {
  c(paste0(c("summary", "dagum_overall", "dagum_within", "dagum_between",
             "theil", "sigma", "beta", "density", "moran_global",
             "moran_local"), ".csv"),
    paste0(c("trend", "dagum", "dagum_between", "theil", "sigma", "density",
             "moran_global", "moran_scatter", "lisa_map"), ".png"),
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

format_p <- function(p) {
  if (is.na(p)) "p not available" else if (p < 0.001) "p < 0.001" else
    sprintf("p = %.3f", p)
}

write_html <- function(sections, dir, lang, value) {
  esc <- function(x) {
    x <- gsub("&", "&amp;", x, fixed = TRUE)
    x <- gsub("<", "&lt;", x, fixed = TRUE)
    gsub(">", "&gt;", x, fixed = TRUE)
  }
  table_html <- function(df) {
    if (is.null(df) || !nrow(df)) return("")
    df <- utils::head(as.data.frame(df), 12)
    num <- vapply(df, is.numeric, TRUE)
    df[num] <- lapply(df[num], function(v) formatC(v, digits = 4,
                                                   format = "fg"))
    head <- paste0("<tr>", paste0("<th>", esc(names(df)), "</th>",
                                  collapse = ""), "</tr>")
    rows <- apply(df, 1L, function(r) {
      paste0("<tr>", paste0("<td>", esc(r), "</td>", collapse = ""), "</tr>")
    })
    paste0("<table>", head, paste(rows, collapse = ""), "</table>")
  }
  title <- if (lang == "zh") "\u533a\u57df\u5dee\u5f02\u5206\u6790\u62a5\u544a" else
    "Regional disparity report"
  body <- vapply(sections, function(s) {
    imgs <- if (length(s$image)) paste0("<img src=\"", s$image,
                                        "\" style=\"max-width:48%\">",
                                        collapse = "") else ""
    paste0("<h2>", esc(s$title), "</h2><p>", esc(s$reading), "</p>", imgs,
           table_html(s$table))
  }, "")
  html <- paste0(
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>", title,
    "</title><style>body{font-family:sans-serif;max-width:1100px;margin:auto}",
    "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;",
    "padding:2px 6px}</style></head><body><h1>", title, ": ", esc(value),
    "</h1><p>Generated by regineq ", as.character(utils::packageVersion("regineq")),
    ". Full tables are in the CSV files beside this page.</p>",
    paste(body, collapse = "\n"), "</body></html>")
  path <- file.path(dir, "index.html")
  writeLines(enc2utf8(html), path, useBytes = TRUE)
  path
}
