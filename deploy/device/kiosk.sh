#!/bin/sh
# Started by signage-kiosk.service: Chromium in kiosk mode inside cage, showing the player's display page.
# SIGNAGE_DISPLAY_URL comes from /etc/signage/kiosk.env. The DevTools port listens on 127.0.0.1 only: the player
# takes its screenshots of what the display really shows through it.
set -eu
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "kiosk.sh: no chromium or chromium-browser on PATH" >&2
  exit 1
fi
exec cage -d -- "$browser" \
  --kiosk --noerrdialogs --disable-infobars --no-first-run --disable-session-crashed-bubble \
  --disable-features=Translate,MediaRouter --disable-pinch --overscroll-history-navigation=0 \
  --autoplay-policy=no-user-gesture-required --password-store=basic --ozone-platform=wayland \
  --user-data-dir="$HOME/chromium" \
  --remote-debugging-address=127.0.0.1 --remote-debugging-port="${SIGNAGE_DEVTOOLS_PORT:-9222}" \
  "${SIGNAGE_DISPLAY_URL:-http://127.0.0.1:5080/}"
