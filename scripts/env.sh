# Sourced by every script: picks the Rust toolchain route and the shared
# build folders. Safe to source more than once.
#
# Two routes to a WebAssembly-capable Rust:
#  - rustup with the wasm32-unknown-unknown target installed (a developer
#    machine with internet): used as it is.
#  - Debian's rustc-web 1.96 (these machines and CI, which reach only the
#    package registries): it ships no wasm32 standard library, so std is
#    built from rust-web-src with -Zbuild-std, and lld-22 links.

MYSAY_DEV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MYSAY_DEV_ROOT

# One target folder, outside the checkout, so fresh clones (CI) and every
# checkout on this machine share compiled dependencies.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mysay/target}"
export PATH="$HOME/.cargo/bin:$MYSAY_DEV_ROOT/end2end/node_modules/.bin:$PATH"

WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$MYSAY_DEV_ROOT/Cargo.lock")"
export WASM_BINDGEN_VERSION

mysay_route() {
  if [ -n "${MYSAY_DEV_RUST_ROUTE:-}" ]; then
    echo "$MYSAY_DEV_RUST_ROUTE"
  elif command -v rustup >/dev/null 2>&1 && [ -z "${CI:-}" ] &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
    ! [ -x /usr/bin/rustc ]; then
    echo rustup
  else
    echo debian
  fi
}
MYSAY_DEV_RUST_ROUTE="$(mysay_route)"
export MYSAY_DEV_RUST_ROUTE

if [ "$MYSAY_DEV_RUST_ROUTE" = debian ]; then
  if command -v rustup >/dev/null 2>&1; then
    export RUSTUP_TOOLCHAIN=debian-1.96
  else
    export PATH="/usr/bin:$PATH"
  fi
  # std for wasm32 is compiled from source, which needs unstable flags;
  # set for every build so host artefacts are shared between builds.
  export RUSTC_BOOTSTRAP=1
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/bin/wasm-ld-22
  MYSAY_DEV_BUILD_STD=(-Zbuild-std=std,panic_abort)
  # The page's script only (the wasm32 target's flags leave host builds
  # alone): no file names and lines kept for panic messages, no Debug
  # formatting, and a panic stops at once without unwinding machinery.
  # With std built from source these take the script from 20.0 to 13.9 KB
  # brotli; nothing in it formats or expects to catch a panic.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
else
  MYSAY_DEV_BUILD_STD=()
fi

# When the outermost command started (shared with the scripts it runs), so
# each step says how far in it begins: step times on a fresh machine.
export MYSAY_DEV_STARTED="${MYSAY_DEV_STARTED:-$(date +%s)}"
say() {
  local in=$(($(date +%s) - MYSAY_DEV_STARTED))
  printf '\033[1m==> %s\033[0m  (at %d min %02d s)\n' "$*" $((in / 60)) $((in % 60)) >&2
}

# `beside job command...`: runs the shell function `job` in the background,
# its output kept, while `command` runs; then waits for it. Either failing
# fails the whole (the job's output then shown in full); else the job's
# output is shown without cargo's progress lines. For two builds that each
# leave a core idle for long stretches and use different profile folders,
# so neither waits for the other's lock.
beside() {
  local job="$1" log pid
  shift
  log="$(mktemp)"
  "$job" >"$log" 2>&1 &
  pid=$!
  if ! "$@"; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
    return 1
  fi
  if ! wait "$pid"; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  grep -v '^ *\(Compiling\|Fresh\|Checking\)' "$log" >&2 || true
  rm -f "$log"
}
