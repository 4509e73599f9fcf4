# Labels of the plot methods in English and Chinese. Chinese needs a CJK
# font: without one, the labels fall back to English with a warning (R would
# draw empty boxes).

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
