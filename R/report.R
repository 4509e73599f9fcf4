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
#' @param dir Output directory (created if needed).
#' @param lang `"en"` or `"zh"` for the labels of coupling-style levels and
#'   the headings of the summary page.
#' @param nsim Permutations for the Moran tests.
#' @param seed `NULL` (default): the permutations draw from the session's
#'   random stream, as any R function does (call [set.seed()] first to
#'   reproduce them). A number: the permutations use this seed, and the
#'   session's random stream (`.Random.seed`) is restored afterwards to
#'   exactly what it was.
#' @return The paths of the files written, invisibly (named by content). An
#'   error in any analysis names the step that failed.
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
                             nsim = 999, seed = NULL) {
  lang <- check_choice(lang, c("en", "zh"), "lang")
  check_string(dir, "dir")
  check_number(nsim, "nsim", min = 0, max = 1e7, integer = TRUE)
  pan <- new_panel(data, id, time, group)
  if (!dir.exists(dir) && !dir.create(dir, recursive = TRUE)) {
    abort("`dir` can't be created: ", dir, ".", class = "regineq_error_value")
  }
  if (!is.null(seed)) {
    check_number(seed, "seed", integer = TRUE)
    restore <- local_seed(seed)
    on.exit(restore(), add = TRUE)
  }
  files <- character()
  sections <- list()
  write_table <- function(df, name) {
    path <- file.path(dir, paste0(name, ".csv"))
    utils::write.csv(as.data.frame(df), path, row.names = FALSE)
    files[[name]] <<- path
    path
  }
  draw <- function(name, expr, width = 900, height = 600) {
    path <- file.path(dir, paste0(name, ".png"))
    grDevices::png(path, width = width, height = height, res = 110)
    on.exit(grDevices::dev.off())
    force(expr)
    files[[paste0(name, "_png")]] <<- path
    basename(path)
  }
  section <- function(title, reading, table, image = NULL) {
    sections[[length(sections) + 1L]] <<- list(title = title,
                                               reading = reading,
                                               table = table, image = image)
  }

  in_step("Scores by period", {
    sd_by <- sigma_convergence(data, value, time, group = group)
    summ <- as.data.frame(sd_by)[c(time, if (!is.null(group)) "group", "n",
                                   "mean", "sd", "cv")]
    write_table(summ, "summary")
    grp_vec <- if (!is.null(group)) data[[group]]
    img <- draw("trend", trend_chart(data, id, time, value, grp_vec))
    m <- rowsum_by(data[[value]], pan$time$code, n_periods(pan)) /
      tabulate(pan$time$code, n_periods(pan))
    first <- pan$time$levels[1L]
    last <- pan$time$levels[n_periods(pan)]
    section("Scores by period",
            sprintf("The mean score moves from %.3f (%s) to %.3f (%s).",
                    m[1L], first, m[length(m)], last),
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

  if (all(data[[value]] > 0)) {
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
      bc <- rbind(beta_convergence(data, value, id, time),
                  beta_convergence(data, value, id, time, form = "panel"),
                  beta_convergence(data, value, id, time, type = "conditional",
                                   form = "panel"))
      write_table(bc, "beta")
      section("Beta convergence",
              sprintf(paste0("Cross-section beta = %.4f (%s); with region ",
                             "fixed effects beta = %.4f (%s), %s."),
                      bc$beta[1], format_p(bc$p_value[1]), bc$beta[3],
                      format_p(bc$p_value[3]),
                      if (is.na(bc$half_life[3])) "so no convergence" else
                        sprintf("a half-life of %.1f periods", bc$half_life[3])),
              bc)
    })
  }

  in_step("Kernel densities", {
    kd <- kernel_density(data, value, time)
    write_table(kd, "density")
    img <- draw("density", plot(kd))
    section("Kernel densities",
            "One Gaussian density per period on a common grid: a flatter, wider curve means more dispersion.",
            utils::head(as.data.frame(kd), 0), img)
  })

  if (!is.null(weights)) {
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
      last <- ml[[time]][nrow(ml)]
      img <- draw("moran_scatter", plot(ml, period = last))
      is_china <- !anyNA(match_province(as.character(ml[[id]]), error = FALSE))
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
    files[["index"]] <- write_html(sections, dir, lang, value)
  })
  invisible(files)
}

# Private ---------------------------------------------------------------------

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
    if (!nrow(df)) return("")
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
