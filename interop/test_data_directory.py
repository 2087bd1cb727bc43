"""One ossd per embedded data directory: the store's record cache and its start-up blob
sweep assume this process is the database's only writer, so a second `ossd serve` on the
same directory must refuse to start, and the first must go on serving what it acknowledged."""

import os
import subprocess

from conftest import REGION


def test_a_second_server_on_the_same_data_directory_refuses_to_start(server, admin):
    admin.put_object("held", b"first server")
    proc = subprocess.run(
        [os.environ["OSSD_BIN"], "serve", "--address", "127.0.0.1:0", "--data-dir", server.data_dir,
         "--region", REGION, "--log-level", "warning"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        env=dict(os.environ, OSSD_ROOT_ACCESS_KEY_ID=server.ak, OSSD_ROOT_ACCESS_KEY_SECRET=server.sk))
    assert proc.returncode != 0
    assert "in use by another ossd process" in proc.stderr + proc.stdout
    assert "listening" not in proc.stdout
    assert admin.get_object("held").read() == b"first server"


def test_an_overwrite_is_read_back_at_once_through_both_sdks(admin, v2, bucket_name):
    import alibabacloud_oss_v2 as oss

    for version in range(20):
        body = f"version {version}".encode()
        admin.put_object("rewritten", body)
        assert admin.get_object("rewritten").read() == body
        got = v2.get_object(oss.GetObjectRequest(bucket=bucket_name, key="rewritten"))
        assert got.body.read() == body
        assert admin.head_object("rewritten").content_length == len(body)
