#!/usr/bin/env bash
# Checks the running server against its own OpenAPI document with Schemathesis (issue 26):
# every operation, as an admin and as an employee, all checks, positive and negative data,
# and the stateful phase along the document's links. Starts its own server on a fresh SQLite
# database with the demo data; prints Schemathesis's summary and exits non-zero on a failure.
#
#   end2end/api-contract/run.sh SERVER_BIN SITE_ROOT [EXAMPLES]
#
# Deliberate exceptions (a rule a schema cannot express) are listed with their reason in
# `exceptions.md`; they are excluded here by the same operation or check names.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server_bin="${1:?the server binary}"
site_root="${2:?the site root}"
examples="${3:-${API_CONTRACT_EXAMPLES:-20}}"
venv="${API_CONTRACT_VENV:-$HOME/.cache/ideverket/schemathesis-venv}"

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$(sed -n 's/^schemathesis==//p' "$here/requirements.txt")"; then
  echo "==> Installing Schemathesis from PyPI into $venv (pinned in end2end/api-contract/requirements.txt; once)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DATABASE_URL="sqlite://$work/contract.db?mode=rwc" IDEVERKET_ADDR="127.0.0.1:$port" \
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
  excluded=()
  checks="$(grep -o '^- check `[a-z_]*`' "$here/exceptions.md" | sed 's/.*`\(.*\)`/\1/' | paste -sd, - || true)"
  [ -n "$checks" ] && excluded+=(--exclude-checks "$checks")
  "$venv/bin/st" run "http://127.0.0.1:$port/api/v1/openapi.json" \
    --checks all --mode all --max-examples "$examples" --seed 26 \
    --header "Authorization: Bearer $secret" "${excluded[@]}" \
    --no-color > "$work/$who.txt" 2>&1 || status=1
  tail -n 80 "$work/$who.txt"
done
exit $status
