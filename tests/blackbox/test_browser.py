"""test_browser.py: a real browser (headless Chromium through chromedriver) logs in, uploads four files and sees the new numbers."""

import os
import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import EXTERNAL, USERS, summary


@pytest.fixture
def browser():
    profile = tempfile.mkdtemp(prefix="chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1600"]:
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_editor_uploads_four_files_in_the_browser(stack, browser):
    name, pw = USERS["editor"]
    host = stack.base.replace("http://", "")
    browser.get("http://%s:%s@%s/upload" % (name, pw, host))  # basic auth, cached for the site
    assert "Upload a new version" in browser.page_source
    for field in ["influencers", "posts", "tracking_data", "payouts"]:
        browser.find_element(By.NAME, field).send_keys(os.path.join(EXTERNAL, field + ".csv"))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    WebDriverWait(browser, 60).until(EC.url_contains("/?uploaded="))
    page = browser.page_source
    version = browser.current_url.split("uploaded=")[1]
    assert "Version %s is now active" % version in page
    s = summary(stack)
    assert s["revenue"] == "3786492.07"
    revenue = browser.find_element(By.CSS_SELECTOR, ".kpis .kpi .value").text
    assert revenue == "\u20b937,86,492"
    assert stack.current() == "versions/" + version
