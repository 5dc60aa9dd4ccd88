#!/usr/bin/env bats
# lr-timer in batch mode: the logic of a session, its results and its
# errors.  The screen and keys are tested in lr-timer-tty.bats.

load helper

setup() {
	lr_setup
}

# What a plan should give, worked out here from the plan alone: one
# line per exercise and side with sets, total reps, hold and active
# seconds.
expected_results() {
	awk -F'\t' -v OFS='\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{
			sets = $c["sets"]; reps = $c["reps"]; hold = $c["hold_s"]
			r = sets * reps
			h = reps > 0 ? sets * reps * hold : sets * hold
			a = reps > 0 ? sets * reps * ($c["rep_s"] + hold) : sets * hold
			if ($c["sides"] == 2) {
				print $c["step"], $c["id"], "left", sets, r, h, a, "done"
				print $c["step"], $c["id"], "right", sets, r, h, a, "done"
			} else
				print $c["step"], $c["id"], "both", sets, r, h, a, "done"
		}'
}

results_summary() {
	awk -F'\t' -v OFS='\t' 'NR > 1 && $3 == "exercise" { print $4, $5, $6, $7, $8, $9, $10, $11 }'
}

@test "the sciatica routine: a row per exercise and side, with what was done" {
	lr-plan -R sciatica > plan.tsv
	run --separate-stderr lr-timer --batch --speed 1000 plan.tsv
	assert_success
	printf '%s\n' "$output" > results.tsv
	assert_line --index 0 "$(printf 'started\tsession\trecord\tstep\tid\tside\tsets\treps\thold_s\tactive_s\tstatus\tpain\tnote')"
	diff <(expected_results < plan.tsv) <(results_summary < results.tsv)
	# Every row names the one session and starts at a time with its offset.
	[ "$(column_of session < results.tsv | sort -u | wc -l)" -eq 1 ]
	[ -z "$(column_of started < results.tsv | grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$')" ]
	[ "$(awk -F'\t' '{ print NF }' results.tsv | sort -u)" = 13 ]
}

@test "every routine runs to the end with every row done" {
	for r in leg-pain stretch-strengthen leg-stretch knee-pain; do
		lr-plan -R "$r" > plan.tsv
		lr-timer --batch --speed 2000 plan.tsv > results.tsv 2>/dev/null
		diff <(expected_results < plan.tsv) <(results_summary < results.tsv)
	done
}

@test "batch mode prints one progress line per change on stderr" {
	lr-plan -R knee-pain > plan.tsv
	run --separate-stderr lr-timer --batch --speed 1000 plan.tsv
	assert_success
	[ "$(grep -c ': get ready: ' <<<"$stderr")" -eq 10 ]
	# One switch per set of each two-sided exercise.
	switches=$(awk -F'\t' 'NR > 1 && $7 == 2 { n += $8 } END { print n }' plan.tsv)
	[ "$(grep -c ': switch sides ' <<<"$stderr")" -eq "$switches" ]
	rests=$(awk -F'\t' 'NR > 1 { n += $8 - 1 } END { print n }' plan.tsv)
	[ "$(grep -c ': rest ' <<<"$stderr")" -eq "$rests" ]
	grep -q ': Chair pose: set 1/1: hold for 5 slow breaths (25 s)$' <<<"$stderr"
	# The last line counts exercises, not sides.
	n=$(awk 'END { print NR - 1 }' plan.tsv)
	grep -q "session .* done: $n of $n exercises in full, 0 in part, 0 skipped; " <<<"$stderr"
}

@test "the last line counts exercises, not sides, and a session cut short is stopped" {
	# Two exercises, the first on each side: 3 rows, 2 exercises.
	lr-plan -R sciatica | head -n 3 > plan.tsv
	[ "$(awk -F'\t' 'NR == 2 { print $7 } NR == 3 { print $7 }' plan.tsv | tr '\n' ' ')" = "2 1 " ]
	run --separate-stderr lr-timer --batch --speed 1000 plan.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | results_summary | wc -l)" -eq 3 ]
	[ "$(tail -n 1 <<<"$stderr" | sed 's/; took .*//; s/session [^ ]* //')" = "lr-timer: done: 2 of 2 exercises in full, 0 in part, 0 skipped; 1 min 10 s of exercise" ]
	# Cut short in the first exercise: stopped, never done.
	lr-plan -R sciatica > plan.tsv
	lr-timer --batch --speed 20 plan.tsv > out.tsv 2>err.txt &
	pid=$!
	for _ in $(seq 300); do
		grep -q ': switch sides' err.txt && break
		sleep 0.1
	done
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 1 ]
	# Counted in exercises: the eight of the plan, not its 13 sides.
	last=$(tail -n 1 err.txt)
	[[ "$last" =~ ^lr-timer:\ session\ [^\ ]*\ stopped:\ ([0-9]+)\ of\ 8\ exercises\ in\ full,\ ([0-9]+)\ in\ part,\ ([0-9]+)\ skipped\; ]]
	[ $((BASH_REMATCH[1] + BASH_REMATCH[2] + BASH_REMATCH[3])) -eq 8 ]
	[ "${BASH_REMATCH[3]}" -ge 6 ]
	! grep -q 'session [^ ]* done' err.txt || return 1
}

@test "--ready 0 and --switch 0 turn the pauses off" {
	lr-plan -R sciatica > plan.tsv
	run --separate-stderr lr-timer --batch --speed 1000 --ready 0 --switch 0 plan.tsv
	assert_success
	! grep -q 'get ready\|switch sides' <<<"$stderr" || return 1
	diff <(expected_results < plan.tsv) <(printf '%s\n' "$output" | results_summary)
}

@test "the session takes what lr-plan estimates, without the pauses it was told to drop" {
	lr-plan -R sciatica > plan.tsv
	# The longer get-ready of a change of position is the timer's own.
	run --separate-stderr lr-timer --batch --speed 1000 --ready-move 10 plan.tsv
	grep -q "about $(lr-plan -R sciatica --total) s at speed 1000" <<<"$stderr"
}

@test "a change of position gets a longer get-ready: twice --ready, or --ready-move" {
	lr-plan -R sciatica > plan.tsv
	# Changes: the positions of two exercises in a row share none.
	changes=$(awk -F'\t' 'NR > 2 {
		n = split(prev, a, ","); shared = 0
		for (i = 1; i <= n; i++) if (("," $5 ",") ~ ("," a[i] ",")) shared = 1
		if (!shared) c++
	} NR > 1 { prev = $5 } END { print c + 0 }' plan.tsv)
	[ "$changes" -ge 1 ]
	total=$(lr-plan -R sciatica --total)
	run --separate-stderr lr-timer --batch --speed 1000 plan.tsv
	assert_success
	grep -q "about $((total + 10 * changes)) s at speed 1000" <<<"$stderr"
	[ "$(grep -c ': get ready: .* (20 s)$' <<<"$stderr")" -eq "$changes" ]
	run --separate-stderr lr-timer --batch --speed 1000 --ready-move 40 plan.tsv
	grep -q "about $((total + 30 * changes)) s at speed 1000" <<<"$stderr"
	[ "$(grep -c ': get ready: .* (40 s)$' <<<"$stderr")" -eq "$changes" ]
	# The first exercise has the plain get-ready.
	grep -m 1 ': get ready: ' <<<"$stderr" | grep -q '(10 s)$'
	run --separate-stderr lr-timer --batch --speed 1000 --ready 0 plan.tsv
	! grep -q 'get ready' <<<"$stderr" || return 1
}

@test "an edited plan runs: grep -v drops an exercise" {
	run bash -c 'lr-plan -R knee-pain | grep -v kneeling-hamstring | lr-timer --batch --speed 1000 2>/dev/null'
	assert_success
	refute_output --partial 'kneeling-hamstring-stretch'
	assert_output --partial 'hip-flexor-stretch'
	[ "$(printf '%s\n' "$output" | results_summary | wc -l)" -eq 16 ]
}

@test "without --batch and without a terminal: say so, exit 2" {
	command -v setsid >/dev/null || skip "no setsid"
	lr-plan -R sciatica > plan.tsv
	run setsid -w lr-timer plan.tsv
	assert_failure 2
	assert_output --partial 'lr-timer: no terminal to draw on: use --batch to run without one'
	run setsid -w lr-timer --batch --pain plan.tsv
	assert_failure 2
	assert_output --partial 'no terminal to ask the questions on'
}

@test "a bad plan is refused before anything starts" {
	lr-plan -R sciatica | awk -F'\t' -v OFS='\t' 'NR == 3 { $8 = "lots" } 1' > bad.tsv
	run lr-timer --batch bad.tsv
	assert_failure 1
	assert_output 'lr-timer: bad.tsv:3: column "sets": expected a whole number, got "lots"'
	lr-plan -R sciatica | cut -f 1-12 > short.tsv
	run lr-timer --batch short.tsv
	assert_failure 1
	assert_output --partial 'short.tsv:1: missing required columns "rest_s", "cue"'
	lr-plan -R sciatica | head -n 1 > empty.tsv
	run lr-timer --batch empty.tsv
	assert_failure 1
	assert_output 'lr-timer: empty.tsv: the plan has no exercises'
	lr-plan -R sciatica | awk -F'\t' -v OFS='\t' 'NR == 3 { $10 = 0 } 1' > pace.tsv
	run lr-timer --batch pace.tsv
	assert_failure 1
	assert_output --partial 'pace.tsv:3: column "rep_s": reps need a pace'
	printf 'step\tid\r\n\000' > nul.tsv
	run lr-timer --batch nul.tsv
	assert_failure 1
}

@test "SIGTERM mid-session leaves whole, valid rows, the rest marked skipped" {
	lr-plan -R sciatica > plan.tsv
	lr-timer --batch --speed 20 plan.tsv > out.tsv 2>err.txt &
	pid=$!
	for _ in $(seq 300); do
		[ "$(wc -l < out.tsv)" -ge 2 ] && break
		sleep 0.1
	done
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	[ "$st" -eq 1 ]
	[ "$(awk -F'\t' '{ print NF }' out.tsv | sort -u)" = 13 ]
	[ "$(tail -c 1 out.tsv | od -An -c | tr -d ' ')" = '\n' ]
	# Every exercise and side has its row.
	[ "$(results_summary < out.tsv | wc -l)" -eq 13 ]
	grep -q '	skipped		$' out.tsv
	grep -q 'session ended early' err.txt
}

@test "SIGKILL leaves only whole rows on stdout" {
	lr-plan -R leg-pain > plan.tsv
	lr-timer --batch --speed 50 plan.tsv > out.tsv 2>/dev/null &
	pid=$!
	# Kill it once it has written some rows, however slowly it runs.
	for _ in $(seq 300); do
		[ "$(wc -l < out.tsv)" -ge 3 ] && break
		sleep 0.1
	done
	kill -KILL "$pid"
	wait "$pid" || true
	[ "$(wc -l < out.tsv)" -ge 2 ]
	[ "$(awk -F'\t' '{ print NF }' out.tsv | sort -u)" = 13 ]
	[ "$(tail -c 1 out.tsv | od -An -c | tr -d ' ')" = '\n' ]
}

# Wait up to 30 s for every line given to be in file $1 (the cue
# commands run on their own, in no set order).
wait_for_lines() {
	local file=$1 line missing
	shift
	for _ in $(seq 300); do
		missing=
		for line in "$@"; do
			grep -qxF -- "$line" "$file" 2>/dev/null || missing=$line
		done
		if [ -z "$missing" ]; then
			return 0
		fi
		sleep 0.1
	done
	echo "never saw them all in $file:"
	cat "$file"
	return 1
}

@test "--cue-cmd runs with each cue as one argument, never waiting for it nor queueing behind it" {
	# The cue waits for the file "go", made only once the timer has
	# exited: the timer cannot have waited for it.  While it runs,
	# every later cue is dropped, not queued.
	cat > "$HOME/slow-cue.sh" <<-'SH'
	#!/bin/sh
	for _ in $(seq 1200); do
		[ -e "$HOME/go" ] && break
		sleep 0.05
	done
	[ -e "$HOME/go" ] || exit 1
	printf '%s %s\n' "$#" "$1" >> "$HOME/cues"
	SH
	chmod +x "$HOME/slow-cue.sh"
	lr-plan -R sciatica | head -n 8 > plan.tsv
	run --separate-stderr lr-timer --batch --speed 1000 --cue-cmd "$HOME/slow-cue.sh" plan.tsv
	assert_success
	[ ! -e "$HOME/cues" ]
	# The timer has exited, so every cue it started has started: one.
	[ "$(pgrep -fc -- "$HOME/slow-cue.sh")" -eq 1 ]
	touch "$HOME/go"
	wait_for_lines "$HOME/cues" '1 First, Knee to chest. Left side. Hold 20 seconds'
	[ "$(wc -l < "$HOME/cues")" -eq 1 ]
}

@test "--cue-cmd takes words, not a shell line" {
	cat > args.sh <<-'SH'
	#!/bin/sh
	for a in "$@"; do printf '[%s]' "$a"; done >> "$HOME/args"
	echo >> "$HOME/args"
	SH
	chmod +x args.sh
	lr-plan -R leg-stretch > plan.tsv
	# A shell would run touch, and put the output of id in place of $(id).
	run lr-timer --batch --speed 5000 --cue-cmd "./args.sh a;touch pwned \$(id)" plan.tsv
	assert_success
	# shellcheck disable=SC2016 # the $(id) must reach the cue unexpanded
	wait_for_lines "$HOME/args" '[a;touch][pwned][$(id)][Session done. 2 exercises, 5 minutes. Well done.]'
	[ ! -e pwned ]
	run lr-timer --batch --cue-cmd no-such-speaker plan.tsv
	assert_failure 2
	assert_output --partial '--cue-cmd: cannot run "no-such-speaker": not found'
}

@test "usage errors exit 2" {
	run lr-timer --speed 0
	assert_failure 2
	assert_output --partial -- '--speed: expected 0.01-10000, got "0"'
	run lr-timer --speed fast
	assert_failure 2
	run lr-timer --ready -1
	assert_failure 2
	run lr-timer --switch 9999
	assert_failure 2
	run lr-timer --ready-move -1
	assert_failure 2
	run lr-timer --ready-move 601
	assert_failure 2
	run lr-timer a.tsv b.tsv
	assert_failure 2
	run lr-timer --bogus
	assert_failure 2
}

@test "a closed results pipe ends the session with an error, not a hang" {
	lr-plan -R leg-pain > plan.tsv
	run bash -c 'lr-timer --batch --speed 200 plan.tsv 2>err.txt | head -n 1; echo "status ${PIPESTATUS[0]}"'
	assert_line 'status 1'
	grep -qx 'lr-timer: results could not be written: Broken pipe' err.txt
}

@test "a full disk ends the session with an error naming it" {
	[ -w /dev/full ] || skip "no /dev/full"
	lr-plan -R leg-pain > plan.tsv
	run bash -c 'lr-timer --batch --speed 1000 plan.tsv 2>err.txt >/dev/full'
	assert_failure 1
	grep -qx 'lr-timer: results could not be written: No space left on device' err.txt
}

@test "batch mode says why a dose is what it is, where the plan says" {
	lr-plan -R sciatica > plan.tsv
	# Every row of a plan says why; here only the third does.
	awk -F'\t' -v OFS='\t' 'NR > 1 { $15 = NR == 3 ? "1 set of 10, kept at the start: no rating" : "" } 1' plan.tsv > why.tsv
	run --separate-stderr lr-timer --batch --speed 1000 why.tsv
	assert_success
	[ "$(grep -c ': dose: ' <<<"$stderr")" -eq 1 ]
	grep -A1 ': get ready: Cat-cow' <<<"$stderr" | grep -q ': dose: 1 set of 10, kept at the start: no rating$'
}

@test "--cue-cmd's own messages do not flood the screen: a count and the first line" {
	lr-plan -R sciatica > plan.tsv
	cat > noisy.sh <<-'SCRIPT'
	#!/bin/sh
	for i in 1 2 3 4 5; do echo "ALSA lib pcm.c: cannot find card $i" >&2; done
	SCRIPT
	chmod +x noisy.sh
	run --separate-stderr lr-timer --batch --speed 5000 --cue-cmd ./noisy.sh plan.tsv
	assert_success
	# Never the raw lines; at most one line that counts them (the cues
	# are not waited for, so the last may say nothing before the end).
	[ "$(grep -c 'ALSA' <<<"$stderr")" -le 1 ]
	[ "$(grep 'ALSA' <<<"$stderr" | grep -cvE -- '^lr-timer: --cue-cmd wrote [0-9]+ lines? on stderr, the first: ALSA lib pcm.c: cannot find card 1$')" -eq 0 ]
}

# Cut a batch session short with SIGTERM once the first exercise's
# rows are out, leaving its rows in $1.
cut_short() {
	lr-timer --batch --speed 20 plan.tsv > "$1" 2>/dev/null &
	pid=$!
	for _ in $(seq 300); do
		[ "$(wc -l < "$1")" -ge 3 ] && break
		sleep 0.1
	done
	kill -TERM "$pid"
	wait "$pid" || true
}

@test "--resume with nothing to resume, or a plan: a clear message" {
	run lr-timer --batch --resume
	assert_failure 1
	assert_output 'lr-timer: nothing to resume: no session was stopped early today'
	lr-plan -R sciatica > plan.tsv
	run lr-timer --batch --resume plan.tsv
	assert_failure 2
	assert_output --partial 'lr-timer: --resume takes no plan'
}

@test "a session cut short is kept private, and --resume refuses one others can write" {
	lr-plan -R sciatica > plan.tsv
	cut_short part1.tsv
	state="$HOME/.local/state/lr/resume"
	[ "$(stat -c %a "$state")" = 600 ]
	chmod 620 "$state"
	run lr-timer --batch --resume
	assert_failure 1
	assert_output "lr-timer: $state: not resumed: it is not a file only you can write (chmod 600 it, or remove it)"
	chmod 600 "$state"
	# Not today's: refused, and said why.
	sed -i 's/^date\t.*/date\t2001-01-01/' "$state"
	run lr-timer --batch --resume
	assert_failure 1
	assert_output 'lr-timer: nothing to resume: the session stopped early was on 2001-01-01, and only today'"'"'s is picked up'
	printf 'something else\n' > "$state"
	run lr-timer --batch --resume
	assert_failure 1
	assert_output "lr-timer: $state: not resumed: it is not a session as lr-timer keeps one"
}

@test "--resume goes on where the session stopped, under its id, later; then nothing is left" {
	lr-plan -R sciatica > plan.tsv
	cut_short part1.tsv
	id=$(column_of session < part1.tsv | sort -u)
	[ "$(printf '%s\n' "$id" | wc -l)" -eq 1 ]
	[ "$(awk -F'\t' '$11 == "done"' part1.tsv | wc -l)" -ge 2 ]
	# Another session run to its end meanwhile leaves it kept.
	lr-timer --batch --speed 1000 plan.tsv > other.tsv 2>/dev/null
	run --separate-stderr lr-timer --batch --speed 1000 --resume
	assert_success
	printf '%s\n' "$output" > part2.tsv
	# What was left: the sides not done, and their exercises.
	sides=$(awk -F'\t' '$3 == "exercise" && $11 != "done"' part1.tsv | wc -l)
	left=$(awk -F'\t' '$3 == "exercise" && $11 != "done" { print $5 }' part1.tsv | sort -u | wc -l)
	grep -q "session $id resumed: $left exercises left, " <<<"$stderr"
	tail -n 1 <<<"$stderr" | grep -q "session $id done: 8 of 8 exercises in full, 0 in part, 0 skipped"
	# Rows only for what was not done, all of the same session, each
	# later than every row of the first part.
	[ "$(column_of session < part2.tsv | sort -u)" = "$id" ]
	! grep -q '	knee-to-chest	' part2.tsv || return 1
	[ "$(results_summary < part2.tsv | wc -l)" -eq "$sides" ]
	[ "$(column_of status < part2.tsv | sort -u)" = "done" ]
	last1=$(column_of started < part1.tsv | sort | tail -n 1)
	first2=$(column_of started < part2.tsv | sort | head -n 1)
	[[ "$first2" > "$last1" ]]
	# Logged, both parts are one session, every exercise done once: 8
	# exercises, not 13 sides, and none partly done or skipped.
	export LR_LOG="$BATS_TEST_TMPDIR/log.tsv"
	lr-log -q part1.tsv
	lr-log -q part2.tsv
	[ "$(sed 1d "$LR_LOG" | wc -l)" -eq 24 ]
	run lr-report -w 1 --format tsv
	assert_success
	[ "$(printf '%s\n' "$output" | column_of sessions | awk '{ n += $1 } END { print n }')" -eq 1 ]
	[ "$(printf '%s\n' "$output" | column_of "done" | awk '{ n += $1 } END { print n }')" -eq 8 ]
	[ "$(printf '%s\n' "$output" | column_of partial | awk '{ n += $1 } END { print n }')" -eq 0 ]
	[ "$(printf '%s\n' "$output" | column_of skipped | awk '{ n += $1 } END { print n }')" -eq 0 ]
	# Done: nothing is left to resume.
	run lr-timer --batch --resume
	assert_failure 1
	assert_output --partial 'nothing to resume'
}
