#' Describe an indicator system
#'
#' An indicator specification lists the indicators of a composite index, the
#' direction in which each one counts (a larger value is better, `"+"`, or
#' worse, `"-"`), and optionally the dimension and sub-dimension it belongs to
#' and a fixed weight. [composite_index()] and [entropy_weights()] accept the
#' result or any data frame with the same columns.
#'
#' @param indicator Character vector of indicator (column) names.
#' @param direction Directions, one per indicator (or one for all): `"+"`,
#'   `"positive"`, `"pos"`, `"benefit"`, `1` or `"正"` for indicators where
#'   more is better; `"-"`, `"negative"`, `"neg"`, `"cost"`, `-1` or `"负"`
#'   where more is worse.
#' @param dimension,subdimension Optional labels grouping indicators, one per
#'   indicator (or one for all); a score per dimension is reported by
#'   [composite_index()]. The sub-dimension is a label carried in the spec.
#' @param weight Optional fixed weights (non-negative), one per indicator (or
#'   one for all); when given, entropy weighting is bypassed.
#' @return A data frame with columns `indicator`, `direction` (`"+"`/`"-"`) and
#'   whichever of `dimension`, `subdimension`, `weight` were given.
#' @references The NQPF-level study (n.d.), Table 1 (the 21-indicator
#'   system in [nqpf_spec]); see [nqpf_level] and `citation("regineq")`.
#' @family composite index
#' @export
#' @examples
#' indicator_spec(c("rd_gdp", "energy_gdp"), c("+", "negative"),
#'                dimension = c("tech", "green"))
#' head(nqpf_spec)
indicator_spec <- function(indicator, direction, dimension = NULL,
                           subdimension = NULL, weight = NULL) {
  check_required(c("indicator", "direction"))
  args <- list(direction = direction, dimension = dimension,
               subdimension = subdimension, weight = weight)
  for (arg in names(args)) {
    k <- length(args[[arg]])
    if (!is.null(args[[arg]]) && k != length(indicator) && k != 1L) {
      abort("`", arg, "` must have one value per indicator (",
            length(indicator), ") or a single value, not ", k, ".",
            class = "regineq_error_size")
    }
  }
  spec <- data.frame(indicator = indicator, direction = direction,
                     stringsAsFactors = FALSE)
  if (!is.null(dimension)) spec$dimension <- dimension
  if (!is.null(subdimension)) spec$subdimension <- subdimension
  if (!is.null(weight)) spec$weight <- weight
  as_spec(spec)
}

# Validate a specification and normalise its directions to "+"/"-".
as_spec <- function(spec, arg = "spec") {
  if (is.character(spec) && !is.null(names(spec))) {
    spec <- data.frame(indicator = names(spec), direction = unname(spec),
                       stringsAsFactors = FALSE)
  }
  check_data_frame(spec, arg)
  for (col in c("indicator", "direction")) {
    if (!col %in% names(spec)) {
      abort("`", arg, "` must have a column `", col, "`.",
            class = "regineq_error_column")
    }
  }
  if (nrow(spec) == 0L) {
    abort("`", arg, "` must list at least one indicator.",
          class = "regineq_error_size")
  }
  ind <- as.character(spec$indicator)
  bad <- which(is.na(ind) | !nzchar(ind))
  if (length(bad)) {
    abort("`", arg, "$indicator` can't be missing or empty: ",
          describe_rows(bad), ".", class = "regineq_error_missing")
  }
  dup <- which(duplicated(ind))
  if (length(dup)) {
    abort("`", arg, "$indicator` must not repeat an indicator: ",
          enum(unique(ind[dup])), " appears more than once.",
          class = "regineq_error_duplicate")
  }
  dir <- parse_direction(spec$direction)
  bad <- which(is.na(dir))
  if (length(bad)) {
    abort("`", arg, "$direction` must be \"+\" or \"-\" (or positive/negative,",
          " 1/-1): unknown direction ", enum(unique(spec$direction[bad]),
                                            quote = "\""),
          " for ", enum(ind[bad]), ".", class = "regineq_error_value")
  }
  out <- data.frame(indicator = ind, direction = dir, stringsAsFactors = FALSE)
  for (col in c("dimension", "subdimension")) {
    if (col %in% names(spec)) {
      v <- as.character(spec[[col]])
      bad <- which(is.na(v))
      if (length(bad)) {
        abort("`", arg, "$", col, "` can't be missing: ", enum(ind[bad]),
              " have none.", class = "regineq_error_missing")
      }
      out[[col]] <- v
    }
  }
  if ("weight" %in% names(spec)) {
    out$weight <- check_weight_vector(spec$weight, ind, paste0(arg, "$weight"))
  }
  for (col in setdiff(names(spec), c(names(out), "weight"))) {
    out[[col]] <- spec[[col]]
  }
  out
}

parse_direction <- function(x) {
  x <- tolower(trimws(as.character(x)))
  pos <- c("+", "positive", "pos", "benefit", "1", "+1", "\u6b63",
           "\u6b63\u5411")
  neg <- c("-", "negative", "neg", "cost", "-1", "\u8d1f", "\u8d1f\u5411")
  ifelse(x %in% pos, "+", ifelse(x %in% neg, "-", NA_character_))
}

# Fixed weights: finite, non-negative, positive total; rescaled to sum to 1.
check_weight_vector <- function(w, indicators, arg) {
  if (!is.numeric(w) || length(w) != length(indicators)) {
    abort("`", arg, "` must be a numeric vector with one weight per ",
          "indicator (", length(indicators), "), not ", type_of(w), ".",
          class = "regineq_error_type")
  }
  bad <- which(!is.finite(w) | w < 0)
  if (length(bad)) {
    abort("`", arg, "` must be finite and non-negative: ", enum(indicators[bad]),
          " have ", enum(format(w[bad]), quote = ""), ".",
          class = "regineq_error_value")
  }
  if (sum(w) <= 0) {
    abort("`", arg, "` must have a positive total.",
          class = "regineq_error_value")
  }
  as.double(w) / sum(w)
}
