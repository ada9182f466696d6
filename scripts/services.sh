#!/usr/bin/env bash
# Starts, stops and reports the local PostgreSQL, Redis and S3 (s3rver) services that PanguGraph
# needs, one set per profile, with all data under .data/PROFILE/ in the repository.
#
#   scripts/services.sh start  run|test   start the services (no-op for those already running)
#   scripts/services.sh stop   run|test   stop the services
#   scripts/services.sh status run|test   print each service's state; exit 3 if any is down
#   scripts/services.sh env    run|test   print `export` lines of the app configuration
#
# Ports come from PANGU_PG_PORT, PANGU_REDIS_PORT and PANGU_S3_PORT, else the profile defaults.
# PANGU_SERVICE_TIMEOUT sets how many seconds `start` waits for each service (default 60).
# Missing PostgreSQL 15 or Redis is installed with apt-get; s3rver is installed with npm from
# scripts/s3rver/package-lock.json into .data/tools.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="/usr/lib/postgresql/15/bin"
PG_DATABASE="pangugraph"
PG_USER="postgres"
PG_PASSWORD="postgres"
S3_ACCESS_KEY="S3RVER"
S3_SECRET_KEY="S3RVER"
TOOLS_DIR="$REPO_ROOT/.data/tools"
S3RVER_LOCK_DIR="$REPO_ROOT/scripts/s3rver"
TIMEOUT_SECONDS="${PANGU_SERVICE_TIMEOUT:-60}"
APT_UPDATED=0

usage() {
  echo "usage: $0 start|stop|status|env run|test" >&2
  exit 2
}

log() { echo "services: $*" >&2; }

fail() {
  echo "services: error: $*" >&2
  exit 1
}

# Sets PROFILE, the ports and the data paths for the profile named in $1.
select_profile() {
  PROFILE="${1:-}"
  case "$PROFILE" in
    run)
      PG_PORT="${PANGU_PG_PORT:-55432}"
      REDIS_PORT="${PANGU_REDIS_PORT:-56379}"
      S3_PORT="${PANGU_S3_PORT:-54569}"
      ;;
    test)
      PG_PORT="${PANGU_PG_PORT:-55442}"
      REDIS_PORT="${PANGU_REDIS_PORT:-56389}"
      S3_PORT="${PANGU_S3_PORT:-54579}"
      ;;
    *)
      echo "services: error: unknown profile '${PROFILE}'; use 'run' or 'test'" >&2
      usage
      ;;
  esac

  local port
  for port in "$PG_PORT" "$REDIS_PORT" "$S3_PORT"; do
    if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1024 || port > 65535)); then
      fail "invalid port '$port' (PANGU_*_PORT must be a number from 1024 to 65535)"
    fi
  done

  DATA_DIR="$REPO_ROOT/.data/$PROFILE"
  LOG_DIR="$DATA_DIR/logs"
  PG_DIR="$DATA_DIR/pg"
  PG_LOG="$LOG_DIR/postgres.log"
  REDIS_DIR="$DATA_DIR/redis"
  REDIS_LOG="$LOG_DIR/redis.log"
  REDIS_PID="$DATA_DIR/redis.pid"
  S3_DIR="$DATA_DIR/s3"
  S3_LOG="$LOG_DIR/s3rver.log"
  S3_PID="$DATA_DIR/s3rver.pid"
}

is_root() { [[ "$(id -u)" == 0 ]]; }

apt_install() {
  is_root || fail "'$*' is missing and only root can install it; run: apt-get install -y --no-install-recommends $*"
  if ((APT_UPDATED == 0)); then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Runs a command as the PostgreSQL server owner: the postgres user when we are root, else ourselves.
# It runs from / because the postgres user may not be allowed into the current directory.
as_pg_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Waits until "$@" succeeds; fails naming the service and its log file after TIMEOUT_SECONDS.
wait_for() {
  local service="$1" logfile="$2"
  shift 2
  local deadline=$((SECONDS + TIMEOUT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "services: error: timed out after ${TIMEOUT_SECONDS}s waiting for $service to become ready; see $logfile" >&2
      if [[ -f "$logfile" ]]; then
        echo "--- last lines of $logfile ---" >&2
        tail -n 20 "$logfile" >&2 || true
      fi
      exit 1
    fi
    sleep 0.3
  done
}

pid_alive() {
  local pidfile="$1"
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# --- PostgreSQL -----------------------------------------------------------------------------

ensure_postgres_installed() {
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]] && return 0
  apt_install postgresql-15
  [[ -x "$PG_BIN/initdb" ]] || fail "PostgreSQL 15 is still missing from $PG_BIN after apt-get install"
}

ensure_postgres_user() {
  if is_root && ! id -u postgres >/dev/null 2>&1; then
    fail "user 'postgres' is missing; reinstall the postgresql-15 package, which creates it"
  fi
}

# Makes PG_DIR a directory the server owner can use. When the postgres user cannot reach the
# repository (for example a clone under /root, mode 700), the cluster and its log live under
# /var/lib/pangugraph instead, and .data/PROFILE/pg and logs/postgres.log are symlinks to them.
prepare_pg_dir() {
  mkdir -p "$LOG_DIR"
  if [[ ! -e "$PG_DIR" ]]; then
    if is_root && ! runuser -u postgres -- test -x "$DATA_DIR"; then
      local key outside
      key="$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
      outside="/var/lib/pangugraph/$key/$PROFILE"
      log "user postgres cannot reach $DATA_DIR; keeping the PostgreSQL cluster in $outside"
      mkdir -p "$outside/pg"
      chmod 755 /var/lib/pangugraph "/var/lib/pangugraph/$key" "$outside"
      ln -s "$outside/pg" "$PG_DIR"
      ln -sfn "$outside/postgres.log" "$PG_LOG"
    else
      mkdir -p "$PG_DIR"
    fi
  fi
  resolve_pg_paths
  if [[ ! -e "$PG_LOG" ]]; then
    touch "$PG_LOG"
  fi
  if is_root; then
    chown postgres:postgres "$PG_DIR" "$PG_LOG"
  fi
  chmod 700 "$PG_DIR"
}

# Replaces symlinked PG_DIR and PG_LOG by their targets, because the postgres user may not be
# allowed to follow a path through the repository.
resolve_pg_paths() {
  if [[ -L "$PG_DIR" ]]; then
    PG_DIR="$(readlink -f "$PG_DIR")"
    PG_LOG="$(dirname "$PG_DIR")/postgres.log"
  fi
}

init_postgres() {
  [[ -f "$PG_DIR/PG_VERSION" ]] && return 0
  log "initdb $PG_DIR"
  local pwfile
  pwfile="$(mktemp)"
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  is_root && chown postgres "$pwfile"
  as_pg_owner "$PG_BIN/initdb" --pgdata="$PG_DIR" --username="$PG_USER" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    >"$LOG_DIR/initdb.log" 2>&1 || {
    rm -f "$pwfile"
    fail "initdb failed; see $LOG_DIR/initdb.log"
  }
  rm -f "$pwfile"
  echo "include_if_exists = 'pangugraph.conf'" | as_pg_owner tee -a "$PG_DIR/postgresql.conf" >/dev/null
}

# Rewrites the settings file on every start so port changes and profile settings apply.
write_postgres_settings() {
  {
    echo "# Written by scripts/services.sh on every start; edits here are lost."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PG_PORT"
    echo "unix_socket_directories = ''"
    echo "max_connections = 200"
    if [[ "$PROFILE" == test ]]; then
      # Test data is thrown away, so durability is traded for speed. Never used for `run`.
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_pg_owner tee "$PG_DIR/pangugraph.conf" >/dev/null
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER"; }

pg_running() {
  resolve_pg_paths
  [[ -f "$PG_DIR/PG_VERSION" ]] && as_pg_owner "$PG_BIN/pg_ctl" status -D "$PG_DIR" >/dev/null 2>&1
}

start_postgres() {
  ensure_postgres_installed
  ensure_postgres_user
  prepare_pg_dir
  init_postgres

  if pg_running; then
    log "postgres already running ($PG_DIR)"
  else
    write_postgres_settings
    log "starting postgres on 127.0.0.1:$PG_PORT"
    as_pg_owner "$PG_BIN/pg_ctl" start -D "$PG_DIR" -l "$PG_LOG" -s -t "$TIMEOUT_SECONDS" \
      || fail "postgres failed to start on port $PG_PORT; see $PG_LOG"
  fi
  wait_for postgres "$PG_LOG" pg_ready

  local exists
  exists="$(PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" \
    || fail "cannot query postgres on port $PG_PORT; see $PG_LOG"
  if [[ "$exists" != 1 ]]; then
    log "creating database $PG_DATABASE"
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
      -c "CREATE DATABASE $PG_DATABASE" || fail "creating database $PG_DATABASE failed; see $PG_LOG"
  fi
}

stop_postgres() {
  if pg_running; then
    log "stopping postgres"
    as_pg_owner "$PG_BIN/pg_ctl" stop -D "$PG_DIR" -m fast -s -t "$TIMEOUT_SECONDS" \
      || fail "postgres did not stop; see $PG_LOG"
  else
    log "postgres not running"
  fi
}

# --- Redis ----------------------------------------------------------------------------------

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

start_redis() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server
  fi
  mkdir -p "$REDIS_DIR" "$LOG_DIR"

  if pid_alive "$REDIS_PID"; then
    log "redis already running (pid $(cat "$REDIS_PID"))"
  else
    local persistence=()
    if [[ "$PROFILE" == test ]]; then
      persistence=(--save "" --appendonly no)
    else
      persistence=(--appendonly yes)
    fi
    log "starting redis on 127.0.0.1:$REDIS_PORT"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
      --dir "$REDIS_DIR" --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" "${persistence[@]}" \
      || fail "redis failed to start on port $REDIS_PORT; see $REDIS_LOG"
  fi
  wait_for redis "$REDIS_LOG" redis_ping
}

stop_redis() {
  if pid_alive "$REDIS_PID"; then
    log "stopping redis"
    local mode=save
    [[ "$PROFILE" == test ]] && mode=nosave
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown "$mode" >/dev/null 2>&1 || true
    local deadline=$((SECONDS + TIMEOUT_SECONDS))
    while pid_alive "$REDIS_PID"; do
      ((SECONDS < deadline)) || fail "redis (pid $(cat "$REDIS_PID")) did not stop; see $REDIS_LOG"
      sleep 0.2
    done
  else
    log "redis not running"
  fi
  rm -f "$REDIS_PID"
}

# --- S3 (s3rver) ----------------------------------------------------------------------------

S3RVER_JS="$TOOLS_DIR/node_modules/s3rver/bin/s3rver.js"

# Installs s3rver from the committed lockfile, again whenever that lockfile changes.
ensure_s3rver_installed() {
  if [[ -f "$S3RVER_JS" ]] && cmp -s "$S3RVER_LOCK_DIR/package-lock.json" "$TOOLS_DIR/package-lock.json"; then
    return 0
  fi
  command -v npm >/dev/null || fail "npm is missing; install node 20 and npm to run s3rver"
  log "installing s3rver into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  cp "$S3RVER_LOCK_DIR/package.json" "$S3RVER_LOCK_DIR/package-lock.json" "$TOOLS_DIR/"
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error >"$TOOLS_DIR/npm-install.log" 2>&1) \
    || fail "npm ci for s3rver failed; see $TOOLS_DIR/npm-install.log"
}

# Succeeds when an HTTP server responds on the S3 port (s3rver returns a bucket list for /).
s3_responds() {
  node -e '
    const req = require("http").get({ host: "127.0.0.1", port: Number(process.argv[1]), path: "/", timeout: 2000 },
      res => { res.resume(); process.exit(0); });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => process.exit(1));
  ' "$S3_PORT"
}

start_s3() {
  ensure_s3rver_installed
  mkdir -p "$S3_DIR" "$LOG_DIR"

  if pid_alive "$S3_PID"; then
    log "s3rver already running (pid $(cat "$S3_PID"))"
  else
    log "starting s3rver on 127.0.0.1:$S3_PORT"
    # setsid detaches s3rver from this shell so it outlives the script and the caller's Ctrl-C.
    # s3rver 3.7.1 encrypts list continuation tokens with DES, which the OpenSSL 3 of Node 20
    # refuses unless the legacy provider is loaded; without it paged listings return HTTP 500.
    setsid node --openssl-legacy-provider "$S3RVER_JS" --no-vhost-buckets --address 127.0.0.1 --port "$S3_PORT" \
      --directory "$S3_DIR" >>"$S3_LOG" 2>&1 </dev/null &
    echo $! >"$S3_PID"
  fi
  wait_for s3rver "$S3_LOG" s3_responds
  pid_alive "$S3_PID" || fail "s3rver exited and another process is listening on port $S3_PORT; see $S3_LOG"
}

stop_s3() {
  if pid_alive "$S3_PID"; then
    log "stopping s3rver"
    local pid
    pid="$(cat "$S3_PID")"
    kill "$pid"
    local deadline=$((SECONDS + TIMEOUT_SECONDS))
    while kill -0 "$pid" 2>/dev/null; do
      ((SECONDS < deadline)) || fail "s3rver (pid $pid) did not stop; see $S3_LOG"
      sleep 0.2
    done
  else
    log "s3rver not running"
  fi
  rm -f "$S3_PID"
}

# --- Native libraries -----------------------------------------------------------------------

# OpenCC (traditional-to-simplified Chinese conversion) is loaded by the text-processing operators
# through its C API; Debian ships the library and its dictionaries as two packages.
ensure_native_libraries() {
  if [[ ! -e /usr/share/opencc/t2s.json ]] || ! ldconfig -p 2>/dev/null | grep -q 'libopencc\.so\.1\.1'; then
    apt_install libopencc1.1 libopencc-data
  fi
}

# --- Commands -------------------------------------------------------------------------------

cmd_start() {
  mkdir -p "$LOG_DIR"
  ensure_native_libraries
  start_postgres
  start_redis
  start_s3
  log "profile $PROFILE ready: postgres $PG_PORT, redis $REDIS_PORT, s3 $S3_PORT"
}

cmd_stop() {
  stop_s3
  stop_redis
  stop_postgres
}

cmd_status() {
  local down=0
  if pg_running && pg_ready; then
    echo "postgres  running  127.0.0.1:$PG_PORT  data $PG_DIR"
  else
    echo "postgres  stopped  127.0.0.1:$PG_PORT  data $PG_DIR"
    down=1
  fi
  if pid_alive "$REDIS_PID" && redis_ping; then
    echo "redis     running  127.0.0.1:$REDIS_PORT  pid $(cat "$REDIS_PID")"
  else
    echo "redis     stopped  127.0.0.1:$REDIS_PORT"
    down=1
  fi
  if pid_alive "$S3_PID" && s3_responds; then
    echo "s3rver    running  127.0.0.1:$S3_PORT  pid $(cat "$S3_PID")"
  else
    echo "s3rver    stopped  127.0.0.1:$S3_PORT"
    down=1
  fi
  ((down == 0)) || exit 3
}

cmd_env() {
  cat <<EOF
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=$PG_USER;Password=$PG_PASSWORD"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Storage__ServiceUrl="http://127.0.0.1:$S3_PORT"
export Storage__AccessKey="$S3_ACCESS_KEY"
export Storage__SecretKey="$S3_SECRET_KEY"
export Storage__Region="us-east-1"
export Storage__PlatformBucket="pangu-platform"
export Storage__DisableChunkedEncoding="true"
EOF
}

main() {
  [[ $# -eq 2 ]] || usage
  local command="$1"
  select_profile "$2"
  case "$command" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
  esac
}

main "$@"
