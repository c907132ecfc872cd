# Starts a PostgreSQL of its own on 127.0.0.1 (a random free port), in the folder given, owned by the postgres user.
# Sourced by scripts/test (a throwaway server) and scripts/bench-screening (one kept between runs).
# Sets PG_CONNECTION; stop_postgres stops it. Needs as_root and the postgresql package.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

start_postgres() {
  pgroot="$1"
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  mkdir -p "$pgroot"
  as_root chown postgres "$pgroot"
  if [ ! -f "$pgroot/pw" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pgroot/pw"
    as_root chown postgres "$pgroot/pw"
  fi
  pgpass="$(cat "$pgroot/pw")"
  [ -d "$pgroot/data" ] || as_root runuser -u postgres -- "$pgbin/initdb" -D "$pgroot/data" -U app --auth=scram-sha-256 --pwfile="$pgroot/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
  local started=""
  for _ in 1 2 3 4 5; do
    pgport=$((20000 + RANDOM % 20000))
    if as_root runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgroot" start >/dev/null; then
      started=yes
      break
    fi
  done
  [ -n "$started" ] || { cat "$pgroot/log"; echo "PostgreSQL did not start"; return 1; }
  PG_CONNECTION="Host=127.0.0.1;Port=$pgport;Username=app;Password=$pgpass"
}

# A streaming replica of the server start_postgres started, in the folder given, on its own port (after start_postgres).
# Sets REPLICA_CONNECTION; stop_postgres stops it too.
start_replica() {
  replroot="$1"
  mkdir -p "$replroot"
  as_root chown postgres "$replroot"
  as_root runuser -u postgres -- env PGPASSWORD="$pgpass" "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$pgport" -U app \
    -D "$replroot/data" -R -X stream >/dev/null
  local started=""
  for _ in 1 2 3 4 5; do
    replport=$((20000 + RANDOM % 20000))
    if as_root runuser -u postgres -- "$pgbin/pg_ctl" -D "$replroot/data" -l "$replroot/log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $replport -k $replroot -c hot_standby=on" start >/dev/null; then
      started=yes
      break
    fi
  done
  [ -n "$started" ] || { cat "$replroot/log"; echo "the PostgreSQL replica did not start"; return 1; }
  REPLICA_CONNECTION="Host=127.0.0.1;Port=$replport;Username=app;Password=$pgpass"
}

stop_postgres() {
  [ -z "${replroot:-}" ] || as_root runuser -u postgres -- "$pgbin/pg_ctl" -D "$replroot/data" -m fast stop >/dev/null 2>&1 || true
  as_root runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgroot/data" -m fast stop >/dev/null 2>&1 || true
}
