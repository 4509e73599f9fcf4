# Unbalanced panels: the bundled scores without Beijing in 2015 and 2016 and
# without Hainan in 2023, and the balanced subset of the same rows built by
# hand (the 28 provinces present in every year).
unbalanced_level <- function(data = nqpf_level) {
  drop <- (data$province == "Beijing" & data$year %in% c(2015, 2016)) |
    (data$province == "Hainan" & data$year == 2023)
  out <- data[!drop, ]
  rownames(out) <- NULL
  out
}

balanced_by_hand <- function(data, id = "province", time = "year") {
  years <- length(unique(data[[time]]))
  n <- table(data[[id]])
  out <- data[data[[id]] %in% names(n)[n == years], ]
  rownames(out) <- NULL
  out
}

# The conditions of class `cls` that `expr` signals, muffled.
catch_messages <- function(expr, cls = "message") {
  got <- list()
  value <- withCallingHandlers(expr, message = function(m) {
    if (inherits(m, cls)) {
      got[[length(got) + 1L]] <<- m
      invokeRestart("muffleMessage")
    }
  })
  list(value = value, messages = got)
}
