/* Global and local Moran's I with permutation inference.
   Moran, P. A. P. (1950). Notes on continuous stochastic phenomena.
   Anselin, L. (1995). Local indicators of spatial association - LISA.
   Weights arrive as CSR (rowptr, col, val; 0-based). Values arrive as an
   n x T matrix already centred per period (z = x - mean). The analytical
   moments are computed in R from S0, S1, S2 exactly as spdep does; here are
   the statistics and the permutation counts. */
#include <math.h>

#include "regineq.h"

/* sum_i z_i (W z)_i */
static double cross_product(const double *z, R_xlen_t n, const int *rowptr,
                            const int *col, const double *val,
                            const R_xlen_t *perm) {
  long double acc = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double lag = 0.0;
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
      lag += val[k] * z[perm ? perm[col[k]] : col[k]];
    acc += (long double)(perm ? z[perm[i]] : z[i]) * lag;
  }
  return (double)acc;
}

static void check_csr(SEXP rowptr, SEXP col, SEXP val, R_xlen_t n) {
  if (!Rf_isInteger(rowptr) || !Rf_isInteger(col) || !Rf_isReal(val) ||
      XLENGTH(rowptr) != n + 1 || XLENGTH(col) != XLENGTH(val))
    Rf_error("regineq: invalid sparse weights");
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  if (rp[0] != 0 || rp[n] != XLENGTH(col))
    Rf_error("regineq: invalid sparse weights");
  for (R_xlen_t i = 0; i < n; i++)
    if (rp[i + 1] < rp[i]) Rf_error("regineq: invalid sparse weights");
  for (R_xlen_t k = 0; k < XLENGTH(col); k++)
    if (cl[k] < 0 || cl[k] >= n) Rf_error("regineq: invalid sparse weights");
}

/* Returns list(cross = sum z Wz per period, ge, le = counts of permuted
   statistics >= / <= observed, per period). Permutations are of all n
   values, as in spdep::moran.mc. */
SEXP regineq_moran_global(SEXP y, SEXP time, SEXP ntime, SEXP rowptr,
                          SEXP col, SEXP val, SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = XLENGTH(rowptr) - 1;
  if (!Rf_isReal(y) || XLENGTH(y) != n * T || ns < 0 || T < 1 || n < 1)
    Rf_error("regineq_moran_global: invalid arguments");
  check_csr(rowptr, col, val, n);
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  const double *w = REAL(val), *Y = REAL(y);
  const char *names[] = {"cross", "ge", "le", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(out, 0, Rf_allocVector(REALSXP, T));
  SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, T));
  SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, T));
  double *cross = REAL(VECTOR_ELT(out, 0)), *ge = REAL(VECTOR_ELT(out, 1)),
         *le = REAL(VECTOR_ELT(out, 2));
  R_xlen_t *perm = (R_xlen_t *)R_alloc(n, sizeof(R_xlen_t));
  regineq_rng rng;
  if (ns > 0) regineq_rng_seed(&rng);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Y + (R_xlen_t)t * n;
    cross[t] = cross_product(z, n, rp, cl, w, NULL);
    ge[t] = le[t] = 0;
    for (R_xlen_t i = 0; i < n; i++) perm[i] = i;
    /* a tolerance so that a permutation equal to the observed arrangement
       counts on both sides despite rounding */
    double tol = 1e-12 * fabs(cross[t]);
    for (int s = 0; s < ns; s++) {
      for (R_xlen_t i = n - 1; i > 0; i--) {
        R_xlen_t j = regineq_rng_index(&rng, i + 1);
        R_xlen_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      double c = cross_product(z, n, rp, cl, w, perm);
      if (c >= cross[t] - tol) ge[t]++;
      if (c <= cross[t] + tol) le[t]++;
      work += n + rp[n];
      if (work > REGINEQ_INTERRUPT_MASK) {
        work = 0;
        R_CheckUserInterrupt();
      }
    }
  }
  UNPROTECT(1);
  return out;
}

/* Local Moran: lag_i = sum_j w_ij z_j per region and period, and for
   nsim > 0 the conditional permutation counts: for region i, the values at
   its k_i neighbours are replaced by k_i values drawn without replacement
   from the other n - 1 regions (Anselin 1995). */
SEXP regineq_moran_local(SEXP y, SEXP time, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = XLENGTH(rowptr) - 1;
  if (!Rf_isReal(y) || XLENGTH(y) != n * T || ns < 0 || T < 1 || n < 2)
    Rf_error("regineq_moran_local: invalid arguments");
  check_csr(rowptr, col, val, n);
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  const double *w = REAL(val), *Y = REAL(y);
  R_xlen_t nt = n * T;
  const char *names[] = {"lag", "ge", "le", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  for (int k = 0; k < 3; k++)
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, nt));
  double *lag = REAL(VECTOR_ELT(out, 0)), *ge = REAL(VECTOR_ELT(out, 1)),
         *le = REAL(VECTOR_ELT(out, 2));
  R_xlen_t *pool = (R_xlen_t *)R_alloc(n - 1, sizeof(R_xlen_t));
  for (R_xlen_t j = 0; j < n - 1; j++) pool[j] = j;
  regineq_rng rng;
  if (ns > 0) regineq_rng_seed(&rng);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Y + (R_xlen_t)t * n;
    for (R_xlen_t i = 0; i < n; i++) {
      R_xlen_t o = (R_xlen_t)t * n + i;
      int k0 = rp[i], ki = rp[i + 1] - rp[i];
      double l = 0.0;
      for (int k = k0; k < k0 + ki; k++) l += w[k] * z[cl[k]];
      lag[o] = l;
      ge[o] = le[o] = 0;
      if (ns == 0 || ki == 0) continue;
      double tol = 1e-12 * (fabs(l) + 1e-300);
      for (int s = 0; s < ns; s++) {
        /* partial Fisher-Yates on a persistent pool of 0..n-2; pool value
           v stands for region v, or v + 1 when v >= i (i excluded) */
        double ls = 0.0;
        for (int k = 0; k < ki; k++) {
          R_xlen_t j = k + regineq_rng_index(&rng, n - 1 - k);
          R_xlen_t tmp = pool[k];
          pool[k] = pool[j];
          pool[j] = tmp;
          R_xlen_t v = pool[k];
          ls += w[k0 + k] * z[v >= i ? v + 1 : v];
        }
        /* I_i = z_i lag_i / m2: compare z_i * lag, the sign of z_i matters */
        double obs = z[i] * l, sim = z[i] * ls, tz = fabs(z[i]) * tol;
        if (sim >= obs - tz) ge[o]++;
        if (sim <= obs + tz) le[o]++;
      }
      work += (R_xlen_t)ns * ki;
      if (work > REGINEQ_INTERRUPT_MASK) {
        work = 0;
        R_CheckUserInterrupt();
      }
    }
  }
  UNPROTECT(1);
  return out;
}
