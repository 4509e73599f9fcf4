# Shared validation and condition helpers. Every verb validates through these,
# so error texts are uniform: they name the argument, the column and the first
# offending rows.

# Conditions ------------------------------------------------------------------

abort <- function(..., class = NULL) {
  cond <- structure(
    class = c(class, "regineq_error", "error", "condition"),
    list(message = paste0(...), call = NULL)
  )
  stop(cond)
}

warn <- function(..., class = NULL) {
  cond <- structure(
    class = c(class, "regineq_warning", "warning", "condition"),
    list(message = paste0(...), call = NULL)
  )
  warning(cond)
}

# "a, b and c" with backticks, at most `max` items.
enum <- function(x, max = 5L, quote = "`", conj = "and") {
  x <- paste0(quote, x, quote)
  if (length(x) > max) {
    x <- c(x[seq_len(max)], sprintf("%d more", length(x) - max))
  }
  if (length(x) <= 1L) return(x)
  paste(paste(x[-length(x)], collapse = ", "), conj, x[length(x)])
}

# "rows 3, 17 (Beijing 2015, Hainan 2019)"; rows are 1-based data rows.
# `labels` is a function of row numbers (built only when an error needs it)
# or a character vector.
describe_rows <- function(rows, labels = NULL, max = 5L) {
  n <- length(rows)
  shown <- rows[seq_len(min(n, max))]
  txt <- paste0(if (n == 1L) "row " else "rows ", paste(shown, collapse = ", "))
  if (n > max) txt <- paste0(txt, sprintf(" and %d more", n - max))
  if (!is.null(labels)) {
    lab <- if (is.function(labels)) labels(shown) else labels[shown]
    txt <- paste0(txt, " (", paste(lab, collapse = ", "), ")")
  }
  txt
}

# Scalars ---------------------------------------------------------------------

check_data_frame <- function(data, arg = "data") {
  if (!is.data.frame(data)) {
    abort("`", arg, "` must be a data frame, not ", type_of(data), ".",
          class = "regineq_error_type")
  }
  invisible(data)
}

type_of <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.data.frame(x)) return("a data frame")
  if (is.matrix(x)) return(paste("a", typeof(x), "matrix"))
  if (is.factor(x)) return("a factor")
  if (is.atomic(x)) {
    return(if (length(x) == 1L) paste("a", typeof(x), "scalar") else
      paste("a", typeof(x), "vector"))
  }
  paste("an object of class", enum(class(x), quote = "'"))
}

check_string <- function(x, arg, null_ok = FALSE) {
  if (null_ok && is.null(x)) return(invisible(NULL))
  if (!is.character(x) || length(x) != 1L || is.na(x) || !nzchar(x)) {
    abort("`", arg, "` must be a single column name (a string), not ",
          type_of(x), ".", class = "regineq_error_type")
  }
  invisible(x)
}

check_choice <- function(x, choices, arg) {
  if (identical(x, choices)) return(choices[[1L]])
  if (!is.character(x) || length(x) != 1L || is.na(x) || !x %in% choices) {
    shown <- if (is.character(x) && length(x) == 1L) paste0("\"", x, "\"") else
      type_of(x)
    abort("`", arg, "` must be one of ", enum(choices, max = 20L, quote = "\"",
                                              conj = "or"),
          ", not ", shown, ".", class = "regineq_error_value")
  }
  x
}

check_number <- function(x, arg, min = -Inf, max = Inf, integer = FALSE) {
  ok <- is.numeric(x) && length(x) == 1L && !is.na(x) && is.finite(x) &&
    x >= min && x <= max && (!integer || x == round(x))
  if (!ok) {
    what <- if (integer) "a whole number" else "a finite number"
    range <- if (is.finite(min) && is.finite(max)) {
      sprintf(" in [%s, %s]", format(min), format(max))
    } else if (is.finite(min)) {
      sprintf(" >= %s", format(min))
    } else if (is.finite(max)) {
      sprintf(" <= %s", format(max))
    } else ""
    shown <- if (is.numeric(x) && length(x) == 1L) format(x) else type_of(x)
    abort("`", arg, "` must be ", what, range, ", not ", shown, ".",
          class = "regineq_error_value")
  }
  x
}

check_flag <- function(x, arg) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    abort("`", arg, "` must be TRUE or FALSE, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  x
}

# Columns ---------------------------------------------------------------------

check_column <- function(data, col, arg) {
  check_string(col, arg)
  if (!col %in% names(data)) {
    abort("`", arg, "` must name a column of `data`: there is no column `",
          col, "`.", class = "regineq_error_column")
  }
  data[[col]]
}

# A numeric column as a double vector; NA, NaN and Inf are errors that name the
# rows. `labels` describe rows for humans ("Beijing 2015").
check_numeric_column <- function(data, col, arg, labels = NULL,
                                 allow_na = FALSE) {
  x <- check_column(data, col, arg)
  if (!is.numeric(x) || is.factor(x)) {
    abort("`", arg, "` must name a numeric column: column `", col, "` is ",
          type_of(x), ".", class = "regineq_error_type")
  }
  x <- as.double(x)
  bad <- if (allow_na) {
    if (any(is.infinite(x))) which(is.infinite(x)) else integer()
  } else if (anyNA(x) || any(is.infinite(x))) which(!is.finite(x)) else
    integer()
  if (length(bad)) {
    kind <- unique(ifelse(is.nan(x[bad]), "NaN",
                          ifelse(is.na(x[bad]), "NA", "Inf")))
    abort("`", arg, "` must be finite: column `", col, "` has ",
          paste(kind, collapse = "/"), " in ", describe_rows(bad, labels), ".",
          class = "regineq_error_missing")
  }
  x
}

# A key column (id, time, group): no missing values; returns the column.
check_key_column <- function(data, col, arg, labels = NULL) {
  x <- check_column(data, col, arg)
  if (!is.atomic(x) || is.matrix(x)) {
    abort("`", arg, "` must name an atomic column: column `", col, "` is ",
          type_of(x), ".", class = "regineq_error_type")
  }
  bad <- which(is.na(x))
  if (length(bad)) {
    abort("`", arg, "` can't have missing values: column `", col,
          "` has NA in ", describe_rows(bad, labels), ".",
          class = "regineq_error_missing")
  }
  x
}

check_min_rows <- function(data, n = 2L, arg = "data") {
  if (nrow(data) < n) {
    abort("`", arg, "` must have at least ", n, " rows, not ", nrow(data), ".",
          class = "regineq_error_size")
  }
  invisible(data)
}

# Keys ------------------------------------------------------------------------

# Integer codes 1..k for a key; `sort` orders levels (time), otherwise first
# appearance (ids, groups keep the user's order).
key_codes <- function(x, sort = FALSE) {
  lev <- unique(x)
  if (sort) lev <- sort(lev)
  if (is.factor(x)) {
    lev <- if (sort) levels(droplevels(x)) else as.character(lev)
    x <- as.character(x)
  }
  list(code = match(x, lev), levels = lev)
}

# Values of levels back in the column's own type (factors become character).
key_values <- function(key, code) {
  key$levels[code]
}

# Panel: id and (optional) time keys, one row per id x time.
check_panel <- function(data, id, time = NULL, id_arg = "id",
                        time_arg = "time") {
  check_data_frame(data)
  idv <- check_key_column(data, id, id_arg)
  tv <- if (!is.null(time)) check_key_column(data, time, time_arg)
  labels <- function(rows) {
    if (is.null(tv)) as.character(idv[rows]) else
      paste(as.character(idv[rows]), as.character(tv[rows]))
  }
  idk <- key_codes(idv)
  tk <- time_key(tv, nrow(data))
  cell <- (tk$code - 1) * length(idk$levels) + idk$code
  dup <- which(duplicated(cell))
  if (length(dup)) {
    rows <- which(cell == cell[dup[1L]])
    what <- if (is.null(time)) "region" else "region and period"
    abort("`data` must have one row per ", what, ": `", labels(rows[1L]),
          "` appears in ", describe_rows(rows), ".",
          class = "regineq_error_duplicate")
  }
  list(id = idk, time = tk, labels = labels, id_name = id, time_name = time,
       n = nrow(data))
}

# A grouping column as integer codes 1..k (first appearance order).
check_group <- function(data, group, labels = NULL, arg = "group") {
  if (is.null(group)) {
    return(list(code = rep(1L, nrow(data)), levels = NA))
  }
  key_codes(check_key_column(data, group, arg, labels))
}

# Period index for an optional time column (one period when NULL).
check_time <- function(data, time, labels = NULL, arg = "time") {
  tv <- if (!is.null(time)) check_key_column(data, time, arg, labels)
  time_key(tv, nrow(data))
}

# Sorted period codes of a time vector; a single period when it is NULL.
time_key <- function(tv, n) {
  if (is.null(tv)) list(code = rep(1L, n), levels = NA) else
    key_codes(tv, sort = TRUE)
}

# A data frame whose first column is the period under the user's name.
with_time <- function(df, time, key, code) {
  if (is.null(time)) return(df)
  out <- data.frame(key_values(key, code), stringsAsFactors = FALSE)
  names(out) <- time
  cbind(out, df)
}
