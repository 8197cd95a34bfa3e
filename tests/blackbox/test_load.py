"""test_load.py: load and faults while serving: wrk for 60 s with uploads, a worker killed under load, slow clients cut off."""

import base64
import os
import re
import signal
import socket
import subprocess
import threading
import time

from conftest import TOP, USERS, start_stack

URLS = ["/", "/?platform=Instagram", "/?brand=HKVitals&from=2025-02-01&to=2025-04-30", "/influencers",
        "/influencers?sort=roas&dir=asc", "/?gender=Female&grain=week", "/export/summary.csv",
        "/export/influencers.csv?category=Fitness", "/export/tracking.csv?platform=YouTube",
        "/export/posts.csv", "/export/payouts.csv?brand=Gritzo", "/export/report.pdf?platform=Twitter"]

# Counts every status by class per thread and prints the totals, so the test can read them.
LUA = """
local u = {%s}
local threads = {}
setup = function(t) table.insert(threads, t) end
init = function() i = 0; s2, s3, s4, s5, short = 0, 0, 0, 0, 0 end
request = function()
  i = i %% #u + 1
  return wrk.format(nil, u[i])
end
response = function(status, headers, body)
  local n = tonumber(headers["Content-Length"])
  if n and n ~= #body then short = short + 1 end
  if status >= 500 then s5 = s5 + 1 elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1 else s2 = s2 + 1 end
end
done = function()
  local t2, t3, t4, t5, ts = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    t2 = t2 + t:get("s2"); t3 = t3 + t:get("s3"); t4 = t4 + t:get("s4"); t5 = t5 + t:get("s5"); ts = ts + t:get("short")
  end
  io.write(string.format("STATUS 2xx=%%d 3xx=%%d 4xx=%%d 5xx=%%d short=%%d\\n", t2, t3, t4, t5, ts))
end
"""


def wrk(stack, seconds, conns, tmp_path):
    lua = tmp_path / "load.lua"
    lua.write_text(LUA % ",".join('"%s"' % u for u in URLS))
    auth = "Authorization: Basic " + base64.b64encode(("%s:%s" % USERS["viewer"]).encode()).decode()
    return subprocess.Popen(["wrk", "-t2", "-c%d" % conns, "-d%ds" % seconds, "--timeout", "30s", "-s", str(lua),
                             "-H", auth, stack.base], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def counts(out):
    m = re.search(r"STATUS 2xx=(\d+) 3xx=(\d+) 4xx=(\d+) 5xx=(\d+) short=(\d+)", out)
    assert m, out
    s = dict(zip(["2xx", "3xx", "4xx", "5xx", "short"], map(int, m.groups())))
    s["socket"] = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return s


def private_kb(pids):
    """Private memory (anonymous and written pages) of the processes, in KB."""
    total = 0
    for pid in pids:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            total += sum(int(l.split()[1]) for l in f if l.startswith(("Private_Dirty:", "Swap:")))
    return total


def workers(stack):
    return [w for p in ("dashboard", "export") for w in stack.pids(p)[1]]


def upload_loop(stack, stop, results, d):
    for name in ("influencers", "posts", "tracking_data", "payouts"):
        assert os.path.exists(os.path.join(d, name + ".csv"))
    while not stop.is_set():
        status, _, _ = stack.curl("/upload", files={"tracking_data": os.path.join(d, "tracking_data.csv")})
        results.append(status)
        stop.wait(2)


def test_sixty_seconds_of_load_with_uploads(tmp_path):
    # The release build: sanitizers hold freed memory in quarantine, which would hide a leak or fake one.
    stack = start_stack(workers=3, bin_dir=os.path.join(TOP, "build", "release"))
    try:
        d = os.path.join(stack.uploads, "current")
        src = tmp_path / "src"
        src.mkdir()
        for f in os.listdir(d):
            if f.endswith(".csv"):
                (src / f).write_bytes(open(os.path.join(d, f), "rb").read())
        stop, uploads = threading.Event(), []
        t = threading.Thread(target=upload_loop, args=(stack, stop, uploads, str(src)))
        t.start()
        # 20 s to fill every bounded cache, then 60 s more that must not grow memory.
        warm, _ = wrk(stack, 20, 64, tmp_path).communicate()
        before = private_kb(workers(stack))
        out, _ = wrk(stack, 60, 64, tmp_path).communicate()
        after = private_kb(workers(stack))
        stop.set()
        t.join()
        for run in (warm, out):
            s = counts(run)
            assert s["5xx"] == 0 and s["4xx"] == 0 and s["short"] == 0 and s["socket"] == 0, run
            assert s["2xx"] > 1000, run
        assert len(uploads) >= 20 and all(u == 303 for u in uploads), uploads
        assert after - before < 8 * 1024, (before, after)  # KB over six workers: no growth under load
    finally:
        stack.stop()


def test_killed_worker_under_load_costs_at_most_the_requests_in_flight(stack, tmp_path):
    parent, before = stack.pids("dashboard")
    load = wrk(stack, 8, 32, tmp_path)
    time.sleep(3)
    os.kill(before[0], signal.SIGKILL)
    killed = time.monotonic()
    replaced = None
    while time.monotonic() - killed < 5:
        _, now = stack.pids("dashboard")
        if len(now) == len(before) and before[0] not in now:
            replaced = time.monotonic() - killed
            break
        time.sleep(0.01)
    out, _ = load.communicate()
    s = counts(out)
    assert replaced is not None and replaced < 1.0, replaced
    assert s["5xx"] <= 1 and s["short"] == 0 and s["socket"] == 0, out  # the one request that worker held
    assert stack.pids("dashboard")[0] == parent


def test_slow_clients_are_cut_off(stack):
    """A client that sends half a request and waits is closed by nginx's header timeout (15 s)."""
    host, port = stack.base.split("//")[1].split(":")
    s = socket.create_connection((host, int(port)))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    s.settimeout(40)
    start = time.monotonic()
    data = s.recv(4096)  # b"" when nginx closes; a 408 answer is also fine
    waited = time.monotonic() - start
    s.close()
    assert data == b"" or data.startswith(b"HTTP/1.1 408")
    assert 10 < waited < 40
    assert stack.get("/").status == 200  # and everyone else is served meanwhile
