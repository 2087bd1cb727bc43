#!/usr/bin/env python3
"""R4 forbid-overwrite race: 64 threads race PutObject / PutSymlink with
`x-oss-forbid-overwrite: true` on the same fresh keys, round after round.

Per key per round: exactly one 200, every other answer 409 FileAlreadyExists, and what is
stored (object bytes, or link target) is the winner's. Keys are objects-only, links-only or
mixed (threads alternate the two APIs); object sizes straddle the 64 KiB inline threshold.
Afterwards objects/tmp must be empty and the blob directory must hold exactly one blob per
stored object above the threshold (losers' bodies are not kept).

Then the same race runs against two ossd processes sharing one store: PostgreSQL (started
with `scripts/postgres start` when not running, a fresh schema) and one data directory;
threads alternate between the two nodes, so each key's racers hit both.
"""

import base64
import os
import random
import subprocess
import threading
import time
import uuid
from urllib.parse import unquote

from common import Check, Client, INLINE_THRESHOLD, Server, error_code, fmt, make_bucket, tmp_files, wait_until

BUCKET = "race"
NTHREADS = 64
KEYS_PER_ROUND = 3


def payload(rnd, key, tid, large):
    r = random.Random(f"{rnd}:{key}:{tid}")
    size = r.randint(INLINE_THRESHOLD + 1, INLINE_THRESHOLD + 40_000) if large else r.randint(1, 2000)
    return r.randbytes(size)


def target(rnd, key, tid):
    return f"t/{key}/by-{tid}"


def postgres(check):
    """(URL of a PostgreSQL server, whether this check started it)."""
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts", "postgres")
    running = subprocess.run([script, "url"], capture_output=True, text=True)
    if running.returncode == 0 and running.stdout.strip():
        return running.stdout.strip(), False
    started = subprocess.run([script, "start"], capture_output=True, text=True)
    if started.returncode != 0:
        check.fail(f"could not start PostgreSQL: {started.stderr[-300:]}")
        return None, False
    return started.stdout.strip().splitlines()[-1], True


def two_nodes(check, url):
    """Two ossd processes on one fresh PostgreSQL schema and one data directory."""
    schema = "ossd_r4_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f"CREATE SCHEMA {schema}"], check=True,
                   stdout=subprocess.DEVNULL)
    metadata = f"{url}{'&' if '?' in url else '?'}schema={schema}"
    data_dir = os.path.join(check.tmp, "shared")
    os.makedirs(data_dir, exist_ok=True)
    env = {"OSSD_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    nodes = []
    for name in ("node-a", "node-b"):
        srv = Server(check.args.bin, data_dir, os.path.join(check.tmp, f"{name}.log"),
                     extra_args=["--metadata", metadata], env_extra=env)
        check.servers.append(srv)
        srv.start()
        nodes.append(srv)
    return nodes, schema


def main():
    check = Check("R4 forbid-overwrite", __doc__)
    check.parse()
    rounds = 1000 if check.long else 40
    time_cap = 3 * 3600 if check.long else 90
    srv = check.new_server()
    srv.start()
    one = race(check, [srv], rounds, time_cap, "one")
    srv.stop()
    url, started = postgres(check)
    two = None
    if url:
        nodes, schema = two_nodes(check, url)
        try:
            two = race(check, nodes, rounds // 4, time_cap, "two")
        finally:
            for node in nodes:
                node.stop()
            subprocess.run(["psql", url, "-q", "-c", f"DROP SCHEMA {schema} CASCADE"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            if started:
                subprocess.run([os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                             "scripts", "postgres"), "stop"], capture_output=True)
    figure = "R4 forbid-overwrite: " + one
    if two:
        figure += "; two ossd on one PostgreSQL store: " + two
    check.finish(figure, not check.failures)


def race(check, servers, rounds, time_cap, tag):
    """Runs `rounds` race rounds with threads spread over `servers` (sharing one store);
    returns the figure text."""
    rng = random.Random(f"{check.seed}:{tag}")
    admin = Client(servers[0].endpoint)
    make_bucket(admin, BUCKET)

    plan = {}
    results = {}
    res_lock = threading.Lock()
    start = threading.Barrier(NTHREADS + 1, timeout=300)
    end = threading.Barrier(NTHREADS + 1, timeout=300)
    quit_flag = threading.Event()

    def worker(tid):
        node = servers[(tid // 2) % len(servers)]
        c = Client(node.endpoint, sig="v4" if tid % 2 else "v1", timeout=60)
        trng = random.Random(f"{check.seed}:{tag}:{tid}")
        try:
            while True:
                start.wait()
                if quit_flag.is_set():
                    return
                rnd, keys = plan["round"], plan["keys"]
                order = list(keys)
                trng.shuffle(order)
                reqs = []
                for key, mode, large in order:
                    use_link = mode == "link" or (mode == "mixed" and tid % 2 == 1)
                    if use_link:
                        reqs.append((key, "link", None))
                    else:
                        reqs.append((key, "obj", payload(rnd, key, tid, large)))
                for key, kind, body in reqs:
                    h = {"x-oss-forbid-overwrite": "true"}
                    try:
                        if kind == "link":
                            h["x-oss-symlink-target"] = target(rnd, key, tid)
                            r = c.request("PUT", BUCKET, key, query=[("symlink", None)], headers=h)
                        else:
                            r = c.request("PUT", BUCKET, key, headers=h, data=body)
                        out = (r.status_code, error_code(r) if r.status_code != 200 else None, kind)
                    except Exception as e:  # transport failure: reported as such
                        out = (0, f"transport: {type(e).__name__}", kind)
                    with res_lock:
                        results.setdefault(key, []).append((tid, out))
                end.wait()
        finally:
            c.close()

    threads = [threading.Thread(target=worker, args=(t,), daemon=True) for t in range(NTHREADS)]
    for t in threads:
        t.start()
    total = winners_ok = rounds_done = 0
    bad_answers = multi = zero = wrong_bytes = 0
    large_winners = 0
    t0 = time.monotonic()
    try:
        for rnd in range(rounds):
            if time.monotonic() - t0 > time_cap:
                check.fail(f"time cap {time_cap}s reached after {rnd} rounds")
                break
            keys = []
            for i in range(KEYS_PER_ROUND):
                mode = rng.choice(["obj", "obj", "link", "mixed"])
                large = rng.random() < 0.25
                keys.append((f"round-{rnd:05d}/key-{i}", mode, large))
            plan["round"], plan["keys"] = rnd, keys
            results.clear()
            start.wait()
            end.wait()
            for key, mode, large in keys:
                answers = results.get(key, [])
                total += len(answers)
                wins = [(tid, o) for tid, o in answers if o[0] == 200]
                for tid, o in answers:
                    if o[0] != 200 and (o[0], o[1]) != (409, "FileAlreadyExists"):
                        bad_answers += 1
                        check.fail(f"{key} thread {tid} ({o[2]}): {o[0]} {o[1]}")
                if len(answers) != NTHREADS:
                    check.fail(f"{key}: {len(answers)} answers for {NTHREADS} requests")
                if len(wins) != 1:
                    if wins:
                        multi += 1
                    else:
                        zero += 1
                    check.fail(f"{key}: {len(wins)} winners: {[w[0] for w in wins]}")
                    if not wins:
                        continue
                # The survivor must be (one of) the winners' write.
                ok_any = False
                for tid, o in wins:
                    if o[2] == "link":
                        r = admin.request("GET", BUCKET, key, query=[("symlink", None)])
                        got = unquote(r.headers.get("x-oss-symlink-target") or "")
                        ok_any |= r.status_code == 200 and got == target(rnd, key, tid)
                    else:
                        r = admin.request("GET", BUCKET, key)
                        ok_any |= r.status_code == 200 and r.content == payload(rnd, key, tid, large)
                        if ok_any and large:
                            large_winners += 1
                    if ok_any:
                        break
                if ok_any:
                    winners_ok += 1
                else:
                    wrong_bytes += 1
                    check.fail(f"{key}: stored content is not the winner's ({[w[0] for w in wins]})")
            rounds_done = rnd + 1
    finally:
        quit_flag.set()
        try:
            start.wait()
        except threading.BrokenBarrierError:
            pass
        for t in threads:
            t.join(timeout=30)
    # Temp files and losers' blobs must be gone once every request has been answered.
    data_dir = servers[0].data_dir
    if not wait_until(lambda: not tmp_files(data_dir), 10):
        check.fail(f"{len(tmp_files(data_dir))} temp files left after all answers")
    nblobs = sum(len(f) for _, _, f in os.walk(os.path.join(data_dir, "objects", "blobs")))
    if nblobs != large_winners:
        check.fail(f"{nblobs} blob files for {large_winners} stored large objects (losers' blobs kept)")
    for node in servers:
        if not node.alive():
            check.fail("ossd died")
    admin.close()
    if rounds_done < rounds:
        check.fail(f"only {rounds_done} of {rounds} rounds ran")
    keys_total = rounds_done * KEYS_PER_ROUND
    return (f"{fmt(rounds_done)} rounds x {NTHREADS} threads, {fmt(total)} requests, "
            f"{fmt(keys_total)} keys, {fmt(winners_ok)} with exactly one winner holding its bytes, "
            f"{fmt(multi)} with >1 winner, {fmt(zero)} with none, {fmt(bad_answers)} wrong answers, "
            f"{fmt(wrong_bytes)} wrong survivors, {fmt(nblobs - large_winners)} extra blobs")


if __name__ == "__main__":
    main()
