#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for development and tests, from the Debian package's binaries,
# without root and without touching the system's clusters.
#
#   scripts/postgres-dev.sh start [--until-exit PID]   initdb into a temporary folder, start it
#                                                      on a free loopback port, create database
#                                                      `tm` owned by user `tm`, print its URL
#   scripts/postgres-dev.sh stop URL                   stop that cluster and delete its folder
#
# With --until-exit PID the cluster also stops by itself once process PID has ended (a test run
# that starts one never leaves it behind). Run as root, the server runs as the `postgres` user
# (PostgreSQL refuses to run as root); otherwise as the caller. Authentication is `trust` on
# loopback only: a cluster for tests, never for data.
set -euo pipefail

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        echo "postgres-dev: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
        exit 2
    fi
    echo "$dir"
}

# Runs a command as the cluster's owner.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

folder_of() {
    echo "${TMPDIR:-/tmp}/tm-postgres-dev-$1"
}

start() {
    local watch=""
    if [[ "${1:-}" == "--until-exit" ]]; then
        watch="${2:?--until-exit needs a process id}"
    fi
    local bin port dir
    bin=$(bindir)
    port=$(free_port)
    dir=$(folder_of "$port")
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U tm --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 2; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off" >/dev/null ||
        { cat "$dir/server.log" >&2; exit 2; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U tm tm
    if [[ -n "$watch" ]]; then
        # Detached from the caller's pipes, so a caller reading our output is not kept waiting.
        setsid bash -c "while kill -0 $watch 2>/dev/null; do sleep 1; done; \"$0\" stop postgres://tm@127.0.0.1:$port/tm" \
            </dev/null >/dev/null 2>&1 &
    fi
    echo "postgres://tm@127.0.0.1:$port/tm"
}

stop() {
    local url="${1:?stop needs the URL start printed}"
    local port dir bin
    port=$(sed -E 's#^.*:([0-9]+)/.*$#\1#' <<<"$url")
    dir=$(folder_of "$port")
    bin=$(bindir)
    if [[ -d "$dir/data" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [--until-exit PID] | stop URL" >&2; exit 2 ;;
esac
