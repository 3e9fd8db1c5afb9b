#!/usr/bin/env bash
# Shared steps for run.sh and test.sh: install what is missing (printing what and why), then
# build the site (server binary, hydration wasm + JS, CSS). Sourced, not run on its own.
# Everything comes from the package registries (the crate registry, Debian's archive, npm):
# nothing is downloaded from anywhere else.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

now() { date +%s; }
# Each step says what it does and when, in minutes and seconds since the script started.
SETUP_STARTED=${SETUP_STARTED:-$(now)}
say() {
  local t=$(( $(now) - SETUP_STARTED ))
  printf '\n==> [%d:%02d] %s\n' $(( t / 60 )) $(( t % 60 )) "$*"
}
took() { printf '    (%ss)\n' "$(( $(now) - $1 ))"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages, installed only when missing.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]} (apt-get; a minute or two)"
    local t; t=$(now)
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    took "$t"
  fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the Rust target wasm32-unknown-unknown (rustup)"
    rustup target add wasm32-unknown-unknown
  fi
}

# The bundle's JavaScript glue is made by wasm-bindgen's own library at the workspace's version
# (server/bindgen), built with the workspace: no `cargo install wasm-bindgen-cli`, whose test
# runner, argument parser and logger cost a fresh 2-core machine 14 minutes of compiling beside
# the build (issue 27). Always a debug build (it is a build tool; its output is the same).
build_bindgen() {
  cargo build -p ideverket-bindgen
}

bindgen_binary() {
  echo "$CARGO_TARGET_DIR/debug/ideverket-bindgen"
}

# Lints while it builds (issue 27): `cargo clippy` is `cargo check` with clippy's driver as
# the compiler of the workspace's own crates; the same driver under `cargo build` lints each of
# them while compiling it, so the lints cost no pass of their own (a fresh machine spent 3½
# minutes checking every crate before building them all again, for the server and for the
# wasm). Every warning denied, as `cargo clippy -- -D warnings` does. test.sh only.
lint_while_building() {
  export RUSTC_WORKSPACE_WRAPPER=clippy-driver
  export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
}

# A first build (no debug server built yet: a fresh clone, an empty target directory) keeps no
# incremental caches: it would only write them, and the workspace's crates compiled a fifth
# slower for it (issue 27: 151 s instead of 119 s for `app` and `server`). Later builds keep
# them, so a change recompiles only what it touched.
no_incremental_when_cold() {
  if [ ! -x "$(server_binary dev)" ]; then
    export CARGO_INCREMENTAL=0
  fi
}

# What only waits on the network or on one core, or fills cores the tests leave idle, started
# beside the builds (issue 27: a fresh machine's test.sh did each in turn): `background NAME
# COMMAND…` runs it with its output in a log; `await NAME` waits for it, prints what it said
# (each step with the time it started) and fails if it failed.
declare -A BACKGROUND_JOB BACKGROUND_LOG

# Runs COMMAND… at the lowest CPU priority: a job that is not yet on the critical path (an
# install needed minutes later) takes only what the build in front leaves idle, instead of
# half of the two cores from it.
niced() {
  renice -n 19 -p "$BASHPID" >/dev/null 2>&1 || true
  "$@"
}

background() {
  local name="$1"; shift
  BACKGROUND_LOG[$name]=$(mktemp)
  ( "$@" ) >"${BACKGROUND_LOG[$name]}" 2>&1 &
  BACKGROUND_JOB[$name]=$!
}

await() {
  local name="$1" job="${BACKGROUND_JOB[$1]:-}"
  [ -n "$job" ] || return 0
  unset "BACKGROUND_JOB[$name]"
  if ! wait "$job"; then
    cat "${BACKGROUND_LOG[$name]}" >&2
    echo "$name failed" >&2
    return 1
  fi
  cat "${BACKGROUND_LOG[$name]}"
  say "($name, in the background: done)"
  rm -f "${BACKGROUND_LOG[$name]}"
}

# npm packages of a folder with a committed package-lock.json, installed (npm ci) when missing
# or older than the lock. $1: the folder under the project root; $2: what they are, for the log.
ensure_npm_packages() {
  command -v npm >/dev/null || ensure_apt nodejs npm
  local dir="$ROOT/$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
     || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "Installing the npm packages of $1/ (npm ci: $2)"
    (cd "$dir" && npm ci --no-fund --no-audit)
  fi
}

# end2end/: Playwright and axe-core for the browser tests, and binaryen, whose wasm-opt
# optimises the release bundle.
ensure_node_modules() {
  ensure_npm_packages end2end "Playwright, axe-core, binaryen; no browser download"
}

# style/: Designsystemet's CSS, its CLI that makes the theme from
# style/designsystemet.config.json, and lightningcss, which minifies.
ensure_style_modules() {
  ensure_npm_packages style "Designsystemet, lightningcss"
}

# A demo user's session cookie (`ideverket_session=…`) from the bench server, signed in as the
# sign-in form posts it: bench_session EMAIL.
bench_session() {
  local action
  action=$(curl -s "$BENCH_URL/logg-inn" | grep -o 'action="/api/sign_in[^"]*"' | head -n1 | cut -d'"' -f2)
  curl -s -o /dev/null -c "$BENCH_TMP/jar" -H "Origin: $BENCH_URL" -H "Referer: $BENCH_URL/logg-inn" \
    --data-urlencode "email=$1" --data-urlencode "password=Idéverket-demo-2026" \
    "$BENCH_URL$action"
  awk '$6 == "ideverket_session" { print "ideverket_session=" $7 }' "$BENCH_TMP/jar"
}

# The first lines of every bench: builds the release (site and server) unless given
# --no-build, so a bench measures what `./run.sh --release` serves.
bench_build() {
  if [ "${1:-}" != "--no-build" ]; then
    ensure_wasm_target
    ensure_node_modules
    build_site release
    build_server release
  fi
}

# The built site (pkg/ with wasm, JS, CSS) of a profile: dev | release. Each profile has its
# own, so the tests can serve both builds side by side.
site_root() {
  if [ "$1" = release ]; then echo "$ROOT/target/site-release"; else echo "$ROOT/target/site"; fi
}

# The features the wasm may use: what Rust's wasm32-unknown-unknown target enables by default.
# wasm-bindgen's externref table needs reference types; binaryen must be told, not guess.
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-reference-types --enable-sign-ext)

# wasm-opt -Oz with npm's binaryen (end2end/package-lock.json pins it). Debian's binaryen 108
# turns wasm-bindgen's externref table into a funcref table: the bundle then throws on load and
# never hydrates (issue 8), so it is never used. Skipped (it takes about a minute) when the
# input, the optimiser and the output are those of the last run, as a stamp file records.
optimise_wasm() {
  local input="$1" output="$2" stamp="$3" wasm_opt="$ROOT/end2end/node_modules/.bin/wasm-opt" run
  ensure_node_modules
  run="$(sha256sum <"$input" | cut -c1-64) $("$wasm_opt" --version) -Oz ${WASM_OPT_FEATURES[*]}"
  if [ -f "$output" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$run $(sha256sum <"$output" | cut -c1-64)" ]; then
    say "The wasm is unchanged since it was last optimised: wasm-opt skipped"
    return
  fi
  say "Optimising the wasm for size ($("$wasm_opt" --version | cut -d' ' -f1-3), -Oz)"
  "$wasm_opt" -Oz "${WASM_OPT_FEATURES[@]}" -o "$output" "$input"
  echo "$run $(sha256sum <"$output" | cut -c1-64)" >"$stamp"
}

# Copies the built files of $1 into the served folder $2 under content-hashed names
# (ideverket.<hash>.css; the JS and the wasm share one hash, as one is the other's glue),
# with gzip twins (and brotli for release), and writes $3, the list the server reads at start
# ("ideverket.css ideverket.1a2b….css" per line). Names change only when content does, so the
# server lets browsers keep them for a year (`immutable`).
publish_assets() {
  local stage="$1" pkg="$2" manifest="$3" profile="$4" bundle css icon
  bundle=$(cat "$stage/ideverket.js" "$stage/ideverket_bg.wasm" | sha256sum | cut -c1-16)
  css=$(sha256sum <"$stage/ideverket.css" | cut -c1-16)
  icon=$(sha256sum <"$stage/favicon.svg" | cut -c1-16)
  rm -rf "$pkg.new"
  mkdir -p "$pkg.new"
  cp "$stage/ideverket.js" "$pkg.new/ideverket.$bundle.js"
  cp "$stage/ideverket_bg.wasm" "$pkg.new/ideverket.${bundle}_bg.wasm"
  cp "$stage/ideverket.css" "$pkg.new/ideverket.$css.css"
  cp "$stage/favicon.svg" "$pkg.new/favicon.$icon.svg"
  for f in "$pkg.new"/*; do gzip -9 -k -f "$f"; done
  if [ "$profile" = release ]; then
    # Brotli at its highest quality (Node's zlib; Node is there for wasm-opt): the release
    # wasm is 108 KB brotli against 133 KB gzip.
    node -e '
      const zlib = require("zlib"), fs = require("fs");
      const quality = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
      for (const f of process.argv.slice(1)) {
        fs.writeFileSync(f + ".br", zlib.brotliCompressSync(fs.readFileSync(f), quality));
      }' $(ls "$pkg.new"/* | grep -v '\.gz$')
  fi
  printf '%s\n' "ideverket.js ideverket.$bundle.js" "ideverket_bg.wasm ideverket.${bundle}_bg.wasm" \
    "ideverket.css ideverket.$css.css" "favicon.svg favicon.$icon.svg" >"$manifest.new"
  rm -rf "$pkg"
  mv "$pkg.new" "$pkg"
  mv "$manifest.new" "$manifest"
}

# The cargo profile of a bundle: bundle_profile dev | release.
bundle_profile() {
  if [ "$1" = release ]; then echo wasm-release; else echo dev; fi
}

# The hydration bundle's compile alone, for wasm32 (build_site runs it; test.sh starts it
# early, beside the integration tests: a wasm profile has folders and a lock of its own, so
# cargo builds it beside the test build). profile: dev | release
compile_bundle() {
  cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate \
    --profile "$(bundle_profile "$1")"
}

# profile: dev | release
build_site() {
  local profile="$1" cargo_profile out_dir site stage
  cargo_profile=$(bundle_profile "$profile")
  # cargo's folder for the profile `dev` is `debug`.
  out_dir=$cargo_profile
  [ "$cargo_profile" = dev ] && out_dir=debug
  site=$(site_root "$profile"); stage="$site/stage"
  say "Building the hydration bundle (app crate → wasm32, profile $cargo_profile) into $site"
  local t; t=$(now)
  compile_bundle "$profile"
  build_bindgen
  mkdir -p "$stage"
  if [ "$profile" = release ]; then
    # The glue is written beside the stage; only the optimised wasm is staged.
    "$(bindgen_binary)" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$out_dir/app.wasm" "$site/bindgen"
    cp "$site/bindgen/ideverket.js" "$stage/ideverket.js"
    optimise_wasm "$site/bindgen/ideverket_bg.wasm" "$stage/ideverket_bg.wasm" "$site/wasm-opt.stamp"
  else
    "$(bindgen_binary)" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$out_dir/app.wasm" "$stage"
  fi
  say "Building the stylesheet (Designsystemet + style/main.css)"
  ensure_style_modules
  node "$ROOT/style/build.mjs" "$stage/ideverket.css" "$CARGO_TARGET_DIR/style"
  cp "$ROOT/style/favicon.svg" "$stage/favicon.svg"
  publish_assets "$stage" "$site/pkg" "$site/assets.txt" "$profile"
  took "$t"
}

# The served (hashed) name of a built file of a profile: served_name release ideverket.css
# (the plain name for a build without the list, such as an older one a bench compares with).
served_name() {
  local list="${BENCH_SITE_ROOT:-$(site_root "$1")}/assets.txt"
  if [ -f "$list" ]; then awk -v want="$2" '$1 == want { print $2 }' "$list"; else echo "$2"; fi
}

# N free TCP ports on 127.0.0.1, on one line (for servers started by the tests and benches).
free_ports() {
  node -e "
    const net = require('net');
    const servers = Array.from({ length: $1 }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, '127.0.0.1', ok)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(' '));
      servers.forEach((s) => s.close());
    });"
}

# Starts the release server with demo data on a free port for a bench, stopped when the
# script exits: sets BENCH_URL (http://127.0.0.1:PORT). $1 names the database file.
# BENCH_SERVER_BIN and BENCH_SITE_ROOT measure another build instead (an older commit's, for a
# before/after table; run the bench with --no-build then).
start_bench_server() {
  BENCH_TMP=$(mktemp -d)
  local port; port=$(free_ports 1)
  local bin="${BENCH_SERVER_BIN:-$(server_binary release)}"
  # BENCH_BACKEND=postgres: a fresh database of its own on the local PostgreSQL
  # (127.0.0.1:5432, user postgres), dropped afterwards; SQLite (a temporary file) otherwise.
  BENCH_PG_DB=""
  if [ "${BENCH_BACKEND:-sqlite}" = postgres ]; then
    BENCH_PG_DB="bench_${1}_$$"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $BENCH_PG_DB" >/dev/null
    BENCH_DATABASE="postgres://postgres@127.0.0.1:5432/$BENCH_PG_DB"
  else
    BENCH_DATABASE="sqlite://$BENCH_TMP/$1.db?mode=rwc"
  fi
  trap bench_cleanup EXIT
  # BENCH_PROJECTS: a portfolio of that many demo projects, loaded before the server starts.
  if [ -n "${BENCH_PROJECTS:-}" ]; then
    say "Loading the demo data with $BENCH_PROJECTS projects (${BENCH_BACKEND:-sqlite})"
    local t; t=$(now)
    DATABASE_URL="$BENCH_DATABASE" RUST_LOG=warn "$bin" seed --demo --projects "$BENCH_PROJECTS"
    # PostgreSQL's autovacuum would visit the freshly loaded tables while the bench measures
    # (runs moved by a millisecond): the database is measured as autovacuum leaves it, after.
    if [ -n "$BENCH_PG_DB" ]; then
      psql -h 127.0.0.1 -U postgres -d "$BENCH_PG_DB" -qc "VACUUM ANALYZE" >/dev/null
    fi
    took "$t"
  fi
  IDEVERKET_ADDR="127.0.0.1:$port" IDEVERKET_SITE_ROOT="${BENCH_SITE_ROOT:-$(site_root release)}" \
    DATABASE_URL="$BENCH_DATABASE" RUST_LOG=warn \
    "$bin" serve --demo >"$BENCH_TMP/server.log" 2>&1 &
  BENCH_SERVER=$!
  BENCH_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -fs "$BENCH_URL/readyz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "the release server did not start; its log: $BENCH_TMP/server.log" >&2
  return 1
}

# Stops what a bench started: the server, nginx if it runs, and the temporary files.
bench_cleanup() {
  kill "$BENCH_SERVER" 2>/dev/null; wait "$BENCH_SERVER" 2>/dev/null
  [ -f "$BENCH_TMP/nginx.conf" ] && nginx -c "$BENCH_TMP/nginx.conf" -s stop 2>/dev/null
  [ -n "${BENCH_PG_DB:-}" ] && psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_PG_DB" >/dev/null 2>&1
  rm -rf "$BENCH_TMP"
}

# The median of the times in seconds on standard input, one a line, in ms with one decimal.
median_ms() {
  sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }'
}

# The median time in ms of 15 requests one after another on one kept-alive connection (one
# curl that reuses its connection, as a browser does): bench_median URL [curl arguments…].
bench_median() {
  local url="$1"; shift
  local urls=()
  for _ in $(seq 1 15); do urls+=(-o /dev/null "$url"); done
  curl -s -w '%{time_total}\n' "$@" "${urls[@]}" | median_ms
}

# The same with a new connection for each request (one curl each): what a page costs with
# the connection's set-up, as the first request of a visit pays it.
bench_median_new_connection() {
  local url="$1"; shift
  for _ in $(seq 1 15); do
    curl -s -o /dev/null -w '%{time_total}\n' "$@" "$url"
  done | median_ms
}

# A statement on the bench's database (sqlite3 or psql, whichever BENCH_DATABASE names).
bench_sql() {
  if [ -n "${BENCH_PG_DB:-}" ]; then
    psql -h 127.0.0.1 -U postgres -d "$BENCH_PG_DB" -qAtc "$1"
  else
    local file="${BENCH_DATABASE#sqlite://}"
    sqlite3 "${file%%\?*}" "$1"
  fi
}

# Like bench_median, but each request after a write: the portfolio's stamp changes first
# (what any write to a project does), so the page counts and sums its selection again
# instead of reading the remembered summary (issue 27).
bench_median_after_write() {
  local url="$1"; shift
  for _ in $(seq 1 15); do
    bench_sql "UPDATE portfolio_stamp SET stamp = stamp + 1 WHERE id = 1" >/dev/null
    curl -s -o /dev/null -w '%{time_total}\n' "$@" "$url"
  done | median_ms
}

# nginx serving the very bytes the app answered for each of the given paths (saved once with
# curl, with the curl arguments in the array BENCH_CURL_ARGS, e.g. a session cookie), so
# nginx does no work the app skips. Path number i is at $NGINX_URL/bench/i.
start_nginx_twin() {
  local static="$BENCH_TMP/static" i=0 path type port
  mkdir -p "$static"
  port=$(free_ports 1)
  {
    echo "worker_processes 2; pid $BENCH_TMP/nginx.pid; error_log $BENCH_TMP/nginx-error.log;"
    echo "events { worker_connections 1024; }"
    echo "http { access_log off; keepalive_requests 100000; server { listen 127.0.0.1:$port;"
    for path in "$@"; do
      i=$((i + 1))
      type=$(curl -s "${BENCH_CURL_ARGS[@]}" -o "$static/$i" -w '%{content_type}' "$BENCH_URL$path")
      echo "  location = /bench/$i { default_type \"$type\"; alias $static/$i; }"
    done
    echo "} }"
  } >"$BENCH_TMP/nginx.conf"
  nginx -c "$BENCH_TMP/nginx.conf"
  NGINX_URL="http://127.0.0.1:$port"
}

# wrk at 32 connections for 10 s on $1 (more wrk arguments after it, e.g. -H 'Cookie: …');
# prints "req/s p50 p99".
run_wrk() {
  local url="$1"; shift
  wrk -t2 -c32 -d10s --latency "$@" "$url" | awk '
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 }
    END { printf "%12s %10s %10s\n", rps, p50, p99 }'
}

# profile: dev | release. The debug server is the one the tests build, and it serves the
# release bundle to the end-to-end tests (test.sh): no build uses `erase_components`, so every
# server renders the markup every bundle hydrates.
build_server() {
  local profile="$1"
  say "Building the server (profile $profile)"
  local t; t=$(now)
  if [ "$profile" = release ]; then
    cargo build -p server --release
  else
    cargo build -p server
  fi
  took "$t"
}

server_binary() {
  case "$1" in
    release) echo "$CARGO_TARGET_DIR/release/ideverket" ;;
    *) echo "$CARGO_TARGET_DIR/debug/ideverket" ;;
  esac
}
