"""Archive storage classes: reads need a restore (the server under test restores at once)."""

import pytest

import oss2

from conftest import assert_oss2_error, header


@pytest.mark.parametrize("storage_class", ["Archive", "ColdArchive", "DeepColdArchive"])
def test_restore_state_machine(bucket, storage_class):
    bucket.put_object("cold", b"frozen", headers={"x-oss-storage-class": storage_class})
    assert_oss2_error(lambda: bucket.get_object("cold"), 403, "InvalidObjectState")
    head = bucket.head_object("cold")
    assert head.headers["x-oss-storage-class"] == storage_class
    assert "x-oss-restore" not in head.headers
    assert bucket.restore_object("cold").status == 202
    restored = bucket.head_object("cold").headers["x-oss-restore"]
    assert restored.startswith('ongoing-request="false", expiry-date="')
    assert bucket.get_object("cold").read() == b"frozen"
    # Restoring a restored object extends it: 200.
    assert bucket.restore_object("cold").status == 200


def test_restore_of_standard_object_is_not_supported(bucket):
    bucket.put_object("warm", b"x")
    assert_oss2_error(lambda: bucket.restore_object("warm"), 400, "OperationNotSupported")
    assert_oss2_error(lambda: bucket.restore_object("missing"), 404, "NoSuchKey")


@pytest.mark.symlink
def test_link_to_archive_target_needs_the_target_restored(bucket):
    bucket.put_object("cold", b"frozen", headers={"x-oss-storage-class": "Archive"})
    bucket.put_symlink("cold", "link")
    assert_oss2_error(lambda: bucket.get_object("link"), 403, "InvalidObjectState")
    assert bucket.head_object("link").headers["x-oss-object-type"] == "Symlink"
    bucket.restore_object("cold")
    assert bucket.get_object("link").read() == b"frozen"
