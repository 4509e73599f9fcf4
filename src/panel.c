/* Panel helpers shared by the inequality kernels (inequality.c, dagum.c):
   validation of the (value, period, group) triples, a bucket sort of the
   values into sorted (period, group) runs, and the pair sum of a sorted run
   behind every Gini coefficient, in gap form:
   sum_{i<r} |s_r - s_i| = sum_m m (n - m) (s_m - s_{m-1}) for sorted s. */
#include <limits.h>
#include <string.h>

#include "regineq.h"

/* LSD radix sort of non-negative doubles on their IEEE bits (which order
   like the values once -0 is made +0): six 11-bit digits, whose counts are
   all taken in one pass; a digit that every key shares is skipped. Linear
   time; used for long runs. */
#define RADIX_BITS 11
#define RADIX_SIZE (1 << RADIX_BITS)
#define RADIX_PASSES 6
typedef R_xlen_t radix_counts[RADIX_PASSES][RADIX_SIZE];
static void radix_sort_nonneg(double *v, R_xlen_t n, uint64_t *a, uint64_t *b,
                              radix_counts count) {
  memset(count, 0, sizeof(radix_counts));
  for (R_xlen_t i = 0; i < n; i++) {
    double x = v[i] == 0 ? 0.0 : v[i];
    uint64_t k;
    memcpy(&k, &x, sizeof(double));
    a[i] = k;
    for (int p = 0; p < RADIX_PASSES; p++)
      count[p][(k >> (p * RADIX_BITS)) & (RADIX_SIZE - 1)]++;
  }
  for (int p = 0; p < RADIX_PASSES; p++) {
    int shift = p * RADIX_BITS;
    R_xlen_t *cnt = count[p];
    if (cnt[(a[0] >> shift) & (RADIX_SIZE - 1)] == n) continue;
    R_xlen_t sum = 0;
    for (int d = 0; d < RADIX_SIZE; d++) {
      R_xlen_t c = cnt[d];
      cnt[d] = sum;
      sum += c;
    }
    for (R_xlen_t i = 0; i < n; i++)
      b[cnt[(a[i] >> shift) & (RADIX_SIZE - 1)]++] = a[i];
    uint64_t *tmp = a;
    a = b;
    b = tmp;
  }
  memcpy(v, a, (size_t)n * sizeof(double));
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
  R_xlen_t(*count)[RADIX_SIZE] = NULL;
  R_xlen_t work = 0;
  for (R_xlen_t c = 0; c < ncell; c++) {
    R_xlen_t len = offset[c + 1] - offset[c];
    if (len > 4096) {
      /* values are non-negative (checked in R): radix sort long runs */
      if (!ka) {
        ka = (uint64_t *)R_alloc(n, sizeof(uint64_t));
        kb = (uint64_t *)R_alloc(n, sizeof(uint64_t));
        count = (R_xlen_t(*)[RADIX_SIZE])R_alloc(1, sizeof(radix_counts));
      }
      radix_sort_nonneg(sorted + offset[c], len, ka, kb, count);
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

/* Codes 1..k of the values of a plain key vector (integer, logical, double
   or character) in order of first appearance, with the 1-based row of each
   value's first appearance: what match(x, unique(x)) gives, in one pass.
   Whole numbers in a range of at most 2n + 1024 values (ids 1..n, years,
   also as doubles) index a table directly; anything else is hashed, doubles
   by value (-0 is 0) and strings by their cached CHARSXP. A non-ASCII
   string can be cached twice, in two encodings, and so get two codes:
   `exact` is FALSE when some string is not ASCII, and the caller then
   checks the (few) first values and falls back on unique(). Missing values
   are refused before this is called. Returns NULL for any other type. */
static inline uint64_t key_hash(uint64_t key, int bits) {
  return (key * 0x9E3779B97F4A7C15ULL) >> (64 - bits);
}

typedef struct {
  const int *xi;
  const double *xd;
  const SEXP *xs;
} key_vec;

static inline uint64_t key_at(const key_vec *v, R_xlen_t i) {
  if (v->xi) return (uint32_t)v->xi[i];
  uint64_t key;
  if (v->xd) {
    double z = v->xd[i] == 0 ? 0.0 : v->xd[i];
    memcpy(&key, &z, sizeof(double));
  } else {
    key = (uint64_t)(uintptr_t)v->xs[i];
  }
  return key;
}

/* The smallest value when every value is a whole number (an int, or a
   double equal to one) and they span at most `most` values (*span of
   them); else 0 with *span = 0. */
static double whole_range(const key_vec *v, R_xlen_t n, double most,
                          R_xlen_t *span) {
  double lo = R_PosInf, hi = R_NegInf;
  *span = 0;
  if (v->xs) return 0;
  for (R_xlen_t i = 0; i < n; i++) {
    double z = v->xi ? (double)v->xi[i] : v->xd[i];
    if (!(z == floor(z))) return 0; /* a fraction (or NaN) */
    if (z < lo) lo = z;
    if (z > hi) hi = z;
    if (hi - lo >= most) return 0;
  }
  if (n > 0) *span = (R_xlen_t)(hi - lo) + 1;
  return lo;
}

SEXP regineq_key_codes(SEXP x) {
  int type = TYPEOF(x);
  if (type != INTSXP && type != LGLSXP && type != REALSXP && type != STRSXP)
    return R_NilValue;
  R_xlen_t n = XLENGTH(x);
  if (n > INT_MAX) return R_NilValue;
  key_vec v = {type == INTSXP ? INTEGER(x) : type == LGLSXP ? LOGICAL(x)
                                                            : NULL,
               type == REALSXP ? REAL(x) : NULL,
               type == STRSXP ? STRING_PTR_RO(x) : NULL};
  const char *names[] = {"code", "first", "exact", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(out, 0, Rf_allocVector(INTSXP, n));
  int *cd = INTEGER(VECTOR_ELT(out, 0));
  int k = 0, *first;
  R_xlen_t work = 0;
  R_xlen_t span;
  double lo = whole_range(&v, n, 2.0 * (double)n + 1024, &span);
  if (span > 0) {
    /* a table indexed by value - lo */
    int *table = (int *)R_alloc(span, sizeof(int));
    memset(table, 0, (size_t)span * sizeof(int));
    first = (int *)R_alloc(span < n ? span : n, sizeof(int));
    for (R_xlen_t i = 0; i < n; i++) {
      double z = v.xi ? (double)v.xi[i] : v.xd[i];
      int *slot = table + (R_xlen_t)(z - lo);
      if (!*slot) {
        first[k] = (int)(i + 1);
        *slot = ++k;
      }
      cd[i] = *slot;
      regineq_tick(&work, 1);
    }
  } else {
    /* open addressing with linear probing: the table holds 1-based codes
       and doubles in size whenever it is half full */
    int bits = 10, cap = 512;
    uint64_t size = (uint64_t)1 << bits;
    int *table = (int *)R_alloc(size, sizeof(int));
    memset(table, 0, size * sizeof(int));
    uint64_t *keys = (uint64_t *)R_alloc(cap, sizeof(uint64_t));
    first = (int *)R_alloc(cap, sizeof(int));
    for (R_xlen_t i = 0; i < n; i++) {
      uint64_t key = key_at(&v, i);
      uint64_t h = key_hash(key, bits);
      while (table[h] && keys[table[h] - 1] != key) h = (h + 1) & (size - 1);
      int c = table[h];
      if (!c) {
        if (k == cap) { /* grow the per-code arrays */
          uint64_t *nk =
              (uint64_t *)R_alloc(2 * (size_t)cap, sizeof(uint64_t));
          int *nf = (int *)R_alloc(2 * (size_t)cap, sizeof(int));
          memcpy(nk, keys, (size_t)k * sizeof(uint64_t));
          memcpy(nf, first, (size_t)k * sizeof(int));
          keys = nk;
          first = nf;
          cap *= 2;
        }
        keys[k] = key;
        first[k] = (int)(i + 1);
        c = table[h] = ++k;
        if ((uint64_t)k * 2 > size) { /* rehash into a table twice the size */
          bits++;
          size <<= 1;
          table = (int *)R_alloc(size, sizeof(int));
          memset(table, 0, size * sizeof(int));
          for (int j = 0; j < k; j++) {
            uint64_t g = key_hash(keys[j], bits);
            while (table[g]) g = (g + 1) & (size - 1);
            table[g] = j + 1;
          }
        }
      }
      cd[i] = c;
      regineq_tick(&work, 1);
    }
  }
  SET_VECTOR_ELT(out, 1, Rf_allocVector(INTSXP, k));
  memcpy(INTEGER(VECTOR_ELT(out, 1)), first, (size_t)k * sizeof(int));
  /* whether the codes are exact without R's check: numbers always; strings
     when every distinct one is ASCII (cached once whatever the encoding) */
  int exact = 1;
  for (int c = 0; v.xs && exact && c < k; c++)
    for (const char *ch = CHAR(v.xs[first[c] - 1]); *ch && exact; ch++)
      exact = (unsigned char)*ch < 128;
  SET_VECTOR_ELT(out, 2, Rf_ScalarLogical(exact));
  UNPROTECT(1);
  return out;
}

/* Whether a cached string is ASCII: then it is cached once, whatever
   encoding it was declared in, and pointer equality is string equality. */
static int ascii_char(SEXP c) {
  for (const char *ch = CHAR(c); *ch; ch++)
    if ((unsigned char)*ch > 127) return 0;
  return 1;
}

/* match(x, table) for character vectors whose table is all ASCII, by
   hashing their cached CHARSXPs (R's match() also hashes strings, with
   more work per string); NULL for anything else, and R calls match().
   Positions are 1-based, NA where a string is not in the table, the first
   of repeated entries as match() gives. */
SEXP regineq_match_strings(SEXP x, SEXP table) {
  if (TYPEOF(x) != STRSXP || TYPEOF(table) != STRSXP ||
      XLENGTH(table) > INT_MAX / 2)
    return R_NilValue;
  R_xlen_t n = XLENGTH(table), m = XLENGTH(x);
  const SEXP *tv = STRING_PTR_RO(table), *xv = STRING_PTR_RO(x);
  int bits = 4;
  while (((uint64_t)1 << bits) < 2 * (uint64_t)n) bits++;
  uint64_t size = (uint64_t)1 << bits;
  int *slot = (int *)R_alloc(size, sizeof(int));
  memset(slot, 0, size * sizeof(int));
  R_xlen_t work = 0;
  for (R_xlen_t j = 0; j < n; j++) {
    if (!ascii_char(tv[j])) return R_NilValue;
    uint64_t key = (uint64_t)(uintptr_t)tv[j];
    uint64_t h = key_hash(key, bits);
    while (slot[h] && tv[slot[h] - 1] != tv[j]) h = (h + 1) & (size - 1);
    if (!slot[h]) slot[h] = (int)(j + 1);
    regineq_tick(&work, 1);
  }
  SEXP out = PROTECT(Rf_allocVector(INTSXP, m));
  int *pos = INTEGER(out);
  for (R_xlen_t i = 0; i < m; i++) {
    uint64_t h = key_hash((uint64_t)(uintptr_t)xv[i], bits);
    while (slot[h] && tv[slot[h] - 1] != xv[i]) h = (h + 1) & (size - 1);
    /* an x string that is not one of the table's cached strings differs
       from all of them: if ASCII, it would be cached once; if not, no
       ASCII string has its text */
    pos[i] = slot[h] ? slot[h] : NA_INTEGER;
    regineq_tick(&work, 1);
  }
  UNPROTECT(1);
  return out;
}

/* The first row (1-based) whose (a, b) pair, a in 1..na and b in 1..nb,
   an earlier row already had: what which(duplicated(cell))[1] gives, 0 when
   there is none, in one pass over a bitmap of the na x nb cells. NA when
   the cells outnumber the rows by far (then R's hashing is cheaper). */
SEXP regineq_first_duplicate(SEXP a, SEXP b, SEXP na, SEXP nb) {
  R_xlen_t n = XLENGTH(a);
  int A = Rf_asInteger(na), B = Rf_asInteger(nb);
  if (!Rf_isInteger(a) || !Rf_isInteger(b) || XLENGTH(b) != n ||
      A == NA_INTEGER || B == NA_INTEGER || A < 0 || B < 0)
    Rf_error("regineq_first_duplicate: invalid arguments");
  if (n == 0) return Rf_ScalarInteger(0); /* no rows, no levels */
  double cells = (double)A * B;
  if (cells > 64.0 * (double)n + (1 << 20)) return Rf_ScalarInteger(NA_INTEGER);
  const int *pa = INTEGER(a), *pb = INTEGER(b);
  size_t words = (size_t)(cells / 64) + 1;
  uint64_t *seen = (uint64_t *)R_alloc(words, sizeof(uint64_t));
  memset(seen, 0, words * sizeof(uint64_t));
  for (R_xlen_t i = 0; i < n; i++) {
    if (pa[i] < 1 || pa[i] > A || pb[i] < 1 || pb[i] > B)
      Rf_error("regineq_first_duplicate: index out of range");
    size_t c = (size_t)(pa[i] - 1) * B + (size_t)(pb[i] - 1);
    uint64_t bit = (uint64_t)1 << (c & 63);
    if (seen[c >> 6] & bit) return Rf_ScalarInteger((int)(i + 1));
    seen[c >> 6] |= bit;
  }
  return Rf_ScalarInteger(0);
}

/* Whether every one of the n values v passes check_values(): finite (NA
   allowed when na_ok), and for rule 2 non-negative, for rule 3 positive. */
static int values_ok(const double *v, R_xlen_t n, int na_ok, int r) {
  for (R_xlen_t i = 0; i < n; i++) {
    double z = v[i];
    int bad;
    if (isnan(z))
      bad = !na_ok; /* NA or NaN: both are missing to is.na() */
    else if (!isfinite(z))
      bad = 1;
    else
      bad = (r == 2 && z < 0) || (r == 3 && z <= 0);
    if (bad) return 0;
  }
  return 1;
}

/* values_ok() of a double vector: one pass without allocation; only when it
   fails does R look for the rows to name. */
SEXP regineq_values_ok(SEXP x, SEXP allow_na, SEXP rule) {
  if (!Rf_isReal(x)) Rf_error("regineq_values_ok: invalid arguments");
  return Rf_ScalarLogical(values_ok(REAL(x), XLENGTH(x),
                                    Rf_asLogical(allow_na) == TRUE,
                                    Rf_asInteger(rule)));
}

/* For each column of a list, whether it is a double vector without
   attributes whose values are all finite (no NA): the columns run on up to
   `threads` threads; the others go through check_values() in R. */
SEXP regineq_columns_ok(SEXP cols, SEXP threads) {
  if (TYPEOF(cols) != VECSXP) Rf_error("regineq_columns_ok: not a list");
  int p = (int)XLENGTH(cols), nt = regineq_nthreads(threads);
  SEXP out = PROTECT(Rf_allocVector(LGLSXP, p));
  int *ok = LOGICAL(out);
  const double **v = (const double **)R_alloc(p, sizeof(double *));
  R_xlen_t *len = (R_xlen_t *)R_alloc(p, sizeof(R_xlen_t)), total = 0;
  for (int j = 0; j < p; j++) {
    SEXP c = VECTOR_ELT(cols, j);
    int plain = TYPEOF(c) == REALSXP && ATTRIB(c) == R_NilValue;
    v[j] = plain ? REAL(c) : NULL;
    len[j] = plain ? XLENGTH(c) : 0;
    total += len[j];
  }
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) \
    if (total >= PAR_WORK)
#else
  (void)nt; /* one thread */
#endif
  for (int j = 0; j < p; j++) ok[j] = v[j] && values_ok(v[j], len[j], 0, 1);
  UNPROTECT(1);
  return out;
}
