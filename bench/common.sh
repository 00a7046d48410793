# shellcheck shell=bash
# Checked on its own, this file only sets globals its callers read (SC2034) and reads WRK and
# friends that its callers set (SC2153); `shellcheck -x` on the scripts checks the whole.
# shellcheck disable=SC2034,SC2153
# Helpers shared by bench/proxy/run.sh and bench/tls/run.sh, which source this file.
#
# Contract: the caller runs under `set -euo pipefail` and sources this before anything else.
# Sourcing only sets defaults and defines functions; side effects happen when the caller asks:
# bench_start_work (temp dir, exit trap, descriptor limit), then start_backend and friends.
# Before calling them the caller sets WRK, NGINX and PYTHON (find_tools) and, before
# start_backend and nginx_proxy_server, BACKEND_PORT. Results go wherever the caller says;
# this file knows nothing about either benchmark's tables: print_results calls the caller's
# `render plain`.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
# Free ports and the plain-HTTP probe (both benchmarks use it; it lives beside the first one).
NETUTIL="$BENCH_DIR/proxy/netutil.py"

# Settings both benchmarks take (each script's header documents them).
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-1}
WORKER_COUNTS=${WORKER_COUNTS:-"1 2"}
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

# find_tools VAR=COMMAND:PACKAGE...: sets each VAR to COMMAND's path (empty when missing), and
# TASKSET to taskset's. When any is missing (taskset only counts with PIN=1), prints one
# `apt-get install` line with their packages, in the order given, and exits with 2.
find_tools() {
    local spec var cmd pkg path missing=()
    for spec in "$@" TASKSET=taskset:util-linux; do
        var=${spec%%=*} cmd=${spec#*=}
        pkg=${cmd#*:} cmd=${cmd%%:*}
        path=$(find_tool "$cmd")
        printf -v "$var" '%s' "$path"
        if [[ -z $path && ($var != TASKSET || $PIN == 1) ]]; then missing+=("$pkg"); fi
    done
    if ((${#missing[@]})); then
        say "run.sh: missing tools. Install them with:"
        say "  sudo apt-get install -y ${missing[*]}"
        exit 2
    fi
}

# find_gatehouse BUILD_HINT: sets GATEHOUSE to $GATEHOUSE, else the benchmark build, else the
# normal build. Without one, GATEHOUSE is empty and GATEHOUSE_WHY (non-empty: why the gatehouse
# rows are skipped) says so, with BUILD_HINT.
find_gatehouse() {
    local hint=$1 candidate cache build_type
    GATEHOUSE_WHY=""
    if [[ -z ${GATEHOUSE:-} ]]; then
        for candidate in "$ROOT/build-bench/app/gatehouse" "$ROOT/build/app/gatehouse"; do
            if [[ -x $candidate ]]; then GATEHOUSE=$candidate; break; fi
        done
    fi
    if [[ -z ${GATEHOUSE:-} || ! -x ${GATEHOUSE:-} ]]; then
        GATEHOUSE_WHY="no gatehouse binary${GATEHOUSE:+ at $GATEHOUSE}; $hint"
        GATEHOUSE=""
    else
        # A Debug build would make gatehouse look several times slower than it is: warn,
        # don't refuse.
        cache="$(dirname "$GATEHOUSE")/../CMakeCache.txt"
        if [[ -f $cache ]]; then
            build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache")
            if [[ $build_type != Release ]]; then
                say "run.sh: warning: $GATEHOUSE is a '${build_type:-unset}' build, not Release; $hint"
            fi
        fi
    fi
}

# ---------------------------------------------------------------------------------------------
# Processes and cleanup. Every background process goes into PIDS; on exit each one is stopped
# by its own PID (TERM, then KILL for it and its children if it does not stop in 5 s).

PIDS=()

# bench_start_work NAME: makes the private temp dir WORK (gatehouse-NAME-bench.*) and arranges
# for every process started here to be stopped, and WORK removed, when the script ends.
bench_start_work() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-$1-bench.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # Idle-connection tests need more than 1024 descriptors in gatehouse; children inherit this.
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

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
        # Workers of a master that is killed outright (nginx's) would be left behind, so end
        # them too, by the PIDs they have while their master still holds them.
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

# free_ports N: N free loopback ports on one line.
free_ports() { "$PYTHON" "$NETUTIL" free-ports "$1" | tr '\n' ' '; }

# wait_ok PORT: until the port answers GET / (plain HTTP) with the backend's exact body. For
# proxies this also proves the request went through to the backend (gatehouse's built-in echo
# would not answer `ok\n`).
wait_ok() { "$PYTHON" "$NETUTIL" probe "$1" 'ok\n' "$READY_TIMEOUT"; }

# first_err_line FILE: the default for wait_gatehouse_ready's SUMMARY.
first_err_line() { head -n 1 "$1" 2>/dev/null; }

# wait_gatehouse_ready NAME [SUMMARY]: waits up to READY_TIMEOUT s for `gatehouse serve`
# (GATEHOUSE_PID, started as NAME) to print its `ready` line. When it exits first or prints no
# such line in time, sets GATEHOUSE_WHY, stops it and returns 1, so the caller skips gatehouse
# rather than fail. SUMMARY FILE prints, from its stderr file, why it exited.
wait_gatehouse_ready() {
    local name=$1 summary=${2:-first_err_line} i
    for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
        if grep -qx ready "$WORK/$name.out" 2>/dev/null; then break; fi
        if ! alive "$GATEHOUSE_PID"; then
            GATEHOUSE_WHY="\`gatehouse serve\` exited before printing ready: $("$summary" "$WORK/$name.err")"
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
# nginx: the backend, and the configs of the nginx proxies measured against gatehouse.

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

# start_backend: the nginx on BACKEND_PORT that answers `200 ok\n` itself; sets BACKEND_PID.
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

# nginx_proxy_server LISTEN [DIRECTIVES]: an http block body with a server that listens on
# LISTEN (an nginx `listen` value), adds DIRECTIVES (lines, each starting with a newline) and
# proxies everything to the backend over keep-alive HTTP/1.1 connections, never recycled.
nginx_proxy_server() {
    local listen=$1 directives=${2:-}
    echo "    upstream backend {
        server 127.0.0.1:$BACKEND_PORT;
        keepalive 64;
        keepalive_requests 1000000;
        keepalive_timeout 300s;
    }
    server {
        listen $listen;$directives
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }"
}

# ---------------------------------------------------------------------------------------------
# wrk runs and their output.

# wrk_run SECONDS OUT THREADS CONNECTIONS ARGS...: one wrk run in the load role (pinned when
# PIN=1), its output in OUT.
wrk_run() {
    local seconds=$1 out=$2 threads=$3 connections=$4
    local -a pin
    shift 4
    read -r -a pin <<<"$(pin_for load)"
    "${pin[@]}" "$WRK" -t"$threads" -c"$connections" -d"${seconds}s" "$@" >"$out"
}

# wrk_warmup THREADS CONNECTIONS ARGS...: WARMUP seconds of wrk, not counted. The warm-up opens
# the proxies' upstream connections and faults in their memory, so the measured run starts from
# the steady state every target reaches.
wrk_warmup() {
    if ((WARMUP > 0)); then wrk_run "$WARMUP" /dev/null "$@"; fi
}

# AWK_WRK: awk rules that read `wrk --latency` output into requests, rps, p50 and p99 (in
# microseconds) and errors (non-2xx answers plus socket errors). A caller appends its END.
# to_us converts wrk's latency text (e.g. 512.00us, 1.20ms, 2.01s, 1.50m) to microseconds.
# shellcheck disable=SC2016
AWK_WRK='function to_us(v) {
    if (v ~ /us$/) return v + 0
    if (v ~ /ms$/) return v * 1000
    if (v ~ /m$/) return v * 60000000
    if (v ~ /s$/) return v * 1000000
    return v + 0
}
/requests in/ { requests = $1 }
/^Requests\/sec:/ { rps = $2 }
/Latency Distribution/ { dist = 1; next }
dist && $1 == "50%" { p50 = to_us($2) }
dist && $1 == "99%" { p99 = to_us($2); dist = 0 }
/Non-2xx or 3xx responses:/ { errors += $NF }
/Socket errors:/ { for (i = 3; i <= NF; i += 2) errors += $(i + 1) }
'

# warn_wrk_errors WHAT OUT: says that WHAT had errors and shows wrk's lines about them.
warn_wrk_errors() {
    say "  warning: $1 had errors:"
    grep -E 'Non-2xx|Socket errors' "$2" | sed 's/^/    /' >&2
}

# ---------------------------------------------------------------------------------------------
# Reports.

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

# check_busy: sets BUSY_WARNING (and says it) when the CPUs were more than 15% busy.
check_busy() {
    local busy
    BUSY_WARNING=""
    busy=$(busy_percent)
    if ((busy > 15)); then
        BUSY_WARNING="warning: the CPUs were ${busy}% busy before the benchmark started; other work skews these numbers"
        say "$BUSY_WARNING"
    fi
}

# AWK_TABLE: awk functions for the result tables: ms(us) formats microseconds as milliseconds;
# median(key, col) is the median of val[key, col, 1..count[key]] (the rounds of one row).
# shellcheck disable=SC2016
AWK_TABLE='
function ms(us) { return sprintf("%.2f ms", us / 1000) }
function median(key, col,    i, j, v, t, c) {
    c = count[key]
    for (i = 1; i <= c; i++) v[i] = val[key, col, i]
    for (i = 2; i <= c; i++)  # insertion sort: a handful of values
        for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
}
'

# First line of a tool's version output (`wrk -v` prints its version and usage, then exits 1).
first_line() { { "$@" 2>&1 || true; } | head -n 1; }

# host_context: the date, the machine and the kernel, for the line above a table.
host_context() {
    local cpu_model
    cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    echo "$(date -u +%Y-%m-%d), ${ncpu} CPUs (${cpu_model:-unknown CPU}), $(uname -sr)"
}

gatehouse_rev() { git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown; }

pinning() { if [[ $PIN == 1 ]]; then echo on; else echo off; fi; }

# gatehouse_skipped_line: "gatehouse skipped: WHY" when GATEHOUSE_WHY says why, else nothing.
gatehouse_skipped_line() {
    if [[ -n $GATEHOUSE_WHY ]]; then echo "gatehouse skipped: $GATEHOUSE_WHY"; fi
}

# print_results CONTEXT: the heading and the plain table (the caller's `render plain`).
print_results() {
    echo
    echo "Results ($1)"
    echo
    render plain
}

# print_markdown MARKDOWN: prints it under its heading, and into MARKDOWN_OUT when set.
print_markdown() {
    echo
    echo "Markdown:"
    echo
    echo "$1"
    if [[ -n $MARKDOWN_OUT ]]; then printf '%s\n' "$1" >"$MARKDOWN_OUT"; fi
}
