/* Gini, Theil (T and L), mean, sd and sd of logs per period and group, with
   the exact within/between Theil decompositions (Shorrocks 1980):
   T = sum_g s_g T_g + sum_g s_g ln(mu_g / mu),  s_g = n_g mu_g / (n mu);
   L = sum_g p_g L_g + sum_g p_g ln(mu / mu_g),  p_g = n_g / n.
   Values are non-negative (checked in R). Each run is rescaled by its maximum
   before any sum so that values near 1e300 neither overflow nor lose the
   scale-invariant statistics. Theil's indices are means of f(d) and g(d)
   (regineq.h) over the relative deviations d = y / mu - 1, which carry the
   dispersion whole however small it is next to the mean (1e9 + noise); the
   between parts are sum_g p_g f(delta_g) and sum_g p_g g(delta_g) with
   delta_g = mu_g / mu - 1, equal to the forms above since
   sum_g p_g delta_g = 0. */
#include <float.h>
#include <math.h>

#include "regineq.h"

/* Statistics of one sorted, non-negative run; e and m (not output) are the
   power-of-two scale 2^e and the mean of y / 2^e behind the Theil indices,
   kept for the between-group deviations of the decomposition. */
typedef struct {
  double n, mean, sd, gini, theil_t, theil_l, mean_log, sd_log;
  int e;
  double m;
} run_stats;

/* The relative deviation y / mu - 1 of y = t 2^e, t exact, from the mean m
   of the rescaled run: t - m is exact or nearly so, however close t is to
   m. */
static inline double rel_dev(double t, double m) { return (t - m) / m; }

/* A mean of f() or g() over deviations whose own mean c is not 0, as it
   would be from the exact mean: the mean less c^2 / 2, never negative. */
static inline double unbias(long double mean_term, double c) {
  double v = (double)(mean_term - 0.5L * c * c);
  return v > 0 ? v : 0.0;
}

static run_stats stats_of_run(const double *s, R_xlen_t n, int full) {
  run_stats r = {(double)n, NA_REAL, NA_REAL, NA_REAL, NA_REAL,
                 NA_REAL,   NA_REAL, NA_REAL, 0,       NA_REAL};
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
  int all_pos = s[0] > 0;
  /* Theil: t = y / 2^e is exact (2^e just above the maximum), so the
     deviations t - m lose nothing to the rescaling */
  int e;
  frexp(s[n - 1], &e);
  long double st = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) st += ldexp(s[i], -e);
  double m = (double)(st / n);
  r.e = e;
  r.m = m;
  /* ln(mean), for the logs of values that underflow once rescaled */
  double lmean = log(m) + e * log(2.0);
  /* the same pass gives the log deviations ln(y / mu), from log1p(d) or
     the ratio, so that the mean log and the sd of logs keep their digits
     when the values are close together (1e9 + noise) */
  long double tt = 0.0L, tl = 0.0L, td = 0.0L, sl = 0.0L, sl2 = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double t = ldexp(s[i], -e), f, g, lq = 0.0;
    double d = rel_dev(t, m);
    td += d;
    if (d > -0.5) {
      lq = log1p(d);
      regineq_theil_terms(d, fabs(d) < 0.1 ? 0.0 : lq, &f, &g);
    } else if (s[i] > 0) {
      /* y < mu / 2: ln(y / mu) from the ratio, not from 1 + d */
      double q = t / m;
      lq = t >= DBL_MIN ? log(q) : log(s[i]) - lmean;
      f = q * lq - d;
      g = d - lq;
    } else {
      f = 1.0; /* 0 ln 0 = 0; L is not defined */
      g = 0.0;
    }
    tt += f;
    tl += g;
    sl += lq;
    sl2 += (long double)lq * lq;
  }
  if (all_pos) {
    /* the mean of ln(y / mu) is about -var/2: no cancellation below */
    long double ml = sl / n;
    double var = (double)(sl2 / n - ml * ml);
    r.mean_log = (double)ml + lmean;
    r.sd_log = sqrt(var > 0 ? var : 0.0);
  }
  /* m is the rounded mean, so the deviations share an offset c = mean d
     that f and g would turn into c^2 / 2 (T and L of d - c are those of d
     less c^2 / 2 to third order): dropped, it would swamp T at 1e14 + noise */
  double c = (double)(td / n);
  r.theil_t = unbias(tt / n, c);
  if (all_pos) r.theil_l = unbias(tl / n, c);
  return r;
}

/* delta_g = mu_g / mu - 1 of the group run s (length ng) within a period of
   n values whose statistics are p: the mean of the group's relative
   deviations from the period mean, each exact, rather than the difference
   of two rounded means. */
static double group_deviation(const double *s, R_xlen_t ng, run_stats p) {
  if ((double)ng == p.n) return 0.0; /* the group is the whole period */
  if (s[ng - 1] <= 0) return -1.0;   /* an all-zero group */
  long double acc = 0.0L;
  for (R_xlen_t i = 0; i < ng; i++) acc += ldexp(s[i], -p.e) - p.m;
  return (double)(acc / ((long double)ng * p.m));
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

  /* the whole period: a second bucket sort by period alone, into its own
     array so that the (period, group) runs stay for group_deviation() */
  const double *psorted = sorted;
  R_xlen_t *poff = off;
  if (G > 1) {
    int *one = (int *)R_alloc(n, sizeof(int));
    for (R_xlen_t i = 0; i < n; i++) one[i] = 1;
    double *ps = (double *)R_alloc(n, sizeof(double));
    poff = (R_xlen_t *)R_alloc((R_xlen_t)T + 1, sizeof(R_xlen_t));
    regineq_bucket_sort(y, time, one, n, T, 1, ps, poff);
    psorted = ps;
  }
  const double *cn = cell[0], *cmean = cell[1], *ctt = cell[4], *ctl = cell[5];
  for (int t = 0; t < T; t++) {
    run_stats r = stats_of_run(psorted + poff[t], poff[t + 1] - poff[t], full);
    put_stats(per, t, r);
    if (!full) { /* gini() reads no decomposition */
      for (int k = 0; k < NDECOMP; k++) per[NSTAT + k][t] = NA_REAL;
      continue;
    }
    /* decompositions from the group statistics and deviations */
    long double tw = 0, tb = 0, lw = 0, lb = 0, cb = 0;
    int pos = r.mean > 0, l_ok = R_FINITE(r.theil_l);
    for (int g = 0; g < G && pos; g++) {
      R_xlen_t c = (R_xlen_t)t * G + g;
      R_xlen_t ng = off[c + 1] - off[c];
      if (ng == 0) continue;
      double pg = cn[c] / r.n;
      double dg = group_deviation(sorted + off[c], ng, r);
      double sg = pg * (1.0 + dg); /* n_g mu_g / (n mu) */
      cb += pg * dg;
      if (sg > 0) tw += sg * ctt[c];
      tb += pg * regineq_theil_f(dg);
      if (l_ok) {
        lw += pg * ctl[c];
        /* mu_g < mu / 2: ln(mu_g / mu) from the logs, not from 1 + delta_g */
        lb += pg * (dg > -0.5 ? regineq_theil_g(dg)
                              : dg - (log(cmean[c]) - log(r.mean)));
      }
    }
    /* sum p_g delta_g = 0 but for the rounding of m: as in stats_of_run() */
    per[NSTAT][t] = pos ? (double)tw : 0.0;
    per[NSTAT + 1][t] = pos ? unbias(tb, (double)cb) : 0.0;
    per[NSTAT + 2][t] = l_ok ? (double)lw : NA_REAL;
    per[NSTAT + 3][t] = l_ok ? unbias(lb, (double)cb) : NA_REAL;
    regineq_tick(&work, 2 * (poff[t + 1] - poff[t]) + G);
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
