#!/usr/bin/env bash
# Throughput at 32 connections (wrk, 2 threads, 10 s a path), release build with demo data on
# SQLite, beside nginx serving the very same bytes (each response saved once with curl, so
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
paths=("$css" / /organisasjon "/api/v1/sites?limit=200")

# The same bytes, for nginx: one file per path, served with the app's content type.
static="$BENCH_TMP/static"
mkdir -p "$static"
nginx_port=$(free_ports 1)
{
  echo "worker_processes 2; pid $BENCH_TMP/nginx.pid; error_log $BENCH_TMP/nginx-error.log;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off; keepalive_requests 100000; server { listen 127.0.0.1:$nginx_port;"
  i=0
  for path in "${paths[@]}"; do
    i=$((i + 1))
    type=$(curl -s -o "$static/$i" -w '%{content_type}' "$BENCH_URL$path")
    echo "  location = /bench/$i { default_type \"$type\"; alias $static/$i; }"
  done
  echo "} }"
} >"$BENCH_TMP/nginx.conf"
nginx -c "$BENCH_TMP/nginx.conf"
trap 'kill $BENCH_SERVER 2>/dev/null; wait $BENCH_SERVER 2>/dev/null; nginx -c "$BENCH_TMP/nginx.conf" -s stop 2>/dev/null; rm -rf "$BENCH_TMP"' EXIT

run_wrk() {
  wrk -t2 -c32 -d10s --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 }
    END { printf "%12s %10s %10s\n", rps, p50, p99 }'
}

say "wrk -t2 -c32 -d10s: the app (release) and nginx with the same bytes"
printf '%-34s %-6s %12s %10s %10s\n' path server "req/s" p50 p99
i=0
for path in "${paths[@]}"; do
  i=$((i + 1))
  printf '%-34s %-6s ' "$path" app; run_wrk "$BENCH_URL$path"
  printf '%-34s %-6s ' "$path" nginx; run_wrk "http://127.0.0.1:$nginx_port/bench/$i"
done
