#!/usr/bin/env bash
# Packaging check: `cmake --install` and `cpack -G DEB` both lay out the binary, desktop entry,
# icon, AppStream metainfo and sample; the packaged binary runs. The package is unpacked into a
# temporary folder (dpkg-deb -x) rather than installed, so the test never touches the system.
set -euo pipefail
build_dir="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

check_tree() {
    local root="$1"
    [ -x "$root/bin/gatehouse" ] || fail "$root/bin/gatehouse missing"
    [ -f "$root/share/applications/io.github.gatehouse.Gatehouse.desktop" ] || fail "desktop entry missing"
    [ -f "$root/share/icons/hicolor/scalable/apps/io.github.gatehouse.Gatehouse.svg" ] || fail "icon missing"
    [ -f "$root/share/metainfo/io.github.gatehouse.Gatehouse.metainfo.xml" ] || fail "metainfo missing"
    [ -f "$root/share/gatehouse/samples/bookinfo/gateway.yaml" ] || fail "sample missing"
    "$root/bin/gatehouse" --version | grep -q '^gatehouse [0-9]' || fail "gatehouse --version"
    "$root/bin/gatehouse" validate "$root/share/gatehouse/samples/bookinfo" >/dev/null 2>&1 ||
        fail "the installed sample does not validate"
}

echo "== cmake --install"
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
check_tree "$work/prefix"

echo "== cpack -G DEB"
(cd "$build_dir" && cpack -G DEB -B "$work/package" >/dev/null)
deb="$(ls "$work"/package/*.deb)"
[ -f "$deb" ] || fail "no .deb produced"
dpkg-deb --field "$deb" Package | grep -qx gatehouse || fail "package name"
dpkg-deb --field "$deb" Depends | grep -q 'libqt6widgets6' || fail "Depends lacks Qt (shlibdeps)"
dpkg-deb -x "$deb" "$work/root"
check_tree "$work/root/usr"

if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$work/root/usr/share/applications/io.github.gatehouse.Gatehouse.desktop"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic \
        "$work/root/usr/share/metainfo/io.github.gatehouse.Gatehouse.metainfo.xml" >/dev/null ||
        appstreamcli validate --no-net \
            "$work/root/usr/share/metainfo/io.github.gatehouse.Gatehouse.metainfo.xml"
fi
echo "package $(basename "$deb") is complete and runs"
