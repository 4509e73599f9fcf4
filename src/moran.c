/* Global and local Moran's I with permutation inference.
   Moran, P. A. P. (1950). Notes on continuous stochastic phenomena.
   Anselin, L. (1995). Local indicators of spatial association - LISA.
   Weights arrive as CSR (rowptr, col, val; 0-based). Values arrive as an
   n x T matrix already centred per period (z = x - mean). The analytical
   moments are computed in R from S0, S1, S2 exactly as spdep does; here are
   the statistics and the permutation counts. */
#include <limits.h>
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

static void check_csr(SEXP rowptr, SEXP col, SEXP val, R_xlen_t n);

/* Validates the arguments shared by both entry points; returns n. */
static R_xlen_t check_moran_args(SEXP y, SEXP rowptr, SEXP col, SEXP val, int T,
                                 int ns, R_xlen_t min_n, const char *who) {
  R_xlen_t n = XLENGTH(rowptr) - 1;
  if (!Rf_isReal(y) || XLENGTH(y) != n * T || ns < 0 || T < 1 || n < min_n)
    Rf_error("%s: invalid arguments", who);
  check_csr(rowptr, col, val, n);
  return n;
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
SEXP regineq_moran_global(SEXP y, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n =
      check_moran_args(y, rowptr, col, val, T, ns, 1, "regineq_moran_global");
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
        R_xlen_t j = i < (R_xlen_t)UINT32_MAX ? (R_xlen_t)regineq_rng_index32(
                                                    &rng, (uint32_t)(i + 1))
                                              : regineq_rng_index(&rng, i + 1);
        R_xlen_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      double c = cross_product(z, n, rp, cl, w, perm);
      if (c >= cross[t] - tol) ge[t]++;
      if (c <= cross[t] + tol) le[t]++;
      regineq_tick(&work, n + rp[n]);
    }
  }
  UNPROTECT(1);
  return out;
}

/* Local Moran: lag_i = sum_j w_ij z_j per region and period (and the lag
   of the raw values x in the same pass, lag_x_i = sum_j w_ij x_j), and for
   nsim > 0 the conditional permutation counts (Anselin 1995): for region i
   the values at its k_i neighbours are replaced by k_i values drawn without
   replacement from the other n - 1 regions. As in PySAL's esda, one table of
   draws per period (nsim rows of k_max distinct positions in 0..n-2) serves
   every region, position v standing for region v, or v + 1 when v >= i: each
   region's reference distribution is exact, the draws cost O(nsim k_max)
   instead of O(nsim sum k_i), and the work left is one pass over the
   weights per permutation. */
SEXP regineq_moran_local(SEXP y, SEXP x, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n =
      check_moran_args(y, rowptr, col, val, T, ns, 2, "regineq_moran_local");
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  if (!Rf_isReal(x) || XLENGTH(x) != n * T)
    Rf_error("regineq_moran_local: invalid arguments");
  const double *w = REAL(val), *Y = REAL(y), *X = REAL(x);
  R_xlen_t nt = n * T;
  const char *names[] = {"lag", "lag_x", "ge", "le", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  for (int k = 0; k < 4; k++)
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, nt));
  double *lag = REAL(VECTOR_ELT(out, 0)), *lag_x = REAL(VECTOR_ELT(out, 1)),
         *ge = REAL(VECTOR_ELT(out, 2)), *le = REAL(VECTOR_ELT(out, 3));
  int kmax = 0;
  for (R_xlen_t i = 0; i < n; i++)
    if (rp[i + 1] - rp[i] > kmax) kmax = rp[i + 1] - rp[i];
  if (kmax > n - 1)
    Rf_error("regineq_moran_local: more neighbours than regions");
  if (ns > 0 && n - 1 > INT_MAX)
    Rf_error("regineq_moran_local: permutations need fewer than 2^31 regions");
  int *pool = NULL, *draws = NULL;
  regineq_rng rng;
  if (ns > 0 && kmax > 0) {
    pool = (int *)R_alloc(n - 1, sizeof(int));
    for (R_xlen_t j = 0; j < n - 1; j++) pool[j] = (int)j;
    draws = (int *)R_alloc((size_t)ns * kmax, sizeof(int));
    regineq_rng_seed(&rng);
  }
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Y + (R_xlen_t)t * n, *xt = X + (R_xlen_t)t * n;
    if (draws) {
      /* partial Fisher-Yates on a persistent pool: kmax distinct positions */
      for (int s = 0; s < ns; s++) {
        for (int k = 0; k < kmax; k++) {
          uint32_t m = (uint32_t)(n - 1 - k);
          int j = k + (int)regineq_rng_index32(&rng, m);
          int tmp = pool[k];
          pool[k] = pool[j];
          pool[j] = tmp;
          draws[(size_t)s * kmax + k] = pool[k];
        }
      }
    }
    for (R_xlen_t i = 0; i < n; i++) {
      R_xlen_t o = (R_xlen_t)t * n + i;
      int k0 = rp[i], ki = rp[i + 1] - rp[i];
      const double *wi = w + k0;
      double l = 0.0, lx = 0.0;
      for (int k = 0; k < ki; k++) {
        l += wi[k] * z[cl[k0 + k]];
        lx += wi[k] * xt[cl[k0 + k]];
      }
      lag[o] = l;
      lag_x[o] = lx;
      ge[o] = le[o] = 0;
      if (!draws || ki == 0) continue;
      /* I_i = z_i lag_i / m2: compare z_i * lag, the sign of z_i matters */
      double zi = z[i], obs = zi * l;
      double tz = fabs(zi) * 1e-12 * (fabs(l) + 1e-300);
      const double *zlo = z, *zhi = z + 1; /* positions below / from i */
      double g = 0, lo = 0;
      for (int s = 0; s < ns; s++) {
        const int *d = draws + (size_t)s * kmax;
        double ls = 0.0;
        for (int k = 0; k < ki; k++) {
          int v = d[k];
          ls += wi[k] * (v >= i ? zhi[v] : zlo[v]);
        }
        double sim = zi * ls;
        g += sim >= obs - tz;
        lo += sim <= obs + tz;
      }
      ge[o] = g;
      le[o] = lo;
      regineq_tick(&work, (R_xlen_t)ns * ki);
    }
  }
  UNPROTECT(1);
  return out;
}
