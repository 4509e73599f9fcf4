# Layer 5 of 5: plot utilities shared by every plot method: the palette and
# line types that keep a group's look across figures (group_style()), the
# restyling arguments every method takes, margins fitted to the labels, the
# period axis, legends outside the data, the chart shapes several results
# use, and the English/Chinese labels.

# Palettes and styles -----------------------------------------------------------

# Okabe-Ito colours for lines and points, in the order groups take them (no
# yellow, which is unreadable as a line on white). Colours repeat after six,
# but line types (five) and markers (eight) cycle with other periods, so no
# two of the first 30 positions look alike even in greyscale.
palette_regineq <- function(n) {
  pal <- c("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
  rep_len(pal, n)
}

# Fills for stacked shares and bars: the first three differ in lightness
# (dark blue, orange, yellow), so stacks stay readable in greyscale.
fill_palette <- function(n) {
  pal <- c("#0072B2", "#E69F00", "#F0E442", "#009E73", "#CC79A7", "#56B4E9")
  rep_len(pal, n)
}

style_lty <- function(n) {
  rep_len(c("solid", "dashed", "dotdash", "dotted", "longdash"), n)
}

style_pch <- function(n) rep_len(c(16, 17, 15, 1, 2, 0, 18, 5), n)

# Colours for the periods of a sequence (densities by period): viridis
# without its lightest end, dark to light, so time order survives greyscale.
period_palette <- function(n) {
  grDevices::hcl.colors(n + max(1L, n %/% 4L), "viridis")[seq_len(n)]
}

# The levels of a grouping vector in the order every verb uses them (as
# new_panel() codes keys): factor levels, else first appearance.
group_levels <- function(g) {
  if (is.factor(g)) return(levels(droplevels(g)))
  unique(as.character(g))
}

# THE style of each group (or series) of a figure, by its position in
# `levels`: the k-th level always gets the k-th colour, line type and marker,
# so a region keeps its look across every figure of a result and a report.
# User values (`col`, `lty`, `lwd`, `pch`) replace them: a vector named by
# level replaces those levels, an unnamed one is recycled over the levels.
group_style <- function(levels, col = NULL, lty = NULL, lwd = NULL,
                        pch = NULL, default_lwd = 2) {
  levels <- as.character(levels)
  n <- length(levels)
  style <- data.frame(series = levels, col = palette_regineq(n),
                      lty = style_lty(n), lwd = rep(default_lwd, n),
                      pch = style_pch(n), stringsAsFactors = FALSE)
  restyle(style, col = col, lty = lty, lwd = lwd, pch = pch)
}

# Replaces the columns of a style table (one row per series) by the user's
# restyling arguments, checked.
restyle <- function(style, col = NULL, lty = NULL, lwd = NULL, pch = NULL) {
  if (!is.null(col)) {
    check_style_values(col, "col")
    style$col <- style_values(col, style$col, style$series, "col")
  }
  if (!is.null(lty)) {
    check_style_values(lty, "lty")
    lty <- lty_names(lty)
    style$lty <- style_values(lty, style$lty, style$series, "lty")
  }
  if (!is.null(lwd)) {
    check_style_values(lwd, "lwd")
    style$lwd <- style_values(lwd, style$lwd, style$series, "lwd")
  }
  if (!is.null(pch)) {
    check_style_values(pch, "pch")
    if (is.character(pch) && !is.null(names(pch))) {
      abort("`pch` must be unnamed when it gives characters, or numbers.",
            class = "regineq_error_type")
    }
    style$pch <- style_values(pch, style$pch, style$series, "pch")
  }
  style
}

style_values <- function(user, default, series, arg) {
  nm <- names(user)
  if (!is.null(nm) && all(nzchar(nm))) {
    pos <- match(nm, series)
    if (anyNA(pos)) {
      abort("`", arg, "` names ", enum(nm[is.na(pos)], quote = "\""),
            ", which the figure does not draw; it draws ",
            enum(series, max = 10L, quote = "\""), ".",
            class = "regineq_error_value")
    }
    default[pos] <- unname(user)
    return(default)
  }
  rep_len(unname(user), length(default))
}

check_style_values <- function(x, arg) {
  ok <- length(x) > 0L && !anyNA(x)
  if (ok) ok <- switch(arg,
    col = (is.character(x) || is.numeric(x)) && !inherits(
      tryCatch(grDevices::col2rgb(x), error = function(e) e), "error"),
    lty = is.character(x) || (is.numeric(x) && all(x %in% 0:6)),
    lwd = is.numeric(x) && all(is.finite(x) & x > 0),
    pch = (is.numeric(x) && all(x %in% 0:25)) ||
      (is.character(x) && all(nchar(x) == 1L)))
  if (!ok) {
    want <- switch(arg, col = "colours (names, \"#RRGGBB\" or numbers)",
                   lty = "line types (0-6 or names such as \"dashed\")",
                   lwd = "positive line widths",
                   pch = "point symbols (0-25 or single characters)")
    abort("`", arg, "` must be ", want, ", not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  invisible(x)
}

lty_names <- function(lty) {
  if (!is.numeric(lty)) return(lty)
  out <- c("blank", "solid", "dashed", "dotted", "dotdash", "longdash",
           "twodash")[lty + 1L]
  names(out) <- names(lty)
  out
}

# Black or white, whichever reads better on `fill` (WCAG relative luminance:
# white text below 0.179, where both contrasts are equal).
text_colour <- function(fill) {
  rgb <- grDevices::col2rgb(fill) / 255
  lin <- ifelse(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055)^2.4)
  lum <- colSums(lin * c(0.2126, 0.7152, 0.0722))
  ifelse(lum < 0.179, "white", "black")
}

# Restyling arguments -----------------------------------------------------------

# The `legend` argument: NULL or TRUE for the package's choice (outside the
# data, in the margin), FALSE or "none" for no legend, or a legend() keyword.
legend_where <- function(legend) {
  if (is.null(legend) || isTRUE(legend)) return("outside")
  if (isFALSE(legend)) return(NULL)
  keys <- c("outside", "none", "bottomright", "bottom", "bottomleft", "left",
            "topleft", "top", "topright", "right", "center")
  where <- check_choice(legend, keys, "legend")
  if (where == "none") NULL else where
}

check_ylim <- function(ylim) {
  if (is.null(ylim)) return(NULL)
  if (!is.numeric(ylim) || length(ylim) != 2L || !all(is.finite(ylim)) ||
      ylim[1] == ylim[2]) {
    abort("`ylim` must be two different finite numbers, not ",
          type_of(ylim), ".", class = "regineq_error_value")
  }
  ylim
}

check_text <- function(x, arg) {
  if (is.null(x)) return(NULL)
  if (length(x) == 1L && is.na(x)) return("")
  if (!is.character(x) && !is.expression(x) || length(x) != 1L) {
    abort("`", arg, "` must be a single string, not ", type_of(x), ".",
          class = "regineq_error_type")
  }
  x
}

# Graphical parameters given through `...` (cex, family, las, font.main ...)
# are set for the figure; names that are not parameters, or that would
# break the layout (mar, mfrow ...), are ignored with a warning.
dots_par <- function(dots) {
  if (!length(dots)) return(list())
  nm <- names(dots) %||% rep("", length(dots))
  layout_par <- c("mar", "mai", "oma", "omi", "mfrow", "mfcol", "mfg", "fig",
                  "fin", "plt", "pin", "new", "usr", "xpd")
  ok <- nm %in% names(graphics::par(no.readonly = TRUE)) &
    !nm %in% layout_par
  if (any(!ok)) {
    bad <- ifelse(nzchar(nm[!ok]), nm[!ok], "an unnamed argument")
    warn("Ignored ", enum(bad), ": not graphical parameters this plot ",
         "can take.", class = "regineq_warning_argument")
  }
  if (!any(ok)) return(list())
  graphics::par(dots[ok])
}

# Saves the graphical parameters a method changes; restore with par(op).
# Only figures of several panels save (and so reset) the panel layout and
# the outer margins: a one-panel figure drawn inside the user's own
# par(mfrow = ...) grid must leave that grid where it is, and setting mfrow,
# mfcol or oma moves the grid back to its start. The layout comes first
# because setting it resets cex.
save_par <- function(panels = FALSE) {
  graphics::par(c(if (panels) c("mfrow", "mfcol", "oma"), "mar", "mgp",
                  "tcl", "las", "cex", "xpd", "bty", "lheight"))
}

# Margins, titles and legends ----------------------------------------------------

line_in <- function() graphics::par("csi")

# Width in lines of text of the widest of `labels`.
width_lines <- function(labels, cex = 1) {
  labels <- as.character(labels)
  if (!length(labels)) return(0)
  max(graphics::strwidth(labels, "inches", cex = cex)) / line_in()
}

# Splits a title into lines that fit `width` inches (at cex.main, bold).
wrap_title <- function(text, width, cex = graphics::par("cex.main"),
                       font = graphics::par("font.main")) {
  if (is.null(text) || !is.character(text)) return(text)
  if (length(text) != 1L) {
    return(unlist(lapply(text, wrap_title, width = width, cex = cex,
                         font = font)))
  }
  if (is.na(text) || !nzchar(text)) return(character())
  words <- strsplit(text, " ", fixed = TRUE)[[1]]
  out <- character()
  cur <- ""
  for (w in words) {
    try_line <- if (nzchar(cur)) paste(cur, w) else w
    if (nzchar(cur) && graphics::strwidth(try_line, "inches", cex = cex,
                                          font = font) > width) {
      out <- c(out, cur)
      cur <- w
    } else cur <- try_line
  }
  c(out, cur)
}

# The title block of a figure: `main` (bold) over `sub` (plain, smaller),
# both wrapped to the device width. Returns the lines and their height in
# lines of text.
title_block <- function(main, sub, width) {
  m <- wrap_title(main, width)
  s <- wrap_title(sub, width, cex = 0.85, font = 1)
  list(main = m, sub = s,
       lines = if (length(m) + length(s)) 0.5 + 1.25 * length(m) *
         graphics::par("cex.main") + 1.05 * length(s) else 0)
}

draw_title_block <- function(tb, outer = FALSE, offset = 0) {
  # left-aligned with the plot region (outer: a little in from the edge)
  at <- if (outer) 0.012 else NA
  line <- 0.3 + offset
  for (s in rev(tb$sub)) {
    graphics::mtext(s, side = 3, line = line, adj = 0, cex = 0.85,
                    outer = outer, at = at)
    line <- line + 1.05
  }
  for (m in rev(tb$main)) {
    graphics::mtext(m, side = 3, line = line + 0.05, adj = 0,
                    cex = graphics::par("cex.main"),
                    font = graphics::par("font.main"), outer = outer, at = at)
    line <- line + 1.25 * graphics::par("cex.main")
  }
}

# The width in inches a legend takes beside the plot.
legend_inches <- function(labels, title = NULL, cex = 0.85, symbol = TRUE) {
  labels <- as.character(labels)
  w <- max(graphics::strwidth(c(labels, ""), "inches", cex = cex),
           if (!is.null(title)) graphics::strwidth(title, "inches",
                                                   cex = cex, font = 2) else 0)
  w + (if (symbol) 4 else 1.5) * graphics::strwidth("m", "inches", cex = cex) +
    0.15
}

# A legend at `where` (from legend_where()): "outside" puts it in the right
# margin, top-aligned with the plot; a keyword puts it inside on a
# translucent white box. Arguments as for graphics::legend().
draw_legend <- function(where, labels, ..., cex = 0.85, title = NULL) {
  if (is.null(where) || !length(labels)) return(invisible(NULL))
  if (where == "outside") {
    usr <- graphics::par("usr")
    x <- graphics::grconvertX(graphics::grconvertX(usr[2], "user", "inches") +
                                0.08, "inches", "user")
    graphics::legend(x, usr[4], legend = labels, ..., cex = cex, bty = "n",
                     xjust = 0, yjust = 1, xpd = NA, title = title,
                     title.adj = 0)
  } else {
    graphics::legend(where, legend = labels, ..., cex = cex, bty = "o",
                     box.col = NA, bg = grDevices::adjustcolor("white", 0.85),
                     inset = 0.01, title = title)
  }
  invisible(NULL)
}

# Sets margins fitted to the labels and opens a plot: `ylim` with
# horizontal tick labels (or `yaxis = list(at, labels)` for named rows, or
# FALSE); `xlim` with a period axis (`periods`: list of `at` and `labels`)
# or numeric ticks; a title block; room on the right for an outside legend
# of `right_in` inches. `grid` draws faint lines at the ticks of the value
# axis ("h" or "v").
open_chart <- function(xlim, ylim, xlab = "", ylab = "", main = NULL,
                       sub = NULL, periods = NULL, right_in = 0,
                       xaxis = TRUE, yaxis = TRUE, grid = "h",
                       xaxs = "r", yaxs = "r", top_extra = 0,
                       right_extra = 0, bottom_extra = 0,
                       xtick_labels = TRUE, left_min = 0) {
  csi <- line_in()
  cex_ax <- graphics::par("cex.axis")
  yt <- if (is.list(yaxis)) yaxis$labels else
    if (isTRUE(yaxis)) format_ticks(pretty(ylim)) else character()
  left <- if (length(yt)) 1.1 + width_lines(yt, cex_ax) else 0.5
  if (!is.null(ylab) && nzchar(ylab)) left <- left + 1.5
  left <- max(left, left_min)
  bottom <- if (isTRUE(xaxis)) 1.9 else 0.6
  if (!is.null(xlab) && nzchar(xlab)) bottom <- bottom + 1.3
  right <- if (right_in > 0) right_in / csi + 0.3 else 1
  right <- right + right_extra
  fin <- graphics::par("fin")
  tb <- title_block(main, sub, fin[1] - (left + 0.3) * csi)
  top <- max(0.8, tb$lines + 0.3) + top_extra
  graphics::par(mar = c(bottom + bottom_extra, left, top, right),
                mgp = c(2, 0.6, 0), tcl = -0.35, las = 1)
  graphics::plot.new()
  graphics::plot.window(xlim, ylim, xaxs = xaxs, yaxs = yaxs)
  if (grid == "h" && isTRUE(yaxis)) {
    graphics::abline(h = graphics::axTicks(2), col = "grey90", lwd = 0.8)
  }
  if (grid == "v" && isTRUE(xaxis) && is.null(periods)) {
    graphics::abline(v = graphics::axTicks(1), col = "grey90", lwd = 0.8)
  }
  if (isTRUE(yaxis)) {
    at <- graphics::axTicks(2)
    graphics::axis(2, at = at, labels = format_ticks(at), las = 1)
  } else if (is.list(yaxis)) {
    tick <- yaxis$tick %||% TRUE
    graphics::axis(2, at = yaxis$at, labels = yaxis$labels, las = 1,
                   tick = tick, line = if (tick) NA else -0.3)
  }
  if (isTRUE(xaxis)) {
    if (!is.null(periods)) {
      period_axis(periods$at, periods$labels, show_labels = xtick_labels)
    } else {
      numeric_axis(1, xtick_labels)
    }
  }
  graphics::box(bty = "l")
  if (!is.null(ylab) && nzchar(ylab)) {
    graphics::mtext(ylab, side = 2, line = left - 1.25, las = 0)
  }
  if (!is.null(xlab) && nzchar(xlab)) {
    graphics::mtext(xlab, side = 1, line = bottom - 1.2 + bottom_extra)
  }
  draw_title_block(tb, offset = top_extra)
  invisible(tb)
}

# A numeric axis with fewer ticks when their labels would not fit (R's
# axis() would drop some labels unevenly instead).
numeric_axis <- function(side, show_labels = TRUE) {
  at <- graphics::axTicks(side)
  usr <- graphics::par("usr")
  lim <- if (side %in% c(1, 3)) usr[1:2] else usr[3:4]
  fits <- function(at) {
    if (side %in% c(2, 4)) return(TRUE)
    w <- graphics::strwidth(format_ticks(at), "user",
                            cex = graphics::par("cex.axis"))
    gap <- graphics::strwidth("m", "user", cex = graphics::par("cex.axis"))
    length(at) < 2L || all(diff(at) >= (w[-1] + w[-length(w)]) / 2 + gap)
  }
  n <- length(at)
  while (!fits(at) && n > 2L) {
    n <- n - 1L
    at <- pretty(lim, n = n)
    at <- at[at >= lim[1] & at <= lim[2]]
  }
  graphics::axis(side, at = at, labels = if (show_labels) format_ticks(at)
                 else FALSE)
}

# Tick labels without trailing zeros beyond what the ticks need.
format_ticks <- function(at) {
  format(at, trim = TRUE, drop0trailing = TRUE, scientific = FALSE)
}

# The default y range of data plus what must stay visible (e.g. E[I]).
data_range <- function(...) {
  v <- unlist(list(...))
  v <- v[is.finite(v)]
  if (!length(v)) return(c(0, 1))
  r <- range(v)
  if (r[1] == r[2]) r <- r + c(-0.5, 0.5) * max(abs(r[1]) * 0.1, 0.1)
  r
}

# Symbols that png(), cairo and screen devices draw but the pdf() and
# postscript() fonts lack: there the ASCII forms.
unicode_ok <- function() {
  isTRUE(l10n_info()[["UTF-8"]]) &&
    !names(grDevices::dev.cur()) %in% c("pdf", "postscript", "xfig", "pictex")
}
le_sign <- function() if (unicode_ok()) "\u2264" else "<="
en_dash <- function() if (unicode_ok()) "\u2013" else "-"

# "2014-2023" (with an en dash where the device has one), or the one period.
period_span <- function(periods) {
  p <- as.character(periods)
  if (!length(p)) return("")
  if (length(p) == 1L) return(p)
  paste0(p[1], en_dash(), p[length(p)])
}

# The left margin (lines) open_chart() would give these y tick labels and
# axis title, so that stacked panels can share it and align.
left_lines <- function(labels, ylab) {
  1.1 + width_lines(labels, graphics::par("cex.axis")) +
    if (!is.null(ylab) && nzchar(ylab)) 1.5 else 0
}

# Panels: an outer title block over all of them and room for one legend in
# the right outer margin (`legend_in` inches). `heights` (a layout) or `n`
# panels in a grid that suits a wide figure.
open_panels <- function(main, sub, n = NULL, heights = NULL, legend_in = 0) {
  csi <- line_in()
  cex <- graphics::par("cex")
  tb <- title_block(main, sub, graphics::par("din")[1] * 0.97)
  graphics::par(oma = c(0, 0.1, tb$lines + 0.1,
                        if (legend_in > 0) legend_in / csi + 0.4 else 0))
  if (!is.null(heights)) {
    graphics::layout(matrix(seq_along(heights)), heights = heights)
  } else if (n > 1L) {
    rc <- switch(as.character(n), "2" = c(1, 2),
                 "3" = c(1, 3), "4" = c(2, 2), grDevices::n2mfrow(n))
    if (n > 4 && rc[1] > rc[2]) rc <- rev(rc)
    graphics::par(mfrow = rc)
  }
  # keep the text size of a one-panel figure (mfrow shrinks it)
  graphics::par(cex = cex)
  invisible(tb)
}

# The outer title and the legend in the right outer margin, top-aligned with
# the top of the panels.
finish_panels <- function(tb, where, labels, ..., title = NULL) {
  draw_title_block(tb, outer = TRUE)
  if (is.null(where) || !length(labels)) return(invisible(NULL))
  if (where != "outside") {
    draw_legend(where, labels, ..., title = title)
    return(invisible(NULL))
  }
  op <- graphics::par(fig = c(0, 1, 0, 1), mar = c(0, 0, 0, 0),
                      oma = c(0, 0, 0, 0), new = TRUE)
  on.exit(graphics::par(op))
  graphics::plot.new()
  graphics::plot.window(c(0, 1), c(0, 1), xaxs = "i", yaxs = "i")
  din <- graphics::par("din")
  w <- legend_inches(labels, title)
  top <- 1 - (tb$lines + 0.6) * line_in() / din[2]
  graphics::legend(1 - (w + 0.1) / din[1], top, legend = labels, ...,
                   cex = 0.85, bty = "n", xjust = 0, yjust = 1, xpd = NA,
                   title = title, title.adj = 0)
  invisible(NULL)
}

# Periods ----------------------------------------------------------------------

# Positions of period labels on the x axis: by the panel's time rule, so
# text years "2015".."2022" sit at 2015..2022 and other labels at 1..k.
period_x <- function(labels) {
  if (is.numeric(labels)) return(as.double(labels))
  period_positions(labels)
}

# The x range of periods at `at`, with half a step each side so that the
# first and last period are inside the ticks.
period_xlim <- function(at) {
  u <- sort(unique(at))
  step <- if (length(u) > 1L) min(diff(u)) else 1
  range(u) + c(-0.5, 0.5) * step
}

# An x axis that shows every period label, thinned so that labels do not
# overlap (the first is always shown).
period_axis <- function(at, labels, side = 1, show_labels = TRUE) {
  keep <- !duplicated(at)
  at <- at[keep]
  labels <- as.character(labels)[keep]
  o <- order(at)
  at <- at[o]
  labels <- labels[o]
  # every label when they fit (at up to 20 % smaller text), else every
  # step-th; R's axis() would drop overlapping labels unevenly. A label
  # needs its width and one "m" (axis()'s gap.axis) of space.
  cex <- graphics::par("cex.axis")
  step <- 1L
  if (length(at) > 1L) {
    gap <- min(diff(at))
    need <- function(cex) {
      max(graphics::strwidth(labels, "user", cex = cex)) +
        1.05 * graphics::strwidth("m", "user", cex = cex)
    }
    if (need(cex) > gap) {
      if (need(0.8 * cex) <= gap) cex <- 0.8 * cex else {
        # a step that suits quarters, months and years alike
        nice <- c(2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 25, 30, 40, 50, 60,
                  100)
        k <- ceiling(need(cex) / gap)
        step <- as.integer(if (k <= max(nice)) min(nice[nice >= k]) else k)
      }
    }
  }
  show <- seq(1L, length(at), by = step)
  if (step > 1L) graphics::axis(side, at = at, labels = FALSE, tcl = -0.2)
  graphics::axis(side, at = at[show], cex.axis = cex,
                 labels = if (show_labels) labels[show] else FALSE)
}

# Chart shapes -----------------------------------------------------------------

# Each region's series in grey, the mean by group in the group's style and
# the overall mean in black (as in Chinese provincial studies' trend
# figures). `group` is one value per row of `s` or a vector named by region.
# Returns, invisibly, the data drawn: one row per line vertex.
trend_chart <- function(s, id, time, value, group = NULL, L = identity,
                        ylab = value, what = value, col = NULL, lty = NULL, lwd = NULL,
                        pch = NULL, main = NULL, xlab = NULL, ylim = NULL,
                        legend = NULL, ...) {
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  t <- s[[time]]
  y <- s[[value]]
  if (!any(is.finite(y))) {
    abort("There is nothing to plot: every `", value, "` is NA.",
          class = "regineq_error_value")
  }
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  tt <- period_x(t)
  lev_t <- unique(t[order(tt)])
  g <- NULL
  if (!is.null(group)) {
    g <- if (!is.null(names(group))) group[as.character(s[[id]])] else group
    if (length(g) != nrow(s) || anyNA(g)) {
      abort("`group` must name a group for every region (or give one per ",
            "row of the scores).", class = "regineq_error_value")
    }
  }
  glev <- if (is.null(g)) character() else group_levels(g)
  st <- group_style(glev, col, lty, lwd, pch)
  all_lab <- L("All regions")
  leg <- c(L("Regions"), glev, all_lab)
  nreg <- length(unique(s[[id]]))
  if (is.null(main)) {
    main <- sprintf(L("%s of %d regions, %s"), what, nreg,
                    period_span(lev_t))
    sub <- if (length(glev)) L("Grey: each region; lines: mean by group and of all regions") else
      L("Grey: each region; black: mean of all regions")
  } else sub <- NULL
  open_chart(period_xlim(tt), ylim %||% range(y, finite = TRUE),
             xlab = xlab %||% time, ylab = ylab, main = main, sub = sub,
             periods = list(at = tt, labels = t),
             right_in = if (identical(where, "outside")) legend_inches(leg)
             else 0)
  drawn <- list()
  for (r in split(seq_len(nrow(s)), as.character(s[[id]]))) {
    r <- r[order(tt[r])]
    graphics::lines(tt[r], y[r], col = "grey82", lwd = 0.8)
    drawn[[length(drawn) + 1L]] <- data.frame(
      layer = "region", series = as.character(s[[id]][r[1]]), period = t[r],
      x = tt[r], value = y[r], col = "grey82", lty = "solid", lwd = 0.8,
      pch = NA_real_, stringsAsFactors = FALSE)
  }
  for (k in seq_along(glev)) {
    in_k <- as.character(g) == glev[k]
    m <- tapply(y[in_k], tt[in_k], mean, na.rm = TRUE)
    xs <- as.numeric(names(m))
    graphics::lines(xs, m, col = st$col[k], lty = st$lty[k], lwd = st$lwd[k])
    graphics::points(xs, m, col = st$col[k], pch = st$pch[k], cex = 0.9)
    drawn[[length(drawn) + 1L]] <- data.frame(
      layer = "group mean", series = glev[k], period = lev_t[match(xs,
                                                                   sort(unique(tt)))],
      x = xs, value = as.vector(m), col = st$col[k], lty = st$lty[k],
      lwd = st$lwd[k], pch = st$pch[k], stringsAsFactors = FALSE)
  }
  means <- tapply(y, tt, mean, na.rm = TRUE)
  xs <- as.numeric(names(means))
  graphics::lines(xs, means, lwd = 3)
  drawn[[length(drawn) + 1L]] <- data.frame(
    layer = "overall mean", series = all_lab,
    period = lev_t[match(xs, sort(unique(tt)))], x = xs,
    value = as.vector(means), col = "black", lty = "solid", lwd = 3,
    pch = NA_real_, stringsAsFactors = FALSE)
  draw_legend(where, leg, col = c("grey70", st$col, "black"),
              lty = c("solid", st$lty, "solid"), lwd = c(1, st$lwd, 3),
              pch = c(NA, st$pch, NA), seg.len = 2.5)
  out <- do.call(rbind, drawn)
  rownames(out) <- NULL
  drawn_data(out, main = main, sub = sub, xlab = xlab %||% time, ylab = ylab,
             legend = where)
}

# Lines of series over periods. `d` has columns period, x, series, value;
# `style` is a group_style() table. Returns `d` with the style columns.
series_chart <- function(d, style, ylab, main, sub, xlab = "", ylim = NULL,
                         where = "outside", points = TRUE,
                         legend_title = NULL, ...) {
  per <- d[!duplicated(d$x), c("period", "x")]
  open_chart(period_xlim(d$x), ylim %||% data_range(d$value), xlab = xlab,
             ylab = ylab, main = main, sub = sub,
             periods = list(at = per$x, labels = per$period),
             right_in = if (identical(where, "outside")) {
               legend_inches(style$series, legend_title)
             } else 0)
  k <- draw_series(d, style, if (points) 0.9 else 0)
  draw_legend(where, style$series, col = style$col, lty = style$lty,
              lwd = style$lwd, pch = if (points) style$pch else NA,
              seg.len = 2.5, title = legend_title)
  cbind(d, style[k, c("col", "lty", "lwd", "pch")], row.names = NULL)
}

# Wide columns (one per series, one row per period of `per`) as the long
# data frame (period, x, series, value) the series charts draw.
long_series <- function(per, cols, labels) {
  data.frame(period = rep(per$period, length(cols)),
             x = rep(per$x, length(cols)),
             series = rep(labels, each = nrow(cols)),
             value = unlist(cols, use.names = FALSE),
             stringsAsFactors = FALSE)
}

# Lines (and markers, unless cex is 0) of every series of a long data frame
# (x, value, series) in its style; returns each row's style index.
draw_series <- function(d, style, cex = 0.9) {
  k <- match(d$series, style$series)
  for (j in seq_len(nrow(style))) {
    r <- which(k == j)
    r <- r[order(d$x[r])]
    graphics::lines(d$x[r], d$value[r], col = style$col[j],
                    lty = style$lty[j], lwd = style$lwd[j])
    if (cex > 0) graphics::points(d$x[r], d$value[r], col = style$col[j],
                                  pch = style$pch[j], cex = cex)
  }
  k
}

# Kept for callers of the former helper: lines of the columns of m over its
# rownames (periods).
line_chart <- function(m, ylab, ...) {
  d <- data.frame(period = rep(rownames(m), ncol(m)),
                  x = rep(period_x(rownames(m)), ncol(m)),
                  series = rep(colnames(m), each = nrow(m)),
                  value = as.vector(m), stringsAsFactors = FALSE)
  series_chart(d, group_style(colnames(m)), ylab, NULL, NULL, ...)
}

# The returned data of a plot method: a plain data frame with what was
# drawn, plus the texts of the figure in attribute "figure" (main, sub,
# xlab, ylab, the legend position and any text labels drawn).
drawn_data <- function(d, ...) {
  rownames(d) <- NULL
  attr(d, "figure") <- list(...)
  invisible(d)
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
    "Regions" = "\u5404\u5730\u533a",
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
    "No data" = "\u65e0\u6570\u636e",
    "Density" = "\u5bc6\u5ea6",
    "Coupling coordination D" = "\u8026\u5408\u534f\u8c03\u5ea6 D",
    "Number of observations" = "\u89c2\u6d4b\u6570",
    "Composite index score" = "\u7efc\u5408\u6307\u6570\u5f97\u5206",
    "Composite index (%s) score" = "\u7efc\u5408\u6307\u6570\uff08%s\uff09\u5f97\u5206",
    "Kernel densities" = "\u6838\u5bc6\u5ea6\u4f30\u8ba1",
    "Type" = "\u7c7b\u578b",
    "Entropy" =
      "\u71b5\u503c\u6cd5",
    "Fixed" =
      "\u56fa\u5b9a",
    "CRITIC" = "CRITIC",
    "CV" = "\u53d8\u5f02\u7cfb\u6570\u6cd5",
    "SD" = "\u6807\u51c6\u5dee\u6cd5",
    "Equal" = "\u7b49",
    "Combined" = "\u7ec4\u5408",
    "Obstacle degree by dimension%s" =
      "\u5404\u7ef4\u5ea6\u969c\u788d\u5ea6%s",
    "Obstacle degree (%)" = "\u969c\u788d\u5ea6\uff08%\uff09",
    "Mean obstacle degree of the indicators%s" =
      "\u5404\u6307\u6807\u5e73\u5747\u969c\u788d\u5ea6%s",
    "%s weights of the %d indicators" =
      "%s\u6743\u91cd\uff08%d \u4e2a\u6307\u6807\uff09",
    "Mean over periods (weights by period)" =
      "\u5404\u671f\u6743\u91cd\u7684\u5747\u503c",
    "Coupling coordination D of %s, %s" =
      "%s\u7684\u8026\u5408\u534f\u8c03\u5ea6 D\uff0c%s",
    " and " =
      "\u4e0e",
    "Mean of all rows by period; shaded: coordination levels" =
      "\u5404\u671f\u5168\u90e8\u89c2\u6d4b\u7684\u5747\u503c\uff1b\u9634\u5f71\uff1a\u534f\u8c03\u7b49\u7ea7",
    "Mean by %s; shaded: coordination levels" =
      "\u6309 %s \u5206\u7ec4\u7684\u5747\u503c\uff1b\u9634\u5f71\uff1a\u534f\u8c03\u7b49\u7ea7",
    "Gaussian kernel, bandwidth %s" =
      "\u9ad8\u65af\u6838\uff0c\u5e26\u5bbd %s",
    "Gaussian kernel, bandwidths %s to %s (one per curve)" =
      "\u9ad8\u65af\u6838\uff0c\u5e26\u5bbd %s \u81f3 %s\uff08\u6bcf\u6761\u66f2\u7ebf\u5404\u4e00\uff09",
    "by %s, %s %s" =
      "\u6309 %s\uff0c%s %s",
    "by %s, %s" =
      "\u6309 %s\uff0c%s",
    "%s of %s %s" =
      "%s\uff1a%s\uff0c%s",
    " (%s: %s)" =
      "\uff08%s\uff1a%s\uff09",
    "R&D-intensity types (%s) against %s" =
      "R&D \u5f3a\u5ea6\u7c7b\u578b\uff08%s\uff09\u4e0e %s",
    "Dashed: thresholds at %s" =
      "\u865a\u7ebf\uff1a\u9608\u503c %s",
    "Coupling coordination levels of %d observations" =
      "\u8026\u5408\u534f\u8c03\u7b49\u7ea7\u5206\u5e03\uff08%d \u4e2a\u89c2\u6d4b\uff09",
    "Each row of the data (e.g. a region-period) counts once%s" =
      "\u6bcf\u884c\u6570\u636e\uff08\u5982\u4e00\u4e2a\u5730\u533a-\u5e74\u4efd\uff09\u8ba1\u4e00\u6b21%s",
    "; by %s" =
      "\uff1b\u6309 %s",
    "%s of %s by %s, %s" =
      "%s\uff1a%s\uff0c\u6309 %s \u5206\u7ec4\uff0c%s",
    "Gini coefficient within each %s (Dagum 1997)" =
      "\u5404 %s \u7ec4\u5185\u7684\u57fa\u5c3c\u7cfb\u6570\uff08Dagum 1997\uff09",
    "Gini coefficient between each pair of %s groups (Dagum 1997)" =
      "\u6bcf\u4e24\u4e2a %s \u7ec4\u4e4b\u95f4\u7684\u57fa\u5c3c\u7cfb\u6570\uff08Dagum 1997\uff09",
    "Theil" =
      "\u6cf0\u5c14\u6307\u6570",
    "%s of %s, %s" =
      "%s\uff1a%s\uff0c%s",
    "Theil index T" =
      "\u6cf0\u5c14\u6307\u6570 T",
    "Theil index L (mean log deviation)" =
      "\u6cf0\u5c14\u6307\u6570 L\uff08\u5e73\u5747\u5bf9\u6570\u504f\u5dee\uff09",
    "Total and its exact within- and between-%s parts" =
      "\u603b\u4f53\u53ca\u5176 %s \u7ec4\u5185\u4e0e\u7ec4\u95f4\u5206\u89e3",
    "Dispersion across regions, %s" =
      "\u5730\u533a\u95f4\u79bb\u6563\u7a0b\u5ea6\uff0c%s",
    "Sigma convergence: a falling line means regions converge" =
      "\u03c3 \u6536\u655b\uff1a\u66f2\u7ebf\u4e0b\u964d\u8868\u793a\u5730\u533a\u5dee\u8ddd\u7f29\u5c0f",
    "Dispersion of the regions in each %s group, %s" =
      "\u5404 %s \u7ec4\u5185\u5730\u533a\u95f4\u79bb\u6563\u7a0b\u5ea6\uff0c%s",
    "Sigma convergence within each group: a falling line means its regions converge" =
      "\u7ec4\u5185 \u03c3 \u6536\u655b\uff1a\u66f2\u7ebf\u4e0b\u964d\u8868\u793a\u7ec4\u5185\u5730\u533a\u5dee\u8ddd\u7f29\u5c0f",
    "Dagum Gini decomposition of %s by %s, %s" =
      "%s\u7684 Dagum \u57fa\u5c3c\u7cfb\u6570\u5206\u89e3\uff08\u6309 %s \u5206\u7ec4\uff09\uff0c%s",
    "G = within-group + between-group + transvariation (Dagum 1997)" =
      "G = \u533a\u57df\u5185\u5dee\u5f02 + \u533a\u57df\u95f4\u5dee\u5f02 + \u8d85\u53d8\u5bc6\u5ea6\uff08Dagum 1997\uff09",
    "(a) Overall Gini coefficient G" =
      "(a) \u603b\u4f53\u57fa\u5c3c\u7cfb\u6570 G",
    "(b) Contributions to G, in % of G" =
      "(b) \u5404\u6765\u6e90\u5bf9 G \u7684\u8d21\u732e\u7387\uff08%\uff09",
    "Sigma (sd of log values)" =
      "\u03c3\uff08\u5bf9\u6570\u503c\u7684\u6807\u51c6\u5dee\uff09",
    "Coefficient of variation" =
      "\u53d8\u5f02\u7cfb\u6570",
    "Gini coefficient" =
      "\u57fa\u5c3c\u7cfb\u6570",
    "permutation p %s %s (%d permutations, %s)" =
      "\u7f6e\u6362\u68c0\u9a8c p %s %s\uff08%d \u6b21\u7f6e\u6362\uff0c%s\uff09",
    "analytic p %s %s (normal approximation under %s, %s)" =
      "\u89e3\u6790 p %s %s\uff08%s\u5047\u8bbe\u4e0b\u7684\u6b63\u6001\u8fd1\u4f3c\uff0c%s\uff09",
    "normality" =
      "\u6b63\u6001\u6027",
    "randomisation" =
      "\u968f\u673a\u5316",
    "Filled points: %s" =
      "\u5b9e\u5fc3\u70b9\uff1a%s",
    "two-sided" =
      "\u53cc\u4fa7",
    "one-sided, greater" =
      "\u5355\u4fa7\uff08\u5927\u4e8e\uff09",
    "one-sided, less" =
      "\u5355\u4fa7\uff08\u5c0f\u4e8e\uff09",
    "folded" =
      "\u6298\u53e0",
    "%s of %s%s" =
      "%s\uff1a%s%s",
    "LISA clusters: %s" =
      "LISA \u96c6\u805a\uff1a%s",
    "Local Moran's I, %s" =
      "\u5c40\u90e8\u83ab\u5170\u6307\u6570\uff0c%s",
    "permutation p-values, %d permutations" =
      "\u7f6e\u6362\u68c0\u9a8c p \u503c\uff0c%d \u6b21\u7f6e\u6362",
    "analytic p-values, normal approximation" =
      "\u89e3\u6790 p \u503c\uff0c\u6b63\u6001\u8fd1\u4f3c",
    ", %s-adjusted" =
      "\uff0c%s \u6821\u6b63",
    "%s, p %s %s%s (%s)" =
      "%s\uff0cp %s %s%s\uff08%s\uff09",
    "No fitted line (the values do not vary)" =
      "\u65e0\u62df\u5408\u7ebf\uff08\u6570\u503c\u65e0\u53d8\u5316\uff09",
    "Slope of the fitted line = Moran's I = %.3f (row-standardised weights)" =
      "\u62df\u5408\u7ebf\u659c\u7387 = \u83ab\u5170\u6307\u6570 I = %.3f\uff08\u884c\u6807\u51c6\u5316\u6743\u91cd\uff09",
    "Slope of the fitted line = %.3f (not Moran's I: the weights %s)" =
      "\u62df\u5408\u7ebf\u659c\u7387 = %.3f\uff08\u4e0d\u662f\u83ab\u5170\u6307\u6570 I\uff1a\u6743\u91cd%s\uff09",
    "have islands" =
      "\u542b\u5b64\u7acb\u533a\u57df",
    "are not row-standardised" =
      "\u672a\u884c\u6807\u51c6\u5316",
    "LISA cluster" =
      "LISA \u96c6\u805a\u7c7b\u578b",
    "%s of %s, %d-period transitions" =
      "%s\uff1a%s\uff0c%d \u671f\u8f6c\u79fb",
    "Markov transition probabilities" =
      "\u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6982\u7387",
    "Markov transition counts" =
      "\u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6b21\u6570",
    "LISA Markov transition probabilities" =
      "LISA \u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6982\u7387",
    "LISA Markov transition counts" =
      "LISA \u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6b21\u6570",
    "Spatial Markov transition probabilities" =
      "\u7a7a\u95f4\u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6982\u7387",
    "Spatial Markov transition counts" =
      "\u7a7a\u95f4\u9a6c\u5c14\u53ef\u592b\u8f6c\u79fb\u6b21\u6570",
    "Lag class %s" = "\u90bb\u57df\u7c7b\u578b %s",
    "Pooled" = "\u6574\u4f53",
    "To class" = "\u671f\u672b\u7c7b\u578b",
    "From class" = "\u671f\u521d\u7c7b\u578b",
    "%s and the lag of %s" =
      "%s\u4e0e%s\u7684\u7a7a\u95f4\u6ede\u540e",
    "Bivariate Moran scatterplot" =
      "\u53cc\u53d8\u91cf\u83ab\u5170\u6563\u70b9\u56fe",
    "Slope of the fitted line = bivariate Moran's I = %.3f" =
      "\u62df\u5408\u7ebf\u659c\u7387 = \u53cc\u53d8\u91cf\u83ab\u5170\u6307\u6570 = %.3f",
    "Bivariate LISA clusters: %s" =
      "\u53cc\u53d8\u91cf LISA \u96c6\u805a\uff1a%s",
    "%s (standardised)" =
      "%s\uff08\u6807\u51c6\u5316\uff09",
    "Spatial lag of %s (standardised)" =
      "%s\u7684\u7a7a\u95f4\u6ede\u540e\uff08\u6807\u51c6\u5316\uff09",
    "Bivariate LISA clusters" =
      "\u53cc\u53d8\u91cf LISA \u96c6\u805a\u56fe",
    "Bivariate local Moran's I, %s" =
      "\u53cc\u53d8\u91cf\u5c40\u90e8\u83ab\u5170\u6307\u6570\uff0c%s",
    "Bivariate LISA cluster" =
      "\u53cc\u53d8\u91cf LISA \u96c6\u805a\u7c7b\u578b",
    "Local Geary's C" =
      "\u5c40\u90e8 Geary \u6307\u6570",
    "Local Geary clusters: %s" =
      "\u5c40\u90e8 Geary \u96c6\u805a\uff1a%s",
    "Local Geary clusters" =
      "\u5c40\u90e8 Geary \u96c6\u805a\u56fe",
    "Local Geary's C, %s" =
      "\u5c40\u90e8 Geary \u6307\u6570\uff0c%s",
    "Hot and cold spots" = "\u51b7\u70ed\u70b9",
    "Hot and cold spots: %s" = "\u51b7\u70ed\u70b9\uff1a%s",
    "Hot spot" = "\u70ed\u70b9",
    "Cold spot" = "\u51b7\u70b9",
    "Hot" = "\u70ed\u70b9",
    "Cold" = "\u51b7\u70b9",
    "Spatial lag of %s, the region included" =
      "%s\u7684\u7a7a\u95f4\u6ede\u540e\u9879\uff08\u542b\u672c\u5730\u533a\uff09",
    "Local Geary cluster" = "\u5c40\u90e8 Geary \u96c6\u805a\u7c7b\u578b",
    "Other Positive" = "\u5176\u4ed6\u6b63\u76f8\u5173",
    "Negative" = "\u8d1f\u76f8\u5173",
    "Global Moran's I" = "\u5168\u5c40\u83ab\u5170\u6307\u6570",
    "Moran scatterplot" = "\u83ab\u5170\u6563\u70b9\u56fe",
    "LISA clusters" = "LISA \u96c6\u805a\u56fe",
    "Spatial lag of" = "\u7a7a\u95f4\u6ede\u540e\u9879\uff1a",
    "%s of %d regions, %s" = "%s\uff1a%d \u4e2a\u5730\u533a\uff0c%s",
    "Grey: each region; lines: mean by group and of all regions" =
      "\u7070\u7ebf\uff1a\u5404\u5730\u533a\uff1b\u5f69\u7ebf\uff1a\u5206\u7ec4\u5747\u503c\u4e0e\u5168\u90e8\u5730\u533a\u5747\u503c",
    "Grey: each region; black: mean of all regions" =
      "\u7070\u7ebf\uff1a\u5404\u5730\u533a\uff1b\u9ed1\u7ebf\uff1a\u5168\u90e8\u5730\u533a\u5747\u503c",
    "%s of %s with %s%% bootstrap intervals, %s" =
      "%s\uff08%s\uff09\u53ca %s%% \u81ea\u52a9\u6cd5\u7f6e\u4fe1\u533a\u95f4\uff0c%s",
    "Bands: percentile intervals from %d resamples of regions%s" =
      "\u9634\u5f71\uff1a%d \u6b21\u5730\u533a\u91cd\u62bd\u6837\u7684\u767e\u5206\u4f4d\u533a\u95f4%s",
    " within each %s group" =
      "\uff08\u5728\u6bcf\u4e2a %s \u7ec4\u5185\uff09",
    "Estimate" =
      "\u4f30\u8ba1\u503c",
    "Change from %s to %s with %s%% bootstrap intervals" =
      "%s \u81f3 %s \u7684\u53d8\u5316\u53ca %s%% \u81ea\u52a9\u6cd5\u7f6e\u4fe1\u533a\u95f4",
    "Filled: the interval excludes 0 (a significant change); open: it contains 0. %d resamples of regions" =
      "\u5b9e\u5fc3\uff1a\u533a\u95f4\u4e0d\u542b 0\uff08\u53d8\u5316\u663e\u8457\uff09\uff1b\u7a7a\u5fc3\uff1a\u533a\u95f4\u5305\u542b 0\u3002%d \u6b21\u5730\u533a\u91cd\u62bd\u6837",
    "Change of the statistic, %s minus %s" =
      "\u7edf\u8ba1\u91cf\u7684\u53d8\u5316\uff08%s \u51cf %s\uff09",
    "Gini" =
      "\u57fa\u5c3c\u7cfb\u6570",
    "Within share" =
      "\u7ec4\u5185\u8d21\u732e\u7387",
    "Between share" =
      "\u7ec4\u95f4\u8d21\u732e\u7387",
    "Transvariation share" =
      "\u8d85\u53d8\u5bc6\u5ea6\u8d21\u732e\u7387",
    "Gini within group" =
      "\u7ec4\u5185\u57fa\u5c3c\u7cfb\u6570",
    "Gini between groups" =
      "\u7ec4\u95f4\u57fa\u5c3c\u7cfb\u6570",
    "D (relative economic affluence)" =
      "D\uff08\u76f8\u5bf9\u7ecf\u6d4e\u5bcc\u88d5\u7a0b\u5ea6\uff09",
    "Standard deviation" =
      "\u6807\u51c6\u5dee",
    "Sigma" =
      "\u03c3 \u7cfb\u6570",
    "Williamson index" =
      "\u5a01\u5ec9\u68ee\u6307\u6570",
    "Dagum Gini decomposition" =
      "Dagum \u57fa\u5c3c\u7cfb\u6570\u5206\u89e3",
    ", weighted by %s" =
      "\uff08\u6309 %s \u52a0\u6743\uff09",
    "Rank ranges of %d regions over %d variants, %s" =
      "%d \u4e2a\u5730\u533a\u5728 %d \u4e2a\u65b9\u6848\u4e0b\u7684\u6392\u540d\u533a\u95f4\uff0c%s",
    "Rank ranges of the %d best-ranked of %d regions over %d variants, %s" =
      "\u57fa\u51c6\u6392\u540d\u524d %d \u7684\u5730\u533a\uff08\u5171 %d \u4e2a\uff09\u5728 %d \u4e2a\u65b9\u6848\u4e0b\u7684\u6392\u540d\u533a\u95f4\uff0c%s",
    "The %d of %d regions with the widest rank ranges over %d variants, %s" =
      "\u6392\u540d\u533a\u95f4\u6700\u5bbd\u7684 %d \u4e2a\u5730\u533a\uff08\u5171 %d \u4e2a\uff0c%d \u4e2a\u65b9\u6848\uff09\uff0c%s",
    "Point: baseline rank (%s); line: best to worst rank over the variants; ticks: each variant" =
      "\u5706\u70b9\uff1a\u57fa\u51c6\u6392\u540d\uff08%s\uff09\uff1b\u7ebf\u6bb5\uff1a\u5404\u65b9\u6848\u4e0b\u7684\u6700\u9ad8\u81f3\u6700\u4f4e\u6392\u540d\uff1b\u77ed\u7ad6\u7ebf\uff1a\u5404\u65b9\u6848\u6392\u540d",
    "Point: baseline rank (%s); line: best to worst rank over the variants" =
      "\u5706\u70b9\uff1a\u57fa\u51c6\u6392\u540d\uff08%s\uff09\uff1b\u7ebf\u6bb5\uff1a\u5404\u65b9\u6848\u4e0b\u7684\u6700\u9ad8\u81f3\u6700\u4f4e\u6392\u540d",
    "Rank (1 = highest score)" =
      "\u6392\u540d\uff081 = \u5f97\u5206\u6700\u9ad8\uff09",
    "Baseline rank" =
      "\u57fa\u51c6\u6392\u540d",
    "Range over the variants" =
      "\u5404\u65b9\u6848\u6392\u540d\u533a\u95f4",
    "Rank under a variant" =
      "\u5355\u4e00\u65b9\u6848\u6392\u540d",
    "weighted sum" =
      "\u52a0\u6743\u6c42\u548c",
    "%s, %s weights" =
      "%s\uff0c%s\u6743\u91cd",
    "entropy" =
      "\u71b5\u503c\u6cd5",
    "coefficient of variation" =
      "\u53d8\u5f02\u7cfb\u6570",
    "standard deviation" =
      "\u6807\u51c6\u5dee",
    "equal" =
      "\u7b49",
    "fixed" =
      "\u56fa\u5b9a")
}
