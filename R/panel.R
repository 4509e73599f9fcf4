# Indicator panels: the numeric matrix behind a composite index, with missing
# values either rejected or filled by linear interpolation within each region.

# Returns list(x = list of double columns, interpolated = data frame of
# filled cells). `pan` comes from check_panel(). Columns are passed to C as a
# list, so the panel is never copied into an n x p matrix.
indicator_matrix <- function(data, indicators, pan, na = "error") {
  x <- vector("list", length(indicators))
  names(x) <- indicators
  filled <- list()
  for (j in seq_along(indicators)) {
    col <- indicators[[j]]
    v <- check_numeric_column(data, col, "spec$indicator", pan$labels,
                              allow_na = TRUE)
    miss <- if (anyNA(v)) which(is.na(v)) else integer()
    if (length(miss)) {
      if (na == "error") {
        abort("`data` must have no missing indicator values when ",
              "na = \"error\": column `", col, "` has NA in ",
              describe_rows(miss, pan$labels), ". Use na = \"interpolate\" ",
              "to fill gaps inside a region's series.",
              class = "regineq_error_missing")
      }
      v <- interpolate_within(v, pan, col)
      filled[[col]] <- data.frame(
        row = miss, id = key_values(pan$id, pan$id$code[miss]),
        time = key_values(pan$time, pan$time$code[miss]), indicator = col,
        value = v[miss], stringsAsFactors = FALSE)
    }
    x[[j]] <- v
  }
  interpolated <- if (length(filled)) do.call(rbind, unname(filled)) else
    data.frame(row = integer(), id = character(), time = character(),
               indicator = character(), value = double(),
               stringsAsFactors = FALSE)
  rownames(interpolated) <- NULL
  list(x = x, interpolated = interpolated)
}

# Linear interpolation of interior gaps over time within each region (as seeds
# 000 and 002 did). Gaps at the start or end of a series are errors.
interpolate_within <- function(v, pan, col) {
  tnum <- time_numeric(pan$time)
  t <- tnum[pan$time$code]
  rows <- split(seq_along(v), pan$id$code)
  edge <- integer()
  for (r in rows) {
    miss <- is.na(v[r])
    if (!any(miss)) next
    r <- r[order(t[r])]
    miss <- is.na(v[r])
    known <- which(!miss)
    bad <- which(miss & (seq_along(r) < min(c(known, Inf)) |
                           seq_along(r) > max(c(known, -Inf))))
    if (length(bad)) {
      edge <- c(edge, r[bad])
      next
    }
    v[r[miss]] <- stats::approx(t[r[known]], v[r[known]], xout = t[r[miss]])$y
  }
  if (length(edge)) {
    edge <- sort(edge)
    abort("`data` has gaps that can't be interpolated: column `", col,
          "` is NA at the start or end of a region's series in ",
          describe_rows(edge, pan$labels), ".",
          class = "regineq_error_missing")
  }
  v
}

# Periods as numbers for interpolation: numeric or Date periods as they are,
# anything else (e.g. "2015Q1") by rank.
time_numeric <- function(tkey) {
  lev <- tkey$levels
  if (is.numeric(lev) || inherits(lev, "Date")) as.double(lev) else
    seq_along(lev)
}
