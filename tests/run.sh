#!/usr/bin/env bash
# Runs every test in the solution and ends with one line: "N passed, N failed".
# It first installs what the tests need and the machine lacks (apt-get, as root), so it works on a fresh machine.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The browser tests drive Debian's Chromium (/usr/bin/chromium); Playwright's own browser download cannot work here.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium for the browser tests (apt-get)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  apt_log="$(mktemp)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >"$apt_log" 2>&1; then
    cat "$apt_log"
    echo "Could not install chromium; the browser tests will fail."
  fi
  rm -f "$apt_log"
fi

results="$(mktemp -d)"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then bash tests/postgres.sh stop "$pg_dir"; rm -rf "$pg_dir"; fi
  rm -rf "$results"
}
trap cleanup EXIT

# The PostgreSQL tests connect to NEWSLETTER_TEST_POSTGRES; unless the caller set it, they get a throwaway
# cluster on a free loopback port (tests/postgres.sh installs PostgreSQL when missing). If it cannot start,
# the run goes on: those tests then fail, they are never skipped.
if [ -z "${NEWSLETTER_TEST_POSTGRES:-}" ]; then
  pg_dir="$(mktemp -d)"
  if NEWSLETTER_TEST_POSTGRES="$(bash tests/postgres.sh start "$pg_dir")"; then
    export NEWSLETTER_TEST_POSTGRES
  else
    echo "Could not start a PostgreSQL cluster for the tests (see above); the PostgreSQL tests will fail."
  fi
fi

dotnet test Newsletter.sln --configuration Release \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 5m
status=$?

# The same integration suite again with every app on PostgreSQL: the product must behave identically on
# both databases. (The unit tests run their data-layer, matching and digest classes on both by themselves;
# the multi-instance tests in Scale/ are PostgreSQL-only and already ran above.)
NEWSLETTER_TEST_DATABASE=postgres dotnet test tests/Newsletter.IntegrationTests --configuration Release --no-build \
  --filter "FullyQualifiedName!~Newsletter.IntegrationTests.Scale" \
  --logger "trx;LogFilePrefix=postgres" --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 5m
pg_status=$?
if [ "$status" -eq 0 ]; then status=$pg_status; fi

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# A build failure runs no test but must not look green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
