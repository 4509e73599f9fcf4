# The long fuzz run: many rounds of tests/testthat/helper-fuzz.R's generator
# over every exported verb. Each call must end in a checked result or a
# regineq_error; failing cases are saved for replay.
# Usage: Rscript tools/fuzz.R [rounds] [seed]   (after installing regineq)
args <- commandArgs(trailingOnly = TRUE)
rounds <- if (length(args) >= 1) as.integer(args[1]) else 5000L
seed <- if (length(args) >= 2) as.integer(args[2]) else 1L
library(regineq)
source(file.path("tests", "testthat", "helper-fuzz.R"))
fails <- list()
# record failures instead of failing a test
fuzz_report <- function(label, message) {
  fails[[length(fails) + 1L]] <<- list(label = label, message = message,
                                       case = current)
}
generate <- fuzz_panel
fuzz_panel <- function() {
  current <<- generate()
  current
}
set.seed(seed)
t0 <- Sys.time()
tally <- replicate(rounds, fuzz_round())
elapsed <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
counts <- apply(tally, 1L, function(v) table(factor(v, c("ok", "error", "bad"))))
cat(sprintf("%d rounds (%d calls), seed %d, %.0f s\n", rounds, length(tally),
            seed, elapsed))
print(counts)
if (length(fails)) {
  saveRDS(fails, "fuzz-failures.rds")
  cat(length(fails), "failures saved to fuzz-failures.rds\n")
  quit(status = 1)
}
cat("no failures\n")
