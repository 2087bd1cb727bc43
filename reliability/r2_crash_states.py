#!/usr/bin/env python3
"""R2 crash states: record the file-system calls of single requests with strace and replay
every prefix of them, ALICE-style, onto a copy of the data dir taken before the request;
start ossd on each state and check the object shows the old state or the new one.

Operations (each on its own key, the old state written and made quiescent first):
PUT of an inline-size body over an inline object, PUT of a blob-size body over a blob,
PutSymlink over a link, CompleteMultipartUpload (two parts uploaded before the trace) and
DELETE of a blob object. Two witness objects (inline, blob) must be intact in every state.

Model (whole-file contents, per inode). The data dir is copied while the server is
quiescent (SQLite db, -wal and -shm included): that copy is the durable starting state.
strace (-f -yy -xx, full write data) is attached to the running server during the request.
Each state-changing call in the data dir becomes an event: open with O_CREAT / O_TRUNC,
write / pwrite64 / writev / pwritev (data from the trace, offsets from the call or the
tracked file offset), ftruncate, fallocate, mkdir, rename, unlink, fsync / fdatasync.
For every prefix of the events, three crash states are built:
  * all       -- every call in the prefix reached the disk (a process crash);
  * data      -- file contents only as of each inode's last fsync / fdatasync in the prefix
                 (never-synced new files are empty); every name operation kept;
  * strict    -- as data, and a create / rename / unlink / mkdir only persists when its
                 directory (the destination's, for rename) was fsynced later in the prefix.
On each distinct state ossd must start (listening line, 0 files left in objects/tmp), the
key must read as the old state or the new one (exact bytes / link target, or NoSuchKey when
that state is absence), never a 5xx, the witnesses intact; and every state after the 2xx
response was written to the socket must show the new state (an acknowledged write is
durable). Limits: page-granular and reordered partial writes inside one call, the -shm
file (memory-mapped, not traced; SQLite rebuilds it) and file-system-specific behaviour
beyond these three variants are not modelled.
"""

import os
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET

from common import (Check, Client, INLINE_THRESHOLD, ServerStartError, error_code, fmt,
                    make_bucket, tmp_files, wait_until)
from fs_replay import FS, TRACE_SET, events_from, materialise, parse_trace, state_digest

BUCKET = "crashstates"
VARIANTS = ("all", "data", "strict")

# --------------------------------------------------------------------------------------
# The operations
# --------------------------------------------------------------------------------------


def body(tag, size):
    import random
    return random.Random(tag).randbytes(size)


def observe(c, key, link):
    """('obj', bytes) | ('absent',) | ('link', target) | ('error', text)."""
    if link:
        r = c.request("GET", BUCKET, key, query=[("symlink", None)])
        if r.status_code == 200:
            from urllib.parse import unquote
            return ("link", unquote(r.headers.get("x-oss-symlink-target", "")))
    else:
        r = c.request("GET", BUCKET, key)
        if r.status_code == 200:
            return ("obj", r.content)
    code = error_code(r)
    if r.status_code == 404 and code == "NoSuchKey":
        return ("absent",)
    return ("error", f"{r.status_code} {code}")


def plan_ops(rng, round_no):
    """The operations of one round: (name, key, is_link, prepare(c) -> old, act(c) -> new)."""
    small = [0, 1, 100, rng.randint(2, 4000), INLINE_THRESHOLD - 1, INLINE_THRESHOLD]
    big = [INLINE_THRESHOLD + 1, rng.randint(INLINE_THRESHOLD + 2, 400_000)]
    s_old, s_new = rng.choice(small), rng.choice(small)
    b_old, b_new = rng.choice(big), rng.choice(big)
    r = round_no
    ops = []

    def put(key, old_size, new_size, overwrite=True):
        old = body(f"{key}-old", old_size) if overwrite else None
        new = body(f"{key}-new", new_size)

        def prepare(c):
            if old is not None:
                assert c.request("PUT", BUCKET, key, data=old).status_code == 200
            return ("obj", old) if old is not None else ("absent",)

        def act(c):
            return c.request("PUT", BUCKET, key, data=new), ("obj", new)
        return prepare, act

    ops.append(("PUT inline", f"r{r}/inline", False) + put(f"r{r}/inline", s_old, s_new, rng.random() < 0.8))
    ops.append(("PUT blob", f"r{r}/blob", False) + put(f"r{r}/blob", b_old, b_new, rng.random() < 0.8))

    def link_prepare(c, key=f"r{r}/link"):
        assert c.request("PUT", BUCKET, key, query=[("symlink", None)],
                         headers={"x-oss-symlink-target": "old-target"}).status_code == 200
        return ("link", "old-target")

    def link_act(c, key=f"r{r}/link"):
        return (c.request("PUT", BUCKET, key, query=[("symlink", None)],
                          headers={"x-oss-symlink-target": f"new-target-{r}"}), ("link", f"new-target-{r}"))
    ops.append(("PutSymlink", f"r{r}/link", True, link_prepare, link_act))

    mkey = f"r{r}/multipart"
    parts = [body(f"{mkey}-p1", 100 * 1024 + rng.randint(0, 50_000)), body(f"{mkey}-p2", rng.randint(1, 90_000))]
    state = {}

    def mpu_prepare(c):
        r0 = c.request("POST", BUCKET, mkey, query=[("uploads", None)])
        assert r0.status_code == 200, r0.text
        uid = ET.fromstring(r0.content).findtext("UploadId")
        etags = []
        for i, p in enumerate(parts, 1):
            rp = c.request("PUT", BUCKET, mkey, query=[("partNumber", str(i)), ("uploadId", uid)], data=p)
            assert rp.status_code == 200, rp.text
            etags.append(rp.headers["ETag"])
        state["uid"], state["etags"] = uid, etags
        return ("absent",)

    def mpu_act(c):
        xml = "<CompleteMultipartUpload>" + "".join(
            f"<Part><PartNumber>{i}</PartNumber><ETag>{e}</ETag></Part>"
            for i, e in enumerate(state["etags"], 1)) + "</CompleteMultipartUpload>"
        return (c.request("POST", BUCKET, mkey, query=[("uploadId", state["uid"])], data=xml.encode()),
                ("obj", b"".join(parts)))
    ops.append(("CompleteMultipartUpload", mkey, False, mpu_prepare, mpu_act))

    dkey = f"r{r}/delete"
    dold = body(f"{dkey}-old", rng.choice(big + small))

    def del_prepare(c):
        assert c.request("PUT", BUCKET, dkey, data=dold).status_code == 200
        return ("obj", dold)

    def del_act(c):
        return c.request("DELETE", BUCKET, dkey), ("absent",)
    ops.append(("DELETE", dkey, False, del_prepare, del_act))
    return ops


# --------------------------------------------------------------------------------------


def trace_one(check, srv, work, act):
    """Attaches strace to the server, runs `act`, detaches. Returns (trace text, result)."""
    tpath = os.path.join(work, "trace")
    epath = os.path.join(work, "strace.err")
    with open(epath, "wb") as err:
        st = subprocess.Popen(["strace", "-f", "-tt", "-yy", "-xx", "-s", str(64 << 20), "-X", "raw",
                               "-e", TRACE_SET, "-o", tpath, "-p", str(srv.pid)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    try:
        def attached():
            try:
                with open(epath, "rb") as f:
                    return b"attached" in f.read()
            except OSError:
                return False
        if not wait_until(attached, 20):
            raise RuntimeError("strace did not attach within 20 s")
        result = act()
        # Let calls after the response (e.g. a blob unlink after a delete's commit) land:
        # wait until the trace has stopped growing for 0.5 s (bounded by 10 s).
        last = [-1, time.monotonic()]

        def settled():
            n = os.path.getsize(tpath) if os.path.exists(tpath) else 0
            if n != last[0]:
                last[0], last[1] = n, time.monotonic()
                return False
            return time.monotonic() - last[1] >= 0.5
        wait_until(settled, 10, interval=0.05)
    finally:
        st.terminate()
        try:
            st.wait(timeout=30)
        except subprocess.TimeoutExpired:
            st.kill()
            st.wait(timeout=30)
    with open(tpath, "r", encoding="latin-1") as f:
        return f.read(), result


def check_state(check, sdir, name, key, link, old, new, must_be_new, witnesses, stats, where):
    """Starts ossd on `sdir` and checks it. Returns True when the state passed."""
    srv = check.new_server(sub="state", data_dir=sdir)
    try:
        try:
            srv.start(timeout=60)
        except ServerStartError as e:
            check.fail(f"{where}: ossd did not start: {e}")
            stats["nostart"] += 1
            return False
        ok = True
        left = tmp_files(sdir)
        if left:
            check.fail(f"{where}: {len(left)} files in objects/tmp after start: {left[:3]}")
            stats["tmp"] += 1
            ok = False
        c = Client(srv.endpoint, timeout=30)
        try:
            obs = observe(c, key, link)
            if obs == new:
                stats["new"] += 1
            elif obs == old:
                stats["old"] += 1
                if must_be_new:
                    check.fail(f"{where}: acknowledged {name} lost (state after the 2xx shows the old state)")
                    stats["lost"] += 1
                    ok = False
            else:
                desc = f"{len(obs[1])} bytes" if obs[0] == "obj" else obs[1:] if len(obs) > 1 else ""
                check.fail(f"{where}: {name} shows neither old nor new: {obs[0]} {desc}")
                stats["neither"] += 1
                ok = False
            for wkey, wbytes in witnesses:
                wobs = observe(c, wkey, False)
                if wobs != ("obj", wbytes):
                    check.fail(f"{where}: witness {wkey} damaged: {wobs[0]}")
                    stats["witness"] += 1
                    ok = False
        finally:
            c.close()
        return ok
    finally:
        srv.kill()
        check.servers.remove(srv)


def main():
    check = Check("R2 crash states", __doc__)
    check.parse()
    if not shutil.which("strace"):
        check.fail("strace is not installed (apt-get install strace)")
        check.finish("R2 crash states: strace missing", False)
    rng = check.rng
    rounds = 6 if check.long else 1
    srv = check.new_server("data")
    srv.start()
    admin = Client(srv.endpoint, timeout=60)
    make_bucket(admin, BUCKET)
    witnesses = [("witness/inline", body("w-inline", 3000)), ("witness/blob", body("w-blob", 200_000))]
    for k, b in witnesses:
        assert admin.request("PUT", BUCKET, k, data=b).status_code == 200
    stats = {k: 0 for k in ("old", "new", "neither", "lost", "nostart", "tmp", "witness")}
    n_ops = n_prefix = n_states = n_distinct = 0
    notes_all = []
    per_op = []
    try:
        for rnd in range(rounds):
            for name, key, link, prepare, act in plan_ops(rng, rnd):
                old = prepare(admin)
                # Quiescent: every request answered; the trace below must show no calls
                # before ours, so the copy is the state the op starts from.
                snap = os.path.join(check.tmp, "snap")
                shutil.rmtree(snap, ignore_errors=True)
                shutil.copytree(srv.data_dir, snap)
                text, (resp, new) = trace_one(check, srv, check.tmp, lambda: act(admin))
                if resp.status_code not in (200, 204):
                    check.fail(f"{name} {key}: {resp.status_code} {error_code(resp)} on the live server")
                    continue
                calls = parse_trace(text)
                events, ack_at, notes = events_from(calls, srv.data_dir)
                for n in notes:
                    notes_all.append(f"{name}: {n}")
                    check.fail(f"{name}: {n}")
                if ack_at is None:
                    check.fail(f"{name}: no 2xx response seen in the trace")
                    ack_at = len(events)
                fs = FS(snap)
                seen = {}
                n_ops += 1
                kinds = {}
                for e in events:
                    kinds[e[0]] = kinds.get(e[0], 0) + 1
                per_op.append(f"{name}: {len(events)} events "
                              f"({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}), ack after {ack_at}")
                for i in range(len(events) + 1):
                    if i > 0:
                        fs.apply(events[i - 1])
                    n_prefix += 1
                    must_new = i >= ack_at
                    for variant in VARIANTS:
                        n_states += 1
                        st = fs.state(variant)
                        dg = state_digest(st)
                        if (dg, must_new) in seen:
                            continue
                        seen[(dg, must_new)] = True
                        n_distinct += 1
                        sdir = os.path.join(check.tmp, "state")
                        shutil.rmtree(sdir, ignore_errors=True)
                        materialise(st, sdir, fs.modes)
                        where = f"round {rnd} {name} prefix {i}/{len(events)} ({variant})"
                        check_state(check, sdir, name, key, link, old, new, must_new, witnesses, stats, where)
                        shutil.rmtree(sdir, ignore_errors=True)
                shutil.rmtree(snap, ignore_errors=True)
    finally:
        admin.close()
        srv.stop()
    for line in per_op[:12]:
        print(f"R2 crash states: {line}", file=__import__("sys").stderr)
    bad = stats["neither"]
    ok = not check.failures
    figure = (f"R2 crash states: {fmt(n_ops)} operations, {fmt(n_prefix)} prefix states "
              f"(x {len(VARIANTS)} persistence variants = {fmt(n_states)}, {fmt(n_distinct)} distinct started), "
              f"{fmt(bad)} showed neither old nor new, {fmt(stats['lost'])} acknowledged writes lost, "
              f"{fmt(stats['nostart'])} failed starts, {fmt(stats['tmp'])} with temp files left, "
              f"{fmt(stats['witness'])} damaged witnesses ({fmt(stats['old'])} old, {fmt(stats['new'])} new)")
    check.finish(figure, ok)


if __name__ == "__main__":
    main()
