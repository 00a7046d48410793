#!/usr/bin/env bash
# Developer bootstrap for Debian and Ubuntu: installs the build dependencies with apt (once),
# builds Gatehouse with CMake and Ninja, then runs it or its tests.
#
#   installer/dev.sh run    set up, build, open the bundled sample in Gatehouse
#                           (headless validation when there is no display)
#   installer/dev.sh test   set up, build, run the whole test suite through ctest
#   installer/dev.sh build  set up and build only
#   installer/dev.sh deps   install the build dependencies only
#
# BUILD_DIR (default: build) and JOBS (default: number of cores) can be set in the environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
SAMPLE="$ROOT/resources/samples/bookinfo"

PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools
    libyaml-cpp-dev libssl-dev libre2-dev node-llhttp
    dpkg-dev file desktop-file-utils appstream libbenchmark-dev
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_dependencies() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return
    fi
    echo "Installing build dependencies: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

build() {
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build "$BUILD_DIR" --parallel "$JOBS"
}

run_app() {
    local binary="$BUILD_DIR/app/gatehouse"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the headless"
        echo "equivalent on the bundled sample: validate, trace one request, run its route tests."
        echo
        echo "\$ gatehouse validate $SAMPLE"
        "$binary" validate "$SAMPLE"
        echo
        echo "\$ gatehouse trace $SAMPLE --request 'GET https://uk.bookinfo.com/reviews/1' -H 'end-user: jason'"
        "$binary" trace "$SAMPLE" --request 'GET https://uk.bookinfo.com/reviews/1' -H 'end-user: jason'
        echo
        echo "\$ gatehouse test $ROOT/tests/routes/bookinfo.routes.yaml"
        "$binary" test "$ROOT/tests/routes/bookinfo.routes.yaml"
        return
    fi
    exec "$binary" "$SAMPLE"
}

run_tests() {
    ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS" --timeout 600
}

case "${1:-}" in
    run) install_dependencies; build; run_app ;;
    test) install_dependencies; build; run_tests ;;
    build) install_dependencies; build ;;
    deps) install_dependencies ;;
    *)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
