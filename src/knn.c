/* k nearest neighbours and distance bands from coordinates, on a k-d tree
   (Bentley, J. L. (1975). Multidimensional binary search trees used for
   associative searching. Communications of the ACM 18(9), 509-517).

   Distances. Planar: Euclidean, sqrt(dx * dx + dy * dy), the expression R
   evaluates for the same pair. Longitude/latitude: spdep's gcdist()
   (src/dnn.c of spdep, used by knearneigh(), dnearneigh() and nbdists()):
   the Andoyer-Lambert approximation of the geodesic on the WGS84 ellipsoid
   (a = 6378.137 km, f = 1 / 298.257223563), in km, evaluated operation for
   operation as spdep does (it is symmetric bit for bit: swapping the points
   only flips the signs of G and L), so that the distances, and the
   neighbours they select, are those of spdep.

   Search. Planar points go into a 2-d tree. Longitude/latitude points go
   into a 3-d tree of their unit-sphere Cartesian images (chord distance is
   monotone in the spherical arc theta), and the exact ellipsoidal distance
   E ranks the candidates a chord search returns. The candidates are enough
   because E >= R_LO * theta for every pair (R_LO = 6300 km): along any
   path, the WGS84 metric ds^2 = M^2 dphi^2 + N^2 cos^2(phi) dlambda^2 is at
   least a (1 - e^2) = 6335.44 km times the unit sphere's at the same
   geodetic (phi, lambda) (M and N, the meridional and transverse radii of
   curvature, are >= a (1 - e^2)), so the geodesic is >= 6335.44 theta; the
   Andoyer-Lambert formula is within O(f^2) ~ 1e-5 relative of the geodesic
   (over 2 x 10^7 random, short, polar and near-antipodal pairs its ratio to
   theta lies in [6335.37, 6399.52]), and R_LO leaves a 0.56% cushion below
   that. Hence a point whose arc exceeds theta* = E_max / R_LO has E > E_max:
   for kNN, E_max is the largest E among the k chord-nearest points (an
   upper bound on the k-th smallest E), so every point that can be among the
   k E-nearest, or tie with the k-th, lies within theta*; for a band, E_max
   is the upper bound. The chord radius 2 sin(theta* / 2) is widened by a
   relative 1e-9 and an absolute 1e-13 (0.6 micrometres on the Earth) to
   absorb the rounding of the Cartesian images. The bound is a theorem for
   the geodesic; for the formula it rests on its known O(f^2) accuracy,
   checked by the sampling above (a margin of 6340 km, inside that
   accuracy, already misses neighbours of polar points in the tests).

   Ties. Neighbours are ranked by (distance, index): of two points at the
   same computed distance the one with the smaller row index comes first,
   as in spdep's knearneigh(). Planar distances are compared only after the
   square root, with the squared search radius widened by 1e-12 relative,
   so that two points whose squared distances round to the same root are
   both candidates. Floating-point contraction is turned off below so that
   no compiler fuses dx * dx + dy * dy into an fma: the distances, and so
   the ties, are the same on every machine. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regineq.h"

#define R_LO 6300.0 /* km: E >= R_LO * theta for every pair (see above) */
#define WGS84_A 6378.137
#define WGS84_F (1.0 / 298.257223563)
enum { LEAF = 8 };

/* spdep's gcdist(): Andoyer-Lambert distance in km from (lon1, lat1) to
   (lon2, lat2), in degrees. The formula is finite for every pair that its
   zero test lets through (C and S never round to 0); should it not be, the
   half meridian (pi a (1 - f / 2)) keeps the result finite and >= R_LO
   theta. */
static double ellipsoid_km(double lon1, double lat1, double lon2,
                           double lat2) {
  if (fabs(lat1 - lat2) < DBL_EPSILON &&
      fabs(fmod(lon1 - lon2, 360.0)) < DBL_EPSILON)
    return 0.0;
  const double de2ra = M_PI / 180, a = WGS84_A, f = WGS84_F;
  double lat1r = lat1 * de2ra, lat2r = lat2 * de2ra;
  double lon1r = lon1 * de2ra, lon2r = lon2 * de2ra;
  double F = (lat1r + lat2r) / 2.0, G = (lat1r - lat2r) / 2.0,
         L = (lon1r - lon2r) / 2.0;
  double sG = sin(G), cG = cos(G), sF = sin(F), cF = cos(F), sL = sin(L),
         cL = cos(L);
  double sinG2 = sG * sG, cosG2 = cG * cG, sinF2 = sF * sF, cosF2 = cF * cF,
         sinL2 = sL * sL, cosL2 = cL * cL;
  double S = sinG2 * cosL2 + cosF2 * sinL2;
  double C = cosG2 * cosL2 + sinF2 * sinL2;
  double w = atan(sqrt(S / C));
  double R = sqrt(S * C) / w;
  double D = 2 * w * a;
  double H1 = (3 * R - 1) / (2 * C);
  double H2 = (3 * R + 1) / (2 * S);
  double d = D * (1 + f * H1 * sinF2 * cosG2 - f * H2 * cosF2 * sinG2);
  return isfinite(d) ? d : M_PI * a * (1 - f / 2);
}

/* The exact distance between points i and j. */
static double exact_dist(const double *x, const double *y, int ll, int i,
                         int j) {
  if (ll) return ellipsoid_km(x[i], y[i], x[j], y[j]);
  double dx = x[i] - x[j], dy = y[i] - y[j];
  return sqrt(dx * dx + dy * dy);
}

/* k-d tree --------------------------------------------------------------- */

typedef struct {
  int dim;          /* 2 or 3 */
  const double *pt; /* point p at pt + p * dim */
  int *idx;         /* permutation of 0..n-1; a node owns idx[lo, hi) */
  int *lo, *hi, *child; /* child[v]: left child (right is child + 1), or -1 */
  double *box;      /* node v: min at box + 2 dim v, max at box + 2 dim v + dim */
  int nnode;
} kdtree;

static double coord(const kdtree *t, int p, int d) {
  return t->pt[(size_t)p * t->dim + d];
}

/* Hoare/Wirth selection: idx[lo, hi) rearranged so that idx[k] holds the
   point of rank k along dimension d; equal keys are swapped across the
   pivot, so a grid's repeated coordinates split evenly. */
static void select_kth(kdtree *t, int lo, int hi, int k, int d) {
  int l = lo, r = hi - 1;
  int *a = t->idx;
  while (l < r) {
    double x = coord(t, a[k], d);
    int i = l, j = r;
    do {
      while (coord(t, a[i], d) < x) i++;
      while (x < coord(t, a[j], d)) j--;
      if (i <= j) {
        int tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
}

/* Median splits along the widest extent, by an explicit stack; the two
   children of a node take consecutive slots. */
static void build_tree(kdtree *t, int n, R_xlen_t *work) {
  /* explicit stack of nodes to split: node v covering [lo, hi) */
  int *stack = (int *)R_alloc((size_t)2 * (n / LEAF + 2) + 64, sizeof(int));
  int top = 0, dim = t->dim;
  t->nnode = 1;
  t->lo[0] = 0;
  t->hi[0] = n;
  stack[top++] = 0;
  while (top > 0) {
    int v = stack[--top], lo = t->lo[v], hi = t->hi[v];
    double *mn = t->box + (size_t)2 * dim * v, *mx = mn + dim;
    for (int d = 0; d < dim; d++) mn[d] = mx[d] = coord(t, t->idx[lo], d);
    for (int s = lo + 1; s < hi; s++)
      for (int d = 0; d < dim; d++) {
        double c = coord(t, t->idx[s], d);
        if (c < mn[d]) mn[d] = c;
        if (c > mx[d]) mx[d] = c;
      }
    t->child[v] = -1;
    regineq_tick(work, hi - lo);
    if (hi - lo <= LEAF) continue;
    int sd = 0;
    for (int d = 1; d < dim; d++)
      if (mx[d] - mn[d] > mx[sd] - mn[sd]) sd = d;
    if (!(mx[sd] > mn[sd])) continue; /* identical points: one leaf */
    int mid = lo + (hi - lo) / 2;
    select_kth(t, lo, hi, mid, sd);
    int c = t->nnode;
    t->nnode += 2;
    t->child[v] = c;
    t->lo[c] = lo;
    t->hi[c] = mid;
    t->lo[c + 1] = mid;
    t->hi[c + 1] = hi;
    stack[top++] = c + 1;
    stack[top++] = c;
  }
}

/* Squared distance from q to node v's box (0 inside). Rounding is monotone,
   so it never exceeds the computed squared distance to a point in the box. */
static double box_dist2(const kdtree *t, const double *q, int v) {
  const double *mn = t->box + (size_t)2 * t->dim * v, *mx = mn + t->dim;
  double s = 0;
  for (int d = 0; d < t->dim; d++) {
    double e = 0;
    if (q[d] < mn[d])
      e = q[d] - mn[d];
    else if (q[d] > mx[d])
      e = q[d] - mx[d];
    s += e * e;
  }
  return s;
}

static double point_dist2(const kdtree *t, const double *q, int p) {
  const double *c = t->pt + (size_t)p * t->dim;
  double s = 0;
  for (int d = 0; d < t->dim; d++) {
    double e = q[d] - c[d];
    s += e * e;
  }
  return s;
}

typedef struct {
  double d;
  int j;
} ranked;

/* Max-heap (by d) of the k smallest squared tree distances seen. */
static void heap_push(ranked *h, int *size, int k, double v, int j) {
  int i;
  if (*size < k) {
    i = (*size)++;
    while (i > 0) {
      int p = (i - 1) / 2;
      if (!(h[p].d < v)) break;
      h[i] = h[p];
      i = p;
    }
  } else {
    if (!(v < h[0].d)) return;
    i = 0; /* replace the root, sift down */
    for (;;) {
      int c = 2 * i + 1;
      if (c >= k) break;
      if (c + 1 < k && h[c + 1].d > h[c].d) c++;
      if (!(h[c].d > v)) break;
      h[i] = h[c];
      i = c;
    }
  }
  h[i].d = v;
  h[i].j = j;
}

/* The k points other than self nearest to q in tree distance (any k among
   ties) into heap; returns the k-th smallest squared tree distance
   (k <= n - 1). stack: scratch of 256 (node, box distance) pairs (the
   depth is <= log2 n + 2). */
static double knn_radius2(const kdtree *t, const double *q, int self, int k,
                          ranked *heap, ranked *stack, R_xlen_t *visits) {
  int size = 0, top = 0;
  stack[top].d = 0;
  stack[top++].j = 0;
  while (top > 0) {
    top--;
    int v = stack[top].j;
    if (size == k && stack[top].d > heap[0].d) continue;
    (*visits)++;
    int c = t->child[v];
    if (c < 0) {
      for (int s = t->lo[v]; s < t->hi[v]; s++) {
        int p = t->idx[s];
        if (p != self) heap_push(heap, &size, k, point_dist2(t, q, p), p);
      }
      continue;
    }
    /* nearer child last on the stack, so it is searched first */
    double d0 = box_dist2(t, q, c), d1 = box_dist2(t, q, c + 1);
    int near = d0 <= d1 ? c : c + 1;
    stack[top].d = d0 <= d1 ? d1 : d0;
    stack[top++].j = d0 <= d1 ? c + 1 : c;
    stack[top].d = d0 <= d1 ? d0 : d1;
    stack[top++].j = near;
  }
  return heap[0].d;
}

/* Growable candidate list (R_alloc'd: freed by R on exit or error). */
typedef struct {
  int *j;
  size_t n, cap;
} cand;

static void cand_push(cand *c, int j) {
  if (c->n == c->cap) {
    size_t cap = c->cap * 2;
    int *nj = (int *)R_alloc(cap, sizeof(int));
    memcpy(nj, c->j, c->n * sizeof(int));
    c->j = nj;
    c->cap = cap;
  }
  c->j[c->n++] = j;
}

/* Appends to c every point other than self within squared tree distance
   r2 of q. */
static void range_query(const kdtree *t, const double *q, int self, double r2,
                        cand *c, int *stack, R_xlen_t *visits) {
  int top = 0;
  if (box_dist2(t, q, 0) > r2) return;
  stack[top++] = 0;
  while (top > 0) {
    int v = stack[--top];
    (*visits)++;
    int ch = t->child[v];
    if (ch < 0) {
      for (int s = t->lo[v]; s < t->hi[v]; s++) {
        int p = t->idx[s];
        if (p != self && point_dist2(t, q, p) <= r2) cand_push(c, p);
      }
      continue;
    }
    if (box_dist2(t, q, ch + 1) <= r2) stack[top++] = ch + 1;
    if (box_dist2(t, q, ch) <= r2) stack[top++] = ch;
  }
}

static int cmp_ranked(const void *a, const void *b) {
  const ranked *x = (const ranked *)a, *y = (const ranked *)b;
  if (x->d < y->d) return -1;
  if (x->d > y->d) return 1;
  return (x->j > y->j) - (x->j < y->j);
}

/* (distance, index) order: insertion sort for the usual few candidates. */
static void sort_ranked(ranked *r, size_t n) {
  if (n > 32) {
    qsort(r, n, sizeof(ranked), cmp_ranked);
    return;
  }
  for (size_t s = 1; s < n; s++) {
    ranked v = r[s];
    size_t u = s;
    while (u > 0 && cmp_ranked(&r[u - 1], &v) > 0) {
      r[u] = r[u - 1];
      u--;
    }
    r[u] = v;
  }
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Tree points (unit-sphere images for longitude/latitude) and the tree. */
static void setup_tree(kdtree *t, const double *x, const double *y, int n,
                       int ll, R_xlen_t *work) {
  int dim = ll ? 3 : 2;
  double *pt = (double *)R_alloc((size_t)n * dim, sizeof(double));
  const double de2ra = M_PI / 180;
  for (int i = 0; i < n; i++) {
    if (ll) {
      double lon = x[i] * de2ra, lat = y[i] * de2ra;
      pt[3 * (size_t)i] = cos(lat) * cos(lon);
      pt[3 * (size_t)i + 1] = cos(lat) * sin(lon);
      pt[3 * (size_t)i + 2] = sin(lat);
    } else {
      pt[2 * (size_t)i] = x[i];
      pt[2 * (size_t)i + 1] = y[i];
    }
  }
  size_t maxnode = (size_t)4 * (n / LEAF) + 8;
  t->dim = dim;
  t->pt = pt;
  t->idx = (int *)R_alloc(n, sizeof(int));
  for (int i = 0; i < n; i++) t->idx[i] = i;
  t->lo = (int *)R_alloc(maxnode, sizeof(int));
  t->hi = (int *)R_alloc(maxnode, sizeof(int));
  t->child = (int *)R_alloc(maxnode, sizeof(int));
  t->box = (double *)R_alloc(maxnode * 2 * dim, sizeof(double));
  build_tree(t, n, work);
}

/* Squared chord radius on the unit sphere that holds every point within
   ellipsoidal distance e_km (see the header: E >= R_LO * theta). */
static double sphere_radius2(double e_km) {
  double theta = e_km / R_LO * (1 + 1e-9);
  if (!(theta < M_PI)) return 5.0; /* the whole sphere (chord <= 2) */
  double c = 2 * sin(theta / 2) * (1 + 1e-9) + 1e-13;
  return c * c;
}

/* kNN kernel: for each i, its k nearest points by (distance, index), in
   that order, into nn (1-based) and dist, row i at i * k. */
static void knn_kernel(const double *x, const double *y, int n, int ll, int k,
                       int *nn, double *dist) {
  R_xlen_t work = 0, visits = 0;
  kdtree t;
  setup_tree(&t, x, y, n, ll, &work);
  ranked *heap = (ranked *)R_alloc(k, sizeof(ranked));
  ranked *kstack = (ranked *)R_alloc(256, sizeof(ranked));
  int *stack = (int *)R_alloc(256, sizeof(int));
  cand c = {(int *)R_alloc(64, sizeof(int)), 0, 64};
  ranked *rk = (ranked *)R_alloc(64, sizeof(ranked));
  size_t rk_cap = 64;
  /* queries in tree order: consecutive points are neighbours, so the
     nodes they visit stay in cache */
  for (int s0 = 0; s0 < n; s0++) {
    int i = t.idx[s0];
    const double *q = t.pt + (size_t)i * t.dim;
    double r2 = knn_radius2(&t, q, i, k, heap, kstack, &visits);
    if (ll) {
      /* E_max over the k chord-nearest bounds the k-th smallest E */
      double emax = 0;
      for (int s = 0; s < k; s++) {
        double e = exact_dist(x, y, ll, i, heap[s].j);
        if (e > emax) emax = e;
      }
      r2 = sphere_radius2(emax);
    } else {
      r2 *= 1 + 1e-12;
    }
    c.n = 0;
    range_query(&t, q, i, r2, &c, stack, &visits);
    if (c.n > rk_cap) {
      rk_cap = c.cap;
      rk = (ranked *)R_alloc(rk_cap, sizeof(ranked));
    }
    for (size_t s = 0; s < c.n; s++) {
      rk[s].j = c.j[s];
      rk[s].d = exact_dist(x, y, ll, i, c.j[s]);
    }
    sort_ranked(rk, c.n);
    for (int s = 0; s < k; s++) {
      nn[(size_t)i * k + s] = rk[s].j + 1;
      dist[(size_t)i * k + s] = rk[s].d;
    }
    regineq_tick(&work, (R_xlen_t)c.n + visits);
    visits = 0;
  }
}

/* Distance-band kernel: for each i the points j != i with
   lower <= d(i, j) <= upper, by increasing j. Returns the number of links,
   or -1 past INT_MAX; *nn and *dist point to R_alloc'd arrays, count[i]
   the links of row i. */
static R_xlen_t band_kernel(const double *x, const double *y, int n, int ll,
                            double lower, double upper, int *count, int **nn,
                            double **dist) {
  R_xlen_t work = 0, visits = 0;
  kdtree t;
  setup_tree(&t, x, y, n, ll, &work);
  int *stack = (int *)R_alloc(256, sizeof(int));
  cand c = {(int *)R_alloc(64, sizeof(int)), 0, 64};
  size_t cap = (size_t)n + 64, total = 0;
  int *oj = (int *)R_alloc(cap, sizeof(int));
  double *od = (double *)R_alloc(cap, sizeof(double));
  double r2 = ll ? sphere_radius2(upper) : upper * upper * (1 + 1e-12);
  if (!isfinite(r2)) r2 = R_PosInf;
  for (int i = 0; i < n; i++) {
    const double *q = t.pt + (size_t)i * t.dim;
    c.n = 0;
    range_query(&t, q, i, r2, &c, stack, &visits);
    qsort(c.j, c.n, sizeof(int), cmp_int);
    if (total + c.n > cap) {
      size_t ncap = 2 * cap > total + c.n ? 2 * cap : total + c.n;
      int *nj = (int *)R_alloc(ncap, sizeof(int));
      double *nd = (double *)R_alloc(ncap, sizeof(double));
      memcpy(nj, oj, total * sizeof(int));
      memcpy(nd, od, total * sizeof(double));
      oj = nj;
      od = nd;
      cap = ncap;
    }
    int m = 0;
    for (size_t s = 0; s < c.n; s++) {
      double d = exact_dist(x, y, ll, i, c.j[s]);
      if (d >= lower && d <= upper) {
        oj[total + m] = c.j[s] + 1;
        od[total + m] = d;
        m++;
      }
    }
    count[i] = m;
    total += m;
    if (total > INT_MAX) return -1;
    regineq_tick(&work, (R_xlen_t)c.n + visits);
    visits = 0;
  }
  *nn = oj;
  *dist = od;
  return (R_xlen_t)total;
}

static int check_xy(SEXP xy, SEXP longlat, const char *who) {
  if (!Rf_isReal(xy) || XLENGTH(xy) % 2 != 0 || XLENGTH(xy) / 2 > INT_MAX ||
      XLENGTH(xy) < 2)
    Rf_error("%s: invalid coordinates", who);
  int ll = Rf_asLogical(longlat);
  if (ll == NA_LOGICAL) Rf_error("%s: invalid longlat", who);
  const double *p = REAL(xy);
  R_xlen_t len = XLENGTH(xy);
  for (R_xlen_t s = 0; s < len; s++)
    if (!isfinite(p[s])) Rf_error("%s: coordinates must be finite", who);
  return ll;
}

/* Returns list(nn = n x k neighbour indices (1-based, row i at i * k,
   nearest first), dist = their distances). xy: the n x 2 matrix. */
SEXP regineq_knn(SEXP xy, SEXP k, SEXP longlat) {
  int ll = check_xy(xy, longlat, "regineq_knn");
  int n = (int)(XLENGTH(xy) / 2), kk = Rf_asInteger(k);
  if (kk == NA_INTEGER || kk < 1 || kk > n - 1)
    Rf_error("regineq_knn: invalid k");
  const char *names[] = {"nn", "dist", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(out, 0, Rf_allocVector(INTSXP, (R_xlen_t)n * kk));
  SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, (R_xlen_t)n * kk));
  knn_kernel(REAL(xy), REAL(xy) + n, n, ll, kk, INTEGER(VECTOR_ELT(out, 0)),
             REAL(VECTOR_ELT(out, 1)));
  UNPROTECT(1);
  return out;
}

/* Returns list(count = links per row, nn = neighbour indices (1-based, row
   by row, increasing), dist = their distances). */
SEXP regineq_dband(SEXP xy, SEXP lower, SEXP upper, SEXP longlat) {
  int ll = check_xy(xy, longlat, "regineq_dband");
  int n = (int)(XLENGTH(xy) / 2);
  double lo = Rf_asReal(lower), up = Rf_asReal(upper);
  if (!(lo >= 0) || !(up >= lo)) Rf_error("regineq_dband: invalid band");
  const char *names[] = {"count", "nn", "dist", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SEXP count = Rf_allocVector(INTSXP, n);
  SET_VECTOR_ELT(out, 0, count);
  int *nn;
  double *dist;
  R_xlen_t total = band_kernel(REAL(xy), REAL(xy) + n, n, ll, lo, up,
                               INTEGER(count), &nn, &dist);
  if (total < 0) Rf_error("regineq_dband: more than 2^31 - 1 links");
  SET_VECTOR_ELT(out, 1, Rf_allocVector(INTSXP, total));
  SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, total));
  if (total > 0) {
    memcpy(INTEGER(VECTOR_ELT(out, 1)), nn, (size_t)total * sizeof(int));
    memcpy(REAL(VECTOR_ELT(out, 2)), dist, (size_t)total * sizeof(double));
  }
  UNPROTECT(1);
  return out;
}
