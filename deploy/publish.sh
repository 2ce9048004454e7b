#!/usr/bin/env bash
# Publishes the player and/or the server, self-contained (no .NET needed on the device), for Linux x64 and arm64
# (Raspberry Pi OS Bookworm 64-bit), into .artifacts/publish/<app>-<rid>/, the folders deploy/install.sh takes.
#   deploy/publish.sh [player|server|all] [--rid linux-x64|linux-arm64]...
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

usage() { echo "usage: $0 [player|server|all] [--rid RID]..." >&2; exit 2; }
apps=(player)
rids=()
while [ $# -gt 0 ]; do
  case $1 in
    player | server) apps=("$1"); shift ;;
    all) apps=(player server); shift ;;
    --rid) [ $# -ge 2 ] || usage; rids+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)

for app in "${apps[@]}"; do
  case $app in
    player) project=player/Signage.Player ;;
    server) project=server/Signage.Server ;;
  esac
  for rid in "${rids[@]}"; do
    out=".artifacts/publish/$app-$rid"
    echo "publish.sh: $app for $rid → $out" >&2
    rm -rf "$out"
    dotnet publish "$project" -c Release -r "$rid" --self-contained -o "$out" -nologo -clp:ErrorsOnly
  done
done
