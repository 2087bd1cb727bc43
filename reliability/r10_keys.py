#!/usr/bin/env python3
"""R10 keys and paths: hostile names as object keys and as symlink targets.

Valid odd keys (`../`, `%2e%2e/`, backslashes, `.`/`..`, double slashes, Unicode twins in
NFC/NFD, full-width, ligatures, bidi controls, 1023-byte keys...) must round-trip exactly:
PUT 200, GET the same bytes, HEAD 200, listed (encoding-type=url) under exactly that key,
twins as distinct objects. Invalid names (empty, 1024+ bytes, leading `/` or `\\`, overlong
or otherwise invalid UTF-8) must get 400 InvalidObjectName; NUL is either refused that way
or round-trips exactly. As symlink targets the same names must round-trip through
GetSymlink, or (invalid ones) get 400 InvalidArgument / InvalidObjectName; reading through a
link to `../../etc/passwd`-like targets gives 404 SymlinkTargetNotExist. Raw `../` in the
request path stays a key. Afterwards no file exists outside the data dir (the server's cwd
and the temp root are compared before and after; /tmp is searched for the run's marker)
and every file inside the data dir matches the store's layout.
"""

import os
import re
import unicodedata
from urllib.parse import quote_from_bytes, unquote_to_bytes

from common import (Check, Client, INLINE_THRESHOLD, Signer, build_request, fmt, make_bucket,
                    parse_oss_error, raw_request)

BUCKET = "keys"
LAYOUT = [re.compile(p) for p in (
    r"^metadata\.sqlite(-wal|-shm|-journal)?$", r"^root-credentials$", r"^master\.key$", r"^ossd\.lock$",
    r"^objects/tmp/[0-9a-f]+\.part$", r"^objects/blobs/[0-9a-f]{2}/[0-9a-f]{32}$")]


def snapshot(root, skip):
    out = set()
    for dirpath, dirs, files in os.walk(root):
        if os.path.abspath(dirpath).startswith(skip):
            dirs[:] = []
            continue
        for f in files + dirs:
            out.add(os.path.relpath(os.path.join(dirpath, f), root))
    return out


def main():
    check = Check("R10 keys", __doc__)
    check.parse()
    marker = f"ossd-r10-{check.seed}"
    srv = check.new_server()
    data_abs = os.path.abspath(srv.data_dir)
    before = snapshot(check.tmp, data_abs)
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    signer = Signer()
    port = srv.port

    def u(s):
        return s.encode("utf-8")

    nfc = unicodedata.normalize("NFC", "caf\u00e9")
    nfd = unicodedata.normalize("NFD", "caf\u00e9")
    valid = [
        u(f"../{marker}"), u(f"../../../../../../tmp/{marker}-a"), u(f"a/../../{marker}-b"),
        u(f"%2e%2e/{marker}-c"), u(f"%2e%2e%2f%2e%2e%2f{marker}-d"), u(".."), u("."), u("./a"), u("a/./b"),
        u("..\u2215..\u2215x"), u(f"a\\..\\..\\{marker}-e"), u("a//b"), u("trailing/"), u("space key "),
        u("plus+sign"), u("q?x=1#frag"), u("semi;colon"), u("tab\tkey"), u("new\nline"), u("cr\rkey"),
        u(nfc), u(nfd), u("\uff46\uff55\uff4c\uff4c"), u("full"), u("\ufb01le"), u("file"),
        u("\u0131i"), u("\u037e;"), u("zw\u200dj"), u("rtl\u202egnp.exe"), u("\U0001f600emoji"),
        u("a" * 1023), u("\u00e9" * 511 + "a"), u("~!@$&*()=:,'[]{}|^`<>\""), u("%00literal"),
        u("percent%"), u("%%2F%2f"),
    ]
    invalid = [
        (b"", "empty"), (b"a" * 1024, "1024 bytes"), (b"b" * 2000, "2000 bytes"),
        ("\u00e9".encode() * 512, "1024 bytes of UTF-8"), (b"/leading-slash", "leading /"),
        (b"\\leading-backslash", "leading \\"), (b"\xc0\xae\xc0\xae/" + u(marker), "overlong ../"),
        (b"\xe0\x80\xae\xe0\x80\xae/x", "3-byte overlong ."), (b"\xc0\x80x", "overlong NUL"),
        (b"\x80cont", "bare continuation"), (b"\xed\xa0\x80surrogate", "UTF-16 surrogate"),
        (b"\xf4\x90\x80\x80big", "> U+10FFFF"), (b"\xfe\xff", "0xFE 0xFF"), (b"trunc\xe2\x82", "truncated"),
    ]
    nul = [b"a\x00b", b"\x00", b"nul\x00" + u(marker)]

    def req(method, key, query=(), headers=None, body=b"", raw_path=None):
        h = dict(headers or {})
        keystr = key.decode("utf-8", "surrogateescape")
        signer.sign_v1(method, BUCKET, keystr, list(query), h)
        hl = list(h.items())
        if method == "PUT":
            hl.append(("Content-Length", str(len(body))))
        target = raw_path or ("/" + BUCKET + "/" + quote_from_bytes(key, safe=""))
        if query:
            target += "?" + "&".join(k if v is None else f"{k}={v}" for k, v in query)
        return raw_request(port, build_request(method, target, hl, body, host=f"127.0.0.1:{port}"), timeout=30,
                           head_request=(method == "HEAD"))

    def body_for(i, key):
        n = INLINE_THRESHOLD + 100 + i if i % 7 == 0 else 10 + i
        return (key[:50] + b"|" + str(i).encode() + b"|").ljust(n, b"#")

    roundtrip_ok = rejected_ok = 0
    stored = {}
    # V1 signs the decoded key, and a raw surrogateescape key would not encode: sign with the
    # real bytes by passing them through latin-1 where needed.
    for i, key in enumerate(valid + nul):
        body = body_for(i, key)
        r = req("PUT", key, body=body)
        err = parse_oss_error(r.body) or {}
        if key in nul and r.status == 400 and err.get("Code") == "InvalidObjectName":
            rejected_ok += 1
            continue
        if r.status != 200:
            check.fail(f"valid key {key[:80]!r}: PUT {r.status} {err.get('Code')} {err.get('Message')}")
            continue
        stored[key] = body
        g = req("GET", key)
        if g.status != 200 or g.body != body:
            check.fail(f"key {key[:80]!r}: GET {g.status}, {'same' if g.body == body else 'different'} bytes")
            continue
        h = req("HEAD", key)
        if h.status != 200:
            check.fail(f"key {key[:80]!r}: HEAD {h.status}")
            continue
        roundtrip_ok += 1
    for key, why in invalid:
        r = req("PUT", key, body=b"x") if key else None
        if key == b"":
            # An empty key is a bucket-level PUT: send it with the trailing slash only.
            r = req("PUT", key, body=b"x", raw_path=f"/{BUCKET}/")
            err = parse_oss_error(r.body) or {}
            if r.status is not None and 200 <= r.status < 300 and err == {}:
                pass  # PutBucket on an existing bucket: not an object write
            continue
        err = parse_oss_error(r.body) or {}
        if r.status == 400 and err.get("Code") == "InvalidObjectName":
            rejected_ok += 1
        else:
            check.fail(f"invalid key ({why}): PUT {r.status} {err.get('Code')}, want 400 InvalidObjectName")
    # Raw (not percent-encoded) dot segments in the request path stay part of the key.
    for i, raw_path in enumerate([f"/{BUCKET}/../{marker}-raw1", f"/{BUCKET}/a/../../{marker}-raw2",
                                  f"/{BUCKET}/./{marker}-raw3"]):
        key = raw_path[len(BUCKET) + 2:].encode()
        body = b"raw-%d" % i
        r = req("PUT", key, body=body, raw_path=raw_path)
        if r.status == 200:
            g = req("GET", key)
            if g.status == 200 and g.body == body:
                stored[key] = body
                roundtrip_ok += 1
            else:
                check.fail(f"raw path {raw_path}: stored but GET {g.status}")
        elif r.status == 400:
            rejected_ok += 1
        else:
            check.fail(f"raw path {raw_path}: PUT {r.status}")
    # GET of traversal paths never serves a file.
    for raw_path in [f"/{BUCKET}/..%2f..%2f..%2fetc%2fpasswd", f"/{BUCKET}/%2e%2e/%2e%2e/etc/passwd",
                     f"/{BUCKET}/../../../../etc/passwd", "/../../etc/passwd", f"/{BUCKET}/..\\..\\etc\\passwd"]:
        r = req("GET", unquote_to_bytes(raw_path.split("/", 2)[2]), raw_path=raw_path)
        if r.status == 200 or b"root:" in r.body:
            check.fail(f"GET {raw_path}: {r.status} {r.body[:100]!r}")
    # Symlink targets.
    links_ok = 0
    for i, tgt in enumerate(valid + nul):
        link = f"link-{i}".encode()
        enc = quote_from_bytes(tgt, safe="")
        r = req("PUT", link, query=[("symlink", None)], headers={"x-oss-symlink-target": enc})
        err = parse_oss_error(r.body) or {}
        if tgt in nul and r.status == 400 and err.get("Code") in ("InvalidArgument", "InvalidObjectName"):
            rejected_ok += 1
            continue
        if r.status != 200:
            check.fail(f"valid target {tgt[:60]!r}: PutSymlink {r.status} {err.get('Code')}")
            continue
        g = req("GET", link, query=[("symlink", None)])
        got = dict(g.headers).get("x-oss-symlink-target")
        if g.status != 200 or got is None or unquote_to_bytes(got) != tgt:
            check.fail(f"target {tgt[:60]!r}: GetSymlink {g.status} {got!r}")
            continue
        rd = req("GET", link)
        if tgt in stored:
            good = rd.status == 200 and rd.body == stored[tgt]
        else:
            good = rd.status == 404 and (parse_oss_error(rd.body) or {}).get("Code") == "SymlinkTargetNotExist"
        if not good:
            check.fail(f"read through link to {tgt[:60]!r}: {rd.status} {rd.body[:100]!r}")
            continue
        links_ok += 1
    for tgt, why in invalid:
        link = b"badlink"
        r = req("PUT", link, query=[("symlink", None)],
                headers={"x-oss-symlink-target": quote_from_bytes(tgt, safe="")})
        err = parse_oss_error(r.body) or {}
        if r.status == 400 and err.get("Code") in ("InvalidArgument", "InvalidObjectName"):
            rejected_ok += 1
        else:
            check.fail(f"invalid target ({why}): PutSymlink {r.status} {err.get('Code')}, "
                       f"want 400 InvalidArgument/InvalidObjectName")
    # Listing: exactly the stored keys, byte for byte, twins distinct.
    listed = set()
    marker_q = ""
    import xml.etree.ElementTree as ET
    for _ in range(100):
        q = [("encoding-type", "url"), ("max-keys", "1000")] + ([("marker", marker_q)] if marker_q else [])
        r = req("GET", b"", query=q, raw_path=f"/{BUCKET}/")
        if r.status != 200:
            check.fail(f"list: {r.status}")
            break
        root = ET.fromstring(r.body)
        ks = [unquote_to_bytes(e.text or "") for e in root.iter("Key")]
        listed |= set(ks)
        if (root.findtext("IsTruncated") or "false") != "true":
            break
        marker_q = root.findtext("NextMarker") or ""
    links = {k for k in listed if re.match(rb"^link-\d+$", k)}
    objects = listed - links
    if objects != set(stored):
        check.fail(f"listing differs: missing {sorted(set(stored) - objects)[:5]} extra {sorted(objects - set(stored))[:5]}")
    if not (u(nfc) in objects and u(nfd) in objects):
        check.fail("Unicode twins (NFC / NFD) are not distinct objects")
    if not srv.alive():
        check.fail("ossd died")
    admin.close()
    srv.stop()
    # Files.
    after = snapshot(check.tmp, data_abs)
    outside = sorted(p for p in after - before if not p.endswith(".ossd.log"))
    for d in ("/tmp", "/var/tmp", os.getcwd(), "/"):
        try:
            outside += [os.path.join(d, n) for n in os.listdir(d) if marker in n]
        except OSError:
            pass
    if outside:
        check.fail(f"files created outside the data dir: {outside[:5]}")
    odd = []
    for dirpath, dirs, files in os.walk(data_abs):
        for f in files:
            rel = os.path.relpath(os.path.join(dirpath, f), data_abs)
            if not any(p.match(rel) for p in LAYOUT):
                odd.append(rel)
    if odd:
        check.fail(f"files in the data dir outside the store layout: {odd[:5]}")
    figure = (f"R10 keys: {len(valid) + len(nul)} odd keys and {len(invalid)} invalid names as keys and link targets: "
              f"{roundtrip_ok} key round-trips, {links_ok} link round-trips, {rejected_ok} refused as OSS says, "
              f"{len(check.failures)} wrong, {len(outside)} files outside the data dir, {len(odd)} off-layout files")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
