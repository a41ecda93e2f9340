#!/usr/bin/env bash
# Scale benchmark: a whole digest run on PostgreSQL with one instance, then two, as real processes on one database.
#   bash tests/Newsletter.Benchmarks/scale/run.sh [subscribers] [rounds]      (defaults: 100000 1)
# Installs postfix (for smtp-sink) and postgresql when missing, and starts a throwaway cluster on a free loopback port
# unless NEWSLETTER_BENCH_POSTGRES already names a server.
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v smtp-sink >/dev/null || [ -x /usr/sbin/smtp-sink ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null)
pg_dir=""
cleanup() { if [ -n "$pg_dir" ]; then bash tests/postgres.sh stop "$pg_dir"; rm -rf "$pg_dir"; fi; }
trap cleanup EXIT
if [ -z "${NEWSLETTER_BENCH_POSTGRES:-}" ]; then
  pg_dir="$(mktemp -d)"
  NEWSLETTER_BENCH_POSTGRES="$(bash tests/postgres.sh start "$pg_dir")"
  export NEWSLETTER_BENCH_POSTGRES
fi
dotnet run -c Release --project tests/Newsletter.Benchmarks -- scale "$@"
