#!/usr/bin/env bash
# yarn test:install: proves that the suite's packages install into a stock
# Backstage app the way their READMEs say, and work there.
#
#  1. builds and packs every plugins/* package (backstage-cli, yarn pack);
#  2. creates a fresh app with a pinned @backstage/create-app in a temporary
#     folder outside the repository;
#  3. adds the tarballs to packages/backend and packages/app with yarn add
#     (the packages depend on each other, so `resolutions` in the app's root
#     package.json point every one of them at its tarball) and the backend
#     plugin and modules to packages/backend/src/index.ts;
#  4. type-checks the app and builds its frontend bundle;
#  5. starts the backend on a free port with one InnerSource project in the
#     catalog (a small local git repository this script creates) and waits
#     until /api/innersource/health answers and the project has a score.
#
# Everything it starts is stopped and the temporary folder removed on exit;
# what is left is test-install.log in the repository root (gitignored).
#
# Environment: TEST_INSTALL_KEEP=1 keeps the temporary app for a look;
# TEST_INSTALL_TIMEOUT (seconds, default 300) bounds the backend's start and
# the first collection together.
set -euo pipefail

# The create-app release whose app is Backstage 1.55 (its backstage.json says
# 1.55.0), the release this repository builds on. Change both together.
CREATE_APP_VERSION=0.9.2
BACKSTAGE_RELEASE=1.55.0

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ROOT="$_setup_root"
LOG="$ROOT/test-install.log"
TIMEOUT="${TEST_INSTALL_TIMEOUT:-300}"
STARTED_AT=$SECONDS
: >"$LOG"

say() { printf '[test:install] %s\n' "$*" | tee -a "$LOG" >&2; }
fail() {
  say "FAILED: $*"
  say "details: $LOG"
  exit 1
}
# Runs a command with its output in the log only; on failure shows the log's end.
run() {
  local what="$1"
  shift
  local started=$SECONDS
  say "$what"
  printf '\n$ %s\n' "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    fail "$what"
  fi
  say "  took $((SECONDS - started)) s"
}

WORK=""
BACKEND_PID=""
cleanup() {
  local code=$?
  if [ -n "$BACKEND_PID" ] && kill -0 "$BACKEND_PID" 2>/dev/null; then
    # the backend runs in its own process group (setsid): stop all of it
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$BACKEND_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$BACKEND_PID" 2>/dev/null || true
  fi
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "${TEST_INSTALL_KEEP:-}" = 1 ]; then
      say "kept $WORK (TEST_INSTALL_KEEP=1)"
    else
      rm -rf "$WORK"
    fi
  fi
  if [ "$code" = 0 ]; then
    say "passed in $((SECONDS - STARTED_AT)) s"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

setup_main >>"$LOG" 2>&1 || fail "the toolchain (scripts/setup.sh); see $LOG"
say "node $(node --version), create-app $CREATE_APP_VERSION (Backstage $BACKSTAGE_RELEASE)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/innersource-install.XXXXXX")"
PACKS="$WORK/packs"
APP="$WORK/app"
mkdir -p "$PACKS"

# ---------------------------------------------------------------- 1. packages
cd "$ROOT"
# Package builds take their type declarations from dist-types (yarn tsc).
run "type declarations (yarn tsc)" yarn tsc
run "building plugins/* (backstage-cli repo build)" backstage-cli repo build

# yarn pack runs each package's prepack (entry points in dist) and replaces
# workspace:^ ranges by the versions they point at.
run "packing plugins/* (yarn pack)" yarn workspaces foreach --all --parallel \
  --include '@innersource-for-backstage/*' pack --out "$PACKS/%s-%v.tgz"

# Where each package goes, by its Backstage role: frontend plugins into
# packages/app, backend plugins and modules into packages/backend; libraries
# (common, node) come along as their dependencies.
FRONTEND_PACKAGES=()
BACKEND_PACKAGES=()
RESOLUTIONS="{}"
for dir in plugins/*/; do
  [ -f "$dir/package.json" ] || continue
  read -r name version role < <(node -p "
    const p = require('./${dir}package.json');
    [p.name, p.version, p.backstage?.role ?? 'none'].join(' ')")
  packed="$PACKS/${name/\//-}-$version.tgz" # yarn's %s is @scope-name
  [ -f "$packed" ] || fail "yarn pack made no $packed for $dir"
  tarball="$PACKS/$(basename "$dir")-$version.tgz" # no @ in file: ranges
  mv "$packed" "$tarball"
  say "packed $name@$version ($role)"
  case "$role" in
    frontend-plugin) FRONTEND_PACKAGES+=("$name@^$version") ;;
    backend-plugin | backend-plugin-module) BACKEND_PACKAGES+=("$name@^$version") ;;
  esac
  RESOLUTIONS="$(node -e '
    const [all, name, file] = process.argv.slice(1);
    console.log(JSON.stringify({ ...JSON.parse(all), [name]: `file:${file}` }));
  ' "$RESOLUTIONS" "$name" "$tarball")"
done
[ "${#FRONTEND_PACKAGES[@]}" -gt 0 ] || fail "no frontend plugin found under plugins/"
[ "${#BACKEND_PACKAGES[@]}" -gt 0 ] || fail "no backend plugin found under plugins/"

# ---------------------------------------------------------------- 2. the app
# create-app asks for the app's name unless BACKSTAGE_APP_NAME is set; it
# cannot fetch its yarn.lock seed here (GitHub), which is harmless.
run "creating an app with @backstage/create-app@$CREATE_APP_VERSION" \
  env BACKSTAGE_APP_NAME=innersource-install-check \
  npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --path "$APP" --skip-install
release="$(node -p "require('$APP/backstage.json').version")"
[ "$release" = "$BACKSTAGE_RELEASE" ] ||
  fail "create-app $CREATE_APP_VERSION made a Backstage $release app, expected $BACKSTAGE_RELEASE"

# The same preparation as this repository's root package.json (see
# scripts/setup.sh and its pins of platform binaries the registry mirror
# lacks), plus the packed packages. This repository's yarn.lock stands in for
# create-app's seed lock (fetched from GitHub, out of reach here): versions
# known to install here. Without the seed one package of a later release slips into the template's
# ranges and breaks the backend: plugin-signals-backend 0.3.21 (November 2026)
# matches ^0.3.19 but needs backend-defaults 0.19 (httpRouter.addWebSocketHandler);
# it is pinned to 0.3.19, the 1.55 release's, as the seed would.
cp "$ROOT/yarn.lock" "$APP/yarn.lock"
node -e '
  const fs = require("fs");
  const [app, root, packs] = process.argv.slice(1);
  const file = `${app}/package.json`;
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  const ours = require(`${root}/package.json`).resolutions;
  const release = { "@backstage/plugin-signals-backend@npm:^0.3.19": "0.3.19" };
  pkg.resolutions = { ...pkg.resolutions, ...ours, ...release, ...JSON.parse(packs) };
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$APP" "$ROOT" "$RESOLUTIONS"

# The app gets its own yarn (its vendored release), none of the variables of
# the yarn that runs this script, and may write its lock file even under CI.
in_app() {
  (cd "$APP" && env -u PROJECT_CWD -u INIT_CWD -u npm_package_json \
    -u npm_lifecycle_event -u npm_lifecycle_script -u npm_config_user_agent \
    YARN_ENABLE_IMMUTABLE_INSTALLS=false "$@")
}

# ---------------------------------------------------------------- 3. install
run "yarn --cwd packages/backend add ${BACKEND_PACKAGES[*]}" \
  in_app yarn --cwd packages/backend add "${BACKEND_PACKAGES[@]}"
run "yarn --cwd packages/app add ${FRONTEND_PACKAGES[*]}" \
  in_app yarn --cwd packages/app add "${FRONTEND_PACKAGES[@]}"

# The backend: one backend.add per package, before backend.start().
node -e '
  const fs = require("fs");
  const [file, ...specs] = process.argv.slice(1);
  const names = specs.map(s => s.slice(0, s.lastIndexOf("@")));
  const source = fs.readFileSync(file, "utf8");
  const adds = names.map(n => `backend.add(import(${JSON.stringify(n)}));\n`).join("");
  if (!source.includes("backend.start();")) throw new Error(`no backend.start() in ${file}`);
  fs.writeFileSync(file, source.replace("backend.start();", `${adds}\nbackend.start();`));
' "$APP/packages/backend/src/index.ts" "${BACKEND_PACKAGES[@]}"
# The frontend: the template's app discovers the plugins of packages/app's
# dependencies (app.packages: all), the new frontend system's way; nothing to edit.
grep -Eq '^\s+packages: all' "$APP/app-config.yaml" ||
  fail "the created app does not discover frontend plugins (app.packages: all); add the plugin to createApp's features instead"

# ---------------------------------------------------------------- 4. build
run "type-checking the app (yarn tsc)" in_app yarn tsc
run "building the frontend bundle (yarn workspace app build)" in_app yarn workspace app build
grep -lq '"/innersource"' "$APP"/packages/app/dist/static/*.js ||
  fail "the frontend bundle has no InnerSource page (/innersource): the plugin was not discovered"
say "the frontend bundle has the InnerSource page"

# ---------------------------------------------------------------- 5. run
# One InnerSource project: a small git repository with its catalog file inside.
PROJECT="install-check-widget"
REPOS="$WORK/repos"
repo="$REPOS/$PROJECT"
mkdir -p "$repo"
commit() {
  local who="$1" email="$2" days="$3" file="$4" text="$5"
  local when
  when="$(date -u -d "-$days days" '+%Y-%m-%dT%H:%M:%SZ')"
  printf '%s\n' "$text" >>"$repo/$file"
  git -C "$repo" add "$file"
  GIT_AUTHOR_NAME="$who" GIT_AUTHOR_EMAIL="$email" GIT_AUTHOR_DATE="$when" \
    GIT_COMMITTER_NAME="$who" GIT_COMMITTER_EMAIL="$email" GIT_COMMITTER_DATE="$when" \
    git -C "$repo" -c commit.gpgsign=false commit -q -m "$file: $text"
}
{
  git -C "$repo" init -q -b main
  cat >"$repo/catalog-info.yaml" <<YAML
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: $PROJECT
  description: A small library that test:install scores
  tags: [innersource]
  annotations:
    backstage.io/source-location: dir:.
    innersource/skills: typescript,shell
spec:
  type: library
  lifecycle: experimental
  owner: guests
YAML
  commit 'Ada Admin' ada@example.com 40 catalog-info.yaml '# registered'
  commit 'Ada Admin' ada@example.com 30 README.md '# Widget'
  commit 'Bo Builder' bo@example.com 20 CONTRIBUTING.md 'Open a pull request.'
  commit 'Cy Coder' cy@example.com 5 src.ts 'export const widget = 1;'
} >>"$LOG" 2>&1 || fail "creating the example git repository"

PORT="$(node -e '
  const s = require("net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port);
    s.close();
  });
')"
TOKEN="$(node -p 'require("crypto").randomBytes(24).toString("hex")')"
BASE="http://127.0.0.1:$PORT"
cat >"$APP/app-config.local.yaml" <<YAML
app:
  baseUrl: http://localhost:$PORT
backend:
  baseUrl: http://localhost:$PORT
  listen:
    host: 127.0.0.1
    port: $PORT
  cors:
    origin: http://localhost:$PORT
  auth:
    externalAccess:
      - type: static
        options:
          token: $TOKEN
          subject: test-install
catalog:
  locations:
    # Registered by config, so its dir: source location may be read: the git
    # provider reads folders only for entities of catalog.locations (or those
    # innersource.git.folders names), never for ones registered by URL.
    - type: file
      target: $repo/catalog-info.yaml
innersource:
  schedule:
    frequency: { seconds: 15 }
    timeout: { minutes: 3 }
    initialDelay: { seconds: 1 }
  git:
    localRoots: [$REPOS]
    cacheDir: $WORK/git-cache
YAML

BACKEND_LOG="$WORK/backend.log"
say "starting the backend on port $PORT (yarn workspace backend start)"
(cd "$APP" && exec setsid env -u PROJECT_CWD -u INIT_CWD -u npm_package_json \
  -u npm_lifecycle_event -u npm_lifecycle_script -u npm_config_user_agent \
  yarn workspace backend start >"$BACKEND_LOG" 2>&1) &
BACKEND_PID=$!

backend_failed() {
  {
    printf '\n--- backend log (last 60 lines) ---\n'
    tail -n 60 "$BACKEND_LOG"
  } | tee -a "$LOG" >&2
  fail "$*"
}

# Polls until the health route answers and the project has a score; prints
# what it waits for and why it gave up.
WAIT_STARTED=$SECONDS
set +e
TOKEN="$TOKEN" node -e '
  const [base, ref, timeout, pid, backendLog] = process.argv.slice(1);
  const startupFailure = () => {
    const log = require("fs").readFileSync(backendLog, "utf8");
    return /Backend startup failed[^\n]*\n[^\n]*/.exec(log)?.[0];
  };
  const deadline = Date.now() + Number(timeout) * 1000;
  const auth = { Authorization: `Bearer ${process.env.TOKEN}` };
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
  async function get(path, headers = {}) {
    const res = await fetch(base + path, { headers });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  }
  async function waitFor(what, check) {
    let last = "no answer yet";
    while (Date.now() < deadline) {
      if (!alive()) { console.error(`the backend exited while waiting for ${what}`); process.exit(3); }
      const failure = startupFailure();
      if (failure) { console.error(failure.replace(/\x1b\[[0-9;]*m/g, "")); process.exit(3); }
      try {
        const r = await check();
        if (r.done) return r.value;
        if (r.fatal) { console.error(r.fatal); process.exit(4); }
        last = r.last;
      } catch (e) { last = e.cause?.code ?? e.message; }
      await sleep(2000);
    }
    console.error(`timed out after ${timeout} s waiting for ${what}; last: ${last}`);
    process.exit(2);
  }
  (async () => {
    await waitFor("GET /api/innersource/health", async () => {
      const r = await get("/api/innersource/health");
      return r.status === 200 && r.json().status === "ok"
        ? { done: true } : { last: `${r.status} ${r.text.slice(0, 200)}` };
    });
    console.log("GET /api/innersource/health answers {\"status\":\"ok\"}");
    const path = `/api/innersource/projects/${ref}`;
    const summary = await waitFor(`a score for ${ref} (GET ${path})`, async () => {
      const r = await get(path, auth);
      if (r.status !== 200) return { last: `${r.status} ${r.text.slice(0, 200)}` };
      const s = r.json();
      if (s.status === "failed") {
        return { fatal: `the project failed to collect: ${s.errors.map(e => e.message).join("; ")}` };
      }
      return s.status === "collected" && typeof s.score === "number"
        ? { done: true, value: s }
        : { last: `status ${s.status}, score ${s.score}` };
    });
    const m = summary.metrics ?? {};
    console.log(`${ref}: score ${summary.score}, tier ${summary.tier?.name}, ` +
      `collected by ${summary.repository?.provider} at ${summary.refreshedAt}, ` +
      `${m.contributors ?? "?"} contributors`);
    const list = (await get("/api/innersource/projects", auth)).json();
    if (!(list.items ?? []).some(p => p.entityRef === `component:default/${ref.split("/")[2]}`)) {
      console.error(`GET /api/innersource/projects does not list the project: ${JSON.stringify(list).slice(0, 300)}`);
      process.exit(5);
    }
    console.log("GET /api/innersource/projects lists it");
  })();
' "$BASE" "default/component/$PROJECT" "$TIMEOUT" "$BACKEND_PID" "$BACKEND_LOG" 2>&1 | tee -a "$LOG" >&2
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || backend_failed "the installed plugin did not serve a profile (see above)"
say "backend checks took $((SECONDS - WAIT_STARTED)) s"
