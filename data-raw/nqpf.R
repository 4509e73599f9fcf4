# Builds the published score panels of the NQPF-level study and Ran et al. (2025) and copies their
# published tables to inst/extdata. Run from the package root:
# Rscript data-raw/nqpf.R
src <- file.path("..", "shared", "data")
rd <- function(f) utils::read.csv(file.path(src, f), encoding = "UTF-8",
                                  stringsAsFactors = FALSE)

lv <- rd("nqpf_level_scores.csv")
nqpf_level <- data.frame(
  province = lv$province_en, province_zh = enc2utf8(lv$province_zh),
  region = factor(lv$region_en, c("East", "Central", "West", "Northeast")),
  region_zh = enc2utf8(lv$region_zh), year = as.integer(lv$year),
  score = lv$score, stringsAsFactors = FALSE)
stopifnot(nrow(nqpf_level) == 300L, !anyNA(nqpf_level))

pt <- rd("nqpf_potential_scores.csv")
nqpf_potential <- data.frame(
  province = pt$province_en, province_zh = enc2utf8(pt$province_zh),
  year = as.integer(pt$year), score = pt$score, stringsAsFactors = FALSE)
nqpf_potential <- nqpf_potential[order(nqpf_potential$year,
                                       nqpf_potential$province), ]
rownames(nqpf_potential) <- NULL
stopifnot(nrow(nqpf_potential) == 319L, !anyNA(nqpf_potential))

save(nqpf_level, file = "data/nqpf_level.rda", compress = "xz", version = 2)
save(nqpf_potential, file = "data/nqpf_potential.rda", compress = "xz",
     version = 2)

tables <- c("nqpf_level_table3_dagum_overall.csv",
            "nqpf_level_table4_dagum_within.csv",
            "nqpf_level_table5_dagum_between.csv",
            "nqpf_potential_table3_moran.csv")
file.copy(file.path(src, tables), file.path("inst", "extdata", tables),
          overwrite = TRUE)
