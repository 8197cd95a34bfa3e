"""test_oracle_compare.py: summary.csv and influencers.csv equal an independent Python computation of the spec."""

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


@pytest.mark.parametrize("seed", SEEDS)
def test_messy_dataset_matches_oracle(stack, tmp_path, seed):
    d = str(tmp_path)
    messy.write_messy(d, seed)
    res = stack.import_dir(d)
    assert res.returncode == 0, res.stderr
    ds = oracle.load(d)
    for params in filter_sets(ds, seed):
        compare(stack, ds, params)


def test_external_sample_matches_oracle(stack):
    assert stack.import_dir(EXTERNAL).returncode == 0
    ds = oracle.load(EXTERNAL)
    for params in filter_sets(ds, 99):
        compare(stack, ds, params)


def test_generated_sample_matches_oracle(stack, tmp_path):
    d = str(tmp_path)
    subprocess.run([os.path.join(BIN, "gen"), "--out", d, "--influencers", "60", "--tracking", "6000",
                    "--posts", "500", "--seed", "7"], check=True)
    assert stack.import_dir(d).returncode == 0
    ds = oracle.load(d)
    for params in filter_sets(ds, 7):
        compare(stack, ds, params)
