"""conftest.py: starts the real stack (nginx + the three FastCGI programs) for the black-box tests."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import base64
import urllib.error
import urllib.parse
import urllib.request

import pytest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tests", "oracle"))
BIN = os.environ.get("BIN", os.path.join(TOP, "build", "asan"))
EXTERNAL = os.path.join(TOP, "tests", "data", "external-sample")
USERS = {"editor": ("ed", "ed-secret"), "viewer": ("vi", "vi-secret"), "admin": ("ad", "ad-secret")}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")


class Stack:
    """One running instance: its own port, run directory and uploads directory."""

    def __init__(self, root, workers=2, bin_dir=BIN, max_body="200m", extra_env=None):
        self.root = root
        self.extra_env = extra_env or {}
        self.max_body = max_body
        self.bin = bin_dir
        self.rundir = os.path.join(root, "run")
        self.auth = os.path.join(root, "auth")
        self.uploads = os.path.join(root, "uploads")
        # Sanitizer reports: writable by the programs' unprivileged user too.
        self.sandir = os.path.join(root, "sanitizer")
        os.makedirs(self.sandir, exist_ok=True)
        os.chmod(self.sandir, 0o1777)
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.workers = workers

    def env(self):
        e = dict(os.environ)
        e.update(PORT=str(self.port), RUNDIR=self.rundir, UPLOADS=self.uploads, BIN=self.bin,
                 WORKERS=str(self.workers), BACKGROUND="1", AUTH_DIR=self.auth, MAX_BODY=self.max_body,
                 ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:log_path=" + os.path.join(self.sandir, "asan"))
        e.update(self.extra_env)
        return e

    def start(self):
        for role, (name, pw) in USERS.items():
            subprocess.run(["sh", os.path.join(TOP, "nginx", "users.sh"), role, name, pw], env=self.env(),
                           check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["sh", os.path.join(TOP, "nginx", "serve.sh")], env=self.env(), check=True,
                       stdout=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if self.get("/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the stack did not come up")

    def stop(self):
        subprocess.run(["sh", os.path.join(TOP, "nginx", "stop.sh"), "quiet"], env=self.env(), check=False)

    def get(self, path, headers=None, method="GET", data=None, user="editor", follow=True):
        """A request with HTTP Basic as `user` (None: no credentials); follow=False keeps a 303 as it is."""
        headers = dict(headers or {})
        if user:
            name, pw = USERS[user]
            headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % (name, pw)).encode()).decode()
        req = urllib.request.Request(self.base + path, headers=headers, method=method, data=data)
        opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=60) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def sign_in(self, user="viewer", password=None, next_="/"):
        """POSTs the sign-in form as a browser on this site would; returns the response (not followed)."""
        name, pw = USERS[user] if user in USERS else (user, password)
        body = urllib.parse.urlencode({"user": name, "password": password or pw, "next": next_}).encode()
        return self.get("/login", method="POST", data=body, user=None, follow=False,
                        headers={"Origin": self.base, "Content-Type": "application/x-www-form-urlencoded"})

    def session(self, user="viewer"):
        """A fresh session cookie ("roi_session=...") of a user."""
        r = self.sign_in(user)
        assert r.status == 303, r.text
        return r.headers["Set-Cookie"].split(";")[0]

    def import_dir(self, directory, user="tests", split_min=None):
        """Runs the command-line import; split_min lowers the size from which tracking_data.csv is read in
        two halves (IMPORT_SPLIT_MIN), so small files take that path too."""
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1")
        if split_min is not None:
            env["IMPORT_SPLIT_MIN"] = str(split_min)
        return subprocess.run([os.path.join(self.bin, "import"), "--user", user, self.uploads, directory],
                              capture_output=True, text=True, env=env)

    def current(self):
        return os.readlink(os.path.join(self.uploads, "current"))

    def sanitizer_reports(self):
        return [os.path.join("sanitizer", f) for f in os.listdir(self.sandir) if f.startswith("asan")]


    def curl(self, path, files=None, fields=None, user="editor", origin=True, extra=()):
        """POSTs through curl (-F for files and fields); returns (status, headers, body)."""
        args = ["curl", "-s", "-o", "-", "-D", os.path.join(self.root, "headers"), "-X", "POST"]
        if user:
            args += ["-u", "%s:%s" % USERS[user]]
        if origin:
            args += ["-H", "Origin: " + self.base]
        for name, path_ in (files or {}).items():
            args += ["-F", "%s=@%s" % (name, path_)]
        for name, value in (fields or {}).items():
            args += ["--data-urlencode", "%s=%s" % (name, value)]
        args += list(extra) + [self.base + path]
        out = subprocess.run(args, capture_output=True, timeout=300)
        with open(os.path.join(self.root, "headers"), encoding="latin-1", newline="") as f:
            blocks = [b for b in f.read().split("\r\n\r\n") if b.strip() and " 100 " not in b.split("\r\n")[0]]
        lines = blocks[-1].split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(l.split(": ", 1) for l in lines[1:] if ": " in l)
        return status, headers, out.stdout.decode("utf-8", "replace")

    def pids(self, program):
        """The supervisor's pid and its workers' pids."""
        with open(os.path.join(self.rundir, program + ".pid")) as f:
            parent = int(f.read())
        out = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout
        return parent, sorted(int(p) for p in out.split())


def start_stack(**kw):
    root = tempfile.mkdtemp(prefix="roi-test-")
    os.chmod(root, 0o755)
    s = Stack(root, **kw)
    s.start()
    return s


@pytest.fixture(scope="module")
def stack():
    s = start_stack()
    root = s.root
    yield s
    s.stop()
    reports = s.sanitizer_reports()
    texts = [open(os.path.join(root, f), encoding="utf-8", errors="replace").read() for f in reports]
    if not os.environ.get("KEEP_STACK"):
        shutil.rmtree(root, ignore_errors=True)
    assert not reports, "sanitizer reports from the programs:\n" + "\n".join(texts)


def write_files(directory, files):
    """Writes {name: text} into directory byte for byte (newlines kept as given)."""
    for name, text in files.items():
        with open(os.path.join(directory, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)


def csv_rows(resp):
    import csv
    import io
    return list(csv.reader(io.StringIO(resp.text)))


def summary(stack, query=""):
    r = stack.get("/export/summary.csv" + ("?" + query if query else ""))
    assert r.status == 200, r.text
    rows = csv_rows(r)
    assert rows[0] == ["metric", "value"]
    return dict(rows[1:])
