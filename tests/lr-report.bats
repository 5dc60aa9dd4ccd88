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
	assert_line --index 0 "$(printf 'week\tmonday\tsessions\tactive_days\tactive_min\tdone\tpartial\tskipped\tcompletion\ttarget\tadherence\tpain_before\tpain_after\tpain_check\tpain_avg\tpain_change\tminutes_change\tstopped\twarnings\tnotes')"
	# W52: sessions A and B; Monday and Wednesday; 45+60+30+30 s;
	# exercises, not sides: cobra and cat-cow done, bird-dog (left
	# done, right partial) partial, glute-bridge skipped: 2 of 4 done.
	# Pain 4 before, 6 after, 5 the next day.  W52 is the log's first
	# week: no change in minutes against the week before it.  The
	# week's warnings come last but one, one a line in the field.
	assert_line --index 1 --partial "$(printf '2026-W52\t2026-12-21\t2\t2\t2.8\t2\t1\t1\t0.50\t4\t0.50\t4.0\t6.0\t5.0\t5.0\t\t\t0\tPain rose from 4 to 6 in the session of 2026-12-21')"
	# W53 (Mon 28 Dec to Sun 3 Jan): session C, counted in the week of
	# its first row, Sunday 23:50, with its two exercises; the minutes
	# of its 00:05 row are Monday's and go to W01.  The check-in at
	# 23:30-05:00 is Sunday's, though it is Monday in UTC.
	assert_line --index 2 --partial "$(printf '2026-W53\t2026-12-28\t1\t1\t0.8\t2\t0\t0\t1.00\t4\t0.25\t\t\t3.0\t3.0\t-2.0\t-2.0\t0\tFewer sessions than the target')"
	# W01: session D on Tuesday, its one exercise; Monday's 00:05 row
	# of C; the check-in at 00:30+02:00 is Monday's, though it is
	# Sunday in UTC.
	assert_line --index 3 "$(printf '2027-W01\t2027-01-04\t1\t2\t1.8\t1\t0\t0\t1.00\t4\t0.25\t\t\t2.0\t2.0\t-1.0\t+1.0\t0\t\t')"
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

@test "the text report: tables in words, totals, bars, pain line, warnings, disclaimer" {
	LC_ALL=C run lr-report --today 2027-01-06 -w 3 "$NY"
	assert_success
	assert_line --index 0 'lr report, 2026-12-21 to 2027-01-10 (3 weeks)'
	assert_line --index 4 '                                            exercises       share   sessions'
	assert_line --index 5 'week      from  sessions days minutes  done partly skipped   done  of target'
	assert_line --index 6 '2026-W52  12-21        2    2       3     2      1       1    50%        50%'
	# 4 sessions, 5 days, 5.25 minutes; 5 exercises done of 7 is 71 %;
	# 4 sessions against 4 a week for 3 weeks is 33 %.
	assert_line --index 9 'total                  4    5       5     5      1       1    71%        33%'
	assert_line --index 12 '                 around sessions  at check-ins  all ratings    change on'
	assert_line --index 13 'week      from   before -> after       average      average  week before'
	assert_line --index 14 '2026-W52  12-21       4.0 -> 6.0           5.0          5.0            -'
	assert_line --index 15 '2026-W53  12-28                -           3.0          3.0         -2.0'
	# Check-ins (5 + 3 + 2) / 3 = 3.3; all five ratings 20 / 5 = 4.0.
	assert_line --index 17 'total                 4.0 -> 6.0           3.3          4.0'
	assert_line 'Minutes of exercise per week'
	assert_line --regexp '^2026-W52  #{50} 3$'
	assert_line --regexp '^2026-W52  \|-{25}\* +5\.0$'
	assert_line 'This report is information for you and your physiotherapist, not a diagnosis.'
	[ "$(grep -c 'not a diagnosis' <<<"$output")" -eq 1 ]
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
	# No abbreviations for headings, and no ">" between two ratings.
	refute_output --regexp '(cmpl|adhr|prt|skp|dmin)'
	refute_output --regexp '[0-9]>[0-9]'
	# In a UTF-8 locale, an arrow; the table still fits 80 columns.
	LC_ALL=C.UTF-8 run lr-report --today 2027-01-06 -w 3 "$NY"
	assert_line --index 14 '2026-W52  12-21        4.0 → 6.0           5.0          5.0            -'
	[ "$(printf '%s\n' "$output" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
}

@test "the markdown report, its total row complete" {
	LC_ALL=C run lr-report --today 2027-01-06 -w 3 --format md "$NY"
	assert_success
	assert_line '# lr report, 2026-12-21 to 2027-01-10'
	assert_line '| Week | From | Sessions | Days with exercise | Minutes | Exercises done | Partly done | Skipped | Share done | Sessions of target | Pain before -> after sessions | Pain at check-ins | All pain ratings | Change in minutes | Change in pain |'
	assert_line '| 2026-W52 | 2026-12-21 | 2 | 2 | 3 | 2 | 1 | 1 | 50% | 50% | 4.0 -> 6.0 | 5.0 | 5.0 | - | - |'
	assert_line '| 2027-W01 | 2027-01-04 | 1 | 2 | 2 | 1 | 0 | 0 | 100% | 25% | - | 2.0 | 2.0 | +1 | -1.0 |'
	# The totals of the text report's worked figures, every column.
	assert_line '| **Total** | | **4** | **5** | **5** | **5** | **1** | **1** | **71%** | **33%** | **4.0 -> 6.0** | **3.3** | **4.0** | | |'
	assert_line '## Warnings'
	assert_line --regexp '^- Pain rose from 4 to 6'
	assert_line '*This report is information for you and your physiotherapist, not a diagnosis.*'
	# No notes in this log: no section for them.
	refute_output --partial 'Check-in notes'
	LC_ALL=C.UTF-8 run lr-report --today 2027-01-06 -w 3 --format md "$NY"
	assert_line --partial '| **71%** | **33%** | **4.0 → 6.0** | **3.3** | **4.0** | | |'
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
	# Its advice names the article it comes from, once for two signs.
	grep -qF 'can mean an infection. Get medical help right away. This advice comes from the leg pain article (000_bd524d16304c268a.txt).' <<<"$flat"
	[ "$(grep -o 'This advice comes from' <<<"$flat" | wc -l)" -eq 1 ]
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
	assert_line --regexp '^2026-W47  11-16      300    1     300   300      0       0   100%  '
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
	# An endless device on standard input is no text: its first long
	# line of NUL bytes ends the reading, in every program.
	for prog in lr-report lr-list lr-plan lr-timer; do
		case $prog in
		lr-report | lr-plan) args=(-) ;;
		lr-list) args=(--catalog -) ;;
		lr-timer) args=(--batch) ;;
		esac
		run timeout 10 "$prog" "${args[@]}" </dev/zero
		assert_failure 1
		assert_output --partial '<stdin>:1: a NUL byte in a line longer than 65536 bytes (this is not a text file)'
	done
}

# ---- exercises, not sides; the log's first week; notes; --due ----

# The sciatica routine (share/routines.tsv) as lr-timer logs it: 8
# exercises, 5 of them on each side, so 13 rows.
SCIATICA="knee-to-chest:2 cat-cow:1 figure-four-stretch:2 seated-hamstring-stretch:2 glute-bridge:1 bird-dog:2 cobra:1 supine-twist:2"

# The rows of session $1 of the sciatica routine, started at $2
# (YYYY-MM-DDTHH:MM, +01:00): every side done, 40 s each.
sciatica_session() {
	local step=0 e id side sides
	for e in $SCIATICA; do
		id=${e%%:*} step=$((step + 1)) sides=both
		[ "${e#*:}" -eq 1 ] || sides="left right"
		for side in $sides; do
			printf '%s:00+01:00\t%s\texercise\t%d\t%s\t%s\t1\t0\t40\t40\tdone\t\t\t\n' "$2" "$1" "$step" "$id" "$side"
		done
	done
}

# Filter results rows: exercise $1 on side $2 (empty: every side)
# gets the status $3, with no active seconds when skipped.
set_status() {
	awk -F'\t' -v OFS='\t' -v id="$1" -v side="$2" -v st="$3" '
		$5 == id && (side == "" || $6 == side) {
			$11 = st
			if (st == "skipped") $10 = 0
		}
		{ print }'
}

# The tsv figures of the one week asked for: sessions to adherence.
week_figures() {
	sed 1d | cut -f 3-11
}

@test "a session of the sciatica routine is 8 exercises, not 13 side rows" {
	[ "$(sciatica_session s 2026-11-30T18:00 | wc -l)" -eq 13 ]
	{ printf '%s\n' "$HEADER"; sciatica_session s 2026-11-30T18:00; } > one.tsv
	run lr-report --week 2026-W49 -F tsv one.tsv
	assert_success
	# 1 session, 1 day, 13 x 40 s = 8.7 min, 8 done, completion 1.
	[ "$(week_figures <<<"$output")" = "$(printf '1\t1\t8.7\t8\t0\t0\t1.00\t4\t0.25')" ]
	# Three sessions in a week: 24 exercises done, not 39 (or 42).
	{
		printf '%s\n' "$HEADER"
		sciatica_session a 2026-11-30T18:00
		sciatica_session b 2026-12-02T18:00
		sciatica_session c 2026-12-04T18:00
	} > three.tsv
	run lr-report --week 2026-W49 -F tsv three.tsv
	[ "$(week_figures <<<"$output")" = "$(printf '3\t3\t26.0\t24\t0\t0\t1.00\t4\t0.75')" ]
	LC_ALL=C run lr-report --week 2026-W49 three.tsv
	assert_line '2026-W49  11-30        3    3      26    24      0       0   100%        75%'
}

@test "a side partial or skipped makes its exercise partial; all sides skipped, skipped" {
	{
		printf '%s\n' "$HEADER"
		# Bird-dog's right side partial; supine twist skipped on both.
		sciatica_session a 2026-11-30T18:00 | set_status bird-dog right partial |
		    set_status supine-twist '' skipped
		# Figure-four skipped on the left, done on the right; cobra
		# (one row, both sides) skipped.
		sciatica_session b 2026-12-08T18:00 | set_status figure-four-stretch left skipped |
		    set_status cobra '' skipped
	} > sides.tsv
	run lr-report --today 2026-12-10 -w 2 -F tsv sides.tsv
	assert_success
	# 6 done, 1 partial, 1 skipped: 6 of 8 is 0.75, each week.
	[ "$(sed -n 2p <<<"$output" | cut -f 1,6-9)" = "$(printf '2026-W49\t6\t1\t1\t0.75')" ]
	[ "$(sed -n 3p <<<"$output" | cut -f 1,6-9)" = "$(printf '2026-W50\t6\t1\t1\t0.75')" ]
}

@test "a side skipped, then done when the session is resumed, counts done, across batches and files" {
	{
		printf '%s\n' "$HEADER"
		# Session r stops early: bird-dog's right side and cobra skipped.
		sciatica_session r 2026-11-30T18:00 | set_status bird-dog right skipped |
		    set_status cobra '' skipped
		# Another session comes in between, in the log.
		printf '2026-12-01T18:00:00+01:00\tx\texercise\t1\tcobra\tboth\t1\t0\t40\t40\tdone\t\t\t\n'
	} > first.tsv
	{
		printf '%s\n' "$HEADER"
		# r resumed later the same evening: the two finished.
		printf '2026-11-30T18:40:00+01:00\tr\texercise\t6\tbird-dog\tright\t1\t0\t40\t40\tdone\t\t\t\n'
		printf '2026-11-30T18:41:00+01:00\tr\texercise\t7\tcobra\tboth\t1\t0\t40\t40\tdone\t\t\t\n'
	} > resumed.tsv
	# Before it was resumed: r has 6 done, bird-dog partial (a side
	# done, a side not), cobra skipped; x 1 done.
	run lr-report --week 2026-W49 -F tsv first.tsv
	[ "$(week_figures <<<"$output")" = "$(printf '2\t2\t8.0\t7\t1\t1\t0.78\t4\t0.50')" ]
	# Both parts, in two files: r is 8 done, x 1; 2 sessions still.
	run lr-report --week 2026-W49 -F tsv first.tsv resumed.tsv
	assert_success
	[ "$(week_figures <<<"$output")" = "$(printf '2\t2\t9.3\t9\t0\t0\t1.00\t4\t0.50')" ]
	# The same rows in one log, the later batch appended after x's.
	{ cat first.tsv; sed 1d resumed.tsv; } > one.tsv
	run lr-report --week 2026-W49 -F tsv one.tsv
	[ "$(week_figures <<<"$output")" = "$(printf '2\t2\t9.3\t9\t0\t0\t1.00\t4\t0.50')" ]
}

@test "the week of the first record starts the range: adherence on the first day is not 6 %" {
	{ printf '%s\n' "$HEADER"; sciatica_session s 2026-12-03T08:00; } > first.tsv
	LC_ALL=C run lr-report --today 2026-12-03 first.tsv
	assert_success
	assert_line --index 0 'lr report, 2026-11-30 to 2026-12-06 (1 week)'
	assert_line 'The log starts in 2026-W49: the weeks before it are left out.'
	# 1 session against 4: 25 %, not 1 against 4 a week for 4 weeks.
	assert_line 'total                  1    1       9     8      0       0   100%        25%'
	refute_output --partial '6%'
	run lr-report --today 2026-12-03 -F tsv first.tsv
	[ "${#lines[@]}" -eq 2 ]
	[ "$(week_figures <<<"$output")" = "$(printf '1\t1\t8.7\t8\t0\t0\t1.00\t4\t0.25')" ]
	LC_ALL=C run lr-report --today 2026-12-03 -F md first.tsv
	assert_line '| **Total** | | **1** | **1** | **9** | **8** | **0** | **0** | **100%** | **25%** | - | - | - | | |'
	assert_line 'The log starts in 2026-W49: the weeks before it are left out.'
	# Two weeks later the range is three weeks: 1 session against 12.
	LC_ALL=C run lr-report --today 2026-12-17 first.tsv
	assert_line --index 0 'lr report, 2026-11-30 to 2026-12-20 (3 weeks)'
	assert_line --regexp '^total .*   8%$'
	# A range that starts with the log, or after it, says nothing of it.
	run lr-report --week 2026-W49 first.tsv
	refute_output --partial 'The log starts'
	# A range wholly before the log: its weeks have no data, and no
	# adherence, not 0 %.
	run lr-report --week 2026-W40 -F tsv first.tsv
	[ "$(week_figures <<<"$output")" = "$(printf '0\t0\t0.0\t0\t0\t0\t\t4\t')" ]
	LC_ALL=C run lr-report --week 2026-W40 first.tsv
	assert_line 'total                  0    0       0     0      0       0      -          -'
	assert_output --partial 'Nothing was logged in these weeks.'
}

# A log with check-in notes: two in week 52 of 2026 (one long), one in
# week 53 with an escaped tab, a newline and a terminal escape, one in
# week 50 (before the range), and a note on a pain rating before a
# session, which is no check-in.
notes_log() {
	printf '%s\n' "$HEADER"
	printf '2026-12-09T09:00:00+01:00\tm0\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t6\tweek fifty\t\n'
	printf '2026-12-21T17:59:00+01:00\tA\tpain\t0\t\t\t0\t0\t0\t0\tbefore\t4\tnot a check-in\t\n'
	printf '2026-12-21T18:00:00+01:00\tA\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n'
	printf '2026-12-23T21:00:00+01:00\tm2\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t4\tcalf cramp at night\t\n'
	printf '2026-12-22T09:00:00+01:00\tm1\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t5\tstiff after sitting at my desk all morning; it eased after a walk round the block at lunch and stayed low\t\n'
	printf '2026-12-29T08:15:00+01:00\tm3\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t3\tbetter *today*\\tslept well\\nno \033[31mred\t\n'
	printf '2027-01-04T08:00:00+01:00\tm4\tpain\t0\t\t\t0\t0\t0\t0\tcheck\t2\t\t\n'
}

@test "check-in notes are shown under their week: text, md and tsv" {
	notes_log > notes.tsv
	LC_ALL=C run lr-report --today 2027-01-06 -w 3 notes.tsv
	assert_success
	# Under the week's row of the pain table, in time order, wrapped.
	pain=$(printf '%s\n' "$output" | sed -n '/^Pain, from 0/,/^total/p')
	[ "$(grep -A4 '^2026-W52' <<<"$pain")" = "$(cat <<'END'
2026-W52  12-21         4.0 -> -           4.5          4.3            -
          2026-12-22 09:00, pain 5: stiff after sitting at my desk all
            morning; it eased after a walk round the block at lunch and stayed
            low
          2026-12-23 21:00, pain 4: calf cramp at night
END
)" ]
	# Control characters are spaces; the wrapping keeps one.
	[ "$(grep -A1 '^2026-W53' <<<"$pain" | tail -n 1)" = '          2026-12-29 08:15, pain 3: better *today* slept well no [31mred' ]
	refute_output --partial $'\033'
	refute_output --partial 'not a check-in'
	refute_output --partial 'week fifty'
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
	# Markdown: a section, the week's heading, a bullet a note.
	LC_ALL=C run lr-report --today 2027-01-06 -w 3 -F md notes.tsv
	[ "$(printf '%s\n' "$output" | sed -n '/^## Check-in notes$/,/^## Warnings/p')" = "$(cat <<'END'
## Check-in notes

**2026-W52** (from 2026-12-21)

- 2026-12-22 09:00, pain 5: stiff after sitting at my desk all morning; it eased after a walk round the block at lunch and stayed low
- 2026-12-23 21:00, pain 4: calf cramp at night

**2026-W53** (from 2026-12-28)

- 2026-12-29 08:15, pain 3: better \*today\* slept well no  \[31mred

## Warnings
END
)" ]
	# TSV: one row a week; the notes a line each in the last field.
	run lr-report --today 2027-01-06 -w 3 -F tsv notes.tsv
	[ "${#lines[@]}" -eq 4 ]
	[ "$(head -n 1 <<<"$output" | cut -f 20)" = notes ]
	[ "$(sed -n 2p <<<"$output" | cut -f 20)" = '2026-12-22 09:00, pain 5: stiff after sitting at my desk all morning; it eased after a walk round the block at lunch and stayed low\n2026-12-23 21:00, pain 4: calf cramp at night' ]
	[ "$(sed -n 3p <<<"$output" | cut -f 20)" = '2026-12-29 08:15, pain 3: better *today* slept well no  [31mred' ]
	[ -z "$(sed -n 4p <<<"$output" | cut -f 20)" ]
}

# Cobra done on Monday 30 November and Wednesday 2 December 2026.
due_log() {
	printf '%s\n' "$HEADER"
	printf '2026-11-30T18:00:00+01:00\ta\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n'
	printf '2026-12-02T18:00:00+01:00\tb\texercise\t1\tcobra\tboth\t1\t0\t60\t60\tdone\t\t\t\n'
}

@test "--due: one line, and the exit status says whether a session is due" {
	due_log > log.tsv
	run --separate-stderr lr-report --due --today 2026-12-03 log.tsv
	assert_success
	assert_output 'No session yet today: 2 of 4 this week.'
	[ -z "$stderr" ]
	run --separate-stderr lr-report --due --today 2026-12-02 log.tsv
	assert_failure 1
	assert_output 'Done today: 2 of 4 this week.'
	[ -z "$stderr" ]
	run lr-report --due --today 2026-12-03 --target 2 log.tsv
	assert_failure 1
	assert_output "No session today; the week's target is met: 2 of 2."
	run lr-report --due --today 2026-12-07 log.tsv
	assert_success
	assert_output 'No session yet today: 0 of 4 this week.'
	run lr-report --due --today 2026-12-03 --target 0 log.tsv
	assert_failure 1
	assert_output 'No session today, and no target: 2 this week.'
	# As a reminder: the command after && runs only when one is due.
	run bash -c 'lr-report --due --today 2026-12-03 log.tsv >/dev/null && echo reminder'
	assert_output 'reminder'
	run bash -c 'lr-report --due --today 2026-12-02 log.tsv >/dev/null && echo reminder'
	refute_output --partial 'reminder'
}

@test "--due: a stop today, a missing log, errors" {
	due_log > log.tsv
	printf '2026-12-03T18:00:00+01:00\tc\tscreen\t0\t\t\t0\t0\t0\t0\tstop\t\tfever=yes\t\n' >> log.tsv
	run lr-report --due --today 2026-12-03 log.tsv
	assert_failure 1
	assert_output 'No session today: a warning sign stopped it (see lr-report).'
	# No log yet: the first session is due.
	run --separate-stderr lr-report --due
	assert_success
	assert_output 'No session yet today: 0 of 4 this week (no log yet).'
	[ -z "$stderr" ]
	# A log named that is not there, or rows that cannot be read: 2,
	# the error on stderr (and the answer of the rows that could be).
	run --separate-stderr lr-report --due nosuch.tsv
	assert_failure 2
	[ -z "$output" ]
	[ "$stderr" = 'lr-report: nosuch.tsv: No such file or directory' ]
	due_log > bad.tsv
	printf 'garbage\n' >> bad.tsv
	run --separate-stderr lr-report --due --today 2026-12-03 bad.tsv
	assert_failure 2
	assert_output 'No session yet today: 2 of 4 this week.'
	grep -q '^lr-report: bad.tsv:4: ' <<<"$stderr"
	run lr-report --due --week 2026-W49 log.tsv
	assert_failure 2
	assert_output --partial '--due goes without the range options, --format, --exercises and --by-person'
	run lr-report --due -F md log.tsv
	assert_failure 2
	run lr-report --due --exercises log.tsv
	assert_failure 2
	assert_output --partial '--due goes without'
	run lr-report --due --by-person log.tsv
	assert_failure 2
	assert_output --partial '--due goes without'
	run lr-report --help
	assert_output --partial '--due'
}

@test "--due: today is the clock's, with faketime" {
	command -v faketime >/dev/null || skip "faketime is not installed"
	due_log > log.tsv
	run env ASAN_OPTIONS=verify_asan_link_order=0 TZ=UTC faketime -f '@2026-12-03 12:00:00' lr-report --due log.tsv
	assert_success
	assert_output 'No session yet today: 2 of 4 this week.'
	run env ASAN_OPTIONS=verify_asan_link_order=0 TZ=UTC faketime -f '@2026-12-02 12:00:00' lr-report --due log.tsv
	assert_failure 1
	assert_output 'Done today: 2 of 4 this week.'
}
