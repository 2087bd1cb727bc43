#!/usr/bin/env python3
"""R13 exhaustion: many connections, lying Content-Length, aborted uploads, limits.

  * 2,000 concurrent connections (10,000 in --long), each holding half a request head;
    while they are open a normal signed PUT and GET must still be served within 10 s;
    then half of them finish their request and each must get an OSS answer; then all close
    and the server's open file descriptors must come back near the baseline.
  * Lying Content-Length: a body shorter than announced then the connection closed, and a
    body longer than announced (the surplus is a malformed next request) -> the object holds
    exactly the announced bytes and the surplus gets 400 + close, never a stored object.
  * Aborted uploads: 200 blob-sized PUTs, chunked PUTs and UploadParts cut off mid-body
    (FIN and RST) -> no object, no part, and 0 temp files in objects/tmp once closed.
  * The server runs with --head-timeout 300 and --max-connections above the count, so the
    held heads stay open through every step (R12 covers the timeouts and the bound).
  * Limits: user metadata over 8 KiB, part number 0 and 10,001 -> 400 OSS errors
    (--long also uploads 10,000 parts and lists them).
"""

import resource
import socket
import struct
import time

from common import (Check, Client, Signer, build_request, connect, fmt, make_bucket, parse_oss_error,
                    read_response, signed_raw, tmp_files, wait_until)

BUCKET = "exhaust"


def main():
    check = Check("R13 exhaustion", __doc__)
    check.parse()
    nconn = 10_000 if check.long else 2_000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, nconn * 2 + 1000)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    # The held heads must outlive the steps below and every connection must be admitted:
    # timeouts and the connection bound are R12's subject, not this check's.
    srv = check.new_server(extra_args=["--head-timeout", "300", "--max-connections", str(nconn + 200)])
    srv.start()
    admin = Client(srv.endpoint, timeout=30)
    make_bucket(admin, BUCKET)
    admin.request("PUT", BUCKET, "hello", data=b"hello")
    signer = Signer()
    port = srv.port
    base_fds = srv.fd_count()

    # 1. Many connections.
    socks = []
    opened = 0
    t0 = time.monotonic()
    for i in range(nconn):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(f"GET /{BUCKET}/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
            socks.append(s)
            opened += 1
        except OSError as e:
            check.fail(f"connection {i}: {e!r}")
            break
        if time.monotonic() - t0 > 120:
            check.fail("opening connections took more than 120 s")
            break
    peak_fds = srv.fd_count()
    t1 = time.monotonic()
    try:
        c = Client(srv.endpoint, timeout=10)
        r1 = c.request("PUT", BUCKET, "during", data=b"x" * 1000)
        r2 = c.request("GET", BUCKET, "during")
        served_s = time.monotonic() - t1
        if r1.status_code != 200 or r2.status_code != 200 or r2.content != b"x" * 1000:
            check.fail(f"normal traffic while {opened} connections held: PUT {r1.status_code} GET {r2.status_code}")
        c.close()
    except Exception as e:
        served_s = float("inf")
        check.fail(f"normal traffic while {opened} connections held: {e!r}")
    answered = 0
    half = socks[: len(socks) // 2]
    for s in half:
        try:
            s.sendall(b"Connection: close\r\n\r\n")
        except OSError:
            pass
    deadline = time.monotonic() + 60
    for s in half:
        try:
            r = read_response(s, deadline)
            if r.status is not None and (r.status < 400 or parse_oss_error(r.body)):
                answered += 1
        except Exception:
            pass
    if answered != len(half):
        check.fail(f"{len(half) - answered} of {len(half)} completed requests got no OSS answer")
    for s in socks:
        s.close()
    socks.clear()
    fds_back = wait_until(lambda: srv.fd_count() <= base_fds + 20, 15)
    if not fds_back:
        check.fail(f"server fds {srv.fd_count()} after closing, baseline {base_fds}")

    # 2. Lying Content-Length.
    lying_ok = 0
    for i in range(20):
        key = f"short-{i}"
        head = signed_raw(signer, "v1", "PUT", BUCKET, key, body=b"")[:-4]
        head = head.replace(b"Content-Length: 0", b"Content-Length: 1000000")
        s = connect(port)
        s.sendall(head + b"\r\n\r\n" + b"y" * 1000)
        s.close()
    for i in range(20):
        key = f"long-{i}"
        body = b"hello"
        data = signed_raw(signer, "v1", "PUT", BUCKET, key, body=body)
        s = connect(port)
        s.sendall(data + b"GARBAGE-NOT-HTTP\r\n\r\n")
        r = read_response(s, time.monotonic() + 10)
        r2 = read_response(s, time.monotonic() + 10) if r.status == 200 and not r.closed else None
        s.close()
        g = admin.request("GET", BUCKET, key)
        good = r.status == 200 and g.status_code == 200 and g.content == body
        if r2 is not None and r2.status is not None and r2.status != 400:
            good = False
            check.fail(f"surplus bytes answered {r2.status}")
        if good:
            lying_ok += 1
        else:
            check.fail(f"longer body than Content-Length: {r.status}, stored {g.status_code} {g.content[:20]!r}")
    for i in range(20):
        if admin.request("HEAD", BUCKET, f"short-{i}").status_code != 404:
            check.fail(f"short-{i}: an upload cut short was stored")
        else:
            lying_ok += 1

    # 3. Aborted uploads (blob-sized, chunked, parts), FIN and RST.
    r = admin.request("POST", BUCKET, "mp", query=[("uploads", None)])
    import xml.etree.ElementTree as ET
    upload_id = ET.fromstring(r.content).findtext("UploadId")
    aborted = []
    for i in range(200):
        kind = ["put", "chunked", "part"][i % 3]
        if kind == "put":
            head = signed_raw(signer, "v4", "PUT", BUCKET, f"aborted-{i}", body=b"")
            head = head.replace(b"Content-Length: 0", b"Content-Length: 5000000")
            first = b"z" * 300_000
        elif kind == "chunked":
            head = signed_raw(signer, "v1", "PUT", BUCKET, f"aborted-{i}", body=b"")
            head = head.replace(b"Content-Length: 0", b"Transfer-Encoding: chunked")
            first = b"40000\r\n" + b"z" * 0x40000 + b"\r\n" + b"40000\r\n" + b"z" * 1000
        else:
            head = signed_raw(signer, "v1", "PUT", BUCKET, "mp", query=[("partNumber", str(i % 50 + 1)),
                                                                           ("uploadId", upload_id)], body=b"")
            head = head.replace(b"Content-Length: 0", b"Content-Length: 5000000")
            first = b"z" * 300_000
        s = connect(port)
        try:
            s.sendall(head + first)
        except OSError:
            pass
        aborted.append((s, i % 2 == 0))
    # Let the server take in what was sent: wait until the temp files exist (or time passes).
    wait_until(lambda: len(tmp_files(srv.data_dir)) >= 100, 10)
    in_flight = len(tmp_files(srv.data_dir))
    for s, rst in aborted:
        if rst:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    cleaned = wait_until(lambda: not tmp_files(srv.data_dir), 15)
    leaked = len(tmp_files(srv.data_dir))
    if not cleaned:
        check.fail(f"{leaked} temp files left 15 s after {len(aborted)} aborted uploads closed")
    stored = sum(1 for i in range(200) if i % 3 != 2 and
                 admin.request("HEAD", BUCKET, f"aborted-{i}").status_code != 404)
    if stored:
        check.fail(f"{stored} aborted uploads were stored as objects")
    r = admin.request("GET", BUCKET, "mp", query=[("uploadId", upload_id)])
    parts = len(ET.fromstring(r.content).findall("Part")) if r.status_code == 200 else -1
    if parts != 0:
        check.fail(f"aborted UploadParts left {parts} parts (ListParts {r.status_code})")

    # 4. Limits.
    limits_ok = 0
    limit_cases = [
        ("metadata over 8 KiB", dict(method="PUT", key="meta", headers={f"x-oss-meta-k{n}": "v" * 100 for n in range(100)},
                                     data=b"x")),
        ("part number 0", dict(method="PUT", key="mp", query=[("partNumber", "0"), ("uploadId", upload_id)], data=b"x")),
        ("part number 10001", dict(method="PUT", key="mp", query=[("partNumber", "10001"), ("uploadId", upload_id)],
                                   data=b"x")),
    ]
    for name, kw in limit_cases:
        r = admin.request(kw["method"], BUCKET, kw["key"], query=kw.get("query", ()), headers=kw.get("headers"),
                          data=kw.get("data"))
        if r.status_code == 400 and parse_oss_error(r.content):
            limits_ok += 1
        else:
            check.fail(f"{name}: {r.status_code} {r.content[:200]!r}, want a 400 OSS error")
    if check.long:
        t = time.monotonic()
        for n in range(1, 10_001):
            r = admin.request("PUT", BUCKET, "mp", query=[("partNumber", str(n)), ("uploadId", upload_id)], data=b"p")
            if r.status_code != 200:
                check.fail(f"part {n}: {r.status_code}")
                break
        r = admin.request("GET", BUCKET, "mp", query=[("uploadId", upload_id), ("max-parts", "1000")])
        if r.status_code != 200:
            check.fail(f"ListParts over 10,000 parts: {r.status_code}")
        else:
            limits_ok += 1
        print(f"R13: 10,000 parts uploaded in {time.monotonic() - t:.0f} s", flush=True)
    if not srv.alive():
        check.fail("ossd died")
    admin.close()
    srv.stop()
    figure = (f"R13 exhaustion: {fmt(opened)} concurrent connections (server fds {base_fds}->{peak_fds}), "
              f"normal PUT+GET served in {served_s:.2f} s, {fmt(answered)}/{fmt(len(half))} completed requests answered; "
              f"{lying_ok}/40 lying Content-Length handled; {len(aborted)} aborted uploads "
              f"({in_flight} temp files in flight) -> {leaked} temp files left, {stored} stored; "
              f"{limits_ok}/{len(limit_cases) + (1 if check.long else 0)} limits enforced")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
