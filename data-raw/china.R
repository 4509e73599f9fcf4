# Builds china_provinces and china_contiguity from the facts extracted in
# ../shared/data (GB/T 2260 codes, names, four-region grouping, capitals,
# economic zones; 68 land borders plus the Hainan-Guangdong sea link).
# Run from the package root: Rscript data-raw/china.R
src <- file.path("..", "shared", "data")
prov <- utils::read.csv(file.path(src, "china_provinces.csv"),
                        encoding = "UTF-8", stringsAsFactors = FALSE)
prov$code <- as.integer(prov$code)
for (col in c("name_zh", "region_zh", "capital_zh")) {
  prov[[col]] <- enc2utf8(prov[[col]])
}
china_provinces <- prov

adj <- utils::read.csv(file.path(src, "china_province_contiguity.csv"),
                       encoding = "UTF-8", stringsAsFactors = FALSE)
adj$from <- as.integer(adj$from)
adj$to <- as.integer(adj$to)
adj$from_zh <- enc2utf8(adj$from_zh)
adj$to_zh <- enc2utf8(adj$to_zh)
stopifnot(sum(adj$type == "land") == 68L, sum(adj$type == "sea_link") == 1L,
          all(c(adj$from, adj$to) %in% prov$code))
china_contiguity <- adj

save(china_provinces, file = "data/china_provinces.rda", compress = "xz",
     version = 2)
save(china_contiguity, file = "data/china_contiguity.rda", compress = "xz",
     version = 2)
