# Layer 4 of 5: results. A verb's result is a data frame of class
# `regineq_df` (plus its own class for print/plot/summary methods), or a
# classed list of such data frames. Attributes carry only metadata about the
# whole result (column names, settings such as nsim or alpha): anything a
# method needs per row is an ordinary column, so every subset of rows prints,
# summarises and plots exactly its own rows.

new_result_df <- function(df, class, ...) {
  meta <- list(...)
  per_row <- vapply(meta, function(v) !is.atomic(v) || length(v) > 16L, TRUE)
  if (any(per_row)) {
    stop("internal: result metadata must be short atomic values, not ",
         paste(names(meta)[per_row], collapse = ", "), call. = FALSE)
  }
  rownames(df) <- NULL
  attr(df, "regineq") <- meta
  class(df) <- c(class, "regineq_df", "data.frame")
  df
}

# The metadata of a result (a list; NULL entries are absent).
# (exact: never the "regineq_inputs" of attach_inputs() by partial matching)
result_info <- function(x) attr(x, "regineq", exact = TRUE)

#' @export
`[.regineq_df` <- function(x, ...) {
  info <- attr(x, "regineq")
  out <- NextMethod()
  if (is.data.frame(out)) attr(out, "regineq") <- info
  out
}

#' @export
as.data.frame.regineq_df <- function(x, ...) unclass_df(x)

unclass_df <- function(x) {
  attr(x, "regineq") <- NULL
  attr(x, "regineq_inputs") <- NULL
  class(x) <- "data.frame"
  x
}

# Table builders ----------------------------------------------------------------

# A data frame whose first column is the period under the user's name, for
# rows of period codes `code` (nothing is added without a time column).
with_time <- function(df, pan, code) {
  key <- pan$time
  if (is.null(key$name)) return(df)
  out <- data.frame(key$levels[code], stringsAsFactors = FALSE)
  names(out) <- key$name
  cbind(out, df)
}

# Cell-level (period x group) columns as a data frame with the period and
# group columns first; cells with no observations are dropped.
group_table <- function(cols, pan) {
  nt <- n_periods(pan)
  ng <- n_groups(pan)
  out <- as.data.frame(cols)
  if (!is.null(pan$group$name)) {
    out <- cbind(data.frame(group = rep(pan$group$levels, nt),
                            stringsAsFactors = FALSE), out)
  }
  out <- with_time(out, pan, rep(seq_len(nt), each = ng))
  out <- out[out$n > 0, , drop = FALSE]
  rownames(out) <- NULL
  out
}

# One row per period: `cols` (vectors of length n_periods) with the period
# column first.
period_table <- function(cols, pan) {
  out <- with_time(as.data.frame(cols), pan, seq_len(n_periods(pan)))
  rownames(out) <- NULL
  out
}

safe_share <- function(part, total) {
  ifelse(total > 0, part / total, NA_real_)
}

# Positions of a result's period column on a time axis, by the panel's rule
# (time_key()): the same order and spacing the verb used.
period_positions <- function(values, name = "time") {
  key <- time_key(values, length(values), name)
  key$numeric[key$code]
}

# Splits x by the values of a period column, in time order (not the
# alphabetical order split() would give text periods).
split_by_period <- function(x, periods) {
  pos <- period_positions(periods)
  lev <- unique(periods[order(pos)])
  split(x, factor(periods, levels = lev))
}

# The print method of a long result: a header line, the first `n` rows and
# how many more there are.
print_head <- function(x, header, n = 10L, digits = 4L) {
  d <- unclass_df(x)
  cat(header, "\n", sep = "")
  print(utils::head(d, n), digits = digits, row.names = FALSE)
  if (nrow(d) > n) {
    cat(sprintf("# ... %d more rows (as.data.frame() gives them all)\n",
                nrow(d) - n))
  }
  invisible(x)
}
