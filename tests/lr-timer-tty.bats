#!/usr/bin/env bats
# lr-timer on a real terminal, driven through tmux: the screen, the
# keys, the safety screen, the pain check-ins, and the terminal given
# back sane on every way out.

load helper

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	lr_setup
	SOCK="$BATS_TEST_TMPDIR/tmux.sock"
	lr-plan -R sciatica > plan.tsv
}

teardown() {
	if [ -n "${SOCK:-}" ]; then
		tmux -S "$SOCK" kill-server 2>/dev/null || true
	fi
}

# Run a command line in a fresh terminal, 80x24 unless a width and a
# height follow; afterwards the terminal's modes and then its exit
# status are left in files (status last: wait_exit waits for it).
start() {
	tmux -S "$SOCK" -f /dev/null new-session -d -x "${2:-80}" -y "${3:-24}" \
	    "cd '$BATS_TEST_TMPDIR' && $1; st=\$?; stty -a > stty.txt; echo \$st > status; sleep 600"
}

# End this terminal for another: the old tmux server may still be going
# away when the next starts, so the next has a socket of its own.
next_terminal() {
	tmux -S "$SOCK" kill-server
	rm -f status
	SOCK="$SOCK.next"
}

pane() {
	tmux -S "$SOCK" capture-pane -p "$@"
}

keys() {
	tmux -S "$SOCK" send-keys "$@"
}

# Wait up to 10 s for text to show on the screen.
wait_for() {
	local i
	for i in $(seq 100); do
		pane | grep -q -- "$1" && return 0
		sleep 0.1
	done
	echo "never saw: $1"
	pane
	return 1
}

wait_exit() {
	local i
	for i in $(seq 100); do
		[ -s status ] && return 0
		sleep 0.1
	done
	echo "did not exit"
	pane
	return 1
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
	grep -q 'space pause  n next  b back  q quit  ? keys' screen.txt
	keys q
	wait_exit
}

@test "space pauses and resumes; n skips; b goes back; q quits and keeps the rows" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	keys Space
	wait_for 'PAUSED'
	a=$(pane | sed -n 7,11p)
	sleep 1.2
	b=$(pane | sed -n 7,11p)
	[ "$a" = "$b" ]
	keys Space
	sleep 0.3
	! pane | grep -q PAUSED || return 1
	wait_for 'HOLD'
	sleep 0.5
	keys n
	wait_for 'step 2 of 8'
	wait_for 'Cat-cow'
	sleep 3
	keys b
	wait_for 'GET READY'
	pane | grep -q 'step 2 of 8'
	keys '?'
	wait_for 'lr-timer keys'
	keys x
	wait_for 'step 2 of 8'
	keys q
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
	keys C-c
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
	keys q
	sleep 0.5
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
	keys q
	wait_for 'Pain after the session'
	keys Enter
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -q "	screen	0			0	0	0	0	clear		$ALL_CLEAR\$" out.tsv
	grep -q '	pain	0			0	0	0	0	before	3	$' out.tsv
	! grep -q '	after	' out.tsv || return 1
	# Asked once a day: the next session starts straight away.
	next_terminal
	start "lr-timer --no-pain --speed 4 plan.tsv > out2.tsv"
	wait_for 'step 1 of 8'
	keys q
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

@test "Ctrl-C or q at a question, or at a pain prompt, ends without a session" {
	mkdir -p "$HOME/.local/share/lr"
	: > "$HOME/.local/share/lr/log.tsv"
	start "lr-timer plan.tsv > out.tsv"
	wait_for 'Before you start (1 of 9)'
	keys n
	wait_for 'Before you start (2 of 9)'
	keys C-c
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
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

@test "pain is asked before and after by default: one key, t for ten, Enter skips" {
	start "lr-timer --no-screen --speed 4 plan.tsv > out.tsv"
	wait_for 'Pain before the session'
	keys t
	wait_for 'Press space to start'
	keys Space
	wait_for 'step 1 of 8'
	keys q
	wait_for 'Pain after the session'
	keys 2
	wait_exit
	grep -q '	pain	0			0	0	0	0	before	10	$' out.tsv
	grep -q '	pain	0			0	0	0	0	after	2	$' out.tsv
}

@test "--no-pain asks nothing about pain" {
	start "lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	keys q
	wait_exit
	[ "$(awk -F'\t' '$3 == "pain"' out.tsv | wc -l)" -eq 0 ]
	[ "$(awk -F'\t' '$3 == "exercise"' out.tsv | wc -l)" -eq 13 ]
}

@test "TERM=dumb gets plain lines, no drawing" {
	start "TERM=dumb lr-timer --no-screen --no-pain --speed 4 plan.tsv > out.tsv"
	wait_for 'get ready: Knee to chest'
	! pane | grep -q 'GET READY' || return 1
	keys q
	wait_exit
	terminal_is_sane
}

@test "colour only when NO_COLOR is unset" {
	start "lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	sleep 0.6
	pane -e | grep -q $'\033\\[[0-9;]*44'
	keys q
	wait_exit
	next_terminal
	start "NO_COLOR=1 lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	sleep 0.6
	! pane -e | grep -q $'\033\\[[0-9;]*44' || return 1
	keys q
	wait_exit
}

@test "vt100 and vt220 have no colour: terminfo says so" {
	for t in vt100 vt220; do
		start "TERM=$t lr-timer --no-screen --no-pain plan.tsv > out.tsv"
		wait_for 'step 1 of 8'
		sleep 0.6
		pane -e > "$t.txt"
		keys q
		wait_exit
		next_terminal
		grep -q 'step 1 of 8' "$t.txt"
		! grep -q $'\033\\[[0-9;]*44' "$t.txt" || return 1
	done
	start "TERM=xterm-256color lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	sleep 0.6
	pane -e | grep -q $'\033\\[[0-9;]*44'
	keys q
	wait_exit
}

@test "block characters only when the locale's character set is UTF-8" {
	start "LC_ALL=C.UTF-8 lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'GET READY'
	pane > utf8.txt
	keys q
	wait_exit
	next_terminal
	! grep -q '#' utf8.txt || return 1
	for l in C xx_YY.UTF-8; do
		start "LC_ALL=$l lr-timer --no-screen --no-pain plan.tsv > out.tsv"
		wait_for 'GET READY'
		pane > "$l.txt"
		keys q
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
	grep -q 'session .* done: 13 done' err.txt
}

@test "a resized terminal is redrawn to fit" {
	start "lr-timer --no-screen --no-pain plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	tmux -S "$SOCK" resize-window -x 50 -y 24
	sleep 0.6
	pane > small.txt
	grep -q 'Knee to chest' small.txt
	grep -q 'left$' small.txt
	grep -A 1 '^ Next: ' small.txt | tail -n 1 | grep -q '% .* left$'
	[ "$(LC_ALL=C.UTF-8 wc -L < small.txt)" -le 50 ]
	keys q
	wait_exit
}

@test "batch mode asks the questions on the terminal as lines, y or n and Enter" {
	start "lr-timer --batch --speed 1000 plan.tsv > out.tsv 2>err.txt"
	batch_questions_all_no
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -q "	screen	.*	clear		$ALL_CLEAR\$" out.tsv
	grep -q 'session .* done: 13 done' err.txt
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
# so that the first exercise ends in seconds; then $1 (a key) ends the
# session: what was done is logged, the rest as skipped, one session.
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
	keys "$1"
	wait_for 'Pain after the session'
	keys 3
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

@test "the README's pipeline: q after the first exercise does the same" {
	command -v faketime >/dev/null || skip "faketime is not installed"
	readme_pipeline_ended_by q
}

@test "the get-ready screen says why the dose is what it is" {
	awk -F'\t' -v OFS='\t' 'NR == 2 { $15 = "25 s hold, was 20 s: done in full twice, pain settled" } 1' plan.tsv > why.tsv
	start "lr-timer --no-screen --no-pain why.tsv > out.tsv"
	wait_for 'Dose: 25 s hold, was 20 s: done in full twice, pain settled'
	pane | grep -q 'GET READY'
	keys q
	wait_exit
}
