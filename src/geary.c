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

/* sum_ij w_ij (z_i - z_j)^2 over the engine's folded links, on its four
   lanes in one pass (y unused: the statistic is univariate): in each lane,
   a row's weighted squared differences added to a partial sum of 256
   rows; the partial sums added in order */
typedef char four_lanes[REGINEQ_LANES == 4 ? 1 : -1];
static void geary_numerator(const double *const *z, const double *const *y,
                            const regineq_links *L, double *out) {
  (void)y;
  const int *rp = L->rp, *ci = L->ci;
  const double *w = L->w;
  const double *z0 = z[0], *z1 = z[1], *z2 = z[2], *z3 = z[3];
  double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
  for (R_xlen_t i0 = 0; i0 < L->n; i0 += 256) {
    R_xlen_t i1 = L->n - i0 < 256 ? L->n : i0 + 256;
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0;
    for (R_xlen_t i = i0; i < i1; i++) {
      double v0 = z0[i], v1 = z1[i], v2 = z2[i], v3 = z3[i];
      for (int k = rp[i]; k < rp[i + 1]; k++) {
        double wk = w[k];
        int c = ci[k];
        double d0 = v0 - z0[c], d1 = v1 - z1[c], d2 = v2 - z2[c],
               d3 = v3 - z3[c];
        b0 += wk * (d0 * d0);
        b1 += wk * (d1 * d1);
        b2 += wk * (d2 * d2);
        b3 += wk * (d3 * d3);
      }
    }
    a0 += b0;
    a1 += b1;
    a2 += b2;
    a3 += b3;
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
}

/* Global Geary (Geary 1954): num[t], the numerator above, for each of the
   T periods of z (n x T, column-major), and for nsim > 0 the counts of
   numerators of full random permutations of the n values (Fisher-Yates, as
   spdep::geary.mc) at or above (ge) and at or below (le) the observed one,
   on the permutation engine of perm.c. The denominator does not change
   under permutation. Returns list(num, ge, le), each of length T, and
   S = c(S0, S1, S2) of W from the engine's folded links. */
SEXP regineq_geary_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim, SEXP threads) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(z, rowptr, col, val, T, ns, 1,
                                    "regineq_geary_global");
  const char *names[] = {"num", "ge", "le", "S", ""};
  SEXP out = PROTECT(regineq_real_list(names, T));
  SET_VECTOR_ELT(out, 3, Rf_allocVector(REALSXP, 3));
  regineq_global_perm(geary_numerator, REAL(z), REAL(z), n, T,
                      INTEGER(rowptr), INTEGER(col), REAL(val), ns,
                      regineq_nthreads(threads), REAL(VECTOR_ELT(out, 0)),
                      REAL(VECTOR_ELT(out, 1)), REAL(VECTOR_ELT(out, 2)),
                      REAL(VECTOR_ELT(out, 3)));
  UNPROTECT(1);
  return out;
}
