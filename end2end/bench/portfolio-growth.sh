#!/usr/bin/env bash
# How the portfolio's pages grow with the portfolio (issue 27, point 3): portfolio.sh at
# 1 000, 10 000 and 100 000 projects on SQLite and on PostgreSQL, then one table per page of
# the median on one connection and req/s (p99) at 32 connections, with nginx's req/s for the
# same bytes. It is not a test and asserts nothing.
# Usage: end2end/bench/portfolio-growth.sh [--no-build]
#   BENCH_SIZES="1000 10000" and BENCH_BACKENDS=sqlite choose fewer runs; each run's whole
#   output is kept in $BENCH_LOGS (a temporary folder unless set).
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

bench_build "$@"
sizes=(${BENCH_SIZES:-1000 10000 100000})
backends=(${BENCH_BACKENDS:-sqlite postgres})
logs="${BENCH_LOGS:-$(mktemp -d)}"
mkdir -p "$logs"

for backend in "${backends[@]}"; do
  for n in "${sizes[@]}"; do
    say "portfolio.sh with $n projects on $backend (log: $logs/$backend-$n.log)"
    BENCH_PROJECTS="$n" BENCH_BACKEND="$backend" bash end2end/bench/portfolio.sh --no-build \
      >"$logs/$backend-$n.log" 2>&1
    grep -E 'the summary counts|took|^\s+\([0-9]+s\)' "$logs/$backend-$n.log" || true
  done
done

# portfolio.sh prints "path median" in its first table and "path app|nginx req/s p50 p99 …"
# in its second; the paths name the project in the middle of the portfolio, so it is shown
# as /prosjekter/N/2.
say "Per page: median on one kept-alive connection (with a new connection each; after a write, where measured); req/s and p99 at 32 connections; nginx req/s for the same bytes"
printf '| page | backend |'; for n in "${sizes[@]}"; do printf ' %s projects |' "$n"; done; echo
printf '| --- | --- |'; for _ in "${sizes[@]}"; do printf ' --- |'; done; echo
for backend in "${backends[@]}"; do
  awk '/^path +median ms/ { table++; next } table == 1 && NF == 3 { print $1 } NF != 3 && table == 1 { table = 9 }' \
    "$logs/$backend-${sizes[0]}.log" | while read -r first; do
    page=$(sed -E 's#/prosjekter/[0-9]+#/prosjekter/N/2#' <<<"$first")
    printf '| `%s` | %s |' "$page" "$backend"
    for n in "${sizes[@]}"; do
      path=$(sed -E "s#/prosjekter/[0-9]+#/prosjekter/$((n / 2))#" <<<"$first")
      awk -v p="$path" '
        /^path +median ms/ { table++; next }
        table == 1 && NF == 3 && $1 == p { median = $2; fresh = $3 }
        table == 2 && NF == 2 && $1 == p { cold = $2 }
        $1 == p && $2 == "app" && NF >= 6 { rps = $3; p99 = $5 }
        $1 == p && $2 == "nginx" && NF >= 5 { twin = $3 }
        END {
          after = cold == "" ? "" : sprintf(" (after a write %s ms)", cold)
          printf " %s ms (new connection %s)%s; %s req/s (p99 %s); nginx %s |", median, fresh, after, rps, p99, twin
        }' \
        "$logs/$backend-$n.log"
    done
    echo
  done
done
