#!/usr/bin/env bash
# Side by side, in one run: Entente's frame benchmark and the R dplyr reference on the same data.
# Usage: bench/frames.sh [DATA_DIR]   (needs Rscript with dplyr: apt-get install r-base-core r-cran-dplyr)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${ENTENTE_DATA:-$(cd .. && pwd)/shared/data}}"
cargo build --release -q -p entente
BIN="${CARGO_TARGET_DIR:-target}/release/entente"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ent=$("$BIN" --data-dir "$data" bench frames --runs 3)
echo "$ent"
r=$(Rscript bench/frames.R "$data")
echo "$r"
e=$(echo "$ent" | sed -n 's/.*median \([0-9.]*\) s.*/\1/p')
rb=$(echo "$r" | sed -n 's/.*read + build \([0-9.]*\) s,.*/\1/p')
rs=$(echo "$r" | sed -n 's/.*saveRDS \([0-9.]*\) s.*/\1/p')
python3 - "$e" "$rb" "$rs" <<'PY'
import sys
e, rb, rs = map(float, sys.argv[1:])
print(f"Entente (read + build + write Parquet, median): {e:.2f} s")
print(f"R dplyr (read + build, not saved):              {rb:.2f} s  -> {rb / e:.1f}x")
print(f"R dplyr (read + build + saveRDS):               {rs:.2f} s  -> {rs / e:.1f}x   (goal >= 10x)")
PY
