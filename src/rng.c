/* xoshiro256** (Blackman and Vigna 2018) in counter-based streams keyed
   from R's RNG, so that set.seed() reproduces every permutation and
   replicate whatever the thread count; R's unif_rand() per draw is too slow
   for millions of draws. */
#include "regineq.h"

static inline uint64_t rotl(const uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

/* splitmix64 (Steele, Lea and Flood 2014): a whole stream from one word. */
static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

/* A 64-bit key from R's RNG (two 32-bit halves), so that set.seed()
   reproduces every stream derived from it. */
uint64_t regineq_rng_key(void) {
  GetRNGstate();
  uint64_t hi = (uint64_t)(unif_rand() * 4294967296.0);
  uint64_t lo = (uint64_t)(unif_rand() * 4294967296.0);
  PutRNGstate();
  return (hi << 32) | lo;
}

/* Stream number id of a key: xoshiro256** seeded by splitmix64 from the key
   and the number (counter-based streams, as Vigna recommends for seeding
   xoshiro). A replicate, a permutation or a row of draws that reads stream
   id sees the same numbers in whatever order, and on whatever thread, the
   streams are used: the work split never decides the draws. */
void regineq_rng_stream(regineq_rng *rng, uint64_t key, uint64_t id) {
  uint64_t x = key ^ (id * 0xd1b54a32d192ed03u);
  for (int k = 0; k < 4; k++) rng->s[k] = splitmix64(&x);
  if (!(rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3])) rng->s[0] = 1;
  rng->has_spare = 0;
}

/* xoshiro256**'s step, inline: a call to an exported function would go
   through the PLT */
static inline uint64_t next64(regineq_rng *rng) {
  uint64_t *s = rng->s;
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* High and low 64-bit words of the 128-bit product a * b from 32-bit
   halves: ISO C has no 128-bit integer type. */
static inline uint64_t mul_hi_lo(uint64_t a, uint64_t b, uint64_t *lo) {
  uint64_t a0 = a & 0xffffffffu, a1 = a >> 32;
  uint64_t b0 = b & 0xffffffffu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  /* the middle column, below 3 * 2^32: no overflow */
  uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  *lo = (mid << 32) | (p00 & 0xffffffffu);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* Uniform integer in [0, n) without bias: Lemire's multiply-shift with
   rejection (Lemire 2019, ACM TOMACS 29, 3:1-3:12). */
static R_xlen_t index64(regineq_rng *rng, R_xlen_t n) {
  uint64_t m = (uint64_t)n, low;
  uint64_t high = mul_hi_lo(next64(rng), m, &low);
  if (low < m) {
    uint64_t threshold = (0 - m) % m;
    while (low < threshold) high = mul_hi_lo(next64(rng), m, &low);
  }
  return (R_xlen_t)high;
}

/* 32-bit draws, two per 64-bit output: uniform integer in [0, n) for
   n < 2^32 by Lemire's multiply-shift with rejection (no bias). */
static inline uint32_t next32(regineq_rng *rng) {
  if (rng->has_spare) {
    rng->has_spare = 0;
    return (uint32_t)(rng->spare >> 32);
  }
  rng->spare = next64(rng);
  rng->has_spare = 1;
  return (uint32_t)rng->spare;
}

/* index32() whose first 32-bit draw is `first`, already taken from the
   stream */
static inline uint32_t index32_from(regineq_rng *rng, uint32_t first,
                                    uint32_t n) {
  uint64_t prod = (uint64_t)first * n;
  uint32_t low = (uint32_t)prod;
  if (low < n) {
    uint32_t threshold = (0u - n) % n;
    while (low < threshold) {
      prod = (uint64_t)next32(rng) * n;
      low = (uint32_t)prod;
    }
  }
  return (uint32_t)(prod >> 32);
}

static inline uint32_t index32(regineq_rng *rng, uint32_t n) {
  return index32_from(rng, next32(rng), n);
}

/* J[q] = index32(rng, b - q) for q = 0..m-1 (b - m + 1 >= 1), the same
   draws as one call at a time, two from each 64-bit output without the
   branch on a spare half: only where one of the two might be rejected
   (low half of the product below its bound, probability below b / 2^32)
   do they go one at a time, until no half is left over. */
static void index32_run(regineq_rng *rng, uint32_t b, int m, uint32_t *J) {
  int q = 0;
  while (q < m) {
    uint32_t b0 = b - (uint32_t)q;
    if (rng->has_spare || q + 2 > m) {
      J[q++] = index32(rng, b0);
      continue;
    }
    uint64_t r = next64(rng);
    uint64_t p0 = (uint64_t)(uint32_t)r * b0;
    uint64_t p1 = (uint64_t)(uint32_t)(r >> 32) * (b0 - 1);
    if ((uint32_t)p0 >= b0 && (uint32_t)p1 >= b0 - 1) {
      J[q] = (uint32_t)(p0 >> 32);
      J[q + 1] = (uint32_t)(p1 >> 32);
      q += 2;
    } else {
      /* as next32() would have left it after the low half */
      rng->spare = r;
      rng->has_spare = 1;
      J[q++] = index32_from(rng, (uint32_t)r, b0);
    }
  }
}

uint32_t regineq_rng_index32(regineq_rng *rng, uint32_t n) {
  return index32(rng, n);
}

static inline void swap2(double *x, double *y, R_xlen_t i, R_xlen_t j) {
  double tmp = x[i];
  x[i] = x[j];
  x[j] = tmp;
  if (y) {
    tmp = y[i];
    y[i] = y[j];
    y[j] = tmp;
  }
}

/* Fisher-Yates: a uniform permutation of x[0..n-1] in place, and of
   y[0..n-1] by the same swaps when y is not NULL (pairs move together);
   32-bit draws while i + 1 fits in them. Every full-permutation test uses
   it. */
void regineq_rng_shuffle(regineq_rng *rng, double *x, double *y, R_xlen_t n) {
  /* the state in a local copy the compiler can keep in registers, and the
     draws of up to 256 steps made before their swaps (the swaps' random
     accesses then overlap): the same draws, in the same order, as one
     step at a time */
  regineq_rng g = *rng;
  uint32_t J[256];
  R_xlen_t i = n - 1;
  for (; i >= (R_xlen_t)UINT32_MAX; i--) {
    R_xlen_t j = index64(&g, i + 1);
    swap2(x, y, i, j);
  }
  while (i > 0) {
    int m = i < 256 ? (int)i : 256;
    index32_run(&g, (uint32_t)(i + 1), m, J);
    if (y) {
      for (int q = 0; q < m; q++) swap2(x, y, i - q, J[q]);
    } else {
      for (int q = 0; q < m; q++) {
        double tmp = x[i - q];
        x[i - q] = x[J[q]];
        x[J[q]] = tmp;
      }
    }
    i -= m;
  }
  *rng = g;
}

/* The permutation of 1..n that the shuffle makes from stream `id` of the
   key (hi, lo: two 32-bit halves as doubles), and with `stepwise` the
   same by the definition, one draw and one swap at a time: the tests
   compare the two (the batched draws must be the same draws). */
SEXP regineq_shuffle_draws(SEXP hi, SEXP lo, SEXP id, SEXP n, SEXP stepwise) {
  double h = Rf_asReal(hi), l = Rf_asReal(lo), s = Rf_asReal(id),
         len = Rf_asReal(n);
  if (!(h >= 0 && h < 4294967296.0 && l >= 0 && l < 4294967296.0 &&
        s >= 0 && s < 9007199254740992.0 && len >= 1 && len < 2147483648.0))
    Rf_error("regineq_shuffle_draws: invalid arguments");
  R_xlen_t m = (R_xlen_t)len;
  regineq_rng rng;
  regineq_rng_stream(&rng, ((uint64_t)h << 32) | (uint64_t)l, (uint64_t)s);
  SEXP out = PROTECT(Rf_allocVector(REALSXP, m));
  double *x = REAL(out);
  for (R_xlen_t i = 0; i < m; i++) x[i] = (double)(i + 1);
  if (Rf_asLogical(stepwise)) {
    for (R_xlen_t i = m - 1; i > 0; i--) {
      R_xlen_t j = i + 1 > UINT32_MAX
                       ? index64(&rng, i + 1)
                       : (R_xlen_t)index32(&rng, (uint32_t)(i + 1));
      swap2(x, NULL, i, j);
    }
  } else {
    regineq_rng_shuffle(&rng, x, NULL, m);
  }
  UNPROTECT(1);
  return out;
}
