#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test run.
#   tests/postgres.sh start <dir>  creates and starts a cluster in <dir> (an empty directory the caller made)
#                                  and prints its Npgsql connection string as the only line on stdout.
#   tests/postgres.sh stop <dir>   stops it; never fails.
# It installs Debian's postgresql package when missing, but never uses the cluster that package sets up.
set -uo pipefail

cmd="${1:-}"
dir="${2:-}"
if [ -z "$dir" ] || { [ "$cmd" != start ] && [ "$cmd" != stop ]; }; then
  echo "usage: $0 start|stop <dir>" >&2
  exit 2
fi
dir="$(cd "$dir" 2>/dev/null && pwd)" || { echo "postgres.sh: no directory $2" >&2; exit 2; }
data="$dir/data"
log="$dir/postgres.log"

# initdb and postgres refuse to run as root: as root, run them as the postgres OS user.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi

# The binaries of the highest installed version, not whatever PATH offers.
pg_bin() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)"
  [ -n "$initdb" ] && dirname "$initdb"
}

if [ "$cmd" = stop ]; then
  bin="$(pg_bin)" && [ -f "$data/postmaster.pid" ] &&
    (cd "$dir" && "${as_pg[@]}" "$bin/pg_ctl" stop -D "$data" -m immediate -s) >/dev/null 2>&1
  exit 0
fi

if ! bin="$(pg_bin)"; then
  echo "Installing postgresql for the tests (apt-get)..." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  apt_log="$(mktemp)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    rm -f "$apt_log"
    echo "Could not install postgresql." >&2
    exit 1
  fi
  rm -f "$apt_log"
  bin="$(pg_bin)" || { echo "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb" >&2; exit 1; }
fi

# Everything below runs inside <dir>, which the cluster's OS user must own.
cd "$dir" || exit 1
if [ "${#as_pg[@]}" -gt 0 ]; then chown postgres: "$dir"; fi

if ! "${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi

# Trust, on loopback only; settings that trade durability (useless here) for speed.
"${as_pg[@]}" tee "$data/pg_hba.conf" >/dev/null <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
EOF
"${as_pg[@]}" tee -a "$data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 256MB
EOF

# A random port nothing listens on; if another process grabs it first, try another.
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 30000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
  rm -f "$log"
  if "${as_pg[@]}" "$bin/pg_ctl" start -D "$data" -l "$log" -o "-p $port" -w -t 60 -s >&2; then
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    exit 0
  fi
  grep -q 'could not bind\|already in use' "$log" 2>/dev/null || break
done

echo "PostgreSQL did not start; the end of $log:" >&2
tail -n 30 "$log" >&2
exit 1
