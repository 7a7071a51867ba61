# Shared by scripts/run, scripts/test and bench/run: installs what a fresh machine is missing.
# Everything comes from the package registries (crates.io, npm, Debian); nothing else is fetched.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
# Must equal the wasm-bindgen version in Cargo.lock (pinned in Cargo.toml).
WASM_BINDGEN_VERSION="0.2.130"

export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "Installing the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (once)"
    # Its own release profile links with LTO in one codegen unit, about 25 minutes on two cores
    # for a tool whose speed does not matter here: built the quick way, 15.5 minutes.
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_INCREMENTAL=false \
      cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

# npm packages: wasm-opt from npm's binaryen (Debian's binaryen 108 breaks hydration of release
# builds), Playwright and axe-core for the end-to-end tests.
ensure_node_tools() {
  if ! command -v npm >/dev/null; then
    say "Installing Node.js and npm"
    apt_install nodejs npm
  fi
  if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] \
    || [ ! -d "$ROOT/end2end/node_modules/@axe-core/playwright" ] \
    || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    say "Installing npm packages (binaryen, Playwright, axe-core)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The SMTP test talks to Python's aiosmtpd on loopback.
ensure_python_tools() {
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    say "Installing aiosmtpd (an SMTP server for the e-mail test)"
    python3 -m pip install --quiet --disable-pip-version-check aiosmtpd 2>/dev/null \
      || apt_install python3-aiosmtpd
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Chromium from Debian"
    apt_install chromium fonts-dejavu-core
  fi
}

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    say "Installing PostgreSQL from Debian"
    apt_install postgresql
  fi
  if ! id postgres >/dev/null 2>&1; then
    as_root useradd --system --home /var/lib/postgresql --shell /bin/sh postgres
  fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  echo "$dir/$1"
}

# Starts a throw-away PostgreSQL cluster on 127.0.0.1:$PG_PORT owned by the postgres user.
# Sets PG_URL (the maintenance database) and PG_DIR.
PG_PORT="${PRATICA_TEST_PG_PORT:-54329}"
PG_DIR=""
start_postgres() {
  PG_DIR=$(mktemp -d /tmp/pratica-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  as_root chown postgres "$PG_DIR"
  as_root runuser -u postgres -- "$(pg_bin initdb)" -D "$PG_DIR/data" -U postgres \
    --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_root runuser -u postgres -- "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
    start >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_URL
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    as_root runuser -u postgres -- "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    as_root rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}

# Extra arguments go to cargo-leptos (bench/run adds `--bin-features bench`).
build_site() {
  say "Building the site (release)"
  # --split: the islands other than the two live ones are lazy (#[island(lazy)]), so a page
  # downloads only the WebAssembly of the islands it shows (docs/decisions/0010-code-splitting.md).
  # A build without it leaves the lazy islands dead.
  (cd "$ROOT" && cargo leptos build --release --precompress --split "$@")
}
