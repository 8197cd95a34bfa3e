"""test_security_review.py: the findings of the security review (issue 13), each through the real nginx and programs."""

import base64
import html
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest

from conftest import TOP, csv_rows, start_stack, summary, write_files

AUTH = "Basic " + base64.b64encode(b"ed:ed-secret").decode()


def raw_request(stack, path, method="GET", extra=""):
    return ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: %s\r\n%sConnection: close\r\n\r\n"
            % (method, path, stack.port, AUTH, extra)).encode()


def read_head(sock):
    """Reads up to the end of the response headers; returns them (the body is left unread)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(1)
        if not chunk:
            break
        data += chunk
    return data.decode("latin-1")


def stalled_client(stack, path, rcvbuf=4096):
    """A client that sends a request, reads the status line and headers, and then reads nothing more."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(60)
    s.connect(("127.0.0.1", stack.port))
    s.sendall(raw_request(stack, path))
    return s, read_head(s)


def log_lines(stack, program, since=0, until=None):
    """The program's log lines after the first since; with until, waits (up to 30 s) for a line that has it."""
    for _ in range(300):
        with open(os.path.join(stack.rundir, "logs", program + ".log"), encoding="utf-8") as f:
            lines = f.read().splitlines()[since:]
        if until is None or until(lines):
            return lines
        time.sleep(0.1)
    return lines


# 1. A response that did not reach its end is never cached; HEAD writes no body.

def test_finding1_cut_short_export_is_never_cached_and_served(stack):
    query = "platform=Instagram&brand=Gritzo"  # a few hundred KB: cacheable size, more than a socket holds
    path = "/export/tracking.csv?" + query
    for _ in range(4):
        assert stack.get(path, method="HEAD").status == 200
    for _ in range(4):  # cancelled downloads: headers read, then the connection closed
        s, head = stalled_client(stack, path)
        assert head.startswith("HTTP/1.1 200")
        s.close()
    want = Decimal(summary(stack, query)["revenue"])
    bodies = set()
    for _ in range(6):
        r = stack.get(path)
        assert r.status == 200
        rows = csv_rows(r)[1:]
        assert sum(Decimal(row[12]) for row in rows) == want, "a cut-short copy was served"
        bodies.add(r.body)
    assert len(bodies) == 1


def test_finding1_head_is_answered_without_a_body_by_every_program(stack):
    paths = {"dashboard": ["/", "/influencers", "/?platform=YouTube"], "upload": ["/upload"],
             "export": ["/export/summary.csv", "/export/tracking.csv", "/export/report.pdf"]}
    for program, urls in paths.items():
        before = len(log_lines(stack, program))
        for url in urls:
            for _ in range(2):  # the second may come from the worker's response cache
                r = stack.get(url, method="HEAD")
                assert r.status == 200 and r.body == b""
        lines = log_lines(stack, program, before, lambda ls: sum("method=HEAD" in l for l in ls) >= 2 * len(urls))
        heads = [l for l in lines if "method=HEAD" in l]
        assert len(heads) == 2 * len(urls)
        assert all(" bytes=0 " in l for l in heads), heads


# 2. Page size stays linear in the query; values per parameter are capped; nginx buffers a bounded amount.

def many_values(n, params=("brand", "product", "campaign")):
    return "&".join("%s=v%03d-%s" % (p, i, p) for p in params for i in range(n))


def test_finding2_page_size_is_linear_in_the_query(stack):
    for page in ("/", "/influencers"):
        base = len(stack.get(page).body)
        for n in (10, 40, 90):
            query = many_values(n)
            r = stack.get(page + "?" + query)
            assert r.status == 200
            assert len(r.body) < base + 150 * len(query), (page, n, len(r.body), len(query))  # some 100 links
    r = stack.get("/?" + many_values(40))
    chips = re.findall(r'class="chip" href="([^"]*)"', r.text)
    assert len(chips) == 12
    more = re.findall(r'<a class="chip more" href="([^"]*)"[^>]*>and (\d+) more', r.text)
    assert more and more[0][1] == str(120 - 12)
    kept = stack.get(more[0][0].replace("&amp;", "&"))  # removes the collapsed ones, keeps the twelve shown
    assert kept.status == 200 and len(re.findall(r'class="chip" href=', kept.text)) == 12
    assert "chip more" not in kept.text


def test_finding2_more_than_100_values_of_one_parameter_is_a_400_that_says_so(stack):
    assert stack.get("/?" + many_values(100, ("brand",))).status == 200
    for url in ("/?", "/export/summary.csv?"):
        r = stack.get(url + many_values(101, ("brand",)))
        assert r.status == 400
        assert 'parameter "brand": more than 100 values' in html.unescape(r.text)


def nginx_blocks(text):
    """Each location (and the server) of a site file with its directives, comments removed."""
    text = "\n".join(l.split("#")[0] for l in text.splitlines())
    blocks = re.findall(r"location\s+[^{]*\{([^}]*)\}", text)
    server = re.sub(r"location\s+[^{]*\{[^}]*\}", "", text)
    return server, blocks


def size_of(v):
    m = re.fullmatch(r"(\d+)([km]?)", v)
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20}[m.group(2)]


def test_finding2_nginx_never_buffers_more_than_a_bounded_response_to_disk(stack):
    for path in (os.path.join(TOP, "nginx", "site.conf.in"), os.path.join(stack.rundir, "site.conf")):
        server, blocks = nginx_blocks(open(path, encoding="utf-8").read())
        default = re.findall(r"fastcgi_max_temp_file_size\s+(\w+);", server)
        assert default and size_of(default[0]) <= 16 << 20, path
        for b in blocks:
            own = re.findall(r"fastcgi_max_temp_file_size\s+(\w+);", b)
            if "fastcgi_pass" in b:
                assert not own or size_of(own[0]) <= 64 << 20, b


# 4. Exports stay available: bounded buffering in nginx, a deadline per response, a worker kept for small exports.

@pytest.fixture(scope="module")
def big_data(tmp_path_factory):
    """A tracking.csv export of some 45 MB: far more than nginx buffers and the sockets hold."""
    d = str(tmp_path_factory.mktemp("big"))
    subprocess.run([os.path.join(os.environ.get("BIN", os.path.join(TOP, "build", "asan")), "gen"), "--out", d,
                    "--tracking", "400000"], check=True, stdout=subprocess.DEVNULL)
    return d


def stack_with(data, **kw):
    s = start_stack(**kw)
    r = s.import_dir(data)
    assert r.returncode == 0, r.stdout + r.stderr
    return s


def drop(s):
    s.stop()
    shutil.rmtree(s.root, ignore_errors=True)


def test_finding4_two_stalled_tracking_downloads_do_not_stop_a_summary(big_data):
    s = stack_with(big_data)
    stalled = []
    try:
        for _ in range(2):  # each reads the headers and then nothing (nginx's send_timeout is 60 s)
            stalled.append(stalled_client(s, "/export/tracking.csv"))
        assert stalled[0][1].startswith("HTTP/1.1 200")
        # the second either streams too or is told to come back; it never takes the last worker
        assert stalled[1][1].startswith(("HTTP/1.1 200", "HTTP/1.1 503"))
        req = urllib.request.Request(s.base + "/export/summary.csv", headers={"Authorization": AUTH})
        with urllib.request.urlopen(req, timeout=40) as r:  # well before nginx would free a worker
            assert r.status == 200 and r.read().startswith(b"metric,value")
        busy = [sock for sock, head in stalled if head.startswith("HTTP/1.1 503")]
        for sock in busy:
            sock.settimeout(10)
            rest = b""
            while chunk := sock.recv(65536):
                rest += chunk
            assert b"try again" in rest
    finally:
        for sock, _ in stalled:
            sock.close()
        drop(s)


def test_finding4_a_trickling_reader_is_cut_off_at_the_response_deadline(big_data):
    s = stack_with(big_data, extra_env={"RESPONSE_TIMEOUT": "2"})
    try:
        before = len(log_lines(s, "export"))
        sock, head = stalled_client(s, "/export/tracking.csv")
        assert head.startswith("HTTP/1.1 200")
        for _ in range(600):  # some 80 KB/s: the 45 MB would take ten minutes
            assert sock.recv(4096)
            time.sleep(0.05)
            if any("cut off" in l for l in log_lines(s, "export", before)):
                break
        else:
            pytest.fail("the export was never cut off")
        rest = b""
        while chunk := sock.recv(1 << 20):  # what nginx still holds, then the end without the last chunk
            rest += chunk
        sock.close()
        assert not rest.endswith(b"\r\n0\r\n\r\n")
        r = s.get("/export/tracking.csv?platform=Instagram&brand=Gritzo")  # the worker and its slot are free
        assert r.status == 200 and r.body.endswith(b"\r\n")
    finally:
        drop(s)


def test_finding4_exports_are_buffered_by_nginx_within_a_bound():
    server, blocks = nginx_blocks(open(os.path.join(TOP, "nginx", "site.conf.in"), encoding="utf-8").read())
    export = [b for b in blocks if "export.sock" in b]
    assert export and "fastcgi_buffering off" not in export[0]
    own = re.findall(r"fastcgi_max_temp_file_size\s+(\w+);", export[0])
    assert own and 0 < size_of(own[0]) <= 64 << 20


# 10. Security headers everywhere, long multipart boundaries, odd ids, bidirectional controls.

def test_finding10_static_files_and_the_413_page_carry_the_security_headers(stack):
    def check(headers):
        assert "script-src 'none'" in headers.get("Content-Security-Policy", ""), headers
        assert headers.get("X-Frame-Options") == "DENY" and headers.get("Referrer-Policy") == "same-origin"
        assert headers.get("X-Content-Type-Options") == "nosniff"
    r = stack.get("/static/style.css", user=None)
    assert r.status == 200 and "public" in r.headers.get_all("Cache-Control")
    check(r.headers)
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as s:
        s.sendall(raw_request(stack, "/upload", "POST", "Origin: %s\r\nContent-Type: multipart/form-data; "
                              "boundary=x\r\nContent-Length: 999999999999\r\n" % stack.base))
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 413") and b"Upload too large" in body
    check(dict(l.split(": ", 1) for l in lines[1:]))


def test_finding10_a_long_boundary_does_not_skip_the_completeness_check(stack):
    before = stack.current()
    boundary = "a" * 95 + "--" + "b" * 23  # 120 characters; the first 95 followed by "--"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"influencers\"; filename=\"i.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\nid,name\r\nA,Asha\r\nB,Bo" % boundary).encode()  # cut short
    extra = ("Origin: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n"
             % (stack.base, boundary, len(body)))
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as s:
        s.sendall(raw_request(stack, "/upload", "POST", extra) + body)
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 422") and b"incomplete" in reply, reply[:200]
    assert stack.current() == before


ODD = [("../upload", "Up Loader"), ("..", "Dot Dot"), ("a/b%2Fc d", "Slash Percent"), ("a//b", "Two Slashes"),
       ("N1", "Ali \u202egnp.exe"), ("N2", "\u2067Zed"), ("N3", "Bea \u2069\u202eX")]
BRAND = "Brand \u2067X"


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """Influencers whose ids need escaping in a path, and names and a brand with bidirectional controls."""
    d = str(tmp_path_factory.mktemp("odd"))

    def q(s):
        return '"%s"' % s.replace('"', '""')
    infl = ["id,name,category,gender,follower_count,platform"]
    posts = ["influencer_id,platform,date,url,caption,reach,likes,comments"]
    track = ["source,brand,campaign,influencer_id,user_id,product,date,orders,revenue"]
    pay = ["influencer_id,basis,rate,orders,total_payout,date"]
    for i, (iid, name) in enumerate(ODD):
        infl.append(",".join([q(iid), q(name), "Fitness \u202bC", "Female", "1000", "Instagram"]))
        posts.append(",".join([q(iid), "Instagram", "2025-01-0%d" % (i + 1), "https://x.test/p", q(name), "100",
                               "5", "1"]))
        track.append(",".join(["BioLink", q(BRAND), "Camp", q(iid), "u1", "Whey", "2025-01-0%d" % (i + 1), "2",
                               str(500 + 100 * i)]))
        pay.append(",".join([q(iid), "post", "100", "", str(100 + 10 * i), "2025-01-0%d" % (i + 1)]))
    write_files(d, {"influencers.csv": "\n".join(infl) + "\n", "posts.csv": "\n".join(posts) + "\n",
                    "tracking_data.csv": "\n".join(track) + "\n", "payouts.csv": "\n".join(pay) + "\n"})
    s = start_stack()
    r = s.import_dir(d)
    assert r.returncode == 0, r.stdout + r.stderr
    yield s
    drop(s)


def test_finding10_every_influencer_id_gets_a_reachable_page(odd):
    listing = odd.get("/influencers").text
    for iid, name in ODD:
        links = re.findall(r'<a href="(/influencers/[^"?]*)[^"]*">[^<]*</a> <span class="id">%s</span>'
                           % re.escape(html.escape(iid)), listing)
        assert links, iid
        href = html.unescape(links[0])
        r = odd.get(href)
        assert r.status == 200, (iid, href, r.status)
        assert '<span class="id">%s</span>' % html.escape(iid) in r.text
        assert 'action="%s"' % links[0] in r.text  # the filter form comes back to the same page
        again = odd.get(href + "?from=2025-01-01")
        assert again.status == 200 and '<span class="id">%s</span>' % html.escape(iid) in again.text


BIDI_OPEN = {"\u202a": "e", "\u202b": "e", "\u202d": "e", "\u202e": "e", "\u2066": "i", "\u2067": "i", "\u2068": "i"}


def spills(text):
    """True when the bidirectional controls in a run of text could reach beyond it."""
    stack = []
    for ch in text:
        if ch in BIDI_OPEN:
            stack.append(BIDI_OPEN[ch])
        elif ch == "\u202c":
            if not stack or stack[-1] != "e":
                return True
            stack.pop()
        elif ch == "\u2069":
            if "i" not in stack:
                return True
            while stack.pop() != "i":
                pass
    return bool(stack)


def test_finding10_bidirectional_controls_are_isolated_in_html_and_svg(odd):
    import html5lib
    quoted = urllib.parse.quote(BRAND, safe="")
    urls = ["/", "/influencers", "/?brand=" + quoted, "/influencers/N1", "/influencers/N3?brand=" + quoted,
            "/?brand=" + urllib.parse.quote("\u202eunknown", safe="")]
    seen = svg_seen = 0
    for url in urls:
        r = odd.get(url)
        assert r.status == 200, url
        doc = html5lib.HTMLParser(namespaceHTMLElements=False).parse(r.body)
        for el in doc.iter():
            tag = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
            for text in (el.text, el.tail, el.get("title"), el.get("aria-label")):
                if text and any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"):
                    seen += 1
                    svg_seen += tag in ("text", "title", "tspan")
                    assert not spills(text), (url, tag, text)
    assert seen > 20 and svg_seen > 0
