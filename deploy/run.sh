#!/usr/bin/env bash
# Runs the whole system locally: private PostgreSQL, the server with its console, one demo player.
# Ctrl-C stops everything. Data stays under .data/ between runs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

server_port=${SIGNAGE_PORT:-5000}
player_port=${SIGNAGE_PLAYER_PORT:-5080}
admin_email=${SIGNAGE_ADMIN_EMAIL:-admin@signage.local}
admin_password=${SIGNAGE_ADMIN_PASSWORD:-Signage-Demo-2026!}

say() { echo "run.sh: $*" >&2; }

mkdir -p .data
say "starting PostgreSQL (.data/dev-pg)…"
pg=$(bash deploy/pg.sh start "$repo/.data/dev-pg")
say "building (Release; the first build takes a few minutes)…"
dotnet build Signage.sln -c Release -nologo -clp:ErrorsOnly

export ConnectionStrings__Signage="${pg/Database=postgres/Database=signage}"
export Signage__Admin__Email=$admin_email Signage__Admin__Password=$admin_password
export Signage__Storage__Root="$repo/.data/assets"
psql "host=127.0.0.1 port=$(cat .data/dev-pg/port) user=postgres dbname=postgres" -tAc \
  "SELECT 1 FROM pg_database WHERE datname='signage'" | grep -q 1 \
  || psql "host=127.0.0.1 port=$(cat .data/dev-pg/port) user=postgres dbname=postgres" -qc "CREATE DATABASE signage"

server_dir=server/Signage.Server/bin/Release/net10.0
player_dir=player/Signage.Player/bin/Release/net10.0

if [ ! -f .data/demo-player.token ]; then
  say "creating the demo screen…"
  (cd "$server_dir" && dotnet Signage.Server.dll screens create --name "Écran de démonstration" --group "Accueil mairie") \
    | sed -n 's/^token=//p' >.data/demo-player.token
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash deploy/pg.sh stop "$repo/.data/dev-pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

say "starting the server on port $server_port…"
(cd "$server_dir" && ASPNETCORE_URLS="http://localhost:$server_port" exec dotnet Signage.Server.dll) &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$server_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done

say "starting the demo player on port $player_port…"

(cd "$player_dir" && Player__ServerUrl="http://localhost:$server_port" Player__DeviceToken=$(cat "$repo/.data/demo-player.token") \
  Player__CacheDir="$repo/.data/demo-player-cache" Player__Urls="http://127.0.0.1:$player_port" exec dotnet Signage.Player.dll) &
pids+=($!)

cat <<MSG

  Console:      http://localhost:$server_port   (sign in as $admin_email / $admin_password;
                the first sign-in asks to set up an authenticator app, required for Administrators)
  Demo screen:  http://127.0.0.1:$player_port   (group « Accueil mairie »; status at /api/status)
  Jobs:         http://localhost:$server_port/hangfire (Administrators)

  Ctrl-C stops everything.
MSG
wait
