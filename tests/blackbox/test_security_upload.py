"""test_security_upload.py: issue 13's upload findings through the real nginx and programs: lost updates, forged
history, the version notice, part floods, viewers' bodies and forged log lines."""

import base64
import fcntl
import os
import re
import shutil
import socket
import subprocess
import threading

from conftest import EXTERNAL, USERS

FILES = ["influencers", "posts", "tracking_data", "payouts"]


def sample_files(directory=EXTERNAL):
    return {f: os.path.join(directory, f + ".csv") for f in FILES}


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def version_of(headers):
    return headers["Location"].split("=")[-1]


def lock_waiters(path):
    """How many processes wait for the flock on path (the "->" lines of /proc/locks)."""
    ino = ":%d " % os.stat(path).st_ino
    return sum(1 for line in read("/proc/locks").splitlines() if "->" in line and ino in line + " ")


def post_status(stack, field, path):
    """An editor's upload of one file by curl; returns the status (safe to run in parallel)."""
    return subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "%s:%s" % USERS["editor"],
                           "-H", "Origin: " + stack.base, "-F", "%s=@%s" % (field, path), stack.base + "/upload"],
                          capture_output=True, text=True, timeout=300).stdout


# Finding 3: two partial uploads at once must not lose either file.
def test_two_partial_uploads_at_once_keep_both_new_files(stack, tmp_path):
    assert stack.curl("/upload", files=sample_files())[0] == 303
    lock = os.path.join(stack.uploads, ".lock")
    for round_ in range(4):
        d = tmp_path / str(round_)
        d.mkdir()
        infl = read(os.path.join(EXTERNAL, "influencers.csv")) + "race%d,Racer %d,Tech,Other,10,Instagram,Micro\n" % (
            round_, round_)
        pay = read(os.path.join(EXTERNAL, "payouts.csv")) + "1,post,1,1,%d.00\n" % (7000 + round_)
        (d / "influencers.csv").write_text(infl)
        (d / "payouts.csv").write_text(pay)
        results = []
        # Both uploads reach the writer lock while the test holds it, then race for it.
        with open(lock, "a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            threads = [threading.Thread(target=lambda f=f: results.append(
                post_status(stack, f, str(d / (f + ".csv"))))) for f in ("influencers", "payouts")]
            for t in threads:
                t.start()
            while lock_waiters(lock) < 2 and all(t.is_alive() for t in threads):
                threading.Event().wait(0.01)
            fcntl.flock(held, fcntl.LOCK_UN)
        for t in threads:
            t.join()
        assert results == ["303", "303"]
        cur = os.path.join(stack.uploads, "current")
        assert read(os.path.join(cur, "influencers.csv")) == infl, "round %d lost the influencers upload" % round_
        assert read(os.path.join(cur, "payouts.csv")) == pay, "round %d lost the payouts upload" % round_


def history_user(page, version):
    m = re.search(r'<th scope="row">%s</th><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>' % version, page)
    assert m, "version %s is not in the history" % version
    return m.group(1)


# Finding 5: a crafted header cannot forge the uploader in the history.
def test_a_long_crafted_header_cannot_forge_the_uploader(stack, tmp_path):
    prefix = 'warning influencers.csv: extra columns ignored: '
    room = 1023 - len(prefix) - 1  # the old reader's line ends just before "user mallory"
    fillers = []
    while room > 80:  # each filler costs its length plus 4: '"name", '
        fillers.append(("f%d" % len(fillers)).ljust(36, "x"))
        room -= 40
    a = (room - 8) // 2
    fillers += ["g".ljust(a, "x"), "h".ljust(room - 8 - a, "x")]
    header = "id,name," + ",".join(fillers) + ",user mallory"
    path = tmp_path / "influencers.csv"
    path.write_text(header + "\n" + "1,Asha" + "," * (len(fillers) + 1) + "\n")
    status, headers, body = stack.curl("/upload", files={"influencers": str(path)})
    assert status == 303, body[:500]
    version = version_of(headers)
    page = stack.get("/upload").text
    assert history_user(page, version) == "ed"
    assert "&quot;user mallory&quot;" in page  # the warning is shown whole
    notice = stack.get("/?uploaded=" + version).text
    assert "uploaded by ed," in notice and "by mallory" not in notice


def test_versions_written_in_the_old_metadata_format_still_show(stack):
    cur = os.path.realpath(os.path.join(stack.uploads, "current"))
    old = os.path.join(stack.uploads, "versions", "000900")
    shutil.copytree(cur, old)
    owner = os.stat(stack.uploads)
    for d, _, files in os.walk(old):  # the programs' user, like every version
        for name in [d] + [os.path.join(d, f) for f in files]:
            os.chown(name, owner.st_uid, owner.st_gid)
    with open(os.path.join(old, "meta.txt"), "w") as f:
        f.write("created 2026-01-02T03:04:05Z\nuser olduser\nrows influencers.csv 100\nrows posts.csv 1000\n"
                "rows tracking_data.csv 19009\nrows payouts.csv 100\nwarning an old warning\n")
    try:
        page = stack.get("/upload").text
        assert history_user(page, "000900") == "olduser"
        assert "2026-01-02T03:04:05Z" in page and "an old warning" in page
    finally:
        shutil.rmtree(old)


# Finding 6: the notice names the current version only, and its uploader only to editors.
def test_the_version_notice_is_true_and_names_the_uploader_to_editors_only(stack):
    status, headers, _ = stack.curl("/upload", files=sample_files())
    old = version_of(headers)
    status, headers, _ = stack.curl("/upload", files=sample_files())
    new = version_of(headers)
    assert stack.current() == "versions/" + new
    for user in ("editor", "viewer"):
        for what in ("activated", "uploaded"):
            page = stack.get("/?%s=%s" % (what, old), user=user).text
            assert "Version %s is now active" % old not in page and "is now active" not in page
    editor = stack.get("/?uploaded=" + new).text
    assert "Version %s is now active" % new in editor and "uploaded by ed" in editor and "Warning:" in editor
    viewer = stack.get("/?uploaded=" + new, user="viewer").text
    assert "Version %s is now active" % new in viewer
    assert "by ed" not in viewer and "Warning:" not in viewer and "extra columns" not in viewer


def rss_kb(pid):
    m = re.search(r"^VmRSS:\s+(\d+) kB", read("/proc/%d/status" % pid), re.M)
    return int(m.group(1))


# Finding 7: a flood of form parts is refused by count, and the workers stay small.
def test_a_flood_of_empty_parts_is_refused_without_growing_the_worker(stack, tmp_path):
    boundary = "fl00d"
    part = '--%s\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n' % boundary
    body = tmp_path / "body"
    body.write_bytes((part * 100_000 + "--%s--\r\n" % boundary).encode())
    _, workers = stack.pids("upload")
    before = {p: rss_kb(p) for p in workers}
    for _ in range(len(workers)):  # one request per worker, whichever takes it
        status, _, page = stack.curl("/upload", extra=["-H", "Content-Type: multipart/form-data; boundary=" + boundary,
                                                       "--data-binary", "@" + str(body)])
        assert status == 413, page[:300]
        assert "more than 32 parts" in page
    growth = {p: rss_kb(p) - before[p] for p in workers}
    assert all(g < 64 * 1024 for g in growth.values()), growth


# Finding 8: a viewer's upload is refused before nginx stores its body.
def test_a_viewers_upload_is_refused_before_its_body_is_read(stack):
    auth = base64.b64encode(("%s:%s" % USERS["viewer"]).encode()).decode()
    head = ("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: %s\r\nAuthorization: Basic %s\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n"
            % (stack.port, stack.base, auth, 100 << 20)).encode()
    body_dir = os.path.join(stack.rundir, "tmp", "body")
    with socket.create_connection(("127.0.0.1", stack.port), timeout=20) as s:
        s.sendall(head + b"x" * 65536)  # the rest of the 100 MB never comes
        reply = s.recv(65536)  # before the fix nginx waits for the body: no answer, a timeout here
        assert reply.startswith(b"HTTP/1.1 403"), reply[:200]
        assert not (os.path.isdir(body_dir) and os.listdir(body_dir)), "nginx stored the viewer's body"
    status, _, page = stack.curl("/upload", files=sample_files(), user="viewer")
    assert status == 403 and "Only editors" in page


def raw_status(stack, path, headers):
    """Sends a GET with the headers byte for byte and reads until nginx closes the connection, which it does
    after its log line is written. Returns the status."""
    lines = "".join("%s: %s\r\n" % kv for kv in headers.items())
    req = "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%sConnection: close\r\n\r\n" % (path, stack.port, lines)
    reply = b""
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as s:
        s.sendall(req.encode("latin-1"))
        while chunk := s.recv(65536):
            reply += chunk
    return int(reply.split(b" ", 2)[1])


# Finding 9: no request puts a raw newline or escape byte into a log.
def test_control_bytes_in_a_login_or_header_forge_no_log_line(stack):
    logs = os.path.join(stack.rundir, "logs")
    names = ["error.log", "access.log", "dashboard.log", "upload.log", "export.log"]
    before = {n: os.path.getsize(os.path.join(logs, n)) for n in names}
    forged = [
        {"Authorization": "Basic " + base64.b64encode(b"a\nFAKE LINE one:x").decode()},
        {"Authorization": "Basic " + base64.b64encode(b"a\x1b[31mFAKE:x").decode()},
        {"Authorization": "Basic " + base64.b64encode(b"ed:wrong").decode(), "Referer": "http://x/\x1b[2JFAKE"},
        {"Authorization": "Basic " + base64.b64encode(b"nobody:x").decode(), "User-Agent": "\x1bFAKE"},
    ]
    for headers in forged:
        for path in ("/", "/upload", "/export/summary.csv"):
            assert raw_status(stack, path, headers) in (400, 401), (headers, path)
    for n in names:
        with open(os.path.join(logs, n), "rb") as f:
            f.seek(before[n])
            new = f.read()
        assert b"\x1b" not in new, n
        for line in new.split(b"\n")[:-1]:  # every line is one of the log's own
            assert re.match(rb"\d{4}/\d\d/\d\d \d\d:|127\.0\.0\.1 - |time=", line), (n, line)
