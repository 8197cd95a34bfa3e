"""test_settings.py: the settings read once at start (BASELINE_DEFAULT, NUMBER_FORMAT) reach the pages and the CSVs."""
import os
import shutil

from conftest import start_stack, summary


def test_default_baseline_and_western_grouping_reach_the_outputs():
    s = start_stack(extra_env={"BASELINE_DEFAULT": "1.5", "NUMBER_FORMAT": "western"})
    try:
        kpis = summary(s)
        assert abs(float(kpis["incremental_roas"]) - (float(kpis["roas"]) - 1.5)) < 1e-3
        page = s.get("/").text
        assert 'name="baseline" value="1.5"' in page
        paise = round(float(kpis["revenue"]) * 100)
        assert paise >= 100000
        assert "\u20b9{:,}".format((paise + 50) // 100) in page  # western: groups of three
        # The default given in the URL is no filter: same figures, no chip.
        assert summary(s, "baseline=1.5") == kpis
        assert "baseline: 1.5" not in s.get("/?baseline=1.5").text
        assert "baseline: 2" in s.get("/?baseline=2").text
    finally:
        s.stop()
        reports = s.sanitizer_reports()
        if not os.environ.get("KEEP_STACK"):
            shutil.rmtree(s.root, ignore_errors=True)
    assert not reports
