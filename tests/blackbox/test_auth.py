"""test_auth.py: sign-in, sessions, sign-out, Basic for scripts, password hashes on disk, guessing limits, the log."""

import base64
import hashlib
import hmac
import os
import re
import shutil
import stat
import subprocess
import time
import urllib.parse
import warnings

import html5lib
import pytest

from conftest import TOP, start_stack

with warnings.catch_warnings():  # the old hashes are made the way the old users.sh made them
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt


@pytest.fixture(scope="module")
def stack():
    s = start_stack(extra_env={"LOGIN_RATE": "6000r/m"})  # the rate limit has its own test below
    yield s
    s.stop()
    reports = s.sanitizer_reports()
    shutil.rmtree(s.root, ignore_errors=True)
    assert not reports


def cookie_of(resp):
    return resp.headers["Set-Cookie"].split(";")[0]


def with_cookie(stack, path, cookie, **kw):
    return stack.get(path, headers={"Cookie": cookie}, user=None, follow=False, **kw)


def forge(stack, user, role, issued, expires, seen, gen):
    """A token signed with the real key, as only the programs could make it."""
    with open(os.path.join(stack.auth, "session.key"), "rb") as f:
        key = f.read()
    msg = "%s:%s:%d:%d:%d:%d:" % (user, role, issued, expires, seen, gen)
    return "roi_session=" + msg + hmac.new(key, msg.encode(), hashlib.sha256).hexdigest()


def users_file(stack):
    with open(os.path.join(stack.auth, "users")) as f:
        return {l.split(":")[0]: l.rstrip("\n").split(":") for l in f if not l.startswith("#")}


def log(stack):
    with open(os.path.join(stack.rundir, "logs", "dashboard.log"), encoding="utf-8", errors="replace") as f:
        return f.read()


def test_the_sign_in_page_is_plain_accessible_html(stack):
    r = stack.get("/login?next=/influencers", user=None)
    assert r.status == 200 and r.headers["Cache-Control"] == "no-store"
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(r.body)
    assert doc.get("lang") == "en" and doc.find(".//h1").text == "Sign in"
    labels = {l.get("for") for l in doc.iter("label")}
    inputs = [i for i in doc.iter("input") if i.get("type") != "hidden"]
    assert [i.get("name") for i in inputs] == ["user", "password"]
    assert all(i.get("id") in labels for i in inputs)
    assert doc.find(".//input[@name='next']").get("value") == "/influencers"
    assert "<script" not in r.text


def test_sign_in_sets_a_session_cookie_and_goes_to_next(stack):
    r = stack.sign_in("viewer", next_="/influencers?platform=Instagram")
    assert r.status == 303 and r.headers["Location"] == "/influencers?platform=Instagram"
    attrs = [a.strip() for a in r.headers["Set-Cookie"].split(";")]
    assert attrs[0].startswith("roi_session=vi:viewer:")
    assert {"Path=/", "HttpOnly", "SameSite=Lax"} <= set(attrs) and "Secure" not in attrs
    page = with_cookie(stack, "/influencers?platform=Instagram", cookie_of(r))
    assert page.status == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Sign out" in page.text
    assert with_cookie(stack, "/export/summary.csv", cookie_of(r)).text.startswith("metric,value")


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(stack):
    wrong = stack.sign_in("vi", password="not-it")
    nobody = stack.sign_in("nobody-here", password="not-it")
    for r in (wrong, nobody):
        assert r.status == 200 and "Set-Cookie" not in r.headers
        assert "Wrong user name or password" in r.text
    assert wrong.text.replace('value="vi"', "") == nobody.text.replace('value="nobody-here"', "")


@pytest.mark.parametrize("next_", ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)",
                                   "http:/evil.example", "/%0d%0aSet-Cookie:x=1"])
def test_next_never_leaves_the_site(stack, next_):
    r = stack.sign_in("viewer", next_=urllib.parse.unquote(next_))
    assert r.status == 303 and r.headers["Location"] == "/"
    r = stack.get("/login?next=" + urllib.parse.quote(urllib.parse.unquote(next_), safe=""), user=None)
    assert 'name="next" value="/"' in r.text


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {}])
def test_login_csrf_is_refused(stack, headers):
    body = urllib.parse.urlencode({"user": "vi", "password": "vi-secret", "next": "/"}).encode()
    r = stack.get("/login", method="POST", data=body, user=None, follow=False,
                  headers=dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"}))
    assert r.status == 403 and "Set-Cookie" not in r.headers


def test_tampered_cookies_are_refused(stack):
    good = stack.session("viewer")
    assert with_cookie(stack, "/", good).status == 200
    name, value = good.split("=", 1)
    fields = value.split(":")
    bad = [
        value.replace("vi:viewer", "vi:admin"),
        value.replace("vi:viewer", "ed:viewer"),
        ":".join(fields[:3] + [str(int(fields[3]) + 86400)] + fields[4:]),
        value[:-1] + ("0" if value[-1] != "0" else "1"),
        value[:-64] + "0" * 64,
        ":".join(fields[:-1]),
        "",
    ]
    for v in bad:
        r = with_cookie(stack, "/", name + "=" + v)
        assert r.status == 303 and r.headers["Location"] == "/login?next=%2F", v


def test_expired_and_idle_cookies_are_refused(stack):
    now = int(time.time())
    gen = int(users_file(stack)["vi"][2])
    assert with_cookie(stack, "/", forge(stack, "vi", "viewer", now - 10, now + 3600, now - 5, gen)).status == 200
    expired = forge(stack, "vi", "viewer", now - 8 * 86400, now - 1, now - 10, gen)
    idle = forge(stack, "vi", "viewer", now - 13 * 3600, now + 3600, now - 12 * 3600 - 60, gen)
    old_gen = forge(stack, "vi", "viewer", now - 10, now + 3600, now - 5, gen - 1 if gen else gen + 7)
    for c in (expired, idle, old_gen):
        assert with_cookie(stack, "/", c).status == 303


def test_a_session_in_use_is_refreshed(stack):
    now = int(time.time())
    gen = int(users_file(stack)["vi"][2])
    r = with_cookie(stack, "/influencers", forge(stack, "vi", "viewer", now - 600, now + 3600, now - 300, gen))
    assert r.status == 200
    fresh = r.headers["Set-Cookie"]
    seen = int(fresh.split(";")[0].split(":")[4])
    assert seen >= now and "HttpOnly" in fresh


def test_sign_out_ends_the_session_on_the_server(stack):
    one, two = stack.session("viewer"), stack.session("viewer")
    r = stack.get("/logout", method="POST", data=b"", user=None, follow=False,
                  headers={"Cookie": one, "Origin": stack.base})
    assert r.status == 303 and r.headers["Location"] == "/login"
    assert "Max-Age=0" in r.headers["Set-Cookie"]
    for c in (one, two):  # the same cookie kept by a copy, and every other session of the user
        assert with_cookie(stack, "/", c).status == 303
    assert stack.get("/", user="viewer").status == 200  # Basic still works


def test_a_new_password_ends_the_sessions(stack):
    cookie = stack.session("editor")
    assert with_cookie(stack, "/upload", cookie).status == 200
    env = dict(os.environ, AUTH_DIR=stack.auth, BIN=stack.bin)
    subprocess.run(["sh", os.path.join(TOP, "nginx", "users.sh"), "editor", "ed", "ed-secret"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    assert with_cookie(stack, "/upload", cookie).status == 303
    assert stack.get("/upload", user="editor").status == 200


def test_basic_for_scripts(stack):
    assert stack.get("/export/summary.csv", user="viewer").status == 200
    for _ in range(3):  # remembered: no hash per request, same answer
        assert stack.get("/export/summary.csv", user="viewer").text.startswith("metric,value")
    bad = "Basic " + base64.b64encode(b"vi:wrong").decode()
    r = stack.get("/export/summary.csv", headers={"Authorization": bad}, user=None, follow=False)
    assert r.status == 401 and r.headers["WWW-Authenticate"].startswith("Basic realm=")
    assert stack.get("/healthz", user=None).status == 200
    assert stack.get("/static/style.css", user=None).status == 200


def test_a_viewer_reaches_neither_upload_nor_users(stack):
    cookie = stack.session("viewer")
    assert with_cookie(stack, "/upload", cookie).status == 403
    assert with_cookie(stack, "/users", cookie).status == 403
    status, _, _ = stack.curl("/upload", files={"payouts": os.path.join(TOP, "tests", "data", "external-sample",
                                                                        "payouts.csv")},
                              user=None, extra=["-H", "Cookie: " + cookie])
    assert status == 403
    status, _, _ = stack.curl("/upload", files={}, user=None, extra=["-F", "x=1"])
    assert status == 401


def test_hashes_on_disk_are_yescrypt_and_private(stack):
    st = os.stat(stack.auth)
    assert stat.S_IMODE(st.st_mode) == 0o700
    for name in ("users", "session.key"):
        assert stat.S_IMODE(os.stat(os.path.join(stack.auth, name)).st_mode) == 0o600
    for rec in users_file(stack).values():
        assert rec[6].startswith("$y$"), rec[0]


def test_an_old_sha512_hash_is_upgraded_at_sign_in(stack):
    old = crypt.crypt("old-secret", "$6$rounds=1000$abcdefgh")
    path = os.path.join(stack.auth, "users")
    st = os.stat(path)
    with open(path, "a") as f:
        f.write("oldie:viewer:0:0:0:0:%s\n" % old)
    os.chown(path, st.st_uid, st.st_gid)
    r = stack.sign_in("oldie", password="old-secret")
    assert r.status == 303
    new = users_file(stack)["oldie"][6]
    assert new.startswith("$y$") and crypt.crypt("old-secret", new) == new
    assert stack.sign_in("oldie", password="old-secret").status == 303
    assert "event=sign_in user=\"oldie\" addr=\"127.0.0.1\" hash=upgraded" in log(stack)


def test_five_failures_in_a_row_hold_the_user_back(stack):
    env = dict(os.environ, AUTH_DIR=stack.auth, BIN=stack.bin)
    subprocess.run(["sh", os.path.join(TOP, "nginx", "users.sh"), "viewer", "guessed", "right-one"], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    assert stack.sign_in("guessed", password="right-one").status == 303
    for _ in range(5):
        assert stack.sign_in("guessed", password="wrong").status == 200
    assert stack.sign_in("guessed", password="right-one").status == 200  # held back, same message
    auth = "Basic " + base64.b64encode(b"guessed:right-one").decode()
    assert stack.get("/", headers={"Authorization": auth}, user=None, follow=False).status == 401
    assert int(users_file(stack)["guessed"][4]) > time.time()
    assert 'event=sign_in_failed user="guessed" addr="127.0.0.1" reason=backoff' in log(stack)


def test_sign_ins_are_logged_with_control_bytes_escaped(stack):
    stack.sign_in("vi\x1b[31mx\nlevel=ERROR", password="x")
    text = log(stack)
    assert 'event=sign_in_failed user="vi\\x1B[31mx\\x0Alevel=ERROR" addr="127.0.0.1" reason=unknown_user' in text
    assert re.search(r'event=sign_in user="vi" addr="127\.0\.0\.1"', text)
    assert re.search(r'event=sign_out user="vi"', text)


def test_cookies_are_secure_when_the_setting_is_on():
    s = start_stack(extra_env={"COOKIE_SECURE": "1"})
    try:
        r = s.sign_in("viewer")
        assert r.status == 303 and "; Secure" in r.headers["Set-Cookie"]
    finally:
        s.stop()
        shutil.rmtree(s.root, ignore_errors=True)


def test_guessing_from_one_address_gets_429():
    s = start_stack()  # the default LOGIN_RATE
    try:
        codes = [s.sign_in("viewer", password="wrong").status for _ in range(30)]
        assert codes[0] == 200 and 429 in codes
        assert s.get("/", user="editor").status == 200  # only the sign-in form is limited (the viewer is held back)
    finally:
        s.stop()
        shutil.rmtree(s.root, ignore_errors=True)


def users_post(stack, cookie, **fields):
    body = urllib.parse.urlencode(fields).encode()
    return stack.get("/users", method="POST", data=body, user=None, follow=False,
                     headers={"Cookie": cookie, "Origin": stack.base,
                              "Content-Type": "application/x-www-form-urlencoded"})


def test_admins_manage_users_on_a_page(stack):
    admin = stack.session("admin")
    page = with_cookie(stack, "/users", admin)
    assert page.status == 200
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page.body)
    for control in list(doc.iter("input")) + list(doc.iter("select")):
        if control.get("type") != "hidden":  # every control sits in its label
            assert any(control in list(l.iter()) for l in doc.iter("label")), control.attrib
    rows = {tr.find("th").text: [td.text for td in tr.findall("td")[:2]] for tr in doc.find(".//tbody").findall("tr")}
    assert rows["vi"][0] == "viewer" and rows["ad"][0] == "admin"
    assert users_post(stack, admin, action="add", name="asha", password="asha-pw", role="viewer").status == 303
    assert stack.sign_in("asha", password="asha-pw").status == 303
    asha = cookie_of(stack.sign_in("asha", password="asha-pw"))
    assert with_cookie(stack, "/upload", asha).status == 403
    r = users_post(stack, admin, action="role", name="asha", role="editor")
    assert r.status == 303 and r.headers["Location"] == "/users?done=role"
    assert with_cookie(stack, "/", asha).status == 303  # the role change ended her session
    asha = cookie_of(stack.sign_in("asha", password="asha-pw"))
    assert with_cookie(stack, "/upload", asha).status == 200
    assert users_post(stack, admin, action="password", name="asha", password="new-pw").status == 303
    assert with_cookie(stack, "/", asha).status == 303
    assert stack.sign_in("asha", password="asha-pw").status == 200
    assert stack.sign_in("asha", password="new-pw").status == 303
    assert users_post(stack, admin, action="remove", name="asha").status == 303
    assert stack.sign_in("asha", password="new-pw").status == 200
    assert "asha" not in users_file(stack)
    assert 'event=user_change user="ad" addr="127.0.0.1" target="asha" action=remove' in \
        open(os.path.join(stack.rundir, "logs", "upload.log")).read()
    # refused: the last admin, a bad name, a duplicate; a viewer; another site
    assert users_post(stack, admin, action="role", name="ad", role="viewer").status == 422
    assert users_post(stack, admin, action="remove", name="ad").status == 422
    assert users_post(stack, admin, action="add", name="a b:c", password="x", role="viewer").status == 422
    assert users_post(stack, admin, action="add", name="vi", password="x", role="admin").status == 422
    assert users_post(stack, stack.session("viewer"), action="add", name="x", password="x", role="admin").status == 403
    body = urllib.parse.urlencode({"action": "add", "name": "evil", "password": "x", "role": "admin"}).encode()
    r = stack.get("/users", method="POST", data=body, user=None, follow=False,
                  headers={"Cookie": admin, "Origin": "https://evil.example"})
    assert r.status == 403 and "evil" not in users_file(stack)
