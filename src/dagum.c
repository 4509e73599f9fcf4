/* Dagum (1997) Gini decomposition, O(n log n) per period.
   Dagum, C. (1997). A new approach to the decomposition of the Gini income
   inequality ratio. Empirical Economics 22, 515-531.
   G_jh = sum_i sum_r |y_ji - y_hr| / (n_j n_h (mu_j + mu_h)), G_jj likewise
   within j over 2 n_j^2 mu_j; p_j = n_j / n, s_j = n_j mu_j / (n mu);
   Gw = sum_j G_jj p_j s_j; Gnb = sum_{j<h} G_jh (p_j s_h + p_h s_j) D_jh;
   Gt = sum_{j<h} G_jh (p_j s_h + p_h s_j) (1 - D_jh);
   D_jh = (d_jh - p_jh) / (d_jh + p_jh), richer group first.
   Each group is sorted once; every pair sum comes from a merge of two sorted
   runs in gap form (each gap between consecutive merged values times the
   number of pairs it separates), so all terms are non-negative. */
#include <math.h>

#include "regineq.h"

/* Merge two sorted runs: da = sum (a - b)^+, db = sum (b - a)^+ over all
   pairs (a in A, b in B). The gap between consecutive merged values (never
   negative) separates r values of B below from na - i of A above, and i of A
   below from nb - r of B above. Branch-free while both runs last: which run
   the next value comes from is a coin flip the processor cannot predict. */
static void cross_sums(const double *a, R_xlen_t na, const double *b,
                       R_xlen_t nb, double scale, long double *da,
                       long double *db) {
  long double sa = 0.0L, sb = 0.0L;
  R_xlen_t i = 0, r = 0;
  double prev = fmin(a[0], b[0]) / scale;
  while (i < na && r < nb) {
    double va = a[i], vb = b[r];
    int take_a = va <= vb;
    double z = (take_a ? va : vb) / scale, gap = z - prev;
    sa += (long double)gap * (long double)r * (long double)(na - i);
    sb += (long double)gap * (long double)i * (long double)(nb - r);
    prev = z;
    i += take_a;
    r += 1 - take_a;
  }
  for (; r < nb; r++) { /* A is spent: only pairs with a below, b above */
    double z = b[r] / scale;
    sb += (long double)(z - prev) * (long double)na * (long double)(nb - r);
    prev = z;
  }
  for (; i < na; i++) {
    double z = a[i] / scale;
    sa += (long double)(z - prev) * (long double)nb * (long double)(na - i);
    prev = z;
  }
  *da = sa;
  *db = sb;
}

/* Output columns: per period (length T) the Gini ratio and its three
   components; per (period, group) cell n, mean and G_jj; per (period, pair
   j < h) G_jh and D_jh. */
enum { NOUT = 9 };
static const char *out_names[] = {"gini", "within", "between", "transvariation",
                                  "n",    "mean",   "gini_jj", "gini_jh",
                                  "D",    ""};

/* Dagum's (1997) decomposition G = Gw + Gnb + Gt (formulas above) of every
   period of y, bucketed by 1-based period and group, into the NOUT columns
   col[]. */
static void dagum_kernel(const double *y, const int *time, const int *grp,
                         R_xlen_t n, int T, int G, double *const *col) {
  R_xlen_t npair = (R_xlen_t)G * (G - 1) / 2;
  double *Gall = col[0], *Gw = col[1], *Gnb = col[2], *Gt = col[3], *N = col[4],
         *MU = col[5], *Gjj = col[6], *Gjh = col[7], *D = col[8];
  double *sorted = (double *)R_alloc(n, sizeof(double));
  R_xlen_t *off = (R_xlen_t *)R_alloc((R_xlen_t)T * G + 1, sizeof(R_xlen_t));
  regineq_bucket_sort(y, time, grp, n, T, G, sorted, off);
  double *mu = (double *)R_alloc(G, sizeof(double)); /* rescaled means */
  long double *within = regineq_alloc_ld(G);
  R_xlen_t work = 0;

  for (int t = 0; t < T; t++) {
    /* rescale the period by its maximum: every ratio is scale-free */
    double scale = 0.0;
    R_xlen_t nt = 0;
    for (int g = 0; g < G; g++) {
      R_xlen_t c = (R_xlen_t)t * G + g, ng = off[c + 1] - off[c];
      if (ng > 0 && sorted[off[c + 1] - 1] > scale)
        scale = sorted[off[c + 1] - 1];
      nt += ng;
    }
    if (scale <= 0) scale = 1.0;
    long double tot = 0.0L, pairs = 0.0L;
    for (int g = 0; g < G; g++) {
      R_xlen_t c = (R_xlen_t)t * G + g, ng = off[c + 1] - off[c];
      long double s = 0.0L;
      for (R_xlen_t i = off[c]; i < off[c + 1]; i++) s += sorted[i] / scale;
      mu[g] = ng > 0 ? (double)(s / ng) : 0.0;
      tot += s;
      within[g] = regineq_pair_sum(sorted + off[c], ng) / scale;
      pairs += within[g];
      N[c] = (double)ng;
      MU[c] = ng > 0 ? mu[g] * scale : NA_REAL;
      Gjj[c] = ng == 0
                   ? NA_REAL
                   : (mu[g] > 0
                          ? (double)(within[g] / ((long double)ng * ng * mu[g]))
                          : 0.0);
    }
    double m = (double)(tot / nt);
    long double gw = 0.0L, gnb = 0.0L, gt = 0.0L;
    for (int g = 0; g < G; g++) {
      R_xlen_t c = (R_xlen_t)t * G + g;
      if (N[c] > 0) gw += Gjj[c] * (N[c] / nt) * (N[c] * mu[g] / (nt * m));
    }
    R_xlen_t k = (R_xlen_t)t * npair;
    for (int j = 0; j < G; j++) {
      for (int h = j + 1; h < G; h++, k++) {
        R_xlen_t cj = (R_xlen_t)t * G + j, ch = (R_xlen_t)t * G + h;
        double nj = N[cj], nh = N[ch];
        if (nj == 0 || nh == 0) {
          Gjh[k] = D[k] = NA_REAL;
          continue;
        }
        long double da, db;
        cross_sums(sorted + off[cj], off[cj + 1] - off[cj], sorted + off[ch],
                   off[ch + 1] - off[ch], scale, &da, &db);
        long double s = da + db;
        pairs += s;
        regineq_tick(&work, off[cj + 1] - off[cj] + off[ch + 1] - off[ch]);
        double gjh =
            mu[j] + mu[h] > 0
                ? (double)(s / ((long double)nj * nh * (mu[j] + mu[h])))
                : 0.0;
        double djh = s > 0 ? (double)(fabsl(da - db) / s) : 0.0;
        Gjh[k] = gjh;
        D[k] = djh;
        double w = (nj / nt) * (nh * mu[h] / (nt * m)) +
                   (nh / nt) * (nj * mu[j] / (nt * m));
        gnb += gjh * w * djh;
        gt += gjh * w * (1.0 - djh);
      }
    }
    Gall[t] = m > 0 ? (double)(pairs / ((long double)nt * nt * m)) : 0.0;
    Gw[t] = m > 0 ? (double)gw : 0.0;
    Gnb[t] = m > 0 ? (double)gnb : 0.0;
    Gt[t] = m > 0 ? (double)gt : 0.0;
    regineq_tick(&work, nt + 1);
  }
}

SEXP regineq_dagum(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp) {
  int T = Rf_asInteger(ntime), G = Rf_asInteger(ngrp);
  R_xlen_t n = regineq_check_keys(y, time, T, grp, G, "regineq_dagum");
  if (G < 2) Rf_error("regineq_dagum: needs two groups");
  R_xlen_t nc = (R_xlen_t)T * G, np = (R_xlen_t)T * ((R_xlen_t)G * (G - 1) / 2);
  R_xlen_t len[NOUT] = {T, T, T, T, nc, nc, nc, np, np};

  SEXP out = PROTECT(Rf_mkNamed(VECSXP, out_names));
  double *col[NOUT];
  for (int k = 0; k < NOUT; k++) {
    SET_VECTOR_ELT(out, k, Rf_allocVector(REALSXP, len[k]));
    col[k] = REAL(VECTOR_ELT(out, k));
  }
  dagum_kernel(REAL(y), INTEGER(time), INTEGER(grp), n, T, G, col);
  UNPROTECT(1);
  return out;
}
