/* The permutation engine of every spatial test: full permutations for the
   global statistics (Moran, bivariate Moran, Geary) and the conditional
   permutation for the local ones (local Moran, bivariate, Getis-Ord Gi,
   local Geary). Both run on OpenMP threads where the compiler has them and
   give the same counts, bit for bit, whatever the thread count:
   - every permutation draws from its own stream (rng.c), numbered by period
     and permutation, so the work split never decides the draws;
   - a thread only ever adds whole counts (exact in a double below 2^53) to
     its own permutations or its own regions.
   No R API is called inside a parallel region; the user can interrupt (or a
   time limit fire) between chunks of about 2^22 units of work. */
#include <limits.h>
#include <string.h>

#include <R_ext/Utils.h>

#include "regineq.h"

/* The thread count asked for from R (validated there), at least 1 and at
   most the OpenMP thread limit; 1 without OpenMP. */
int regineq_nthreads(SEXP threads) {
  int nt = Rf_asInteger(threads);
  if (nt == NA_INTEGER || nt < 1) Rf_error("regineq: invalid thread count");
#ifdef _OPENMP
  int lim = omp_get_thread_limit();
  if (lim > 0 && nt > lim) nt = lim;
  return nt;
#else
  return 1;
#endif
}

/* The links of W, row by row (regineq_links): W itself, or with fold,
   the upper triangle of W + W' with W's diagonal: c_ij = w_ij + w_ji for
   j > i and c_ii = w_ii, so that for f symmetric
   sum_ij w_ij f(z_i, z_j) = sum_{i <= j} c_ij f(z_i, z_j) with half the
   terms of a symmetric pattern. One pass over W and its transpose; a
   pair's entry sits where its first link put it (mark, pos). R_alloc'd. */
void regineq_global_links(R_xlen_t n, const int *rp, const int *cl,
                          const double *w, int fold, regineq_links *L) {
  L->n = n;
  if (!fold) {
    L->rp = rp;
    L->ci = cl;
    L->w = w;
    return;
  }
  int nnz = rp[n];
  int *r = (int *)R_alloc((size_t)n + 1, sizeof(int));
  int *c = (int *)R_alloc((size_t)nnz + 1, sizeof(int));
  double *v = (double *)R_alloc((size_t)nnz + 1, sizeof(double));
  int *trp, *tcl;
  double *tw;
  regineq_csr_transpose(n, rp, cl, w, &trp, &tcl, &tw);
  int *mark = (int *)R_alloc((size_t)n, sizeof(int));
  int *pos = (int *)R_alloc((size_t)n, sizeof(int));
  for (R_xlen_t j = 0; j < n; j++) mark[j] = -1;
  int m = 0;
  for (R_xlen_t i = 0; i < n; i++) {
    r[i] = m;
    for (int pass = 0; pass < 2; pass++) {
      const int *tc = pass ? tcl : cl;
      const double *tv = pass ? tw : w;
      int k0 = pass ? trp[i] : rp[i], k1 = pass ? trp[i + 1] : rp[i + 1];
      for (int k = k0; k < k1; k++) {
        int j = tc[k];
        /* w_ii enters once, from W's own row */
        if (j < i || (pass && j == i)) continue;
        if (mark[j] != (int)i) {
          mark[j] = (int)i;
          pos[j] = m;
          c[m] = j;
          v[m++] = tv[k];
        } else {
          v[pos[j]] += tv[k];
        }
      }
    }
  }
  r[n] = m;
  L->rp = r;
  L->ci = c;
  L->w = v;
}

/* The constants of the moments of Moran's I and Geary's C, as
   spdep::spweights.constants(), self-links included, from W (rp, cl, w)
   and its folded links L: S0 = sum_ij w_ij; S1 = sum_ij (w_ij + w_ji)^2 / 2
   = sum_{i<j} c_ij^2 + 2 sum_i c_ii^2 (a pair's two terms are equal, and
   a self-link's is (2 w_ii)^2 / 2); S2 = sum_i (w_i. + w_.i)^2, the column
   sums gathered in one pass over W. */
void regineq_link_constants(const regineq_links *L, const int *rp,
                            const int *cl, const double *w, double *S) {
  R_xlen_t n = L->n;
  double *cs = (double *)R_alloc((size_t)n + 1, sizeof(double));
  memset(cs, 0, ((size_t)n + 1) * sizeof(double));
  for (int k = 0; k < rp[n]; k++) cs[cl[k]] += w[k];
  long double s0 = 0.0L, s1 = 0.0L, s2 = 0.0L;
  for (R_xlen_t i = 0; i < n; i++) {
    double rs = 0.0;
    for (int k = rp[i]; k < rp[i + 1]; k++) rs += w[k];
    for (int k = L->rp[i]; k < L->rp[i + 1]; k++) {
      long double c2 = (long double)L->w[k] * L->w[k];
      s1 += L->ci[k] == i ? 2 * c2 : c2;
    }
    s0 += rs;
    s2 += (long double)(rs + cs[i]) * (rs + cs[i]);
  }
  S[0] = (double)s0;
  S[1] = (double)s1;
  S[2] = (double)s2;
}

/* Global statistics: stat(x, y) for each of the T periods of X and Y (n x T,
   column-major; Y == X for a univariate statistic), and for ns > 0 the
   counts of stat over ns uniform permutations of the rows of (x, y) that lie
   at or above (ge) and at or below (le) the observed one, with a relative
   tolerance of 1e-12 so that a permutation equal to the observed
   arrangement counts on both sides despite rounding. Permutation s of period
   t reads stream t * ns + s. The statistic sums over the links of
   regineq_global_links(); a univariate one must be of the form
   sum_ij w_ij f(x_i, x_j) with f symmetric (Moran's cross product, Geary's
   squared differences) and runs on the folded links, whose constants
   S0, S1, S2 (regineq_link_constants()) go to S unless it is NULL.

   The permutations q = t * ns + s of all periods form one sequence, taken
   REGINEQ_LANES at a time: the lanes of a group are shuffled side by side
   (regineq_rng_shuffle4(), whose draws are those of one stream at a time),
   then evaluated in one pass over the links, which costs little more than
   evaluating one. A lane's value never depends on the other
   lanes, so the grouping decides nothing: lanes past the end repeat lane
   0 (their values are not read), and the observed value, computed with
   every lane on the data, is what the identity permutation gives, bit for
   bit. */
typedef char shuffle4_lanes[REGINEQ_LANES == 4 ? 1 : -1];
void regineq_global_perm(regineq_global_stat stat, const double *X,
                         const double *Y, R_xlen_t n, int T, const int *rp,
                         const int *cl, const double *w, int ns, int nt,
                         double *obs, double *ge, double *le, double *S) {
  enum { NL = REGINEQ_LANES };
  int joint = Y != X;
  regineq_links L;
  regineq_global_links(n, rp, cl, w, !joint, &L);
  if (S && !joint) regineq_link_constants(&L, rp, cl, w, S);
  uint64_t key = ns > 0 ? regineq_rng_key() : 0;
  R_xlen_t per = n + L.rp[n], width = joint ? 2 * n : n, work = 0;
  for (int t = 0; t < T; t++) {
    const double *xs[NL], *ys[NL];
    double out[NL];
    for (int p = 0; p < NL; p++) {
      xs[p] = X + (R_xlen_t)t * n;
      ys[p] = Y + (R_xlen_t)t * n;
    }
    stat(xs, ys, &L, out);
    obs[t] = out[0];
    ge[t] = le[t] = 0;
  }
  regineq_tick(&work, (R_xlen_t)T * per);
  if (ns == 0) return;
  /* groups of NL permutations, cut into chunks of about 16 CHUNK_WORK
     units (a group costs more than its units say) and at least four
     groups a thread: many short periods fill a chunk together rather than
     each waking the threads, and few barriers leave few chances to wait
     for a thread the machine has paused */
  R_xlen_t total = (R_xlen_t)T * ns, groups = (total + NL - 1) / NL;
  R_xlen_t chunk = regineq_chunk(16 * (R_xlen_t)CHUNK_WORK, NL * per, 4 * nt);
  if (chunk > groups) chunk = groups;
  double *buf = (double *)R_alloc((size_t)nt * NL * width, sizeof(double));
  int simd = regineq_rng_simd();
  unsigned char *side = (unsigned char *)R_alloc((size_t)chunk * NL, 1);
  for (R_xlen_t g0 = 0; g0 < groups; g0 += chunk) {
    R_xlen_t g1 = groups - g0 < chunk ? groups : g0 + chunk;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) \
    if ((g1 - g0) * NL * per >= PAR_WORK)
#endif
    for (R_xlen_t g = g0; g < g1; g++) {
      double *mine = buf + (size_t)THREAD_NUM * NL * width;
      const double *xs[NL], *ys[NL];
      double *bx[NL], *by[NL], out[NL];
      regineq_rng rng[NL];
      int lanes = 0;
      for (int p = 0; p < NL; p++) {
        R_xlen_t q = g * NL + p;
        if (q >= total) {
          xs[p] = xs[0];
          ys[p] = ys[0];
          continue;
        }
        R_xlen_t t = q / ns;
        bx[p] = mine + (size_t)p * width;
        by[p] = joint ? bx[p] + n : bx[p];
        regineq_rng_stream(&rng[p], key, (uint64_t)q);
        memcpy(bx[p], X + t * n, n * sizeof(double));
        if (joint) memcpy(by[p], Y + t * n, n * sizeof(double));
        xs[p] = bx[p];
        ys[p] = by[p];
        lanes++;
      }
      /* a full group's four streams side by side; the last group's lanes
         one at a time (the same permutations either way) */
      if (lanes == NL) {
        regineq_rng_shuffle4(rng, bx, joint ? by : NULL, n, simd);
      } else {
        for (int p = 0; p < lanes; p++)
          regineq_rng_shuffle(&rng[p], bx[p], joint ? by[p] : NULL, n);
      }
      stat(xs, ys, &L, out);
      for (int p = 0; p < lanes; p++) {
        R_xlen_t q = g * NL + p;
        double c = out[p], o = obs[q / ns], tol = 1e-12 * fabs(o);
        side[q - g0 * NL] =
            (unsigned char)((c >= o - tol) | (c <= o + tol) << 1);
      }
    }
    /* whole counts, added in order after the threads are done */
    R_xlen_t q1 = g1 * NL < total ? g1 * NL : total;
    for (R_xlen_t q = g0 * NL; q < q1; q++) {
      R_xlen_t t = q / ns;
      ge[t] += side[q - g0 * NL] & 1;
      le[t] += side[q - g0 * NL] >> 1;
    }
    regineq_tick(&work, (g1 - g0) * NL * per);
  }
}

/* Rows of draws come in blocks of at most BLOCK_ROWS rows and BLOCK_CELLS
   cells of a table (rows x (k_max + 1)): memory stays bounded whatever nsim
   and k_max. */
enum { BLOCK_ROWS = 1 << 14, BLOCK_CELLS = 1 << 17 };

/* The conditional permutation (Anselin 1995): for region i the values at
   its k_i neighbours are replaced by k_i values drawn without replacement
   from the other n - 1 regions. A statistic enters as
   s_i = a_i sum_j w_ij u_j + b_i sum_j w_ij v_j (v, b optional): local
   Moran a = z, u = z; Getis-Ord Gi u = x, a = 1 / (sum x - x_i); local
   Geary u = x, a = -2 x_i, v = x^2, b = 1; bivariate Moran u = z_y,
   a = z_x. The observed s_i uses lu_i = sum_j w_ij u_j (and lv_i).

   As in PySAL's esda, one table of draws per period serves every region:
   row s holds k_max distinct positions in 0..n-2, position p standing for
   region p, or for region n - 1 when p = i. That map is one-to-one onto
   the other regions, so each region's reference distribution is exact
   (without replacement, never itself), and the draws cost O(nsim k_max)
   instead of O(nsim sum k_i). Regions share the rows, so their p-values
   are dependent (two neighbouring regions see the same values in the same
   permutation); each one's distribution is exact. Row s of period t reads
   stream t * ns + s and starts from the identity pool (the swaps of the
   partial Fisher-Yates are undone), so the table depends on neither the
   block size nor the thread count.

   Per block, the engine tabulates the values at the drawn positions
   (vu[k][s] = u[p_sk]), their prefix sums over k (pu[k][s], the sum of the
   first k) and, for a univariate statistic, each prefix column sorted. A
   region whose k_i weights are all equal to c (binary or row-standardised
   weights) then has s_i = a_i (c pu[k_i][s]) in row s, a monotone function
   of pu[k_i][s]: its counts are two binary searches in the sorted column,
   the same counts as testing every row. Other regions sum their weighted
   values row by row. The rows where position i itself was drawn among the
   first k_i (there region n - 1 stands in) are then corrected one by one,
   from a list of each position's rows. */
typedef struct {
  R_xlen_t n;
  int block, kmax, nt, has_v;
  uint64_t key;
  int *pool, *swaps, *draws;
  double *vu, *vv, *pu, *pv, *su, *scratch;
  int *hit_start, *hit_row, *hit_k;
  char *rconst, *need;
} perm_engine;

static void perm_init(perm_engine *e, R_xlen_t n, int ns, int kmax, int nt,
                      int has_v, const int *rp, const double *w) {
  memset(e, 0, sizeof(*e));
  e->n = n;
  e->kmax = kmax;
  e->nt = nt;
  e->has_v = has_v;
  if (ns <= 0 || kmax <= 0) return;
  e->pool = (int *)R_alloc(n - 1, sizeof(int));
  for (R_xlen_t j = 0; j < n - 1; j++) e->pool[j] = (int)j;
  int block = ns < BLOCK_ROWS ? ns : BLOCK_ROWS;
  if (block > BLOCK_CELLS / (kmax + 1)) block = BLOCK_CELLS / (kmax + 1);
  if (block < 1) block = 1;
  e->block = block;
  size_t cells = (size_t)block * (kmax + 1);
  e->draws = (int *)R_alloc((size_t)block * kmax, sizeof(int));
  e->swaps = (int *)R_alloc(kmax, sizeof(int));
  e->vu = (double *)R_alloc(cells, sizeof(double));
  e->pu = (double *)R_alloc(cells, sizeof(double));
  if (has_v) {
    e->vv = (double *)R_alloc(cells, sizeof(double));
    e->pv = (double *)R_alloc(cells, sizeof(double));
  } else {
    e->su = (double *)R_alloc(cells, sizeof(double));
  }
  e->scratch = (double *)R_alloc((size_t)nt * 2 * block, sizeof(double));
  e->hit_start = (int *)R_alloc(n + 1, sizeof(int));
  e->hit_row = (int *)R_alloc((size_t)block * kmax, sizeof(int));
  e->hit_k = (int *)R_alloc((size_t)block * kmax, sizeof(int));
  /* rows of equal weights; which prefix columns some region reads */
  e->rconst = (char *)R_alloc(n, 1);
  e->need = (char *)R_alloc(kmax + 1, 1);
  memset(e->need, 0, kmax + 1);
  for (R_xlen_t i = 0; i < n; i++) {
    int k0 = rp[i], ki = rp[i + 1] - k0, eq = 1;
    for (int k = 1; k < ki && eq; k++) eq = w[k0 + k] == w[k0];
    e->rconst[i] = (char)eq;
    e->need[ki] = 1;
  }
  e->key = regineq_rng_key();
}

/* Row `id` of draws: kmax distinct positions in 0..n-2 by a partial
   Fisher-Yates on the pool, whose swaps are then undone. */
static void draw_row(perm_engine *e, uint64_t id, int *row) {
  regineq_rng rng;
  regineq_rng_stream(&rng, e->key, id);
  int kmax = e->kmax, *pool = e->pool;
  for (int k = 0; k < kmax; k++) {
    int j = k + (int)regineq_rng_index32(&rng, (uint32_t)(e->n - 1 - k));
    int tmp = pool[k];
    pool[k] = pool[j];
    pool[j] = tmp;
    row[k] = pool[k];
    e->swaps[k] = j;
  }
  for (int k = kmax - 1; k >= 0; k--) {
    int j = e->swaps[k], tmp = pool[k];
    pool[k] = pool[j];
    pool[j] = tmp;
  }
}

/* The tables of a block of nb rows (columns of length nb; see above), and
   the list of rows in which each position p is drawn among the first k_p. */
static void block_tables(perm_engine *e, int nb, const int *rp,
                         const double *u, const double *v) {
  int kmax = e->kmax;
  R_xlen_t n = e->n;
  for (int k = 0; k < kmax; k++)
    for (int s = 0; s < nb; s++) {
      int p = e->draws[(size_t)s * kmax + k];
      e->vu[(size_t)k * nb + s] = u[p];
      if (v) e->vv[(size_t)k * nb + s] = v[p];
    }
  for (int s = 0; s < nb; s++) e->pu[s] = 0.0;
  for (int k = 0; k < kmax; k++)
    for (int s = 0; s < nb; s++)
      e->pu[(size_t)(k + 1) * nb + s] =
          e->pu[(size_t)k * nb + s] + e->vu[(size_t)k * nb + s];
  if (v) {
    for (int s = 0; s < nb; s++) e->pv[s] = 0.0;
    for (int k = 0; k < kmax; k++)
      for (int s = 0; s < nb; s++)
        e->pv[(size_t)(k + 1) * nb + s] =
            e->pv[(size_t)k * nb + s] + e->vv[(size_t)k * nb + s];
  } else {
    for (int k = 1; k <= kmax; k++) {
      if (!e->need[k]) continue;
      double *col = e->su + (size_t)k * nb;
      memcpy(col, e->pu + (size_t)k * nb, nb * sizeof(double));
      R_rsort(col, nb);
    }
  }
  /* rows where position p is drawn at k < k_p, grouped by p */
  int *hs = e->hit_start;
  memset(hs, 0, (n + 1) * sizeof(int));
  for (int s = 0; s < nb; s++)
    for (int k = 0; k < kmax; k++) {
      int p = e->draws[(size_t)s * kmax + k];
      if (k < rp[p + 1] - rp[p]) hs[p + 1]++;
    }
  for (R_xlen_t p = 0; p < n; p++) hs[p + 1] += hs[p];
  for (int s = 0; s < nb; s++)
    for (int k = 0; k < kmax; k++) {
      int p = e->draws[(size_t)s * kmax + k];
      if (k < rp[p + 1] - rp[p]) {
        int at = hs[p]++;
        e->hit_row[at] = s;
        e->hit_k[at] = k;
      }
    }
  for (R_xlen_t p = n; p > 0; p--) hs[p] = hs[p - 1];
  hs[0] = 0;
}

/* In the sorted column x[0..nb-1], how many rows have a (c x) >= thr
   (ge = 1) or <= thr (ge = 0): a (c x) is monotone in x (rounding is), so
   the rows that pass are a prefix or a suffix, found by binary search. */
static int count_sorted(const double *x, int nb, double a, double c,
                        double thr, int ge) {
  int dir = (a > 0) - (a < 0);
  dir *= (c > 0) - (c < 0);
  if (dir == 0) return (ge ? 0.0 >= thr : 0.0 <= thr) ? nb : 0;
  /* pass(x) is true on a suffix of the sorted column when `up` */
  int up = (dir > 0) == (ge != 0);
  int lo = 0, hi = nb;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    double sim = a * (c * x[mid]);
    int pass = ge ? sim >= thr : sim <= thr;
    if (pass == up) hi = mid;
    else lo = mid + 1;
  }
  return up ? nb - lo : lo;
}

/* One region's counts over the nb rows of a block, added to g[i], lo[i]. */
static void region_counts(const perm_engine *e, R_xlen_t i, int nb,
                          const int *rp, const double *w,
                          const regineq_local_stat *st, double *sims,
                          double *g, double *lo) {
  int k0 = rp[i], ki = rp[i + 1] - k0;
  if (ki == 0) return;
  const double *wi = w + k0, *v = st->v;
  R_xlen_t n = e->n;
  double ai = st->a[i], bi = v ? st->b[i] : 0.0, c = wi[0];
  double obs = ai * st->lu[i];
  double tz = fabs(ai) * 1e-12 * (fabs(st->lu[i]) + 1e-300);
  if (v) {
    obs += bi * st->lv[i];
    tz += fabs(bi) * 1e-12 * (fabs(st->lv[i]) + 1e-300);
  }
  double lthr = obs - tz, hthr = obs + tz, gi = 0, li = 0;
  const double *pu = e->pu + (size_t)ki * nb;
  const double *pv = v ? e->pv + (size_t)ki * nb : NULL;
  int fast = e->rconst[i] && !v;
  if (fast) {
    const double *col = e->su + (size_t)ki * nb;
    gi = count_sorted(col, nb, ai, c, lthr, 1);
    li = count_sorted(col, nb, ai, c, hthr, 0);
  } else {
    if (e->rconst[i]) {
      /* here v is set: the univariate case took the binary search */
      for (int s = 0; s < nb; s++)
        sims[s] = ai * (c * pu[s]) + bi * (c * pv[s]);
    } else {
      /* the weighted sums of the row's values, k by k (the order the
         corrections below use), then the statistic */
      double *ls = sims, *lt = sims + nb;
      for (int s = 0; s < nb; s++) ls[s] = lt[s] = 0.0;
      for (int k = 0; k < ki; k++) {
        const double *cu = e->vu + (size_t)k * nb;
        for (int s = 0; s < nb; s++) ls[s] += wi[k] * cu[s];
        if (v) {
          const double *cv = e->vv + (size_t)k * nb;
          for (int s = 0; s < nb; s++) lt[s] += wi[k] * cv[s];
        }
      }
      for (int s = 0; s < nb; s++) sims[s] = ai * ls[s] + bi * lt[s];
    }
    for (int s = 0; s < nb; s++) {
      gi += sims[s] >= lthr;
      li += sims[s] <= hthr;
    }
  }
  /* rows where position i was drawn among the first k_i: region n - 1
     stands in for it */
  for (int h = e->hit_start[i]; h < e->hit_start[i + 1]; h++) {
    int s = e->hit_row[h], kk = e->hit_k[h];
    if (kk >= ki) continue;
    double old = fast ? ai * (c * pu[s]) : sims[s];
    double ls = 0.0, lt = 0.0;
    for (int k = 0; k < ki; k++) {
      double x = k == kk ? st->u[n - 1] : e->vu[(size_t)k * nb + s];
      ls += e->rconst[i] ? x : wi[k] * x;
      if (v) {
        double y = k == kk ? v[n - 1] : e->vv[(size_t)k * nb + s];
        lt += e->rconst[i] ? y : wi[k] * y;
      }
    }
    double sim = e->rconst[i] ? ai * (c * ls) + bi * (c * lt)
                              : ai * ls + bi * lt;
    gi += (sim >= lthr) - (old >= lthr);
    li += (sim <= hthr) - (old <= hthr);
  }
  /* whole counts below 2^53: the block sums add up exactly */
  g[i] += gi;
  lo[i] += li;
}
/* The work of one region in a block of nb rows, in the units of
   regineq_tick() (about one operation each), to cut chunks. */
static R_xlen_t region_work(const perm_engine *e, R_xlen_t i, int nb,
                            const int *rp) {
  int ki = rp[i + 1] - rp[i];
  if (e->rconst[i] && !e->has_v) return 64;
  return (R_xlen_t)nb * (e->rconst[i] ? 2 : ki + 1);
}

/* Counts, for period t, the permuted s_i at or above (g) and at or below
   (lo) the observed one, with a relative tolerance so that a permutation
   equal to the observed arrangement counts on both sides. Regions are
   shared out among the threads chunk by chunk; a thread writes only its
   own regions' counts and its own scratch. */
static void perm_period(perm_engine *e, int t, const int *rp, const double *w,
                        int ns, const regineq_local_stat *st, double *g,
                        double *lo, R_xlen_t *work) {
  R_xlen_t n = e->n;
  int kmax = e->kmax, block = e->block;
  for (R_xlen_t i = 0; i < n; i++) g[i] = lo[i] = 0;
  if (!e->draws) return;
  for (int s0 = 0; s0 < ns; s0 += block) {
    int nb = ns - s0 < block ? ns - s0 : block;
    for (int s = 0; s < nb; s++)
      draw_row(e, (uint64_t)t * (uint64_t)ns + s0 + s,
               e->draws + (size_t)s * kmax);
    block_tables(e, nb, rp, st->u, st->v);
    regineq_tick(work, (R_xlen_t)nb * kmax * 4 + n);
    for (R_xlen_t i0 = 0; i0 < n;) {
      /* the next chunk of regions: about CHUNK_WORK units */
      R_xlen_t i1 = i0, acc = 0;
      while (i1 < n && acc < CHUNK_WORK) acc += region_work(e, i1++, nb, rp);
#ifdef _OPENMP
#pragma omp parallel for num_threads(e->nt) schedule(dynamic, 64) \
    if (acc >= PAR_WORK)
#endif
      for (R_xlen_t i = i0; i < i1; i++)
        region_counts(e, i, nb, rp, w, st,
                      e->scratch + (size_t)THREAD_NUM * 2 * nb, g, lo);
      regineq_tick(work, acc);
      i0 = i1;
    }
  }
}

/* Any local statistic of the form above, for each of the T periods of U, A
   (and V, B, or NULL), n x T column-major: the lags LU (and LV, else 0;
   LV may be NULL when V is) and
   the counts ge, le of conditionally permuted s_i >= / <= observed, n x T. */
void regineq_local_perm_kernel(const double *U, const double *A,
                               const double *V, const double *B, R_xlen_t n,
                               int T, const int *rp, const int *cl,
                               const double *w, int ns, int kmax, int nt,
                               double *LU, double *LV, double *ge,
                               double *le) {
  perm_engine e;
  perm_init(&e, n, ns, kmax, nt, V != NULL, rp, w);
  R_xlen_t work = 0;
  for (int t = 0; t < T; t++) {
    R_xlen_t off = (R_xlen_t)t * n;
    const double *u = U + off, *v = V ? V + off : NULL;
    for (R_xlen_t i = 0; i < n; i++) {
      double l = 0.0, m = 0.0;
      for (int k = rp[i]; k < rp[i + 1]; k++) {
        l += w[k] * u[cl[k]];
        if (v) m += w[k] * v[cl[k]];
      }
      LU[off + i] = l;
      if (LV) LV[off + i] = v ? m : 0.0;
    }
    regineq_tick(&work, n + rp[n]);
    regineq_local_stat st = {u, A + off, LU + off, v, v ? B + off : NULL,
                             v ? LV + off : NULL};
    perm_period(&e, t, rp, w, ns, &st, ge + off, le + off, &work);
  }
}

/* The largest number of neighbours, checked below n; refuses self-links,
   which the conditional permutation cannot hold fixed. */
int regineq_local_kmax(R_xlen_t n, const int *rp, const int *cl, int ns,
                       const char *who) {
  int kmax = 0;
  for (R_xlen_t i = 0; i < n; i++) {
    if (rp[i + 1] - rp[i] > kmax) kmax = rp[i + 1] - rp[i];
    for (int k = rp[i]; k < rp[i + 1]; k++)
      if (cl[k] == i) Rf_error("%s: self-link in the weights", who);
  }
  if (kmax > n - 1) Rf_error("%s: more neighbours than regions", who);
  if (ns > 0 && n - 1 > INT_MAX)
    Rf_error("%s: permutations need fewer than 2^31 regions", who);
  return kmax;
}
