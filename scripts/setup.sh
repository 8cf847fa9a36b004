#!/usr/bin/env bash
# Installs every system and npm package Conduct needs to build, run and test.
# Idempotent: packages already present are left alone, so a second run is quick.
# Works as root or through sudo. Called by `make run` and `make test`.
set -euo pipefail

cd "$(dirname "$0")/.."

# Debian packages, grouped by what needs them.
build_packages=(build-essential cmake ninja-build ccache pkg-config git)
library_packages=(
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev   # HTTP server
  nlohmann-json3-dev                                          # JSON mapping
  libsqlite3-dev sqlite3                                      # embedded store
  libsodium-dev                                               # random code names now, sealing later
  liboath-dev                                                 # TOTP second factor (RFC 6238)
  libspdlog-dev                                               # structured logs
  libcli11-dev                                                # command line
  libtomlplusplus-dev                                         # policy and config files
  libjemalloc-dev                                             # the server's allocator (docs/performance.md)
  libgmime-3.0-dev libglib2.0-dev                             # reading incoming mail (MIME, charsets); Unicode folding
  libcurl4-openssl-dev                                        # SMTP out, IMAP in
)
test_packages=(
  libgtest-dev libgmock-dev                                   # unit and store tests
  libbenchmark-dev wrk                                        # bench/ (Google Benchmark; wrk drives bench/load.sh)
  libcpp-httplib-dev libssl-dev                               # HTTP client in server tests
  chromium                                                    # browser tests
  python3                                                     # JSON checks in the CLI scenarios
  oathtool                                                    # TOTP codes in the CLI scenarios
  dovecot-imapd python3-aiosmtpd                              # real IMAP and SMTP servers in the mail scenarios
  clang-format                                                # the format_check test (.clang-format)
  clang lld libclang-rt-14-dev                                # libFuzzer targets (fuzz/, the fuzz_smoke test):
                                                              #   clang's fuzzer and sanitizer runtimes, lld to link
  curl ca-certificates
)
all_packages=("${build_packages[@]}" "${library_packages[@]}" "${test_packages[@]}")

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${all_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
# Node.js may come from Debian or from another vendor's package; only install it when absent.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web tool chain (Vite 8, Playwright) needs Node.js 20 or newer.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed for the web app (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "setup: install a newer nodejs package, then run this again." >&2
  exit 1
fi

# Web app and browser-test packages, pinned by web/package-lock.json.
if [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    echo "setup: installing npm packages for web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
echo "setup: ok"
