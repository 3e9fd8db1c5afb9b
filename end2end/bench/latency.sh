#!/usr/bin/env bash
# Latency on one kept-alive connection (what a browser uses), release build with demo data:
# curl's time for the 2nd to 20th request of the same URL on one connection, and wrk with one
# connection (Debian's wrk, installed if missing). Issue 10 found ~42 ms per static file here
# before the server set TCP_NODELAY. Prints figures; it is not a test and asserts nothing.
# Usage: end2end/bench/latency.sh [--no-build]   (--no-build: measure what is already built)
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

bench_build "$@"
ensure_apt wrk

start_bench_server latency
css="/pkg/$(served_name release ideverket.css)"

say "One kept-alive connection: curl, requests 2–20 (the first opens the connection)"
printf '%-28s %10s %10s\n' path "p50 ms" "max ms"
for path in "$css" /healthz / /organisasjon; do
  args=()
  for _ in $(seq 1 20); do args+=(-o /dev/null "$BENCH_URL$path"); done
  curl -s -H 'Accept-Encoding: gzip' -w '%{time_total}\n' "${args[@]}" | tail -n +2 | sort -n |
    awk -v p="$path" '{ t[NR] = $1 * 1000 } END { printf "%-28s %10.2f %10.2f\n", p, t[int((NR + 1) / 2)], t[NR] }'
done

say "wrk, one connection, 5 s per path"
for path in "$css" /; do
  echo "-- $path"
  wrk -t1 -c1 -d5s --latency -H 'Accept-Encoding: gzip' "$BENCH_URL$path" |
    grep -E 'Requests/sec|50%|99%'
done
