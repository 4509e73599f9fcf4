/* regineq: prototypes of the .Call entry points and shared C helpers. */
#ifndef REGINEQ_H
#define REGINEQ_H

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <math.h>
#include <stdint.h>

/* OpenMP where the compiler has it: the calling thread's number (0 without
   OpenMP); the work units between two interrupt checks, and the least work
   for which a parallel region is worth waking the threads (below it, the
   calling thread runs the loop alone: the same results, without the fork).
   No R API is called inside a parallel region. */
#ifdef _OPENMP
#include <omp.h>
#define THREAD_NUM omp_get_thread_num()
#else
#define THREAD_NUM 0
#endif
enum { CHUNK_WORK = 1 << 22, PAR_WORK = 1 << 15 };

/* Items per chunk of a parallel loop (the user can interrupt between
   chunks): about `work` units at `per` units an item, and at least `least`
   (enough for every thread). */
static inline R_xlen_t regineq_chunk(R_xlen_t work, R_xlen_t per,
                                     R_xlen_t least) {
  R_xlen_t c = work / (per > 0 ? per : 1);
  return c < least ? least : c;
}

/* Counts work done in a long loop and lets the user interrupt (or a time
   limit fire) every 2^20 units: often enough to answer within a fraction of
   a second, rarely enough to cost nothing. */
static inline void regineq_tick(R_xlen_t *work, R_xlen_t add) {
  *work += add;
  if (*work >= ((R_xlen_t)1 << 20)) {
    *work = 0;
    R_CheckUserInterrupt();
  }
}

/* composite.c */
SEXP regineq_index_stats(SEXP x, SEXP dir, SEXP grp, SEXP ngrp, SEXP shift,
                         SEXP norm, SEXP base, SEXP kden, SEXP want,
                         SEXP threads);
SEXP regineq_index_scores(SEXP x, SEXP grp, SEXP ngrp, SEXP scale, SEXP c,
                          SEXP s, SEXP umin, SEXP umax, SEXP shift,
                          SEXP weights, SEXP dim, SEXP ndim, SEXP method,
                          SEXP threads);
SEXP regineq_obstacle(SEXP x, SEXP grp, SEXP ngrp, SEXP scale, SEXP c, SEXP s,
                      SEXP umin, SEXP umax, SEXP weights, SEXP top);

/* inequality.c */
SEXP regineq_inequality(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp,
                        SEXP full);

/* dagum.c */
SEXP regineq_dagum(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp);

/* weighted.c */
SEXP regineq_weighted(SEXP y, SEXP w, SEXP grp, SEXP off, SEXP ngrp,
                      SEXP want);
SEXP regineq_wboot(SEXP y, SEXP w, SEXP grp, SEXP off, SEXP ngrp, SEXP want,
                   SEXP region, SEXP rgrp, SEXP nboot, SEXP draws, SEXP key,
                   SEXP threads);
SEXP regineq_wperm(SEXP y, SEXP w, SEXP off, SEXP ngrp, SEXP want,
                   SEXP region, SEXP rgrp, SEXP nperm, SEXP key,
                   SEXP threads);

/* moran.c */
R_xlen_t regineq_spatial_args(SEXP z, SEXP rowptr, SEXP col, SEXP val, int T,
                              int ns, R_xlen_t min_n, const char *who);
SEXP regineq_real_list(const char **names, R_xlen_t len);
SEXP regineq_centre_scale(SEXP m);
SEXP regineq_weight_constants(SEXP rowptr, SEXP col, SEXP val);
SEXP regineq_csr_ok(SEXP rowptr, SEXP col, SEXP val, SEXP raw, SEXP nreg);
void regineq_csr_transpose(R_xlen_t n, const int *rp, const int *cl,
                           const double *w, int **trp, int **tcl,
                           double **tw);
SEXP regineq_moran_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim, SEXP threads);
SEXP regineq_moran_local(SEXP z, SEXP x, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim, SEXP threads);
SEXP regineq_moran_bv(SEXP zx, SEXP zy, SEXP ntime, SEXP rowptr, SEXP col,
                      SEXP val, SEXP nsim, SEXP threads);
SEXP regineq_local_perm(SEXP u, SEXP a, SEXP v, SEXP b, SEXP ntime,
                        SEXP rowptr, SEXP col, SEXP val, SEXP nsim,
                        SEXP threads);

/* perm.c: the permutation engine of every spatial test (OpenMP threads,
   counts identical whatever the thread count) */
/* The links a global statistic sums over, row by row: row i's links are
   k = rp[i] .. rp[i + 1] - 1, to the columns ci[k], with the weights
   w[k]. */
typedef struct {
  R_xlen_t n;
  const int *rp, *ci;
  const double *w;
} regineq_links;
/* A global statistic, evaluated on REGINEQ_LANES arrangements at once:
   out[p] = stat(x[p], y[p]). Each lane's arithmetic is its own, in the
   same order whatever the other lanes hold, so a lane's value does not
   depend on which arrangements share the call: the permutations share one
   pass over the links. */
enum { REGINEQ_LANES = 4 };
typedef void (*regineq_global_stat)(const double *const *x,
                                    const double *const *y,
                                    const regineq_links *L, double *out);
typedef struct {
  const double *u, *a, *lu, *v, *b, *lv;
} regineq_local_stat;
int regineq_nthreads(SEXP threads);
void regineq_global_perm(regineq_global_stat stat, const double *X,
                         const double *Y, R_xlen_t n, int T, const int *rp,
                         const int *cl, const double *w, int ns, int nt,
                         double *obs, double *ge, double *le, double *S);
void regineq_global_links(R_xlen_t n, const int *rp, const int *cl,
                          const double *w, int fold, regineq_links *L);
void regineq_link_constants(const regineq_links *L, const int *rp,
                            const int *cl, const double *w, double *S);
void regineq_local_perm_kernel(const double *U, const double *A,
                               const double *V, const double *B, R_xlen_t n,
                               int T, const int *rp, const int *cl,
                               const double *w, int ns, int kmax, int nt,
                               double *LU, double *LV, double *ge,
                               double *le);
int regineq_local_kmax(R_xlen_t n, const int *rp, const int *cl, int ns,
                       const char *who);

/* geary.c */
SEXP regineq_geary_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim, SEXP threads);

/* knn.c */
SEXP regineq_knn(SEXP xy, SEXP k, SEXP longlat);
SEXP regineq_dband(SEXP xy, SEXP lower, SEXP upper, SEXP longlat);

/* rank.c */
SEXP regineq_rank_compare(SEXP x, SEXP y, SEXP grp, SEXP ngrp);

/* Shared helpers. */
/* Scratch long doubles from R_alloc, which only guarantees the alignment of
   a double: over-allocate and align to 16 bytes. */
static inline long double *regineq_alloc_ld(size_t n) {
  char *p = R_alloc(n * sizeof(long double) + 16, 1);
  return (long double *)(((uintptr_t)p + 15) & ~(uintptr_t)15);
}

/* Theil's terms as functions of the relative deviation d = y / mu - 1
   (Theil 1967), used by inequality.c and by the entropy weights of
   composite.c (1 - e = T / ln m): f(d) = (1 + d) ln(1 + d) - d for Theil's
   T and g(d) = d - ln(1 + d) for the mean log deviation L. Both drop the
   term d, whose mean is 0, so they are >= 0 and O(d^2). The closed forms
   cancel for small d, so |d| < 0.1 takes the Taylor series
   f = sum (-d)^k / (k (k - 1)), g = sum (-d)^k / k (k >= 2), to k = 7, 10
   or 18 as |d| needs for a truncation below 1e-17 relative. f(-1) = 1
   covers y = 0 (0 ln 0 = 0). */
static inline void regineq_theil_series(double d, double *f, double *g) {
  static const double cf[17] = {
      1.0 / 2,   1.0 / 6,   1.0 / 12,  1.0 / 20,  1.0 / 30,  1.0 / 42,
      1.0 / 56,  1.0 / 72,  1.0 / 90,  1.0 / 110, 1.0 / 132, 1.0 / 156,
      1.0 / 182, 1.0 / 210, 1.0 / 240, 1.0 / 272, 1.0 / 306};
  static const double cg[17] = {
      1.0 / 2,  1.0 / 3,  1.0 / 4,  1.0 / 5,  1.0 / 6,  1.0 / 7,
      1.0 / 8,  1.0 / 9,  1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13,
      1.0 / 14, 1.0 / 15, 1.0 / 16, 1.0 / 17, 1.0 / 18};
  double ad = fabs(d);
  int top = ad < 1e-3 ? 5 : (ad < 1e-2 ? 8 : 16); /* the last k is top + 2 */
  double sf = cf[top], sg = cg[top];
  for (int k = top - 1; k >= 0; k--) {
    sf = sf * -d + cf[k];
    sg = sg * -d + cg[k];
  }
  *f = d * d * sf;
  *g = d * d * sg;
}

/* f(d) and g(d) for d > -1, given l = ln(1 + d), which is read only when
   |d| >= 0.1 (the caller takes it from log1p(d), or from a ratio when 1 + d
   is small). */
static inline void regineq_theil_terms(double d, double l, double *f,
                                       double *g) {
  if (fabs(d) < 0.1) {
    regineq_theil_series(d, f, g);
    return;
  }
  double vf = (1.0 + d) * l - d, vg = d - l;
  *f = vf > 0 ? vf : 0.0;
  *g = vg > 0 ? vg : 0.0;
}

static inline double regineq_theil_f(double d) {
  if (d <= -1.0) return 1.0;
  double f, g;
  regineq_theil_terms(d, fabs(d) < 0.1 ? 0.0 : log1p(d), &f, &g);
  return f;
}

static inline double regineq_theil_g(double d) {
  if (d <= -1.0) return R_PosInf;
  double f, g;
  regineq_theil_terms(d, fabs(d) < 0.1 ? 0.0 : log1p(d), &f, &g);
  return g;
}

/* panel.c: (value, period, group) panels, used by inequality.c and dagum.c */
/* Validates a value vector with 1-based period and group indices; returns
   its length. */
R_xlen_t regineq_check_keys(SEXP y, SEXP time, int ntime, SEXP grp, int ngrp,
                            const char *who);
/* Bucket values by (period, group) and sort each bucket ascending.
   Returns offsets (length ntime*ngrp + 1) into sorted. */
void regineq_bucket_sort(const double *y, const int *time, const int *grp,
                         R_xlen_t n, int ntime, int ngrp, double *sorted,
                         R_xlen_t *offset);
/* Sum over pairs i<r of |y_r - y_i| for one sorted run (gap form). */
long double regineq_pair_sum(const double *s, R_xlen_t n);
SEXP regineq_group_sum(SEXP x, SEXP g, SEXP ngrp);
SEXP regineq_key_codes(SEXP x);
SEXP regineq_match_strings(SEXP x, SEXP table);
SEXP regineq_values_ok(SEXP x, SEXP allow_na, SEXP rule);
SEXP regineq_columns_ok(SEXP cols, SEXP threads);
SEXP regineq_first_duplicate(SEXP a, SEXP b, SEXP na, SEXP nb);

/* rng.c: xoshiro256** in streams keyed from R's RNG. */
typedef struct {
  uint64_t s[4];
  uint64_t spare; /* the unused half of the last 64-bit output */
  int has_spare;
} regineq_rng;
uint64_t regineq_rng_key(void);
void regineq_rng_stream(regineq_rng *rng, uint64_t key, uint64_t id);
uint32_t regineq_rng_index32(regineq_rng *rng, uint32_t n);
void regineq_rng_shuffle(regineq_rng *rng, double *x, double *y, R_xlen_t n);
int regineq_rng_simd(void);
void regineq_rng_shuffle4(regineq_rng *rng, double *const *x,
                          double *const *y, R_xlen_t n, int simd);
SEXP regineq_shuffle_draws(SEXP hi, SEXP lo, SEXP id, SEXP n, SEXP mode);

#endif
