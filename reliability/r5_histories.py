#!/usr/bin/env python3
"""R5 histories: read-after-write and list-after-write histories under load and kill -9,
checked against a register model (per key) and a set model (listings).

8 client threads (half V1, half V4) run, one request at a time, on a small key space:
PUT (a unique value per write; 85% inline sizes, 15% blob sizes), GET, DELETE, PutSymlink
(link lnk-i -> key k-i, fixed pairs) followed by GET through the link (a read of k-i), and
ListObjectsV2. Every operation's invoke and complete time (time.monotonic_ns) and result are
recorded. At random moments the server gets SIGKILL and is restarted; a write in flight at
the kill is indeterminate (it may or may not have taken effect, but not after the kill); a
read in flight is dropped.

Register check (per key, exact): the history is cut at the kills (real-time barriers); each
segment is searched Wing & Gong style -- a configuration is (set of operations already
linearized, register value); an operation may be linearized next when no unlinearized
operation completed before it was invoked; a read must return the current value; an
indeterminate write is linearized with or without its effect. All configurations are
explored with memoisation, and the set of reachable final values feeds the next segment.
An empty set is an anomaly (stale read, lost write, read of a value never written...). A
body that is not exactly the bytes of the value its first line names is a torn read.

Set check (listings): a listing must contain every key with a create (PUT / PutSymlink)
that completed before the listing was invoked and no delete that could be ordered after it
and before the listing completed; it must not contain a key with a delete that completed
before the listing was invoked and no create that could be ordered after that delete.

`--self-test` only runs the checker on hand-made histories (a valid one, a stale read, a
lost write after a crash, a phantom list entry, a missing list entry) and shows that each
anomaly is reported; every normal run does the same first and fails if the checker cannot.
"""

import random
import sys
import threading
import time
import xml.etree.ElementTree as ET

from common import Check, Client, INLINE_THRESHOLD, error_code, fmt, make_bucket

BUCKET = "hist"
NCLIENTS = 8
NKEYS = 6
KEYS = [f"k-{i}" for i in range(NKEYS)]
LINKS = [f"lnk-{i}" for i in range(NKEYS)]
INF = float("inf")
ABSENT = None


class Op:
    """One operation. kind: 'w' (write value; value None = delete), 'r' (read), 'list'.
    status: 'ok' or 'info' (indeterminate: in flight at a kill; ret = the kill time)."""
    __slots__ = ("kind", "key", "value", "inv", "ret", "status", "epoch", "keys", "via")

    def __init__(self, kind, key, value, inv, ret, status="ok", epoch=0, keys=None, via=""):
        self.kind, self.key, self.value, self.inv, self.ret = kind, key, value, inv, ret
        self.status, self.epoch, self.keys, self.via = status, epoch, keys, via

    def __repr__(self):
        v = "absent" if self.value is None else self.value
        what = {"w": "delete" if self.value is None else f"write {v}", "r": f"read{self.via} {v}",
                "list": f"list {sorted(self.keys or [])}"}[self.kind]
        return f"<{what} [{self.inv}, {self.ret}] {self.status} e{self.epoch}>"


# --------------------------------------------------------------------------------------
# Register checker
# --------------------------------------------------------------------------------------

ANY = object()  # the value is unknown (after an anomaly: resynchronise on the next read)


def segment_finals(ops, starts, budget):
    """All register values reachable at the end of a segment whose operations (all
    finished by the segment's end) are `ops`, starting from any value in `starts`.
    Returns (set of final values, configurations visited)."""
    ops = sorted(ops, key=lambda o: (o.inv, o.ret))
    n = len(ops)
    full = (1 << n) - 1
    finals = set()
    seen = set()
    stack = [(0, 0, s) for s in starts]
    visited = 0
    while stack:
        lo, mask, state = stack.pop()
        if (mask, state) in seen:
            continue
        seen.add((mask, state))
        visited += 1
        if visited > budget:
            raise RuntimeError("search budget exhausted")
        while lo < n and (mask >> lo) & 1:
            lo += 1
        if mask == full:
            finals.add(state)
            continue
        # Candidates: unlinearized ops invoked no later than the earliest completion among
        # the unlinearized ones (anything invoked later must follow that op).
        minret = INF
        cands = []
        i = lo
        while i < n:
            o = ops[i]
            if o.inv > minret:
                break
            if not (mask >> i) & 1:
                cands.append(i)
                if o.ret < minret:
                    minret = o.ret
            i += 1
        for i in cands:
            o = ops[i]
            if o.inv > minret:
                continue
            m2 = mask | (1 << i)
            if o.kind == "w":
                stack.append((lo, m2, o.value))
                if o.status == "info":
                    stack.append((lo, m2, state))  # took no effect
            elif state is ANY or o.value == state:
                stack.append((lo, m2, o.value))
    return finals, visited


def check_registers(ops_by_key, kills, budget=2_000_000):
    """ops_by_key: key -> [Op] (writes and reads). kills: number of epochs - 1.
    Returns a list of (key, epoch, ops of that segment) anomalies."""
    anomalies = []
    for key, ops in sorted(ops_by_key.items()):
        by_epoch = {}
        for o in ops:
            by_epoch.setdefault(o.epoch, []).append(o)
        states = {ABSENT}
        for e in range(kills + 1):
            seg = by_epoch.get(e, [])
            if not seg:
                continue
            finals, _ = segment_finals(seg, states, budget)
            if not finals:
                anomalies.append((key, e, sorted(seg, key=lambda o: o.inv)))
                # Resynchronise: the value is unknown until the next read or write.
                finals, _ = segment_finals(seg, {ANY}, budget)
                if not finals:
                    finals = {ANY}
            states = finals
    return anomalies


# --------------------------------------------------------------------------------------
# Set checker (listings)
# --------------------------------------------------------------------------------------


def check_lists(lists, changes_by_key, universe):
    """lists: [Op kind 'list']; changes_by_key: key -> [Op 'w'] (value None = delete,
    anything else = create). Keys start absent. Returns [(list op, key, 'missing'|'phantom')].

    A key must be listed when some definite create c completed before the listing was
    invoked and no delete d with d.inv < L.ret and d.ret > c.inv exists (such a d could be
    ordered after c and before the listing); the latest such c is the strongest witness.
    Symmetrically for deletes (the initial absence is a delete completed at -inf)."""
    import bisect
    bad = []
    idx = {}
    for k in universe:
        ch = sorted(changes_by_key.get(k, []), key=lambda o: o.inv)
        maxdur = max((o.ret - o.inv for o in ch), default=0)
        split = {}
        for want_create in (True, False):
            same = [o for o in ch if (o.value is not None) == want_create]
            split[want_create] = (same, [o.inv for o in same])
        idx[k] = (split, maxdur)

    def witness(split, want_create, L):
        # The definite op of the wanted kind with the largest inv among those completed
        # before L.inv (ops are inv-sorted; only those invoked before L.inv can qualify).
        same, invs = split[want_create]
        for j in range(bisect.bisect_left(invs, L.inv) - 1, -1, -1):
            o = same[j]
            if o.status == "ok" and o.ret < L.inv:
                return o.inv
        return None if want_create else -INF

    def undone(split, want_create, since, maxdur, L):
        # Is there an op of the opposite kind (any status) invoked before L.ret that
        # completed after `since`?
        other, invs = split[not want_create]
        for j in range(bisect.bisect_left(invs, L.ret) - 1, -1, -1):
            o = other[j]
            if o.inv + maxdur < since:
                break
            if o.ret > since:
                return True
        return False

    for L in lists:
        got = L.keys
        for k in universe:
            split, maxdur = idx[k]
            c = witness(split, True, L)
            must_have = c is not None and not undone(split, True, c, maxdur, L)
            d = witness(split, False, L)
            must_lack = not undone(split, False, d, maxdur, L)
            if must_have and k not in got:
                bad.append((L, k, "missing"))
            elif must_lack and k in got:
                bad.append((L, k, "phantom"))
    return bad


# --------------------------------------------------------------------------------------
# Self-test: the checker must be able to fail
# --------------------------------------------------------------------------------------


def self_test():
    """Returns a list of problems (empty when the checker behaves)."""
    W = lambda k, v, a, b, st="ok", e=0: Op("w", k, v, a, b, st, e)
    R = lambda k, v, a, b, e=0: Op("r", k, v, a, b, "ok", e)
    Lst = lambda keys, a, b, e=0: Op("list", None, None, a, b, "ok", e, keys=set(keys))
    problems = []

    def expect(name, ops, kills, want_anomaly):
        got = bool(check_registers({"x": ops}, kills))
        if got != want_anomaly:
            problems.append(f"self-test {name}: anomaly reported {got}, expected {want_anomaly}")

    # Valid: concurrent write and reads may see either; info write may or may not apply.
    expect("valid concurrent", [W("x", "a", 0, 10), R("x", "a", 1, 2), W("x", "b", 5, 20),
                                R("x", "a", 6, 7), R("x", "b", 8, 9), R("x", "b", 21, 22)], 0, False)
    expect("valid info write absent", [W("x", "a", 0, 1), W("x", "b", 2, 5, "info"),
                                       R("x", "a", 10, 11, e=1)], 1, False)
    expect("valid info write applied", [W("x", "a", 0, 1), W("x", "b", 2, 5, "info"),
                                        R("x", "b", 10, 11, e=1)], 1, False)
    expect("valid delete", [W("x", "a", 0, 1), W("x", None, 2, 3), R("x", None, 4, 5)], 0, False)
    # Anomalies.
    expect("stale read", [W("x", "a", 0, 1), W("x", "b", 2, 3), R("x", "a", 4, 5)], 0, True)
    expect("read of the unwritten", [W("x", "a", 0, 1), R("x", "zz", 2, 3)], 0, True)
    expect("lost write after crash", [W("x", "a", 0, 1), W("x", "b", 2, 3),
                                      R("x", "a", 10, 11, e=1)], 1, True)
    expect("lost delete", [W("x", "a", 0, 1), W("x", None, 2, 3), R("x", "a", 10, 11, e=1)], 1, True)
    expect("non-monotonic reads", [W("x", "a", 0, 1), W("x", "b", 2, 10), R("x", "b", 3, 4),
                                   R("x", "a", 5, 6)], 0, True)
    expect("info write visible then gone", [W("x", "a", 0, 1), W("x", "b", 2, 9, "info"),
                                            R("x", "b", 3, 4), R("x", "a", 10, 11, e=1)], 1, True)
    # Listings.
    ch = {"k": [W("k", "a", 0, 1), W("k", None, 10, 11)], "j": [W("j", "b", 0, 1)]}
    if check_lists([Lst(["k", "j"], 2, 3), Lst(["j"], 12, 13), Lst(["k", "j"], 9, 12)], ch, ["k", "j", "q"]):
        problems.append("self-test valid listings: anomaly reported")
    bad = check_lists([Lst(["k", "j"], 12, 13)], ch, ["k", "j"])
    if [b[2] for b in bad] != ["phantom"]:
        problems.append(f"self-test phantom list entry: got {bad}")
    bad = check_lists([Lst(["k"], 2, 3)], ch, ["k", "j"])
    if [b[2] for b in bad] != ["missing"]:
        problems.append(f"self-test missing list entry: got {bad}")
    bad = check_lists([Lst(["q"], 2, 3)], ch, ["k", "j", "q"])
    if ("phantom" not in [b[2] for b in bad]) or ("missing" not in [b[2] for b in bad]):
        problems.append(f"self-test never-created key listed: got {bad}")
    return problems


# --------------------------------------------------------------------------------------
# The load
# --------------------------------------------------------------------------------------


def body_of(value, rng):
    size = rng.randint(INLINE_THRESHOLD + 1, 150_000) if rng.random() < 0.15 else rng.randint(0, 2048)
    fill = random.Random(value).randbytes(size)
    return value.encode() + b"\n" + fill


def decode_body(data):
    """The value a body names, or raises ValueError if it is not exactly that value's bytes."""
    head, sep, rest = data.partition(b"\n")
    if not sep:
        raise ValueError(f"no value line in {len(data)} bytes")
    value = head.decode()
    if random.Random(value).randbytes(len(rest)) != rest:
        raise ValueError(f"body of {value} ({len(data)} bytes) differs from its bytes")
    return value


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.ops = []
        self.torn = []
        self.errors = []


def client_loop(ci, endpoint, rec, epoch, seq0, rng, stop):
    c = Client(endpoint, sig="v1" if ci % 2 else "v4", timeout=30)
    seq = seq0
    mine = []
    try:
        while not stop.is_set():
            x = rng.random()
            i = rng.randrange(NKEYS)
            key = KEYS[i]
            inv = time.monotonic_ns()
            op = None
            try:
                if x < 0.30:
                    seq += 1
                    value = f"v{epoch}.{ci}.{seq}"
                    op = Op("w", key, value, inv, None, epoch=epoch)
                    r = c.request("PUT", BUCKET, key, data=body_of(value, rng))
                    ok = r.status_code == 200
                elif x < 0.38:
                    op = Op("w", key, ABSENT, inv, None, epoch=epoch)
                    r = c.request("DELETE", BUCKET, key)
                    ok = r.status_code == 204
                elif x < 0.45:
                    # PutSymlink lnk-i -> k-i (a create of lnk-i in the set model).
                    op = Op("w", LINKS[i], "link", inv, None, epoch=epoch)
                    r = c.request("PUT", BUCKET, LINKS[i], query=[("symlink", None)],
                                  headers={"x-oss-symlink-target": key})
                    ok = r.status_code == 200
                    if ok:
                        op.ret = time.monotonic_ns()
                        mine.append(op)
                        # ... then a read through the link.
                        inv = time.monotonic_ns()
                        op = Op("r", key, None, inv, None, epoch=epoch, via=" via link")
                        r = c.request("GET", BUCKET, LINKS[i])
                        ok = read_result(r, op, rec)
                elif x < 0.88:
                    op = Op("r", key, None, inv, None, epoch=epoch)
                    r = c.request("GET", BUCKET, key)
                    ok = read_result(r, op, rec)
                else:
                    op = Op("list", None, None, inv, None, epoch=epoch, keys=set())
                    r = c.request("GET", BUCKET, query=[("list-type", "2"), ("max-keys", "1000")])
                    ok = r.status_code == 200
                    if ok:
                        root = ET.fromstring(r.content)
                        op.keys = {e.text for e in root.iter("Key")}
                        if (root.findtext("IsTruncated") or "false") == "true":
                            ok = False
                op.ret = time.monotonic_ns()
            except Exception:
                # The server died (or is dying): writes are indeterminate, reads say nothing.
                if op is not None and op.kind == "w":
                    op.status = "info"
                    mine.append(op)
                return
            if ok is None:
                continue  # a read that tells nothing (link not created yet)
            if not ok:
                with rec.lock:
                    rec.errors.append(f"{op}: {r.status_code} {error_code(r)}")
                return
            mine.append(op)
    finally:
        with rec.lock:
            rec.ops.extend(mine)
        c.close()


def read_result(r, op, rec):
    """Fills op.value from a GET response. True: a definite read; None: no information;
    False: an unexpected response."""
    if r.status_code == 200:
        try:
            op.value = decode_body(r.content)
        except ValueError as e:
            with rec.lock:
                rec.torn.append(f"{op.key}: {e}")
            op.value = "<torn>"
        return True
    code = error_code(r)
    if r.status_code == 404 and ((code == "NoSuchKey" and not op.via) or
                                 (code == "SymlinkTargetNotExist" and op.via)):
        op.value = ABSENT
        return True
    if r.status_code == 404 and code == "NoSuchKey" and op.via:
        return None  # the link itself was deleted? (never here) -- no information
    return False


def main():
    check = Check("R5 histories", __doc__)
    check.parse(lambda p: p.add_argument("--self-test", action="store_true",
                                         help="only run the checker on hand-made histories"))
    problems = self_test()
    for p in problems:
        check.fail(p)
    if check.args.self_test:
        check.finish(f"R5 histories self-test: {'checker reports every hand-made anomaly' if not problems else 'checker FAILED'}",
                     not problems)
    rng = check.rng
    crashes = 100 if check.long else 15
    min_ops = 100_000 if check.long else 0
    time_cap = 1500 if check.long else 50
    interval = (0.5, 3.0) if check.long else (0.4, 2.5)
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    admin.close()
    rec = Recorder()
    t0 = time.monotonic()
    epoch = 0
    kills = 0
    try:
        for _ in range(100_000):
            stop = threading.Event()
            threads = [threading.Thread(target=client_loop,
                                        args=(ci, srv.endpoint, rec, epoch, 0,
                                              random.Random(f"{check.seed}:{epoch}:{ci}"), stop),
                                        daemon=True) for ci in range(NCLIENTS)]
            for t in threads:
                t.start()
            last = kills >= crashes and len(rec.ops) >= min_ops
            if last or time.monotonic() - t0 > time_cap:
                # A final segment without a kill: let it run, stop the clients, no crash.
                time.sleep(rng.uniform(*interval))
                stop.set()
                for t in threads:
                    t.join(timeout=60)
                end_t = time.monotonic_ns()
                with rec.lock:
                    for o in rec.ops:
                        if o.ret is None:
                            o.ret = end_t
                break
            # The kill moment is the random variable under test, not a synchronisation.
            time.sleep(rng.uniform(*interval))
            stop.set()
            srv.kill()
            kill_t = time.monotonic_ns()
            for t in threads:
                t.join(timeout=60)
                if t.is_alive():
                    check.fail("a client thread did not stop within 60 s")
            with rec.lock:
                for o in rec.ops:
                    if o.epoch == epoch and o.status == "info":
                        o.ret = kill_t
                rec.ops = [o for o in rec.ops if not (o.status == "info" and o.inv > kill_t)]
            kills += 1
            epoch += 1
            srv.start()
    finally:
        srv.stop()
    if kills < crashes:
        check.fail(f"only {kills} of {crashes} crashes within the {time_cap} s cap")
    ops = rec.ops
    by_key = {}
    changes = {}
    lists = []
    for o in ops:
        if o.kind == "list":
            lists.append(o)
            continue
        if o.kind == "w":
            changes.setdefault(o.key, []).append(o)
        if o.key in KEYS:
            by_key.setdefault(o.key, []).append(o)
    reg = check_registers(by_key, kills)
    for key, e, seg in reg[:10]:
        check.fail(f"register anomaly on {key} in segment {e} (after {e} kills); its history:\n  "
                   + "\n  ".join(map(repr, seg[:80])))
    setbad = check_lists(lists, changes, KEYS + LINKS)
    for L, k, what in setbad[:10]:
        rel = [o for o in changes.get(k, []) if o.inv < L.ret][-6:]
        check.fail(f"list anomaly: {k} {what} in {L}; changes of {k} before it: {rel}")
    for t in rec.torn[:10]:
        check.fail(f"torn read: {t}")
    for e in rec.errors[:10]:
        check.fail(f"unexpected response while the server was up: {e}")
    reads = sum(1 for o in ops if o.kind == "r")
    writes = sum(1 for o in ops if o.kind == "w")
    info = sum(1 for o in ops if o.status == "info")
    anomalies = len(reg) + len(setbad) + len(rec.torn)
    ok = not check.failures
    figure = (f"R5 histories: {fmt(len(ops))} ops ({fmt(reads)} reads, {fmt(writes)} writes of which "
              f"{fmt(info)} indeterminate, {fmt(len(lists))} lists) on {NKEYS} keys + {NKEYS} links, "
              f"{fmt(kills)} crashes, {fmt(anomalies)} anomalies ({len(reg)} register, "
              f"{len(setbad)} list, {len(rec.torn)} torn), {len(rec.errors)} unexpected responses; "
              f"checker self-test {'passed' if not problems else 'FAILED'}")
    check.finish(figure, ok)


if __name__ == "__main__":
    main()
