"""test_dashboard.py: every panel and page of the dashboard, checked against the CSV exports and the spec's rules."""

import datetime
import html
import re
import subprocess
import xml.etree.ElementTree as ET

import html5lib
import pytest

from conftest import csv_rows, summary

PAGES = ["/", "/?from=2025-03-01&to=2025-03-20", "/?brand=MuscleBlaze&platform=Instagram",
         "/?platform=TikTok", "/influencers", "/influencers?sort=name&dir=asc&page=2", "/upload",
         "/campaigns", "/campaigns?by=brand&sort=spend&dir=asc&from=2025-03-01"]


def rupees(text):
    """'₹4,73,47,852' -> 47347852.0; '-₹1,200' -> -1200.0."""
    neg = text.startswith("-")
    v = float(text.replace("-", "").replace("\u20b9", "").replace(",", ""))
    return -v if neg else v


def kpi(page, label):
    m = re.search(r'<span class="label">%s</span><span class="value">([^<]*)</span>' % re.escape(label), page)
    assert m, label
    return html.unescape(m.group(1))


def body_rows(page):
    """Cells (tags stripped, unescaped) of every row in the page's first tbody."""
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def first_influencer_id(stack):
    rows = csv_rows(stack.get("/export/influencers.csv"))
    return rows[1][0]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_valid_html5_with_parseable_svg_and_no_script(stack, path):
    r = stack.get(path)
    assert r.status == 200
    html5lib.HTMLParser(strict=True).parse(r.body)  # raises on any parse error
    assert "<script" not in r.text.lower()
    for svg in re.findall(r"<svg.*?</svg>", r.text, re.S):
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    ids = re.findall(r'\bid="([^"]+)"', r.text)
    assert len(ids) == len(set(ids)), "duplicate ids"
    for m in re.finditer(r'<input (?![^>]*type="hidden")[^>]*name="([^"]+)"', r.text):  # every input sits in a label
        assert r.text.rfind("<label", 0, m.start()) > r.text.rfind("</label>", 0, m.start())


def test_drilldown_page_is_valid_html5(stack):
    r = stack.get("/influencers/" + first_influencer_id(stack) + "?from=2025-02-01&to=2025-04-30")
    assert r.status == 200
    html5lib.HTMLParser(strict=True).parse(r.body)


@pytest.mark.parametrize("query", ["", "from=2025-03-01&to=2025-03-31", "brand=HKVitals&gender=Female"])
def test_kpis_on_the_page_equal_summary_csv(stack, query):
    page = stack.get("/?" + query).text
    s = summary(stack, query)
    assert rupees(kpi(page, "Revenue")) == pytest.approx(float(s["revenue"]), abs=0.51)
    assert rupees(kpi(page, "Spend")) == pytest.approx(float(s["spend"]), abs=0.51)
    assert kpi(page, "ROAS") == "%.2f" % float(s["roas"])
    assert kpi(page, "ROI") == "%.2f" % float(s["roi"])
    assert kpi(page, "Orders").replace(",", "") == s["orders"]
    assert kpi(page, "Influencers") == s["influencers"]


def test_top_and_bottom_tables_follow_influencers_csv(stack):
    rows = csv_rows(stack.get("/export/influencers.csv"))
    head, body = rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]
    paid = [r for r in body if float(r["spend"]) > 0]
    page = stack.get("/").text
    top = page[page.index("Top 10 influencers by ROAS"):page.index("Bottom 10 influencers by ROAS")]
    ids = re.findall(r'<span class="id">([^<]+)</span>', top)
    assert ids == [r["id"] for r in paid[:10]]
    worst = sorted(paid, key=lambda r: (float(r["roas"]), -float(r["spend"]), r["id"]))[:10]
    bottom = page[page.index("Bottom 10 influencers by ROAS"):]
    assert re.findall(r'<span class="id">([^<]+)</span>', bottom)[:10] == [r["id"] for r in worst]
    flagged = [r["id"] for r in worst if float(r["roas"]) < 1.0]
    for fid in flagged:
        assert re.search(r'%s</span></th>.*?below baseline' % re.escape(fid), bottom, re.S)


@pytest.mark.parametrize("query,grain,count", [
    ("from=2025-03-01&to=2025-03-20", "day", 20),
    ("from=2025-01-06&to=2025-03-30", "week", 12),
    ("from=2025-01-01&to=2025-06-30&grain=month", "month", 6),
])
def test_trend_periods_follow_the_grain_rules(stack, query, grain, count):
    page = stack.get("/?" + query).text
    assert "per %s" % grain in page
    table = page[page.index("The trend as a table"):]
    labels = re.findall(r'<tr><th scope="row">([0-9-]+)</th>', table)
    assert len(labels) == count
    if grain == "week":
        assert all(datetime.date.fromisoformat(l).weekday() == 0 for l in labels)
    if grain == "month":
        assert labels[0] == "2025-01" and labels[-1] == "2025-06"
    chart = re.search(r'<svg class="chart trend".*?</svg>', page, re.S).group(0)
    assert chart.count('class="bar-rev"') >= count and "<title>" in chart
    assert 'class="baseline"' in chart


def test_trend_revenue_adds_up_to_the_kpi(stack):
    page = stack.get("/?from=2025-01-01&to=2025-06-30&grain=month").text
    table = page[page.index("The trend as a table"):]
    cells = re.findall(r'<tr><th scope="row">[0-9-]+</th><td class="num">([^<]+)</td>', table)
    total = sum(rupees(html.unescape(c)) for c in cells)
    s = summary(stack, "from=2025-01-01&to=2025-06-30")
    assert total == pytest.approx(float(s["revenue"]), abs=len(cells) * 0.51)


def test_too_fine_a_grain_is_a_400(stack):
    r = stack.get("/?grain=day&from=2000-01-01&to=2025-06-30")
    assert r.status == 400 and "grain" in r.text


def test_period_comparison_names_the_previous_period(stack):
    page = stack.get("/?from=2025-03-01&to=2025-03-31").text
    assert "vs 2025-01-29 to 2025-02-28" in page
    assert page.count('class="delta') >= 5
    assert 'class="delta' not in stack.get("/").text


def test_date_presets_are_relative_to_the_last_date(stack):
    page = stack.get("/?platform=YouTube").text
    last = re.search(r"the data's last date, ([0-9-]+)", page).group(1)
    end = datetime.date.fromisoformat(last)
    week = (end - datetime.timedelta(days=6)).isoformat()
    assert 'href="/?platform=YouTube&amp;from=%s&amp;to=%s">Last 7 days' % (week, last) in page
    assert 'href="/?platform=YouTube&amp;from=%s&amp;to=%s">Month to date' % (end.replace(day=1).isoformat(), last) in page


def test_filter_panel_is_open_without_filters_and_closed_with_them(stack):
    assert "<details open>" in stack.get("/").text
    page = stack.get("/?gender=Male").text
    assert "<details open>" not in page and '<details>\n<summary>Filters' in page


def test_option_lists_come_from_the_data_with_counts(stack):
    page = stack.get("/").text
    rows = csv_rows(stack.get("/export/influencers.csv"))
    platforms = {}
    for r in rows[1:]:
        platforms[r[2]] = platforms.get(r[2], 0) + 1
    for name, n in platforms.items():
        assert re.search(r'value="%s"> %s <span class="count">\(%d\)' % (name, name, n), page)


def test_personas_match_influencers_csv(stack):
    rows = csv_rows(stack.get("/export/influencers.csv"))
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    groups = {}
    for r in body:
        g = groups.setdefault((r["category"], r["gender"]), [0, 0.0, 0.0])
        g[0] += 1
        g[1] += float(r["revenue"])
        g[2] += float(r["spend"])
    page = stack.get("/").text
    part = page[page.index("Category and gender, by ROAS"):page.index("By platform")]
    found = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td><td class="num">(\d+)</td>'
                       r'<td class="num">([^<]+)</td><td class="num">([^<]+)</td><td class="num">([0-9.]+)', part)
    assert len(found) == len(groups)
    roas = [float(f[5]) for f in found]
    assert roas == sorted(roas, reverse=True)
    for cat, gen, n, rev, spend, r in found:
        g = groups[(html.unescape(cat), html.unescape(gen))]
        assert int(n) == g[0]
        assert r == "%.2f" % (g[1] / g[2])
    heat = re.search(r'<svg class="chart heat".*?</svg>', page, re.S).group(0)
    ET.fromstring(heat)


def test_posts_panel_totals_and_links(stack):
    page = stack.get("/?from=2025-02-01&to=2025-02-28").text
    s = summary(stack, "from=2025-02-01&to=2025-02-28")
    m = re.search(r"Posts <strong>([^<]+)</strong> · reach <strong>([^<]+)</strong>", page)
    assert m.group(1).replace(",", "") == s["posts"] and m.group(2).replace(",", "") == s["reach"]
    links = re.findall(r'<a href="[^"]+" rel="([^"]+)">', page[page.index("Top posts by reach"):])
    assert links and all(l == "noopener noreferrer" for l in links)
    reach = [int(x.replace(",", "")) for x in
             re.findall(r'</td><td class="num">([0-9,]+)</td><td class="num">[0-9,]+</td><td class="num">[0-9.]+%',
                        page[page.index("Top posts by reach"):page.index("Top posts by engagement rate")])]
    assert reach == sorted(reach, reverse=True) and len(reach) == 10


def test_payouts_panel_totals_per_basis_add_up_to_spend(stack):
    page = stack.get("/").text
    part = page[page.index("Totals per basis"):page.index("Per influencer, largest first")]
    totals = [rupees(html.unescape(t)) for t in re.findall(r'<td class="num">[0-9,]+</td><td class="num">([^<]+)</td>', part)]
    assert sum(totals) == pytest.approx(float(summary(stack)["spend"]), abs=len(totals))


def test_influencers_page_sorts_by_every_column_and_pages(stack):
    page = stack.get("/influencers?sort=revenue&dir=desc").text
    revenue = [rupees(row[9]) for row in body_rows(page)]
    assert len(revenue) == 50 and revenue == sorted(revenue, reverse=True)
    assert 'aria-sort="descending"' in page
    assert 'href="/influencers?sort=revenue&amp;dir=asc"' in page  # the current column toggles
    p2 = stack.get("/influencers?sort=name&dir=asc&page=2").text
    assert "Page 2 of" in p2 and 'rel="prev"' in p2
    names = [re.sub(r" \S+$", "", row[0]) for row in body_rows(p2)]  # the id follows the name
    assert len(names) == 50 and names == sorted(names)
    for col in ["name", "platform", "category", "gender", "followers", "posts", "reach", "engagement_rate",
                "orders", "revenue", "spend", "roas", "incremental_roas", "cost_per_order"]:
        assert stack.get("/influencers?sort=%s" % col).status == 200
    assert stack.get("/influencers?sort=bogus").status == 400


def test_drilldown_breakdown_adds_up(stack):
    iid = first_influencer_id(stack)
    page = stack.get("/influencers/" + iid).text
    s = summary(stack, "influencer=" + iid)
    part = page[page.index('id="brands-h"'):page.index('id="brands-without"')]
    brands = [rupees(html.unescape(v)) for v in re.findall(r'</th><td class="num">([^<]+)</td>', part)]
    assert brands and sum(brands) == pytest.approx(float(s["revenue"]), abs=len(brands) * 0.51 + 0.01)
    assert "ROAS trend" in page and "Payout tracking" in page and "Post performance" in page


def test_empty_states_say_what_happened(stack):
    page = stack.get("/?platform=TikTok").text
    assert "platform=TikTok is not in the data" in page
    assert "No influencer matches these filters" in page
    assert "no personas to compare" in page


def test_text_browser_shows_a_usable_page(stack):
    out = subprocess.run(["w3m", "-dump", "-cols", "120", "-header", "Cookie: " + stack.session("viewer"),
                          stack.base + "/"], capture_output=True, text=True,
                         timeout=60, stdin=subprocess.DEVNULL).stdout
    for words in ["Influencer ROI", "Revenue", "ROAS", "Top 10 influencers by ROAS", "Best personas",
                  "Apply filters", "summary.csv"]:
        assert words in out
