#!/usr/bin/env bats
# lr-timer on a real terminal, driven through tmux: the screen, the
# keys, the safety screen, the pain check-ins, and the terminal given
# back sane on every way out.

load helper
load tmux

setup() {
	tmux_setup
	lr_setup
	lr-plan -R sciatica > plan.tsv
}

teardown() {
	tmux_teardown
}

# Wait up to 10 s for text to leave the screen.
wait_gone() {
	local i
	for i in $(seq 100); do
		pane | grep -q -- "$1" || return 0
		sleep 0.1
	done
	echo "still there: $1"
	pane
	return 1
}

# Wait up to 10 s for a command to succeed.
wait_until() {
	local i
	for i in $(seq 100); do
		"$@" && return 0
		sleep 0.1
	done
	echo "never: $*"
	pane
	return 1
}

# The screen, all but its top line (which flashes at each change).
below_top() {
	pane | sed 1d
}

screen_moved_from() {
	[ "$(below_top)" != "$1" ]
}

# Stop a session as a person does: q, which asks again, and q.
stop_session() {
	keys q
	wait_for 'press q again to stop'
	keys q
}

# The end screen stays until a key: take it away.
leave_end_screen() {
	wait_for 'Press any key to finish'
	keys Enter
}

# A twin session run to its end in batch mode: an event that comes as
# many seconds after now as its one exercise (40 s without get-ready
# and switch) takes at speed $1.  What is paused meanwhile must not
# move.
twin_session() {
	head -n 2 plan.tsv > one.tsv
	lr-timer --batch --no-screen --ready 0 --switch 0 --speed "$1" one.tsv > /dev/null 2>&1
}

terminal_is_sane() {
	grep -qw icanon stty.txt
	grep -qw echo stty.txt
	! grep -qw -- -icanon stty.txt || return 1
}

@test "the screen: name, cue, set, side, countdown, progress, next" {
	start "lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'Knee to chest'
	wait_for 'GET READY'
	pane > screen.txt
	grep -q 'step 1 of 8' screen.txt
	grep -q 'Hug one knee in' screen.txt
	grep -q 'set 1 of 1   LEFT side' screen.txt
	grep -q 'Next: Cat-cow (1 set of 5)' screen.txt
	# The lines fit: nothing wraps onto the next line.
	grep -A 1 '^ Next: ' screen.txt | tail -n 1 | grep -q '% .* left$'
	grep -q 'space pause  n n next  b back  q q quit  ? keys' screen.txt
	stop_session
	leave_end_screen
	wait_exit
}

@test "space pauses and resumes; n twice skips; b goes back; q twice stops and keeps the rows" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	keys Space
	wait_for 'PAUSED'
	a=$(below_top)
	# 2 s for the twin: 8 s of this session's clock, had it run.
	twin_session 20
	[ "$(below_top)" = "$a" ]
	keys Space
	wait_gone PAUSED
	wait_for 'HOLD'
	# A second of the hold done (its countdown moved), then skip it.
	h=$(below_top)
	wait_until screen_moved_from "$h"
	keys n
	wait_for 'press n again to skip'
	pane | grep -q 'step 1 of 8'
	keys n
	wait_for 'step 2 of 8'
	wait_for 'Cat-cow'
	wait_for 'rep 2 of 5'
	keys b
	wait_for 'GET READY'
	pane | grep -q 'step 2 of 8'
	keys '?'
	wait_for 'lr-timer keys'
	keys x
	wait_for 'step 2 of 8'
	stop_session
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	[ "$(awk -F'\t' '{ print NF }' out.tsv | sort -u)" = 13 ]
	[ "$(awk -F'\t' 'NR > 1 && $3 == "exercise"' out.tsv | wc -l)" -eq 13 ]
	# Skipped with n: knee to chest, left part-done, right not started.
	grep -q '	knee-to-chest	left	0	0	[0-9]*	[0-9]*	partial	' out.tsv
	grep -q '	knee-to-chest	right	0	0	0	0	skipped	' out.tsv
	grep -q '	supine-twist	right	0	0	0	0	skipped	' out.tsv
}

@test "Ctrl-C ends the session like q, with the terminal restored" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	# At once: no second press asked.
	keys C-c
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	[ "$(awk -F'\t' 'NR > 1' out.tsv | wc -l)" -eq 13 ]
}

@test "SIGTERM restores the terminal and leaves whole rows" {
	# The shell execs the timer, so its pid is the timer's (also when
	# the timer runs under valgrind).
	start "sh -c 'echo \$\$ > pid; exec lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv'"
	wait_for 'step 1 of 8'
	kill -TERM "$(cat pid)"
	wait_exit
	[ "$(cat status)" -eq 1 ]
	terminal_is_sane
	[ "$(awk -F'\t' '{ print NF }' out.tsv | sort -u)" = 13 ]
}

@test "Ctrl-Z suspends, and the session comes back paused" {
	[ -z "${LR_SLOW:-}" ] || skip "under valgrind a raised SIGTSTP does not stop the program"
	tmux -S "$SOCK" -f /dev/null new-session -d -x 80 -y 24 "cd '$BATS_TEST_TMPDIR' && PS1='$ ' bash --norc -i"
	sleep 0.5
	keys 'lr-timer --no-screen --no-pain --speed 2 plan.tsv > out.tsv' Enter
	wait_for 'step 1 of 8'
	keys C-z
	wait_for 'Stopped'
	keys 'stty -a > stopped.txt' Enter
	sleep 0.3
	grep -qw icanon stopped.txt
	keys 'fg' Enter
	wait_for 'PAUSED'
	stop_session
	leave_end_screen
	wait_for 'session .* stopped: '
	# shellcheck disable=SC2016 # for the shell in the terminal to expand
	keys 'st=$?; stty -a > stty.txt; echo $st > status' Enter
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
}

# The nine warning signs, all answered no, as the timer records them.
ALL_CLEAR='leg-colour=no,weight=no,fever=no,wound=no,bladder=no,numbness=no,sharp-pain=no,injury=no,unsettled=no'

# Answer the day's questions no, one key each, waiting for each one.
# Batch mode's questions as lines: the notice, nine times n and
# Enter, then Enter to start.
batch_questions_all_no() {
	local i
	wait_for 'Before your first session'
	keys Enter
	for i in 1 2 3 4 5 6 7 8 9; do
		wait_for "Before you start ($i of 9)"
		keys n Enter
	done
	wait_for 'Press Enter to start'
	keys Enter
}

answer_no() {
	local i
	for i in 1 2 3 4 5 6 7 8 9; do
		wait_for "Before you start ($i of 9)"
		keys n
	done
}

@test "the first session ever: check with a doctor or physiotherapist first" {
	start "lr-timer --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'Before your first session'
	pane | grep -q 'Check with your doctor or physiotherapist before you start'
	keys q
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	# Quit before the session: the results hold the header alone.
	[ "$(wc -l < out.tsv)" -eq 1 ]
}

@test "the safety screen comes before the first session of the day, then a key no answer uses" {
	mkdir -p "$HOME/.local/share/lr"
	: > "$HOME/.local/share/lr/log.tsv"
	start "lr-timer --speed 4 plan.tsv > out.tsv"
	answer_no
	wait_for 'Pain before the session'
	keys 3
	wait_for 'Press space to start'
	# One n too many is not taken as "next exercise".
	keys n
	sleep 0.3
	pane | grep -q 'Press space to start'
	keys Space
	wait_for 'step 1 of 8'
	pane | grep -q 'GET READY'
	stop_session
	wait_for 'Pain after the session'
	keys Enter
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -q "	screen	0			0	0	0	0	clear		$ALL_CLEAR\$" out.tsv
	grep -q '	pain	0			0	0	0	0	before	3	$' out.tsv
	! grep -q '	after	' out.tsv || return 1
	# Asked once a day: the next session starts straight away.
	next_terminal
	start "lr-timer --no-pain --speed 4 plan.tsv > out2.tsv"
	wait_for 'step 1 of 8'
	stop_session
	leave_end_screen
	wait_exit
	! grep -q '	screen	' out2.tsv || return 1
}

@test "an urgent yes: no more questions, the advice stays until read and after the end" {
	mkdir -p "$HOME/.local/share/lr"
	: > "$HOME/.local/share/lr/log.tsv"
	start "lr-timer plan.tsv > out.tsv"
	wait_for 'Before you start (1 of 9)'
	pane | grep -q 'swollen, red or hot, or pale and cold'
	keys y
	wait_for 'get help now'
	pane | grep -q 'Get medical help right away'
	pane | grep -q 'Press Enter when you have read this'
	# It stays: other keys do not take it away.
	keys n y Space
	sleep 0.5
	pane | grep -q 'get help now'
	! pane | grep -q 'Before you start (2 of 9)' || return 1
	keys Enter
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	# Back on the normal screen, the advice is still there to read.
	pane | grep -q 'Do not exercise today: get help now'
	pane | grep -q 'blood clot'
	grep -q '	screen	.*	stop		leg-colour=yes$' out.tsv
	! grep -q '	exercise	' out.tsv || return 1
	# Logged, the stop is the first warning of the week's report.
	lr-log -q out.tsv
	day=$(awk -F'\t' '$3 == "screen" { print substr($1, 1, 10) }' out.tsv)
	run lr-report --since "$day" --until "$day"
	assert_success
	refute_output --partial 'Nothing was logged'
	[ "$(printf '%s\n' "$output" | grep -A1 '^Warnings$' | tail -n 1)" = "  - No session on $day: a warning sign stopped it. Answered yes: Is a" ]
}

@test "at 40x12 the advice is wrapped at words and never leaves the top unseen" {
	mkdir -p "$HOME/.local/share/lr"
	: > "$HOME/.local/share/lr/log.tsv"
	start "lr-timer plan.tsv > out.tsv" 40 12
	for i in 1 2 3 4 5; do
		wait_for "Before you start ($i of 9)"
		keys n
	done
	for i in 6 7 8 9; do
		wait_for "Before you start ($i of 9)"
		# A long question may need scrolling before y counts.
		while ! pane | grep -q 'Press y for yes'; do keys Space; sleep 0.2; done
		keys y
	done
	wait_for 'Do not exercise today'
	pane > first.txt
	# The title and the first advice are on the first page.
	sed -n 1p first.txt | grep -q 'Do not exercise today'
	grep -q 'Numbness or weakness' first.txt
	grep -q 'More below' first.txt
	[ "$(LC_ALL=C.UTF-8 wc -L < first.txt)" -le 40 ]
	[ "$(wc -l < first.txt)" -le 12 ]
	# Enter pages down until the end is seen, then confirms.
	while ! pane | grep -q 'Press Enter when you have read'; do keys Enter; sleep 0.2; done
	pane | grep -q 'your doctor\.$'
	keys Enter
	wait_exit
	# All four pieces of advice are back on the normal screen.
	pane -S -50 | tr '\n' ' ' | tr -s ' ' > after.txt
	grep -q "Numbness or weakness needs a doctor's opinion" after.txt
	grep -q 'Do not exercise while the pain is sharp' after.txt
	grep -q 'Wait, and check with your doctor before you start' after.txt
	grep -q 'Stop the exercises and check in with your doctor' after.txt
	# No word was cut at the end of a line: each line's last word is
	# a whole word of the advice.
	sed -n '3,9p' first.txt | awk 'NF { print $NF }' | tr -d '.,' > last.txt
	[ -s last.txt ]
	while read -r w; do
		grep -qw -- "$w" after.txt || { echo "cut: $w"; return 1; }
	done < last.txt
	grep -q '	screen	.*	stop		.*numbness=yes,sharp-pain=yes,injury=yes,unsettled=yes$' out.tsv
}

# Answer the first question no, then Ctrl-C at the second: the program
# ends with status 0 and the terminal as it was.
ctrl_c_at_the_second_question() {
	wait_for 'Before you start (1 of 9)'
	keys n
	wait_for 'Before you start (2 of 9)'
	keys C-c
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
}

@test "Ctrl-C or q at a question, or at a pain prompt, ends without a session" {
	mkdir -p "$HOME/.local/share/lr"
	: > "$HOME/.local/share/lr/log.tsv"
	start "lr-timer plan.tsv > out.tsv"
	ctrl_c_at_the_second_question
	[ "$(wc -l < out.tsv)" -eq 1 ]
	next_terminal
	start "lr-timer --no-screen plan.tsv > out.tsv"
	wait_for 'Pain before the session'
	keys C-c
	wait_exit
	[ "$(cat status)" -eq 0 ]
	[ "$(wc -l < out.tsv)" -eq 1 ]
	next_terminal
	start "lr-timer --no-screen plan.tsv > out.tsv"
	wait_for 'Pain before the session'
	keys q
	wait_exit
	[ "$(cat status)" -eq 0 ]
	! grep -q '	exercise	' out.tsv || return 1
}

@test "SIGTERM at a question ends with status 1, as it does mid-session" {
	start "sh -c 'echo \$\$ > pid; exec lr-timer plan.tsv > out.tsv'"
	wait_for 'Before your first session'
	kill -TERM "$(cat pid)"
	wait_exit
	[ "$(cat status)" -eq 1 ]
	terminal_is_sane
	[ "$(wc -l < out.tsv)" -eq 1 ]
}

@test "SIGTERM at the pain prompt ends with status 1 too, and no session" {
	mkdir -p "$HOME/.local/share/lr"
	: > "$HOME/.local/share/lr/log.tsv"
	start "sh -c 'echo \$\$ > pid; exec lr-timer --no-screen plan.tsv > out.tsv'"
	wait_for 'Pain before the session'
	kill -TERM "$(cat pid)"
	wait_exit
	[ "$(cat status)" -eq 1 ]
	terminal_is_sane
	[ "$(wc -l < out.tsv)" -eq 1 ]
}

@test "the README's pipeline: Ctrl-C at a question logs nothing and leaves nothing in pending/" {
	local pipeline='lr-plan -R sciatica | lr-timer | lr-log'
	grep -qF -- "$pipeline" "$REPO/README.md"
	start "sh -c '$pipeline'"
	wait_for 'Before your first session'
	keys Space
	ctrl_c_at_the_second_question
	[ ! -s "$HOME/.local/share/lr/log.tsv" ]
	[ ! -e "$HOME/.local/share/lr/pending" ] || [ -z "$(ls -A "$HOME/.local/share/lr/pending")" ]
}

@test "pain is asked before and after by default: one key, t for ten, Enter skips" {
	start "lr-timer --no-screen --speed 4 plan.tsv > out.tsv"
	wait_for 'Pain before the session'
	keys t
	wait_for 'Press space to start'
	keys Space
	wait_for 'step 1 of 8'
	stop_session
	wait_for 'Pain after the session'
	keys 2
	wait_for 'Pain: 10 before, 2 after.'
	leave_end_screen
	wait_exit
	grep -q '	pain	0			0	0	0	0	before	10	$' out.tsv
	grep -q '	pain	0			0	0	0	0	after	2	$' out.tsv
}

@test "--no-pain asks nothing about pain" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	stop_session
	leave_end_screen
	wait_exit
	[ "$(awk -F'\t' '$3 == "pain"' out.tsv | wc -l)" -eq 0 ]
	[ "$(awk -F'\t' '$3 == "exercise"' out.tsv | wc -l)" -eq 13 ]
}

@test "TERM=dumb gets plain lines, no drawing" {
	start "TERM=dumb lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'Step 1 of 8: Knee to chest, supine. Get ready, 10 s.'
	! pane | grep -q 'GET READY' || return 1
	stop_session
	wait_for '^Stopped$'
	leave_end_screen
	wait_exit
	terminal_is_sane
}

# The colour escapes of the screen, once the top line's flash is over.
unflashed() {
	pane -e > screen-e.txt
	! grep -q $'\033\\[7m' screen-e.txt
}

has_blue() {
	pane -e | grep -q $'\033\\[[0-9;]*44'
}

@test "colour only when NO_COLOR is unset" {
	start "lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	wait_until has_blue
	stop_session
	leave_end_screen
	wait_exit
	next_terminal
	start "NO_COLOR=1 lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	wait_until unflashed
	! grep -q $'\033\\[[0-9;]*44' screen-e.txt || return 1
	stop_session
	leave_end_screen
	wait_exit
}

@test "vt100 and vt220 have no colour: terminfo says so" {
	for t in vt100 vt220; do
		start "TERM=$t lr-timer --no-screen --no-pain plan.tsv > out.tsv"
		wait_for 'step 1 of 8'
		wait_until unflashed
		cp screen-e.txt "$t.txt"
		stop_session
		leave_end_screen
		wait_exit
		next_terminal
		grep -q 'step 1 of 8' "$t.txt"
		! grep -q $'\033\\[[0-9;]*44' "$t.txt" || return 1
	done
	start "TERM=xterm-256color lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	wait_until has_blue
	stop_session
	leave_end_screen
	wait_exit
}

@test "block characters only when the locale's character set is UTF-8" {
	start "LC_ALL=C.UTF-8 lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'GET READY'
	pane > utf8.txt
	stop_session
	leave_end_screen
	wait_exit
	next_terminal
	! grep -q '#' utf8.txt || return 1
	for l in C xx_YY.UTF-8; do
		start "LC_ALL=$l lr-timer --no-screen --no-pain plan.tsv > out.tsv"
		wait_for 'GET READY'
		pane > "$l.txt"
		stop_session
		leave_end_screen
		wait_exit
		next_terminal
		# The big digits and the bar, in ASCII.
		grep -q '######' "$l.txt"
		grep -q ' #*\.\.\.\.* *[0-9]*% ' "$l.txt"
	done
}

@test "a state directory that cannot be made is reported, and the session goes on" {
	: > notadir
	start "XDG_STATE_HOME='$BATS_TEST_TMPDIR/notadir' lr-timer --batch --speed 1000 plan.tsv > out.tsv 2>err.txt"
	batch_questions_all_no
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -qx "lr-timer: $BATS_TEST_TMPDIR/notadir/lr: Not a directory" err.txt
	grep -q 'session .* done: 8 of 8 exercises in full' err.txt
}

# The line under "Next:" is the progress bar, whole: it ends in "left".
bar_whole() {
	pane | grep -A 1 '^ Next: ' | tail -n 1 | grep -q '% .* left$'
}

@test "a resized terminal is redrawn to fit" {
	start "lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	tmux -S "$SOCK" resize-window -x 50 -y 24
	wait_until bar_whole
	pane > small.txt
	grep -q 'Knee to chest' small.txt
	grep -q 'left$' small.txt
	[ "$(LC_ALL=C.UTF-8 wc -L < small.txt)" -le 50 ]
	stop_session
	leave_end_screen
	wait_exit
}

@test "batch mode asks the questions on the terminal as lines, y or n and Enter" {
	start "lr-timer --batch --speed 1000 plan.tsv > out.tsv 2>err.txt"
	batch_questions_all_no
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -q "	screen	.*	clear		$ALL_CLEAR\$" out.tsv
	grep -q 'session .* done: 8 of 8 exercises in full' err.txt
	# Each answer stayed on its own line.
	pane | grep -q 'quit): n$'
}

@test "batch mode with --no-screen asks nothing, even on a terminal" {
	start "lr-timer --batch --no-screen --speed 1000 plan.tsv > out.tsv 2>err.txt"
	wait_exit
	[ "$(cat status)" -eq 0 ]
	! grep -q '	screen	' out.tsv || return 1
}

# The README's own pipeline, with the clock running twenty times faster
# so that the first exercise ends in seconds; then $1 (a key: q asks
# again, and is pressed twice) ends the session: what was done is
# logged, the rest as skipped, one session.
readme_pipeline_ended_by() {
	local pipeline='lr-plan -R sciatica | lr-timer | lr-log'
	grep -qF -- "$pipeline" "$REPO/README.md"
	start "ASAN_OPTIONS=verify_asan_link_order=0 faketime -f '+0 x20' sh -c '$pipeline'"
	wait_for 'Before your first session'
	keys Space
	answer_no
	wait_for 'Pain before the session'
	keys 2
	wait_for 'Press space to start'
	keys Space
	wait_for 'step 2 of 8'
	if [ "$1" = q ]; then
		stop_session
	else
		keys "$1"
	fi
	wait_for 'Pain after the session'
	keys 3
	wait_for 'The results went on down the pipe'
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	log="$HOME/.local/share/lr/log.tsv"
	[ "$(awk -F'\t' '$5 == "knee-to-chest" { print $6, $11 }' "$log")" = "left done
right done" ]
	[ "$(awk -F'\t' '$3 == "exercise" && $5 != "knee-to-chest" { print $11 }' "$log" | sort -u)" = skipped ]
	[ "$(awk -F'\t' '$3 == "exercise"' "$log" | wc -l)" -eq 13 ]
	[ "$(awk -F'\t' '$3 == "pain" { print $11 $12 }' "$log" | tr '\n' ' ')" = "before2 after3 " ]
	[ ! -e "$HOME/.local/share/lr/pending" ] || [ -z "$(ls -A "$HOME/.local/share/lr/pending")" ]
	run lr-report -w 2 --format tsv
	assert_success
	[ "$(printf "%s\n" "$output" | column_of sessions | awk "{ n += \$1 } END { print n }")" -eq 1 ]
}

@test "the README's pipeline: Ctrl-C after the first exercise logs it and the rest as skipped" {
	command -v faketime >/dev/null || skip "faketime is not installed"
	readme_pipeline_ended_by C-c
}

@test "the README's pipeline: q twice after the first exercise does the same" {
	command -v faketime >/dev/null || skip "faketime is not installed"
	readme_pipeline_ended_by q
}

@test "the get-ready screen says why the dose is what it is" {
	awk -F'\t' -v OFS='\t' 'NR == 2 { $15 = "25 s hold, was 20 s: done in full twice, pain settled" } 1' plan.tsv > why.tsv
	start "lr-timer --no-screen --no-pain why.tsv > out.tsv"
	wait_for 'Dose: 25 s hold, was 20 s: done in full twice, pain settled'
	pane | grep -q 'GET READY'
	stop_session
	leave_end_screen
	wait_exit
}

@test "? shows the keys and pauses: the clock does not move under them, and it stays paused" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	keys '?'
	wait_for 'lr-timer keys'
	# 4 s for the twin: 16 s of this session's clock, more than its
	# get-ready of 10 s, had it run.
	twin_session 10
	pane | grep -q 'lr-timer keys'
	[ "$(wc -l < out.tsv)" -eq 1 ]
	keys x
	wait_for 'PAUSED'
	pane | grep -q 'GET READY'
	a=$(below_top)
	twin_session 10
	[ "$(below_top)" = "$a" ]
	keys Space
	wait_gone PAUSED
	wait_for 'HOLD'
	stop_session
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
}

@test "q and n ask again: another key or a wait lets them go; Caps Lock changes nothing" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	keys q
	wait_for 'press q again to stop'
	keys x
	wait_gone 'press q again to stop'
	pane | grep -q 'step 1 of 8'
	# The keys are back on the last line, where the question was.
	pane | tail -n 1 | grep -q 'space pause  n n next  b back  q q quit'
	! pane | grep -q 'Press any key to finish' || return 1
	# No second press: let go after three seconds.
	keys q
	wait_for 'press q again to stop'
	wait_gone 'press q again to stop'
	pane | grep -q 'step 1 of 8'
	# Caps Lock: N N skips, Q Q stops.
	keys N
	wait_for 'press n again to skip'
	pane | grep -q 'step 1 of 8'
	keys N
	wait_for 'step 2 of 8'
	keys Q
	wait_for 'press q again to stop'
	keys Q
	wait_for 'Session stopped'
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -q '	knee-to-chest	right	0	0	0	0	skipped	' out.tsv
	[ "$(awk -F'\t' '$3 == "exercise"' out.tsv | wc -l)" -eq 13 ]
}

@test "the end screen stays until a key, counts exercises, not sides, and says where the results went" {
	# Stopped in step 2: knee to chest (two sides, two rows) is one
	# exercise in full.  The results are on the terminal: not logged.
	start "lr-timer --no-screen --no-pain --speed 8 plan.tsv"
	wait_for 'step 2 of 8'
	stop_session
	wait_for 'Session stopped'
	pane > end.txt
	grep -Eq '^ Exercises: 1 of 8 in full, [01] in part, [67] skipped\.$' end.txt
	grep -q 'Not logged: the results are only on this terminal\. Pipe' end.txt
	grep -q 'lr-timer --resume' end.txt
	! grep -qi 'done' end.txt || return 1
	# It stays while a twin session runs to its end.
	twin_session 20
	pane | grep -q 'Session stopped'
	[ ! -e status ]
	keys Enter
	wait_exit
	pane -J -S -50 | grep -q 'session .* stopped: 1 of 8 exercises in full, '
	next_terminal
	# Run to its end down a pipe: every exercise in full, 8, not 13.
	start "lr-timer --no-screen --no-pain --speed 200 plan.tsv | cat > out.tsv"
	wait_for 'Session finished'
	pane > end.txt
	grep -q '^ Exercises: 8 of 8 in full, 0 in part, 0 skipped\.$' end.txt
	grep -q 'The results went on down the pipe' end.txt
	grep -q 'Well done' end.txt
	[ ! -e status ]
	keys Space
	wait_exit
	pane -J -S -50 | grep -q 'session .* done: 8 of 8 exercises in full, 0 in part, 0 skipped; '
	[ "$(awk -F'\t' '$3 == "exercise"' out.tsv | wc -l)" -eq 13 ]
	next_terminal
	# A signal on the end screen ends no session, for it has ended:
	# exit 0 (not the 1 of a session a signal ended), every row kept.
	start "sh -c 'echo \$\$ > pid; exec lr-timer --no-screen --no-pain --speed 200 plan.tsv > out2.tsv'"
	wait_for 'Session finished'
	kill -TERM "$(cat pid)"
	wait_exit
	[ "$(cat status)" -eq 0 ]
	[ "$(awk -F'\t' '$3 == "exercise"' out2.tsv | wc -l)" -eq 13 ]
}

@test "--plain and TERM=dumb: a line per change, no drawing, the same keys, answers on their own lines" {
	start "TERM=dumb lr-timer --no-screen --speed 4 plan.tsv > out.tsv" 100 50
	wait_for 'Pain before the session'
	keys 3
	wait_for 'q quits\. 3$'
	wait_for 'Press space to start'
	keys Space
	wait_for '^Step 1 of 8: Knee to chest, supine\. Get ready, 10 s\.'
	keys '?'
	wait_for '^Keys: space pause'
	wait_for '^Paused: press space to go on$'
	keys Space
	wait_for '^Going on$'
	wait_for '^Go: left side, set 1 of 1, hold 20 s$'
	wait_for '^10 s left$'
	keys n
	wait_for '^press n again to skip$'
	keys n
	wait_for '^Skipped the rest of Knee to chest$'
	wait_for '^Step 2 of 8: Cat-cow'
	wait_for '^Rep 2 of 5$'
	keys b
	wait_for '^Back to the start of Cat-cow$'
	keys q
	wait_for '^press q again to stop$'
	keys x
	wait_for '^not stopped$'
	keys q q
	wait_for '^Stopped$'
	wait_for 'Pain after the session'
	keys 2
	wait_for 'q quits\. 2$'
	wait_for '^Exercises: 0 of 8 in full, 1 in part, 7 skipped\.$'
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	pane -e -S -200 > all.txt
	# No drawing: no escape sequence, no line said twice in a row, the
	# big screen's words nowhere.
	! grep -q $'\033' all.txt || return 1
	[ -z "$(grep -v '^$' all.txt | uniq -d)" ]
	! grep -q 'GET READY' all.txt || return 1
	# Holds told every ten seconds, reps one by one: no jumping counts.
	[ -z "$(grep -E '^[0-9]+ s left$' all.txt | grep -vE '^[1-9]0 s left$')" ]
	[ "$(grep -cE '^Rep [2-5] of 5$' all.txt)" -ge 1 ]
	# Each answer on its own line: what follows starts a line of its own.
	grep -v '^$' all.txt | grep -A 1 'q quits\. 3$' | tail -n 1 | grep -q '^Ready$'
	grep -q '	pain	0			0	0	0	0	before	3	$' out.tsv
	grep -q '	pain	0			0	0	0	0	after	2	$' out.tsv
	next_terminal
	# --plain on a terminal that could draw: lines all the same.
	start "lr-timer --plain --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for '^Step 1 of 8: Knee to chest'
	! pane | grep -q 'GET READY' || return 1
	keys '?'
	wait_for '^Paused: press space to go on$'
	stop_session
	wait_for '^Stopped$'
	leave_end_screen
	wait_exit
	# Never on another screen: the lines stay after the end.
	pane -S -100 | grep -q '^Step 1 of 8: Knee to chest'
}

@test "lr-timer --resume after q q goes on where it stopped, and lr-report counts one session" {
	export LR_LOG="$BATS_TEST_TMPDIR/log.tsv"
	start "lr-timer --no-screen --no-pain --speed 8 plan.tsv | lr-log"
	wait_for 'step 2 of 8'
	stop_session
	wait_for 'lr-timer --resume'
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	id=$(column_of session < "$LR_LOG" | sort -u)
	[ "$(printf '%s\n' "$id" | wc -l)" -eq 1 ]
	[ "$(awk -F'\t' '$5 == "knee-to-chest" { print $11 }' "$LR_LOG" | sort -u)" = "done" ]
	next_terminal
	start "lr-timer --no-screen --no-pain --speed 100 --resume | lr-log"
	wait_for 'Session finished'
	pane | grep -q '^ Exercises: 8 of 8 in full, 0 in part, 0 skipped\.$'
	leave_end_screen
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	# One session: the rows of both parts have its id; knee to chest
	# was not done again.
	[ "$(column_of session < "$LR_LOG" | sort -u)" = "$id" ]
	[ "$(awk -F'\t' '$5 == "knee-to-chest"' "$LR_LOG" | wc -l)" -eq 2 ]
	# It counts 8 exercises done, as the end screen did, not 13 sides.
	run lr-report -w 1 --format tsv
	assert_success
	[ "$(printf '%s\n' "$output" | column_of sessions | awk '{ n += $1 } END { print n }')" -eq 1 ]
	[ "$(printf '%s\n' "$output" | column_of "done" | awk '{ n += $1 } END { print n }')" -eq 8 ]
	[ "$(printf '%s\n' "$output" | column_of skipped | awk '{ n += $1 } END { print n }')" -eq 0 ]
	# Nothing is left to resume.
	[ ! -e "$HOME/.local/state/lr/resume" ]
}

@test "batch mode with --pain: each answer, or none, leaves the next line its own" {
	start "lr-timer --batch --no-screen --pain --speed 1000 plan.tsv > out.tsv"
	wait_for 'Type 0 to 10 and press Enter'
	keys 3 Enter
	wait_for 'Press Enter to start'
	keys Enter
	wait_for 'Pain after the session'
	wait_for 'Type 0 to 10 and press Enter'
	# No answer: Ctrl-C.  What comes next is on a line of its own.
	keys C-c
	wait_exit
	[ "$(cat status)" -eq 0 ]
	pane -J -S -100 > all.txt
	grep -q '^lr-timer: session [^ ]* done: 8 of 8 exercises in full, 0 in part, 0 skipped; ' all.txt
	grep -q 'q quits): 3$' all.txt
	grep -q '	pain	0			0	0	0	0	before	3	$' out.tsv
	! grep -q '	after	' out.tsv || return 1
}
