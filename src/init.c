/* Registration of the .Call entry points. */
#include <R_ext/Rdynload.h>

#include "regineq.h"

#define CALLDEF(name, n) \
  { #name, (DL_FUNC)&name, n }

/* one entry a line: clang-format would pack the macro calls */
/* clang-format off */
static const R_CallMethodDef CallEntries[] = {
    CALLDEF(regineq_index_stats, 10),
    CALLDEF(regineq_index_scores, 14),
    CALLDEF(regineq_obstacle, 10),
    CALLDEF(regineq_inequality, 6),
    CALLDEF(regineq_dagum, 5),
    CALLDEF(regineq_weighted, 6),
    CALLDEF(regineq_wboot, 12),
    CALLDEF(regineq_wperm, 10),
    CALLDEF(regineq_moran_global, 7),
    CALLDEF(regineq_weight_constants, 3),
    CALLDEF(regineq_csr_ok, 5),
    CALLDEF(regineq_centre_scale, 1),
    CALLDEF(regineq_moran_local, 8),
    CALLDEF(regineq_moran_bv, 8),
    CALLDEF(regineq_local_perm, 10),
    CALLDEF(regineq_geary_global, 7),
    CALLDEF(regineq_knn, 3),
    CALLDEF(regineq_dband, 4),
    CALLDEF(regineq_rank_compare, 4),
    CALLDEF(regineq_group_sum, 3),
    CALLDEF(regineq_key_codes, 1),
    CALLDEF(regineq_match_strings, 2),
    CALLDEF(regineq_shuffle_draws, 5),
    CALLDEF(regineq_values_ok, 3),
    CALLDEF(regineq_columns_ok, 2),
    CALLDEF(regineq_first_duplicate, 4),
    {NULL, NULL, 0}};
/* clang-format on */

void R_init_regineq(DllInfo *dll) {
  R_registerRoutines(dll, NULL, CallEntries, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
}
