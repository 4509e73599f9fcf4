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

#define NSTAT 8
static const char *stat_names[] = {
    "n",        "mean",      "sd",     "gini",     "theil_t",
    "theil_l",  "mean_log",  "sd_log", "t_within", "t_between",
    "l_within", "l_between", ""};

static void put_stats(SEXP list, R_xlen_t k, run_stats r) {
  double v[NSTAT] = {r.n,       r.mean,    r.sd,       r.gini,
                     r.theil_t, r.theil_l, r.mean_log, r.sd_log};
  for (int s = 0; s < NSTAT; s++) REAL(VECTOR_ELT(list, s))[k] = v[s];
}

static SEXP alloc_stats(R_xlen_t len, int nextra) {
  SEXP out = PROTECT(Rf_allocVector(VECSXP, NSTAT + nextra));
  SEXP nm = PROTECT(Rf_allocVector(STRSXP, NSTAT + nextra));
  for (int s = 0; s < NSTAT + nextra; s++) {
    SET_VECTOR_ELT(out, s, Rf_allocVector(REALSXP, len));
    SET_STRING_ELT(nm, s, Rf_mkChar(stat_names[s]));
  }
  Rf_setAttrib(out, R_NamesSymbol, nm);
  UNPROTECT(2);
  return out;
}

SEXP regineq_inequality(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp,
                        SEXP full) {
  int T = Rf_asInteger(ntime), G = Rf_asInteger(ngrp), all = Rf_asLogical(full);
  R_xlen_t n = regineq_check_keys(y, time, T, grp, G, "regineq_inequality");
  const int *tm = INTEGER(time), *gr = INTEGER(grp);

  SEXP out = PROTECT(Rf_allocVector(VECSXP, 2));
  SEXP nm = PROTECT(Rf_allocVector(STRSXP, 2));
  SET_STRING_ELT(nm, 0, Rf_mkChar("groups"));
  SET_STRING_ELT(nm, 1, Rf_mkChar("periods"));
  Rf_setAttrib(out, R_NamesSymbol, nm);
  SEXP cells = alloc_stats((R_xlen_t)T * G, 0);
  SET_VECTOR_ELT(out, 0, cells);
  SEXP per = alloc_stats(T, 4);
  SET_VECTOR_ELT(out, 1, per);

  double *sorted = (double *)R_alloc(n, sizeof(double));
  R_xlen_t *off = (R_xlen_t *)R_alloc((R_xlen_t)T * G + 1, sizeof(R_xlen_t));
  regineq_bucket_sort(REAL(y), tm, gr, n, T, G, sorted, off);
  for (R_xlen_t c = 0; c < (R_xlen_t)T * G; c++)
    put_stats(cells, c,
              stats_of_run(sorted + off[c], off[c + 1] - off[c], all));

  /* the whole period: a second bucket sort by period alone */
  R_xlen_t *poff = off;
  if (G > 1) {
    int *one = (int *)R_alloc(n, sizeof(int));
    for (R_xlen_t i = 0; i < n; i++) one[i] = 1;
    poff = (R_xlen_t *)R_alloc((R_xlen_t)T + 1, sizeof(R_xlen_t));
    regineq_bucket_sort(REAL(y), tm, one, n, T, 1, sorted, poff);
  }
  for (int t = 0; t < T; t++) {
    run_stats r = stats_of_run(sorted + poff[t], poff[t + 1] - poff[t], all);
    put_stats(per, t, r);
    /* decompositions from the group statistics */
    long double tw = 0, tb = 0, lw = 0, lb = 0;
    int l_ok = R_FINITE(r.theil_l);
    for (int g = 0; g < G; g++) {
      R_xlen_t c = (R_xlen_t)t * G + g;
      double ng = REAL(VECTOR_ELT(cells, 0))[c];
      if (ng == 0) continue;
      double mg = REAL(VECTOR_ELT(cells, 1))[c];
      double pg = ng / r.n;
      if (r.mean > 0 && mg > 0) {
        double lr = log(mg) - log(r.mean); /* ln(mu_g / mu) without overflow */
        double sg = pg * exp(lr);
        tw += sg * REAL(VECTOR_ELT(cells, 4))[c];
        tb += sg * lr;
        if (l_ok) {
          lw += pg * REAL(VECTOR_ELT(cells, 5))[c];
          lb -= pg * lr;
        }
      }
    }
    REAL(VECTOR_ELT(per, NSTAT))[t] = r.mean > 0 ? (double)tw : 0.0;
    REAL(VECTOR_ELT(per, NSTAT + 1))[t] = r.mean > 0 ? (double)tb : 0.0;
    REAL(VECTOR_ELT(per, NSTAT + 2))[t] = l_ok ? (double)lw : NA_REAL;
    REAL(VECTOR_ELT(per, NSTAT + 3))[t] = l_ok ? (double)lb : NA_REAL;
  }
  UNPROTECT(2);
  return out;
}
