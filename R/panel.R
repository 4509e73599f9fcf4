# Layer 3 of 5: the panel. new_panel() is the one place where a verb's key
# columns become integer codes: it resolves the id, time and group columns,
# puts periods in time order, refuses duplicated region-periods, and builds
# the row labels that error messages use. Every verb that has keys starts
# from it; values are then read with panel_values().

# `id`, `time`, `group`: column names or NULL. Returns a `regineq_panel`:
#   n       number of rows;
#   id      NULL, or a key: name, code (1..k per row), levels (first
#           appearance order, in the column's own type);
#   time    a key whose levels are in time order, with `numeric` (the
#           position of each level on a time axis) and `name` NULL when
#           there is no time column (then one period);
#   group   a key (first appearance, or level order for factors) or one
#           group when NULL;
#   labels  function(rows) describing rows for messages ("Beijing 2015").
new_panel <- function(data, id = NULL, time = NULL, group = NULL,
                      id_arg = "id", time_arg = "time", group_arg = "group") {
  check_data_frame(data)
  check_string(id, id_arg, null_ok = TRUE)
  check_string(time, time_arg, null_ok = TRUE)
  check_string(group, group_arg, null_ok = TRUE)
  check_distinct_columns(c(id = id, time = time, group = group),
                         c(id = id_arg, time = time_arg, group = group_arg))
  n <- nrow(data)
  idv <- if (!is.null(id)) check_key_column(data, id, id_arg)
  tv <- if (!is.null(time)) check_key_column(data, time, time_arg)
  gv <- if (!is.null(group)) check_key_column(data, group, group_arg)
  label_cols <- if (!is.null(id)) c(id, time) else c(group, time)
  labels <- row_labeller(data, label_cols)
  pan <- structure(list(
    n = n,
    id = if (!is.null(id)) c(key_codes(idv), name = id),
    time = time_key(tv, n, time),
    group = if (is.null(gv)) one_key(n) else c(key_codes(gv), name = group),
    labels = labels
  ), class = "regineq_panel")
  if (!is.null(id)) check_unique_cells(pan)
  warn_province_spellings(pan)
  pan
}

# Reads a value column of the panel's data, checked by check_values().
panel_values <- function(pan, data, value, arg = "value", rule = "finite",
                         allow_na = FALSE) {
  check_numeric_column(data, value, arg, pan$labels, allow_na = allow_na,
                       rule = rule)
}

# Number of periods, groups and regions.
n_periods <- function(pan) length(pan$time$levels)
n_groups <- function(pan) length(pan$group$levels)
n_regions <- function(pan) length(pan$id$levels)

# Cell codes 1..(periods x groups), period-major.
panel_cells <- function(pan) {
  (pan$time$code - 1L) * n_groups(pan) + pan$group$code
}

# Sums of w by integer code 1..n (codes without rows sum to 0).
rowsum_by <- function(w, i, n) {
  s <- numeric(n)
  r <- rowsum(w, i)
  s[as.integer(rownames(r))] <- r[, 1]
  s
}

# The region ids as text, to match the ids of spatial weights: whole numbers
# print as integers (500000, never "5e+05"), other numbers as R prints them
# (15 significant digits); two different ids that would print alike
# (0.1 + 0.2 and 0.3) are an error, never merged.
panel_id_strings <- function(pan) {
  id_strings(pan$id$levels, pan$id$name)
}

id_strings <- function(x, col = NULL, arg = "id") {
  if (is.factor(x)) return(as.character(x))
  if (!is.numeric(x)) return(as.character(x))
  whole <- x == round(x) & abs(x) < 2^53
  out <- ifelse(whole, sprintf("%.0f", x), as.character(x))
  dup <- duplicated(out) & !duplicated(x)
  if (any(dup)) {
    same <- x[out == out[which(dup)[1L]]]
    abort("`", arg, "` has ids that can't be told apart as text",
          if (!is.null(col)) paste0(" in column `", col, "`"), ": ",
          enum(sprintf("%.17g", same), quote = ""), ".",
          class = "regineq_error_value")
  }
  out
}

# Private ---------------------------------------------------------------------

# Integer codes 1..k in first-appearance order (factors: level order, unused
# levels dropped); levels keep the column's type (factors become character).
key_codes <- function(x) {
  if (is.factor(x)) {
    lev <- levels(droplevels(x))
    return(list(code = match(as.character(x), lev), levels = lev))
  }
  lev <- unique(x)
  list(code = match(x, lev), levels = lev)
}

one_key <- function(n) list(code = rep.int(1L, n), levels = NA, name = NULL)

# Periods in time order: numbers by value; text by value when every label
# reads as a number ("2015", " 2016"), else in a fixed (C-locale) order;
# factors by their level order; Dates and date-times by time. `numeric` is
# each level's position on a time axis: the number itself, decimal years
# for Dates and date-times, the rank otherwise.
time_key <- function(tv, n, name) {
  if (is.null(tv)) return(c(one_key(n), numeric = 0))
  if (is.factor(tv)) {
    lev <- levels(droplevels(tv))
    num <- parse_periods(lev, name)
    return(list(code = match(as.character(tv), lev), levels = lev,
                numeric = num %||% seq_along(lev), name = name))
  }
  lev <- unique(tv)
  if (inherits(lev, "Date") || inherits(lev, "POSIXt")) {
    lev <- sort(lev)
    days <- if (inherits(lev, "Date")) as.double(lev) else
      as.double(lev) / 86400
    num <- 1970 + days / 365.2425
  } else if (is.character(lev)) {
    num <- parse_periods(lev, name)
    if (is.null(num)) {
      mixed <- !is.na(suppressWarnings(as.double(trimws(lev))))
      if (any(mixed)) {
        warn("`time` mixes labels that read as numbers (", enum(lev[mixed]),
             ") with others (", enum(lev[!mixed]), ") in column `", name,
             "`: periods are ordered as text and spaced by rank. Make them ",
             "all numbers (e.g. strip \"\u5e74\") for a time axis.",
             class = "regineq_warning_time")
      }
      lev <- sort(lev, method = "radix")
      num <- seq_along(lev)
    } else {
      o <- order(num)
      lev <- lev[o]
      num <- num[o]
    }
  } else {
    lev <- sort(lev)
    num <- as.double(lev)
  }
  list(code = match(tv, lev), levels = lev, numeric = num, name = name)
}

# Period labels as numbers when every one reads as a number, else NULL. Two
# labels that read as the same number ("2015", "2015.0") are an error.
parse_periods <- function(lev, name) {
  num <- suppressWarnings(as.double(trimws(lev)))
  if (anyNA(num)) return(NULL)
  dup <- duplicated(num)
  if (any(dup)) {
    same <- lev[num == num[which(dup)[1L]]]
    abort("`time` has labels that name the same period: column `", name,
          "` has ", enum(same, quote = "\""), ".",
          class = "regineq_error_duplicate")
  }
  num
}

check_unique_cells <- function(pan) {
  cell <- (pan$time$code - 1) * n_regions(pan) + pan$id$code
  dup <- which(duplicated(cell))
  if (length(dup)) {
    rows <- which(cell == cell[dup[1L]])
    what <- if (is.null(pan$time$name)) "region" else "region and period"
    abort("`data` must have one row per ", what, ": `", pan$labels(rows[1L]),
          "` appears in ", describe_rows(rows), ".",
          class = "regineq_error_duplicate")
  }
}

# Two key arguments naming the same column.
check_distinct_columns <- function(cols, args) {
  dup <- duplicated(cols)
  if (any(dup)) {
    k <- which(cols == cols[which(dup)[1L]])
    abort(enum(args[names(cols)[k]]), " must name different columns: both ",
          "are `", cols[k[1L]], "`.", class = "regineq_error_value")
  }
}

# Row labels built only when an error needs them.
row_labeller <- function(data, cols) {
  cols <- intersect(cols, names(data))
  if (!length(cols)) return(NULL)
  function(rows) {
    do.call(paste, lapply(cols, function(k) as.character(data[[k]][rows])))
  }
}
