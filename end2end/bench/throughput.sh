#!/usr/bin/env bash
# Throughput at 32 connections (wrk, 2 threads, 10 s a path), release build with demo data on
# SQLite (BENCH_BACKEND=postgres: a fresh PostgreSQL database), beside nginx serving the very same bytes (each response saved once with curl, so
# nginx does no work the app skips). The gap is what rendering and the database cost. Prints
# figures; it is not a test and asserts nothing. Installs Debian's wrk and nginx if missing.
# Usage: end2end/bench/throughput.sh [--no-build]   (--no-build: measure what is already built)
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

bench_build "$@"
ensure_apt wrk nginx

start_bench_server throughput
css="/pkg/$(served_name release ideverket.css)"
# Tanketanken's public side (issue 29): the newest public post's page (as a visitor reads
# it), the blog's front page and its two feeds.
post=$(curl -fs "$BENCH_URL/api/v1/posts?limit=1" | sed -E 's/^.*"items":\[\{"id":([0-9]+).*$/\1/')
paths=("$css" / /organisasjon "/api/v1/sites?limit=200" "/tanketanken/$post" /tanketanken /feed.atom /feed.rss)

# The same bytes, for nginx.
BENCH_CURL_ARGS=()
start_nginx_twin "${paths[@]}"

say "wrk -t2 -c32 -d10s: the app (release) and nginx with the same bytes"
printf '%-34s %-6s %12s %10s %10s\n' path server "req/s" p50 p99
i=0
for path in "${paths[@]}"; do
  i=$((i + 1))
  printf '%-34s %-6s ' "$path" app; run_wrk "$BENCH_URL$path"
  printf '%-34s %-6s ' "$path" nginx; run_wrk "$NGINX_URL/bench/$i"
done
