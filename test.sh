#!/usr/bin/env bash
# Runs the whole test suite: formatting, lints (server and wasm builds), unit tests,
# integration tests on SQLite and PostgreSQL, and end-to-end tests in Debian's Chromium.
# Installs what is missing first. Prints the test count of every layer.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
started=$(now)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

ensure_postgres() {
  local url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
  if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null; then
      say "Starting the local PostgreSQL cluster (integration tests need it)"
      as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    fi
  fi
  if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "PostgreSQL does not answer at 127.0.0.1:5432 ($url); the integration tests need it." >&2
    exit 1
  fi
}

# Reads "N tests run: P passed, F failed, …" from cargo-nextest's summary line.
nextest_counts() {
  local line
  line=$(grep -E 'tests? run:' "$1" | tail -n1)
  printf '%d %d\n' "$(grep -Eo '[0-9]+ passed' <<<"$line" | grep -Eo '[0-9]+' || echo 0)" \
    "$(grep -Eo '[0-9]+ failed' <<<"$line" | grep -Eo '[0-9]+' || echo 0)"
}

ensure_nextest() {
  if ! cargo nextest --version >/dev/null 2>&1; then
    say "Installing cargo-nextest from the crate registry (runs each test in its own process; a few minutes, once)"
    cargo install cargo-nextest --locked
  fi
}

ensure_wasm_target
ensure_nextest
ensure_postgres
# Installs beside the builds, each awaited where it is first needed.
background chromium ensure_apt chromium chromium-driver
background npm-end2end ensure_node_modules
background npm-style ensure_style_modules
background schemathesis bash end2end/api-contract/run.sh --install
background smtp-sink bash end2end/smtp/install.sh

say "Formatting: cargo fmt --check"
cargo fmt --all --check

# Every build from here on runs clippy's lints on the workspace's crates, every warning denied
# (setup.sh): the test builds lint every target of the server build (what `cargo clippy
# --workspace --all-targets` checks), the bundles' builds the hydrate build for wasm32.
lint_while_building
no_incremental_when_cold

say "Lints and unit tests (pure domain and helpers), built under clippy"
cargo nextest run --workspace --lib --bins 2>&1 | tee "$logs/unit.log"
read -r unit_passed unit_failed < <(nextest_counts "$logs/unit.log")

# The release bundle compiles beside the integration tests, which leave about a third of the
# two cores idle (waiting on the databases, starting a process per test), and then the tool
# that makes its glue (server/bindgen; by then the integration tests' build, which shares its
# cargo folder and lock, is done).
release_bundle() {
  compile_bundle release
  build_bindgen
}
background release-bundle release_bundle

# The e-mail tests talk to a real SMTP server (aiosmtpd), each starting its own (issue 30).
await smtp-sink
export IDEVERKET_TEST_SMTP_PYTHON="${SMTP_SINK_VENV:-$HOME/.cache/ideverket/smtp-venv}/bin/python"
E2E_SMTP_PYTHON="$IDEVERKET_TEST_SMTP_PYTHON"
export E2E_SMTP_PYTHON

say "Lints and integration tests: service layer and HTTP on SQLite and PostgreSQL"
cargo nextest run --workspace --test '*' 2>&1 | tee "$logs/integration.log"
read -r int_passed int_failed < <(nextest_counts "$logs/integration.log")

# The integration tests built the server binary already (with the test feature set);
# `cargo build -p server` would build it a second time with other features.
[ -x "$(server_binary dev)" ] || build_server dev

# The bundle the end-to-end tests load is what `./run.sh --release` serves: its optimised
# bundle once threw on load and never hydrated while every debug test passed (issue 8). No
# build uses `erase_components`, so the debug server renders the markup it hydrates and one
# server serves the whole suite (issue 27: a second server for a release layer was 3¾ minutes
# of a fresh machine's run, a debug bundle another 1½).
await release-bundle
await npm-end2end
await npm-style

say "API contract: Schemathesis against the debug server, in the background beside the end-to-end tests"
# The OpenAPI document checked against the running server (issue 26): all checks, positive
# and negative data, the stateful phase along the document's links. Exceptions, each with its
# reason: end2end/api-contract/schemathesis.toml. The debug server the integration tests built
# (the API is the same code in every build; it needs no built site, so an empty site root),
# beside the end-to-end tests, which wait on the browser most of their time (issue 27: they
# keep about 40% of the two cores busy).
await schemathesis
api_site=$(mktemp -d)
# At a lower CPU priority (nice 10): the browser tests wait on page loads and time out, the
# fuzzing does not; it takes what they leave idle (issue 27: on a slow 2-core machine, two
# end-to-end tests timed out beside both roles' servers and fuzzers at full priority).
background api-contract nice -n 10 bash -c "bash end2end/api-contract/run.sh '$(server_binary dev)' '$api_site' >'$logs/api.log' 2>&1"

build_site release

say "End-to-end tests in Chromium (Playwright, axe-core): the release bundle, served by the debug server"
await chromium
e2e_tmp=$(mktemp -d)
read -r E2E_PORT E2E_PORT_MUTATING E2E_PORT_SMTP E2E_PORT_OIDC < <(free_ports 4)
export E2E_PORT E2E_PORT_MUTATING E2E_PORT_SMTP E2E_PORT_OIDC E2E_TMP="$e2e_tmp" \
  E2E_SITE_ROOT="$(site_root release)" E2E_SERVER_BIN="$(server_binary dev)"
(cd end2end && npx playwright test) 2>&1 | tee "$logs/e2e.log"
rm -rf "$e2e_tmp"
e2e_passed=$(grep -Eo '^ *[0-9]+ passed' "$logs/e2e.log" | grep -Eo '[0-9]+' | tail -n1 || true)
e2e_failed=$(grep -Eo '^ *[0-9]+ failed' "$logs/e2e.log" | grep -Eo '[0-9]+' | tail -n1 || true)
e2e_passed=${e2e_passed:-0}; e2e_failed=${e2e_failed:-0}
# A panic in the server is a bug even when every page still answered (issue 11): the servers'
# output reaches this log through Playwright ([WebServer] lines); the panic hook logs "panicked".
server_panics=$(grep -c 'panicked' "$logs/e2e.log" || true)
if [ "${server_panics:-0}" -gt 0 ]; then
  grep 'panicked' "$logs/e2e.log" | head -n 20 >&2
  echo "the server logged ${server_panics} panic(s) during the end-to-end tests" >&2
  e2e_failed=$((e2e_failed + 1))
fi

if await api-contract; then api_failed=0; else api_failed=1; fi
rm -rf "$api_site"
say "API contract: what Schemathesis said"
cat "$logs/api.log"
api_cases=$( (grep -Eo '^ *[0-9]+ generated' "$logs/api.log" || true) | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
if [ "${api_cases:-0}" -eq 0 ]; then
  echo "Schemathesis ran no test case" >&2
  api_failed=1
fi

total_passed=$((unit_passed + int_passed + e2e_passed))
total_failed=$((unit_failed + int_failed + e2e_failed + api_failed))
say "Summary ($(( $(now) - started ))s)"
printf '  unit:         %4d passed, %d failed\n' "$unit_passed" "$unit_failed"
printf '  integration:  %4d passed, %d failed (SQLite and PostgreSQL)\n' "$int_passed" "$int_failed"
printf '  end-to-end:   %4d passed, %d failed (Chromium; the release bundle)\n' "$e2e_passed" "$e2e_failed"
printf '  API contract: %4d Schemathesis cases, %s\n' "$api_cases" "$([ "$api_failed" -eq 0 ] && echo "no failure" || echo "FAILED (see above)")"
if [ "$unit_passed" -eq 0 ] || [ "$int_passed" -eq 0 ] || [ "$e2e_passed" -eq 0 ]; then
  echo "a test layer ran no test" >&2
  exit 1
fi
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
