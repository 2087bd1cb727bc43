"""Shared fixtures for the ossd interop suite.

The suite drives a real `ossd` binary with the official Alibaba Cloud OSS Python SDKs
(`oss2` 2.19.1 and `alibabacloud-oss-v2` 1.4.1) and with raw HTTP requests.

Server contract (also in README.md):

    $OSSD_BIN serve --address 127.0.0.1:0 --data-dir <tmpdir> --region cn-hangzhou \
        --log-level warning
    env: OSSD_ROOT_ACCESS_KEY_ID=interop-ak OSSD_ROOT_ACCESS_KEY_SECRET=interop-sk-0123456789

It must print (and flush) a stdout line containing
`ossd listening on http://127.0.0.1:<port>` once it accepts connections, and exit on SIGTERM.

Helpers that tests import live here too (`from conftest import ...`).
"""

import base64
import collections
import dataclasses
import email.utils
import hashlib
import itertools
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
import warnings
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Optional
from urllib.parse import quote

import pytest
import requests

import oss2
import alibabacloud_oss_v2 as oss

REGION = "cn-hangzhou"
LOCATION = "oss-cn-hangzhou"
ACCESS_KEY_ID = "interop-ak"
ACCESS_KEY_SECRET = "interop-sk-0123456789"
STARTUP_DEADLINE_S = 60.0
LISTEN_RE = re.compile(r"ossd listening on http://127\.0\.0\.1:(\d+)")

OSS2_SIGS = ["v1", "v2", "v4"]
V2SDK_SIGS = ["v4", "v1"]

REQUEST_ID_RE = re.compile(r"^[0-9A-F]{24}$")
HTTP_DATE_RE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$"
)
ISO8601_MS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
EC_RE = re.compile(r"^\d{4}-\d{8}$")
# What a percent-encoded key/target may contain on the wire: no raw '+', space or non-ASCII.
PERCENT_ENCODED_RE = re.compile(r"^[A-Za-z0-9\-_.~/%]*$")


# --------------------------------------------------------------------------------------
# CRC-64/XZ (a.k.a. CRC-64/GO-ECMA), the value of x-oss-hash-crc64ecma. Table-driven,
# reflected polynomial 0xC96C5795D7870F42, init and xorout all ones.
# --------------------------------------------------------------------------------------

_CRC64_POLY_REFLECTED = 0xC96C5795D7870F42
_MASK64 = 0xFFFFFFFFFFFFFFFF


def _crc64_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ _CRC64_POLY_REFLECTED if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


_CRC64_TABLE = _crc64_table()


def crc64(data: bytes, crc: int = 0) -> int:
    """CRC-64/XZ of `data`, optionally continuing from a previous `crc`."""
    table = _CRC64_TABLE
    c = crc ^ _MASK64
    for b in data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ _MASK64


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def md5_hex_upper(data: bytes) -> str:
    return hashlib.md5(data).hexdigest().upper()


def quoted_etag(data: bytes) -> str:
    return '"%s"' % md5_hex_upper(data)


def content_md5(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


@lru_cache(maxsize=None)
def random_bytes(size: int, seed: int = 0) -> bytes:
    return random.Random(f"{seed}:{size}").randbytes(size)


@lru_cache(maxsize=None)
def random_bytes_crc(size: int, seed: int = 0) -> int:
    return crc64(random_bytes(size, seed))


def header(headers, name) -> Optional[str]:
    """Case-insensitive header lookup that works for requests/oss2 and the v2 SDK."""
    if headers is None:
        return None
    try:
        v = headers.get(name)
        if v is not None:
            return v
    except AttributeError:
        pass
    lname = name.lower()
    for k, v in headers.items():
        if k.lower() == lname:
            return v
    return None


def assert_common_headers(headers, context=""):
    rid = header(headers, "x-oss-request-id")
    assert rid is not None, f"{context}: no x-oss-request-id header"
    assert REQUEST_ID_RE.match(rid), f"{context}: bad x-oss-request-id {rid!r}"
    date = header(headers, "Date")
    assert date is not None, f"{context}: no Date header"
    assert HTTP_DATE_RE.match(date), f"{context}: bad Date {date!r}"
    return rid


def parse_http_date(value: str) -> float:
    assert value is not None and HTTP_DATE_RE.match(value), value
    return email.utils.parsedate_to_datetime(value).timestamp()


def http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


def parse_error_xml(body: bytes) -> dict:
    """Parse an OSS <Error> document into {tag: text}; asserts the root is <Error>."""
    assert body, "expected an XML error body, got an empty body"
    root = ET.fromstring(body)
    assert root.tag == "Error", f"root element is {root.tag!r}, expected 'Error'"
    return {child.tag: (child.text or "") for child in root}


def decode_x_oss_err(headers) -> dict:
    raw = header(headers, "x-oss-err")
    assert raw, "HEAD error response has no x-oss-err header"
    return parse_error_xml(base64.b64decode(raw))


def oss2_error(fn, *args, **kwargs) -> "oss2.exceptions.OssError":
    """Call fn and return the oss2 ServerError it must raise."""
    with pytest.raises(oss2.exceptions.ServerError) as ei:
        result = fn(*args, **kwargs)
        # A streamed GET only fails at read time for transport errors; force the body.
        if hasattr(result, "read"):
            result.read()
    return ei.value


def v2_error(fn, *args, **kwargs) -> "oss.exceptions.ServiceError":
    """Call fn (a v2 SDK operation) and return the ServiceError it must raise."""
    with pytest.raises(oss.exceptions.OperationError) as ei:
        fn(*args, **kwargs)
    err = ei.value.unwrap()
    assert isinstance(err, oss.exceptions.ServiceError), f"not a service error: {err!r}"
    return err


def assert_oss2_error(fn, status, code, *args, **kwargs):
    e = oss2_error(fn, *args, **kwargs)
    assert (e.status, e.code) == (status, code), f"got {e.status} {e.code!r}: {e.details}"
    return e


def assert_v2_error(fn, status, code, *args, **kwargs):
    e = v2_error(fn, *args, **kwargs)
    assert (e.status_code, e.code) == (status, code), f"got {e.status_code} {e.code!r}: {e.message}"
    return e


# --------------------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------------------


@dataclasses.dataclass
class ServerInfo:
    endpoint: str
    host: str
    port: int
    ak: str
    sk: str
    region: str
    data_dir: str
    stderr_path: str
    process: subprocess.Popen


class _StdoutPump(threading.Thread):
    """Reads the server's stdout line by line into a queue (None marks EOF), keeping a tail."""

    def __init__(self, stream):
        super().__init__(name="ossd-stdout", daemon=True)
        self.stream = stream
        self.lines = queue.Queue()
        self.tail = collections.deque(maxlen=200)

    def run(self):
        try:
            for raw in iter(self.stream.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                self.tail.append(line)
                self.lines.put(line)
        finally:
            self.lines.put(None)


def _tail_file(path, limit=4000):
    try:
        with open(path, "rb") as f:
            data = f.read()
        return data[-limit:].decode("utf-8", "replace")
    except OSError:
        return ""


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("OSSD_BIN")
    if not binary:
        pytest.fail(
            "OSSD_BIN is not set. Build the server and point OSSD_BIN at the binary, e.g. "
            "`OSSD_BIN=$PWD/.build/debug/ossd .venv/bin/pytest interop`.",
            pytrace=False,
        )
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        pytest.fail(f"OSSD_BIN={binary!r} is not an executable file.", pytrace=False)

    tmp = tempfile.mkdtemp(prefix="ossd-interop-")
    data_dir = os.path.join(tmp, "data")
    os.makedirs(data_dir)
    stderr_path = os.path.join(tmp, "ossd.stderr.log")
    env = dict(os.environ)
    env["OSSD_ROOT_ACCESS_KEY_ID"] = ACCESS_KEY_ID
    env["OSSD_ROOT_ACCESS_KEY_SECRET"] = ACCESS_KEY_SECRET
    argv = [
        binary, "serve",
        "--address", "127.0.0.1:0",
        "--data-dir", data_dir,
        "--region", REGION,
        "--log-level", "warning",
        "--restore-delay", "0",
    ]
    stderr_file = open(stderr_path, "wb")
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=stderr_file, env=env, cwd=tmp)
    pump = _StdoutPump(proc.stdout)
    pump.start()

    def stop():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        pump.join(timeout=10)
        stderr_file.close()

    def diagnostics():
        return ("\n--- ossd stdout (tail) ---\n" + "\n".join(pump.tail)
                + "\n--- ossd stderr (tail) ---\n" + _tail_file(stderr_path))

    port = None
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    try:
        while port is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            try:
                line = pump.lines.get(timeout=remaining)
            except queue.Empty:
                raise TimeoutError
            if line is None:
                rc = proc.wait(timeout=30)
                stop()
                msg = (f"ossd exited (status {rc}) before printing its listening line: "
                       f"{' '.join(argv)}" + diagnostics())
                shutil.rmtree(tmp, ignore_errors=True)
                pytest.fail(msg, pytrace=False)
            m = LISTEN_RE.search(line)
            if m:
                port = int(m.group(1))
    except TimeoutError:
        stop()
        msg = (f"ossd did not print 'ossd listening on http://127.0.0.1:<port>' within "
               f"{STARTUP_DEADLINE_S:.0f}s: {' '.join(argv)}" + diagnostics())
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.fail(msg, pytrace=False)

    info = ServerInfo(
        endpoint=f"http://127.0.0.1:{port}", host="127.0.0.1", port=port,
        ak=ACCESS_KEY_ID, sk=ACCESS_KEY_SECRET, region=REGION,
        data_dir=data_dir, stderr_path=stderr_path, process=proc,
    )
    try:
        yield info
    finally:
        stop()
        if os.environ.get("OSSD_INTEROP_KEEP_DATA"):
            print(f"\nossd interop data kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(autouse=True)
def _server_still_running(request):
    """Report a crashed server clearly instead of as a cascade of connection errors."""
    yield
    if "server" in request.fixturenames:
        try:
            srv = request.getfixturevalue("server")
        except BaseException:  # the server fixture itself failed; already reported
            return
        rc = srv.process.poll()
        if rc is not None:
            pytest.fail(f"ossd exited with status {rc} during this test\n"
                        + _tail_file(srv.stderr_path), pytrace=False)


# --------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------


def oss2_auth(sig: str, ak: str = ACCESS_KEY_ID, sk: str = ACCESS_KEY_SECRET):
    if sig == "v1":
        return oss2.Auth(ak, sk)
    if sig == "v2":
        return oss2.AuthV2(ak, sk)
    if sig == "v4":
        return oss2.AuthV4(ak, sk)
    raise ValueError(sig)


def make_oss2_bucket(srv: ServerInfo, name: str, sig: str = "v4",
                     ak: str = ACCESS_KEY_ID, sk: str = ACCESS_KEY_SECRET) -> oss2.Bucket:
    # An IP endpoint is path style in oss2 anyway; is_path_style=True states it explicitly.
    return oss2.Bucket(oss2_auth(sig, ak, sk), srv.endpoint, name,
                       is_path_style=True, enable_crc=True, region=REGION,
                       connect_timeout=30)


def make_oss2_service(srv: ServerInfo, sig: str = "v4",
                      ak: str = ACCESS_KEY_ID, sk: str = ACCESS_KEY_SECRET) -> oss2.Service:
    return oss2.Service(oss2_auth(sig, ak, sk), srv.endpoint, is_path_style=True,
                        region=REGION, connect_timeout=30)


def make_v2_client(srv: ServerInfo, sig: str = "v4",
                   ak: str = ACCESS_KEY_ID, sk: str = ACCESS_KEY_SECRET) -> oss.Client:
    cfg = oss.Config(
        region=REGION,
        endpoint=srv.endpoint,
        signature_version=sig,
        credentials_provider=oss.credentials.StaticCredentialsProvider(ak, sk),
        use_path_style=True,
        # One attempt: every assertion is on what the server answered the first time.
        retry_max_attempts=1,
    )
    return oss.Client(cfg)


class RawClient:
    """Signed (or anonymous) raw HTTP requests, returning the `requests.Response` as is.

    Signing reuses oss2's signers so the request is exactly what an SDK would sign; the
    URL is built path style (`/bucket/key`, key percent-encoded including '/').
    """

    def __init__(self, srv: ServerInfo, sig: Optional[str] = "v1",
                 ak: str = ACCESS_KEY_ID, sk: str = ACCESS_KEY_SECRET):
        self.srv = srv
        self.auth = oss2_auth(sig, ak, sk) if sig else None
        self.session = requests.Session()

    def url(self, bucket: str = "", key: str = "") -> str:
        if bucket:
            return f"{self.srv.endpoint}/{bucket}/{quote(key, safe='')}"
        return f"{self.srv.endpoint}/"

    def request(self, method, bucket="", key="", params=None, headers=None, data=None):
        req = oss2.http.Request(method, self.url(bucket, key), data=data, params=params,
                                headers=headers, region=REGION, product="oss")
        if self.auth is not None:
            self.auth._sign_request(req, bucket, key)
        return self.session.request(method, req.url, params=req.params, headers=req.headers,
                                    data=req.data, timeout=60, allow_redirects=False)

    def get(self, bucket="", key="", **kw):
        return self.request("GET", bucket, key, **kw)

    def put(self, bucket="", key="", **kw):
        return self.request("PUT", bucket, key, **kw)

    def head(self, bucket="", key="", **kw):
        return self.request("HEAD", bucket, key, **kw)

    def delete(self, bucket="", key="", **kw):
        return self.request("DELETE", bucket, key, **kw)


def anon_get(srv: ServerInfo, bucket: str, key: str, method="GET", params=None, data=None):
    url = f"{srv.endpoint}/{bucket}/{quote(key, safe='')}"
    return requests.request(method, url, params=params, data=data,
                            headers={"Accept-Encoding": "identity"}, timeout=60)


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------

_RUN_ID = uuid.uuid4().hex[:8]
_bucket_counter = itertools.count()


def unique_bucket_name(prefix: str = "it") -> str:
    return f"{prefix}-{_RUN_ID}-{next(_bucket_counter):04d}"


def _empty_and_delete_bucket(srv: ServerInfo, name: str):
    b = make_oss2_bucket(srv, name, "v4")
    try:
        for upload in oss2.MultipartUploadIterator(b):
            b.abort_multipart_upload(upload.key, upload.upload_id)
        while True:
            keys = []
            marker = ""
            while True:
                res = b.list_objects(marker=marker, max_keys=1000)
                keys.extend(o.key for o in res.object_list)
                if not res.is_truncated:
                    break
                marker = res.next_marker
            if not keys:
                break
            for i in range(0, len(keys), 1000):
                b.batch_delete_objects(keys[i:i + 1000])
        b.delete_bucket()
    except oss2.exceptions.NoSuchBucket:
        pass
    except Exception as e:  # cleanup is best effort; the session's data dir is removed anyway
        warnings.warn(f"cleanup of bucket {name} failed: {e!r}")


@pytest.fixture
def make_bucket(server):
    """Factory: make_bucket(acl=None, storage_class=None, prefix='it') -> new bucket name.
    Every bucket made is emptied and deleted after the test."""
    created = []

    def _make(acl=None, storage_class=None, prefix="it"):
        name = unique_bucket_name(prefix)
        b = make_oss2_bucket(server, name, "v4")
        cfg = oss2.models.BucketCreateConfig(storage_class) if storage_class else None
        b.create_bucket(acl, cfg)
        created.append(name)
        return name

    yield _make
    for name in created:
        _empty_and_delete_bucket(server, name)


@pytest.fixture
def bucket_name(make_bucket):
    """A fresh private bucket, emptied and deleted after the test."""
    return make_bucket()


@pytest.fixture
def admin(server, bucket_name) -> oss2.Bucket:
    """oss2 (V4) handle on the fresh bucket, for set-up and independent checks."""
    return make_oss2_bucket(server, bucket_name, "v4")


@pytest.fixture(params=OSS2_SIGS, ids=[f"oss2-{s}" for s in OSS2_SIGS])
def oss2_sig(request):
    return request.param


@pytest.fixture
def bucket(server, bucket_name, oss2_sig) -> oss2.Bucket:
    """oss2 handle on the fresh bucket, parametrized over signature V1, V2 and V4."""
    return make_oss2_bucket(server, bucket_name, oss2_sig)


@pytest.fixture(params=V2SDK_SIGS, ids=[f"v2sdk-{s}" for s in V2SDK_SIGS])
def v2_sig(request):
    return request.param


@pytest.fixture
def v2(server, v2_sig) -> oss.Client:
    """alibabacloud-oss-v2 client, parametrized over signature V4 and V1."""
    return make_v2_client(server, v2_sig)


@pytest.fixture
def raw(server) -> RawClient:
    """Raw requests signed with V1 by oss2's signer."""
    return RawClient(server, "v1")


@pytest.fixture
def raw_v4(server) -> RawClient:
    return RawClient(server, "v4")
