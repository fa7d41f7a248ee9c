#!/usr/bin/env bash
# Install Debian's Chromium (and a Korean font, so screenshots show Hangul) for the browser
# tests when missing and apt is available. Without Chromium the browser tests skip with a
# reason; everything else still runs.
set -u
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "cjk" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing ${need[*]} and apt-get unavailable: browser tests may be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "missing ${need[*]} and not root: browser tests may be skipped" >&2; exit 0; fi
fi
$SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" \
  || echo "installing ${need[*]} failed: browser tests may be skipped" >&2
exit 0
