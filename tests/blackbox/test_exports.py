"""test_exports.py: every CSV export: names, headers, numbers that add up to summary.csv, quoting and formula guards."""

import csv
import io
import os
import subprocess
from decimal import Decimal

import pytest

from conftest import csv_rows, summary, write_files

QUERIES = ["", "platform=Instagram&from=2025-02-01&to=2025-04-30", "brand=MuscleBlaze&gender=Female",
           "category=Fitness&category=Yoga&campaign=HKV_Immunity"]

HEADERS = {
    "tracking": ["date", "influencer_id", "influencer_name", "platform", "category", "gender", "source", "brand",
                 "campaign", "product", "user_id", "orders", "revenue"],
    "posts": ["date", "influencer_id", "influencer_name", "platform", "url", "caption", "reach", "likes",
              "comments", "engagement", "engagement_rate"],
    "personas": ["category", "gender", "influencers", "orders", "revenue", "spend", "roas", "incremental_roas"],
    "payouts": ["influencer_id", "name", "basis", "rate", "orders_paid", "payouts", "total_payout",
                "last_payout_date", "expected", "difference"],
}


def table(stack, name, query):
    r = stack.get("/export/%s.csv?%s" % (name, query))
    assert r.status == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.headers["Content-Disposition"].startswith('attachment; filename="%s' % name)
    rows = csv_rows(r)
    assert rows[0] == HEADERS[name]
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def dsum(rows, key):
    return sum(Decimal(r[key]) for r in rows if r[key] != "")


@pytest.mark.parametrize("query", QUERIES)
def test_tracking_rows_add_up_to_the_summary(stack, query):
    rows = table(stack, "tracking", query)
    s = summary(stack, query)
    assert dsum(rows, "revenue") == Decimal(s["revenue"])
    assert sum(int(r["orders"]) for r in rows) == int(s["orders"])
    assert all(r["influencer_id"] for r in rows)  # organic rows are not influencer rows


@pytest.mark.parametrize("query", QUERIES)
def test_personas_and_posts_add_up(stack, query):
    s = summary(stack, query)
    personas = table(stack, "personas", query)
    assert dsum(personas, "revenue") == Decimal(s["revenue"])
    assert abs(dsum(personas, "spend") - Decimal(s["spend"])) <= Decimal("0.01") * len(personas)
    assert sum(int(p["influencers"]) for p in personas) == int(s["influencers"])
    posts = table(stack, "posts", query)
    assert len(posts) == int(s["posts"])
    assert sum(int(p["reach"]) for p in posts) == int(s["reach"])


def test_payouts_add_up_to_unallocated_spend(stack):
    s = summary(stack)
    rows = table(stack, "payouts", "")
    assert dsum(rows, "total_payout") == Decimal(s["spend"])
    totals = [Decimal(r["total_payout"]) for r in rows]
    assert totals == sorted(totals, reverse=True)
    q = "brand=Gritzo"
    s = summary(stack, q)
    base = dsum(table(stack, "payouts", q), "total_payout")
    assert abs(base - Decimal(s["spend"]) - Decimal(s["unallocated_spend"])) <= Decimal("0.01")


def test_export_names_and_bad_filters(stack):
    r = stack.get("/export/tracking.csv?platform=Instagram&from=2025-01-01&to=2025-03-31")
    assert r.headers["Content-Disposition"] == \
        'attachment; filename="tracking_platform-Instagram_2025-01-01_2025-03-31.csv"'
    r = stack.get("/export/posts.csv?to=2025-02-30")
    assert r.status == 400 and r.headers["Content-Type"].startswith("text/html")


def test_hostile_cells_come_out_inert_and_round_trip(stack, tmp_path):
    names = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3", "@SUM(A1)", "inner\ttab", "plain, with comma",
             "quote \" inside", "multi\nline", "<script>alert(1)</script>"]
    infl = "id,name,platform,category,gender\n" + "".join(
        'H%d,"%s",Instagram,Fitness,Female\n' % (i, n.replace('"', '""')) for i, n in enumerate(names))
    track = "influencer_id,date,orders,revenue,campaign\n" + "".join(
        'H%d,2025-01-0%d,1,100,"=cmd|x"\n' % (i, 1 + i % 9) for i in range(len(names)))
    pay = "influencer_id,total_payout\n" + "".join("H%d,50\n" % i for i in range(len(names)))
    write_files(str(tmp_path), {"influencers.csv": infl, "posts.csv": "influencer_id,date\n",
                                "tracking_data.csv": track, "payouts.csv": pay})
    assert stack.import_dir(str(tmp_path)).returncode == 0
    for name in ["influencers", "tracking", "payouts"]:
        r = stack.get("/export/%s.csv" % name)
        rows = list(csv.reader(io.StringIO(r.text)))
        col = rows[0].index("name" if name != "tracking" else "influencer_name")
        got = sorted(row[col] for row in rows[1:])
        want = sorted(("'" + n) if n[0] in "=+-@\t\r" else n for n in names)
        assert got == want, name
    rows = list(csv.reader(io.StringIO(stack.get("/export/tracking.csv").text)))
    assert all(row[rows[0].index("campaign")] == "'=cmd|x" for row in rows[1:])
    text = stack.get("/export/influencers.csv").text
    assert text.count("\r\n") == len(names) + 1 and '"multi\nline"' in text  # rows end in CRLF; the LF is quoted


def test_tracking_export_gives_back_every_input_row(stack, tmp_path):
    """Every tracking row of a known influencer comes out once, user_id and all, whatever order the store keeps."""
    d = str(tmp_path)
    subprocess.run([os.path.join(stack.bin, "gen"), "--out", d, "--influencers", "40", "--posts", "100",
                    "--tracking", "3000", "--seed", "11"], check=True, capture_output=True)
    assert stack.import_dir(d).returncode == 0
    with open(os.path.join(d, "influencers.csv"), newline="", encoding="utf-8-sig") as f:
        known = {r["id"].strip() for r in csv.DictReader(f)}
    with open(os.path.join(d, "tracking_data.csv"), newline="", encoding="utf-8-sig") as f:
        want = sorted((r["date"], r["influencer_id"], r["user_id"], r["campaign"], int(r["orders"]),
                       Decimal(r["revenue"])) for r in csv.DictReader(f) if r["influencer_id"] in known)
    got = sorted((r["date"], r["influencer_id"], r["user_id"], r["campaign"], int(r["orders"]),
                  Decimal(r["revenue"])) for r in table(stack, "tracking", ""))
    assert len(want) > 1000 and got == want
