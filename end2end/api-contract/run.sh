#!/usr/bin/env bash
# Checks the running server against its own OpenAPI document with Schemathesis (issue 26):
# every operation, as an admin and as an employee, all checks, positive and negative data,
# and the stateful phase along the document's links. Starts its own server on a fresh SQLite
# database with the demo data; prints Schemathesis's summary and exits non-zero on a failure.
#
#   end2end/api-contract/run.sh SERVER_BIN SITE_ROOT [EXAMPLES]
#
# Deliberate exceptions (a rule a schema cannot express) are listed with their reason in
# `schemathesis.toml`, Schemathesis's own settings, which this script hands it.
#
# API_CONTRACT_DATABASE_URL runs the server on another database (PostgreSQL: an empty one);
# API_CONTRACT_EXAMPLES sets the examples per operation (default 20, a minute per role).
#   end2end/api-contract/run.sh --install   only installs Schemathesis (test.sh, beside its builds)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${API_CONTRACT_VENV:-$HOME/.cache/ideverket/schemathesis-venv}"

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$(sed -n 's/^schemathesis==//p' "$here/requirements.txt")"; then
  echo "==> Installing Schemathesis from PyPI into $venv (pinned in end2end/api-contract/requirements.txt; once)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi
[ "${1:-}" = --install ] && exit 0

server_bin="${1:?the server binary}"
site_root="${2:?the site root}"
examples="${3:-${API_CONTRACT_EXAMPLES:-20}}"

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DATABASE_URL="${API_CONTRACT_DATABASE_URL:-sqlite://$work/contract.db?mode=rwc}" IDEVERKET_ADDR="127.0.0.1:$port" \
  IDEVERKET_SITE_ROOT="$site_root" RUST_LOG=warn
"$server_bin" serve --demo > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null || { cat "$work/server.log"; exit 1; }

token() { "$server_bin" token create --email "$1" --name "schemathesis" | tail -n 1; }
admin="$(token admin@ideverket.example)"
employee="$(token ansatt@ideverket.example)"

status=0
for who in admin employee; do
  secret="${!who}"
  echo "==> Schemathesis as the $who: every operation, all checks, positive and negative, stateful"
  # From the scratch directory: Schemathesis keeps a cache (.schemathesis/) where it runs.
  if ! (cd "$work" && "$venv/bin/st" --config-file "$here/schemathesis.toml" run \
    "http://127.0.0.1:$port/api/v1/openapi.json" \
    --checks all --mode all --max-examples "$examples" --seed 26 \
    --header "Authorization: Bearer $secret" \
    --no-color > "$work/$who.txt" 2>&1); then
    status=1
    # The failures in full: each with the request that reproduces it.
    cat "$work/$who.txt"
  else
    tail -n 20 "$work/$who.txt"
  fi
done
exit $status
