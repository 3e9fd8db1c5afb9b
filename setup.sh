#!/usr/bin/env bash
# Shared steps for run.sh and test.sh: install what is missing (printing what and why), then
# build the site (server binary, hydration wasm + JS, CSS). Sourced, not run on its own.
# Everything comes from the package registries (crates.io, Debian, npm): nothing is
# downloaded from anywhere else.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SITE_ROOT="$ROOT/target/site"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '\n==> %s\n' "$*"; }
now() { date +%s; }
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

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    say "Installing wasm-bindgen-cli $want from crates.io (matches Cargo.lock; about 7 minutes on 2 cores, once)"
    local t; t=$(now)
    # Not --locked: its own lock file names a crate version missing from the registry.
    cargo install wasm-bindgen-cli --version "$want"
    took "$t"
  fi
}

# profile: dev | release
build_site() {
  local profile="$1" cargo_profile out_dir
  if [ "$profile" = release ]; then
    cargo_profile="wasm-release"; out_dir="wasm-release"
  else
    cargo_profile="dev"; out_dir="debug"
  fi
  say "Building the hydration bundle (app crate → wasm32, profile $cargo_profile)"
  local t; t=$(now)
  cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate --profile "$cargo_profile"
  mkdir -p "$SITE_ROOT/pkg"
  wasm-bindgen --target web --no-typescript --out-dir "$SITE_ROOT/pkg" --out-name ideverket \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$out_dir/app.wasm"
  if [ "$profile" = release ]; then
    ensure_apt binaryen
    say "Optimising the wasm for size (wasm-opt -Oz)"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      -o "$SITE_ROOT/pkg/ideverket_bg.wasm" "$SITE_ROOT/pkg/ideverket_bg.wasm"
  fi
  cp "$ROOT/style/main.css" "$SITE_ROOT/pkg/ideverket.css"
  # Precompressed twins, served by the server to browsers that accept gzip.
  for f in ideverket.js ideverket_bg.wasm ideverket.css; do
    gzip -9 -k -f "$SITE_ROOT/pkg/$f"
  done
  took "$t"
}

build_server() {
  local profile="$1"
  say "Building the server (profile $profile)"
  local t; t=$(now)
  if [ "$profile" = release ]; then cargo build -p server --release; else cargo build -p server; fi
  took "$t"
}

server_binary() {
  if [ "$1" = release ]; then echo "$CARGO_TARGET_DIR/release/ideverket"; else echo "$CARGO_TARGET_DIR/debug/ideverket"; fi
}
