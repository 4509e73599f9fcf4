library(testthat)
library(regineq)

test_check("regineq")
