# Shared set-up steps of scripts/run and scripts/test (sourced, not run). Each step is idempotent and quick when
# its work is already done, so both commands work on a fresh Debian 12 machine and stay fast on a warm one.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ROOT/.ci/tools/bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[pfo]\033[0m %s\n' "$*"; }

# Debian packages: Tauri's build libraries (WebKitGTK 4.1, GTK 3), OpenSSL for SQLCipher, the Secret Service
# (GNOME Keyring on a D-Bus session) and kernel keyutils for the keyring, Xvfb and WebKitWebDriver for the real
# window, and Chromium for the browser tests.
SYSTEM_PACKAGES=(
  build-essential pkg-config curl file libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  libdbus-1-dev dbus dbus-x11 gnome-keyring keyutils
  xvfb xauth webkit2gtk-driver chromium fonts-dejavu-core
)

install_system_packages() {
  local missing=()
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
}

require_toolchains() {
  command -v cargo > /dev/null || { echo "cargo is missing: install Rust 1.90 or newer (rustup)" >&2; exit 1; }
  command -v node > /dev/null || { echo "node is missing: install Node.js 20.19 or newer" >&2; exit 1; }
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" -lt 20 ]; then echo "Node.js $(node --version) is too old: the UI build needs 20.19 or newer" >&2; exit 1; fi
}

# The UI must be built before any cargo command: tauri's generate_context! embeds ui/dist at compile time.
build_ui() {
  say "building the UI"
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
}

install_tauri_driver() {
  if [ -x "$ROOT/.ci/tools/bin/tauri-driver" ]; then return 0; fi
  say "installing tauri-driver 2.1.0 into .ci/tools"
  cargo install tauri-driver --version 2.1.0 --locked --root "$ROOT/.ci/tools" --quiet
}
