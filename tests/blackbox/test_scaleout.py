"""test_scaleout.py: two complete instances behind one nginx upstream share the versions; one dies, the other serves."""

import os
import shutil
import subprocess
import tempfile
import time

from conftest import Stack, free_port, start_stack, summary

FRONT = """
pid {run}/front.pid;
error_log {run}/front-error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    client_max_body_size 200m;
    upstream app {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
}}
"""


def served_by(stack):
    with open(os.path.join(stack.rundir, "logs", "access.log")) as f:
        return sum(1 for line in f if '"GET / ' in line)


def test_two_instances_behind_one_upstream(tmp_path):
    shared = tempfile.mkdtemp(prefix="roi-shared-")
    os.chmod(shared, 0o755)
    uploads = os.path.join(shared, "uploads")
    a = start_stack(extra_env={"UPLOADS": uploads})
    b = start_stack(extra_env={"UPLOADS": uploads})
    run = tempfile.mkdtemp(prefix="roi-front-")
    port = free_port()
    conf = os.path.join(run, "front.conf")
    with open(conf, "w") as f:
        f.write(FRONT.format(run=run, a=a.port, b=b.port, port=port))
    subprocess.run(["nginx", "-p", run, "-c", conf, "-e", os.path.join(run, "front-error.log")], check=True)
    front = Stack(run)  # a client of the front door, with the same logins
    front.port, front.base, front.uploads = port, "http://127.0.0.1:%d" % port, uploads
    try:
        time.sleep(0.3)
        for _ in range(20):
            assert front.get("/").status == 200
        assert served_by(a) > 0 and served_by(b) > 0  # the load is shared
        before = summary(front)
        src = tmp_path / "payouts.csv"
        src.write_text("influencer_id,total_payout\nINF0001,123456\n")
        status, _, body = front.curl("/upload", files={"payouts": str(src)})
        assert status == 303, body[-1000:]
        # an upload through either instance is what both now serve
        assert summary(a) == summary(b) == summary(front) != before
        assert a.get("/healthz").text == b.get("/healthz").text
        a.stop()
        for _ in range(20):
            assert front.get("/").status == 200  # the survivor takes every request
        assert front.get("/healthz").status == 200
    finally:
        subprocess.run(["nginx", "-p", run, "-c", conf, "-s", "stop"], capture_output=True)
        a.stop()
        b.stop()
        for d in (a.root, b.root, run, shared):
            shutil.rmtree(d, ignore_errors=True)
