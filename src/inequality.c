/* Gini, Theil (T and L), mean, sd and sd of logs per period and group, with
   the exact within/between Theil decompositions (Shorrocks 1980):
   T = sum_g s_g T_g + sum_g s_g ln(mu_g / mu),  s_g = n_g mu_g / (n mu);
   L = sum_g p_g L_g + sum_g p_g ln(mu / mu_g),  p_g = n_g / n.
   Values are non-negative (checked in R). Each run is rescaled by its maximum
   before any sum so that values near 1e300 neither overflow nor lose the
   scale-invariant statistics. */
#include <math.h>

#include "regineq.h"

/* Statistics of one sorted, non-negative run. */
typedef struct {
  double n, mean, sd, gini, theil_t, theil_l, mean_log, sd_log;
} run_stats;

static run_stats stats_of_run(const double *s, R_xlen_t n, int full) {
  run_stats r = {(double)n, NA_REAL, NA_REAL, NA_REAL,
                 NA_REAL,   NA_REAL, NA_REAL, NA_REAL};
  if (n == 0) return r;
  double scale = s[n - 1] > 0 ? s[n - 1] : 1.0;
  long double sum = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) sum += s[i] / scale;
  double mu = (double)(sum / n); /* mean of the rescaled run, in [0, 1] */
  r.mean = mu * scale;
  if (!full) { /* the Gini coefficient alone: no sd, Theil or logs */
    r.gini = mu > 0 ? (double)(regineq_pair_sum(s, n) / scale /
                               ((long double)n * n * mu))
                    : 0.0;
    return r;
  }
  long double ss = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double dv = s[i] / scale - mu;
    ss += (long double)dv * dv;
  }
  r.sd = sqrt((double)(ss / n)) * scale;
  if (mu <= 0) { /* all zero: no inequality */
    r.gini = r.theil_t = 0.0;
    return r;
  }
  r.gini = (double)(regineq_pair_sum(s, n) / scale / ((long double)n * n * mu));
  /* one logarithm per value serves Theil T, Theil L and the sd of logs:
     ln(y/mu) = lq - ln mu with lq = ln(y / scale), taken from y itself so
     that tiny values never underflow; sums of lq are shifted by the first
     lq to keep the one-pass variance accurate */
  double lscale = log(scale), lmu = log(mu);
  int all_pos = s[0] > 0;
  double shift = all_pos ? log(s[0]) - lscale : 0.0;
  long double tt = 0.0L, sl = 0.0L, sl2 = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    if (s[i] <= 0) continue; /* 0 ln 0 = 0 */
    double lq = log(s[i]) - lscale;
    double q = s[i] / scale / mu;
    tt += (long double)q * (lq - lmu);
    double dl = lq - shift;
    sl += dl;
    sl2 += (long double)dl * dl;
  }
  r.theil_t = (double)(tt / n);
  if (all_pos) {
    long double ml = sl / n; /* mean of lq - shift */
    double var = (double)(sl2 / n - ml * ml);
    r.theil_l = (double)(lmu - (ml + shift));
    r.mean_log = (double)(ml + shift) + lscale;
    r.sd_log = sqrt(var > 0 ? var : 0.0);
  }
  return r;
}

/* Output columns: NSTAT statistics per (period, group) cell, and per period
   the same NSTAT plus NDECOMP decomposition terms. */
enum { NSTAT = 8, NDECOMP = 4 };
static const char *cell_names[] = {
    "n", "mean", "sd", "gini", "theil_t", "theil_l", "mean_log", "sd_log", ""};
static const char *period_names[] = {
    "n",        "mean",      "sd",     "gini",     "theil_t",
    "theil_l",  "mean_log",  "sd_log", "t_within", "t_between",
    "l_within", "l_between", ""};

static void put_stats(double *const *col, R_xlen_t k, run_stats r) {
  double v[NSTAT] = {r.n,       r.mean,    r.sd,       r.gini,
                     r.theil_t, r.theil_l, r.mean_log, r.sd_log};
  for (int s = 0; s < NSTAT; s++) col[s][k] = v[s];
}

/* Statistics of every (period, group) cell into cell[0..NSTAT-1] (length
   ntime * ngrp, group fastest), and of every period with the Theil
   decompositions (Shorrocks 1980, above) into per[0..NSTAT+NDECOMP-1]
   (length ntime). */
static void inequality_kernel(const double *y, const int *time, const int *grp,
                              R_xlen_t n, int ntime, int ngrp, int full,
                              double *const *cell, double *const *per) {
  int T = ntime, G = ngrp;
  double *sorted = (double *)R_alloc(n, sizeof(double));
  R_xlen_t *off = (R_xlen_t *)R_alloc((R_xlen_t)T * G + 1, sizeof(R_xlen_t));
  regineq_bucket_sort(y, time, grp, n, T, G, sorted, off);
  R_xlen_t work = 0;
  for (R_xlen_t c = 0; c < (R_xlen_t)T * G; c++) {
    put_stats(cell, c,
              stats_of_run(sorted + off[c], off[c + 1] - off[c], full));
    regineq_tick(&work, off[c + 1] - off[c] + 1);
  }

  /* the whole period: a second bucket sort by period alone */
  R_xlen_t *poff = off;
  if (G > 1) {
    int *one = (int *)R_alloc(n, sizeof(int));
    for (R_xlen_t i = 0; i < n; i++) one[i] = 1;
    poff = (R_xlen_t *)R_alloc((R_xlen_t)T + 1, sizeof(R_xlen_t));
    regineq_bucket_sort(y, time, one, n, T, 1, sorted, poff);
  }
  const double *cn = cell[0], *cmean = cell[1], *ctt = cell[4], *ctl = cell[5];
  for (int t = 0; t < T; t++) {
    run_stats r = stats_of_run(sorted + poff[t], poff[t + 1] - poff[t], full);
    put_stats(per, t, r);
    /* decompositions from the group statistics */
    long double tw = 0, tb = 0, lw = 0, lb = 0;
    int l_ok = R_FINITE(r.theil_l);
    for (int g = 0; g < G; g++) {
      R_xlen_t c = (R_xlen_t)t * G + g;
      double ng = cn[c];
      if (ng == 0) continue;
      double mg = cmean[c];
      double pg = ng / r.n;
      if (r.mean > 0 && mg > 0) {
        double lr = log(mg) - log(r.mean); /* ln(mu_g / mu) without overflow */
        double sg = pg * exp(lr);
        tw += sg * ctt[c];
        tb += sg * lr;
        if (l_ok) {
          lw += pg * ctl[c];
          lb -= pg * lr;
        }
      }
    }
    per[NSTAT][t] = r.mean > 0 ? (double)tw : 0.0;
    per[NSTAT + 1][t] = r.mean > 0 ? (double)tb : 0.0;
    per[NSTAT + 2][t] = l_ok ? (double)lw : NA_REAL;
    per[NSTAT + 3][t] = l_ok ? (double)lb : NA_REAL;
    regineq_tick(&work, poff[t + 1] - poff[t] + G);
  }
}

/* Returns list(groups = the cell statistics, periods = the period
   statistics and decompositions), each a named list of double vectors. */
SEXP regineq_inequality(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp,
                        SEXP full) {
  int T = Rf_asInteger(ntime), G = Rf_asInteger(ngrp), all = Rf_asLogical(full);
  R_xlen_t n = regineq_check_keys(y, time, T, grp, G, "regineq_inequality");

  /* every vector hangs on out as soon as it exists: one PROTECT */
  const char *names[] = {"groups", "periods", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(out, 0, Rf_mkNamed(VECSXP, cell_names));
  SET_VECTOR_ELT(out, 1, Rf_mkNamed(VECSXP, period_names));
  SEXP cells = VECTOR_ELT(out, 0), per = VECTOR_ELT(out, 1);
  double *cell_col[NSTAT], *per_col[NSTAT + NDECOMP];
  for (int s = 0; s < NSTAT; s++) {
    SET_VECTOR_ELT(cells, s, Rf_allocVector(REALSXP, (R_xlen_t)T * G));
    cell_col[s] = REAL(VECTOR_ELT(cells, s));
  }
  for (int s = 0; s < NSTAT + NDECOMP; s++) {
    SET_VECTOR_ELT(per, s, Rf_allocVector(REALSXP, T));
    per_col[s] = REAL(VECTOR_ELT(per, s));
  }

  inequality_kernel(REAL(y), INTEGER(time), INTEGER(grp), n, T, G, all,
                    cell_col, per_col);
  UNPROTECT(1);
  return out;
}
