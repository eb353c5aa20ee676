# The domain-two job on a long list, with R's data.table and sampling::strata. See
# Benchmarks/README.md ("Peers").
#
# usage: Rscript datatable_job.R LONG_LIST.csv SAMPLE.csv
#
# fread on all cores reads the file (every column: the sample is written with all of them, and
# fread cannot fetch 240 records later without parsing the file again); the rules are decided once
# per distinct value and applied with match(); eligible counts per cell by group (keyby sorts in C
# locale, so byte order); 120 allocated by largest remainder on the 16-row cell table;
# sampling::strata draws 2k cases per cell by simple random sampling without replacement (one
# integer stratum column, sizes in the order the strata first appear, so neither a sort of the
# rows nor strata's multi-column merge is needed); a random half of each cell's draw is the sample,
# the other half its substitutes. Prints the shared count lines (see peers/check_sample.py).
suppressPackageStartupMessages({
  library(data.table)
  library(sampling)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) {
  message("usage: Rscript datatable_job.R LONG_LIST.csv SAMPLE.csv")
  quit(status = 64)
}
setDTthreads(0L)  # all cores (the default is half of them)

SAMPLE_SIZE <- 120L
SEED <- 7L
FLAGS <- c("YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess")
EXCLUDING_ONLY <- c("Unpaid Work", "Attendance Centre", "Exclusion", "Curfew", "")
GENDER <- c(Male = "male", Female = "female")
SENTENCE_GROUP <- c("Community Order" = "community", "Suspended Sentence Order" = "community",
                    "Licence" = "post-custody", "Post Sentence Supervision" = "post-custody")
ROSH <- c(Low = "low", Medium = "medium", High = "high", "Very High" = "very high")
# Codes in byte order, so that a cell number orders cells as (gender, group, rosh) do.
GENDERS <- sort(unique(c(GENDER, "unknown")), method = "radix")
GROUPS <- sort(unique(c(SENTENCE_GROUP, "unknown")), method = "radix")
ROSHS <- sort(unique(c(ROSH, "unknown")), method = "radix")

# Position in `order` of each value's mapped code, decided once per distinct value.
code <- function(values, table, order) {
  distinct <- unique(values)
  mapped <- unname(table[distinct])
  mapped[is.na(mapped)] <- "unknown"
  match(mapped, order)[match(values, distinct)]
}

dt <- fread(args[[1]], showProgress = FALSE)
g <- code(dt$Gender, GENDER, GENDERS)
s <- code(dt$SentenceType, SENTENCE_GROUP, GROUPS)
r <- code(dt$RoSH, ROSH, ROSHS)
distinct <- unique(dt$Requirements)
only <- vapply(strsplit(distinct, ";", fixed = TRUE),
               function(items) all(trimws(items) %in% EXCLUDING_ONLY), logical(1))
excluded <- s == match("community", GROUPS) & only[match(dt$Requirements, distinct)]
for (flag in FLAGS) excluded <- excluded | dt[[flag]] == "Y"

eligible <- data.table(row = which(!excluded))
eligible[, cell := ((g[row] - 1L) * length(GROUPS) + s[row] - 1L) * length(ROSHS) + r[row]]
cells <- eligible[, .(n = .N), keyby = cell]
n_eligible <- nrow(eligible)
cells[, expected := as.double(SAMPLE_SIZE) * n / n_eligible]
cells[, allocated := as.integer(floor(expected))]
shortfall <- SAMPLE_SIZE - sum(cells$allocated)
# Largest remainder, ties to the earlier cell.
bonus <- head(order(-(cells$expected - cells$allocated), seq_len(nrow(cells)), method = "radix"), shortfall)
cells[bonus, allocated := allocated + 1L]
cells[, allocated := pmin(allocated, n)]
cells[, drawn := pmin(2L * allocated, n)]

# strata cannot draw 0 from a stratum: give it only the cells with cases to draw.
set.seed(SEED)
frame <- eligible[cell %in% cells[drawn > 0L, cell]]
appearance <- unique(frame$cell)
drawn <- strata(data.frame(cell = frame$cell), stratanames = "cell",
                size = cells[J(appearance), drawn], method = "srswor")
setDT(drawn)
drawn[, `:=`(cell = appearance[Stratum], row = frame$row[ID_unit])]
drawn[cells, allocated := i.allocated, on = "cell"]
# A random order of each cell's draw: the first `allocated` are the sample, the rest substitutes.
drawn[, Rank := sample.int(.N), by = cell]
setorder(drawn, cell, Rank)

labels <- function(cell) {
  i <- cell - 1L
  sprintf("%s/%s/%s", GENDERS[i %/% (length(GROUPS) * length(ROSHS)) + 1L],
          GROUPS[(i %/% length(ROSHS)) %% length(GROUPS) + 1L], ROSHS[i %% length(ROSHS) + 1L])
}
sample_rows <- dt[drawn$row]
# fread (data.table 1.14) keeps a quoted field's doubled quotes: "O""Brien" reads as O""Brien. Undo
# that in the rows written (the rules' columns never hold quotes).
for (j in names(sample_rows)) {
  if (is.character(sample_rows[[j]])) set(sample_rows, j = j, value = gsub('""', '"', sample_rows[[j]], fixed = TRUE))
}
sample_rows[, `:=`(Stratum = labels(drawn$cell), Rank = drawn$Rank,
                   Role = fifelse(drawn$Rank <= drawn$allocated, "selected", "substitute"))]
fwrite(sample_rows, args[[2]])

parts <- tstrsplit(labels(cells$cell), "/", fixed = TRUE)
writeLines(c(
  sprintf("rows\t%d", nrow(dt)),
  sprintf("excluded\t%d", nrow(dt) - n_eligible),
  sprintf("eligible\t%d", n_eligible),
  sprintf("cell\t%s\t%s\t%s\t%d\t%.6f\t%d", parts[[1]], parts[[2]], parts[[3]], cells$n, cells$expected, cells$allocated),
  sprintf("sample\t%d\t%d", sum(cells$allocated), sum(pmin(cells$allocated, cells$n - cells$allocated)))
))
