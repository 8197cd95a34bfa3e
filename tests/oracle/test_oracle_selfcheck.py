"""test_oracle_selfcheck.py: checks of the Python oracle itself.

Run: /usr/bin/python3 -m pytest -q tests/oracle
"""

import os
import sys
from fractions import Fraction

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import messy   # noqa: E402
import oracle  # noqa: E402

EXTERNAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "external-sample")


def _write(d, name, text, bom=False):
    with open(os.path.join(d, name), "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


@pytest.fixture
def worked(tmp_path):
    """SPEC section 6 dataset, written with currency marks and CRLF."""
    d = str(tmp_path)
    _write(d, "influencers.csv", "id,name,platform,category,gender\r\n"
           "A,Alpha,Instagram,Fitness,Female\r\nB,Beta,YouTube,Fitness,Male\r\n")
    _write(d, "posts.csv", "influencer_id,date\r\n")
    _write(d, "tracking_data.csv", "source,influencer_id,date,orders,revenue\n"
           'MuscleBlaze,A,2025-01-01,2,"₹1,000"\n'
           'HKVitals,A,2025-01-02,2,"₹3,000"\n'
           "MuscleBlaze,B,2025-01-03,1,₹500\n", bom=True)
    _write(d, "payouts.csv", 'influencer_id,total_payout\nA,"₹1,000"\nB,"₹1,000"\n')
    return oracle.load(d)


def test_worked_example_no_filter(worked):
    s = oracle.compute(worked, [])["summary"]
    assert (s["revenue"], s["spend"], s["roas"], s["incremental_roas"]) == \
        ("4500.00", "2000.00", "2.2500", "1.2500")
    assert s["unallocated_spend"] == "0.00"
    assert list(s) == ["revenue", "spend", "roas", "roi", "incremental_revenue",
                       "incremental_roas", "orders", "cost_per_order", "aov",
                       "influencers", "posts", "reach", "engagement_rate",
                       "unallocated_spend"]


def test_worked_example_brand(worked):
    r = oracle.compute(worked, [("brand", "MuscleBlaze")])
    s = r["summary"]
    assert (s["revenue"], s["spend"], s["roas"], s["unallocated_spend"]) == \
        ("1500.00", "1500.00", "1.0000", "500.00")
    spend = {row["id"]: row["spend"] for row in r["influencers"]}
    assert spend == {"A": "500.00", "B": "1000.00"}


def test_worked_example_platform(worked):
    r = oracle.compute(worked, [("platform", "YouTube")])
    s = r["summary"]
    assert (s["revenue"], s["spend"], s["roas"]) == ("500.00", "1000.00", "0.5000")
    assert r["flagged"] == ["B"]
    assert oracle.bottom(worked, [("platform", "YouTube")], 5) == ["B"]


def test_worked_example_ordering(worked):
    # A: 4000/1000 = 4.0, B: 500/1000 = 0.5
    assert oracle.top(worked, [], 5) == ["A", "B"]
    assert oracle.bottom(worked, [], 5) == ["B", "A"]
    assert [r["id"] for r in oracle.compute(worked, [])["influencers"]] == ["A", "B"]


def test_external_sample():
    ds = oracle.load(EXTERNAL)
    s = oracle.compute(ds, [])["summary"]
    assert (s["revenue"], s["spend"], s["roas"], s["orders"]) == \
        ("3786492.07", "1264269.00", "2.9950", "19009")
    assert s["influencers"] == "100"


@pytest.mark.parametrize("kind", messy.KINDS)
def test_invalid_refused_at_line(tmp_path, kind):
    fname, line, column = messy.write_invalid(str(tmp_path), kind)
    with pytest.raises(oracle.ImportRefused) as exc:
        oracle.load(str(tmp_path))
    errors = exc.value.errors
    assert len(errors) == 1, errors          # exactly one class, one error
    assert (errors[0]["file"], errors[0]["line"], errors[0]["column"]) == \
        (fname, line, column)
    if kind not in ("missing_column", "empty_file"):
        assert line > 2    # the error sits past earlier (multi-line) rows


@pytest.mark.parametrize("seed", range(6))
def test_messy_loads_and_is_consistent(tmp_path, seed):
    info = messy.write_messy(str(tmp_path), seed, n_tracking=600)
    ds = oracle.load(str(tmp_path))
    assert ds.brand_column == info["brand_column"]
    assert set(ds.influencers) == set(info["ids"])
    assert "007" in ds.influencers and "7" in ds.influencers
    assert ds.organic and ds.unknown["tracking_data.csv"]
    assert all(not i.endswith(".0") for i in ds.influencers)

    whole = oracle.compute(ds, [])
    total_spend = Fraction(whole["summary"]["spend"])
    total_rev = Fraction(whole["summary"]["revenue"])
    assert len(whole["influencers"]) == len(ds.influencers)
    rev_by_brand = 0
    for brand in messy.BRANDS:
        s = oracle.compute(ds, [("brand", brand)])["summary"]
        rev_by_brand += Fraction(s["revenue"])
        # allocated + unallocated is the base spend (to display rounding)
        assert abs(Fraction(s["spend"]) + Fraction(s["unallocated_spend"])
                   - total_spend) <= Fraction(1, 100)
    assert rev_by_brand == total_rev

    # A date range narrows every table; from > to selects nothing dated.
    s = oracle.compute(ds, [("from", "2025-03-01"), ("to", "2025-03-31")])["summary"]
    assert Fraction(s["revenue"]) != total_rev
    empty = oracle.compute(ds, [("from", "2025-12-01"), ("to", "2025-01-01")])["summary"]
    assert (empty["revenue"], empty["orders"], empty["posts"]) == ("0.00", "0", "0")


def test_value_parsers():
    assert oracle.parse_money("₹1,00,000", False) == 10000000
    assert oracle.parse_money("Rs. 1,234.565", False) == 123457
    assert oracle.parse_money("INR 5", False) == 500
    assert oracle.parse_money("-10.005", True) == -1001
    with pytest.raises(oracle._Bad):
        oracle.parse_money("-1", False)
    with pytest.raises(oracle._Bad):
        oracle.parse_money("12,34", True)
    assert oracle.norm_id(" 42.0 ") == "42" and oracle.norm_id("007") == "007"
    assert oracle.parse_int("17.0") == 17 and oracle.parse_int("") == 0
    assert str(oracle.parse_date("2024-02-29T10:00")) == "2024-02-29"
    with pytest.raises(oracle._Bad):
        oracle.parse_date("2025-02-29")
    assert oracle.fmt_money(Fraction(-1, 2)) == "-0.01"
    assert oracle.fmt_money(Fraction(-1, 3)) == "0.00"
    assert oracle.fmt_ratio(Fraction(1, 8)) == "0.1250"


def test_bad_params(worked):
    for params in ([("from", "2025-13-01")], [("to", "yesterday")],
                   [("baseline", "-1")], [("baseline", "abc")]):
        with pytest.raises(oracle.ParamError):
            oracle.compute(worked, params)
    # unknown value selects nothing rather than failing
    s = oracle.compute(worked, [("platform", "MySpace")])["summary"]
    assert (s["influencers"], s["revenue"], s["roas"]) == ("0", "0.00", "")


def test_spend_timing_example():
    """SPEC section 6, spend timing (tests/data/spec-timing-example)."""
    ds = oracle.load(os.path.join(os.path.dirname(EXTERNAL), "spec-timing-example"))
    spend = {q: oracle.compute(ds, oracle.parse_query(q))["summary"]["spend"]
             for q in ("", "from=2025-03-01&to=2025-03-31", "from=2025-04-01")}
    assert spend == {"": "4000.00", "from=2025-03-01&to=2025-03-31": "2000.00", "from=2025-04-01": "2000.00"}
    rows = {r["id"]: r["spend"] for r in oracle.compute(ds, [("from", "2025-03-01"), ("to", "2025-03-31")])["influencers"]}
    assert rows == {"C": "1500.00", "D": "500.00"}
    trend = oracle.trend(ds, [("grain", "month")])
    assert [(p["period"], p["spend"]) for p in trend] == [("2025-03", "2000.00"), ("2025-04", "2000.00")]
    s = oracle.compute(ds, [("campaign", "X")])["summary"]
    assert (s["spend"], s["unallocated_spend"]) == ("1500.00", "2500.00")


@pytest.mark.parametrize("payout_dates", messy.PAYOUT_DATES)
def test_trend_adds_up_to_spend(tmp_path, payout_dates):
    """The periods of the trend add up to the KPI spend (no unscheduled
    payouts in a bounded range), whatever the payout dates."""
    messy.write_messy(str(tmp_path), 3, n_tracking=500, payout_dates=payout_dates)
    ds = oracle.load(str(tmp_path))
    for params in ([("from", "2025-02-01"), ("to", "2025-04-30")], [("from", "2025-03-01"), ("brand", "Gritzo")]):
        total = sum(Fraction(p["spend"]) for p in oracle.trend(ds, params))
        assert abs(total - Fraction(oracle.compute(ds, params)["summary"]["spend"])) <= Fraction(len(oracle.trend(ds, params)), 100)


def test_group_tables_spend_timing_example():
    """SPEC section 6: with campaign X, C's spend 1,500 and Y 1,500; D's 1,000 is spend without orders."""
    ds = oracle.load(os.path.join(os.path.dirname(EXTERNAL), "spec-timing-example"))
    rows, without = oracle.groups(ds, [], "campaign")
    assert [(r["campaign"], r["spend"], r["influencers"]) for r in rows] == [("X", "1500.00", "1"), ("Y", "1500.00", "1")]
    assert without == 100000
    assert list(rows[0]) == ["campaign"] + oracle.GROUP_COLUMNS


def test_group_rows_equal_filtered_kpis(worked):
    """Each brand's row is the summary filtered to it; rows plus spend without orders are the KPI spend."""
    rows, without = oracle.groups(worked, [], "brand")
    assert [(r["brand"], r["spend"], r["roas"]) for r in rows] == [("HKVitals", "500.00", "6.0000"),
                                                                    ("MuscleBlaze", "1500.00", "1.0000")]
    for r in rows:
        s = oracle.compute(worked, [("brand", r["brand"])])["summary"]
        assert (s["revenue"], s["spend"], s["roas"], s["incremental_roas"]) == \
            (r["revenue"], r["spend"], r["roas"], r["incremental_roas"])
    assert without == 0
    assert rows[1]["first_date"] == "2025-01-01" and rows[1]["last_date"] == "2025-01-03"
    rows, _ = oracle.groups(worked, [], "campaign")
    assert [r["campaign"] for r in rows] == ["(none)"]
