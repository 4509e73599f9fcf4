#' regineq: composite indices, regional inequality and spatial clustering
#'
#' The measurement pipeline of regional-economics studies with a C core:
#' [composite_index()] (entropy weights, entropy-weighted TOPSIS),
#' [dagum_gini()], [theil()], [gini()], [sigma_convergence()],
#' [beta_convergence()], [spatial_weights()], [china_weights()],
#' [moran_global()] and [moran_local()].
#'
#' Errors raised by the package have class `regineq_error` (and a more
#' specific subclass such as `regineq_error_missing`), warnings have class
#' `regineq_warning`, so scripts can handle them with [tryCatch()].
#'
#' @keywords internal
#' @useDynLib regineq, .registration = TRUE, .fixes = "C_"
"_PACKAGE"
