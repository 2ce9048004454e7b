#!/usr/bin/env bash
# Installs a published Signage player (a screen: agent + kiosk browser) or server on Debian 12 or Raspberry Pi OS
# Bookworm (arm64), as root: unprivileged accounts (systemd-sysusers), the program under /opt/signage, settings under
# /etc/signage (kept on upgrade), systemd units enabled. See docs/OPERATIONS.md.
#   deploy/install.sh player --server-url URL [--from DIR] [--root DIR] [--no-packages] [--no-start]
#   deploy/install.sh server [--from DIR] [--root DIR] [--no-packages] [--no-start]
# --from: the published folder (default .artifacts/publish/<app>-<rid> from deploy/publish.sh, rid from this machine).
# --root: install into that folder instead of / (an image being prepared, or a scratch root in tests): no packages,
#         nothing started.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

usage() { echo "usage: $0 player|server [--server-url URL] [--from DIR] [--root DIR] [--no-packages] [--no-start]" >&2; exit 2; }
say() { echo "install.sh: $*" >&2; }
die() { echo "install.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] || usage
app=$1; shift
case $app in player | server) ;; *) usage ;; esac
root="" from="" server_url="" packages=1 start=1
while [ $# -gt 0 ]; do
  case $1 in
    --root) [ $# -ge 2 ] || usage; root=$(realpath -m "$2"); shift 2 ;;
    --from) [ $# -ge 2 ] || usage; from=$2; shift 2 ;;
    --server-url) [ $# -ge 2 ] || usage; server_url=$2; shift 2 ;;
    --no-packages) packages=0; shift ;;
    --no-start) start=0; shift ;;
    *) usage ;;
  esac
done
if [ -n "$root" ]; then packages=0 start=0; fi
[ "$(id -u)" -eq 0 ] || die "run as root (it creates accounts and installs system units)"

if [ -z "$from" ]; then
  case $(dpkg --print-architecture 2>/dev/null || uname -m) in
    amd64 | x86_64) rid=linux-x64 ;;
    arm64 | aarch64) rid=linux-arm64 ;;
    *) die "unsupported architecture $(uname -m): publish for it and pass --from" ;;
  esac
  from="$repo/.artifacts/publish/$app-$rid"
fi
case $app in
  player) binary=Signage.Player ;;
  server) binary=Signage.Server ;;
esac
[ -x "$from/$binary" ] || die "$from/$binary not found: run deploy/publish.sh $app first, or pass --from"
if [ "$app" = player ]; then
  [ -n "$server_url" ] || [ -f "$root/etc/signage/player.env" ] || die "--server-url is required on a first install"
  case $server_url in "" | http://* | https://*) ;; *) die "--server-url must start with http:// or https://" ;; esac
fi

if [ "$packages" -eq 1 ]; then
  say "installing Debian packages…"
  case $app in
    player)
      browser=chromium
      apt-cache show chromium >/dev/null 2>&1 || browser=chromium-browser
      wanted=(cage "$browser" fonts-dejavu-core v4l-utils) ;;
    server) wanted=(libturbojpeg0 fonts-dejavu-core) ;;
  esac
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
fi

# Accounts first: the files below are owned by their groups.
say "creating the accounts…"
install -d -m 0755 "$root/etc/sysusers.d"
install -m 0644 "$repo/deploy/device/signage-$app.sysusers" "$root/etc/sysusers.d/signage-$app.conf"
if [ -n "$root" ]; then
  install -d -m 0755 "$root/etc"
  systemd-sysusers --root="$root" "$root/etc/sysusers.d/signage-$app.conf"
else
  systemd-sysusers "/etc/sysusers.d/signage-$app.conf"
fi
# The numeric id from the target's own group file: names of a scratch root mean nothing to this machine.
gid_of() { awk -F: -v name="$1" '$1 == name { print $3 }' "$root/etc/group"; }

# The program: owned by root, not writable by the account that runs it. Staged beside, then swapped in.
say "installing the $app into /opt/signage/$app…"
install -d -m 0755 "$root/opt/signage" "$root/opt/signage/doc"
rm -rf "$root/opt/signage/$app.new"
cp -a "$from" "$root/opt/signage/$app.new"
chown -R 0:0 "$root/opt/signage/$app.new"
chmod -R u=rwX,go=rX "$root/opt/signage/$app.new"
chmod 0755 "$root/opt/signage/$app.new/$binary"
rm -rf "$root/opt/signage/$app.old"
if [ -e "$root/opt/signage/$app" ]; then mv "$root/opt/signage/$app" "$root/opt/signage/$app.old"; fi
mv "$root/opt/signage/$app.new" "$root/opt/signage/$app"
rm -rf "$root/opt/signage/$app.old"
install -m 0644 "$repo/docs/OPERATIONS.md" "$root/opt/signage/doc/OPERATIONS.md"

# Settings: written once, kept on upgrade; readable by root and the service's group only.
install -d -m 0755 "$root/etc/signage"
write_env() { # file group content
  if [ ! -f "$1" ]; then
    printf '%s\n' "$3" >"$1"
    chown "0:$(gid_of "$2")" "$1"
    chmod 0640 "$1"
  fi
}
units=()
case $app in
  player)
    write_env "$root/etc/signage/player.env" signage-player "# Signage player settings (see docs/OPERATIONS.md).
Player__ServerUrl=$server_url
# Display power, e.g. HDMI-CEC: Player__Power__OnCommand=cec-ctl -d /dev/cec0 --to 0 --image-view-on
# Player__Power__OffCommand=cec-ctl -d /dev/cec0 --to 0 --standby"
    if [ -n "$server_url" ]; then
      # The address as typed: sed's own characters in it (\, & and the # delimiter) escaped.
      escaped=$(printf '%s' "$server_url" | sed 's/[\\&#]/\\&/g')
      sed -i "s#^Player__ServerUrl=.*#Player__ServerUrl=$escaped#" "$root/etc/signage/player.env"
    fi
    write_env "$root/etc/signage/kiosk.env" signage-kiosk "# What the kiosk browser shows (the player's display page).
SIGNAGE_DISPLAY_URL=http://127.0.0.1:5080/"
    install -d -m 0755 "$root/opt/signage/kiosk"
    install -m 0755 "$repo/deploy/device/kiosk.sh" "$root/opt/signage/kiosk/kiosk.sh"
    install -d -m 0755 "$root/etc/pam.d"
    install -m 0644 "$repo/deploy/device/signage-kiosk.pam" "$root/etc/pam.d/signage-kiosk"
    units=(signage-player.service signage-kiosk.service) ;;
  server)
    write_env "$root/etc/signage/server.env" signage "# Signage server settings (README.md, Configuration). Required:
# ConnectionStrings__Signage=Host=127.0.0.1;Database=signage;Username=signage;Password=…
ASPNETCORE_URLS=http://0.0.0.0:5000"
    units=(signage-server.service) ;;
esac

say "enabling ${units[*]}…"
install -d -m 0755 "$root/etc/systemd/system"
for unit in "${units[@]}"; do
  install -m 0644 "$repo/deploy/systemd/$unit" "$root/etc/systemd/system/$unit"
done
if [ -n "$root" ]; then
  systemctl --root="$root" enable "${units[@]}"
  # What `systemctl set-default graphical.target` does; a scratch root has no graphical.target to check against.
  if [ "$app" = player ]; then ln -sfn /lib/systemd/system/graphical.target "$root/etc/systemd/system/default.target"; fi
else
  systemctl daemon-reload
  systemctl enable "${units[@]}"
  if [ "$app" = player ]; then systemctl set-default graphical.target; fi
  if [ "$start" -eq 1 ]; then
    if [ "$app" = server ] && ! grep -q '^ConnectionStrings__Signage=' /etc/signage/server.env; then
      say "set ConnectionStrings__Signage in /etc/signage/server.env, then: systemctl start signage-server"
    else
      systemctl restart "${units[@]}"
    fi
  fi
fi
say "done: $app installed${root:+ into $root}"
