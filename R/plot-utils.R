# Layer 5 of 5: plot utilities shared by every plot method: the palette and
# line types that keep a group's look across figures, the period axis,
# legends, the two chart shapes several results use, and the English/Chinese
# labels.

# A colour-blind-safe palette (Okabe-Ito) recycled as needed.
palette_regineq <- function(n) {
  pal <- c("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
           "#F0E442", "#000000")
  rep_len(pal, n)
}

# Positions of period labels on the x axis: by the panel's time rule, so
# text years "2015".."2022" sit at 2015..2022 and other labels at 1..k.
period_x <- function(labels) {
  if (is.numeric(labels)) return(as.double(labels))
  period_positions(labels)
}

# An x axis that shows every period label (thinned when there are many).
period_axis <- function(at, labels) {
  keep <- !duplicated(at)
  at <- at[keep]
  labels <- as.character(labels)[keep]
  o <- order(at)
  step <- max(1L, ceiling(length(at) / 12))
  show <- o[seq(1L, length(o), by = step)]
  graphics::axis(1, at = at[show], labels = labels[show])
}

# Each region's series in grey, the mean by group in colour and the overall
# mean in black (as in Chinese provincial studies' trend figures).
trend_chart <- function(s, id, time, value, group = NULL, L = identity,
                        ylab = value, ...) {
  t <- s[[time]]
  y <- s[[value]]
  if (!any(is.finite(y))) {
    abort("There is nothing to plot: every `", value, "` is NA.",
          class = "regineq_error_value")
  }
  tt <- period_x(t)
  graphics::plot(range(tt), range(y, finite = TRUE), type = "n", xlab = time,
                 ylab = ylab, xaxt = "n", ...)
  period_axis(tt, t)
  for (r in split(seq_len(nrow(s)), s[[id]])) {
    r <- r[order(tt[r])]
    graphics::lines(tt[r], y[r], col = "grey85")
  }
  means <- tapply(y, tt, mean, na.rm = TRUE)
  xs <- as.numeric(names(means))
  leg <- L("All regions")
  cols <- "black"
  if (!is.null(group)) {
    g <- if (!is.null(names(group))) group[as.character(s[[id]])] else group
    if (length(g) != nrow(s) || anyNA(g)) {
      abort("`group` must name a group for every region (or give one per ",
            "row of the scores).", class = "regineq_error_value")
    }
    g <- as.character(g)
    lev <- unique(g)
    pal <- palette_regineq(length(lev))
    for (k in seq_along(lev)) {
      m <- tapply(y[g == lev[k]], tt[g == lev[k]], mean, na.rm = TRUE)
      graphics::lines(as.numeric(names(m)), m, col = pal[k], lwd = 2)
    }
    leg <- c(leg, lev)
    cols <- c(cols, pal)
  }
  graphics::lines(xs, means, lwd = 3)
  graphics::legend("topleft", legend = leg, col = cols,
                   lwd = c(3, rep(2, length(leg) - 1)), bty = "n", cex = 0.8)
}

# Lines of the columns of m over its rownames (periods), with a legend.
line_chart <- function(m, ylab, ...) {
  xs <- period_x(rownames(m))
  pal <- palette_regineq(ncol(m))
  graphics::matplot(xs, m, type = "b", pch = 19, lty = 1, col = pal,
                    xlab = "", ylab = ylab, xaxt = "n", ...)
  period_axis(xs, rownames(m))
  graphics::legend("topleft", legend = colnames(m), col = pal, lty = 1,
                   pch = 19, bty = "n", cex = 0.75)
}

# Labels ------------------------------------------------------------------------

plot_labeller <- function(lang) {
  lang <- check_choice(lang, c("en", "zh"), "lang")
  if (lang == "zh" && !cjk_font_available()) {
    warn("No CJK font was found (fc-list :lang=zh lists none), so the plot ",
         "uses English labels. Install one, e.g. the Debian package ",
         "fonts-noto-cjk, for Chinese labels.", class = "regineq_warning_font")
    lang <- "en"
  }
  L <- function(key) {
    if (lang == "en") return(key)
    zh <- plot_dictionary()[key]
    unname(ifelse(is.na(zh), key, zh))
  }
  attr(L, "lang") <- lang
  L
}

cjk_font_available <- function() {
  opt <- getOption("regineq.cjk_font")
  if (!is.null(opt)) return(isTRUE(opt))
  fc <- Sys.which("fc-list")
  if (!nzchar(fc)) return(FALSE)
  out <- tryCatch(suppressWarnings(system2(fc, c(":lang=zh", "family"),
                                           stdout = TRUE, stderr = FALSE)),
                  error = function(e) character())
  length(out) > 0L
}

plot_dictionary <- function() {
  c("Score" = "\u5f97\u5206",
    "All regions" = "\u5168\u90e8\u5730\u533a",
    "Weight" = "\u6743\u91cd",
    "Share of G" = "\u8d21\u732e\u7387",
    "Within" = "\u533a\u57df\u5185",
    "Between" = "\u533a\u57df\u95f4",
    "Transvariation" = "\u8d85\u53d8\u5bc6\u5ea6",
    "Gini (G)" = "\u57fa\u5c3c\u7cfb\u6570 G",
    "Within-group Gini" = "\u533a\u57df\u5185\u57fa\u5c3c\u7cfb\u6570",
    "Between-group Gini" = "\u533a\u57df\u95f4\u57fa\u5c3c\u7cfb\u6570",
    "Theil index" = "\u6cf0\u5c14\u6307\u6570",
    "Dispersion" = "\u79bb\u6563\u7a0b\u5ea6",
    "Moran's I" = "\u83ab\u5170\u6307\u6570",
    "Standardised value" = "\u6807\u51c6\u5316\u503c",
    "Spatial lag" = "\u7a7a\u95f4\u6ede\u540e",
    "High-High" = "\u9ad8-\u9ad8",
    "Low-Low" = "\u4f4e-\u4f4e",
    "High-Low" = "\u9ad8-\u4f4e",
    "Low-High" = "\u4f4e-\u9ad8",
    "Not significant" = "\u4e0d\u663e\u8457",
    "Isolated" = "\u5b64\u7acb",
    "Density" = "\u5bc6\u5ea6",
    "Coupling coordination D" = "\u8026\u5408\u534f\u8c03\u5ea6 D",
    "Regions" = "\u5730\u533a\u6570")
}
