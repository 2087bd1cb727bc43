"""Every other operation on a link key, through the official SDKs (oss-api.md §1.5)."""

import email.utils

import pytest

import oss2
import alibabacloud_oss_v2 as oss

from conftest import assert_oss2_error, crc64, quoted_etag

pytestmark = pytest.mark.symlink


def test_copy_with_a_link_source_copies_the_link(bucket):
    bucket.put_object("target", b"target bytes")
    bucket.put_symlink("target", "link", headers={"x-oss-meta-kind": "alias"})
    bucket.copy_object(bucket.bucket_name, "link", "copy")
    assert bucket.get_symlink("copy").target_key == "target"
    head = bucket.head_object("copy")
    assert head.headers["x-oss-object-type"] == "Symlink"
    assert head.headers["x-oss-meta-kind"] == "alias"
    bucket.put_object("target", b"changed")
    assert bucket.get_object("copy").read() == b"changed"


def test_copy_and_multipart_over_a_link_replace_it(bucket):
    bucket.put_object("src", b"plain source")
    bucket.put_symlink("src", "l1")
    bucket.put_symlink("src", "l2")
    bucket.put_object("other", b"other")
    bucket.copy_object(bucket.bucket_name, "other", "l1")
    assert bucket.head_object("l1").headers["x-oss-object-type"] == "Normal"
    assert_oss2_error(lambda: bucket.get_symlink("l1"), 400, "NotSymlink")
    upload_id = bucket.init_multipart_upload("l2").upload_id
    part = bucket.upload_part("l2", upload_id, 1, b"multipart bytes")
    bucket.complete_multipart_upload("l2", upload_id, [oss2.models.PartInfo(1, part.etag)])
    head = bucket.head_object("l2")
    assert head.headers["x-oss-object-type"] == "Multipart"
    assert bucket.get_object("l2").read() == b"multipart bytes"


def test_delete_multiple_objects_deletes_links_only(bucket):
    bucket.put_object("t", b"t")
    for name in ("a", "b"):
        bucket.put_symlink("t", name)
    result = bucket.batch_delete_objects(["a", "b"])
    assert sorted(result.deleted_keys) == ["a", "b"]
    assert bucket.get_object("t").read() == b"t"
    assert_oss2_error(lambda: bucket.get_symlink("a"), 404, "NoSuchKey")


def test_append_on_a_link_is_not_appendable(bucket):
    bucket.put_symlink("t", "link")
    assert_oss2_error(lambda: bucket.append_object("link", 0, b"x"), 409, "ObjectNotAppendable")


def test_link_storage_class_and_tag_limit(bucket):
    bucket.put_object("t", b"data")
    bucket.put_symlink("t", "ia-link", headers={"x-oss-storage-class": "IA"})
    listed = {o.key: o for o in bucket.list_objects().object_list}
    assert listed["ia-link"].storage_class == "IA"
    assert listed["ia-link"].type == "Symlink"
    meta = bucket.get_object_meta("ia-link")
    assert meta.content_length == len("t")
    too_many = "&".join(f"k{i}=v" for i in range(11))
    assert_oss2_error(lambda: bucket.put_symlink("t", "tagged", headers={"x-oss-tagging": too_many}),
                      400, "InvalidArgument")
    assert_oss2_error(lambda: bucket.put_symlink("t", "bad", headers={"x-oss-storage-class": "Glacier"}),
                      400, "InvalidArgument")


def test_conditional_reads_through_a_link_use_the_targets_etag(bucket):
    data = b"conditional target"
    bucket.put_object("t", data)
    bucket.put_symlink("t", "link")
    with pytest.raises(oss2.exceptions.NotModified):
        bucket.get_object("link", headers={"If-None-Match": quoted_etag(data)})
    got = bucket.get_object("link", headers={"If-Match": quoted_etag(data)})
    assert got.read() == data
    assert got.headers["x-oss-hash-crc64ecma"] == str(crc64(data))


def test_last_modified_through_a_link_is_the_later_of_the_two(bucket):
    bucket.put_object("t", b"x")
    bucket.put_symlink("t", "link")
    link_time = email.utils.parsedate_to_datetime(bucket.get_symlink("link").headers["Last-Modified"])
    target_time = email.utils.parsedate_to_datetime(bucket.head_object("t").headers["Last-Modified"])
    through = email.utils.parsedate_to_datetime(bucket.head_object("link").headers["Last-Modified"])
    assert through == max(link_time, target_time)
