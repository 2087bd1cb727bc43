"""Bucket API through oss2 (V1/V2/V4), alibabacloud-oss-v2 (V4/V1) and raw requests."""

import datetime
import time

import pytest

import oss2
import alibabacloud_oss_v2 as oss

from conftest import (
    EC_RE, ISO8601_MS_RE, LOCATION, RawClient, assert_common_headers, assert_oss2_error,
    assert_v2_error, make_oss2_bucket, make_oss2_service, parse_error_xml,
    unique_bucket_name, decode_x_oss_err,
)


def _assert_recent_iso8601(value: str):
    assert ISO8601_MS_RE.match(value), f"CreationDate {value!r} is not ISO 8601 with ms"
    created = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()
    assert abs(created - time.time()) < 600, f"CreationDate {value} is not close to now"


@pytest.mark.parametrize("acl,storage_class", [
    ("public-read", "IA"),
    ("public-read-write", "Archive"),
    ("private", "Standard"),
])
def test_create_bucket_with_acl_and_storage_class(server, oss2_sig, acl, storage_class):
    name = unique_bucket_name()
    b = make_oss2_bucket(server, name, oss2_sig)
    res = b.create_bucket(acl, oss2.models.BucketCreateConfig(storage_class))
    try:
        assert res.status == 200
        assert_common_headers(res.headers, "PutBucket")

        info = b.get_bucket_info()
        assert info.status == 200
        assert info.name == name
        assert info.location == LOCATION
        assert info.storage_class == storage_class
        assert info.acl.grant == acl
        _assert_recent_iso8601(info.creation_date)
        assert info.owner.id, "GetBucketInfo has no Owner/ID"

        assert b.get_bucket_acl().acl == acl
    finally:
        b.delete_bucket()


def test_create_bucket_defaults(server, oss2_sig):
    name = unique_bucket_name()
    b = make_oss2_bucket(server, name, oss2_sig)
    b.create_bucket()
    try:
        info = b.get_bucket_info()
        assert info.name == name
        assert info.storage_class == "Standard"
        assert info.acl.grant == "private"
        assert info.location == LOCATION
        assert b.get_bucket_acl().acl == "private"
    finally:
        b.delete_bucket()


def test_create_bucket_v2_sdk(server, v2):
    name = unique_bucket_name()
    res = v2.put_bucket(oss.PutBucketRequest(
        bucket=name, acl="public-read",
        create_bucket_configuration=oss.CreateBucketConfiguration(storage_class="IA")))
    try:
        assert res.status_code == 200
        info = v2.get_bucket_info(oss.GetBucketInfoRequest(bucket=name)).bucket_info
        assert info.name == name
        assert info.location == LOCATION
        assert info.storage_class == "IA"
        assert info.acl == "public-read"
        assert info.owner is not None and info.owner.id
        assert abs(info.creation_date.timestamp() - time.time()) < 600

        loc = v2.get_bucket_location(oss.GetBucketLocationRequest(bucket=name))
        assert loc.location == LOCATION
        acl = v2.get_bucket_acl(oss.GetBucketAclRequest(bucket=name))
        assert acl.acl == "public-read"
    finally:
        res = v2.delete_bucket(oss.DeleteBucketRequest(bucket=name))
        assert res.status_code == 204


def test_list_buckets_prefix_marker_max_keys(server, oss2_sig, make_bucket):
    prefix = f"lbo2{oss2_sig}"
    names = sorted(make_bucket(prefix=prefix) for _ in range(3))
    common = names[0].rsplit("-", 1)[0] + "-"  # "<prefix>-<run>-" shared by the three
    svc = make_oss2_service(server, oss2_sig)

    res = svc.list_buckets(prefix=common)
    assert res.status == 200
    assert [b.name for b in res.buckets] == names
    assert res.is_truncated is False
    for b in res.buckets:
        assert b.location == LOCATION
        assert b.storage_class == "Standard"
        assert b.creation_date > 0
    assert res.owner.id, "ListAllMyBucketsResult has no Owner/ID"

    page1 = svc.list_buckets(prefix=common, max_keys=2)
    assert [b.name for b in page1.buckets] == names[:2]
    assert page1.is_truncated is True
    assert page1.next_marker == names[1]

    page2 = svc.list_buckets(prefix=common, marker=page1.next_marker, max_keys=2)
    assert [b.name for b in page2.buckets] == names[2:]
    assert page2.is_truncated is False

    none = svc.list_buckets(prefix=common + "zzz")
    assert none.buckets == []


def test_list_buckets_v2_sdk(server, v2, make_bucket):
    names = sorted(make_bucket(prefix="lbsdk") for _ in range(2))
    common = names[0].rsplit("-", 1)[0] + "-"
    res = v2.list_buckets(oss.ListBucketsRequest(prefix=common))
    assert res.status_code == 200
    assert [b.name for b in res.buckets] == names
    assert all(b.location == LOCATION for b in res.buckets)
    page = v2.list_buckets(oss.ListBucketsRequest(prefix=common, max_keys=1))
    assert [b.name for b in page.buckets] == names[:1]
    assert page.is_truncated is True
    assert page.next_marker == names[0]


def test_get_bucket_location(server, oss2_sig, bucket_name):
    b = make_oss2_bucket(server, bucket_name, oss2_sig)
    res = b.get_bucket_location()
    assert res.status == 200
    assert res.location == LOCATION


def test_put_get_bucket_acl(server, oss2_sig, bucket_name):
    b = make_oss2_bucket(server, bucket_name, oss2_sig)
    assert b.get_bucket_acl().acl == "private"
    for acl in ("public-read", "public-read-write", "private"):
        res = b.put_bucket_acl(acl)
        assert res.status == 200
        assert b.get_bucket_acl().acl == acl
        assert b.get_bucket_info().acl.grant == acl


def test_put_bucket_acl_invalid(raw, bucket_name):
    r = raw.put(bucket_name, params={"acl": ""}, headers={"x-oss-acl": "world-writable"})
    assert r.status_code == 400
    assert parse_error_xml(r.content)["Code"] == "InvalidArgument"


def test_delete_bucket(server, oss2_sig):
    name = unique_bucket_name()
    b = make_oss2_bucket(server, name, oss2_sig)
    b.create_bucket()
    res = b.delete_bucket()
    assert res.status == 204
    assert_oss2_error(b.get_bucket_info, 404, "NoSuchBucket")
    names = [x.name for x in make_oss2_service(server, oss2_sig).list_buckets(prefix=name).buckets]
    assert name not in names


def test_delete_non_empty_bucket(server, oss2_sig, bucket_name, admin):
    admin.put_object("keep.txt", b"x")
    b = make_oss2_bucket(server, bucket_name, oss2_sig)
    e = assert_oss2_error(b.delete_bucket, 409, "BucketNotEmpty")
    assert isinstance(e, oss2.exceptions.BucketNotEmpty)
    # still there, object intact
    assert b.get_bucket_info().name == bucket_name
    assert admin.get_object("keep.txt").read() == b"x"


def test_delete_non_empty_bucket_v2_sdk(v2, bucket_name, admin):
    admin.put_object("keep.txt", b"x")
    assert_v2_error(v2.delete_bucket, 409, "BucketNotEmpty", oss.DeleteBucketRequest(bucket=bucket_name))


_MISSING_BUCKET_OPS = {
    "get_bucket_info": lambda b: b.get_bucket_info(),
    "get_bucket_location": lambda b: b.get_bucket_location(),
    "get_bucket_acl": lambda b: b.get_bucket_acl(),
    "put_bucket_acl": lambda b: b.put_bucket_acl("private"),
    "delete_bucket": lambda b: b.delete_bucket(),
    "list_objects": lambda b: b.list_objects(),
    "list_objects_v2": lambda b: b.list_objects_v2(),
    "put_object": lambda b: b.put_object("k.txt", b"data"),
    "get_object": lambda b: b.get_object("k.txt"),
    "head_object": lambda b: b.head_object("k.txt"),
    "get_object_meta": lambda b: b.get_object_meta("k.txt"),
    "delete_object": lambda b: b.delete_object("k.txt"),
    "batch_delete_objects": lambda b: b.batch_delete_objects(["k.txt"]),
    "copy_object": lambda b: b.copy_object(b.bucket_name, "src", "dst"),
    "get_object_acl": lambda b: b.get_object_acl("k.txt"),
}


@pytest.mark.parametrize("op", sorted(_MISSING_BUCKET_OPS))
def test_missing_bucket(server, oss2_sig, op):
    b = make_oss2_bucket(server, unique_bucket_name("nobkt"), oss2_sig)
    e = assert_oss2_error(_MISSING_BUCKET_OPS[op], 404, "NoSuchBucket", b)
    assert isinstance(e, oss2.exceptions.NoSuchBucket)


def test_missing_bucket_v2_sdk(v2):
    name = unique_bucket_name("nobkt")
    for call in (
        lambda: v2.get_bucket_info(oss.GetBucketInfoRequest(bucket=name)),
        lambda: v2.list_objects_v2(oss.ListObjectsV2Request(bucket=name)),
        lambda: v2.put_object(oss.PutObjectRequest(bucket=name, key="k", body=b"x")),
        lambda: v2.head_object(oss.HeadObjectRequest(bucket=name, key="k")),
    ):
        e = assert_v2_error(call, 404, "NoSuchBucket")
        assert e.ec == "0015-00000101"


def test_missing_bucket_error_document(raw):
    name = unique_bucket_name("nobkt")
    r = raw.get(name, params={"bucketInfo": ""})
    assert r.status_code == 404
    rid = assert_common_headers(r.headers, "NoSuchBucket")
    assert r.headers.get("Content-Type", "").startswith("application/xml")
    err = parse_error_xml(r.content)
    assert err["Code"] == "NoSuchBucket"
    assert err["Message"] == "The specified bucket does not exist."
    assert err["RequestId"] == rid
    assert err.get("HostId"), "error document has no HostId"
    assert err.get("BucketName") == name
    assert err.get("EC") == "0015-00000101"
    assert r.headers.get("x-oss-ec") == "0015-00000101"

    h = raw.head(name, "k")
    assert h.status_code == 404
    assert h.content == b""
    assert decode_x_oss_err(h.headers)["Code"] == "NoSuchBucket"


@pytest.mark.parametrize("name", [
    "ab",                 # too short
    "a" * 64,             # too long
    "Upper-Case",         # upper case
    "under_score",        # underscore
    "-leading-dash",
    "trailing-dash-",
    "dot.name",
], ids=["too-short", "too-long", "upper-case", "underscore", "leading-dash", "trailing-dash", "dot"])
def test_invalid_bucket_name(server, name):
    # The SDKs refuse these names client-side, so send signed raw requests.
    for sig in ("v1", "v4"):
        r = RawClient(server, sig).put(name)
        assert r.status_code == 400, (sig, r.status_code, r.content[:300])
        err = parse_error_xml(r.content)
        assert err["Code"] == "InvalidBucketName"
        assert err["Message"] == "The specified bucket is not valid."
        # shared/oss-api.md 3.2: every error document carries an EC element
        assert EC_RE.match(err.get("EC", "")), f"InvalidBucketName error has no valid <EC>: {err}"
