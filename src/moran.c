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
static R_xlen_t check_moran_args(SEXP z, SEXP rowptr, SEXP col, SEXP val, int T,
                                 int ns, R_xlen_t min_n, const char *who) {
  R_xlen_t n = XLENGTH(rowptr) - 1;
  if (!Rf_isReal(z) || XLENGTH(z) != n * T || ns < 0 || T < 1 || n < min_n)
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

/* Global Moran (Moran 1950): cross[t] = sum_i z_i (W z)_i, the numerator
   of I = (n / S0) z'Wz / z'z, for each of the T periods of Z (n x T,
   column-major), and for nsim > 0 the counts of permuted statistics >= / <=
   the observed one. Permutations are of all n values (Fisher-Yates), as in
   spdep::moran.mc. */
static void moran_global_kernel(const double *Z, R_xlen_t n, int T,
                                const int *rp, const int *cl, const double *w,
                                int ns, double *cross, double *ge, double *le) {
  R_xlen_t *perm = (R_xlen_t *)R_alloc(n, sizeof(R_xlen_t));
  regineq_rng rng;
  if (ns > 0) regineq_rng_seed(&rng);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Z + (R_xlen_t)t * n;
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
}

/* Returns list(cross = sum z Wz per period, ge, le = counts of permuted
   statistics >= / <= observed, per period). */
SEXP regineq_moran_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n =
      check_moran_args(z, rowptr, col, val, T, ns, 1, "regineq_moran_global");
  const char *names[] = {"cross", "ge", "le", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  for (int k = 0; k < 3; k++)
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, T));
  moran_global_kernel(REAL(z), n, T, INTEGER(rowptr), INTEGER(col), REAL(val),
                      ns, REAL(VECTOR_ELT(out, 0)), REAL(VECTOR_ELT(out, 1)),
                      REAL(VECTOR_ELT(out, 2)));
  UNPROTECT(1);
  return out;
}

/* Local permutations come in blocks of at most BLOCK_ROWS rows and
   BLOCK_DRAWS draws (1 MB of ints), whatever nsim and k_max: memory stays
   bounded, and a block stays in cache while every region reads it. */
enum { BLOCK_ROWS = 4096, BLOCK_DRAWS = 1 << 18 };

/* Local Moran: lag_i = sum_j w_ij z_j per region and period (and the lag
   of the raw values x in the same pass, lag_x_i = sum_j w_ij x_j), and for
   nsim > 0 the conditional permutation counts (Anselin 1995): for region i
   the values at its k_i neighbours are replaced by k_i values drawn without
   replacement from the other n - 1 regions. As in PySAL's esda, one table of
   draws per period (nsim rows of k_max distinct positions in 0..n-2) serves
   every region, position v standing for region v, or v + 1 when v >= i: each
   region's reference distribution is exact, the draws cost O(nsim k_max)
   instead of O(nsim sum k_i), and the work left is one pass over the
   weights per permutation. The table is produced and read block by block
   (BLOCK_ROWS above), in the order of the whole table, so the counts do not
   depend on the block size. Z and X are n x T, column-major; kmax is the
   largest k_i, below n. */
static void moran_local_kernel(const double *Z, const double *X, R_xlen_t n,
                               int T, const int *rp, const int *cl,
                               const double *w, int ns, int kmax, double *lag,
                               double *lag_x, double *ge, double *le) {
  int *pool = NULL, *draws = NULL, block = 0;
  regineq_rng rng;
  if (ns > 0 && kmax > 0) {
    pool = (int *)R_alloc(n - 1, sizeof(int));
    for (R_xlen_t j = 0; j < n - 1; j++) pool[j] = (int)j;
    block = ns < BLOCK_ROWS ? ns : BLOCK_ROWS;
    if (block > BLOCK_DRAWS / kmax) block = BLOCK_DRAWS / kmax;
    if (block < 1) block = 1;
    draws = (int *)R_alloc((size_t)block * kmax, sizeof(int));
    regineq_rng_seed(&rng);
  }
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    const double *z = Z + (R_xlen_t)t * n, *x = X + (R_xlen_t)t * n;
    double *lg = lag + (R_xlen_t)t * n, *lgx = lag_x + (R_xlen_t)t * n;
    double *g = ge + (R_xlen_t)t * n, *lo = le + (R_xlen_t)t * n;
    for (R_xlen_t i = 0; i < n; i++) {
      int k0 = rp[i], ki = rp[i + 1] - rp[i];
      double l = 0.0, lx = 0.0;
      for (int k = 0; k < ki; k++) {
        l += w[k0 + k] * z[cl[k0 + k]];
        lx += w[k0 + k] * x[cl[k0 + k]];
      }
      lg[i] = l;
      lgx[i] = lx;
      g[i] = lo[i] = 0;
    }
    regineq_tick(&work, n + rp[n]);
    if (!draws) continue;
    for (int s0 = 0; s0 < ns; s0 += block) {
      int nb = ns - s0 < block ? ns - s0 : block;
      /* partial Fisher-Yates on a persistent pool: kmax distinct positions */
      for (int s = 0; s < nb; s++) {
        for (int k = 0; k < kmax; k++) {
          uint32_t m = (uint32_t)(n - 1 - k);
          int j = k + (int)regineq_rng_index32(&rng, m);
          int tmp = pool[k];
          pool[k] = pool[j];
          pool[j] = tmp;
          draws[(size_t)s * kmax + k] = pool[k];
        }
      }
      regineq_tick(&work, (R_xlen_t)nb * kmax);
      for (R_xlen_t i = 0; i < n; i++) {
        int k0 = rp[i], ki = rp[i + 1] - rp[i];
        if (ki == 0) continue;
        const double *wi = w + k0;
        /* I_i = z_i lag_i / m2: compare z_i * lag, the sign of z_i matters */
        double zi = z[i], obs = zi * lg[i];
        double tz = fabs(zi) * 1e-12 * (fabs(lg[i]) + 1e-300);
        const double *zlo = z, *zhi = z + 1; /* positions below / from i */
        double gi = 0, li = 0;
        for (int s = 0; s < nb; s++) {
          const int *d = draws + (size_t)s * kmax;
          double ls = 0.0;
          for (int k = 0; k < ki; k++) {
            int v = d[k];
            ls += wi[k] * (v >= i ? zhi[v] : zlo[v]);
          }
          double sim = zi * ls;
          gi += sim >= obs - tz;
          li += sim <= obs + tz;
        }
        /* whole counts below 2^53: the block sums add up exactly */
        g[i] += gi;
        lo[i] += li;
        regineq_tick(&work, (R_xlen_t)nb * ki);
      }
    }
  }
}

/* Returns list(lag = W z, lag_x = W x, ge, le = counts of conditionally
   permuted z_i (W z)_i >= / <= observed), each n x T. */
SEXP regineq_moran_local(SEXP z, SEXP x, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim) {
  int T = Rf_asInteger(ntime), ns = Rf_asInteger(nsim);
  R_xlen_t n =
      check_moran_args(z, rowptr, col, val, T, ns, 2, "regineq_moran_local");
  if (!Rf_isReal(x) || XLENGTH(x) != n * T)
    Rf_error("regineq_moran_local: invalid arguments");
  const int *rp = INTEGER(rowptr);
  int kmax = 0;
  for (R_xlen_t i = 0; i < n; i++)
    if (rp[i + 1] - rp[i] > kmax) kmax = rp[i + 1] - rp[i];
  if (kmax > n - 1)
    Rf_error("regineq_moran_local: more neighbours than regions");
  if (ns > 0 && n - 1 > INT_MAX)
    Rf_error("regineq_moran_local: permutations need fewer than 2^31 regions");

  const char *names[] = {"lag", "lag_x", "ge", "le", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  double *res[4];
  for (int k = 0; k < 4; k++) {
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, n * T));
    res[k] = REAL(VECTOR_ELT(out, k));
  }
  moran_local_kernel(REAL(z), REAL(x), n, T, rp, INTEGER(col), REAL(val), ns,
                     kmax, res[0], res[1], res[2], res[3]);
  UNPROTECT(1);
  return out;
}
