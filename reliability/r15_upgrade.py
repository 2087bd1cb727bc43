#!/usr/bin/env python3
"""R15 upgrade: data written by an earlier ossd opens with this one, every object intact.

  * `fixtures/r15-<commit>.tar.gz` holds a data directory written by ossd built from an
    earlier commit (named in the file and in the manifest inside it), with `manifest.json`:
    what that server answered for every object when it was written (ETag, CRC-64, type,
    storage class, metadata, ACL, tags, link targets) and the MD5 of the bytes.
  * The check unpacks it, starts this ossd on it (its migrations run on open) and compares
    every answer with the manifest: ListBuckets, bucket ACLs, ListObjectsV2 (exactly the
    manifest's keys), GET bytes and headers, a range across a multipart part boundary, HEAD
    of an Archive object, GetObjectAcl, GetObjectTagging, GetSymlink, reads through links,
    the multipart upload left in progress (listed, then completed with a new part) and the
    appendable object (appended to at its old position).
  * Then it writes (new object, overwrite, delete), restarts, and checks everything again.
  * `--make-fixture --previous-bin PATH` writes a new fixture with the earlier binary.

Pass: every comparison equal, the upload completes, the writes hold after the restart,
0 temp files.
"""

import hashlib
import json
import os
import random
import subprocess
import tarfile
import xml.etree.ElementTree as ET

from common import Check, Client, Server, error_code, fmt, make_bucket, tmp_files

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_DIR = os.path.join(HERE, "fixtures")
PART = 100 * 1024


def pattern(seed, size):
    """Deterministic bytes that compress well (a 4 KiB random block repeated)."""
    block = random.Random(seed).randbytes(4096)
    return (block * (size // 4096 + 1))[:size]


def local(tag):
    return tag.rsplit("}", 1)[-1]


def xml_values(text, name):
    return [e.text or "" for e in ET.fromstring(text).iter() if local(e.tag) == name]


SHOWN = ("etag", "x-oss-hash-crc64ecma", "x-oss-object-type", "x-oss-storage-class", "content-type",
         "content-length", "cache-control", "content-disposition", "x-oss-tagging-count")


def observe(client, bucket, key, archived=False):
    """What a client sees of one object: headers, bytes' MD5, ACL and tag count."""
    r = client.request("HEAD" if archived else "GET", bucket, key)
    seen = {"status": r.status_code}
    if r.status_code != 200:
        seen["code"] = error_code(r)
        return seen
    for name in SHOWN:
        if name in r.headers:
            seen[name] = r.headers[name]
    seen["meta"] = {k.lower(): v for k, v in r.headers.items() if k.lower().startswith("x-oss-meta-")}
    if not archived:
        seen["md5"] = hashlib.md5(r.content).hexdigest()
    acl = client.request("GET", bucket, key, query=[("acl", None)])
    seen["acl"] = xml_values(acl.text, "Grant")[0] if acl.status_code == 200 else acl.status_code
    tags = client.request("GET", bucket, key, query=[("tagging", None)])
    seen["tags"] = sorted(xml_values(tags.text, "Key")) if tags.status_code == 200 else tags.status_code
    return seen


def must(r, what, status=200):
    if r.status_code != status:
        raise RuntimeError(f"{what}: {r.status_code} {r.text[:300]}")
    return r


def write_fixture(check, previous_bin):
    """Writes the fixture's data with `previous_bin` and packs it."""
    commit = subprocess.run(["git", "-C", os.path.dirname(os.path.dirname(previous_bin)), "rev-parse",
                             "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    data_dir = os.path.join(check.tmp, "data")
    srv = Server(previous_bin, data_dir, os.path.join(check.tmp, "old.log"))
    srv.start()
    c = Client(srv.endpoint)
    make_bucket(c, "r15-private")
    make_bucket(c, "r15-public", acl="public-read")
    b = "r15-private"
    objects = []  # (bucket, key, archived)

    def put(bucket, key, body, headers=None, archived=False):
        must(c.request("PUT", bucket, key, headers=headers, data=body), f"PUT {key}")
        objects.append((bucket, key, archived))

    put(b, "inline/plain.txt", b"hello from an earlier ossd\n",
        {"Content-Type": "text/plain", "x-oss-meta-author": "r15", "Cache-Control": "no-cache"})
    put(b, "inline/tagged", pattern(1, 3000),
        {"x-oss-tagging": "a=1&b=2", "x-oss-object-acl": "public-read", "x-oss-storage-class": "IA"})
    put(b, "dir/ünïcode ключ.bin", pattern(2, 5000))
    put(b, "empty", b"")
    put(b, "blob/200k.bin", pattern(3, 200_000), {"Content-Disposition": "attachment"})
    put(b, "blob/archive.bin", pattern(4, 90_000), {"x-oss-storage-class": "Archive"}, archived=True)
    put("r15-public", "public/blob.bin", pattern(5, 150_000))
    must(c.request("PUT", b, "gone", data=b"deleted before the upgrade"), "PUT gone")
    must(c.request("DELETE", b, "gone"), "DELETE gone", 204)
    must(c.request("PUT", b, "overwritten", data=pattern(6, 120_000)), "PUT overwritten v1")
    put(b, "overwritten", b"second version, inline")
    must(c.request("PUT", b, "copy/of-blob", headers={"x-oss-copy-source": f"/{b}/blob/200k.bin"}), "copy")
    objects.append((b, "copy/of-blob", False))
    # Appendable: two appends.
    r = must(c.request("POST", b, "append/log", query=[("append", None), ("position", "0")], data=b"first;"),
             "append 1")
    must(c.request("POST", b, "append/log", query=[("append", None), ("position", r.headers["x-oss-next-append-position"])],
                   data=b"second;"), "append 2")
    objects.append((b, "append/log", False))
    # Multipart: two parts and a tail, completed; another upload left in progress.
    for key, complete in (("mp/object.bin", True), ("mp/pending.bin", False)):
        r = must(c.request("POST", b, key, query=[("uploads", None)]), "initiate")
        upload = xml_values(r.text, "UploadId")[0]
        parts = [pattern(10, PART), pattern(11, PART), b"tail"] if complete else [pattern(12, PART)]
        etags = []
        for n, body in enumerate(parts, 1):
            r = must(c.request("PUT", b, key, query=[("partNumber", str(n)), ("uploadId", upload)], data=body), "part")
            etags.append(r.headers["ETag"])
        if complete:
            doc = "<CompleteMultipartUpload>" + "".join(
                f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>" for n, e in enumerate(etags, 1)
            ) + "</CompleteMultipartUpload>"
            must(c.request("POST", b, key, query=[("uploadId", upload)], data=doc.encode()), "complete")
            objects.append((b, key, False))
        else:
            pending = {"key": key, "upload": upload, "part1_etag": etags[0]}
    # Links: to an inline object (with the link's own metadata), to a blob, dangling.
    links = {"link/to-plain": "inline/plain.txt", "link/to-blob": "blob/200k.bin", "link/dangling": "no/such"}
    for link, target in links.items():
        h = {"x-oss-symlink-target": target, "x-oss-meta-link": "own"} if link == "link/to-plain" else \
            {"x-oss-symlink-target": target}
        must(c.request("PUT", b, link, query=[("symlink", None)], headers=h), f"PutSymlink {link}")
        objects.append((b, link, False))
    manifest = {
        "commit": commit,
        "buckets": {"r15-private": "private", "r15-public": "public-read"},
        "objects": [{"bucket": bk, "key": k, "archived": a, "seen": observe(c, bk, k, a)} for bk, k, a in objects],
        "links": links,
        "absent": ["gone"],
        "pending": pending,
    }
    srv.stop()
    with open(os.path.join(data_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False, sort_keys=True)
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    path = os.path.join(FIXTURE_DIR, f"r15-{commit}.tar.gz")
    with tarfile.open(path, "w:gz") as tar:
        tar.add(data_dir, arcname="data")
    return path, len(objects)


def verify(check, c, manifest, stats, changed=(), added=(), removed=()):
    """Compares every manifest object (except `changed` keys) with what the server says now,
    and each bucket's listing with the manifest's keys plus `added` minus `removed`."""
    for name in manifest["buckets"]:
        want = {e["key"] for e in manifest["objects"] if e["bucket"] == name}
        if name == "r15-private":
            want = (want | set(added)) - set(removed)
        r = must(c.request("GET", name, query=[("list-type", "2"), ("max-keys", "1000")]), "ListObjectsV2")
        got = set(xml_values(r.text, "Key"))
        stats["checks"] += 1
        if got != want:
            check.fail(f"{name} lists {sorted(got ^ want)} differently")
    buckets = xml_values(must(c.request("GET"), "ListBuckets").text, "Name")
    if sorted(buckets) != sorted(manifest["buckets"]):
        check.fail(f"buckets {buckets}")
    for name, acl in manifest["buckets"].items():
        got = xml_values(must(c.request("GET", name, query=[("acl", None)]), "bucket acl").text, "Grant")
        stats["checks"] += 1
        if got != [acl]:
            check.fail(f"bucket {name} ACL {got}, was {acl}")
    for entry in manifest["objects"]:
        if entry["key"] in changed:
            continue
        seen = observe(c, entry["bucket"], entry["key"], entry["archived"])
        stats["checks"] += len(entry["seen"])
        for field, was in entry["seen"].items():
            if seen.get(field) != was:
                check.fail(f"{entry['key']}: {field} {seen.get(field)!r}, was {was!r}")
    for link, target in manifest["links"].items():
        r = must(c.request("GET", "r15-private", link, query=[("symlink", None)]), f"GetSymlink {link}")
        stats["checks"] += 1
        if r.headers.get("x-oss-symlink-target") != target:
            check.fail(f"{link}: target {r.headers.get('x-oss-symlink-target')}, was {target}")
    for key in manifest["absent"]:
        stats["checks"] += 1
        if c.request("HEAD", "r15-private", key).status_code != 404:
            check.fail(f"{key}: deleted before the upgrade, present now")


def main():
    check = Check("R15 upgrade", __doc__)
    check.parse(lambda p: (
        p.add_argument("--fixture", help="fixture tarball (default: the newest in reliability/fixtures)"),
        p.add_argument("--make-fixture", action="store_true", help="write a new fixture with --previous-bin"),
        p.add_argument("--previous-bin", help="the earlier ossd binary (for --make-fixture)")))
    if check.args.make_fixture:
        path, count = write_fixture(check, os.path.abspath(check.args.previous_bin))
        check.finish(f"R15 upgrade: wrote {path} ({count} objects)", True)
    fixture = check.args.fixture or max(
        (os.path.join(FIXTURE_DIR, n) for n in os.listdir(FIXTURE_DIR) if n.startswith("r15-")), key=os.path.getmtime)
    with tarfile.open(fixture) as tar:
        tar.extractall(check.tmp, filter="data")
    data_dir = os.path.join(check.tmp, "data")
    with open(os.path.join(data_dir, "manifest.json")) as f:
        manifest = json.load(f)
    srv = check.new_server(data_dir=data_dir)
    opened = srv.start()
    c = Client(srv.endpoint)
    stats = {"checks": 0}
    verify(check, c, manifest, stats)
    b = "r15-private"
    # A range across the first part boundary of the multipart object.
    whole = pattern(10, PART) + pattern(11, PART) + b"tail"
    r = c.request("GET", b, "mp/object.bin", headers={"Range": f"bytes={PART - 10}-{PART + 9}"})
    stats["checks"] += 1
    if r.status_code != 206 or r.content != whole[PART - 10:PART + 10]:
        check.fail(f"multipart range: {r.status_code}")
    # Through links: the target's bytes; a dangling link's error.
    plain = c.request("GET", b, "link/to-plain")
    stats["checks"] += 3
    if plain.content != b"hello from an earlier ossd\n" or plain.headers.get("x-oss-meta-link") != "own":
        check.fail("link/to-plain: wrong bytes or metadata")
    if hashlib.md5(c.request("GET", b, "link/to-blob").content).hexdigest() != \
            hashlib.md5(pattern(3, 200_000)).hexdigest():
        check.fail("link/to-blob: wrong bytes")
    if error_code(c.request("GET", b, "link/dangling")) != "SymlinkTargetNotExist":
        check.fail("link/dangling: not SymlinkTargetNotExist")
    # The upload left in progress: listed, completed with a part written now.
    pending = manifest["pending"]
    listed = xml_values(must(c.request("GET", b, query=[("uploads", None)]), "ListMultipartUploads").text, "UploadId")
    stats["checks"] += 1
    if pending["upload"] not in listed:
        check.fail(f"pending upload not listed: {listed}")
    r = must(c.request("PUT", b, pending["key"], query=[("partNumber", "2"), ("uploadId", pending["upload"])],
                       data=b"part two, written after the upgrade"), "part 2")
    doc = (f"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{pending['part1_etag']}</ETag></Part>"
           f"<Part><PartNumber>2</PartNumber><ETag>{r.headers['ETag']}</ETag></Part></CompleteMultipartUpload>")
    completed = c.request("POST", b, pending["key"], query=[("uploadId", pending["upload"])], data=doc.encode())
    expected_pending = pattern(12, PART) + b"part two, written after the upgrade"
    stats["checks"] += 1
    if completed.status_code != 200 or c.request("GET", b, pending["key"]).content != expected_pending:
        check.fail(f"completing the pending upload: {completed.status_code} {completed.text[:200]}")
    # The appendable object takes an append at its old length.
    r = c.request("POST", b, "append/log", query=[("append", None), ("position", "13")], data=b"third;")
    stats["checks"] += 1
    if r.status_code != 200 or c.request("GET", b, "append/log").content != b"first;second;third;":
        check.fail(f"append after the upgrade: {r.status_code}")
    # Writes, then a restart, then everything again.
    must(c.request("PUT", b, "new/after-upgrade", data=pattern(20, 80_000)), "PUT new")
    must(c.request("PUT", b, "inline/tagged", data=b"replaced"), "overwrite")
    must(c.request("DELETE", b, "blob/archive.bin"), "DELETE", 204)
    srv.stop()
    srv.start()
    c = Client(srv.endpoint)
    changed = {"inline/tagged", "blob/archive.bin", "append/log", pending["key"]}
    verify(check, c, manifest, stats, changed, added={"new/after-upgrade", pending["key"]},
           removed={"blob/archive.bin"})
    stats["checks"] += 4
    if c.request("GET", b, "new/after-upgrade").content != pattern(20, 80_000):
        check.fail("the object written after the upgrade is wrong after a restart")
    if c.request("GET", b, "inline/tagged").content != b"replaced":
        check.fail("the overwrite did not hold")
    if c.request("HEAD", b, "blob/archive.bin").status_code != 404:
        check.fail("the delete did not hold")
    if c.request("GET", b, pending["key"]).content != expected_pending:
        check.fail("the completed upload did not hold")
    leftover = tmp_files(data_dir)
    if leftover:
        check.fail(f"temp files: {leftover[:5]}")
    srv.stop()
    ok = not check.failures
    figure = (f"R15 upgrade: data of ossd {manifest['commit']} ({len(manifest['objects'])} objects, "
              f"{len(manifest['buckets'])} buckets, 1 upload in progress) opened in {opened:.2f} s; "
              f"{fmt(stats['checks'])} comparisons, {len(check.failures)} wrong; pending upload completed, "
              f"append continued; writes held across a restart; {len(leftover)} temp files")
    check.finish(figure, ok)


if __name__ == "__main__":
    main()
