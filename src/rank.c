/* Rank agreement of variant scores with a baseline, within each period
   group (index_robustness()).
   Ranks: 1 = the highest score; tied scores share the mean of the ranks
   they span (rank(-x, ties.method = "average")).
   Spearman's rho: Pearson's r of those average ranks.
   Kendall's tau-b in O(n log n) (Knight, W. R. 1966. A computer method for
   calculating Kendall's tau with ungrouped data. Journal of the American
   Statistical Association 61(314), 436-439): sort the pairs by x, then y
   (the baseline's order with each run of tied x sorted by y); count the
   pairs tied in x (n1) and in both (n3); a merge sort of y then
   counts the discordant pairs as its swaps S and leaves y sorted, whose
   runs give the pairs tied in y (n2). With n0 = n (n - 1) / 2,
   tau_b = (n0 - n1 - n2 + n3 - 2 S) / sqrt((n0 - n1) (n0 - n2)).
   Both are NA (as in stats::cor) for groups of fewer than two rows and
   when either side has a single distinct value (zero variance). */
#include <R_ext/Utils.h>
#include <stdint.h>

#include "regineq.h"

/* A value and its row: sorted together, so that a merge pass reads and
   writes memory in order (an index sort would jump through x). */
typedef struct {
  double v;
  R_xlen_t row;
} keyed;

/* Stable bottom-up merge sort of a[0..n-1] by value; tmp holds n. Each
   pass counts n units of work for the interrupt tick. */
static void sort_keyed(keyed *a, keyed *tmp, R_xlen_t n, R_xlen_t *work) {
  keyed *src = a, *dst = tmp;
  for (R_xlen_t width = 1; width < n; width *= 2) {
    for (R_xlen_t lo = 0; lo < n; lo += 2 * width) {
      R_xlen_t mid = lo + width < n ? lo + width : n;
      R_xlen_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      R_xlen_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        dst[k++] = src[j].v < src[i].v ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    keyed *t = src;
    src = dst;
    dst = t;
    regineq_tick(work, n);
  }
  if (src != a)
    for (R_xlen_t k = 0; k < n; k++) a[k] = src[k];
}

/* Merge sort of v[0..n-1] ascending; returns the number of swaps, i.e. of
   pairs i < j with v[i] > v[j] (ties are not swapped). */
static int64_t sort_count_swaps(double *v, double *tmp, R_xlen_t n,
                                R_xlen_t *work) {
  int64_t swaps = 0;
  double *src = v, *dst = tmp;
  for (R_xlen_t width = 1; width < n; width *= 2) {
    for (R_xlen_t lo = 0; lo < n; lo += 2 * width) {
      R_xlen_t mid = lo + width < n ? lo + width : n;
      R_xlen_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      R_xlen_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          swaps += mid - i; /* src[j] jumps every left element still waiting */
          dst[k++] = src[j++];
        } else {
          dst[k++] = src[i++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    double *t = src;
    src = dst;
    dst = t;
    regineq_tick(work, n);
  }
  if (src != v)
    for (R_xlen_t k = 0; k < n; k++) v[k] = src[k];
  return swaps;
}

/* Pairs tied in the sorted v[0..m-1]: the sum over its runs of equal
   values of t (t - 1) / 2. */
static int64_t tied_pairs_sorted(const double *v, R_xlen_t m) {
  int64_t ties = 0;
  R_xlen_t a = 0;
  while (a < m) {
    R_xlen_t b = a + 1;
    while (b < m && v[b] == v[a]) b++;
    ties += (int64_t)(b - a) * (b - a - 1) / 2;
    a = b;
  }
  return ties;
}

/* The same for the values of sorted (value, row) pairs. */
static int64_t tied_pairs_keyed(const keyed *s, R_xlen_t m) {
  int64_t ties = 0;
  R_xlen_t a = 0;
  while (a < m) {
    R_xlen_t b = a + 1;
    while (b < m && s[b].v == s[a].v) b++;
    ties += (int64_t)(b - a) * (b - a - 1) / 2;
    a = b;
  }
  return ties;
}

/* Average descending ranks of the m values of one group (rows rg): sorts
   (value, row) pairs into s, then gives each run [a, b) of equal values the
   rank m - (a + b - 1) / 2 (= m + 1 - its mean ascending rank). */
static void group_ranks(const double *x, const R_xlen_t *rg, R_xlen_t m,
                        keyed *s, keyed *tmp, double *rank, R_xlen_t *work) {
  for (R_xlen_t i = 0; i < m; i++) {
    s[i].v = x[rg[i]];
    s[i].row = rg[i];
  }
  sort_keyed(s, tmp, m, work);
  R_xlen_t a = 0;
  while (a < m) {
    R_xlen_t b = a + 1;
    while (b < m && s[b].v == s[a].v) b++;
    double r = (double)m - (double)(a + b - 1) / 2.0;
    for (R_xlen_t k = a; k < b; k++) rank[s[k].row] = r;
    a = b;
  }
}

/* Pearson's r of the ranks rx, ry over the rows of one group; the mean of
   m average ranks is (m + 1) / 2 exactly. */
static double spearman(const double *rx, const double *ry, const R_xlen_t *rg,
                       R_xlen_t m) {
  if (m < 2) return NA_REAL;
  double mean = ((double)m + 1.0) / 2.0;
  long double sxy = 0, sxx = 0, syy = 0;
  for (R_xlen_t k = 0; k < m; k++) {
    double dx = rx[rg[k]] - mean, dy = ry[rg[k]] - mean;
    sxy += (long double)dx * dy;
    sxx += (long double)dx * dx;
    syy += (long double)dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return NA_REAL;
  double r = (double)(sxy / sqrtl(sxx * syy));
  return r > 1 ? 1 : (r < -1 ? -1 : r);
}

/* Kendall's tau-b of (x, y) over one group (Knight 1966, see the header).
   xs: the group sorted by x (from group_ranks()), with n1 its pairs tied in
   x; ys, tmp: scratch of length m. Sorting by x then y only needs each run
   of tied x sorted by y. */
static double kendall(const keyed *xs, int64_t n1, const double *y, R_xlen_t m,
                      double *ys, double *tmp, R_xlen_t *work) {
  if (m < 2) return NA_REAL;
  for (R_xlen_t k = 0; k < m; k++) ys[k] = y[xs[k].row];
  int64_t n0 = (int64_t)m * (m - 1) / 2, n3 = 0;
  R_xlen_t a = 0;
  while (a < m) {
    R_xlen_t b = a + 1;
    while (b < m && xs[b].v == xs[a].v) b++;
    if (b - a > 1) {
      R_rsort(ys + a, (int)(b - a));
      n3 += tied_pairs_sorted(ys + a, b - a); /* tied in x and in y */
    }
    a = b;
  }
  int64_t swaps = sort_count_swaps(ys, tmp, m, work);
  int64_t n2 = tied_pairs_sorted(ys, m);
  if (n0 - n1 == 0 || n0 - n2 == 0) return NA_REAL;
  double num = (double)(n0 - n1 - n2 + n3 - 2 * swaps);
  double tau = num / (sqrt((double)(n0 - n1)) * sqrt((double)(n0 - n2)));
  return tau > 1 ? 1 : (tau < -1 ? -1 : tau);
}

/* Ranks of the baseline x and the k variants y[v] within each of the G
   groups (rows[off[g]..off[g+1]-1], ascending), their Spearman and Kendall
   correlations with the baseline per group (G x k, column-major), and each
   row's lowest and highest rank over all k + 1 columns with the first
   column (1 = baseline) reaching each. */
static void rank_kernel(const double *x, const double *const *y, int k,
                        R_xlen_t n, const R_xlen_t *off, const R_xlen_t *rows,
                        int G, double *rank, double *rho, double *tau,
                        double *lo, double *hi, int *which_lo, int *which_hi) {
  size_t len = n > 0 ? (size_t)n : 1;
  keyed *xs = (keyed *)R_alloc(len, sizeof(keyed));
  keyed *s = (keyed *)R_alloc(len, sizeof(keyed));
  keyed *tmp = (keyed *)R_alloc(len, sizeof(keyed));
  double *ys = (double *)R_alloc(len, sizeof(double));
  double *dtmp = (double *)R_alloc(len, sizeof(double));
  R_xlen_t work = 0;
  for (int g = 0; g < G; g++) {
    R_xlen_t m = off[g + 1] - off[g];
    const R_xlen_t *rg = rows + off[g];
    group_ranks(x, rg, m, xs, tmp, rank, &work);
    int64_t n1 = tied_pairs_keyed(xs, m);
    regineq_tick(&work, m);
    for (int v = 0; v < k; v++) {
      double *rv = rank + (size_t)(v + 1) * n;
      group_ranks(y[v], rg, m, s, tmp, rv, &work);
      rho[(size_t)v * G + g] = spearman(rank, rv, rg, m);
      tau[(size_t)v * G + g] = kendall(xs, n1, y[v], m, ys, dtmp, &work);
      regineq_tick(&work, 3 * m + 1); /* the linear passes, and groups of 1 */
    }
  }
  for (R_xlen_t i = 0; i < n; i++) {
    double a = rank[i], b = rank[i];
    int wa = 1, wb = 1;
    for (int v = 1; v <= k; v++) {
      double r = rank[(size_t)v * n + i];
      if (r < a) {
        a = r;
        wa = v + 1;
      }
      if (r > b) {
        b = r;
        wb = v + 1;
      }
    }
    lo[i] = a;
    hi[i] = b;
    which_lo[i] = wa;
    which_hi[i] = wb;
    regineq_tick(&work, k + 1);
  }
}

static const char *rank_names[] = {"rank", "spearman",  "kendall",   "n", "min",
                                   "max",  "which_min", "which_max", ""};

/* x: baseline scores (double, finite); y: list of k variant score vectors
   of x's length; grp: group codes 1..ngrp. */
SEXP regineq_rank_compare(SEXP x, SEXP y, SEXP grp, SEXP ngrp) {
  if (!Rf_isReal(x) || TYPEOF(y) != VECSXP || !Rf_isInteger(grp))
    Rf_error("regineq_rank_compare: invalid argument types");
  R_xlen_t n = XLENGTH(x);
  int k = (int)XLENGTH(y), G = Rf_asInteger(ngrp);
  if (XLENGTH(grp) != n || G < 1 || G == NA_INTEGER)
    Rf_error("regineq_rank_compare: inconsistent lengths");
  const double **Y = (const double **)R_alloc(k > 0 ? k : 1, sizeof(double *));
  for (int v = 0; v < k; v++) {
    SEXP yv = VECTOR_ELT(y, v);
    if (!Rf_isReal(yv) || XLENGTH(yv) != n)
      Rf_error("regineq_rank_compare: variants must be doubles of x's length");
    Y[v] = REAL(yv);
  }
  const double *X = REAL(x);
  const int *gr = INTEGER(grp);
  for (R_xlen_t i = 0; i < n; i++) {
    if (gr[i] < 1 || gr[i] > G)
      Rf_error("regineq_rank_compare: bad group index");
    int bad = !R_FINITE(X[i]);
    for (int v = 0; v < k && !bad; v++) bad = !R_FINITE(Y[v][i]);
    if (bad) Rf_error("regineq_rank_compare: scores must be finite");
  }
  /* rows bucketed by group, in row order within a group */
  R_xlen_t *off = (R_xlen_t *)R_alloc((size_t)G + 1, sizeof(R_xlen_t));
  R_xlen_t *rows = (R_xlen_t *)R_alloc(n > 0 ? n : 1, sizeof(R_xlen_t));
  for (int g = 0; g <= G; g++) off[g] = 0;
  for (R_xlen_t i = 0; i < n; i++) off[gr[i]]++;
  for (int g = 0; g < G; g++) off[g + 1] += off[g];
  R_xlen_t *fill = (R_xlen_t *)R_alloc((size_t)G, sizeof(R_xlen_t));
  for (int g = 0; g < G; g++) fill[g] = off[g];
  for (R_xlen_t i = 0; i < n; i++) rows[fill[gr[i] - 1]++] = i;

  SEXP out = PROTECT(Rf_mkNamed(VECSXP, rank_names));
  SET_VECTOR_ELT(out, 0, Rf_allocMatrix(REALSXP, n, k + 1));
  SET_VECTOR_ELT(out, 1, Rf_allocMatrix(REALSXP, G, k));
  SET_VECTOR_ELT(out, 2, Rf_allocMatrix(REALSXP, G, k));
  SET_VECTOR_ELT(out, 3, Rf_allocVector(INTSXP, G));
  SET_VECTOR_ELT(out, 4, Rf_allocVector(REALSXP, n));
  SET_VECTOR_ELT(out, 5, Rf_allocVector(REALSXP, n));
  SET_VECTOR_ELT(out, 6, Rf_allocVector(INTSXP, n));
  SET_VECTOR_ELT(out, 7, Rf_allocVector(INTSXP, n));
  int *cnt = INTEGER(VECTOR_ELT(out, 3));
  for (int g = 0; g < G; g++) cnt[g] = (int)(off[g + 1] - off[g]);
  rank_kernel(X, Y, k, n, off, rows, G, REAL(VECTOR_ELT(out, 0)),
              REAL(VECTOR_ELT(out, 1)), REAL(VECTOR_ELT(out, 2)),
              REAL(VECTOR_ELT(out, 4)), REAL(VECTOR_ELT(out, 5)),
              INTEGER(VECTOR_ELT(out, 6)), INTEGER(VECTOR_ELT(out, 7)));
  UNPROTECT(1);
  return out;
}
