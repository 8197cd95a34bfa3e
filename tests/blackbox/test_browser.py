"""test_browser.py: a real browser (headless Chromium through chromedriver) signs in, uploads four files and sees the new numbers; signs in, browses, downloads, signs out, and the back button shows no data; the column-mapping step of an upload end to end."""

import os
import shutil
import subprocess
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import EXTERNAL, TOP, USERS, summary


@pytest.fixture
def browser():
    driver, profile = start_browser()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def start_browser():
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
    return driver, profile


def sign_in(browser, stack, user, path):
    """Opens path, lands on the sign-in page, fills it in and comes back to path."""
    sign_in_as(browser, stack, *USERS[user], path)


def sign_in_as(browser, stack, name, pw, path):
    """sign_in with a login name and password."""
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


def upload_in(browser, stack, user, pw, directory, month_first=False):
    """Signs in as user (once per browser), sends the four files of directory; returns when the answer is there."""
    browser.get(stack.base + "/upload")
    if "/login?next=" in browser.current_url:
        sign_in_as(browser, stack, user, pw, "/upload")
    for field in ["influencers", "posts", "tracking_data", "payouts"]:
        browser.find_element(By.NAME, field).send_keys(os.path.join(directory, field + ".csv"))
    if month_first:
        browser.find_element(By.NAME, "dates").click()
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda b: "/upload" not in b.current_url or "Choose the missing" in b.page_source
                                     or "errors" in b.page_source)


def test_column_mapping_in_the_browser(stack, browser, tmp_path):
    import messy
    import oracle
    from selenium.webdriver.support.ui import Select
    from test_upload_mapping import rename_header
    d = str(tmp_path / "files")
    messy.write_messy(d, 51, style="mdy", n_tracking=600)
    rename_header(os.path.join(d, "tracking_data.csv"), ("date", "order_date", "transaction_date"), "Txn Date")
    name, pw = USERS["editor"]
    upload_in(browser, stack, name, pw, d, month_first=True)
    assert "Choose the missing columns" in browser.page_source
    token = browser.find_element(By.NAME, "token").get_attribute("value")
    held = os.path.join(stack.uploads, ".held-" + token)
    assert os.path.isdir(held)

    # another editor's browser cannot finish this editor's upload
    subprocess.run(["sh", os.path.join(TOP, "nginx", "users.sh"), "editor", "ed3", "ed3-secret"], env=stack.env(),
                   check=True, stdout=subprocess.DEVNULL)
    other, profile = start_browser()
    try:
        upload_in(other, stack, "ed3", "ed3-secret", d, month_first=True)
        mine = other.find_element(By.NAME, "token").get_attribute("value")
        assert mine != token
        # the test driver (not the page, which has no script) puts the first editor's token in the form
        other.execute_script("document.getElementsByName('token')[0].value = arguments[0]", token)
        Select(other.find_element(By.NAME, "tracking_data.date")).select_by_visible_text("Txn Date")
        other.find_element(By.CSS_SELECTOR, "section.mapping button[type=submit]").click()
        WebDriverWait(other, 60).until(lambda b: "another editor" in b.page_source)
        assert os.path.isdir(held)
    finally:
        other.quit()
        shutil.rmtree(profile, ignore_errors=True)

    # an hour later the files are gone, and the page says so
    old = os.stat(os.path.join(held, "held.txt")).st_mtime - 3601
    os.utime(os.path.join(held, "held.txt"), (old, old))
    Select(browser.find_element(By.NAME, "tracking_data.date")).select_by_visible_text("Txn Date")
    browser.find_element(By.CSS_SELECTOR, "section.mapping button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda b: "no longer kept" in b.page_source)
    assert not os.path.exists(held)

    # sent again and mapped in time: the new version is active
    upload_in(browser, stack, name, pw, d, month_first=True)
    select = Select(browser.find_element(By.NAME, "tracking_data.date"))
    assert "Txn Date" in [o.text for o in select.options]
    select.select_by_visible_text("Txn Date")
    browser.find_element(By.CSS_SELECTOR, "section.mapping button[type=submit]").click()
    WebDriverWait(browser, 60).until(EC.url_contains("/?uploaded="))
    version = browser.current_url.split("uploaded=")[1]
    assert stack.current() == "versions/" + version
    assert "(mapped)" in browser.page_source
    ds = oracle.load(d, month_first=True, mapping={"tracking_data.csv": {"date": "Txn Date"}})
    assert summary(stack) == dict(oracle.compute(ds, [])["summary"])
    # what is left is the other editor's own upload, until its hour is over
    assert [n for n in os.listdir(stack.uploads) if n.startswith(".held-")] == [".held-" + mine]
