"""test_oracle_compare.py: summary.csv, influencers.csv, trend.csv and the campaign, brand and product tables equal an independent Python computation of the spec."""

import os
import random
import subprocess
import urllib.parse

import pytest

import messy
import oracle
from conftest import BIN, EXTERNAL, csv_rows

SEEDS = [1, 2, 3, 4, 5, 6, 7, 8]


def filter_sets(ds, seed, n=14):
    """Filter combinations drawn from the data, plus unknown values and edge cases."""
    rng = random.Random(seed)
    infl = list(ds.influencers.values())
    track = ds.tracking

    def pick(values, k=2):
        values = sorted({v for v in values if v})
        return rng.sample(values, min(k, len(values))) if values else []

    attrs = {
        "platform": [i["platform"] for i in infl], "gender": [i["gender"] for i in infl],
        "category": [i["category"] for i in infl], "brand": [t["brand"] for t in track],
        "product": [t["product"] for t in track], "campaign": [t["campaign"] for t in track],
    }
    days = sorted(t["date"] for t in track)
    out = [[], [("brand", "no-such-brand")], [("baseline", "2.5")]]
    for _ in range(n):
        params = []
        for name in rng.sample(sorted(attrs), rng.randint(1, 3)):
            params += [(name, v) for v in pick(attrs[name], rng.randint(1, 2))]
        if days and rng.random() < 0.6:
            a, b = sorted(rng.sample(days, 2))
            params += [("from", a.isoformat()), ("to", b.isoformat())]
        if rng.random() < 0.2:
            params.append(("baseline", rng.choice(["0", "0.5", "1.75", "3"])))
        out.append(params)
    if infl:
        out.append([("influencer", infl[0]["id"])])
    return out


def date_sets(ds, seed, n=10):
    """Date-bounded filter sets: ranges, one bound, a range without activity,
    some combined with attribute or brand/product/campaign filters."""
    rng = random.Random(seed)
    days = sorted({t["date"] for t in ds.tracking} | {p["date"] for p in ds.posts})
    out = [[("from", "2030-01-01")], [("to", "2000-01-01")]]
    base = filter_sets(ds, seed, n)
    for k in range(n):
        a, b = sorted(rng.sample(days, 2))
        bounds = [[("from", a.isoformat()), ("to", b.isoformat())], [("from", a.isoformat())],
                  [("to", b.isoformat())]][k % 3]
        extra = [(name, v) for name, v in rng.choice(base) if name not in ("from", "to")]
        out.append(bounds + (extra if k % 2 else []))
    return out


def compare_trend(stack, ds, params):
    for grain in ([], [("grain", "week")], [("grain", "month")]):
        q = urllib.parse.urlencode(params + grain)
        want = oracle.trend(ds, params + grain)
        rows = csv_rows(stack.get("/export/trend.csv?" + q))
        assert rows[0] == ["period", "revenue", "spend", "roas", "cumulative_roas"]
        got = [dict(zip(rows[0], r)) for r in rows[1:]]
        assert [r["period"] for r in got] == [r["period"] for r in want], "periods differ for ?%s" % q
        for g, w in zip(got, want):
            assert g == w, "trend period %s differs for ?%s" % (w["period"], q)


def compare(stack, ds, params):
    q = urllib.parse.urlencode(params)
    want = oracle.compute(ds, params)
    rows = csv_rows(stack.get("/export/summary.csv?" + q))
    got = dict(rows[1:])
    assert got == dict(want["summary"]), "summary differs for ?%s" % q
    rows = csv_rows(stack.get("/export/influencers.csv?" + q))
    header, body = rows[0], rows[1:]
    got_rows = [dict(zip(header, r)) for r in body]
    text = {"id", "name", "platform", "category", "gender"}
    want_rows = [{k: oracle.export_cell(v) if k in text else v for k, v in r.items()}
                 for r in want["influencers"]]
    assert [r["id"] for r in got_rows] == [r["id"] for r in want_rows], "order differs for ?%s" % q
    for g, w in zip(got_rows, want_rows):
        for k in header:
            assert g[k] == w[k], "influencer %s column %s differs for ?%s" % (w["id"], k, q)
    for by, name in (("campaign", "campaigns"), ("brand", "brands"), ("product", "products")):
        rows = csv_rows(stack.get("/export/%s.csv?%s" % (name, q)))
        assert rows[0] == [by] + oracle.GROUP_COLUMNS
        want_groups = [dict(r, **{by: oracle.export_cell(r[by])}) for r in oracle.groups(ds, params, by)[0]]
        assert [dict(zip(rows[0], r)) for r in rows[1:]] == want_groups, "%s differs for ?%s" % (name, q)


@pytest.mark.parametrize("seed", SEEDS)
def test_messy_dataset_matches_oracle(stack, tmp_path, seed):
    d = str(tmp_path)
    messy.write_messy(d, seed)
    res = stack.import_dir(d, split_min=1 if seed % 2 else None)  # half the seeds read tracking in two halves
    assert res.returncode == 0, res.stderr
    ds = oracle.load(d)
    for params in filter_sets(ds, seed):
        compare(stack, ds, params)


def test_external_sample_matches_oracle(stack):
    assert stack.import_dir(EXTERNAL).returncode == 0
    ds = oracle.load(EXTERNAL)
    for params in filter_sets(ds, 99):
        compare(stack, ds, params)


@pytest.mark.parametrize("split_min", [None, 1])
def test_generated_sample_matches_oracle(stack, tmp_path, split_min):
    d = str(tmp_path)
    subprocess.run([os.path.join(BIN, "gen"), "--out", d, "--influencers", "60", "--tracking", "6000",
                    "--posts", "500", "--seed", "7"], check=True)
    assert stack.import_dir(d, split_min=split_min).returncode == 0
    ds = oracle.load(d)
    for params in filter_sets(ds, 7):
        compare(stack, ds, params)


@pytest.mark.parametrize("payout_dates,seed", [("none", 11), ("none", 12), ("all", 13), ("mixed", 14)])
def test_spend_timing_matches_oracle(stack, tmp_path, payout_dates, seed):
    """Undated payouts spread over orders or posts, dated ones on their date,
    and a mix: every figure of date-bounded queries, and the trend."""
    d = str(tmp_path)
    messy.write_messy(d, seed, n_tracking=1200, payout_dates=payout_dates)
    assert stack.import_dir(d).returncode == 0
    ds = oracle.load(d)
    assert any(p["date"] is None for p in ds.payouts) == (payout_dates != "all")
    for params in date_sets(ds, seed):
        compare(stack, ds, params)
    for params in date_sets(ds, seed + 100, 4) + [[]]:
        compare_trend(stack, ds, params)


@pytest.mark.parametrize("undated", ["100", "0", "40"])
def test_generated_spend_timing_matches_oracle(stack, tmp_path, undated):
    d = str(tmp_path)
    subprocess.run([os.path.join(BIN, "gen"), "--out", d, "--influencers", "40", "--tracking", "3000",
                    "--posts", "300", "--seed", "5", "--undated", undated], check=True)
    assert stack.import_dir(d).returncode == 0
    ds = oracle.load(d)
    for params in date_sets(ds, 5, 6):
        compare(stack, ds, params)
    for params in date_sets(ds, 6, 2) + [[]]:
        compare_trend(stack, ds, params)


def test_spec_timing_example(stack):
    """SPEC section 6, spend timing, through the real programs."""
    d = os.path.join(os.path.dirname(EXTERNAL), "spec-timing-example")
    assert stack.import_dir(d).returncode == 0
    for q, spend in (("", "4000.00"), ("from=2025-03-01&to=2025-03-31", "2000.00"), ("from=2025-04-01", "2000.00")):
        assert dict(csv_rows(stack.get("/export/summary.csv?" + q))[1:])["spend"] == spend, q
    rows = csv_rows(stack.get("/export/trend.csv?grain=month"))
    assert [r[:3] for r in rows[1:]] == [["2025-03", "300.00", "2000.00"], ["2025-04", "300.00", "2000.00"]]
    got = dict(csv_rows(stack.get("/export/summary.csv?campaign=X"))[1:])
    assert (got["spend"], got["unallocated_spend"]) == ("1500.00", "2500.00")
    page = stack.get("/?grain=month").text
    assert "How the spend of this view is timed" in page and "spread over orders" in page
    assert 'href="/export/trend.csv?grain=month"' in page
    ds = oracle.load(d)
    compare_trend(stack, ds, [])
