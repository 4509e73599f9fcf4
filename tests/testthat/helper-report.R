# Reading the report page in tests.

# Matches without printing the whole page when they fail.
expect_has <- function(html, s, fixed = TRUE) {
  expect_true(grepl(s, html, fixed = fixed), label = s)
}

read_page <- function(dir) {
  paste(readLines(file.path(dir, "index.html"), warn = FALSE,
                  encoding = "UTF-8"), collapse = "\n")
}
