-- Paces wrk to a bounded rate: each connection waits `pace_ms` between requests, so
-- rate ≈ connections × 1000 / (pace_ms + latency). wrk measures latency from the write, so the
-- pause is not counted. Usage: wrk -t1 -c20 -d15s --latency -s bench/rate.lua URL
-- (20 connections × 40 ms ≈ 500 requests/s).
local pace_ms = tonumber(os.getenv("PACE_MS") or "40")
function delay()
  return pace_ms
end
