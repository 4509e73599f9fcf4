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

/* Uniform integer in [0, n) by rejection (no modulo bias). */
R_xlen_t regineq_rng_index(regineq_rng *rng, R_xlen_t n) {
  uint64_t m = (uint64_t)n;
  uint64_t limit = UINT64_MAX - UINT64_MAX % m;
  uint64_t r;
  do {
    r = regineq_rng_next(rng);
  } while (r >= limit);
  return (R_xlen_t)(r % m);
}
