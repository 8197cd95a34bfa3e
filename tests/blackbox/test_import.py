"""test_import.py: the command-line importer through the real stack: versions, errors, all-or-nothing."""

import os
import shutil
import subprocess

import pytest

import messy
from conftest import BIN, EXTERNAL, csv_rows, summary, write_files


def test_external_sample_gives_its_readme_figures(stack):
    res = stack.import_dir(EXTERNAL)
    assert res.returncode == 0, res.stderr
    s = summary(stack)
    assert s["revenue"] == "3786492.07"
    assert s["spend"] == "1264269.00"
    assert s["roas"] == "2.9950"
    assert s["orders"] == "19009"
    assert 'extra columns ignored: "tier"' in res.stderr


@pytest.mark.parametrize("kind", sorted(messy.KINDS))
def test_invalid_files_are_refused_and_nothing_changes(stack, tmp_path, kind):
    before = stack.current()
    before_summary = summary(stack)
    fname, line, _column = messy.write_invalid(str(tmp_path), kind)
    res = stack.import_dir(str(tmp_path))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "nothing was changed" in res.stderr
    want = "%s:%d:" % (fname, line) if line else fname
    assert want in res.stderr, res.stderr
    assert stack.current() == before
    assert summary(stack) == before_summary


def test_error_lists_are_capped_at_20_per_file(stack, tmp_path):
    d = str(tmp_path)
    with open(os.path.join(d, "posts.csv"), "w") as f:
        f.write("influencer_id,date\n")
        for i in range(50):
            f.write("x,not-a-date\n")
    res = stack.import_dir(d)
    assert res.returncode == 1
    assert res.stderr.count("posts.csv:") == 21  # 20 shown + the count line
    assert "30 more errors not shown (50 in all)" in res.stderr


def test_partial_import_carries_other_files_over(stack, tmp_path):
    assert stack.import_dir(EXTERNAL).returncode == 0
    before = summary(stack)
    d = str(tmp_path)
    shutil.copy(os.path.join(EXTERNAL, "payouts.csv"), os.path.join(d, "payouts.csv"))
    version = stack.current()
    res = stack.import_dir(d)
    assert res.returncode == 0, res.stderr
    assert stack.current() != version
    after = summary(stack)
    assert after["revenue"] == before["revenue"] and after["spend"] == before["spend"]


def test_every_version_is_kept_and_current_is_a_symlink(stack):
    versions = sorted(os.listdir(os.path.join(stack.uploads, "versions")))
    assert versions and stack.current() == "versions/" + versions[-1]
    for v in versions:
        files = set(os.listdir(os.path.join(stack.uploads, "versions", v)))
        assert {"influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv", "meta.txt"} <= files
    assert not [f for f in os.listdir(stack.uploads) if f.startswith(".staging")]


def test_worked_example_of_the_spec(stack, tmp_path):
    d = str(tmp_path)
    files = {
        "influencers.csv": "id,name,platform,category,gender\nA,Alpha,Instagram,Fitness,Female\n"
                           "B,Beta,YouTube,Fitness,Male\n",
        "posts.csv": "influencer_id,date\n",
        "tracking_data.csv": "source,influencer_id,date,orders,revenue\nMuscleBlaze,A,2025-01-01,2,1000\n"
                             "HKVitals,A,2025-01-02,2,3000\nMuscleBlaze,B,2025-01-03,1,500\n",
        "payouts.csv": "influencer_id,total_payout\nA,1000\nB,1000\n",
    }
    write_files(d, files)
    assert stack.import_dir(d).returncode == 0
    s = summary(stack)
    assert (s["revenue"], s["spend"], s["roas"], s["incremental_roas"]) == ("4500.00", "2000.00", "2.2500", "1.2500")
    s = summary(stack, "brand=MuscleBlaze")
    assert (s["revenue"], s["spend"], s["roas"], s["unallocated_spend"]) == ("1500.00", "1500.00", "1.0000", "500.00")
    rows = csv_rows(stack.get("/export/influencers.csv?brand=MuscleBlaze"))
    spend = {r[0]: r[rows[0].index("spend")] for r in rows[1:]}
    assert spend == {"A": "500.00", "B": "1000.00"}
    s = summary(stack, "platform=YouTube")
    assert (s["revenue"], s["spend"], s["roas"]) == ("500.00", "1000.00", "0.5000")
    page = stack.get("/?platform=YouTube").text
    assert "below baseline" in page


def test_import_usage_errors_exit_2(tmp_path):
    res = subprocess.run([os.path.join(BIN, "import")], capture_output=True, text=True)
    assert res.returncode == 2 and "usage" in res.stderr
    res = subprocess.run([os.path.join(BIN, "import"), str(tmp_path / "u"), str(tmp_path)],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "holds none of" in res.stderr


def test_rows_of_empty_cells_are_skipped_like_blank_lines(stack, tmp_path):
    d = str(tmp_path)
    files = {
        "influencers.csv": "id,name\r\nA,Alpha\r\n,\r\n\r\n",
        "posts.csv": "influencer_id,date\n",
        "tracking_data.csv": "influencer_id,date,orders,revenue\nA,2025-01-01,1,100\n,,,\n   \nA,2025-01-02,1,50\n",
        "payouts.csv": "influencer_id,total_payout\nA,75\n,\n",
    }
    write_files(d, files)
    res = stack.import_dir(d)
    assert res.returncode == 0, res.stderr
    s = summary(stack)
    assert (s["revenue"], s["spend"], s["roas"], s["orders"]) == ("150.00", "75.00", "2.0000", "2")


def test_unreadable_optional_values_count_as_empty_with_a_warning(stack, tmp_path):
    import oracle
    d = str(tmp_path)
    write_files(d, {
        "influencers.csv": "id,name,follower_count,platform\nA,Asha,1.2M,Instagram\nB,Bala,-,YouTube\n",
        "posts.csv": "influencer_id,date,reach,likes\nA,2025-01-02,N/A,5\nB,2025-01-03,100,7\n",
        "tracking_data.csv": "influencer_id,date,orders,revenue\nA,2025-01-02,2,500\nB,2025-01-05,n/a,300\n",
        "payouts.csv": "influencer_id,basis,rate,total_payout,date\nA,weekly,abc,100,TBD\nB,post,,50,2025-01-04\n",
    })
    res = stack.import_dir(d)
    assert res.returncode == 0, res.stderr
    assert "values in column reach could not be read and count as empty" in res.stderr
    assert "values in column date could not be read" in res.stderr  # TBD: an undated payout
    ds = oracle.load(d)
    for q in ["", "from=2025-01-03&to=2025-01-31"]:
        params = [tuple(p.split("=")) for p in q.split("&") if p]
        assert summary(stack, q) == dict(oracle.compute(ds, params)["summary"])
    # the TBD payout is undated: spread over A's orders, all of them on 2025-01-02
    assert summary(stack, "from=2025-01-03&to=2025-01-31")["spend"] == "50.00"
    assert summary(stack, "from=2025-01-02&to=2025-01-02")["spend"] == "100.00"
