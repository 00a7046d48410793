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
#      (default "1 2"), PIN=1 (pin with taskset, see below),
#      IDLE_CONNECTIONS (default 1000), MARKDOWN_OUT (also write the markdown to this file).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-1}
WORKER_COUNTS=${WORKER_COUNTS:-"1 2"}
SKIP_RSS=${SKIP_RSS:-0}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-1000}
RSS_TARGET_MB=30
READY_TIMEOUT=${READY_TIMEOUT:-20}
MARKDOWN_OUT=${MARKDOWN_OUT:-}

# Pinning is off by default. On the 2-core machines this was written for, wrk, the backend and
# a 2-worker proxy already want more than 2 cores, so no fixed placement gives each a core of
# its own. Tried on such a machine (three runs each way), pinned runs spread at least as widely
# as unpinned ones, and the direct row got slower because wrk and the backend shared a core.
# PIN=1 keeps the option for machines where it helps: wrk and the backend share CPU 0, a
# 1-worker proxy gets CPU 1, and larger proxies get every CPU.
PIN=${PIN:-0}

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Tools. nginx and haproxy live in /usr/sbin on Debian, which is not on a normal user's PATH.

find_tool() { PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v "$1" 2>/dev/null || true; }

WRK=$(find_tool wrk)
NGINX=$(find_tool nginx)
HAPROXY=$(find_tool haproxy)
PYTHON=$(find_tool python3)
TASKSET=$(find_tool taskset)

missing_packages=()
[[ -n $WRK ]] || missing_packages+=(wrk)
[[ -n $NGINX ]] || missing_packages+=(nginx)
[[ -n $HAPROXY ]] || missing_packages+=(haproxy)
[[ -n $PYTHON ]] || missing_packages+=(python3)
[[ $PIN != 1 || -n $TASKSET ]] || missing_packages+=(util-linux)
if ((${#missing_packages[@]})); then
    say "run.sh: missing tools. Install them with:"
    say "  sudo apt-get install -y ${missing_packages[*]}"
    exit 2
fi

# The gatehouse binary: $GATEHOUSE, else the benchmark build, else the normal build.
GATEHOUSE_WHY=""  # non-empty: why (d) and the RSS step are skipped
if [[ -z ${GATEHOUSE:-} ]]; then
    for candidate in "$ROOT/build-bench/app/gatehouse" "$ROOT/build/app/gatehouse"; do
        if [[ -x $candidate ]]; then GATEHOUSE=$candidate; break; fi
    done
fi
BUILD_HINT="build it Release first: cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DGATEHOUSE_BUILD_BENCH=ON && cmake --build build-bench"
if [[ -z ${GATEHOUSE:-} || ! -x ${GATEHOUSE:-} ]]; then
    GATEHOUSE_WHY="no gatehouse binary${GATEHOUSE:+ at $GATEHOUSE}; $BUILD_HINT"
    GATEHOUSE=""
else
    # A Debug build would make (d) look several times slower than it is: warn, don't refuse.
    cache="$(dirname "$GATEHOUSE")/../CMakeCache.txt"
    if [[ -f $cache ]]; then
        build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache")
        if [[ $build_type != Release ]]; then
            say "run.sh: warning: $GATEHOUSE is a '${build_type:-unset}' build, not Release; $BUILD_HINT"
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------
# Processes and cleanup. Every background process goes into PIDS; on exit each one is stopped
# by its own PID (TERM, then KILL for it and its children if it does not stop in 5 s).

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-proxy-bench.XXXXXX")
PIDS=()

# A child that exited stays a zombie until waited for, so `kill -0` alone would call it alive.
alive() {
    local state
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [[ -n $state && $state != Z ]]
}

children_of() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true; }

stop_pid() {
    local pid=$1 kids i
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
        say "run.sh: process $pid did not stop on TERM; killing it"
        # Workers of a master that is killed outright would be left behind, so end them too,
        # by the PIDs they have while their master still holds them.
        kids=$(children_of "$pid")
        kill -KILL "$pid" 2>/dev/null || true
        for i in $kids; do kill -KILL "$i" 2>/dev/null || true; done
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Idle-connection tests need more than 1024 descriptors in gatehouse; children inherit this.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# taskset prefixes per role (empty unless PIN=1); see the PIN comment at the top.
ncpu=$(nproc)
pin_for() {
    [[ $PIN == 1 ]] || return 0
    case $1 in
        load | backend) echo "$TASKSET -c 0" ;;
        proxy1) if ((ncpu > 1)); then echo "$TASKSET -c 1"; fi ;;
        *) echo "$TASKSET -c 0-$((ncpu - 1))" ;;
    esac
}

# start NAME CMD...: runs CMD in the background with stdout/stderr in $WORK/NAME.{out,err}
# and sets STARTED_PID. `exec` in the subshell makes $! the command itself (not a shell).
start() {
    local name=$1
    shift
    (exec "$@" >"$WORK/$name.out" 2>"$WORK/$name.err") &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

forget_pid() {
    local pid=$1 kept=() p
    for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    PIDS=("${kept[@]}")
}

stop() { stop_pid "$1"; forget_pid "$1"; }

show_log() {
    local name=$1
    say "--- $name stdout/stderr (last lines) ---"
    tail -n 15 "$WORK/$name.out" "$WORK/$name.err" >&2 2>/dev/null || true
}

# wait_ok PORT: until the port answers GET / with the backend's exact body. For proxies this
# also proves the request went through to the backend (gatehouse's built-in echo would not
# answer `ok\n`).
wait_ok() { "$PYTHON" "$HERE/netutil.py" probe "$1" 'ok\n' "$READY_TIMEOUT"; }

ports=$("$PYTHON" "$HERE/netutil.py" free-ports 4 | tr '\n' ' ') || die "could not pick free ports"
read -r BACKEND_PORT NGINX_PORT HAPROXY_PORT GATEHOUSE_PORT <<<"$ports"

# nginx runs as whoever starts it, except that a root master hands its workers to `nobody`
# unless told otherwise; name the current user so the backend and proxy run as us either way.
nginx_user_line() { if ((EUID == 0)); then echo "user $(id -un);"; fi; }

# Common nginx settings: logs to stderr (captured in $WORK), no access log, and keep-alive
# connections that are never recycled, so no run pays for reconnects the others don't.
nginx_conf() {
    local dir=$1 workers=$2 http_body=$3
    cat >"$dir/nginx.conf" <<EOF
$(nginx_user_line)
worker_processes $workers;
pid $dir/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    # Packaged builds point these at /var/lib/nginx, which a normal user can't write.
    client_body_temp_path $dir/tmp-body;
    proxy_temp_path $dir/tmp-proxy;
    fastcgi_temp_path $dir/tmp-fastcgi;
    uwsgi_temp_path $dir/tmp-uwsgi;
    scgi_temp_path $dir/tmp-scgi;
$http_body
}
EOF
}

# start_nginx NAME WORKERS PIN_ROLE HTTP_BODY: a private nginx with prefix and config in $WORK.
start_nginx() {
    local name=$1 workers=$2 role=$3 body=$4 dir="$WORK/$1"
    mkdir -p "$dir"
    nginx_conf "$dir" "$workers" "$body"
    # -e stderr: don't touch the packaged /var/log/nginx/error.log before the config is read.
    # shellcheck disable=SC2046
    start "$name" $(pin_for "$role") "$NGINX" -p "$dir/" -c "$dir/nginx.conf" -e stderr -g 'daemon off;'
}

start_backend() {
    # One worker: `return 200` costs far less than proxying, so one worker keeps up with every
    # proxy here (the direct row shows its ceiling) and leaves the most CPU to the proxy.
    start_nginx backend 1 backend "    server {
        listen 127.0.0.1:$BACKEND_PORT;
        location / { default_type text/plain; return 200 \"ok\\n\"; }
    }"
    BACKEND_PID=$STARTED_PID
    wait_ok "$BACKEND_PORT" || { show_log backend; die "the backend nginx did not come up"; }
}

start_nginx_proxy() {
    local workers=$1
    start_nginx "nginx-w$workers" "$workers" "proxy$workers" "    upstream backend {
        server 127.0.0.1:$BACKEND_PORT;
        keepalive 64;
        keepalive_requests 1000000;
        keepalive_timeout 300s;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }"
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
    local workers=$1 port=$2 name="gatehouse-w$1" i
    # shellcheck disable=SC2046
    start "$name" $(pin_for "proxy$workers") "$GATEHOUSE" serve "$HERE/bench-gateway.yaml" \
        --bind 127.0.0.1 --port "80=$port" --upstream "backend=127.0.0.1:$BACKEND_PORT" \
        --workers "$workers"
    GATEHOUSE_PID=$STARTED_PID
    for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
        if grep -qx ready "$WORK/$name.out" 2>/dev/null; then break; fi
        if ! alive "$GATEHOUSE_PID"; then
            GATEHOUSE_WHY="\`gatehouse serve\` exited before printing ready: $(head -n 1 "$WORK/$name.err" 2>/dev/null)"
            stop "$GATEHOUSE_PID"
            return 1
        fi
        sleep 0.1
    done
    if ! grep -qx ready "$WORK/$name.out" 2>/dev/null; then
        GATEHOUSE_WHY="\`gatehouse serve\` printed no ready line within ${READY_TIMEOUT}s"
        show_log "$name"
        stop "$GATEHOUSE_PID"
        return 1
    fi
}

# ---------------------------------------------------------------------------------------------
# wrk runs. Results go to $WORK/results.tsv: target workers rps p50_us p99_us errors.

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# Converts wrk's latency text (e.g. 512.00us, 1.20ms, 2.01s, 1.50m) to microseconds.
# shellcheck disable=SC2016
AWK_TO_US='function to_us(v) {
    if (v ~ /us$/) return v + 0
    if (v ~ /ms$/) return v * 1000
    if (v ~ /m$/) return v * 60000000
    if (v ~ /s$/) return v * 1000000
    return v + 0
}'

# measure TARGET WORKERS PORT
measure() {
    local target=$1 workers=$2 port=$3 out="$WORK/wrk-$1-w$2.txt" row
    local -a pin
    read -r -a pin <<<"$(pin_for load)"
    local letter
    case $target in direct) letter=a ;; nginx) letter=b ;; haproxy) letter=c ;; *) letter=d ;; esac
    say "  ($letter) $target, workers $workers: warm-up ${WARMUP}s, then ${DURATION}s with $CONNECTIONS connections"
    # The warm-up opens the proxies' upstream connections and faults in their memory, so the
    # measured run starts from the steady state every target reaches.
    if ((WARMUP > 0)); then
        "${pin[@]}" "$WRK" -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port/" >/dev/null
    fi
    "${pin[@]}" "$WRK" -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port/" >"$out"
    row=$(awk -v target="$target" -v workers="$workers" "$AWK_TO_US"'
        /^Requests\/sec:/ { rps = $2 }
        /Latency Distribution/ { dist = 1; next }
        dist && $1 == "50%" { p50 = to_us($2) }
        dist && $1 == "99%" { p99 = to_us($2); dist = 0 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { for (i = 3; i <= NF; i += 2) errors += $(i + 1) }
        END {
            if (rps == "" || p50 == "" || p99 == "") exit 1
            printf "%s\t%s\t%.0f\t%.0f\t%.0f\t%d\n", target, workers, rps, p50, p99, errors
        }' "$out") || { cat "$out" >&2; die "could not read wrk's output for $target"; }
    printf '%s\n' "$row" >>"$RESULTS"
    if [[ $(cut -f6 <<<"$row") != 0 ]]; then
        say "  warning: $target had errors:"
        grep -E 'Non-2xx|Socket errors' "$out" | sed 's/^/    /' >&2
    fi
}

# ---------------------------------------------------------------------------------------------
# Step 1.

say "work dir: $WORK"
say "ports: backend $BACKEND_PORT, nginx $NGINX_PORT, haproxy $HAPROXY_PORT, gatehouse $GATEHOUSE_PORT"
start_backend

# A quick look at whether something else is using the CPUs: on a 2-core machine a compile
# running beside the benchmark moves every number, so say so next to the results.
busy_percent() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ")
        d = y[2] - x[2]; printf "%.0f", (d > 0 ? 100 * (y[1] - x[1]) / d : 0) }'
}
BUSY_WARNING=""
busy=$(busy_percent)
if ((busy > 15)); then
    BUSY_WARNING="warning: the CPUs were ${busy}% busy before the benchmark started; other work skews these numbers"
    say "$BUSY_WARNING"
fi

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

# First line of a tool's version output (`wrk -v` prints its version and usage, then exits 1).
first_line() { { "$@" 2>&1 || true; } | head -n 1; }
tool_versions="$(first_line "$NGINX" -v | sed 's/^nginx version: //'), $(first_line "$HAPROXY" -v | awk '{ print "HAProxy " $3 }'), $(first_line "$WRK" -v | awk '{ print "wrk " $2 }')"
gatehouse_rev=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
context="$(date -u +%Y-%m-%d), ${ncpu} CPUs (${cpu_model:-unknown CPU}), $(uname -sr); $tool_versions; gatehouse $gatehouse_rev; wrk -t1 -c$CONNECTIONS -d${DURATION}s, warm-up ${WARMUP}s$( ((ROUNDS > 1)) && echo ", median of $ROUNDS rounds"); pinning $([[ $PIN == 1 ]] && echo on || echo off)"

# render plain|markdown: one table from results.tsv, one row per target and worker count (the
# median of its rounds; each column's median is taken on its own).
render() {
    awk -F'\t' -v style="$1" '
        function ms(us) { return sprintf("%.2f ms", us / 1000) }
        function median(key, col,    i, j, v, t, c) {
            c = count[key]
            for (i = 1; i <= c; i++) v[i] = val[key, col, i]
            for (i = 2; i <= c; i++)  # insertion sort: a handful of values
                for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
        }
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

skipped_line=""
if [[ -n $GATEHOUSE_WHY ]]; then skipped_line="gatehouse skipped: $GATEHOUSE_WHY"; fi

echo
echo "Results ($context)"
echo
render plain
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
echo
echo "Markdown:"
echo
echo "$markdown"
if [[ -n $MARKDOWN_OUT ]]; then printf '%s\n' "$markdown" >"$MARKDOWN_OUT"; fi
