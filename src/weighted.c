/* Population-weighted inequality of one period at a time, and the bootstrap
   and permutation replicates built on it.

   Each period arrives sorted ascending (ordered once, in R), with a weight w_i
   >= 0 and a 1-based group per value. With population shares p_i = w_i / W,
   mu = sum p_i y_i and, per group g, P_g = sum_{i in g} p_i, mu_g its mean:
     Gini  G = sum_i sum_r p_i p_r |y_i - y_r| / (2 mu);
     Theil T = sum_i p_i (y_i / mu) ln(y_i / mu), L = sum_i p_i ln(mu / y_i),
       T = sum_g s_g T_g + sum_g s_g ln(mu_g / mu), s_g = P_g mu_g / mu,
       L = sum_g P_g L_g + sum_g P_g ln(mu / mu_g);
     Dagum (1997), the weighted form: with A_jh = sum_{i in j} sum_{r in h,
       y_r < y_i} p_i p_r (y_i - y_r), G_jj = A_jj / (P_j^2 mu_j),
       G_jh = (A_jh + A_hj) / (P_j P_h (mu_j + mu_h)),
       D_jh = |A_jh - A_hj| / (A_jh + A_hj), and Gw, Gnb, Gt as in dagum.c
       with p_j = P_j and s_j = P_j mu_j / mu, so that G = Gw + Gnb + Gt.
   Every A_jh comes from one pass over the sorted period: each value meets
   the running weight and weighted sum of every group below it, so a period
   costs O(n G) once sorted. A bootstrap replicate only changes the weights
   (w_i times the number of times region i is drawn) and a permutation only
   the groups: neither re-sorts.

   Values are rescaled by 2^e just above the period's maximum (exact), the
   pass runs on the deviations from the mean (so 1e9 + noise keeps its
   digits), and Theil's terms are f(d), g(d) of the relative deviations as
   in inequality.c. Rows with weight 0 are skipped: they are dropped rows. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "regineq.h"

/* Layout of the statistics of one period: NPER period values, then NGRP
   values for each group, then NPAIR values for each pair j < h. */
enum {
  W_W, W_N, W_MEAN, W_SD, W_GINI, W_TT, W_TL, W_MLOG, W_SDLOG,
  W_TW, W_TB, W_LW, W_LB, W_GW, W_GNB, W_GT, NPER
};
enum { G_W, G_N, G_MEAN, G_SD, G_GINI, G_TT, G_TL, G_MLOG, G_SDLOG, NGRP };
enum { P_GINI, P_D, NPAIR };

/* What to compute: the moments and Theil (O(n)), the Gini pair sums
   (O(n G)), or both. */
enum { WANT_MOMENTS = 1, WANT_GINI = 2 };

static R_xlen_t regineq_wsize(int G) {
  return NPER + (R_xlen_t)NGRP * G + (R_xlen_t)NPAIR * G * (G - 1) / 2;
}

/* Scratch for one period with G groups: per-group accumulators and the
   G x G pair sums. */
typedef struct {
  int G;
  long double *acc;
  double *wg, *sg, *cnt, *cum, *csum, *A, *centre;
  double *mg, *inv, *lmg;
} wscratch;

static wscratch scratch_new(int G) {
  wscratch s;
  s.G = G;
  s.wg = (double *)R_alloc(G, sizeof(double));
  s.sg = (double *)R_alloc(G, sizeof(double));
  s.cnt = (double *)R_alloc(G, sizeof(double));
  s.cum = (double *)R_alloc(G, sizeof(double));
  s.csum = (double *)R_alloc((size_t)G * G, sizeof(double));
  s.centre = (double *)R_alloc((size_t)G * G, sizeof(double));
  s.A = (double *)R_alloc((size_t)G * G, sizeof(double));
  s.acc = regineq_alloc_ld((size_t)G * 8);
  s.mg = (double *)R_alloc(G, sizeof(double));
  s.inv = (double *)R_alloc(G, sizeof(double));
  s.lmg = (double *)R_alloc(G, sizeof(double));
  return s;
}

/* As in inequality.c: a mean of f() or g() over deviations whose own mean c
   is not exactly 0 loses c^2 / 2; never negative. */
static inline double unbias_w(long double mean_term, double c) {
  double v = (double)(mean_term - 0.5L * c * c);
  return v > 0 ? v : 0.0;
}

/* ln(y / mu) and the Theil terms f, g of the relative deviation
   d = t / m - 1 of t = y / 2^e from the rescaled mean m, given lt = ln t
   (computed once per value) and lm = ln m. Near the mean (|d| < 0.1) the
   series of regineq_theil_series() gives f, g and ln(1 + d) = d - g with
   no log and no cancellation; elsewhere ln(t / m) = lt - lm. */
static inline void log_terms(double t, double m, double lt, double lm,
                             double *lq, double *f, double *g) {
  double d = (t - m) / m;
  if (fabs(d) < 0.1) {
    regineq_theil_series(d, f, g);
    *lq = d - *g;
  } else if (t > 0 || lt > R_NegInf) {
    double l = lt - lm, vf = (t / m) * l - d, vg = d - l;
    *lq = l;
    *f = vf > 0 ? vf : 0.0;
    *g = vg > 0 ? vg : 0.0;
  } else {
    *lq = 0.0;
    *f = 1.0; /* 0 ln 0 = 0 */
    *g = 0.0;
  }
}

/* The pair sums A (G x G, row = the group of the larger value) of one
   sorted period: each value closes its pairs with the running weight cum[h]
   and the running weighted deviation csum of every group below it. The
   deviations are taken from a centre that suits the pair sum (any centre
   gives the same sum in exact arithmetic): the group's mean for pairs
   within a group, the midpoint of the two means between groups, so that
   values near their own mean keep their digits (1e9 + noise) and a group
   far below the period's mean keeps its own differences. Zero weights add
   nothing, with no branch. */
static void gini_pass(const double *t, const double *w, const int *g,
                      R_xlen_t n, double m, double invW, int G,
                      wscratch *s) {
  double *A = s->A, *cum = s->cum, *csum = s->csum, *C = s->centre;
  if (G == 1) { /* the common case, in registers */
    double a = 0, c = 0, cs = 0;
    for (R_xlen_t i = 0; i < n; i++) {
      double p = w[i] * invW, px = p * (t[i] - m);
      a += px * c - p * cs;
      c += p;
      cs += px;
    }
    A[0] = a;
    return;
  }
  for (int j = 0; j < G; j++)
    for (int h = 0; h < G; h++)
      C[j * G + h] = j == h ? s->mg[j] : 0.5 * (s->mg[j] + s->mg[h]);
  for (int k = 0; k < G * G; k++) A[k] = csum[k] = 0.0;
  for (int k = 0; k < G; k++) cum[k] = 0.0;
  for (R_xlen_t i = 0; i < n; i++) {
    int k = g[i] - 1;
    double p = w[i] * invW, ti = t[i];
    double *Ak = A + (R_xlen_t)k * G, *Ck = C + (R_xlen_t)k * G,
           *Sk = csum + (R_xlen_t)k * G;
    for (int h = 0; h < G; h++) Ak[h] += p * (ti - Ck[h]) * cum[h] - p * Sk[h];
    cum[k] += p;
    /* csum[j][k]: group k's deviations from the centre of pair (j, k) */
    for (int j = 0; j < G; j++) csum[j * G + k] += p * (ti - C[j * G + k]);
  }
}

/* The statistics of one sorted period y[0..n), given as t = y / 2^e (exact;
   2^e at least the period's maximum), with weights w and 1-based groups g
   into out[0..regineq_wsize(G)). y itself is read only for values so small
   that t underflows. */
static void wperiod(const double *y, const double *t_, const double *lt,
                    int e, const double *w, const int *g, R_xlen_t n,
                    int want, wscratch *s, double *out, R_xlen_t *work) {
  int G = s->G;
  R_xlen_t K = regineq_wsize(G);
  for (R_xlen_t k = 0; k < K; k++) out[k] = NA_REAL;
  double *per = out, *grp = out + NPER, *pair = out + NPER + NGRP * G;

  /* pass 1: weights and weighted sums per group; no branch on the weights,
     whose zeros are random in a bootstrap replicate */
  double *wg = s->wg, *sg = s->sg, *cnt = s->cnt;
  if (G == 1) {
    double a = 0, b = 0, c = 0;
    for (R_xlen_t i = 0; i < n; i++) {
      a += w[i];
      b += w[i] * t_[i];
      c += w[i] > 0;
    }
    wg[0] = a;
    sg[0] = b;
    cnt[0] = c;
  } else {
    for (int k = 0; k < G; k++) wg[k] = sg[k] = cnt[k] = 0.0;
    for (R_xlen_t i = 0; i < n; i++) {
      int k = g[i] - 1;
      wg[k] += w[i];
      sg[k] += w[i] * t_[i];
      cnt[k] += w[i] > 0;
    }
  }
  double W = 0.0, S = 0.0, npos = 0.0;
  for (int k = 0; k < G; k++) {
    W += wg[k];
    S += sg[k];
    npos += cnt[k];
  }
  per[W_W] = W;
  per[W_N] = npos;
  if (npos == 0) return;
  double m = S / W, invW = 1.0 / W;
  per[W_MEAN] = ldexp(m, e);
  for (int k = 0; k < G; k++) {
    double *gk = grp + (R_xlen_t)NGRP * k;
    gk[G_W] = wg[k];
    gk[G_N] = cnt[k];
    s->mg[k] = wg[k] > 0 ? sg[k] / wg[k] : 0.0;
    s->inv[k] = wg[k] > 0 ? 1.0 / wg[k] : 0.0;
    s->lmg[k] = s->mg[k] > 0 ? log(s->mg[k]) : 0.0;
    if (wg[k] > 0) gk[G_MEAN] = ldexp(s->mg[k], e);
  }
  if (want & WANT_GINI) gini_pass(t_, w, g, n, m, invW, G, s);

  /* pass 3: deviations and logs */
  long double *acc = s->acc; /* per group: 8 running sums */
  for (int k = 0; k < 8 * G; k++) acc[k] = 0.0L;
  long double ss = 0, tt = 0, tl = 0, td = 0, sl = 0, sl2 = 0;
  int all_pos = 1;
  double lm = m > 0 ? log(m) : 0.0;
  for (R_xlen_t i = 0; i < n && (want & WANT_MOMENTS); i++) {
    /* a weight of 0 adds 0 to every sum: with one group, no branch on it
       (a replicate's zeros are random, and mispredicted branches cost more
       than the terms); with several, skipping saves the group's terms */
    if (G > 1 && !(w[i] > 0)) continue;
    int k = g[i] - 1;
    double p = w[i] * invW, t = t_[i], x = t - m;
    if ((w[i] > 0) & (y[i] <= 0)) {
      all_pos = 0;
      acc[8 * k + 7] += 1.0L; /* zeros of the group: it has no L */
    }
    double lq, f, gg;
    ss += (long double)p * x * x;
    if (m > 0) {
      log_terms(t, m, lt[i], lm, &lq, &f, &gg);
      tt += p * f;
      tl += p * gg;
      td += p * ((t - m) / m);
      sl += p * lq;
      sl2 += (long double)p * lq * lq;
    }
    double mk = s->mg[k];
    if (G > 1 && mk > 0) { /* one group: its statistics are the period's */
      double pk = w[i] * s->inv[k];
      log_terms(t, mk, lt[i], s->lmg[k], &lq, &f, &gg);
      long double *a = acc + 8 * k;
      a[0] += (long double)pk * (t - mk) * (t - mk);
      a[1] += pk * f;
      a[2] += pk * gg;
      a[3] += pk * ((t - mk) / mk);
      a[4] += pk * lq;
      a[5] += (long double)pk * lq * lq;
      a[6] += pk * ((t - m) / m); /* delta_g, exactly */
    }
    if (work) regineq_tick(work, G);
  }

  if (want & WANT_MOMENTS) {
    /* the rounded mean leaves the deviations a mean c m: take it out */
    double c = m > 0 ? (double)td : 0.0, v = (double)ss - (c * m) * (c * m);
    per[W_SD] = ldexp(sqrt(v > 0 ? v : 0.0), e);
    per[W_TT] = m > 0 ? unbias_w(tt, c) : 0.0;
    if (all_pos) {
      per[W_TL] = unbias_w(tl, c);
      double var = (double)(sl2 - sl * sl);
      per[W_MLOG] = (double)sl + lm + e * M_LN2;
      per[W_SDLOG] = sqrt(var > 0 ? var : 0.0);
    }
    long double tw = 0, tb = 0, lw = 0, lb = 0, cb = 0;
    if (G == 1) {
      double *g0 = grp;
      g0[G_SD] = per[W_SD];
      g0[G_TT] = per[W_TT];
      g0[G_TL] = per[W_TL];
      g0[G_MLOG] = per[W_MLOG];
      g0[G_SDLOG] = per[W_SDLOG];
      tw = per[W_TT];
      lw = per[W_TL];
    }
    for (int k = 0; k < G && G > 1; k++) {
      if (!(wg[k] > 0)) continue;
      double *gk = grp + (R_xlen_t)NGRP * k;
      long double *a = acc + 8 * k;
      double Pk = wg[k] * invW, mk = s->mg[k];
      if (mk > 0) {
        double ck = (double)a[3], vk = (double)a[0] - (ck * mk) * (ck * mk);
        gk[G_SD] = ldexp(sqrt(vk > 0 ? vk : 0.0), e);
        gk[G_TT] = unbias_w(a[1], ck);
        gk[G_TL] = unbias_w(a[2], ck);
        double var = (double)(a[5] - a[4] * a[4]);
        gk[G_MLOG] = (double)a[4] + s->lmg[k] + e * M_LN2;
        gk[G_SDLOG] = sqrt(var > 0 ? var : 0.0);
      } else { /* an all-zero group */
        gk[G_SD] = 0.0;
        gk[G_TT] = 0.0;
      }
      /* a group with a zero value has no L, nor logs */
      if (a[7] > 0) gk[G_TL] = gk[G_MLOG] = gk[G_SDLOG] = NA_REAL;
      if (m > 0) {
        double dg = mk > 0 ? (double)a[6] : -1.0;
        double sk = Pk * (1.0 + dg);
        cb += Pk * dg;
        if (sk > 0) tw += sk * gk[G_TT];
        tb += Pk * regineq_theil_f(dg);
        if (all_pos) {
          lw += Pk * gk[G_TL];
          lb += Pk * (dg > -0.5 ? regineq_theil_g(dg)
                                : dg - (log(mk) - log(m)));
        }
      }
    }
    per[W_TW] = m > 0 ? (double)tw : 0.0;
    per[W_TB] = m > 0 && G > 1 ? unbias_w(tb, (double)cb) : 0.0;
    if (all_pos && G == 1) {
      per[W_LW] = (double)lw;
      per[W_LB] = 0.0;
    } else if (all_pos) {
      per[W_LW] = (double)lw;
      per[W_LB] = unbias_w(lb, (double)cb);
    }
  }

  if (want & WANT_GINI) {
    long double tot = 0.0L;
    for (int k = 0; k < G * G; k++) tot += s->A[k];
    per[W_GINI] = m > 0 ? (double)(tot / m) : 0.0;
    long double gw = 0, gnb = 0, gt = 0;
    for (int j = 0; j < G; j++) {
      if (!(wg[j] > 0)) continue;
      double Pj = wg[j] * invW, mj = s->mg[j];
      double gjj = mj > 0 ? (double)(s->A[(R_xlen_t)j * G + j] /
                                     ((long double)Pj * Pj * mj))
                          : 0.0;
      grp[(R_xlen_t)NGRP * j + G_GINI] = gjj;
      if (m > 0) gw += gjj * Pj * (Pj * mj / m);
    }
    R_xlen_t q = 0;
    for (int j = 0; j < G; j++) {
      for (int h = j + 1; h < G; h++, q++) {
        if (!(wg[j] > 0) || !(wg[h] > 0)) continue;
        double Pj = wg[j] * invW, Ph = wg[h] * invW;
        double mj = s->mg[j], mh = s->mg[h];
        long double ajh = s->A[(R_xlen_t)j * G + h],
                    ahj = s->A[(R_xlen_t)h * G + j];
        /* rounding can leave a sum of non-negative terms just below 0 */
        if (ajh < 0) ajh = 0;
        if (ahj < 0) ahj = 0;
        long double sum = ajh + ahj;
        double gjh = mj + mh > 0
                         ? (double)(sum / ((long double)Pj * Ph * (mj + mh)))
                         : 0.0;
        double djh = sum > 0 ? (double)(fabsl(ajh - ahj) / sum) : 0.0;
        pair[(R_xlen_t)NPAIR * q + P_GINI] = gjh;
        pair[(R_xlen_t)NPAIR * q + P_D] = djh;
        if (m > 0) {
          double wt = Pj * (Ph * mh / m) + Ph * (Pj * mj / m);
          gnb += gjh * wt * djh;
          gt += gjh * wt * (1.0 - djh);
        }
      }
    }
    per[W_GW] = m > 0 ? (double)gw : 0.0;
    per[W_GNB] = m > 0 ? (double)gnb : 0.0;
    per[W_GT] = m > 0 ? (double)gt : 0.0;
  }
}

/* Shared checks of the sorted panel: y, w (double), g (integer, 1..G) of
   one length, and period offsets off[0] = 0 <= ... <= off[T] = n. */
static R_xlen_t check_sorted(SEXP y, SEXP w, SEXP grp, SEXP off, int G,
                             const char *who) {
  R_xlen_t n = XLENGTH(y);
  if (!Rf_isReal(y) || !Rf_isReal(w) || !Rf_isInteger(grp) ||
      !Rf_isReal(off) || XLENGTH(w) != n || XLENGTH(grp) != n ||
      XLENGTH(off) < 2 || G < 1)
    Rf_error("%s: invalid arguments", who);
  const double *o = REAL(off);
  R_xlen_t T = XLENGTH(off) - 1;
  if (o[0] != 0 || o[T] != (double)n) Rf_error("%s: invalid offsets", who);
  for (R_xlen_t t = 0; t < T; t++)
    if (o[t + 1] < o[t]) Rf_error("%s: invalid offsets", who);
  const int *gr = INTEGER(grp);
  for (R_xlen_t i = 0; i < n; i++)
    if (gr[i] < 1 || gr[i] > G) Rf_error("%s: group out of range", who);
  return n;
}

/* t = y / 2^e per period, e just above the period's maximum (the last of
   its sorted values): computed once, whatever the replicates' weights. */
static double *rescale_periods(const double *y, const double *off, R_xlen_t T,
                               R_xlen_t n, int **ep, double **ltp) {
  double *t = (double *)R_alloc(n > 0 ? n : 1, sizeof(double));
  double *lt = (double *)R_alloc(n > 0 ? n : 1, sizeof(double));
  int *e = (int *)R_alloc(T, sizeof(int));
  for (R_xlen_t p = 0; p < T; p++) {
    R_xlen_t a = (R_xlen_t)off[p], b = (R_xlen_t)off[p + 1];
    e[p] = 0;
    if (b > a && y[b - 1] > 0) frexp(y[b - 1], e + p);
    for (R_xlen_t i = a; i < b; i++) {
      t[i] = ldexp(y[i], -e[p]);
      /* ln t, from y when t underflows; -Inf for 0 */
      lt[i] = y[i] <= 0 ? R_NegInf
                        : (t[i] >= DBL_MIN ? log(t[i]) : log(y[i]) - e[p] * M_LN2);
    }
  }
  *ep = e;
  *ltp = lt;
  return t;
}

/* The statistics of the T periods (offsets o) with weights w and groups g
   into out (K = regineq_wsize(G) values a period). With `work`, the user
   can interrupt within long periods; a replicate run on a thread passes
   NULL (no R API there) and is interrupted between chunks of replicates. */
static void all_periods(const double *y, const double *tv, const double *lt,
                        const int *ex, const double *w, const int *g,
                        const double *o, R_xlen_t T, int what, wscratch *s,
                        double *out, R_xlen_t *work) {
  R_xlen_t K = regineq_wsize(s->G);
  for (R_xlen_t p = 0; p < T; p++) {
    R_xlen_t a = (R_xlen_t)o[p], z = (R_xlen_t)o[p + 1];
    wperiod(y + a, tv + a, lt + a, ex[p], w + a, g + a, z - a, what, s,
            out + K * p, work);
  }
}

/* The statistics of every period: a regineq_wsize(G) x T matrix. */
SEXP regineq_weighted(SEXP y, SEXP w, SEXP grp, SEXP off, SEXP ngrp,
                      SEXP want) {
  int G = Rf_asInteger(ngrp), what = Rf_asInteger(want);
  check_sorted(y, w, grp, off, G, "regineq_weighted");
  R_xlen_t T = XLENGTH(off) - 1, K = regineq_wsize(G);
  SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)K, (int)T));
  wscratch s = scratch_new(G);
  const double *o = REAL(off);
  int *ex;
  double *lt, *tv = rescale_periods(REAL(y), o, T, XLENGTH(y), &ex, &lt);
  R_xlen_t work = 0;
  all_periods(REAL(y), tv, lt, ex, REAL(w), INTEGER(grp), o, T, what, &s,
              REAL(out), &work);
  UNPROTECT(1);
  return out;
}

/* Regions by group: members[start[k] .. start[k + 1]) are the 0-based
   regions of group k (0-based). */
typedef struct {
  int *members;
  R_xlen_t *start;
} region_groups;

static region_groups group_regions(const int *rgrp, R_xlen_t nreg, int G) {
  region_groups rg;
  rg.start = (R_xlen_t *)R_alloc(G + 1, sizeof(R_xlen_t));
  rg.members = (int *)R_alloc(nreg > 0 ? nreg : 1, sizeof(int));
  for (int k = 0; k <= G; k++) rg.start[k] = 0;
  for (R_xlen_t r = 0; r < nreg; r++) rg.start[rgrp[r]]++;
  for (int k = 0; k < G; k++) rg.start[k + 1] += rg.start[k];
  R_xlen_t *pos = (R_xlen_t *)R_alloc(G, sizeof(R_xlen_t));
  for (int k = 0; k < G; k++) pos[k] = rg.start[k];
  for (R_xlen_t r = 0; r < nreg; r++) rg.members[pos[rgrp[r] - 1]++] = (int)r;
  return rg;
}

/* Scratch for draw_group(): the draws, bucketed, and the bucket counts. */
typedef struct {
  uint32_t *draw, *sorted;
  R_xlen_t *count;
} draw_buffers;

enum { BUCKET_BITS = 12 }; /* 4096 counters a bucket: 16 kB, in L1 */

static draw_buffers draw_buffers_new(R_xlen_t nreg) {
  draw_buffers d = {NULL, NULL, NULL};
  if (nreg <= ((R_xlen_t)1 << 16)) return d;
  d.draw = (uint32_t *)R_alloc(nreg, sizeof(uint32_t));
  d.sorted = (uint32_t *)R_alloc(nreg, sizeof(uint32_t));
  d.count = (R_xlen_t *)R_alloc((nreg >> BUCKET_BITS) + 2, sizeof(R_xlen_t));
  return d;
}

/* ng draws with replacement among the regions members[0..ng): mult[r] +=
   the times region r is drawn. For many regions the draws are first
   bucketed by their high bits (a counting sort), so that the increments
   stay within a cache-sized block instead of missing the cache on every
   draw; the multiplicities are the same either way. */
static void draw_group(regineq_rng *rng, const int *members, R_xlen_t ng,
                       int *mult, draw_buffers *buf) {
  if (ng <= ((R_xlen_t)1 << 16) || !buf->draw) {
    for (R_xlen_t d = 0; d < ng; d++)
      mult[members[regineq_rng_index32(rng, (uint32_t)ng)]]++;
    return;
  }
  R_xlen_t nb = (ng >> BUCKET_BITS) + 1, *count = buf->count;
  for (R_xlen_t j = 0; j <= nb; j++) count[j] = 0;
  for (R_xlen_t d = 0; d < ng; d++) {
    uint32_t x = regineq_rng_index32(rng, (uint32_t)ng);
    buf->draw[d] = x;
    count[(x >> BUCKET_BITS) + 1]++;
  }
  for (R_xlen_t j = 1; j <= nb; j++) count[j] += count[j - 1];
  for (R_xlen_t d = 0; d < ng; d++) {
    uint32_t x = buf->draw[d];
    buf->sorted[count[x >> BUCKET_BITS]++] = x;
  }
  for (R_xlen_t d = 0; d < ng; d++) mult[members[buf->sorted[d]]]++;
}

/* The key of the replicates' streams, given from R as two 32-bit halves
   (drawn there from R's RNG, so set.seed() reproduces them), so that two
   runs can share their draws. */
static uint64_t stream_key(SEXP key) {
  const double *k = REAL(key);
  for (int j = 0; j < 2; j++)
    if (!(k[j] >= 0 && k[j] < 4294967296.0))
      Rf_error("regineq: invalid random-stream key");
  return ((uint64_t)k[0] << 32) | (uint64_t)k[1];
}

/* What one replicate of the bootstrap or the permutation needs, shared by
   all threads (read only), and one thread's scratch. */
typedef struct {
  const double *y, *tv, *lt, *w, *o;
  const int *ex, *grp, *reg, *rg;
  R_xlen_t n, nreg, T, K;
  int G, what;
  uint64_t key;
  region_groups groups;
  double *out;      /* K x T per replicate */
  int *out_draws;   /* nreg per replicate (the bootstrap's draws only) */
} replicate_job;

typedef struct {
  int *mult, *lab, *gb;
  double *wb;
  draw_buffers buckets;
  wscratch s;
} replicate_scratch;

/* Replicates b0..b1 on up to nt threads, each with its own scratch; every
   replicate reads its own stream (key, b) and writes its own slice, so the
   results do not depend on the thread count. Interrupts between chunks of
   about CHUNK_WORK units. */
static void run_replicates(const replicate_job *job, int B, int nt,
                           replicate_scratch *sc,
                           void (*one)(const replicate_job *, int,
                                       replicate_scratch *)) {
  R_xlen_t per = job->nreg + job->n * (job->what & WANT_GINI ? job->G : 1) + 1;
  R_xlen_t chunk = regineq_chunk(CHUNK_WORK, per, 2 * nt), work = 0;
  for (R_xlen_t b0 = 0; b0 < B; b0 += chunk) {
    R_xlen_t b1 = B - b0 < chunk ? B : b0 + chunk;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) \
    if ((b1 - b0) * per >= PAR_WORK)
#endif
    for (R_xlen_t b = b0; b < b1; b++) one(job, (int)b, sc + THREAD_NUM);
    regineq_tick(&work, (b1 - b0) * per);
  }
}

/* Bootstrap replicate b: regions drawn with replacement within their group,
   then the periods' statistics under the drawn multiplicities (or the
   multiplicities alone). */
static void boot_one(const replicate_job *job, int b, replicate_scratch *sc) {
  regineq_rng rng;
  regineq_rng_stream(&rng, job->key, (uint64_t)b);
  memset(sc->mult, 0, job->nreg * sizeof(int));
  for (int k = 0; k < job->G; k++) {
    R_xlen_t a = job->groups.start[k], ng = job->groups.start[k + 1] - a;
    draw_group(&rng, job->groups.members + a, ng, sc->mult, &sc->buckets);
  }
  if (job->out_draws) {
    memcpy(job->out_draws + job->nreg * b, sc->mult, job->nreg * sizeof(int));
    return;
  }
  for (R_xlen_t i = 0; i < job->n; i++)
    sc->wb[i] = job->w[i] * sc->mult[job->reg[i] - 1];
  all_periods(job->y, job->tv, job->lt, job->ex, sc->wb, job->grp, job->o,
              job->T, job->what, &sc->s, job->out + job->K * job->T * b, NULL);
}

/* Permutation replicate b: the regions' groups shuffled (Fisher-Yates). */
static void perm_one(const replicate_job *job, int b, replicate_scratch *sc) {
  regineq_rng rng;
  regineq_rng_stream(&rng, job->key, (uint64_t)b);
  int *lab = sc->lab;
  memcpy(lab, job->rg, job->nreg * sizeof(int));
  for (R_xlen_t r = job->nreg - 1; r > 0; r--) {
    R_xlen_t q = regineq_rng_index32(&rng, (uint32_t)(r + 1));
    int tmp = lab[r];
    lab[r] = lab[q];
    lab[q] = tmp;
  }
  for (R_xlen_t i = 0; i < job->n; i++) sc->gb[i] = lab[job->reg[i] - 1];
  all_periods(job->y, job->tv, job->lt, job->ex, job->w, sc->gb, job->o,
              job->T, job->what, &sc->s, job->out + job->K * job->T * b, NULL);
}

/* The shared part of both jobs: the sorted panel rescaled once. */
static replicate_job new_job(SEXP y, SEXP w, SEXP off, int G, int what,
                             SEXP region, SEXP rgrp, SEXP key, R_xlen_t n) {
  replicate_job job;
  memset(&job, 0, sizeof(job));
  job.y = REAL(y);
  job.w = REAL(w);
  job.o = REAL(off);
  job.reg = INTEGER(region);
  job.rg = INTEGER(rgrp);
  job.n = n;
  job.nreg = XLENGTH(rgrp);
  job.T = XLENGTH(off) - 1;
  job.K = regineq_wsize(G);
  job.G = G;
  job.what = what;
  int *ex;
  double *lt;
  job.tv = rescale_periods(job.y, job.o, job.T, n, &ex, &lt);
  job.ex = ex;
  job.lt = lt;
  job.key = stream_key(key);
  return job;
}

/* Bootstrap replicates: in replicate b, regions are drawn with replacement
   within their group (rgrp: the 1-based group of each region, fixed over
   time), n_g draws in a group of n_g regions; region r drawn m_r times
   weighs m_r w_i in every period it has. `key` (two 32-bit halves) seeds
   the streams: the same key, the same draws, on any number of threads.
   Returns a regineq_wsize(G) x T x B array, or with `draws` TRUE the
   nreg x B matrix of multiplicities (for the tests). */
SEXP regineq_wboot(SEXP y, SEXP w, SEXP grp, SEXP off, SEXP ngrp, SEXP want,
                   SEXP region, SEXP rgrp, SEXP nboot, SEXP draws, SEXP key,
                   SEXP threads) {
  int G = Rf_asInteger(ngrp), what = Rf_asInteger(want);
  int B = Rf_asInteger(nboot), only_draws = Rf_asLogical(draws);
  int nt = regineq_nthreads(threads);
  R_xlen_t n = check_sorted(y, w, grp, off, G, "regineq_wboot");
  R_xlen_t nreg = XLENGTH(rgrp);
  if (!Rf_isInteger(region) || XLENGTH(region) != n ||
      !Rf_isInteger(rgrp) || B < 1 || nreg < 1 || nreg > INT_MAX ||
      !Rf_isReal(key) || XLENGTH(key) != 2)
    Rf_error("regineq_wboot: invalid arguments");
  const int *reg = INTEGER(region), *rg = INTEGER(rgrp);
  for (R_xlen_t i = 0; i < n; i++)
    if (reg[i] < 1 || reg[i] > nreg) Rf_error("regineq_wboot: bad region");
  for (R_xlen_t r = 0; r < nreg; r++)
    if (rg[r] < 1 || rg[r] > G) Rf_error("regineq_wboot: bad region group");

  replicate_job job = new_job(y, w, off, G, what, region, rgrp, key, n);
  job.grp = INTEGER(grp);
  job.groups = group_regions(rg, nreg, G);
  SEXP out;
  if (only_draws) {
    out = PROTECT(Rf_allocMatrix(INTSXP, (int)nreg, B));
    job.out_draws = INTEGER(out);
  } else {
    out = PROTECT(Rf_alloc3DArray(REALSXP, (int)job.K, (int)job.T, B));
    job.out = REAL(out);
  }
  replicate_scratch *sc =
      (replicate_scratch *)R_alloc(nt, sizeof(replicate_scratch));
  for (int t = 0; t < nt; t++) {
    sc[t].mult = (int *)R_alloc(nreg, sizeof(int));
    sc[t].buckets = draw_buffers_new(nreg);
    sc[t].wb = (double *)R_alloc(n > 0 ? n : 1, sizeof(double));
    sc[t].s = scratch_new(G);
  }
  run_replicates(&job, B, nt, sc, boot_one);
  UNPROTECT(1);
  return out;
}

/* Permutation replicates of the between-group parts: in replicate b the
   groups of the regions (rgrp) are shuffled among the regions (a uniform
   permutation, Fisher-Yates), each region keeping its one group in every
   period; `key` seeds the streams as in regineq_wboot(). Returns a
   regineq_wsize(G) x T x B array. */
SEXP regineq_wperm(SEXP y, SEXP w, SEXP off, SEXP ngrp, SEXP want,
                   SEXP region, SEXP rgrp, SEXP nperm, SEXP key,
                   SEXP threads) {
  int G = Rf_asInteger(ngrp), what = Rf_asInteger(want);
  int B = Rf_asInteger(nperm), nt = regineq_nthreads(threads);
  R_xlen_t nreg = XLENGTH(rgrp);
  if (!Rf_isInteger(region) || !Rf_isInteger(rgrp) || B < 1 || nreg < 1 ||
      nreg > INT_MAX || !Rf_isReal(key) || XLENGTH(key) != 2)
    Rf_error("regineq_wperm: invalid arguments");
  R_xlen_t n = check_sorted(y, w, region, off, (int)nreg, "regineq_wperm");
  const int *rg = INTEGER(rgrp);
  for (R_xlen_t r = 0; r < nreg; r++)
    if (rg[r] < 1 || rg[r] > G) Rf_error("regineq_wperm: bad region group");
  replicate_job job = new_job(y, w, off, G, what, region, rgrp, key, n);
  SEXP out = PROTECT(Rf_alloc3DArray(REALSXP, (int)job.K, (int)job.T, B));
  job.out = REAL(out);
  replicate_scratch *sc =
      (replicate_scratch *)R_alloc(nt, sizeof(replicate_scratch));
  for (int t = 0; t < nt; t++) {
    sc[t].lab = (int *)R_alloc(nreg, sizeof(int));
    sc[t].gb = (int *)R_alloc(n > 0 ? n : 1, sizeof(int));
    sc[t].s = scratch_new(G);
  }
  run_replicates(&job, B, nt, sc, perm_one);
  UNPROTECT(1);
  return out;
}
