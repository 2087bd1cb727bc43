#!/usr/bin/env python3
"""Generate signature test vectors with the official OSS Python SDKs.

Requires oss2==2.19.1 and alibabacloud-oss-v2==1.4.1:

    python3 -m venv /tmp/wirevenv
    /tmp/wirevenv/bin/pip install oss2==2.19.1 alibabacloud-oss-v2==1.4.1
    /tmp/wirevenv/bin/python generate_vectors.py   # writes sdk-signatures.json next to this file

Header-signed requests are really sent to a throw-away HTTP server on 127.0.0.1 (OS-chosen
port) and recorded as they arrive: raw path, raw query (byte-exact, as on the wire), and the
headers in arrival order. Presigned URLs are recorded as the SDK returns them. The clock is
frozen (time.time and datetime.datetime are patched) so the output is deterministic.
"""

import datetime as _dt
import http.server
import json
import os
import threading
import time
from urllib.parse import urlsplit, unquote

FIXED_EPOCH = 1795803356  # 2026-11-27T18:15:56Z
ACCESS_KEY_ID = "LTAI5tVectorKeyId"
SECRET = "VectorSecret/Key+42=="
STS_TOKEN = "CAIS+sts/token=abc&x y"
REGION = "cn-hangzhou"
BUCKET = "vector-bucket"


class _FrozenDateTime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        base = _dt.datetime.fromtimestamp(FIXED_EPOCH, _dt.timezone.utc)
        return base if tz is not None else base.replace(tzinfo=None)

    @classmethod
    def utcnow(cls):
        return _dt.datetime.fromtimestamp(FIXED_EPOCH, _dt.timezone.utc).replace(tzinfo=None)


_real_datetime = _dt.datetime
_dt.datetime = _FrozenDateTime
time.time = lambda: float(FIXED_EPOCH)

import oss2  # noqa: E402  (after the clock is frozen)
import alibabacloud_oss_v2 as ossv2  # noqa: E402


class _Capture(http.server.BaseHTTPRequestHandler):
    captured = []

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path, _, query = self.path.partition("?")
        _Capture.captured.append({
            "method": self.command,
            "path": path,
            "rawQuery": query,
            "headers": [[k, v] for k, v in self.headers.items()],
        })
        self.send_response(200)
        self.send_header("x-oss-request-id", "0123456789ABCDEF01234567")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

    def log_message(self, *args):
        pass


def _start_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


VECTORS = []


def _header(headers, name):
    for k, v in headers:
        if k.lower() == name:
            return v
    return None


def record(name, sdk, version, bucket, key, call, token=None, additional=None):
    """Runs `call`, which must send exactly one request, and records what arrived."""
    _Capture.captured.clear()
    try:
        call()
    except Exception:
        pass  # the stub server answers with an empty 200; response parsing may fail
    assert _Capture.captured, name
    req = _Capture.captured[0]
    VECTORS.append({
        "name": name, "sdk": sdk, "version": version, "presigned": False,
        "method": req["method"], "bucket": bucket, "key": key, "path": req["path"],
        "rawQuery": req["rawQuery"], "headers": req["headers"],
        "accessKeyId": ACCESS_KEY_ID, "secret": SECRET, "region": REGION,
        "securityToken": token, "additionalHeaders": additional or [],
        "now": FIXED_EPOCH,
        "expectedAuthorization": _header(req["headers"], "authorization"),
    })


def record_url(name, sdk, version, method, bucket, key, url, headers=None, token=None,
               additional=None, expires_at=None):
    parts = urlsplit(url)
    VECTORS.append({
        "name": name, "sdk": sdk, "version": version, "presigned": True,
        "method": method, "bucket": bucket, "key": key, "path": parts.path,
        "rawQuery": parts.query, "headers": [[k, v] for k, v in (headers or {}).items()],
        "accessKeyId": ACCESS_KEY_ID, "secret": SECRET, "region": REGION,
        "securityToken": token, "additionalHeaders": additional or [],
        "now": FIXED_EPOCH, "expiresAt": expires_at,
        "expectedAuthorization": None,
    })


def oss2_cases(endpoint):
    auths = {
        "v1": oss2.Auth(ACCESS_KEY_ID, SECRET),
        "v2": oss2.AuthV2(ACCESS_KEY_ID, SECRET),
        "v4": oss2.AuthV4(ACCESS_KEY_ID, SECRET),
    }
    for version, auth in auths.items():
        b = oss2.Bucket(auth, endpoint, BUCKET, region=REGION)
        svc = oss2.Service(auth, endpoint, region=REGION)
        p = "oss2-" + version
        record(p + "-put-md5-type-meta", "oss2", version, BUCKET, "dir/hello world.txt",
               lambda: b.put_object("dir/hello world.txt", b"hello", headers={
                   "Content-MD5": "XUFAKrxLKna5cZ2REBfFkg==", "Content-Type": "text/plain",
                   "x-oss-meta-author": "alice", "X-Oss-Meta-Magic": "abracadabra"}))
        record(p + "-get-plus-chinese", "oss2", version, BUCKET, "a+b/中文 文件.txt",
               lambda: b.get_object("a+b/中文 文件.txt"))
        record(p + "-get-range", "oss2", version, BUCKET, "range.bin",
               lambda: b.get_object("range.bin", byte_range=(0, 9)))
        record(p + "-get-acl", "oss2", version, BUCKET, "acl key~.txt",
               lambda: b.get_object_acl("acl key~.txt"))
        record(p + "-put-symlink", "oss2", version, BUCKET, "link.txt",
               lambda: b.put_symlink("dir/target 文件.txt", "link.txt"))
        record(p + "-init-multipart", "oss2", version, BUCKET, "big/file.bin",
               lambda: b.init_multipart_upload("big/file.bin"))
        record(p + "-upload-part", "oss2", version, BUCKET, "big/file.bin",
               lambda: b.upload_part("big/file.bin", "x", 1, b"data"))
        record(p + "-list-prefix-slash", "oss2", version, BUCKET, None,
               lambda: b.list_objects(prefix="photos/2024 x/", delimiter="/", max_keys=10))
        record(p + "-get-response-type-version", "oss2", version, BUCKET, "v.txt",
               lambda: b.get_object("v.txt", params={
                   "versionId": "CAEQ/v+1", "response-content-type": "text/plain; charset=utf-8"}))
        record(p + "-list-buckets", "oss2", version, None, None, lambda: svc.list_buckets())
        sts = oss2.StsAuth(ACCESS_KEY_ID, SECRET, STS_TOKEN, auth_version=version)
        sb = oss2.Bucket(sts, endpoint, BUCKET, region=REGION)
        record(p + "-sts-get", "oss2", version, BUCKET, "secret/doc.txt",
               lambda: sb.get_object("secret/doc.txt"), token=STS_TOKEN)

        for label, bucket_obj, token in (("", b, None), ("-sts", sb, STS_TOKEN)):
            key = "presign/中文 a+b.txt"
            if version == "v4" and token is None:  # StsAuth takes no additional headers
                url = bucket_obj.sign_url("GET", key, 600, params={"versionId": "v/1"},
                                          headers={"Host": "127.0.0.1"},
                                          additional_headers=["host"])
                record_url(p + "-presign-get" + label, "oss2", version, "GET", BUCKET, key, url,
                           headers={"Host": "127.0.0.1"}, token=token, additional=["host"],
                           expires_at=FIXED_EPOCH + 600)
            else:
                url = bucket_obj.sign_url("GET", key, 600, params={"versionId": "v/1"})
                record_url(p + "-presign-get" + label, "oss2", version, "GET", BUCKET, key, url,
                           token=token, expires_at=FIXED_EPOCH + 600)
        url = b.sign_url("PUT", "upload me.txt", 3600, headers={"Content-Type": "text/plain"})
        record_url(p + "-presign-put-type", "oss2", version, "PUT", BUCKET, "upload me.txt", url,
                   headers={"Content-Type": "text/plain"}, expires_at=FIXED_EPOCH + 3600)


def v2_client(endpoint, version, token=None):
    if token:
        provider = ossv2.credentials.StaticCredentialsProvider(ACCESS_KEY_ID, SECRET, token)
    else:
        provider = ossv2.credentials.StaticCredentialsProvider(ACCESS_KEY_ID, SECRET)
    cfg = ossv2.config.load_default()
    cfg.credentials_provider = provider
    cfg.region = REGION
    cfg.endpoint = endpoint
    cfg.signature_version = version
    cfg.retry_max_attempts = 1
    # No additional-headers case here: 1.4.1 never hands Config.additional_headers to its signer.
    return ossv2.Client(cfg)


def v2_cases(endpoint):
    m = ossv2.models
    for version in ("v4", "v1"):
        c = v2_client(endpoint, version)
        s = v2_client(endpoint, version, token=STS_TOKEN)
        p = "pyv2-" + version
        record(p + "-put-md5-type-meta", "alibabacloud-oss-v2", version, BUCKET, "dir/hello world.txt",
               lambda: c.put_object(m.PutObjectRequest(
                   bucket=BUCKET, key="dir/hello world.txt", body=b"hello",
                   content_type="text/plain", metadata={"author": "alice"})))
        record(p + "-get-plus-chinese", "alibabacloud-oss-v2", version, BUCKET, "a+b/中文 文件.txt",
               lambda: c.get_object(m.GetObjectRequest(bucket=BUCKET, key="a+b/中文 文件.txt")))
        record(p + "-get-acl", "alibabacloud-oss-v2", version, BUCKET, "acl key~.txt",
               lambda: c.get_object_acl(m.GetObjectAclRequest(bucket=BUCKET, key="acl key~.txt")))
        record(p + "-put-symlink", "alibabacloud-oss-v2", version, BUCKET, "link.txt",
               lambda: c.put_symlink(m.PutSymlinkRequest(
                   bucket=BUCKET, key="link.txt", symlink_target="dir/target.txt")))
        record(p + "-init-multipart", "alibabacloud-oss-v2", version, BUCKET, "big/file.bin",
               lambda: c.initiate_multipart_upload(m.InitiateMultipartUploadRequest(
                   bucket=BUCKET, key="big/file.bin")))
        record(p + "-upload-part", "alibabacloud-oss-v2", version, BUCKET, "big/file.bin",
               lambda: c.upload_part(m.UploadPartRequest(
                   bucket=BUCKET, key="big/file.bin", part_number=1, upload_id="x", body=b"data")))
        record(p + "-list-prefix-slash", "alibabacloud-oss-v2", version, BUCKET, None,
               lambda: c.list_objects_v2(m.ListObjectsV2Request(
                   bucket=BUCKET, prefix="photos/2024 x/", delimiter="/", max_keys=10)))
        record(p + "-get-response-type-version", "alibabacloud-oss-v2", version, BUCKET, "v.txt",
               lambda: c.get_object(m.GetObjectRequest(
                   bucket=BUCKET, key="v.txt", version_id="CAEQ/v+1",
                   response_content_type="text/plain; charset=utf-8")))
        record(p + "-list-buckets", "alibabacloud-oss-v2", version, None, None,
               lambda: c.list_buckets(m.ListBucketsRequest()))
        record(p + "-sts-get", "alibabacloud-oss-v2", version, BUCKET, "secret/doc.txt",
               lambda: s.get_object(m.GetObjectRequest(bucket=BUCKET, key="secret/doc.txt")),
               token=STS_TOKEN)
        expiration = _real_datetime.fromtimestamp(FIXED_EPOCH + 600, _dt.timezone.utc)
        key = "presign/中文 a+b.txt"
        for label, client, token in (("", c, None), ("-sts", s, STS_TOKEN)):
            r = client.presign(m.GetObjectRequest(bucket=BUCKET, key=key, version_id="v/1"),
                               expiration=expiration)
            record_url(p + "-presign-get" + label, "alibabacloud-oss-v2", version, "GET",
                       BUCKET, key, r.url, headers=r.signed_headers, token=token,
                       expires_at=FIXED_EPOCH + 600)
        r = c.presign(m.PutObjectRequest(bucket=BUCKET, key="upload me.txt", content_type="text/plain"),
                      expiration=_real_datetime.fromtimestamp(FIXED_EPOCH + 3600, _dt.timezone.utc))
        record_url(p + "-presign-put-type", "alibabacloud-oss-v2", version, "PUT", BUCKET,
                   "upload me.txt", r.url, headers=r.signed_headers, expires_at=FIXED_EPOCH + 3600)


def main():
    server = _start_server()
    endpoint = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        oss2_cases(endpoint)
        v2_cases(endpoint)
    finally:
        server.shutdown()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sdk-signatures.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({
            "generator": "generate_vectors.py",
            "sdks": {"oss2": oss2.__version__, "alibabacloud-oss-v2": ossv2.__version__},
            "vectors": VECTORS,
        }, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %d vectors to %s" % (len(VECTORS), out))


if __name__ == "__main__":
    main()
