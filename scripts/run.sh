#!/usr/bin/env bash
# Runs one of the repository's commands with the toolchain prepared by setup.sh:
#   scripts/run.sh start | test | e2e | bench NAME | ts FILE | <any command>
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_main
cd "$_setup_root"

case "${1:-}" in
  start)
    shift
    exec backstage-cli repo start "$@"
    ;;
  test)
    shift
    _setup_detect_postgres
    if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
      _setup_say "database tests run on SQLite and PostgreSQL ($BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)"
    else
      _setup_say "no PostgreSQL on 127.0.0.1:5432: database tests run on SQLite only"
    fi
    CI=true exec backstage-cli repo test "$@"
    ;;
  e2e)
    shift
    exec bash scripts/e2e.sh "$@"
    ;;
  bench)
    shift
    name="${1:?usage: yarn bench NAME (one of: $(cd bench && ls *.ts | sed 's/\.ts$//' | grep -v '^lib$' | tr '\n' ' '))}"
    shift
    [ -f "bench/$name.ts" ] || { echo "no benchmark bench/$name.ts" >&2; exit 2; }
    _setup_detect_postgres
    exec node --expose-gc \
      --require "$_setup_root/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
      "bench/$name.ts" "$@"
    ;;
  ts)
    # runs a TypeScript file (a benchmark's or the browser suite's helper) with Backstage's transform
    shift
    exec node --require "$_setup_root/node_modules/@backstage/cli-node/config/nodeTransform.cjs" "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
