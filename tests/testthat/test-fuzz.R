test_that("every verb ends in a checked result or a classed error", {
  set.seed(20261122)
  tally <- replicate(60, fuzz_round())
  # each verb was exercised and sometimes succeeded
  expect_true(all(tally != "bad"))
  ok <- rowSums(tally == "ok")
  expect_true(all(ok[c("composite", "gini", "theil", "dagum", "moran_global",
                       "moran_local", "coupling", "weights")] > 0))
})
