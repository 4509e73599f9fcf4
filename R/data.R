#' China's 31 provinces
#'
#' Province-level divisions of mainland China with their GB/T 2260 codes,
#' names, the four-region grouping used by the National Bureau of Statistics,
#' provincial capitals and membership of the main economic zones.
#'
#' @format A data frame with 31 rows:
#' \describe{
#'   \item{code}{GB/T 2260 two-digit code (integer), e.g. 11 for Beijing.}
#'   \item{name_zh, name_en}{Short Chinese name and English name.}
#'   \item{region_zh, region_en}{Four-region grouping: East, Central, West,
#'     Northeast.}
#'   \item{capital_zh, capital_lat, capital_lon}{Capital city and its
#'     coordinates (decimal degrees, WGS84).}
#'   \item{jingjinji, yangtze_delta, yangtze_belt, yellow_river, pan_prd}{
#'     Membership of the Beijing-Tianjin-Hebei region, the Yangtze River
#'     Delta, the Yangtze River Economic Belt, the Yellow River basin and the
#'     Pan-Pearl River Delta.}
#' }
#' @source GB/T 2260 administrative division codes; National Bureau of
#'   Statistics regional classification; compiled for regineq in
#'   `data-raw/china.R`.
#' @family data
"china_provinces"

#' Contiguity of China's provinces
#'
#' The 68 land borders between mainland provinces plus the Hainan-Guangdong sea
#' link that provincial studies conventionally add so that Hainan is not an
#' island in the weights matrix. Each pair appears once.
#'
#' @format A data frame with 69 rows: `from`, `to` (GB/T 2260 codes), `type`
#'   (`"land"` or `"sea_link"`), `from_zh`, `to_zh` (Chinese names).
#' @source Compiled for regineq (`data-raw/china.R`); used by
#'   [china_weights()].
#' @family data
"china_contiguity"

#' Published development level of new quality productive forces, 2014-2023
#'
#' Entropy-weighted TOPSIS scores of 30 provinces (Tibet excluded),
#' 2014-2023, as printed (3 decimals) in Table 2 of the NQPF-level study
#' (n.d.; see Source), with the four-region grouping the study uses for its
#' Dagum decomposition. The study's Tables 3-5 are in
#' `system.file("extdata", package = "regineq")` and are compared with
#' [dagum_gini()] in `vignette("replicate-nqpf-level")`.
#'
#' @format A data frame with 300 rows: `province` (English name),
#'   `province_zh`, `region` (factor: East, Central, West, Northeast),
#'   `region_zh`, `year` (integer), `score`.
#' @source The NQPF-level study (n.d.), Table 2: a study of the statistical
#'   measurement and spatial disparity of China's new quality productive
#'   forces in 30 provinces, 2014-2023, with a 21-indicator system (its
#'   Table 1, [nqpf_spec]), entropy-weighted TOPSIS (its eqs. 1-12) and the
#'   Dagum Gini decomposition (eqs. 13-20, Tables 3-5). The text available
#'   to regineq gives no title, authors, journal or year (it cites work
#'   published in 2025); see `citation("regineq")`.
#' @family data
"nqpf_level"

#' Published development potential of new quality productive forces, 2010-2020
#'
#' Entropy-method scores of 29 provinces (Tibet and Qinghai excluded),
#' 2010-2020, as printed in Table 2 of Ran et al. (2025). Shanghai's 2010
#' value is kept
#' as printed (0.3456); reading it as 0.5456 reproduces the paper's 2010
#' Moran's I exactly, so it is probably a typo. The paper's Table 3 (global
#' Moran's I) is `system.file("extdata", "nqpf_potential_table3_moran.csv",
#' package = "regineq")`.
#'
#' @format A data frame with 319 rows: `province` (English name),
#'   `province_zh`, `year` (integer), `score`.
#' @source Ran, R., Hua, L., Chen, Y. and Xia, Y. (2025). Study on potential
#'   measurement, temporal-spatial differences and strategic focus of
#'   development of new quality productive forces. Journal of Chongqing
#'   University (Social Science Edition) 2025(4), 16-30, Tables 2-3.
#'   \doi{10.11835/j.issn.1008-5831.jg.2024.10.002}
#' @family data
"nqpf_potential"

#' A simulated indicator panel following the NQPF-level indicator system
#'
#' SIMULATED data for examples: 30 provinces x 2014-2023 and the 21
#' indicators of Table 1 of the NQPF-level study (n.d.; see [nqpf_level])
#' (three dimensions: high technology, high
#' efficiency, high quality). Each indicator is a noisy monotone function of
#' the province's published score in [nqpf_level], so an index built from it
#' resembles the published one; no value is an official statistic. Units are
#' in [nqpf_spec].
#'
#' @format A data frame with 300 rows: `province`, `region`, `year` and the
#'   21 indicator columns named in `nqpf_spec$indicator`.
#' @source Simulated by `data-raw/nqpf_indicators.R` (fixed seed).
#' @family data
"nqpf_indicators"

#' The NQPF-level indicator system as an indicator specification
#'
#' The 21 indicators, their direction and dimensions, of Table 1 of the
#' NQPF-level study (n.d.; see [nqpf_level]).
#'
#' @format A data frame with 21 rows: `indicator`, `direction` (`"+"`/`"-"`),
#'   `dimension`, `subdimension`, `unit`; usable as `spec` in
#'   [composite_index()].
#' @source The NQPF-level study (n.d.), Table 1; see [nqpf_level].
#' @family data
"nqpf_spec"
