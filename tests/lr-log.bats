#!/usr/bin/env bats
# lr-log: checked, all-or-nothing, never-twice appends to the log.

load helper

setup() {
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/data/lr/log.tsv"
}

@test "a session from the timer: one row per exercise and side, then nothing the second time" {
	lr-plan -R knee-pain | lr-timer --batch --speed 1000 2>/dev/null > results.tsv
	run lr-log results.tsv
	assert_success
	assert_output "lr-log: added 18 rows to $LR_LOG"
	[ "$(log_rows)" -eq 18 ]
	[ "$(head -n 1 "$LR_LOG")" = "$RESULTS_HEADER	logged" ]
	cp "$LR_LOG" before.tsv
	run lr-log < results.tsv
	assert_success
	assert_output "lr-log: nothing added: all the rows are already in $LR_LOG"
	cmp before.tsv "$LR_LOG"
}

@test "the whole pipeline records a session" {
	run bash -c 'lr-plan -R sciatica | lr-timer --batch --speed 1000 2>/dev/null | lr-log -q'
	assert_success
	assert_output ''
	[ "$(log_rows)" -eq 13 ]
	run lr-log --check
	assert_success
	assert_output "lr-log: $LR_LOG: 13 records, no problems"
}

@test "the log is private: 0600 in a 0700 directory, even with umask 000" {
	results a 3 > r.tsv
	(umask 000; lr-log -q r.tsv)
	[ "$(stat -c %a "$LR_LOG")" = 600 ]
	[ "$(stat -c %a "$(dirname "$LR_LOG")")" = 700 ]
	[ "$(stat -c %a "$(dirname "$(dirname "$LR_LOG")")")" = 700 ]
}

@test "a log others can read gets a warning" {
	results a 3 > r.tsv
	lr-log -q r.tsv
	chmod 644 "$LR_LOG"
	results b 3 > r2.tsv
	run lr-log -q r2.tsv
	assert_success
	assert_output --partial "warning: $LR_LOG can be read by others (mode 0644): chmod 600 it"
	run lr-log --check
	assert_output --partial 'can be read by others'
}

@test "the log's place: -f, LR_LOG, XDG_DATA_HOME, ~/.local/share" {
	results a 2 > r.tsv
	lr-log -q -f own.tsv r.tsv
	[ "$(sed 1d own.tsv | wc -l)" -eq 2 ]
	unset LR_LOG
	XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg" lr-log -q r.tsv
	[ -f "$BATS_TEST_TMPDIR/xdg/lr/log.tsv" ]
	lr-log -q r.tsv
	[ -f "$HOME/.local/share/lr/log.tsv" ]
	# A relative XDG_DATA_HOME is ignored, as the specification says.
	XDG_DATA_HOME=relative lr-log -q r.tsv
	[ ! -e relative ]
}

@test "one bad row: the log is byte for byte unchanged, every bad row named" {
	results a 5 > r.tsv
	lr-log -q r.tsv
	cp "$LR_LOG" before.tsv
	results b 6 | awk -F'\t' -v OFS='\t' '
		NR == 3 { $12 = "11" }
		NR == 4 { $1 = "2026-02-30T10:00:00+01:00" }
		NR == 5 { $11 = "finished" }
		NR == 6 { $7 = "-1" }
		1' > bad.tsv
	run lr-log bad.tsv
	assert_failure 1
	assert_line 'lr-log: bad.tsv:3: column "pain": expected nothing for a exercise record, got "11"'
	assert_line 'lr-log: bad.tsv:4: column "started": no such date, got "2026-02-30T10:00:00+01:00"'
	assert_line 'lr-log: bad.tsv:5: column "status": expected one of done, partial, skipped; got "finished"'
	assert_line 'lr-log: bad.tsv:6: column "sets": expected a whole number, got "-1"'
	cmp before.tsv "$LR_LOG"
}

@test "a pain rating out of range names file, line and column" {
	{
		printf '%s\n' "$RESULTS_HEADER"
		printf '2026-11-20T09:00:00+01:00\ts1\tpain\t0\t\t\t0\t0\t0\t0\tbefore\t11\t\n'
	} > pain.tsv
	run lr-log pain.tsv
	assert_failure 1
	assert_line 'lr-log: pain.tsv:2: column "pain": expected 0-10, got "11"'
}

@test "rejected input from a pipe is saved whole, and can be logged once fixed" {
	results a 4 | sed '3s/\t45\t45\t/\tlots\t45\t/' > bad.tsv
	run bash -c 'cat bad.tsv | lr-log'
	assert_failure 1
	assert_output --partial 'lr-log: <stdin>:3: column "hold_s": expected a whole number, got "lots"'
	saved=$(printf '%s\n' "$output" | sed -n 's/.*the input is saved in \([^:]*\): fix it.*/\1/p')
	[ -f "$saved" ]
	cmp bad.tsv "$saved"
	[ "$(stat -c %a "$saved")" = 600 ]
	[ ! -e "$LR_LOG" ] || [ "$(log_rows)" -eq 0 ]
	sed -i 's/\tlots\t/\t45\t/' "$saved"
	run lr-log "$saved"
	assert_success
	[ "$(log_rows)" -eq 4 ]
}

@test "hostile input is rejected, never half-logged" {
	results a 3 > good.tsv
	lr-log -q good.tsv
	cp "$LR_LOG" before.tsv
	: > empty.tsv
	printf 'started\tsession\n' > nocols.tsv
	sed 's/$/\r/' good.tsv > crlf.tsv
	{ head -n 2 good.tsv; printf 'x\000y\n'; } > nul.tsv
	{ head -n 2 good.tsv; sed -n 3p good.tsv | sed 's/cobra/co\xffbra/'; } > utf8.tsv
	{ head -n 2 good.tsv; head -c 70000 /dev/zero | tr '\0' a; echo; } > huge.tsv
	{ head -n 2 good.tsv; sed -n 3p good.tsv | cut -f 1-5; } > short.tsv
	{ head -n 2 good.tsv; sed -n 3p good.tsv | sed 's/\tdone\t/\tdone\\q\t/'; } > esc.tsv
	{ head -n 2 good.tsv; sed -n 3p good.tsv | sed 's/\t3\t0\t45/\t99999999999999999999\t0\t45/'; } > big.tsv
	for f in empty nocols nul utf8 huge short esc big; do
		run lr-log "$f.tsv"
		assert_failure 1
		assert_output --partial "$f.tsv"
		cmp before.tsv "$LR_LOG"
	done
	# CRLF is fine, and these rows are already there.
	run lr-log crlf.tsv
	assert_success
	assert_output --partial 'nothing added'
}

@test "rows given twice in one input are added once" {
	{ results a 3; results a 3 | sed 1d; } > twice.tsv
	run lr-log twice.tsv
	assert_success
	assert_line "lr-log: added 3 rows to $LR_LOG"
	assert_line 'lr-log: 3 rows were given twice in the input, added once'
}

@test "a batch that is partly in the log adds only the rest" {
	results a 5 > r.tsv
	head -n 3 r.tsv | lr-log -q
	run lr-log r.tsv
	assert_success
	assert_line "lr-log: added 3 rows to $LR_LOG"
	assert_line 'lr-log: 2 rows were already in the log and were not added again'
	[ "$(log_rows)" -eq 5 ]
}

@test "20 concurrent writers of 200 rows each leave exactly 4000 whole rows" {
	for w in $(seq 1 20); do results "writer$w" 200 > "w$w.tsv"; done
	for w in $(seq 1 20); do lr-log -q "w$w.tsv" & done
	wait
	[ "$(log_rows)" -eq 4000 ]
	[ "$(awk -F'\t' '{ print NF }' "$LR_LOG" | sort -u)" = 14 ]
	[ "$(sed 1d "$LR_LOG" | cut -f 2 | sort | uniq -c | awk '{ print $1 }' | sort -u)" = 200 ]
	[ "$(grep -c '^started	' "$LR_LOG")" -eq 1 ]
	run lr-log --check
	assert_success
	assert_output --partial '4000 records, no problems'
}

@test "concurrent writers through pipes too" {
	for w in $(seq 1 10); do results "p$w" 100 > "p$w.tsv"; done
	# A pipe, not a file, on standard input.
	# shellcheck disable=SC2002
	for w in $(seq 1 10); do (cat "p$w.tsv" | lr-log -q) & done
	wait
	[ "$(log_rows)" -eq 1000 ]
	[ -z "$(ls "$(dirname "$LR_LOG")/pending")" ]
}

@test "a writer killed with SIGKILL mid-append: the next run repairs, --check passes" {
	results base 100 > base.tsv
	lr-log -q base.tsv
	results big 60000 > big.tsv
	for delay in 0.05 0.1 0.15 0.2 0.25 0.3 0.4 0.5; do
		lr-log -q big.tsv &
		pid=$!
		sleep "$delay"
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		lr-log -q --repair || { lr-log --check; return 1; }
		n=$(log_rows)
		[ "$n" -eq 100 ] || [ "$n" -eq 60100 ] || { echo "$n rows after a kill at $delay s"; return 1; }
		[ "$n" -eq 100 ] || break
	done
	run lr-log --check
	assert_success
	# Whatever happened, the rows can be given again and land once.
	lr-log -q big.tsv
	[ "$(log_rows)" -eq 60100 ]
}

@test "an interrupted append is cut back by the next writer" {
	results a 10 > r.tsv
	lr-log -q r.tsv
	cp "$LR_LOG" before.tsv
	size=$(stat -c %s "$LR_LOG")
	# What a kill in the middle of an append leaves: a journal, and
	# part of a row.
	printf 'lr-log journal 1\nsize %d\nlength 500\nsum 1234\nend\n' "$size" > "$LR_LOG.journal"
	printf '2026-11-21T10:00:00+01:00\thalf-a-ro' >> "$LR_LOG"
	run lr-log --check
	assert_failure 1
	assert_output --partial 'an append was interrupted'
	results b 2 > r2.tsv
	run lr-log r2.tsv
	assert_success
	assert_output --partial 'an interrupted append was cut back'
	[ ! -e "$LR_LOG.journal" ]
	[ "$(log_rows)" -eq 12 ]
	cmp before.tsv <(head -n 11 "$LR_LOG")
	run lr-log --check
	assert_success
}

@test "a journal cut short before the append began is simply removed" {
	results a 3 > r.tsv
	lr-log -q r.tsv
	cp "$LR_LOG" before.tsv
	printf 'lr-log journal 1\nsize 1' > "$LR_LOG.journal"
	run lr-log --repair
	assert_success
	cmp before.tsv "$LR_LOG"
	[ ! -e "$LR_LOG.journal" ]
}

@test "rows a killed run had taken from a pipe are logged by the next run" {
	results a 3 > r.tsv
	lr-log -q r.tsv
	dir=$(dirname "$LR_LOG")
	mkdir -p "$dir/pending"
	results lost 4 > "$dir/pending/log.tsv.20261121T100000-99999.tsv"
	# and a torn line at its end, as a kill mid-read leaves
	printf '2026-11-21T10:00:00+01:00\tlost\texer' >> "$dir/pending/log.tsv.20261121T100000-99999.tsv"
	run lr-log --repair
	assert_success
	assert_output --partial 'a torn last line left by an interrupted run is kept in'
	[ "$(log_rows)" -eq 7 ]
	# The torn line is kept whole, not dropped.
	[ "$(cat "$dir"/rejected/*.torn)" = "$(printf '2026-11-21T10:00:00+01:00\tlost\texer')" ]
	# Nothing waits any more, and no empty pending/ is left behind.
	[ ! -e "$dir/pending" ]
}

@test "--repair with no log yet: the rows a killed run left are logged; with none, nothing to do" {
	dir=$(dirname "$LR_LOG")
	run lr-log --repair
	assert_success
	assert_output "lr-log: $LR_LOG: no log yet, and nothing waiting to be logged: nothing to repair"
	[ ! -e "$dir" ]
	mkdir -p "$dir/pending"
	results lost 4 > "$dir/pending/log.tsv.20261121T100000-99999.tsv"
	run lr-log --repair
	assert_success
	[ "$(log_rows)" -eq 4 ]
	[ ! -e "$dir/pending" ]
}

@test "input with a header and no rows adds nothing, makes no log and leaves nothing behind" {
	dir=$(dirname "$LR_LOG")
	run lr-log <<<"$RESULTS_HEADER"
	assert_success
	assert_output "lr-log: nothing to add: the input holds no rows"
	[ ! -e "$LR_LOG" ]
	[ -z "$(find "$dir" -mindepth 1 2>/dev/null)" ]
	results a 2 | lr-log -q
	cp "$LR_LOG" before.tsv
	run lr-log <<<"$RESULTS_HEADER"
	assert_success
	assert_output "lr-log: nothing to add: the input holds no rows"
	cmp before.tsv "$LR_LOG"
	[ ! -e "$dir/pending" ]
}

# Start lr-log reading a FIFO, with the signals at their defaults (a
# shell's background job would ignore SIGINT), and feed it the first
# two rows of a session; wait until they are safe in pending/.
start_piped_log() {
	mkfifo pipe
	env --default-signal=INT,TERM,HUP lr-log < pipe > out 2> err &
	LOG_PID=$!
	exec 7> pipe
	results s 5 | head -n 3 >&7
	for _ in $(seq 100); do
		[ "$(cat "$(dirname "$LR_LOG")"/pending/*.tsv 2>/dev/null | wc -l)" -eq 3 ] && return 0
		sleep 0.1
	done
	echo "the rows never reached pending/"
	return 1
}

@test "reading a pipe, Ctrl-C, SIGTERM and SIGHUP do not stop lr-log: the batch is finished, as tee -i does" {
	for sig in INT TERM HUP; do
		rm -f pipe
		start_piped_log
		kill -"$sig" "$LOG_PID"
		# The rest of the session still comes down the pipe.
		results s 5 | sed -n 4,6p >&7
		exec 7>&-
		wait "$LOG_PID"
		grep -q 'came while logging: the batch was finished first' err
		[ "$(log_rows)" -eq 5 ]
		[ ! -e "$(dirname "$LR_LOG")/pending" ]
	done
	# One session, five rows, each once.
	[ "$(cut -f2 "$LR_LOG" | sed 1d | sort -u)" = s ]
}

@test "a full disk leaves the log unchanged and the rows kept" {
	[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
	mkdir -p small
	mount -t tmpfs -o size=48k tmpfs small 2>/dev/null || skip "cannot mount a tmpfs here"
	export LR_LOG="$BATS_TEST_TMPDIR/small/log.tsv"
	export TMPDIR="$BATS_TEST_TMPDIR/tmp"
	mkdir -p "$TMPDIR"
	results a 100 > r.tsv
	lr-log -q r.tsv
	cp "$LR_LOG" before.tsv
	results b 2000 > big.tsv
	run bash -c 'cat big.tsv | lr-log'
	umount_rc=0
	status_was=$status
	cmp before.tsv "$LR_LOG" || { umount small; return 1; }
	[ ! -e "$LR_LOG.journal" ] || { umount small; return 1; }
	kept=$(printf '%s\n' "$output" | sed -n 's/.*the rows are kept in \([^:]*\): run.*/\1/p')
	umount small || umount_rc=$?
	[ "$status_was" -eq 1 ]
	grep -q 'No space left on device' <<<"$output"
	[ -f "$kept" ]
	cmp big.tsv "$kept"
	[ "$umount_rc" -eq 0 ]
}

@test "add: a manual record, doses from the catalog, one row per side" {
	run lr-log add bird-dog --date 2026-11-20 --note 'on the bed'
	assert_success
	[ "$(log_rows)" -eq 2 ]
	run awk -F'\t' 'NR > 1 { print $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13 }' "$LR_LOG"
	assert_line --regexp '^2026-11-20T12:00:00[+-][0-9]{2}:[0-9]{2} exercise 1 bird-dog left 1 10 30 60 done on the bed$'
	assert_line --regexp '^2026-11-20T12:00:00[+-][0-9]{2}:[0-9]{2} exercise 1 bird-dog right 1 10 30 60 done on the bed$'
	run lr-log add cobra --sets 2 --hold 20 --date yesterday
	assert_success
	tail -n 1 "$LR_LOG" | grep -q "^$(date -d yesterday +%F)T.*	cobra	both	2	0	40	40	done	"
	run lr-log add calf-raise --reps 12 --side left
	assert_success
	tail -n 1 "$LR_LOG" | grep -q '	calf-raise	left	1	12	0	48	done	'
	run lr-log --check
	assert_success
}

@test "add: an unknown id lists close matches" {
	run lr-log add brid-dog
	assert_failure 1
	assert_output --partial 'no exercise "brid-dog"; did you mean bird-dog'
	run lr-log add zzzzzzzzzz
	assert_failure 1
	assert_output --partial 'lr-list shows the ids'
	[ ! -e "$LR_LOG" ]
}

@test "pain: a check-in from 0 to 10" {
	run lr-log pain 3 --note 'after gardening'
	assert_success
	tail -n 1 "$LR_LOG" | grep -q '	pain	0			0	0	0	0	check	3	after gardening	'
	run lr-log pain 11
	assert_failure 2
	run lr-log pain -1
	assert_failure 2
	run lr-log pain three
	assert_failure 2
	run lr-log pain 5 --date 2026-02-30
	assert_failure 2
	assert_output --partial '--date: no such date'
	run lr-log pain 5 --date 2999-01-01
	assert_failure 2
	assert_output --partial 'in the future'
	run lr-log pain 5 --date 2026-11-01T08:30
	assert_success
	tail -n 1 "$LR_LOG" | grep -q '^2026-11-01T08:30:00'
}

@test "--check reports each problem with its line" {
	results a 4 > r.tsv
	lr-log -q r.tsv
	awk -F'\t' -v OFS='\t' 'NR == 3 { $8 = "x" } 1' "$LR_LOG" > t && cat t > "$LR_LOG"
	sed -n 2p "$LR_LOG" > dup.tsv
	cat dup.tsv >> "$LR_LOG"
	run lr-log --check
	assert_failure 1
	assert_line 'lr-log: '"$LR_LOG"':3: column "reps": expected a whole number, got "x"'
	assert_line 'lr-log: '"$LR_LOG"':6: the same record as line 2'
}

@test "usage errors exit 2" {
	run lr-log --sets 3
	assert_failure 2
	run lr-log add
	assert_failure 2
	run lr-log add cobra --sets 99
	assert_failure 2
	run lr-log add cobra --side middle
	assert_failure 2
	run lr-log --check extra.tsv
	assert_failure 2
	run lr-log --check --repair
	assert_failure 2
	run lr-log --bogus
	assert_failure 2
}

# Issue 16: dates as people type them.
@test "--date \"YYYY-MM-DD HH:MM\" is a local time, logged with its offset" {
	run lr-log add cobra --date "2021-01-03 23:30"
	assert_success
	started=$(tail -n 1 "$LR_LOG" | cut -f 1)
	[ "$started" = "2021-01-03T23:30:00$(date -d '2021-01-03 23:30' +%:z)" ]
	tail -n 1 "$LR_LOG" | grep -q '	exercise	1	cobra	both	'
	# Five and a half hours east of UTC, without the zone files.
	TZ=IST-5:30 run lr-log add cobra --date "2021-01-04 07:05"
	assert_success
	[ "$(tail -n 1 "$LR_LOG" | cut -f 1)" = "2021-01-04T07:05:00+05:30" ]
	run lr-log add cobra --date "2021-01-05 10:20:30-03:00"
	assert_success
	[ "$(tail -n 1 "$LR_LOG" | cut -f 1)" = "2021-01-05T10:20:30-03:00" ]
	run lr-log --check
	assert_success
}

@test "every --date error lists the forms --help lists" {
	help_forms=$(lr-log --help | awk '/^ +--note/ { on = 0 } /^ +--date WHEN/ { on = 1; sub(/^ +--date WHEN +/, "") } on' |
	    tr -s ' \n' '  ' | sed 's/ (default)//; s/^ //; s/ $//')
	[ -n "$help_forms" ]
	for d in soon "2021-01-03 24:00" 2026-02-30 "2021-01-03 23:30+15:00" \
	    "2021-01-03 23:30 junk" "2021-01-03 T23:30" "2021-01-03 23:30:" \
	    "2999-01-01 10:00Z"; do
		run lr-log pain 2 --date "$d"
		assert_failure 2
		[[ "${lines[0]}" == "lr-log: --date: "*", got \"$d\"; it takes "* ]]
		forms=${lines[0]#*\"; it takes }
		[ "${forms% (lr-log --help lists the options)}" = "$help_forms" ]
	done
	[ ! -e "$LR_LOG" ]
}

# Issue 15: a session done away from the timer is one session.

# The distinct values of column $1 of the log.
distinct() {
	column_of "$1" < "$LR_LOG" | sort -u | wc -l
}

# Column $2 of lr-report's TSV row for the ISO week $1.
report_week() {
	lr-report --week "$1" -F tsv | awk -F'\t' -v w="$1" -v name="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		$1 == w { print $c }'
}

@test "add ID...: one session, one time, rows in the order given, a side each" {
	run lr-log add bird-dog cobra glute-bridge cobra --date 2026-11-02 --note 'at the gym'
	assert_success
	session=$(column_of session < "$LR_LOG" | head -n 1)
	assert_line "lr-log: added 5 rows to $LR_LOG"
	assert_line "lr-log: session $session: add more to it with add --session $session"
	[ "$(log_rows)" -eq 5 ]
	[ "$(distinct session)" -eq 1 ]
	[ "$(distinct started)" -eq 1 ]
	[ "$(distinct note)" -eq 1 ]
	[[ $(column_of started < "$LR_LOG" | head -n 1) == 2026-11-02T12:00:00* ]]
	[ "$(column_of note < "$LR_LOG" | head -n 1)" = "at the gym" ]
	run awk -F'\t' 'NR > 1 { print $4, $5, $6, $7, $8, $9, $10, $11 }' "$LR_LOG"
	assert_output "1 bird-dog left 1 10 30 60 done
1 bird-dog right 1 10 30 60 done
2 cobra both 3 0 45 45 done
3 glute-bridge both 1 10 30 60 done
4 cobra both 3 0 45 45 done"
	run lr-report --week 2026-W45 -F tsv
	assert_success
	[ "$(report_week 2026-W45 sessions)" -eq 1 ]
	run lr-log --check
	assert_success
}

@test "add --routine: the routine's exercises at its doses, as the timer writes them, one session in the report" {
	run lr-log add --routine sciatica --date 2026-11-02
	assert_success
	[ "$(log_rows)" -eq 13 ]
	[ "$(distinct session)" -eq 1 ]
	[ "$(distinct id)" -eq 8 ]
	[ "$(distinct step)" -eq 8 ]
	run bash -c "lr-plan -R sciatica | cut -f 2 | sed 1d"
	assert_output "$(column_of id < "$LR_LOG" | uniq)"
	# The same rows, step to status, as a session through the timer.
	lr-plan -R sciatica | lr-timer --batch --speed 1000 2>/dev/null | cut -f 4-11 > timer.tsv
	[ "$(wc -l < timer.tsv)" -eq 14 ]
	cut -f 4-11 "$LR_LOG" | cmp - timer.tsv
	[ "$(report_week 2026-W45 sessions)" -eq 1 ]
	[ "$(report_week 2026-W45 'done')" -eq 8 ]  # exercises, not their 13 side rows
}

@test "add --session: rows join a session logged before, at its start and its next step" {
	lr-plan -R sciatica | lr-timer --batch --speed 1000 2>/dev/null | lr-log -q
	session=$(column_of session < "$LR_LOG" | head -n 1)
	first=$(column_of started < "$LR_LOG" | head -n 1)
	run lr-log add --session "$session" calf-raise --sets 2
	assert_success
	assert_output "lr-log: added 1 row to $LR_LOG"
	run lr-log add cobra bird-dog --session "$session" --date '2026-11-04 09:30' --note later
	assert_success
	[ "$(log_rows)" -eq 17 ]
	[ "$(distinct session)" -eq 1 ]
	run awk -F'\t' 'NR > 14 { print $4, $5, $6, $7, $8, $13 }' "$LR_LOG"
	assert_output "9 calf-raise both 2 20 
10 cobra both 3 0 later
11 bird-dog left 1 10 later
11 bird-dog right 1 10 later"
	[ "$(sed -n 15p "$LR_LOG" | cut -f 1)" = "$first" ]
	[[ $(sed -n 16p "$LR_LOG" | cut -f 1) == 2026-11-04T09:30:00* ]]
	run lr-log --check
	assert_success
}

@test "add --session: a session not in the log, or not a session id, is refused and nothing logged" {
	run lr-log add --session manual-20261102T080000-ab12 cobra
	assert_failure 1
	assert_output "lr-log: $LR_LOG: no row of the log has session \"manual-20261102T080000-ab12\": nothing was logged"
	[ ! -e "$LR_LOG" ]
	lr-log -q add cobra --date 2026-11-02
	cp "$LR_LOG" before.tsv
	run lr-log add --session manual-20261102T080000-ab12 cobra
	assert_failure 1
	assert_output --partial 'no row of the log has session "manual-20261102T080000-ab12"'
	run lr-log add --session 'two words' cobra
	assert_failure 2
	assert_output --partial '--session: expected a session id of 1 to 64 letters, digits and - _ . :, got "two words"'
	run lr-log add --session "$(printf '%065d' 0)" cobra
	assert_failure 2
	run lr-log add --session '' cobra
	assert_failure 2
	cmp before.tsv "$LR_LOG"
}

@test "add: an unknown id among several, or an unknown routine, is named and nothing is logged" {
	lr-log -q add cobra --date 2026-11-02
	cp "$LR_LOG" before.tsv
	run lr-log add cobra brid-dog supine-twist cobar
	assert_failure 1
	assert_line --partial 'no exercise "brid-dog"; did you mean bird-dog'
	assert_line --partial 'no exercise "cobar"; did you mean cobra'
	[ "${#lines[@]}" -eq 2 ]
	run lr-log add --routine sciatca
	assert_failure 1
	assert_output --partial 'no routine "sciatca"; the routines are: '
	assert_output --partial 'sciatica'
	cmp before.tsv "$LR_LOG"
}

@test "add: usage errors of several ids and routines exit 2 and log nothing" {
	run lr-log add --routine sciatica cobra
	assert_failure 2
	assert_output --partial '--routine logs the routine'"'"'s exercises, so no ids go with it'
	run lr-log add cobra bird-dog --sets 2
	assert_failure 2
	assert_output --partial '--sets, --reps, --hold and --side give one exercise'"'"'s dose'
	run lr-log add --routine sciatica --hold 30
	assert_failure 2
	run lr-log add cobra bird-dog --side left
	assert_failure 2
	run lr-log pain 3 --routine sciatica
	assert_failure 2
	run lr-log --session manual-1 a.tsv
	assert_failure 2
	run lr-log add --routine
	assert_failure 2
	# A dose no results row can hold: 20 x 100 reps of an hour each.
	run lr-log add cobra --sets 20 --reps 100 --hold 3600
	assert_failure 2
	assert_output --partial 'cobra at that dose is more than a results row holds'
	[ ! -e "$LR_LOG" ]
}

# Run the bash completion for a command line; print the candidates.
complete_bash() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		"$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/")"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$REPO/completions/lr.bash" "$@"
}

@test "completion: routine names after --routine, ids after the first, the new options" {
	run complete_bash lr-log add --routine sci
	assert_output 'sciatica'
	run complete_bash lr-log add --routine = sci
	assert_output 'sciatica'
	run complete_bash lr-log add cobra bird
	assert_output 'bird-dog'
	run complete_bash lr-log add --ro
	assert_output -- '--routine'
	run complete_bash lr-log add --ses
	assert_output -- '--session'
	if command -v fish >/dev/null; then
		run fish -c "source '$REPO/completions/lr-log.fish'; complete -C 'lr-log add --routine sci'"
		assert_output --regexp '^sciatica'
	fi
}
