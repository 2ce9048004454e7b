#!/usr/bin/env bash
# A private PostgreSQL cluster for development, tests and CI.
#   deploy/pg.sh start|stop|status|url DATA_DIR [PORT]
# start prints the connection string as its only stdout line; messages go to stderr.
set -euo pipefail

usage() { echo "usage: $0 start|stop|status|url DATA_DIR [PORT]" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
want_port=${3:-}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install postgresql" >&2
  exit 1
fi

# initdb and postgres refuse to run as root: use the postgres account, which owns the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Password=postgres;Database=postgres"; }

running() { [ -f "$dir/port" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

case "$cmd" in
  start)
    if running; then url; exit 0; fi
    if [ "$(id -u)" = 0 ]; then
      # The postgres account must be able to reach the data folder.
      p=$dir
      while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
      chown postgres "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port=${want_port:-$(cat "$dir/port" 2>/dev/null || free_port)}
    # Unix sockets have a 107-byte path limit: keep the socket in a short private folder.
    sock=$(cat "$dir/socketdir" 2>/dev/null || mktemp -d /tmp/signage-pg.XXXXXX)
    mkdir -p "$sock" && echo "$sock" >"$dir/socketdir"
    [ "$(id -u)" = 0 ] && chown postgres "$sock" "$dir"
    echo "$port" >"$dir/port"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start -o \
      "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >&2 \
      || { tail -n 20 "$dir/postgres.log" >&2; exit 1; }
    for _ in $(seq 1 60); do
      "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
      sleep 0.5
    done
    echo "PostgreSQL running on 127.0.0.1:$port (data in $dir/data)" >&2
    url
    ;;
  stop)
    if running; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2; fi
    ;;
  status)
    if running; then echo "running on port $(cat "$dir/port")"; else echo "stopped"; exit 3; fi
    ;;
  url)
    running || { echo "not running: $0 start $dir" >&2; exit 3; }
    url
    ;;
  *) usage ;;
esac
