"""test_hostile.py: hostile input of every kind: markup in every field and parameter, traversal, NUL, bad UTF-8, huge shapes, overflow."""

import csv
import io
import os
import re
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

import html5lib
import pytest

from conftest import write_files

SCRIPT = "<script>alert(1)</script>"
ATTR = "\"><svg onload=alert(2)>"
HOSTILE = [SCRIPT, ATTR, "'><img src=x onerror=alert(3)>", "</title><b>x", "{{BRAND}}", "=1+1"]


def hostile_dataset(d):
    """Every text column of every file carries markup; every influencer has tracking, posts and payouts."""
    infl = ["id,name,category,gender,follower_count,platform"]
    posts = ["influencer_id,platform,date,url,caption,reach,likes,comments"]
    track = ["source,brand,campaign,influencer_id,user_id,product,date,orders,revenue"]
    pay = ["influencer_id,basis,rate,orders,total_payout,date,status"]

    def q(s):
        return '"%s"' % s.replace('"', '""')
    for i, h in enumerate(HOSTILE):
        iid = "X%d%s" % (i, h)
        infl.append(",".join([q(iid), q(h), q(h), q(h), "1000", q(h)]))
        posts.append(",".join([q(iid), q(h), "2025-01-0%d" % (i + 1), q("javascript:alert(%d)" % i), q(h),
                               "100", "5", "1"]))
        track.append(",".join([q(h), q(h), q(h), q(iid), q(h), q(h), "2025-01-0%d" % (i + 1), "2", "500"]))
        pay.append(",".join([q(iid), "post", "100", "", "100", "2025-01-0%d" % (i + 1), q(h)]))
    write_files(d, {"influencers.csv": "\n".join(infl) + "\n", "posts.csv": "\n".join(posts) + "\n",
                    "tracking_data.csv": "\n".join(track) + "\n", "payouts.csv": "\n".join(pay) + "\n"})


def assert_inert_html(body):
    """No element or attribute that could run script, and the page parses strictly."""
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(body)
    for el in doc.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        assert tag.split("}")[-1] not in ("script", "img", "iframe", "object", "embed"), tag
        for k, v in el.attrib.items():
            assert not k.lower().startswith("on"), (tag, k)
            if k in ("href", "src", "action"):
                assert not v.strip().lower().startswith("javascript:"), (tag, k, v)
    for svg in re.findall(r"<svg.*?</svg>", body.decode("utf-8"), re.S):
        ET.fromstring(svg)  # charts stay well-formed XML


@pytest.fixture(scope="module")
def hostile(stack, tmp_path_factory):
    d = str(tmp_path_factory.mktemp("hostile"))
    hostile_dataset(d)
    r = stack.import_dir(d)
    assert r.returncode == 0, r.stdout + r.stderr
    return stack


def filtered_urls():
    urls = ["/", "/influencers", "/influencers?sort=name&dir=asc"]
    for i, h in enumerate(HOSTILE):
        v = urllib.parse.quote(h, safe="")
        urls += ["/?brand=%s&platform=%s" % (v, v), "/?campaign=%s&category=%s&gender=%s" % (v, v, v),
                 "/influencers/%s" % urllib.parse.quote("X%d%s" % (i, h), safe="")]
    return urls


def test_markup_in_every_field_is_inert_in_every_page(hostile):
    for url in filtered_urls():
        r = hostile.get(url)
        assert r.status == 200, url
        assert_inert_html(r.body)
        assert SCRIPT not in r.text and ATTR not in r.text
    page = hostile.get("/?brand=%s" % urllib.parse.quote(SCRIPT, safe="")).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
    assert "{{BRAND}}" in hostile.get("/").text  # a template marker in data is data


def test_markup_comes_out_verbatim_in_csv_and_pdf(hostile, tmp_path):
    r = hostile.get("/export/influencers.csv")
    names = sorted(row[1] for row in list(csv.reader(io.StringIO(r.text)))[1:])
    assert names == sorted(("'" + h) if h[0] in "=+-@" else h for h in HOSTILE)
    r = hostile.get("/export/report.pdf")
    assert r.status == 200 and r.body.startswith(b"%PDF")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(r.body)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert SCRIPT in text  # literal text in the report, nothing interpreted


# Each path with the answers allowed: never a file from outside public/, never a 5xx.
@pytest.mark.parametrize("path,allowed", [
    ("/influencers/..%2F..%2F..%2Fetc%2Fpasswd", (400, 404)),
    ("/influencers/%2E%2E", (200,)),  # nginx resolves it to /
    ("/export/..%2F..%2Fetc%2Fpasswd.csv", (400, 404)),
    ("/static/../uploads/current/influencers.csv", (404,)),
    ("/uploads/current/influencers.csv", (404,)),
    ("/static/..%2F..%2Fuploads%2Fcurrent%2Finfluencers.csv", (400, 404)),
    ("/?influencer=..%2F..%2Fetc%2Fpasswd", (200,)),  # an id not in the data: selects nothing
    ("/?platform=a%00b", (400,)),
    ("/?influencer=%00", (400,)),
    ("/influencers/X%00", (400, 404)),
    ("/?brand=%FF%FE", (400,)),
    ("/?from=2025-02-30", (400,)),
    ("/?a%00=1", (200,)),  # unknown parameters are ignored (tracking tags on bookmarks)
])
def test_traversal_nul_and_bad_utf8_in_paths_and_parameters(stack, path, allowed):
    r = stack.get(path)
    assert r.status in allowed, (path, r.status)
    assert "root:x:0:0" not in r.text and "follower_count" not in r.text
    if r.status == 400:
        assert "bad request" in r.text.lower()  # our page, or nginx's for paths it refuses itself


def test_thousands_of_repeated_parameters_and_a_huge_query(stack):
    r = stack.get("/?" + "&".join(["p=1"] * 5000))
    assert r.status == 400 and "too many parameters" in r.text
    r = stack.get("/?" + "&".join(["platform=Instagram"] * 5000))
    assert r.status == 414  # nginx: the request line is longer than its buffers
    r = stack.get("/?" + "&".join(["platform=Instagram", "platform=YouTube"] * 100))
    assert r.status == 200  # repeats of a multi-valued filter are the same filter
    r = stack.get("/?brand=" + "x" * 200_000)
    assert r.status in (400, 414)


def test_upload_file_name_with_traversal_is_ignored(stack, tmp_path):
    before = stack.current()
    evil = tmp_path / "evil.csv"
    evil.write_text("id,name,platform\nZ1,Zed,Instagram\n")
    status, _, body = stack.curl("/upload", extra=["-F", "influencers=@%s;filename=../../../../tmp/roi-evil.csv" % evil])  # attack input, not a path read
    assert status == 303, body
    assert not os.path.exists("/tmp/roi-evil.csv")
    cur = stack.current()
    assert cur != before
    assert open(os.path.join(stack.uploads, cur, "influencers.csv")).read().startswith("id,name,platform\nZ1")
    assert sorted(os.listdir(os.path.join(stack.uploads, cur))) == \
        ["dataset.bin", "influencers.csv", "meta.txt", "payouts.csv", "posts.csv", "tracking_data.csv"]


@pytest.mark.parametrize("content,reason", [
    (b"id,name\nA\x00B,Asha\n", "NUL"),
    (b"id,name\nA,Asha \xc3\x28\n", "invalid UTF-8"),
    (b"id,name\nA,\xed\xa0\x80\n", "invalid UTF-8"),  # a UTF-16 surrogate
    (b",".join(b"c%d" % i for i in range(100_000)) + b"\n", "too many columns"),
], ids=["nul", "bad-utf8", "surrogate", "100k-columns"])
def test_hostile_influencer_files_are_refused_by_the_upload(stack, tmp_path, content, reason):
    before = stack.current()
    path = tmp_path / "influencers.csv"
    path.write_bytes(content)
    status, _, body = stack.curl("/upload", files={"influencers": str(path)})
    assert status == 422 and reason in body, body[-2000:]
    assert stack.current() == before


def test_overflowing_totals_are_refused_by_the_upload(stack, tmp_path):
    before = stack.current()
    path = tmp_path / "t.csv"
    path.write_text("influencer_id,date,orders,revenue\n" + "".join(
        "X,2025-01-0%d,1,90000000000000000\n" % d for d in (1, 2)))
    status, _, body = stack.curl("/upload", files={"tracking_data": str(path)})
    assert status == 422 and "more than the dashboard can add up" in body
    assert stack.current() == before


def test_a_100_mb_line_is_refused_with_flat_memory(stack, tmp_path):
    d = str(tmp_path)
    write_files(d, {"influencers.csv": "id,name\nA,Asha\n", "posts.csv": "influencer_id,date\n",
                    "payouts.csv": "influencer_id,total_payout\nA,1\n"})
    with open(os.path.join(d, "tracking_data.csv"), "wb") as f:
        f.write(b"influencer_id,date,orders,revenue\nA,2025-01-01,1,")
        chunk = b"9" * (1 << 20)
        for _ in range(100):
            f.write(chunk)
        f.write(b"\n")
    before = stack.current()
    r = subprocess.run(["/usr/bin/time", "-f", "maxrss %M", os.path.join(stack.bin, "import"), stack.uploads, d],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "longer than 64 KiB" in r.stderr, r.stderr[-2000:]
    rss_kb = int(re.search(r"maxrss (\d+)", r.stderr).group(1))
    assert rss_kb < 400_000  # the file is mapped, not copied: about its size at most, sanitizers included
    assert stack.current() == before


def test_impossible_dates_in_files_name_the_line(stack, tmp_path):
    d = str(tmp_path)
    write_files(d, {"tracking_data.csv": "influencer_id,date,orders,revenue\nA,2025-02-28,1,5\nA,2025-02-30,1,5\n"})
    r = stack.import_dir(d)
    assert r.returncode == 1
    assert "tracking_data.csv:3" in r.stderr and "2025-02-30" in r.stderr
