"""AppendObject through the official SDKs: sequences, CRC chaining, errors."""

import pytest

import alibabacloud_oss_v2 as oss

from conftest import assert_oss2_error, crc64, random_bytes


def test_oss2_append_sequence_with_crc_chaining(bucket):
    chunks = [b"hello ", random_bytes(70 * 1024, seed=1), b"", random_bytes(200 * 1024, seed=2), b"end"]
    position = 0
    crc = None
    for chunk in chunks:
        res = bucket.append_object("log.txt", position, chunk, init_crc=crc)
        position = res.next_position
        crc = res.crc
    whole = b"".join(chunks)
    assert position == len(whole)
    assert crc == crc64(whole)
    get = bucket.get_object("log.txt")
    assert get.read() == whole
    assert get.headers["x-oss-object-type"] == "Appendable"
    assert get.headers["x-oss-next-append-position"] == str(len(whole))
    assert get.headers["x-oss-hash-crc64ecma"] == str(crc64(whole))


def test_wrong_position_reports_the_next_one(bucket):
    bucket.append_object("a", 0, b"12345")
    e = assert_oss2_error(lambda: bucket.append_object("a", 3, b"x"), 409, "PositionNotEqualToLength")
    assert e.headers["x-oss-next-append-position"] == "5"
    assert_oss2_error(lambda: bucket.append_object("new", 7, b"x"), 409, "PositionNotEqualToLength")
    assert bucket.get_object("a").read() == b"12345"


def test_normal_objects_are_not_appendable(bucket):
    bucket.put_object("n", b"normal")
    assert_oss2_error(lambda: bucket.append_object("n", 6, b"x"), 409, "ObjectNotAppendable")


def test_v2_append_and_overwrite_with_put(v2, bucket_name):
    r1 = v2.append_object(oss.AppendObjectRequest(bucket=bucket_name, key="v", position=0, body=b"abc"))
    r2 = v2.append_object(oss.AppendObjectRequest(bucket=bucket_name, key="v", position=r1.next_position, body=b"def"))
    assert r2.next_position == 6
    assert r2.hash_crc64 == str(crc64(b"abcdef"))
    v2.put_object(oss.PutObjectRequest(bucket=bucket_name, key="v", body=b"plain"))
    head = v2.head_object(oss.HeadObjectRequest(bucket=bucket_name, key="v"))
    assert head.object_type == "Normal"
