#!/usr/bin/env bats
# lr-log where people, disks and other users misbehave: what a killed
# run leaves, files others could have written, names that meet.

load helper

setup() {
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/data/lr/log.tsv"
	DIR="$BATS_TEST_TMPDIR/data/lr"
}

# Whatever a test leaves, lr-log --check and lr-report agree on its
# rows: both take the log, or both refuse it.  (A journal a test left,
# or planted, is --check's alone to report: it is put aside first.)
check_and_report_agree() {
	local check=0 report=0
	if [ ! -f "$LR_LOG" ] || [ -L "$LR_LOG" ]; then
		return 0
	fi
	chmod 600 "$LR_LOG"	# --check calls a readable log a problem
	rm -f "$LR_LOG.journal"
	lr-log --check >/dev/null 2>&1 || check=$?
	lr-report "$LR_LOG" >/dev/null 2>&1 || report=$?
	if [ "$check" -ne "$report" ]; then
		echo "lr-log --check exits $check, lr-report $report on:"
		cat -A "$LR_LOG" | head -n 20
		return 1
	fi
}

teardown() {
	local agree=0
	check_and_report_agree || agree=1
	if mountpoint -q "$BATS_TEST_TMPDIR/small" 2>/dev/null; then
		umount "$BATS_TEST_TMPDIR/small"
	fi
	return "$agree"
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to make files of another user"
}

@test "D6: a pending spool whose last row has no newline keeps that row" {
	mkdir -p "$DIR/pending"
	results lost 4 | head -c -1 > "$DIR/pending/log.tsv.20261121T100000-99999.tsv"
	run lr-log --repair
	assert_success
	[ "$(log_rows)" -eq 4 ]
	[ ! -e "$DIR/rejected" ]
}

@test "D7: a pending spool with a bad row logs none of its rows, and is kept whole" {
	mkdir -p "$DIR/pending"
	results bad 4 | sed '3s/	done	/	finished	/' > "$DIR/pending/log.tsv.20261121T100000-99999.tsv"
	cp "$DIR/pending/log.tsv.20261121T100000-99999.tsv" spool.tsv
	results good 2 | lr-log
	[ "$(log_rows)" -eq 2 ]
	[ "$(cut -f2 "$LR_LOG" | sed 1d | sort -u)" = good ]
	cmp spool.tsv "$DIR"/rejected/*.tsv
}

@test "D5: two inputs refused in one second by one run get two names" {
	mkdir -p "$DIR/pending"
	results one 2 | sed '2s/	done	/	finished	/' > "$DIR/pending/log.tsv.20261121T100000-99998.tsv"
	results two 2 | sed '2s/	done	/	finished	/' > "$DIR/pending/log.tsv.20261121T100000-99999.tsv"
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
	cp "$DIR/planted.tsv" "$DIR/pending/log.tsv.20261121T100000-99999.tsv"
	chmod 666 "$DIR/pending/log.tsv.20261121T100000-99999.tsv"
	run lr-log --repair
	assert_output --partial 'not written by you'
	[ "$(log_rows)" -eq 1 ]
	# A pending/ others can write to is not read at all.
	chmod 644 "$DIR/pending/log.tsv.20261121T100000-99999.tsv"
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

@test "D1: a log whose last row has no newline gets the next row on a line of its own" {
	lr-log -q pain 3
	truncate -s -1 "$LR_LOG"
	run lr-log pain 4
	assert_success
	run lr-log --check
	assert_success
	[ "$(log_rows)" -eq 2 ]
	[ "$(awk -F'\t' '{ print NF }' "$LR_LOG" | sort -u)" = 14 ]
	# A log of a header alone, with no newline, too.
	printf '%s\tlogged' "$RESULTS_HEADER" > "$LR_LOG"
	run lr-log pain 5
	assert_success
	run lr-log --check
	assert_success
	[ "$(log_rows)" -eq 1 ]
}

@test "D2: lr-log writes no row its own reader would refuse" {
	lr-log -q pain 1
	cp "$LR_LOG" before.tsv
	run lr-log pain 3 --note "$(printf 'apr\xe8s')"
	assert_failure 2
	assert_output --partial '--note: not valid UTF-8'
	run lr-log pain 3 --note "$(head -c 70000 /dev/zero | tr '\0' a)"
	assert_failure 2
	assert_output --partial 'over the 4096 a note may hold'
	# A row of 65,526 bytes is within the limit on its own, and over
	# it once "logged" is added.
	{ printf '%s\n' "$RESULTS_HEADER"
	  printf '2026-11-01T09:00:00+01:00\tlong\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t3\t%s\n' "$(head -c 65470 /dev/zero | tr '\0' a)"
	} > long.tsv
	[ "$(sed -n 2p long.tsv | wc -c)" -le 65537 ]
	run lr-log long.tsv
	assert_failure 1
	assert_output --partial 'long.tsv:2: the row would be'
	cmp before.tsv "$LR_LOG"
	run lr-log --check
	assert_success
}

@test "D8: a log that is a device, a directory or read-only: nothing parked where it should not be, and said" {
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR" adir
	results a 2 > r.tsv
	run bash -c 'lr-log -f /dev/full < r.tsv'
	assert_failure 1
	assert_output --partial '/dev/full: not a regular file'
	assert_output --partial 'the rows are kept in'
	[ ! -e /dev/pending ]
	kept=$(printf '%s\n' "$output" | sed -n 's/.*the rows are kept in \([^:]*\): .*/\1/p')
	cmp r.tsv "$kept"
	run bash -c 'lr-log -f adir < r.tsv'
	assert_failure 1
	assert_output --partial 'adir: not a regular file'
	[ ! -e pending ]
	mkfifo fifo
	run lr-log -f fifo r.tsv
	assert_failure 1
	assert_output --partial 'fifo: not a regular file'
}

@test "D9: standard input is bounded: no disk filled by a runaway pipe" {
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR"
	run bash -c 'yes | lr-log'
	assert_failure 1
	assert_output --partial 'standard input is over 16 MiB'
	[ -z "$(find "$DIR" "$TMPDIR" -type f 2>/dev/null)" ]
	[ ! -e "$DIR/pending" ]
}

@test "D10: --check on a device or a FIFO fails at once, never hangs" {
	mkfifo fifo
	run timeout 10 lr-log -f fifo --check
	assert_failure 1
	assert_output --partial 'not a regular file'
	run timeout 10 lr-log -f /dev/zero --check
	assert_failure 1
	assert_output --partial 'not a regular file'
}

@test "D14: --check calls a log others can read a problem" {
	lr-log -q pain 3
	chmod 644 "$LR_LOG"
	run lr-log --check
	assert_failure 1
	assert_output --partial 'can be read by others'
}

@test "D15: no append after a blank line or a bad row; --repair sets them aside in a file it names" {
	results a 3 | lr-log -q
	printf '\n' >> "$LR_LOG"
	results b 1 | sed 1d | sed 's/+01:00/ oops/' >> "$LR_LOG"
	cp "$LR_LOG" before.tsv
	run lr-log <(results c 1)
	assert_failure 1
	assert_output --partial '2 bad rows: nothing added'
	cmp before.tsv "$LR_LOG"
	run lr-log --repair
	assert_success
	assert_output --partial '2 rows the reader refuses set aside in'
	aside=$(printf '%s\n' "$output" | sed -n 's/.*set aside in \([^:]*\): .*/\1/p')
	# The header, then the two lines as they were.
	[ "$(sed -n 1p "$aside")" = "$(head -n 1 before.tsv)" ]
	[ "$(sed 1d "$aside")" = "$(tail -n 2 before.tsv)" ]
	[ "$(log_rows)" -eq 3 ]
	run lr-log <(results c 1)
	assert_success
	[ "$(log_rows)" -eq 4 ]
	# A missing final newline is ended.
	truncate -s -1 "$LR_LOG"
	run lr-log --repair
	assert_success
	assert_output --partial 'the last line had no newline: ended it'
	[ "$(tail -c 1 "$LR_LOG" | od -An -c | tr -d ' ')" = '\n' ]
}

@test "D17: -f with an empty name is a usage error" {
	run lr-log -f '' pain 3
	assert_failure 2
	assert_output --partial 'an empty name is no log'
}

@test "the index beside the log: rows already in the log are found through it, and after a hand edit too" {
	results a 5 > a.tsv
	lr-log -q a.tsv
	[ -f "$LR_LOG.index" ]
	[ "$(stat -c %a "$LR_LOG.index")" = 600 ]
	run lr-log a.tsv
	assert_success
	assert_output "lr-log: nothing added: all the rows are already in $LR_LOG"
	# A row added by hand changes the log under the index: it is not
	# trusted, the log is read whole, and the row is found.
	results b 1 | sed 1d | sed 's/$/\t2026-11-30T10:00:00+01:00/' >> "$LR_LOG"
	run lr-log <(results b 1)
	assert_success
	assert_output --partial 'nothing added'
	[ "$(log_rows)" -eq 6 ]
	run lr-log --check
	assert_success
}

@test "an index that is a symlink is not followed, and the log is read instead" {
	results a 3 > a.tsv
	lr-log -q a.tsv
	rm "$LR_LOG.index"
	ln -s /etc/passwd "$LR_LOG.index"
	cp /etc/passwd passwd.before
	run lr-log a.tsv
	assert_success
	assert_output --partial 'not an index lr-log made for you'
	assert_output --partial 'nothing added'
	cmp /etc/passwd passwd.before
	[ "$(log_rows)" -eq 3 ]
}

@test "D10: a log held locked by another process: lr-log names it, waits, and gives up with a message" {
	lr-log -q pain 1
	mkfifo release
	flock "$LR_LOG" -c 'touch locked; cat release > /dev/null' &
	holder=$!
	for _ in $(seq 100); do
		[ -e locked ] && break
		sleep 0.1
	done
	[ -e locked ]
	LR_LOCK_TIMEOUT=1 run lr-log pain 2
	assert_failure 1
	assert_output --regexp "is in use by process [0-9]+ \((flock|sh|cat)\): waiting up to 1 s"
	assert_output --partial 'still in use after 1 s: nothing was done'
	: > release
	wait "$holder"
	run lr-log pain 2
	assert_success
	[ "$(log_rows)" -eq 2 ]
}

@test "D17: messages stay on one line; a catalog with errors records nothing; a row from the future is refused; a relative HOME is named" {
	run lr-log add "$(printf 'cob\nra')"
	assert_failure 1
	assert_output --partial 'no exercise "cob\nra"; did you mean cobra'
	[ "${#lines[@]}" -eq 1 ]
	{ cat "$CATALOG"; printf 'broken\trow\n'; } > bad-catalog.tsv
	run lr-log add cobra --catalog bad-catalog.tsv
	assert_failure 1
	assert_output --partial 'the catalog has errors: nothing recorded'
	[ ! -e "$LR_LOG" ]
	{ printf '%s\n' "$RESULTS_HEADER"
	  printf '9999-01-01T09:00:00+00:00\ts\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t3\t\n'
	} > future.tsv
	run lr-log future.tsv
	assert_failure 1
	assert_output --partial 'future.tsv:2: column "started": a time in the future'
	run env -u LR_LOG -u XDG_DATA_HOME HOME=relative lr-log pain 3
	assert_failure 1
	assert_output --partial 'HOME is "relative", not an absolute path'
}

@test "D16: --export csv gives CSV tools every record whole, a note starting with a quote and all" {
	lr-log -q pain 3 --note '"stiff" after the bus, then fine'
	lr-log -q pain 4 --note "$(printf 'two\nlines')"
	lr-log -q pain 5
	run lr-log --export csv
	assert_success
	printf '%s\n' "$output" > log.csv
	# Miller reads CSV as RFC 4180 says: three records, the notes whole.
	[ "$(mlr --icsv --ojsonl cat log.csv | wc -l)" -eq 3 ]
	[ "$(mlr --icsv --onidx --ofs tab cut -f note 'then' head -n 1 log.csv)" = '"stiff" after the bus, then fine' ]
	[ "$(mlr --icsv --ojson cut -f note 'then' filter 'NR == 2' log.csv | grep -c 'two\\nlines')" -eq 1 ]
	run lr-log --export json
	assert_failure 2
	run lr-log --export csv extra.tsv
	assert_failure 2
	printf '\n' >> "$LR_LOG"
	run lr-log --export csv
	assert_failure 1
	assert_output --partial 'stopped at a bad row'
}

# A tmpfs of 64 KiB for the log (root only); skip where that cannot be.
small_disk() {
	[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
	mkdir -p small
	mount -t tmpfs -o size=64k,mode=0700 tmpfs small 2>/dev/null || skip "cannot mount a tmpfs here"
	export LR_LOG="$BATS_TEST_TMPDIR/small/log.tsv"
}

@test "D12: rows that wait in pending/ after a full disk are logged by the next run, as the message says" {
	small_disk
	results a 10 | lr-log -q
	results b 500 > b.tsv
	run bash -c 'lr-log < b.tsv'
	assert_failure 1
	assert_output --partial 'No space left on device'
	kept=$(printf '%s\n' "$output" | sed -n 's/.*the rows wait in \([^:]*\): the next lr-log.*/\1/p')
	cmp b.tsv "$kept"
	# Room again: the next run takes them in, as it said.
	mount -o remount,size=4m small
	run lr-log --repair
	assert_success
	[ "$(log_rows)" -eq 510 ]
	[ ! -e "$kept" ]
}

@test "D13: with no room beside the log nor in TMPDIR, standard input comes back on standard output" {
	small_disk
	export TMPDIR="$BATS_TEST_TMPDIR/small"
	results a 1 | lr-log -q
	results b 2000 > big.tsv
	run --separate-stderr bash -c 'lr-log < big.tsv'
	printf '%s\n' "$output" > back.tsv
	left=$(find small -name '*.tsv' ! -name log.tsv | wc -l)
	[ "$status" -eq 1 ]
	grep -q 'no room anywhere to keep standard input' <<<"$stderr"
	cmp big.tsv back.tsv
	[ "$left" -eq 0 ]
}

# What a run killed while reading a pipe leaves in pending/: wait
# until lr-log, reading rows.tsv from a FIFO for the log $1, has kept
# it all, then kill it.
kill_piped_log() {
	local log=$1 want pid
	want=$(wc -c < rows.tsv)
	mkfifo in
	lr-log -f "$log" < in > /dev/null 2>&1 &
	pid=$!
	exec 7> in
	cat rows.tsv >&7
	for _ in $(seq 100); do
		if [ "$(find . -path '*/pending/*.tsv' -exec cat {} + | wc -c)" -eq "$want" ]; then
			kill -9 "$pid"
			wait "$pid" || true
			exec 7>&-
			return 0
		fi
		sleep 0.1
	done
	echo "the rows never reached pending/"
	return 1
}

@test "D3: rows a killed run took through a symlink wait beside the real log, and the next run logs them" {
	mkdir R L
	lr-log -q -f R/log.tsv pain 1
	ln -s ../R/log.tsv L/link.tsv
	results piped 3 > rows.tsv
	kill_piped_log L/link.tsv
	[ ! -e L/pending ]
	run lr-log -f L/link.tsv pain 3
	assert_success
	assert_output --partial 'taking in rows left by an interrupted run'
	[ "$(sed 1d R/log.tsv | wc -l)" -eq 5 ]
	[ "$(cut -f2 R/log.tsv | grep -c '^piped$')" -eq 3 ]
	[ ! -e R/pending ]
	[ ! -e L/pending ]
}

@test "D4: rows waiting in pending/ for one log of a directory are not taken into another" {
	lr-log -q -f clinic/anna.tsv pain 1
	mkdir clinic/pending
	results anna 3 > clinic/pending/anna.tsv.20261121T100000-99999.tsv
	chmod 600 clinic/pending/anna.tsv.20261121T100000-99999.tsv
	run lr-log -f clinic/ben.tsv pain 3
	assert_success
	[ "$(sed 1d clinic/ben.tsv | wc -l)" -eq 1 ]
	[ -e clinic/pending/anna.tsv.20261121T100000-99999.tsv ]
	# anna's next run takes them in.
	run lr-log -f clinic/anna.tsv pain 2
	assert_success
	[ "$(cut -f2 clinic/anna.tsv | grep -c '^anna$')" -eq 3 ]
	[ ! -e clinic/pending ]
}

@test "D4: saved input is named after its log: pending/, rejected/ and a torn line alike" {
	{ results piped 2; printf '2026-11-21T10:00:00+01:00\tpiped\texer'; } > rows.tsv
	lr-log -q -f clinic/ben.tsv pain 1
	kill_piped_log clinic/ben.tsv
	run find clinic/pending -type f
	assert_output --regexp '^clinic/pending/ben\.tsv\.[0-9]{8}T[0-9]{6}-[0-9]+\.tsv$'
	run lr-log -f clinic/ben.tsv --repair
	assert_success
	run find clinic/rejected -type f
	assert_output --regexp '^clinic/rejected/ben\.tsv\.[0-9]{8}T[0-9]{6}-[0-9]+\.torn$'
	results bad 1 | sed 's/	done	/	bogus	/' > bad.tsv
	run bash -c 'lr-log -f clinic/ben.tsv < bad.tsv'
	assert_failure 1
	[ "$(find clinic/rejected -name 'ben.tsv.*.tsv' | wc -l)" -eq 1 ]
}

@test "D4: a file an older lr-log left in pending/ is taken in only when no other log shares the directory" {
	lr-log -q -f clinic/anna.tsv pain 1
	lr-log -q -f clinic/ben.tsv pain 1
	mkdir clinic/pending
	results old 3 > clinic/pending/20261121T100000-99999.tsv
	chmod 600 clinic/pending/20261121T100000-99999.tsv
	run lr-log -f clinic/ben.tsv pain 3
	assert_success
	assert_output --partial "clinic/pending/20261121T100000-99999.tsv: left by an older lr-log"
	assert_output --partial "lr-log -f LOG $BATS_TEST_TMPDIR/clinic/pending/20261121T100000-99999.tsv"
	[ "$(cut -f2 clinic/ben.tsv | grep -c '^old$')" -eq 0 ]
	[ "$(cut -f2 clinic/anna.tsv | grep -c '^old$')" -eq 0 ]
	[ -e clinic/pending/20261121T100000-99999.tsv ]
	# With no other log beside it, it can only be this log's.
	rm clinic/anna.tsv clinic/anna.tsv.index
	run lr-log -f clinic/ben.tsv pain 4
	assert_success
	[ "$(cut -f2 clinic/ben.tsv | grep -c '^old$')" -eq 3 ]
	[ ! -e clinic/pending ]
}

@test "D17: the file a refused pipe is saved in is named quoted, ready to paste" {
	export LR_LOG="$BATS_TEST_TMPDIR/my data/log.tsv"
	results bad 1 | sed 's/	done	/	bogus	/' > bad.tsv
	run bash -c 'lr-log < bad.tsv'
	assert_failure 1
	cmd=$(printf '%s\n' "$output" | sed -n 's/.*: fix it and run //p')
	[ -n "$cmd" ]
	sed -i 's/	bogus	/	done	/' "$BATS_TEST_TMPDIR/my data/rejected/"*
	run eval "$cmd"
	assert_success
	[ "$(log_rows)" -eq 1 ]
}

@test "D2: a row refused before there is a log makes no log and no index" {
	{ printf '%s\n' "$RESULTS_HEADER"
	  printf '2026-11-01T09:00:00+01:00\tlong\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t3\t%s\n' "$(head -c 65470 /dev/zero | tr '\0' a)"
	} > long.tsv
	run lr-log long.tsv
	assert_failure 1
	assert_output --partial 'long.tsv:2: the row would be'
	[ ! -e "$LR_LOG" ]
	[ ! -e "$LR_LOG.index" ]
	run lr-log pain 3
	assert_success
	run lr-log --check
	assert_success
}

@test "a log with a line of 300,000 NUL bytes: refused, set aside by --repair, then appended to" {
	lr-log -q pain 3
	head -c 300000 /dev/zero >> "$LR_LOG"
	echo >> "$LR_LOG"
	run lr-log pain 5
	assert_failure 1
	assert_output --partial 'log.tsv:3: line longer than 65536 bytes'
	run lr-log --repair
	assert_success
	assert_output --partial '1 row the reader refuses set aside in'
	run lr-log pain 5
	assert_success
	run lr-log --check
	assert_success
	assert_output --partial '2 records, no problems'
}

@test "D3: a chain of absolute symlinks to a log not made yet: named, input kept beside the last target, logged once it exists" {
	t=$BATS_TEST_TMPDIR
	mkdir -m 700 "$t/data" "$t/real"
	ln -s "$t/mid.tsv" "$t/data/log.tsv"
	ln -s "$t/real/final.tsv" "$t/mid.tsv"
	run lr-log -f "$t/data/log.tsv" pain 3
	assert_failure 1
	assert_output --partial 'data/log.tsv: a symbolic link to a file that is not there'
	# Bad piped input is kept beside the end of the chain, not the middle.
	printf '%s\nnot\ta\trow\n' "$RESULTS_HEADER" | {
		run lr-log -f "$t/data/log.tsv"
		assert_failure 1
	}
	compgen -G "$t/real/rejected/final.tsv.*.tsv" >/dev/null
	[ ! -e "$t/rejected" ]
	touch "$t/real/final.tsv"
	chmod 600 "$t/real/final.tsv"
	run lr-log -f "$t/data/log.tsv" pain 3
	assert_success
	[ "$(awk -F'\t' '$3 == "pain"' "$t/real/final.tsv" | wc -l)" -eq 1 ]
}
