# The peer pipeline of issue 20, copied from the project's shared bench folder (../shared/bench/frames_dplyr.R).
# Peer baseline: the directed dyad-year frame as a peacesciencer user builds it with dplyr and readr.
# Directed dyad-years 1816-2016 without false dyads, + ATOP obligations, NMC for both sides, contiguity type.
suppressMessages({library(dplyr); library(tidyr); library(readr)})
args <- commandArgs(trailingOnly = TRUE); d <- args[1]; out <- args[2]
st <- read_csv(file.path(d, "cow_states2016/states2016.csv"), show_col_types = FALSE) %>%
  mutate(s = as.Date(sprintf("%d-%02d-%02d", styear, stmonth, stday)), e = as.Date(sprintf("%d-%02d-%02d", endyear, endmonth, endday)))
sy <- st %>% mutate(year = mapply(seq, styear, endyear, SIMPLIFY = FALSE)) %>% unnest(year) %>%
  filter(year >= 1816, year <= 2016) %>%
  mutate(ys = pmax(s, as.Date(sprintf("%d-01-01", year))), ye = pmin(e, as.Date(sprintf("%d-12-31", year)))) %>% select(ccode, year, ys, ye)
ddy <- inner_join(sy, sy, by = "year", suffix = c("1", "2")) %>%
  filter(ccode1 != ccode2, pmax(ys1, ys2) <= pmin(ye1, ye2)) %>% distinct(ccode1, ccode2, year)
atop <- read_csv(file.path(d, "derived_peacesciencer/atop_5.1_directed_dyad_year_peacesciencer.csv"), show_col_types = FALSE)
nmc <- read_csv(file.path(d, "cow_nmc_v6.0/NMC-60-abridged.csv"), show_col_types = FALSE) %>% select(ccode, year, milex, milper, irst, pec, tpop, upop, cinc)
cont <- read_csv(file.path(d, "cow_contiguity_v3.2/contdird.csv"), show_col_types = FALSE) %>% select(ccode1 = state1no, ccode2 = state2no, year, conttype) %>%
  group_by(ccode1, ccode2, year) %>% summarise(conttype = min(conttype), .groups = "drop")
ddy <- ddy %>% left_join(atop, by = c("ccode1", "ccode2", "year")) %>%
  mutate(across(starts_with("atop_"), ~ ifelse(is.na(.) & year <= 2018, 0, .))) %>%
  left_join(nmc %>% rename_with(~ paste0(., "1"), -year), by = c("ccode1", "year")) %>%
  left_join(nmc %>% rename_with(~ paste0(., "2"), -year), by = c("ccode2", "year")) %>%
  left_join(cont, by = c("ccode1", "ccode2", "year")) %>% mutate(conttype = ifelse(is.na(conttype), 0, conttype))
write_csv(ddy, out)
cat(nrow(ddy), "rows\n")
