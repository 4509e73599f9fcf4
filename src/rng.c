/* xoshiro256** (Blackman and Vigna 2018), seeded from R's RNG so that
   set.seed() reproduces every permutation; R's unif_rand() per draw is too
   slow for millions of draws. */
#include "regineq.h"

static inline uint64_t rotl(const uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

void regineq_rng_seed(regineq_rng *rng) {
  GetRNGstate();
  for (int k = 0; k < 4; k++) {
    /* two 32-bit draws per word */
    uint64_t hi = (uint64_t)(unif_rand() * 4294967296.0);
    uint64_t lo = (uint64_t)(unif_rand() * 4294967296.0);
    rng->s[k] = (hi << 32) ^ lo;
  }
  PutRNGstate();
  if (!(rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3])) rng->s[0] = 1;
  rng->has_spare = 0;
}

uint64_t regineq_rng_next(regineq_rng *rng) {
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
R_xlen_t regineq_rng_index(regineq_rng *rng, R_xlen_t n) {
  uint64_t m = (uint64_t)n, low;
  uint64_t high = mul_hi_lo(regineq_rng_next(rng), m, &low);
  if (low < m) {
    uint64_t threshold = (0 - m) % m;
    while (low < threshold) high = mul_hi_lo(regineq_rng_next(rng), m, &low);
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
  rng->spare = regineq_rng_next(rng);
  rng->has_spare = 1;
  return (uint32_t)rng->spare;
}

uint32_t regineq_rng_index32(regineq_rng *rng, uint32_t n) {
  uint64_t prod = (uint64_t)next32(rng) * n;
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

/* Fisher-Yates: a uniform permutation of perm[0..n-1] in place (32-bit
   draws while i + 1 fits in them). Every full-permutation test uses it. */
void regineq_rng_shuffle(regineq_rng *rng, R_xlen_t *perm, R_xlen_t n) {
  for (R_xlen_t i = n - 1; i > 0; i--) {
    R_xlen_t j = i < (R_xlen_t)UINT32_MAX
                     ? (R_xlen_t)regineq_rng_index32(rng, (uint32_t)(i + 1))
                     : regineq_rng_index(rng, i + 1);
    R_xlen_t tmp = perm[i];
    perm[i] = perm[j];
    perm[j] = tmp;
  }
}
