#' Coupling coordination of two or more systems
#'
#' For \eqn{k \ge 2}{k >= 2} system scores \eqn{U_1, \dots, U_k}{U_1, ...,
#' U_k} in \[0, 1\] per row:
#' * `method = "standard"` (Ran, Sun and Li n.d., eq. 7 for k = 2):
#'   \eqn{C = k (\prod_i U_i)^{1/k} / \sum_i U_i}{C = k (prod_i U_i)^(1/k) /
#'   sum_i U_i}.
#' * `method = "wang"`, the corrected coupling degree of Wang, Kong, Ren et
#'   al. (2021), which spreads over \[0, 1\] instead of crowding near 1:
#'   \deqn{C = \sqrt{\left(1 - \frac{\sum_{i>j} |U_i - U_j|}{\sum_{m=1}^{k-1} m}
#'   \right) \left(\prod_i \frac{U_i}{\max_j U_j}\right)^{1/(k-1)}}
#'   }{C = sqrt( (1 - sum_(i>j) |U_i - U_j| / (1 + 2 + ... + (k-1)))
#'   * (prod_i U_i / max_j U_j)^(1/(k-1)) )}
#'   (for k = 2, \eqn{\sqrt{(1 - |U_1 - U_2|) \min U / \max U}}{sqrt((1 -
#'   |U_1 - U_2|) min(U) / max(U))}).
#'
#' The comprehensive index is \eqn{T = \sum_i \alpha_i U_i}{T = sum_i
#' alpha_i U_i} (equal \eqn{\alpha_i = 1/k}{alpha_i = 1/k} unless `weights`
#' are given) and the coupling coordination degree
#' \eqn{D = \sqrt{C T}}{D = sqrt(C T)} (Ran, Sun and Li n.d., eqs. 8-10).
#' When every \eqn{U_i}{U_i} is 0, C is 0 (not 0/0).
#'
#' `level` classifies D into the ten bands (0, 0.1\], ..., (0.9, 1\] (0 goes to
#' the first band): extreme imbalance (极度失调), serious imbalance (严重失调),
#' moderate imbalance (中度失调), mild imbalance (轻度失调), verge of imbalance
#' (濒临失调), barely coordinated (勉强协调), primary coordination (初级协调),
#' intermediate coordination (中级协调), good coordination (良好协调),
#' high-quality coordination (优质协调). Custom `breaks` (and `labels`)
#' replace them; the nine bands of Ran, Sun and Li (n.d., Table 3) are
#' `breaks = c(0, seq(0.2, 1, 0.1))` with the last nine labels.
#'
#' **Relative development degree** (two systems only). For k = 2 the result
#' also has \eqn{E = U_2 / U_1}{E = U_2 / U_1} and its class `development`,
#' with `sync = c(lower, upper)` (by default 0.8 and 1.2):
#' * \eqn{E > upper}{E > upper}: system 1 lags ("<system 1> lagging";
#'   `lang = "zh"`: "<system 1>`r "\u6ede\u540e\u578b"`");
#' * \eqn{lower \le E \le upper}{lower <= E <= upper}: the systems develop in
#'   step ("Synchronous"; `r "\u540c\u6b65\u578b"`);
#' * \eqn{E < lower}{E < lower}: system 2 lags ("<system 2> lagging";
#'   "<system 2>`r "\u6ede\u540e\u578b"`").
#'
#' System 1 and 2 are the first and second column of `systems`, and the
#' labels use their names. `development` is a factor with the levels in that
#' order. When \eqn{U_1 = 0 < U_2}{U_1 = 0 < U_2}, E is `Inf` and system 1
#' lags; when both are 0, E is `NA` (0/0) and the row is synchronous (neither
#' system is ahead). E is classified rounded to 12 digits, like D. The three
#' types are the lagging/synchronous types of Liao (1999); the band
#' 0.8-1.2 for synchronous development is the usual choice of the later
#' Chinese coupling literature, and `sync` sets another. With k > 2 systems
#' there is no single ratio, and E and `development` are not added.
#'
#' **C near 1.** The standard C of two or more scores is close to 1 unless the
#' scores differ by a large factor (two scores in a ratio of 1:2 still give
#' C = 0.94), so on real panels it often crowds near 1 and D then mostly
#' follows T (Wang, Kong, Ren et al. 2021). With `method = "standard"`, when
#' C >= 0.9 in at least 90% of the rows (and there are at least 5 rows) a
#' warning of class `regineq_warning_coupling` says so, with the share of
#' rows and the median C, and points to `method = "wang"`.
#'
#' Every row is computed on its own, so a panel whose regions differ across
#' periods needs no choice here: each region-period present gets its C, T,
#' D and level, and nothing is pooled across rows.
#'
#' @param data A data frame.
#' @param systems Names of the k >= 2 system-score columns (values in
#'   \[0, 1\]).
#' @param weights Optional weights \eqn{\alpha_i}{alpha_i}, length k, non-negative,
#'   summing to 1.
#' @param method `"standard"` or `"wang"`.
#' @param breaks Optional increasing class breaks from 0 to 1.
#' @param labels Optional class labels, one fewer than `breaks`. By default
#'   the standard labels (the last ones when there are fewer bands).
#' @param lang `"en"` or `"zh"` for the level and development labels.
#' @param sync Two increasing positive numbers `c(lower, upper)`: the band of
#'   the relative development degree E in which the two systems count as
#'   synchronous (k = 2 only).
#' @return `data` with columns `C`, `T`, `D` and `level` (an ordered factor)
#'   added, and for k = 2 also `E` (\eqn{U_2 / U_1}{U_2 / U_1}) and
#'   `development` (a factor); class `regineq_coupling` for `plot()`. With
#'   `method = "standard"`, a warning of class `regineq_warning_coupling` when
#'   C crowds near 1 (see Details).
#' @references Wang, S., Kong, W., Ren, L., Zhi, D. and Dai, B. (2021).
#'   Research on misuses and modification of coupling coordination degree
#'   model in China. Journal of Natural Resources 36(3), 793-810.
#'
#'   Liao, C. (1999). Quantitative judgement and classification system for
#'   coordinated development of environment and economy: a case study of the
#'   city group in the Pearl River Delta (title translated from the Chinese).
#'   Tropical Geography 19(2), 171-177.
#'
#'   Ran, X., Sun, S. and Li, J. (n.d.). Coupling coordination of
#'   technological innovation resource integration and the development of
#'   new quality productivity (title translated from the Chinese), eqs. 7-10
#'   and Table 3. The journal and year are not in the text available, which
#'   cites events of July 2024; see `citation("regineq")`.
#' @family coupling and distributions
#' @export
#' @examples
#' set.seed(1)
#' d <- data.frame(region = letters[1:6], tech = runif(6), nqpf = runif(6))
#' coupling_coordination(d, c("tech", "nqpf"))
#' coupling_coordination(d, c("tech", "nqpf"), method = "wang", lang = "zh")
#' # a wider synchronous band
#' coupling_coordination(d, c("tech", "nqpf"), sync = c(0.7, 1.3))
coupling_coordination <- function(data, systems, weights = NULL,
                                  method = c("standard", "wang"),
                                  breaks = NULL, labels = NULL,
                                  lang = c("en", "zh"), sync = c(0.8, 1.2)) {
  check_required(c("data", "systems"))
  check_data_frame(data)
  method <- check_choice(method, c("standard", "wang"), "method")
  lang <- check_choice(lang, c("en", "zh"), "lang")
  if (!is.character(systems) || length(systems) < 2L || anyNA(systems)) {
    abort("`systems` must name at least two columns, not ", type_of(systems),
          ".", class = "regineq_error_value")
  }
  dup <- unique(systems[duplicated(systems)])
  if (length(dup)) {
    abort("`systems` must name each system once: ", enum(dup),
          " appears more than once.", class = "regineq_error_duplicate")
  }
  k <- length(systems)
  sync <- check_sync(sync)
  added <- c("C", "T", "D", "level", if (k == 2L) c("E", "development"))
  check_new_columns(data, added)
  U <- vapply(systems, function(s) {
    v <- check_numeric_column(data, s, "systems")
    bad <- which(v < 0 | v > 1)
    if (length(bad)) {
      abort("`systems` must be scores in [0, 1]: column `", s, "` has ",
            "values outside it in ", describe_rows(bad, function(r) v[r]),
            ".",
            class = "regineq_error_value")
    }
    v
  }, numeric(nrow(data)))
  U <- matrix(U, nrow(data), k)
  alpha <- if (is.null(weights)) rep(1 / k, k) else {
    if (!is.numeric(weights) || length(weights) != k || anyNA(weights) ||
        any(weights < 0)) {
      abort("`weights` must be ", k, " non-negative numbers, one per system.",
            class = "regineq_error_value")
    }
    if (abs(sum(weights) - 1) > 1e-8) {
      abort("`weights` must sum to 1, not ", format(sum(weights)), ".",
            class = "regineq_error_value")
    }
    as.double(weights)
  }
  C <- coupling_degree(U, method)
  Tt <- as.vector(U %*% alpha)
  D <- sqrt(C * Tt)
  band <- coupling_bands(breaks, labels, lang)
  data$C <- C
  data$T <- Tt
  data$D <- D
  # classify D rounded to 12 digits, so sqrt() noise never crosses a band edge
  data$level <- cut(round(pmin(pmax(D, 0), 1), 12), band$breaks,
                    labels = band$labels,
                    right = TRUE, include.lowest = TRUE, ordered_result = TRUE)
  if (k == 2L) {
    rel <- relative_development(U[, 1L], U[, 2L], systems, sync, lang)
    data$E <- rel$E
    data$development <- rel$development
  }
  if (method == "standard") warn_crowded(C)
  new_result_df(data, "regineq_coupling", systems = systems, method = method,
                added = added, sync = if (k == 2L) sync)
}

#' @export
print.regineq_coupling <- function(x, n = 10, ...) {
  info <- result_info(x)
  header <- sprintf("<regineq_coupling> %s coupling coordination of %s: %d rows",
                    info$method, enum(info$systems), nrow(x))
  added <- info$added
  note <- if (is.null(info$sync)) {
    sprintf("Added %s (E and development need exactly two systems).",
            enum(added))
  } else {
    sprintf("Added %s; E = `%s` / `%s`, synchronous for %s <= E <= %s.",
            enum(added, max = 6L), info$systems[2L], info$systems[1L],
            format(info$sync[1L]), format(info$sync[2L]))
  }
  print_head(x, paste0(header, "\n", note), n)
}

# Private ---------------------------------------------------------------------

coupling_degree <- function(U, method) {
  k <- ncol(U)
  if (method == "standard") {
    s <- rowSums(U)
    # geometric mean through logs; a zero score gives C = 0
    g <- exp(rowMeans(log(U)))
    return(ifelse(s > 0, k * g / s, 0))
  }
  pairs <- utils::combn(k, 2L)
  spread <- rowSums(abs(U[, pairs[1, ], drop = FALSE] -
                          U[, pairs[2, ], drop = FALSE])) / ncol(pairs)
  mx <- apply(U, 1L, max)
  ratio <- ifelse(mx > 0, exp(rowSums(log(U / mx)) / (k - 1)), 0)
  sqrt(pmax(0, 1 - spread) * ratio)
}

# `sync`: the band lower <= E <= upper of synchronous development.
check_sync <- function(sync) {
  if (!is.numeric(sync) || length(sync) != 2L || any(!is.finite(sync)) ||
      any(sync <= 0) || sync[1L] >= sync[2L]) {
    shown <- if (is.numeric(sync) && length(sync) <= 4L) {
      paste0("c(", paste(format(sync), collapse = ", "), ")")
    } else type_of(sync)
    abort("`sync` must be two increasing positive numbers c(lower, upper), ",
          "not ", shown, ".", class = "regineq_error_value")
  }
  as.double(sync)
}

# Relative development degree E = U2 / U1 of two systems and its three types
# (system 1 lagging above the band, synchronous inside it, system 2 lagging
# below it). 0/0 is NA (and synchronous); U2 / 0 is Inf (system 1 lags).
relative_development <- function(u1, u2, systems, sync, lang) {
  E <- ifelse(u1 > 0, u2 / u1, ifelse(u2 > 0, Inf, NA_real_))
  lab <- if (lang == "en") {
    c(paste(systems[1L], "lagging"), "Synchronous",
      paste(systems[2L], "lagging"))
  } else {
    c(paste0(systems[1L], "\u6ede\u540e\u578b"), "\u540c\u6b65\u578b",
      paste0(systems[2L], "\u6ede\u540e\u578b"))
  }
  # rounded to 12 digits, so that 0.684 / 0.57 is 1.2 and not just above it
  e <- round(E, 12)
  type <- ifelse(is.na(e), 2L, ifelse(e > sync[2L], 1L,
                                      ifelse(e < sync[1L], 3L, 2L)))
  list(E = E, development = factor(lab[type], levels = lab))
}

# The standard C crowds near 1 (Wang, Kong, Ren et al. 2021): say so when it
# is >= 0.9 in at least 90% of at least 5 rows.
warn_crowded <- function(C) {
  n <- length(C)
  high <- sum(C >= 0.9)
  if (n < 5L || high / n < 0.9) return(invisible())
  warn("`method = \"standard\"` gives C >= 0.9 in ", high, " of ", n,
       " rows (", sprintf("%.0f%%", floor(100 * high / n)), "; median C ",
       format(stats::median(C), digits = 3), "): the classic coupling degree ",
       "crowds near 1 and carries little information about how well the ",
       "systems are coordinated (Wang, Kong, Ren et al. 2021, Journal of ",
       "Natural Resources). `method = \"wang\"` gives a C that spreads over ",
       "[0, 1].", class = "regineq_warning_coupling")
}

coupling_bands <- function(breaks, labels, lang) {
  en <- c("Extreme imbalance", "Serious imbalance", "Moderate imbalance",
          "Mild imbalance", "Verge of imbalance", "Barely coordinated",
          "Primary coordination", "Intermediate coordination",
          "Good coordination", "High-quality coordination")
  zh <- c("\u6781\u5ea6\u5931\u8c03", "\u4e25\u91cd\u5931\u8c03",
          "\u4e2d\u5ea6\u5931\u8c03", "\u8f7b\u5ea6\u5931\u8c03",
          "\u6fd2\u4e34\u5931\u8c03", "\u52c9\u5f3a\u534f\u8c03",
          "\u521d\u7ea7\u534f\u8c03", "\u4e2d\u7ea7\u534f\u8c03",
          "\u826f\u597d\u534f\u8c03", "\u4f18\u8d28\u534f\u8c03")
  std <- if (lang == "en") en else zh
  if (is.null(breaks)) breaks <- seq(0, 1, by = 0.1)
  if (!is.numeric(breaks) || length(breaks) < 2L || anyNA(breaks) ||
      any(diff(breaks) <= 0) || breaks[1] != 0 ||
      breaks[length(breaks)] != 1) {
    abort("`breaks` must increase from 0 to 1.", class = "regineq_error_value")
  }
  nb <- length(breaks) - 1L
  if (is.null(labels)) {
    if (nb > length(std)) {
      abort("`labels` must be given for more than ", length(std), " bands.",
            class = "regineq_error_value")
    }
    labels <- std[(length(std) - nb + 1L):length(std)]
  }
  if (length(labels) != nb) {
    abort("`labels` must have one label per band (", nb, "), not ",
          length(labels), ".", class = "regineq_error_value")
  }
  list(breaks = breaks, labels = labels)
}
