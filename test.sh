#!/usr/bin/env bash
# Builds the solution in Release and runs every test against real PostgreSQL, Redis and s3rver
# (the `test` profile of scripts/services.sh). Extra arguments go to `dotnet test`, for example
#   ./test.sh --filter "FullyQualifiedName~Import"
# The last line printed is `N passed, N failed` (plus `, N skipped` when tests were skipped).
# Exits non-zero when the build fails, a test fails, or no test ran.
# The services are stopped at exit unless PANGU_KEEP_SERVICES=1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO_ROOT="$(pwd)"
RESULTS_DIR="$REPO_ROOT/TestResults"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

release_services() {
  if [[ "${PANGU_KEEP_SERVICES:-0}" == 1 ]]; then
    echo "test.sh: test services left running (stop them with: scripts/services.sh stop test)" >&2
  else
    scripts/services.sh stop test >/dev/null 2>&1 || echo "test.sh: stopping the test services failed" >&2
  fi
}
trap release_services EXIT

scripts/services.sh start test
eval "$(scripts/services.sh env test)"

if ! dotnet build PanguGraph.sln -c Release -nologo; then
  echo "test.sh: build failed" >&2
  exit 1
fi

rm -rf "$RESULTS_DIR"
test_status=0
dotnet test PanguGraph.sln -c Release --no-build --logger trx --results-directory "$RESULTS_DIR" "$@" \
  || test_status=$?

# Counts the outcomes of all UnitTestResult elements in the TRX files and prints
# "passed failed skipped trx_file_count". Outcomes other than Passed and NotExecuted (Failed, Error, Timeout,
# Aborted, ...) count as failed.
count_results() {
  node - "$RESULTS_DIR" <<'EOF'
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(name => name.endsWith(".trx")) : [];
let passed = 0, failed = 0, skipped = 0;
for (const name of files) {
  const xml = fs.readFileSync(path.join(dir, name), "utf8");
  for (const match of xml.matchAll(/<UnitTestResult\b[^>]*\boutcome="([^"]+)"/g)) {
    if (match[1] === "Passed") passed++;
    else if (match[1] === "NotExecuted") skipped++;
    else failed++;
  }
}
console.log(`${passed} ${failed} ${skipped} ${files.length}`);
EOF
}

read -r passed failed skipped trx_files < <(count_results)

if ((trx_files == 0)); then
  echo "test.sh: no TRX file in $RESULTS_DIR, so dotnet test did not run any test project" >&2
fi
if ((test_status != 0 && failed == 0)); then
  echo "test.sh: dotnet test exited with status $test_status although no test result failed" >&2
fi
if ((passed + failed == 0)); then
  echo "test.sh: no test ran; check the --filter argument or add tests" >&2
fi

summary="$passed passed, $failed failed"
if ((skipped > 0)); then
  summary+=", $skipped skipped"
fi

exit_code=0
if ((test_status != 0 || failed > 0 || passed + failed == 0)); then
  exit_code=1
fi

# Stop the services before printing, so the summary stays the last line of the output.
trap - EXIT
release_services

echo "$summary"
exit "$exit_code"
