"""test_upload_mapping.py: the column-mapping step of an upload: the 422 page offers the file's own headers, the held files are one editor's, used once, gone after an hour and at the next start."""

import os
import re
import subprocess

import html5lib

import messy
import oracle
from conftest import TOP, summary
from test_oracle_compare import compare, filter_sets

FILES = ["influencers", "posts", "tracking_data", "payouts"]


def rename_header(path, old_names, new):
    with open(path, "rb") as f:
        data = f.read()
    first, rest = data.split(b"\n", 1)
    names = first.decode("utf-8-sig").rstrip("\r").split(",")
    at = [i for i, n in enumerate(names) if oracle.norm_header(n) in old_names]
    assert len(at) == 1
    names[at[0]] = new
    with open(path, "wb") as f:
        f.write((",".join(names) + ("\r" if first.endswith(b"\r") else "")).encode() + b"\n" + rest)


def held_dirs(stack):
    return sorted(n for n in os.listdir(stack.uploads) if n.startswith(".held-"))


def unmapped_upload(stack, d, month_first=False):
    files = {f: os.path.join(d, f + ".csv") for f in FILES}
    return stack.curl("/upload", files=files, extra=["-F", "dates=mdy"] if month_first else [])


def token_of(page):
    m = re.search(r'name="token" value="([0-9a-f]{32})"', page)
    assert m, page
    return m.group(1)


def test_mapping_finishes_the_upload_without_sending_the_files_again(stack, tmp_path):
    d = str(tmp_path)
    messy.write_messy(d, 41, style="mdy")
    rename_header(os.path.join(d, "tracking_data.csv"), ("date", "order_date", "transaction_date"), "Txn Date")
    rename_header(os.path.join(d, "payouts.csv"), ("total_payout",), "Amount Paid")
    before = stack.current() if os.path.exists(os.path.join(stack.uploads, "current")) else None
    status, _, page = unmapped_upload(stack, d, month_first=True)
    assert status == 422, page
    assert 'missing required column &quot;date&quot;' in page or 'missing required column "date"' in page
    assert '<select name="tracking_data.date" required>' in page
    assert '<select name="payouts.total_payout" required>' in page
    assert '<option value="Txn Date">Txn Date</option>' in page
    assert '<option value="Amount Paid">Amount Paid</option>' in page
    assert "still read month first" in page
    html5lib.HTMLParser(strict=True).parse(page)  # raises on any parse error
    assert len(re.findall(r"<label>[^<]*<select ", page)) == page.count("<select ") == 2  # each select labelled
    token = token_of(page)
    assert held_dirs(stack) == [".held-" + token]
    if before:
        assert stack.current() == before

    # another editor, and a viewer, cannot use it; nothing is used up
    subprocess.run(["sh", os.path.join(TOP, "nginx", "users.sh"), "editor", "ed2", "ed2-secret"], env=stack.env(),
                   check=True, stdout=subprocess.DEVNULL)
    fields = {"token": token, "tracking_data.date": "Txn Date", "payouts.total_payout": "Amount Paid"}
    status, _, page = stack.curl("/upload/map", fields=fields, user=None, extra=["-u", "ed2:ed2-secret"])
    assert status == 403 and "another editor" in page
    assert stack.curl("/upload/map", fields=fields, user="viewer")[0] == 403
    assert held_dirs(stack) == [".held-" + token]

    # one column chosen, one left: the page asks again with the same files
    status, _, page = stack.curl("/upload/map", fields={"token": token, "tracking_data.date": "Txn Date"})
    assert status == 422 and token_of(page) == token
    assert '<select name="payouts.total_payout" required>' in page
    assert '<select name="tracking_data.date"' not in page

    status, headers, _ = stack.curl("/upload/map", fields=fields)
    assert status == 303, headers
    version = headers["Location"].split("=")[-1]
    assert stack.current() == "versions/" + version
    assert held_dirs(stack) == []
    ds = oracle.load(d, month_first=True, mapping={"tracking_data.csv": {"date": "Txn Date"},
                                                   "payouts.csv": {"total_payout": "Amount Paid"}})
    for params in filter_sets(ds, 41, n=5):
        compare(stack, ds, params)
    history = stack.get("/upload").text
    assert "&quot;Txn Date&quot; as date (mapped)" in history or '"Txn Date" as date (mapped)' in history
    assert "dates read month first" in history

    # used once
    status, _, page = stack.curl("/upload/map", fields=fields)
    assert status == 410 and "no longer kept" in page
    assert stack.current() == "versions/" + version


def test_held_files_expire_after_an_hour_and_go_at_the_next_start(stack, tmp_path):
    d = str(tmp_path)
    messy.write_messy(d, 42, style="sheet")
    rename_header(os.path.join(d, "posts.csv"), ("date", "post_date"), "Posted On")
    status, _, page = unmapped_upload(stack, d)
    assert status == 422
    token = token_of(page)
    held = os.path.join(stack.uploads, ".held-" + token)
    assert sorted(os.listdir(held)) == ["held.txt", "influencers.csv", "payouts.csv", "posts.csv", "tracking_data.csv"]
    # while one request uses the files (held.txt is renamed as its claim), a second click finds them gone
    os.rename(os.path.join(held, "held.txt"), os.path.join(held, "held.txt.used"))
    assert stack.curl("/upload/map", fields={"token": token, "posts.date": "Posted On"})[0] == 410
    os.rename(os.path.join(held, "held.txt.used"), os.path.join(held, "held.txt"))
    # a header that is not the file's is refused, and the files stay for another try
    status, _, page = stack.curl("/upload/map", fields={"token": token, "posts.date": "Nope"})
    assert status == 422 and token_of(page) == token and "does not have" in page
    old = os.stat(os.path.join(held, "held.txt")).st_mtime - 3601
    os.utime(os.path.join(held, "held.txt"), (old, old))
    status, _, page = stack.curl("/upload/map", fields={"token": token, "posts.date": "Posted On"})
    assert status == 410 and "no longer kept" in page
    assert not os.path.exists(held)
    # a malformed or unknown token is just gone
    assert stack.curl("/upload/map", fields={"token": "../versions"})[0] == 410
    assert stack.curl("/upload/map", fields={"token": "0" * 32})[0] == 410

    status, _, page = unmapped_upload(stack, d)
    assert status == 422
    assert held_dirs(stack) == [".held-" + token_of(page)]
    stack.stop()
    stack.start()
    assert held_dirs(stack) == []
    assert summary(stack)  # still serving
