"""test_workers.py: workers survive one another's crashes; the release build serves the same figures."""

import os
import shutil
import signal
import time

from conftest import EXTERNAL, TOP, csv_rows, start_stack, summary, write_files


def test_killed_worker_is_replaced_and_others_keep_serving(stack):
    parent, workers = stack.pids("dashboard")
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    for _ in range(20):  # the surviving worker answers every request meanwhile
        assert stack.get("/").status == 200
    deadline = time.time() + 5
    while time.time() < deadline:
        _, now = stack.pids("dashboard")
        if len(now) == 2 and workers[0] not in now:
            break
        time.sleep(0.05)
    assert len(now) == 2 and workers[0] not in now
    assert stack.pids("dashboard")[0] == parent


def test_new_version_is_seen_by_every_worker(stack, tmp_path):
    d = str(tmp_path)
    files = {
        "influencers.csv": "id,name\nZ,Zed\n",
        "posts.csv": "influencer_id,date\n",
        "tracking_data.csv": "influencer_id,date,orders,revenue\nZ,2025-01-01,3,777.70\n",
        "payouts.csv": "influencer_id,total_payout\nZ,100\n",
    }
    write_files(d, files)
    assert stack.import_dir(d).returncode == 0
    for _ in range(10):  # requests land on both workers
        assert summary(stack)["revenue"] == "777.70"


def test_release_build_serves_the_external_sample_figures():
    release = start_stack(bin_dir=os.path.join(TOP, "build", "release"))
    try:
        assert release.get("/").status == 200  # the generated sample, loaded at start
        assert release.import_dir(EXTERNAL).returncode == 0
        s = summary(release)
        assert (s["revenue"], s["spend"], s["roas"], s["orders"]) == ("3786492.07", "1264269.00", "2.9950", "19009")
        assert len(csv_rows(release.get("/export/influencers.csv"))) == 101
    finally:
        release.stop()
        shutil.rmtree(release.root, ignore_errors=True)
