/* Global Geary's C with permutation inference.
   Geary, R. C. (1954). The contiguity ratio and statistical mapping. The
   Incorporated Statistician 5(3), 115-145.
   C = (n - 1) / (2 S0) sum_i sum_j w_ij (z_i - z_j)^2 / sum_i z_i^2; the
   moments come from R (spdep's formulas), here are the numerator and the
   permutation counts. Weights arrive as CSR (rowptr, col, val; 0-based),
   values as an n x T matrix, centred and scaled per period. The local
   statistic runs on the conditional permutation engine of moran.c. */
#include <math.h>

#include "regineq.h"

/* sum_i sum_j w_ij (z_p(i) - z_p(j))^2, p the permutation (NULL: none) */
static double geary_numerator(const double *z, R_xlen_t n, const int *rp,
                              const int *cl, const double *w,
                              const R_xlen_t *perm) {
  long double acc = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double zi = perm ? z[perm[i]] : z[i], s = 0.0;
    for (int k = rp[i]; k < rp[i + 1]; k++) {
      double d = zi - z[perm ? perm[cl[k]] : cl[k]];
      s += w[k] * d * d;
    }
    acc += s;
  }
  return (double)acc;
}

/* Global Geary (Geary 1954): num[t], the numerator above, for each of the
   T periods of Z (n x T, column-major), and for nsim > 0 the counts of
   numerators of full random permutations of the n values (Fisher-Yates, as
   spdep::geary.mc) at or above (ge) and at or below (le) the observed one.
   The denominator does not change under permutation. */
static void geary_global_kernel(const double *Z, R_xlen_t n, int T,
                                const int *rp, const int *cl, const double *w,
                                int ns, double *num, double *ge, double *le) {
  R_xlen_t *perm = (R_xlen_t *)R_alloc(n, sizeof(R_xlen_t));
  regineq_rng rng;
  if (ns > 0) regineq_rng_seed(&rng);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Z + (R_xlen_t)t * n;
    num[t] = geary_numerator(z, n, rp, cl, w, NULL);
    ge[t] = le[t] = 0;
    for (R_xlen_t i = 0; i < n; i++) perm[i] = i;
    /* a permutation equal to the observed arrangement counts on both sides
       despite rounding */
    double tol = 1e-12 * fabs(num[t]);
    for (int s = 0; s < ns; s++) {
      regineq_rng_shuffle(&rng, perm, n);
      double c = geary_numerator(z, n, rp, cl, w, perm);
      if (c >= num[t] - tol) ge[t]++;
      if (c <= num[t] + tol) le[t]++;
      regineq_tick(&work, n + rp[n]);
    }
  }
}

/* Returns list(num, ge, le), each of length T. */
SEXP regineq_geary_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(z, rowptr, col, val, T, ns, 1,
                                    "regineq_geary_global");
  const char *names[] = {"num", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, T));
  geary_global_kernel(REAL(z), n, T, INTEGER(rowptr), INTEGER(col),
                      REAL(val), ns, REAL(VECTOR_ELT(out, 0)),
                      REAL(VECTOR_ELT(out, 1)), REAL(VECTOR_ELT(out, 2)));
  UNPROTECT(1);
  return out;
}
