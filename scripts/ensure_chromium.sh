#!/usr/bin/env bash
# Provide Debian's Chromium (and a Korean font, so screenshots show Hangul) for the browser
# tests, installing them with apt when missing. Exits non-zero when Chromium cannot be
# provided: the browser tests are part of the suite, not an option.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "cjk" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
fail() { echo "ensure_chromium: $*" >&2; exit 1; }
command -v apt-get >/dev/null 2>&1 || fail "missing ${need[*]} and apt-get is unavailable"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "missing ${need[*]}; installing needs root or sudo"
  SUDO="sudo"
fi
$SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" \
  || fail "installing ${need[*]} with apt failed"
command -v chromium >/dev/null 2>&1 || fail "chromium is installed but not on PATH ($PATH)"
