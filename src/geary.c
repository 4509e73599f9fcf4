/* Global Geary's C with permutation inference.
   Geary, R. C. (1954). The contiguity ratio and statistical mapping. The
   Incorporated Statistician 5(3), 115-145.
   C = (n - 1) / (2 S0) sum_i sum_j w_ij (z_i - z_j)^2 / sum_i z_i^2; the
   moments come from R (spdep's formulas), here are the numerator and the
   permutation counts. Weights arrive as CSR (rowptr, col, val; 0-based),
   values as an n x T matrix, centred and scaled per period. The local
   statistic runs on the conditional permutation engine of perm.c. */
#include <math.h>

#include "regineq.h"

/* sum_i sum_j w_ij (z_i - z_j)^2 (y unused: the statistic is univariate) */
static double geary_numerator(const double *z, const double *y, R_xlen_t n,
                              const int *rp, const int *cl, const double *w) {
  (void)y;
  long double acc = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double zi = z[i], s = 0.0;
    for (int k = rp[i]; k < rp[i + 1]; k++) {
      double d = zi - z[cl[k]];
      s += w[k] * d * d;
    }
    acc += s;
  }
  return (double)acc;
}

/* Global Geary (Geary 1954): num[t], the numerator above, for each of the
   T periods of z (n x T, column-major), and for nsim > 0 the counts of
   numerators of full random permutations of the n values (Fisher-Yates, as
   spdep::geary.mc) at or above (ge) and at or below (le) the observed one,
   on the permutation engine of perm.c. The denominator does not change
   under permutation. Returns list(num, ge, le), each of length T. */
SEXP regineq_geary_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim, SEXP threads) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(z, rowptr, col, val, T, ns, 1,
                                    "regineq_geary_global");
  const char *names[] = {"num", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, T));
  regineq_global_perm(geary_numerator, REAL(z), REAL(z), n, T,
                      INTEGER(rowptr), INTEGER(col), REAL(val), ns,
                      regineq_nthreads(threads), REAL(VECTOR_ELT(out, 0)),
                      REAL(VECTOR_ELT(out, 1)), REAL(VECTOR_ELT(out, 2)));
  UNPROTECT(1);
  return out;
}
