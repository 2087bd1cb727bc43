"""Multipart upload through the official SDKs: resumable transfers with CRC checks on,
concurrent parts, completion rules, abort, listings and UploadPartCopy."""

import concurrent.futures
import hashlib
import os

import pytest

import oss2
import alibabacloud_oss_v2 as oss

from conftest import (assert_oss2_error, crc64, make_v2_client, parse_error_xml, random_bytes)

MiB = 1024 * 1024
PART = 100 * 1024


def multipart_etag(parts: list[bytes]) -> str:
    joined = "".join(hashlib.md5(p).hexdigest().upper() for p in parts)
    return '"%s-%d"' % (hashlib.md5(joined.encode()).hexdigest().upper(), len(parts))


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("mp") / "big.bin"
    data = b"".join(random_bytes(MiB, seed=7000 + i) for i in range(256))
    path.write_bytes(data)
    return path, data


def test_oss2_resumable_upload_and_download(admin, big_file, tmp_path):
    # One signature version is enough for the large transfer; the others are covered below.
    bucket = admin
    path, data = big_file
    oss2.resumable_upload(bucket, "big.bin", str(path), multipart_threshold=16 * MiB, part_size=16 * MiB,
                          num_threads=4, store=oss2.ResumableStore(root=str(tmp_path)))
    head = bucket.head_object("big.bin")
    assert head.headers["x-oss-object-type"] == "Multipart"
    assert head.content_length == len(data)
    assert head.headers["x-oss-hash-crc64ecma"] == str(crc64(data))
    out = tmp_path / "out.bin"
    oss2.resumable_download(bucket, "big.bin", str(out), multiget_threshold=16 * MiB, part_size=16 * MiB,
                            num_threads=4, store=oss2.ResumableDownloadStore(root=str(tmp_path)))
    assert out.read_bytes() == data


def test_v2_uploader_and_downloader(server, bucket_name, big_file, tmp_path):
    v2 = make_v2_client(server, "v4")
    path, data = big_file
    result = v2.uploader(part_size=8 * MiB, parallel_num=4).upload_file(
        oss.PutObjectRequest(bucket=bucket_name, key="v2-big.bin"), str(path))
    assert result.status_code == 200
    assert result.hash_crc64 == str(crc64(data))
    out = tmp_path / "v2-out.bin"
    v2.downloader(part_size=8 * MiB, parallel_num=4).download_file(
        oss.GetObjectRequest(bucket=bucket_name, key="v2-big.bin"), str(out))
    assert out.read_bytes() == data


def test_concurrent_parts_complete_with_oss_etag_and_crc(bucket):
    parts = [random_bytes(PART + i * 1000, seed=i) for i in range(6)] + [b"tail"]
    upload_id = bucket.init_multipart_upload("c.bin", headers={"x-oss-meta-purpose": "mp",
                                                                 "Content-Type": "video/mp4"}).upload_id

    def send(n):
        return n, bucket.upload_part("c.bin", upload_id, n, parts[n - 1])

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = dict(pool.map(send, range(1, len(parts) + 1)))
    for n, res in results.items():
        assert res.etag == hashlib.md5(parts[n - 1]).hexdigest().upper()
        assert res.crc == crc64(parts[n - 1])
    listed = bucket.list_parts("c.bin", upload_id)
    assert [p.part_number for p in listed.parts] == list(range(1, len(parts) + 1))
    assert [p.size for p in listed.parts] == [len(p) for p in parts]
    done = bucket.complete_multipart_upload(
        "c.bin", upload_id, [oss2.models.PartInfo(n, results[n].etag) for n in sorted(results)])
    assert done.etag == multipart_etag(parts)[1:-1]
    whole = b"".join(parts)
    get = bucket.get_object("c.bin")
    assert get.read() == whole
    assert get.headers["x-oss-object-type"] == "Multipart"
    assert get.headers["x-oss-meta-purpose"] == "mp"
    assert get.headers["Content-Type"] == "video/mp4"
    assert get.headers["x-oss-hash-crc64ecma"] == str(crc64(whole))
    ranged = bucket.get_object("c.bin", byte_range=(PART - 5, PART + 5))
    assert ranged.read() == whole[PART - 5:PART + 6]


def test_completion_rules(bucket, raw, bucket_name):
    key = "rules.bin"
    upload_id = bucket.init_multipart_upload(key).upload_id
    small = bucket.upload_part(key, upload_id, 1, b"x" * 10)
    last = bucket.upload_part(key, upload_id, 2, b"y" * 10)
    # oss2 sorts the part list itself, so the out-of-order document goes raw.
    body = ('<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>"%s"</ETag></Part>'
            '<Part><PartNumber>1</PartNumber><ETag>"%s"</ETag></Part></CompleteMultipartUpload>'
            % (last.etag, small.etag)).encode()
    r = raw.request("POST", bucket_name, key, params={"uploadId": upload_id}, data=body)
    assert r.status_code == 400
    assert parse_error_xml(r.content)["Code"] == "InvalidPartOrder"
    assert_oss2_error(lambda: bucket.complete_multipart_upload(
        key, upload_id, [oss2.models.PartInfo(1, "0" * 32)]), 400, "InvalidPart")
    assert_oss2_error(lambda: bucket.complete_multipart_upload(
        key, upload_id, [oss2.models.PartInfo(3, small.etag)]), 400, "InvalidPart")
    assert_oss2_error(lambda: bucket.complete_multipart_upload(
        key, upload_id, [oss2.models.PartInfo(1, small.etag), oss2.models.PartInfo(2, last.etag)]),
        400, "EntityTooSmall")
    # A single small part is fine: only parts before the last must be 100 KiB.
    done = bucket.complete_multipart_upload(key, upload_id, [oss2.models.PartInfo(2, last.etag)])
    assert done.status == 200
    assert bucket.get_object(key).read() == b"y" * 10
    assert_oss2_error(lambda: bucket.upload_part(key, upload_id, 1, b"z"), 404, "NoSuchUpload")


def test_upload_belongs_to_the_exact_bytes_of_its_key(bucket):
    """An upload started for `café` (U+00E9) is not the upload of `café` spelled e + U+0301:
    parts and completion through the other spelling are NoSuchUpload, and nothing is
    written under it."""
    nfc, nfd = "mp-norm/caf\u00e9", "mp-norm/cafe\u0301"
    upload_id = bucket.init_multipart_upload(nfc).upload_id
    assert_oss2_error(lambda: bucket.upload_part(nfd, upload_id, 1, b"d" * 10), 404, "NoSuchUpload")
    part = bucket.upload_part(nfc, upload_id, 1, b"c" * 10)
    assert_oss2_error(lambda: bucket.complete_multipart_upload(
        nfd, upload_id, [oss2.models.PartInfo(1, part.etag)]), 404, "NoSuchUpload")
    assert_oss2_error(lambda: bucket.head_object(nfd), 404, "NoSuchKey")
    bucket.complete_multipart_upload(nfc, upload_id, [oss2.models.PartInfo(1, part.etag)])
    assert bucket.get_object(nfc).read() == b"c" * 10
    assert_oss2_error(lambda: bucket.head_object(nfd), 404, "NoSuchKey")


def test_complete_all_and_forbid_overwrite(bucket, raw, bucket_name):
    # With x-oss-complete-all oss2 cannot know the parts' CRC, so these completions go raw.
    bucket.put_object("taken", b"original")
    upload_id = bucket.init_multipart_upload("taken", headers={"x-oss-forbid-overwrite": "true"}).upload_id
    bucket.upload_part("taken", upload_id, 1, b"new")
    r = raw.request("POST", bucket_name, "taken", params={"uploadId": upload_id},
                    headers={"x-oss-complete-all": "yes"})
    assert (r.status_code, parse_error_xml(r.content)["Code"]) == (409, "FileAlreadyExists")
    assert bucket.get_object("taken").read() == b"original"
    upload_id = bucket.init_multipart_upload("free").upload_id
    for n in (1, 2):
        bucket.upload_part("free", upload_id, n, bytes([n]) * PART)
    r = raw.request("POST", bucket_name, "free", params={"uploadId": upload_id},
                    headers={"x-oss-complete-all": "yes"})
    assert r.status_code == 200
    whole = b"\x01" * PART + b"\x02" * PART
    assert r.headers["x-oss-hash-crc64ecma"] == str(crc64(whole))
    assert bucket.get_object("free").read() == whole


def test_abort_and_bucket_not_empty(bucket, server, bucket_name):
    upload_id = bucket.init_multipart_upload("aborted").upload_id
    bucket.upload_part("aborted", upload_id, 1, b"p" * PART)
    assert_oss2_error(lambda: bucket.delete_bucket(), 409, "BucketNotEmpty")
    assert bucket.abort_multipart_upload("aborted", upload_id).status == 204
    assert_oss2_error(lambda: bucket.list_parts("aborted", upload_id), 404, "NoSuchUpload")
    assert_oss2_error(lambda: bucket.abort_multipart_upload("aborted", upload_id), 404, "NoSuchUpload")
    assert_oss2_error(lambda: bucket.get_object("aborted"), 404, "NoSuchKey")


def test_list_multipart_uploads_v2_sdk(v2, bucket_name, admin):
    ids = {}
    for key in ["a/1", "a/2", "b 文件", "c"]:
        ids[key] = admin.init_multipart_upload(key).upload_id
    res = v2.list_multipart_uploads(oss.ListMultipartUploadsRequest(bucket=bucket_name, delimiter="/"))
    assert [u.key for u in res.uploads] == ["b 文件", "c"]
    grouped = admin.list_multipart_uploads(delimiter="/")
    assert [u.key for u in grouped.upload_list] == ["b 文件", "c"]
    assert grouped.prefix_list == ["a/"]
    first = v2.list_multipart_uploads(oss.ListMultipartUploadsRequest(bucket=bucket_name, max_uploads=2))
    assert first.is_truncated
    assert [u.key for u in first.uploads] == ["a/1", "a/2"]
    rest = v2.list_multipart_uploads(oss.ListMultipartUploadsRequest(
        bucket=bucket_name, key_marker=first.next_key_marker, upload_id_marker=first.next_upload_id_marker))
    assert [u.key for u in rest.uploads] == ["b 文件", "c"]
    assert rest.uploads[0].upload_id == ids["b 文件"]


def test_upload_part_copy_with_range(bucket):
    source = random_bytes(3 * PART, seed=3)
    bucket.put_object("src.bin", source)
    upload_id = bucket.init_multipart_upload("dst.bin").upload_id
    first = bucket.upload_part_copy(bucket.bucket_name, "src.bin", (0, PART + 9), "dst.bin", upload_id, 1)
    second = bucket.upload_part_copy(bucket.bucket_name, "src.bin", (PART + 10, 3 * PART - 1), "dst.bin",
                                     upload_id, 2)
    bucket.complete_multipart_upload("dst.bin", upload_id, [oss2.models.PartInfo(1, first.etag),
                                                            oss2.models.PartInfo(2, second.etag)])
    assert bucket.get_object("dst.bin").read() == source


def test_put_object_over_multipart_object_replaces_it(bucket):
    upload_id = bucket.init_multipart_upload("m").upload_id
    part = bucket.upload_part("m", upload_id, 1, b"m" * 10)
    bucket.complete_multipart_upload("m", upload_id, [oss2.models.PartInfo(1, part.etag)])
    bucket.put_object("m", b"plain")
    get = bucket.get_object("m")
    assert get.read() == b"plain"
    assert get.headers["x-oss-object-type"] == "Normal"
