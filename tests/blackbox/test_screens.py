"""test_screens.py: headless Chromium renders the dashboard at phone, laptop and wide widths (PNGs kept in build/screens)."""

import os
import shutil
import struct
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import TOP

OUT = os.path.join(TOP, "build", "screens")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("width,height", [(390, 2400), (1024, 2000), (1440, 1800)])
@pytest.mark.parametrize("page,path", [("dashboard", "/?from=2025-02-01&to=2025-04-30"), ("influencers", "/influencers"),
                                       ("campaigns", "/campaigns?by=brand")])
def test_screenshot(stack, width, height, page, path):
    os.makedirs(OUT, exist_ok=True)
    out = os.path.join(OUT, "%s-%d.png" % (page, width))
    if os.path.exists(out):
        os.unlink(out)  # never pass on a picture from an earlier run
    name, value = stack.session("viewer").split("=", 1)
    profile = tempfile.mkdtemp(prefix="chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=%d,%d" % (width, height)]:
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.set_page_load_timeout(60)
        driver.get(stack.base + "/login")  # the site's cookie can be set once a page of it is open
        driver.add_cookie({"name": name, "value": value, "path": "/"})
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.get(stack.base + path)
        assert "/login" not in driver.current_url
        driver.save_screenshot(out)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    w, h = png_size(out)
    assert (w, h) == (width, height)
    assert os.path.getsize(out) > 30000  # a rendered page, not a blank one
