#!/usr/bin/env bash
# Side by side, in one run: the directed dyad-year frame 1816-2016 with ATOP, NMC and contiguity
# written to CSV by Entente and by the readr + dplyr pipeline a peacesciencer user writes
# (bench/frames_dplyr.R): same rows, same columns. Runs alternate, N of each (default 5); prints each
# run's wall and CPU time, the medians, the ratio and the load average. Each run starts after `sync`.
# Usage: bench/frames_csv.sh [DATA_DIR] [N]   (needs Rscript with dplyr, tidyr and readr)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${ENTENTE_DATA:-$(cd .. && pwd)/shared/data}}"
n="${2:-5}"
cargo build --release -q -p entente
BIN="${CARGO_TARGET_DIR:-target}/release/entente"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # label, command...: prints "label wall cpu"
  local label=$1; shift
  local t0 t1 c
  # Each run starts with nothing left to write out: neither tool pays for flushing the other's
  # 200 MB output, which the kernel otherwise writes back up to 30 s later, during a later run.
  sync
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  t1=$(date +%s.%N)
  c=$(awk '{print $1 + $2}' "$tmp/time")
  echo "$label $(echo "$t1 - $t0" | bc) $c"
}
for i in $(seq 1 "$n"); do
  run entente "$BIN" --data-dir "$data" frame dyad-year --directed --from 1816 --to 2016 \
    --add atop,nmc,contiguity --out "$tmp/e.csv"
  run dplyr Rscript bench/frames_dplyr.R "$data" "$tmp/r.csv"
done | tee "$tmp/runs"
echo "rows: entente $(($(wc -l < "$tmp/e.csv") - 1)), dplyr $(($(wc -l < "$tmp/r.csv") - 1)); bytes: $(stat -c %s "$tmp/e.csv"), $(stat -c %s "$tmp/r.csv")"
python3 - "$tmp/runs" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
e = [float(w) for l, w, c in runs if l == "entente"]
r = [float(w) for l, w, c in runs if l == "dplyr"]
ec = [float(c) for l, w, c in runs if l == "entente"]
print("| run | Entente wall (CPU) | dplyr wall | ratio |")
print("|---|---|---|---|")
for i, (a, c, b) in enumerate(zip(e, ec, r), 1):
    print(f"| {i} | {a:.2f} s ({c:.2f} s) | {b:.2f} s | {b / a:.1f}x |")
me, mr = statistics.median(e), statistics.median(r)
print(f"| median | {me:.2f} s ({statistics.median(ec):.2f} s) | {mr:.2f} s | {mr / me:.1f}x |")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
