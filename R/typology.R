#' Regional science-and-technology types by R&D intensity
#'
#' The classification of regions by R&D intensity (R&D spending as a
#' percentage of GDP) of Li and Feng (2025, figure 1, 2023 data): type I above
#' 4 %, type II above 3 %, type III above 2 %, type IV the rest (in Li and
#' Feng these are also the regions with GDP per capita below 100,000 yuan).
#' Thresholds are arguments.
#'
#' Each row is classified on its own, so an unbalanced panel (regions that
#' lack some periods) is classified as it is, row by row.
#'
#' @param data A data frame.
#' @param gdp_per_capita Name of the GDP-per-capita column (kept in the
#'   result and used by `plot()`).
#' @param rd_intensity Name of the R&D-intensity column, in percent.
#' @param thresholds Decreasing thresholds (percent) separating the types.
#' @param labels Type labels, one more than `thresholds`.
#' @return `data` with an ordered factor `type` (I is the most R&D
#'   intensive); class `regineq_typology` for `plot()`.
#' @references Li, G. and Feng, Y. (2025). Research on the realistic
#'   foundations and implementation paths of developing new quality
#'   productive forces according to local conditions (title translated from
#'   the Chinese). Article no. 2095-5766(2025)06-0005-08, i.e. the journal
#'   with ISSN 2095-5766, 2025 no. 6, pp. 5-12 (the journal's name is not in
#'   the text available). Figure 1: regional science-and-technology types,
#'   2023.
#' @family coupling and distributions
#' @export
#' @examples
#' d <- data.frame(province = c("Beijing", "Guangdong", "Hubei", "Gansu"),
#'                 gdp_pc = c(20.03, 10.2, 9.5, 4.79),
#'                 rd = c(6.73, 3.54, 2.5, 1.3))
#' rd_typology(d, "gdp_pc", "rd")
rd_typology <- function(data, gdp_per_capita, rd_intensity,
                        thresholds = c(4, 3, 2),
                        labels = c("I", "II", "III", "IV")) {
  check_required(c("data", "gdp_per_capita", "rd_intensity"))
  check_data_frame(data)
  check_numeric_column(data, gdp_per_capita, "gdp_per_capita")
  rd <- check_numeric_column(data, rd_intensity, "rd_intensity")
  if (!is.numeric(thresholds) || anyNA(thresholds) || length(thresholds) < 1L ||
      any(diff(thresholds) >= 0)) {
    abort("`thresholds` must be strictly decreasing numbers.",
          class = "regineq_error_value")
  }
  if (length(labels) != length(thresholds) + 1L) {
    abort("`labels` must have one more element than `thresholds` (",
          length(thresholds) + 1L, "), not ", length(labels), ".",
          class = "regineq_error_value")
  }
  if (anyNA(labels) || anyDuplicated(labels)) {
    abort("`labels` must be distinct type labels: ",
          enum(unique(labels[duplicated(labels) | is.na(labels)]),
               quote = "\""), " repeat or are missing.",
          class = "regineq_error_duplicate")
  }
  check_new_columns(data, "type")
  k <- vapply(rd, function(v) sum(v <= thresholds), 1L) + 1L
  data$type <- factor(labels[k], levels = labels, ordered = TRUE)
  new_result_df(data, "regineq_typology", gdp = gdp_per_capita,
                rd = rd_intensity, thresholds = thresholds)
}

#' @export
print.regineq_typology <- function(x, n = 10, ...) {
  info <- result_info(x)
  tab <- table(x$type)
  print_head(x, sprintf(paste0("<regineq_typology> R&D-intensity types ",
                               "(thresholds %s %%): %s"),
                        paste(info$thresholds, collapse = ", "),
                        paste(names(tab), tab, sep = " = ", collapse = ", ")),
             n)
}
