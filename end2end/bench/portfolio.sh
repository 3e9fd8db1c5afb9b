#!/usr/bin/env bash
# The portfolio at scale (issues 12, 27): 10 000 demo projects with ideas, benefits and
# measurements, the release server; per page (the portfolio, a filter, a search, a project, the
# summary) the median of 15 requests one at a time on one kept-alive connection and with a new
# connection each, the same after a write (the summary counted
# again), then wrk at 32 connections beside nginx
# serving that answer's exact bytes: req/s, p50, p99 and the app/nginx ratio. It is not a test
# and asserts nothing.
# Usage: end2end/bench/portfolio.sh [--no-build]
#   BENCH_PROJECTS=N for another size; BENCH_BACKEND=postgres for PostgreSQL (a fresh database
#   on 127.0.0.1:5432, dropped afterwards) instead of SQLite.
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

bench_build "$@"
ensure_apt wrk nginx

BENCH_PROJECTS="${BENCH_PROJECTS:-10000}"
start_bench_server portfolio
bin="${BENCH_SERVER_BIN:-$(server_binary release)}"

# The pages need a session (the manager's, as the sign-in form posts it); the API a token.
cookie=$(bench_session leder@ideverket.example)
token=$(DATABASE_URL="$BENCH_DATABASE" RUST_LOG=warn "$bin" token create --email leder@ideverket.example --name bench)
[ -n "$cookie" ] && [ -n "$token" ] || { echo "could not sign in for the bench" >&2; exit 1; }

project=$(( BENCH_PROJECTS / 2 ))
paths=(/portefolje "/portefolje?phase=utvikling_og_utproving&sort=budget" "/portefolje?q=innsjekk"
  "/prosjekter/$project"
  /api/v1/portfolio/summary "/api/v1/projects?q=innsjekk&limit=50")
# Both credentials on every request: pages read the session, the API the token.
auth=(-H "Cookie: $cookie" -H "Authorization: Bearer $token")

# The same bytes, for nginx, as the signed-in manager gets them.
BENCH_CURL_ARGS=("${auth[@]}")
start_nginx_twin "${paths[@]}"
for i in "${!paths[@]}"; do
  printf '  %-52s %8s bytes\n' "${paths[$i]}" "$(stat -c %s "$BENCH_TMP/static/$((i + 1))")"
done
curl -s -H "Authorization: Bearer $token" "$BENCH_URL/api/v1/portfolio/summary" |
  grep -o '"projects":[0-9]*' | head -n1 | sed 's/^/  the summary counts /' 

backend="${BENCH_BACKEND:-sqlite}"
say "One at a time with $BENCH_PROJECTS projects ($backend): median of 15 requests on one kept-alive connection, and with a new connection for each"
printf '%-52s %10s %10s\n' path "median ms" "new conn."
for path in "${paths[@]}"; do
  printf '%-52s %10s %10s\n' "$path" "$(bench_median "$BENCH_URL$path" "${auth[@]}")" \
    "$(bench_median_new_connection "$BENCH_URL$path" "${auth[@]}")"
done

say "After a write (the stamp changed before each request: the summary is counted again), median of 15, a new connection each"
printf '%-52s %10s\n' path "median ms"
for path in /portefolje "/portefolje?q=innsjekk" /api/v1/portfolio/summary; do
  printf '%-52s %10s\n' "$path" "$(bench_median_after_write "$BENCH_URL$path" "${auth[@]}")"
done

say "wrk -t2 -c32 -d10s with $BENCH_PROJECTS projects: the app (release, $backend) and nginx with the same bytes"
printf '%-52s %-6s %12s %10s %10s %7s\n' path server "req/s" p50 p99 ratio
for i in "${!paths[@]}"; do
  path="${paths[$i]}"
  app=$(run_wrk "$BENCH_URL$path" "${auth[@]}")
  twin=$(run_wrk "$NGINX_URL/bench/$((i + 1))")
  ratio=$(awk -v a="$app" -v b="$twin" 'BEGIN { split(b, t, " "); split(a, x, " ");
    if (t[1] > 0) printf "%.3f", x[1] / t[1]; else print "-" }')
  printf '%-52s %-6s %s %7s\n' "$path" app "$app" "$ratio"
  printf '%-52s %-6s %s\n' "$path" nginx "$twin"
done
