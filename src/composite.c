/* Composite index: min-max normalisation, entropy weights and TOPSIS.
   Formulas of the NQPF-level study (eqs. 1-12; source of nqpf_level, see inst/CITATION): v = (x - min)/(max - min) (or reversed
   for a negative indicator) + shift; p = v / sum(v); e = -k sum p ln p with
   k = 1/ln m; d = 1 - e; w = d / sum d; z = w v; closeness = d-/(d+ + d-).
   Every quantity is taken over a "scope" group (one group for the pooled
   panel, one per period for the time scope). */
#include <float.h>
#include <math.h>

#include "regineq.h"

/* Column-wise min and max per scope group. */
static void column_range(const double *x, R_xlen_t n, const int *grp, int ngrp,
                         double *lo, double *hi) {
  for (int g = 0; g < ngrp; g++) {
    lo[g] = R_PosInf;
    hi[g] = R_NegInf;
  }
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    double v = x[i];
    if (v < lo[g]) lo[g] = v;
    if (v > hi[g]) hi[g] = v;
  }
}

/* Min-max map of x in [lo, hi] by direction: u = (x - lo) / (hi - lo), or
   (hi - x) / (hi - lo) for a negative indicator, computed as
   (x s - lo s) * inv with inv = 1 / ((hi - lo) s). The scale s is 1, the
   plain formula bit for bit, unless hi - lo is subnormal (1 / (hi - lo)
   overflows) or overflows itself (hi = -lo = 1e308); then a power of two
   brings the range back among normal doubles. A constant column gets
   inv = 0 and maps to 0. */
typedef struct {
  double lo, hi, scale, inv;
} minmax;

static minmax make_minmax(double lo, double hi) {
  minmax m = {lo, hi, 1.0, 0.0};
  if (!(hi > lo)) return m;
  double r = hi - lo;
  if (r < DBL_MIN) {
    m.scale = 0x1p64;
  } else if (r > DBL_MAX) {
    m.scale = 0x1p-8;
  }
  m.lo = lo * m.scale;
  m.hi = hi * m.scale;
  m.inv = 1.0 / (m.hi - m.lo);
  return m;
}

static inline double normalise(double x, const minmax *m, int dir) {
  x *= m->scale;
  return dir > 0 ? (x - m->lo) * m->inv : (m->hi - x) * m->inv;
}

/* Entropy e = -(1/ln m) sum p ln p of one column per group, with
   sum p ln p = (1/S) sum v ln v - ln S and 0 ln 0 = 0, and its information
   d = 1 - e. When d comes out below 1e-4 the difference has lost most of
   its digits (a large shift makes every share nearly 1/m), so d is then
   taken from the identity 1 - e = T(v) / ln m, Theil's T of the shifted
   column (Theil 1967), over the deviations (u - mean u) / (mean u + shift)
   of the unshifted u: exact however large the shift. A constant column has
   e = 1, d = 0. */
static void column_entropy(const double *x, R_xlen_t n, const int *grp,
                           int ngrp, const minmax *mm, int dir, double shift,
                           const double *count, long double *s,
                           long double *vlv, long double *su, double *e,
                           double *d) {
  for (int g = 0; g < ngrp; g++) s[g] = vlv[g] = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    double v = normalise(x[i], mm + g, dir) + shift;
    s[g] += v;
    if (v > 0) vlv[g] += v * log(v);
  }
  int again = 0;
  for (int g = 0; g < ngrp; g++) {
    if (s[g] <= 0 || !(mm[g].inv > 0)) {
      e[g] = 1.0; /* constant column: uniform shares, no information */
      d[g] = 0.0;
      su[g] = -1.0L; /* no second pass */
      continue;
    }
    long double plp = vlv[g] / s[g] - logl(s[g]);
    double ent = (double)(-plp / logl((long double)count[g]));
    e[g] = ent > 1.0 ? 1.0 : ent;
    d[g] = 1.0 - e[g];
    if (d[g] >= 1e-4) {
      su[g] = -1.0L;
    } else {
      su[g] = 0.0L; /* the sum of u, then the mean */
      s[g] = 0.0L;  /* the sum of f() */
      again = 1;
    }
  }
  if (!again) return;
  /* the rare exact path: the mean of u, then the Theil terms (the common
     path above keeps to one pass without these sums) */
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    if (su[g] >= 0) su[g] += normalise(x[i], mm + g, dir);
  }
  for (int g = 0; g < ngrp; g++) {
    if (su[g] >= 0) su[g] /= count[g]; /* mean u, in [0, 1] */
  }
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    if (su[g] < 0) continue;
    double ub = (double)su[g];
    double u = normalise(x[i], mm + g, dir);
    s[g] += regineq_theil_f((u - ub) / (ub + shift));
  }
  for (int g = 0; g < ngrp; g++) {
    if (su[g] < 0) continue;
    d[g] = (double)(s[g] / count[g] / logl((long double)count[g]));
    e[g] = 1.0 - d[g];
  }
}

/* TOPSIS or linear scores of every row, overall and per dimension. Squared
   distances accumulate column by column so that x is read in memory order. */
static void scores(const double *const *x, R_xlen_t n, int p, const int *dir,
                   const int *grp, int ngrp, const double *lo, const double *hi,
                   double shift, const double *w, const int *dim, int ndim,
                   int topsis, double *score, double *dplus, double *dminus,
                   double *dscore) {
  double *wd = (double *)R_alloc((size_t)ngrp * ndim, sizeof(double));
  for (int k = 0; k < ngrp * ndim; k++) wd[k] = 0.0;
  for (int j = 0; j < p; j++)
    for (int g = 0; g < ngrp; g++) wd[g * ndim + dim[j] - 1] += w[g * p + j];

  double *dp = NULL, *dm = NULL;
  size_t nd = (size_t)n * ndim;
  if (topsis) {
    dp = (double *)R_alloc(nd, sizeof(double));
    dm = (double *)R_alloc(nd, sizeof(double));
    for (size_t k = 0; k < nd; k++) dp[k] = dm[k] = 0.0;
  }
  for (R_xlen_t i = 0; i < n; i++) dplus[i] = dminus[i] = score[i] = 0.0;
  for (size_t k = 0; k < nd; k++) dscore[k] = 0.0;

  /* per-group factors of the current column, hoisted out of the row loop */
  minmax *mm = (minmax *)R_alloc(ngrp, sizeof(minmax));
  double *wr = (double *)R_alloc(ngrp, sizeof(double));
  R_xlen_t work = 0;
  for (int j = 0; j < p; j++) {
    const double *xj = x[j];
    int d = dim[j] - 1;
    double *dpj = topsis ? dp + (size_t)d * n : NULL;
    double *dmj = topsis ? dm + (size_t)d * n : NULL;
    double *dsj = dscore + (size_t)d * n;
    for (int g = 0; g < ngrp; g++) {
      size_t gj = (size_t)g * p + j;
      mm[g] = make_minmax(lo[gj], hi[gj]);
      double tot = wd[g * ndim + d];
      wr[g] = tot > 0 ? w[gj] / tot : 0.0;
    }
    for (R_xlen_t i = 0; i < n; i++) {
      int g = grp[i] - 1;
      size_t gj = (size_t)g * p + j;
      double wj = w[gj];
      if (wj == 0.0) continue;
      double u = normalise(xj[i], mm + g, dir[j]);
      if (topsis) {
        /* a constant column has ideal = anti-ideal: no distance to either */
        if (!(mm[g].inv > 0)) continue;
        /* ideal v = 1 + shift, anti-ideal v = shift: the shift cancels */
        double a = 1.0 - u;
        dplus[i] += wj * wj * a * a;
        dminus[i] += wj * wj * u * u;
        double r2 = wr[g] * wr[g];
        dpj[i] += r2 * a * a;
        dmj[i] += r2 * u * u;
      } else {
        double v = u + shift;
        score[i] += wj * v;
        dsj[i] += wr[g] * v;
      }
    }
    regineq_tick(&work, n + 1);
  }
  if (topsis) {
    for (R_xlen_t i = 0; i < n; i++) {
      dplus[i] = sqrt(dplus[i]);
      dminus[i] = sqrt(dminus[i]);
      double t = dplus[i] + dminus[i];
      score[i] = t > 0 ? dminus[i] / t : NA_REAL;
    }
  }
  for (int d = 0; d < ndim; d++) {
    double *ds = dscore + (size_t)d * n;
    for (R_xlen_t i = 0; i < n; i++) {
      int g = grp[i] - 1;
      if (!(wd[g * ndim + d] > 0)) {
        ds[i] = NA_REAL; /* a dimension whose indicators all weigh 0 */
      } else if (topsis) {
        double a = sqrt(dp[(size_t)d * n + i]), b = sqrt(dm[(size_t)d * n + i]);
        ds[i] = (a + b) > 0 ? b / (a + b) : NA_REAL;
      }
    }
  }
}

/* Output columns: min, max, entropy and weight as p x G matrices stored
   [g * p + j]; score, d_plus, d_minus (length n) and the n x ndim dimension
   scores, NULL for method 0 (weights only). */
enum { NOUT = 8 };
static const char *out_names[] = {"min",     "max",       "entropy",
                                  "weight",  "score",     "d_plus",
                                  "d_minus", "dimension", ""};

/* The whole index (formulas above) of the p columns x[j] (length n) over
   ngrp scope groups: ranges, entropies and weights (fixed, a p x ngrp
   matrix, replaces the entropy weights when not NULL), then for method 1
   (TOPSIS) or 2 (linear) the scores. */
static void composite_kernel(const double *const *x, R_xlen_t n, int p,
                             const int *dir, const int *grp, int ngrp,
                             double shift, const double *fixed, const int *dim,
                             int ndim, int method, double *const *col) {
  int G = ngrp;
  double *LO = col[0], *HI = col[1], *E = col[2], *W = col[3];
  double *count = (double *)R_alloc(G, sizeof(double));
  for (int g = 0; g < G; g++) count[g] = 0;
  for (R_xlen_t i = 0; i < n; i++) count[grp[i] - 1] += 1;

  /* the p x G outputs are stored as [g * p + j], the layout scores() reads */
  double *clo = (double *)R_alloc(G, sizeof(double));
  double *chi = (double *)R_alloc(G, sizeof(double));
  double *ce = (double *)R_alloc(G, sizeof(double));
  double *cd = (double *)R_alloc(G, sizeof(double));
  minmax *cmm = (minmax *)R_alloc(G, sizeof(minmax));
  double *D = (double *)R_alloc((size_t)G * p, sizeof(double));
  long double *s = regineq_alloc_ld(G);
  long double *vlv = regineq_alloc_ld(G);
  long double *su = regineq_alloc_ld(G);

  R_xlen_t work = 0;
  for (int j = 0; j < p; j++) {
    const double *xj = x[j];
    column_range(xj, n, grp, G, clo, chi);
    if (!fixed) {
      for (int g = 0; g < G; g++) cmm[g] = make_minmax(clo[g], chi[g]);
      column_entropy(xj, n, grp, G, cmm, dir[j], shift, count, s, vlv, su, ce,
                     cd);
    }
    for (int g = 0; g < G; g++) {
      size_t k = (size_t)g * p + j;
      LO[k] = clo[g];
      HI[k] = chi[g];
      E[k] = fixed ? NA_REAL : ce[g];
      D[k] = fixed ? fixed[k] : cd[g];
    }
    regineq_tick(&work, n + G);
  }
  /* weights: d = 1 - e normalised within each group; zero total stays 0
     (R refuses a scope whose weights are all 0, or a non-finite entropy) */
  for (int g = 0; g < G; g++) {
    long double tot = 0;
    for (int j = 0; j < p; j++) {
      size_t k = (size_t)g * p + j;
      W[k] = D[k] > 0 ? D[k] : 0.0;
      tot += W[k];
    }
    for (int j = 0; j < p; j++) {
      size_t k = (size_t)g * p + j;
      W[k] = tot > 0 ? (double)(W[k] / tot) : 0.0;
    }
  }
  if (method > 0)
    scores(x, n, p, dir, grp, G, LO, HI, shift, W, dim, ndim, method == 1,
           col[4], col[5], col[6], col[7]);
}

SEXP regineq_composite(SEXP x, SEXP dir, SEXP grp, SEXP ngrp, SEXP shift,
                       SEXP weights, SEXP dim, SEXP ndim, SEXP method) {
  if (TYPEOF(x) != VECSXP || XLENGTH(x) < 1 || !Rf_isInteger(dir) ||
      !Rf_isInteger(grp) || !Rf_isInteger(dim))
    Rf_error("regineq_composite: invalid argument types");
  int p = (int)XLENGTH(x), G = Rf_asInteger(ngrp), D = Rf_asInteger(ndim);
  R_xlen_t n = XLENGTH(VECTOR_ELT(x, 0));
  const double **X = (const double **)R_alloc(p, sizeof(double *));
  for (int j = 0; j < p; j++) {
    SEXP xj = VECTOR_ELT(x, j);
    if (!Rf_isReal(xj) || XLENGTH(xj) != n)
      Rf_error("regineq_composite: columns must be doubles of equal length");
    X[j] = REAL(xj);
  }
  int meth = Rf_asInteger(method);
  double sh = Rf_asReal(shift);
  if (XLENGTH(dir) != p || XLENGTH(grp) != n || XLENGTH(dim) != p || G < 1 ||
      D < 1)
    Rf_error("regineq_composite: inconsistent lengths");
  const int *dr = INTEGER(dir), *gr = INTEGER(grp), *dm = INTEGER(dim);
  for (R_xlen_t i = 0; i < n; i++)
    if (gr[i] < 1 || gr[i] > G) Rf_error("regineq_composite: bad group index");
  for (int j = 0; j < p; j++)
    if (dm[j] < 1 || dm[j] > D) Rf_error("regineq_composite: bad dimension");
  int fixed = !Rf_isNull(weights);
  if (fixed && (!Rf_isReal(weights) || XLENGTH(weights) != (R_xlen_t)p * G))
    Rf_error("regineq_composite: weights must be a p x G double matrix");

  /* every output hangs on out as soon as it exists: one PROTECT */
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, out_names));
  double *col[NOUT] = {NULL};
  for (int k = 0; k < 4; k++) {
    SET_VECTOR_ELT(out, k, Rf_allocMatrix(REALSXP, p, G));
    col[k] = REAL(VECTOR_ELT(out, k));
  }
  if (meth > 0) {
    for (int k = 4; k < 7; k++) {
      SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, n));
      col[k] = REAL(VECTOR_ELT(out, k));
    }
    SET_VECTOR_ELT(out, 7, Rf_allocMatrix(REALSXP, n, D));
    col[7] = REAL(VECTOR_ELT(out, 7));
  }
  composite_kernel(X, n, p, dr, gr, G, sh, fixed ? REAL(weights) : NULL, dm, D,
                   meth, col);
  UNPROTECT(1);
  return out;
}
