"""test_pages.py: routes, status codes, headers and bad parameters through the real nginx and programs."""

import os
import re

import pytest

from conftest import csv_rows


def test_dashboard_serves_sample_with_kpis(stack):
    r = stack.get("/")
    assert r.status == 200
    assert r.headers["Content-Type"].startswith("text/html")
    for label in ["Revenue", "Spend", "ROAS", "Incremental ROAS", "ROI", "Orders", "Cost per order",
                  "Average order value", "Influencer share of tracked revenue"]:
        assert ">%s<" % label in r.text
    assert "Top 10 influencers by ROAS" in r.text and "Bottom 10 influencers by ROAS" in r.text
    assert "<script" not in r.text.lower()
    assert "\u20b9" in r.text  # rupee sign


def test_security_headers(stack):
    r = stack.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Server"] == "nginx"  # no version


@pytest.mark.parametrize("path,status", [
    ("/influencers", 200), ("/upload", 200), ("/static/style.css", 200),
    ("/nope", 404), ("/uploads/current/influencers.csv", 404), ("/export/nope.csv", 404),
    ("/influencers/NO-SUCH-ID", 404),
])
def test_routes(stack, path, status):
    assert stack.get(path).status == status


def test_post_to_dashboard_is_405(stack):
    assert stack.get("/", method="POST", data=b"x=1").status == 405


@pytest.mark.parametrize("query,param", [
    ("from=2025-02-30", "from"), ("to=2025-13-01", "to"), ("from=yesterday", "from"),
    ("baseline=-1", "baseline"), ("baseline=abc", "baseline"), ("grain=year", "grain"),
    ("platform=%ZZ", "platform"), ("platform=a%00b", "platform"), ("dir=up", "dir"),
    ("page=0", "page"), ("category=%FF%FE", "category"), ("from=2025-03-01&to=2025-01-01", "from"),
    ("baseline=1&baseline=2", "baseline"),
])
def test_bad_parameter_is_400_naming_it(stack, query, param):
    for path in ["/", "/influencers", "/export/summary.csv", "/export/influencers.csv"]:
        r = stack.get(path + "?" + query)
        assert r.status == 400, (path, query)
        assert "&quot;%s&quot;" % param in r.text, r.text
        assert r.headers["Content-Type"].startswith("text/html")


def test_too_many_parameters_is_400(stack):
    r = stack.get("/?" + "&".join("x=%d" % i for i in range(1001)))
    assert r.status == 400 and "too many parameters" in r.text


def test_unknown_value_selects_nothing_and_says_so(stack):
    r = stack.get("/?platform=TikTok")
    assert r.status == 200
    assert "platform=TikTok is not in the data" in r.text
    assert "No influencer matches these filters" in r.text
    s = dict(csv_rows(stack.get("/export/summary.csv?platform=TikTok"))[1:])
    assert s["revenue"] == "0.00" and s["roas"] == "" and s["influencers"] == "0"


def test_markup_in_parameters_is_escaped(stack):
    r = stack.get("/?platform=%3Cscript%3Ealert(1)%3C/script%3E&influencer=%22%3E%3Cb%3E")
    assert r.status == 200
    assert "<script>" not in r.text and "<b>" not in r.text
    assert "&lt;script&gt;" in r.text


def test_links_keep_filters_in_canonical_order(stack):
    r = stack.get("/?to=2025-03-31&platform=YouTube&from=2025-01-01&platform=Instagram")
    assert r.status == 200
    canon = "platform=YouTube&amp;platform=Instagram&amp;from=2025-01-01&amp;to=2025-03-31"
    assert 'href="/export/summary.csv?%s"' % canon in r.text
    assert 'href="/influencers?%s"' % canon in r.text


def test_chip_removes_one_filter(stack):
    r = stack.get("/?platform=YouTube&platform=Instagram")
    chips = re.findall(r'class="chip" href="([^"]*)"', r.text)
    assert "/?platform=Instagram" in chips and "/?platform=YouTube" in chips


def test_export_file_names_carry_filters(stack):
    r = stack.get("/export/influencers.csv?platform=Instagram&from=2025-01-01&to=2025-03-31")
    assert r.status == 200
    assert r.headers["Content-Disposition"] == \
        'attachment; filename="influencers_platform-Instagram_2025-01-01_2025-03-31.csv"'
    r = stack.get("/export/summary.csv?brand=%22%3B%0D%0AX-Evil:%201")
    assert r.status == 200 and "X-Evil" not in r.headers
    assert r.headers["Content-Disposition"] == 'attachment; filename="summary_brand-----X-Evil--1.csv"'
    r = stack.get("/export/summary.csv?brand=a%2F..%2F%22b")
    assert r.status == 200
    assert 'filename="summary_brand-a-..--b.csv"' == r.headers["Content-Disposition"].split("; ")[1]


def test_influencer_drilldown_matches_export(stack):
    rows = csv_rows(stack.get("/export/influencers.csv"))
    first = dict(zip(rows[0], rows[1]))
    r = stack.get("/influencers/" + first["id"])
    assert r.status == 200
    assert first["id"] in r.text
    s = dict(csv_rows(stack.get("/export/summary.csv?influencer=" + first["id"]))[1:])
    assert s["revenue"] == first["revenue"] and s["spend"] == first["spend"]


def test_head_request(stack):
    assert stack.get("/", method="HEAD").status == 200


def test_every_template_autoescapes_and_has_no_script():
    import glob
    import os
    from conftest import TOP
    files = glob.glob(os.path.join(TOP, "templates", "*.tpl"))
    assert len(files) >= 8
    for path in files:
        text = open(path, encoding="utf-8").read()
        assert text.startswith('{{%AUTOESCAPE context="HTML"}}'), path
        assert "<script" not in text.lower(), path


def test_conditional_get_answers_304_until_the_data_changes(stack, tmp_path):
    r = stack.get("/?platform=Instagram")
    etag = r.headers["ETag"]
    assert r.status == 200 and etag.startswith('"')
    again = stack.get("/?platform=Instagram", headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert stack.get("/?platform=YouTube", headers={"If-None-Match": etag}).status == 200
    csv = stack.get("/export/summary.csv")
    assert stack.get("/export/summary.csv", headers={"If-None-Match": csv.headers["ETag"]}).status == 304
    from conftest import write_files
    write_files(str(tmp_path), {"payouts.csv": "influencer_id,total_payout\n"})
    assert stack.import_dir(str(tmp_path)).returncode == 0  # a new version: new validators
    assert stack.get("/?platform=Instagram", headers={"If-None-Match": etag}).status == 200


def test_a_repeated_view_is_answered_from_the_worker_cache(stack):
    import os
    import re
    path = "/?category=Yoga&from=2025-01-15&to=2025-02-15"
    first = [stack.get(path) for _ in range(4)]  # both workers compute it once, then keep it
    assert len({r.body for r in first}) == 1 and len({r.headers["ETag"] for r in first}) == 1
    with open(os.path.join(stack.rundir, "logs", "dashboard.log")) as f:
        lines = [l for l in f if 'method=GET path="/" status=200' in l]
    assert any(l.rstrip().endswith(" cached=yes") for l in lines[-4:])


def test_health_needs_no_login_and_names_the_version(stack, tmp_path):
    r = stack.get("/healthz", user=None)
    assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert r.text.startswith("ok version %s " % stack.current().split("/")[-1])
    assert "tracking_rows" in r.text


def test_health_is_503_without_a_dataset(stack):
    cur = os.path.join(stack.uploads, "current")
    os.rename(cur, cur + ".away")
    try:
        r = stack.get("/healthz", user=None)
        assert r.status == 503 and r.text.startswith("unavailable")
    finally:
        os.rename(cur + ".away", cur)
    assert stack.get("/healthz", user=None).status == 200
