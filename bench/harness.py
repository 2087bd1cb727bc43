#!/usr/bin/env python3
"""ossd benchmark harness (issue 7; method in shared/perf.md). Run through `bench/run`.

Starts ossd, nginx (reference) and, when OSS_EMULATOR_CMD is set, aliyun/oss-emulator
(peer) on free 127.0.0.1 ports below 32768 with temporary data directories; prepares the
objects (the same bytes as nginx static files and as ossd objects); presigns URLs with
the official SDK (oss2 V1 and V4) into files; drives every workload P1-P15 with wrk and
the Lua scripts in bench/lua (hey for HEAD, bench/mixload for P15: wrk cannot do HEAD),
alternating ossd and its reference (A B A B); and writes bench/results/latest.{md,json}
after every row, so an interrupted run still leaves the rows it measured.

Every figure is a ratio against a reference measured in the same run. Python only
orchestrates and presigns: it never generates throughput load.
"""

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

import oss2

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LUA = os.path.join(HERE, "lua")
AK = "bench-ak"
SK = "bench-sk-0123456789abcdef"
REGION = "cn-hangzhou"
BUCKET = "bench"
CT = "application/octet-stream"
KiB, MiB, GiB = 1024, 1024 * 1024, 1024 * 1024 * 1024
NCPU = os.cpu_count() or 1
CLK = os.sysconf("SC_CLK_TCK")

MODES = {
    # dur: seconds per wrk run; reps: A/B pairs per row; reps_big: A/B pairs of P8, whose
    # 1 GiB transfers through the loopback vary by up to 2x from one 10 s run to the next.
    "quick": dict(dur=2, reps=1, reps_big=1, small_keys=500, big=256 * MiB, mid=64 * MiB, p11_keys=[5_000],
                  p15_dur=5, idle_conns=1000, ttfb_n=3, put_keys=1000),
    "full": dict(dur=10, reps=3, reps_big=5, small_keys=2000, big=1 * GiB, mid=64 * MiB, p11_keys=[100_000, 1_000_000],
                 p15_dur=300, idle_conns=2000, ttfb_n=5, put_keys=5000),
}

PROCS = []


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------- #
# processes and /proc
# ----------------------------------------------------------------------------------- #

def start(cmd, pidfile, **kw):
    p = subprocess.Popen(cmd, **kw)
    PROCS.append(p)
    with open(pidfile, "a") as f:
        f.write(f"{p.pid}\n")
    return p


def stop_all():
    for p in reversed(PROCS):
        if p.poll() is None:
            p.terminate()
    for p in reversed(PROCS):
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
    PROCS.clear()


def port_free(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def free_port(taken):
    rnd = random.Random()
    for _ in range(500):
        p = rnd.randint(20000, 32000)
        if p not in taken and port_free(p):
            taken.add(p)
            return p
    raise RuntimeError("no free port below 32768")


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def cpu_ticks(pids):
    t = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            t += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return t


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0]) * 1024
    return out


def rss(pids):
    return sum(proc_status(p).get("VmRSS", 0) for p in pids)


def reset_hwm(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# ----------------------------------------------------------------------------------- #
# servers
# ----------------------------------------------------------------------------------- #

class Server:
    def __init__(self, name, port, proc, pids_fn):
        self.name, self.port, self.proc, self._pids = name, port, proc, pids_fn
        self.base = f"http://127.0.0.1:{port}"

    def pids(self):
        return self._pids()


def wait_listen(port, deadline):
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def start_ossd(binary, tmp, ports, pidfile):
    port = free_port(ports)
    data = os.path.join(tmp, "ossd-data")
    os.makedirs(data, exist_ok=True)
    env = dict(os.environ, OSSD_ROOT_ACCESS_KEY_ID=AK, OSSD_ROOT_ACCESS_KEY_SECRET=SK)
    err = open(os.path.join(tmp, "ossd.stderr"), "w")
    p = start([binary, "serve", "--address", f"127.0.0.1:{port}", "--data-dir", data, "--region", REGION,
               "--log-level", "warning"], pidfile, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
    deadline = time.time() + 60
    line = ""
    while time.time() < deadline and p.poll() is None:
        line = p.stdout.readline()
        if "ossd listening on" in line:
            break
    if "ossd listening on" not in line:
        raise RuntimeError(f"ossd did not start: {line!r}; see {tmp}/ossd.stderr")
    threading.Thread(target=lambda: p.stdout.read(), daemon=True).start()
    return Server("ossd", port, p, lambda: [p.pid]), data


def nginx_temps(d):
    return " ".join(f"{k}_temp_path {d}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))


def nginx_preamble(d, workers):
    """The top of an nginx.conf for a server run in the foreground from directory `d`, up to
    and including `http {`."""
    return f"""worker_processes {workers};
daemon off;
user root;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
worker_rlimit_nofile 65536;
events {{ worker_connections 8192; }}
http {{"""


def start_nginx(tmp, root, ports, pidfile, workers=1):
    port = free_port(ports)
    d = os.path.join(tmp, f"nginx{workers}")
    os.makedirs(d, exist_ok=True)
    conf = os.path.join(d, "nginx.conf")
    temps = nginx_temps(d)
    with open(conf, "w") as f:
        f.write(nginx_preamble(d, workers) + f"""
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=100000 inactive=300s;
  open_file_cache_valid 300s;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  default_type {CT};
  {temps}
  server {{ listen 127.0.0.1:{port}; root {root}; location / {{ }} }}
}}
""")
    p = start(["nginx", "-c", conf, "-e", f"{d}/error.log"], pidfile)
    if not wait_listen(port, time.time() + 20):
        raise RuntimeError("nginx did not start")
    time.sleep(0.2)
    return Server("nginx", port, p, lambda: [p.pid] + children(p.pid))


# ----------------------------------------------------------------------------------- #
# presigning (official SDK)
# ----------------------------------------------------------------------------------- #

def bucket_for(base, name, v4=False):
    if v4:
        return oss2.Bucket(oss2.AuthV4(AK, SK), base, name, is_path_style=True, region=REGION)
    return oss2.Bucket(oss2.Auth(AK, SK), base, name, is_path_style=True)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def presign(bucket, method, key, headers=None, params=None):
    return path_of(bucket.sign_url(method, key, 6 * 3600, headers=headers, params=params, slash_safe=True))


def presign_bucket_get(bucket, params):
    """A bucket-level presigned GET (ListObjectsV2): Bucket.sign_url requires a key, so
    this builds the same request and signs it with the SDK's own Auth._sign_url."""
    req = oss2.http.Request("GET", bucket._make_url(bucket.bucket_name, ""), params=params,
                            region=bucket.region, product=bucket.product, cloudbox_id=bucket.cloudbox_id)
    return path_of(bucket.auth._sign_url(req, bucket.bucket_name, "", 6 * 3600))


def _presign_chunk(args):
    base, name, method, keys, headers = args
    b = bucket_for(base, name)
    return [presign(b, method, k, headers=headers) for k in keys]


def presign_bulk(base, name, method, keys, headers=None, procs=2):
    chunks = [keys[i:i + 20000] for i in range(0, len(keys), 20000)]
    # spawn, not fork: the harness has threads by now (thread pools, the S1 rows), and a
    # child forked while one of them held a lock can wait for it forever.
    with multiprocessing.get_context("spawn").Pool(procs) as pool:
        out = []
        for part in pool.imap(_presign_chunk, [(base, name, method, c, headers) for c in chunks]):
            out += part
    return out


def write_lines(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


# ----------------------------------------------------------------------------------- #
# load generators
# ----------------------------------------------------------------------------------- #

BENCH_RE = re.compile(r"^BENCHJSON (\{.*\})$", re.M)


def wrk(server, script, args, conns, dur, threads=1, timeout=None):
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{dur}s", "--timeout", "30s", "-s",
           os.path.join(LUA, script), server.base, "--"] + [str(a) for a in args]
    pids = server.pids()
    prof = start_profile(server, script, args, conns, dur)
    s0, c0, t0 = cpu_ticks(pids), children_cpu(), time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout or dur + 120)
    wall = time.time() - t0
    finish_profile(prof)
    m = BENCH_RE.search(p.stdout)
    if not m:
        raise RuntimeError(f"wrk failed: {p.stdout[-500:]} {p.stderr[-500:]}")
    r = json.loads(m.group(1))
    if r.get("once"):
        r["duration_us"] = int(wall * 1e6)
    secs = r["duration_us"] / 1e6
    r["rps"] = r["requests"] / secs
    r["Bps"] = r["bytes"] / secs
    r["errors"] = sum(r[k] for k in ("err_connect", "err_read", "err_write", "err_status", "err_timeout"))
    r["loadgen_cores"] = (children_cpu() - c0) / wall
    r["server_cores"] = (cpu_ticks(pids) - s0) / CLK / wall
    return r


HEY_CT = "text/html"
PROFILED = set()


def start_profile(server, script, args, conns, dur):
    """BENCH_PERF_DIR=dir: sample ossd with `perf record -e cpu-clock -g` during the first
    wrk run of each workload (profiling runs only: it costs throughput)."""
    d = os.environ.get("BENCH_PERF_DIR")
    if not d or server.name != "ossd":
        return None
    tag = f"{os.path.basename(str(script))}-{os.path.basename(str(args[0]))}-{args[1]}-c{conns}"
    if tag in PROFILED:
        return None
    PROFILED.add(tag)
    os.makedirs(d, exist_ok=True)
    out = os.path.join(d, tag + ".data")
    p = subprocess.Popen(["perf", "record", "-q", "-F", "499", "-e", "cpu-clock", "-g", "-p", str(server.pids()[0]),
                          "-o", out, "--", "sleep", str(max(1, dur - 1))],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (p, out)


def finish_profile(prof):
    if not prof:
        return
    p, out = prof
    p.wait(timeout=60)
    with open(out + ".txt", "w") as f:
        subprocess.run(["perf", "report", "-i", out, "--stdio", "--no-children", "--sort", "dso,symbol",
                        "-g", "none", "--percent-limit", "0.7"], stdout=f, stderr=subprocess.DEVNULL, timeout=300)


def hey(server, url_path, method, conns, dur):
    # hey always sends a Content-Type (text/html unless -T): the URL is signed with it.
    cmd = ["hey", "-z", f"{dur}s", "-c", str(conns), "-m", method, "-T", HEY_CT, "-disable-compression",
           server.base + url_path]
    pids = server.pids()
    s0, c0, t0 = cpu_ticks(pids), children_cpu(), time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=dur + 120)
    wall = time.time() - t0
    out = p.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {k: float(v) * 1e6 for k, v in re.findall(r"(\d+)%+ in ([\d.]+) secs", out)}
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)}
    errs = sum(n for c, n in codes.items() if c >= 300) + len(re.findall(r"Error distribution", out))
    return dict(rps=rps, p50_us=pct.get("50"), p99_us=pct.get("99"), errors=errs,
                loadgen_cores=(children_cpu() - c0) / wall, server_cores=(cpu_ticks(pids) - s0) / CLK / wall)


def timed(cmd, timeout=900):
    c0, t0 = children_cpu(), time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    wall = time.time() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {p.stderr[-400:]}")
    return p.stdout, wall, (children_cpu() - c0) / wall


# ----------------------------------------------------------------------------------- #
# results
# ----------------------------------------------------------------------------------- #

def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


class Table:
    def __init__(self, mode, outdir, meta):
        self.mode, self.outdir, self.meta, self.rows, self.notes = mode, outdir, meta, [], []

    def add(self, pid, name, unit, ossd_vals, ref_name, ref_vals, goal, check, ratios=None,
            loadgen=None, server_cpu=None, note=""):
        ratios = ratios if ratios is not None else (
            [a / b if (a is not None and b) else None for a, b in zip(ossd_vals, ref_vals)] if ref_vals else [])
        rv = [r for r in ratios if r is not None]
        row = dict(id=pid, name=name, unit=unit,
                   ossd=dict(median=med(ossd_vals), values=ossd_vals),
                   reference=dict(name=ref_name, median=med(ref_vals or []), values=ref_vals or []),
                   ratio=dict(median=med(rv), min=min(rv) if rv else None, max=max(rv) if rv else None, values=ratios),
                   loadgen_cores=med(loadgen or []), ossd_cores=med(server_cpu or []), goal=goal, note=note)
        try:
            row["status"] = check(row) if check else "info"
        except Exception:
            row["status"] = "?"
        self.rows.append(row)
        log(f"{pid} {name}: ossd {fmt(row['ossd']['median'])} {unit}, {ref_name} {fmt(row['reference']['median'])}, "
            f"ratio {fmt(row['ratio']['median'])} -> {row['status']}")
        self.write()

    def skip(self, pid, name, why):
        self.rows.append(dict(id=pid, name=name, unit="", ossd=dict(median=None, values=[]),
                              reference=dict(name="", median=None, values=[]),
                              ratio=dict(median=None, min=None, max=None, values=[]), loadgen_cores=None,
                              ossd_cores=None, goal="", note=why, status="skipped"))
        log(f"{pid} {name}: skipped: {why}")
        self.write()

    def write(self):
        os.makedirs(self.outdir, exist_ok=True)
        with open(os.path.join(self.outdir, "latest.json"), "w") as f:
            json.dump(dict(meta=self.meta, rows=self.rows, notes=self.notes), f, indent=1)
        with open(os.path.join(self.outdir, "latest.md"), "w") as f:
            f.write(self.markdown())

    def markdown(self):
        m = self.meta
        out = [f"# ossd benchmark ({self.mode})", "",
               f"- date: {m['date']}", f"- machine: {m['machine']}", f"- command: `{m['command']}`",
               f"- load at start: {m['load_start']}", f"- reps: {m['reps']} x {m['dur']} s per side (P8: {m['reps_big']}), alternating A B A B",
               "",
               "Ratio = ossd / reference per repetition: median (min-max). `wrk cpu` = cores used by the load",
               "generator (of %d), `ossd cpu` = cores used by ossd during its runs." % NCPU, "",
               "| # | workload | unit | ossd | reference | ref. figure | ratio median (min-max) | goal | status | wrk cpu | ossd cpu | note |",
               "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in self.rows:
            ra = r["ratio"]
            rtxt = "—" if ra["median"] is None else f"{ra['median']:.3g} ({ra['min']:.3g}-{ra['max']:.3g})"
            out.append("| " + " | ".join([
                r["id"], r["name"], r["unit"], fmt(r["ossd"]["median"]), r["reference"]["name"] or "—",
                fmt(r["reference"]["median"]), rtxt, r["goal"], r["status"], fmt(r["loadgen_cores"], 2),
                fmt(r["ossd_cores"], 2), r["note"].replace("|", "/")]) + " |")
        if self.notes:
            out += ["", "Notes:", ""] + [f"- {n}" for n in self.notes]
        return "\n".join(out) + "\n"


def fmt(x, nd=None):
    if x is None:
        return "—"
    if nd is not None:
        return f"{x:.{nd}f}"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def ge(t, s=None, key="ratio"):
    def check(row):
        v = row[key]["median"] if key == "ratio" else row["ossd"]["median"]
        if v is None:
            return "?"
        if s is not None and v >= s:
            return "stretch"
        return "target" if v >= t else "miss"
    return check


def le_abs(t, s=None):
    def check(row):
        v = row["ossd"]["median"]
        if v is None:
            return "?"
        if s is not None and v <= s:
            return "stretch"
        return "target" if v <= t else "miss"
    return check


def le_ratio(t):
    def check(row):
        v = row["ratio"]["median"]
        return "?" if v is None else ("target" if v <= t else "miss")
    return check


# ----------------------------------------------------------------------------------- #
# the run
# ----------------------------------------------------------------------------------- #

def alternate(fa, fb, reps):
    ra, rb = [], []
    for _ in range(reps):
        ra.append(fa())
        rb.append(fb())
    return ra, rb


def col(rs, k):
    return [r.get(k) if r else None for r in rs]


def random_file(path, size, seed):
    rnd = random.Random(seed)
    chunk = rnd.randbytes(4 * MiB)
    with open(path, "wb") as f:
        left = size
        i = 0
        while left > 0:
            n = min(left, len(chunk))
            f.write(chunk[:n] if i % 2 == 0 else chunk[n - 1::-1][:n])
            left -= n
            i += 1


def curl_put(server, path, file):
    prof = start_profile(server, "put-" + os.path.basename(file), ["curl", "PUT"], 1, 4)
    out, wall, cores = timed(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
                              "-X", "PUT", "-H", f"Content-Type: {CT}", "-H", "Expect:", "-T", file,
                              server.base + path], timeout=900)
    finish_profile(prof)
    code, t = out.split()
    if code != "200":
        raise RuntimeError(f"PUT {path} -> {code}")
    return dict(Bps=os.path.getsize(file) / float(t), loadgen_cores=cores)


def ttfb(server, path, n):
    xs = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        req = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
        t0 = time.perf_counter()
        s.sendall(req)
        first = s.recv(1)
        t1 = time.perf_counter()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()
        if not first:
            raise RuntimeError("no first byte")
        xs.append((t1 - t0) * 1e6)
        time.sleep(0.2)
    return statistics.median(xs)


def idle_connections(server, path, n, pids):
    """RSS growth per idle keep-alive connection: open n connections, make one small GET
    on each, keep them open, read VmRSS."""
    time.sleep(0.5)
    before = rss(pids())
    socks = []
    req = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
    try:
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            socks.append(s)
        for s in socks:
            s.sendall(req)
        for s in socks:
            buf = b""
            while b"\r\n\r\n" not in buf:
                buf += s.recv(65536)
            head, _, body = buf.partition(b"\r\n\r\n")
            clen = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
            while len(body) < clen:
                body += s.recv(65536)
        time.sleep(1.0)
        after = rss(pids())
    finally:
        for s in socks:
            s.close()
    return (after - before) / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=MODES, default="quick")
    ap.add_argument("--ossd", required=True)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--bin", required=True, help="dir with durable_loop and mixload")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--only", default="", help="comma-separated P ids to run (debugging)")
    ap.add_argument("--p11-budget", type=float, default=600, help="max seconds to create the largest P11 bucket")
    ap.add_argument("--command", default="bench/run")
    a = ap.parse_args()
    M = MODES[a.mode]
    dur, reps = M["dur"], M["reps"]
    only = set(x.strip().upper() for x in a.only.split(",") if x.strip())
    want = (lambda p: not only or p in only)
    pidfile = os.path.join(a.tmp, "pids")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))

    def cleanup(*_):
        stop_all()
        sys.exit(1)
    signal.signal(signal.SIGTERM, cleanup)
    signal.signal(signal.SIGINT, cleanup)

    with open("/proc/meminfo") as f:
        memtotal = int(f.readline().split()[1]) * 1024
    cpu_model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    meta = dict(date=time.strftime("%Y-%m-%d %H:%M:%S %Z"), mode=a.mode,
                machine=f"{NCPU} cores ({cpu_model}), {memtotal / GiB:.1f} GiB RAM, {os.uname().release}",
                command=a.command, load_start=open("/proc/loadavg").read().strip(), dur=dur, reps=reps,
                reps_big=M["reps_big"])
    T = Table(a.mode, a.out, meta)
    t_start = time.time()
    try:
        run(a, M, T, want, pidfile)
    except Exception:
        T.notes.append("run aborted: " + traceback.format_exc().strip().splitlines()[-1])
        traceback.print_exc()
    finally:
        T.notes.append(f"load at end: {open('/proc/loadavg').read().strip()}; harness wall time "
                       f"{time.time() - t_start:.0f} s")
        T.write()
        stop_all()
    log("wrote", os.path.join(a.out, "latest.md"))


def run(a, M, T, want, pidfile):
    dur, reps = M["dur"], M["reps"]
    tmp = a.tmp
    ports = set()
    webroot = os.path.join(tmp, "www")
    os.makedirs(os.path.join(webroot, BUCKET), exist_ok=True)
    lists = os.path.join(tmp, "urls")
    os.makedirs(lists, exist_ok=True)
    L = lambda name: os.path.join(lists, name)

    ossd, datadir = start_ossd(a.ossd, tmp, ports, pidfile)
    b1 = bucket_for(ossd.base, BUCKET)
    b4 = bucket_for(ossd.base, BUCKET, v4=True)
    b1.create_bucket()
    time.sleep(1.0)
    idle_rss = rss(ossd.pids())
    nginx = start_nginx(tmp, webroot, ports, pidfile, workers=1)
    time.sleep(0.5)
    nginx_idle = rss(nginx.pids())
    log(f"ossd on {ossd.port} (data {datadir}), nginx on {nginx.port}")

    # ---- prepare: small objects (same bytes as nginx files and ossd objects) -------- #
    n = M["small_keys"]
    small = [f"s/{i:06d}" for i in range(n)]
    rnd = random.Random(7)
    os.makedirs(os.path.join(webroot, BUCKET, "s"), exist_ok=True)
    blobs = {}
    for k in small:
        data = rnd.randbytes(4 * KiB)
        blobs[k] = data
        with open(os.path.join(webroot, BUCKET, k), "wb") as f:
            f.write(data)

    def put_small(k):
        b = bucket_for(ossd.base, BUCKET)
        b.put_object(k, blobs[k])
    with ThreadPoolExecutor(16) as ex:
        list(ex.map(put_small, small))
    links = [f"L/{i:06d}" for i in range(n)]

    def put_link(i):
        bucket_for(ossd.base, BUCKET).put_symlink(small[i], links[i])
    with ThreadPoolExecutor(16) as ex:
        list(ex.map(put_link, range(n)))
    assert b1.get_object(small[1]).read() == blobs[small[1]]
    assert b1.get_object(links[1]).read() == blobs[small[1]]

    get_v1 = write_lines(L("get4k_v1"), [presign(b1, "GET", k) for k in small])
    get_v4 = write_lines(L("get4k_v4"), [presign(b4, "GET", k) for k in small])
    get_ng = write_lines(L("get4k_nginx"), [f"/{BUCKET}/{k}" for k in small])
    get_link = write_lines(L("getlink_v1"), [presign(b1, "GET", k) for k in links])
    put_keys = [f"p/{i:06d}" for i in range(M["put_keys"])]
    put_v1 = write_lines(L("put4k_v1"), [presign(b1, "PUT", k, headers={"Content-Type": CT}) for k in put_keys])
    sym_target = small[0]
    sym_put = write_lines(L("putsymlink_v1"), [
        presign(b1, "PUT", f"l/{i:06d}", headers={"x-oss-symlink-target": sym_target}, params={"symlink": ""})
        for i in range(M["put_keys"])])
    T.notes.append(f"objects: {n} x 4 KiB random objects (s/…), {n} links to them (L/…); "
                   f"PUT workloads round-robin over {M['put_keys']} keys (overwrites after the first pass)")

    # ---- prepare: large objects --------------------------------------------------- #
    big, mid = M["big"], M["mid"]
    src = os.path.join(tmp, "src")
    os.makedirs(src, exist_ok=True)
    os.makedirs(os.path.join(webroot, BUCKET, "big"), exist_ok=True)
    files = {}
    for label, size in (("mid", mid), ("big", big)):
        f = os.path.join(webroot, BUCKET, "big", label)
        random_file(f, size, size)
        files[label] = f
        curl_put(ossd, presign(b1, "PUT", f"big/{label}", headers={"Content-Type": CT}), f)
    b1.put_symlink("big/big", "biglink")
    h = b1.head_object("big/big")
    assert h.content_length == big, h.content_length
    big_o = write_lines(L("big_ossd"), [presign(b1, "GET", "big/big")])
    big_n = write_lines(L("big_nginx"), [f"/{BUCKET}/big/big"])
    big_l = write_lines(L("big_link"), [presign(b1, "GET", "biglink")])
    mid_o = write_lines(L("mid_ossd"), [presign(b1, "GET", "big/mid")])
    mid_n = write_lines(L("mid_nginx"), [f"/{BUCKET}/big/mid"])
    bigname = f"{big // MiB} MiB" if big < GiB else f"{big // GiB} GiB"
    if big < GiB:
        T.notes.append(f"quick mode: the 1 GiB rows use a {bigname} object")

    def G(server, urls, c, method="GET", body=0, h1="-", h2="-"):
        return lambda: wrk(server, "urls.lua", [urls, method, body, h1, h2], c, dur)

    # ---- P1 -------------------------------------------------------------------------- #
    if want("P1"):
        for sig, urls in (("V1", get_v1), ("V4", get_v4)):
            ra, rb = alternate(G(ossd, urls, 1), G(nginx, get_ng, 1), reps)
            lg, sc = col(ra, "loadgen_cores"), col(ra, "server_cores")
            T.add("P1", f"GET 4 KiB presigned {sig}, c1, p50", "µs", col(ra, "p50_us"), "nginx", col(rb, "p50_us"),
                  "p50 ≤ 250 µs / ≤ 150 µs", le_abs(250, 150), loadgen=lg, server_cpu=sc)
            T.add("P1", f"GET 4 KiB presigned {sig}, c1, p99", "µs", col(ra, "p99_us"), "nginx", col(rb, "p99_us"),
                  "p99 ≤ 1 ms", le_abs(1000), loadgen=lg, server_cpu=sc)

    # ---- P2 -------------------------------------------------------------------------- #
    get64 = None
    if want("P2") or want("P3"):
        for c, sig, urls in ((16, "V1", get_v1), (64, "V1", get_v1), (64, "V4", get_v4)):
            if not want("P2") and not (c == 64 and sig == "V1"):
                continue
            ra, rb = alternate(G(ossd, urls, c), G(nginx, get_ng, c), reps)
            if c == 64 and sig == "V1":
                get64 = ra
            T.add("P2", f"GET 4 KiB presigned {sig}, c{c}", "req/s", col(ra, "rps"), "nginx w1", col(rb, "rps"),
                  "≥ 0.35x / ≥ 0.5x", ge(0.35, 0.5), loadgen=col(ra, "loadgen_cores"),
                  server_cpu=col(ra, "server_cores"),
                  note=f"errors {sum(col(ra, 'errors'))}; nginx cpu {med(col(rb, 'server_cores')):.2f}")

    # ---- P2 context: where the time goes (info rows) ----------------------------------- #
    if want("P2"):
        pub = bucket_for(ossd.base, "benchpub")
        pub.create_bucket(oss2.BUCKET_ACL_PUBLIC_READ)
        with ThreadPoolExecutor(16) as ex:
            list(ex.map(lambda k: bucket_for(ossd.base, "benchpub").put_object(k, blobs[k]), small))
        anon = write_lines(L("get4k_anon"), [f"/benchpub/{k}" for k in small])
        ra, rb = alternate(G(ossd, anon, 64), G(nginx, get_ng, 64), reps)
        T.add("P2", "GET 4 KiB anonymous (public-read bucket), c64", "req/s", col(ra, "rps"), "nginx w1",
              col(rb, "rps"), "", None, loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"),
              note=f"no signature to check; errors {sum(col(ra, 'errors'))}")
        floor = write_lines(L("floor"), ["/"])
        ra, rb = alternate(G(ossd, floor, 64), G(nginx, get_ng, 64), reps)
        T.add("P2", "request floor: anonymous GET / answered 403 AccessDenied, c64", "req/s", col(ra, "rps"),
              "nginx w1 (4 KiB GET)", col(rb, "rps"), "", None, loadgen=col(ra, "loadgen_cores"),
              server_cpu=col(ra, "server_cores"),
              note="HTTP/1.1 stack + routing + error XML only: no signature, no metadata read (403s expected)")

    # ---- P3 (hey: wrk cannot send HEAD) ---------------------------------------------- #
    if want("P3"):
        one = presign(b1, "HEAD", small[0], headers={"Content-Type": HEY_CT})
        oneg = presign(b1, "GET", small[0], headers={"Content-Type": HEY_CT})
        ra, rb = alternate(lambda: hey(ossd, one, "HEAD", 64, dur), lambda: hey(ossd, oneg, "GET", 64, dur), reps)
        T.add("P3", "HEAD 4 KiB presigned V1, c64 (hey)", "req/s", col(ra, "rps"), "own GET (hey)", col(rb, "rps"),
              "≥ 1.0x own GET", ge(1.0), loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"),
              note=f"hey, one key; errors {sum(col(ra, 'errors')) + sum(col(rb, 'errors'))}")

    # ---- P4 / P5 ----------------------------------------------------------------------- #
    loopdir = os.path.join(tmp, "rawloop")
    os.makedirs(loopdir, exist_ok=True)

    def rawloop(threads):
        def f():
            out, wall, cores = timed([os.path.join(a.bin, "durable_loop"), loopdir, str(threads), str(dur)])
            r = json.loads(out)
            return dict(rps=r["files_per_s"], loadgen_cores=None)
        return f

    put_ct = f"Content-Type: {CT}"
    put64 = None
    if want("P4"):
        ra, rb = alternate(G(ossd, put_v1, 1, "PUT", 4096, put_ct), rawloop(1), reps)
        T.add("P4", "durable PUT 4 KiB, c1", "req/s", col(ra, "rps"), "raw fsync loop 1 thr", col(rb, "rps"),
              "≥ 0.7x", ge(0.7), loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"),
              note=f"p50 {fmt(med(col(ra, 'p50_us')))} µs; errors {sum(col(ra, 'errors'))}")
    if want("P5") or want("P6"):
        for c in (16, 64):
            ra, rb = alternate(G(ossd, put_v1, c, "PUT", 4096, put_ct), rawloop(16), reps)
            if c == 64:
                put64 = ra
            T.add("P5", f"durable PUT 4 KiB, c{c}", "req/s", col(ra, "rps"), "raw fsync loop 16 thr",
                  col(rb, "rps"), "≥ 1.0x / ≥ 2.5x", ge(1.0, 2.5), loadgen=col(ra, "loadgen_cores"),
                  server_cpu=col(ra, "server_cores"),
                  note=f"p50 {fmt(med(col(ra, 'p50_us')))} µs; errors {sum(col(ra, 'errors'))}")

    # ---- P6 ---------------------------------------------------------------------------- #
    if want("P6"):
        ra, rb = alternate(G(ossd, sym_put, 64, "PUT", 0, f"x-oss-symlink-target: {sym_target}"),
                           G(ossd, put_v1, 64, "PUT", 4096, put_ct), reps)
        T.add("P6", "PutSymlink, c64", "req/s", col(ra, "rps"), "own PUT 4 KiB c64", col(rb, "rps"),
              "≥ 1.5x", ge(1.5), loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"),
              note=f"errors {sum(col(ra, 'errors'))}")

    # ---- P7 / P8 ----------------------------------------------------------------------- #
    if want("P7"):
        ra, rb = alternate(G(ossd, get_link, 64), G(ossd, get_v1, 64), reps)
        T.add("P7", "GET via link vs direct, 4 KiB c64", "req/s", col(ra, "rps"), "own direct GET",
              col(rb, "rps"), "≥ 0.85x", ge(0.85), loadgen=col(ra, "loadgen_cores"),
              server_cpu=col(ra, "server_cores"), note=f"errors {sum(col(ra, 'errors'))}")
        ra1, rb1 = alternate(G(ossd, get_link, 1), G(ossd, get_v1, 1), reps)
        d = [x - y for x, y in zip(col(ra1, "p50_us"), col(rb1, "p50_us"))]
        T.add("P7", "GET via link vs direct, 4 KiB c1, p50", "µs", col(ra1, "p50_us"), "own direct GET",
              col(rb1, "p50_us"), "p50 ≤ direct + 50 µs",
              lambda row: "target" if med(d) <= 50 else "miss",
              loadgen=col(ra1, "loadgen_cores"), note=f"delta p50 {fmt(med(d))} µs (at c1)")
    if want("P8"):
        ra, rb = alternate(G(ossd, big_l, 1), G(ossd, big_o, 1), M["reps_big"])
        T.add("P8", f"GET via link vs direct, {bigname} c1", "MB/s", [x / 1e6 for x in col(ra, "Bps")],
              "own direct GET", [x / 1e6 for x in col(rb, "Bps")], "≥ 0.98x", ge(0.98),
              loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"))

    # ---- P9 (+ P12 growth while streaming GET) ------------------------------------------ #
    mem = {}
    if want("P9") or want("P12"):
        ra, rb = alternate(G(ossd, mid_o, 4), G(nginx, mid_n, 4), reps)
        T.add("P9", "GET 64 MiB, c4", "MB/s", [x / 1e6 for x in col(ra, "Bps")], "nginx w1",
              [x / 1e6 for x in col(rb, "Bps")], "≥ 0.8x / ≥ 1.0x", ge(0.8, 1.0),
              loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"),
              note=f"errors {sum(col(ra, 'errors'))}")
        growth_o, growth_n = [], []

        def memwrap(server, fn, acc):
            def f():
                pid = server.pids()[-1]
                before = proc_status(pid)["VmRSS"]
                reset_hwm(pid)
                r = fn()
                acc.append(proc_status(pid)["VmHWM"] - before)
                return r
            return f
        ra, rb = alternate(memwrap(ossd, G(ossd, big_o, 1), growth_o), memwrap(nginx, G(nginx, big_n, 1), growth_n),
                           reps)
        T.add("P9", f"GET {bigname}, c1", "MB/s", [x / 1e6 for x in col(ra, "Bps")], "nginx w1",
              [x / 1e6 for x in col(rb, "Bps")], "≥ 0.8x / ≥ 1.0x", ge(0.8, 1.0),
              loadgen=col(ra, "loadgen_cores"), server_cpu=col(ra, "server_cores"))
        mem["get"] = (growth_o, growth_n)

    # ---- P10 (+ P12 growth while streaming PUT) ----------------------------------------- #
    if want("P10") or want("P12"):
        ddout = os.path.join(tmp, "dd.out")
        for label, size in (("mid", mid), ("big", big)):
            f = files[label]
            url = presign(b1, "PUT", f"up/{label}", headers={"Content-Type": CT})
            growth_o = []

            def pa():
                pid = ossd.pids()[0]
                before = proc_status(pid)["VmRSS"]
                reset_hwm(pid)
                r = curl_put(ossd, url, f)
                growth_o.append(proc_status(pid)["VmHWM"] - before)
                return r

            def pb():
                _, wall, _ = timed(["dd", f"if={f}", f"of={ddout}", "bs=1M", "conv=fdatasync"])
                os.unlink(ddout)
                return dict(Bps=size / wall)
            ra, rb = alternate(pa, pb, reps)
            name = "64 MiB" if label == "mid" else bigname
            T.add("P10", f"PUT {name} (fsync before 200), curl", "MB/s", [x / 1e6 for x in col(ra, "Bps")],
                  "dd conv=fdatasync", [x / 1e6 for x in col(rb, "Bps")], "≥ 0.8x", ge(0.8),
                  loadgen=col(ra, "loadgen_cores"))
            if label == "big":
                mem["put"] = (growth_o, [])

    # ---- P12 ----------------------------------------------------------------------------- #
    if want("P12"):
        T.add("P12", "idle RSS after start", "MiB", [idle_rss / MiB], "nginx w1 (master+worker)", [nginx_idle / MiB],
              "≤ 64 MiB", le_abs(64), note="VmRSS after start + CreateBucket")
        if "get" in mem:
            go, gn = mem["get"]
            T.add("P12", f"RSS growth while streaming {bigname} GET", "MiB", [x / MiB for x in go], "nginx worker",
                  [x / MiB for x in gn], "≤ 32 MiB", le_abs(32), note="VmHWM (reset via clear_refs) − VmRSS before")
        if "put" in mem:
            T.add("P12", f"RSS growth while streaming {bigname} PUT", "MiB", [x / MiB for x in mem["put"][0]], "",
                  [], "≤ 32 MiB", le_abs(32), note="VmHWM (reset via clear_refs) − VmRSS before")
        n_idle = M["idle_conns"]
        po = idle_connections(ossd, presign(b1, "GET", small[0]), n_idle, ossd.pids)
        pn = idle_connections(nginx, f"/{BUCKET}/{small[0]}", n_idle, nginx.pids)
        T.add("P12", f"RSS per idle keep-alive connection ({n_idle})", "KiB", [po / KiB], "nginx w1", [pn / KiB],
              "≤ 16 KiB", le_abs(16), note="one GET on each, then idle 1 s")

    # ---- P13 ----------------------------------------------------------------------------- #
    if want("P13"):
        po, pn = presign(b1, "GET", "big/big"), f"/{BUCKET}/big/big"
        ra, rb = alternate(lambda: ttfb(ossd, po, M["ttfb_n"]), lambda: ttfb(nginx, pn, M["ttfb_n"]), reps)
        T.add("P13", f"time to first byte, {bigname} GET", "µs", ra, "nginx w1", rb, "≤ 5 ms", le_abs(5000),
              note=f"median of {M['ttfb_n']} fresh connections per rep")

    # ---- P14 ----------------------------------------------------------------------------- #
    if want("P14"):
        emu = os.environ.get("OSS_EMULATOR_CMD")
        if not emu:
            T.skip("P14", "vs aliyun/oss-emulator, 4 KiB c16",
                   "oss-emulator not installed (it is neither a Debian nor a PyPI package); set OSS_EMULATOR_CMD "
                   "to a command with {port} and {dir} to include it")
        else:
            try:
                p14(a, M, T, tmp, ports, pidfile, emu, ossd, get_v1, put_v1, small, blobs, dur, reps)
            except Exception as e:
                T.skip("P14", "vs aliyun/oss-emulator, 4 KiB c16", f"failed: {e}")

    # ---- P15 ----------------------------------------------------------------------------- #
    if want("P15"):
        mkeys = [f"m/{i:03d}" for i in range(100)]
        body = random.Random(3).randbytes(MiB)

        def put_m(k):
            bucket_for(ossd.base, BUCKET).put_object(k, body)
        with ThreadPoolExecutor(8) as ex:
            list(ex.map(put_m, mkeys))
        lines = [f"GET {presign(b1, 'GET', k)}" for k in mkeys]
        lines += [f"HEAD {presign(b1, 'HEAD', k)}" for k in mkeys]
        wkeys = [f"w/{i:03d}" for i in range(200)]
        lines += [f"PUT {presign(b1, 'PUT', k, headers={'Content-Type': CT})}" for k in wkeys]
        lines += [f"DELETE {presign(b1, 'DELETE', k)}" for k in wkeys]
        mf = write_lines(L("mixed"), lines)
        pdur = M["p15_dur"]
        s0, c0, t0 = cpu_ticks(ossd.pids()), children_cpu(), time.time()
        out, wall, lg = timed([os.path.join(a.bin, "mixload"), str(ossd.port), mf, str(pdur), "20", str(MiB), CT,
                               "45,30,15,10"], timeout=pdur + 120)
        sc = (cpu_ticks(ossd.pids()) - s0) / CLK / wall
        r = json.loads(out)
        ok = r["errors"] == 0 and r["p99_us"] <= 10 * r["p50_us"]
        T.add("P15", f"mixed 45/30/15/10 GET/HEAD/PUT/DELETE 1 MiB, c20, {pdur} s", "ops/s", [r["ops_per_s"]],
              "", [], "0 errors; p99 ≤ 10x p50", lambda row: "target" if ok else "miss", loadgen=[lg],
              server_cpu=[sc], note=f"p50 {r['p50_us']} µs, p99 {r['p99_us']} µs (p99/p50 "
              f"{r['p99_us'] / max(1, r['p50_us']):.1f}), errors {r['errors']}, GET/HEAD/PUT/DELETE "
              f"{r['get']}/{r['head']}/{r['put']}/{r['delete']}; bench/mixload (wrk cannot HEAD)")

    # ---- S1: one node vs two nodes on PostgreSQL (issue 9) -------------------------------- #
    if want("S1"):
        import scaleout
        try:
            scaleout.s1(sys.modules[__name__], a, M, T, tmp, ports, pidfile, small, blobs, dur, reps)
        except Exception as e:
            T.skip("S1", "4 KiB GET/PUT, 2 nodes vs 1", f"failed: {e}")

    # ---- P11 (last: creating the keys takes longest) ----------------------------------- #
    if want("P11"):
        p11(a, M, T, ossd, L, dur, reps)


def p11(a, M, T, ossd, L, dur, reps):
    results = {}
    rate = None
    for nkeys in M["p11_keys"]:
        label = f"{nkeys // 1000}k" if nkeys < 1_000_000 else f"{nkeys // 1_000_000}M"
        if rate and (nkeys / rate) > a.p11_budget:
            T.skip("P11", f"ListObjectsV2 1,000 keys from {label}",
                   f"creating {nkeys:,} keys would take ~{nkeys / rate:.0f} s at the measured {rate:.0f} PUT/s "
                   f"(budget {a.p11_budget:.0f} s)")
            continue
        name = f"list{label.lower()}"
        b = bucket_for(ossd.base, name)
        b.create_bucket()
        keys = [f"k/{i:09d}" for i in range(nkeys)]
        t0 = time.time()
        urls = presign_bulk(ossd.base, name, "PUT", keys, headers={"Content-Type": CT})
        tsign = time.time() - t0
        f = write_lines(L(f"put_{name}"), urls)
        del urls
        t0 = time.time()
        r = wrk(ossd, "once.lua", [f, "PUT", 16, f"Content-Type: {CT}", "-", 1], 64, int(a.p11_budget) + 60,
                timeout=int(a.p11_budget) + 300)
        tput = time.time() - t0
        rate = nkeys / tput
        got = b.list_objects_v2(prefix="k/", max_keys=1000, start_after=f"k/{nkeys - 2:09d}").object_list
        if r["errors"] or len(got) != 1:
            T.notes.append(f"P11 {label}: creation had {r['errors']} errors; tail check found {len(got)}")
        T.add("P11", f"create {label} keys (16 B PUT, c64, once each)", "PUT/s", [rate], "", [], "", None,
              loadgen=[r["loadgen_cores"]], server_cpu=[r["server_cores"]],
              note=f"presigned {nkeys:,} URLs with oss2 in {tsign:.0f} s; PUTs took {tput:.0f} s")
        rnd = random.Random(11)
        lurls = [presign_bucket_get(b, {"list-type": "2", "max-keys": "1000",
                                        "start-after": f"k/{rnd.randrange(max(1, nkeys - 1000)):09d}"})
                 for _ in range(200)]
        lf = write_lines(L(f"list_{name}"), lurls)
        import urllib.request
        body = urllib.request.urlopen(ossd.base + lurls[0], timeout=30).read()
        nk = body.count(b"<Key>")
        rs = [wrk(ossd, "urls.lua", [lf, "GET", 0, "-", "-"], 1, dur) for _ in range(reps)]
        results[nkeys] = rs
        lg = col(rs, "loadgen_cores")
        T.add("P11", f"ListObjectsV2 1,000 keys from {label}, c1, p50", "ms", [x / 1000 for x in col(rs, "p50_us")],
              "", [], "≤ 10 ms", le_abs(10), loadgen=lg, server_cpu=col(rs, "server_cores"),
              note=f"{nk} keys per page checked; {fmt(med(col(rs, 'rps')))} pages/s")
        T.add("P11", f"ListObjectsV2 1,000 keys from {label}, c1, p99", "ms", [x / 1000 for x in col(rs, "p99_us")],
              "", [], "≤ 30 ms", le_abs(30), loadgen=lg)
    ks = sorted(results)
    if len(ks) >= 2:
        lo, hi = ks[0], ks[-1]
        T.add("P11", f"list p50 {hi // 1000}k / {lo // 1000}k keys", "ms", [x / 1000 for x in col(results[hi], "p50_us")],
              f"{lo // 1000}k-key bucket", [x / 1000 for x in col(results[lo], "p50_us")], "≤ 1.5", le_ratio(1.5))


def p14(a, M, T, tmp, ports, pidfile, emu, ossd, get_v1, put_v1, small, blobs, dur, reps):
    port = free_port(ports)
    d = os.path.join(tmp, "emulator")
    os.makedirs(d, exist_ok=True)
    p = start(emu.format(port=port, dir=d), pidfile, shell=True, stdout=subprocess.DEVNULL,
              stderr=open(os.path.join(tmp, "emulator.stderr"), "w"), start_new_session=True)
    if not wait_listen(port, time.time() + 60):
        raise RuntimeError("emulator did not start")
    emu_s = Server("oss-emulator", port, p, lambda: [p.pid] + children(p.pid))
    be = bucket_for(emu_s.base, BUCKET)
    be.create_bucket()
    for k in small[:200]:
        be.put_object(k, blobs[k])
    eg = os.path.join(tmp, "urls", "emu_get")
    write_lines(eg, [presign(be, "GET", k) for k in small[:200]])
    og = os.path.join(tmp, "urls", "ossd_get200")
    write_lines(og, [presign(bucket_for(ossd.base, BUCKET), "GET", k) for k in small[:200]])
    ep = os.path.join(tmp, "urls", "emu_put")
    write_lines(ep, [presign(be, "PUT", f"p/{i:06d}", headers={"Content-Type": CT}) for i in range(1000)])
    ct = f"Content-Type: {CT}"
    ra, rb = alternate(lambda: wrk(ossd, "urls.lua", [og, "GET", 0, "-", "-"], 16, dur),
                       lambda: wrk(emu_s, "urls.lua", [eg, "GET", 0, "-", "-"], 16, dur), reps)
    T.add("P14", "GET 4 KiB c16 vs oss-emulator", "req/s", col(ra, "rps"), "oss-emulator", col(rb, "rps"),
          "≥ 30x", ge(30), loadgen=col(ra, "loadgen_cores"))
    ra, rb = alternate(lambda: wrk(ossd, "urls.lua", [put_v1, "PUT", 4096, ct, "-"], 16, dur),
                       lambda: wrk(emu_s, "urls.lua", [ep, "PUT", 4096, ct, "-"], 16, dur), reps)
    T.add("P14", "PUT 4 KiB c16 vs oss-emulator (ossd fsyncs)", "req/s", col(ra, "rps"), "oss-emulator",
          col(rb, "rps"), "≥ 2x", ge(2), loadgen=col(ra, "loadgen_cores"))
    os.killpg(p.pid, signal.SIGTERM)


if __name__ == "__main__":
    main()
