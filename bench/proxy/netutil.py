#!/usr/bin/env python3
"""Small network helpers for bench/proxy/run.sh, so the script needs no curl or ss.

  netutil.py free-ports N            print N free TCP ports on 127.0.0.1, one per line
  netutil.py probe PORT BODY TIMEOUT wait until GET http://127.0.0.1:PORT/ answers 200 with
                                     exactly BODY (escapes like \\n allowed); exit 1 on timeout

Everything talks to 127.0.0.1 only. idle_clients.py imports read_response from here.
"""

import random
import socket
import sys
import time

HOST = "127.0.0.1"

# Ports are drawn below Linux's default ephemeral range (32768-60999) so that the outgoing
# connections the proxies open to the backend cannot take a port between our check and the
# server's bind.
PORT_RANGE = (20000, 30999)


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def free_ports(count):
    chosen = []
    candidates = list(range(*PORT_RANGE))
    random.shuffle(candidates)
    for port in candidates:
        if port_is_free(port):
            chosen.append(port)
            if len(chosen) == count:
                return chosen
    raise SystemExit("netutil: not enough free ports in %d-%d" % PORT_RANGE)


def get_once(port, timeout=2.0):
    """One HTTP/1.1 GET / on a fresh connection; returns (status, body)."""
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: bench.local\r\nConnection: close\r\n\r\n")
        return read_response(s)


def read_response(sock):
    """Reads exactly one HTTP/1.1 response from sock; returns (status, body).

    Reads by Content-Length or chunked framing rather than to end of stream, so it also works
    on keep-alive connections that the server leaves open.
    """
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        buffer += _recv_some(sock)
    head, _, rest = buffer.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if status in (204, 304) or 100 <= status < 200:
        return status, b""
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        # A chunked body ends with the zero-size chunk and an empty trailer section.
        while not rest.endswith(b"0\r\n\r\n"):
            rest += _recv_some(sock)
        return status, _dechunk(rest)
    if b"content-length" not in headers:
        # No framing: the body runs to the end of the stream.
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return status, rest
            rest += chunk
    length = int(headers[b"content-length"])
    while len(rest) < length:
        rest += _recv_some(sock)
    return status, rest[:length]


def _recv_some(sock):
    chunk = sock.recv(65536)
    if not chunk:
        raise ConnectionError("server closed the connection before the response ended")
    return chunk


def _dechunk(body):
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return out


def probe(port, expected_body, timeout):
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            status, body = get_once(port)
            if status == 200 and body == expected_body:
                return 0
            last = "status %d, body %r" % (status, body[:80])
        except (OSError, ValueError, IndexError) as e:
            last = str(e)
        time.sleep(0.1)
    # The caller prints the context; we say what the port answered last.
    print("probe 127.0.0.1:%d: expected 200 %r, got %s" % (port, expected_body, last),
          file=sys.stderr)
    return 1


def main(argv):
    if len(argv) == 3 and argv[1] == "free-ports":
        print("\n".join(str(p) for p in free_ports(int(argv[2]))))
        return 0
    if len(argv) == 5 and argv[1] == "probe":
        body = argv[3].encode().decode("unicode_escape").encode()
        return probe(int(argv[2]), body, float(argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
