#!/usr/bin/env bats
# lr-timer's spoken cues through --cue-cmd, in batch mode: the countdown
# before each go, rep counts, the side, halfway and the last word.
# What is said when is unit-tested in tests/unit/cues_test.c; here the
# cue command only writes down what it is given.

load helper

setup() {
	lr_setup
	# A cue command as fast as can be: cues due while one runs wait
	# for it only half a second, then are dropped.
	cat > say.sh <<-'SH'
	#!/bin/sh
	printf '%s\n' "$1" >> "$HOME/heard"
	SH
	chmod +x say.sh
	# The knee routine's heel and calf stretch, calf raises and side leg
	# raises, one set each; the holds cut to 20 s and the leg raises to
	# 3 reps a side, so that at 10 times the speed it takes 13 s.
	lr-plan -R knee-pain | grep -e step -e calf -e side-leg |
	    awk -F'\t' -v OFS='\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
		{ $c["sets"] = 1 }
		$c["id"] == "heel-calf-stretch" { $c["hold_s"] = 20 }
		$c["id"] == "side-leg-raise" { $c["reps"] = 3 }
		{ print }' > plan.tsv
}

# Wait up to 30 s for the line $1 in what was heard (the cue command
# runs on its own, after the timer may have exited).
wait_to_hear() {
	for _ in $(seq 300); do
		if grep -qxF -- "$1" "$HOME/heard" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	echo "never heard \"$1\"; heard:"
	cat "$HOME/heard"
	return 1
}

# What was heard, in order, as one line: "|a|b|c|".
heard_line() {
	printf '|'
	tr '\n' '|' < "$HOME/heard"
}

@test "the plan for these tests is what they expect" {
	run column_of id < plan.tsv
	assert_output "$(printf 'heel-calf-stretch\ncalf-raise\nside-leg-raise')"
	[ "$(column_of sets < plan.tsv | sort -u)" = 1 ]
}

@test "--cue-cmd hears 3, 2, 1 before go, every rep counted, the side, halfway and the end" {
	run --separate-stderr lr-timer --batch --no-screen --no-pain --speed 10 \
	    --ready 4 --switch 4 --cue-cmd ./say.sh plan.tsv
	assert_success
	wait_to_hear 'Session done. 3 exercises, 2 minutes. Well done.'
	line=$(heard_line)
	# The stretch: the side and the hold, a countdown, go, halfway, the
	# last three seconds, the other side.
	[[ $line == '|First, Bent-knee heel and calf stretch. Left side. Hold 20 seconds|3|2|1|Go|Halfway|3|2|1|Switch to the right side|3|2|1|Go|Halfway|3|2|1|'* ]]
	# The calf raises: 3, 2, 1, go with the first rep, then 2 to 10.
	[[ $line == *'|Next, Calf raise. 10 reps|3|2|1|Go. 1|2|3|4|5|6|7|8|9|10|'* ]]
	# The leg raises: the side, then up, hold and down each rep.
	[[ $line == *'|Next, Side-lying leg raise. Left side. 3 reps|3|2|1|Go. 1, up|Hold|Down|2, up|Hold|Down|3, up|Hold|Down|Switch to the right side|3|2|1|Go. 1, up|'* ]]
	[[ $line == *'|Session done. 3 exercises, 2 minutes. Well done.|' ]]
	# No symbols for a speech program to stumble on.
	run grep -c '[^A-Za-z0-9 ,.-]' "$HOME/heard"
	assert_output 0
}

@test "a session ended early says so, and never that it is done" {
	lr-timer --batch --no-screen --no-pain --speed 10 --ready 4 --switch 4 \
	    --cue-cmd ./say.sh plan.tsv > out.tsv 2> err.txt &
	pid=$!
	# The stretch is over once the calf raises are announced; they take
	# 4.4 s more at this speed, time enough to stop in them.
	wait_to_hear 'Next, Calf raise. 10 reps'
	kill -INT "$pid"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 0 ]
	grep -q 'session ended early' err.txt
	wait_to_hear 'Session stopped. 1 of 3 exercises finished.'
	run grep -ci 'done' "$HOME/heard"
	assert_output 0
}

@test "a session stopped before any exercise ends says none was finished" {
	lr-timer --batch --no-screen --no-pain --speed 1 --ready 0 \
	    --cue-cmd ./say.sh plan.tsv > out.tsv 2> err.txt &
	pid=$!
	wait_to_hear 'First, Bent-knee heel and calf stretch. Left side. Hold 20 seconds. Go'
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 1 ]
	wait_to_hear 'Session stopped. No exercise finished.'
	run grep -ci 'done' "$HOME/heard"
	assert_output 0
}

@test "--tick is an option; in batch mode it rings nothing" {
	run --separate-stderr lr-timer --batch --no-screen --no-pain --speed 1000 --tick plan.tsv
	assert_success
	[[ $output != *$'\a'* ]]
	[[ $stderr != *$'\a'* ]]
}
