"""Two ossd nodes serving one namespace: one PostgreSQL database, one blob directory.

The fixture starts two `$OSSD_BIN serve` processes with `--metadata` pointing at a fresh
schema of the database in OSSD_TEST_POSTGRES_URL (scripts/test starts a throwaway server
and sets it), the same `--data-dir`, the same root credentials and the same
OSSD_MASTER_KEY. Skipped only when OSSD_TEST_POSTGRES_URL is unset.
"""

import base64
import concurrent.futures
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import pytest

import oss2
import alibabacloud_oss_v2 as oss

from conftest import (
    ACCESS_KEY_ID, ACCESS_KEY_SECRET, LISTEN_RE, REGION, STARTUP_DEADLINE_S, ServerInfo, _StdoutPump,
    _tail_file, make_oss2_bucket, make_oss2_service, make_v2_client, random_bytes, unique_bucket_name,
)

POSTGRES_URL = os.environ.get("OSSD_TEST_POSTGRES_URL")

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="OSSD_TEST_POSTGRES_URL is unset (scripts/test starts PostgreSQL and sets it)")


def _psql(sql):
    subprocess.run(["psql", POSTGRES_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def _start_node(binary, data_dir, metadata_url, env, tmp, name):
    stderr_path = os.path.join(tmp, f"{name}.stderr.log")
    stderr_file = open(stderr_path, "wb")
    argv = [binary, "serve", "--address", "127.0.0.1:0", "--data-dir", data_dir, "--region", REGION,
            "--log-level", "warning", "--metadata", metadata_url]
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr_file,
                            env=env, cwd=tmp)
    pump = _StdoutPump(proc.stdout)
    pump.start()
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    port = None
    while port is None:
        try:
            line = pump.lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            stderr_file.close()
            pytest.fail(f"{name} did not start: {' '.join(argv)}\n" + _tail_file(stderr_path), pytrace=False)
        m = LISTEN_RE.search(line)
        if m:
            port = int(m.group(1))
    info = ServerInfo(endpoint=f"http://127.0.0.1:{port}", host="127.0.0.1", port=port, ak=ACCESS_KEY_ID,
                      sk=ACCESS_KEY_SECRET, region=REGION, data_dir=data_dir, stderr_path=stderr_path,
                      process=proc)
    return info, pump, stderr_file


@pytest.fixture(scope="module")
def nodes():
    binary = os.environ.get("OSSD_BIN")
    if not binary or not os.access(binary, os.X_OK):
        pytest.fail("OSSD_BIN must point at the ossd binary", pytrace=False)
    schema = "ossd_multinode_" + uuid.uuid4().hex
    _psql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    metadata_url = f"{POSTGRES_URL}{separator}schema={schema}"
    tmp = tempfile.mkdtemp(prefix="ossd-multinode-")
    data_dir = os.path.join(tmp, "shared-volume")
    os.makedirs(data_dir)
    env = dict(os.environ)
    env["OSSD_ROOT_ACCESS_KEY_ID"] = ACCESS_KEY_ID
    env["OSSD_ROOT_ACCESS_KEY_SECRET"] = ACCESS_KEY_SECRET
    env["OSSD_MASTER_KEY"] = base64.b64encode(os.urandom(32)).decode()
    started = []
    try:
        for name in ("node-a", "node-b"):
            started.append(_start_node(binary, data_dir, metadata_url, env, tmp, name))
        yield [info for info, _, _ in started]
    finally:
        for info, pump, stderr_file in started:
            if info.process.poll() is None:
                info.process.send_signal(signal.SIGTERM)
                try:
                    info.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    info.process.kill()
                    info.process.wait()
            pump.join(timeout=10)
            stderr_file.close()
        shutil.rmtree(tmp, ignore_errors=True)
        _psql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def shared_bucket(nodes):
    name = unique_bucket_name("mn")
    make_oss2_bucket(nodes[0], name).create_bucket()
    return name


def test_both_nodes_serve_and_see_one_bucket_list(nodes, shared_bucket):
    for node in nodes:
        names = [b.name for b in oss2.BucketIterator(make_oss2_service(node))]
        assert shared_bucket in names


def test_write_through_one_node_is_read_through_the_other(nodes, shared_bucket):
    a = make_oss2_bucket(nodes[0], shared_bucket)
    b = make_oss2_bucket(nodes[1], shared_bucket)
    small = b"hello from node a"
    large = random_bytes(300 * 1024, seed=7)  # above the inline threshold: a blob on the shared volume
    a.put_object("small.txt", small, headers={"x-oss-meta-origin": "a"})
    a.put_object("dir/large.bin", large)
    got = b.get_object("small.txt")
    assert got.read() == small
    assert got.headers["x-oss-meta-origin"] == "a"
    assert b.get_object("dir/large.bin").read() == large
    v2b = make_v2_client(nodes[1])
    result = v2b.get_object(oss.GetObjectRequest(bucket=shared_bucket, key="dir/large.bin"))
    assert result.body.read() == large
    # Overwrite through B, read through A at once.
    b.put_object("small.txt", b"now from b")
    assert a.get_object("small.txt").read() == b"now from b"
    # Delete through A: gone through B.
    a.delete_object("small.txt")
    with pytest.raises(oss2.exceptions.NoSuchKey):
        b.get_object("small.txt")


def test_link_made_on_one_node_is_followed_on_the_other(nodes, shared_bucket):
    a = make_oss2_bucket(nodes[0], shared_bucket)
    b = make_oss2_bucket(nodes[1], shared_bucket)
    data = random_bytes(100 * 1024, seed=9)
    b.put_object("target.bin", data)
    a.put_symlink("target.bin", "latest", headers={"x-oss-meta-purpose": "alias"})
    assert b.get_symlink("latest").target_key == "target.bin"
    got = b.get_object("latest")
    assert got.read() == data
    assert got.headers["x-oss-meta-purpose"] == "alias"
    assert b.head_object("latest").headers["x-oss-object-type"] == "Symlink"


def test_listing_is_the_same_through_both_nodes(nodes, shared_bucket):
    clients = [make_oss2_bucket(node, shared_bucket) for node in nodes]
    keys = [f"list/{i:03d}" for i in range(40)]
    for i, key in enumerate(keys):
        clients[i % 2].put_object(key, key.encode())
    listings = []
    for client in clients:
        listed = [o.key for o in oss2.ObjectIterator(client, prefix="list/", max_keys=7)]
        listings.append(listed)
    assert listings[0] == keys
    assert listings[1] == keys
    v2 = make_v2_client(nodes[1])
    page = v2.list_objects_v2(oss.ListObjectsV2Request(bucket=shared_bucket, prefix="list/", delimiter="/",
                                                       max_keys=1000))
    assert [o.key for o in page.contents] == keys


ROUNDS = 50
CLIENTS = 8


def test_forbid_overwrite_race_across_nodes_has_one_winner(nodes, shared_bucket):
    # One client per worker thread, alternating between the nodes.
    clients = [make_oss2_bucket(nodes[i % 2], shared_bucket) for i in range(CLIENTS)]

    def attempt(round_no, writer):
        body = f"round {round_no} writer {writer}".encode()
        try:
            clients[writer].put_object(f"race/{round_no:03d}", body, headers={"x-oss-forbid-overwrite": "true"})
            return writer
        except oss2.exceptions.ServerError as error:
            assert (error.status, error.code) == (409, "FileAlreadyExists"), error
            return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        for round_no in range(ROUNDS):
            futures = [pool.submit(attempt, round_no, writer) for writer in range(CLIENTS)]
            winners = [f.result() for f in futures if f.result() is not None]
            assert len(winners) == 1, f"round {round_no}: winners {winners}"
            stored = clients[(winners[0] + 1) % CLIENTS].get_object(f"race/{round_no:03d}").read()
            assert stored == f"round {round_no} writer {winners[0]}".encode()
