/* Global and local Moran's I with permutation inference.
   Moran, P. A. P. (1950). Notes on continuous stochastic phenomena.
   Anselin, L. (1995). Local indicators of spatial association - LISA.
   Weights arrive as CSR (rowptr, col, val; 0-based). Values arrive as an
   n x T matrix already centred per period (z = x - mean), and for the local
   statistics also raw (x), whose spatial lag R reports. The analytical
   moments are computed in R from S0, S1, S2 exactly as spdep does; here are
   the statistics and the permutation counts. */
#include <limits.h>
#include <math.h>

#include "regineq.h"

/* sum_i x_i (W y)_i (x = y for Moran's I); the engine permutes the rows
   of (x, y) together */
static double cross_product(const double *x, const double *y, R_xlen_t n,
                            const int *rp, const int *cl, const double *w) {
  long double acc = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double lag = 0.0;
    for (int k = rp[i]; k < rp[i + 1]; k++) lag += w[k] * y[cl[k]];
    acc += (long double)x[i] * lag;
  }
  return (double)acc;
}

static void check_csr(SEXP rowptr, SEXP col, SEXP val, R_xlen_t n);

/* Validates the arguments every spatial entry point shares (values z,
   n x T, and CSR weights); returns n. Also used by geary.c. */
R_xlen_t regineq_spatial_args(SEXP z, SEXP rowptr, SEXP col, SEXP val, int T,
                              int ns, R_xlen_t min_n, const char *who) {
  R_xlen_t n = XLENGTH(rowptr) - 1;
  if (!Rf_isReal(z) || XLENGTH(z) != n * T || ns < 0 || T < 1 || n < min_n)
    Rf_error("%s: invalid arguments", who);
  check_csr(rowptr, col, val, n);
  return n;
}

/* A named list of double vectors of length len, one per name (the names
   end with ""); the caller protects it. */
SEXP regineq_real_list(const char **names, R_xlen_t len) {
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  for (R_xlen_t k = 0; k < XLENGTH(out); k++)
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, len));
  UNPROTECT(1);
  return out;
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

/* Global Moran (Moran 1950): cross[t] = sum_i z_i (W z)_i, the numerator
   of I = (n / S0) z'Wz / z'z, for each of the T periods of z (n x T,
   column-major), and for nsim > 0 the counts of the statistics of full
   random permutations of the n values (Fisher-Yates, as spdep::moran.mc)
   >= / <= the observed one: list(cross, ge, le), per period. The
   bivariate entry with zy = zx. */
SEXP regineq_moran_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim, SEXP threads) {
  return regineq_moran_bv(z, z, ntime, rowptr, col, val, nsim, threads);
}

/* Bivariate Moran (Wartenberg 1985): cross[t] = sum_i zx_i (W zy)_i, and
   the counts of the statistic under joint permutations of the rows of
   (zx, zy) >= / <= the observed one, as spdep::moran_bv (boot(sim =
   "permutation") of the rows): list(cross, ge, le), per period. */
SEXP regineq_moran_bv(SEXP zx, SEXP zy, SEXP ntime, SEXP rowptr, SEXP col,
                      SEXP val, SEXP nsim, SEXP threads) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(zx, rowptr, col, val, T, ns, 1,
                                    "regineq_moran_bv");
  if (!Rf_isReal(zy) || XLENGTH(zy) != n * T)
    Rf_error("regineq_moran_bv: invalid arguments");
  const char *names[] = {"cross", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, T));
  /* the same pointer when univariate: the engine then permutes one column */
  const double *y = zy == zx ? REAL(zx) : REAL(zy);
  regineq_global_perm(cross_product, REAL(zx), y, n, T, INTEGER(rowptr),
                      INTEGER(col), REAL(val), ns, regineq_nthreads(threads),
                      REAL(VECTOR_ELT(out, 0)), REAL(VECTOR_ELT(out, 1)),
                      REAL(VECTOR_ELT(out, 2)));
  UNPROTECT(1);
  return out;
}

/* Returns list(lu, lv, ge, le), each n x T; v and b may be NULL. */
SEXP regineq_local_perm(SEXP u, SEXP a, SEXP v, SEXP b, SEXP ntime,
                        SEXP rowptr, SEXP col, SEXP val, SEXP nsim,
                        SEXP threads) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n =
      regineq_spatial_args(u, rowptr, col, val, T, ns, 2, "regineq_local_perm");
  int has_v = !Rf_isNull(v);
  if (!Rf_isReal(a) || XLENGTH(a) != n * T ||
      (has_v && (!Rf_isReal(v) || XLENGTH(v) != n * T || !Rf_isReal(b) ||
                 XLENGTH(b) != n * T)) ||
      (!has_v && !Rf_isNull(b)))
    Rf_error("regineq_local_perm: invalid arguments");
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  int kmax = regineq_local_kmax(n, rp, cl, ns, "regineq_local_perm");
  const char *names[] = {"lu", "lv", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, n * T));
  double *res[4];
  for (int k = 0; k < 4; k++) res[k] = REAL(VECTOR_ELT(out, k));
  regineq_local_perm_kernel(REAL(u), REAL(a), has_v ? REAL(v) : NULL,
                            has_v ? REAL(b) : NULL, n, T, rp, cl, REAL(val),
                            ns, kmax, regineq_nthreads(threads), res[0],
                            res[1], res[2], res[3]);
  UNPROTECT(1);
  return out;
}

/* Local Moran (Anselin 1995): lag = W z and lag_x = W x (the lag of the
   raw values, which R reports) per region and period, and the counts ge, le
   of conditionally permuted z_i (W z)_i >= / <= observed: list(lag, lag_x,
   ge, le), each n x T (column-major, as z and x). */
SEXP regineq_moran_local(SEXP z, SEXP x, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim, SEXP threads) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(z, rowptr, col, val, T, ns, 2,
                                    "regineq_moran_local");
  if (!Rf_isReal(x) || XLENGTH(x) != n * T)
    Rf_error("regineq_moran_local: invalid arguments");
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  const double *w = REAL(val), *X = REAL(x);
  int kmax = regineq_local_kmax(n, rp, cl, ns, "regineq_moran_local");
  const char *names[] = {"lag", "lag_x", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, n * T));
  double *res[4];
  for (int k = 0; k < 4; k++) res[k] = REAL(VECTOR_ELT(out, k));
  for (int t = 0; t < T; t++) {
    const double *xt = X + (R_xlen_t)t * n;
    double *lx = res[1] + (R_xlen_t)t * n;
    for (R_xlen_t i = 0; i < n; i++) {
      double l = 0.0;
      for (int k = rp[i]; k < rp[i + 1]; k++) l += w[k] * xt[cl[k]];
      lx[i] = l;
    }
  }
  regineq_local_perm_kernel(REAL(z), REAL(z), NULL, NULL, n, T, rp, cl, w, ns,
                            kmax, regineq_nthreads(threads), res[0], NULL,
                            res[2], res[3]);
  UNPROTECT(1);
  return out;
}
