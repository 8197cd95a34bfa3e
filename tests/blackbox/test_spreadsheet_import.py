"""test_spreadsheet_import.py: files as spreadsheets export them (Title Case headers, aliases, day-first dates, timestamps, basis spellings) import unchanged and every figure equals the oracle's; month-first dates and the column mapping from the command line."""

import os
import shutil
import subprocess

import pytest

import messy
import oracle
from conftest import BIN, summary
from test_oracle_compare import compare, filter_sets


def run_import(stack, directory, *options):
    return subprocess.run([os.path.join(BIN, "import"), "--user", "tests", *options, stack.uploads, directory],
                          capture_output=True, text=True, env=dict(os.environ, ASAN_OPTIONS="detect_leaks=1"))


def header_of(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.readline()


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_spreadsheet_files_import_and_match_the_oracle(stack, tmp_path, seed):
    d = str(tmp_path)
    messy.write_messy(d, seed, style="sheet")
    res = run_import(stack, d)
    assert res.returncode == 0, res.stderr
    assert "headers read as:" in res.stderr
    ds = oracle.load(d)
    for params in filter_sets(ds, seed, n=8):
        compare(stack, ds, params)


def test_the_generator_writes_what_spreadsheets_write(tmp_path):
    d = str(tmp_path)
    messy.write_messy(d, 11, style="sheet")
    text = "".join(open(os.path.join(d, f), encoding="utf-8-sig").read() for f in oracle.FILES)
    heads = "".join(header_of(os.path.join(d, f)) for f in oracle.FILES)
    assert "Influencer ID" in heads and "Total Payout" in heads.replace("-", " ")
    import re
    assert re.search(r"\b\d{1,2}-\d{1,2}-2025\b", text) and re.search(r"\b\d{1,2}\.\d{2}\.2025\b", text)
    assert re.search(r"2025-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", text)
    assert re.search(r"[Pp]er[- ]+[Oo]rder|PER POST|Per Post", text)


@pytest.mark.parametrize("seed", [21, 22])
def test_month_first_files_need_the_choice(stack, tmp_path, seed):
    d = str(tmp_path)
    messy.write_messy(d, seed, style="mdy")
    before = stack.current() if os.path.exists(os.path.join(stack.uploads, "current")) else None
    res = run_import(stack, d)
    assert res.returncode == 1, res.stderr
    assert "only makes sense month first" in res.stderr and "Dates are month first" in res.stderr
    if before:
        assert stack.current() == before
    res = run_import(stack, d, "--dates", "mdy")
    assert res.returncode == 0, res.stderr
    assert "dates read month first (MM/DD/YYYY), as chosen" in res.stderr
    ds = oracle.load(d, month_first=True)
    for params in filter_sets(ds, seed, n=6):
        compare(stack, ds, params)
    # a file carried over into the next version is read month first again
    want = summary(stack)
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(os.path.join(d, "influencers.csv"), str(only / "influencers.csv"))
    res = run_import(stack, str(only))
    assert res.returncode == 0, res.stderr
    assert summary(stack) == want


def test_column_mapping_from_the_command_line(stack, tmp_path):
    d = str(tmp_path)
    messy.write_messy(d, 31, style="sheet")
    path = os.path.join(d, "tracking_data.csv")
    with open(path, "rb") as f:
        data = f.read()
    first, rest = data.split(b"\n", 1)
    names = first.decode("utf-8-sig").rstrip("\r").split(",")
    date_at = [i for i, n in enumerate(names) if oracle.norm_header(n) in ("date", "order_date", "transaction_date")]
    assert len(date_at) == 1
    names[date_at[0]] = "Txn Date"
    with open(path, "wb") as f:
        f.write((",".join(names) + ("\r" if first.endswith(b"\r") else "")).encode() + b"\n" + rest)
    res = run_import(stack, d)
    assert res.returncode == 1
    assert 'tracking_data.csv:1: column date: value "": missing required column "date" (also read as order_date ' \
           'or transaction_date)' in res.stderr
    res = run_import(stack, d, "--map", "tracking_data.date=Txn Date")
    assert res.returncode == 0, res.stderr
    assert '"Txn Date" as date (mapped)' in res.stderr
    ds = oracle.load(d, mapping={"tracking_data.csv": {"date": "Txn Date"}})
    for params in filter_sets(ds, 31, n=6):
        compare(stack, ds, params)
    version = stack.current()
    meta = open(os.path.join(stack.uploads, version, "meta.txt"), encoding="utf-8").read()
    assert '"Txn Date" as date (mapped)' in meta  # the mapping is in the version's history
    res = run_import(stack, d, "--map", "tracking.date=Txn Date")
    assert res.returncode == 2 and "expected file.column=Header" in res.stderr
    res = run_import(stack, d, "--map", "tracking_data.date=No Such Header")
    assert res.returncode == 1 and "the column mapping names a header this file does not have" in res.stderr
    assert stack.current() == version
