# Layer 1 of 5: conditions. Every error and warning the package raises goes
# through abort() and warn(): classed (`regineq_error_<kind>`), with the call
# of the verb the user ran, and worded by the helpers below so that every
# message names the argument, the column and the first offending rows.

abort <- function(..., class = NULL, call = verb_call(), data = NULL) {
  cond <- structure(
    class = c(class, "regineq_error", "error", "condition"),
    c(list(message = paste0(...), call = call), data)
  )
  stop(cond)
}

warn <- function(..., class = NULL, call = verb_call()) {
  cond <- structure(
    class = c(class, "regineq_warning", "warning", "condition"),
    list(message = paste0(...), call = call)
  )
  warning(cond)
}

# A classed message (`regineq_message_<kind>`), muffled as any message is.
inform <- function(..., class = NULL, call = verb_call(), data = NULL) {
  cond <- structure(
    class = c(class, "regineq_message", "message", "condition"),
    c(list(message = paste0(..., "\n"), call = call), data)
  )
  message(cond)
}

# "`dagum_gini()`": the verb the user called, for messages.
verb_name <- function() {
  call <- verb_call()
  fn <- if (is.null(call)) NULL else call[[1L]]
  if (!is.name(fn)) return("The verb")
  paste0("`", as.character(fn), "()`")
}

# The call of the outermost regineq function on the stack: the verb (or the
# S3 method) the user called, whichever internal helper raised the condition.
verb_call <- function() {
  ns <- topenv(environment(verb_call))
  for (k in seq_len(sys.nframe())) {
    env <- environment(sys.function(k))
    if (!is.null(env) && identical(topenv(env), ns)) {
      return(generic_call(sys.call(k)))
    }
  }
  NULL
}

# A method's call as the user wrote it: plot(x), not plot.regineq_dagum(x).
generic_call <- function(call) {
  fn <- call[[1L]]
  if (is.name(fn)) {
    generic <- sub("\\.regineq_[a-z_]+$", "", as.character(fn))
    if (generic %in% c("plot", "print", "summary", "as.data.frame")) {
      call[[1L]] <- as.name(generic)
    }
  }
  call
}

# Runs `expr` as one named step of a pipeline (disparity_report()): an error
# raised inside it is re-raised with the step's name in front of its message,
# keeping its classes; an error from outside regineq becomes a
# `regineq_error_step` that keeps the original message.
in_step <- function(step, expr, call = verb_call()) {
  withCallingHandlers(expr, error = function(e) {
    msg <- paste0("Step \"", step, "\" failed: ", conditionMessage(e))
    cls <- if (inherits(e, "regineq_error")) class(e) else
      c("regineq_error_step", "regineq_error", "error", "condition")
    cond <- structure(class = unique(c(setdiff(cls, c("error", "condition")),
                                       "error", "condition")),
                      list(message = msg, call = call, step = step,
                           parent = e))
    stop(cond)
  })
}

# Wording ---------------------------------------------------------------------

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

# What an object is, for messages: "a double vector", "a Date vector".
type_of <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.data.frame(x)) return("a data frame")
  if (is.matrix(x)) return(paste("a", typeof(x), "matrix"))
  if (is.factor(x)) return("a factor")
  if (inherits(x, "Date")) return(if (length(x) == 1L) "a Date" else
    "a Date vector")
  if (inherits(x, "POSIXt")) return(if (length(x) == 1L) "a date-time" else
    "a date-time vector")
  if (is.atomic(x)) {
    return(if (length(x) == 1L) paste("a", typeof(x), "scalar") else
      paste("a", typeof(x), "vector"))
  }
  paste("an object of class", enum(class(x), quote = "'"))
}

# "NA", "NaN", "Inf" or "-Inf" for each non-finite value.
kind_of_nonfinite <- function(x) {
  ifelse(is.nan(x), "NaN", ifelse(is.na(x), "NA", ifelse(x > 0, "Inf",
                                                          "-Inf")))
}
