# The thread count of the permutation engine: an argument, else
# options(regineq.threads =), else 2 (CRAN's limit for a default), never
# above OMP_THREAD_LIMIT. The counts do not depend on it (?spatial_pvalues).
resolve_threads <- function(threads) {
  from_option <- is.null(threads)
  if (from_option) threads <- getOption("regineq.threads", 2L)
  ok <- is.numeric(threads) && length(threads) == 1L && !is.na(threads) &&
    is.finite(threads) && threads >= 1 && threads == round(threads) &&
    threads <= 1024
  if (!ok) {
    shown <- if (is.numeric(threads) && length(threads) == 1L) {
      format(threads)
    } else type_of(threads)
    where <- if (from_option) "options(regineq.threads =)" else "`threads`"
    abort(where, " must be a whole number in [1, 1024], not ", shown, ".",
          class = "regineq_error_value")
  }
  limit <- suppressWarnings(as.integer(Sys.getenv("OMP_THREAD_LIMIT", "")))
  if (!is.na(limit) && limit >= 1L) threads <- min(threads, limit)
  as.integer(threads)
}
