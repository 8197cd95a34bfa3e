"""test_upload.py: uploads in the browser's way (multipart through nginx), versions, rollback, logins, roles, CSRF."""

import os
import shutil
import signal
import socket
import threading
import time

import pytest

import messy
from conftest import EXTERNAL, csv_rows, start_stack, summary, write_files

FILES = ["influencers", "posts", "tracking_data", "payouts"]


def sample_files(directory=EXTERNAL):
    return {f: os.path.join(directory, f + ".csv") for f in FILES}


def test_full_upload_activates_a_new_version_and_the_dashboard_says_so(stack):
    before = stack.current()
    status, headers, _ = stack.curl("/upload", files=sample_files())
    assert status == 303
    version = headers["Location"].split("=")[-1]
    assert headers["Location"] == "/?uploaded=" + version
    assert stack.current() == "versions/" + version != before
    s = summary(stack)
    assert (s["revenue"], s["spend"], s["orders"]) == ("3786492.07", "1264269.00", "19009")
    page = stack.get(headers["Location"]).text
    assert "Version %s is now active" % version in page and "uploaded by ed" in page
    assert "extra columns ignored" in page  # the warnings of that version
    history = stack.get("/upload").text
    assert version in history and "current" in history and "ed" in history


def test_partial_upload_carries_the_other_files_over(stack, tmp_path):
    stack.curl("/upload", files=sample_files())
    d = str(tmp_path)
    write_files(d, {"payouts.csv": "influencer_id,total_payout\n1,1000\n"})
    status, headers, body = stack.curl("/upload", files={"payouts": os.path.join(d, "payouts.csv")})
    assert status == 303, body
    s = summary(stack)
    assert s["revenue"] == "3786492.07" and s["spend"] == "1000.00"


@pytest.mark.parametrize("kind", sorted(messy.KINDS))
def test_every_input_error_is_a_422_with_the_form_and_nothing_changes(stack, tmp_path, kind):
    before, before_summary = stack.current(), summary(stack)
    fname, line, _col = messy.write_invalid(str(tmp_path), kind)
    status, _, body = stack.curl("/upload", files=sample_files(str(tmp_path)))
    assert status == 422
    assert 'enctype="multipart/form-data"' in body and "Nothing was changed" in body
    assert "Errors in %s" % fname in body
    if line:
        assert '<td class="num">%d</td>' % line in body
    assert stack.current() == before and summary(stack) == before_summary


def test_a_file_in_the_wrong_field_is_refused(stack):
    before = stack.current()
    status, _, body = stack.curl("/upload", files={"influencers": os.path.join(EXTERNAL, "posts.csv")})
    assert status == 422 and "missing required column" in body
    assert stack.current() == before


@pytest.mark.parametrize("content,reason", [
    (bytes(range(256)) * 40, "invalid UTF-8"),
    (b"", "file is empty"),
    (b"id,name\n1,\"" + b"x" * 1_000_000 + b"\"\n", "longer than 64 KiB"),
], ids=["binary", "empty", "1MB-field"])
def test_garbage_empty_and_oversized_fields(stack, tmp_path, content, reason):
    before = stack.current()
    path = tmp_path / "influencers.csv"
    path.write_bytes(content)
    status, _, body = stack.curl("/upload", files={"influencers": str(path)})
    assert status == 422 and reason in body
    assert stack.current() == before


def test_bom_and_crlf_upload(stack, tmp_path):
    d = str(tmp_path)
    write_files(d, {"influencers.csv": "\ufeffID,Name,Platform\r\nA,\"Asha, Rao\",Instagram\r\n",
                    "posts.csv": "influencer_id,date\r\n", "payouts.csv": "influencer_id,total_payout\r\nA,\"Rs 1,000\"\r\n",
                    "tracking_data.csv": "influencer_id,date,orders,revenue\r\nA,2025-01-01 10:00,2,\"\u20b93,000.005\"\r\n"})
    status, _, body = stack.curl("/upload", files=sample_files(d))
    assert status == 303, body
    s = summary(stack)
    assert (s["revenue"], s["spend"], s["roas"]) == ("3000.01", "1000.00", "3.0000")


def test_no_file_chosen_is_a_422(stack):
    status, _, body = stack.curl("/upload", fields={"nothing": "here"}, extra=["-H", "Content-Type: multipart/form-data; boundary=xyz"])
    assert status == 422


def test_truncated_multipart_body_is_refused(stack):
    before = stack.current()
    boundary = "b0undary"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"influencers\"; filename=\"i.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\nid,name\r\nA,Asha\r\nB,Bo" % boundary).encode()
    auth = "Basic ZWQ6ZWQtc2VjcmV0"  # ed:ed-secret
    req = ("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: %s\r\nAuthorization: %s\r\n"
           "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
           % (stack.port, stack.base, auth, boundary, len(body))).encode() + body
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as s:
        s.sendall(req)
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 422") and b"incomplete" in reply
    assert stack.current() == before


def test_over_the_size_limit_is_413_with_our_page():
    small = start_stack(max_body="64k")
    try:
        big = os.path.join(small.root, "tracking_data.csv")
        with open(big, "w") as f:
            f.write("influencer_id,date,orders,revenue\n" + "1,2025-01-01,1,10\n" * 20000)
        status, _, body = small.curl("/upload", files={"tracking_data": big})
        assert status == 413 and "Upload too large" in body
    finally:
        small.stop()
        shutil.rmtree(small.root, ignore_errors=True)


def test_logins_and_roles(stack):
    # Without a sign-in a GET goes to the sign-in page, a POST gets 401.
    r = stack.get("/", user=None, follow=False)
    assert r.status == 303 and r.headers["Location"] == "/login?next=%2F"
    r = stack.get("/export/summary.csv?platform=Instagram", user=None, follow=False)
    assert r.status == 303 and r.headers["Location"] == "/login?next=%2Fexport%2Fsummary.csv%3Fplatform%3DInstagram"
    assert stack.get("/", user="viewer").status == 200
    assert stack.get("/export/summary.csv", user="viewer").status == 200
    assert stack.get("/upload", user="viewer").status == 403
    before = stack.current()
    status, _, body = stack.curl("/upload", files=sample_files(), user="viewer")
    assert status == 403 and "Only editors" in body
    status, _, _ = stack.curl("/upload", files=sample_files(), user=None)
    assert status == 401
    assert stack.current() == before
    assert stack.get("/static/style.css", user=None).status == 200


@pytest.mark.parametrize("headers,ok", [
    (["-H", "Sec-Fetch-Site: cross-site"], False),
    (["-H", "Sec-Fetch-Site: same-site"], False),
    (["-H", "Sec-Fetch-Site: same-origin"], True),
])
def test_cross_site_posts_are_403(stack, headers, ok):
    status, _, _ = stack.curl("/upload", files=sample_files(), origin=False, extra=headers)
    assert (status == 303) == ok and (status == 403) != ok


def test_origin_must_match_host(stack):
    status, _, body = stack.curl("/upload", files=sample_files(), origin=False,
                                 extra=["-H", "Origin: http://evil.example"])
    assert status == 403 and "another site" in body
    status, _, _ = stack.curl("/upload", files=sample_files(), origin=False)
    assert status == 403  # neither header: refused


def test_rollback_makes_an_older_version_current(stack, tmp_path):
    stack.curl("/upload", files=sample_files())
    old = stack.current().split("/")[-1]
    old_summary = summary(stack)
    d = str(tmp_path)
    write_files(d, {"payouts.csv": "influencer_id,total_payout\n1,5\n"})
    stack.curl("/upload", files={"payouts": os.path.join(d, "payouts.csv")})
    assert summary(stack) != old_summary
    assert "Make current" in stack.get("/upload").text
    status, headers, _ = stack.curl("/upload/activate", fields={"version": old})
    assert status == 303 and headers["Location"] == "/?activated=" + old
    assert stack.current() == "versions/" + old and summary(stack) == old_summary
    assert stack.curl("/upload/activate", fields={"version": "999999"})[0] == 404
    assert stack.curl("/upload/activate", fields={"version": "../x"})[0] == 400
    assert stack.curl("/upload/activate", fields={"version": old}, user="viewer")[0] == 403


def test_two_uploads_at_once_give_two_complete_versions(stack, tmp_path):
    dirs = []
    for i in range(2):
        d = tmp_path / ("set%d" % i)
        d.mkdir()
        messy.write_messy(str(d), 100 + i)
        dirs.append(str(d))
    before = set(os.listdir(os.path.join(stack.uploads, "versions")))
    results = [None, None]

    def go(i):
        results[i] = stack.curl("/upload", files=sample_files(dirs[i]))

    threads = [threading.Thread(target=go, args=(i,)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert [r[0] for r in results] == [303, 303]
    new = set(os.listdir(os.path.join(stack.uploads, "versions"))) - before
    assert len(new) == 2
    for v in new:
        files = os.listdir(os.path.join(stack.uploads, "versions", v))
        assert sorted(files) == ["dataset.bin", "influencers.csv", "meta.txt", "payouts.csv", "posts.csv", "tracking_data.csv"]
    assert stack.current().split("/")[-1] in new


def test_killed_upload_leaves_the_previous_version_and_no_partial_one(stack, tmp_path):
    stack.curl("/upload", files=sample_files())
    before, before_summary = stack.current(), summary(stack)
    versions = set(os.listdir(os.path.join(stack.uploads, "versions")))
    d = str(tmp_path)
    subprocess_gen = [os.path.join(stack.bin, "gen"), "--out", d, "--tracking", "400000"]
    import subprocess
    subprocess.run(subprocess_gen, check=True, stdout=subprocess.DEVNULL)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("r", stack.curl("/upload", files=sample_files(d))))
    t.start()
    _, workers = stack.pids("upload")
    deadline = time.time() + 10
    while time.time() < deadline and not [f for f in os.listdir(stack.uploads) if f.startswith(".incoming-")]:
        time.sleep(0.005)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    t.join()
    assert result["r"][0] in (502, 303)
    if result["r"][0] == 502:
        assert stack.current() == before and summary(stack) == before_summary
    now = set(os.listdir(os.path.join(stack.uploads, "versions")))
    for v in now - versions:  # anything published is complete
        assert len(os.listdir(os.path.join(stack.uploads, "versions", v))) == 6
    time.sleep(0.5)  # replacement workers start; the next upload cleans up after the dead ones
    d2 = tmp_path / "small"
    d2.mkdir()
    write_files(str(d2), {"payouts.csv": "influencer_id,total_payout\nINF0001,5\n"})
    assert stack.curl("/upload", files={"payouts": str(d2 / "payouts.csv")})[0] in (303, 422)
    leftovers = [f for f in os.listdir(stack.uploads) if f.startswith((".staging-", ".incoming-"))]
    assert leftovers == []
