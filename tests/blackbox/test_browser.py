"""test_browser.py: a real browser (headless Chromium through chromedriver) signs in, uploads four files and sees the new numbers; signs in, browses, downloads, signs out, and the back button shows no data."""

import os
import shutil
import tempfile
import time

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
    driver.download_dir = os.path.join(profile, "downloads")
    os.makedirs(driver.download_dir)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": driver.download_dir})
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def sign_in(browser, stack, user, path):
    """Opens path, lands on the sign-in page, fills it in and comes back to path."""
    name, pw = USERS[user]
    browser.get(stack.base + path)
    assert "/login?next=" in browser.current_url
    browser.find_element(By.ID, "user").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(pw)
    browser.find_element(By.CSS_SELECTOR, "form.signin button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda b: "/login" not in b.current_url)
    assert browser.current_url == stack.base + path


def test_sign_in_browse_download_sign_out_and_back_shows_nothing(stack, browser):
    sign_in(browser, stack, "viewer", "/influencers")
    assert "Influencers" in browser.title
    browser.find_element(By.LINK_TEXT, "Dashboard").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url == stack.base + "/")
    kpi = browser.find_element(By.CSS_SELECTOR, ".kpis .kpi .value").text
    assert kpi.startswith("\u20b9")
    browser.find_element(By.PARTIAL_LINK_TEXT, "summary.csv").click()
    deadline = time.time() + 30
    while time.time() < deadline and not any(f.endswith(".csv") for f in os.listdir(browser.download_dir)):
        time.sleep(0.2)
    names = [f for f in os.listdir(browser.download_dir) if f.endswith(".csv")]
    assert names, "no CSV was downloaded"
    with open(os.path.join(browser.download_dir, names[0]), encoding="utf-8") as f:
        assert f.readline().strip() == "metric,value"
    browser.find_element(By.CSS_SELECTOR, "form.signout button").click()
    WebDriverWait(browser, 30).until(lambda b: "/login" in b.current_url)
    browser.back()  # the dashboard's address again: no-store, so it is asked for again and refused
    WebDriverWait(browser, 30).until(lambda b: "/login?next=" in b.current_url)
    assert "Sign in" in browser.page_source and kpi not in browser.page_source
    assert "/login?next=" in browser.current_url
    browser.get(stack.base + "/")  # the old cookie is gone and refused
    assert "/login?next=" in browser.current_url


def test_editor_uploads_four_files_in_the_browser(stack, browser):
    sign_in(browser, stack, "editor", "/upload")
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
