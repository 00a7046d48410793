#!/usr/bin/env python3
"""Opens many idle keep-alive HTTP/1.1 client connections for bench/proxy/run.sh.

Each connection sends one complete GET and reads its whole response, so the server has really
served it (not just accepted it) and now holds it as an idle keep-alive connection. Then it
prints `ready N` and holds every connection open until SIGTERM/SIGINT or --hold seconds pass.
On the way out it prints `open K/N`: how many the server had not closed meanwhile, so an RSS
reading taken while we waited can be trusted to be "with N idle connections".

  idle_clients.py --port PORT [--count 1000] [--hold 120]

Talks to 127.0.0.1 only; the hold time bounds how long it can run.
"""

import argparse
import resource
import signal
import socket
import sys

from netutil import read_response  # same folder

HOST = "127.0.0.1"
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def still_open(sock):
    """True when the server has not closed (or reset) the connection."""
    sock.setblocking(False)
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True  # nothing to read and no FIN: still open and idle
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--hold", type=float, default=120.0,
                        help="give up holding after this many seconds")
    args = parser.parse_args()

    # 1000 sockets need more than the usual soft limit of 1024 descriptors.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.count + 64
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new_soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new_soft, hard))

    # Block the stop signals before announcing readiness, so a stop that arrives right after
    # `ready` is waited for instead of killing us before we report and close.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)

    request = ("GET / HTTP/1.1\r\nHost: bench.local\r\nUser-Agent: idle_clients\r\n"
               "Accept: */*\r\n\r\n").encode()
    sockets = []
    try:
        for i in range(args.count):
            sock = socket.create_connection((HOST, args.port), timeout=10)
            sockets.append(sock)
            sock.sendall(request)
            status, _ = read_response(sock)
            if status != 200:
                print("connection %d: status %d" % (i, status), file=sys.stderr)
                return 1
    except (OSError, ValueError, IndexError) as e:
        print("idle_clients: connection %d failed: %s" % (len(sockets), e), file=sys.stderr)
        return 1

    print("ready %d" % len(sockets), flush=True)
    signal.sigtimedwait(STOP_SIGNALS, args.hold)

    alive = sum(1 for s in sockets if still_open(s))
    print("open %d/%d" % (alive, len(sockets)), flush=True)
    for s in sockets:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
