#!/usr/bin/env bash
# Page weight of the release build: raw, gzip and brotli bytes of the hydration bundle (wasm,
# JS, CSS) and of the HTML of the public pages, served by the release server with demo data.
# Prints figures; it is not a test and asserts nothing. Budget (DESIGN §10): release wasm
# ≤ 150 KB gzip.
# Usage: end2end/bench/size.sh [--no-build]   (--no-build: measure what is already built)
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

if [ "${1:-}" != "--no-build" ]; then
  ensure_wasm_target
  ensure_wasm_bindgen
  build_site release
  build_server release
fi
ensure_node_modules
pkg="$(site_root release)/pkg"
bench="$ROOT/end2end/bench"

say "Release bundle ($pkg)"
node "$bench/sizes.mjs" "wasm=$pkg/ideverket_bg.wasm" "js=$pkg/ideverket.js" "css=$pkg/ideverket.css"

say "HTML of the public pages (release server, demo data)"
tmp=$(mktemp -d)
port=$(free_ports 1)
IDEVERKET_ADDR="127.0.0.1:$port" IDEVERKET_SITE_ROOT="$(site_root release)" \
  DATABASE_URL="sqlite://$tmp/size.db?mode=rwc" RUST_LOG=warn \
  "$(server_binary release)" serve --demo >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
urls=()
for path in / /organisasjon /tilgjengelighet /logg-inn /api-dokumentasjon; do
  urls+=("html $path=http://127.0.0.1:$port$path")
done
node "$bench/sizes.mjs" "${urls[@]}"
