# Builds inst/extdata/province_indicators_raw.csv, the messy CSV that
# vignette("own-data") starts from. The values are the SIMULATED indicators
# of nqpf_indicators (no value is an official statistic); what this script
# adds is the mess that real provincial data compiled from several
# yearbooks has, each piece placed on purpose so the vignette can show the
# error a user meets and the fix:
#
# * province names in three spellings by block of years: full Chinese names
#   (北京市, 内蒙古自治区) for 2014-2017, English yearbook forms ("Beijing",
#   "Inner Mongolia Autonomous Region") for 2018-2020, short Chinese names
#   (北京, 内蒙古) for 2021-2023;
# * years as text, "2014年" in the Chinese block, "2018" elsewhere;
# * numbers as text: new_product_sales with thousands separators
#   ("23,590") in the English block, and "—" (yearbook for "not
#   available") for Hainan's technology_market in 2017;
# * empty cells inside series (Qinghai rd_intensity 2019, Ningxia
#   higher_education 2016-2017) and one at the start of a series (Xinjiang
#   ai_firms 2014);
# * reported zeros (Qinghai ai_firms 2014-2015), fine for the index, not
#   for logs;
# * an unbalanced panel: the rows of Hainan 2020 and Gansu 2021 are absent;
# * one region-year twice: Beijing 2018 again, from a second source, in its
#   short Chinese name.
#
# Run from the package root: Rscript data-raw/own_data.R
load("data/nqpf_indicators.rda")
load("data/china_provinces.rda")

keep <- c("rd_intensity", "new_product_sales", "technology_market",
          "ai_firms", "labour_productivity", "energy_intensity",
          "forest_coverage", "higher_education")
d <- nqpf_indicators[c("province", "year", keep)]
d <- d[order(d$year, match(d$province, china_provinces$name_en)), ]
p <- china_provinces[match(d$province, china_provinces$name_en), ]

full_zh <- ifelse(p$code %in% c(11, 12, 31, 50), paste0(p$name_zh, "\u5e02"),
                  paste0(p$name_zh, "\u7701"))
autonomous <- c(`15` = "\u5185\u8499\u53e4\u81ea\u6cbb\u533a",
                `45` = "\u5e7f\u897f\u58ee\u65cf\u81ea\u6cbb\u533a",
                `54` = "\u897f\u85cf\u81ea\u6cbb\u533a",
                `64` = "\u5b81\u590f\u56de\u65cf\u81ea\u6cbb\u533a",
                `65` = "\u65b0\u7586\u7ef4\u543e\u5c14\u81ea\u6cbb\u533a")
hit <- as.character(p$code) %in% names(autonomous)
full_zh[hit] <- autonomous[as.character(p$code[hit])]
yearbook_en <- p$name_en
yearbook_en[p$code == 15] <- "Inner Mongolia Autonomous Region"
yearbook_en[p$code == 45] <- "Guangxi Zhuang Autonomous Region"
yearbook_en[p$code == 64] <- "Ningxia Hui Autonomous Region"
yearbook_en[p$code == 65] <- "Xinjiang Uygur Autonomous Region"

block <- ifelse(d$year <= 2017, "zh_full", ifelse(d$year <= 2020, "en",
                                                  "zh_short"))
out <- data.frame(
  province = ifelse(block == "zh_full", full_zh,
                    ifelse(block == "en", yearbook_en, p$name_zh)),
  year = ifelse(block == "zh_full", paste0(d$year, "\u5e74"),
                as.character(d$year)),
  stringsAsFactors = FALSE)
for (k in keep) out[[k]] <- d[[k]]

at <- function(prov, yr) which(d$province == prov & d$year %in% yr)
out$rd_intensity[at("Qinghai", 2019)] <- NA
out$higher_education[at("Ningxia", 2016:2017)] <- NA
out$ai_firms[at("Xinjiang", 2014)] <- NA
out$ai_firms[at("Qinghai", 2014:2015)] <- 0

sales <- formatC(out$new_product_sales, format = "f", digits = 1)
sales[block == "en"] <- formatC(out$new_product_sales[block == "en"],
                                format = "f", digits = 1, big.mark = ",")
out$new_product_sales <- sales
tm <- formatC(out$technology_market, format = "f", digits = 2)
tm[at("Hainan", 2017)] <- "\u2014"
out$technology_market <- tm

dup <- out[at("Beijing", 2018), ]
dup$province <- "\u5317\u4eac"
drop <- c(at("Hainan", 2020), at("Gansu", 2021))
out <- rbind(out[-drop, ], dup)
rownames(out) <- NULL

utils::write.csv(out, "inst/extdata/province_indicators_raw.csv",
                 row.names = FALSE, na = "", fileEncoding = "UTF-8")
