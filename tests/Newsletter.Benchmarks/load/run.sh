#!/usr/bin/env bash
# Load test: the app in Release on loopback with rate limits off, driven by wrk for 30 s per endpoint.
#   bash tests/Newsletter.Benchmarks/load/run.sh [seconds]
# Installs wrk and postfix (for smtp-sink) when missing. Confirmation emails go to smtp-sink, as in production.
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds="${1:-30}"
command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
command -v smtp-sink >/dev/null || [ -x /usr/sbin/smtp-sink ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null)
data="$(mktemp -d)"
sink_pid=""; app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

/usr/sbin/smtp-sink -u nobody 127.0.0.1:2526 1000 & sink_pid=$!
dotnet build -c Release src/Newsletter.Web -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Newsletter__DataDirectory="$data" Newsletter__AdminApiKey=load-test-key \
  RateLimiting__Enabled=false Papers__HuggingFace__Enabled=false Papers__Arxiv__Enabled=false \
  Smtp__Host=127.0.0.1 Smtp__Port=2526 Smtp__Security=None Logging__LogLevel__Default=Warning \
  dotnet src/Newsletter.Web/bin/Release/net10.0/Newsletter.Web.dll --urls http://127.0.0.1:5090 >"$data/app.log" 2>&1 & app_pid=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5090/health >/dev/null && break; sleep 1; done
curl -sf -H "X-Api-Key: load-test-key" --data-binary @tests/fixtures/papers/daily-papers-sample.txt http://127.0.0.1:5090/api/admin/papers/import >/dev/null

echo "== POST /api/preview (wrk -t2 -c32 -d${seconds}s)"
wrk -t2 -c32 -d"${seconds}s" -s tests/Newsletter.Benchmarks/load/preview.lua http://127.0.0.1:5090 | grep -E "requests/s|p99|errors"
echo "== POST /api/subscriptions, distinct addresses (wrk -t2 -c32 -d${seconds}s)"
wrk -t2 -c32 -d"${seconds}s" -s tests/Newsletter.Benchmarks/load/subscribe.lua http://127.0.0.1:5090 | grep -E "requests/s|p99|errors"
grep -c "database is locked" "$data/app.log" | sed 's/^/"database is locked" in the log: /' || true
