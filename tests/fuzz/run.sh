#!/bin/sh
# run.sh: builds the libFuzzer targets and runs each for SECONDS on a scratch copy of its seed corpus.
# usage: tests/fuzz/run.sh SECONDS [TARGET...]   (targets: import filter multipart values; default all)
# Builds into build/fuzz/; a crash, leak or timeout leaves its input there as build/fuzz/fuzz_TARGET-crash-*.
# One fuzzer at a time, one process each (-workers=1 -jobs=1). Exits 1 when any target failed.
# Replay one input after a run: build/fuzz/fuzz_TARGET FILE.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/fuzz"
ALL="import filter multipart values"

usage() {
	echo "usage: $0 SECONDS [TARGET...]   (targets: $ALL)" >&2
	exit 2
}
[ $# -ge 1 ] || usage
secs=$1
shift
case $secs in '' | *[!0-9]* | 0) usage ;; esac  # libFuzzer takes 0 as no limit
targets=${*:-$ALL}
for t in $targets; do
	case " $ALL " in *" ${t#fuzz_} "*) ;; *) echo "unknown target: $t" >&2; usage ;; esac
done

CC=${CC:-clang}
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-function -I$root/cgi"

# The cgi sources a target needs: every cgi/NAME.c whose NAME.h the target
# includes, directly or through other headers and sources (so a module split
# in cgi/ needs no change here). The C++ template shim is never a .c file.
sources() {
	todo=$(sed -n 's/^#include "\([a-z_]*\)\.h".*/\1/p' "$here/fuzz_$1.c")
	seen=" "
	while [ -n "$todo" ]; do
		set -- $todo
		m=$1
		shift
		todo=$*
		case $seen in *" $m "*) continue ;; esac
		seen="$seen$m "
		for f in "$root/cgi/$m.h" "$root/cgi/$m.c"; do
			[ -f "$f" ] && todo="$todo $(sed -n 's/^#include "\([a-z_]*\)\.h".*/\1/p' "$f")"
		done
	done
	for m in $seen; do [ -f "$root/cgi/$m.c" ] && echo "$m"; done
}
libs() {
	l="-lm -pthread"
	case " $* " in *" csvread "*) l="$l -lcsv" ;; esac
	case " $* " in *" multipart "*) l="$l $(pkg-config --cflags --libs gmime-3.0)" ;; esac
	echo "$l"
}
maxlen() {
	case $1 in
	import | multipart) echo 65536 ;;
	*) echo 4096 ;;
	esac
}

build() {
	mods=$(sources "$1")
	src="$here/fuzz_$1.c"
	for m in $mods; do src="$src $root/cgi/$m.c"; done
	echo "fuzz_$1:" $mods >"$out/fuzz_$1.build.log"
	# shellcheck disable=SC2046,SC2086
	$CC $CFLAGS $src $(libs $mods) -o "$out/fuzz_$1" >>"$out/fuzz_$1.build.log" 2>&1
}

# A value from libFuzzer's final stats, or 0.
stat_of() {
	v=$(sed -n "s/^stat::$1: *\([0-9][0-9]*\).*/\1/p" "$2" | tail -n 1)
	echo "${v:-0}"
}

mkdir -p "$out" || exit 1
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "$CC not found: install clang and libclang-rt-14-dev (libFuzzer)" >&2
	exit 1
fi
pass=0
fail=0
for t in $targets; do
	t=${t#fuzz_}
	if ! build "$t"; then
		sed -n 1,40p "$out/fuzz_$t.build.log" >&2
		grep -q "libclang_rt.fuzzer" "$out/fuzz_$t.build.log" &&
			echo "libFuzzer is missing: apt-get install libclang-rt-14-dev" >&2
		echo "fuzz $t: build failed (see build/fuzz/fuzz_$t.build.log)"
		fail=$((fail + 1))
		continue
	fi
	work="$out/work-$t"
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/tmp"
	cp "$here/corpus/$t"/* "$work/corpus/" 2>/dev/null
	touch "$work/start"
	start=$(date +%s)
	# -jobs=1 makes libFuzzer run the fuzzing in one child whose output goes
	# to fuzz-0.log in the current directory: run it inside the work dir.
	# The targets' scratch files go to work/tmp: libFuzzer ends with _Exit,
	# so they cannot remove them themselves.
	(cd "$work" && TMPDIR="$work/tmp" UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$out/fuzz_$t" \
		-workers=1 -jobs=1 -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$(maxlen "$t")" -dict="$here/fuzz_$t.dict" -print_final_stats=1 \
		-artifact_prefix="$out/fuzz_$t-" corpus >"$work/parent.log" 2>&1)
	rc=$?
	elapsed=$(($(date +%s) - start))
	log="$work/fuzz-0.log"
	[ -f "$log" ] || log="$work/parent.log"
	cp "$log" "$out/fuzz_$t.log"
	runs=$(stat_of number_of_executed_units "$log")
	crashes=$(find "$out" -maxdepth 1 -newer "$work/start" \( -name "fuzz_$t-crash-*" -o -name "fuzz_$t-leak-*" \
		-o -name "fuzz_$t-timeout-*" -o -name "fuzz_$t-oom-*" \) | wc -l)
	echo "fuzz $t: $runs runs in $elapsed s, $crashes crashes"
	if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		find "$out" -maxdepth 1 -newer "$work/start" -name "fuzz_$t-*-*" -type f | sed 's/^/  input: /'
		grep -m 1 -A 12 -E "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|property failed" \
			"$log" | sed 's/^/  /'
		[ "$crashes" -ne 0 ] || echo "  exit code $rc, see build/fuzz/fuzz_$t.log"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
