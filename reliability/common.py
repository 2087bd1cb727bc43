"""Shared support for the ossd reliability checks (R1-R13).

Nothing here talks to anything but 127.0.0.1. Every wait polls a condition against a
deadline; every loop is bounded in count and in time.

Pieces:
  * `Server`       start / SIGKILL / SIGTERM one ossd process on port 0 in a given data dir
  * `Signer`       OSS signature V1 and V4 (header and presigned URL), written from the
                   published algorithm, with an explicit clock so tests can skew it
  * `raw_request`  one HTTP/1.1 exchange over a plain socket, byte-exact
  * `parse_oss_error` / `check_error_response`   the shape of an OSS error response
  * `Check`        argument parsing (--long, --seed, --bin), seed print, figure line, exit
"""

import argparse
import base64
import collections
import email.utils
import hashlib
import hmac
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from urllib.parse import quote

AK = "rel-ak"
SK = "rel-sk-0123456789abcdef"
REGION = "cn-hangzhou"
INLINE_THRESHOLD = 64 * 1024
LISTEN_RE = re.compile(r"ossd listening on http://127\.0\.0\.1:(\d+)")
REQUEST_ID_RE = re.compile(r"^[0-9A-Za-z\-]{8,64}$")


def fmt(n):
    """1234567 -> '1,234,567'."""
    return f"{n:,}"


def pctl(values, p):
    """The p-th percentile (nearest rank) of a list, 0.0 when empty."""
    if not values:
        return 0.0
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def wait_until(predicate, timeout, interval=0.01):
    """Poll `predicate` until it returns a truthy value or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        v = predicate()
        if v:
            return v
        if time.monotonic() >= deadline:
            return v
        time.sleep(interval)


def md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def etag_of(data: bytes) -> str:
    return '"%s"' % hashlib.md5(data).hexdigest().upper()


_CRC_POLY = 0xC96C5795D7870F42
_CRC_TABLE = []
for _i in range(256):
    _c = _i
    for _ in range(8):
        _c = (_c >> 1) ^ _CRC_POLY if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)


def crc64(data: bytes) -> int:
    c = 0xFFFFFFFFFFFFFFFF
    t = _CRC_TABLE
    for b in data:
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFFFFFFFFFF


# --------------------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------------------


class ServerStartError(RuntimeError):
    pass


class Server:
    """One ossd process. `start()` returns the seconds until the listening line."""

    def __init__(self, binary, data_dir, log_path, extra_args=(), env_extra=None, cwd=None):
        self.binary = binary
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra_args = list(extra_args)
        self.env_extra = env_extra or {}
        self.cwd = cwd or os.path.dirname(os.path.abspath(data_dir))
        self.proc = None
        self.port = None
        self.tail = collections.deque(maxlen=100)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def start(self, timeout=60.0):
        env = dict(os.environ)
        env["OSSD_ROOT_ACCESS_KEY_ID"] = AK
        env["OSSD_ROOT_ACCESS_KEY_SECRET"] = SK
        env.update(self.env_extra)
        argv = [self.binary, "serve", "--address", "127.0.0.1:0", "--data-dir", self.data_dir,
                "--region", REGION, "--log-level", "warning"] + self.extra_args
        log = open(self.log_path, "ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=log, env=env, cwd=self.cwd)
        log.close()
        lines = queue.Queue()

        def pump(stream, q, tail):
            try:
                for raw in iter(stream.readline, b""):
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    tail.append(line)
                    q.put(line)
            finally:
                q.put(None)

        threading.Thread(target=pump, args=(self.proc.stdout, lines, self.tail), daemon=True).start()
        deadline = t0 + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise ServerStartError(f"ossd did not print its listening line within {timeout}s")
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                rc = self.proc.wait(timeout=30)
                raise ServerStartError(f"ossd exited with {rc} before listening; log tail:\n"
                                       + self.log_tail())
            m = LISTEN_RE.search(line)
            if m:
                self.port = int(m.group(1))
                return time.monotonic() - t0

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        """SIGKILL: a crash."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc:
            self.proc.wait(timeout=60)

    def stop(self, timeout=30.0):
        """SIGTERM, then SIGKILL if it does not exit within `timeout`. Returns the exit code."""
        if not self.proc:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=60)
        return self.proc.returncode

    def rss_kib(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def fd_count(self):
        try:
            return len(os.listdir(f"/proc/{self.proc.pid}/fd"))
        except OSError:
            return 0

    def log_tail(self, limit=3000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-limit:].decode("utf-8", "replace")
        except OSError:
            return ""


def tmp_files(data_dir):
    d = os.path.join(data_dir, "objects", "tmp")
    try:
        return sorted(os.listdir(d))
    except FileNotFoundError:
        return []


# --------------------------------------------------------------------------------------
# Signatures
# --------------------------------------------------------------------------------------

V1_SUBRESOURCES = {
    "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete",
    "append", "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position",
    "response-content-type", "response-content-language", "response-expires",
    "response-cache-control", "response-content-disposition", "response-content-encoding",
    "symlink", "restore", "policy", "bucketInfo", "continuation-token",
}


def http_date(ts):
    return email.utils.formatdate(ts, usegmt=True)


def v4_encode(text, keep_slash):
    out = []
    for b in text.encode("utf-8") if isinstance(text, str) else text:
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "-_.~"):
            out.append(c)
        elif keep_slash and c == "/":
            out.append(c)
        else:
            out.append("%%%02X" % b)
    return "".join(out)


class Signer:
    """OSS V1 / V4 signing. `clock` returns the time (seconds since the epoch) to sign with."""

    def __init__(self, ak=AK, sk=SK, region=REGION, clock=time.time):
        self.ak, self.sk, self.region, self.clock = ak, sk, region, clock

    # ---- V1 -----------------------------------------------------------------------
    def v1_string_to_sign(self, method, bucket, key, query, headers, date):
        h = {k.lower(): v for k, v in headers.items()}
        oss = sorted((k, v) for k, v in h.items() if k.startswith("x-oss-"))
        canon_headers = "".join(f"{k}:{v}\n" for k, v in oss)
        resource = f"/{bucket}/{key}" if bucket else "/"
        subs = sorted(((k, v) for k, v in query if k in V1_SUBRESOURCES or k.startswith("x-oss-")),
                      key=lambda kv: (kv[0], kv[1] or ""))
        if subs:
            resource += "?" + "&".join(k if v in (None, "") else f"{k}={v}" for k, v in subs)
        return "\n".join([method, h.get("content-md5", ""), h.get("content-type", ""), date,
                          canon_headers + resource])

    def v1_signature(self, sts):
        return base64.b64encode(hmac.new(self.sk.encode(), sts.encode("utf-8", "surrogateescape"), hashlib.sha1).digest()).decode()

    def sign_v1(self, method, bucket, key, query, headers):
        """Adds Date and Authorization to `headers` (in place) and returns them."""
        headers["Date"] = http_date(self.clock())
        sts = self.v1_string_to_sign(method, bucket, key, query, headers, headers["Date"])
        headers["Authorization"] = f"OSS {self.ak}:{self.v1_signature(sts)}"
        return headers

    def presign_v1(self, method, bucket, key, query, expires_at, headers=None):
        """Returns the extra query parameters of a V1 presigned URL."""
        sts = self.v1_string_to_sign(method, bucket, key, query, headers or {}, str(int(expires_at)))
        return [("OSSAccessKeyId", self.ak), ("Expires", str(int(expires_at))),
                ("Signature", self.v1_signature(sts))]

    # ---- V4 -----------------------------------------------------------------------
    def _v4_key(self, day):
        k = hmac.new(("aliyun_v4" + self.sk).encode(), day.encode(), hashlib.sha256).digest()
        for part in (self.region, "oss", "aliyun_v4_request"):
            k = hmac.new(k, part.encode(), hashlib.sha256).digest()
        return k

    def v4_signature(self, method, bucket, key, query, headers, stamp, additional=()):
        h = {k.lower(): v.strip() for k, v in headers.items()}
        uri = v4_encode(f"/{bucket}/{key}" if bucket else "/", True)
        q = sorted((v4_encode(k, False), v4_encode(v or "", False)) for k, v in query)
        cq = "&".join(k if not v else f"{k}={v}" for k, v in q)
        signed = sorted(k for k in h if k.startswith("x-oss-") or k in ("content-type", "content-md5")
                        or k in additional)
        ch = "".join(f"{k}:{h[k]}\n" for k in signed)
        creq = "\n".join([method, uri, cq, ch, ";".join(sorted(additional)),
                          h.get("x-oss-content-sha256", "UNSIGNED-PAYLOAD")])
        scope = f"{stamp[:8]}/{self.region}/oss/aliyun_v4_request"
        sts = "\n".join(["OSS4-HMAC-SHA256", stamp, scope, hashlib.sha256(creq.encode("utf-8")).hexdigest()])
        return hmac.new(self._v4_key(stamp[:8]), sts.encode(), hashlib.sha256).hexdigest(), scope

    def sign_v4(self, method, bucket, key, query, headers, additional=()):
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(self.clock()))
        headers["x-oss-date"] = stamp
        headers["x-oss-content-sha256"] = "UNSIGNED-PAYLOAD"
        sig, scope = self.v4_signature(method, bucket, key, query, headers, stamp, additional)
        auth = f"OSS4-HMAC-SHA256 Credential={self.ak}/{scope}, Signature={sig}"
        if additional:
            auth += ", AdditionalHeaders=" + ";".join(sorted(additional))
        headers["Authorization"] = auth
        return headers

    def presign_v4(self, method, bucket, key, query, expires, headers=None):
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(self.clock()))
        scope = f"{stamp[:8]}/{self.region}/oss/aliyun_v4_request"
        params = list(query) + [("x-oss-signature-version", "OSS4-HMAC-SHA256"),
                                ("x-oss-credential", f"{self.ak}/{scope}"),
                                ("x-oss-date", stamp), ("x-oss-expires", str(int(expires)))]
        sig, _ = self.v4_signature(method, bucket, key, params, headers or {}, stamp)
        return params[len(query):] + [("x-oss-signature", sig)]

    def sign(self, version, method, bucket, key, query, headers):
        if version == "v1":
            return self.sign_v1(method, bucket, key, query, headers)
        if version == "v4":
            return self.sign_v4(method, bucket, key, query, headers)
        return headers


def target_of(bucket, key="", query=()):
    """Path-style request target; the key fully percent-encoded (so '/' is %2F)."""
    t = "/"
    if bucket:
        t += bucket
        if key:
            t += "/" + quote(key, safe="")
    if query:
        q = "&".join(quote(k, safe="") if v is None else f"{quote(k, safe='')}={quote(v, safe='')}"
                     for k, v in query)
        t += "?" + q
    return t


class Client:
    """Signed requests over `requests` with keep-alive (one per thread)."""

    def __init__(self, endpoint, sig="v1", signer=None, timeout=60):
        import requests
        self.endpoint = endpoint
        self.sig = sig
        self.signer = signer or Signer()
        self.session = requests.Session()
        self.timeout = timeout

    def request(self, method, bucket="", key="", query=(), headers=None, data=None, stream=False):
        headers = dict(headers or {})
        if data is not None and "Content-Type" not in headers:
            headers["Content-Type"] = "application/octet-stream"
        self.signer.sign(self.sig, method, bucket, key, list(query), headers)
        headers.setdefault("Accept-Encoding", "identity")
        url = self.endpoint + target_of(bucket, key, list(query))
        return self.session.request(method, url, headers=headers, data=data, timeout=self.timeout,
                                    allow_redirects=False, stream=stream)

    def close(self):
        self.session.close()


def parse_oss_error(body):
    """{'Code':..., 'Message':..., 'RequestId':...} or None when `body` is not OSS error XML."""
    if not body:
        return None
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    if root.tag != "Error":
        return None
    d = {c.tag: (c.text or "") for c in root}
    if not d.get("Code") or "RequestId" not in d or not d.get("RequestId"):
        return None
    return d


def error_code(resp):
    """OSS error code of a `requests` response (from the body, or x-oss-err on HEAD)."""
    body = resp.content
    if not body and resp.headers.get("x-oss-err"):
        try:
            body = base64.b64decode(resp.headers["x-oss-err"])
        except Exception:
            body = b""
    d = parse_oss_error(body)
    return d["Code"] if d else None


# --------------------------------------------------------------------------------------
# Raw HTTP over a socket
# --------------------------------------------------------------------------------------


class RawResponse:
    def __init__(self):
        self.status = None
        self.reason = ""
        self.headers = []  # list of (lower name, value)
        self.body = b""
        self.closed = False  # the server closed the connection after this response
        self.complete = False

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def __repr__(self):
        return f"<{self.status} {self.body[:200]!r} closed={self.closed}>"


def read_response(sock, deadline, head_request=False):
    """Reads one response from `sock`. Returns RawResponse (status None if the connection
    closed before a status line) or raises socket.timeout at the deadline."""
    buf = b""
    r = RawResponse()

    def fill():
        nonlocal buf
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("deadline")
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            return False
        buf += chunk
        return True

    while b"\r\n\r\n" not in buf:
        if not fill():
            r.closed = True
            return r
        if len(buf) > 1 << 20:
            raise ValueError("response head too large")
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    r.status = int(parts[1])
    r.reason = parts[2].decode("latin-1") if len(parts) > 2 else ""
    for line in lines[1:]:
        k, _, v = line.partition(b":")
        r.headers.append((k.strip().lower().decode("latin-1"), v.strip().decode("latin-1")))
    te = (r.header("transfer-encoding") or "").lower()
    cl = r.header("content-length")
    if head_request or r.status in (204, 304) or 100 <= r.status < 200:
        r.body = b""
    elif "chunked" in te:
        body = b""
        while True:
            while b"\r\n" not in buf:
                if not fill():
                    r.closed = True
                    r.body = body
                    return r
            line, buf = buf.split(b"\r\n", 1)
            size = int(line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while b"\r\n" not in buf:
                    if not fill():
                        break
                buf = buf.split(b"\r\n", 1)[1] if b"\r\n" in buf else b""
                break
            while len(buf) < size + 2:
                if not fill():
                    r.closed = True
                    r.body = body + buf
                    return r
            body += buf[:size]
            buf = buf[size + 2:]
        r.body = body
    elif cl is not None:
        n = int(cl)
        while len(buf) < n:
            if not fill():
                r.closed = True
                break
        r.body, buf = buf[:n], buf[n:]
    else:
        while fill():
            pass
        r.body, buf = buf, b""
        r.closed = True
    r.complete = True
    r.leftover = buf
    if (r.header("connection") or "").lower() == "close":
        r.closed = True
    return r


def connect(port, timeout=10.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def wait_closed(sock, deadline):
    """True when the peer closes (EOF or reset) before `deadline`; bytes read meanwhile are
    returned as the second element."""
    extra = b""
    while time.monotonic() < deadline:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return False, extra
        except (ConnectionResetError, BrokenPipeError):
            return True, extra
        if not chunk:
            return True, extra
        extra += chunk
    return False, extra


def raw_request(port, data: bytes, timeout=10.0, head_request=False, half_close=False):
    """Sends `data` on a fresh connection and reads one response."""
    s = connect(port, timeout)
    try:
        try:
            s.sendall(data)
            if half_close:
                s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_response(s, time.monotonic() + timeout, head_request)
    finally:
        s.close()


def build_request(method, target, headers, body=b"", host="127.0.0.1"):
    """Serialises a request exactly; `headers` is a list of (name, value)."""
    lines = [f"{method} {target} HTTP/1.1".encode("latin-1")]
    if not any(k.lower() == "host" for k, _ in headers):
        lines.append(f"Host: {host}".encode())
    for k, v in headers:
        lines.append((k.encode("latin-1") if isinstance(k, str) else k) + b": "
                     + (v.encode("utf-8") if isinstance(v, str) else v))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def signed_raw(signer, sig, method, bucket, key, query=(), headers=None, body=b"", port=0,
               extra_headers=()):
    """Signed request bytes (with Content-Length) for `raw_request`."""
    h = dict(headers or {})
    signer.sign(sig, method, bucket, key, list(query), h)
    hl = list(h.items()) + list(extra_headers)
    if body or method in ("PUT", "POST"):
        hl.append(("Content-Length", str(len(body))))
    return build_request(method, target_of(bucket, key, list(query)), hl, body,
                         host=f"127.0.0.1:{port}")


# --------------------------------------------------------------------------------------
# The check harness
# --------------------------------------------------------------------------------------


class Check:
    """argv handling, seed, temp dir, figure line and exit status for one check."""

    def __init__(self, name, description):
        p = argparse.ArgumentParser(description=description)
        p.add_argument("--long", action="store_true", help="run the long (full-figure) version")
        p.add_argument("--seed", type=int, default=None, help="random seed (printed when chosen)")
        p.add_argument("--bin", default=os.environ.get("OSSD_BIN"), help="ossd binary (default $OSSD_BIN)")
        p.add_argument("--keep", action="store_true", help="keep the temp dir for inspection")
        self.parser = p
        self.name = name
        self.failures = []

    def parse(self, extra=None):
        if extra:
            extra(self.parser)
        self.args = self.parser.parse_args()
        if not self.args.bin or not os.access(self.args.bin, os.X_OK):
            print(f"{self.name}: set OSSD_BIN (or --bin) to the ossd executable", file=sys.stderr)
            sys.exit(2)
        self.args.bin = os.path.abspath(self.args.bin)
        if self.args.seed is None:
            self.args.seed = int.from_bytes(os.urandom(4), "big")
        self.seed = self.args.seed
        self.long = self.args.long
        self.rng = random.Random(self.seed)
        print(f"{self.name}: seed {self.seed}{' (long mode)' if self.long else ''}", file=sys.stderr, flush=True)
        self.tmp = tempfile.mkdtemp(prefix=f"ossd-rel-{self.name.split()[0].lower()}-")
        self.servers = []
        import atexit
        atexit.register(self._cleanup)
        return self.args

    def _cleanup(self):
        """On any exit (an exception included): kill our servers, remove the temp dir."""
        for s in self.servers:
            if s.alive():
                s.kill()
        if not self.args.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def fail(self, msg):
        if len(self.failures) < 30:
            print(f"{self.name}: FAIL {msg}", file=sys.stderr, flush=True)
        self.failures.append(msg)

    def new_server(self, sub="data", extra_args=(), data_dir=None):
        d = data_dir or os.path.join(self.tmp, sub)
        os.makedirs(d, exist_ok=True)
        srv = Server(self.args.bin, d, os.path.join(self.tmp, f"{sub}.ossd.log"), extra_args)
        self.servers.append(srv)
        return srv

    def finish(self, figure, ok):
        print(figure, flush=True)
        if not ok:
            print(f"{self.name}: FAILED ({len(self.failures)} problems; seed {self.seed}"
                  f"{'; data kept in ' + self.tmp if self.args.keep else ''})", file=sys.stderr, flush=True)
        if not self.args.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        sys.exit(0 if ok else 1)


def make_bucket(client, name, acl=None):
    h = {"x-oss-acl": acl} if acl else {}
    r = client.request("PUT", name, headers=h)
    if r.status_code != 200:
        raise RuntimeError(f"create bucket {name}: {r.status_code} {r.text[:300]}")


def exchange(port, head: bytes, body=b"", timeout=30.0, chunk=65536):
    """Sends `head` then `body` while watching for an early response (a server may answer
    and close before it has read a large body). Returns (RawResponse, seconds) where the
    response has status None when the connection closed without one."""
    import select
    s = connect(port, timeout)
    t0 = time.monotonic()
    deadline = t0 + timeout
    data = memoryview(head + body)
    sent = 0
    try:
        s.setblocking(False)
        while sent < len(data):
            if time.monotonic() > deadline:
                raise socket.timeout("deadline while sending")
            r, w, _ = select.select([s], [s], [], max(0.0, deadline - time.monotonic()))
            if r:
                break  # the server is answering (or closing) early
            if w:
                try:
                    sent += s.send(data[sent:sent + chunk])
                except BlockingIOError:
                    pass
                except (BrokenPipeError, ConnectionResetError):
                    break
        s.setblocking(True)
        resp = read_response(s, deadline)
        return resp, time.monotonic() - t0
    finally:
        s.close()
