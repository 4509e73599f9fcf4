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
   do they go one at a time, until no half is left over. The state in a
   local copy the compiler can keep in registers, whether or not it inlines
   this function. */
static void index32_run(regineq_rng *rng, uint32_t b, int m, uint32_t *J) {
  regineq_rng g = *rng;
  int q = 0;
  while (q < m) {
    uint32_t b0 = b - (uint32_t)q;
    if (g.has_spare || q + 2 > m) {
      J[q++] = index32(&g, b0);
      continue;
    }
    uint64_t r = next64(&g);
    uint64_t p0 = (uint64_t)(uint32_t)r * b0;
    uint64_t p1 = (uint64_t)(uint32_t)(r >> 32) * (b0 - 1);
    if ((uint32_t)p0 >= b0 && (uint32_t)p1 >= b0 - 1) {
      J[q] = (uint32_t)(p0 >> 32);
      J[q + 1] = (uint32_t)(p1 >> 32);
      q += 2;
    } else {
      /* as next32() would have left it after the low half */
      g.spare = r;
      g.has_spare = 1;
      J[q++] = index32_from(&g, (uint32_t)r, b0);
    }
  }
  *rng = g;
}

/* The pair step of index32_run() for the four streams r[0..3] at once, on
   AVX2's 4 x 64-bit registers where the processor has them (checked at run
   time: the package is built for the baseline instruction set): the same
   xoshiro256** outputs and the same products, so the same draws. Every
   stream starts without a spare half. At the first step where some
   stream's pair might be rejected (probability about 8 b / 2^32 a step),
   the states go back to where they stood before that step and each stream
   finishes the run with index32_run(). */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define REGINEQ_AVX2 1
#include <immintrin.h>

/* word k of the four streams' states, stream p in 64-bit slot p */
#define LANES_OF(r, k)                                                    \
  _mm256_set_epi64x((long long)(r)[3].s[k], (long long)(r)[2].s[k],       \
                    (long long)(r)[1].s[k], (long long)(r)[0].s[k])

__attribute__((target("avx2"))) static void index32_run4_avx2(
    regineq_rng *r, uint32_t b, int m, uint32_t (*J)[256]) {
  __m256i s0 = LANES_OF(r, 0), s1 = LANES_OF(r, 1), s2 = LANES_OF(r, 2),
          s3 = LANES_OF(r, 3);
  int q = 0;
  for (; q + 2 <= m; q += 2) {
    uint32_t b0 = b - (uint32_t)q;
    __m256i o0 = s0, o1 = s1, o2 = s2, o3 = s3;
    /* next64(): rotl(s1 * 5, 7) * 9, then the state's step */
    __m256i t5 = _mm256_add_epi64(_mm256_slli_epi64(s1, 2), s1);
    __m256i rt = _mm256_or_si256(_mm256_slli_epi64(t5, 7),
                                 _mm256_srli_epi64(t5, 57));
    __m256i x = _mm256_add_epi64(_mm256_slli_epi64(rt, 3), rt);
    __m256i t = _mm256_slli_epi64(s1, 17);
    s2 = _mm256_xor_si256(s2, s0);
    s3 = _mm256_xor_si256(s3, s1);
    s1 = _mm256_xor_si256(s1, s2);
    s0 = _mm256_xor_si256(s0, s3);
    s2 = _mm256_xor_si256(s2, t);
    s3 = _mm256_or_si256(_mm256_slli_epi64(s3, 45), _mm256_srli_epi64(s3, 19));
    /* the low half times b0, the high half times b0 - 1; a pair stands
       when both products' low halves reach their bounds (x >= b as
       max(x, b) == x, in 32-bit slots whose upper neighbours agree) */
    __m256i B0 = _mm256_set1_epi64x((long long)b0),
            B1 = _mm256_set1_epi64x((long long)(b0 - 1));
    __m256i p0 = _mm256_mul_epu32(x, B0);
    __m256i p1 = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), B1);
    __m256i ok =
        _mm256_and_si256(_mm256_cmpeq_epi32(_mm256_max_epu32(p0, B0), p0),
                         _mm256_cmpeq_epi32(_mm256_max_epu32(p1, B1), p1));
    if (_mm256_movemask_epi8(ok) != -1) {
      s0 = o0;
      s1 = o1;
      s2 = o2;
      s3 = o3;
      break;
    }
    /* stream p's two draws, J[p][q] and J[p][q + 1], as one 64-bit word */
    uint64_t two[4];
    _mm256_storeu_si256(
        (__m256i *)two,
        _mm256_blend_epi32(_mm256_srli_epi64(p0, 32), p1, 0xAA));
    for (int p = 0; p < 4; p++) memcpy(&J[p][q], &two[p], sizeof(two[p]));
  }
  uint64_t st[4][4];
  _mm256_storeu_si256((__m256i *)st[0], s0);
  _mm256_storeu_si256((__m256i *)st[1], s1);
  _mm256_storeu_si256((__m256i *)st[2], s2);
  _mm256_storeu_si256((__m256i *)st[3], s3);
  for (int p = 0; p < 4; p++) {
    for (int k = 0; k < 4; k++) r[p].s[k] = st[k][p];
    if (q < m) index32_run(&r[p], b - (uint32_t)q, m - q, &J[p][q]);
  }
}
#endif

/* Whether index32_run4() may use AVX2: asked once, outside any parallel
   region (the answer is cached). */
int regineq_rng_simd(void) {
#ifdef REGINEQ_AVX2
  static int has = -1;
  if (has < 0) {
    __builtin_cpu_init();
    has = __builtin_cpu_supports("avx2") ? 1 : 0;
  }
  return has;
#else
  return 0;
#endif
}

/* index32_run() for the four streams r[0..3], into J[0..3]. */
static void index32_run4(regineq_rng *r, uint32_t b, int m, uint32_t (*J)[256],
                         int simd) {
#ifdef REGINEQ_AVX2
  if (simd && !(r[0].has_spare | r[1].has_spare | r[2].has_spare |
                r[3].has_spare)) {
    index32_run4_avx2(r, b, m, J);
    return;
  }
#else
  (void)simd;
#endif
  for (int p = 0; p < 4; p++) index32_run(&r[p], b, m, J[p]);
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

/* The swaps of Fisher-Yates steps i, i - 1, ..., i - m + 1 with J[q], in x
   and, when y is not NULL, in y (pairs move together). */
static void swap_run(double *x, double *y, R_xlen_t i, int m,
                     const uint32_t *J) {
  if (y) {
    for (int q = 0; q < m; q++) swap2(x, y, i - q, J[q]);
  } else {
    for (int q = 0; q < m; q++) {
      double tmp = x[i - q];
      x[i - q] = x[J[q]];
      x[J[q]] = tmp;
    }
  }
}

/* Fisher-Yates: a uniform permutation of x[0..n-1] in place, and of
   y[0..n-1] by the same swaps when y is not NULL (pairs move together);
   32-bit draws while i + 1 fits in them. Every full-permutation test uses
   it. The draws of up to 256 steps are made before their swaps (the swaps'
   random accesses then overlap): the same draws, in the same order, as
   one step at a time. */
void regineq_rng_shuffle(regineq_rng *rng, double *x, double *y, R_xlen_t n) {
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
    swap_run(x, y, i, m, J);
    i -= m;
  }
  *rng = g;
}

/* regineq_rng_shuffle() of x[p] (and y[p] when y is not NULL) by stream
   rng[p], for p = 0..3: the same permutations, the draws of the four
   streams made side by side (index32_run4(); `simd` from
   regineq_rng_simd(), or 0 for the scalar path). */
void regineq_rng_shuffle4(regineq_rng *rng, double *const *x,
                          double *const *y, R_xlen_t n, int simd) {
  regineq_rng g[4];
  uint32_t J[4][256];
  for (int p = 0; p < 4; p++) g[p] = rng[p];
  R_xlen_t i = n - 1;
  for (; i >= (R_xlen_t)UINT32_MAX; i--) {
    for (int p = 0; p < 4; p++) {
      R_xlen_t j = index64(&g[p], i + 1);
      swap2(x[p], y ? y[p] : NULL, i, j);
    }
  }
  while (i > 0) {
    int m = i < 256 ? (int)i : 256;
    index32_run4(g, (uint32_t)(i + 1), m, J, simd);
    for (int p = 0; p < 4; p++) swap_run(x[p], y ? y[p] : NULL, i, m, J[p]);
    i -= m;
  }
  for (int p = 0; p < 4; p++) rng[p] = g[p];
}

/* The permutations of 1..n that the shuffles make from stream `id` of the
   key (hi, lo: two 32-bit halves as doubles), for the tests to compare:
   mode 0 by the definition, one draw and one swap at a time; 1 by
   regineq_rng_shuffle(); 2 and 3 by regineq_rng_shuffle4() from streams
   id..id + 3 (an n x 4 matrix), 2 on AVX2 where the processor has it, 3
   without. A first element NA says AVX2 was asked for and is missing. */
SEXP regineq_shuffle_draws(SEXP hi, SEXP lo, SEXP id, SEXP n, SEXP mode) {
  double h = Rf_asReal(hi), l = Rf_asReal(lo), s = Rf_asReal(id),
         len = Rf_asReal(n);
  int md = Rf_asInteger(mode);
  if (!(h >= 0 && h < 4294967296.0 && l >= 0 && l < 4294967296.0 &&
        s >= 0 && s < 9007199254740992.0 && len >= 1 &&
        len < 2147483648.0 && md >= 0 && md <= 3))
    Rf_error("regineq_shuffle_draws: invalid arguments");
  uint64_t key = ((uint64_t)h << 32) | (uint64_t)l;
  R_xlen_t m = (R_xlen_t)len;
  int lanes = md >= 2 ? 4 : 1;
  SEXP out = PROTECT(lanes > 1 ? Rf_allocMatrix(REALSXP, (int)m, lanes)
                               : Rf_allocVector(REALSXP, m));
  regineq_rng rng[4];
  double *x[4];
  for (int p = 0; p < lanes; p++) {
    regineq_rng_stream(&rng[p], key, (uint64_t)s + (uint64_t)p);
    x[p] = REAL(out) + (size_t)p * m;
    for (R_xlen_t i = 0; i < m; i++) x[p][i] = (double)(i + 1);
  }
  if (md == 0) {
    for (R_xlen_t i = m - 1; i > 0; i--) {
      R_xlen_t j = i + 1 > UINT32_MAX
                       ? index64(&rng[0], i + 1)
                       : (R_xlen_t)index32(&rng[0], (uint32_t)(i + 1));
      swap2(x[0], NULL, i, j);
    }
  } else if (md == 1) {
    regineq_rng_shuffle(&rng[0], x[0], NULL, m);
  } else if (md == 2 && !regineq_rng_simd()) {
    x[0][0] = NA_REAL;
  } else {
    regineq_rng_shuffle4(rng, x, NULL, m, md == 2);
  }
  UNPROTECT(1);
  return out;
}
