#!/usr/bin/env bash
# Builds Idéverket and starts it at http://127.0.0.1:3000 with the demo organisation on SQLite.
# Installs what is missing first. Usage: ./run.sh [--release]
set -euo pipefail
source "$(dirname "$0")/setup.sh"

profile=dev
[ "${1:-}" = "--release" ] && profile=release

ensure_wasm_target
no_incremental_when_cold
# The server's build is the critical path: wasm-bindgen's install fills what it leaves idle
# (issue 27; with --release the two share cargo's release folder and take turns), and the npm
# packages of the stylesheet come in meanwhile. The bundle compiles after the server (the dev
# profiles share cargo's lock), while the install may still run.
background wasm-bindgen niced ensure_wasm_bindgen
background npm-style ensure_style_modules
build_server "$profile"
compile_bundle "$profile"
await wasm-bindgen
await npm-style
build_site "$profile"

cd "$ROOT"
say "Starting Idéverket on http://${IDEVERKET_ADDR:-127.0.0.1:3000} (database: ${DATABASE_URL:-sqlite://data/ideverket.db}); Ctrl-C stops it"
export IDEVERKET_SITE_ROOT="$(site_root "$profile")"
exec "$(server_binary "$profile")" serve --demo
