#!/usr/bin/env bash
# Page weight of the release build: raw, gzip and brotli bytes of the hydration bundle (wasm,
# JS, CSS) and of the HTML of the public pages, served by the release server with demo data.
# Prints figures; it is not a test and asserts nothing. Budget (DESIGN §10): release wasm
# ≤ 150 KB gzip; issue 25 sets 130 KB, leaving room for the fund and Tanketanken.
# Usage: end2end/bench/size.sh [--no-build]   (--no-build: measure what is already built)
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

bench_build "$@"
ensure_node_modules
pkg="$(site_root release)/pkg"
bench="$ROOT/end2end/bench"

say "Release bundle ($pkg)"
node "$bench/sizes.mjs" "wasm=$pkg/$(served_name release ideverket_bg.wasm)" \
  "js=$pkg/$(served_name release ideverket.js)" "css=$pkg/$(served_name release ideverket.css)"

say "HTML of the public pages (release server, demo data)"
start_bench_server size
urls=()
for path in / /organisasjon /tilgjengelighet /logg-inn /api-dokumentasjon; do
  urls+=("html $path=$BENCH_URL$path")
done
node "$bench/sizes.mjs" "${urls[@]}"
