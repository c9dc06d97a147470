#!/usr/bin/env bash
# TradeBot's test command: installs what the browser tests need when it is missing, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -f tests/e2e/package.json ]; then
  (cd tests/e2e && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; })
fi

dotnet build TradeBot.sln -c Release --nologo -v q
results=$(mktemp -d)
status=0
dotnet test TradeBot.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?

# One plain summary line for all test projects.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
