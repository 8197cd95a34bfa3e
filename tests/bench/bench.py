"""bench.py: `make bench`: generates reference data once, measures import, pages, throughput, exports and memory, prints one table.

Every figure is a median over several runs and is printed next to a baseline measured in the same run
(libcsv alone for the import, a bare libfcgi responder for throughput), so noisy shared machines still
give comparable ratios.
"""

import base64
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(TOP, "build", "release")
WORK = os.path.join(TOP, "build", "bench")
SIZES = {"10k": (500, 5000, 10_000), "100k": (1000, 10_000, 100_000), "1M": (5000, 50_000, 1_000_000),
         "10M": (5000, 50_000, 10_000_000)}
AUTH = ("bench", "bench-pass")


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def data(size):
    d = os.path.join(WORK, "data-" + size)
    if not os.path.exists(os.path.join(d, "payouts.csv")):
        i, p, t = SIZES[size]
        sh(os.path.join(BIN, "gen"), "--out", d, "--influencers", str(i), "--posts", str(p), "--tracking", str(t))
    return d


def csv_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".csv"))


def timed(args):
    """Wall seconds and peak RSS (KB) of a command."""
    t0 = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, capture_output=True, text=True, check=True)
    secs = time.perf_counter() - t0
    return secs, int(out.stderr.strip().splitlines()[-1].split()[1])


PANDAS = """
import sys, time, pandas
t0 = time.perf_counter()
for f in sys.argv[1:]:
    pandas.read_csv(f)
print(time.perf_counter() - t0)
"""


def pandas_secs(files):
    """Seconds pandas.read_csv (defaults: numbers typed, no validation) takes to read the same files, or None."""
    out = subprocess.run(["/usr/bin/python3", "-c", PANDAS] + files, capture_output=True, text=True)
    return float(out.stdout) if out.returncode == 0 else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Stack:
    def __init__(self, uploads):
        self.root = tempfile.mkdtemp(prefix="roi-bench-")
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.env = dict(os.environ, PORT=str(self.port), RUNDIR=os.path.join(self.root, "run"), UPLOADS=uploads,
                        BIN=BIN, WORKERS="2", BACKGROUND="1", AUTH_DIR=os.path.join(self.root, "auth"))
        sh("sh", os.path.join(TOP, "nginx", "users.sh"), "viewer", AUTH[0], AUTH[1], env=self.env)
        sh("sh", os.path.join(TOP, "nginx", "serve.sh"), env=self.env)
        self.base = "http://127.0.0.1:%d" % self.port
        self.auth = "Basic " + base64.b64encode(("%s:%s" % AUTH).encode()).decode()

    def get(self, path, headers=None):
        req = urllib.request.Request(self.base + path, headers=dict(headers or {}, Authorization=self.auth))
        with urllib.request.urlopen(req, timeout=300) as r:
            return r.read()

    def sign_in(self):
        """POSTs the sign-in form; returns (milliseconds, the Cookie header line)."""
        body = urllib.parse.urlencode({"user": AUTH[0], "password": AUTH[1], "next": "/"}).encode()
        req = urllib.request.Request(self.base + "/login", data=body, headers={"Origin": self.base})
        opener = urllib.request.build_opener(NoRedirect)
        t0 = time.perf_counter()
        try:
            opener.open(req, timeout=60)
            raise RuntimeError("the sign-in did not answer 303")
        except urllib.error.HTTPError as e:
            ms = (time.perf_counter() - t0) * 1000
            assert e.code == 303, e.code
            return ms, "Cookie: " + e.headers["Set-Cookie"].split(";")[0]

    def log(self, program):
        with open(os.path.join(self.root, "run", "logs", program + ".log")) as f:
            return f.read()

    def workers(self, program):
        with open(os.path.join(self.root, "run", program + ".pid")) as f:
            parent = f.read().strip()
        return [int(p) for p in sh("pgrep", "-P", parent).stdout.split()]

    def stop(self):
        subprocess.run(["sh", os.path.join(TOP, "nginx", "stop.sh"), "quiet"], env=self.env)
        shutil.rmtree(self.root, ignore_errors=True)


def private_mb(pid):
    with open("/proc/%d/smaps_rollup" % pid) as f:
        text = f.read()
    kb = sum(int(m) for m in re.findall(r"Private_(?:Clean|Dirty):\s+(\d+) kB", text))
    return kb / 1024


def urls(stack):
    """24 different filter URLs drawn from the data's own values."""
    page = stack.get("/").decode()
    values = re.findall(r'name="(platform|gender|category|brand|product|campaign)" value="([^"]+)"', page)
    last = re.search(r"last date, ([0-9-]+)", page).group(1)
    y, m, _ = last.split("-")
    out = ["/", "/?from=%s-%s-01&to=%s" % (y, m, last)]
    for i, (k, v) in enumerate(values[:22]):
        q = "%s=%s" % (k, urllib.request.quote(v))
        if i % 3 == 1:
            q += "&from=%s-%02d-01&to=%s" % (y, max(1, int(m) - 2), last)
        out.append("/?" + q)
    return out[:24]


def server_ms(stack, paths, repeat, page="/"):
    """Server time of computed pages: each request carries a parameter the
    filters ignore but the ETag does not, so no worker answers from its
    response cache."""
    before = len(stack.log("dashboard").splitlines())
    for i in range(repeat):
        for p in paths:
            stack.get(p + ("&" if "?" in p else "?") + "run=%d-%f" % (i, time.time()))
    lines = stack.log("dashboard").splitlines()[before:]
    return [float(m) for m in re.findall(r'method=GET path="%s" status=200 bytes=\d+ ms=([0-9.]+)' % re.escape(page),
                                         "\n".join(lines))]


def campaign_urls(paths):
    """/campaigns by campaign, brand and product, with the filters of the first dashboard URLs."""
    out = []
    for by in ("", "brand", "product"):
        for p in paths[:4]:
            q = "&".join(x for x in (("by=" + by) if by else "", p[2:]) if x)
            out.append("/campaigns" + ("?" + q if q else ""))
    return out


def wrk(url, headers, seconds=10):
    args = ["wrk", "-t2", "-c32", "-d%ds" % seconds, "--latency"]
    for h in headers:
        args += ["-H", h]
    out = sh(*args, url).stdout
    return float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))


def bare_stack(body_file):
    """nginx with one location answered by a bare libfcgi responder returning the same bytes."""
    root = tempfile.mkdtemp(prefix="roi-bare-")
    os.chmod(root, 0o755)
    for d in ["logs", "tmp"]:
        os.makedirs(os.path.join(root, d))
    exe = os.path.join(WORK, "bare")
    sock = os.path.join(root, "bare.sock")
    sh("spawn-fcgi", "-s", sock, "-M", "0600", "-F", "2", "--", exe, body_file)  # two workers, as the dashboard
    port = free_port()
    conf = os.path.join(root, "nginx.conf")
    with open(conf, "w") as f:
        f.write("user %s; worker_processes 2; pid %s/nginx.pid; error_log %s/logs/error.log;\n"
                "events { worker_connections 1024; }\nhttp { access_log %s/logs/access.log; "
                "client_body_temp_path %s/tmp/b; proxy_temp_path %s/tmp/p; fastcgi_temp_path %s/tmp/f; "
                "uwsgi_temp_path %s/tmp/u; scgi_temp_path %s/tmp/s;\n"
                "server { listen 127.0.0.1:%d; location / { fastcgi_pass unix:%s; include %s/nginx/fastcgi.conf; } } }\n"
                % (sh("id", "-un").stdout.strip(), root, root, root, root, root, root, root, root, port, sock, TOP))
    sh("nginx", "-p", root, "-c", conf, "-e", os.path.join(root, "logs", "error.log"))
    return root, "http://127.0.0.1:%d/" % port


def stop_bare(root):
    subprocess.run("kill $(cat %s/nginx.pid) $(pgrep -f %s/bare) 2>/dev/null" % (root, WORK), shell=True)
    shutil.rmtree(root, ignore_errors=True)


def main():
    os.makedirs(WORK, exist_ok=True)
    sh("cc", "-O2", "-o", os.path.join(WORK, "csvparse"), os.path.join(TOP, "tests", "bench", "csvparse.c"), "-lcsv")
    sh("cc", "-O2", "-o", os.path.join(WORK, "bare"), os.path.join(TOP, "tests", "bench", "bare.c"), "-lfcgi")
    sizes = sys.argv[1:] or ["10k", "100k", "1M", "10M"]
    rows, scaling = [], []
    for size in sizes:
        d = data(size)
        mb = csv_bytes(d) / 1e6
        files = [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".csv")]
        base = statistics.median(timed([os.path.join(WORK, "csvparse")] + files)[0] for _ in range(3))
        pandas = [pandas_secs(files) for _ in range(3)]
        pandas = statistics.median(pandas) if None not in pandas else None
        runs = []
        for _ in range(3):
            up = tempfile.mkdtemp(prefix="roi-up-")
            runs.append(timed([os.path.join(BIN, "import"), up, d]))
            if len(runs) < 3:
                shutil.rmtree(up)
        secs = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs) / 1024
        ver = [v for v in os.listdir(os.path.join(up, "versions"))][0]
        bin_mb = os.path.getsize(os.path.join(up, "versions", ver, "dataset.bin")) / 1e6
        stack = Stack(up)
        try:
            paths = urls(stack)
            server_ms(stack, paths, 1)  # both workers map the version
            ms = sorted(server_ms(stack, paths, 5))
            med, p99 = statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]
            scaling.append((size, mb, secs, med))
            versus_pandas = ("pandas.read_csv of the same files %.0f MB/s (import %.2f x pandas); " % (mb / pandas, pandas / secs)
                             if pandas else "pandas not available; ")
            rows.append(("import %s (%.0f MB of CSV)" % (size, mb), "%.0f MB/s" % (mb / secs),
                         "%slibcsv alone %.0f MB/s; peak memory %.0f MB; dataset.bin %.0f MB (%.2f of the CSVs)"
                         % (versus_pandas, mb / base, peak, bin_mb, bin_mb / mb)))
            rows.append(("dashboard %s, server time, %d URLs x 5" % (size, len(paths)), "median %.1f ms, p99 %.1f ms" % (med, p99), ""))
            cpaths = campaign_urls(paths)
            cms = sorted(server_ms(stack, cpaths, 5, "/campaigns"))
            rows.append(("/campaigns %s, server time, %d URLs x 5" % (size, len(cpaths)),
                         "median %.1f ms, p99 %.1f ms" % (statistics.median(cms), cms[min(len(cms) - 1, int(len(cms) * 0.99))]),
                         "every row of the campaign, brand and product tables"))
            if size == "1M" or len(sizes) == 1:
                with open(os.path.join(WORK, "page.html"), "wb") as f:
                    f.write(stack.get(paths[0]))
                auth = "Authorization: " + stack.auth
                lua = os.path.join(WORK, "urls.lua")
                with open(lua, "w") as f:
                    f.write("local u = {%s}\nlocal i = 0\nrequest = function()\n  i = i %% #u + 1\n"
                            "  return wrk.format(nil, u[i])\nend\n" % ",".join('"%s"' % p for p in paths))
                signins = [stack.sign_in() for _ in range(5)]
                cookie = signins[-1][1]
                out = sh("wrk", "-t2", "-c32", "-d10s", "-s", lua, "-H", cookie, stack.base).stdout
                rps_cookie = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
                out = sh("wrk", "-t2", "-c32", "-d10s", "-s", lua, "-H", auth, stack.base).stdout
                rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
                root, bare_url = bare_stack(os.path.join(WORK, "page.html"))
                try:
                    bare = wrk(bare_url, [])
                finally:
                    stop_bare(root)
                rows.append(("dashboard throughput %s with a session cookie, wrk -t2 -c32 over the URLs" % size,
                             "%.0f req/s" % rps_cookie,
                             "bare libfcgi responder with the same bytes: %.0f req/s; share %.2f (repeated URLs come "
                             "from each worker's response cache)" % (bare, rps_cookie / bare)))
                rows.append(("dashboard throughput %s with HTTP Basic" % size, "%.0f req/s" % rps,
                             "share %.2f of the bare responder (a checked header is remembered per worker)" % (rps / bare)))
                rows.append(("sign-in (POST /login, yescrypt)", "median %.0f ms" % statistics.median(m for m, _ in signins),
                             "5 sign-ins end to end through nginx"))
                etag = urllib.request.urlopen(urllib.request.Request(stack.base + paths[1], headers={"Authorization": stack.auth})).headers["ETag"]
                r304 = wrk(stack.base + paths[1], [auth, "If-None-Match: " + etag])
                rows.append(("repeated URL with If-None-Match %s" % size, "%.0f req/s" % r304, "304s; %.2f x the full page rate" % (r304 / rps)))
                t0 = time.time()
                sh(os.path.join(BIN, "import"), up, d)
                t1 = time.time()
                want = sorted(os.listdir(os.path.join(up, "versions")))[-1]
                first, seen = None, 0
                while seen < 10:  # the first new page, once 10 in a row (both workers) agree
                    new = ("version %s" % want).encode() in stack.get("/?x=%f" % time.time())
                    first = (first or time.time()) if new else None  # when that page had arrived
                    seen = seen + 1 if new else 0
                rows.append(("new version visible to the workers %s" % size, "%.0f ms after activation" % ((first - t1) * 1000),
                             "import itself %.0f ms; then 10 pages in a row showed it" % ((t1 - t0) * 1000)))
                priv = [private_mb(p) for p in stack.workers("dashboard")]
                rows.append(("private memory per dashboard worker %s" % size, "%.1f MB" % max(priv),
                             "shared mapping %.0f MB" % bin_mb))
                exp = stack.workers("export")
                before = max(private_mb(p) for p in exp)
                t0 = time.time()
                n = len(stack.get("/export/tracking.csv"))
                secs_e = time.time() - t0
                after = max(private_mb(p) for p in exp)
                rows.append(("tracking.csv export %s" % size, "%.0f MB/s" % (n / 1e6 / secs_e),
                             "%.0f MB in %.2f s; export worker private memory %.1f -> %.1f MB" % (n / 1e6, secs_e, before, after)))
                try:
                    pdf = []
                    for i in range(5):
                        t0 = time.time()
                        stack.get("/export/report.pdf?run=%d" % i)  # computed, not from the response cache
                        pdf.append((time.time() - t0) * 1000)
                    rows.append(("report.pdf %s" % size, "median %.0f ms" % statistics.median(pdf), "end to end through nginx"))
                except Exception as e:  # the report is optional here: say why it is missing
                    rows.append(("report.pdf %s" % size, "not measured", str(e)[:60]))
        finally:
            stack.stop()
            shutil.rmtree(up, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print("| figure | result | baseline and notes |\n|---|---|---|")
    for r in rows:
        print("| %s | %s | %s |" % r)
    print("\nscaling (dashboard median vs rows):")
    for size, mb, secs, med in scaling:
        print("  %-5s %7.1f MB CSV  import %6.2f s  dashboard median %6.2f ms" % (size, mb, secs, med))
    print("\nmachine: %s, %d cores" % (sh("uname", "-srm").stdout.strip(), os.cpu_count()))
    _ = width


if __name__ == "__main__":
    main()
