#!/usr/bin/env bash
# The project's test command: a private PostgreSQL cluster, one Release build, a formatting check
# (without --filter), every test project in turn (a test hung for 5 minutes fails its project, with a dump), and a
# closing "N passed, N failed, N skipped" line summed over their TRX files. Pending EF model
# changes fail Signage.Core.Tests (MigrationsTests).
#   deploy/test.sh [--filter EXPR]
# SIGNAGE_TEST_PG: use this PostgreSQL connection string instead of starting a cluster.
# SIGNAGE_TEST_DATA: where the private cluster lives (default .data/test-pg).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

usage() { echo "usage: $0 [--filter EXPR]" >&2; exit 2; }
filter=()
while [ $# -gt 0 ]; do
  case $1 in
    --filter) [ $# -ge 2 ] || usage; filter=(--filter "$2"); shift 2 ;;
    --filter=*) filter=(--filter "${1#--filter=}"); shift ;;
    *) usage ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export SIGNAGE_ARTIFACTS="$repo/.artifacts"
if [ -x /usr/bin/chromium ]; then export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium; fi

# Start a private cluster unless one was given; stop it however the script ends.
pg_data=""
stop_pg() { if [ -n "$pg_data" ]; then bash deploy/pg.sh stop "$pg_data" >/dev/null 2>&1 || true; fi; }
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ -z "${SIGNAGE_TEST_PG:-}" ]; then
  pg_data=${SIGNAGE_TEST_DATA:-$repo/.data/test-pg}
  SIGNAGE_TEST_PG=$(bash deploy/pg.sh start "$pg_data")
  export SIGNAGE_TEST_PG
fi

results="$SIGNAGE_ARTIFACTS/test-results"
rm -rf "$results"
mkdir -p "$results"
dotnet build Signage.sln -c Release -nologo -clp:ErrorsOnly || { echo "dotnet build failed" >&2; exit 1; }
# Formatting as committed, whitespace and code style (.editorconfig), on full runs only: a failure
# fails the run once the tests have run. `dotnet format whitespace` / `dotnet format style` fix it.
status=0
if [ ${#filter[@]} -eq 0 ]; then
  for check in whitespace style; do
    dotnet format "$check" Signage.sln --verify-no-changes --no-restore \
      || { echo "dotnet format $check: files need formatting (run it without --verify-no-changes)" >&2; status=1; }
  done
fi

shopt -s nullglob
projects=(tests/*.Tests/*.Tests.csproj)
[ ${#projects[@]} -gt 0 ] || { echo "no test projects under tests/*.Tests" >&2; exit 1; }

for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build ${filter[@]+"${filter[@]}"} \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5min --blame-hang-dump-type mini || status=1
  [ -f "$results/$name.trx" ] || { echo "$name: no TRX file (test host crashed?)" >&2; status=1; }
done

# Sums one attribute of the TRX <Counters .../> elements.
counter() {
  local total=0 value file
  for file in "$results"/*.trx; do
    value=$(tr -d '\r\n' <"$file" | grep -o '<Counters [^>]*>' | head -n 1 \
      | sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p")
    total=$((total + ${value:-0}))
  done
  echo "$total"
}
passed=$(counter passed)
failed=$(($(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
skipped=$(counter notExecuted)

# Stop the cluster now so that the summary stays the last line.
stop_pg
pg_data=""
if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
