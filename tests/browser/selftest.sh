#!/usr/bin/env bash
# Self-test of check.mjs: the clean fixture must pass, and every bad fixture must fail for its own reason.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

fail=0
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

if node check.mjs fixtures index.html >"$out" 2>&1; then
  echo "ok   clean fixture passes"
else
  echo "FAIL clean fixture should pass:"; cat "$out"; fail=1
fi

# page -> text its report must contain
declare -A expect=(
  [bad-alt.html]='axe image-alt'
  [bad-missing.html]='failed request: static/bestaat-niet.css'
  [bad-pageerror.html]='page error: ReferenceError'
  [bad-console.html]='console error: iets ging mis'
  [bad-network.html]='network request: GET https://example.invalid/'
  [bad-wide.html]='horizontal scroll: at 390px'
)
pages=("${!expect[@]}")
set +e
node check.mjs fixtures "${pages[@]}" >"$out" 2>&1
rc=$?
set -e
if [ "$rc" -ne 1 ]; then
  echo "FAIL bad fixtures should make check.mjs exit 1, got $rc:"; cat "$out"; fail=1
fi
for p in "${pages[@]}"; do
  # The block of one page runs from its "FAIL  page" line to the next blank line.
  block="$(awk -v p="$p" '$0 == "FAIL  " p {on=1; next} on && /^$/ {exit} on {print}' "$out")"
  if grep -qF -- "${expect[$p]}" <<<"$block"; then
    echo "ok   $p fails with: ${expect[$p]}"
  else
    echo "FAIL $p should fail with '${expect[$p]}'; its report:"; echo "${block:-(no FAIL block)}"; fail=1
  fi
done
if [ "$fail" -ne 0 ]; then
  echo "check.mjs self-test failed; full output of the last run:"; cat "$out"
  exit 1
fi
echo "check.mjs self-test passed"
