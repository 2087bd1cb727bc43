#!/usr/bin/env python3
"""R6 links under change: readers GET through symlinks while writers overwrite and delete
the targets (and rewrite the links).

Every read through a link must be one of:
  * 200 with the whole bytes of one version of the target, and ETag / Content-Length
    (and CRC-64 for small bodies) describing exactly those bytes;
  * 206 for a Range read: exactly that slice of the version the ETag names;
  * 404 SymlinkTargetNotExist (the target is deleted at that moment), as OSS error XML.
Never a 5xx, a transport error mid-body, another error, or bytes of no single version.
"""

import hashlib
import random
import threading
import time

from common import Check, Client, INLINE_THRESHOLD, crc64, error_code, fmt, make_bucket

BUCKET = "links"
NLINKS = 4
NREADERS = 6
NWRITERS = 2


def version_bytes(i, ver):
    r = random.Random(f"target-{i}#{ver}")
    size = r.choice([r.randint(1, 8000), r.randint(INLINE_THRESHOLD + 1, 300_000), INLINE_THRESHOLD])
    return r.randbytes(size)


def main():
    check = Check("R6 links", __doc__)
    check.parse()
    max_reads = 300_000 if check.long else 4000
    duration = 1800 if check.long else 25
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    etags = [dict() for _ in range(NLINKS)]  # quoted ETag -> version, registered before the PUT
    nextver = [1] * NLINKS
    locks = [threading.Lock() for _ in range(NLINKS)]
    for i in range(NLINKS):
        data = version_bytes(i, 0)
        etags[i][f'"{hashlib.md5(data).hexdigest().upper()}"'] = 0
        assert admin.request("PUT", BUCKET, f"target-{i}", data=data).status_code == 200
        r = admin.request("PUT", BUCKET, f"link-{i}", query=[("symlink", None)],
                          headers={"x-oss-symlink-target": f"target-{i}"})
        assert r.status_code == 200, r.text
    stats = {"reads": 0, "whole": 0, "ranged": 0, "dangling": 0, "bad": 0, "5xx": 0, "mixed": 0,
             "writes": 0, "deletes": 0, "write_errors": 0}
    slock = threading.Lock()
    stop = threading.Event()
    deadline = time.monotonic() + duration

    def bump(k, n=1):
        with slock:
            stats[k] += n

    def writer(wid):
        c = Client(srv.endpoint, sig="v4")
        rng = random.Random(f"{check.seed}:w{wid}")
        try:
            while not stop.is_set() and time.monotonic() < deadline:
                i = rng.randrange(NLINKS)
                x = rng.random()
                with locks[i]:
                    if x < 0.2:
                        r = c.request("DELETE", BUCKET, f"target-{i}")
                        ok = r.status_code == 204
                        bump("deletes")
                    elif x < 0.25:
                        r = c.request("PUT", BUCKET, f"link-{i}", query=[("symlink", None)],
                                      headers={"x-oss-symlink-target": f"target-{i}"})
                        ok = r.status_code == 200
                    else:
                        ver = nextver[i]
                        nextver[i] += 1
                        data = version_bytes(i, ver)
                        etags[i][f'"{hashlib.md5(data).hexdigest().upper()}"'] = ver
                        r = c.request("PUT", BUCKET, f"target-{i}", data=data)
                        ok = r.status_code == 200
                        bump("writes")
                if not ok:
                    bump("write_errors")
                    check.fail(f"writer: {r.request.method} {r.url}: {r.status_code} {error_code(r)}")
        finally:
            c.close()

    def reader(rid):
        c = Client(srv.endpoint, sig="v1" if rid % 2 else "v4")
        rng = random.Random(f"{check.seed}:r{rid}")
        try:
            while not stop.is_set() and time.monotonic() < deadline:
                with slock:
                    if stats["reads"] >= max_reads:
                        return
                    stats["reads"] += 1
                i = rng.randrange(NLINKS)
                ranged = rng.random() < 0.25
                h = {}
                if ranged:
                    a = rng.randrange(0, 5000)
                    b = a + rng.randrange(0, 100_000)
                    h["Range"] = f"bytes={a}-{b}"
                try:
                    r = c.request("GET", BUCKET, f"link-{i}", headers=h)
                    body = r.content
                except Exception as e:
                    bump("bad")
                    check.fail(f"read link-{i}: transport error {type(e).__name__}: {e}")
                    continue
                if r.status_code >= 500:
                    bump("5xx")
                    check.fail(f"read link-{i}: {r.status_code} {error_code(r)}")
                    continue
                if r.status_code == 404 and error_code(r) == "SymlinkTargetNotExist":
                    bump("dangling")
                    continue
                if r.status_code not in (200, 206):
                    bump("bad")
                    check.fail(f"read link-{i}: {r.status_code} {error_code(r)} {body[:200]!r}")
                    continue
                etag = r.headers.get("ETag")
                ver = etags[i].get(etag)
                if ver is None:
                    bump("mixed")
                    check.fail(f"read link-{i}: ETag {etag} names no version written")
                    continue
                full = version_bytes(i, ver)
                if r.status_code == 200:
                    expect = full
                else:
                    cr = r.headers.get("Content-Range", "")
                    try:
                        span, total = cr.split(" ", 1)[1].split("/")
                        a, b = (int(x) for x in span.split("-"))
                    except Exception:
                        bump("bad")
                        check.fail(f"read link-{i}: 206 with Content-Range {cr!r}")
                        continue
                    if int(total) != len(full):
                        bump("mixed")
                        check.fail(f"read link-{i}: Content-Range total {total} but version {ver} has {len(full)}")
                        continue
                    expect = full[a:b + 1]
                if body != expect or int(r.headers.get("Content-Length", -1)) != len(body):
                    bump("mixed")
                    check.fail(f"read link-{i}: {r.status_code} body ({len(body)} B) is not version {ver}"
                               f" ({len(expect)} B expected)")
                    continue
                if r.status_code == 200 and len(body) <= 16384:
                    crc = r.headers.get("x-oss-hash-crc64ecma")
                    if crc is not None and int(crc) != crc64(body):
                        bump("mixed")
                        check.fail(f"read link-{i}: CRC-64 header does not match the body")
                        continue
                bump("ranged" if r.status_code == 206 else "whole")
        finally:
            c.close()

    threads = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(NWRITERS)]
    threads += [threading.Thread(target=reader, args=(r,), daemon=True) for r in range(NREADERS)]
    for t in threads:
        t.start()
    for t in threads[NWRITERS:]:
        t.join(timeout=duration + 120)
    stop.set()
    for t in threads:
        t.join(timeout=120)
        if t.is_alive():
            check.fail("a client thread did not finish")
    if not srv.alive():
        check.fail("ossd died")
    admin.close()
    srv.stop()
    if stats["dangling"] == 0 or stats["whole"] == 0:
        check.fail("the run did not exercise both whole reads and dangling reads")
    figure = (f"R6 links: {fmt(stats['reads'])} reads through links while {fmt(stats['writes'])} overwrites "
              f"and {fmt(stats['deletes'])} deletes of targets: {fmt(stats['whole'])} whole, "
              f"{fmt(stats['ranged'])} ranged, {fmt(stats['dangling'])} SymlinkTargetNotExist, "
              f"{fmt(stats['mixed'])} mixed, {fmt(stats['5xx'])} 5xx, {fmt(stats['bad'])} other bad")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
