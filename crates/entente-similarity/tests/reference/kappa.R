# Reference for Entente's similarity measures: builds ATOP valued portfolios independently from the CSV
# files and computes, for every pair of states in the system in each given year, Cohen's kappa and the
# `weighted` kappa of psych::cohen.kappa (valued and binary), and Scott's pi from the same table.
# Usage: Rscript kappa.R DATA_DIR OUT_SCORES.csv OUT_PORTFOLIOS.csv YEAR [YEAR ...]
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; out <- args[2]; pout <- args[3]; years <- as.integer(args[-(1:3)])
sys <- read.csv(file.path(dir, "cow_states2016", "system2016.csv"))
ddy <- read.csv(file.path(dir, "derived_peacesciencer", "atop_5.1_directed_dyad_year_peacesciencer.csv"))
# Chiba, Johnson & Leeds: 3 defense/offense, 2 neutrality/consultation, 1 non-aggression only.
ddy$v <- ifelse(ddy$atop_defense == 1 | ddy$atop_offense == 1, 3,
         ifelse(ddy$atop_neutral == 1 | ddy$atop_consul == 1, 2,
         ifelse(ddy$atop_nonagg == 1, 1, 0)))
pi_scott <- function(a, b) {
  labs <- sort(unique(c(a, b)))
  t <- table(factor(a, labs), factor(b, labs)) / length(a)
  po <- sum(diag(t)); pe <- sum(((rowSums(t) + colSums(t)) / 2)^2)
  (po - pe) / (1 - pe)
}
res <- list(); ports <- list()
for (y in years) {
  st <- sort(unique(sys$ccode[sys$year == y])); n <- length(st)
  x <- matrix(0, n, n); diag(x) <- 3
  d <- ddy[ddy$year == y & ddy$ccode1 %in% st & ddy$ccode2 %in% st, ]
  for (r in seq_len(nrow(d))) {
    i <- match(d$ccode1[r], st); k <- match(d$ccode2[r], st)
    x[i, k] <- max(x[i, k], d$v[r]); x[k, i] <- max(x[k, i], d$v[r])
  }
  ports[[length(ports) + 1]] <- data.frame(year = y, ccode = st, x)
  for (i in 1:(n - 1)) for (j in (i + 1):n) {
    a <- x[i, ]; b <- x[j, ]
    ck <- suppressWarnings(cohen.kappa(cbind(a, b)))
    cb <- suppressWarnings(cohen.kappa(cbind(as.integer(a >= 1), as.integer(b >= 1))))
    res[[length(res) + 1]] <- c(y, st[i], st[j], ck$kappa, ck$weighted.kappa, cb$kappa, cb$weighted.kappa,
                                pi_scott(a, b), pi_scott(as.integer(a >= 1), as.integer(b >= 1)))
  }
}
m <- do.call(rbind, res)
colnames(m) <- c("year", "ccode1", "ccode2", "kappavau", "kappava", "kappabau", "kappaba", "piva", "piba")
write.csv(m, out, row.names = FALSE)
# Portfolios, one row per state: year, ccode, then its ties to every state of the year in ccode order.
con <- file(pout, "w")
for (p in ports) for (r in seq_len(nrow(p))) writeLines(paste(unlist(p[r, ]), collapse = ","), con)
close(con)
