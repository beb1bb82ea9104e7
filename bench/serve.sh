#!/usr/bin/env bash
# Bounded load test of `entente serve` on 127.0.0.1: each main read endpoint at 500 requests/s for
# DURATION seconds; prints p50, p90, p99 and the rate achieved. With `oha` (cargo install oha): a fixed
# rate of 500 q/s over 20 connections with latency correction (a late request counts from when it was
# due). Without it, or with TOOL=wrk: wrk with 20 connections, each pausing 40 ms between requests
# (bench/rate.lua), about 500 q/s, latency counted from each write.
# Usage: bench/serve.sh [DATA_DIR] (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
DURATION=${DURATION:-15}
PORT=${PORT:-18080}
BIN=${CARGO_TARGET_DIR:-target}/release/entente
TOOL=${TOOL:-$(command -v oha >/dev/null && echo oha || echo wrk)}
command -v "$TOOL" >/dev/null || { echo "$TOOL is not installed (cargo install oha, or apt install wrk)" >&2; exit 2; }
cargo build --release -q -p entente
"$BIN" --data-dir "$DATA" serve --addr "127.0.0.1:$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.2; done
ENDPOINTS=(
  "alliances?year=2024"
  "states?region=europe"
  "ties?year=2024&between=europe&and=east_asia"
  "network?year=2024"
  "trends"
  "opportunities?year=2024"
  "similarity?year=2000&state=USA&other=JPN"
  "frames?kind=dyad-year&year=2010&page=1"
  "brief?year=2024"
)
# Warm the caches: the first request of each computes its answer.
for e in "${ENDPOINTS[@]}"; do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/$e"; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)   $(nproc) cores   tool: $TOOL"
printf '%-48s %8s %8s %8s %8s %6s\n' endpoint p50 p90 p99 req/s non2xx
for e in "${ENDPOINTS[@]}"; do
  url="http://127.0.0.1:$PORT/api/$e"
  if [ "$TOOL" = oha ]; then
    oha -z "${DURATION}s" -q 500 -c 20 --no-tui --latency-correction --output-format json "$url" |
      python3 -c '
import json, sys
d = json.load(sys.stdin); p = d["latencyPercentiles"]; c = d["statusCodeDistribution"]
ms = lambda v: "%.2fms" % (v * 1e3)
# Requests still in flight when the duration ends are cut by oha ("aborted due to deadline"): not
# errors of the server. Any other client-side error counts as a failure.
bad = sum(n for s, n in c.items() if not s.startswith("2")) + sum(
    n for k, n in d["errorDistribution"].items() if "deadline" not in k)
print("%-48s %8s %8s %8s %8.1f %6d" % (sys.argv[1], ms(p["p50"]), ms(p["p90"]), ms(p["p99"]), d["summary"]["requestsPerSec"], bad))
' "/api/$e"
  else
    out=$(wrk -t1 -c20 -d"${DURATION}s" --latency -s bench/rate.lua "$url")
    p() { awk -v k="$1" '$1==k {print $2}' <<<"$out"; }
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-48s %8s %8s %8s %8s %6s\n' "/api/$e" "$(p 50%)" "$(p 90%)" "$(p 99%)" "$rps" "${bad:-0}"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
