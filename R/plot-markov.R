#' Plot Markov transition matrices
#'
#' Annotated heat maps of transition probabilities (or counts): one panel
#' for a [markov_chain()] or [lisa_markov()] result, one per lag class
#' (plus the pooled matrix with `pooled = TRUE`) for [spatial_markov()].
#' Rows are the class at the start, columns the class at the end; each cell
#' shows its value, the right margin the number of transitions out of each
#' class (n, what each row's probabilities rest on), and an empty row (no
#' transitions out) is drawn hatched grey and labelled "NA".
#'
#' @param x A `regineq_markov` or `regineq_spatial_markov` result.
#' @param which `"probability"` (default) or `"count"`.
#' @param pooled With a spatial Markov result: also draw the pooled matrix.
#' @param col Colours of the heat scale, low to high (at least 2; default a
#'   light-to-dark blue ramp).
#' @param digits Decimal places of the probabilities in the cells.
#' @param main,xlab,ylab Title and axis labels (`NA` for none).
#' @param lang `"en"` (default) or `"zh"` for Chinese titles and labels
#'   (needs a CJK font; without one they stay English and a warning says
#'   so).
#' @param ... Graphical parameters (`cex`, `family`, ...).
#' @return Invisibly, a data frame of the cells drawn: `panel`, `from`,
#'   `to`, `value`, `label`, `fill` and `n`, the transitions out of the
#'   row's class (printed at the right of each row).
#' @family markov
#' @export
#' @examples
#' m <- markov_chain(nqpf_potential, "score", "province", "year")
#' plot(m)
plot.regineq_markov <- function(x, which = c("probability", "count"),
                                col = NULL, digits = 2, main = NULL,
                                xlab = NULL, ylab = NULL,
                                lang = c("en", "zh"), ...) {
  which <- check_choice(which, c("probability", "count"), "which")
  L <- plot_labeller(lang)
  mats <- list(if (which == "probability") x$probabilities else x$counts)
  names(mats) <- ""
  attr(mats[[1L]], "n") <- rowSums(x$counts)
  title <- paste(switch(x$settings$kind, lisa = "LISA Markov transition",
                        "Markov transition"),
                 if (which == "probability") "probabilities" else "counts")
  draw_markov(mats, which, col, digits,
              main %||% markov_title(L, title, x$settings), xlab, ylab, L,
              list(...))
}

#' @rdname plot.regineq_markov
#' @export
plot.regineq_spatial_markov <- function(x, which = c("probability", "count"),
                                        pooled = FALSE, col = NULL,
                                        digits = 2, main = NULL, xlab = NULL,
                                        ylab = NULL, lang = c("en", "zh"),
                                        ...) {
  which <- check_choice(which, c("probability", "count"), "which")
  check_flag(pooled, "pooled")
  L <- plot_labeller(lang)
  part <- if (which == "probability") "probabilities" else "counts"
  mats <- lapply(x$conditional, function(ch) {
    structure(ch[[part]], n = rowSums(ch$counts))
  })
  names(mats) <- sprintf(L("Lag class %s"), names(mats))
  if (pooled) {
    mats <- c(mats, stats::setNames(list(structure(
      x$pooled[[part]], n = rowSums(x$pooled$counts))), L("Pooled")))
  }
  draw_markov(mats, which, col, digits,
              main %||% markov_title(L, paste("Spatial Markov transition",
                                              part), x$settings),
              xlab, ylab, L, list(...))
}

# Private ---------------------------------------------------------------------

# "Markov transition probabilities of score, 1-period transitions"
markov_title <- function(L, what, settings) {
  sprintf(L("%s of %s, %d-period transitions"), L(what), settings$value,
          as.integer(settings$k))
}

draw_markov <- function(mats, which, col, digits, main, xlab, ylab, L,
                        dots) {
  check_number(digits, "digits", min = 0, max = 10, integer = TRUE)
  main <- check_text(main, "main")
  xlab <- check_text(xlab, "xlab") %||% L("To class")
  ylab <- check_text(ylab, "ylab") %||% L("From class")
  if (is.null(col)) {
    col <- grDevices::colorRampPalette(c("#F7FBFF", "#08306B"))(64)
  } else if (!is.character(col) || length(col) < 2L || anyNA(col)) {
    abort("`col` must be at least two colours, not ", type_of(col), ".",
          class = "regineq_error_value")
  }
  top <- if (which == "probability") 1 else
    max(1, unlist(lapply(mats, max, na.rm = TRUE)))
  op <- save_par(panels = length(mats) > 1L)
  on.exit(graphics::par(op), add = TRUE)
  old_dots <- dots_par(dots)
  on.exit(graphics::par(old_dots), add = TRUE)
  tb <- open_panels(main, NULL, n = length(mats))
  drawn <- list()
  for (p in seq_along(mats)) {
    m <- mats[[p]]
    K <- nrow(m)
    graphics::par(mar = c(3.2, 3.6, if (nzchar(names(mats)[p])) 1.6 else 0.6,
                          2.6), mgp = c(2, 0.5, 0), tcl = -0.25, las = 1)
    graphics::plot.new()
    graphics::plot.window(c(0.5, K + 0.5), c(K + 0.5, 0.5), xaxs = "i",
                          yaxs = "i")
    v <- as.vector(t(m))
    fill <- ifelse(is.na(v), "grey85",
                   col[pmin(length(col), 1L + floor(v / top *
                                                      (length(col) - 1)))])
    xs <- rep(seq_len(K), K)
    ys <- rep(seq_len(K), each = K)
    graphics::rect(xs - 0.5, ys - 0.5, xs + 0.5, ys + 0.5, col = fill,
                   border = "white")
    na <- is.na(v)
    if (any(na)) {
      graphics::rect(xs[na] - 0.5, ys[na] - 0.5, xs[na] + 0.5, ys[na] + 0.5,
                     density = 12, col = "grey60", border = NA)
    }
    lab <- ifelse(is.na(v), "NA", if (which == "probability")
      formatC(v, format = "f", digits = digits) else format(v))
    graphics::text(xs, ys, lab, col = ifelse(na, "black", text_colour(fill)),
                   cex = if (K > 6) 0.7 else 0.9)
    graphics::axis(1, at = seq_len(K), labels = colnames(m), tick = FALSE)
    graphics::axis(2, at = seq_len(K), labels = rownames(m), tick = FALSE)
    # the transitions out of each class: the weight of its row
    graphics::axis(4, at = seq_len(K), labels = paste0("n=", attr(m, "n")),
                   tick = FALSE, cex.axis = 0.75, col.axis = "grey35",
                   line = -0.4)
    graphics::title(xlab = xlab, ylab = ylab)
    if (nzchar(names(mats)[p])) {
      graphics::mtext(names(mats)[p], side = 3, line = 0.3, font = 2)
    }
    drawn[[p]] <- data.frame(panel = names(mats)[p],
                             from = rep(rownames(m), each = K),
                             to = rep(colnames(m), K), value = v,
                             label = lab, fill = fill,
                             n = rep(attr(m, "n"), each = K),
                             stringsAsFactors = FALSE)
  }
  finish_panels(tb, NULL, character())
  drawn_data(do.call(rbind, drawn), main = main, xlab = xlab, ylab = ylab,
             which = which)
}
