# The R reference for `entente bench similarity`: every measure for every pair of states in the given
# years, with ATOP valued portfolios, written as a straightforward loop the way the published fpsim
# script computes them (S variants, Scott's pi, Cohen's kappa plain and weighted via psych, Kendall's
# tau-b via cor(), the UN ideal-point distance). Usage: Rscript bench/similarity.R DATA_DIR YEAR...
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; years <- as.integer(args[-1])
t0 <- Sys.time()
sys <- read.csv(file.path(dir, "cow_states2016", "system2016.csv"))
ddy <- read.csv(file.path(dir, "derived_peacesciencer", "atop_5.1_directed_dyad_year_peacesciencer.csv"))
nmc <- read.csv(file.path(dir, "cow_nmc_v6.0", "NMC-60-abridged.csv"))
ip <- read.csv(file.path(dir, "unga_idealpoints", "IdealpointsJuly2025.csv"))
ddy$v <- ifelse(ddy$atop_defense == 1 | ddy$atop_offense == 1, 3,
         ifelse(ddy$atop_neutral == 1 | ddy$atop_consul == 1, 2, ifelse(ddy$atop_nonagg == 1, 1, 0)))
s_score <- function(a, b, w, dmax, sq) { d <- abs(a - b); if (sq) d <- d^2; 1 - 2 * sum(w * d) / (dmax * sum(w)) }
pi_scott <- function(a, b) {
  labs <- sort(unique(c(a, b))); t <- table(factor(a, labs), factor(b, labs)) / length(a)
  po <- sum(diag(t)); pe <- sum(((rowSums(t) + colSums(t)) / 2)^2); (po - pe) / (1 - pe)
}
n_pairs <- 0
for (y in years) {
  st <- sort(unique(sys$ccode[sys$year == y])); n <- length(st)
  x <- matrix(0, n, n); diag(x) <- 3
  d <- ddy[ddy$year == y & ddy$ccode1 %in% st & ddy$ccode2 %in% st, ]
  for (r in seq_len(nrow(d))) {
    i <- match(d$ccode1[r], st); k <- match(d$ccode2[r], st)
    x[i, k] <- max(x[i, k], d$v[r]); x[k, i] <- max(x[k, i], d$v[r])
  }
  w <- nmc$cinc[match(paste(st, y), paste(nmc$ccode, nmc$year))]; w[is.na(w) | w < 0] <- 0
  ipy <- ip$idealpointall[match(paste(st, y), paste(ip$ccode, ip$year))]
  out <- vector("list", n * (n - 1) / 2); k <- 1
  for (i in 1:(n - 1)) for (j in (i + 1):n) {
    a <- x[i, ]; b <- x[j, ]; ab <- as.integer(a >= 1); bb <- as.integer(b >= 1); one <- rep(1, n)
    ck <- suppressWarnings(cohen.kappa(cbind(a, b))); cb <- suppressWarnings(cohen.kappa(cbind(ab, bb)))
    out[[k]] <- c(y, st[i], st[j],
      s_score(a, b, one, 3, FALSE), s_score(a, b, one, 9, TRUE), s_score(a, b, w, 3, FALSE), s_score(a, b, w, 9, TRUE),
      s_score(ab, bb, one, 1, FALSE), s_score(ab, bb, one, 1, TRUE), s_score(ab, bb, w, 1, FALSE), s_score(ab, bb, w, 1, TRUE),
      pi_scott(a, b), pi_scott(ab, bb), ck$weighted.kappa, ck$kappa, cb$weighted.kappa, cb$kappa,
      suppressWarnings(cor(a, b, method = "kendall")), abs(ipy[i] - ipy[j]))
    k <- k + 1
  }
  n_pairs <- n_pairs + length(out)
}
cat(sprintf("R reference: %d pairs, 16 measures, years %s: %.1f s\n", n_pairs, paste(years, collapse = ","),
            as.numeric(difftime(Sys.time(), t0, units = "secs"))))
