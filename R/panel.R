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
  .Call(C_regineq_group_sum, as.double(w), as.integer(i), as.integer(n))
}

# match() for ids, in C when the table's strings are all ASCII (hashing the
# cached strings); R's match() otherwise.
match_ids <- function(x, table) {
  .Call(C_regineq_match_strings, x, table) %||% match(x, table)
}

# Whether x has a repeated value (anyDuplicated(), in C for ASCII text).
has_duplicates <- function(x) {
  m <- .Call(C_regineq_match_strings, x, x)
  if (is.null(m)) anyDuplicated(x) > 0L else any(m != seq_along(m))
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

# Unbalanced panels -----------------------------------------------------------

# A panel is unbalanced when its regions differ across periods. Every verb
# with a time column checks it here, so the message and the `balanced`
# choice read the same everywhere. All O(rows) on the integer codes; the
# missing cells are listed only for the regions a message shows.

# NULL for a balanced panel (or one period). Otherwise, with an id column:
# list(periods = periods per region, complete = is each region present in
# every period, per_period = regions per period); without one, only
# `per_period` (rows per period) is known and it is unbalanced when these
# counts differ.
panel_balance <- function(pan) {
  nt <- n_periods(pan)
  if (nt < 2L) return(NULL)
  per_period <- tabulate(pan$time$code, nt)
  if (is.null(pan$id)) {
    if (all(per_period == per_period[1L])) return(NULL)
    return(list(per_period = per_period))
  }
  # region-periods are unique (new_panel() refuses duplicates), so a region
  # with nt rows is present in every period
  periods <- tabulate(pan$id$code, n_regions(pan))
  complete <- periods == nt
  if (all(complete)) return(NULL)
  list(periods = periods, complete = complete, per_period = per_period)
}

# The periods (codes) that region `r` (a code) lacks.
missing_periods <- function(pan, r) {
  setdiff(seq_len(n_periods(pan)), pan$time$code[pan$id$code == r])
}

# "`Tibet` (2015, 2016)" for the first `max` regions that lack periods.
missing_cells <- function(pan, bal, max = 5L, conj = "and") {
  lack <- which(!bal$complete)
  per <- pan$time$levels
  vapply(lack[seq_len(min(length(lack), max))], function(r) {
    paste0("`", id_strings(pan$id$levels[r]), "` (",
           enum(per[missing_periods(pan, r)], max, quote = "", conj = conj),
           ")")
  }, "")
}

# Checks the balance of `pan`, says what the verb does about it in a
# `regineq_message_unbalanced`, and returns the rows the verb keeps: NULL
# for all of them, or the rows of the regions present in every period when
# `balanced = TRUE`. `uses` (a string, or a function of the balance)
# replaces the default account of what the verb does with all available
# rows (beta_convergence() says more).
balance_rows <- function(pan, balanced, uses = NULL, id_arg = "id") {
  check_flag(balanced, "balanced")
  if (balanced && is.null(pan$id)) {
    abort("`balanced = TRUE` needs `", id_arg, "`: without a region column ",
          "the rows of different periods can't be matched. Give `", id_arg,
          "`, the name of the region column.",
          class = "regineq_error_argument")
  }
  bal <- panel_balance(pan)
  if (is.null(bal)) return(NULL)
  verb <- verb_name()
  if (is.null(pan$id)) {
    inform_unbalanced(pan, bal, paste0(
      verb, " uses all rows of each period; give `", id_arg, "` to name ",
      "the regions that are missing (and to allow `balanced = TRUE`)."))
    return(NULL)
  }
  k <- sum(bal$complete)
  if (!balanced) {
    if (is.function(uses)) uses <- uses(bal)
    inform_unbalanced(pan, bal, uses %||% paste0(
      verb, " uses all available rows of each period",
      region_range(bal$per_period), "; `balanced = TRUE` keeps the ", k,
      " region", if (k != 1L) "s", " present in every period."))
    return(NULL)
  }
  if (k == 0L) {
    abort("`balanced = TRUE` leaves no region: none of the ",
          n_regions(pan), " regions of `data` is present in every period.",
          class = "regineq_error_size")
  }
  keep <- which(bal$complete[pan$id$code])
  inform_unbalanced(pan, bal, paste0(
    verb, " uses the balanced subset (`balanced = TRUE`): the ", k,
    " region", if (k != 1L) "s", " present in every period, ",
    pan$n - length(keep), " row", if (pan$n - length(keep) != 1L) "s",
    " of the others left out."))
  keep
}

# The message: which regions lack which periods (or, without an id, how
# many rows each period has), then what the verb does.
inform_unbalanced <- function(pan, bal, action, max = 5L) {
  per <- pan$time$levels
  if (is.null(pan$id)) {
    cnt <- bal$per_period
    top <- max(cnt)
    short <- which(cnt < top)
    what <- paste0("`data` has a different number of rows per period: ",
                   top, " at most, but ",
                   enum(paste0(cnt[short], " in ", ifelse(
                     seq_along(short) == 1L, "period ", ""), per[short]),
                     max, quote = ""), ".")
  } else {
    lack <- sum(!bal$complete)
    cells <- missing_cells(pan, bal, max)
    if (lack > max) cells <- c(cells, sprintf("%d more", lack - max))
    what <- paste0("`data` is an unbalanced panel: ", lack, " of ",
                   n_regions(pan), " regions ",
                   if (lack == 1L) "lacks" else "lack", " some periods: ",
                   enum(cells, max + 1L, quote = ""), ".")
  }
  inform(what, " ", action, class = "regineq_message_unbalanced",
         data = list(balance = bal))
}

# " (28 to 31 regions per period)"
region_range <- function(per_period) {
  r <- range(per_period)
  if (r[1L] == r[2L]) return("")
  sprintf(" (%d to %d regions per period)", r[1L], r[2L])
}

# The panel restricted to `rows` (codes renumbered, unused ids and groups
# dropped, level order kept); row labels still describe the original rows.
panel_subset <- function(pan, rows) {
  recode <- function(key) {
    if (is.null(key)) return(NULL)
    used <- tabulate(key$code[rows], length(key$levels)) > 0L
    map <- cumsum(used)
    key$code <- map[key$code[rows]]
    key$levels <- key$levels[used]
    if (!is.null(key$numeric) && length(key$numeric) == length(used)) {
      key$numeric <- key$numeric[used]
    }
    key
  }
  labels <- pan$labels
  pan$n <- length(rows)
  pan$id <- recode(pan$id)
  pan$time <- recode(pan$time)
  pan$group <- recode(pan$group)
  if (!is.null(labels)) pan$labels <- function(r) labels(rows[r])
  pan
}

# Private ---------------------------------------------------------------------

# Integer codes 1..k in first-appearance order (factors: level order, unused
# levels dropped); levels keep the column's type (factors become character).
# Plain vectors, Dates and date-times are coded in one pass in C; strings
# are hashed by their cached CHARSXP, so a non-ASCII string in two encodings
# would get two codes: then, and for other classes, unique() and match().
key_codes <- function(x) {
  if (is.factor(x)) {
    used <- tabulate(x, nlevels(x)) > 0L
    return(list(code = cumsum(used)[unclass(x)], levels = levels(x)[used]))
  }
  if (!is.object(x) || inherits(x, c("Date", "POSIXct"))) {
    fast <- .Call(C_regineq_key_codes, unclass(x))
    if (!is.null(fast)) {
      lev <- x[fast$first]
      names(lev) <- NULL
      if (fast$exact || !anyDuplicated(lev)) {
        return(list(code = fast$code, levels = lev))
      }
    }
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
  key <- key_codes(tv)
  lev <- key$levels
  if (is.factor(tv)) {
    num <- parse_periods(lev, name)
    return(c(key, list(numeric = num %||% seq_along(lev), name = name)))
  }
  if (inherits(lev, "Date") || inherits(lev, "POSIXt")) {
    o <- order(lev)
    days <- if (inherits(lev, "Date")) as.double(lev[o]) else
      as.double(lev[o]) / 86400
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
      o <- order(lev, method = "radix")
      num <- seq_along(lev)
    } else {
      o <- order(num)
      num <- num[o]
    }
  } else {
    o <- order(lev)
    num <- as.double(lev[o])
  }
  # the codes in first-appearance order, renumbered in time order
  rank <- integer(length(o))
  rank[o] <- seq_along(o)
  list(code = rank[key$code], levels = lev[o], numeric = num, name = name)
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
  cells <- function() (pan$time$code - 1) * n_regions(pan) + pan$id$code
  # a bitmap of the region x period cells in C; hashing when they are sparse
  first <- .Call(C_regineq_first_duplicate, pan$time$code, pan$id$code,
                 n_periods(pan), n_regions(pan))
  if (is.na(first)) first <- which(duplicated(cells()))[1L]
  if (!is.na(first) && first > 0L) {
    cell <- cells()
    rows <- which(cell == cell[first])
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
