#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the upstream's integration tests and prints
#   export DATABASE_URL=postgres://...
# on stdout (everything else goes to stderr), so CI can run: eval "$(scripts/ci/postgres.sh)".
# Re-running reuses a server that is already up on the port. Stop it with:
#   scripts/ci/postgres.sh stop
set -euo pipefail

PORT="${PG_PORT:-54329}"
DATA_ROOT="${PG_DATA_ROOT:-${TMPDIR:-/tmp}/upstream-postgres-${PORT}}"
DB_NAME="${PG_DATABASE:-upstream_test}"
DB_USER=postgres

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  # Debian keeps initdb/pg_ctl out of PATH, under /usr/lib/postgresql/<major>/bin; take the newest.
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && echo "$candidate"
}

# initdb and postgres refuse to run as root; as root we run them as the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and installing it needs root: run 'apt-get install -y postgresql' first"
    exit 1
  fi
  log "installing postgresql with apt"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  BINDIR="$(find_bindir)"
fi

DATA_DIR="$DATA_ROOT/data"
SOCKET_DIR="$DATA_ROOT/socket"

if [ "${1:-start}" = "stop" ]; then
  if [ -f "$DATA_DIR/postmaster.pid" ]; then
    as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2
  else
    log "no server running from $DATA_DIR"
  fi
  exit 0
fi

if ! "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  mkdir -p "$DATA_ROOT"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DATA_ROOT"; fi
  if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
    log "initialising a cluster in $DATA_DIR"
    # trust is acceptable only because the server listens on 127.0.0.1 and lives for this session.
    as_owner "$BINDIR/initdb" -D "$DATA_DIR" -U "$DB_USER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
  as_owner mkdir -p "$SOCKET_DIR"
  # Each test file opens its own pool of up to 10 connections and vitest runs files in parallel.
  # fsync and friends are off: the data is thrown away, and durability would only slow the tests.
  as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -l "$DATA_ROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$SOCKET_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2
fi

if ! "$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME" >&2
fi

echo "export DATABASE_URL=postgres://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
