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

/* sum_i x_i (W y)_i (x = y for Moran's I); a permutation moves each
   region's (x, y) pair together */
static double cross_product(const double *x, const double *y, R_xlen_t n,
                            const int *rowptr, const int *col,
                            const double *val, const R_xlen_t *perm) {
  long double acc = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double lag = 0.0;
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++)
      lag += val[k] * y[perm ? perm[col[k]] : col[k]];
    acc += (long double)(perm ? x[perm[i]] : x[i]) * lag;
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
   of I = (n / S0) z'Wz / z'z, for each of the T periods of Z (n x T,
   column-major), and for nsim > 0 the counts of permuted statistics >= / <=
   the observed one. Permutations are of all n values (Fisher-Yates), as in
   spdep::moran.mc. With Y != Z, the bivariate cross product sum_i z_i
   (W y)_i (Wartenberg 1985), both columns under the same permutation, as
   spdep::moran_bv (boot(sim = "permutation") of the rows of (x, y)). */
static void moran_global_kernel(const double *Z, const double *Y, R_xlen_t n,
                                int T, const int *rp, const int *cl,
                                const double *w, int ns, double *cross,
                                double *ge, double *le) {
  R_xlen_t *perm = (R_xlen_t *)R_alloc(n, sizeof(R_xlen_t));
  regineq_rng rng;
  if (ns > 0) regineq_rng_seed(&rng);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Z + (R_xlen_t)t * n, *y = Y + (R_xlen_t)t * n;
    cross[t] = cross_product(z, y, n, rp, cl, w, NULL);
    ge[t] = le[t] = 0;
    for (R_xlen_t i = 0; i < n; i++) perm[i] = i;
    /* a tolerance so that a permutation equal to the observed arrangement
       counts on both sides despite rounding */
    double tol = 1e-12 * fabs(cross[t]);
    for (int s = 0; s < ns; s++) {
      regineq_rng_shuffle(&rng, perm, n);
      double c = cross_product(z, y, n, rp, cl, w, perm);
      if (c >= cross[t] - tol) ge[t]++;
      if (c <= cross[t] + tol) le[t]++;
      regineq_tick(&work, n + rp[n]);
    }
  }
}

/* Returns list(cross = sum z Wz per period, ge, le = counts of permuted
   statistics >= / <= observed, per period): the bivariate entry with
   zy = zx, the same draws. */
SEXP regineq_moran_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim) {
  return regineq_moran_bv(z, z, ntime, rowptr, col, val, nsim);
}

/* Returns list(cross = sum zx W zy per period, ge, le = counts of
   statistics under a joint permutation of (zx, zy) >= / <= observed). */
SEXP regineq_moran_bv(SEXP zx, SEXP zy, SEXP ntime, SEXP rowptr, SEXP col,
                      SEXP val, SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(zx, rowptr, col, val, T, ns, 1,
                                    "regineq_moran_bv");
  if (!Rf_isReal(zy) || XLENGTH(zy) != n * T)
    Rf_error("regineq_moran_bv: invalid arguments");
  const char *names[] = {"cross", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, T));
  moran_global_kernel(REAL(zx), REAL(zy), n, T, INTEGER(rowptr), INTEGER(col),
                      REAL(val), ns, REAL(VECTOR_ELT(out, 0)),
                      REAL(VECTOR_ELT(out, 1)), REAL(VECTOR_ELT(out, 2)));
  UNPROTECT(1);
  return out;
}

/* Local permutations come in blocks of at most BLOCK_ROWS rows and
   BLOCK_DRAWS draws (1 MB of ints), whatever nsim and k_max: memory stays
   bounded, and a block stays in cache while every region reads it. */
enum { BLOCK_ROWS = 4096, BLOCK_DRAWS = 1 << 18 };

/* The conditional permutation engine shared by every local statistic
   (Anselin 1995): for region i the values at its k_i neighbours are
   replaced by k_i values drawn without replacement from the other n - 1
   regions. A statistic enters as s_i = a_i sum_j w_ij u_j + b_i sum_j w_ij
   v_j (b and v optional): local Moran a = z, u = z; Getis-Ord Gi u = x,
   a = 1 / (sum x - x_i); local Geary u = x, a = -2 x_i, v = x^2, b = 1;
   bivariate Moran u = z_y, a = z_x. The observed s_i uses lu_i = sum_j w_ij
   u_j (and lv_i). As in PySAL's esda, one table of draws per period (nsim
   rows of k_max distinct positions in 0..n-2) serves every region, position
   p standing for region p, or p + 1 when p >= i: each region's reference
   distribution is exact, the draws cost O(nsim k_max) instead of O(nsim
   sum k_i), and the work left is one pass over the weights per
   permutation. The table is produced and read block by block, in the order
   of the whole table, so the counts do not depend on the block size. */
typedef struct {
  int *pool, *draws, block, kmax;
  regineq_rng rng;
} perm_engine;

/* Sets up the engine (no-op when ns == 0 or kmax == 0); seeds from R. */
static void perm_init(perm_engine *e, R_xlen_t n, int ns, int kmax) {
  e->pool = e->draws = NULL;
  e->block = 0;
  e->kmax = kmax;
  if (ns <= 0 || kmax <= 0) return;
  e->pool = (int *)R_alloc(n - 1, sizeof(int));
  for (R_xlen_t j = 0; j < n - 1; j++) e->pool[j] = (int)j;
  int block = ns < BLOCK_ROWS ? ns : BLOCK_ROWS;
  if (block > BLOCK_DRAWS / kmax) block = BLOCK_DRAWS / kmax;
  if (block < 1) block = 1;
  e->block = block;
  e->draws = (int *)R_alloc((size_t)block * kmax, sizeof(int));
  regineq_rng_seed(&e->rng);
}

/* Counts, for one period, the permuted s_i at or above (ge) and at or below
   (le) the observed one, with a relative tolerance so that a permutation
   equal to the observed arrangement counts on both sides. */
static void perm_period(perm_engine *e, R_xlen_t n, const int *rp,
                        const double *w, int ns,
                        const double *u, const double *a, const double *lu,
                        const double *v, const double *b, const double *lv,
                        double *g, double *lo, R_xlen_t *work) {
  int kmax = e->kmax, block = e->block;
  for (R_xlen_t i = 0; i < n; i++) g[i] = lo[i] = 0;
  if (!e->draws) return;
  for (int s0 = 0; s0 < ns; s0 += block) {
    int nb = ns - s0 < block ? ns - s0 : block;
    /* partial Fisher-Yates on a persistent pool: kmax distinct positions */
    for (int s = 0; s < nb; s++) {
      for (int k = 0; k < kmax; k++) {
        uint32_t m = (uint32_t)(n - 1 - k);
        int j = k + (int)regineq_rng_index32(&e->rng, m);
        int tmp = e->pool[k];
        e->pool[k] = e->pool[j];
        e->pool[j] = tmp;
        e->draws[(size_t)s * kmax + k] = e->pool[k];
      }
    }
    regineq_tick(work, (R_xlen_t)nb * kmax);
    for (R_xlen_t i = 0; i < n; i++) {
      int k0 = rp[i], ki = rp[i + 1] - rp[i];
      if (ki == 0) continue;
      const double *wi = w + k0;
      double ai = a[i], obs = ai * lu[i];
      double tz = fabs(ai) * 1e-12 * (fabs(lu[i]) + 1e-300);
      const double *ulo = u, *uhi = u + 1; /* positions below / from i */
      double gi = 0, li = 0;
      if (!v) {
        for (int s = 0; s < nb; s++) {
          const int *d = e->draws + (size_t)s * kmax;
          double ls = 0.0;
          for (int k = 0; k < ki; k++) {
            int p = d[k];
            ls += wi[k] * (p >= i ? uhi[p] : ulo[p]);
          }
          double sim = ai * ls;
          gi += sim >= obs - tz;
          li += sim <= obs + tz;
        }
      } else {
        double bi = b[i];
        obs += bi * lv[i];
        tz += fabs(bi) * 1e-12 * (fabs(lv[i]) + 1e-300);
        const double *vlo = v, *vhi = v + 1;
        for (int s = 0; s < nb; s++) {
          const int *d = e->draws + (size_t)s * kmax;
          double ls = 0.0, lt = 0.0;
          for (int k = 0; k < ki; k++) {
            int p = d[k];
            ls += wi[k] * (p >= i ? uhi[p] : ulo[p]);
            lt += wi[k] * (p >= i ? vhi[p] : vlo[p]);
          }
          double sim = ai * ls + bi * lt;
          gi += sim >= obs - tz;
          li += sim <= obs + tz;
        }
      }
      /* whole counts below 2^53: the block sums add up exactly */
      g[i] += gi;
      lo[i] += li;
      regineq_tick(work, (R_xlen_t)nb * ki);
    }
  }
}

/* The largest number of neighbours, checked below n; refuses self-links,
   which the conditional permutation cannot hold fixed. */
static int local_kmax(R_xlen_t n, const int *rp, const int *cl, int ns,
                      const char *who) {
  int kmax = 0;
  for (R_xlen_t i = 0; i < n; i++) {
    if (rp[i + 1] - rp[i] > kmax) kmax = rp[i + 1] - rp[i];
    for (int k = rp[i]; k < rp[i + 1]; k++)
      if (cl[k] == i) Rf_error("%s: self-link in the weights", who);
  }
  if (kmax > n - 1) Rf_error("%s: more neighbours than regions", who);
  if (ns > 0 && n - 1 > INT_MAX)
    Rf_error("%s: permutations need fewer than 2^31 regions", who);
  return kmax;
}

/* Local Moran (Anselin 1995): lag_i = sum_j w_ij z_j per region and period
   (and the lag of the raw values x in the same pass, lag_x_i = sum_j w_ij
   x_j), and for nsim > 0 the conditional permutation counts of z_i lag_i.
   Z and X are n x T, column-major; kmax is the largest k_i, below n. */
static void moran_local_kernel(const double *Z, const double *X, R_xlen_t n,
                               int T, const int *rp, const int *cl,
                               const double *w, int ns, int kmax, double *lag,
                               double *lag_x, double *ge, double *le) {
  perm_engine e;
  perm_init(&e, n, ns, kmax);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Z + (R_xlen_t)t * n, *x = X + (R_xlen_t)t * n;
    double *lg = lag + (R_xlen_t)t * n, *lgx = lag_x + (R_xlen_t)t * n;
    for (R_xlen_t i = 0; i < n; i++) {
      int k0 = rp[i], ki = rp[i + 1] - rp[i];
      double l = 0.0, lx = 0.0;
      for (int k = 0; k < ki; k++) {
        l += w[k0 + k] * z[cl[k0 + k]];
        lx += w[k0 + k] * x[cl[k0 + k]];
      }
      lg[i] = l;
      lgx[i] = lx;
    }
    regineq_tick(&work, n + rp[n]);
    perm_period(&e, n, rp, w, ns, z, z, lg, NULL, NULL, NULL,
                ge + (R_xlen_t)t * n, le + (R_xlen_t)t * n, &work);
  }
}

/* Any local statistic of the form above: U, A (and V, B, or NULL) n x T.
   Returns the lags lu (and lv) and the counts ge, le of conditionally
   permuted s_i >= / <= observed, each n x T. */
static void local_perm_kernel(const double *U, const double *A,
                              const double *V, const double *B, R_xlen_t n,
                              int T, const int *rp, const int *cl,
                              const double *w, int ns, int kmax, double *LU,
                              double *LV, double *ge, double *le) {
  perm_engine e;
  perm_init(&e, n, ns, kmax);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    R_xlen_t off = (R_xlen_t)t * n;
    const double *u = U + off, *v = V ? V + off : NULL;
    for (R_xlen_t i = 0; i < n; i++) {
      double l = 0.0, m = 0.0;
      for (int k = rp[i]; k < rp[i + 1]; k++) {
        l += w[k] * u[cl[k]];
        if (v) m += w[k] * v[cl[k]];
      }
      LU[off + i] = l;
      LV[off + i] = v ? m : 0.0;
    }
    regineq_tick(&work, n + rp[n]);
    perm_period(&e, n, rp, w, ns, u, A + off, LU + off, v,
                V ? B + off : NULL, V ? LV + off : NULL, ge + off, le + off,
                &work);
  }
}

/* Returns list(lu, lv, ge, le), each n x T; v and b may be NULL. */
SEXP regineq_local_perm(SEXP u, SEXP a, SEXP v, SEXP b, SEXP ntime,
                        SEXP rowptr, SEXP col, SEXP val, SEXP nsim) {
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
  int kmax = local_kmax(n, rp, cl, ns, "regineq_local_perm");
  const char *names[] = {"lu", "lv", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, n * T));
  double *res[4];
  for (int k = 0; k < 4; k++) res[k] = REAL(VECTOR_ELT(out, k));
  local_perm_kernel(REAL(u), REAL(a), has_v ? REAL(v) : NULL,
                    has_v ? REAL(b) : NULL, n, T, rp, cl, REAL(val), ns, kmax,
                    res[0], res[1], res[2], res[3]);
  UNPROTECT(1);
  return out;
}

/* Returns list(lag = W z, lag_x = W x, ge, le = counts of conditionally
   permuted z_i (W z)_i >= / <= observed), each n x T. */
SEXP regineq_moran_local(SEXP z, SEXP x, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n = regineq_spatial_args(z, rowptr, col, val, T, ns, 2,
                                    "regineq_moran_local");
  if (!Rf_isReal(x) || XLENGTH(x) != n * T)
    Rf_error("regineq_moran_local: invalid arguments");
  const int *rp = INTEGER(rowptr);
  int kmax = local_kmax(n, rp, INTEGER(col), ns, "regineq_moran_local");

  const char *names[] = {"lag", "lag_x", "ge", "le", ""};
  SEXP out = PROTECT(regineq_real_list(names, n * T));
  double *res[4];
  for (int k = 0; k < 4; k++) res[k] = REAL(VECTOR_ELT(out, k));
  moran_local_kernel(REAL(z), REAL(x), n, T, rp, INTEGER(col), REAL(val), ns,
                     kmax, res[0], res[1], res[2], res[3]);
  UNPROTECT(1);
  return out;
}
