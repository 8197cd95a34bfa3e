#!/bin/sh
# run_all.sh: every test: unit tests (ASan+UBSan), then the black-box suite against sanitizer builds of the programs.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
failed=0
echo "== unit tests (cmocka, ASan+UBSan)"
for t in build/asan/test_*; do
	[ -x "$t" ] || continue
	"$t" || failed=1
done
echo "== black-box tests (real nginx + FastCGI programs, ASan+UBSan builds)"
BIN="$TOP/build/asan" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/oracle tests/blackbox
rc=$?
[ $failed = 0 ] || { echo "unit tests failed"; exit 1; }
exit $rc
