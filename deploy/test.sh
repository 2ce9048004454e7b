#!/usr/bin/env bash
# The project's test command: a private PostgreSQL cluster, one Release build, every test project,
# and a closing "N passed, N failed, N skipped" line summed over all of them.
#   deploy/test.sh [--filter EXPR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export SIGNAGE_ARTIFACTS="$repo/.artifacts"
[ -x /usr/bin/chromium ] && export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium

filter=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then filter=(--filter "$2"); fi

if [ -z "${SIGNAGE_TEST_PG:-}" ]; then
  data=${SIGNAGE_TEST_DATA:-$repo/.data/test-pg}
  SIGNAGE_TEST_PG=$(bash deploy/pg.sh start "$data")
  export SIGNAGE_TEST_PG
  stop_pg() { bash deploy/pg.sh stop "$data" >/dev/null 2>&1 || true; }
  trap stop_pg EXIT
fi

results="$SIGNAGE_ARTIFACTS/test-results"
rm -rf "$results" && mkdir -p "$results"
dotnet build Signage.sln -c Release -nologo -clp:ErrorsOnly

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build "${filter[@]}" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1
done

read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is not None:
        p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
        s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
# Stop the cluster now so the summary stays the last line of the output.
declare -F stop_pg >/dev/null && stop_pg
[ "$passed" -gt 0 ] || status=1
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
