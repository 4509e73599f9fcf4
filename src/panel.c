/* Panel helpers shared by the inequality kernels (inequality.c, dagum.c):
   validation of the (value, period, group) triples, a bucket sort of the
   values into sorted (period, group) runs, and the pair sum of a sorted run
   behind every Gini coefficient, in gap form:
   sum_{i<r} |s_r - s_i| = sum_m m (n - m) (s_m - s_{m-1}) for sorted s. */
#include <string.h>

#include "regineq.h"

/* LSD radix sort of non-negative doubles on their IEEE bits (which order
   like the values once -0 is made +0): six 11-bit passes, each skipped when
   every key shares the digit. Linear time; used for long runs. */
#define RADIX_BITS 11
#define RADIX_SIZE (1 << RADIX_BITS)
static void radix_sort_nonneg(double *v, R_xlen_t n, uint64_t *a, uint64_t *b) {
  for (R_xlen_t i = 0; i < n; i++) {
    double x = v[i] == 0 ? 0.0 : v[i];
    memcpy(a + i, &x, sizeof(double));
  }
  R_xlen_t count[RADIX_SIZE];
  for (int shift = 0; shift < 64; shift += RADIX_BITS) {
    memset(count, 0, sizeof(count));
    for (R_xlen_t i = 0; i < n; i++)
      count[(a[i] >> shift) & (RADIX_SIZE - 1)]++;
    if (count[(a[0] >> shift) & (RADIX_SIZE - 1)] == n) continue;
    R_xlen_t sum = 0;
    for (int d = 0; d < RADIX_SIZE; d++) {
      R_xlen_t c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (R_xlen_t i = 0; i < n; i++)
      b[count[(a[i] >> shift) & (RADIX_SIZE - 1)]++] = a[i];
    uint64_t *tmp = a;
    a = b;
    b = tmp;
  }
  for (R_xlen_t i = 0; i < n; i++) memcpy(v + i, a + i, sizeof(double));
}

R_xlen_t regineq_check_keys(SEXP y, SEXP time, int ntime, SEXP grp, int ngrp,
                            const char *who) {
  R_xlen_t n = XLENGTH(y);
  if (!Rf_isReal(y) || !Rf_isInteger(time) || !Rf_isInteger(grp) ||
      XLENGTH(time) != n || XLENGTH(grp) != n || ntime < 1 || ngrp < 1)
    Rf_error("%s: invalid arguments", who);
  const int *tm = INTEGER(time), *gr = INTEGER(grp);
  for (R_xlen_t i = 0; i < n; i++)
    if (tm[i] < 1 || tm[i] > ntime || gr[i] < 1 || gr[i] > ngrp)
      Rf_error("%s: index out of range", who);
  return n;
}

void regineq_bucket_sort(const double *y, const int *time, const int *grp,
                         R_xlen_t n, int ntime, int ngrp, double *sorted,
                         R_xlen_t *offset) {
  R_xlen_t ncell = (R_xlen_t)ntime * ngrp;
  R_xlen_t *pos = (R_xlen_t *)R_alloc(ncell, sizeof(R_xlen_t));
  for (R_xlen_t c = 0; c <= ncell; c++) offset[c] = 0;
  for (R_xlen_t i = 0; i < n; i++)
    offset[(R_xlen_t)(time[i] - 1) * ngrp + grp[i]]++;
  for (R_xlen_t c = 0; c < ncell; c++) {
    offset[c + 1] += offset[c];
    pos[c] = offset[c];
  }
  for (R_xlen_t i = 0; i < n; i++)
    sorted[pos[(R_xlen_t)(time[i] - 1) * ngrp + grp[i] - 1]++] = y[i];
  uint64_t *ka = NULL, *kb = NULL;
  R_xlen_t work = 0;
  for (R_xlen_t c = 0; c < ncell; c++) {
    R_xlen_t len = offset[c + 1] - offset[c];
    if (len > 4096) {
      /* values are non-negative (checked in R): radix sort long runs */
      if (!ka) {
        ka = (uint64_t *)R_alloc(n, sizeof(uint64_t));
        kb = (uint64_t *)R_alloc(n, sizeof(uint64_t));
      }
      radix_sort_nonneg(sorted + offset[c], len, ka, kb);
    } else if (len > 1) {
      R_qsort(sorted + offset[c], 1, (size_t)len);
    }
    regineq_tick(&work, len + 1);
  }
}

/* sum_{i<r} (s_r - s_i) for sorted s, as sum_m m (n - m) (s_m - s_{m-1}):
   every term is non-negative, so nothing cancels. */
long double regineq_pair_sum(const double *s, R_xlen_t n) {
  long double acc = 0.0L;
  for (R_xlen_t m = 1; m < n; m++) {
    double gap = s[m] - s[m - 1];
    if (gap > 0)
      acc += (long double)gap * (long double)m * (long double)(n - m);
  }
  return acc;
}

/* Sums of x by group g (1-based, in 1..n), in the order of x and in double
   precision, as rowsum() adds them (the same sums, bit for bit), without
   its character row names, which cost most of its time on millions of
   rows. NA and NaN propagate. */
SEXP regineq_group_sum(SEXP x, SEXP g, SEXP ngrp) {
  R_xlen_t m = XLENGTH(x);
  int n = Rf_asInteger(ngrp);
  if (!Rf_isReal(x) || !Rf_isInteger(g) || XLENGTH(g) != m || n < 0 ||
      n == NA_INTEGER)
    Rf_error("regineq_group_sum: invalid arguments");
  const double *px = REAL(x);
  const int *pg = INTEGER(g);
  SEXP out = PROTECT(Rf_allocVector(REALSXP, n));
  double *s = REAL(out);
  for (int k = 0; k < n; k++) s[k] = 0.0;
  for (R_xlen_t j = 0; j < m; j++) {
    if (pg[j] < 1 || pg[j] > n) Rf_error("regineq_group_sum: bad group");
    s[pg[j] - 1] += px[j];
  }
  UNPROTECT(1);
  return out;
}
