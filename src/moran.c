/* Global and local Moran's I with permutation inference.
   Moran, P. A. P. (1950). Notes on continuous stochastic phenomena.
   Anselin, L. (1995). Local indicators of spatial association - LISA.
   Weights arrive as CSR (rowptr, col, val; 0-based). Values arrive as an
   n x T matrix already centred per period (z = x - mean), and for the local
   statistics also raw (x), whose spatial lag R reports. The analytical
   moments are computed in R from S0, S1, S2 exactly as spdep does; here are
   the statistics and the permutation counts. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "regineq.h"

/* sum_i x_i (W y)_i over the engine's links (x = y for Moran's I, on
   folded links), on the engine's four lanes in one pass: in each lane, a
   row's weighted sum of y, times x_i, added to a partial sum of 256 rows;
   the partial sums added in order */
typedef char four_lanes[REGINEQ_LANES == 4 ? 1 : -1];
static void cross_product(const double *const *x, const double *const *y,
                          const regineq_links *L, double *out) {
  const int *rp = L->rp, *ci = L->ci;
  const double *w = L->w;
  const double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
  const double *y0 = y[0], *y1 = y[1], *y2 = y[2], *y3 = y[3];
  double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
  for (R_xlen_t i0 = 0; i0 < L->n; i0 += 256) {
    R_xlen_t i1 = L->n - i0 < 256 ? L->n : i0 + 256;
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0;
    for (R_xlen_t i = i0; i < i1; i++) {
      double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      for (int k = rp[i]; k < rp[i + 1]; k++) {
        double wk = w[k];
        int c = ci[k];
        s0 += wk * y0[c];
        s1 += wk * y1[c];
        s2 += wk * y2[c];
        s3 += wk * y3[c];
      }
      b0 += x0[i] * s0;
      b1 += x1[i] * s1;
      b2 += x2[i] * s2;
      b3 += x3[i] * s3;
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

/* Each column of the n x T double matrix m (no NA) as the spatial
   statistics take it: divided by its largest absolute value, centred by
   its mean, divided by its largest absolute value again (scale-free, and
   values near 1e300 never overflow), with the arithmetic of R's
   sweep(), colMeans() and colSums(): the mean and the sum of squares
   (`ss`, zero for a constant column) are long double sums. */
SEXP regineq_centre_scale(SEXP m) {
  if (!Rf_isReal(m) || !Rf_isMatrix(m))
    Rf_error("regineq_centre_scale: invalid arguments");
  int n = Rf_nrows(m), T = Rf_ncols(m);
  const char *names[] = {"z", "ss", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(out, 0, Rf_allocMatrix(REALSXP, n, T));
  SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, T));
  double *ss = REAL(VECTOR_ELT(out, 1));
  for (int t = 0; t < T; t++) {
    const double *x = REAL(m) + (size_t)t * n;
    double *z = REAL(VECTOR_ELT(out, 0)) + (size_t)t * n;
    double top = 0.0;
    for (int i = 0; i < n; i++) top = fmax(top, fabs(x[i]));
    double d = top > 0 ? top : 1.0;
    long double sum = 0.0L;
    for (int i = 0; i < n; i++) {
      z[i] = x[i] / d;
      sum += z[i];
    }
    sum /= n;
    double mean = (double)sum;
    top = 0.0;
    for (int i = 0; i < n; i++) {
      z[i] -= mean;
      top = fmax(top, fabs(z[i]));
    }
    d = top > 0 ? top : 1.0;
    long double sq = 0.0L;
    for (int i = 0; i < n; i++) {
      z[i] /= d;
      sq += z[i] * z[i];
    }
    ss[t] = (double)sq;
  }
  UNPROTECT(1);
  return out;
}

/* Whether x (integer or double, no class) holds whole numbers in [lo, hi]
   (no NA). The loops test every value without an early exit, so that the
   compiler can run them on vector registers. */
static int whole_in(SEXP x, double lo, double hi) {
  if (OBJECT(x)) return 0;
  R_xlen_t m = XLENGTH(x);
  int bad = 0;
  if (TYPEOF(x) == INTSXP) {
    /* NA_INTEGER is INT_MIN, below any lo >= INT_MIN + 1 */
    const int *v = INTEGER(x);
    int a = lo < INT_MIN + 1.0 ? INT_MIN + 1 : (int)ceil(lo);
    int b = hi > INT_MAX ? INT_MAX : (int)floor(hi);
    if (a > b) return m == 0;
    for (R_xlen_t k = 0; k < m; k++) bad |= (v[k] < a) | (v[k] > b);
    return !bad;
  }
  if (TYPEOF(x) != REALSXP) return 0;
  const double *v = REAL(x);
  for (R_xlen_t k = 0; k < m; k++)
    bad |= !((v[k] >= lo) & (v[k] <= hi)) | (v[k] != floor(v[k]));
  return !bad;
}

static void check_csr(SEXP rowptr, SEXP col, SEXP val, R_xlen_t n) {
  if (!Rf_isInteger(rowptr) || !Rf_isInteger(col) || !Rf_isReal(val) ||
      XLENGTH(rowptr) != n + 1 || XLENGTH(col) != XLENGTH(val))
    Rf_error("regineq: invalid sparse weights");
  const int *rp = INTEGER(rowptr);
  if (rp[0] != 0 || rp[n] != XLENGTH(col))
    Rf_error("regineq: invalid sparse weights");
  /* every value tested, without an early exit, so that the loop runs on
     vector registers */
  int bad = 0;
  for (R_xlen_t i = 0; i < n; i++) bad |= rp[i + 1] < rp[i];
  if (bad || !whole_in(col, 0, (double)n - 1))
    Rf_error("regineq: invalid sparse weights");
}

/* Whether the parts of a regineq_weights object with n regions are sound:
   rowptr (n + 1 whole numbers from 0, non-decreasing, ending at the number
   of links), col (whole numbers in 0..n-1), val and raw (one finite
   non-negative number per link). One pass each, without allocation; R
   looks for what is wrong (and says it) only when this fails. */
SEXP regineq_csr_ok(SEXP rowptr, SEXP col, SEXP val, SEXP raw, SEXP nreg) {
  double n = Rf_asReal(nreg);
  if (!Rf_isVector(rowptr) || !Rf_isVector(col) || !Rf_isVector(val) ||
      !Rf_isVector(raw))
    return Rf_ScalarLogical(0);
  if (!(n >= 0) || XLENGTH(rowptr) != (R_xlen_t)n + 1 ||
      !whole_in(rowptr, 0, (double)XLENGTH(col)) ||
      !whole_in(col, 0, n - 1))
    return Rf_ScalarLogical(0);
  const int *ri = TYPEOF(rowptr) == INTSXP ? INTEGER(rowptr) : NULL;
  const double *rd = ri ? NULL : REAL(rowptr);
#define RP(i) (ri ? (double)ri[i] : rd[i])
  for (R_xlen_t i = 0; i < (R_xlen_t)n; i++)
    if (RP(i + 1) < RP(i)) return Rf_ScalarLogical(0);
  if (RP(0) != 0 || RP((R_xlen_t)n) != (double)XLENGTH(col))
    return Rf_ScalarLogical(0);
#undef RP
  SEXP parts[2] = {val, raw};
  for (int k = 0; k < 2; k++) {
    SEXP v = parts[k];
    if (OBJECT(v) || XLENGTH(v) != XLENGTH(col) || TYPEOF(v) != REALSXP)
      return Rf_ScalarLogical(0);
    const double *p = REAL(v);
    R_xlen_t len = XLENGTH(v);
    int bad = 0;
    for (R_xlen_t j = 0; j < len; j++) bad |= !(p[j] >= 0) | (p[j] > DBL_MAX);
    if (bad) return Rf_ScalarLogical(0);
  }
  return Rf_ScalarLogical(1);
}

/* The transpose of CSR weights (R_alloc'd), by a counting sort: row j
   lists the i with a link i -> j, in increasing i, with its weight. */
void regineq_csr_transpose(R_xlen_t n, const int *rp, const int *cl,
                           const double *w, int **trp, int **tcl,
                           double **tw) {
  int nnz = rp[n];
  int *r = (int *)R_alloc((size_t)n + 1, sizeof(int));
  int *c = (int *)R_alloc((size_t)nnz + 1, sizeof(int));
  double *v = (double *)R_alloc((size_t)nnz + 1, sizeof(double));
  int *next = (int *)R_alloc((size_t)n + 1, sizeof(int));
  memset(r, 0, ((size_t)n + 1) * sizeof(int));
  for (int k = 0; k < nnz; k++) r[cl[k] + 1]++;
  for (R_xlen_t j = 0; j < n; j++) r[j + 1] += r[j];
  memcpy(next, r, ((size_t)n + 1) * sizeof(int));
  for (R_xlen_t i = 0; i < n; i++)
    for (int k = rp[i]; k < rp[i + 1]; k++) {
      int at = next[cl[k]]++;
      c[at] = (int)i;
      v[at] = w[k];
    }
  *trp = r;
  *tcl = c;
  *tw = v;
}

/* The constants of the moments of Moran's I and Geary's C, as
   spdep::spweights.constants(), self-links included: c(S0, S1, S2) from
   the folded links of W (regineq_link_constants()). */
SEXP regineq_weight_constants(SEXP rowptr, SEXP col, SEXP val) {
  R_xlen_t n = XLENGTH(rowptr) - 1;
  check_csr(rowptr, col, val, n);
  const int *rp = INTEGER(rowptr), *cl = INTEGER(col);
  const double *w = REAL(val);
  regineq_links L;
  regineq_global_links(n, rp, cl, w, 1, &L);
  SEXP out = PROTECT(Rf_allocVector(REALSXP, 3));
  regineq_link_constants(&L, rp, cl, w, REAL(out));
  UNPROTECT(1);
  return out;
}

/* Global Moran (Moran 1950): cross[t] = sum_i z_i (W z)_i, the numerator
   of I = (n / S0) z'Wz / z'z, for each of the T periods of z (n x T,
   column-major), and for nsim > 0 the counts of the statistics of full
   random permutations of the n values (Fisher-Yates, as spdep::moran.mc)
   >= / <= the observed one, per period, and the constants S = c(S0, S1,
   S2) of W from the engine's folded links: list(cross, ge, le, S). The
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
  const char *names[] = {"cross", "ge", "le", "S", ""};
  SEXP out = PROTECT(regineq_real_list(names, T));
  SET_VECTOR_ELT(out, 3, Rf_allocVector(REALSXP, 3));
  double *S = REAL(VECTOR_ELT(out, 3));
  S[0] = S[1] = S[2] = NA_REAL;
  /* the same pointer when univariate: the engine then permutes one column
     (and gives S) */
  const double *y = zy == zx ? REAL(zx) : REAL(zy);
  regineq_global_perm(cross_product, REAL(zx), y, n, T, INTEGER(rowptr),
                      INTEGER(col), REAL(val), ns, regineq_nthreads(threads),
                      REAL(VECTOR_ELT(out, 0)), REAL(VECTOR_ELT(out, 1)),
                      REAL(VECTOR_ELT(out, 2)), S);
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
