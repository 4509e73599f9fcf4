# One valgrind worker of tools/memcheck.sh: takes test files from a queue
# shared with the other workers (a file is claimed by creating a directory
# named after it, which succeeds for exactly one worker) and runs each.
# The queue is ordered largest file first, so the long files start early
# and the short ones fill the gaps at the end.
claims <- Sys.getenv("MEMCHECK_CLAIMS")
stopifnot(nzchar(claims), dir.exists(claims))
files <- list.files("tests/testthat", "^test-.*\\.R$", full.names = TRUE)
# MEMCHECK_FILTER, a regular expression, runs only the files it matches
filter <- Sys.getenv("MEMCHECK_FILTER")
if (nzchar(filter)) files <- grep(filter, files, value = TRUE)
files <- files[order(-file.size(files), files)]
failed <- character()
for (f in files) {
  if (!dir.create(file.path(claims, basename(f)), showWarnings = FALSE)) next
  cat("== memcheck: ", basename(f), "\n", sep = "")
  res <- testthat::test_file(f, package = "regineq", load_package = "installed",
                             reporter = "summary", stop_on_failure = FALSE)
  d <- as.data.frame(res)
  if (any(d$failed > 0) || any(d$error)) failed <- c(failed, basename(f))
}
if (length(failed)) {
  cat("== memcheck: failures in ", paste(failed, collapse = ", "), "\n", sep = "")
  quit(status = 1)
}
