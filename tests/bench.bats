#!/usr/bin/env bats
# The bench scripts still run, on small inputs: their figures are
# printed, not judged here (speed goals live in bench/, not in tests).

load helper

setup() {
	lr_setup
	command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
	command -v mawk >/dev/null || skip "mawk is not installed"
	command -v faketime >/dev/null || skip "faketime is not installed"
}

@test "bench/append.sh runs side by side with SQLite and prints every ratio" {
	# Early in a year, so that sessions dated in this year's later
	# months would be in the future and refused.
	# faketime preloads itself before an ASan build's runtime.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	    LR_BIN=$LR_BIN SIZES="100 2000" COPIES=1 STEADY=1 \
	    run faketime '2026-02-01 12:00:00' bash "$REPO/bench/append.sh"
	# PASS or FAIL is the machine's load; an error prints neither.
	assert_line --regexp '^ +100 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$'
	assert_line --regexp '^ +2000 '
	assert_line --regexp '^lr-log steady, 2000 rows / 100 rows: [0-9.]+ \(target 2 or less\)$'
	assert_line --regexp '^lr-log / SQLite at 2000 rows: [0-9.]+'
	assert_line --regexp '^four lr-log at once at 2000 rows: [0-9.]+ ms for all'
	assert_line --regexp '^(PASS|FAIL)$'
	refute_output --partial 'bench/append.sh:'
}
