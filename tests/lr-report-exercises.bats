#!/usr/bin/env bats
# lr-report --exercises (each exercise's history, worked out by hand)
# and --by-person (a log a person) in text, tsv and md.

load helper

setup() {
	lr_setup
}

# Three sessions of the week of 2 November 2026 and a check-in:
#   s1 Mon: pain 4 before, 2 after; bird-dog both sides done, 1x10 with
#           3 s pauses; cobra 3 holds of 15 s.
#   s2 Wed: pain 6 before and after; bird-dog right side partial; cobra
#           3 holds of 20 s.
#   s3 Fri: no pain rated; bird-dog skipped on both sides; cobra 3x20 s.
small_log() {
	printf '%s\n' "$RESULTS_HEADER"
	local r='2026-11-0%sT18:%s:00+01:00\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n'
	# shellcheck disable=SC2059 # the format is the row's
	{
		printf "$r" 2 00 s1 pain 0 '' '' 0 0 0 0 before 4 ''
		printf "$r" 2 01 s1 exercise 1 bird-dog left 1 10 30 60 'done' '' ''
		printf "$r" 2 02 s1 exercise 1 bird-dog right 1 10 30 60 'done' '' ''
		printf "$r" 2 03 s1 exercise 2 cobra both 3 0 45 60 'done' '' ''
		printf "$r" 2 09 s1 pain 0 '' '' 0 0 0 0 after 2 ''
		printf "$r" 4 00 s2 pain 0 '' '' 0 0 0 0 before 6 ''
		printf "$r" 4 01 s2 exercise 1 bird-dog left 1 10 30 60 'done' '' ''
		printf "$r" 4 02 s2 exercise 1 bird-dog right 0 5 15 30 partial '' ''
		printf "$r" 4 03 s2 exercise 2 cobra both 3 0 60 60 'done' '' ''
		printf "$r" 4 09 s2 pain 0 '' '' 0 0 0 0 after 6 ''
		printf "$r" 5 00 m1 pain 0 '' '' 0 0 0 0 check 3 ''
		printf "$r" 6 01 s3 exercise 1 bird-dog left 0 0 0 0 skipped '' ''
		printf "$r" 6 02 s3 exercise 1 bird-dog right 0 0 0 0 skipped '' ''
		printf "$r" 6 03 s3 exercise 2 cobra both 3 0 60 60 'done' '' ''
	}
}

WEEK=(--today 2026-11-08 --week 2026-W45)

@test "--exercises -F tsv: each exercise once a session, its doses and the pain around it" {
	small_log > log.tsv
	run lr-report "${WEEK[@]}" --exercises -F tsv log.tsv
	assert_success
	assert_line --index 0 "$(printf 'exercise\tsessions\tfirst\tlast\tdone\tpartial\tskipped\tactive_min\tdose_first\tdose_latest\tdose_changes\tdoses\tpain_before\tpain_after')"
	# bird-dog: done on both sides, then a side partial, then both
	# skipped: one done, one partial, one skipped.  Its pain is that
	# of s1 and s2; s3 skipped it.
	assert_line --index 1 "$(printf 'bird-dog\t3\t2026-11-02\t2026-11-06\t1\t1\t1\t3.5\t1x10/3s\t1x10/3s\t0\t1x10/3s from 2026-11-02\t5.0\t4.0')"
	assert_line --index 2 "$(printf 'cobra\t3\t2026-11-02\t2026-11-06\t3\t0\t0\t3.0\t3x15s\t3x20s\t1\t3x15s from 2026-11-02, 3x20s from 2026-11-04\t5.0\t4.0')"
	[ "${#lines[@]}" -eq 3 ]
}

@test "--exercises: the text table fits 80 columns, then the dose changes" {
	small_log > log.tsv
	LC_ALL=C run lr-report "${WEEK[@]}" -e log.tsv
	assert_success
	assert_line --index 0 'lr exercises, 2026-11-02 to 2026-11-08'
	assert_line '                                  partly          first    latest   pain around'
	assert_line 'exercise            sessions done   done skipped  dose     dose        sessions'
	assert_line 'bird-dog                   3    1      1       1  1x10/3s  1x10/3s   5.0 -> 4.0'
	assert_line 'cobra                      3    3      0       0  3x15s    3x20s     5.0 -> 4.0'
	assert_line 'Dose over time'
	assert_line '  cobra: 3x15s from 2026-11-02, 3x20s from 2026-11-04'
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
	# In UTF-8 the arrow is one, and the columns stay in line.
	LC_ALL=C.UTF-8 run lr-report "${WEEK[@]}" -e log.tsv
	assert_line 'cobra                      3    3      0       0  3x15s    3x20s      5.0 → 4.0'
	# Without pain ratings, the cell is a dash in the same column.
	small_log | awk -F'\t' '$3 != "pain"' > nopain.tsv
	LC_ALL=C.UTF-8 run lr-report "${WEEK[@]}" -e nopain.tsv
	assert_line 'cobra                      3    3      0       0  3x15s    3x20s              -'
	[ "$(printf '%s\n' "$output" | wc -L)" -le 80 ]
}

@test "--exercises: an id too long for its column has a line of its own" {
	small_log | sed 's/\tcobra\t/\tstanding-hamstring-stretch\t/' > log.tsv
	LC_ALL=C run lr-report "${WEEK[@]}" -e log.tsv
	assert_success
	assert_line --index 8 'standing-hamstring-stretch'
	assert_line --index 9 '                           3    3      0       0  3x15s    3x20s     5.0 -> 4.0'
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
}

@test "--exercises -F md, and a range with nothing in it" {
	small_log > log.tsv
	LC_ALL=C.UTF-8 run lr-report "${WEEK[@]}" --exercises --format md log.tsv
	assert_success
	assert_line '# lr exercises, 2026-11-02 to 2026-11-08'
	assert_line '| cobra | 3 | 2026-11-02 | 2026-11-06 | 3 | 0 | 0 | 3x15s from 2026-11-02, then 3x20s from 2026-11-04 | 5.0 → 4.0 |'
	assert_line '| bird-dog | 3 | 2026-11-02 | 2026-11-06 | 1 | 1 | 1 | 1x10/3s from 2026-11-02 | 5.0 → 4.0 |'
	run lr-report --today 2026-11-20 --week 2026-W46 --exercises log.tsv
	assert_success
	assert_output --partial 'No exercises were logged in these weeks.'
	run lr-report --today 2026-11-20 --week 2026-W46 -e -F tsv log.tsv
	assert_output "$(printf 'exercise\tsessions\tfirst\tlast\tdone\tpartial\tskipped\tactive_min\tdose_first\tdose_latest\tdose_changes\tdoses\tpain_before\tpain_after')"
}

@test "--exercises reads the log once, standard input too, and counts bad rows" {
	small_log > log.tsv
	printf '2026-11-06T19:00:00+01:00\ts4\texercise\t1\tcobra\tboth\t3\t0\t60\t60\tfine\t\t\n' >> log.tsv
	run --separate-stderr lr-report "${WEEK[@]}" -e -F tsv - < log.tsv
	assert_failure 1
	grep -q '^lr-report: <stdin>:16: column "status"' <<<"$stderr"
	grep -q '^lr-report: 1 row could not be read and was left out$' <<<"$stderr"
	assert_line --index 2 --regexp '^cobra	3	'
}

@test "--by-person -F tsv: the weekly columns, the person first, each log on its own" {
	mkdir people
	small_log > people/anna.tsv
	small_log | head -n 6 > people/ben.tsv
	run lr-report "${WEEK[@]}" --by-person -F tsv people/anna.tsv people/ben.tsv
	assert_success
	assert_line --index 0 --regexp "^$(printf 'person\tweek\tmonday\tsessions\t')"
	assert_line --index 1 --regexp "^$(printf 'anna\t2026-W45\t2026-11-02\t3\t')"
	assert_line --index 2 --regexp "^$(printf 'ben\t2026-W45\t2026-11-02\t1\t')"
	[ "${#lines[@]}" -eq 3 ]
	# Past the person, the very columns of the weekly report.
	expected=$(lr-report "${WEEK[@]}" -F tsv people/anna.tsv)
	[ "$(printf '%s\n' "$output" | grep -v '^ben' | cut -f 2-)" = "$expected" ]
}

@test "--by-person in text and md: a row per person and week, then the warnings" {
	small_log > anna.tsv
	small_log | head -n 6 > ben.tsv
	LC_ALL=C run lr-report --today 2026-11-15 -w 2 --by-person anna.tsv ben.tsv
	assert_success
	assert_line --index 0 'lr report by person, 2026-11-02 to 2026-11-15; target 4 sessions a week'
	assert_line --regexp '^anna +2026-W45 +3 '
	assert_line --regexp '^anna +2026-W46 +0 '
	assert_line --regexp '^ben +2026-W45 +1 '
	assert_line 'Warnings'
	assert_line 'ben'
	assert_output --partial 'Fewer sessions than the target of 4 a week: 1 in 2026-W45'
	# The warnings column: each full week under the target has one,
	# though a single warning names them all; the week not over, none.
	assert_line --regexp '^anna +2026-W45 +3 +.* 1$'
	assert_line --regexp '^anna +2026-W46 +0 +.* 0$'
	assert_line --regexp '^ben +2026-W45 +1 +.* 1$'
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
	run lr-report --today 2026-11-15 -w 2 --by-person -F md anna.tsv ben.tsv
	assert_success
	assert_line --regexp '^\| Person \| Week \| Sessions \|'
	assert_line --regexp '^\| anna \| 2026-W45 \| 3 \| '
	assert_line --regexp '^\| ben \| 2026-W45 \| 1 \| '
	assert_line '### ben'
	# A week later both weeks are over and under the target.
	LC_ALL=C run lr-report --today 2026-11-16 -w 3 --by-person anna.tsv ben.tsv
	assert_line --regexp '^anna +2026-W45 +3 +.* 1$'
	assert_line --regexp '^anna +2026-W46 +0 +.* 1$'
	assert_line --regexp '^ben +2026-W46 +0 +.* 1$'
}

@test "--by-person -F md: a person's name from a file is escaped, so a | cannot cut a row" {
	small_log > 'a|b.tsv'
	# A week after, so that a warning is headed by the name too.
	run lr-report --today 2026-11-16 -w 3 --by-person -F md 'a|b.tsv'
	assert_success
	assert_line --regexp '^\| a\\\|b \| 2026-W45 \| 3 \| '
	assert_line '### a\|b'
	# Every row of the table has its 12 columns, the name's | escaped.
	[ "$(grep '^| a' <<<"$output" | sed 's/\\|//g' | awk -F'|' '{ print NF }' | sort -u)" = 14 ]
}

@test "--by-person: logs are needed; a missing one is named, the others reported" {
	small_log > anna.tsv
	run lr-report --by-person
	assert_failure 2
	assert_output --partial 'name the logs, one a person'
	run lr-report --by-person --exercises anna.tsv
	assert_failure 2
	assert_output --partial '--exercises and --by-person go alone'
	run --separate-stderr lr-report "${WEEK[@]}" --by-person -F tsv anna.tsv nobody.tsv
	assert_failure 1
	assert_line --index 1 --regexp '^anna	2026-W45	'
	[ "${#lines[@]}" -eq 2 ]
	grep -q 'nobody.tsv: No such file or directory' <<<"$stderr"
	run lr-report "${WEEK[@]}" --by-person -F tsv - < anna.tsv
	assert_line --index 1 --regexp '^stdin	2026-W45	'
}

@test "--exercises folds the sides as the weekly report does: a side skipped, then done when the session is resumed, is done" {
	small_log > log.tsv
	# s3 resumed in a second log: bird-dog's left side, skipped, done now.
	{
		printf '%s\n' "$RESULTS_HEADER"
		printf '2026-11-06T18:30:00+01:00\ts3\texercise\t1\tbird-dog\tleft\t1\t10\t30\t60\tdone\t\t\n'
	} > resumed.tsv
	run lr-report "${WEEK[@]}" --exercises -F tsv log.tsv resumed.tsv
	assert_success
	# Still three sessions; s3 is partly done now (left done, right
	# skipped), not a fourth session.
	assert_line --index 1 --regexp "^$(printf 'bird-dog\t3\t2026-11-02\t2026-11-06\t1\t2\t0\t')"
	# The weekly report counts the very same exercises.
	run lr-report "${WEEK[@]}" -F tsv log.tsv resumed.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | awk -F'\t' 'NR == 2 { print $6, $7, $8 }')" = '4 2 0' ]
	{
		printf '%s\n' "$RESULTS_HEADER"
		printf '2026-11-06T18:31:00+01:00\ts3\texercise\t1\tbird-dog\tright\t1\t10\t30\t60\tdone\t\t\n'
	} > resumed2.tsv
	run lr-report "${WEEK[@]}" --exercises -F tsv log.tsv resumed.tsv resumed2.tsv
	assert_success
	assert_line --index 1 --regexp "^$(printf 'bird-dog\t3\t2026-11-02\t2026-11-06\t2\t1\t0\t')"
}

@test "--by-person text: a long name is cut at a whole character, 11 columns wide; controls show as ?" {
	small_log > 'Zoë Ångström-Lindqvist.tsv'
	small_log > "$(printf 'b\033[2Jen').tsv"
	small_log > "$(printf 'Ren\xe9').tsv"
	small_log > "$(printf 'x\xe2\x80\xaey\xc2\x9bz').tsv"
	LC_ALL=C.UTF-8 run lr-report --today 2026-11-15 -w 2 --by-person ./*.tsv
	assert_success
	# A name not in UTF-8 (Latin-1 here) is shown byte by byte.
	assert_line --regexp '^Ren\? +2026-W45 +3 '
	# A bidi override and a C1 control cannot reorder or move the line.
	assert_line --regexp '^x\?y\?z +2026-W45 +3 '
	assert_line --regexp '^Zoë Ångströ 2026-W45 +3 '
	assert_line --regexp '^b\?\[2Jen +2026-W45 +3 '
	assert_line 'b?[2Jen'
	# No escape byte reaches the terminal.
	[ -z "$(printf '%s' "$output" | tr -d -c '\033')" ]
}
