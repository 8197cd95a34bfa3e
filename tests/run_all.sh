#!/bin/sh
# run_all.sh: every test: unit tests (ASan+UBSan), brief fuzzing, then the black-box suite against sanitizer builds.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
failed=0
echo "== unit tests (cmocka, ASan+UBSan)"
for t in build/asan/test_*; do
	[ -x "$t" ] || continue
	"$t" || failed=1
done
echo "== fuzzing (libFuzzer with ASan+UBSan, ${FUZZ_BRIEF:-15} s per target; make fuzz runs longer)"
sh tests/fuzz/run.sh "${FUZZ_BRIEF:-15}" || failed=1
echo "== black-box tests (real nginx + FastCGI programs, ASan+UBSan builds)"
BIN="$TOP/build/asan" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/oracle tests/blackbox
rc=$?
[ $failed = 0 ] || { echo "unit tests or fuzzing failed"; exit 1; }
exit $rc
