#!/usr/bin/env bash
# Runs the PanguGraph benchmarks in Release against the `test` profile services of scripts/services.sh
# and prints the machine, the command and a markdown table of results. Arguments go to the benchmark,
# for example
#   bench/run.sh --import-mib 32 --only import,latency
# Ports default to 55530 (PostgreSQL), 56530 (Redis) and 54530 (S3); set PANGU_PG_PORT,
# PANGU_REDIS_PORT and PANGU_S3_PORT to change them. The services are stopped at exit unless
# PANGU_KEEP_SERVICES=1. The table is also written to bench/results/latest.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PANGU_PG_PORT="${PANGU_PG_PORT:-55530}"
export PANGU_REDIS_PORT="${PANGU_REDIS_PORT:-56530}"
export PANGU_S3_PORT="${PANGU_S3_PORT:-54530}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

release_services() {
  if [[ "${PANGU_KEEP_SERVICES:-0}" == 1 ]]; then
    echo "bench/run.sh: services left running (stop them with: scripts/services.sh stop test)" >&2
  else
    scripts/services.sh stop test >/dev/null 2>&1 || echo "bench/run.sh: stopping the services failed" >&2
  fi
}
trap release_services EXIT

scripts/services.sh start test
eval "$(scripts/services.sh env test)"

dotnet build bench/PanguGraph.Bench -c Release -nologo -v quiet >&2
mkdir -p bench/results
dotnet bench/PanguGraph.Bench/bin/Release/net10.0/linux-x64/PanguGraph.Bench.dll --output bench/results/table.md "$@" >&2

echo
echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- Command: bench/run.sh $*"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
echo "- Memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), .NET $(dotnet --version)"
echo "- Services: PostgreSQL 15 (fsync off), Redis $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/'), s3rver 3.7.1, all on 127.0.0.1"
echo
cat bench/results/table.md
{
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Command: bench/run.sh $*"
  echo
  cat bench/results/table.md
} >bench/results/latest.md
