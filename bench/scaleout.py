"""S1 (issue 9): 4 KiB GET and PUT through an nginx load balancer in front of one ossd node,
then in front of two nodes sharing one PostgreSQL database and one data directory.

Both sides go through the same balancer, so the ratio (two nodes / one node) isolates what
the second node adds. Everything here shares the machine's cores: wrk, nginx, PostgreSQL
(fsync on, as a deployment would run it) and the ossd nodes.
"""
import base64
import os
import shutil
import subprocess
import time


def start_balancer(H, tmp, ports, pidfile, upstreams, label):
    port = H.free_port(ports)
    d = os.path.join(tmp, f"lb-{label}")
    os.makedirs(d, exist_ok=True)
    temps = H.nginx_temps(d)
    servers = " ".join(f"server 127.0.0.1:{u};" for u in upstreams)
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        f.write(H.nginx_preamble(d, 1) + f"""
  access_log off;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  {temps}
  upstream ossd {{ {servers} keepalive 256; keepalive_requests 1000000000; }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 0;
    location / {{
      proxy_pass http://ossd;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_request_buffering off;
      proxy_buffering off;
    }}
  }}
}}
""")
    p = H.start(["nginx", "-c", os.path.join(d, "nginx.conf"), "-e", f"{d}/error.log"], pidfile)
    if not H.wait_listen(port, time.time() + 20):
        raise RuntimeError("nginx balancer did not start")
    return H.Server(f"nginx-lb-{label}", port, p, lambda: [p.pid] + H.children(p.pid))


def start_node(H, binary, tmp, ports, pidfile, data, url, key, label):
    port = H.free_port(ports)
    env = dict(os.environ, OSSD_ROOT_ACCESS_KEY_ID=H.AK, OSSD_ROOT_ACCESS_KEY_SECRET=H.SK, OSSD_MASTER_KEY=key)
    err = open(os.path.join(tmp, f"node-{label}.stderr"), "w")
    p = H.start([binary, "serve", "--address", f"127.0.0.1:{port}", "--data-dir", data, "--metadata", url,
                 "--region", H.REGION, "--log-level", "warning"], pidfile, env=env, stdout=subprocess.DEVNULL,
                stderr=err)
    if not H.wait_listen(port, time.time() + 90):
        raise RuntimeError(f"ossd node {label} did not start; see {tmp}/node-{label}.stderr")
    return H.Server(f"ossd-{label}", port, p, lambda: [p.pid])


def s1(H, a, M, T, tmp, ports, pidfile, small, blobs, dur, reps):
    root = os.path.dirname(H.HERE)
    pgdir = f"/tmp/ossd-bench-pg-{os.getpid()}"
    env = dict(os.environ, OSSD_PG_DIR=pgdir, OSSD_PG_FSYNC="on")
    url = subprocess.run([os.path.join(root, "scripts", "postgres"), "start"], env=env, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    try:
        data = os.path.join(tmp, "scale-data")
        os.makedirs(data, exist_ok=True)
        key = base64.b64encode(os.urandom(32)).decode()
        n1 = start_node(H, a.ossd, tmp, ports, pidfile, data, url, key, "a")
        b = H.bucket_for(n1.base, H.BUCKET)
        b.create_bucket()
        keys = small[:500]
        for k in keys:
            b.put_object(k, blobs[k])
        n2 = start_node(H, a.ossd, tmp, ports, pidfile, data, url, key, "b")
        assert H.bucket_for(n2.base, H.BUCKET).get_object(keys[1]).read() == blobs[keys[1]]
        lb1 = start_balancer(H, tmp, ports, pidfile, [n1.port], "one")
        lb2 = start_balancer(H, tmp, ports, pidfile, [n1.port, n2.port], "two")
        get = H.write_lines(os.path.join(tmp, "urls", "s1_get"), [H.presign(b, "GET", k) for k in keys])
        put = H.write_lines(os.path.join(tmp, "urls", "s1_put"), [
            H.presign(b, "PUT", f"s1/{i:05d}", headers={"Content-Type": H.CT}) for i in range(1000)])
        ct = f"Content-Type: {H.CT}"

        def run(lb, urls, method, body, h1):
            return H.wrk(lb, "urls.lua", [urls, method, body, h1, "-"], 64, dur)

        for what, urls, method, body, h1 in (("GET", get, "GET", 0, "-"), ("PUT", put, "PUT", 4096, ct)):
            ra, rb = H.alternate(lambda: run(lb2, urls, method, body, h1), lambda: run(lb1, urls, method, body, h1),
                                 reps)
            T.add("S1", f"{what} 4 KiB presigned V1, c64, 2 nodes vs 1 (nginx LB, PostgreSQL)", "req/s",
                  H.col(ra, "rps"), "1 node behind the same LB", H.col(rb, "rps"), "", None,
                  loadgen=H.col(ra, "loadgen_cores"),
                  note=f"errors {sum(H.col(ra, 'errors')) + sum(H.col(rb, 'errors'))}; "
                       f"{H.NCPU} cores shared by wrk, nginx, PostgreSQL and the nodes")
    finally:
        subprocess.run([os.path.join(root, "scripts", "postgres"), "stop"], env=env, capture_output=True)
        shutil.rmtree(pgdir, ignore_errors=True)
