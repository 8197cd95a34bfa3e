"""test_install.py: make install into a DESTDIR, systemd-analyze verify of the units, and a smoke run of the installed copy."""

import base64
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from conftest import TOP, free_port

PROGRAMS = ("dashboard", "upload", "export")


def install(env):
    return subprocess.run(["sh", os.path.join(TOP, "nginx", "install.sh"), "install"], env=dict(os.environ, **env),
                          capture_output=True, text=True, check=True)


def test_install_into_destdir_then_uninstall(tmp_path):
    dest = str(tmp_path / "root")
    install({"DESTDIR": dest, "PREFIX": "/usr"})
    want = ["usr/lib/influencer-roi/dashboard", "usr/lib/influencer-roi/upload", "usr/lib/influencer-roi/export",
            "usr/bin/influencer-roi-import", "usr/sbin/influencer-roi-user", "usr/share/influencer-roi/templates/dashboard.tpl",
            "usr/share/influencer-roi/public/style.css", "usr/lib/systemd/system/influencer-roi@.service",
            "usr/lib/systemd/system/influencer-roi@.socket", "usr/lib/sysusers.d/influencer-roi.conf",
            "etc/nginx/sites-available/influencer-roi", "etc/influencer-roi/influencer-roi.conf",
            "etc/influencer-roi/fastcgi.conf", "etc/influencer-roi/headers.conf", "etc/logrotate.d/influencer-roi"]
    for f in want:
        assert os.path.isfile(os.path.join(dest, f)), f
    site = open(os.path.join(dest, "etc/nginx/sites-available/influencer-roi")).read()
    assert not re.search(r"@[A-Z_]+@", site)  # every placeholder filled
    assert "unix:/run/influencer-roi/dashboard.sock" in site and "/usr/share/influencer-roi/public/" in site
    unit = open(os.path.join(dest, "usr/lib/systemd/system/influencer-roi@.service")).read()
    assert "ExecStart=/usr/lib/influencer-roi/%i" in unit and "User=roi" in unit and not re.search(r"@[A-Z_]+@", unit)
    # settings the administrator changed survive a reinstall
    conf = os.path.join(dest, "etc/influencer-roi/influencer-roi.conf")
    with open(conf, "a") as f:
        f.write("WORKERS=8\n")
    install({"DESTDIR": dest, "PREFIX": "/usr"})
    assert "WORKERS=8" in open(conf).read()
    subprocess.run(["sh", os.path.join(TOP, "nginx", "install.sh"), "uninstall"],
                   env=dict(os.environ, DESTDIR=dest, PREFIX="/usr"), check=True, capture_output=True)
    assert not os.path.exists(os.path.join(dest, "usr/lib/influencer-roi/dashboard"))
    assert os.path.exists(conf)  # settings and logins stay


def test_systemd_units_verify_cleanly(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not on this machine")
    prefix = str(tmp_path / "p")
    install({"PREFIX": prefix, "SYSCONFDIR": prefix + "/etc"})
    units = tmp_path / "units"
    units.mkdir()
    for prog in PROGRAMS:  # instances of the templates, as systemctl would make them
        for kind in ("service", "socket"):
            os.symlink(os.path.join(prefix, "lib/systemd/system/influencer-roi@." + kind),
                       units / ("influencer-roi@%s.%s" % (prog, kind)))
    r = subprocess.run(["systemd-analyze", "verify"] + sorted(str(p) for p in units.iterdir()),
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "" and r.stderr.strip() == "", r.stdout + r.stderr


def get(base, path, auth=None):
    req = urllib.request.Request(base + path, headers={"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}
                                 if auth else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_installed_copy_serves_under_a_plain_supervisor(tmp_path):
    """What the systemd units do, done by hand: the installed programs on their sockets, the installed site in nginx."""
    prefix = tempfile.mkdtemp(prefix="roi-inst-")
    os.chmod(prefix, 0o755)
    port = free_port()
    rt = os.path.join(prefix, "run")
    os.makedirs(rt)
    install({"PREFIX": prefix, "SYSCONFDIR": prefix + "/etc", "RUNTIME_DIR": rt, "LISTEN": "127.0.0.1:%d" % port})
    conf = os.path.join(prefix, "etc/influencer-roi")
    data = os.path.join(prefix, "data")
    settings = {}
    for line in open(os.path.join(conf, "influencer-roi.conf")):
        if "=" in line and not line.startswith("#"):
            k, v = line.strip().split("=", 1)
            settings[k] = v
    settings.update(UPLOADS_DIR=data, TEMPLATE_DIR=os.path.join(prefix, "share/influencer-roi/templates"),
                    AUTH_DIR=os.path.join(prefix, "auth"))
    env = dict(os.environ, **settings)
    gen = tmp_path / "sample"
    subprocess.run([os.path.join(TOP, "build", "release", "gen"), "--out", str(gen)], check=True, capture_output=True)
    r = subprocess.run([os.path.join(prefix, "bin/influencer-roi-import"), data, str(gen)], env=env, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    subprocess.run([os.path.join(prefix, "sbin/influencer-roi-user"), "editor", "ops", "ops-secret"], check=True,
                   capture_output=True, env=env)
    pids = []
    nginx_conf = os.path.join(prefix, "nginx.conf")
    try:
        for prog in PROGRAMS:
            sock = os.path.join(rt, prog + ".sock")
            subprocess.run(["spawn-fcgi", "-s", sock, "-M", "0666", "-P", os.path.join(rt, prog + ".pid"), "--",
                            os.path.join(prefix, "lib/influencer-roi", prog)], env=env, check=True, capture_output=True)
            pids.append(int(open(os.path.join(rt, prog + ".pid")).read()))
        with open(nginx_conf, "w") as f:
            f.write("user www-data;\npid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n include /etc/nginx/mime.types;\n"
                    " access_log off;\n client_body_temp_path %s/body;\n fastcgi_temp_path %s/fcgi;\n"
                    " include %s/etc/nginx/sites-available/influencer-roi;\n}\n" % (rt, rt, rt, rt, prefix))
        subprocess.run(["nginx", "-p", rt, "-c", nginx_conf, "-e", os.path.join(rt, "error.log")], check=True)
        base = "http://127.0.0.1:%d" % port
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if get(base, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        status, body = get(base, "/healthz")
        assert status == 200 and body.startswith(b"ok version 000001")
        status, body = get(base, "/")  # the sign-in page
        assert status == 200 and b"Sign in" in body
        assert get(base, "/", "ops:ops-secret")[0] == 200
        assert get(base, "/static/style.css")[0] == 200
        assert get(base, "/export/summary.csv", "ops:ops-secret")[0] == 200
        status, pdf = get(base, "/export/report.pdf", "ops:ops-secret")
        assert status == 200 and pdf.startswith(b"%PDF")
        # a worker that dies is replaced by the program's own supervisor
        kids = subprocess.run(["pgrep", "-P", str(pids[0])], capture_output=True, text=True).stdout.split()
        os.kill(int(kids[0]), signal.SIGKILL)
        for _ in range(10):
            status, body = get(base, "/", "ops:ops-secret")
            assert status == 200, body
    finally:
        subprocess.run(["nginx", "-p", rt, "-c", nginx_conf, "-s", "stop"], capture_output=True)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        time.sleep(0.5)
        if not os.environ.get("KEEP_STACK"):
            shutil.rmtree(prefix, ignore_errors=True)
