"""test_valgrind.py: each program serves 1,000 requests under valgrind's memcheck with no leak and no memory error."""

import glob
import os
import re
import shutil
import tempfile

from conftest import TOP, start_stack

DASHBOARD = ["/", "/?platform=Instagram", "/?brand=HKVitals&from=2025-02-01&to=2025-04-30&grain=week",
             "/influencers", "/influencers?sort=roas&dir=asc&page=2", "/?platform=TikTok", "/?from=2025-02-30",
             "/influencers/INF0001", "/influencers/nobody", "/?" + "&".join("x=%d" % i for i in range(1001))]
EXPORT = ["/export/summary.csv", "/export/influencers.csv?category=Fitness", "/export/tracking.csv?platform=YouTube",
          "/export/posts.csv", "/export/payouts.csv?brand=Gritzo", "/export/personas.csv",
          "/export/report.pdf?platform=Twitter", "/export/nothing.csv", "/export/summary.csv?to=2025-13-01"]


def test_a_thousand_requests_to_each_program_leak_nothing(tmp_path):
    logdir = tempfile.mkdtemp(prefix="roi-vg-")  # the programs may run as an unprivileged user
    os.chmod(logdir, 0o1777)
    vg = ("/usr/bin/valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect "
          "--errors-for-leak-kinds=definite,indirect --log-file=%s/vg-%%p.log" % logdir)
    stack = start_stack(workers=1, bin_dir=os.path.join(TOP, "build", "release"),
                        extra_env={"WRAP": vg, "STOP_WAIT": "60"})
    try:
        for i in range(1000):
            r = stack.get(DASHBOARD[i % len(DASHBOARD)] + ("&" if "?" in DASHBOARD[i % len(DASHBOARD)] else "?")
                          + "n=%d" % i)  # a parameter per request: computed, not answered from the cache
            assert r.status in (200, 400, 404)
        for i in range(1000):
            assert stack.get(EXPORT[i % len(EXPORT)]).status in (200, 400, 404)
        bad = tmp_path / "influencers.csv"
        bad.write_text("id,name\nA,\n")
        for i in range(1000):
            if i % 100 == 0:  # a few real uploads among the pages
                status, _, _ = stack.curl("/upload", files={"payouts": os.path.join(stack.uploads, "current",
                                                                                    "payouts.csv")})
                assert status == 303
            elif i % 10 == 0:
                assert stack.curl("/upload", files={"influencers": str(bad)})[0] == 422
            else:
                assert stack.get("/upload").status == 200
    finally:
        stack.stop()
    logs = glob.glob(os.path.join(logdir, "vg-*.log"))
    assert len(logs) >= 6  # a supervisor and a worker per program
    text = "".join(open(f).read() for f in logs)
    assert "definitely lost" not in text and "indirectly lost" not in text, text[-4000:]
    assert not re.search(r"Invalid (read|write|free)|uninitialised|Mismatched", text), text[-4000:]
    shutil.rmtree(stack.root, ignore_errors=True)
    shutil.rmtree(logdir, ignore_errors=True)
