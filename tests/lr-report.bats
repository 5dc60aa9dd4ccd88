#!/usr/bin/env bats
# lr-report: weekly figures worked out by hand, the warnings, the
# formats, ranges, cron, and bad input.

load helper

setup() {
	lr_setup
	NY="$BATS_TEST_DIRNAME/data/new-year.tsv"
	DST="$BATS_TEST_DIRNAME/data/dst.tsv"
	HEADER=$(printf 'started\tsession\trecord\tstep\tid\tside\tsets\treps\thold_s\tactive_s\tstatus\tpain\tnote\tlogged')
}

# A log of weeks from Monday $1: each further argument is a week, as
# SESSIONS:PAIN (PAIN empty for no rating).  Each session is one
# exercise done, 60 s, on the days from Monday on; the pain is a
# check-in on Monday morning.
weeks_log() {
	local monday=$1 i=0 spec n p d day
	shift
	printf '%s\n' "$HEADER"
	for spec in "$@"; do
		n=${spec%%:*} p=${spec#*:}
		for ((d = 0; d < n; d++)); do
			day=$(date -d "$monday +$((7 * i + d)) days" +%F)
			printf '%sT18:00:00+01:00\tw%d-%d\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n' "$day" "$i" "$d"
		done
		if [ -n "$p" ]; then
			day=$(date -d "$monday +$((7 * i)) days" +%F)
			printf '%sT08:00:00+01:00\tc%d\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t%s\t\t\n' "$day" "$i" "$p"
		fi
		i=$((i + 1))
	done
}

@test "weekly figures worked out by hand, across week 53 and New Year" {
	run lr-report --today 2027-01-06 -w 3 --format tsv "$NY"
	assert_success
	assert_line --index 0 "$(printf 'week\tmonday\tsessions\tactive_days\tactive_min\tdone\tpartial\tskipped\tcompletion\ttarget\tadherence\tpain_before\tpain_after\tpain_check\tpain_avg\tpain_change\tminutes_change\tstopped\twarnings')"
	# W52: sessions A and B; Monday and Wednesday; 45+60+30+30 s;
	# cobra, bird-dog left and cat-cow done, bird-dog right partial,
	# glute-bridge skipped; pain 4 before, 6 after, 5 the next day.
	# The week's warnings come last, one a line in the field.
	assert_line --index 1 --partial "$(printf '2026-W52\t2026-12-21\t2\t2\t2.8\t3\t1\t1\t0.60\t4\t0.50\t4.0\t6.0\t5.0\t5.0\t\t+2.8\t0\tPain rose from 4 to 6 in the session of 2026-12-21')"
	# W53 (Mon 28 Dec to Sun 3 Jan): session C, counted in the week of
	# its first row, Sunday 23:50; its 00:05 row is Monday's and goes
	# to W01.  The check-in at 23:30-05:00 is Sunday's, though it is
	# Monday in UTC.
	assert_line --index 2 --partial "$(printf '2026-W53\t2026-12-28\t1\t1\t0.8\t1\t0\t0\t1.00\t4\t0.25\t\t\t3.0\t3.0\t-2.0\t-2.0\t0\tFewer sessions than the target')"
	# W01: session D on Tuesday; Monday's 00:05 row of C; the check-in
	# at 00:30+02:00 is Monday's, though it is Sunday in UTC.
	assert_line --index 3 "$(printf '2027-W01\t2027-01-04\t1\t2\t1.8\t2\t0\t0\t1.00\t4\t0.25\t\t\t2.0\t2.0\t-1.0\t+1.0\t0\t')"
	[ "${#lines[@]}" -eq 4 ]
}

@test "a daylight-saving change: each record in its own local date" {
	run lr-report --week 2026-W13 --format tsv "$DST"
	assert_success
	# Saturday, then Sunday 01:30+01:00 and 03:30+02:00: one day.
	assert_line --index 1 --regexp "^2026-W13	2026-03-23	3	2	2.0	3	0	0	"
	run lr-report --week 2026-W14 --format tsv "$DST"
	assert_line --index 1 --regexp "^2026-W14	2026-03-30	1	1	0.8	1	0	0	"
}

@test "the text report: table, totals, bars, pain line, warnings, disclaimer" {
	LC_ALL=C run lr-report --today 2027-01-06 -w 3 "$NY"
	assert_success
	assert_line --index 0 'lr report, 2026-12-21 to 2027-01-10 (3 weeks)'
	assert_line '2026-W52 12-21   2   2    3    3   1   1  60%  50%  4.0>6.0  5.0   +3     -'
	assert_line 'total            4   5    5    6   1   1  75%  33%  4.0>6.0  3.3'
	assert_line 'Minutes of exercise per week'
	assert_line --regexp '^2026-W52  #{50} 3$'
	assert_line --regexp '^2026-W52  \|-{25}\* +5\.0$'
	assert_line 'This report is information for you and your physiotherapist, not a diagnosis.'
	[ "$(grep -c 'not a diagnosis' <<<"$output")" -eq 1 ]
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
}

@test "the markdown report" {
	run lr-report --today 2027-01-06 -w 3 --format md "$NY"
	assert_success
	assert_line '# lr report, 2026-12-21 to 2027-01-10'
	assert_line '| 2026-W52 | 2026-12-21 | 2 | 2 | 3 | 3 | 1 | 1 | 60% | 50% | 4.0>6.0 | 5.0 | +3 | - |'
	assert_line '| **Total** | | **4** | **5** | **5** | **6** | **1** | **1** | | | | | | |'
	assert_line '## Warnings'
	assert_line --regexp '^- Pain rose from 4 to 6'
	assert_line '*This report is information for you and your physiotherapist, not a diagnosis.*'
}

@test "warning: pain a session raised that had not settled the next day" {
	run lr-report --today 2027-01-06 -w 3 -F md "$NY"
	assert_output --partial 'Pain rose from 4 to 6 in the session of 2026-12-21 and was still 5 at the first rating on 2026-12-22.'
	# Settled back to 4 by the next morning: no warning.
	sed 's/\tcheck\t5\t/\tcheck\t4\t/' "$NY" > settled.tsv
	run lr-report --today 2027-01-06 -w 3 settled.tsv
	refute_output --partial 'Pain rose'
}

@test "warning: pain rising three weeks running" {
	weeks_log 2026-10-05 4:2 4:3 4:5 > rising.tsv
	run lr-report --today 2026-10-25 -w 3 -F md rising.tsv
	assert_output --partial 'Pain is rising: its weekly average went from 2.0 in 2026-W41 (from 2026-10-05) to 3.0 in 2026-W42 (from 2026-10-12) and 5.0 in 2026-W43 (from 2026-10-19).'
	weeks_log 2026-10-05 4:2 4:5 4:3 > wavy.tsv
	run lr-report --today 2026-10-25 -w 3 wavy.tsv
	refute_output --partial 'Pain is rising'
}

@test "the sciatica article's six-week rule: pain not gone after more than six weeks" {
	# Seven full weeks of regular sessions (cobra: a sciatica
	# exercise), pain still there, though falling: see a doctor.
	weeks_log 2026-09-07 4:6 4:6 5:5 4:5 4:5 4:5 4:5 > seven.tsv
	run lr-report --today 2026-10-26 -w 8 -F md seven.tsv
	assert_output --partial '7 weeks of regular exercise, 2026-W37 (from 2026-09-07) to 2026-W43 (from 2026-10-19), and the pain has not gone (up to 5 in the week of 2026-10-19). The sciatica article (002_ae89acf58824fd98.txt): when pain has not gone after more than six weeks of regular exercise, see a doctor.'
	# Two sessions a week are regular (half the target of 4).
	weeks_log 2026-09-07 2:6 2:6 2:5 2:5 2:5 2:5 2:5 > twice.tsv
	run lr-report --today 2026-10-26 -w 8 twice.tsv
	assert_output --partial '7 weeks of regular exercise'
	# The pain has gone: nothing to warn of.
	weeks_log 2026-09-07 4:6 4:6 5:5 4:4 4:3 4:1 4:0 > gone.tsv
	run lr-report --today 2026-10-26 -w 8 gone.tsv
	refute_output --partial 'regular exercise'
	# Six weeks are not more than six.
	weeks_log 2026-09-07 4:4 5:4 4:5 4:4 4:4 4:5 > six.tsv
	run lr-report --today 2026-10-19 -w 6 six.tsv
	refute_output --partial 'regular exercise'
	# A week of one session breaks the run.
	weeks_log 2026-09-07 4:4 5:4 1:5 4:4 4:4 4:5 4:5 > gap.tsv
	run lr-report --today 2026-10-26 -w 8 gap.tsv
	refute_output --partial 'weeks of regular exercise'
	# Not a rule of the knee article: silent for a knee log, and when
	# the person says the condition is another.
	sed 's/\tcobra\t/\theel-calf-stretch\t/' seven.tsv > knee.tsv
	run lr-report --today 2026-10-26 -w 8 knee.tsv
	refute_output --partial 'regular exercise'
	run lr-report --today 2026-10-26 -w 8 --condition knee-pain seven.tsv
	refute_output --partial 'regular exercise'
	run lr-report --today 2026-10-26 -w 8 -c sciatica knee.tsv
	assert_output --partial '7 weeks of regular exercise'
}

@test "pain not settled the next day: each condition's own article" {
	# The new-year log holds sciatica exercises: the sciatica article.
	run lr-report --today 2027-01-06 -w 3 -F md "$NY"
	assert_output --partial 'The sciatica article (002_ae89acf58824fd98.txt): stop at once when pain is sharp, shooting or getting worse'
	refute_output --partial 'knee'
	# For knee pain, the knee article's next-day rule.
	run lr-report --today 2027-01-06 -w 3 -F md -c knee-pain "$NY"
	assert_output --partial 'The knee pain article (004_af18e76644b40d20.txt): pain after exercise should settle by the next day'
	refute_output --partial 'The sciatica article (002_ae89acf58824fd98.txt): stop'
	run lr-report -c elbow "$NY"
	assert_failure 2
	assert_output --partial 'unknown condition "elbow"'
}

@test "a stop on the safety screen leads the report of its week, in every format" {
	{
		printf '%s\n' "$HEADER"
		printf '2026-10-12T18:00:00+01:00\ta\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n'
		printf '2026-10-21T08:10:00+01:00\tb\tscreen\t0\t\t\t0\t0\t0\t0\tstop\t\tleg-colour=yes,weight=no,fever=yes\t\n'
	} > stop.tsv
	# The Monday after: the stop is the first warning, with its date,
	# the signs and the advice, the most urgent first.
	run lr-report --today 2026-10-26 --last-week stop.tsv
	assert_success
	refute_output --partial 'Nothing was logged'
	[ "$(printf '%s\n' "$output" | grep -A1 '^Warnings$' | tail -n 1 | cut -c1-36)" = '  - No session on 2026-10-21: a warn' ]
	flat=$(printf '%s' "$output" | tr '\n' ' ' | tr -s ' ')
	grep -q 'No session on 2026-10-21: a warning sign stopped it. Answered yes: Is a leg swollen, red or hot, or pale and cold? Do you have a fever? A swollen, red, hot, or pale and cold leg can mean a blood clot or an infection. Get medical help right away. Leg pain with a fever' <<<"$flat"
	# A week the person was told not to exercise is not one under
	# the target.
	refute_output --partial 'Fewer sessions'
	run lr-report --today 2026-10-26 --last-week -F md stop.tsv
	[ "$(printf '%s\n' "$output" | grep -A1 '^## Warnings$' | sed -n 2p | cut -c1-40)" = '- **No session on 2026-10-21: a warning ' ]
	run lr-report --today 2026-10-26 --last-week -F tsv stop.tsv
	assert_line --index 1 --partial "$(printf '\t1\tNo session on 2026-10-21: a warning sign stopped it.')"
	# A stop and nothing else in a week is still something logged.
	sed -i '2d' stop.tsv
	run lr-report --today 2026-10-26 --last-week stop.tsv
	refute_output --partial 'Nothing was logged'
	assert_output --partial 'No session on 2026-10-21'
}

@test "warning: adherence under the target, for full weeks only" {
	weeks_log 2026-10-05 4: 2: 1: > low.tsv
	run lr-report --today 2026-10-21 -w 3 -F md low.tsv
	assert_output --partial 'Fewer sessions than the target of 4 a week: 2 in 2026-W42 (from 2026-10-12).'
	refute_output --partial '1 in 2026-W43'
	run lr-report --today 2026-10-21 -w 3 --target 2 low.tsv
	refute_output --partial 'Fewer sessions'
	weeks_log 2026-10-05 4: 5: 4: > good.tsv
	run lr-report --today 2026-10-25 -w 3 good.tsv
	assert_output --partial 'No warnings'
}

@test "a long list of weeks under target names the last eight" {
	weeks_log 2026-06-01 4: 1: 1: 1: 1: 1: 1: 1: 1: 1: 1: > many.tsv
	run lr-report --today 2026-08-17 -w 11 -F md many.tsv
	assert_output --partial 'Fewer sessions than the target of 4 a week in 10 weeks; the last 8: 1 in 2026-W26 (from 2026-06-22); 1 in'
	assert_output --partial '1 in 2026-W33 (from 2026-08-10). Exercise helps'
	refute_output --partial '1 in 2026-W25 (from'
}

@test "ranges: --weeks, --since, --until, --week, --last-week" {
	weeks_log 2026-09-07 1: 2: 3: 4: 5: 6: > six.tsv
	run lr-report --today 2026-10-14 -F tsv six.tsv
	[ "$(printf '%s\n' "$output" | sed 1d | cut -f 1 | tr '\n' ' ')" = "2026-W39 2026-W40 2026-W41 2026-W42 " ]
	run lr-report --today 2026-10-14 -F tsv -w 2 six.tsv
	[ "$(printf '%s\n' "$output" | sed 1d | cut -f 1,3 | tr '\n\t' ' :')" = "2026-W41:5 2026-W42:6 " ]
	run lr-report --today 2026-10-14 -F tsv --since 2026-09-10 --until 2026-09-20 six.tsv
	[ "$(printf '%s\n' "$output" | sed 1d | cut -f 1,3 | tr '\n\t' ' :')" = "2026-W37:1 2026-W38:2 " ]
	run lr-report -F tsv --week 2026-W40 six.tsv
	[ "$(printf '%s\n' "$output" | sed 1d | cut -f 1,3 | tr '\n\t' ' :')" = "2026-W40:4 " ]
	run lr-report --today 2026-10-14 -F tsv --last-week six.tsv
	[ "$(printf '%s\n' "$output" | sed 1d | cut -f 1,3 | tr '\n\t' ' :')" = "2026-W41:5 " ]
	run lr-report -F tsv --week 2026-W53 "$NY"
	assert_success
	run lr-report --week 2027-W53 "$NY"
	assert_failure 2
	assert_output --partial 'expected an ISO week such as 2026-W47'
}

@test "cron: no terminal, an empty environment but HOME, report on stdout, nothing on stderr, exit 0" {
	mkdir -p "$HOME/.local/share/lr"
	cp "$NY" "$HOME/.local/share/lr/log.tsv"
	run --separate-stderr env -i HOME="$HOME" PATH="$PATH" lr-report --last-week
	assert_success
	[ -z "$stderr" ]
	assert_line --index 0 --regexp '^lr report, [0-9-]+ to [0-9-]+ \(1 week\)$'
	! grep -q $'\033' <<<"$output" || return 1
	# Nothing logged last week is still a report, and not a failure.
	assert_output --partial 'Nothing was logged in these weeks.'
}

@test "a missing log is a clear message" {
	run lr-report
	assert_failure 1
	assert_output "lr-report: $HOME/.local/share/lr/log.tsv: no log yet: lr-log makes it when the first session is logged"
	run lr-report nosuch.tsv
	assert_failure 1
	assert_output 'lr-report: nosuch.tsv: No such file or directory'
}

@test "rows that cannot be read are named, skipped and counted, and the exit says so" {
	{
		cat "$NY"
		printf '2026-12-24T10:00:00+01:00\tX\texercise\t1\tcobra\tboth\t3\t0\t45\tmany\tdone\t\t\t\n'
		printf 'garbage\n'
	} > bad.tsv
	run --separate-stderr lr-report --today 2027-01-06 -w 3 -F tsv bad.tsv
	assert_failure 1
	grep -q '^lr-report: bad.tsv:15: column "active_s": expected a whole number, got "many"$' <<<"$stderr"
	grep -q '^lr-report: bad.tsv:16: 1 fields, the header has 14' <<<"$stderr"
	grep -q '^lr-report: 2 rows could not be read and were left out$' <<<"$stderr"
	# The figures are those of the good rows.
	assert_line --index 1 --regexp '^2026-W52	2026-12-21	2	2	2.8	'
	run --separate-stderr lr-report --today 2027-01-06 -w 3 bad.tsv
	assert_output --partial '2 rows of the log could not be read and were left out'
}

@test "several logs, and - for standard input" {
	run bash -c "cat '$NY' | lr-report --today 2027-01-06 -w 3 -F tsv - '$DST' | cut -f 1,3"
	assert_success
	assert_line '2026-W52	2'
	run lr-report -F tsv --week 2026-W13 "$NY" "$DST"
	assert_line --index 1 --regexp '^2026-W13	2026-03-23	3	'
}

@test "a big log: a bad row deep in the file is named with its true line" {
	awk -v ROWS=150000 -f "$REPO/bench/gen-log.awk" > big.tsv
	sed '120000s/\tdone\t/\tfine\t/' big.tsv > bad.tsv
	line=$(awk -F'\t' '$11 == "fine" { print NR }' bad.tsv)
	[ "$line" -ge 120000 ]
	run --separate-stderr lr-report -F tsv -w 1 bad.tsv
	assert_failure 1
	grep -q "^lr-report: bad.tsv:$line: column \"status\"" <<<"$stderr"
}

# One exercise done in each of $1 sessions, s0 to s$1, on Wednesday
# 18 November 2026, a minute apart from midnight.
many_sessions() {
	local i
	printf '%s\n' "$HEADER"
	for ((i = 0; i < $1; i++)); do
		printf '2026-11-18T%02d:%02d:00+01:00\ts%d\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n' $((i / 60)) $((i % 60)) "$i"
	done
}

@test "300 sessions in one week are reported as 300" {
	many_sessions 300 > many.tsv
	run lr-report --week 2026-W47 -F tsv many.tsv
	assert_success
	assert_line --index 1 --regexp '^2026-W47	2026-11-16	300	1	300.0	300	0	0	'
	run lr-report --week 2026-W47 many.tsv
	assert_line --regexp '^2026-W47 11-16 300   1  300  300 '
}

@test "two sessions whose ids hash alike in 32 bits are two sessions" {
	# FNV-1a of these two ids agrees in its low 32 bits (...98f9f850).
	{
		printf '%s\n' "$HEADER"
		printf '2026-11-18T18:05:12+01:00\t%s\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n' \
		    20261118T180512-872a8 20261118T180512-2dc0a
	} > alike.tsv
	run lr-report --week 2026-W47 -F tsv alike.tsv
	assert_success
	assert_line --index 1 --regexp '^2026-W47	2026-11-16	2	1	2.0	2	0	0	'
}

@test "usage errors exit 2" {
	run lr-report -w 0
	assert_failure 2
	run lr-report --format pdf
	assert_failure 2
	run lr-report --since 2026-02-30
	assert_failure 2
	run lr-report --week 2026-W47 --last-week
	assert_failure 2
	run lr-report --since 2026-12-01 --until 2026-11-01
	assert_failure 2
	run lr-report --target 99
	assert_failure 2
	run lr-report --bogus
	assert_failure 2
}

@test "D10: a device or a FIFO with no writer is refused or read as empty, never waited on" {
	run timeout 10 lr-report /dev/zero
	assert_failure 1
	assert_output --partial '/dev/zero: not a file'
	mkfifo fifo
	run timeout 10 lr-report fifo
	assert_failure 1
	assert_output --partial 'fifo: empty input'
	# A pipe with a writer is read to its end.
	lr-log -q -f log.tsv pain 3
	run lr-report --format tsv <(cat log.tsv)
	assert_success
}
