#!/usr/bin/env python3
"""R8 XML attacks on the XML request bodies: DeleteMultipleObjects (POST ?delete),
PutObjectTagging (PUT ?tagging) and PutBucket (CreateBucketConfiguration).

Attack documents: external entities (file and http SYSTEM ids, parameter entities, an
external DTD), billion laughs, quadratic blow-up, a 10 MB document, 10,000-deep nesting
(closed and unclosed), 20,000 attributes (200 KB), a UTF-16 document. Each must get
400 MalformedXML (OSS error XML with a RequestId) within the time bar, no entity may be
resolved (a listener on 127.0.0.1 sees no fetch, no file content is echoed or stored, no
bucket is created), and the server's VmRSS (sampled every 10 ms) stays within a bound
while 8 connections send 10 MB documents at once.
"""

import socket
import threading
import time

from common import (Check, Client, Signer, build_request, exchange, fmt, make_bucket, md5_b64,
                    parse_oss_error, target_of)

BUCKET = "xml"
TIME_BAR_S = 3.0
RSS_BOUND_MIB = 64


def attacks(listener_port):
    ext = f"http://127.0.0.1:{listener_port}"
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    deep = 10_000
    big_unit = b"<Object><Key>" + b"k" * 100 + b"</Key></Object>"
    docs = {
        "xxe-file": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    "<{root}><{item}>&x;</{item}></{root}>",
        "xxe-http": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{ext}/entity">]>'
                    "<{root}><{item}>&x;</{item}></{root}>",
        "xxe-parameter": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "{ext}/param"> %p;]>'
                         "<{root}><{item}>a</{item}></{root}>",
        "external-dtd": f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "{ext}/dtd"><{{root}}><{{item}}>a</{{item}}></{{root}}>',
        "xinclude": '<{root} xmlns:xi="http://www.w3.org/2001/XInclude"><{item}>'
                    f'<xi:include href="{ext}/xinclude" parse="text"/></{{item}}></{{root}}>',
        "billion-laughs": f'<?xml version="1.0"?><!DOCTYPE r [{laughs}]><{{root}}><{{item}}>&lol9;</{{item}}></{{root}}>',
        "quadratic": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "A" * 50_000 + '">]><{root}><{item}>'
                     + "&a;" * 20_000 + "</{item}></{root}>",
        "undeclared-entity": "<{root}><{item}>&nope;</{item}></{root}>",
        "deep-closed": "<{root}>" + "<a>" * deep + "</a>" * deep + "</{root}>",
        "deep-unclosed": "<{root}>" + "<a>" * deep,
        "attributes": "<{root} " + " ".join(f'a{i}="v"' for i in range(20_000)) + "><{item}>a</{item}>",
        "10MB": None,  # built below (bytes)
        "utf16": None,
        "unclosed-root": "<{root}><{item}>a</{item}>",
        "two-roots": "<{root}></{root}><{root}></{root}>",
    }
    out = {}
    for name, d in docs.items():
        if name == "10MB":
            out[name] = lambda root, item: (f"<{root}>".encode() + big_unit * (10_000_000 // len(big_unit))
                                            + f"</{root}>".encode())
        elif name == "utf16":
            out[name] = lambda root, item: (f'<?xml version="1.0" encoding="UTF-16"?><{root}><{item}>a</{item}></{root}>'
                                            .encode("utf-16"))
        else:
            out[name] = (lambda d: lambda root, item: d.replace("{root}", root).replace("{item}", item).encode())(d)
    return out


class Listener:
    """Counts connections to 127.0.0.1:port (an entity being fetched)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            try:
                c, _ = self.sock.accept()
                self.hits += 1
                c.close()
            except socket.timeout:
                continue
            except OSError:
                return

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


def main():
    check = Check("R8 xml", __doc__)
    check.parse()
    rounds = 20 if check.long else 1
    srv = check.new_server()
    srv.start()
    admin = Client(srv.endpoint)
    make_bucket(admin, BUCKET)
    assert admin.request("PUT", BUCKET, "tagged", data=b"x").status_code == 200
    listener = Listener()
    signer = Signer()
    docs = attacks(listener.port)
    targets = {
        "DeleteMultipleObjects": ("POST", BUCKET, "", [("delete", None)], "Delete", "Object"),
        "PutObjectTagging": ("PUT", BUCKET, "tagged", [("tagging", None)], "Tagging", "TagSet"),
        "PutBucket": ("PUT", "xml-victim-{n}", "", [], "CreateBucketConfiguration", "StorageClass"),
    }

    def request_bytes(api, body, sig, n=0):
        method, bucket, key, query, _, _ = targets[api]
        bucket = bucket.replace("{n}", str(n))
        h = {"Content-Type": "application/xml", "Content-MD5": md5_b64(body)}
        signer.sign(sig, method, bucket, key, query, h)
        hl = list(h.items()) + [("Content-Length", str(len(body)))]
        return build_request(method, target_of(bucket, key, query), hl, b"", host=f"127.0.0.1:{srv.port}")

    # Memory: sample VmRSS throughout.
    peak = [0]
    sampling = threading.Event()

    def sampler():
        while not sampling.is_set():
            peak[0] = max(peak[0], srv.rss_kib())
            time.sleep(0.01)

    # Warm up (allocator, connection paths) before taking the baseline.
    for _ in range(20):
        admin.request("GET", BUCKET)
    baseline = srv.rss_kib()
    threading.Thread(target=sampler, daemon=True).start()
    total = malformed = 0
    slowest = 0.0
    leaked = 0
    ignored = 0
    for rnd in range(rounds):
        for api, (method, bucket, key, query, root, item) in targets.items():
            for name, make in docs.items():
                body = make(root, item)
                total += 1
                try:
                    resp, secs = exchange(srv.port, request_bytes(api, body, "v1" if total % 2 else "v4", total),
                                          body, timeout=30)
                except socket.timeout:
                    check.fail(f"{api} {name}: no answer within 30 s")
                    continue
                slowest = max(slowest, secs)
                err = parse_oss_error(resp.body) if resp.status else None
                if resp.status == 400 and err and err["Code"] == "MalformedXML":
                    malformed += 1
                elif name == "xinclude" and resp.status == 200:
                    ignored += 1  # well-formed XML; XInclude is not processed (the listener checks that)
                else:
                    check.fail(f"{api} {name}: got {resp.status} {err['Code'] if err else resp.body[:200]!r}")
                if secs > TIME_BAR_S:
                    check.fail(f"{api} {name}: answered in {secs:.2f} s > {TIME_BAR_S} s")
                if api == "PutBucket" and name != "xinclude" and \
                        admin.request("GET", f"xml-victim-{total}", query=[("bucketInfo", None)]).status_code == 200:
                    check.fail(f"PutBucket with the {name} body created the bucket")
                if b"root:" in resp.body:
                    leaked += 1
                    check.fail(f"{api} {name}: response echoes /etc/passwd")
        # Concurrent 10 MB documents: memory must stay bounded.
        results = []

        def big(i):
            body = docs["10MB"]("Delete", "Object")
            try:
                resp, secs = exchange(srv.port, request_bytes("DeleteMultipleObjects", body, "v1"), body, timeout=60)
                results.append((resp.status, parse_oss_error(resp.body) if resp.status else None, secs))
            except Exception as e:
                results.append((None, None, str(e)))

        ts = [threading.Thread(target=big, args=(i,)) for i in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=120)
        for st, err, secs in results:
            total += 1
            if st == 400 and err and err["Code"] == "MalformedXML":
                malformed += 1
            else:
                check.fail(f"concurrent 10 MB DeleteMultipleObjects: {st} {err} {secs}")
    sampling.set()
    # Nothing resolved or stored.
    r = admin.request("GET", BUCKET, "tagged", query=[("tagging", None)])
    if r.status_code != 200 or b"<Tag>" in r.content:
        leaked += 1
        check.fail(f"tagging after the attacks: {r.status_code} {r.content[:300]!r}")
    leaked += listener.hits
    if listener.hits:
        check.fail(f"{listener.hits} connections to the entity listener (an entity was fetched)")
    listener.close()
    growth_mib = max(0, peak[0] - baseline) / 1024
    if growth_mib > RSS_BOUND_MIB:
        check.fail(f"VmRSS grew by {growth_mib:.0f} MiB (bound {RSS_BOUND_MIB} MiB)")
    if not srv.alive():
        check.fail("ossd died")
    admin.close()
    srv.stop()
    figure = (f"R8 xml: {fmt(total)} attack documents ({len(docs)} kinds x {len(targets)} APIs + 8 concurrent 10 MB),"
              f" {fmt(malformed)} 400 MalformedXML, {ignored} XInclude ignored (200), slowest {slowest:.2f} s, {leaked} entities resolved,"
              f" VmRSS +{growth_mib:.0f} MiB (bound {RSS_BOUND_MIB} MiB)")
    check.finish(figure, not check.failures)


if __name__ == "__main__":
    main()
