#!/bin/sh
# make test: the unit tests and the Bats suite on the normal build and
# on the one with AddressSanitizer and UndefinedBehaviorSanitizer, the
# two side by side (one a core), each line marked with its build as it
# comes, so that progress shows; fails when either fails, and then
# repeats what failed at the end, where a short log tail still shows it.
set -u
cd "$(dirname "$0")/.." || exit 2
make=${MAKE:-make}
status=$(mktemp -d "${TMPDIR:-/tmp}/lr-test.XXXXXX")
trap 'rm -rf "$status"' EXIT

run() {
	{ "$make" --no-print-directory "$1" 2>&1; echo $? > "$status/$1"; } |
	    tee "$status/$1.log" | sed -u "s/^/$2/"
}

# What failed: each "not ok" with the diagnostic lines under it, or,
# when no test failed, the last lines (a build or unit-test failure).
failures() {
	if grep -q '^not ok' "$1"; then
		awk '/^not ok/ { show = 1; print; next }
		     /^(ok|not ok) / { show = 0 }
		     show && /^#/ { print }' "$1" | head -n 60
	else
		tail -n 20 "$1"
	fi
}

run check 'plain | ' &
run check-asan 'asan  | ' &
wait
rc=0
for t in check check-asan; do
	s=$(cat "$status/$t" 2>/dev/null || echo 1)
	if [ "$s" -ne 0 ]; then
		echo "make test: make $t failed:" >&2
		failures "$status/$t.log" >&2
		rc=1
	fi
done
[ "$rc" -eq 0 ] && echo "make test: all passed, on both builds"
exit "$rc"
