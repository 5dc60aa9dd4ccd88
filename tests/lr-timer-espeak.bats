#!/usr/bin/env bats
# lr-timer's spoken cues through real espeak-ng, as the README shows it
# (--cue-cmd espeak-ng): every cue is something espeak-ng says, the
# counts are short enough to be said one a second, and a machine with
# no sound card does not flood the person's screen.  What is said when
# is tested in tests/lr-timer-cues.bats and tests/unit/cues_test.c.

load helper

setup() {
	command -v espeak-ng >/dev/null ||
	    skip "espeak-ng is not installed (sh .ci/deps test)"
	lr_setup
	cat > say.sh <<-'SH'
	#!/bin/sh
	printf '%s\n' "$1" >> "$HOME/heard"
	SH
	chmod +x say.sh
	# Holds, reps, reps held at the top, sides and breaths: the knee
	# routine's heel and calf stretch, calf raises and side leg raises,
	# and the sciatica routine's cat-cow, one set each, short.
	{
		lr-plan -R knee-pain | grep -e step -e calf -e side-leg
		lr-plan -R sciatica | grep cat-cow
	} | awk -F'\t' -v OFS='\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
		{ $c["sets"] = 1 }
		$c["id"] == "heel-calf-stretch" { $c["hold_s"] = 20 }
		$c["id"] == "side-leg-raise" { $c["reps"] = 3 }
		{ print }' > plan.tsv
}

# The seconds of speech in WAV file $1: its data over its byte rate.
wav_seconds() {
	local rate size
	rate=$(od -An -tu4 -j 28 -N 4 "$1" | tr -d ' ')
	size=$(stat -c %s "$1")
	awk -v s="$size" -v r="$rate" 'BEGIN { printf "%.2f\n", (s - 44) / r }'
}

@test "the plan for these tests is what they expect" {
	run column_of id < plan.tsv
	assert_output "$(printf 'heel-calf-stretch\ncalf-raise\nside-leg-raise\ncat-cow')"
}

@test "--cue-cmd espeak-ng: the session runs to its end, and what espeak-ng complains of is one line" {
	run --separate-stderr lr-timer --batch --no-screen --no-pain --speed 20 \
	    --ready 2 --switch 2 --cue-cmd espeak-ng plan.tsv
	assert_success
	[ "$(grep -c '	done	' <<<"$output")" -eq 6 ]
	# Without a sound card espeak-ng says hundreds of lines; the
	# person sees at most one, from lr-timer, with their count.
	run grep -vc '^lr-timer: ' <<<"$stderr"
	assert_output 0
	[ "$(grep -c -- '--cue-cmd wrote' <<<"$stderr" || true)" -le 1 ]
}

# The least time before the next cue, in seconds, of each kind of cue,
# from the catalog's paces, plus the half second the timer waits for a
# cue command still speaking before it drops the next cue: "KIND SECS".
cue_room() {
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["reps"] + 0 == 0 || $c["rep_s"] + 0 == 0 { next }
		$c["hold_s"] > 0 && (up == "" || $c["rep_s"] / 2 < up) { up = $c["rep_s"] / 2 }
		$c["hold_s"] > 0 && (hold == "" || $c["hold_s"] < hold) { hold = $c["hold_s"] }
		$c["hold_s"] == 0 && (rep == "" || $c["rep_s"] < rep) { rep = $c["rep_s"] }
		END {
			print "count", 1 + 0.5	# 3, 2, 1 come a second apart
			print "up", up + 0.5	# "N, up", then "Hold" at half a rep
			print "hold", hold + 0.5	# "Hold", then "Down"
			print "rep", rep + 0.5	# "N", then "N+1"
		}' "$CATALOG"
}

@test "espeak-ng says every cue, each in less time than the catalog's pace leaves it" {
	run --separate-stderr lr-timer --batch --no-screen --no-pain --speed 20 \
	    --ready 4 --switch 4 --cue-cmd ./say.sh plan.tsv
	assert_success
	# The cue command runs on its own: wait for the last word.
	for _ in $(seq 300); do
		grep -q '^Session done' "$HOME/heard" 2>/dev/null && break
		sleep 0.1
	done
	grep -q '^Session done' "$HOME/heard"
	sort -u "$HOME/heard" > cues.txt
	[ "$(wc -l < cues.txt)" -ge 15 ]
	grep -qx 'Hold' cues.txt
	grep -qx 'Breathe out' cues.txt
	cue_room > room.txt
	[ "$(wc -l < room.txt)" -eq 4 ]
	local n=0 text secs kind room late=''
	while IFS= read -r text; do
		n=$((n + 1))
		run --separate-stderr espeak-ng -w "cue$n.wav" "$text"
		assert_success
		[ -z "$stderr" ] || { echo "espeak-ng on \"$text\": $stderr"; return 1; }
		secs=$(wav_seconds "cue$n.wav")
		# Something is said.
		awk -v s="$secs" 'BEGIN { exit !(s > 0.1) }' ||
		    { echo "\"$text\": $secs s of speech"; return 1; }
		case $text in
		[0-9] | [0-9][0-9]) kind=count ;;
		*', up') kind=up ;;
		Hold | Down | Go) kind=hold ;;
		'Go. '[0-9]*) kind=rep ;;
		*) continue ;;
		esac
		room=$(awk -v k="$kind" '$1 == k { print $2 }' room.txt)
		# Said in less time than the next cue leaves it, or that one is
		# dropped and the person loses a count.
		awk -v s="$secs" -v r="$room" 'BEGIN { exit !(s < r) }' ||
		    late="$late \"$text\" ($secs s, room for $room s)"
	done < cues.txt
	[ -z "$late" ] || { echo "too long to say in time:$late"; return 1; }
}
