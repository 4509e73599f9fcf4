/* Composite index: normalisation, the statistics every weighting scheme
   needs, TOPSIS or linear scores, and obstacle degrees.

   Every quantity is taken over a "scope" group (one group for the pooled
   panel, one per period for the time scope). Every normalisation is an
   affine map of x within a group, u = (x s0 - c) s, with the direction in
   the sign of s (a negative indicator is reflected):
     min-max   u = (x - lo) / (hi - lo), or (hi - x) / (hi - lo)
               (lo, hi over the group, or over a base period);
     vector    u = x / ||x||_2, or (hi - x) / ||x||_2;
     sum       u = x / sum x, or (hi - x) / sum x.
   The power of two s0 is 1 (the plain formula bit for bit) unless the
   denominator is subnormal or overflows; then it brings it back among
   normal doubles. Then v = u + shift.
   Entropy (the NQPF-level study, eqs. 1-7; source of nqpf_level, see
   inst/CITATION): p = v / sum v, e = -k sum p ln p, k = 1 / ln K (K the
   rows of the group, or the regions for seed 004's convention). TOPSIS:
   z = w v, ideal / anti-ideal = the column max / min of z over the group,
   closeness = d- / (d+ + d-). The weights themselves are formed in R from
   the statistics returned here (they are p x G numbers). */
#include <float.h>
#include <math.h>

#include "regineq.h"

enum { NORM_MINMAX = 0, NORM_BASE = 1, NORM_VECTOR = 2, NORM_SUM = 3 };

typedef struct {
  double scale, c, s;
} amap;

static inline double amap_u(double x, const amap *m) {
  return (x * m->scale - m->c) * m->s;
}

/* Min-max map of [lo, hi] by direction. A range that is subnormal (its
   reciprocal overflows) or that overflows (hi = -lo = 1e308) is scaled by a
   power of two first. A constant column maps to 0. */
static amap minmax_map(double lo, double hi, int dir) {
  amap m = {1.0, 0.0, 0.0};
  if (!(hi > lo)) return m;
  double r = hi - lo;
  if (r < DBL_MIN) {
    m.scale = 0x1p64;
  } else if (r > DBL_MAX) {
    m.scale = 0x1p-8;
  }
  double inv = 1.0 / (hi * m.scale - lo * m.scale);
  m.c = (dir > 0 ? lo : hi) * m.scale;
  m.s = dir > 0 ? inv : -inv;
  return m;
}

/* u = x / D, or (hi - x) / D, for a positive denominator D (a norm or a
   sum, accumulated in long double) scaled into the normal doubles. */
static amap ratio_map(long double D, double hi, int dir) {
  amap m = {1.0, 0.0, 0.0};
  if (!(D > 0)) return m;
  if (D > DBL_MAX || D < DBL_MIN) {
    int e;
    frexpl(D, &e);
    m.scale = ldexp(1.0, -e);
  }
  double inv = 1.0 / (double)(D * m.scale);
  m.c = dir > 0 ? 0.0 : hi * m.scale;
  m.s = dir > 0 ? inv : -inv;
  return m;
}

/* Per-group column statistics of the first pass: min, max, and when asked
   the sum and the sum of squares (long double). */
static void first_pass(const double *x, R_xlen_t n, const int *grp, int G,
                       double *lo, double *hi, long double *sx,
                       long double *sxx, int want_sum, int want_sq) {
  for (int g = 0; g < G; g++) {
    lo[g] = R_PosInf;
    hi[g] = R_NegInf;
    sx[g] = sxx[g] = 0.0L;
  }
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    double v = x[i];
    if (v < lo[g]) lo[g] = v;
    if (v > hi[g]) hi[g] = v;
    if (want_sum) sx[g] += v;
    if (want_sq) sxx[g] += (long double)v * v;
  }
}

/* Entropy of one column per group: sum p ln p = (1/S) sum v ln v - ln S,
   with 0 ln 0 = 0, e = -k sum p ln p, d = 1 - e. When 1 - e under
   k = 1/ln m (m the rows of the group) comes out below 1e-4, the difference
   has lost most of its digits (a large shift makes every share nearly 1/m):
   it is then taken from the identity 1 - e = T(v) / ln m, Theil's T of the
   shifted column (Theil 1967), over the deviations (u - mean u) /
   (mean u + shift): exact however large the shift. For another K,
   1 - e = (ln K - ln m + T) / ln K. Under K = m, e is at most 1; under
   K < m it can exceed 1 (R decides what that means). */
static void column_entropy(const double *x, R_xlen_t n, const int *grp, int G,
                           const amap *mm, const int *flat, double shift,
                           const double *count, const double *kden,
                           long double *s, long double *vlv, long double *su,
                           double *e, double *d) {
  for (int g = 0; g < G; g++) s[g] = vlv[g] = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    double v = amap_u(x[i], mm + g) + shift;
    s[g] += v;
    if (v > 0) vlv[g] += v * log(v);
  }
  int again = 0;
  for (int g = 0; g < G; g++) {
    su[g] = -1.0L; /* no second pass */
    if (s[g] <= 0 || flat[g]) {
      e[g] = 1.0; /* constant column: uniform shares, no information */
      d[g] = 0.0;
      continue;
    }
    long double H = logl(s[g]) - vlv[g] / s[g];
    long double lm = logl((long double)count[g]);
    long double L = logl((long double)kden[g]);
    double ent = (double)(H / L);
    if (kden[g] == count[g] && ent > 1.0) ent = 1.0;
    e[g] = ent;
    d[g] = 1.0 - ent;
    if ((double)(1.0L - H / lm) < 1e-4) {
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
    if (su[g] >= 0) su[g] += amap_u(x[i], mm + g);
  }
  for (int g = 0; g < G; g++) {
    if (su[g] >= 0) su[g] /= count[g];
  }
  for (R_xlen_t i = 0; i < n; i++) {
    int g = grp[i] - 1;
    if (su[g] < 0) continue;
    double ub = (double)su[g];
    double u = amap_u(x[i], mm + g);
    s[g] += regineq_theil_f((u - ub) / (ub + shift));
  }
  for (int g = 0; g < G; g++) {
    if (su[g] < 0) continue;
    long double T = s[g] / count[g];
    long double lm = logl((long double)count[g]);
    long double L = logl((long double)kden[g]);
    d[g] = kden[g] == count[g] ? (double)(T / L) : (double)((L - lm + T) / L);
    e[g] = 1.0 - d[g];
  }
}

/* Centred sums of squares and cross products of the scaled columns
   x_j s0_j within each group, S[g][j][k] (p x p x G). Rows come in blocks
   held in cache, sorted within the block by group (a counting sort), so
   that every pair of columns is a few dot products over contiguous runs. */
enum { XBLOCK = 2048 };

static void cross_products(const double *const *x, R_xlen_t n, int p,
                           const int *grp, int G, const amap *mm,
                           const double *mean, double *S) {
  size_t pp = (size_t)p * p;
  long double *acc = regineq_alloc_ld(pp * G);
  for (size_t k = 0; k < pp * G; k++) acc[k] = 0.0L;
  double *buf = (double *)R_alloc((size_t)XBLOCK * p, sizeof(double));
  int *pos = (int *)R_alloc(XBLOCK, sizeof(int));
  int *start = (int *)R_alloc((size_t)G + 1, sizeof(int));
  int *seen = (int *)R_alloc(XBLOCK, sizeof(int)); /* groups in the block */
  for (int g = 0; g <= G; g++) start[g] = 0;
  R_xlen_t work = 0;
  for (R_xlen_t i0 = 0; i0 < n; i0 += XBLOCK) {
    int len = (int)(n - i0 < XBLOCK ? n - i0 : XBLOCK);
    const int *gb = grp + i0;
    /* counting sort of the block's rows by group, over the groups seen */
    int nseen = 0;
    for (int i = 0; i < len; i++) {
      int g = gb[i] - 1;
      if (start[g + 1]++ == 0) seen[nseen++] = g;
    }
    /* the runs follow the order the groups are first seen: each group's
       sums do not depend on it */
    int at = 0;
    for (int a = 0; a < nseen; a++) {
      int g = seen[a], c = start[g + 1];
      start[g + 1] = at; /* the next free slot of group g */
      at += c;
    }
    for (int i = 0; i < len; i++) pos[i] = start[gb[i]]++;
    for (int j = 0; j < p; j++) {
      double *bj = buf + (size_t)j * XBLOCK;
      const double *xj = x[j] + i0;
      for (int i = 0; i < len; i++) {
        size_t gj = (size_t)(gb[i] - 1) * p + j;
        bj[pos[i]] = xj[i] * mm[gj].scale - mean[gj];
      }
    }
    for (int a = 0, lo = 0; a < nseen; a++) {
      int g = seen[a], hi = start[g + 1];
      long double *ag = acc + (size_t)g * pp;
      for (int j = 0; j < p; j++) {
        const double *bj = buf + (size_t)j * XBLOCK;
        for (int k = j; k < p; k++) {
          const double *bk = buf + (size_t)k * XBLOCK;
          double t = 0.0;
          for (int i = lo; i < hi; i++) t += bj[i] * bk[i];
          ag[(size_t)j * p + k] += t;
        }
      }
      lo = hi;
      start[g + 1] = 0;
    }
    regineq_tick(&work, (R_xlen_t)len * p * (p + 1) / 2);
  }
  for (int g = 0; g < G; g++)
    for (int j = 0; j < p; j++)
      for (int k = j; k < p; k++) {
        double v = (double)acc[(size_t)g * pp + (size_t)j * p + k];
        S[(size_t)g * pp + (size_t)j * p + k] = v;
        S[(size_t)g * pp + (size_t)k * p + j] = v;
      }
}

/* The p x G maps as three matrices stored [g * p + j]. */
static amap *read_maps(SEXP scale, SEXP c, SEXP s, size_t len) {
  if (!Rf_isReal(scale) || !Rf_isReal(c) || !Rf_isReal(s) ||
      (size_t)XLENGTH(scale) != len || (size_t)XLENGTH(c) != len ||
      (size_t)XLENGTH(s) != len)
    Rf_error("regineq: invalid normalisation maps");
  amap *mm = (amap *)R_alloc(len, sizeof(amap));
  for (size_t k = 0; k < len; k++) {
    mm[k].scale = REAL(scale)[k];
    mm[k].c = REAL(c)[k];
    mm[k].s = REAL(s)[k];
  }
  return mm;
}

/* The column extremes of u and the weights: p x G doubles each. */
static void check_extremes(SEXP umin, SEXP umax, SEXP weights, size_t pg) {
  if (!Rf_isReal(umin) || !Rf_isReal(umax) || !Rf_isReal(weights) ||
      (size_t)XLENGTH(umin) != pg || (size_t)XLENGTH(umax) != pg ||
      (size_t)XLENGTH(weights) != pg)
    Rf_error("regineq: invalid extremes or weights");
}

/* The indicator columns (a list of p doubles of one length n) and the
   1-based scope group of every row. */
static const double **read_columns(SEXP x, SEXP grp, int G, int *p,
                                   R_xlen_t *n) {
  if (TYPEOF(x) != VECSXP || XLENGTH(x) < 1 || !Rf_isInteger(grp) || G < 1)
    Rf_error("regineq: invalid indicator columns");
  *p = (int)XLENGTH(x);
  *n = XLENGTH(VECTOR_ELT(x, 0));
  const double **X = (const double **)R_alloc(*p, sizeof(double *));
  for (int j = 0; j < *p; j++) {
    SEXP xj = VECTOR_ELT(x, j);
    if (!Rf_isReal(xj) || XLENGTH(xj) != *n)
      Rf_error("regineq: columns must be doubles of equal length");
    X[j] = REAL(xj);
  }
  if (XLENGTH(grp) != *n) Rf_error("regineq: inconsistent lengths");
  const int *gr = INTEGER(grp);
  for (R_xlen_t i = 0; i < *n; i++)
    if (gr[i] < 1 || gr[i] > G) Rf_error("regineq: bad group index");
  return X;
}

static SEXP new_matrix(SEXP out, int k, int nrow, int ncol) {
  SEXP m = Rf_allocMatrix(REALSXP, nrow, ncol);
  SET_VECTOR_ELT(out, k, m);
  return m;
}

static const char *stat_names[] = {"min",  "max",  "scale", "offset",
                                   "slope", "umin", "umax", "mean",
                                   "sd",   "entropy", "info", "cross",
                                   ""};

/* Every statistic of the p columns over the G groups in at most three
   passes (range and sums; entropy and centred sums of squares; cross
   products for CRITIC). norm: 0 min-max, 1 base period (its range in
   base_lo, base_hi), 2 vector, 3 sum. kden: the K of k = 1/ln K per group.
   want: 1 entropy e and information d = 1 - e (exact also when d is
   tiny), 2 mean and sd of v, 4 cross products. Matrices p x G, stored
   [g * p + j]; cross p x p x G, the correlations of v. */
SEXP regineq_index_stats(SEXP x, SEXP dir, SEXP grp, SEXP ngrp, SEXP shift,
                         SEXP norm, SEXP base, SEXP kden, SEXP want) {
  int p, G = Rf_asInteger(ngrp);
  R_xlen_t n;
  const double **X = read_columns(x, grp, G, &p, &n);
  int nm = Rf_asInteger(norm), wt = Rf_asInteger(want);
  double sh = Rf_asReal(shift);
  if (!Rf_isInteger(dir) || XLENGTH(dir) != p || !Rf_isReal(kden) ||
      XLENGTH(kden) != G || nm < 0 || nm > 3 ||
      (nm == NORM_BASE && (!Rf_isReal(base) || XLENGTH(base) != 2 * p)))
    Rf_error("regineq_index_stats: invalid arguments");
  const int *dr = INTEGER(dir), *gr = INTEGER(grp);
  const double *kd = REAL(kden);
  size_t pg = (size_t)p * G;

  SEXP out = PROTECT(Rf_mkNamed(VECSXP, stat_names));
  double *M[11];
  for (int k = 0; k < 11; k++) M[k] = REAL(new_matrix(out, k, p, G));
  double *LO = M[0], *HI = M[1], *SC = M[2], *OF = M[3], *SL = M[4],
         *UMIN = M[5], *UMAX = M[6], *MEAN = M[7], *SD = M[8], *E = M[9],
         *INFO = M[10];
  double *S = NULL;
  if (wt & 4) {
    SEXP cr = Rf_alloc3DArray(REALSXP, p, p, G);
    SET_VECTOR_ELT(out, 11, cr);
    S = REAL(cr);
  }

  double *count = (double *)R_alloc(G, sizeof(double));
  for (int g = 0; g < G; g++) count[g] = 0;
  for (R_xlen_t i = 0; i < n; i++) count[gr[i] - 1] += 1;
  double *lo = (double *)R_alloc(G, sizeof(double));
  double *hi = (double *)R_alloc(G, sizeof(double));
  double *ce = (double *)R_alloc(G, sizeof(double));
  double *cd = (double *)R_alloc(G, sizeof(double));
  int *flat = (int *)R_alloc(G, sizeof(int));
  amap *cm = (amap *)R_alloc(G, sizeof(amap));
  amap *all = (amap *)R_alloc(pg, sizeof(amap));
  long double *sx = regineq_alloc_ld(G), *sxx = regineq_alloc_ld(G);
  long double *s = regineq_alloc_ld(G), *vlv = regineq_alloc_ld(G);
  long double *su = regineq_alloc_ld(G);
  double *xmean = (double *)R_alloc(pg, sizeof(double));

  R_xlen_t work = 0;
  for (int j = 0; j < p; j++) {
    const double *xj = X[j];
    first_pass(xj, n, gr, G, lo, hi, sx, sxx, nm == NORM_SUM || (wt & 6),
               nm == NORM_VECTOR);
    for (int g = 0; g < G; g++) {
      flat[g] = !(hi[g] > lo[g]);
      if (flat[g]) {
        cm[g] = (amap){1.0, 0.0, 0.0};
        if (nm == NORM_BASE)
          cm[g] = minmax_map(REAL(base)[j], REAL(base)[p + j], dr[j]);
      } else if (nm == NORM_MINMAX) {
        cm[g] = minmax_map(lo[g], hi[g], dr[j]);
      } else if (nm == NORM_BASE) {
        cm[g] = minmax_map(REAL(base)[j], REAL(base)[p + j], dr[j]);
      } else {
        cm[g] = ratio_map(nm == NORM_VECTOR ? sqrtl(sxx[g]) : sx[g], hi[g],
                          dr[j]);
      }
      size_t k = (size_t)g * p + j;
      all[k] = cm[g];
      LO[k] = lo[g];
      HI[k] = hi[g];
      SC[k] = cm[g].scale;
      OF[k] = cm[g].c;
      SL[k] = cm[g].s;
      double a = amap_u(lo[g], cm + g), b = amap_u(hi[g], cm + g);
      UMIN[k] = a < b ? a : b;
      UMAX[k] = a < b ? b : a;
      xmean[k] = (double)(sx[g] / count[g]) * cm[g].scale;
      MEAN[k] = SD[k] = E[k] = INFO[k] = NA_REAL;
    }
    if (wt & 1) {
      column_entropy(xj, n, gr, G, cm, flat, sh, count, kd, s, vlv, su, ce,
                     cd);
      for (int g = 0; g < G; g++) {
        E[(size_t)g * p + j] = ce[g];
        INFO[(size_t)g * p + j] = cd[g];
      }
    }
    if (wt & 2) {
      /* centred sums of squares of x s0 about the group mean */
      for (int g = 0; g < G; g++) s[g] = 0.0L;
      for (R_xlen_t i = 0; i < n; i++) {
        int g = gr[i] - 1;
        double dv = xj[i] * cm[g].scale - xmean[(size_t)g * p + j];
        s[g] += (long double)dv * dv;
      }
      for (int g = 0; g < G; g++) {
        size_t k = (size_t)g * p + j;
        double mu = (xmean[k] - cm[g].c) * cm[g].s + sh;
        MEAN[k] = flat[g] ? amap_u(lo[g], cm + g) + sh : mu;
        SD[k] = flat[g] || count[g] < 2
                    ? 0.0
                    : fabs(cm[g].s) * sqrt((double)(s[g] / (count[g] - 1)));
      }
    }
    regineq_tick(&work, 2 * n + G);
  }
  if (S) {
    cross_products(X, n, p, gr, G, all, xmean, S);
    /* correlations of v: the sign of the map turns a correlation of x
       into one of v; a constant column has none (0) */
    size_t pp = (size_t)p * p;
    for (int g = 0; g < G; g++) {
      double *Sg = S + (size_t)g * pp;
      double *dg = (double *)R_alloc(p, sizeof(double));
      for (int j = 0; j < p; j++) dg[j] = Sg[(size_t)j * p + j];
      for (int j = 0; j < p; j++)
        for (int k = 0; k < p; k++) {
          double sj = SL[(size_t)g * p + j], sk = SL[(size_t)g * p + k];
          double den = sqrt(dg[j]) * sqrt(dg[k]);
          double r = den > 0 && sj != 0 && sk != 0 ? Sg[(size_t)j * p + k] / den
                                                   : 0.0;
          if (r > 1) r = 1;
          if (r < -1) r = -1;
          Sg[(size_t)j * p + k] = (sj < 0) != (sk < 0) ? -r : r;
        }
    }
  }
  UNPROTECT(1);
  return out;
}

/* One column's constants in one group: its map, the extremes of u, its
   weight and its weight within its dimension. */
typedef struct {
  amap m;
  double umin, umax, w, wr;
} colpar;

/* Adds row i's terms of one column: squared distances to the ideal and
   anti-ideal (overall and within the dimension) or the weighted value. */
static inline void score_row(double x, const colpar *q, int topsis,
                             double shift, R_xlen_t i, double *dplus,
                             double *dminus, double *dpj, double *dmj,
                             double *score, double *dsj) {
  double u = amap_u(x, &q->m);
  if (topsis) {
    double a = q->umax - u, b = u - q->umin;
    dplus[i] += q->w * q->w * a * a;
    dminus[i] += q->w * q->w * b * b;
    double r2 = q->wr * q->wr;
    dpj[i] += r2 * a * a;
    dmj[i] += r2 * b * b;
  } else {
    double v = u + shift;
    score[i] += q->w * v;
    dsj[i] += q->wr * v;
  }
}

/* TOPSIS (topsis = 1) or linear scores of every row, overall and per
   dimension, given the maps, the column extremes of u over each group
   (umin, umax) and the weights w (p x G). Squared distances accumulate
   column by column so that x is read in memory order; the shift cancels
   in every TOPSIS distance. */
static void scores(const double *const *x, R_xlen_t n, int p, const int *grp,
                   int G, const amap *mm, const double *umin,
                   const double *umax, double shift, const double *w,
                   const int *dim, int ndim, int topsis, double *score,
                   double *dplus, double *dminus, double *dscore) {
  double *wd = (double *)R_alloc((size_t)G * ndim, sizeof(double));
  for (int k = 0; k < G * ndim; k++) wd[k] = 0.0;
  for (int j = 0; j < p; j++)
    for (int g = 0; g < G; g++) wd[g * ndim + dim[j] - 1] += w[g * p + j];

  double *dp = NULL, *dm = NULL;
  size_t nd = (size_t)n * ndim;
  if (topsis) {
    dp = (double *)R_alloc(nd, sizeof(double));
    dm = (double *)R_alloc(nd, sizeof(double));
    for (size_t k = 0; k < nd; k++) dp[k] = dm[k] = 0.0;
  }
  for (R_xlen_t i = 0; i < n; i++) dplus[i] = dminus[i] = score[i] = 0.0;
  for (size_t k = 0; k < nd; k++) dscore[k] = 0.0;

  double *wr = (double *)R_alloc(G, sizeof(double));
  colpar *cp = (colpar *)R_alloc(G, sizeof(colpar));
  R_xlen_t work = 0;
  for (int j = 0; j < p; j++) {
    const double *xj = x[j];
    int d = dim[j] - 1;
    double *dpj = topsis ? dp + (size_t)d * n : NULL;
    double *dmj = topsis ? dm + (size_t)d * n : NULL;
    double *dsj = dscore + (size_t)d * n;
    for (int g = 0; g < G; g++) {
      double tot = wd[g * ndim + d];
      wr[g] = tot > 0 ? w[(size_t)g * p + j] / tot : 0.0;
    }
    for (int g = 0; g < G; g++) {
      size_t gj = (size_t)g * p + j;
      cp[g] = (colpar){mm[gj], umin[gj], umax[gj], w[gj], wr[g]};
    }
    if (G == 1) {
      /* the pooled scope: the column's constants stay in registers */
      colpar q = cp[0];
      if (q.w != 0.0)
        for (R_xlen_t i = 0; i < n; i++)
          score_row(xj[i], &q, topsis, shift, i, dplus, dminus, dpj, dmj,
                    score, dsj);
    } else {
      for (R_xlen_t i = 0; i < n; i++) {
        const colpar *q = cp + grp[i] - 1;
        if (q->w != 0.0)
          score_row(xj[i], q, topsis, shift, i, dplus, dminus, dpj, dmj,
                    score, dsj);
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

static const char *score_names[] = {"score", "d_plus", "d_minus", "dimension",
                                    ""};

/* Scores of the p columns x (method 1 TOPSIS, 2 linear) from the maps,
   extremes and weights that regineq_index_stats() and R produced. */
SEXP regineq_index_scores(SEXP x, SEXP grp, SEXP ngrp, SEXP scale, SEXP c,
                          SEXP s, SEXP umin, SEXP umax, SEXP shift,
                          SEXP weights, SEXP dim, SEXP ndim, SEXP method) {
  int p, G = Rf_asInteger(ngrp), D = Rf_asInteger(ndim);
  R_xlen_t n;
  const double **X = read_columns(x, grp, G, &p, &n);
  size_t pg = (size_t)p * G;
  amap *mm = read_maps(scale, c, s, pg);
  check_extremes(umin, umax, weights, pg);
  if (!Rf_isInteger(dim) || XLENGTH(dim) != p || D < 1)
    Rf_error("regineq_index_scores: invalid arguments");
  const int *dm = INTEGER(dim);
  for (int j = 0; j < p; j++)
    if (dm[j] < 1 || dm[j] > D) Rf_error("regineq: bad dimension");
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, score_names));
  double *col[4];
  for (int k = 0; k < 3; k++) {
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, n));
    col[k] = REAL(VECTOR_ELT(out, k));
  }
  col[3] = REAL(new_matrix(out, 3, (int)n, D));
  scores(X, n, p, INTEGER(grp), G, mm, REAL(umin), REAL(umax),
         Rf_asReal(shift), REAL(weights), dm, D, Rf_asInteger(method) == 1,
         col[0], col[1], col[2], col[3]);
  UNPROTECT(1);
  return out;
}

static const char *obstacle_names[] = {"deviation", "obstacle", "top", ""};

/* Obstacle degrees: the deviation I_ij = (umax - u) / (umax - umin) of
   every row from the ideal of its group (1 - u under min-max; 0 for a
   column without range), and O_ij = 100 w_j I_ij / sum_k w_k I_ik (all 0
   for a row at the ideal on every weighted indicator). Both as p x n
   matrices (a row's indicators together, the order of the long table),
   and the 1-based indicators of each row's `top` largest O, largest first,
   ties in column order (top x n). */
SEXP regineq_obstacle(SEXP x, SEXP grp, SEXP ngrp, SEXP scale, SEXP c, SEXP s,
                      SEXP umin, SEXP umax, SEXP weights, SEXP top) {
  int p, G = Rf_asInteger(ngrp), k = Rf_asInteger(top);
  R_xlen_t n;
  const double **X = read_columns(x, grp, G, &p, &n);
  size_t pg = (size_t)p * G;
  amap *mm = read_maps(scale, c, s, pg);
  check_extremes(umin, umax, weights, pg);
  if (k < 1 || k > p) Rf_error("regineq_obstacle: invalid top");
  const int *gr = INTEGER(grp);
  const double *lo = REAL(umin), *hi = REAL(umax), *w = REAL(weights);
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, obstacle_names));
  double *dev = REAL(new_matrix(out, 0, p, (int)n));
  double *obs = REAL(new_matrix(out, 1, p, (int)n));
  SEXP tp = Rf_allocMatrix(INTSXP, k, (int)n);
  SET_VECTOR_ELT(out, 2, tp);
  int *best = INTEGER(tp);
  R_xlen_t work = 0;
  for (R_xlen_t i = 0; i < n; i++) {
    double *di = dev + (size_t)i * p, *oi = obs + (size_t)i * p;
    const double *lg = lo + (size_t)(gr[i] - 1) * p;
    const double *hg = hi + (size_t)(gr[i] - 1) * p;
    const double *wg = w + (size_t)(gr[i] - 1) * p;
    const amap *mg = mm + (size_t)(gr[i] - 1) * p;
    double tot = 0.0;
    for (int j = 0; j < p; j++) {
      double range = hg[j] - lg[j];
      double d = range > 0 ? (hg[j] - amap_u(X[j][i], mg + j)) / range : 0.0;
      di[j] = d;
      oi[j] = wg[j] * d;
      tot += oi[j];
    }
    int *bi = best + (size_t)i * k;
    int nb = 0;
    for (int j = 0; j < p; j++) {
      oi[j] = tot > 0 ? 100.0 * oi[j] / tot : 0.0;
      /* insert j into the row's top list (a later column passes an
         earlier one only when strictly larger) */
      int at = nb < k ? nb : k;
      while (at > 0 && oi[j] > oi[bi[at - 1] - 1]) at--;
      if (at < k) {
        int last = nb < k ? nb : k - 1;
        for (int m = last; m > at; m--) bi[m] = bi[m - 1];
        bi[at] = j + 1;
        if (nb < k) nb++;
      }
    }
    regineq_tick(&work, p);
  }
  UNPROTECT(1);
  return out;
}
