#!/usr/bin/env bash
# Builds Idéverket and starts it at http://127.0.0.1:3000 with the demo organisation on SQLite.
# Installs what is missing first. Usage: ./run.sh [--release]
set -euo pipefail
source "$(dirname "$0")/setup.sh"

profile=dev
[ "${1:-}" = "--release" ] && profile=release

ensure_wasm_target
no_incremental_when_cold
# The server's build is the critical path; the npm packages of the stylesheet come in
# meanwhile. The tool that makes the bundle's glue (server/bindgen, a debug build) compiles at
# the lowest priority beside a release server (each profile has its own cargo folder and lock;
# with the dev profile the two take turns). The bundle compiles after the server.
background bindgen niced build_bindgen
background npm-style ensure_style_modules
build_server "$profile"
compile_bundle "$profile"
await bindgen
await npm-style
build_site "$profile"

cd "$ROOT"
say "Starting Idéverket on http://${IDEVERKET_ADDR:-127.0.0.1:3000} (database: ${DATABASE_URL:-sqlite://data/ideverket.db}); Ctrl-C stops it"
export IDEVERKET_SITE_ROOT="$(site_root "$profile")"
exec "$(server_binary "$profile")" serve --demo
