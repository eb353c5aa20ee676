# The domain-two job on a long list, with R's data.table. See Benchmarks/README.md ("Peers").
#
# usage: Rscript datatable_job.R LONG_LIST.csv
#
# Prints the counts in the shared tab-separated format that compare.sh diffs.
suppressPackageStartupMessages(library(data.table))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) {
  message("usage: Rscript datatable_job.R LONG_LIST.csv")
  quit(status = 64)
}

SAMPLE_SIZE <- 120L
SEED <- 1L
FLAGS <- c("YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess")
EXCLUDING_ONLY <- c("Unpaid Work", "Attendance Centre", "Exclusion", "Curfew", "")
GENDER <- c(Male = "male", Female = "female")
SENTENCE_GROUP <- c("Community Order" = "community", "Suspended Sentence Order" = "community",
                    "Licence" = "post-custody", "Post Sentence Supervision" = "post-custody")
ROSH <- c(Low = "low", Medium = "medium", High = "high", "Very High" = "very high")
CELL <- c("gender", "group", "rosh")

mapped <- function(values, table) {
  out <- unname(table[values])
  out[is.na(out)] <- "unknown"
  out
}

dt <- fread(args[[1]], colClasses = "character", na.strings = NULL, encoding = "UTF-8",
            showProgress = FALSE)
dt[, `:=`(gender = mapped(Gender, GENDER), group = mapped(SentenceType, SENTENCE_GROUP),
          rosh = mapped(RoSH, ROSH))]

# Classify each distinct requirements text once: there are few of them.
distinct <- unique(dt$Requirements)
only <- vapply(strsplit(distinct, ";", fixed = TRUE),
               function(items) all(trimws(items) %in% EXCLUDING_ONLY), logical(1))
reasons <- c(FLAGS, "Requirements")
for (flag in FLAGS) set(dt, j = paste0("x_", flag), value = dt[[flag]] == "Y")
dt[, x_Requirements := group == "community" & only[match(Requirements, distinct)]]
dt[, excluded := Reduce(`|`, .SD), .SDcols = paste0("x_", reasons)]

eligible <- dt[excluded == FALSE]
n_eligible <- nrow(eligible)
cells <- eligible[, .(n = .N), keyby = CELL]
cells[, expected := as.double(SAMPLE_SIZE) * n / n_eligible]
cells[, fl := as.integer(floor(expected))]
shortfall <- if (n_eligible > 0) SAMPLE_SIZE - sum(cells$fl) else 0L
# Largest remainder, ties to the earlier cell in sorted order.
ord <- order(-(cells$expected - cells$fl), seq_len(nrow(cells)), method = "radix")
cells[, allocated := fl]
bonus <- head(ord, shortfall)
cells[bonus, allocated := fl + 1L]
cells[, allocated := pmin(allocated, n)]

set.seed(SEED)
eligible[cells, allocated := i.allocated, on = CELL]
sample_rows <- eligible[, .SD[sample.int(.N, allocated[[1]])], by = CELL]
drawn <- sample_rows[, .(drawn = .N), keyby = CELL]
cells[drawn, drawn := i.drawn, on = CELL]
cells[is.na(drawn), drawn := 0L]

units <- eligible[, .(n = .N), keyby = .(Tier1Unit, Tier2Unit)]

out <- c(
  sprintf("rows\t%d", nrow(dt)),
  sprintf("excluded\t%s\t%d", reasons, vapply(paste0("x_", reasons), function(x) sum(dt[[x]]), integer(1))),
  sprintf("excluded\tany\t%d", sum(dt$excluded)),
  sprintf("eligible\t%d", n_eligible),
  cells[, sprintf("cell\t%s\t%s\t%s\t%d\t%.6f\t%d\t%d", gender, group, rosh, n, expected, allocated, drawn)],
  units[, sprintf("unit\t%s\t%s\t%d", Tier1Unit, Tier2Unit, n)],
  sprintf("sample\t%d", nrow(sample_rows))
)
writeLines(out)
