#!/usr/bin/env python3
"""R3 disk full: the data dir lives on a size-limited tmpfs that the check mounts and
unmounts itself (root is needed: `mount -t tmpfs -o size=20m`).

PUTs (inline-sized and blob-sized objects, and symlinks) are sent until the file system is
full. Every PUT that fails must get an OSS error response (status >= 400, OSS error XML
with a RequestId), never a 200 for an object that is not there; every acknowledged object
must stay intact and readable while the disk is full; temp files of failed uploads must be
removed; the server must stay up. Then space returns (`mount -o remount,size=...`): PUTs
succeed again, and after a restart every acknowledged object is still intact.
"""

import os
import random
import subprocess
import time

from common import (Check, Client, INLINE_THRESHOLD, error_code, fmt, make_bucket, parse_oss_error,
                    tmp_files, wait_until)

BUCKET = "full"
SIZE_MB = 20


def body(i):
    r = random.Random(f"full-{i}")
    size = r.randint(INLINE_THRESHOLD + 1, 900_000) if i % 3 == 0 else r.randint(100, 30_000)
    return r.randbytes(size)


def mount(path, size_mb):
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0755", "tmpfs", path],
                          capture_output=True, text=True)


def main():
    check = Check("R3 disk full", __doc__)
    check.parse()
    episodes = 10 if check.long else 1
    mnt = os.path.join(check.tmp, "fs")
    os.makedirs(mnt)
    m = mount(mnt, SIZE_MB)
    if m.returncode != 0:
        check.fail(f"cannot mount a tmpfs (root needed): {m.stderr.strip()}")
        check.finish(f"R3 disk full: not run (mount failed: {m.stderr.strip()})", False)
    acked = {}
    codes = {}
    refused = non_oss = ok200_missing = damaged = 0
    symlinks_refused = 0
    read_ok = read_total = 0
    recovered = recovered_total = 0
    leftover = 0
    i = 0
    srv = None
    try:
        data = os.path.join(mnt, "data")
        os.makedirs(data)
        srv = check.new_server(data_dir=data)
        srv.start()
        c = Client(srv.endpoint, timeout=60)
        make_bucket(c, BUCKET)
        size_now = SIZE_MB
        for ep in range(episodes):
            # Fill until 20 consecutive refusals (bounded by count and time).
            consecutive = 0
            t0 = time.monotonic()
            for _ in range(2000):
                if consecutive >= 20 or time.monotonic() - t0 > 120:
                    break
                i += 1
                b = body(i)
                try:
                    r = c.request("PUT", BUCKET, f"obj-{i}", data=b)
                except Exception as e:
                    check.fail(f"PUT obj-{i}: transport error {type(e).__name__} (server alive: {srv.alive()})")
                    break
                if r.status_code == 200:
                    acked[f"obj-{i}"] = b
                    consecutive = 0
                    continue
                consecutive += 1
                refused += 1
                k = f"{r.status_code} {error_code(r)}"
                codes[k] = codes.get(k, 0) + 1
                if not parse_oss_error(r.content) or not r.headers.get("x-oss-request-id"):
                    non_oss += 1
                    check.fail(f"PUT obj-{i} refused without OSS error XML: {r.status_code} {r.content[:200]!r}")
                # A refused write must not have left an object behind.
                h = c.request("HEAD", BUCKET, f"obj-{i}")
                if h.status_code != 404:
                    check.fail(f"refused PUT obj-{i} ({r.status_code} {error_code(r)}) but HEAD says {h.status_code}")
                # Symlinks and small writes on a full disk: OSS error or success, never a lie.
                rs = c.request("PUT", BUCKET, f"link-{i}", query=[("symlink", None)],
                               headers={"x-oss-symlink-target": f"obj-{i - 1}"})
                if rs.status_code != 200:
                    symlinks_refused += 1
                    if not parse_oss_error(rs.content):
                        non_oss += 1
                        check.fail(f"PutSymlink refused without OSS error XML: {rs.status_code}")
                elif c.request("GET", BUCKET, f"link-{i}", query=[("symlink", None)]).status_code != 200:
                    ok200_missing += 1
                    check.fail(f"PutSymlink link-{i} answered 200 but the link is not there")
            if consecutive < 20:
                check.fail(f"episode {ep}: the disk never filled ({len(acked)} objects stored)")
            # Reads keep working while full.
            for k, b in acked.items():
                read_total += 1
                g = c.request("GET", BUCKET, k)
                if g.status_code == 200 and g.content == b:
                    read_ok += 1
                else:
                    damaged += 1
                    check.fail(f"while full: {k} GET {g.status_code} ({'same' if g.content == b else 'different'} bytes)")
            if not wait_until(lambda: not tmp_files(data), 10):
                leftover += len(tmp_files(data))
                check.fail(f"{len(tmp_files(data))} temp files left after failed uploads: {tmp_files(data)[:3]}")
            if not srv.alive():
                check.fail("ossd died on a full disk")
                break
            # Space returns.
            size_now += SIZE_MB
            rm = subprocess.run(["mount", "-o", f"remount,size={size_now}m", mnt], capture_output=True, text=True)
            if rm.returncode != 0:
                check.fail(f"remount failed: {rm.stderr.strip()}")
                break
            for _ in range(6):
                i += 1
                b = body(i)
                recovered_total += 1
                r = c.request("PUT", BUCKET, f"obj-{i}", data=b)
                if r.status_code == 200:
                    recovered += 1
                    acked[f"obj-{i}"] = b
                else:
                    check.fail(f"after space returned: PUT obj-{i} {r.status_code} {error_code(r)}")
        # Restart: everything acknowledged is still there.
        c.close()
        srv.stop()
        srv.start()
        c = Client(srv.endpoint, timeout=60)
        for k, b in acked.items():
            g = c.request("GET", BUCKET, k)
            if not (g.status_code == 200 and g.content == b):
                damaged += 1
                check.fail(f"after restart: {k} GET {g.status_code}")
        c.close()
    finally:
        if srv:
            srv.stop()
        u = subprocess.run(["umount", mnt], capture_output=True, text=True)
        if u.returncode != 0:
            subprocess.run(["umount", "-l", mnt], capture_output=True)
    figure = (f"R3 disk full: {SIZE_MB} MiB tmpfs, {fmt(len(acked))} PUTs acked, {fmt(refused)} refused "
              f"({', '.join(f'{k} x{v}' for k, v in sorted(codes.items()))}; {fmt(non_oss)} without OSS error XML, {fmt(ok200_missing)} 200s not stored), "
              f"{fmt(symlinks_refused)} PutSymlink refused, {fmt(damaged)} damaged, reads while full "
              f"{read_ok}/{read_total}, {leftover} temp files left, after space returned {recovered}/{recovered_total} PUTs ok")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
