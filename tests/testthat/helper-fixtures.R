# A four-row panel with a gap, zeros and two groups: the input of the error
# snapshots of several topics (test-composite.R, test-inequality.R, ...).
error_panel <- function() {
  data.frame(id = rep(c("Beijing", "Hainan"), 2),
             year = rep(2015:2016, each = 2),
             x = c(1, NA, 3, 4), y = c(2, 1, 0, 5), g = c("E", "E", "W", "W"))
}

error_spec <- function() {
  data.frame(indicator = c("x", "y"), direction = c("+", "-"))
}
