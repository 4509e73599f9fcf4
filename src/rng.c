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

/* Uniform integer in [0, n) without bias: Lemire's multiply-shift with
   rejection where 128-bit products exist, rejection and modulo otherwise. */
R_xlen_t regineq_rng_index(regineq_rng *rng, R_xlen_t n) {
  uint64_t m = (uint64_t)n;
#ifdef __SIZEOF_INT128__
  unsigned __int128 prod = (unsigned __int128)regineq_rng_next(rng) * m;
  uint64_t low = (uint64_t)prod;
  if (low < m) {
    uint64_t threshold = (0 - m) % m;
    while (low < threshold) {
      prod = (unsigned __int128)regineq_rng_next(rng) * m;
      low = (uint64_t)prod;
    }
  }
  return (R_xlen_t)(prod >> 64);
#else
  uint64_t limit = UINT64_MAX - UINT64_MAX % m;
  uint64_t r;
  do {
    r = regineq_rng_next(rng);
  } while (r >= limit);
  return (R_xlen_t)(r % m);
#endif
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
