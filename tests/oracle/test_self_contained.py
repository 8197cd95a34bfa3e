"""test_self_contained.py: no tracked file of the project reads a path outside the repository."""

import os
import re
import subprocess

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# A relative path that climbs out of the checkout's top (../x from the top, ../../x from
# one level down, ...), or an absolute path into the machine's work folders.
ESCAPES = [
    re.compile(r"\.\./shared\b"),
    re.compile(r"(?<![\w.])/work/"),
    re.compile(r"\bshared" "/" r"data\b"),  # split so this file does not name it itself
]


def tracked_files():
    out = subprocess.run(["git", "-C", TOP, "ls-files", "-z"], capture_output=True, check=True).stdout
    return [p for p in out.decode().split("\0") if p]


def climbs_out(path, text):
    """True when a '../' chain in text, read from the file's folder, leaves the repository."""
    depth = path.count("/")
    for m in re.finditer(r"((?:\.\./)+)([A-Za-z_][\w-]*)", text):
        if m.group(1).count("../") > depth:
            return True
    return False


def test_no_tracked_file_reads_outside_the_repository():
    offenders = []
    for path in tracked_files():
        full = os.path.join(TOP, path)
        if not os.path.isfile(full) or path == "tests/oracle/test_self_contained.py":
            continue
        with open(full, "rb") as f:
            data = f.read()
        if b"\0" in data[:4096]:
            continue  # binary: pictures, fuzz seeds
        text = data.decode("utf-8", "replace")
        for n, line in enumerate(text.splitlines(), 1):
            if "attack input, not a path read" in line:
                continue  # a traversal attempt the hostile-input tests send on purpose
            if any(p.search(line) for p in ESCAPES) or climbs_out(path, line):
                offenders.append("%s:%d: %s" % (path, n, line.strip()[:120]))
    assert offenders == [], "paths outside the repository:\n" + "\n".join(offenders)


def test_the_guard_sees_a_path_outside():
    assert climbs_out("tests/blackbox/conftest.py", 'os.path.join(TOP, "../../../x")')
    assert not climbs_out("tests/blackbox/conftest.py", '"../../cgi"')
    outside = 'open("..' + "/shared" + '/data/x.csv")'  # built, so this file names no such path itself
    assert any(p.search(outside) for p in ESCAPES)
