#!/usr/bin/env bash
# Builds Idéverket and starts it at http://127.0.0.1:3000 with the demo organisation on SQLite.
# Installs what is missing first. Usage: ./run.sh [--release]
set -euo pipefail
source "$(dirname "$0")/setup.sh"

profile=dev
[ "${1:-}" = "--release" ] && profile=release

ensure_wasm_target
no_incremental_when_cold
# The wasm-bindgen CLI installs (when missing) beside the server's build.
background wasm-bindgen ensure_wasm_bindgen
build_server "$profile"
await wasm-bindgen
build_site "$profile"

cd "$ROOT"
say "Starting Idéverket on http://${IDEVERKET_ADDR:-127.0.0.1:3000} (database: ${DATABASE_URL:-sqlite://data/ideverket.db}); Ctrl-C stops it"
export IDEVERKET_SITE_ROOT="$(site_root "$profile")"
exec "$(server_binary "$profile")" serve --demo
