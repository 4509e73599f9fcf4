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

/* sum_k w_k (z_{r_k} - z_{c_k})^2 = sum_ij w_ij (z_i - z_j)^2 over the
   engine's (folded) links, in four interleaved partial sums (y unused: the
   statistic is univariate) */
static double geary_numerator(const double *z, const double *y, R_xlen_t m,
                              const int *ri, const int *ci, const double *w) {
  (void)y;
  double a[4] = {0.0, 0.0, 0.0, 0.0};
  R_xlen_t k = 0;
  for (; k + 4 <= m; k += 4)
    for (int q = 0; q < 4; q++) {
      double d = z[ri[k + q]] - z[ci[k + q]];
      a[q] += w[k + q] * d * d;
    }
  for (; k < m; k++) {
    double d = z[ri[k]] - z[ci[k]];
    a[0] += w[k] * d * d;
  }
  return (a[0] + a[1]) + (a[2] + a[3]);
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
