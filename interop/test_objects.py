"""Object API through oss2 (V1/V2/V4), alibabacloud-oss-v2 (V4/V1) and raw requests."""

import time
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest

import oss2
import alibabacloud_oss_v2 as oss

from conftest import (
    EC_RE, ISO8601_MS_RE, PERCENT_ENCODED_RE, RawClient, anon_get, assert_common_headers,
    assert_oss2_error, assert_v2_error, content_md5, crc64, decode_x_oss_err, header,
    http_date, make_oss2_bucket, make_v2_client, md5_hex_upper, oss2_error, parse_error_xml,
    parse_http_date, quoted_etag, random_bytes, random_bytes_crc,
)

KiB = 1024
MiB = 1024 * KiB
# 64 KiB is the server's inline-storage threshold; sizes straddle it on purpose.
SIZES = [0, 5, 64 * KiB, 64 * KiB + 1, 1 * MiB, 5 * MiB]
SIZE_IDS = ["empty", "5B", "64KiB", "64KiB+1", "1MiB", "5MiB"]


def _put(b: oss2.Bucket, key, data=b"payload", headers=None):
    res = b.put_object(key, data, headers=headers)
    assert res.status == 200
    return res


def _assert_recent(ts: float):
    assert abs(ts - time.time()) < 600, f"timestamp {ts} is not close to now"


# ------------------------------------------------------------------------------ CRC helper


def test_crc64_reference_vectors():
    # Check values from shared/oss-api.md section 3.5 (not a server test: guards the helper).
    assert crc64(b"") == 0
    assert crc64(b"123456789") == 0x995DC9BBDF1939FA
    assert crc64(b"hello") == 11177612005948864433
    assert crc64(b"This is a test of the emergency broadcast system.") == 0x27DB187FC15BBC72
    assert crc64(b"6789", crc64(b"12345")) == crc64(b"123456789")


# ------------------------------------------------------------------------------ put / get


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_put_get_roundtrip(bucket, size):
    data, crc = random_bytes(size), random_bytes_crc(size)
    key = f"obj-{size}.bin"

    res = bucket.put_object(key, data)
    assert res.status == 200
    assert_common_headers(res.headers, "PutObject")
    assert res.headers["ETag"] == quoted_etag(data)
    assert res.crc == crc
    assert res.headers.get("Content-MD5") == content_md5(data)

    g = bucket.get_object(key)
    body = g.read()
    assert g.status == 200
    assert len(body) == size
    assert body == data
    assert g.headers["ETag"] == quoted_etag(data)
    assert g.content_length == size
    assert g.server_crc == crc
    assert g.client_crc == crc
    assert g.object_type == "Normal"
    assert g.content_range is None


@pytest.mark.parametrize("size", [0, 64 * KiB + 1, 1 * MiB], ids=["empty", "64KiB+1", "1MiB"])
def test_put_get_roundtrip_v2_sdk(v2, bucket_name, size):
    data, crc = random_bytes(size, seed=2), random_bytes_crc(size, seed=2)
    key = f"v2obj-{size}"
    res = v2.put_object(oss.PutObjectRequest(bucket=bucket_name, key=key, body=data))
    assert res.status_code == 200
    assert res.etag == quoted_etag(data)
    assert res.hash_crc64 == str(crc)
    assert res.content_md5 == content_md5(data)

    g = v2.get_object(oss.GetObjectRequest(bucket=bucket_name, key=key))
    assert g.status_code == 200
    assert g.body.read() == data
    assert g.etag == quoted_etag(data)
    assert g.hash_crc64 == str(crc)
    assert g.content_length == size
    assert g.object_type == "Normal"


def test_put_response_headers_exact(raw, bucket_name):
    r = raw.put(bucket_name, "hello.bin", data=b"hello")
    assert r.status_code == 200
    assert r.headers["ETag"] == '"5D41402ABC4B2A76B9719D911017C592"'
    assert r.headers["x-oss-hash-crc64ecma"] == "11177612005948864433"
    assert r.headers["Content-MD5"] == "XUFAKrxLKna5cZ2REBfFkg=="
    assert r.content == b""


@pytest.mark.parametrize("key,expected", [
    ("a.txt", "text/plain"),
    ("b.png", "image/png"),
    ("c.jpg", "image/jpeg"),
    ("d.html", "text/html"),
    ("noextension", "application/octet-stream"),
    ("dir.with.dots/file", "application/octet-stream"),
])
def test_default_content_type_from_extension(raw, bucket_name, key, expected):
    # The SDKs guess a Content-Type themselves, so send a raw PUT without one.
    r = raw.put(bucket_name, key, data=b"content")
    assert "Content-Type" not in r.request.headers
    assert r.status_code == 200, r.content
    h = raw.head(bucket_name, key)
    assert h.status_code == 200
    assert h.headers["Content-Type"].split(";")[0].strip() == expected
    g = raw.get(bucket_name, key)
    assert g.headers["Content-Type"].split(";")[0].strip() == expected


def test_explicit_content_type_wins(bucket):
    _put(bucket, "file.txt", b"{}", headers={"Content-Type": "application/json"})
    assert bucket.head_object("file.txt").content_type == "application/json"
    assert bucket.get_object("file.txt").headers["Content-Type"] == "application/json"


def test_user_meta_roundtrip(bucket):
    meta = {
        "x-oss-meta-author": "alice",
        "x-oss-meta-project-name": "ossd interop",
        "x-oss-meta-n": "42",
    }
    _put(bucket, "meta.bin", b"m", headers=meta)
    _put(bucket, "nometa.bin", b"n")
    for res in (bucket.head_object("meta.bin"), bucket.get_object("meta.bin")):
        for k, v in meta.items():
            assert header(res.headers, k) == v, k
    for res in (bucket.head_object("nometa.bin"), bucket.get_object("nometa.bin")):
        assert not [k for k in res.headers if k.lower().startswith("x-oss-meta-")]


def test_user_meta_roundtrip_v2_sdk(v2, bucket_name):
    v2.put_object(oss.PutObjectRequest(bucket=bucket_name, key="m", body=b"m",
                                       metadata={"author": "bob", "Mixed-Case": "Value"}))
    h = v2.head_object(oss.HeadObjectRequest(bucket=bucket_name, key="m"))
    assert {k.lower(): v for k, v in h.metadata.items()} == {"author": "bob", "mixed-case": "Value"}


STANDARD_HEADERS = {
    "Cache-Control": "no-cache, max-age=60",
    "Content-Disposition": 'attachment; filename="report.txt"',
    "Content-Encoding": "utf-8",
    "Content-Language": "zh-CN",
    "Expires": "Wed, 21 Oct 2037 07:28:00 GMT",
}


def test_standard_headers_roundtrip(bucket):
    _put(bucket, "std.txt", b"standard", headers=dict(STANDARD_HEADERS, **{"Content-Type": "text/csv"}))
    for res in (bucket.head_object("std.txt"), bucket.get_object("std.txt")):
        for k, v in STANDARD_HEADERS.items():
            assert res.headers.get(k) == v, k
        assert res.headers["Content-Type"] == "text/csv"


def test_standard_headers_roundtrip_v2_sdk(v2, bucket_name):
    v2.put_object(oss.PutObjectRequest(
        bucket=bucket_name, key="std", body=b"x",
        cache_control=STANDARD_HEADERS["Cache-Control"],
        content_disposition=STANDARD_HEADERS["Content-Disposition"],
        content_encoding=STANDARD_HEADERS["Content-Encoding"],
        expires=STANDARD_HEADERS["Expires"]))
    h = v2.head_object(oss.HeadObjectRequest(bucket=bucket_name, key="std"))
    assert h.cache_control == STANDARD_HEADERS["Cache-Control"]
    assert h.content_disposition == STANDARD_HEADERS["Content-Disposition"]
    assert h.content_encoding == STANDARD_HEADERS["Content-Encoding"]
    assert h.expires == STANDARD_HEADERS["Expires"]


# ------------------------------------------------------------------------------ head / meta


def test_head_object(bucket):
    data = random_bytes(3000, seed=3)
    _put(bucket, "head.txt", data, headers={"Content-Type": "text/plain"})
    h = bucket.head_object("head.txt")
    assert h.status == 200
    assert_common_headers(h.headers, "HeadObject")
    assert h.content_length == len(data)
    assert h.headers["ETag"] == quoted_etag(data)
    assert h.object_type == "Normal"
    assert h.headers.get("x-oss-storage-class") == "Standard"
    assert h.server_crc == crc64(data)
    assert h.content_type == "text/plain"
    _assert_recent(parse_http_date(h.headers["Last-Modified"]))


def test_head_missing_key_raises_nosuchkey(bucket):
    e = assert_oss2_error(bucket.head_object, 404, "NoSuchKey", "missing.txt")
    assert isinstance(e, oss2.exceptions.NoSuchKey)
    assert bucket.object_exists("missing.txt") is False
    _put(bucket, "present.txt")
    assert bucket.object_exists("present.txt") is True


def test_head_missing_key_v2_sdk(v2, bucket_name):
    assert_v2_error(v2.head_object, 404, "NoSuchKey",
                    oss.HeadObjectRequest(bucket=bucket_name, key="missing"))
    assert v2.is_object_exist(bucket_name, "missing") is False


def test_head_missing_key_wire(raw, bucket_name):
    r = raw.head(bucket_name, "missing.txt")
    assert r.status_code == 404
    assert r.content == b""
    rid = assert_common_headers(r.headers, "HEAD 404")
    err = decode_x_oss_err(r.headers)
    assert err["Code"] == "NoSuchKey"
    assert err["RequestId"] == rid
    assert EC_RE.match(r.headers.get("x-oss-ec", "")), r.headers.get("x-oss-ec")


def test_get_missing_key_error_document(raw, bucket_name):
    r = raw.get(bucket_name, "missing dir/missing.txt")
    assert r.status_code == 404
    rid = assert_common_headers(r.headers, "GET 404")
    assert r.headers["Content-Type"].startswith("application/xml")
    err = parse_error_xml(r.content)
    assert err["Code"] == "NoSuchKey"
    assert err["Message"] == "The specified key does not exist."
    assert err["RequestId"] == rid
    assert err.get("HostId")
    assert err.get("Key") == "missing dir/missing.txt"
    assert EC_RE.match(err.get("EC", "")), err
    assert r.headers.get("x-oss-ec") == err["EC"]


def test_get_missing_key_oss2(bucket):
    e = assert_oss2_error(bucket.get_object, 404, "NoSuchKey", "missing.txt")
    assert isinstance(e, oss2.exceptions.NoSuchKey)


def test_get_object_meta(bucket):
    data = random_bytes(777, seed=4)
    _put(bucket, "meta-of.bin", data)
    m = bucket.get_object_meta("meta-of.bin")
    assert m.status == 200
    assert m.content_length == len(data)
    assert m.etag == md5_hex_upper(data)
    _assert_recent(m.last_modified)
    assert m.headers.get("x-oss-hash-crc64ecma") == str(crc64(data))
    e = assert_oss2_error(bucket.get_object_meta, 404, "NoSuchKey", "missing")
    assert isinstance(e, oss2.exceptions.NoSuchKey)


def test_get_object_meta_v2_sdk(v2, bucket_name, admin):
    data = random_bytes(1234, seed=5)
    admin.put_object("gm", data)
    m = v2.get_object_meta(oss.GetObjectMetaRequest(bucket=bucket_name, key="gm"))
    assert m.status_code == 200
    assert m.content_length == len(data)
    assert m.etag == quoted_etag(data)
    assert m.hash_crc64 == str(crc64(data))


# ------------------------------------------------------------------------------ ranges

RANGE_DATA = random_bytes(100, seed=6)


def test_range_get(bucket):
    _put(bucket, "r.bin", RANGE_DATA)

    g = bucket.get_object("r.bin", byte_range=(0, 9))
    assert g.status == 206
    assert g.read() == RANGE_DATA[0:10]
    assert g.headers["Content-Range"] == "bytes 0-9/100"
    assert g.content_length == 10
    assert g.headers["ETag"] == quoted_etag(RANGE_DATA)

    g = bucket.get_object("r.bin", byte_range=(5, None))
    assert g.status == 206
    assert g.read() == RANGE_DATA[5:]
    assert g.headers["Content-Range"] == "bytes 5-99/100"

    g = bucket.get_object("r.bin", headers={"Range": "bytes=-10"})
    assert g.status == 206
    assert g.read() == RANGE_DATA[-10:]
    assert g.headers["Content-Range"] == "bytes 90-99/100"


@pytest.mark.parametrize("rng", ["bytes=50-1000", "bytes=100-200", "bytes=200-", "bytes=-2000"])
def test_range_out_of_bounds_default_returns_whole_object(bucket, rng):
    _put(bucket, "r.bin", RANGE_DATA)
    g = bucket.get_object("r.bin", headers={"Range": rng})
    assert g.status == 200
    assert "Content-Range" not in g.headers
    assert g.read() == RANGE_DATA
    assert g.client_crc == g.server_crc == crc64(RANGE_DATA)


def test_range_standard_behavior(bucket):
    _put(bucket, "r.bin", RANGE_DATA)
    std = {"x-oss-range-behavior": "standard"}

    g = bucket.get_object("r.bin", headers=dict(std, Range="bytes=50-1000"))
    assert g.status == 206
    assert g.read() == RANGE_DATA[50:]
    assert g.headers["Content-Range"] == "bytes 50-99/100"

    assert_oss2_error(bucket.get_object, 416, "InvalidRange", "r.bin",
                      headers=dict(std, Range="bytes=100-200"))


def test_range_standard_behavior_v2_sdk(v2, bucket_name, admin):
    admin.put_object("r.bin", RANGE_DATA)
    g = v2.get_object(oss.GetObjectRequest(bucket=bucket_name, key="r.bin",
                                           range_header="bytes=90-150", range_behavior="standard"))
    assert g.status_code == 206
    assert g.body.read() == RANGE_DATA[90:]
    assert g.content_range == "bytes 90-99/100"
    e = assert_v2_error(v2.get_object, 416, "InvalidRange",
                        oss.GetObjectRequest(bucket=bucket_name, key="r.bin",
                                             range_header="bytes=100-150", range_behavior="standard"))
    assert e.message == "The requested range cannot be satisfied."


# ------------------------------------------------------------------------------ conditionals


def test_conditional_get(bucket):
    data = b"conditional body"
    _put(bucket, "c.txt", data)
    etag = quoted_etag(data)
    other = '"00000000000000000000000000000000"'
    future = http_date(time.time() + 86400)
    past = "Sat, 01 Jan 2000 00:00:00 GMT"

    e = assert_oss2_error(bucket.get_object, 412, "PreconditionFailed", "c.txt", headers={"If-Match": other})
    assert isinstance(e, oss2.exceptions.PreconditionFailed)
    assert bucket.get_object("c.txt", headers={"If-Match": etag}).read() == data

    e = oss2_error(bucket.get_object, "c.txt", headers={"If-None-Match": etag})
    assert isinstance(e, oss2.exceptions.NotModified) and e.status == 304
    assert bucket.get_object("c.txt", headers={"If-None-Match": other}).read() == data

    e = oss2_error(bucket.get_object, "c.txt", headers={"If-Modified-Since": future})
    assert isinstance(e, oss2.exceptions.NotModified) and e.status == 304
    assert bucket.get_object("c.txt", headers={"If-Modified-Since": past}).read() == data

    assert_oss2_error(bucket.get_object, 412, "PreconditionFailed", "c.txt",
                      headers={"If-Unmodified-Since": past})
    assert bucket.get_object("c.txt", headers={"If-Unmodified-Since": future}).read() == data


def test_not_modified_wire(raw, bucket_name):
    assert raw.put(bucket_name, "nm.txt", data=b"nm").status_code == 200
    r = raw.get(bucket_name, "nm.txt", headers={"If-None-Match": quoted_etag(b"nm")})
    assert r.status_code == 304
    assert r.content == b""
    assert_common_headers(r.headers, "304")
    r = raw.get(bucket_name, "nm.txt", headers={"If-Match": '"0000"'})
    assert r.status_code == 412
    assert parse_error_xml(r.content)["Code"] == "PreconditionFailed"


# ------------------------------------------------------------------------------ response-* overrides


def test_response_header_overrides(bucket):
    _put(bucket, "o.txt", b"override", headers={"Content-Type": "text/plain"})
    params = {
        "response-content-type": "application/x-override",
        "response-content-disposition": 'attachment; filename="dl.bin"',
        "response-cache-control": "no-store",
        "response-content-language": "en-US",
        "response-expires": "Thu, 01 Jan 2037 00:00:00 GMT",
    }
    g = bucket.get_object("o.txt", params=params)
    assert g.read() == b"override"
    assert g.headers["Content-Type"] == "application/x-override"
    assert g.headers["Content-Disposition"] == 'attachment; filename="dl.bin"'
    assert g.headers["Cache-Control"] == "no-store"
    assert g.headers["Content-Language"] == "en-US"
    assert g.headers["Expires"] == "Thu, 01 Jan 2037 00:00:00 GMT"
    # the stored metadata is unchanged
    assert bucket.head_object("o.txt").content_type == "text/plain"


def test_response_override_refused_for_anonymous(server, admin, bucket_name):
    admin.put_object("pub.txt", b"public", headers={"x-oss-object-acl": "public-read"})
    assert anon_get(server, bucket_name, "pub.txt").status_code == 200
    r = anon_get(server, bucket_name, "pub.txt", params={"response-content-type": "text/x-evil"})
    assert r.status_code == 400
    assert parse_error_xml(r.content)["Code"] == "InvalidRequest"


# ------------------------------------------------------------------------------ Content-MD5, forbid-overwrite


def test_put_with_wrong_content_md5(bucket):
    e = assert_oss2_error(bucket.put_object, 400, "InvalidDigest", "md5.txt", b"actual body",
                          headers={"Content-MD5": content_md5(b"another body")})
    assert isinstance(e, oss2.exceptions.InvalidDigest)
    assert_oss2_error(bucket.head_object, 404, "NoSuchKey", "md5.txt")
    res = _put(bucket, "md5.txt", b"actual body", headers={"Content-MD5": content_md5(b"actual body")})
    assert res.etag == md5_hex_upper(b"actual body")


def test_put_with_wrong_content_md5_v2_sdk(v2, bucket_name):
    assert_v2_error(v2.put_object, 400, "InvalidDigest", oss.PutObjectRequest(
        bucket=bucket_name, key="md5", body=b"abc", content_md5=content_md5(b"abd")))


def test_forbid_overwrite(bucket):
    _put(bucket, "fo.txt", b"original")
    assert_oss2_error(bucket.put_object, 409, "FileAlreadyExists", "fo.txt", b"replacement",
                      headers={"x-oss-forbid-overwrite": "true"})
    g = bucket.get_object("fo.txt")
    assert g.read() == b"original"
    assert g.headers["ETag"] == quoted_etag(b"original")

    _put(bucket, "fo-new.txt", b"fresh", headers={"x-oss-forbid-overwrite": "true"})
    assert bucket.get_object("fo-new.txt").read() == b"fresh"

    _put(bucket, "fo.txt", b"replacement", headers={"x-oss-forbid-overwrite": "false"})
    assert bucket.get_object("fo.txt").read() == b"replacement"


def test_forbid_overwrite_v2_sdk(v2, bucket_name, admin):
    admin.put_object("fo", b"original")
    e = assert_v2_error(v2.put_object, 409, "FileAlreadyExists", oss.PutObjectRequest(
        bucket=bucket_name, key="fo", body=b"new", forbid_overwrite=True))
    assert e.message == "The object you specified already exists and can not be overwritten."
    assert admin.get_object("fo").read() == b"original"


# ------------------------------------------------------------------------------ object ACL


def test_object_acl(bucket):
    _put(bucket, "acl.txt")
    res = bucket.get_object_acl("acl.txt")
    assert res.status == 200
    assert res.acl == "default"
    for acl in ("private", "public-read", "public-read-write", "default"):
        assert bucket.put_object_acl("acl.txt", acl).status == 200
        assert bucket.get_object_acl("acl.txt").acl == acl
    _put(bucket, "acl2.txt", headers={"x-oss-object-acl": "public-read"})
    assert bucket.get_object_acl("acl2.txt").acl == "public-read"
    assert_oss2_error(bucket.get_object_acl, 404, "NoSuchKey", "missing")


def test_object_acl_invalid(raw, bucket_name):
    assert raw.put(bucket_name, "a", data=b"a").status_code == 200
    r = raw.put(bucket_name, "a", params={"acl": ""}, headers={"x-oss-object-acl": "everyone"})
    assert r.status_code == 400
    assert parse_error_xml(r.content)["Code"] == "InvalidArgument"


def test_object_acl_v2_sdk(v2, bucket_name):
    v2.put_object(oss.PutObjectRequest(bucket=bucket_name, key="a", body=b"a", acl="private"))
    assert v2.get_object_acl(oss.GetObjectAclRequest(bucket=bucket_name, key="a")).acl == "private"
    v2.put_object_acl(oss.PutObjectAclRequest(bucket=bucket_name, key="a", acl="public-read"))
    assert v2.get_object_acl(oss.GetObjectAclRequest(bucket=bucket_name, key="a")).acl == "public-read"


# ------------------------------------------------------------------------------ tagging


def _tags(b, key):
    return dict(b.get_object_tagging(key).tag_set.tagging_rule)


def test_object_tagging(bucket):
    _put(bucket, "t.txt")
    assert _tags(bucket, "t.txt") == {}
    rules = oss2.models.TaggingRule()
    rules.add("project", "ossd")
    rules.add("env", "a b+c")
    res = bucket.put_object_tagging("t.txt", oss2.models.Tagging(rules))
    assert res.status == 200
    assert _tags(bucket, "t.txt") == {"project": "ossd", "env": "a b+c"}
    assert bucket.head_object("t.txt").headers.get("x-oss-tagging-count") == "2"

    res = bucket.delete_object_tagging("t.txt")
    assert res.status == 204
    assert _tags(bucket, "t.txt") == {}


def test_tagging_header_on_put(bucket):
    _put(bucket, "th.txt", headers={"x-oss-tagging": "a=1&b=x%20y&c"})
    assert _tags(bucket, "th.txt") == {"a": "1", "b": "x y", "c": ""}


def test_tagging_v2_sdk(v2, bucket_name):
    v2.put_object(oss.PutObjectRequest(bucket=bucket_name, key="t", body=b"t", tagging="k=v"))
    tags = v2.get_object_tagging(oss.GetObjectTaggingRequest(bucket=bucket_name, key="t"))
    assert [(t.key, t.value) for t in tags.tag_set.tags] == [("k", "v")]


# ------------------------------------------------------------------------------ copy


def _copy_result_xml(res):
    root = ET.fromstring(res.resp.read())
    assert root.tag == "CopyObjectResult"
    etag = root.findtext("ETag")
    assert etag and etag.startswith('"') and etag.endswith('"'), etag
    assert ISO8601_MS_RE.match(root.findtext("LastModified") or ""), root.findtext("LastModified")
    return etag


def _assert_copy_data(b, key, data):
    g = b.get_object(key)
    assert g.read() == data
    if g.server_crc is not None:  # optional for copies (doc), but must be right when present
        assert g.server_crc == crc64(data)
    return g


def test_copy_object_same_bucket(bucket):
    data = random_bytes(100 * KiB, seed=7)
    _put(bucket, "src.txt", data, headers={"Content-Type": "text/plain", "x-oss-meta-color": "red"})
    res = bucket.copy_object(bucket.bucket_name, "src.txt", "dst.txt")
    assert res.status == 200
    _copy_result_xml(res)
    g = _assert_copy_data(bucket, "dst.txt", data)
    assert g.headers["Content-Type"] == "text/plain"
    assert g.headers.get("x-oss-meta-color") == "red"
    assert g.object_type == "Normal"
    assert bucket.get_object("src.txt").read() == data


def test_copy_object_cross_bucket(server, oss2_sig, make_bucket):
    src_name, dst_name = make_bucket(), make_bucket()
    src = make_oss2_bucket(server, src_name, oss2_sig)
    dst = make_oss2_bucket(server, dst_name, oss2_sig)
    data = random_bytes(70 * KiB, seed=8)
    _put(src, "dir/källa 1+1.bin", data, headers={"x-oss-meta-origin": "src"})
    res = dst.copy_object(src_name, "dir/källa 1+1.bin", "copied/目标.bin")
    assert res.status == 200
    _copy_result_xml(res)
    g = _assert_copy_data(dst, "copied/目标.bin", data)
    assert g.headers.get("x-oss-meta-origin") == "src"


def test_copy_metadata_directive(bucket):
    _put(bucket, "src", b"data", headers={"Content-Type": "text/plain", "x-oss-meta-color": "red"})

    bucket.copy_object(bucket.bucket_name, "src", "copy-default",
                       headers={"x-oss-meta-shape": "square"})
    bucket.copy_object(bucket.bucket_name, "src", "copy-copy",
                       headers={"x-oss-metadata-directive": "COPY", "x-oss-meta-shape": "square",
                                "Content-Type": "application/json"})
    for key in ("copy-default", "copy-copy"):
        h = bucket.head_object(key)
        assert h.headers.get("x-oss-meta-color") == "red", key
        assert "x-oss-meta-shape" not in h.headers, key
        assert h.content_type == "text/plain", key

    bucket.copy_object(bucket.bucket_name, "src", "copy-replace",
                       headers={"x-oss-metadata-directive": "REPLACE", "x-oss-meta-shape": "square",
                                "Content-Type": "application/json"})
    h = bucket.head_object("copy-replace")
    assert h.headers.get("x-oss-meta-shape") == "square"
    assert "x-oss-meta-color" not in h.headers
    assert h.content_type == "application/json"
    assert bucket.get_object("copy-replace").read() == b"data"


def test_copy_between_keys_that_differ_only_in_normalization(bucket):
    """`café` with U+00E9 and with e + U+0301 are two keys: a copy from one to the other is
    not a copy onto itself, so it keeps the source's metadata like any other copy."""
    nfc, nfd = "norm/caf\u00e9", "norm/cafe\u0301"
    _put(bucket, nfc, b"composed", headers={"Content-Type": "text/plain", "x-oss-meta-color": "red"})
    bucket.copy_object(bucket.bucket_name, nfc, nfd, headers={"x-oss-meta-shape": "square"})
    h = bucket.head_object(nfd)
    assert h.headers.get("x-oss-meta-color") == "red"
    assert "x-oss-meta-shape" not in h.headers
    assert h.content_type == "text/plain"
    assert bucket.get_object(nfd).read() == b"composed"
    keys = [o.key for o in oss2.ObjectIterator(bucket, prefix="norm/")]
    assert sorted(k.encode() for k in keys) == sorted([nfc.encode(), nfd.encode()])


def test_copy_onto_itself_updates_metadata(bucket):
    _put(bucket, "self", b"same data", headers={"Content-Type": "text/plain", "x-oss-meta-old": "1"})
    bucket.update_object_meta("self", {"Content-Type": "text/csv", "x-oss-meta-new": "2"})
    g = bucket.get_object("self")
    assert g.read() == b"same data"
    assert g.headers["Content-Type"] == "text/csv"
    assert g.headers.get("x-oss-meta-new") == "2"
    assert "x-oss-meta-old" not in g.headers


def test_copy_forbid_overwrite(bucket):
    _put(bucket, "src", b"source")
    _put(bucket, "dst", b"destination")
    assert_oss2_error(bucket.copy_object, 409, "FileAlreadyExists", bucket.bucket_name, "src", "dst",
                      headers={"x-oss-forbid-overwrite": "true"})
    assert bucket.get_object("dst").read() == b"destination"
    bucket.copy_object(bucket.bucket_name, "src", "dst2", headers={"x-oss-forbid-overwrite": "true"})
    assert bucket.get_object("dst2").read() == b"source"


def test_copy_missing_source(bucket):
    e = assert_oss2_error(bucket.copy_object, 404, "NoSuchKey", bucket.bucket_name, "nope", "dst")
    assert isinstance(e, oss2.exceptions.NoSuchKey)


def test_copy_object_v2_sdk(v2, bucket_name, admin):
    admin.put_object("src key+1", b"v2 copy", headers={"x-oss-meta-a": "b"})
    res = v2.copy_object(oss.CopyObjectRequest(bucket=bucket_name, key="dst/中文",
                                               source_bucket=bucket_name, source_key="src key+1"))
    assert res.status_code == 200
    g = admin.get_object("dst/中文")
    assert g.read() == b"v2 copy"
    assert g.headers.get("x-oss-meta-a") == "b"


# ------------------------------------------------------------------------------ delete


def test_delete_object(bucket):
    _put(bucket, "del.txt")
    res = bucket.delete_object("del.txt")
    assert res.status == 204
    assert_oss2_error(bucket.head_object, 404, "NoSuchKey", "del.txt")
    res = bucket.delete_object("del.txt")
    assert res.status == 204
    res = bucket.delete_object("never-existed/x")
    assert res.status == 204


def test_delete_object_v2_sdk(v2, bucket_name, admin):
    admin.put_object("d", b"d")
    assert v2.delete_object(oss.DeleteObjectRequest(bucket=bucket_name, key="d")).status_code == 204
    assert v2.delete_object(oss.DeleteObjectRequest(bucket=bucket_name, key="d")).status_code == 204
    assert admin.object_exists("d") is False


BATCH_KEYS = ["a.txt", "dir/b.txt", "sp ace.txt", "plus+key", "中文.txt", "amp&lt<gt>"]


def _all_keys(b):
    return [o.key for o in b.list_objects(max_keys=1000).object_list]


def test_delete_objects_batch(bucket):
    for k in BATCH_KEYS:
        _put(bucket, k)
    _put(bucket, "survivor")
    res = bucket.batch_delete_objects(BATCH_KEYS)
    assert res.status == 200
    assert sorted(res.deleted_keys) == sorted(BATCH_KEYS)
    assert _all_keys(bucket) == ["survivor"]


def test_delete_objects_quiet_v2_sdk(v2, bucket_name, admin):
    for k in BATCH_KEYS:
        admin.put_object(k, b"x")
    res = v2.delete_multiple_objects(oss.DeleteMultipleObjectsRequest(
        bucket=bucket_name, objects=[oss.DeleteObject(key=k) for k in BATCH_KEYS[:3]], quiet=True))
    assert res.status_code == 200
    assert not res.deleted_objects  # quiet: only failures are listed
    res = v2.delete_multiple_objects(oss.DeleteMultipleObjectsRequest(
        bucket=bucket_name, objects=[oss.DeleteObject(key=k) for k in BATCH_KEYS[3:]], quiet=False))
    assert sorted(d.key for d in res.deleted_objects) == sorted(BATCH_KEYS[3:])
    assert _all_keys(admin) == []


def test_delete_objects_quiet_wire(raw, bucket_name, admin):
    admin.put_object("q1", b"x")
    body = b"<Delete><Quiet>true</Quiet><Object><Key>q1</Key></Object></Delete>"
    r = raw.request("POST", bucket_name, params={"delete": ""}, data=body,
                    headers={"Content-MD5": content_md5(body), "Content-Type": "application/xml"})
    assert r.status_code == 200
    root = ET.fromstring(r.content)
    assert root.tag == "DeleteResult"
    assert root.findall("Deleted") == []
    assert admin.object_exists("q1") is False


# ------------------------------------------------------------------------------ listing

TREE = ["a/1.txt", "a/2.txt", "a/b/3.txt", "b/4.txt", "c.txt"]


@pytest.fixture
def tree(admin):
    for k in TREE:
        admin.put_object(k, k.encode())
    return TREE


def test_list_objects_v1_prefix_delimiter_marker(bucket, tree):
    res = bucket.list_objects(prefix="a/", delimiter="/")
    assert res.status == 200
    assert [o.key for o in res.object_list] == ["a/1.txt", "a/2.txt"]
    assert res.prefix_list == ["a/b/"]
    assert res.is_truncated is False

    res = bucket.list_objects(delimiter="/")
    assert [o.key for o in res.object_list] == ["c.txt"]
    assert res.prefix_list == ["a/", "b/"]

    res = bucket.list_objects(marker="a/2.txt")
    assert [o.key for o in res.object_list] == ["a/b/3.txt", "b/4.txt", "c.txt"]

    res = bucket.list_objects(prefix="zzz")
    assert res.object_list == [] and res.prefix_list == []


def test_list_objects_v2_prefix_delimiter_start_after(bucket, tree):
    res = bucket.list_objects_v2(prefix="a/", delimiter="/")
    assert res.status == 200
    assert [o.key for o in res.object_list] == ["a/1.txt", "a/2.txt"]
    assert res.prefix_list == ["a/b/"]

    res = bucket.list_objects_v2(delimiter="/")
    assert [o.key for o in res.object_list] == ["c.txt"]
    assert res.prefix_list == ["a/", "b/"]

    res = bucket.list_objects_v2(start_after="a/2.txt")
    assert [o.key for o in res.object_list] == ["a/b/3.txt", "b/4.txt", "c.txt"]


def test_list_entry_fields(bucket, tree):
    for res in (bucket.list_objects(), bucket.list_objects_v2(fetch_owner=True)):
        assert [o.key for o in res.object_list] == sorted(TREE)
        for o in res.object_list:
            assert o.size == len(o.key.encode())
            assert o.etag == md5_hex_upper(o.key.encode())
            assert o.type == "Normal"
            assert o.storage_class == "Standard"
            _assert_recent(o.last_modified)
            assert o.owner is not None and o.owner.id


def test_list_objects_v2_fetch_owner(bucket, tree):
    assert all(o.owner is None for o in bucket.list_objects_v2().object_list)
    assert all(o.owner is not None and o.owner.id for o in bucket.list_objects_v2(fetch_owner=True).object_list)


PAGE_KEYS = [f"page/{i:02d}" for i in range(15)] + [
    "page/with space", "page/plus+sign", "page/中文", "page/日本語/ファイル", "page/emoji-😀",
    "page/percent%41", "page/tilde~", "page/quote\"and'", "page/a&b<c>", "page/ü-umlaut",
]
PAGE_ORDER = sorted(PAGE_KEYS, key=lambda k: k.encode("utf-8"))


@pytest.fixture
def pages(admin):
    for k in PAGE_KEYS:
        admin.put_object(k, b"p")
    admin.put_object("zz-outside", b"o")
    return PAGE_ORDER


def test_list_v1_pagination(bucket, pages):
    seen, marker, n_pages = [], "", 0
    while True:
        res = bucket.list_objects(prefix="page/", marker=marker, max_keys=7)
        keys = [o.key for o in res.object_list]
        n_pages += 1
        assert len(keys) <= 7
        seen.extend(keys)
        if not res.is_truncated:
            break
        assert len(keys) == 7
        assert res.next_marker == keys[-1]
        marker = res.next_marker
        assert n_pages < 10
    assert n_pages == 4
    assert seen == pages


def test_list_v2_pagination(bucket, pages):
    seen, token, n_pages = [], "", 0
    while True:
        res = bucket.list_objects_v2(prefix="page/", continuation_token=token, max_keys=7)
        keys = [o.key for o in res.object_list]
        n_pages += 1
        assert len(keys) <= 7
        seen.extend(keys)
        if not res.is_truncated:
            break
        assert len(keys) == 7
        assert res.next_continuation_token
        token = res.next_continuation_token
        assert n_pages < 10
    assert n_pages == 4
    assert seen == pages

    after = pages[10]
    res = bucket.list_objects_v2(prefix="page/", start_after=after, max_keys=100)
    assert [o.key for o in res.object_list] == pages[11:]


def test_list_v2_pagination_v2_sdk(v2, bucket_name, pages):
    seen, token = [], None
    for _ in range(10):
        res = v2.list_objects_v2(oss.ListObjectsV2Request(
            bucket=bucket_name, prefix="page/", max_keys=7, continuation_token=token))
        keys = [o.key for o in (res.contents or [])]
        assert res.key_count == len(keys)
        seen.extend(keys)
        if not res.is_truncated:
            break
        token = res.next_continuation_token
    assert seen == pages

    res = v2.list_objects(oss.ListObjectsRequest(bucket=bucket_name, prefix="page/", delimiter="/"))
    assert [o.key for o in res.contents] == [k for k in pages if "/" not in k[len("page/"):]]
    assert [p.prefix for p in res.common_prefixes] == ["page/日本語/"]


def test_list_encoding_type_url_on_the_wire(raw, admin, bucket_name):
    keys = ["中文/文件 a+b.txt", "中文/子/x", "中文/%2F literal"]
    for k in keys:
        admin.put_object(k, b"x")

    r = raw.get(bucket_name, params={"encoding-type": "url", "prefix": "中文/", "delimiter": "/"})
    assert r.status_code == 200
    root = ET.fromstring(r.content)
    assert root.tag == "ListBucketResult"
    assert root.findtext("EncodingType") == "url"
    wire_keys = [c.findtext("Key") for c in root.findall("Contents")]
    for wk in wire_keys:
        assert PERCENT_ENCODED_RE.match(wk), f"key not fully percent-encoded: {wk!r}"
    assert sorted(unquote(wk) for wk in wire_keys) == sorted(["中文/文件 a+b.txt", "中文/%2F literal"])
    prefixes = [p.findtext("Prefix") for p in root.findall("CommonPrefixes")]
    assert [unquote(p) for p in prefixes] == ["中文/子/"]
    assert PERCENT_ENCODED_RE.match(prefixes[0])
    assert unquote(root.findtext("Prefix") or "") == "中文/"

    # Without encoding-type the keys come back as XML text.
    r = raw.get(bucket_name, params={"prefix": "中文/"})
    root = ET.fromstring(r.content)
    assert root.find("EncodingType") is None
    assert sorted(c.findtext("Key") for c in root.findall("Contents")) == sorted(keys)


# ------------------------------------------------------------------------------ special keys

SPECIAL_KEYS = {
    "space": "with space.txt",
    "plus": "plus+sign.txt",
    "percent": "100%.txt",
    "percent-escape-lookalike": "%41%2B%20.txt",
    "chinese": "中文/文件.txt",
    "slashes": "a/b/c",
    "punctuation": "p !$&'()*,;=:@[]~^`{}|.txt",
    "ascii-1023": "k" * 1023,
    "utf8-1023-bytes": "中" * 341,
}


@pytest.mark.parametrize("key", list(SPECIAL_KEYS.values()), ids=list(SPECIAL_KEYS))
def test_special_keys(bucket, key):
    data = key.encode("utf-8")
    _put(bucket, key, data)
    g = bucket.get_object(key)
    assert g.read() == data
    assert bucket.head_object(key).content_length == len(data)
    assert [o.key for o in bucket.list_objects(prefix=key).object_list] == [key]
    assert [o.key for o in bucket.list_objects_v2(prefix=key).object_list] == [key]
    assert bucket.delete_object(key).status == 204
    assert bucket.object_exists(key) is False


@pytest.mark.parametrize("key", ["with space.txt", "plus+sign.txt", "100%.txt", "中文/文件.txt", "a/b/c"])
def test_special_keys_v2_sdk(v2, bucket_name, admin, key):
    v2.put_object(oss.PutObjectRequest(bucket=bucket_name, key=key, body=b"v2:" + key.encode()))
    assert admin.get_object(key).read() == b"v2:" + key.encode()
    g = v2.get_object(oss.GetObjectRequest(bucket=bucket_name, key=key))
    assert g.body.read() == b"v2:" + key.encode()


@pytest.mark.parametrize("key", ["k" * 1024, "中" * 341 + "k"], ids=["ascii-1024", "utf8-1024-bytes"])
def test_key_too_long(bucket, key):
    assert len(key.encode()) == 1024
    e = assert_oss2_error(bucket.put_object, 400, "InvalidObjectName", key, b"x")
    assert isinstance(e, oss2.exceptions.InvalidObjectName)


# ------------------------------------------------------------------------------ chunked upload


@pytest.mark.parametrize("chunks", [3, 40], ids=["small", "crosses-inline-threshold"])
def test_chunked_upload(bucket, chunks):
    parts = [random_bytes(4000 + i, seed=100 + i) for i in range(chunks)]
    data = b"".join(parts)

    res = bucket.put_object("chunked.bin", iter(parts))
    sent = res.resp.response.request.headers
    assert sent.get("Transfer-Encoding") == "chunked"
    assert "Content-Length" not in sent
    assert res.status == 200
    assert res.crc == crc64(data)
    assert res.etag == md5_hex_upper(data)

    g = bucket.get_object("chunked.bin")
    assert g.read() == data
    assert g.content_length == len(data)
    assert g.server_crc == crc64(data)


# ------------------------------------------------------------------------------ anonymous access


def test_anonymous_private_object_denied(server, admin, bucket_name):
    admin.put_object("private.txt", b"secret")
    r = anon_get(server, bucket_name, "private.txt")
    assert r.status_code == 403
    rid = assert_common_headers(r.headers, "anonymous 403")
    assert r.headers["Content-Type"].startswith("application/xml")
    err = parse_error_xml(r.content)
    assert err["Code"] == "AccessDenied"
    assert err["RequestId"] == rid
    assert b"secret" not in r.content

    h = anon_get(server, bucket_name, "private.txt", method="HEAD")
    assert h.status_code == 403
    assert h.content == b""
    assert decode_x_oss_err(h.headers)["Code"] == "AccessDenied"


def test_anonymous_public_read_object(server, admin, bucket_name):
    admin.put_object("public.txt", b"hello world", headers={"x-oss-object-acl": "public-read"})
    r = anon_get(server, bucket_name, "public.txt")
    assert r.status_code == 200
    assert r.content == b"hello world"
    assert r.headers["ETag"] == quoted_etag(b"hello world")
    assert_common_headers(r.headers, "anonymous 200")
    # read-only: anonymous writes are refused
    w = anon_get(server, bucket_name, "public.txt", method="PUT", data=b"overwrite")
    assert w.status_code == 403
    assert parse_error_xml(w.content)["Code"] == "AccessDenied"
    assert admin.get_object("public.txt").read() == b"hello world"


def test_anonymous_object_acl_overrides_bucket_acl(server, make_bucket):
    name = make_bucket(acl="public-read")
    b = make_oss2_bucket(server, name)
    b.put_object("inherits.txt", b"from bucket")
    b.put_object("locked.txt", b"private", headers={"x-oss-object-acl": "private"})
    assert anon_get(server, name, "inherits.txt").content == b"from bucket"
    assert anon_get(server, name, "locked.txt").status_code == 403


def test_anonymous_write_public_read_write_bucket(server, make_bucket):
    name = make_bucket(acl="public-read-write")
    r = anon_get(server, name, "anon-upload.txt", method="PUT", data=b"anon")
    assert r.status_code == 200
    assert make_oss2_bucket(server, name).get_object("anon-upload.txt").read() == b"anon"


# ------------------------------------------------------------------------------ credentials


def _oss2_with(server, bucket_name, sig, ak, sk):
    return make_oss2_bucket(server, bucket_name, sig, ak=ak, sk=sk)


def test_bad_secret_oss2(server, bucket_name, admin, oss2_sig):
    admin.put_object("k", b"v")
    b = _oss2_with(server, bucket_name, oss2_sig, server.ak, "wrong-secret-0000000000")
    for call in (lambda: b.get_object("k"), lambda: b.put_object("k2", b"x"), lambda: b.list_objects()):
        e = assert_oss2_error(call, 403, "SignatureDoesNotMatch")
        assert isinstance(e, oss2.exceptions.SignatureDoesNotMatch)
    e = oss2_error(b.head_object, "k")
    assert (e.status, e.code) == (403, "SignatureDoesNotMatch")
    assert admin.object_exists("k2") is False


def test_bad_secret_v2_sdk(server, bucket_name, v2_sig):
    c = make_v2_client(server, v2_sig, sk="wrong-secret-0000000000")
    assert_v2_error(c.put_object, 403, "SignatureDoesNotMatch",
                    oss.PutObjectRequest(bucket=bucket_name, key="k", body=b"x"))
    assert_v2_error(c.get_bucket_info, 403, "SignatureDoesNotMatch",
                    oss.GetBucketInfoRequest(bucket=bucket_name))


def test_unknown_access_key_oss2(server, bucket_name, oss2_sig):
    b = _oss2_with(server, bucket_name, oss2_sig, "no-such-ak", server.sk)
    assert_oss2_error(b.get_object, 403, "InvalidAccessKeyId", "k")
    assert_oss2_error(b.put_object, 403, "InvalidAccessKeyId", "k", b"x")


def test_unknown_access_key_v2_sdk(server, bucket_name, v2_sig):
    c = make_v2_client(server, v2_sig, ak="no-such-ak")
    e = assert_v2_error(c.get_object, 403, "InvalidAccessKeyId",
                        oss.GetObjectRequest(bucket=bucket_name, key="k"))
    assert e.message == "The OSS Access Key Id you provided does not exist in our records."


def test_signature_error_document(server, bucket_name):
    r = RawClient(server, "v1", sk="wrong-secret-0000000000").get(bucket_name, "k")
    assert r.status_code == 403
    err = parse_error_xml(r.content)
    assert err["Code"] == "SignatureDoesNotMatch"
    assert err["RequestId"] == r.headers["x-oss-request-id"]


# ------------------------------------------------------------------------------ common headers


def _common_header_cases(server, raw, bucket_name):
    yield "ListBuckets", lambda: raw.get()
    yield "PutObject", lambda: raw.put(bucket_name, "ch.txt", data=b"ch")
    yield "GetObject", lambda: raw.get(bucket_name, "ch.txt")
    yield "HeadObject", lambda: raw.head(bucket_name, "ch.txt")
    yield "GetObject 206", lambda: raw.get(bucket_name, "ch.txt", headers={"Range": "bytes=0-0"})
    yield "GetObject 304", lambda: raw.get(bucket_name, "ch.txt", headers={"If-None-Match": quoted_etag(b"ch")})
    yield "GetObject 404", lambda: raw.get(bucket_name, "missing")
    yield "HeadObject 404", lambda: raw.head(bucket_name, "missing")
    yield "ListObjects", lambda: raw.get(bucket_name)
    yield "GetBucketInfo", lambda: raw.get(bucket_name, params={"bucketInfo": ""})
    yield "NoSuchBucket", lambda: raw.get("no-such-bucket-" + bucket_name[-12:])
    yield "anonymous 403", lambda: anon_get(server, bucket_name, "ch.txt")
    yield "bad signature 403", lambda: RawClient(server, "v4", sk="bad-secret").get(bucket_name, "ch.txt")
    yield "DeleteObject 204", lambda: raw.delete(bucket_name, "ch.txt")


def test_every_response_has_request_id_and_date(server, raw, bucket_name):
    ids = []
    for name, call in _common_header_cases(server, raw, bucket_name):
        r = call()
        assert r.status_code < 500, (name, r.status_code, r.content[:300])
        ids.append(assert_common_headers(r.headers, name))
        assert r.headers.get("Server") == "AliyunOSS", name
    assert len(set(ids)) == len(ids), "request ids are not unique"
