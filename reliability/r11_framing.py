#!/usr/bin/env python3
"""R11 HTTP framing over raw sockets.

The bucket is public-read-write, so a smuggled anonymous `PUT /frame/smuggled-N` hidden in
a request's body would create an object if the server ever parsed it as a request.

Must-reject cases (Content-Length with Transfer-Encoding, duplicate / conflicting / signed /
hex / overflowing Content-Length, unknown or repeated transfer codings, whitespace before the
colon, bad chunk sizes, bare-LF chunk framing, chunk data overrun, huge request line, huge
header, 10,000 headers): the answer must be 400 (414 for the request line, 431 for headers)
and the connection must be closed, with nothing after the response. Acceptable-if-correct
cases (`Chunked`, chunk extensions, a GET with a body, OWS around the coding): when
accepted the object must hold exactly the correctly decoded body. In every case neither the
smuggled object nor (for rejected cases) the front object may exist afterwards.
"""

import time

from common import Check, Client, connect, fmt, make_bucket, parse_oss_error, read_response, wait_closed

BUCKET = "frame"


def smuggle(i):
    return (f"PUT /{BUCKET}/smuggled-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\nX").encode()


def cases():
    """(name, kind, build(i) -> bytes, expected body if accepted or None). kind: 'reject'|'maybe'."""
    S = smuggle
    out = []

    def front(i, headers, body):
        return (f"PUT /{BUCKET}/front-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode() + headers + b"\r\n" + body)

    def chunked(data):
        return b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)

    out.append(("CL then TE", "reject", lambda i: front(i, b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n",
                                                       b"0\r\n\r\n" + S(i)), None))
    out.append(("TE then CL", "reject", lambda i: front(i, b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
                                                       b"5c\r\n" + S(i) + b"\r\n0\r\n\r\n"), None))
    out.append(("CL.TE classic", "reject", lambda i: front(i, b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n"
                                                            % (5 + len(S(i))), b"0\r\n\r\n" + S(i)), None))
    out.append(("duplicate CL equal", "reject", lambda i: front(i, b"Content-Length: 5\r\nContent-Length: 5\r\n",
                                                                b"hello" + S(i)), None))
    out.append(("conflicting CL", "reject", lambda i: front(i, b"Content-Length: 5\r\nContent-Length: 60\r\n",
                                                            b"hello" + S(i)), None))
    out.append(("CL list", "reject", lambda i: front(i, b"Content-Length: 5, 60\r\n", b"hello" + S(i)), None))
    for v in (b"+5", b"-5", b"0x5", b"5a", b"5 5", b"99999999999999999999999", b""):
        out.append((f"CL {v.decode()!r}", "reject",
                    (lambda v: lambda i: front(i, b"Content-Length: " + v + b"\r\n", b"hello" + S(i)))(v), None))
    for te in (b"xchunked", b"chunked, identity", b"chunked, chunked", b"gzip", b"identity", b"chunked\x0b",
               b"\x0bchunked", b"chunk"):
        out.append((f"TE {te!r}", "reject",
                    (lambda te: lambda i: front(i, b"Transfer-Encoding: " + te + b"\r\n", chunked(b"hello") + S(i)))(te),
                    None))
    for te in (b"gzip", b"identity", b"chunk"):
        out.append((f"TE {te!r}, request as body", "reject",
                    (lambda te: lambda i: front(i, b"Transfer-Encoding: " + te + b"\r\n", S(i)))(te), None))
    out.append(("two TE headers", "reject", lambda i: front(i, b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                                                           chunked(b"hello") + S(i)), None))
    out.append(("space before colon TE", "reject", lambda i: front(i, b"Transfer-Encoding : chunked\r\n",
                                                                   chunked(b"hello") + S(i)), None))
    out.append(("space before colon CL", "reject", lambda i: front(i, b"Content-Length : 5\r\n", b"hello" + S(i)), None))
    for size in (b" 5", b"0x5", b"+5", b"-5", b"ffffffffffffffffffff", b"5 5", b"g"):
        out.append((f"chunk size {size!r}", "reject",
                    (lambda size: lambda i: front(i, b"Transfer-Encoding: chunked\r\n",
                                                  size + b"\r\nhello\r\n0\r\n\r\n" + S(i)))(size), None))
    out.append(("bare LF chunks", "reject", lambda i: front(i, b"Transfer-Encoding: chunked\r\n",
                                                           b"5\nhello\n0\n\n" + S(i)), None))
    out.append(("chunk overrun", "reject", lambda i: front(i, b"Transfer-Encoding: chunked\r\n",
                                                          b"3\r\nhello\r\n0\r\n\r\n" + S(i)), None))
    out.append(("huge request line", "reject",
                lambda i: f"GET /{BUCKET}/{'a' * 200_000} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode() + S(i), None))
    out.append(("huge header", "reject", lambda i: front(i, b"X-Big: " + b"b" * 200_000 + b"\r\nContent-Length: 5\r\n",
                                                        b"hello" + S(i)), None))
    out.append(("10,000 headers", "reject", lambda i: front(i, b"".join(b"X-H%d: v\r\n" % n for n in range(10_000))
                                                           + b"Content-Length: 5\r\n", b"hello" + S(i)), None))
    out.append(("NUL in header value", "reject", lambda i: front(i, b"X-A: a\x00b\r\nContent-Length: 5\r\n",
                                                                b"hello" + S(i)), None))
    out.append(("bare CR in header", "reject", lambda i: front(i, b"X-A: a\rContent-Length: 60\r\nContent-Length: 5\r\n",
                                                              b"hello" + S(i)), None))
    # Acceptable when interpreted correctly.
    out.append(("TE Chunked (case)", "maybe", lambda i: front(i, b"Transfer-Encoding: Chunked\r\n", chunked(b"hello")),
                b"hello"))
    out.append(("TE OWS", "maybe", lambda i: front(i, b"Transfer-Encoding: \t chunked \t\r\n", chunked(b"hello")),
                b"hello"))
    out.append(("chunk extension", "maybe", lambda i: front(i, b"Transfer-Encoding: chunked\r\n",
                                                           b"5;name=value\r\nhello\r\n0\r\n\r\n"), b"hello"))
    out.append(("chunk trailer", "maybe", lambda i: front(i, b"Transfer-Encoding: chunked\r\n",
                                                         b"5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n"), b"hello"))
    out.append(("GET with a body", "maybe",
                lambda i: (f"GET /{BUCKET}/front-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(S(i))}\r\n"
                           f"Connection: close\r\n\r\n").encode() + S(i), None))
    out.append(("obs-fold TE", "maybe", lambda i: front(i, b"X-A: a\r\n b\r\nContent-Length: 5\r\n", b"hello"), b"hello"))
    return out


def main():
    check = Check("R11 framing", __doc__)
    check.parse()
    repeats = 50 if check.long else 1
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET, acl="public-read-write")
    # The smuggling detector works: an anonymous PUT does create an object.
    probe = connect(srv.port)
    probe.sendall(smuggle(999999) + b"")
    r = read_response(probe, time.monotonic() + 10)
    probe.close()
    if r.status != 200 or admin.request("HEAD", BUCKET, "smuggled-999999").status_code != 200:
        check.fail(f"anonymous PUT to the public-read-write bucket did not work ({r.status}); the check is blind")
    admin.request("DELETE", BUCKET, "smuggled-999999")
    total = rejected = accepted_ok = not_closed = smuggled = wrong = 0
    non_oss = 0
    i = 0
    for rep in range(repeats):
        for name, kind, build, expect in cases():
            i += 1
            total += 1
            data = build(i)
            s = connect(srv.port, timeout=10)
            try:
                try:
                    s.sendall(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                try:
                    resp = read_response(s, time.monotonic() + 10)
                except TimeoutError:
                    resp = None
                closed, extra = (wait_closed(s, time.monotonic() + 5)
                                 if resp and resp.status and (kind == "reject" or resp.status >= 400) else (True, b""))
            finally:
                s.close()
            status = resp.status if resp else None
            if resp is None:
                wrong += 1
                check.fail(f"{name}: no answer within 10 s")
            elif status is None:
                wrong += 1
                check.fail(f"{name}: connection closed without a response")
            elif kind == "reject" or status in (400, 431):
                allowed = {400, 431} | ({414} if "request line" in name else set())
                if status not in allowed:
                    wrong += 1
                    check.fail(f"{name}: {status} {resp.body[:120]!r}, want {sorted(allowed)}")
                else:
                    rejected += 1
                if not parse_oss_error(resp.body):
                    non_oss += 1
                if not closed:
                    not_closed += 1
                    check.fail(f"{name}: connection left open after {status}")
                if extra:
                    check.fail(f"{name}: bytes after the error response: {extra[:120]!r}")
                if admin.request("HEAD", BUCKET, f"front-{i}").status_code != 404:
                    wrong += 1
                    check.fail(f"{name}: the rejected request stored front-{i}")
            else:
                if status >= 300:
                    if not parse_oss_error(resp.body):
                        wrong += 1
                        check.fail(f"{name}: {status} without OSS error XML")
                    else:
                        accepted_ok += 1
                elif expect is not None:
                    g = admin.request("GET", BUCKET, f"front-{i}")
                    if g.status_code != 200 or g.content != expect:
                        wrong += 1
                        check.fail(f"{name}: accepted ({status}) but stored {g.status_code} {g.content[:60]!r}")
                    else:
                        accepted_ok += 1
                else:
                    accepted_ok += 1
                if extra and b"HTTP/1.1" in extra:
                    check.fail(f"{name}: a second response followed: {extra[:120]!r}")
            if admin.request("HEAD", BUCKET, f"smuggled-{i}").status_code != 404:
                smuggled += 1
                check.fail(f"{name}: SMUGGLED request executed (smuggled-{i} exists)")
            if not srv.alive():
                check.fail(f"{name}: ossd died")
                break
    admin.close()
    srv.stop()
    figure = (f"R11 framing: {fmt(total)} framing attacks, {fmt(rejected)} refused 400/414/431, "
              f"{fmt(accepted_ok)} accepted and decoded correctly, {fmt(wrong)} wrong answers, "
              f"{fmt(not_closed)} connections left open, {fmt(smuggled)} smuggled requests executed, "
              f"{fmt(non_oss)} refusals without OSS error XML")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
