#!/usr/bin/env bash
# Screenshots of the main views for the README: builds Gatehouse (as installer/dev.sh build
# does), runs it on the bundled sample on a virtual display (Xvfb) and saves the topology, the
# YAML tab, the Request Tester and the Traffic dock as PNGs in docs/screenshots (or $1).
#
#   installer/screenshots.sh [OUTPUT_DIR]
#
# Needs Xvfb (apt-get install xvfb). Nothing outside the build folder and OUTPUT_DIR is written;
# the settings it touches are a throwaway copy (XDG_CONFIG_HOME in a temp dir).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/docs/screenshots}")"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"

command -v Xvfb >/dev/null || { echo "Xvfb is missing: sudo apt-get install xvfb" >&2; exit 2; }
"$ROOT/installer/dev.sh" build

TMP="$(mktemp -d)"
DISPLAY_NUMBER=97
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] || [ -e "/tmp/.X$DISPLAY_NUMBER-lock" ]; do
    DISPLAY_NUMBER=$((DISPLAY_NUMBER + 1))
done
Xvfb ":$DISPLAY_NUMBER" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
XVFB=$!
trap 'kill "$XVFB" 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break
    sleep 0.1
done

mkdir -p "$OUT"
DISPLAY=":$DISPLAY_NUMBER" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" \
    GATEHOUSE_CA_DIR="$TMP/ca" GATEHOUSE_SCREENSHOTS="$OUT" \
    "$BUILD_DIR/app/gatehouse" "$ROOT/resources/samples/bookinfo"
