#!/usr/bin/env bats
# lr-log where people, disks and other users misbehave: what a killed
# run leaves, files others could have written, names that meet.

load helper

setup() {
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/data/lr/log.tsv"
	DIR="$BATS_TEST_TMPDIR/data/lr"
	RESULTS_HEADER=$(printf 'started\tsession\trecord\tstep\tid\tside\tsets\treps\thold_s\tactive_s\tstatus\tpain\tnote')
}

# $2 results rows of a made-up session $1, on stdout.
results() {
	printf '%s\n' "$RESULTS_HEADER"
	awk -v s="$1" -v n="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "2026-11-%02dT%02d:%02d:00+01:00\t%s\texercise\t%d\tcobra\tboth\t3\t0\t45\t45\tdone\t\t\n",
			    1 + i % 28, 8 + i % 12, i % 60, s, 1 + i % 999
	}'
}

log_rows() {
	sed 1d "$LR_LOG" | wc -l
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to make files of another user"
}

@test "D6: a pending spool whose last row has no newline keeps that row" {
	mkdir -p "$DIR/pending"
	results lost 4 | head -c -1 > "$DIR/pending/20261121T100000-99999.tsv"
	run lr-log --repair
	assert_success
	[ "$(log_rows)" -eq 4 ]
	[ ! -e "$DIR/rejected" ]
}

@test "D7: a pending spool with a bad row logs none of its rows, and is kept whole" {
	mkdir -p "$DIR/pending"
	results bad 4 | sed '3s/	done	/	finished	/' > "$DIR/pending/20261121T100000-99999.tsv"
	cp "$DIR/pending/20261121T100000-99999.tsv" spool.tsv
	results good 2 | lr-log
	[ "$(log_rows)" -eq 2 ]
	[ "$(cut -f2 "$LR_LOG" | sed 1d | sort -u)" = good ]
	cmp spool.tsv "$DIR"/rejected/*.tsv
}

@test "D5: two inputs refused in one second by one run get two names" {
	mkdir -p "$DIR/pending"
	results one 2 | sed '2s/	done	/	finished	/' > "$DIR/pending/20261121T100000-99998.tsv"
	results two 2 | sed '2s/	done	/	finished	/' > "$DIR/pending/20261121T100000-99999.tsv"
	run lr-log --repair
	[ "$(find "$DIR/rejected" -type f | wc -l)" -eq 2 ]
	[ "$(cat "$DIR"/rejected/*.tsv | cut -f2 | grep -c '^one$')" -eq 2 ]
	[ "$(cat "$DIR"/rejected/*.tsv | cut -f2 | grep -c '^two$')" -eq 2 ]
}

@test "D3: one journal for the log, whether reached by its path or a symlink" {
	results a 3 | lr-log -q
	ln -s "$LR_LOG" link.tsv
	# An append through the link leaves its journal by the real file.
	results b 2 | lr-log -q -f link.tsv
	[ "$(log_rows)" -eq 5 ]
	# A journal for another file (its inode) is never acted on.
	printf 'lr-log journal 2\nsize 10\nlength 5\nsum 0\ndev 1\nino 1\nend\n' > "$LR_LOG.journal"
	cp "$LR_LOG" before.tsv
	run lr-log -f link.tsv <(results c 1)
	assert_failure 1
	assert_output --partial 'a journal for another file'
	cmp before.tsv "$LR_LOG"
}

@test "D4: a journal another user wrote is refused, and the log stays whole" {
	need_root
	results a 3 | lr-log -q
	printf 'lr-log journal 1\nsize 10\nlength 5\nsum 0\nend\n' > "$LR_LOG.journal"
	chown 65534 "$LR_LOG.journal"
	cp "$LR_LOG" before.tsv
	run lr-log <(results b 1)
	assert_failure 1
	assert_output --partial 'not a journal lr-log wrote for you'
	cmp before.tsv "$LR_LOG"
	# Nor one that others could write to.
	chown 0 "$LR_LOG.journal"
	chmod 666 "$LR_LOG.journal"
	run lr-log <(results b 1)
	assert_failure 1
	cmp before.tsv "$LR_LOG"
}

@test "D4: files in pending/ another user could have put there are not logged as yours" {
	results a 1 | lr-log -q
	results planted 3 > "$DIR/planted.tsv"
	mkdir -p "$DIR/pending"
	cp "$DIR/planted.tsv" "$DIR/pending/20261121T100000-99999.tsv"
	chmod 666 "$DIR/pending/20261121T100000-99999.tsv"
	run lr-log --repair
	assert_output --partial 'not written by you'
	[ "$(log_rows)" -eq 1 ]
	# A pending/ others can write to is not read at all.
	chmod 644 "$DIR/pending/20261121T100000-99999.tsv"
	chmod 777 "$DIR/pending"
	run lr-log --repair
	assert_output --partial 'others can write to it: nothing in it is taken in'
	[ "$(log_rows)" -eq 1 ]
}

@test "D4: a log directory others can write to draws a warning" {
	results a 1 | lr-log -q
	chmod 777 "$DIR"
	run lr-log <(results b 1)
	assert_success
	assert_output --partial "warning: others can write to $DIR"
}
