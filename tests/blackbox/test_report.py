"""test_report.py: the PDF report through the real stack: its text equals the dashboard and the CSVs; it renders; errors are clean."""

import html
import os
import re
import shutil
import subprocess

import pytest

from conftest import EXTERNAL, csv_rows, start_stack, summary


def pdf_text(stack, query, tmp_path):
    r = stack.get("/export/report.pdf" + ("?" + query if query else ""))
    assert r.status == 200 and r.headers["Content-Type"] == "application/pdf"
    assert r.body.startswith(b"%PDF-") and b"%%EOF" in r.body[-64:]
    path = tmp_path / "report.pdf"
    path.write_bytes(r.body)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return r, out.stdout.decode("utf-8"), path


def kpi(page, label):
    m = re.search(r'<span class="label">%s</span><span class="value">([^<]*)</span>' % re.escape(label), page)
    return html.unescape(m.group(1))


@pytest.mark.parametrize("query", ["", "platform=Instagram&from=2025-02-01&to=2025-04-30",
                                   "brand=MuscleBlaze&gender=Female", "category=Yoga&baseline=2"])
def test_report_figures_equal_the_dashboard_and_csv(stack, tmp_path, query):
    r, text, _ = pdf_text(stack, query, tmp_path)
    page = stack.get("/?" + query).text
    for label in ["Revenue", "Spend", "ROAS", "Orders", "Cost per order"]:
        assert kpi(page, label) in text, label
    s = summary(stack, query)
    assert "%.2f" % float(s["roas"]) in text
    version = re.search(r"Dataset version (\d+)", page).group(1)
    assert version in text and "Page 1 of" in text
    rows = csv_rows(stack.get("/export/influencers.csv?" + query))
    ids = [row[0] for row in rows[1:] if float(row[rows[0].index("spend")]) > 0][:5]
    for iid in ids:
        assert iid in text
    if "brand" in query:
        assert "Unallocated" in text or "unallocated" in text
    name = r.headers["Content-Disposition"]
    assert name.startswith('attachment; filename="report') and name.endswith('.pdf"')


def test_report_names_its_filters_in_words(stack, tmp_path):
    _, text, _ = pdf_text(stack, "platform=YouTube&platform=Instagram&from=2025-03-01&to=2025-03-31", tmp_path)
    flat = " ".join(text.split())
    assert "platform YouTube or Instagram; from 2025-03-01 to 2025-03-31" in flat
    _, text, _ = pdf_text(stack, "", tmp_path)
    assert "none (all data)" in " ".join(text.split())


def test_report_renders_to_png(stack, tmp_path):
    _, _, path = pdf_text(stack, "", tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(p for p in os.listdir(tmp_path) if p.startswith("page"))
    assert pages and all(os.path.getsize(tmp_path / p) > 10000 for p in pages)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Influencer ROI" in info and "A4" in info


def test_bad_filter_is_a_400_page_not_a_broken_file(stack):
    r = stack.get("/export/report.pdf?from=2025-02-30")
    assert r.status == 400 and r.headers["Content-Type"].startswith("text/html")


def test_libharu_error_is_a_500_with_a_log_line_and_the_worker_carries_on():
    broken = start_stack(extra_env={"FONT_DIR": "/nonexistent"})
    try:
        r = broken.get("/export/report.pdf")
        assert r.status == 500 and "could not be produced" in r.text
        with open(os.path.join(broken.rundir, "logs", "export.log")) as f:
            assert re.search(r'level=ERROR program=export pid=\d+ req=\S+ msg=".*report.pdf failed: pdf: libharu error',
                             f.read())
        for _ in range(4):
            assert broken.get("/export/summary.csv").status == 200
    finally:
        broken.stop()
        shutil.rmtree(broken.root, ignore_errors=True)


def test_payout_tracking_with_status(stack, tmp_path):
    """Paid, expected from the activity in range and the difference per
    influencer and per basis, totals per status: page, payouts.csv, PDF."""
    src = os.path.join(os.path.dirname(EXTERNAL), "spec-timing-example")
    d = tmp_path / "data"
    shutil.copytree(src, d)
    (d / "payouts.csv").write_text("influencer_id,basis,rate,orders,total_payout,date,status\n"
                                   "C,order,400,6,1000,2025-03-31,paid\nC,order,500,6,2000,,=pending\n"
                                   "D,post,500,0,1000,,paid\n")
    assert stack.import_dir(str(d)).returncode == 0
    q = "from=2025-03-01&to=2025-03-31"
    rows = csv_rows(stack.get("/export/payouts.csv?" + q))
    assert rows[0][-4:] == ["expected", "difference", "paid_paid", "paid_=pending"]
    got = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert (got["C"]["total_payout"], got["C"]["expected"], got["C"]["difference"]) == ("2000.00", "1200.00", "-800.00")
    assert (got["C"]["paid_paid"], got["C"]["paid_=pending"]) == ("1000.00", "1000.00")
    assert (got["D"]["total_payout"], got["D"]["expected"], got["D"]["difference"]) == ("500.00", "500.00", "0.00")
    page = stack.get("/?" + q).text
    part = page[page.index("Totals per payout status"):page.index("Per influencer, largest first")]
    assert "=pending" in part and "paid" in part and "\u20b91,500" in part
    _r, text, _path = pdf_text(stack, q, tmp_path)
    assert "Payouts by status" in text and "=pending" in text
    assert "\u20b91,000 spread over orders" in " ".join(text.split())


@pytest.mark.parametrize("query", ["", "platform=Instagram&from=2025-02-01&to=2025-04-30"])
def test_report_has_the_best_and_worst_campaigns(stack, tmp_path, query):
    _, text, _ = pdf_text(stack, query, tmp_path)
    assert "Best 5 campaigns by ROAS" in text and "Worst 5 campaigns by ROAS" in text
    rows = csv_rows(stack.get("/export/campaigns.csv?" + query))
    paid = [dict(zip(rows[0], r)) for r in rows[1:] if float(r[rows[0].index("spend")]) > 0]
    assert paid
    best = text[text.index("Best 5 campaigns"):text.index("Worst 5 campaigns")]
    worst = text[text.index("Worst 5 campaigns"):]
    for r in paid[:5]:
        assert r["campaign"] in best and "%.2f" % float(r["roas"]) in best
    for r in sorted(paid, key=lambda r: (float(r["roas"]), r["campaign"]))[:5]:
        assert r["campaign"] in worst
