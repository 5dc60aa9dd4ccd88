#!/usr/bin/env bats
# Rows never doubled, logs never left unreadable: cases fuzz/rows.c
# found.  An empty log is what a run killed between making the log and
# its first append leaves.

load helper

setup() {
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/data/lr/log.tsv"
	mkdir -p "$BATS_TEST_TMPDIR/data/lr"
	chmod 700 "$BATS_TEST_TMPDIR/data/lr"
	: >"$LR_LOG"
	chmod 600 "$LR_LOG"
}

@test "--check calls an empty log bad, and --repair removes it and its index" {
	run lr-log --check
	assert_failure 1
	assert_output --partial 'empty input'
	run lr-log --repair
	assert_success
	assert_output --partial 'held no rows: removed'
	[ ! -e "$LR_LOG" ]
	[ ! -e "$LR_LOG.index" ]
}

@test "an empty log reached through a symlink keeps the link: only the index goes" {
	ln -s "$LR_LOG" "$BATS_TEST_TMPDIR/link.tsv"
	run lr-log -f "$BATS_TEST_TMPDIR/link.tsv" - <<<"$RESULTS_HEADER"
	assert_success
	[ -L "$BATS_TEST_TMPDIR/link.tsv" ]
	[ -e "$LR_LOG" ]
	[ ! -e "$LR_LOG.index" ]
	# Rows through the link reach the log.
	results s1 2 | lr-log -f "$BATS_TEST_TMPDIR/link.tsv" -
	run lr-log --check
	assert_success
	assert_output --partial '2 records, no problems'
}

@test "after --repair of an empty log, rows are logged and --check passes" {
	run lr-log --repair
	assert_success
	run lr-log pain 3
	assert_success
	run lr-log --check
	assert_success
	assert_output --partial '1 record, no problems'
}

@test "an append of no rows to an empty log leaves no log behind" {
	run lr-log - <<<"$RESULTS_HEADER"
	assert_success
	[ ! -e "$LR_LOG" ]
	[ ! -e "$LR_LOG.index" ]
}

@test "an empty log takes rows as a new log would" {
	results s1 2 | lr-log -
	run lr-log --check
	assert_success
	assert_output --partial '2 records, no problems'
}

@test "a last row without a newline is found through the index, not logged twice" {
	rm "$LR_LOG"
	results s1 2 | lr-log -
	truncate -s -1 "$LR_LOG"
	# The first run reads the log whole and keeps the index.
	run lr-log - < <(results s1 2)
	assert_success
	assert_output --partial 'nothing added'
	# The second trusts the index, which points at the last line.
	run lr-log - < <(results s1 2)
	assert_success
	assert_output --partial 'nothing added'
	# The header and two rows (grep counts a last line with no newline).
	run grep -c '' "$LR_LOG"
	assert_output 3
}
