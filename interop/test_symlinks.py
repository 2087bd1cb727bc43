"""Symbolic links (shared/oss-api.md section 1) through every official Python client:
oss2 with signature V1/V2/V4 and alibabacloud-oss-v2 with V4/V1, plus raw requests."""

import collections
import re
from urllib.parse import quote, unquote

import pytest

import oss2
import alibabacloud_oss_v2 as oss

from conftest import (
    PERCENT_ENCODED_RE, anon_get, assert_common_headers, assert_oss2_error, crc64,
    decode_x_oss_err, header, make_oss2_bucket, make_v2_client, oss2_error,
    parse_error_xml, quoted_etag, random_bytes, unique_bucket_name, v2_error,
)

pytestmark = pytest.mark.symlink

ETAG_RE = re.compile(r'^"[0-9A-F]{32}"$')
ErrorInfo = collections.namedtuple("ErrorInfo", "status code message ec headers")


# ------------------------------------------------------------------------------ client adapters


class Oss2Linker:
    """oss2 Bucket: percent-encodes the target itself (quote(target, safe=''))."""

    def __init__(self, server, bucket_name, sig):
        self.name = f"oss2-{sig}"
        self.b = make_oss2_bucket(server, bucket_name, sig)

    def put_symlink(self, link, target, meta=None, acl=None, forbid=None):
        h = {f"x-oss-meta-{k}": v for k, v in (meta or {}).items()}
        if acl is not None:
            h["x-oss-object-acl"] = acl
        if forbid is not None:
            h["x-oss-forbid-overwrite"] = "true" if forbid else "false"
        res = self.b.put_symlink(target, link, headers=h)
        return res.status, res.headers

    def get_symlink(self, link):
        res = self.b.get_symlink(link)
        return res.target_key, res.headers

    def get_object(self, key, headers=None):
        res = self.b.get_object(key, headers=headers)
        return res.status, res.headers, res.read()

    def head_object(self, key):
        res = self.b.head_object(key)
        return res.status, res.headers

    def error(self, fn, *args, **kwargs) -> ErrorInfo:
        e = oss2_error(fn, *args, **kwargs)
        return ErrorInfo(e.status, e.code, e.message, e.ec, e.headers)


class V2Linker:
    """alibabacloud-oss-v2: sends the target verbatim, so the caller URL-encodes it."""

    def __init__(self, server, bucket_name, sig):
        self.name = f"v2sdk-{sig}"
        self.bucket = bucket_name
        self.c = make_v2_client(server, sig)

    def put_symlink(self, link, target, meta=None, acl=None, forbid=None):
        res = self.c.put_symlink(oss.PutSymlinkRequest(
            bucket=self.bucket, key=link, target=quote(target), metadata=meta, acl=acl,
            forbid_overwrite=forbid))
        return res.status_code, res.headers

    def get_symlink(self, link):
        res = self.c.get_symlink(oss.GetSymlinkRequest(bucket=self.bucket, key=link))
        assert res.target is not None, "GetSymlink returned no x-oss-symlink-target"
        return unquote(res.target), res.headers

    def get_object(self, key, headers=None):
        req = oss.GetObjectRequest(bucket=self.bucket, key=key)
        if headers and "Range" in headers:
            req.range_header = headers["Range"]
        res = self.c.get_object(req)
        return res.status_code, res.headers, res.body.read()

    def head_object(self, key):
        res = self.c.head_object(oss.HeadObjectRequest(bucket=self.bucket, key=key))
        return res.status_code, res.headers

    def error(self, fn, *args, **kwargs) -> ErrorInfo:
        e = v2_error(fn, *args, **kwargs)
        return ErrorInfo(e.status_code, e.code, e.message, e.ec, e.headers)


LINKERS = ["oss2-v1", "oss2-v2", "oss2-v4", "v2sdk-v4", "v2sdk-v1"]


@pytest.fixture(params=LINKERS)
def linker(request, server, bucket_name):
    kind, sig = request.param.split("-")
    return (Oss2Linker if kind == "oss2" else V2Linker)(server, bucket_name, sig)


def _expect(linker, status, code, fn, *args, **kwargs):
    e = linker.error(fn, *args, **kwargs)
    assert (e.status, e.code) == (status, code), f"{linker.name}: got {e.status} {e.code!r} {e.message!r}"
    return e


def _link_etag(headers):
    etag = header(headers, "ETag")
    assert etag and ETAG_RE.match(etag), f"link ETag {etag!r} is not a quoted 32 upper-hex value"
    return etag


# ------------------------------------------------------------------------------ put / get symlink

TARGETS = {
    "plain": "plain.txt",
    "nested": "dir/sub/target.txt",
    "space": "with space.txt",
    "plus": "a+b=c.txt",
    "chinese": "中文/目标 文件+1.txt",
    "percent": "100%/x%2Fy.txt",
    # A control byte cannot travel raw in a header: it must round-trip percent-encoded.
    "control": "ctl\x0cform\x01feed.txt",
}


@pytest.mark.parametrize("target", list(TARGETS.values()), ids=list(TARGETS))
def test_put_get_symlink(linker, admin, target):
    data = f"target bytes of {target}".encode()
    admin.put_object(target, data)
    link = f"links/{target}"

    status, put_headers = linker.put_symlink(link, target, meta={"k": "v"})
    assert status == 200
    assert_common_headers(put_headers, "PutSymlink")
    link_etag = _link_etag(put_headers)

    got, get_headers = linker.get_symlink(link)
    assert got == target
    wire = header(get_headers, "x-oss-symlink-target")
    assert PERCENT_ENCODED_RE.match(wire), f"x-oss-symlink-target not percent-encoded: {wire!r}"
    assert unquote(wire) == target
    assert header(get_headers, "ETag") == link_etag
    assert header(get_headers, "x-oss-meta-k") == "v"

    status, headers, body = linker.get_object(link)
    assert status == 200
    assert body == data
    assert header(headers, "ETag") == quoted_etag(data)
    assert header(headers, "x-oss-hash-crc64ecma") == str(crc64(data))
    assert header(headers, "Content-Length") == str(len(data))
    assert header(headers, "x-oss-object-type") == "Symlink"


def test_symlink_keys_with_special_characters(linker, admin):
    admin.put_object("t", b"t-data")
    for link in ("链接 +1", "l/with space", "plus+link", "100%link"):
        assert linker.put_symlink(link, "t")[0] == 200
        assert linker.get_symlink(link)[0] == "t"
        assert linker.get_object(link)[2] == b"t-data"


def test_read_large_target_through_link(linker, admin):
    data = random_bytes(1024 * 1024, seed=11)
    admin.put_object("big.bin", data)
    linker.put_symlink("big-link", "big.bin")

    status, headers, body = linker.get_object("big-link")
    assert status == 200
    assert body == data
    assert header(headers, "x-oss-hash-crc64ecma") == str(crc64(data))
    assert header(headers, "ETag") == quoted_etag(data)

    status, headers, body = linker.get_object("big-link", headers={"Range": "bytes=100000-100009"})
    assert status == 206
    assert body == data[100000:100010]
    assert header(headers, "Content-Range") == f"bytes 100000-100009/{len(data)}"

    status, headers = linker.head_object("big-link")
    assert status == 200
    assert header(headers, "Content-Length") == str(len(data))
    assert header(headers, "x-oss-object-type") == "Symlink"


def test_oss2_crc_check_through_link(admin):
    data = random_bytes(200 * 1024, seed=12)
    admin.put_object("crc-target", data)
    admin.put_symlink("crc-target", "crc-link")
    g = admin.get_object("crc-link")
    assert g.read() == data
    assert g.server_crc == g.client_crc == crc64(data)


# ------------------------------------------------------------------------------ metadata merge


def test_head_and_get_through_link_use_link_metadata(bucket, admin):
    data = b"target data for metadata merge"
    admin.put_object("meta-target.txt", data, headers={
        "Content-Type": "text/plain", "Cache-Control": "max-age=1",
        "x-oss-meta-who": "target", "x-oss-meta-target-only": "1"})
    bucket.put_symlink("meta-target.txt", "meta-link", headers={
        "Content-Type": "application/x-link", "Cache-Control": "no-store",
        "x-oss-meta-who": "link", "x-oss-meta-link-only": "2"})

    h = bucket.head_object("meta-link")
    g = bucket.get_object("meta-link")
    assert g.read() == data
    for res in (h, g):
        hdrs = res.headers
        assert hdrs.get("x-oss-object-type") == "Symlink"
        assert hdrs.get("x-oss-meta-who") == "link"
        assert hdrs.get("x-oss-meta-link-only") == "2"
        assert "x-oss-meta-target-only" not in hdrs
        assert hdrs.get("Content-Type") == "application/x-link"
        assert hdrs.get("Cache-Control") == "no-store"
        assert hdrs.get("Content-Length") == str(len(data))
        assert hdrs.get("ETag") == quoted_etag(data)
        assert hdrs.get("x-oss-hash-crc64ecma") == str(crc64(data))

    # GetSymlink reports the link's own metadata too.
    s = bucket.get_symlink("meta-link")
    assert s.headers.get("x-oss-meta-who") == "link"
    assert s.headers.get("Content-Type") == "application/x-link"


def test_link_metadata_v2_sdk(v2, bucket_name, admin):
    admin.put_object("t", b"t", headers={"x-oss-meta-who": "target"})
    v2.put_symlink(oss.PutSymlinkRequest(bucket=bucket_name, key="l", target="t",
                                         metadata={"who": "link"}))
    s = v2.get_symlink(oss.GetSymlinkRequest(bucket=bucket_name, key="l"))
    assert dict(s.metadata) == {"who": "link"}
    h = v2.head_object(oss.HeadObjectRequest(bucket=bucket_name, key="l"))
    assert dict(h.metadata) == {"who": "link"}
    assert h.object_type == "Symlink"
    assert h.etag == quoted_etag(b"t")


def test_get_object_meta_on_link_is_the_links_own(bucket, admin):
    data = random_bytes(5000, seed=13)
    admin.put_object("om-target", data)
    bucket.put_symlink("om-target", "om-link")
    link_etag = bucket.get_symlink("om-link").headers["ETag"]
    m = bucket.get_object_meta("om-link")
    assert m.status == 200
    assert m.headers["ETag"] == link_etag
    assert m.content_length != len(data)


# ------------------------------------------------------------------------------ resolution errors


def test_dangling_link(linker, admin):
    assert linker.put_symlink("dangling", "no/such/target.txt")[0] == 200
    assert linker.get_symlink("dangling")[0] == "no/such/target.txt"
    _expect(linker, 404, "SymlinkTargetNotExist", linker.get_object, "dangling")
    _expect(linker, 404, "SymlinkTargetNotExist", linker.head_object, "dangling")

    # a link whose target is deleted afterwards becomes dangling
    admin.put_object("soon-gone", b"x")
    linker.put_symlink("was-good", "soon-gone")
    assert linker.get_object("was-good")[2] == b"x"
    admin.delete_object("soon-gone")
    _expect(linker, 404, "SymlinkTargetNotExist", linker.get_object, "was-good")


def test_dangling_link_error_document(raw, admin, bucket_name):
    admin.put_symlink("missing-target", "dangling")
    r = raw.get(bucket_name, "dangling")
    assert r.status_code == 404
    rid = assert_common_headers(r.headers, "SymlinkTargetNotExist")
    err = parse_error_xml(r.content)
    assert err["Code"] == "SymlinkTargetNotExist"
    assert err["Message"] == "The symlink target object does not exist"
    assert err["RequestId"] == rid
    assert err.get("EC") == "0026-00000012"

    h = raw.head(bucket_name, "dangling")
    assert h.status_code == 404
    assert h.content == b""
    assert decode_x_oss_err(h.headers)["Code"] == "SymlinkTargetNotExist"


def test_link_to_link_is_invalid_target_type(linker, admin):
    admin.put_object("real", b"real")
    linker.put_symlink("hop1", "real")
    assert linker.put_symlink("hop2", "hop1")[0] == 200
    assert linker.get_object("hop1")[2] == b"real"
    e = _expect(linker, 400, "InvalidTargetType", linker.get_object, "hop2")
    assert e.message == "The symbolic's target file type is invalid."
    _expect(linker, 400, "InvalidTargetType", linker.head_object, "hop2")


def test_self_link_is_invalid_target_type(linker):
    assert linker.put_symlink("self", "self")[0] == 200
    assert linker.get_symlink("self")[0] == "self"
    _expect(linker, 400, "InvalidTargetType", linker.get_object, "self")
    _expect(linker, 400, "InvalidTargetType", linker.head_object, "self")


def test_get_symlink_on_normal_object(linker, admin):
    admin.put_object("normal", b"n")
    e = _expect(linker, 400, "NotSymlink", linker.get_symlink, "normal")
    assert e.message == "The object is not symlink."
    assert e.ec == "0043-00000101"


def test_get_symlink_missing(linker):
    _expect(linker, 404, "NoSuchKey", linker.get_symlink, "missing-link")


def test_get_symlink_missing_oss2_exception(bucket):
    e = oss2_error(bucket.get_symlink, "missing-link")
    assert isinstance(e, oss2.exceptions.NoSuchKey)


def test_put_symlink_missing_bucket(server, oss2_sig):
    name = unique_bucket_name("nobkt")
    b = make_oss2_bucket(server, name, oss2_sig)
    e = assert_oss2_error(b.put_symlink, 404, "NoSuchBucket", "t", "l")
    assert isinstance(e, oss2.exceptions.NoSuchBucket)
    e = v2_error(make_v2_client(server).put_symlink,
                 oss.PutSymlinkRequest(bucket=name, key="l", target="t"))
    assert (e.status_code, e.code, e.ec) == (404, "NoSuchBucket", "0015-00000101")


def test_put_symlink_without_target_header(raw, bucket_name):
    r = raw.put(bucket_name, "no-target", params={"symlink": ""})
    assert r.status_code == 400
    assert parse_error_xml(r.content)["Code"]
    assert raw.head(bucket_name, "no-target").status_code == 404


# ------------------------------------------------------------------------------ overwrite rules


def test_put_symlink_forbid_overwrite(linker, admin):
    admin.put_object("existing", b"keep me")
    _expect(linker, 409, "FileAlreadyExists", linker.put_symlink, "existing", "t", forbid=True)
    g = admin.get_object("existing")
    assert g.read() == b"keep me"
    assert g.object_type == "Normal"

    linker.put_symlink("a-link", "t1")
    _expect(linker, 409, "FileAlreadyExists", linker.put_symlink, "a-link", "t2", forbid=True)
    assert linker.get_symlink("a-link")[0] == "t1"

    assert linker.put_symlink("fresh-link", "t1", forbid=True)[0] == 200
    assert linker.get_symlink("fresh-link")[0] == "t1"
    assert linker.put_symlink("a-link", "t2", forbid=False)[0] == 200
    assert linker.get_symlink("a-link")[0] == "t2"


def test_put_symlink_over_object_replaces_it(linker, admin):
    admin.put_object("target", b"target data")
    admin.put_object("was-object", b"old object")
    assert linker.put_symlink("was-object", "target")[0] == 200
    assert linker.get_symlink("was-object")[0] == "target"
    status, headers, body = linker.get_object("was-object")
    assert body == b"target data"
    assert header(headers, "x-oss-object-type") == "Symlink"


def test_put_object_over_link_replaces_link(bucket, admin):
    admin.put_object("target", b"target data")
    bucket.put_symlink("target", "link")
    bucket.put_object("link", b"now a normal object")
    g = bucket.get_object("link")
    assert g.read() == b"now a normal object"
    assert g.object_type == "Normal"
    assert_oss2_error(bucket.get_symlink, 400, "NotSymlink", "link")
    assert admin.get_object("target").read() == b"target data"


def test_delete_link_leaves_target(linker, admin):
    admin.put_object("target", b"target data")
    linker.put_symlink("link", "target")
    assert admin.delete_object("link").status == 204
    _expect(linker, 404, "NoSuchKey", linker.get_symlink, "link")
    _expect(linker, 404, "NoSuchKey", linker.get_object, "link")
    assert admin.get_object("target").read() == b"target data"


# ------------------------------------------------------------------------------ ACL / tagging / listing


def test_link_acl_acts_on_link(bucket, admin):
    admin.put_object("target", b"t")
    bucket.put_symlink("target", "link", headers={"x-oss-object-acl": "private"})
    assert bucket.get_object_acl("link").acl == "private"
    assert bucket.get_object_acl("target").acl == "default"
    assert bucket.put_object_acl("link", "public-read").status == 200
    assert bucket.get_object_acl("link").acl == "public-read"
    assert bucket.get_object_acl("target").acl == "default"
    assert bucket.get_symlink("link").target_key == "target"

    bucket.put_symlink("target", "link-default")
    assert bucket.get_object_acl("link-default").acl == "default"


def test_link_acl_v2_sdk(v2, bucket_name):
    for acl in ("private", "default", "public-read"):
        v2.put_symlink(oss.PutSymlinkRequest(bucket=bucket_name, key=f"l-{acl}", target="t", acl=acl))
        got = v2.get_object_acl(oss.GetObjectAclRequest(bucket=bucket_name, key=f"l-{acl}"))
        assert got.acl == acl


def test_link_tagging_acts_on_link(bucket, admin):
    admin.put_object("target", b"t")
    bucket.put_symlink("target", "link", headers={"x-oss-tagging": "a=1&b=two%20words"})

    def tags(key):
        return dict(bucket.get_object_tagging(key).tag_set.tagging_rule)

    assert tags("link") == {"a": "1", "b": "two words"}
    assert tags("target") == {}

    rules = oss2.models.TaggingRule()
    rules.add("c", "3")
    bucket.put_object_tagging("link", oss2.models.Tagging(rules))
    assert tags("link") == {"c": "3"}
    assert tags("target") == {}
    assert bucket.delete_object_tagging("link").status == 204
    assert tags("link") == {}
    assert bucket.get_symlink("link").target_key == "target"


def test_list_shows_symlink_type(bucket, admin):
    data = random_bytes(4096, seed=14)
    admin.put_object("target.bin", data)
    bucket.put_symlink("target.bin", "the-link")
    link_etag = bucket.get_symlink("the-link").headers["ETag"].strip('"')

    for res in (bucket.list_objects(), bucket.list_objects_v2()):
        entries = {o.key: o for o in res.object_list}
        assert set(entries) == {"target.bin", "the-link"}
        assert entries["target.bin"].type == "Normal"
        assert entries["target.bin"].size == len(data)
        assert entries["the-link"].type == "Symlink"
        assert entries["the-link"].etag == link_etag
        assert entries["the-link"].size != len(data)


def test_list_shows_symlink_type_v2_sdk(v2, bucket_name, admin):
    admin.put_object("t", b"t")
    v2.put_symlink(oss.PutSymlinkRequest(bucket=bucket_name, key="l", target="t"))
    res = v2.list_objects_v2(oss.ListObjectsV2Request(bucket=bucket_name))
    assert {o.key: o.object_type for o in res.contents} == {"t": "Normal", "l": "Symlink"}


# ------------------------------------------------------------------------------ wire encodings of the target


@pytest.mark.parametrize("wire,target", [
    ("dir%2Ftarget%20x.txt", "dir/target x.txt"),      # oss2: quote(safe='')
    ("dir/target%20x.txt", "dir/target x.txt"),        # v2 SDKs with quote()
    ("dir/target x.txt", "dir/target x.txt"),          # v2 SDKs, raw ASCII
    ("dir%2Ftarget+x.txt", "dir/target x.txt"),        # Go v1 / ossutil 1.x: QueryEscape
    ("dir/a%2Bb.txt", "dir/a+b.txt"),                  # encoded plus
    ("dir/%E6%96%87%E4%BB%B6.txt", "dir/文件.txt"),    # UTF-8, percent-encoded
], ids=["oss2", "v2-quoted", "v2-raw", "go-v1-plus-space", "encoded-plus", "utf8"])
def test_target_wire_encodings(raw, admin, bucket_name, wire, target):
    admin.put_object(target, b"resolved:" + target.encode())
    r = raw.put(bucket_name, "enc-link", params={"symlink": ""}, headers={"x-oss-symlink-target": wire})
    assert r.status_code == 200, r.content
    g = raw.get(bucket_name, "enc-link", params={"symlink": ""})
    assert g.status_code == 200
    back = g.headers["x-oss-symlink-target"]
    assert PERCENT_ENCODED_RE.match(back), back
    assert unquote(back) == target
    assert admin.get_object("enc-link").read() == b"resolved:" + target.encode()


# ------------------------------------------------------------------------------ anonymous access


def _anon_setup(admin, link_acl, target_acl):
    admin.put_object("anon-target", b"target secret", headers={"x-oss-object-acl": target_acl})
    admin.put_symlink("anon-target", "anon-link", headers={"x-oss-object-acl": link_acl})


@pytest.mark.parametrize("link_acl,target_acl", [
    ("public-read", "private"),
    ("private", "public-read"),
    ("public-read", "default"),   # private bucket: default == private
    ("default", "public-read"),
])
def test_anonymous_through_link_needs_both_acls(server, admin, bucket_name, link_acl, target_acl):
    _anon_setup(admin, link_acl, target_acl)
    r = anon_get(server, bucket_name, "anon-link")
    assert r.status_code == 403
    assert parse_error_xml(r.content)["Code"] == "AccessDenied"
    assert b"target secret" not in r.content
    h = anon_get(server, bucket_name, "anon-link", method="HEAD")
    assert h.status_code == 403
    # the owner still reads through the link
    assert admin.get_object("anon-link").read() == b"target secret"


def test_anonymous_through_link_both_public(server, admin, bucket_name):
    _anon_setup(admin, "public-read", "public-read")
    r = anon_get(server, bucket_name, "anon-link")
    assert r.status_code == 200
    assert r.content == b"target secret"
    assert r.headers["ETag"] == quoted_etag(b"target secret")
    assert r.headers.get("x-oss-object-type") == "Symlink"


def test_anonymous_get_symlink_needs_link_read(server, admin, bucket_name):
    _anon_setup(admin, "public-read", "private")
    r = anon_get(server, bucket_name, "anon-link", params={"symlink": ""})
    assert r.status_code == 200
    assert unquote(r.headers["x-oss-symlink-target"]) == "anon-target"
    admin.put_object_acl("anon-link", "private")
    r = anon_get(server, bucket_name, "anon-link", params={"symlink": ""})
    assert r.status_code == 403
