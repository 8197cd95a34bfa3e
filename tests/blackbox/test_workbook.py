"""test_workbook.py: report.xlsx walks the same declared tables as the CSVs and pages: same columns, same values, typed cells, a chart."""

import datetime
import html
import io
import os
import pathlib
import re
import shutil
import tempfile
import zipfile

import openpyxl
import pytest

from conftest import csv_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
QUERIES = ["", "platform=Instagram&from=2025-02-01&to=2025-04-30", "brand=MuscleBlaze&gender=Female"]
MONEY = {"revenue", "spend", "rate", "total_payout", "expected", "difference", "cost_per_order", "aov",
         "incremental_revenue", "unallocated_spend"}
RATIO = {"roas", "incremental_roas", "cumulative_roas", "roi"}
PERCENT = {"engagement_rate"}
DATES = {"date", "last_payout_date", "first_date", "last_date"}

# The on-screen tables of each declared table: page, caption (or None for the
# first table), the declared key of each column shown (None: not declared),
# and the keys that identify a row.
SCREENS = {
    "influencers": ("/influencers?%s", None, ["name", "platform", "category", "gender", "follower_count", "posts",
                    "reach", "engagement_rate", "orders", "revenue", "spend", "roas", "incremental_roas",
                    "cost_per_order"], ["id"]),
    "personas": ("/?%s", "Category and gender, by ROAS", ["category", "gender", "influencers", "revenue", "spend",
                 "roas"], ["category", "gender"]),
    "trend": ("/?%s", "Revenue, spend and ROAS per", ["period", "revenue", "spend", None, "roas", "cumulative_roas"],
              ["period"]),
    "payouts": ("/?%s", "Per influencer, largest first", ["name", "total_payout", "expected", "difference", "basis",
                "rate", "orders_paid", "payouts", None], ["influencer_id"]),
    "posts": ("/?%s", "Top posts by reach", ["influencer_name", "platform", "date", "caption", "reach",
              "engagement", "engagement_rate"], ["influencer_id", "date", "caption"]),
}


def workbook(stack, query):
    r = stack.get("/export/report.xlsx?" + query)
    assert r.status == 200 and r.headers["Content-Type"] == XLSX
    assert r.headers["Content-Disposition"].startswith('attachment; filename="report')
    assert r.headers["Content-Disposition"].endswith('.xlsx"')
    return r.body


def sheet_rows(ws):
    return [list(row) for row in ws.iter_rows(values_only=True)]


def same(key, xl, text):
    """A typed workbook cell against the CSV's text of the same cell."""
    if text == "":
        return xl is None or xl == ""
    if key in DATES:
        return isinstance(xl, datetime.datetime) and xl.strftime("%Y-%m-%d") == text
    if isinstance(xl, str) or xl is None:
        return (xl or "") == text
    return abs(float(text) - xl) <= (0.0051 if key in MONEY else 0.00006)


def screen_number(key, text):
    """A number as the pages show it: rupees with grouping, 2-decimal ratios, percentages."""
    t = text.replace("\u20b9", "").replace(",", "")
    if key in PERCENT:
        return float(t.rstrip("%")) / 100, 0.0006
    if key in MONEY:
        return float(t), 1.0  # rupees are rounded to the rupee from 1,000 up
    return float(t), 0.0051


def screen_table(page, caption):
    """Rows of cells (tags stripped) of the table with that caption, or the first tbody."""
    if caption:
        page = page[page.index("<caption>" + caption):]
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([c for c in cells])
    return rows


def cell_text(c):
    c = re.sub(r'<span class="(id|flag)">.*?</span>', "", c)
    return html.unescape(re.sub(r"<[^>]+>", "", c)).strip()


def check_screen(stack, name, query, csv):
    path, caption, keys, ident = SCREENS[name]
    page = stack.get(path % query).text
    by_id = {tuple(row[k] for k in ident): row for row in csv}
    seen = 0
    for cells in screen_table(page, caption):
        if len(cells) != len(keys):
            continue  # an empty-state row
        ids = re.findall(r'<span class="id">([^<]*)</span>', cells[0])
        values = {k: cell_text(c) for k, c in zip(keys, cells) if k}
        key = tuple(html.unescape(ids[0]) if k in ("id", "influencer_id") else values[k] for k in ident)
        row = by_id[key]
        for k, shown in values.items():
            if k in MONEY | RATIO | PERCENT or row[k].lstrip("-").isdigit() and k not in ("period", "caption"):
                if row[k] == "":
                    assert shown == "\u2013", (name, k)
                    continue
                v, tol = screen_number(k, shown)
                assert abs(v - float(row[k])) <= tol, (name, k, shown, row[k])
            elif k not in ("category", "gender") or row[k]:
                assert shown == row[k], (name, k, shown, row[k])
        seen += 1
    assert seen or not csv, name


@pytest.mark.parametrize("query", QUERIES)
def test_every_declared_table_has_the_same_values_on_screen_in_csv_and_xlsx(stack, query):
    body = workbook(stack, query)
    assert "xl/charts/chart1.xml" in zipfile.ZipFile(io.BytesIO(body)).namelist()
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames[:2] == ["Summary", "Trend"]
    assert {"Influencers", "Personas", "Payouts", "Posts"} <= set(book.sheetnames)
    # Summary: the filters, the dataset version, every KPI of summary.csv, typed
    ws = book["Summary"]
    assert ws["A1"].value == "Filters" and ws["A2"].value == "Dataset version" and ws["B2"].value
    kpis = {row[2]: row[1] for row in sheet_rows(ws)[5:]}
    csv_kpis = {k: v for k, v in csv_rows(stack.get("/export/summary.csv?" + query))[1:]}
    assert list(kpis) == list(csv_kpis)
    for k, v in csv_kpis.items():
        assert same(k, kpis[k], v), (k, kpis[k], v)
        assert v == "" or isinstance(kpis[k], (int, float)), k
    for ws in book.worksheets[1:]:
        name = ws.title.lower()
        rows = csv_rows(stack.get("/export/%s.csv?%s" % (name, query)))
        got = sheet_rows(ws)
        got = [[c for c in row[:len(rows[0])]] for row in got]  # the chart sits right of the table
        assert got[0] == rows[0], name  # the same columns in the same order as the CSV
        assert len(got) == len(rows), name
        for xr, cr in zip(got[1:], rows[1:]):
            for k, x, c in zip(rows[0], xr, cr):
                assert same(k, x, c), (name, k, x, c)
                if c != "" and (k in MONEY | RATIO | PERCENT):
                    assert isinstance(x, (int, float)), (name, k, x)
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref, name
        if name in SCREENS:
            check_screen(stack, name, query, [dict(zip(rows[0], r)) for r in rows[1:]])


def test_cells_carry_rupee_ratio_and_percent_formats(stack):
    book = openpyxl.load_workbook(io.BytesIO(workbook(stack, "")))
    ws = book["Influencers"]
    head = [c.value for c in ws[1]]
    row = ws[2]
    assert row[head.index("revenue")].number_format == "[$\u20b9-4009]#,##,##0.00"
    assert row[head.index("roas")].number_format == "0.00"
    assert row[head.index("engagement_rate")].number_format == "0.00%"
    assert isinstance(row[head.index("follower_count")].value, int)


def test_every_page_links_the_workbook(stack):
    for path in ["/", "/influencers"]:
        assert 'href="/export/report.xlsx' in stack.get(path).text


def test_western_format_and_a_failed_workbook_is_a_500_the_worker_survives():
    from conftest import start_stack
    top = pathlib.Path(tempfile.mkdtemp(prefix="roi-xlsx-"))
    os.chmod(top, 0o755)
    tmp = top / "tmp"
    tmp.mkdir()
    os.chmod(tmp, 0o1777)  # the programs may run as a service user
    s = start_stack(extra_env={"NUMBER_FORMAT": "western", "TMPDIR": str(tmp)})
    try:
        book = openpyxl.load_workbook(io.BytesIO(workbook(s, "")))
        ws = book["Influencers"]
        head = [c.value for c in ws[1]]
        assert ws[2][head.index("revenue")].number_format == "[$\u20b9-4009]#,##0.00"
        assert list(tmp.iterdir()) == []  # the temporary files are gone
        tmp.rmdir()
        for _ in range(3):  # every worker of the export program
            assert s.get("/export/report.xlsx?platform=TikTok").status == 500
        with open(s.rundir + "/logs/export.log", encoding="utf-8") as f:
            assert "temporary file for the workbook" in f.read()
        tmp.mkdir()
        os.chmod(tmp, 0o1777)
        assert s.get("/export/summary.csv").status == 200
        assert s.get("/export/report.xlsx?platform=Instagram").status == 200
    finally:
        s.stop()
        shutil.rmtree(top, ignore_errors=True)
        assert not s.sanitizer_reports()
