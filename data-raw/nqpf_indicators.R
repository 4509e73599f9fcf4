# Simulates nqpf_indicators: a 30-province x 2014-2023 indicator panel that
# follows the NQPF-level study's 21-indicator system (Table 1), and nqpf_spec, that
# system as an indicator specification. The values are SIMULATED: each
# indicator is a noisy monotone function of the province's published
# composite score in the NQPF-level study (nqpf_level), so the simulated index tracks the
# published one, but no value is an official statistic.
# Run from the package root after data-raw/nqpf.R: Rscript data-raw/nqpf_indicators.R
load("data/nqpf_level.rda")
set.seed(20141231)

nqpf_spec <- data.frame(
  indicator = c(
    "rd_intensity", "education_spending", "new_product_sales",
    "technology_market", "invention_patents", "ai_firms", "internet_ports",
    "mobile_penetration",
    "tertiary_secondary", "labour_productivity", "capital_productivity",
    "energy_intensity", "water_intensity", "so2_intensity", "carbon_intensity",
    "environment_spending", "green_coverage", "forest_coverage",
    "schooling_years", "higher_education", "rd_personnel"),
  direction = c(rep("+", 11), rep("-", 4), rep("+", 6)),
  dimension = c(rep("high_technology", 8), rep("high_efficiency", 7),
                rep("high_quality", 6)),
  subdimension = c("innovation_input", "innovation_input",
                   "innovation_output", "innovation_output",
                   "innovation_output", "digital", "digital", "digital",
                   "industrial_upgrading", "economic_efficiency",
                   "economic_efficiency", "energy_saving", "energy_saving",
                   "energy_saving", "energy_saving", "green_development",
                   "green_development", "green_development", "human_capital",
                   "human_capital", "human_capital"),
  unit = c("% of GDP", "% of general budget expenditure", "100 million yuan",
           "100 million yuan", "grants", "firms", "10,000 ports",
           "phones per 100 people", "ratio", "10,000 yuan per worker",
           "yuan per yuan of capital stock", "tce per 10,000 yuan",
           "m3 per 10,000 yuan", "tonnes per 100 million yuan",
           "tonnes per 10,000 yuan", "% of public expenditure", "%", "%",
           "years", "%", "10,000 person-years"),
  stringsAsFactors = FALSE)

# level, elasticity on the latent score and noise sd of each indicator
base <- c(1.8, 16, 9000, 600, 20000, 800, 2500, 110, 1.3, 13, 0.45, 0.55, 45,
          8, 1.6, 3, 40, 35, 9.5, 15, 8)
elas <- c(0.9, 0.2, 1.2, 1.5, 1.4, 1.6, 0.8, 0.3, 0.6, 0.7, 0.3, -0.6, -0.7,
          -1.1, -0.6, 0.2, 0.1, 0.15, 0.15, 0.6, 1.1)
noise <- c(0.15, 0.08, 0.25, 0.35, 0.3, 0.4, 0.2, 0.06, 0.12, 0.1, 0.1, 0.15,
           0.25, 0.35, 0.15, 0.15, 0.04, 0.35, 0.04, 0.15, 0.3)

lv <- nqpf_level
latent <- log(lv$score / mean(lv$score))
prov_effect <- stats::rnorm(length(unique(lv$province)), 0, 1)
names(prov_effect) <- unique(lv$province)
x <- sapply(seq_along(base), function(j) {
  re <- prov_effect[lv$province] * noise[j]
  v <- base[j] * exp(elas[j] * latent + re + stats::rnorm(nrow(lv), 0,
                                                         noise[j] / 2))
  signif(v, 4)
})
colnames(x) <- nqpf_spec$indicator
pct <- c("mobile_penetration", "green_coverage", "forest_coverage",
         "higher_education")
x[, pct] <- pmin(x[, pct], 99.9)
nqpf_indicators <- data.frame(
  province = lv$province, region = lv$region, year = lv$year, x,
  stringsAsFactors = FALSE)
stopifnot(nrow(nqpf_indicators) == 300L, !anyNA(nqpf_indicators))

save(nqpf_indicators, file = "data/nqpf_indicators.rda", compress = "xz",
     version = 2)
save(nqpf_spec, file = "data/nqpf_spec.rda", compress = "xz", version = 2)
