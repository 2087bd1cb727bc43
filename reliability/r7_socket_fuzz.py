#!/usr/bin/env python3
"""R7 socket fuzzing: mutated real requests sent to a live ossd over raw sockets.

Seeds are real requests (signed V1 / V4 and anonymous): PUT / GET / HEAD / DELETE, Range,
PutSymlink / GetSymlink, DeleteMultipleObjects, tagging, ACL, multipart (initiate, part,
complete), append, copy, listings, chunked uploads, presigned URLs. Each input is derived
deterministically from (seed, index): half are structural mutations (method, key, query,
headers, body mutated, then signed properly so they get past authentication), half are
byte-level mutations of the serialised request (flips, interesting bytes, inserts, deletes,
duplicated spans, truncation, header-line duplication / removal, splices).

Each input goes on a fresh connection; the client waits for the answer, half-closes after
1 s of silence (a body the server may still be waiting for), and calls it a hang when there
is neither a response nor a close 10 s later. Every error response (>= 400) must be OSS
error XML (or x-oss-err on HEAD) with a RequestId matching x-oss-request-id. The server
must never die, and a health request every 2,000 inputs must succeed within 10 s.
"""

import asyncio
import base64
import random
import time

from common import (AK, Check, Client, Signer, build_request, fmt, make_bucket, md5_b64, parse_oss_error,
                    target_of)

BUCKET = "fuzz"
INTERESTING = [b"\x00", b"\xff", b"\r", b"\n", b"\r\n", b" ", b":", b"%", b"/", b"?", b"&", b"=", b"%00", b"%ff",
               b"../", b"\t", b",", b";", b"-1", b"0", b"4294967296", b"18446744073709551616", b"bytes=-",
               b"\xc0\xae", b"<", b">", b"&amp;", b"\"", b"chunked", b"a" * 300]
HEADER_VALUES = ["", "-1", "0", "99999999999999999999", "bytes=0-", "bytes=-1", "bytes=5-2", "bytes=0-0,1-1",
                 "chunked", "true", "false", "private", "public-read-write", "ZZZ", "\u00e9", "a" * 5000,
                 "1 1", "Thu, 01 Jan 1970 00:00:00 GMT", "../../x", "%2e%2e", "application/xml", "100-continue"]
HEADER_NAMES = ["Content-Length", "Content-MD5", "Content-Type", "Range", "x-oss-forbid-overwrite",
                "x-oss-symlink-target", "x-oss-object-acl", "x-oss-acl", "x-oss-copy-source", "x-oss-meta-a",
                "x-oss-storage-class", "x-oss-tagging", "x-oss-range-behavior", "If-Match", "If-None-Match",
                "If-Modified-Since", "Transfer-Encoding", "Expect", "x-oss-hash-crc64ecma", "Authorization",
                "x-oss-date", "Date", "x-oss-content-sha256", "Connection", "Host", "x-oss-complete-all",
                "x-oss-metadata-directive", "x-oss-tagging-directive", "Cache-Control", "Content-Disposition"]


def seeds(port):
    """(method, key, query, headers, body, sig) tuples of real requests."""
    xml_delete = b'<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>false</Quiet><Object><Key>a</Key></Object></Delete>'
    xml_tag = b"<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>"
    xml_complete = (b"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"5D41402ABC4B2A76B9719D911017C592\""
                    b"</ETag></Part></CompleteMultipartUpload>")
    s = []
    for sig in ("v1", "v4", None):
        s += [
            ("PUT", "a", [], {"Content-Type": "text/plain"}, b"hello world", sig),
            ("PUT", "dir/b.txt", [], {"Content-MD5": md5_b64(b"12345"), "x-oss-meta-x": "1",
                                       "x-oss-forbid-overwrite": "false"}, b"12345", sig),
            ("GET", "a", [], {"Range": "bytes=0-3"}, b"", sig),
            ("GET", "a", [("response-content-type", "text/html")], {}, b"", sig),
            ("HEAD", "a", [], {"If-None-Match": '"x"'}, b"", sig),
            ("DELETE", "gone", [], {}, b"", sig),
            ("PUT", "link", [("symlink", None)], {"x-oss-symlink-target": "a"}, b"", sig),
            ("GET", "link", [("symlink", None)], {}, b"", sig),
            ("GET", "link", [], {}, b"", sig),
            ("POST", "", [("delete", None)], {"Content-MD5": md5_b64(xml_delete)}, xml_delete, sig),
            ("PUT", "a", [("tagging", None)], {}, xml_tag, sig),
            ("GET", "a", [("tagging", None)], {}, b"", sig),
            ("PUT", "a", [("acl", None)], {"x-oss-object-acl": "private"}, b"", sig),
            ("GET", "", [("prefix", "d"), ("delimiter", "/"), ("max-keys", "5")], {}, b"", sig),
            ("GET", "", [("list-type", "2"), ("encoding-type", "url")], {}, b"", sig),
            ("POST", "mp", [("uploads", None)], {}, b"", sig),
            ("PUT", "mp", [("partNumber", "1"), ("uploadId", "0123456789abcdef")], {}, b"hello", sig),
            ("POST", "mp", [("uploadId", "0123456789abcdef")], {}, xml_complete, sig),
            ("POST", "ap", [("append", None), ("position", "0")], {}, b"appended", sig),
            ("PUT", "copy", [], {"x-oss-copy-source": f"/{BUCKET}/a"}, b"", sig),
            ("GET", "a", [("objectMeta", None)], {}, b"", sig),
            ("PUT", "", [], {}, b"", sig),
            ("GET", "", [("bucketInfo", None)], {}, b"", sig),
        ]
    return s


class Gen:
    def __init__(self, seed, port):
        self.seed = seed
        self.port = port
        self.seeds = seeds(port)
        self.signer = Signer()

    def serialise(self, method, key, query, headers, body, sig, chunked=False):
        h = dict(headers)
        if sig:
            self.signer.sign(sig, method, BUCKET if key is not None else "", key or "", list(query), h)
        hl = [("Host", f"127.0.0.1:{self.port}")] + list(h.items())
        if chunked:
            hl.append(("Transfer-Encoding", "chunked"))
            body = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 3]), body[i:i + 3]) for i in range(0, len(body), 3)) + b"0\r\n\r\n"
        elif body or method in ("PUT", "POST"):
            hl.append(("Content-Length", str(len(body))))
        return build_request(method, target_of(BUCKET, key, list(query)), hl, body)

    def make(self, index):
        r = random.Random(f"{self.seed}:{index}")
        method, key, query, headers, body, sig = r.choice(self.seeds)
        query, headers = list(query), dict(headers)
        chunked = r.random() < 0.1 and method in ("PUT", "POST")
        if r.random() < 0.5:
            # Structural mutation, then a valid signature.
            for _ in range(r.randint(1, 3)):
                m = r.randrange(8)
                if m == 0:
                    method = r.choice(["GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "get", "X" * 10])
                elif m == 1:
                    key = r.choice(["", "a", "../a", "a" * 1100, "\u00e9", "x\x00y", "%", "/", "\\a", "a?b", "link"])
                elif m == 2:
                    query.append((r.choice(["acl", "symlink", "tagging", "uploads", "uploadId", "partNumber",
                                            "delete", "append", "position", "max-keys", "marker", "list-type",
                                            "continuation-token", "x-oss-process", "restore", "policy",
                                            "response-content-type"]),
                                  r.choice([None, "", "1", "-1", "10001", "abc", "99999999999999999999"])))
                elif m == 3 and query:
                    query.pop(r.randrange(len(query)))
                elif m == 4:
                    headers[r.choice(HEADER_NAMES)] = r.choice(HEADER_VALUES)
                elif m == 5 and headers:
                    headers.pop(r.choice(list(headers)))
                elif m == 6:
                    body = self.mutate_bytes(r, body) if body else r.randbytes(r.randint(0, 200))
                elif m == 7:
                    headers["x-oss-meta-" + r.choice(["a", "b" * 200, "\u00e9"])] = r.choice(HEADER_VALUES)
            try:
                return self.serialise(method, key, query, headers, body, sig, chunked), method
            except (UnicodeEncodeError, ValueError):
                return self.serialise("GET", "a", [], {}, b"", sig), "GET"
        data = self.serialise(method, key, query, headers, body, sig, chunked)
        for _ in range(r.randint(1, 4)):
            data = self.mutate_wire(r, data)
        return data, method

    def mutate_bytes(self, r, data):
        data = bytearray(data)
        m = r.randrange(5)
        if m == 0 and data:
            p = r.randrange(len(data))
            data[p] ^= 1 << r.randrange(8)
        elif m == 1:
            p = r.randrange(len(data) + 1)
            data[p:p] = r.choice(INTERESTING)
        elif m == 2 and data:
            a = r.randrange(len(data))
            del data[a:a + r.randint(1, 16)]
        elif m == 3 and data:
            a = r.randrange(len(data))
            b = min(len(data), a + r.randint(1, 64))
            data[a:a] = data[a:b] * r.randint(1, 4)
        elif data:
            p = r.randrange(len(data))
            v = r.choice(INTERESTING)
            data[p:p + len(v)] = v
        return bytes(data)

    def mutate_wire(self, r, data):
        head, sep, body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        m = r.randrange(9)
        if m <= 3:
            return self.mutate_bytes(r, data)
        if m == 4 and len(lines) > 1:
            i = r.randrange(1, len(lines))
            lines.insert(i, lines[i])
        elif m == 5 and len(lines) > 1:
            lines.pop(r.randrange(1, len(lines)))
        elif m == 6:
            lines.insert(r.randrange(1, len(lines) + 1),
                         r.choice(HEADER_NAMES).encode() + b": " + r.choice(HEADER_VALUES).encode())
        elif m == 7:
            return data[:r.randrange(len(data) + 1)]
        else:
            other, _ = random.Random(r.random()).choice(self.seeds), None
            o = self.serialise(other[0], other[1], other[2], other[3], other[4], other[5])
            cut = r.randrange(len(data) + 1)
            return data[:cut] + o[r.randrange(len(o) + 1):]
        return b"\r\n".join(lines) + sep + body


def strip_interim(raw):
    while raw.startswith(b"HTTP/1.1 1") and b"\r\n\r\n" in raw:
        raw = raw.split(b"\r\n\r\n", 1)[1]
    return raw


def response_complete(raw, method):
    raw = strip_interim(raw)
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return False
    low = head.lower()
    if method.upper() == "HEAD" or b" 204 " in head.split(b"\r\n")[0] or b" 304 " in head.split(b"\r\n")[0]:
        return True
    for line in low.split(b"\r\n")[1:]:
        if line.startswith(b"content-length:"):
            try:
                return len(body) >= int(line.split(b":", 1)[1])
            except ValueError:
                return False
        if line.startswith(b"transfer-encoding:") and b"chunked" in line:
            return body.endswith(b"0\r\n\r\n")
    return False


def check_response(raw, method):
    """None when fine, else a description. `raw` is everything read until close/response."""
    raw = strip_interim(raw)
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return None if not raw else f"partial response head {raw[:80]!r}"
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    try:
        status = int(parts[1])
    except (IndexError, ValueError):
        return f"bad status line {lines[0][:80]!r}"
    if status < 400:
        return None
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(b":")
        headers[k.strip().lower()] = v.strip()
    cl = headers.get(b"content-length")
    if cl is not None and cl.isdigit():
        body = body[:int(cl)]
    elif b"chunked" in headers.get(b"transfer-encoding", b""):
        out, rest = b"", body
        while b"\r\n" in rest:
            size_s, rest = rest.split(b"\r\n", 1)
            try:
                n = int(size_s.split(b";")[0], 16)
            except ValueError:
                break
            if n == 0:
                break
            out, rest = out + rest[:n], rest[n + 2:]
        body = out
    if method.upper() == "HEAD" or not body:
        enc = headers.get(b"x-oss-err")
        if enc:
            try:
                body = base64.b64decode(enc)
            except Exception:
                return f"{status}: undecodable x-oss-err"
        elif method.upper() == "HEAD":
            # A HEAD error without x-oss-err still needs a request id.
            return None if headers.get(b"x-oss-request-id") else f"{status} HEAD without x-oss-request-id"
    err = parse_oss_error(body)
    if not err:
        return f"{status} error response is not OSS error XML: {body[:120]!r}"
    rid = headers.get(b"x-oss-request-id", b"").decode("latin-1")
    if rid != err["RequestId"]:
        return f"{status} {err['Code']}: x-oss-request-id {rid!r} != RequestId {err['RequestId']!r}"
    return ("5xx", status, err["Code"], err["RequestId"]) if status >= 500 else None


async def run_one(port, data, method, stats):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    except Exception as e:
        stats["connect_fail"] += 1
        return f"connect failed: {e!r}"
    raw = b""
    try:
        try:
            writer.write(data)
            await writer.drain()
        except (ConnectionError, OSError):
            pass
        half_closed = False
        deadline = time.monotonic() + 11.0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                stats["hangs"] += 1
                return "hang: neither a response nor a close within 11 s"
            try:
                chunk = await asyncio.wait_for(reader.read(65536), 1.0 if not half_closed else remaining)
            except asyncio.TimeoutError:
                if b"\r\n\r\n" in raw:
                    break  # a response head arrived; keep-alive connection idles
                if not half_closed:
                    half_closed = True
                    try:
                        writer.write_eof()
                    except (OSError, RuntimeError):
                        pass
                continue
            except (ConnectionError, OSError):
                break
            if not chunk:
                break
            raw += chunk
            if len(raw) > 4 << 20 or response_complete(raw, method):
                break
    finally:
        writer.close()
    if not raw:
        stats["closed_silently"] += 1
        return None
    stats["responses"] += 1
    res = check_response(raw, method)
    if isinstance(res, tuple):
        stats["5xx"] += 1
        stats.setdefault("5xx_codes", {}).setdefault(f"{res[1]} {res[2]}", 0)
        stats["5xx_codes"][f"{res[1]} {res[2]}"] += 1
        if res[1] == 500:
            stats["internal"].append((res[3], data[:400]))
        return None
    if res:
        stats["malformed"] += 1
        kind = res.split(":")[0][:60]
        stats["malformed_kinds"][kind] = stats["malformed_kinds"].get(kind, 0) + 1
    return res


async def fuzz(check, srv, gen, total, concurrency, time_cap):
    stats = {"sent": 0, "responses": 0, "closed_silently": 0, "hangs": 0, "malformed": 0, "5xx": 0,
             "connect_fail": 0, "crash": 0, "malformed_kinds": {}, "internal": []}
    next_index = 0
    t0 = time.monotonic()
    examples = []

    async def worker():
        nonlocal next_index
        while next_index < total and time.monotonic() - t0 < time_cap and srv.alive():
            i = next_index
            next_index += 1
            data, method = gen.make(i)
            stats["sent"] += 1
            problem = await run_one(srv.port, data, method, stats)
            if problem and sum(1 for e in examples if e[1][:20] == problem[:20]) < 3 and len(examples) < 30:
                examples.append((i, problem, data[:400]))
            if i % 2000 == 1999:
                await health(i)

    async def health(i):
        c = Client(srv.endpoint, timeout=10)
        try:
            r = await asyncio.get_running_loop().run_in_executor(None, lambda: c.request("GET", BUCKET, "health"))
            if r.status_code != 200:
                check.fail(f"health check after input {i}: {r.status_code}")
        except Exception as e:
            check.fail(f"health check after input {i}: {e!r}")
            stats["hangs"] += 1
        finally:
            c.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    if not srv.alive():
        stats["crash"] += 1
    return stats, examples, time.monotonic() - t0


def main():
    check = Check("R7 socket-fuzz", __doc__)
    check.parse(lambda p: p.add_argument("--inputs", type=int, help="number of inputs (default 50,000; --long 1,000,000)"))
    total = check.args.inputs or (1_000_000 if check.long else 50_000)
    # A bound on the run, not a speed check: hangs are caught per request (11 s).
    time_cap = 4 * 3600 if check.long else 600
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    admin.request("PUT", BUCKET, "a", data=b"hello world")
    admin.request("PUT", BUCKET, "health", data=b"ok")
    admin.close()
    gen = Gen(check.seed, srv.port)
    stats, examples, secs = asyncio.run(fuzz(check, srv, gen, total, 48, time_cap))
    for kind, n in sorted(stats["malformed_kinds"].items(), key=lambda kv: -kv[1])[:8]:
        check.fail(f"{n} x {kind}")
    # 500 InternalError: an unhandled failure path. Group by the server's logged error.
    import re
    logged = dict((m.group(2), m.group(1)) for m in
                  re.finditer(r"error=(.*?) request-id=([0-9A-F]+)", open(srv.log_path, errors="replace").read()))
    groups = {}
    for rid, data in stats["internal"]:
        groups.setdefault(logged.get(rid, "?"), []).append(data)
    for why, reqs in groups.items():
        check.fail(f"{len(reqs)} x 500 InternalError (server log: {why}); e.g.\n    request: {reqs[0]!r}")
    for i, problem, data in examples:
        check.fail(f"input {i}: {problem}\n    request: {data!r}")
    if stats["crash"]:
        check.fail("ossd died (crash); log tail:\n" + srv.log_tail())
    if stats["sent"] < total:
        check.fail(f"only {stats['sent']} of {total} inputs within {time_cap} s")
    if stats["connect_fail"]:
        check.fail(f"{stats['connect_fail']} connections refused")
    srv.stop()
    codes = ", ".join(f"{k} x{v}" for k, v in sorted(stats.get("5xx_codes", {}).items()))
    figure = (f"R7 socket-fuzz: {fmt(stats['sent'])} mutated requests in {secs:.0f} s, {stats['crash']} crashes, "
              f"{fmt(stats['hangs'])} hangs, {fmt(stats['malformed'])} malformed error responses, "
              f"{fmt(stats['5xx'])} 5xx{' (' + codes + ')' if codes else ''}, "
              f"{fmt(stats['responses'])} answered, {fmt(stats['closed_silently'])} closed without a response")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
