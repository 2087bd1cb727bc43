#!/usr/bin/env python3
"""R1 crash: kill -9 at random moments under write load, restart, read back every
acknowledged write.

16 client threads each own a set of keys and, one request at a time, PUT objects (content
derived from key and version; sizes straddle the 64 KiB inline threshold), upload objects
in two parts (initiate, UploadPart x2, CompleteMultipartUpload; the whole sequence is the
one in-flight operation of its key), PutSymlink (target derived from key and version) and
DELETE. After a random interval the server gets
SIGKILL. It is restarted (restart time measured to the listening line), objects/tmp must be
empty, and every key touched since the last check is read back:

  * the last acknowledged state (object version v, link version v, or absent) must be what
    is there, or the state the one unacknowledged in-flight request would have produced;
  * an object's bytes must be exactly the bytes of that version (else: torn);
  * an older acknowledged version, or bytes of no version, is a lost write / torn object.

Every 10 cycles and at the end all keys are checked, the listing must hold no unknown key,
and no blob may be left that no object references (orphan blobs; uploads that a kill
left unfinished are aborted first, through the API).
"""

import os
import random
import threading
import time
from urllib.parse import unquote

from common import (Check, Client, INLINE_THRESHOLD, error_code, fmt, make_bucket, pctl,
                    tmp_files)

BUCKET = "crash"
NCLIENTS = 16
KEYS_PER_CLIENT = 24


def content(key, ver):
    r = random.Random(f"{key}#{ver}")
    x = r.random()
    if x < 0.04:
        size = r.choice([0, 1, INLINE_THRESHOLD - 1, INLINE_THRESHOLD, INLINE_THRESHOLD + 1])
    elif x < 0.30:
        size = r.randint(INLINE_THRESHOLD + 1, 256 * 1024)
    else:
        size = r.randint(1, 12 * 1024)
    return r.randbytes(size)


def mp_parts(key, ver):
    """The two parts of a multipart version: >= 100 KiB (OSS's minimum), then a tail."""
    r = random.Random(f"{key}#mp{ver}")
    return [r.randbytes(100 * 1024 + r.randint(0, 50 * 1024)), r.randbytes(r.randint(1, 20 * 1024))]


def expected(key, op):
    """The bytes an object state ('obj' or 'mp', version) reads back as."""
    return content(key, op[1]) if op[0] == "obj" else b"".join(mp_parts(key, op[1]))


def upload_multipart(c, key, ver):
    """Initiate, two parts, complete. Returns the first non-200 response or the completion's."""
    import xml.etree.ElementTree as ET
    r = c.request("POST", BUCKET, key, query=[("uploads", None)])
    if r.status_code != 200:
        return r
    upload = next(e.text for e in ET.fromstring(r.content).iter() if e.tag.endswith("UploadId"))
    etags = []
    for n, body in enumerate(mp_parts(key, ver), 1):
        r = c.request("PUT", BUCKET, key, query=[("partNumber", str(n)), ("uploadId", upload)], data=body)
        if r.status_code != 200:
            return r
        etags.append(r.headers["ETag"])
    doc = "<CompleteMultipartUpload>" + "".join(
        f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>" for n, e in enumerate(etags, 1)
    ) + "</CompleteMultipartUpload>"
    return c.request("POST", BUCKET, key, query=[("uploadId", upload)], data=doc.encode())


def abort_uploads(c):
    """Aborts every unfinished upload in the bucket (all pages of ListMultipartUploads);
    returns how many."""
    import xml.etree.ElementTree as ET
    pairs, key_marker, upload_marker = [], "", ""
    while True:
        r = c.request("GET", BUCKET, query=[("uploads", None), ("max-uploads", "100"),
                                             ("key-marker", key_marker), ("upload-id-marker", upload_marker)])
        root = ET.fromstring(r.content)
        fields_of = lambda e: {child.tag.rsplit("}", 1)[-1]: child.text for child in e}
        for u in (e for e in root if e.tag.rsplit("}", 1)[-1] == "Upload"):
            fields = fields_of(u)
            pairs.append((fields["Key"], fields["UploadId"]))
        top = fields_of(root)
        if top.get("IsTruncated") != "true":
            break
        key_marker, upload_marker = top.get("NextKeyMarker") or "", top.get("NextUploadIdMarker") or ""
    for key, upload in pairs:
        c.request("DELETE", BUCKET, key, query=[("uploadId", upload)])
    return len(pairs)


def link_target(key, ver):
    return f"target/{key}/v{ver}"


class Model:
    """Per key: the acknowledged state and the one request that may be in flight."""

    def __init__(self, keys):
        self.state = {k: ("absent", 0) for k in keys}
        self.pending = {k: None for k in keys}
        self.nextver = {k: 1 for k in keys}
        self.touched = set()


def client_loop(ci, endpoint, model, keys, rng, stop, stats, lock):
    c = Client(endpoint, sig="v1" if ci % 2 else "v4", timeout=30)
    try:
        while not stop.is_set():
            key = rng.choice(keys)
            ver = model.nextver[key]
            model.nextver[key] = ver + 1
            x = rng.random()
            if x < 0.70:
                op = ("obj", ver)
            elif x < 0.75:
                op = ("mp", ver)
            elif x < 0.87:
                op = ("link", ver)
            else:
                op = ("absent", ver)
            model.pending[key] = op
            model.touched.add(key)
            try:
                if op[0] == "obj":
                    r = c.request("PUT", BUCKET, key, data=content(key, ver))
                elif op[0] == "mp":
                    r = upload_multipart(c, key, ver)
                elif op[0] == "link":
                    r = c.request("PUT", BUCKET, key, query=[("symlink", None)],
                                  headers={"x-oss-symlink-target": link_target(key, ver)})
                else:
                    r = c.request("DELETE", BUCKET, key)
            except Exception:
                return  # the server died (or is dying): the op stays pending
            if r.status_code in (200, 204):
                model.state[key] = op
                model.pending[key] = None
                with lock:
                    stats["acked"] += 1
                    if op[0] == "mp":
                        stats["acked_mp"] += 1
            else:
                # A definite refusal while the server was up: the write must not be there,
                # but keep it pending (allowed) and report the refusal itself.
                with lock:
                    stats["refused"] += 1
                    stats["refusals"].append(f"{op} {key}: {r.status_code} {error_code(r)}")
                return
    finally:
        c.close()


def observe(c, key):
    """('obj', bytes) | ('link', target) | ('absent',) | ('error', text)."""
    r = c.request("GET", BUCKET, key)
    if r.status_code == 200:
        return ("obj", r.content)
    code = error_code(r)
    if r.status_code == 404 and code == "NoSuchKey":
        return ("absent",)
    if r.status_code == 404 and code == "SymlinkTargetNotExist":
        r2 = c.request("GET", BUCKET, key, query=[("symlink", None)])
        t = r2.headers.get("x-oss-symlink-target")
        if r2.status_code == 200 and t is not None:
            return ("link", unquote(t))
        return ("error", f"GetSymlink {r2.status_code} {error_code(r2)}")
    return ("error", f"GET {r.status_code} {code}")


def verify_key(check, c, model, key, stats):
    allowed = [model.state[key]]
    if model.pending[key] is not None:
        allowed.append(model.pending[key])
    obs = observe(c, key)
    found = None
    if obs[0] == "absent":
        found = next((a for a in allowed if a[0] == "absent"), None)
    elif obs[0] == "obj":
        found = next((a for a in allowed if a[0] in ("obj", "mp") and expected(key, a) == obs[1]), None)
    elif obs[0] == "link":
        found = next((a for a in allowed if a[0] == "link" and link_target(key, a[1]) == obs[1]), None)
    if found is not None:
        if model.pending[key] is not None:
            stats["inflight_applied" if found is model.pending[key] and found != model.state[key]
                  else "inflight_absent"] += 1
        model.state[key] = found
        model.pending[key] = None
        stats["verified"] += 1
        return
    acked = model.state[key]
    if obs[0] == "obj":
        # Bytes of some other version: a lost write; bytes of no version: torn.
        other = any(expected(key, (kind, v)) == obs[1] for kind in ("obj", "mp")
                    for v in range(max(1, model.nextver[key] - 50), model.nextver[key]))
        kind = "lost" if other else "torn"
    elif obs[0] == "error":
        kind = "unreadable"
    else:
        kind = "lost"
    stats[kind] += 1
    check.fail(f"{kind}: key {key} acked {acked} pending {model.pending[key]} observed "
               f"{obs[0]} {(obs[1][:60] if obs[0] != 'obj' else len(obs[1])) if len(obs) > 1 else ''}")
    # Resynchronise so one defect is reported once.
    if obs[0] == "absent":
        model.state[key] = ("absent", 0)
    model.pending[key] = None


def list_keys(c):
    import xml.etree.ElementTree as ET
    keys, marker = [], ""
    for _ in range(1000):
        r = c.request("GET", BUCKET, query=[("marker", marker), ("max-keys", "1000")])
        root = ET.fromstring(r.content)
        keys += [e.text for e in root.iter("Key")]
        if (root.findtext("IsTruncated") or "false") != "true":
            break
        marker = root.findtext("NextMarker") or keys[-1]
    return keys


def count_blobs(data_dir):
    n = 0
    for dirpath, _, files in os.walk(os.path.join(data_dir, "objects", "blobs")):
        n += len(files)
    return n


def main():
    check = Check("R1 crash", __doc__)
    args = check.parse()
    cycles = 1000 if check.long else 50
    rng = check.rng
    keys_of = [[f"c{ci:02d}/key-{j:03d}" + ("-large" if j % 5 == 0 else "") for j in range(KEYS_PER_CLIENT)]
               for ci in range(NCLIENTS)]
    all_keys = [k for ks in keys_of for k in ks]
    model = Model(all_keys)
    stats = {"acked": 0, "acked_mp": 0, "refused": 0, "refusals": [], "verified": 0, "lost": 0, "torn": 0,
             "unreadable": 0, "inflight_applied": 0, "inflight_absent": 0}
    lock = threading.Lock()
    restarts = []
    leftover_tmp = 0
    orphan_blobs = 0
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    admin.close()
    t_start = time.monotonic()
    time_cap = 6 * 3600 if check.long else 200
    done = 0
    aborted = 0
    try:
        for cycle in range(cycles):
            if time.monotonic() - t_start > time_cap:
                check.fail(f"time cap {time_cap}s reached after {cycle} cycles")
                break
            stop = threading.Event()
            threads = [threading.Thread(target=client_loop,
                                        args=(ci, srv.endpoint, model, keys_of[ci],
                                              random.Random(f"{check.seed}:{cycle}:{ci}"), stop, stats, lock),
                                        daemon=True) for ci in range(NCLIENTS)]
            for t in threads:
                t.start()
            # The kill moment is the random variable under test, not a synchronisation.
            time.sleep(rng.uniform(0.05, 1.0))
            srv.kill()
            stop.set()
            for t in threads:
                t.join(timeout=60)
                if t.is_alive():
                    check.fail("a client thread did not stop within 60 s")
            restarts.append(srv.start())
            left = tmp_files(srv.data_dir)
            if left:
                leftover_tmp += len(left)
                check.fail(f"cycle {cycle}: {len(left)} files in objects/tmp after start: {left[:3]}")
            c = Client(srv.endpoint)
            full = (cycle % 10 == 9) or cycle == cycles - 1
            for key in (all_keys if full else sorted(model.touched)):
                verify_key(check, c, model, key, stats)
            model.touched.clear()
            if full:
                listed = set(list_keys(c))
                unknown = listed - set(all_keys)
                if unknown:
                    check.fail(f"unknown keys listed: {sorted(unknown)[:5]}")
                expected_present = {k for k in all_keys if model.state[k][0] != "absent"}
                if listed != expected_present:
                    check.fail(f"listing differs from reads: missing {sorted(expected_present - listed)[:5]}"
                               f" extra {sorted(listed - expected_present)[:5]}")
            c.close()
            done = cycle + 1
        # Orphan blobs: with the unfinished uploads aborted and after a final restart, the
        # blob files must be exactly those of the objects stored as blobs (one per object
        # above the inline threshold, one per part of a multipart object).
        c = Client(srv.endpoint)
        aborted = abort_uploads(c)
        c.close()
        srv.kill()
        restarts.append(srv.start())
        large = sum(1 for k in all_keys if model.state[k][0] == "obj"
                    and len(content(k, model.state[k][1])) > INLINE_THRESHOLD)
        large += 2 * sum(1 for k in all_keys if model.state[k][0] == "mp")
        blobs = count_blobs(srv.data_dir)
        orphan_blobs = max(0, blobs - large)
        if blobs != large:
            check.fail(f"{blobs} blob files for {large} blobs of stored objects")
    finally:
        srv.stop()
    for line in stats["refusals"][:5]:
        check.fail(f"write refused while the server was up: {line}")
    p99 = pctl(restarts, 99)
    if p99 > 2.0:
        check.fail(f"restart p99 {p99:.2f} s > 2 s")
    if done < cycles:
        check.fail(f"only {done} of {cycles} cycles ran")
    ok = not check.failures
    multipart = sum(1 for k in all_keys if model.state[k][0] == "mp")
    figure = (f"R1 crash: {fmt(done)} kill -9 cycles, {fmt(stats['acked'])} acked ops "
              f"({fmt(stats['acked_mp'])} multipart completions; {fmt(multipart)} multipart objects at the end, "
              f"{fmt(aborted)} unfinished uploads aborted), "
              f"{fmt(stats['lost'])} lost, {fmt(stats['torn'])} torn, "
              f"{fmt(stats['unreadable'])} unreadable, {fmt(stats['inflight_applied'] + stats['inflight_absent'])} "
              f"unacked in flight ({fmt(stats['inflight_applied'])} complete, {fmt(stats['inflight_absent'])} absent), "
              f"{fmt(leftover_tmp)} temp files left, "
              f"{fmt(orphan_blobs)} orphan blobs, {fmt(stats['refused'])} refused, "
              f"restart p99 {p99:.2f} s")
    check.finish(figure, ok)


if __name__ == "__main__":
    main()
