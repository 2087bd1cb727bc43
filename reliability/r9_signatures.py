#!/usr/bin/env python3
"""R9 signatures and time.

For signature V1 and V4 a request is signed, then exactly one signed component is altered
before sending (the Authorization header is kept): method, bucket, key, each signed
x-oss-* header (changed, removed, one added), Content-MD5 (with a body that matches the new
MD5), Content-Type, sub-resources, query parameters (V4 signs them all), the date, the V4
scope (date, region), a signed Host (V4 AdditionalHeaders), x-oss-content-sha256, the access
key id and the signature itself. 0 may be accepted (any 2xx), and none may have an effect
(no object at the altered key, nothing deleted). The unaltered request must be accepted.

Clock skew: Date / x-oss-date 14 minutes off either way are accepted; 16 minutes off get
403 RequestTimeTooSkewed. Presigned URLs (V1 Expires, V4 x-oss-date + x-oss-expires) past
their expiry, and presigned URLs with an altered key, are refused; unexpired ones work.
"""

import hashlib
import re
import time
from urllib.parse import quote

from common import (Check, Client, Signer, build_request, fmt, make_bucket, md5_b64, parse_oss_error,
                    raw_request, target_of)

BUCKET = "sig"
OTHER_BUCKET = "sig-other"


class Req:
    def __init__(self, method, bucket, key, query=(), headers=None, body=b""):
        self.method, self.bucket, self.key = method, bucket, key
        self.query = list(query)
        self.headers = dict(headers or {})
        self.body = body

    def copy(self):
        return Req(self.method, self.bucket, self.key, self.query, self.headers, self.body)

    def wire(self, port):
        hl = [(k, v) for k, v in self.headers.items()]
        if not any(k.lower() == "host" for k, _ in hl):
            hl.insert(0, ("Host", f"127.0.0.1:{port}"))
        if self.body or self.method in ("PUT", "POST"):
            hl.append(("Content-Length", str(len(self.body))))
        return build_request(self.method, target_of(self.bucket, self.key, self.query), hl, self.body)


def set_header(req, name, value):
    for k in list(req.headers):
        if k.lower() == name.lower():
            del req.headers[k]
    if value is not None:
        req.headers[name] = value


def get_header(req, name):
    for k, v in req.headers.items():
        if k.lower() == name.lower():
            return v
    return None


def main():
    check = Check("R9 signatures", __doc__)
    check.parse()
    repeats = 20 if check.long else 1
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    make_bucket(admin, OTHER_BUCKET)
    assert admin.request("PUT", BUCKET, "existing", data=b"keep me").status_code == 200
    signer = Signer()
    port = srv.port
    seq = [0]

    def send(req):
        return raw_request(port, req.wire(port), timeout=30, head_request=(req.method == "HEAD"))

    def put_base(n):
        body = f"hello-{n}".encode()
        return Req("PUT", BUCKET, f"obj-{n}", [], {
            "Content-Type": "text/plain", "Content-MD5": md5_b64(body),
            "x-oss-meta-color": "blue", "x-oss-object-acl": "private"}, body)

    def get_base(n):
        return Req("GET", BUCKET, "existing", [("response-content-type", "text/plain")], {})

    def acl_base(n):
        return Req("GET", BUCKET, "existing", [("acl", None)], {})

    def sign(req, sig, additional=()):
        if sig == "v1":
            signer.sign_v1(req.method, req.bucket, req.key, req.query, req.headers)
        else:
            signer.sign_v4(req.method, req.bucket, req.key, req.query, req.headers, additional)
        return req

    # alteration name -> (base maker, alteration(req) -> req, versions, effect key or None)
    def m_method(to):
        def f(r):
            r.method = to
            return r
        return f

    def m_key(r):
        r.key = r.key + "-altered"
        return r

    def m_bucket(r):
        r.bucket = OTHER_BUCKET
        return r

    def m_header(name, value):
        def f(r):
            set_header(r, name, value)
            return r
        return f

    def m_md5(r):
        r.body = r.body + b"!"
        set_header(r, "Content-MD5", md5_b64(r.body))
        return r

    def m_query(q):
        def f(r):
            r.query = q(r.query)
            return r
        return f

    def m_date(r):
        if get_header(r, "x-oss-date"):
            t = time.strptime(get_header(r, "x-oss-date"), "%Y%m%dT%H%M%SZ")
            import calendar
            set_header(r, "x-oss-date", time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(calendar.timegm(t) + 1)))
        else:
            import email.utils
            ts = email.utils.parsedate_to_datetime(get_header(r, "Date")).timestamp() + 1
            set_header(r, "Date", email.utils.formatdate(ts, usegmt=True))
        return r

    def m_auth(fn):
        def f(r):
            set_header(r, "Authorization", fn(get_header(r, "Authorization")))
            return r
        return f

    def flip_sig(a):
        i = len(a) - 3
        return a[:i] + ("0" if a[i] != "0" else "1") + a[i + 1:]

    cases = [
        ("method GET->HEAD", get_base, m_method("HEAD"), ("v1", "v4"), None),
        ("method GET->DELETE", get_base, m_method("DELETE"), ("v1", "v4"), None),
        ("method PUT->POST", put_base, m_method("POST"), ("v1", "v4"), None),
        ("key", put_base, m_key, ("v1", "v4"), "altered"),
        ("bucket", put_base, m_bucket, ("v1", "v4"), "other-bucket"),
        ("x-oss-meta header changed", put_base, m_header("x-oss-meta-color", "red"), ("v1", "v4"), None),
        ("x-oss-object-acl changed", put_base, m_header("x-oss-object-acl", "public-read-write"), ("v1", "v4"), None),
        ("x-oss header removed", put_base, m_header("x-oss-meta-color", None), ("v1", "v4"), None),
        ("x-oss header added", put_base, m_header("x-oss-meta-extra", "1"), ("v1", "v4"), None),
        ("Content-MD5 (and body)", put_base, m_md5, ("v1", "v4"), None),
        ("Content-MD5 removed", put_base, m_header("Content-MD5", None), ("v1", "v4"), None),
        ("Content-Type changed", put_base, m_header("Content-Type", "text/html"), ("v1", "v4"), None),
        ("Content-Type removed", put_base, m_header("Content-Type", None), ("v1", "v4"), None),
        ("sub-resource acl->tagging", acl_base, m_query(lambda q: [("tagging", None)]), ("v1", "v4"), None),
        ("sub-resource added", get_base, m_query(lambda q: q + [("acl", None)]), ("v1", "v4"), None),
        ("sub-resource removed", acl_base, m_query(lambda q: []), ("v1", "v4"), None),
        ("response-* value", get_base, m_query(lambda q: [("response-content-type", "text/html")]), ("v1", "v4"), None),
        ("query parameter added", get_base, m_query(lambda q: q + [("foo", "bar")]), ("v4",), None),
        ("date +1 s", get_base, m_date, ("v1", "v4"), None),
        ("scope date", get_base, m_auth(_shift_scope_day), ("v4",), None),
        ("scope region", get_base, m_auth(lambda a: a.replace("/cn-hangzhou/", "/cn-beijing/")), ("v4",), None),
        ("scope product", get_base, m_auth(lambda a: a.replace("/oss/", "/ecs/")), ("v4",), None),
        ("x-oss-content-sha256", put_base, m_header("x-oss-content-sha256", hashlib.sha256(b"other").hexdigest()), ("v4",), None),
        ("access key id", get_base, m_auth(lambda a: a.replace("rel-ak", "rel-ak2")), ("v1", "v4"), None),
        ("signature", get_base, m_auth(flip_sig), ("v1", "v4"), None),
        ("signature removed", get_base, m_auth(lambda a: re.sub(r"(Signature=|:)[0-9A-Za-z+/=]+$", r"\1", a)
                                               if a.startswith("OSS ") else re.sub(r"Signature=[0-9a-f]+", "Signature=", a)),
         ("v1", "v4"), None),
    ]
    host_case = ("signed Host", get_base, m_header("Host", "127.0.0.2:1"), ("v4",), None)

    accepted = refused = baseline_bad = effects = 0
    codes = {}
    for rep in range(repeats):
        for name, base, alter, versions, effect in cases + [host_case]:
            for sig in versions:
                seq[0] += 1
                n = seq[0]
                additional = ("host",) if name == "signed Host" else ()
                # Baseline: the same request, unaltered, must be accepted.
                good = sign(base(n), sig, additional)
                if name == "signed Host":
                    set_header(good, "Host", f"127.0.0.1:{port}")
                    sign_v4_host(signer, good, port)
                r = send(good)
                if not (200 <= (r.status or 0) < 300):
                    baseline_bad += 1
                    check.fail(f"{sig} {name}: unaltered request refused: {r.status} {r.body[:200]!r}")
                # Altered: fresh signature over a fresh request, then one component changed.
                n2 = n + 100000
                req = sign(base(n2), sig, additional)
                if name == "signed Host":
                    set_header(req, "Host", f"127.0.0.1:{port}")
                    sign_v4_host(signer, req, port)
                bad = alter(req.copy())
                r = send(bad)
                err = parse_oss_error(r.body) or {}
                if not err and r.header("x-oss-err"):
                    import base64
                    err = parse_oss_error(base64.b64decode(r.header("x-oss-err"))) or {}
                if r.status is not None and 200 <= r.status < 300:
                    accepted += 1
                    check.fail(f"{sig} {name}: ACCEPTED ({r.status}) {bad.method} "
                               f"{target_of(bad.bucket, bad.key, bad.query)}")
                else:
                    refused += 1
                    codes[err.get("Code", str(r.status))] = codes.get(err.get("Code", str(r.status)), 0) + 1
                if effect == "altered":
                    h = admin.request("HEAD", BUCKET, bad.key)
                    if h.status_code != 404:
                        effects += 1
                        check.fail(f"{sig} {name}: object {bad.key} exists after a refused request")
                if effect == "other-bucket":
                    h = admin.request("HEAD", OTHER_BUCKET, bad.key)
                    if h.status_code != 404:
                        effects += 1
                        check.fail(f"{sig} {name}: object {OTHER_BUCKET}/{bad.key} exists")
        h = admin.request("GET", BUCKET, "existing")
        if h.status_code != 200 or h.content != b"keep me":
            effects += 1
            check.fail(f"'existing' changed by an altered request: {h.status_code}")

    # Clock skew.
    skew_ok = skew_refused = 0
    for sig in ("v1", "v4"):
        for minutes, want in ((14, 200), (-14, 200), (16, "RequestTimeTooSkewed"), (-16, "RequestTimeTooSkewed")):
            s = Signer(clock=lambda m=minutes: time.time() + m * 60)
            req = get_base(0)
            if sig == "v1":
                s.sign_v1(req.method, req.bucket, req.key, req.query, req.headers)
            else:
                s.sign_v4(req.method, req.bucket, req.key, req.query, req.headers)
            r = send(req)
            err = parse_oss_error(r.body) or {}
            if want == 200:
                if r.status == 200:
                    skew_ok += 1
                else:
                    check.fail(f"{sig} skew {minutes:+d} min: {r.status} {err.get('Code')}, want 200")
            else:
                if r.status == 403 and err.get("Code") == want:
                    skew_refused += 1
                else:
                    check.fail(f"{sig} skew {minutes:+d} min: {r.status} {err.get('Code')}, want 403 {want}")

    # Presigned URLs.
    presign_refused = presign_ok = 0

    def presigned(sig, key, expires_in, date_offset=0, alter_key=None):
        s = Signer(clock=lambda: time.time() + date_offset)
        q = [("response-content-type", "text/plain")]
        if sig == "v1":
            extra = s.presign_v1("GET", BUCKET, key, q, time.time() + expires_in)
        else:
            extra = s.presign_v4("GET", BUCKET, key, q, expires_in)
        target = target_of(BUCKET, alter_key or key, q + extra)
        return raw_request(port, build_request("GET", target, [("Host", f"127.0.0.1:{port}")]), timeout=30)

    for sig in ("v1", "v4"):
        r = presigned(sig, "existing", 60)
        if r.status == 200 and r.body == b"keep me":
            presign_ok += 1
        else:
            check.fail(f"{sig} presigned URL (valid): {r.status} {r.body[:200]!r}")
        variants = [("expired", dict(expires_in=-60 if sig == "v1" else 60, date_offset=0 if sig == "v1" else -3600)),
                    ("expired by 1 s", dict(expires_in=-1 if sig == "v1" else 1, date_offset=0 if sig == "v1" else -5)),
                    ("altered key", dict(expires_in=60, alter_key="existing2"))]
        if sig == "v4":
            variants.append(("expires beyond 7 days", dict(expires_in=8 * 86400)))
        for vname, kw in variants:
            if vname == "altered key":
                admin.request("PUT", BUCKET, "existing2", data=b"other")
            r = presigned(sig, "existing", **kw)
            err = parse_oss_error(r.body) or {}
            if r.status is not None and 200 <= r.status < 300:
                check.fail(f"{sig} presigned URL {vname}: ACCEPTED")
            elif not err:
                check.fail(f"{sig} presigned URL {vname}: {r.status} without OSS error XML")
            else:
                presign_refused += 1
    if not srv.alive():
        check.fail("ossd died")
    admin.close()
    srv.stop()
    total_altered = accepted + refused
    code_list = ", ".join(f"{k} {v}" for k, v in sorted(codes.items(), key=lambda kv: -kv[1]))
    figure = (f"R9 signatures: {fmt(total_altered)} altered V1/V4 requests, {accepted} accepted, "
              f"{effects} with effect ({code_list}); {baseline_bad} unaltered refused; "
              f"skew +-14 min {skew_ok}/4 accepted, +-16 min {skew_refused}/4 RequestTimeTooSkewed; "
              f"presigned {presign_ok}/2 valid accepted, {presign_refused} expired/altered refused")
    check.finish(figure, not check.failures)


def _shift_scope_day(auth):
    # Credential=ak/YYYYMMDD/region/oss/aliyun_v4_request -> the previous day.
    import datetime
    head, rest = auth.split("Credential=", 1)
    cred, tail = rest.split(",", 1)
    parts = cred.split("/")
    d = datetime.datetime.strptime(parts[1], "%Y%m%d") - datetime.timedelta(days=1)
    parts[1] = d.strftime("%Y%m%d")
    return head + "Credential=" + "/".join(parts) + "," + tail


def sign_v4_host(signer, req, port):
    """Re-sign `req` (V4) with Host in AdditionalHeaders."""
    for k in ("Authorization", "x-oss-date", "x-oss-content-sha256"):
        req.headers.pop(k, None)
    signer.sign_v4(req.method, req.bucket, req.key, req.query, req.headers, ("host",))


if __name__ == "__main__":
    main()
