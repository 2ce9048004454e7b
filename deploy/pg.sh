#!/usr/bin/env bash
# A private PostgreSQL cluster for development, tests and CI: 127.0.0.1 only, trust authentication,
# no durability (fsync off). Never use it for real data.
#   deploy/pg.sh start|stop|status|url DATA_DIR [PORT]
# start and url print the connection string as their only stdout line; messages go to stderr.
# DATA_DIR holds data/ (the cluster), port, socketdir, postgres.log and initdb.log.
# As root the cluster belongs to the postgres account (initdb refuses root); otherwise to the caller.
# PG_BIN may name the server's bin folder; the default is the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

usage() { echo "usage: $0 start|stop|status|url DATA_DIR [PORT]" >&2; exit 2; }
say() { echo "pg.sh: $*" >&2; }
die() { say "$*"; exit 1; }

(($# >= 2 && $# <= 3)) || usage
cmd=$1
want_port=${3:-}
case $cmd in start | stop | status | url) ;; *) usage ;; esac
[[ -z $want_port || $want_port =~ ^[0-9]{1,5}$ ]] || usage
dir=$(realpath -m -- "$2")
data=$dir/data

bin=${PG_BIN:-$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
for tool in initdb pg_ctl pg_isready; do
  [ -x "$bin/$tool" ] \
    || die "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: install the Debian package 'postgresql' (Debian 12: postgresql-15), e.g. apt-get install postgresql-15"
done

root=false
if [ "$(id -u)" -eq 0 ]; then
  root=true
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' account (created by the postgresql package)"
fi

# Runs a server binary as the cluster's owner.
as_owner() {
  if $root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

running() { [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

# The live port comes from postmaster.pid (4th line); the port file remembers it between runs.
current_port() {
  local port=""
  [ -f "$data/postmaster.pid" ] && port=$(sed -n 4p "$data/postmaster.pid")
  [ -n "$port" ] || port=$(cat "$dir/port")
  echo "$port"
}

url() { echo "Host=127.0.0.1;Port=$(current_port);Username=postgres;Password=postgres;Database=postgres"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port below Linux's ephemeral range (32768+), so outgoing connections never hold it.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    port_in_use "$port" || { echo "$port"; return; }
  done
  die "no free TCP port found"
}

# The postgres account must be able to reach DATA_DIR: grant o+x on the folders above it that
# block it, top-down (a mktemp -d folder is 0700, for example).
make_reachable() {
  local parent p path="" parts
  parent=$(dirname "$dir")
  runuser -u postgres -- test -x "$parent" && return
  IFS=/ read -r -a parts <<<"${parent#/}"
  for p in "${parts[@]}"; do
    path=$path/$p
    if ! runuser -u postgres -- test -x "$path"; then
      chmod o+x "$path"
      say "chmod o+x $path (the postgres account must reach $dir)"
    fi
  done
}

start() {
  mkdir -p "$dir"
  if $root; then
    make_reachable
    chown postgres "$dir"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating a cluster in $data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi

  local port sock
  port=$want_port
  if [ -z "$port" ]; then
    port=$(cat "$dir/port" 2>/dev/null || true)
    if [ -n "$port" ] && port_in_use "$port"; then
      say "port $port is taken by another program: choosing a new one"
      port=""
    fi
    [ -n "$port" ] || port=$(free_port)
  fi
  echo "$port" >"$dir/port"

  # Unix socket paths are limited to 107 bytes ("/.s.PGSQL.NNNNN" adds 15): use DATA_DIR/run when it
  # fits and needs no quoting, else a private folder under /tmp, remembered in DATA_DIR/socketdir.
  if [ $((${#dir} + 19)) -le 107 ] && [[ $dir =~ ^[A-Za-z0-9._/-]+$ ]]; then
    sock=$dir/run
  else
    sock=$(cat "$dir/socketdir" 2>/dev/null || mktemp -d /tmp/signage-pg.XXXXXX)
    echo "$sock" >"$dir/socketdir"
  fi
  mkdir -p "$sock"
  if $root; then chown postgres "$sock"; fi

  # Settings live in an included file so that paths need no shell quoting.
  cat >"$data/private.conf" <<CONF
# Written by deploy/pg.sh on each start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if $root; then chown postgres "$data/private.conf"; fi
  grep -q "^include_if_exists 'private.conf'" "$data/postgresql.conf" \
    || echo "include_if_exists 'private.conf'" >>"$data/postgresql.conf"

  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$dir/postgres.log" >&2; die "the server did not start (log: $dir/postgres.log)"; }
  for _ in $(seq 1 60); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      say "PostgreSQL running on 127.0.0.1:$port (data in $data)"
      return
    fi
    sleep 0.5
  done
  die "the server does not accept connections on 127.0.0.1:$port (log: $dir/postgres.log)"
}

case $cmd in
  start)
    if running; then
      [ -z "$want_port" ] || [ "$want_port" = "$(current_port)" ] \
        || say "already running on port $(current_port), not $want_port"
    else
      start
    fi
    url
    ;;
  stop)
    if running; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null; say "stopped $data"; fi
    ;;
  status)
    if running; then echo "running on port $(current_port)"; else echo "not running"; exit 3; fi
    ;;
  url)
    running || { say "not running: $0 start $dir"; exit 3; }
    url
    ;;
esac
