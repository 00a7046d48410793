#!/usr/bin/env python3
"""TLS helpers for bench/tls/run.sh (the plain-HTTP ones live in bench/proxy/netutil.py).

  tlsprobe.py probe PORT HOST CAFILE BODY TIMEOUT
      wait until GET https://HOST:PORT/ answers 200 with exactly BODY (escapes like \\n
      allowed), connecting to 127.0.0.1 with SNI HOST and verifying the certificate against
      CAFILE for HOST; print the negotiated protocol and cipher; exit 1 on timeout
  tlsprobe.py resume PORT HOST CAFILE
      two GETs on two connections, the second offering the first one's session; print
      `reused` or `not reused` (the positive control for run.sh's resumption check)

Everything talks to 127.0.0.1 only.
"""

import importlib.util
import os
import socket
import ssl
import sys
import time

HOST = "127.0.0.1"


def _load_netutil():
    # Reuse the proxy benchmark's response reader rather than keep a second copy.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "proxy", "netutil.py")
    spec = importlib.util.spec_from_file_location("netutil", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


netutil = _load_netutil()


def context(cafile):
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def get_once(port, server_name, ctx, session=None, timeout=2.0):
    """One GET / over a fresh TLS connection; returns (status, body, tls socket info)."""
    with socket.create_connection((HOST, port), timeout=timeout) as raw:
        with ctx.wrap_socket(raw, server_hostname=server_name, session=session) as tls:
            request = "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % server_name
            tls.sendall(request.encode())
            status, body = netutil.read_response(tls)
            info = {
                "version": tls.version(),
                "cipher": tls.cipher()[0],
                "session": tls.session,
                "reused": tls.session_reused,
            }
            return status, body, info


def probe(port, server_name, cafile, expected_body, timeout):
    ctx = context(cafile)
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            status, body, info = get_once(port, server_name, ctx)
            if status == 200 and body == expected_body:
                print("%s %s" % (info["version"], info["cipher"]))
                return 0
            last = "status %d, body %r" % (status, body[:80])
        except (OSError, ValueError, IndexError) as e:
            last = str(e)
        time.sleep(0.1)
    print("probe https://%s:%d/ (127.0.0.1): expected 200 %r, got %s"
          % (server_name, port, expected_body, last), file=sys.stderr)
    return 1


def resume(port, server_name, cafile):
    ctx = context(cafile)
    _, _, first = get_once(port, server_name, ctx)
    _, _, second = get_once(port, server_name, ctx, session=first["session"])
    print("reused" if second["reused"] else "not reused")
    return 0


def main(argv):
    if len(argv) == 7 and argv[1] == "probe":
        body = argv[5].encode().decode("unicode_escape").encode()
        return probe(int(argv[2]), argv[3], argv[4], body, float(argv[6]))
    if len(argv) == 5 and argv[1] == "resume":
        return resume(int(argv[2]), argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
