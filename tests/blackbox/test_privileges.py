"""test_privileges.py: started by root, the programs and nginx's workers run as an unprivileged user that alone owns the uploads."""

import os
import pwd
import subprocess

import pytest

from conftest import TOP


def user_of(pid):
    with open("/proc/%d/status" % pid) as f:
        uid = next(int(l.split()[1]) for l in f if l.startswith("Uid:"))
    return pwd.getpwuid(uid).pw_name


def service_can_read_checkout():
    r = subprocess.run(["runuser", "-u", "roi", "--", "test", "-r", os.path.join(TOP, "templates", "dashboard.tpl")],
                       capture_output=True)
    return r.returncode == 0


def test_programs_run_unprivileged_and_uploads_are_private(stack, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("started without root: the programs run as the invoking user")
    if not service_can_read_checkout():
        pytest.skip("the checkout is not readable by the service user, so serve.sh keeps root (and says so)")
    for prog in ("dashboard", "upload", "export"):
        parent, workers = stack.pids(prog)
        assert [user_of(p) for p in [parent] + workers] == ["roi"] * (1 + len(workers)), prog
    with open(os.path.join(stack.rundir, "nginx.pid")) as f:
        master = int(f.read())
    kids = [int(p) for p in subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()]
    assert kids and all(user_of(p) == "roi" for p in kids)
    # an import run by root (make import, cron) still leaves files the service owns
    d = tmp_path / "pay"
    d.mkdir()
    (d / "payouts.csv").write_text("influencer_id,total_payout\nINF0001,5\n")
    assert stack.import_dir(str(d)).returncode == 0
    assert stack.get("/").status == 200
    for top, dirs, files in os.walk(stack.uploads):
        for name in [top] + [os.path.join(top, n) for n in dirs + files]:
            st = os.lstat(name)
            assert pwd.getpwuid(st.st_uid).pw_name == "roi", name
            assert os.path.islink(name) or st.st_mode & 0o007 == 0, (name, oct(st.st_mode))  # nothing for others
