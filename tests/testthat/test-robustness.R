test_that("the rank kernel equals rank(), cor() and a brute-force tau-b", {
  set.seed(11)
  n <- 157
  g <- sample(c("a", "b", "c"), n, replace = TRUE)
  for (ties in c(FALSE, TRUE)) {
    x <- stats::rnorm(n)
    ys <- list(x + stats::rnorm(n), -x + stats::rnorm(n, sd = 0.3),
               stats::rnorm(n))
    if (ties) {
      x <- round(x)
      ys <- lapply(ys, round)
    }
    r <- rank_compare(x, ys, g)
    for (k in seq_along(unique(g))) {
      i <- g == unique(g)[k]
      expect_equal(r$n[k], sum(i))
      expect_equal(r$rank[i, 1], rank(-x[i]))
      for (v in seq_along(ys)) {
        y <- ys[[v]]
        expect_equal(r$rank[i, v + 1], rank(-y[i]))
        expect_equal(r$spearman[k, v], stats::cor(x[i], y[i],
                                                  method = "spearman"),
                     tolerance = 1e-13)
        expect_equal(r$kendall[k, v], stats::cor(x[i], y[i],
                                                 method = "kendall"),
                     tolerance = 1e-13)
        expect_equal(r$kendall[k, v], brute_tau_b(x[i], y[i]),
                     tolerance = 1e-13)
      }
    }
    # each row's best and worst rank over the columns, and the first column
    # reaching each
    m <- r$rank
    expect_equal(r$min, apply(m, 1, min))
    expect_equal(r$max, apply(m, 1, max))
    expect_equal(r$which_min, apply(m, 1, which.min))
    expect_equal(r$which_max, apply(m, 1, which.max))
  }
})

test_that("tau-b counts joint ties, and long groups merge across widths", {
  set.seed(12)
  # few distinct values: many pairs tied in x, in y and in both
  n <- 1000
  x <- sample(1:4, n, replace = TRUE)
  y <- ifelse(stats::runif(n) < 0.5, x, sample(1:3, n, replace = TRUE))
  r <- rank_compare(x, list(y, rev(x), x), rep(1, n))
  expect_equal(r$kendall[1, 1], stats::cor(x, y, method = "kendall"),
               tolerance = 1e-13)
  expect_equal(r$kendall[1, 2], stats::cor(x, rev(x), method = "kendall"),
               tolerance = 1e-13)
  expect_equal(r$kendall[1, 3], 1)
  expect_equal(r$spearman[1, 3], 1)
  # lengths that are not powers of two
  for (m in c(3, 5, 17, 33, 129)) {
    a <- sample(m)
    b <- sample(m)
    r <- rank_compare(a, list(b), rep(1, m))
    expect_equal(r$kendall[1, 1], brute_tau_b(a, b), tolerance = 1e-13)
  }
  # a reversal is -1
  r <- rank_compare(1:50, list(50:1), rep(1, 50))
  expect_equal(c(r$kendall, r$spearman), c(-1, -1))
})

test_that("n = 2, one row and all-tied groups give NA where cor() does", {
  rank_compare <- function(x, ys, g) {
    g <- match(g, unique(g))
    .Call(regineq:::C_regineq_rank_compare, as.double(x),
          lapply(ys, as.double), as.integer(g), as.integer(max(g)))
  }
  # cor() is NA with a warning where a standard deviation is 0
  quiet_cor <- function(x, y, method) {
    suppressWarnings(stats::cor(x, y, method = method))
  }
  # groups: two rows; two rows tied in x; one row; all tied; y all tied
  x <- c(1, 2, 5, 5, 7, 3, 3, 3, 1, 2, 3)
  y <- c(2, 1, 1, 2, 1, 4, 5, 6, 9, 9, 9)
  g <- c(1, 1, 2, 2, 3, 4, 4, 4, 5, 5, 5)
  r <- rank_compare(x, list(y), g)
  for (k in 1:5) {
    i <- g == k
    ref_s <- if (sum(i) < 2) NA_real_ else quiet_cor(x[i], y[i], "spearman")
    ref_k <- if (sum(i) < 2) NA_real_ else quiet_cor(x[i], y[i], "kendall")
    expect_equal(r$spearman[k, 1], ref_s, tolerance = 1e-14)
    expect_equal(r$kendall[k, 1], ref_k, tolerance = 1e-14)
  }
  expect_equal(r$kendall[1, 1], -1)
  expect_equal(r$spearman[1, 1], -1)
  expect_true(all(is.na(r$kendall[2:5, 1])))
  expect_false(any(is.nan(c(r$kendall, r$spearman))))
  # ties keep the average rank; a group of one has rank 1
  expect_equal(r$rank[, 1], c(2, 1, 1.5, 1.5, 1, 2, 2, 2, 3, 2, 1))
  # a period code with no rows: n = 0 and NA
  r0 <- .Call(regineq:::C_regineq_rank_compare, c(1, 2), list(c(1, 2)),
              c(1L, 1L), 2L)
  expect_equal(r0$n, c(2L, 0L))
  expect_equal(r0$kendall[, 1], c(1, NA))
})

test_that("the rank kernel stops at a time limit, inside a sort", {
  set.seed(13)
  n <- 2e6
  x <- stats::rnorm(n)
  g <- rep(1L, n)
  f <- regineq:::C_regineq_rank_compare
  run <- function(limit, ys) {
    setTimeLimit(elapsed = limit, transient = TRUE)
    on.exit(setTimeLimit(elapsed = Inf))
    .Call(f, x, ys, g, 1L)
  }
  # bounds relative to one sort of the baseline, so that they hold however
  # slow the machine (valgrind runs this suite 20-50 times slower), and in
  # the process's CPU time: this VM pauses a vCPU now and then, and a pause
  # counted in elapsed time made the bounds flaky
  cpu <- function() sum(proc.time()[c("user.self", "sys.self")])
  spent <- function(expr) {
    c0 <- cpu()
    force(expr)
    cpu() - c0
  }
  one_sort <- function() spent(.Call(f, x, list(), g, 1L))
  full <- one_sort()
  # many variants (about 13 sorts in all): stopped long before the end
  expect_lt(spent(expect_error(run(0.3, rep(list(x), 12)), "time limit")),
            0.3 + 4 * full)
  # one sort of the baseline alone: stopped during it (the merge passes
  # tick), not after it, which would take a whole sort; the baseline is
  # the slower of the sorts just before and just after (it typically
  # stops at a third of a sort)
  stopped <- spent(expect_error(run(0.02, list()), "time limit"))
  expect_lt(stopped, 0.8 * max(full, one_sort()))
})

test_that("index_robustness() equals composite_index() per variant", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  spec <- make_spec()
  rob <- index_robustness(d, spec, "id", "year",
                          weights = c("entropy", "critic", "equal"))
  expect_s3_class(rob, "regineq_robustness")
  expect_equal(rob$variants$variant,
               c("baseline", "critic", "equal", "linear", paste0("drop_x",
                                                                1:4)))
  expect_equal(rob$variants$type, c("baseline", "weights", "weights",
                                    "method", rep("leave-out", 4)))
  expect_equal(rob$variants$indicators, c(4, 4, 4, 4, 3, 3, 3, 3))
  drop <- function(j) list(method = "topsis", weights = "entropy",
                           spec = spec[spec$indicator != j, ])
  vs <- c(list(list(method = "topsis", weights = "entropy"),
               list(method = "topsis", weights = "critic"),
               list(method = "topsis", weights = "equal"),
               list(method = "linear", weights = "entropy")),
          lapply(paste0("x", 1:4), drop))
  # composite_index() by hand per variant; ranks by rank() within years
  ref <- list(score = lapply(vs, function(v) {
    composite_index(d, v$spec %||% spec, "id", "year", method = v$method,
                    weights = v$weights)$scores$score
  }))
  ref$rank <- lapply(ref$score, function(s) stats::ave(-s, d$year, FUN = rank))
  nm <- rob$variants$variant
  s <- rob$scores
  expect_equal(names(s), c("id", "year", paste0(rep(c("score_", "rank_"), 8),
                                                rep(nm, each = 2))))
  expect_equal(s$id, d$id)
  expect_equal(s$year, d$year)
  for (k in seq_along(nm)) {
    expect_equal(s[[paste0("score_", nm[k])]], ref$score[[k]],
                 tolerance = 1e-14)
    expect_equal(s[[paste0("rank_", nm[k])]], ref$rank[[k]])
  }
  # ties (r7 = r8) share the average rank
  expect_equal(s$rank_baseline[s$id == "r7"], s$rank_baseline[s$id == "r8"])
  expect_true(any(s$rank_baseline %% 1 == 0.5))
  # correlations per variant and period against the baseline
  cr <- rob$correlation
  expect_named(cr, c("variant", "year", "n", "spearman", "kendall"))
  expect_equal(nrow(cr), 7 * 4)
  for (r in seq_len(nrow(cr))) {
    i <- d$year == cr$year[r]
    b <- ref$score[[1]][i]
    v <- ref$score[[match(cr$variant[r], nm)]][i]
    expect_equal(cr$n[r], sum(i))
    expect_equal(cr$spearman[r], stats::cor(b, v, method = "spearman"),
                 tolerance = 1e-13)
    expect_equal(cr$kendall[r], stats::cor(b, v, method = "kendall"),
                 tolerance = 1e-13)
  }
  # rank ranges over all variants, and the first variant at each end
  m <- do.call(cbind, ref$rank)
  rk <- rob$ranks
  expect_named(rk, c("id", "year", "baseline", "min", "max", "range",
                     "variant_min", "variant_max"))
  expect_equal(rk$baseline, ref$rank[[1]])
  expect_equal(rk$min, apply(m, 1, min))
  expect_equal(rk$max, apply(m, 1, max))
  expect_equal(rk$range, apply(m, 1, max) - apply(m, 1, min))
  expect_equal(rk$variant_min, nm[apply(m, 1, which.min)])
  expect_equal(rk$variant_max, nm[apply(m, 1, which.max)])
  # the weights of each variant
  w <- rob$weights
  expect_equal(w$weight[w$variant == "critic"],
               composite_index(d, spec, "id", "year",
                               weights = "critic")$weights$weight)
  expect_equal(w$indicator[w$variant == "drop_x2"], c("x1", "x3", "x4"))
})

test_that("the long form holds the same numbers as the wide one", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  rob <- index_robustness(d, make_spec(), "id", "year", weights = "critic",
                          leave_out = "x3")
  expect_identical(as.data.frame(rob), rob$scores)
  long <- as.data.frame(rob, long = TRUE)
  expect_named(long, c("id", "year", "variant", "type", "score", "rank"))
  expect_equal(nrow(long), nrow(d) * 4)
  for (v in rob$variants$variant) {
    expect_equal(long$score[long$variant == v],
                 rob$scores[[paste0("score_", v)]])
    expect_equal(long$rank[long$variant == v],
                 rob$scores[[paste0("rank_", v)]])
  }
})

test_that("every argument changes the variants or their numbers", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  spec <- make_spec()
  one <- function(...) index_robustness(d, spec, "id", "year", ...)
  # baseline method and weights
  rl <- one(baseline = list(method = "linear"), weights = "critic",
            methods = "topsis", leave_out = FALSE)
  expect_equal(rl$variants$variant, c("baseline", "critic", "topsis"))
  expect_equal(rl$scores$score_baseline,
               composite_index(d, spec, "id", "year", method = "linear",
                               weights = "entropy")$scores$score)
  expect_equal(rl$scores$score_critic,
               composite_index(d, spec, "id", "year", method = "linear",
                               weights = "critic")$scores$score)
  rc <- one(baseline = list(weights = "critic"), leave_out = FALSE)
  expect_equal(rc$variants$variant, c("baseline", "entropy", "cv", "sd",
                                      "equal", "linear"))
  expect_equal(rc$scores$score_baseline,
               composite_index(d, spec, "id", "year",
                               weights = "critic")$scores$score)
  expect_equal(rc$scores$score_linear,
               composite_index(d, spec, "id", "year", method = "linear",
                               weights = "critic")$scores$score)
  # no alternatives at all: the baseline alone, no correlations
  r0 <- one(weights = NULL, methods = NULL, leave_out = FALSE)
  expect_equal(r0$variants$variant, "baseline")
  expect_equal(nrow(r0$correlation), 0L)
  expect_equal(r0$ranks$range, rep(0, nrow(d)))
  # leave_out: a subset of indicators
  rs <- one(weights = NULL, methods = NULL, leave_out = c("x4", "x1"))
  expect_equal(rs$variants$variant, c("baseline", "drop_x4", "drop_x1"))
  # `...` reaches every variant
  rt <- one(weights = "sd", methods = NULL, leave_out = "x2", scope = "time",
            normalisation = "vector", shift = 0)
  ct <- function(w, sp = spec) {
    composite_index(d, sp, "id", "year", weights = w, scope = "time",
                    normalisation = "vector", shift = 0)$scores$score
  }
  expect_equal(rt$scores$score_baseline, ct("entropy"))
  expect_equal(rt$scores$score_sd, ct("sd"))
  expect_equal(rt$scores$score_drop_x2, ct("entropy", spec[-2, ]))
  expect_false(isTRUE(all.equal(rt$scores$score_sd,
                                one(weights = "sd")$scores$score_sd)))
  # `balanced` drops the regions that lack periods, in every variant
  du <- d[-1, ]
  rb <- suppressMessages(index_robustness(du, spec, "id", "year",
                                          leave_out = FALSE, balanced = TRUE))
  expect_false("r1" %in% rb$scores$id)
  expect_equal(rb$scores$score_cv,
               suppressMessages(composite_index(du, spec, "id", "year",
                                                weights = "cv",
                                                balanced = TRUE))$scores$score)
})

test_that("fixed and combined weights are variants, and leave-outs drop their entry", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  spec <- make_spec()
  fw <- c(x1 = 4, x2 = 3, x3 = 2, x4 = 1)
  rob <- index_robustness(d, spec, "id", "year",
                          baseline = list(weights = fw),
                          weights = list("entropy", expert = c(x1 = 1, x2 = 1,
                                                               x3 = 1, x4 = 2),
                                         c("entropy", "critic"),
                                         same = fw * 10),
                          methods = NULL)
  # fw * 10 is the baseline's weights: skipped
  expect_equal(rob$variants$variant,
               c("baseline", "entropy", "expert", "entropy_critic",
                 paste0("drop_x", 1:4)))
  expect_equal(rob$scores$score_baseline,
               composite_index(d, spec, "id", "year",
                               weights = fw)$scores$score)
  expect_equal(rob$scores$score_expert,
               composite_index(d, spec, "id", "year",
                               weights = c(x1 = 1, x2 = 1, x3 = 1,
                                           x4 = 2))$scores$score)
  expect_equal(rob$scores$score_entropy_critic,
               composite_index(d, spec, "id", "year",
                               weights = c("entropy", "critic"))$scores$score)
  expect_equal(rob$scores$score_drop_x3,
               composite_index(d, spec[-3, ], "id", "year",
                               weights = fw[-3])$scores$score)
  expect_equal(rob$variants$weights[1:4], c("fixed", "entropy", "fixed",
    "arithmetic mean of entropy and CRITIC (lambda 0.5, 0.5)"))
  # the spec's weight column is the baseline when `baseline$weights` is NULL
  spec_w <- spec
  spec_w$weight <- unname(fw)
  rw <- index_robustness(d, spec_w, "id", "year",
                         baseline = list(weights = NULL), leave_out = "x1",
                         methods = NULL)
  expect_equal(rw$scores$score_baseline, rob$scores$score_baseline)
  expect_equal(rw$variants$variant, c("baseline", "entropy", "critic", "cv",
                                      "sd", "equal", "drop_x1"))
  expect_equal(rw$scores$score_drop_x1, rob$scores$score_drop_x1)
})

test_that("a spec with one indicator leaves nothing out, with a note", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  spec <- make_spec()[1, ]
  rob <- index_robustness(d, spec, "id", "year", methods = NULL,
                          weights = c("entropy", "cv", "sd", "equal"))
  expect_equal(rob$variants$type, c("baseline", rep("weights", 3)))
  expect_match(rob$notes, "single indicator")
  expect_output(print(rob), "Note: No indicator was left out")
  # one indicator: every scheme gives it weight 1, so every rank agrees
  expect_equal(rob$ranks$range, rep(0, nrow(d)))
  expect_true(all(rob$correlation$kendall == 1))
  expect_error(index_robustness(d, spec, "id", "year", leave_out = "x1"),
               class = "regineq_error_size")
  # CRITIC needs two indicators: its variant fails, classed and named
  err <- tryCatch(index_robustness(d, spec, "id", "year"), error = identity)
  expect_s3_class(err, "regineq_error_value")
  expect_match(conditionMessage(err), "Variant `critic`", fixed = TRUE)
})

test_that("a cross-section has one group and no time column", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  d1 <- d[d$year == 2001, ]
  rob <- index_robustness(d1, make_spec(), "id", NULL, weights = "critic",
                          methods = NULL, leave_out = FALSE)
  expect_named(rob$correlation, c("variant", "n", "spearman", "kendall"))
  s <- composite_index(d1, make_spec(), "id", NULL)$scores$score
  v <- composite_index(d1, make_spec(), "id", NULL,
                       weights = "critic")$scores$score
  expect_equal(rob$correlation$kendall, stats::cor(s, v, method = "kendall"))
  expect_named(rob$ranks, c("id", "baseline", "min", "max", "range",
                            "variant_min", "variant_max"))
  expect_equal(rob$ranks$baseline, rank(-s))
  expect_output(print(rob), "1 period")
  withr::local_png(tempfile(fileext = ".png"))
  out <- plot(rob)
  expect_equal(out$baseline, sort(rank(-s)))
  expect_error(plot(rob, time = 2001),
               class = "regineq_error_value")
})

test_that("warnings and messages come once per distinct text, naming the variants", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  d$x4 <- 1
  spec <- make_spec()
  got <- list()
  rob <- withCallingHandlers(
    index_robustness(d[-3, ], spec, "id", "year", weights = "critic",
                     methods = NULL),
    warning = function(w) {
      got[[length(got) + 1L]] <<- w
      invokeRestart("muffleWarning")
    },
    message = function(m) {
      got[[length(got) + 1L]] <<- m
      invokeRestart("muffleMessage")
    })
  cls <- vapply(got, function(c) class(c)[1], "")
  expect_equal(sum(cls == "regineq_warning_constant"), 1L)
  expect_equal(sum(cls == "regineq_message_unbalanced"), 1L)
  const <- got[[which(cls == "regineq_warning_constant")]]
  # every variant but the one without x4
  expect_match(conditionMessage(const),
               "[variants `baseline`, `critic`, `drop_x1`, `drop_x2` and `drop_x3`]",
               fixed = TRUE)
  expect_identical(conditionCall(const)[[1]], as.name("index_robustness"))
  unb <- got[[which(cls == "regineq_message_unbalanced")]]
  expect_match(conditionMessage(unb), "[every variant]", fixed = TRUE)
  expect_equal(rob$scores$score_baseline,
               suppressWarnings(suppressMessages(
                 composite_index(d[-3, ], spec, "id", "year")))$scores$score)
})

test_that("bad arguments are classed errors", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  spec <- make_spec()
  ir <- function(...) index_robustness(d, spec, "id", "year", ...)
  expect_error(ir(weights = "gini"), class = "regineq_error_value")
  expect_error(ir(weights = c("critic", "critic")),
               class = "regineq_error_duplicate")
  expect_error(ir(weights = list(1:3)), class = "regineq_error_type")
  expect_error(ir(weights = list(c("entropy", "nope"))),
               class = "regineq_error_value")
  expect_error(ir(weights = 3), class = "regineq_error_type")
  expect_error(ir(methods = "vikor"), class = "regineq_error_value")
  expect_error(ir(methods = 1), class = "regineq_error_type")
  expect_error(ir(baseline = "topsis"), class = "regineq_error_type")
  expect_error(ir(baseline = list(method = "topsis", scope = "time")),
               class = "regineq_error_value")
  expect_error(ir(baseline = list(method = "vikor")),
               class = "regineq_error_value")
  expect_error(ir(baseline = list(weights = "gini")),
               class = "regineq_error_value")
  expect_error(ir(leave_out = "x9"), class = "regineq_error_value")
  expect_error(ir(leave_out = NA), class = "regineq_error_type")
  expect_error(ir(leave_out = c("x1", "x1")),
               class = "regineq_error_duplicate")
  expect_error(ir(bogus = 1), class = "regineq_error_argument")
  expect_error(ir("time"), class = "regineq_error_argument")
  expect_error(ir(method = "linear"), class = "regineq_error_argument")
  expect_error(ir(weights = list(linear = "critic")),
               class = "regineq_error_duplicate")
  expect_error(index_robustness(d, spec, "id"),
               class = "regineq_error_argument")
  # `...` that composite_index() refuses: its own classed error and text
  ref <- tryCatch(composite_index(d, spec, "id", "year", scope = "yearly"),
                  error = identity)
  got <- tryCatch(ir(scope = "yearly"), error = identity)
  expect_s3_class(got, "regineq_error_value")
  expect_identical(conditionMessage(got), conditionMessage(ref))
  expect_error(ir(shift = -1), class = "regineq_error_value")
  expect_error(ir(na = "drop"), class = "regineq_error_value")
  # a baseline that can't be computed fails as composite_index() does
  expect_error(ir(baseline = list(weights = c(x1 = 1))),
               class = "regineq_error_value")
  # a variant that fails keeps its class and is named: without x1 every
  # remaining indicator is constant
  dc <- d
  dc[c("x2", "x3", "x4")] <- 1
  err <- tryCatch(suppressWarnings(index_robustness(dc, spec, "id", "year",
                                                    weights = NULL,
                                                    methods = NULL)),
                  error = identity)
  expect_s3_class(err, "regineq_error_constant")
  expect_match(conditionMessage(err), "Variant `drop_x1`", fixed = TRUE)
})

test_that("error texts", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  spec <- make_spec()
  expect_snapshot(error = TRUE, {
    index_robustness(d, spec, "id", "year", weights = "gini")
    index_robustness(d, spec, "id", "year", methods = "vikor")
    index_robustness(d, spec, "id", "year", baseline = list(scope = "time"))
    index_robustness(d, spec, "id", "year", bogus = 1, scope = "time")
    index_robustness(d, spec, "id", "year", leave_out = "x9")
    index_robustness(d, spec, "id", "year", weights = list(linear = "sd"))
  })
})

test_that("summary() gives the median and lowest correlation and the widest ranges", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  rob <- index_robustness(d, make_spec(), "id", "year", weights = "critic",
                          leave_out = "x2")
  sm <- summary(rob)
  cr <- rob$correlation
  expect_equal(sm$correlation$variant, c("critic", "linear", "drop_x2"))
  for (v in sm$correlation$variant) {
    r <- sm$correlation[sm$correlation$variant == v, ]
    expect_equal(r$spearman_median, stats::median(cr$spearman[cr$variant == v]))
    expect_equal(r$kendall_min, min(cr$kendall[cr$variant == v]))
  }
  rk <- rob$ranks
  widest <- as.vector(tapply(rk$range, rk$id, max))
  expect_equal(sm$ranges$max_range, sort(widest, decreasing = TRUE))
  top <- sm$ranges[1, ]
  expect_equal(top$mean_range, mean(rk$range[rk$id == top$id]))
  expect_output(print(rob), "Agreement with the baseline")
  expect_output(print(sm), "Rank ranges by region")
})

test_that("plot() draws one row per region of the period, sorted by baseline rank", {
  rob <- index_robustness(nqpf_indicators, nqpf_spec, "province", "year",
                          leave_out = c("rd_intensity", "forest_coverage"))
  withr::local_png(tempfile(fileext = ".png"), width = 900, height = 700,
                   res = 110)
  out <- plot(rob)
  last <- rob$ranks[rob$ranks$year == 2023, ]
  expect_equal(nrow(out), nrow(last))
  expect_equal(out$baseline, sort(last$baseline))
  o <- order(last$baseline)
  expect_equal(out$province, last$province[o])
  expect_equal(out$min, last$min[o])
  expect_equal(out$max, last$max[o])
  expect_equal(out$y, rev(seq_len(nrow(last))))
  expect_match(attr(out, "figure")$main, "30 regions over 7 variants, 2023")
  # time, top and order change what is drawn
  o15 <- plot(rob, time = 2015)
  r15 <- rob$ranks[rob$ranks$year == 2015, ]
  expect_equal(o15$max, r15$max[order(r15$baseline)])
  top <- plot(rob, top = 5, order = "range")
  expect_equal(nrow(top), 5L)
  expect_equal(top$range, sort(last$range, decreasing = TRUE)[1:5])
  expect_match(attr(top, "figure")$main, "The 5 of 30 regions")
  best <- plot(rob, top = 3)
  expect_equal(best$baseline, 1:3)
  # Chinese labels
  withr::local_options(regineq.cjk_font = TRUE)
  zh <- plot(rob, lang = "zh")
  expect_match(attr(zh, "figure")$xlab, "\u6392\u540d")
  expect_match(attr(zh, "figure")$sub, "\u71b5\u503c\u6cd5")
})

test_that("plot() arguments are checked", {
  # 8 regions, 4 years, 4 indicators; r8 repeats r7 (tied scores)
  d <- make_panel(n_id = 8, n_t = 4, p = 4, seed = 3)
  d[d$id == "r8", paste0("x", 1:4)] <- d[d$id == "r7", paste0("x", 1:4)]
  rob <- index_robustness(d, make_spec(), "id", "year",
                          leave_out = FALSE)
  withr::local_png(tempfile(fileext = ".png"))
  expect_error(plot(rob, time = 1999),
               class = "regineq_error_value")
  expect_error(plot(rob, top = 0),
               class = "regineq_error_value")
  expect_error(plot(rob, order = "name"),
               class = "regineq_error_value")
  expect_error(plot(rob, col = c(spike = "red")),
               class = "regineq_error_value")
  out <- plot(rob, col = c(baseline = "red"), legend = "none",
                labels = FALSE, variants = FALSE, main = "M")
  expect_equal(attr(out, "figure")$main, "M")
  expect_null(attr(out, "figure")$legend)
  expect_length(attr(out, "figure")$text, 0L)
})
