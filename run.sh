#!/usr/bin/env bash
# Starts PanguGraph locally: the `run` profile services (PostgreSQL, Redis, s3rver), a Release
# build, and the app on http://127.0.0.1:5080 (PANGU_APP_PORT overrides the port) with a bootstrap
# admin API key and the demo samples. The app stays in the foreground and Ctrl-C stops it. The
# services keep running until `scripts/services.sh stop run`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO_ROOT="$(pwd)"
DATA_DIR="$REPO_ROOT/.data/run"
KEY_FILE="$DATA_DIR/admin-api-key"
APP_LOG="$DATA_DIR/app.log"
APP_DLL="$REPO_ROOT/src/GraphQL/bin/Release/net10.0/linux-x64/PanguGraph.dll"
APP_PORT="${PANGU_APP_PORT:-5080}"
APP_URL="http://127.0.0.1:$APP_PORT"
READY_TIMEOUT_SECONDS=120

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  echo "run.sh: error: $*" >&2
  exit 1
}

# Prints the admin API key, creating it on the first run: "pg_" and 40 URL-safe random characters.
admin_api_key() {
  if [[ ! -s "$KEY_FILE" ]]; then
    mkdir -p "$DATA_DIR"
    local random
    random="$(head -c 60 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=' | cut -c1-40)"
    (umask 077 && printf 'pg_%s\n' "$random" >"$KEY_FILE")
  fi
  local key
  key="$(tr -d '[:space:]' <"$KEY_FILE")"
  [[ "$key" =~ ^pg_[A-Za-z0-9_-]{40}$ ]] \
    || fail "$KEY_FILE does not contain a valid key (pg_ and 40 URL-safe characters); delete it to get a new one"
  printf '%s' "$key"
}

# Succeeds when GET /health/ready returns a 2xx status.
app_ready() {
  node -e '
    const req = require("http").get(process.argv[1], { timeout: 2000 }, res => {
      res.resume();
      process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => process.exit(1));
  ' "$APP_URL/health/ready"
}

show_log_tail() {
  echo "--- last lines of $APP_LOG ---" >&2
  tail -n 40 "$APP_LOG" >&2 || true
}

scripts/services.sh start run
eval "$(scripts/services.sh env run)"

dotnet build src/GraphQL/PanguGraph.GraphQL.csproj -c Release -nologo -v quiet \
  || fail "build failed; run 'dotnet build src/GraphQL/PanguGraph.GraphQL.csproj -c Release' to see the errors"
[[ -f "$APP_DLL" ]] || fail "the build did not produce $APP_DLL"

API_KEY="$(admin_api_key)"
export Pangu__Bootstrap__AdminApiKey="$API_KEY"
export Pangu__Demo__SamplesDirectory="$REPO_ROOT/samples"

mkdir -p "$DATA_DIR"
echo "=== run.sh started the app at $(date -Is) ===" >>"$APP_LOG"
# The content root is the project folder so that appsettings.json and wwwroot/graphiql are found.
dotnet "$APP_DLL" --urls "$APP_URL" --contentRoot "$REPO_ROOT/src/GraphQL" > >(trap '' INT; tee -a "$APP_LOG") 2>&1 &
APP_PID=$!

stop_app() {
  if kill -0 "$APP_PID" 2>/dev/null; then
    echo "run.sh: stopping the app (pid $APP_PID)" >&2
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  echo "run.sh: services are still running; stop them with: scripts/services.sh stop run" >&2
}
trap 'stop_app; exit 130' INT TERM

deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
until app_ready; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "run.sh: error: the app exited before $APP_URL/health/ready returned success" >&2
    show_log_tail
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "run.sh: error: timed out after ${READY_TIMEOUT_SECONDS}s waiting for $APP_URL/health/ready" >&2
    show_log_tail
    stop_app
    exit 1
  fi
  sleep 1
done

cat <<EOF

PanguGraph is ready at $APP_URL
API key: $API_KEY

First query:
curl -s $APP_URL/graphql -H 'Authorization: Bearer $API_KEY' -H 'Content-Type: application/json' -d '{"query":"{ me { userId isSuperAdmin } spaces(first: 10) { edges { node { id name } } } }"}'

A browser on $APP_URL/graphql gets GraphiQL; paste the API key into its API key field.
Ctrl-C stops the app. The services keep running; stop them with: scripts/services.sh stop run
Log: $APP_LOG

EOF

app_status=0
wait "$APP_PID" || app_status=$?
echo "run.sh: the app exited with status $app_status; services are still running (scripts/services.sh stop run)" >&2
exit "$app_status"
