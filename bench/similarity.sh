#!/usr/bin/env bash
# Side by side, in one run: Entente's similarity benchmark (all years), Entente on three years, and the R
# reference loop (bench/similarity.R) on the same three years.
# Usage: bench/similarity.sh [DATA_DIR]  (needs Rscript with psych: apt-get install r-base-core r-cran-psych)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${ENTENTE_DATA:-$(cd .. && pwd)/shared/data}}"
years="1900 1950 2000"
cargo build --release -q -p entente
BIN="${CARGO_TARGET_DIR:-target}/release/entente"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" --data-dir "$data" bench similarity --runs 3
tmp=$(mktemp -d)
start=$(date +%s.%N)
for y in $years; do
  "$BIN" --data-dir "$data" similarity --from "$y" --to "$y" --undirected --out "$tmp/s$y.parquet" >/dev/null
done
ent=$(python3 -c "import time; print(f'{time.time() - $start:.3f}')")
rm -rf "$tmp"
r=$(Rscript bench/similarity.R "$data" $years)
echo "Entente, same three years ($years), 16 measures, undirected, to Parquet, one process per year: ${ent} s"
echo "$r"
rs=$(echo "$r" | sed -n 's/.*: \([0-9.]*\) s$/\1/p')
python3 -c "print(f'ratio on the same three years: R {float(\"$rs\"):.1f} s / Entente {float(\"$ent\"):.2f} s = {float(\"$rs\")/float(\"$ent\"):.0f}x')"
