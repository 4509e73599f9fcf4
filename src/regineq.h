/* regineq: prototypes of the .Call entry points and shared C helpers. */
#ifndef REGINEQ_H
#define REGINEQ_H

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <stdint.h>

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
SEXP regineq_composite(SEXP x, SEXP dir, SEXP grp, SEXP ngrp, SEXP shift,
                       SEXP weights, SEXP dim, SEXP ndim, SEXP method);

/* inequality.c */
SEXP regineq_inequality(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp,
                        SEXP full);

/* dagum.c */
SEXP regineq_dagum(SEXP y, SEXP time, SEXP ntime, SEXP grp, SEXP ngrp);

/* moran.c */
SEXP regineq_moran_global(SEXP z, SEXP ntime, SEXP rowptr, SEXP col, SEXP val,
                          SEXP nsim);
SEXP regineq_moran_local(SEXP z, SEXP x, SEXP ntime, SEXP rowptr, SEXP col,
                         SEXP val, SEXP nsim);

/* Shared helpers. */
/* Scratch long doubles from R_alloc, which only guarantees the alignment of
   a double: over-allocate and align to 16 bytes. */
static inline long double *regineq_alloc_ld(size_t n) {
  char *p = R_alloc(n * sizeof(long double) + 16, 1);
  return (long double *)(((uintptr_t)p + 15) & ~(uintptr_t)15);
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

/* rng.c: xoshiro256** seeded from R's RNG. */
typedef struct {
  uint64_t s[4];
  uint64_t spare; /* the unused half of the last 64-bit output */
  int has_spare;
} regineq_rng;
void regineq_rng_seed(regineq_rng *rng);
uint64_t regineq_rng_next(regineq_rng *rng);
R_xlen_t regineq_rng_index(regineq_rng *rng, R_xlen_t n);
uint32_t regineq_rng_index32(regineq_rng *rng, uint32_t n);

#endif
