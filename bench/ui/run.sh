#!/usr/bin/env bash
# The desktop app's speed: (a) launch → main window painted, on the bundled sample, with the
# real gatehouse binary; (b) opening a generated 1,000-resource workspace through the main
# window; (c) typing in the YAML tab. (b) and (c) are bench_ui's; see README.md.
#
# Settings: LAUNCHES (default 10) launches for (a); RESOURCES (1000) and ROUNDS (5) for bench_ui;
# GATEHOUSE and BENCH_UI (paths to the binaries) override the build folder's.
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

LAUNCHES=${LAUNCHES:-10}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

find_gatehouse "build with -DGATEHOUSE_BUILD_BENCH=ON (see bench/ui/README.md)"
[[ -n $GATEHOUSE ]] || die "$GATEHOUSE_WHY"
BENCH_UI=${BENCH_UI:-$(dirname "$GATEHOUSE")/../bench/bench_ui}
[[ -x $BENCH_UI ]] || die "no bench_ui at $BENCH_UI; build it with -DGATEHOUSE_BUILD_BENCH=ON"
check_busy

bench_start_work ui
# Settings of the app (recent files, window state) go to the temporary folder, not the user's.
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache"

say "(a) launch → main window painted, ${LAUNCHES} launches"
times=()
for ((i = 0; i < LAUNCHES; i++)); do
    out=$(GATEHOUSE_LAUNCH_TIME=1 "$GATEHOUSE" "$ROOT/resources/samples/bookinfo")
    times+=("$(awk '/^launch_ms / { print $2 }' <<<"$out")")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    printf "%-44s median %8.2f ms   worst %8.2f ms   (n=%d, target <= 500 ms)%s\n",
        "launch to first paint (bundled sample)", v[int((NR + 1) / 2)], v[NR], NR,
        v[int((NR + 1) / 2)] <= 500 ? "" : "  MISSED" }'

say "(b), (c): bench_ui"
"$BENCH_UI"
echo
echo "($(host_context); gatehouse $(gatehouse_rev))${BUSY_WARNING:+; $BUSY_WARNING}"
