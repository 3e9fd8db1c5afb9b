#!/usr/bin/env bash
# Page load with Lighthouse (npm `lighthouse` 12, in end2end/bench/lighthouse/ with its lock;
# Debian's Chromium through CHROME_PATH): the home page, a long table page, a form page and
# the portfolio as the signed-in manager sees it,
# mobile and desktop presets, against the release server with demo data. Prints score, FCP,
# LCP, TBT, TTI and bytes transferred per page. A figure to read, not a test: it asserts
# nothing. Usage: end2end/bench/pageload.sh [--no-build]
set -euo pipefail
source "$(dirname "$0")/../../setup.sh"
cd "$ROOT"

bench_build "$@"
ensure_apt chromium
ensure_npm_packages end2end/bench/lighthouse "Lighthouse, for this bench only"
lh="$ROOT/end2end/bench/lighthouse"

start_bench_server pageload
export CHROME_PATH=/usr/bin/chromium
# As the tests start Chromium here: no calls home, which this machine's closed network refuses.
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

say "Lighthouse $("$lh/node_modules/.bin/lighthouse" --version) (performance), release build"
printf '%-16s %-8s %6s %8s %8s %8s %8s %10s\n' page preset score "FCP ms" "LCP ms" "TBT ms" "TTI ms" "KiB"
# The portfolio is a signed-in page: Lighthouse sends the manager's session cookie for it.
cookie=$(bench_session leder@ideverket.example)
[ -n "$cookie" ] || { echo "could not sign in for the bench" >&2; exit 1; }
for path in / /organisasjon /logg-inn /portefolje; do
  for preset in mobile desktop; do
    report="$BENCH_TMP/lh.json"
    preset_flag=()
    [ "$preset" = desktop ] && preset_flag=(--preset=desktop)
    [ "$path" = /portefolje ] && preset_flag+=("--extra-headers={\"Cookie\":\"$cookie\"}")
    "$lh/node_modules/.bin/lighthouse" "$BENCH_URL$path" "${preset_flag[@]}" --quiet \
      --only-categories=performance --output=json --output-path="$report" --chrome-flags="$flags" >/dev/null
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const a = (id) => Math.round(r.audits[id].numericValue);
      const row = [process.argv[2].padEnd(16), process.argv[3].padEnd(8),
        String(r.categories.performance.score).padStart(6),
        String(a("first-contentful-paint")).padStart(8), String(a("largest-contentful-paint")).padStart(8),
        String(a("total-blocking-time")).padStart(8), String(a("interactive")).padStart(8),
        (a("total-byte-weight") / 1024).toFixed(1).padStart(10)];
      console.log(row.join(" "));' "$report" "$path" "$preset"
  done
done
