#!/usr/bin/env bash
# Proxy benchmark: how fast is `gatehouse serve` next to nginx and HAProxy?
#
# Step 1 (throughput/latency): wrk on loopback with keep-alive connections against one small
# backend (an nginx that answers `200 ok\n` itself), reached
#   (a) directly, (b) through nginx, (c) through HAProxy, (d) through `gatehouse serve`,
# each proxy first with 1 worker, then with 2. Prints a plain table and a markdown table.
#
# Step 2 (memory, skip with SKIP_RSS=1): gatehouse's resident memory with --workers 2, before
# any client and with 1000 idle keep-alive client connections open (target: <= 30 MB).
#
# Nothing is installed and nothing outside a private temp dir is written; every process this
# script starts runs as the current user and is stopped on exit. See README.md beside this file.
#
# Env: DURATION (s, default 10), CONNECTIONS (default 64), GATEHOUSE (binary), SKIP_RSS=1,
#      WARMUP (s, default 2), ROUNDS (default 1; the table shows medians), WORKER_COUNTS
#      (default "1 2"), PIN=1 (pin with taskset, see bench/common.sh),
#      IDLE_CONNECTIONS (default 1000), MARKDOWN_OUT (also write the markdown to this file).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../common.sh
source "$HERE/../common.sh"

SKIP_RSS=${SKIP_RSS:-0}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-1000}
RSS_TARGET_MB=30

# ---------------------------------------------------------------------------------------------
# Tools.

find_tools WRK=wrk:wrk NGINX=nginx:nginx HAPROXY=haproxy:haproxy PYTHON=python3:python3

# GATEHOUSE_WHY non-empty: why (d) and the RSS step are skipped.
find_gatehouse "build it Release first: cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DGATEHOUSE_BUILD_BENCH=ON && cmake --build build-bench"

# ---------------------------------------------------------------------------------------------
# Processes, ports and the targets (the helpers are in bench/common.sh).

bench_start_work proxy

ports=$(free_ports 4) || die "could not pick free ports"
read -r BACKEND_PORT NGINX_PORT HAPROXY_PORT GATEHOUSE_PORT <<<"$ports"

start_nginx_proxy() {
    local workers=$1
    start_nginx "nginx-w$workers" "$workers" "proxy$workers" "$(nginx_proxy_server "127.0.0.1:$NGINX_PORT")"
    wait_ok "$NGINX_PORT" || { show_log "nginx-w$workers"; die "the nginx proxy did not come up"; }
}

start_haproxy() {
    local workers=$1 dir="$WORK/haproxy-w$1"
    mkdir -p "$dir"
    # No `log` lines: like nginx's access_log off. `http-reuse always` shares idle backend
    # connections between client connections, HAProxy's equivalent of nginx's upstream keepalive.
    cat >"$dir/haproxy.cfg" <<EOF
global
    nbthread $workers
    maxconn 1000  # plenty for 64 clients, and within a 4096-descriptor limit

defaults
    mode http
    option http-keep-alive
    http-reuse always
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    timeout http-keep-alive 300s

frontend bench
    bind 127.0.0.1:$HAPROXY_PORT
    default_backend backend

backend backend
    server backend 127.0.0.1:$BACKEND_PORT
EOF
    # -db: stay in the foreground, so the PID we hold is HAProxy itself.
    # shellcheck disable=SC2046
    start "haproxy-w$workers" $(pin_for "proxy$workers") "$HAPROXY" -db -f "$dir/haproxy.cfg"
    wait_ok "$HAPROXY_PORT" || { show_log "haproxy-w$workers"; die "HAProxy did not come up"; }
}

# start_gatehouse WORKERS PORT: starts `gatehouse serve` and waits for its `ready` line.
# Returns 1 (with GATEHOUSE_WHY set) when it can't, so the caller skips gatehouse rather than fail.
start_gatehouse() {
    local workers=$1 port=$2 name="gatehouse-w$1"
    # shellcheck disable=SC2046
    start "$name" $(pin_for "proxy$workers") "$GATEHOUSE" serve "$HERE/bench-gateway.yaml" \
        --bind 127.0.0.1 --port "80=$port" --upstream "backend=127.0.0.1:$BACKEND_PORT" \
        --workers "$workers"
    GATEHOUSE_PID=$STARTED_PID
    wait_gatehouse_ready "$name"
}

# ---------------------------------------------------------------------------------------------
# wrk runs. Results go to $WORK/results.tsv: target workers rps p50_us p99_us errors.

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# measure TARGET WORKERS PORT
measure() {
    local target=$1 workers=$2 port=$3 out="$WORK/wrk-$1-w$2.txt" row
    local letter
    case $target in direct) letter=a ;; nginx) letter=b ;; haproxy) letter=c ;; *) letter=d ;; esac
    say "  ($letter) $target, workers $workers: warm-up ${WARMUP}s, then ${DURATION}s with $CONNECTIONS connections"
    wrk_warmup 1 "$CONNECTIONS" "http://127.0.0.1:$port/"
    wrk_run "$DURATION" "$out" 1 "$CONNECTIONS" --latency "http://127.0.0.1:$port/"
    row=$(awk -v target="$target" -v workers="$workers" "$AWK_WRK"'
        END {
            if (rps == "" || p50 == "" || p99 == "") exit 1
            printf "%s\t%s\t%.0f\t%.0f\t%.0f\t%d\n", target, workers, rps, p50, p99, errors
        }' "$out") || { cat "$out" >&2; die "could not read wrk's output for $target"; }
    printf '%s\n' "$row" >>"$RESULTS"
    if [[ $(cut -f6 <<<"$row") != 0 ]]; then
        warn_wrk_errors "$target" "$out"
    fi
}

# ---------------------------------------------------------------------------------------------
# Step 1.

say "work dir: $WORK"
say "ports: backend $BACKEND_PORT, nginx $NGINX_PORT, haproxy $HAPROXY_PORT, gatehouse $GATEHOUSE_PORT"
start_backend

check_busy

# One round measures every target once. With ROUNDS > 1 the rounds are interleaved (all
# targets, then all again) so slow drift on a shared machine hits every target alike, and the
# table shows each target's median.
for ((round = 1; round <= ROUNDS; round++)); do
if ((ROUNDS > 1)); then say "round $round of $ROUNDS"; fi

say "no proxy"
measure direct - "$BACKEND_PORT"

for workers in $WORKER_COUNTS; do
    say "workers = $workers"

    start_nginx_proxy "$workers"
    nginx_pid=$STARTED_PID
    measure nginx "$workers" "$NGINX_PORT"
    stop "$nginx_pid"

    start_haproxy "$workers"
    haproxy_pid=$STARTED_PID
    measure haproxy "$workers" "$HAPROXY_PORT"
    stop "$haproxy_pid"

    if [[ -z $GATEHOUSE_WHY ]] && start_gatehouse "$workers" "$GATEHOUSE_PORT"; then
        if wait_ok "$GATEHOUSE_PORT"; then
            measure gatehouse "$workers" "$GATEHOUSE_PORT"
        else
            show_log "gatehouse-w$workers"
            GATEHOUSE_WHY="\`gatehouse serve\` did not pass the backend's answer through (check the --upstream mapping)"
        fi
        stop "$GATEHOUSE_PID"
    fi
    if [[ -n $GATEHOUSE_WHY ]]; then say "  (d) gatehouse: skipped: $GATEHOUSE_WHY"; fi
done

done  # rounds

# ---------------------------------------------------------------------------------------------
# Step 2: gatehouse's resident memory with idle keep-alive connections.

# Sums VmRSS (kB) of a process and its descendants, in case workers are processes, not threads.
rss_kb_tree() {
    local pid=$1 total kid
    total=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    for kid in $(children_of "$pid"); do total=$((total + $(rss_kb_tree "$kid"))); done
    echo "${total:-0}"
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

RSS_REPORT=""
measure_rss() {
    local port=$GATEHOUSE_PORT before with verdict clients i open_line
    say "RSS: gatehouse --workers 2 with $IDLE_CONNECTIONS idle keep-alive connections"
    start_gatehouse 2 "$port" || return 1
    # Read before any request: what an idle, freshly started gatehouse holds.
    sleep 0.5
    before=$(rss_kb_tree "$GATEHOUSE_PID")

    start idle-clients "$PYTHON" "$HERE/idle_clients.py" --port "$port" --count "$IDLE_CONNECTIONS" --hold 120
    clients=$STARTED_PID
    for ((i = 0; i < 600; i++)); do
        grep -q '^ready' "$WORK/idle-clients.out" 2>/dev/null && break
        alive "$clients" || break
        sleep 0.1
    done
    if ! grep -q '^ready' "$WORK/idle-clients.out" 2>/dev/null; then
        show_log idle-clients
        stop "$clients"
        stop "$GATEHOUSE_PID"
        GATEHOUSE_WHY="the idle clients could not all connect and get an answer"
        return 1
    fi
    sleep 1  # let the last responses' buffers be released before reading
    with=$(rss_kb_tree "$GATEHOUSE_PID")

    stop "$clients"
    open_line=$(grep '^open' "$WORK/idle-clients.out" || echo "open ?/$IDLE_CONNECTIONS")
    stop "$GATEHOUSE_PID"

    if ((with <= RSS_TARGET_MB * 1024)); then verdict="within"; else verdict="OVER"; fi
    RSS_REPORT="gatehouse RSS (--workers 2): $(mb "$before") MB before clients; $(mb "$with") MB with $IDLE_CONNECTIONS idle keep-alive connections (${open_line#open } still open when read) -> $verdict the target of <= $RSS_TARGET_MB MB"
}

if [[ $SKIP_RSS == 1 ]]; then
    RSS_REPORT="RSS step skipped (SKIP_RSS=1)"
elif [[ -n $GATEHOUSE_WHY ]]; then
    RSS_REPORT="RSS step skipped: $GATEHOUSE_WHY"
elif ! measure_rss; then
    RSS_REPORT="RSS step failed: $GATEHOUSE_WHY"
fi

# ---------------------------------------------------------------------------------------------
# Report. Ratios compare gatehouse and HAProxy with nginx at the same worker count:
# req/s ratio > 1 is faster than nginx, p99 ratio < 1 is lower tail latency than nginx.

stop "$BACKEND_PID"

tool_versions="$(first_line "$NGINX" -v | sed 's/^nginx version: //'), $(first_line "$HAPROXY" -v | awk '{ print "HAProxy " $3 }'), $(first_line "$WRK" -v | awk '{ print "wrk " $2 }')"
context="$(host_context); $tool_versions; gatehouse $(gatehouse_rev); wrk -t1 -c$CONNECTIONS -d${DURATION}s, warm-up ${WARMUP}s$( ((ROUNDS > 1)) && echo ", median of $ROUNDS rounds"); pinning $(pinning)"

# render plain|markdown: one table from results.tsv, one row per target and worker count (the
# median of its rounds; each column's median is taken on its own).
render() {
    awk -F'\t' -v style="$1" "$AWK_TABLE"'
        function row(a, b, c, d, e, f, g, h) {
            if (style == "markdown") printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", a, b, c, d, e, f, g, h
            else printf "%-10s %-8s %10s %10s %10s %15s %13s %7s\n", a, b, c, d, e, f, g, h
        }
        {
            key = $1 SUBSEP $2
            if (!(key in count)) { keys[++n] = key; target[key] = $1; workers[key] = $2 }
            c = ++count[key]
            val[key, "rps", c] = $3 + 0; val[key, "p50", c] = $4 + 0; val[key, "p99", c] = $5 + 0
            errors[key] += $6
        }
        END {
            for (i = 1; i <= n; i++) {
                k = keys[i]
                rps[k] = median(k, "rps"); p50[k] = median(k, "p50"); p99[k] = median(k, "p99")
            }
            row("target", "workers", "req/s", "p50", "p99", "req/s vs nginx", "p99 vs nginx", "errors")
            if (style == "markdown") print "|---|---|--:|--:|--:|--:|--:|--:|"
            for (i = 1; i <= n; i++) {
                k = keys[i]; ref = "nginx" SUBSEP workers[k]; rr = "-"; pr = "-"
                if (target[k] != "direct" && (ref in rps) && rps[ref] > 0 && p99[ref] > 0) {
                    rr = sprintf("%.2fx", rps[k] / rps[ref])
                    pr = sprintf("%.2fx", p99[k] / p99[ref])
                }
                row(target[k], workers[k], sprintf("%.0f", rps[k]), ms(p50[k]), ms(p99[k]), rr, pr, errors[k])
            }
        }' "$RESULTS"
}

skipped_line=$(gatehouse_skipped_line)

print_results "$context"
[[ -z $BUSY_WARNING ]] || echo "$BUSY_WARNING"
[[ -z $skipped_line ]] || echo "$skipped_line"
echo "$RSS_REPORT"

markdown=$(
    echo "Proxy benchmark: $context."
    echo
    render markdown
    echo
    [[ -z $BUSY_WARNING ]] || { echo "$BUSY_WARNING"; echo; }
    [[ -z $skipped_line ]] || { echo "$skipped_line"; echo; }
    echo "$RSS_REPORT"
)
print_markdown "$markdown"
