"""test_faults.py: storage faults during uploads: a full disk and a read-only uploads directory lose nothing and say why."""

import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import start_stack, summary


@pytest.fixture
def small_disk():
    """A 16 MB tmpfs for the uploads directory: a disk that can really fill up."""
    mnt = tempfile.mkdtemp(prefix="roi-disk-")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", mnt], capture_output=True, text=True)
    if r.returncode != 0:
        os.rmdir(mnt)
        pytest.skip("cannot mount a tmpfs here: " + r.stderr.strip())
    yield mnt
    subprocess.run(["umount", "-l", mnt], check=False)
    os.rmdir(mnt)


def leftovers(uploads):
    return [f for f in os.listdir(uploads) if f.startswith((".staging-", ".incoming-"))]


def free_bytes(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def upload_tracking(stack, tmp_path, rows):
    path = tmp_path / "tracking_data.csv"
    with open(path, "w") as f:
        f.write("source,brand,campaign,influencer_id,user_id,product,date,orders,revenue\n")
        for i in range(rows):
            f.write("PromoCode,HKVitals,HKV_Immunity,INF%04d,U%07d,Biotin,2025-03-%02d,1,499.00\n" % (1 + i % 100, i, 1 + i % 28))
    return stack.curl("/upload", files={"tracking_data": str(path)})


def stack_on(mnt):
    """A stack whose uploads directory is on the mount."""
    uploads = os.path.join(mnt, "uploads")
    stack = start_stack(extra_env={"UPLOADS": uploads})
    stack.uploads = uploads
    return stack


def test_full_disk_during_upload_keeps_the_old_version_and_says_so(small_disk, tmp_path):
    stack = stack_on(small_disk)
    try:
        before, figures = stack.current(), summary(stack)
        filler = os.path.join(small_disk, "filler")
        with open(filler, "wb") as f:
            f.write(b"\0" * max(0, free_bytes(small_disk) - 256 * 1024))
        status, _, body = upload_tracking(stack, tmp_path, 40000)  # about 3 MB: it cannot fit
        assert status == 507 and "disk is full" in body and "Nothing was changed" in body, body[-1500:]
        assert stack.current() == before and summary(stack) == figures
        assert leftovers(stack.uploads) == []
        os.unlink(filler)  # space again: the same upload now goes through
        status, _, body = upload_tracking(stack, tmp_path, 40000)
        assert status == 303, body[-1500:]
        assert stack.current() != before and summary(stack)["orders"] == "40000"
    finally:
        stack.stop()
        shutil.rmtree(stack.root, ignore_errors=True)


def test_read_only_uploads_directory_refuses_uploads_but_serves_pages(small_disk, tmp_path):
    stack = stack_on(small_disk)
    try:
        before, figures = stack.current(), summary(stack)
        subprocess.run(["mount", "-o", "remount,ro", small_disk], check=True)
        try:
            status, _, body = upload_tracking(stack, tmp_path, 100)
            assert status == 503 and "cannot write to its uploads directory" in body, body[-1500:]
            assert stack.get("/").status == 200 and summary(stack) == figures
            r = stack.import_dir(str(tmp_path))
            assert r.returncode == 2 and "Read-only file system" in r.stderr, r.stderr
        finally:
            subprocess.run(["mount", "-o", "remount,rw", small_disk], check=True)
        assert stack.current() == before
        status, _, _ = upload_tracking(stack, tmp_path, 100)
        assert status == 303
    finally:
        stack.stop()
        shutil.rmtree(stack.root, ignore_errors=True)
