#' Plot densities, coupling coordination and typologies
#'
#' * Densities (`type = "lines"`): one curve per period on the common grid,
#'   dark (first period) to light (last). With groups, one panel per group
#'   on the same scales (`group` picks some); with `period`, the curves of
#'   that period, one per group in the group's style. `type = "surface"`
#'   draws the 3-D surface of Ran, Sun and Li (n.d., figure 6) (one per group).
#' * Coupling coordination: mean D over time by group (when `time` is
#'   given), over the shaded coordination bands named in the right margin;
#'   else the number of observations (rows of the data, e.g. region-periods)
#'   in each coordination level.
#' * Typology: R&D intensity against GDP per capita, styled by type, with the
#'   thresholds.
#'
#' Groups take their colour, line type and marker from their position in
#' the result's groups, as in every figure of the package.
#'
#' @param x A result of [kernel_density()], [coupling_coordination()] or
#'   [rd_typology()].
#' @param type For densities: `"lines"` or `"surface"`.
#' @param group For densities: the groups to draw (default: all). For
#'   coupling: the name of the grouping column of the data.
#' @param period For densities: the periods to draw (default: all); a
#'   single period of a grouped result draws one curve per group.
#' @param time For coupling: the name of the period column of the data.
#' @param col,lty,lwd,pch Styles of the curves or lines (recycled over the
#'   series in legend order, or named by series: periods for densities by
#'   period, groups, or types); for `type = "surface"`, `col` is the surface
#'   colour; for coupling counts, `col` gives the bar colours.
#' @param main,xlab,ylab Title and axis labels (`NULL`: the package's; `""`
#'   for none).
#' @param ylim Limits of the y axis.
#' @param legend Where the legend goes: `NULL` (outside the data, in the
#'   margin), a [graphics::legend()] keyword such as `"topleft"`, or `"none"`
#'   / `FALSE`.
#' @param labels Coupling: name the coordination bands in the margin.
#'   Typology: `TRUE` to mark the thresholds, `FALSE` for no text, or the
#'   name of a column of the data to label the points with.
#' @param lang `"en"` (default) or `"zh"` for Chinese labels (needs a CJK
#'   font; without one the labels stay English and a warning says so).
#' @param ... Graphical parameters such as `cex` or `family`, set with
#'   [graphics::par()] for the figure.
#' @return Invisibly, the data drawn: densities, one row per curve vertex
#'   (`period`, `group` when grouped, `x`, `density`, the style and the
#'   `panel` it is drawn in, "" for a one-panel figure); coupling
#'   over time, one row per point (`period`, `x`, `series` (the group),
#'   `value` = mean D, `n` (rows averaged) and the style), or counts, one row
#'   per bar (`level`, `group`, `n`, `col`); typology, one row per point
#'   (`x`, `y`, `type`, `col`, `pch`, `label`). The attribute `"figure"`
#'   holds the title, axis labels, legend position and any text labels drawn
#'   (`text`).
#' @references Ran, X., Sun, S. and Li, J. (n.d.), figure 6 and Table 3;
#'   Li, G. and Feng, Y. (2025), figure 1 (see [coupling_coordination()],
#'   [rd_typology()] and `citation("regineq")`).
#' @family coupling and distributions
#' @name plot-distribution
#' @examples
#' kd <- kernel_density(nqpf_level, "score", time = "year", bw_common = TRUE)
#' plot(kd)
#' plot(kd, type = "surface")
#' kg <- kernel_density(nqpf_level, "score", "year", group = "region")
#' plot(kg)
#' plot(kg, period = 2023)
#' set.seed(1)
#' d <- data.frame(region = rep(c("East", "West"), each = 10),
#'                 year = rep(2011:2020, 2),
#'                 tech = runif(20), nqpf = runif(20))
#' plot(coupling_coordination(d, c("tech", "nqpf")), time = "year",
#'      group = "region")
NULL

#' @rdname plot-distribution
#' @export
plot.regineq_coupling <- function(x, time = NULL, group = NULL, col = NULL,
                                  lty = NULL, lwd = NULL, pch = NULL,
                                  main = NULL, xlab = NULL, ylab = NULL,
                                  ylim = NULL, legend = NULL, labels = TRUE,
                                  lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  check_flag(labels, "labels")
  d <- unclass_df(x)
  info <- result_info(x)
  gv <- if (is.null(group)) rep("All", nrow(d)) else
    check_column(d, group, "group")
  glev <- group_levels(gv)
  gv <- as.character(gv)
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  lv <- levels(d$level)
  if (is.null(time)) {
    return(coupling_counts(d, gv, glev, group, lv, L, where, col, main, xlab,
                           ylab, ylim, info))
  }
  tv <- check_column(d, time, "time")
  tx <- period_x(tv)
  st <- group_style(glev, col, lty, lwd, pch)
  if (is.null(group)) st$col <- if (is.null(col)) "black" else st$col
  key <- paste(tx, gv, sep = "\r")
  m <- tapply(d$D, key, mean)
  cnt <- tapply(d$D, key, length)
  first <- !duplicated(key)
  dd <- data.frame(period = tv[first], x = tx[first], series = gv[first],
                   value = as.vector(m[key[first]]),
                   n = as.vector(cnt[key[first]]), stringsAsFactors = FALSE)
  dd <- dd[order(match(dd$series, glev), dd$x), ]
  ten <- length(lv) == 10L
  yl <- ylim %||% c(max(0, floor(min(dd$value) * 10 - 1e-9) / 10),
                    min(1, ceiling(max(dd$value) * 10 + 1e-9) / 10))
  if (yl[1] == yl[2]) yl <- yl + c(-0.1, 0.1)
  band_lab <- if (labels && ten) L(lv) else character()
  right_lines <- if (length(band_lab)) {
    width_lines(band_lab, 0.8) + 0.8
  } else 0
  span <- period_span(unique(tv[order(tx)]))
  if (is.null(main)) {
    main <- sprintf(L("Coupling coordination D of %s, %s"),
                    paste(info$systems, collapse = L(" and ")), span)
    sub <- if (is.null(group)) {
      L("Mean of all rows by period; shaded: coordination levels")
    } else sprintf(L("Mean by %s; shaded: coordination levels"), group)
  } else sub <- NULL
  show_leg <- !is.null(where) && !is.null(group)
  top_leg <- show_leg && where == "outside"
  open_chart(period_xlim(dd$x), yl, xlab = xlab %||% time,
             ylab = ylab %||% L("Coupling coordination D"), main = main,
             sub = sub, periods = list(at = dd$x, labels = dd$period),
             grid = "none", yaxs = "i", right_extra = right_lines,
             top_extra = if (top_leg) 1.4 else 0)
  usr <- graphics::par("usr")
  if (ten) {
    for (b in seq(0, 0.9, 0.1)) {
      if (round(b * 10) %% 2 == 1) {
        graphics::rect(usr[1], max(b, usr[3]), usr[2], min(b + 0.1, usr[4]),
                       col = "grey93", border = NA)
      }
    }
    graphics::abline(h = seq(0, 1, 0.1), col = "grey80", lwd = 0.5)
  }
  mids <- seq(0.05, 0.95, 0.1)
  vis <- mids > usr[3] & mids < usr[4]
  text <- character()
  if (length(band_lab) && any(vis)) {
    graphics::mtext(band_lab[vis], side = 4, at = mids[vis], las = 1,
                    line = 0.4, cex = 0.8, col = "grey25")
    text <- band_lab[vis]
  }
  graphics::box(bty = "l")
  out <- list()
  for (j in seq_along(glev)) {
    r <- dd$series == glev[j]
    graphics::lines(dd$x[r], dd$value[r], col = st$col[j], lty = st$lty[j],
                    lwd = st$lwd[j])
    graphics::points(dd$x[r], dd$value[r], col = st$col[j], pch = st$pch[j])
  }
  if (show_leg) {
    if (top_leg) {
      y <- graphics::grconvertY(graphics::grconvertY(usr[4], "user",
                                                     "inches") + 0.05,
                                "inches", "user")
      graphics::legend(usr[1], y, legend = st$series, col = st$col,
                       lty = st$lty, lwd = st$lwd, pch = st$pch, horiz = TRUE,
                       bty = "n", xpd = NA, yjust = 0, cex = 0.85,
                       seg.len = 2.5)
    } else {
      draw_legend(where, st$series, col = st$col, lty = st$lty, lwd = st$lwd,
                  pch = st$pch, seg.len = 2.5)
    }
  }
  k <- match(dd$series, st$series)
  out <- cbind(dd, st[k, c("col", "lty", "lwd", "pch")], row.names = NULL)
  drawn_data(out, main = main, sub = sub, xlab = xlab %||% time,
             ylab = ylab %||% L("Coupling coordination D"),
             legend = if (show_leg) where, text = text)
}

#' @rdname plot-distribution
#' @export
plot.regineq_density <- function(x, type = c("lines", "surface"),
                                 group = NULL, period = NULL, col = NULL,
                                 lty = NULL, lwd = NULL, main = NULL,
                                 xlab = NULL, ylab = NULL, ylim = NULL,
                                 legend = NULL, lang = c("en", "zh"), ...) {
  type <- check_choice(type, c("lines", "surface"), "type")
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  info <- result_info(x)
  d <- unclass_df(x)
  tv <- d[[info$time]]
  tx <- period_x(tv)
  plev <- unique(tv[order(tx)])
  if (!is.null(period)) {
    bad <- setdiff(as.character(period), as.character(plev))
    if (length(bad)) {
      abort("`period` must be periods of the result: there is no ",
            info$time, " ", enum(bad, quote = ""), ".",
            class = "regineq_error_value")
    }
    plev <- plev[as.character(plev) %in% as.character(period)]
    d <- d[as.character(tv) %in% as.character(period), , drop = FALSE]
    tv <- d[[info$time]]
    tx <- period_x(tv)
  }
  grouped <- !is.null(info$group)
  glev <- if (grouped) unique(as.character(d$group)) else character()
  all_groups <- glev
  if (!is.null(group)) {
    if (!grouped) {
      abort("`group` needs a grouped result: this density has no groups.",
            class = "regineq_error_value")
    }
    bad <- setdiff(as.character(group), glev)
    if (length(bad)) {
      abort("`group` must be groups of the result: there is no group ",
            enum(bad, quote = "\""), ".", class = "regineq_error_value")
    }
    glev <- glev[glev %in% as.character(group)]
    d <- d[d$group %in% glev, , drop = FALSE]
    tv <- d[[info$time]]
    tx <- period_x(tv)
  }
  by_group <- grouped && length(plev) == 1L && type == "lines"
  bw <- range(d$bw)
  bw_txt <- if (diff(bw) < 1e-12 * max(bw)) {
    sprintf(L("Gaussian kernel, bandwidth %s"), signif(bw[1], 3))
  } else {
    sprintf(L("Gaussian kernel, bandwidths %s to %s (one per curve)"),
            signif(bw[1], 3), signif(bw[2], 3))
  }
  xlab <- xlab %||% info$value
  ylab <- ylab %||% L("Density")
  multi <- grouped && !by_group && length(glev) > 1L
  op <- save_par(panels = grouped && length(glev) > 1L &&
                   (type == "surface" || multi))
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  if (type == "surface") {
    return(density_surface(d, info, plev, glev, grouped, col, main, xlab,
                           ylab, L, bw_txt))
  }
  if (by_group) {
    st <- group_style(glev, col, lty, lwd, default_lwd = 1.8)
    series <- as.character(d$group)
    what <- sprintf(L("by %s, %s %s"), info$group, info$time, plev[1])
    leg_title <- info$group
  } else {
    st <- data.frame(series = as.character(plev),
                     col = period_palette(length(plev)), lty = "solid",
                     lwd = 1.6, pch = NA_real_, stringsAsFactors = FALSE)
    st <- restyle(st, col = col, lty = lty, lwd = lwd)
    series <- as.character(tv)
    what <- sprintf(L("by %s, %s"), info$time, period_span(plev))
    leg_title <- info$time
  }
  if (is.null(main)) {
    main <- sprintf(L("%s of %s %s"), L("Kernel densities"), info$value, what)
    if (grouped && !by_group && length(glev) == 1L) {
      main <- paste0(main, sprintf(L(" (%s: %s)"), info$group, glev))
    }
    sub <- bw_txt
  } else sub <- NULL
  yl <- ylim %||% c(0, max(d$density) * 1.04)
  xl <- range(d$x)
  leg_in <- if (identical(where, "outside")) {
    legend_inches(st$series, leg_title)
  } else 0
  panels <- if (multi) glev else list(NULL)
  if (multi) {
    tb <- open_panels(main, sub, n = length(glev), legend_in = leg_in)
  }
  rows <- list()
  for (pi in seq_along(panels)) {
    g <- panels[[pi]]
    r <- if (is.null(g)) rep(TRUE, nrow(d)) else d$group == g
    if (multi) {
      ncol_p <- graphics::par("mfrow")[2]
      last_row <- ceiling(pi / ncol_p) == graphics::par("mfrow")[1]
      first_col <- (pi - 1) %% ncol_p == 0
      # every panel gets the same margins, so that their scales align
      open_chart(xl, yl, xlab = if (last_row) xlab else "",
                 ylab = if (first_col) ylab else "", sub = g, grid = "h",
                 yaxs = "i", left_min = left_lines(format_ticks(pretty(yl)),
                                                   ylab))
    } else {
      open_chart(xl, yl, xlab = xlab, ylab = ylab, main = main, sub = sub,
                 right_in = leg_in, grid = "h", yaxs = "i")
    }
    k <- match(series[r], st$series)
    for (j in seq_len(nrow(st))) {
      rr <- which(r)[k == j]
      if (!length(rr)) next
      graphics::lines(d$x[rr], d$density[rr], col = st$col[j],
                      lty = st$lty[j], lwd = st$lwd[j])
    }
    rows[[pi]] <- cbind(d[r, setdiff(names(d), "bw"), drop = FALSE],
                        st[k, c("col", "lty", "lwd")], panel = g %||% "",
                        row.names = NULL)
  }
  if (multi) {
    finish_panels(tb, where, st$series, col = st$col, lty = st$lty,
                  lwd = st$lwd, seg.len = 2.5, title = leg_title)
  } else {
    draw_legend(where, st$series, col = st$col, lty = st$lty, lwd = st$lwd,
                seg.len = 2.5, title = leg_title)
  }
  out <- do.call(rbind, rows)
  names(out)[names(out) == info$time] <- "period"
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab,
             legend = where)
}

#' @rdname plot-distribution
#' @export
plot.regineq_typology <- function(x, col = NULL, pch = NULL, main = NULL,
                                  xlab = NULL, ylab = NULL, ylim = NULL,
                                  legend = NULL, labels = TRUE,
                                  lang = c("en", "zh"), ...) {
  L <- plot_labeller(lang)
  where <- legend_where(legend)
  ylim <- check_ylim(ylim)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab")
  ylab <- check_text(ylab, "ylab")
  info <- result_info(x)
  d <- unclass_df(x)
  point_labels <- NULL
  if (is.character(labels)) {
    point_labels <- as.character(check_column(d, labels, "labels"))
    labels <- TRUE
  }
  check_flag(labels, "labels")
  lev <- levels(d$type)
  st <- group_style(lev, col = col, pch = pch)
  op <- save_par()
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(list(...))
  on.exit(graphics::par(old_dots), add = TRUE)
  gx <- d[[info$gdp]]
  ry <- d[[info$rd]]
  thr <- info$thresholds
  leg <- paste(L("Type"), lev)
  if (is.null(main)) {
    main <- sprintf(L("R&D-intensity types (%s) against %s"), info$rd,
                    info$gdp)
    sub <- sprintf(L("Dashed: thresholds at %s"),
                   paste(format(thr), collapse = ", "))
  } else sub <- NULL
  yl <- ylim %||% data_range(ry, thr)
  yl <- yl + c(-1, 1) * 0.04 * diff(yl)
  xr <- range(gx, finite = TRUE)
  xl <- xr + c(-1, 1) * 0.04 * max(diff(xr), 1e-8)
  thr_lab <- if (labels) format(thr) else character()
  open_chart(xl, yl, xlab = xlab %||% info$gdp, ylab = ylab %||% info$rd,
             main = main, sub = sub, grid = "none",
             right_in = if (identical(where, "outside"))
               legend_inches(leg) else 0,
             right_extra = if (labels && !identical(where, "outside"))
               width_lines(thr_lab, 0.8) + 0.5 else 0)
  graphics::abline(h = thr, lty = "dashed", col = "grey55")
  k <- as.integer(d$type)
  graphics::points(gx, ry, pch = st$pch[k], col = st$col[k], cex = 1.1)
  text <- character()
  if (labels) {
    usr <- graphics::par("usr")
    vis <- thr > usr[3] & thr < usr[4]
    graphics::text(usr[2], thr[vis], thr_lab[vis], adj = c(1.1, -0.4),
                   cex = 0.8, col = "grey35")
    text <- thr_lab[vis]
  }
  placed <- rep(FALSE, nrow(d))
  if (!is.null(point_labels)) {
    placed <- place_labels(gx, ry, point_labels, rep(TRUE, nrow(d)))
    at <- attr(placed, "at")
    graphics::text(at$x[placed], at$y[placed], point_labels[placed],
                   adj = c(0, 0), cex = 0.72)
    text <- c(text, point_labels[placed])
  }
  draw_legend(where, leg, col = st$col, pch = st$pch, pt.cex = 1.1)
  out <- data.frame(x = gx, y = ry, type = as.character(d$type),
                    col = st$col[k], pch = st$pch[k], label = placed,
                    stringsAsFactors = FALSE)
  drawn_data(out, main = main, sub = sub, xlab = xlab %||% info$gdp,
             ylab = ylab %||% info$rd, legend = where, text = text)
}

# Private ---------------------------------------------------------------------

coupling_counts <- function(d, gv, glev, group, lv, L, where, col, main, xlab,
                            ylab, ylim, info) {
  tab <- table(factor(as.character(d$level), lv), factor(gv, glev))
  ng <- length(glev)
  # groups in their colours (group_style()); from the second group on, a
  # light tint with hatching in the group's colour, for greyscale
  st <- group_style(glev, col = col)
  if (is.null(group) && is.null(col)) st$col <- fill_palette(1)
  dens <- c(NA, rep(c(28, 28, 20, 36), length.out = max(0L, ng - 1L)))
  ang <- c(0, rep(c(45, 135, 0, 90), length.out = max(0L, ng - 1L)))
  tint <- ifelse(is.na(dens), st$col, grDevices::adjustcolor(st$col, 0.3))
  n <- nrow(d)
  if (is.null(main)) {
    main <- sprintf(L("Coupling coordination levels of %d observations"), n)
    sub <- sprintf(L("Each row of the data (e.g. a region-period) counts once%s"),
                   if (is.null(group)) "" else sprintf(L("; by %s"), group))
  } else sub <- NULL
  nl <- length(lv)
  ypos <- rev(seq_len(nl))
  h <- 0.8 / ng
  xl <- ylim %||% c(0, max(tab) * 1.1 + 0.5)
  xlab <- xlab %||% L("Number of observations")
  show_leg <- !is.null(where) && ng > 1L
  open_chart(xl, c(0.4, nl + 0.6), xlab = xlab, ylab = ylab %||% "",
             main = main, sub = sub, yaxis = list(at = ypos, labels = L(lv),
                                                  tick = FALSE),
             grid = "v", xaxs = "i", yaxs = "i",
             right_in = if (show_leg && where == "outside")
               legend_inches(glev) else 0)
  out <- list()
  for (j in seq_len(ng)) {
    y0 <- ypos + 0.4 - j * h
    graphics::rect(0, y0, tab[, j], y0 + h * 0.92, col = tint[j],
                   border = "grey25", lwd = 0.5)
    if (!is.na(dens[j])) {
      graphics::rect(0, y0, tab[, j], y0 + h * 0.92, col = st$col[j],
                     density = dens[j], angle = ang[j], border = NA)
    }
    out[[j]] <- data.frame(level = lv, group = glev[j],
                           n = as.vector(tab[, j]), col = st$col[j],
                           stringsAsFactors = FALSE)
  }
  if (show_leg) {
    # hatched keys over tinted ones, as the bars are drawn
    draw_legend(where, glev, fill = tint, border = "grey25")
    draw_legend(where, rep("", ng), fill = st$col, density = dens,
                angle = ang, border = NA, text.col = NA)
  }
  out <- do.call(rbind, out)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab %||% "",
             legend = if (show_leg) where)
}

density_surface <- function(d, info, plev, glev, grouped, col, main, xlab,
                            ylab, L, bw_txt) {
  panels <- if (grouped) glev else list(NULL)
  if (!is.null(col)) check_style_values(col, "col")
  if (is.null(main)) {
    main <- sprintf(L("%s of %s %s"), L("Kernel densities"), info$value,
                    sprintf(L("by %s, %s"), info$time, period_span(plev)))
    if (grouped && length(glev) == 1L) {
      main <- paste0(main, sprintf(L(" (%s: %s)"), info$group, glev))
    }
    sub <- bw_txt
  } else sub <- NULL
  one <- length(panels) == 1L
  tb <- if (one) {
    title_block(main, sub, graphics::par("fin")[1] - 0.3)
  } else open_panels(main, sub, n = length(panels))
  tnum <- period_x(plev)
  zl <- c(0, max(d$density))
  rows <- list()
  for (pi in seq_along(panels)) {
    g <- panels[[pi]]
    dg <- if (is.null(g)) d else d[d$group == g, , drop = FALSE]
    tv <- dg[[info$time]]
    grid <- dg$x[as.character(tv) == as.character(plev[1])]
    z <- vapply(plev, function(p) dg$density[as.character(tv) ==
                                               as.character(p)],
                numeric(length(grid)))
    z <- matrix(z, length(grid))
    # at most 80 grid lines across: a mesh of 256 prints as a dark blur
    keep <- unique(round(seq(1, length(grid), length.out = min(80L,
                                                               length(grid)))))
    grid <- grid[keep]
    z <- z[keep, , drop = FALSE]
    graphics::par(mar = c(0.8, 0.8, if (one) tb$lines + 0.3 else 1.4, 0.3))
    # lit from high above, so that flat ground stays light and slopes shade
    graphics::persp(grid, tnum, z, theta = -35, phi = 25, expand = 0.6,
                    zlim = zl, col = col %||% "#C6DBEF", border = "grey35",
                    shade = 0.4, ltheta = -135, lphi = 70, lwd = 0.4,
                    xlab = xlab, ylab = info$time, zlab = ylab,
                    ticktype = "detailed", nticks = if (one) 4 else 3,
                    cex.axis = if (one) 0.75 else 0.6,
                    cex.lab = if (one) 0.9 else 0.75)
    if (!one) graphics::mtext(g, side = 3, line = 0.2, adj = 0, cex = 0.85)
    rows[[pi]] <- data.frame(period = rep(plev, each = length(grid)),
                             x = rep(grid, length(plev)),
                             density = as.vector(z),
                             stringsAsFactors = FALSE)
    if (!is.null(g)) rows[[pi]] <- cbind(group = g, rows[[pi]])
  }
  draw_title_block(tb, outer = !one)
  out <- do.call(rbind, rows)
  drawn_data(out, main = main, sub = sub, xlab = xlab, ylab = ylab,
             legend = NULL)
}
