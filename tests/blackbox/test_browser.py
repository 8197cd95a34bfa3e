"""test_browser.py: a real browser (headless Chromium through chromedriver) logs in, uploads four files and sees the new numbers; the column-mapping step of an upload end to end."""

import os
import shutil
import subprocess
import tempfile

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
    return driver, profile


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


def upload_in(browser, stack, user, pw, directory, month_first=False):
    """Logs in as user, sends the four files of directory; returns when the answer is there."""
    host = stack.base.replace("http://", "")
    browser.get("http://%s:%s@%s/upload" % (user, pw, host))
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
