# Layer 2 of 5: checks. The argument checkers every verb validates through.
# Each returns the checked (and, where said, coerced) value or raises a
# classed error naming the argument, the column and the first offending rows.

`%||%` <- function(a, b) if (is.null(a)) b else a

# Scalars ---------------------------------------------------------------------

check_data_frame <- function(data, arg = "data") {
  if (!is.data.frame(data)) {
    abort("`", arg, "` must be a data frame, not ", type_of(data), ".",
          class = "regineq_error_type")
  }
  invisible(data)
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

# A confidence level: one number strictly between 0 and 1.
check_level <- function(x, arg = "level") {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x <= 0 || x >= 1) {
    shown <- if (is.numeric(x) && length(x) == 1L) format(x) else type_of(x)
    abort("`", arg, "` must be a number strictly between 0 and 1, not ",
          shown, ".", class = "regineq_error_value")
  }
  x
}

# A file or directory path: one non-empty string.
check_path <- function(x, arg) {
  if (!is.character(x) || length(x) != 1L || is.na(x) || !nzchar(x)) {
    abort("`", arg, "` must be a path (a single non-empty string), not ",
          if (is.character(x) && length(x) == 1L) {
            if (is.na(x)) "NA" else "\"\""
          } else type_of(x), ".", class = "regineq_error_type")
  }
  invisible(x)
}

# Arguments without defaults that the caller left out: one classed error
# naming them all (R's own "argument is missing" comes late and unclassed).
check_required <- function(args, env = parent.frame()) {
  miss <- args[vapply(args, function(a) {
    eval(call("missing", as.name(a)), env)
  }, TRUE)]
  if (length(miss)) {
    abort(enum(miss), if (length(miss) == 1L) " is" else " are",
          " missing, with no default.", class = "regineq_error_argument")
  }
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

# A numeric column as a double vector, checked by check_values().
check_numeric_column <- function(data, col, arg, labels = NULL,
                                 allow_na = FALSE, rule = "finite") {
  x <- check_column(data, col, arg)
  check_values(x, arg, col, labels, allow_na, rule)
}

# Numbers as a double vector. NA/NaN/Inf are errors naming the rows (NA is
# allowed with `allow_na`); `rule` "non-negative" or "positive" refuses
# values below 0 or at most 0. `col` names the column the values came from
# (NULL for a bare vector, then the message speaks of the argument).
check_values <- function(x, arg, col = NULL, labels = NULL, allow_na = FALSE,
                         rule = c("finite", "non-negative", "positive")) {
  rule <- rule[[1L]]
  where <- if (is.null(col)) "it" else paste0("column `", col, "`")
  if (!is.numeric(x) || is.factor(x) || is.object(x)) {
    abort("`", arg, "` must ", if (is.null(col)) "be numeric" else
      "name a numeric column", ": ", where, " is ", type_of(x), ".",
          class = "regineq_error_type")
  }
  x <- as.double(x)
  if (.Call(C_regineq_values_ok, x, allow_na,
            match(rule, c("finite", "non-negative", "positive")))) {
    return(x)
  }
  bad <- if (allow_na) which(is.infinite(x)) else which(!is.finite(x))
  if (length(bad)) {
    abort("`", arg, "` must be finite: ", where, " has ",
          paste(unique(kind_of_nonfinite(x[bad])), collapse = "/"), " in ",
          describe_rows(bad, labels), ".", class = "regineq_error_missing")
  }
  if (rule == "non-negative" && any(x < 0, na.rm = TRUE)) {
    abort("`", arg, "` must be non-negative (inequality measures need ",
          "non-negative values with a positive mean): ", where,
          " has negative values in ", describe_rows(which(x < 0), labels), ".",
          class = "regineq_error_value")
  }
  if (rule == "positive" && any(x <= 0, na.rm = TRUE)) {
    abort("`", arg, "` must be positive here (logarithms are taken): ", where,
          " has values <= 0 in ", describe_rows(which(x <= 0), labels), ".",
          class = "regineq_error_value")
  }
  x
}

# Columns a verb adds to `data` must not replace the user's own.
check_new_columns <- function(data, cols, arg = "data") {
  clash <- intersect(cols, names(data))
  if (length(clash)) {
    abort("`", arg, "` already has ", if (length(clash) == 1L) "a column " else
      "columns ", enum(clash), ", which this verb adds (", enum(cols),
          "). Rename ", if (length(clash) == 1L) "it" else "them",
          " first, so that no column of yours is overwritten.",
          class = "regineq_error_column")
  }
}

# A key column (id, time, group): atomic, no missing values.
check_key_column <- function(data, col, arg, labels = NULL) {
  x <- check_column(data, col, arg)
  if (!is.atomic(x) || is.matrix(x)) {
    abort("`", arg, "` must name an atomic column: column `", col, "` is ",
          type_of(x), ".", class = "regineq_error_type")
  }
  if (anyNA(x)) {
    bad <- which(is.na(x))
    abort("`", arg, "` can't have missing values: column `", col,
          "` has NA in ", describe_rows(bad, labels), ".",
          class = "regineq_error_missing")
  }
  x
}

check_min_rows <- function(data, n = 2L, arg = "data") {
  if (NROW(data) < n) {
    abort("`", arg, "` must have at least ", n, " rows, not ", NROW(data), ".",
          class = "regineq_error_size")
  }
  invisible(data)
}
