"""test_campaigns.py: the campaign, brand and product tables: every row equals the KPIs filtered to it, the oracle agrees, the pages are accessible."""

import html
import os
import re
import subprocess
import urllib.parse
from fractions import Fraction

import html5lib
import pytest

import oracle
from conftest import BIN, TOP, csv_rows, summary

SPEC_TIMING = os.path.join(TOP, "tests", "data", "spec-timing-example")
PLURAL = {"campaign": "campaigns", "brand": "brands", "product": "products"}
HEADER = ["revenue", "orders", "spend", "roas", "incremental_roas", "influencers", "first_date", "last_date"]
QUERIES = ["", "from=2025-02-01&to=2025-04-15", "from=2025-03-01", "to=2025-02-10", "platform=Instagram&from=2025-01-20",
           "baseline=2.5"]


@pytest.fixture(scope="module")
def generated(stack, tmp_path_factory):
    """A generated dataset with undated payouts (spread over orders and posts), imported."""
    d = str(tmp_path_factory.mktemp("gen"))
    subprocess.run([os.path.join(BIN, "gen"), "--out", d, "--influencers", "40", "--tracking", "2500", "--posts", "300",
                    "--seed", "11", "--undated", "50"], check=True, capture_output=True)
    res = stack.import_dir(d)
    assert res.returncode == 0, res.stderr
    ds = oracle.load(d)
    ds.dir = d
    return ds


def table(stack, by, query):
    r = stack.get("/export/%s.csv%s" % (PLURAL[by], "?" + query if query else ""))
    assert r.status == 200, r.text
    rows = csv_rows(r)
    assert rows[0] == [by] + HEADER
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def without_orders(stack, by, query):
    """The spend without orders the /campaigns page shows, in rupees."""
    page = stack.get("/campaigns?by=%s%s" % (by, "&" + query if query else "")).text
    m = re.search(r'id="groups-without">Spend without orders: <data value="([0-9.-]+)">', page)
    assert m, page[-3000:]
    return Fraction(m.group(1))


@pytest.mark.parametrize("by", ["campaign", "brand", "product"])
def test_every_row_equals_the_kpis_filtered_to_it(stack, generated, by):
    for query in QUERIES:
        rows = table(stack, by, query)
        assert rows, "no %s rows for ?%s" % (by, query)
        for row in rows:
            if row[by] == "(none)":
                continue  # an empty value cannot be a filter
            q = (query + "&" if query else "") + urllib.parse.urlencode({by: row[by]})
            s = summary(stack, q)
            for k in ("revenue", "orders", "spend", "roas", "incremental_roas"):
                assert s[k] == row[k], "%s %s: %s differs for ?%s" % (by, row[by], k, q)
        # the rows plus the spend without orders make the KPI spend (no brand/product/campaign filter)
        total = sum(Fraction(r["spend"]) for r in rows) + without_orders(stack, by, query)
        kpi = Fraction(summary(stack, query)["spend"])
        assert abs(total - kpi) <= Fraction(len(rows) + 1, 200), "?%s: rows %s, KPIs %s" % (query, total, kpi)


@pytest.mark.parametrize("by", ["campaign", "brand", "product"])
def test_tables_match_the_oracle(stack, generated, by):
    for query in QUERIES + ["brand=MuscleBlaze&from=2025-02-01", "campaign=GZ_GrowTall&campaign=MB_GymLaunch"]:
        want, without = oracle.groups(generated, oracle.parse_query(query), by)
        want = [dict(r, **{by: oracle.export_cell(r[by])}) for r in want]
        assert table(stack, by, query) == want, "%s table differs for ?%s" % (by, query)
        assert without_orders(stack, by, query) == Fraction(oracle.fmt_money(without))


def test_spec_worked_example(stack, generated):
    """SPEC section 6: with campaign X, C's spend 1,500 and Y 1,500; D's 1,000 is spend without orders."""
    assert stack.import_dir(SPEC_TIMING).returncode == 0
    try:
        check_spec_worked_example(stack)
    finally:
        assert stack.import_dir(generated.dir).returncode == 0


def check_spec_worked_example(stack):
    rows = table(stack, "campaign", "")
    assert [(r["campaign"], r["spend"], r["revenue"], r["influencers"], r["first_date"], r["last_date"]) for r in rows] == [
        ("X", "1500.00", "300.00", "1", "2025-03-10", "2025-03-20"), ("Y", "1500.00", "300.00", "1", "2025-04-05", "2025-04-05")]
    assert without_orders(stack, "campaign", "") == 1000
    s = summary(stack, "campaign=X")
    assert (s["spend"], s["unallocated_spend"]) == ("1500.00", "2500.00")
    rows = table(stack, "campaign", "from=2025-03-01&to=2025-03-31")
    assert [(r["campaign"], r["spend"]) for r in rows] == [("X", "1500.00")]
    assert without_orders(stack, "campaign", "from=2025-03-01&to=2025-03-31") == 500
    # both below the baseline (ROAS 0.2): flagged on the dashboard, the bars in the "below" colour
    page = stack.get("/").text
    panel = page[page.index('id="campaigns-h"'):page.index('id="campaigns-without"')]
    assert panel.count('<tr class="below">') == 2 and panel.count('class="bar-below"') == 2
    assert 'class="baseline"' in panel
    assert '<a href="/?campaign=X">X</a>' in panel
    assert "<td>MuscleBlaze</td>" in panel  # the campaign's brand


def accessible(r):
    assert r.status == 200, r.text
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(r.body)
    assert doc.get("lang") == "en" and doc.find(".//h1").text
    for t in doc.iter("table"):
        assert t.find("caption") is not None
        assert all(th.get("scope") in ("col", "row") for th in t.iter("th"))
        assert t.find("thead") is not None
    for i in doc.iter("input"):  # every visible control is labelled
        if i.get("type") != "hidden":
            assert i.get("id") or any(i in list(l.iter("input")) for l in doc.iter("label"))
    ids = re.findall(r'\bid="([^"]+)"', r.text)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert "<script" not in r.text.lower()
    return doc


@pytest.mark.parametrize("path", ["/campaigns", "/campaigns?by=brand&sort=spend&dir=asc",
                                  "/campaigns?by=product&from=2025-02-01&platform=YouTube",
                                  "/campaigns?by=campaign&sort=campaign&brand=no-such-brand"])
def test_pages_are_accessible_html(stack, generated, path):
    accessible(stack.get(path))


def test_page_sorts_by_every_column_and_keeps_filters(stack, generated):
    for key in ["brand"] + HEADER:
        for d in ("asc", "desc"):
            page = stack.get("/campaigns?by=brand&from=2025-02-01&sort=%s&dir=%s" % (key, d)).text
            assert 'aria-sort="%s"' % ("ascending" if d == "asc" else "descending") in page
    rows = table(stack, "product", "from=2025-02-01")
    page = stack.get("/campaigns?by=product&from=2025-02-01&sort=revenue&dir=asc").text
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    names = [html.unescape(n) for n in re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a>', body)]
    want = sorted(rows, key=lambda r: (Fraction(r["revenue"]), r["product"]))
    assert names == [r["product"] for r in want]
    # the header links keep the filters and the table
    assert 'href="/campaigns?from=2025-02-01&amp;sort=revenue&amp;dir=desc&amp;by=product"' in page
    # the filter form keeps the table
    assert '<input type="hidden" name="by" value="product">' in page


def test_bad_parameters_are_400(stack):
    assert stack.get("/campaigns?by=nope").status == 400
    assert stack.get("/campaigns?sort=bogus").status == 400


def test_sign_in_is_needed(stack):
    r = stack.get("/campaigns?by=brand", user=None, follow=False)
    assert r.status == 303 and "/login?next=" in r.headers["Location"]
    assert stack.get("/export/campaigns.csv", user=None).status == 401 or \
        stack.get("/export/campaigns.csv", user=None, follow=False).status in (303, 401)


def test_panel_links_keep_every_other_filter(stack, generated):
    page = stack.get("/?platform=Instagram&from=2025-02-01&campaign=MB_GymLaunch&campaign=HKV_Immunity").text
    panel = page[page.index('id="campaigns-h"'):page.index('id="campaigns-without"')]
    assert '<a href="/?platform=Instagram&amp;campaign=MB_GymLaunch&amp;from=2025-02-01">MB_GymLaunch</a>' in panel
    assert 'href="/campaigns?platform=Instagram&amp;campaign=MB_GymLaunch&amp;campaign=HKV_Immunity&amp;from=2025-02-01"' in page
    assert "/export/campaigns.csv?" in page and "/export/brands.csv?" in page and "/export/products.csv?" in page


def test_drilldown_shows_its_campaigns_with_spend_and_roas(stack, generated):
    iid = csv_rows(stack.get("/export/influencers.csv"))[1][0]
    page = stack.get("/influencers/" + urllib.parse.quote(iid)).text
    part = page[page.index('id="campaigns-h"'):page.index('id="campaigns-without"')]
    rows = table(stack, "campaign", "influencer=" + iid)
    assert rows
    for r in rows:
        cells = re.search(r">%s</a></th><td>[^<]*</td>(.*?)</tr>" % re.escape(r["campaign"]), part).group(1)
        values = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", cells)]
        spend, roas = values[2], values[3].replace(" below baseline", "")
        assert float(spend.replace("\u20b9", "").replace(",", "")) == pytest.approx(float(r["spend"]), abs=0.51)
        assert roas == ("-" if r["roas"] == "" else "%.2f" % float(r["roas"])) or abs(float(roas) - float(r["roas"])) <= 0.005


def test_one_row_is_counted_in_the_singular(stack, generated):
    page = stack.get("/?campaign=MB_GymLaunch").text
    assert "1 campaign, by ROAS" in page
    assert "1 campaigns" not in page
    page = stack.get("/campaigns?by=brand&brand=Gritzo").text
    assert "1 brand; select a column header" in page
