#!/usr/bin/env bash
# TLS benchmark: how fast does `gatehouse serve` terminate TLS next to nginx?
#
# Both terminate TLS with the same ECDSA P-256 certificate and key (made here with the openssl
# CLI), with the same number of workers, and proxy to the same plain-HTTP backend (an nginx that
# answers `200 ok\n` itself, as in bench/proxy). wrk on loopback measures
#   (a) handshakes/s: `Connection: close` on every request, so every request is a new TCP
#       connection and a full TLS handshake (no resumption: see the check below), and
#   (b) keep-alive HTTPS requests/s and latency percentiles,
# each with 1 worker, then 2. Prints a plain table and a markdown table with ratios to nginx and
# the server CPU time each request cost.
#
# wrk resumes TLS sessions whenever the server lets it (it keeps each connection's session and
# offers it on the next connection), so a handshake run only measures full handshakes when the
# server refuses resumption. Two checks make sure of that:
# - the resumption check runs wrk in mode (a) against an nginx that *allows* resumption (session
#   cache and tickets on) and logs `$ssl_session_reused`, `$connection_requests` and
#   `$ssl_server_name` for each request: it shows what wrk does (resume, one request per
#   connection, SNI), with a Python client that resumes as the positive control;
# - before each handshake run, the same Python client tries to resume a session with the server
#   under test. The measured nginx refuses (ssl_session_cache off, ssl_session_tickets off); a
#   gatehouse that resumes is not measured in mode (a) unless ALLOW_RESUMPTION=1, and then its
#   rows say "handshake (resumed)".
#
# Nothing is installed and nothing outside a private temp dir is written; every process this
# script starts runs as the current user and is stopped on exit. See README.md beside this file.
#
# Env: DURATION (s, default 10), CONNECTIONS (keep-alive, default 64), HANDSHAKE_CONNECTIONS
#      (default 16), WRK_THREADS (default 1), WARMUP (s, default 2), ROUNDS (default 1; the
#      table shows medians), WORKER_COUNTS (default "1 2"), GATEHOUSE (binary), MODES (default
#      "handshake keepalive"), PIN=1 (see bench/common.sh), MARKDOWN_OUT (also write the markdown
#      there), ALLOW_RESUMPTION=1 (measure mode (a) even against a server that resumes).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../common.sh
source "$HERE/../common.sh"

HANDSHAKE_CONNECTIONS=${HANDSHAKE_CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-1}
MODES=${MODES:-"handshake keepalive"}
ALLOW_RESUMPTION=${ALLOW_RESUMPTION:-0}

for mode in $MODES; do
    [[ $mode == handshake || $mode == keepalive ]] || die "MODES takes handshake and/or keepalive, got '$mode'"
done

# ---------------------------------------------------------------------------------------------
# Tools.

find_tools WRK=wrk:wrk NGINX=nginx:nginx-light OPENSSL=openssl:openssl PYTHON=python3:python3
[[ -f $NETUTIL ]] || die "bench/proxy/netutil.py is missing; this script uses its helpers"

# GATEHOUSE_WHY non-empty: why the gatehouse rows are skipped.
find_gatehouse "build it Release first: cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DGATEHOUSE_BUILD_BENCH=ON && cmake --build build-bench --target gatehouse"

# ---------------------------------------------------------------------------------------------
# Processes (the helpers are in bench/common.sh).

bench_start_work tls

# ---------------------------------------------------------------------------------------------
# The server name, the certificate and the ports.

# wrk sends the URL's host as SNI, so the URL must name the certificate's host and resolve to
# 127.0.0.1: bench.example.com when /etc/hosts (or DNS) says so, else localhost. Istio does
# not accept a short name such as localhost in a Gateway's or VirtualService's hosts, so with
# localhost the Gateway server and the VirtualService take every host ("*") instead; the
# certificate names localhost either way.
resolves_to_loopback() {
    "$PYTHON" -c 'import socket, sys
try:
    sys.exit(0 if socket.gethostbyname(sys.argv[1]) == "127.0.0.1" else 1)
except OSError:
    sys.exit(1)' "$1"
}
if resolves_to_loopback bench.example.com; then
    SERVER_NAME=bench.example.com
    DESIGN_HOSTS=bench.example.com
else
    SERVER_NAME=localhost
    DESIGN_HOSTS="*"
    say "bench.example.com does not resolve to 127.0.0.1 here; using localhost as the server name (add '127.0.0.1 bench.example.com' to /etc/hosts to use it)"
fi

CERT="$WORK/tls/server.crt"
KEY="$WORK/tls/server.key"
mkdir -p "$WORK/tls"
"$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=$SERVER_NAME" -addext "subjectAltName=DNS:$SERVER_NAME" \
    -keyout "$KEY" -out "$CERT" 2>"$WORK/openssl.err" ||
    { cat "$WORK/openssl.err" >&2; die "openssl could not make the certificate"; }

ports=$(free_ports 4) || die "could not pick free ports"
read -r BACKEND_PORT NGINX_PORT GATEHOUSE_PORT CHECK_PORT <<<"$ports"

# wait_tls NAME PORT: GET https://SERVER_NAME:PORT/ verifies the certificate for SERVER_NAME and
# comes back with the backend's exact body, which also proves the request went through to the
# backend. Saves the negotiated protocol and cipher in $WORK/NAME.tls.
wait_tls() {
    "$PYTHON" "$HERE/tlsprobe.py" probe "$2" "$SERVER_NAME" "$CERT" 'ok\n' "$READY_TIMEOUT" \
        >"$WORK/$1.tls"
}

# ---------------------------------------------------------------------------------------------
# nginx: the TLS terminator and the resumption check's server (the backend is start_backend).

# The TLS server block both nginx instances share; $1 is what nginx does about resumption.
tls_server() {
    local port=$1 resumption=$2 extra=${3:-}
    nginx_proxy_server "127.0.0.1:$port ssl" "
        server_name $SERVER_NAME;
        ssl_certificate $CERT;
        ssl_certificate_key $KEY;
        ssl_protocols TLSv1.2 TLSv1.3;
        $resumption
        $extra"
}

# Measured nginx: no session cache and no tickets, so a client could not resume even if it
# tried; ciphers and groups are nginx's and OpenSSL's defaults.
start_nginx_tls() {
    local workers=$1
    start_nginx "nginx-w$workers" "$workers" "proxy$workers" \
        "$(tls_server "$NGINX_PORT" "ssl_session_cache off; ssl_session_tickets off;")"
    NGINX_PID=$STARTED_PID
    wait_tls "nginx-w$workers" "$NGINX_PORT" || { show_log "nginx-w$workers"; die "the TLS nginx did not come up"; }
}

# first_err_lines FILE: the first three non-empty lines of gatehouse's stderr, on one line.
first_err_lines() { grep -v '^$' "$1" 2>/dev/null | head -n 3 | tr '\n' ' '; }

# start_gatehouse WORKERS: writes the design and the environment file, starts `gatehouse
# serve`, waits for `ready`, and checks that it serves the HTTPS port. Returns 1 with
# GATEHOUSE_WHY set when it can't, so the caller skips gatehouse rather than report zeros.
start_gatehouse() {
    local workers=$1 name="gatehouse-w$1" line
    local design="$WORK/gatehouse/bench-tls-gateway.yaml" env="$WORK/gatehouse/environment.yaml"
    mkdir -p "$WORK/gatehouse"
    sed -e "s|@HOSTS@|$DESIGN_HOSTS|g" -e "s|@CERT@|$CERT|g" -e "s|@KEY@|$KEY|g" \
        "$HERE/bench-tls-gateway.yaml" >"$design"
    cat >"$env" <<EOF
listen: 127.0.0.1
ports: {443: $GATEHOUSE_PORT}
upstreams:
  backend: 127.0.0.1:$BACKEND_PORT
EOF
    # shellcheck disable=SC2046
    start "$name" $(pin_for "proxy$workers") "$GATEHOUSE" serve "$design" --env "$env" \
        --workers "$workers" --no-tls-resumption
    GATEHOUSE_PID=$STARTED_PID
    wait_gatehouse_ready "$name" first_err_lines || return 1
    # It prints `listening ADDR:PORT gateway-port=443 protocol=HTTPS` for a port it serves and
    # `not served ... : why` for one it can't (TLS before the TLS listener exists).
    line=$(grep -E "gateway-port=443( |$)" "$WORK/$name.out" | head -n 1 || true)
    if [[ $line != listening* ]]; then
        if [[ -n $line ]]; then
            GATEHOUSE_WHY="this gatehouse does not terminate TLS yet; it printed: $line"
        else
            GATEHOUSE_WHY="\`gatehouse serve\` printed no listener line for gateway port 443"
        fi
        stop "$GATEHOUSE_PID"
        return 1
    fi
    if ! wait_tls "$name" "$GATEHOUSE_PORT"; then
        show_log "$name"
        GATEHOUSE_WHY="gatehouse listens on the HTTPS port but GET https://$SERVER_NAME/ did not come back with the backend's answer over a verified TLS connection"
        stop "$GATEHOUSE_PID"
        return 1
    fi
}

# ---------------------------------------------------------------------------------------------
# Resumption: what wrk does, and whether a server under test lets clients resume.

# refuses_resumption PORT: the Python client offers the session of its first connection on a
# second one; true when the server makes it a full handshake.
refuses_resumption() {
    local answer
    answer=$("$PYTHON" "$HERE/tlsprobe.py" resume "$1" "$SERVER_NAME" "$CERT") ||
        die "the resumption probe failed on port $1"
    [[ $answer == "not reused" ]]
}

RESUMPTION_REPORT=""
check_resumption() {
    local dir="$WORK/resume-check" name=resume-check log pid total reused multi sni_other protocols
    mkdir -p "$dir"
    log="$dir/requests.log"
    start_nginx "$name" 1 proxy1 \
        "    log_format resume '\$ssl_session_reused \$connection_requests \$ssl_server_name \$ssl_protocol';
$(tls_server "$CHECK_PORT" "ssl_session_cache shared:BENCH:1m; ssl_session_tickets on;" \
            "access_log $log resume;")"
    pid=$STARTED_PID
    wait_tls "$name" "$CHECK_PORT" || { show_log "$name"; die "the resumption check's nginx did not come up"; }
    # Positive control: a client that resumes is seen resuming (in its answer and in the log).
    if refuses_resumption "$CHECK_PORT" || ! grep -q '^r ' "$log"; then
        die "resumption check: a client that resumes was not seen resuming; the check cannot tell anything"
    fi
    : >"$log" # nginx appends (O_APPEND), so it keeps writing at the new start
    "$WRK" -t1 -c4 -d2s -H 'Connection: close' "https://$SERVER_NAME:$CHECK_PORT/" >"$dir/wrk.txt"
    stop "$pid"
    total=$(wc -l <"$log")
    ((total > 0)) || die "resumption check: wrk made no requests"
    reused=$(grep -c '^r ' "$log" || true)
    multi=$(awk '$2 != 1' "$log" | wc -l)
    sni_other=$(awk -v host="$SERVER_NAME" '$3 != host' "$log" | wc -l)
    protocols=$(awk '{ print $4 }' "$log" | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')
    RESUMPTION_REPORT="resumption check: against an nginx that allows resumption, wrk with Connection: close resumed $reused of $total sessions ($protocols; $multi requests shared a connection; $sni_other without SNI $SERVER_NAME), so the measured servers must refuse resumption: the Python client confirmed before each handshake run that they do"
    say "  $RESUMPTION_REPORT"
    if ((multi > 0 || sni_other > 0)); then
        die "resumption check: wrk did not make one connection per request with SNI $SERVER_NAME; see $log"
    fi
}

# ---------------------------------------------------------------------------------------------
# wrk runs. Results go to $WORK/results.tsv:
#   mode target workers rps p50_us p99_us errors cpu_us_per_request new_connections_per_request

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

CLK_TCK=$(getconf CLK_TCK)

# CPU time (clock ticks, user + system) of a process and its descendants: nginx's workers are
# child processes, gatehouse's are threads (counted in its own /proc/PID/stat).
cpu_ticks_tree() {
    local pid=$1 total kid
    total=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }')
    for kid in $(children_of "$pid"); do total=$((total + $(cpu_ticks_tree "$kid"))); done
    echo "${total:-0}"
}

# The machine's count of accepted TCP connections (Tcp PassiveOpens), to check that mode (a)
# really opened one connection per request. Other traffic on the machine can only add to it.
passive_opens() { awk '/^Tcp:/ && ++n == 2 { print $7 }' /proc/net/snmp 2>/dev/null || echo ""; }

# measure MODE TARGET WORKERS PORT SERVER_PID
measure() {
    local mode=$1 target=$2 workers=$3 port=$4 server=$5 out="$WORK/wrk-${1%% *}-$2-w$3.txt" row
    local url="https://$SERVER_NAME:$port/" connections=$CONNECTIONS cpu0 cpu1 opens0 opens1
    local -a extra=()
    if [[ $mode == handshake* ]]; then
        connections=$HANDSHAKE_CONNECTIONS
        extra=(-H 'Connection: close')
    fi
    say "  $mode, $target, workers $workers: warm-up ${WARMUP}s, then ${DURATION}s with $connections connections"
    wrk_warmup "$WRK_THREADS" "$connections" "${extra[@]}" "$url"
    cpu0=$(cpu_ticks_tree "$server")
    opens0=$(passive_opens)
    wrk_run "$DURATION" "$out" "$WRK_THREADS" "$connections" --latency "${extra[@]}" "$url"
    cpu1=$(cpu_ticks_tree "$server")
    opens1=$(passive_opens)
    row=$(awk -v mode="$mode" -v target="$target" -v workers="$workers" \
        -v ticks=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v opens0="$opens0" -v opens1="$opens1" \
        "$AWK_WRK"'
        END {
            if (rps == "" || p50 == "" || p99 == "" || requests == 0) exit 1
            cpu = ticks * 1000000 / hz / requests
            conns = (opens0 != "" && opens1 != "") ? sprintf("%.2f", (opens1 - opens0) / requests) : "-"
            printf "%s\t%s\t%s\t%.0f\t%.0f\t%.0f\t%d\t%.1f\t%s\n", mode, target, workers, rps, p50, p99, errors, cpu, conns
        }' "$out") || { cat "$out" >&2; die "could not read wrk's output for $target ($mode)"; }
    printf '%s\n' "$row" >>"$RESULTS"
    if [[ $(cut -f7 <<<"$row") != 0 ]]; then
        warn_wrk_errors "$target ($mode)" "$out"
    fi
    if [[ $mode == handshake* ]]; then
        local conns
        conns=$(cut -f9 <<<"$row")
        if [[ $conns != - ]] && awk -v c="$conns" 'BEGIN { exit !(c < 0.95) }'; then
            say "  warning: $target opened only $conns connections per request in handshake mode: it kept connections alive despite Connection: close"
        fi
    fi
}

# ---------------------------------------------------------------------------------------------
# The run.

say "work dir: $WORK"
say "server name: $SERVER_NAME; ports: backend $BACKEND_PORT, nginx $NGINX_PORT, gatehouse $GATEHOUSE_PORT"
start_backend
check_resumption

check_busy

NGINX_TLS="" GATEHOUSE_TLS="" GATEHOUSE_RESUMES=""
for ((round = 1; round <= ROUNDS; round++)); do
    if ((ROUNDS > 1)); then say "round $round of $ROUNDS"; fi
    for workers in $WORKER_COUNTS; do
        say "workers = $workers"
        start_nginx_tls "$workers"
        NGINX_TLS=$(cat "$WORK/nginx-w$workers.tls")
        refuses_resumption "$NGINX_PORT" || die "the measured nginx resumed a session; its config should prevent that"
        for mode in $MODES; do measure "$mode" nginx "$workers" "$NGINX_PORT" "$NGINX_PID"; done
        stop "$NGINX_PID"

        if [[ -z $GATEHOUSE_WHY ]] && start_gatehouse "$workers"; then
            GATEHOUSE_TLS=$(cat "$WORK/gatehouse-w$workers.tls")
            for mode in $MODES; do
                if [[ $mode == handshake ]] && ! refuses_resumption "$GATEHOUSE_PORT"; then
                    if [[ $ALLOW_RESUMPTION != 1 ]]; then
                        GATEHOUSE_RESUMES="gatehouse lets clients resume TLS sessions (tickets or a session cache) and wrk resumes whenever it can, so its handshakes/s would not be full handshakes: not measured (ALLOW_RESUMPTION=1 measures it anyway)"
                        say "  $GATEHOUSE_RESUMES"
                        continue
                    fi
                    GATEHOUSE_RESUMES="gatehouse resumed TLS sessions: its \"handshake (resumed)\" rows count resumptions, not full handshakes"
                    measure "handshake (resumed)" gatehouse "$workers" "$GATEHOUSE_PORT" "$GATEHOUSE_PID"
                    continue
                fi
                measure "$mode" gatehouse "$workers" "$GATEHOUSE_PORT" "$GATEHOUSE_PID"
            done
            stop "$GATEHOUSE_PID"
        fi
        if [[ -n $GATEHOUSE_WHY ]]; then say "  gatehouse: skipped: $GATEHOUSE_WHY"; fi
    done
done

stop "$BACKEND_PID"

# ---------------------------------------------------------------------------------------------
# Report. Ratios compare gatehouse with nginx at the same mode and worker count: req/s ratio
# > 1 is faster than nginx, p99 and CPU ratios < 1 are better than nginx.

tool_versions="$(first_line "$NGINX" -v | sed 's/^nginx version: //'), $(first_line "$OPENSSL" version | awk '{ print "OpenSSL " $2 }'), $(first_line "$WRK" -v | awk '{ print "wrk " $2 }')"
context="$(host_context); $tool_versions; gatehouse $(gatehouse_rev); ECDSA P-256 certificate for $SERVER_NAME; wrk -t$WRK_THREADS, ${DURATION}s runs after ${WARMUP}s warm-up, $HANDSHAKE_CONNECTIONS connections for handshakes, $CONNECTIONS keep-alive$( ((ROUNDS > 1)) && echo "; median of $ROUNDS rounds"); pinning $(pinning)"
negotiated="negotiated with a Python client: nginx ${NGINX_TLS:-?}${GATEHOUSE_TLS:+; gatehouse $GATEHOUSE_TLS}"
# Different protocol versions or ciphers would make the comparison one of configurations.
if [[ -n $GATEHOUSE_TLS && $GATEHOUSE_TLS != "$NGINX_TLS" ]]; then
    negotiated="$negotiated -- warning: not the same protocol and cipher, so not like for like"
fi

render() {
    awk -F'\t' -v style="$1" "$AWK_TABLE"'
        function row(a, b, c, d, e, f, g, h, i, j, k) {
            if (style == "markdown") printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", a, b, c, d, e, f, g, h, i, j, k
            else printf "%-19s %-10s %-8s %10s %10s %10s %13s %9s %11s %12s %7s\n", a, b, c, d, e, f, g, h, i, j, k
        }
        {
            key = $1 SUBSEP $2 SUBSEP $3
            if (!(key in count)) { keys[++n] = key; mode[key] = $1; target[key] = $2; workers[key] = $3; conns[key] = $9 }
            c = ++count[key]
            val[key, "rps", c] = $4 + 0; val[key, "p50", c] = $5 + 0; val[key, "p99", c] = $6 + 0
            val[key, "cpu", c] = $8 + 0
            errors[key] += $7
        }
        END {
            for (i = 1; i <= n; i++) {
                k = keys[i]
                rps[k] = median(k, "rps"); p50[k] = median(k, "p50"); p99[k] = median(k, "p99"); cpu[k] = median(k, "cpu")
            }
            row("test", "target", "workers", "req/s", "p50", "p99", "CPU us/req", "conn/req", "req/s vs nginx", "p99 vs nginx", "errors")
            if (style == "markdown") print "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
            for (i = 1; i <= n; i++) {
                k = keys[i]; ref = mode[k] SUBSEP "nginx" SUBSEP workers[k]; rr = "-"; pr = "-"
                if (target[k] != "nginx" && (ref in rps) && rps[ref] > 0 && p99[ref] > 0) {
                    rr = sprintf("%.2fx", rps[k] / rps[ref])
                    pr = sprintf("%.2fx", p99[k] / p99[ref])
                }
                row(mode[k], target[k], workers[k], sprintf("%.0f", rps[k]), ms(p50[k]), ms(p99[k]), sprintf("%.0f", cpu[k]), conns[k], rr, pr, errors[k])
            }
        }' <(sort -t$'\t' -s -k1,1 -k3,3n "$RESULTS")
}

skipped_line=$(gatehouse_skipped_line)

print_results "$context"
echo
echo "$negotiated"
echo "$RESUMPTION_REPORT"
[[ -z $GATEHOUSE_RESUMES ]] || echo "$GATEHOUSE_RESUMES"
[[ -z $BUSY_WARNING ]] || echo "$BUSY_WARNING"
[[ -z $skipped_line ]] || echo "$skipped_line"

markdown=$(
    echo "TLS benchmark: $context."
    echo
    render markdown
    echo
    echo "$negotiated."
    echo
    echo "$RESUMPTION_REPORT."
    [[ -z $GATEHOUSE_RESUMES ]] || { echo; echo "$GATEHOUSE_RESUMES."; }
    [[ -z $BUSY_WARNING ]] || { echo; echo "$BUSY_WARNING"; }
    [[ -z $skipped_line ]] || { echo; echo "$skipped_line"; }
)
print_markdown "$markdown"
