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
  if (G == 1 && !want_sum && !want_sq) {
    /* the pooled range alone: four independent minima and maxima (exact,
       so the same extremes in any order) */
    double l[4] = {lo[0], lo[0], lo[0], lo[0]}, h[4] = {hi[0], hi[0], hi[0],
                                                         hi[0]};
    R_xlen_t i = 0;
    for (; i + 4 <= n; i += 4)
      for (int k = 0; k < 4; k++) {
        double v = x[i + k];
        l[k] = v < l[k] ? v : l[k];
        h[k] = v > h[k] ? v : h[k];
      }
    for (; i < n; i++) {
      l[0] = x[i] < l[0] ? x[i] : l[0];
      h[0] = x[i] > h[0] ? x[i] : h[0];
    }
    for (int k = 1; k < 4; k++) {
      if (l[k] < l[0]) l[0] = l[k];
      if (h[k] > h[0]) h[0] = h[k];
    }
    lo[0] = l[0];
    hi[0] = h[0];
    return;
  }
  if (G == 1) {
    /* the pooled scope: the same sums in the same order, in registers */
    double l = lo[0], h = hi[0];
    long double a = 0.0L, b = 0.0L;
    for (R_xlen_t i = 0; i < n; i++) {
      double v = x[i];
      if (v < l) l = v;
      if (v > h) h = v;
      if (want_sum) a += v;
      if (want_sq) b += (long double)v * v;
    }
    lo[0] = l;
    hi[0] = h;
    sx[0] = a;
    sxx[0] = b;
    return;
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
  /* blocks: the logarithms first, then the sums, so that no call to log()
     interrupts the long double sums (x87 registers do not survive a call);
     the sums are the same, in the same order */
  enum { EBLOCK = 512 };
  double vb[EBLOCK], lb[EBLOCK];
  for (R_xlen_t i0 = 0; i0 < n; i0 += EBLOCK) {
    int len = (int)(n - i0 < EBLOCK ? n - i0 : EBLOCK);
    const double *xb = x + i0;
    const int *gb = grp + i0;
    if (G == 1) {
      amap m = mm[0];
      for (int k = 0; k < len; k++) vb[k] = amap_u(xb[k], &m) + shift;
    } else {
      for (int k = 0; k < len; k++)
        vb[k] = amap_u(xb[k], mm + gb[k] - 1) + shift;
    }
    for (int k = 0; k < len; k++) lb[k] = vb[k] > 0 ? vb[k] * log(vb[k]) : 0.0;
    if (G == 1) {
      long double a = s[0], b = vlv[0];
      for (int k = 0; k < len; k++) {
        a += vb[k];
        if (vb[k] > 0) b += lb[k];
      }
      s[0] = a;
      vlv[0] = b;
    } else {
      for (int k = 0; k < len; k++) {
        int g = gb[k] - 1;
        s[g] += vb[k];
        if (vb[k] > 0) vlv[g] += lb[k];
      }
    }
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

/* What every column's pass reads: the panel, the normalisation (norm: 0
   min-max, 1 base period with its range in base, 2 vector, 3 sum), the
   statistics wanted, and where the p x G results go ([g * p + j]). */
typedef struct {
  const double *const *x;
  R_xlen_t n;
  int p, G, norm, want;
  const int *grp, *dir;
  const double *base, *count, *kden;
  double shift;
  double *M[11]; /* min, max, scale, offset, slope, umin, umax, mean, sd,
                    entropy, info */
  amap *all;
  double *xmean;
} stats_job;

/* One thread's scratch: G values of each. */
typedef struct {
  double *lo, *hi, *ce, *cd;
  int *flat;
  amap *cm;
  long double *sx, *sxx, *s, *vlv, *su;
} stats_scratch;

static stats_scratch new_scratch(int G) {
  stats_scratch w;
  w.lo = (double *)R_alloc(G, sizeof(double));
  w.hi = (double *)R_alloc(G, sizeof(double));
  w.ce = (double *)R_alloc(G, sizeof(double));
  w.cd = (double *)R_alloc(G, sizeof(double));
  w.flat = (int *)R_alloc(G, sizeof(int));
  w.cm = (amap *)R_alloc(G, sizeof(amap));
  w.sx = regineq_alloc_ld(G);
  w.sxx = regineq_alloc_ld(G);
  w.s = regineq_alloc_ld(G);
  w.vlv = regineq_alloc_ld(G);
  w.su = regineq_alloc_ld(G);
  return w;
}

/* Every statistic of column j over the G groups: the range and sums, the
   map, then the entropy and the centred sum of squares when wanted. Reads
   only column j and writes only column j's results, so columns can run on
   any threads in any order with the same results. */
static void column_stats(const stats_job *job, int j, stats_scratch *w) {
  const double *xj = job->x[j];
  R_xlen_t n = job->n;
  int p = job->p, G = job->G, nm = job->norm, wt = job->want;
  const int *gr = job->grp;
  const double *count = job->count;
  double sh = job->shift, *const *M = job->M;
  double *lo = w->lo, *hi = w->hi;
  long double *sx = w->sx, *sxx = w->sxx, *s = w->s;
  amap *cm = w->cm;
  first_pass(xj, n, gr, G, lo, hi, sx, sxx, nm == NORM_SUM || (wt & 6),
             nm == NORM_VECTOR);
  for (int g = 0; g < G; g++) {
    w->flat[g] = !(hi[g] > lo[g]);
    if (nm == NORM_BASE) {
      cm[g] = minmax_map(job->base[j], job->base[p + j], job->dir[j]);
    } else if (w->flat[g]) {
      cm[g] = (amap){1.0, 0.0, 0.0};
    } else if (nm == NORM_MINMAX) {
      cm[g] = minmax_map(lo[g], hi[g], job->dir[j]);
    } else {
      cm[g] = ratio_map(nm == NORM_VECTOR ? sqrtl(sxx[g]) : sx[g], hi[g],
                        job->dir[j]);
    }
    size_t k = (size_t)g * p + j;
    job->all[k] = cm[g];
    M[0][k] = lo[g];
    M[1][k] = hi[g];
    M[2][k] = cm[g].scale;
    M[3][k] = cm[g].c;
    M[4][k] = cm[g].s;
    double a = amap_u(lo[g], cm + g), b = amap_u(hi[g], cm + g);
    M[5][k] = a < b ? a : b;
    M[6][k] = a < b ? b : a;
    job->xmean[k] = (double)(sx[g] / count[g]) * cm[g].scale;
    M[7][k] = M[8][k] = M[9][k] = M[10][k] = NA_REAL;
  }
  if (wt & 1) {
    column_entropy(xj, n, gr, G, cm, w->flat, sh, count, job->kden, s,
                   w->vlv, w->su, w->ce, w->cd);
    for (int g = 0; g < G; g++) {
      M[9][(size_t)g * p + j] = w->ce[g];
      M[10][(size_t)g * p + j] = w->cd[g];
    }
  }
  if (wt & 2) {
    /* centred sums of squares of x s0 about the group mean */
    const double *xm = job->xmean;
    for (int g = 0; g < G; g++) s[g] = 0.0L;
    for (R_xlen_t i = 0; i < n; i++) {
      int g = gr[i] - 1;
      double dv = xj[i] * cm[g].scale - xm[(size_t)g * p + j];
      s[g] += (long double)dv * dv;
    }
    for (int g = 0; g < G; g++) {
      size_t k = (size_t)g * p + j;
      double mu = (xm[k] - cm[g].c) * cm[g].s + sh;
      M[7][k] = w->flat[g] ? amap_u(lo[g], cm + g) + sh : mu;
      M[8][k] = w->flat[g] || count[g] < 2
                    ? 0.0
                    : fabs(cm[g].s) * sqrt((double)(s[g] / (count[g] - 1)));
    }
  }
}

/* Every statistic of the p columns over the G groups in at most three
   passes (range and sums; entropy and centred sums of squares; cross
   products for CRITIC). norm: 0 min-max, 1 base period (its range in
   base_lo, base_hi), 2 vector, 3 sum. kden: the K of k = 1/ln K per group.
   want: 1 entropy e and information d = 1 - e (exact also when d is
   tiny), 2 mean and sd of v, 4 cross products. Matrices p x G, stored
   [g * p + j]; cross p x p x G, the correlations of v. The columns run on
   up to `threads` threads, each column on one thread, so the results do
   not depend on the thread count. */
SEXP regineq_index_stats(SEXP x, SEXP dir, SEXP grp, SEXP ngrp, SEXP shift,
                         SEXP norm, SEXP base, SEXP kden, SEXP want,
                         SEXP threads) {
  int p, G = Rf_asInteger(ngrp), nt = regineq_nthreads(threads);
  R_xlen_t n;
  const double **X = read_columns(x, grp, G, &p, &n);
  int nm = Rf_asInteger(norm), wt = Rf_asInteger(want);
  if (!Rf_isInteger(dir) || XLENGTH(dir) != p || !Rf_isReal(kden) ||
      XLENGTH(kden) != G || nm < 0 || nm > 3 ||
      (nm == NORM_BASE && (!Rf_isReal(base) || XLENGTH(base) != 2 * p)))
    Rf_error("regineq_index_stats: invalid arguments");
  const int *gr = INTEGER(grp);
  size_t pg = (size_t)p * G;

  SEXP out = PROTECT(Rf_mkNamed(VECSXP, stat_names));
  stats_job job = {.x = X, .n = n, .p = p, .G = G, .norm = nm, .want = wt,
                   .grp = gr, .dir = INTEGER(dir),
                   .base = nm == NORM_BASE ? REAL(base) : NULL,
                   .kden = REAL(kden), .shift = Rf_asReal(shift)};
  for (int k = 0; k < 11; k++) job.M[k] = REAL(new_matrix(out, k, p, G));
  double *S = NULL;
  if (wt & 4) {
    SEXP cr = Rf_alloc3DArray(REALSXP, p, p, G);
    SET_VECTOR_ELT(out, 11, cr);
    S = REAL(cr);
  }
  double *count = (double *)R_alloc(G, sizeof(double));
  for (int g = 0; g < G; g++) count[g] = 0;
  for (R_xlen_t i = 0; i < n; i++) count[gr[i] - 1] += 1;
  job.count = count;
  job.all = (amap *)R_alloc(pg, sizeof(amap));
  job.xmean = (double *)R_alloc(pg, sizeof(double));
  stats_scratch *scratch =
      (stats_scratch *)R_alloc(nt, sizeof(stats_scratch));
  for (int t = 0; t < nt; t++) scratch[t] = new_scratch(G);

  /* chunks of columns of about 16 CHUNK_WORK cells (a fraction of a second;
     at least one column per thread), with an interrupt check between
     chunks: smaller chunks left one thread idle at each chunk's end */
  R_xlen_t per = n + G;
  R_xlen_t chunk = regineq_chunk(16 * (R_xlen_t)CHUNK_WORK, per, nt);
  R_xlen_t work = 0;
  for (int j0 = 0; j0 < p; j0 += (int)chunk) {
    int j1 = p - j0 < chunk ? p : j0 + (int)chunk;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) \
    if ((R_xlen_t)(j1 - j0) * per >= PAR_WORK)
#endif
    for (int j = j0; j < j1; j++) column_stats(&job, j, scratch + THREAD_NUM);
    regineq_tick(&work, (R_xlen_t)(j1 - j0) * 2 * per);
  }
  if (S) {
    double *SL = job.M[4];
    cross_products(X, n, p, gr, G, job.all, job.xmean, S);
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
    if (dpj) {
      double r2 = q->wr * q->wr;
      dpj[i] += r2 * a * a;
      dmj[i] += r2 * b * b;
    }
  } else {
    double v = u + shift;
    score[i] += q->w * v;
    if (dsj) dsj[i] += q->wr * v;
  }
}

/* TOPSIS (topsis = 1) or linear scores of every row, overall and per
   dimension (none when ndim = 0), given the maps, the column extremes of u
   over each group (umin, umax) and the weights w (p x G). Rows go in blocks that stay in
   cache; within a block, squared distances accumulate column by column
   (x read in memory order), always in column order, so that a row's score
   is the same whichever thread computes its block. The shift cancels in
   every TOPSIS distance. */
enum { SBLOCK = 4096 };

typedef struct {
  const double *const *x;
  R_xlen_t n;
  int p, G, ndim, topsis;
  const int *grp, *dim;
  const colpar *cp; /* p x G, [j * G + g] */
  const double *wd; /* each dimension's total weight, G x ndim */
  double shift;
  double *score, *dplus, *dminus, *dscore, *dp, *dm;
} scores_job;

static void score_block(const scores_job *job, R_xlen_t i0, R_xlen_t i1) {
  R_xlen_t n = job->n;
  int G = job->G, ndim = job->ndim, topsis = job->topsis;
  const int *grp = job->grp;
  double *dplus = job->dplus, *dminus = job->dminus, *score = job->score;
  for (R_xlen_t i = i0; i < i1; i++) dplus[i] = dminus[i] = score[i] = 0.0;
  for (int d = 0; d < ndim; d++)
    for (R_xlen_t i = i0; i < i1; i++) {
      job->dscore[(size_t)d * n + i] = 0.0;
      if (topsis) job->dp[(size_t)d * n + i] = job->dm[(size_t)d * n + i] = 0.0;
    }
  for (int j = 0; j < job->p; j++) {
    const double *xj = job->x[j];
    const colpar *cj = job->cp + (size_t)j * G;
    /* no dimension scores (ndim = 0): no dimension sums */
    size_t d = ndim > 0 ? (size_t)(job->dim[j] - 1) * n : 0;
    double *dpj = topsis && ndim > 0 ? job->dp + d : NULL;
    double *dmj = topsis && ndim > 0 ? job->dm + d : NULL;
    double *dsj = ndim > 0 ? job->dscore + d : NULL;
    if (G == 1) {
      /* the pooled scope: the column's constants stay in registers */
      colpar q = cj[0];
      if (q.w != 0.0)
        for (R_xlen_t i = i0; i < i1; i++)
          score_row(xj[i], &q, topsis, job->shift, i, dplus, dminus, dpj, dmj,
                    score, dsj);
    } else {
      for (R_xlen_t i = i0; i < i1; i++) {
        const colpar *q = cj + grp[i] - 1;
        if (q->w != 0.0)
          score_row(xj[i], q, topsis, job->shift, i, dplus, dminus, dpj, dmj,
                    score, dsj);
      }
    }
  }
  if (topsis) {
    for (R_xlen_t i = i0; i < i1; i++) {
      dplus[i] = sqrt(dplus[i]);
      dminus[i] = sqrt(dminus[i]);
      double t = dplus[i] + dminus[i];
      score[i] = t > 0 ? dminus[i] / t : NA_REAL;
    }
  }
  for (int d = 0; d < ndim; d++) {
    double *ds = job->dscore + (size_t)d * n;
    for (R_xlen_t i = i0; i < i1; i++) {
      int g = grp[i] - 1;
      if (!(job->wd[g * ndim + d] > 0)) {
        ds[i] = NA_REAL; /* a dimension whose indicators all weigh 0 */
      } else if (topsis) {
        double a = sqrt(job->dp[(size_t)d * n + i]);
        double b = sqrt(job->dm[(size_t)d * n + i]);
        ds[i] = (a + b) > 0 ? b / (a + b) : NA_REAL;
      }
    }
  }
}

static void scores(const double *const *x, R_xlen_t n, int p, const int *grp,
                   int G, const amap *mm, const double *umin,
                   const double *umax, double shift, const double *w,
                   const int *dim, int ndim, int topsis, int nt, double *score,
                   double *dplus, double *dminus, double *dscore) {
  double *wd = (double *)R_alloc((size_t)G * ndim + 1, sizeof(double));
  for (int k = 0; k < G * ndim; k++) wd[k] = 0.0;
  for (int j = 0; j < p && ndim > 0; j++)
    for (int g = 0; g < G; g++) wd[g * ndim + dim[j] - 1] += w[g * p + j];
  /* each column's constants in each group, with its weight within its
     dimension */
  colpar *cp = (colpar *)R_alloc((size_t)p * G, sizeof(colpar));
  for (int j = 0; j < p; j++) {
    int d = dim[j] - 1;
    for (int g = 0; g < G; g++) {
      size_t gj = (size_t)g * p + j;
      double tot = ndim > 0 ? wd[g * ndim + d] : 0.0;
      double wr = tot > 0 ? w[gj] / tot : 0.0;
      cp[(size_t)j * G + g] = (colpar){mm[gj], umin[gj], umax[gj], w[gj], wr};
    }
  }
  scores_job job = {.x = x, .n = n, .p = p, .G = G, .ndim = ndim,
                    .topsis = topsis, .grp = grp, .dim = dim, .cp = cp,
                    .wd = wd, .shift = shift, .score = score, .dplus = dplus,
                    .dminus = dminus, .dscore = dscore};
  if (topsis) {
    size_t nd = (size_t)n * ndim;
    job.dp = (double *)R_alloc(nd, sizeof(double));
    job.dm = (double *)R_alloc(nd, sizeof(double));
  }
  /* chunks of blocks of about CHUNK_WORK cells, with an interrupt check
     between chunks */
  R_xlen_t nblock = (n + SBLOCK - 1) / SBLOCK;
  R_xlen_t per = (R_xlen_t)SBLOCK * (p + ndim);
  R_xlen_t chunk = regineq_chunk(CHUNK_WORK, per, 2 * nt), work = 0;
  for (R_xlen_t b0 = 0; b0 < nblock; b0 += chunk) {
    R_xlen_t b1 = nblock - b0 < chunk ? nblock : b0 + chunk;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) \
    if ((b1 - b0) * per >= PAR_WORK)
#endif
    for (R_xlen_t b = b0; b < b1; b++) {
      R_xlen_t i0 = b * SBLOCK, i1 = n - i0 < SBLOCK ? n : i0 + SBLOCK;
      score_block(&job, i0, i1);
    }
    regineq_tick(&work, (b1 - b0) * per);
  }
}

static const char *score_names[] = {"score", "d_plus", "d_minus", "dimension",
                                    ""};

/* Scores of the p columns x (method 1 TOPSIS, 2 linear) from the maps,
   extremes and weights that regineq_index_stats() and R produced; with
   ndim = 0 (a spec without dimensions) no dimension scores (n x 0). */
SEXP regineq_index_scores(SEXP x, SEXP grp, SEXP ngrp, SEXP scale, SEXP c,
                          SEXP s, SEXP umin, SEXP umax, SEXP shift,
                          SEXP weights, SEXP dim, SEXP ndim, SEXP method,
                          SEXP threads) {
  int p, G = Rf_asInteger(ngrp), D = Rf_asInteger(ndim);
  int nt = regineq_nthreads(threads);
  R_xlen_t n;
  const double **X = read_columns(x, grp, G, &p, &n);
  size_t pg = (size_t)p * G;
  amap *mm = read_maps(scale, c, s, pg);
  check_extremes(umin, umax, weights, pg);
  if (!Rf_isInteger(dim) || XLENGTH(dim) != p || D < 0)
    Rf_error("regineq_index_scores: invalid arguments");
  const int *dm = INTEGER(dim);
  for (int j = 0; j < p && D > 0; j++)
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
         nt, col[0], col[1], col[2], col[3]);
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
