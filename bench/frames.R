# The R reference for `entente bench frames`: the same directed dyad-year frame, 1816-2018, with ATOP,
# COW alliance, NMC, contiguity and capital distance, built with dplyr joins from the same CSV files,
# the way a peacesciencer user would. Usage: Rscript bench/frames.R DATA_DIR
# Prints the elapsed seconds of reading + building, and of reading + building + saving with saveRDS.
# Dyads here come from system2016's state-years, as peacesciencer's create_dyadyears() builds them, so
# they include the false dyads (two states in the system in the same year, never on the same day)
# that Entente drops: that is why R reports a few more rows (60 on the 2016 state system).
suppressPackageStartupMessages(library(dplyr))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "../shared/data"
f <- function(...) file.path(dir, ...)
t0 <- Sys.time()

sy <- read.csv(f("cow_states2016", "system2016.csv")) %>% select(ccode, year)
# peacesciencer's mry: states alive at the end of 2016 stay in the system through 2018.
last <- sy %>% filter(year == 2016)
sy <- bind_rows(sy, last %>% mutate(year = 2017), last %>% mutate(year = 2018))

ddy <- inner_join(sy %>% rename(ccode1 = ccode), sy %>% rename(ccode2 = ccode), by = "year") %>%
  filter(ccode1 != ccode2)

atop <- read.csv(f("derived_peacesciencer", "atop_5.1_directed_dyad_year_peacesciencer.csv"))
mx <- function(x) if (all(is.na(x))) NA_integer_ else max(x, na.rm = TRUE)
cow <- read.csv(f("derived_peacesciencer", "cow_alliance_v4.1_directed_dyad_year_peacesciencer.csv")) %>%
  group_by(ccode1, ccode2, year) %>%
  summarize(cow_defense = mx(defense), cow_neutral = mx(neutrality),
            cow_nonagg = mx(nonaggression), cow_entente = mx(entente), .groups = "drop")
nmc <- read.csv(f("cow_nmc_v6.0", "NMC-60-abridged.csv")) %>%
  select(ccode, year, milex, milper, irst, pec, tpop, upop, cinc) %>%
  mutate(across(c(milex, milper, irst, pec, tpop, upop, cinc), ~ ifelse(.x == -9, NA, .x)))
contig <- read.csv(f("cow_contiguity_v3.2", "contdird.csv")) %>%
  select(ccode1 = state1no, ccode2 = state2no, year, conttype) %>%
  group_by(ccode1, ccode2, year) %>% summarize(conttype = min(conttype), .groups = "drop")
caps <- read.csv(f("derived_peacesciencer", "cow_capitals_peacesciencer.csv")) %>%
  group_by(ccode) %>% slice_max(as.Date(enddate), n = 1, with_ties = FALSE) %>% ungroup() %>%
  select(ccode, lat, lng)

hav <- function(lat1, lng1, lat2, lng2) {
  r <- pi / 180
  a <- sin((lat2 - lat1) * r / 2)^2 + cos(lat1 * r) * cos(lat2 * r) * sin((lng2 - lng1) * r / 2)^2
  2 * 6371.0088 * asin(pmin(1, sqrt(a)))
}

out <- ddy %>%
  left_join(atop, by = c("ccode1", "ccode2", "year")) %>%
  mutate(across(starts_with("atop_"), ~ ifelse(is.na(.x) & year <= 2018, 0, .x))) %>%
  left_join(cow, by = c("ccode1", "ccode2", "year")) %>%
  mutate(across(starts_with("cow_"), ~ ifelse(is.na(.x) & year <= 2012, 0, .x))) %>%
  left_join(nmc %>% rename_with(~ paste0(.x, "1"), -year) %>% rename(ccode1 = ccode1), by = c("ccode1", "year")) %>%
  left_join(nmc %>% rename_with(~ paste0(.x, "2"), -year) %>% rename(ccode2 = ccode2), by = c("ccode2", "year")) %>%
  left_join(contig, by = c("ccode1", "ccode2", "year")) %>%
  mutate(conttype = ifelse(is.na(conttype) & year <= 2016, 0, conttype)) %>%
  left_join(caps %>% rename(ccode1 = ccode, lat1 = lat, lng1 = lng), by = "ccode1") %>%
  left_join(caps %>% rename(ccode2 = ccode, lat2 = lat, lng2 = lng), by = "ccode2") %>%
  mutate(capdist = hav(lat1, lng1, lat2, lng2)) %>%
  select(-lat1, -lng1, -lat2, -lng2)

elapsed <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
# Then save it, as a user would, so that file-producing runs can be compared too.
out_file <- tempfile(fileext = ".rds")
saveRDS(out, out_file)
total <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
unlink(out_file)
cat(sprintf("R dplyr: %d rows, %d columns, read + build %.2f s, read + build + saveRDS %.2f s\n",
            nrow(out), ncol(out), elapsed, total))
