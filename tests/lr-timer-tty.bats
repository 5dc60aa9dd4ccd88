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

# Run a command line in a fresh 80x24 terminal; afterwards its exit
# status and the terminal's modes are left in files.
start() {
	tmux -S "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
	    "cd '$BATS_TEST_TMPDIR' && $1; echo \$? > status; stty -a > stty.txt; sleep 600"
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
	start "lr-timer --no-screen plan.tsv > out.tsv"
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
	start "lr-timer --no-screen --speed 4 plan.tsv > out.tsv"
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
	start "lr-timer --no-screen --speed 4 plan.tsv > out.tsv"
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
	start "sh -c 'echo \$\$ > pid; exec lr-timer --no-screen --speed 4 plan.tsv > out.tsv'"
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
	keys 'lr-timer --no-screen --speed 2 plan.tsv > out.tsv' Enter
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
	keys 'echo $? > status; stty -a > stty.txt' Enter
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
}

@test "the safety screen comes before the first session of the day" {
	start "lr-timer --speed 4 plan.tsv > out.tsv"
	for i in 1 2 3 4 5 6 7 8 9; do
		wait_for "Before you start ($i of 9)"
		keys n
	done
	wait_for 'step 1 of 8'
	keys q
	wait_exit
	grep -q '	screen	0			0	0	0	0	clear		numbness=no,bladder=no,leg-colour=no,fever=no,weight=no,wound=no,sharp-pain=no,injury=no,unsettled=no$' out.tsv
	# Asked once a day: the next session starts straight away.
	tmux -S "$SOCK" kill-server
	rm status
	start "lr-timer --speed 4 plan.tsv > out2.tsv"
	wait_for 'step 1 of 8'
	keys q
	wait_exit
	! grep -q '	screen	' out2.tsv || return 1
}

@test "a yes on the safety screen ends the session before it starts" {
	start "lr-timer plan.tsv > out.tsv"
	wait_for 'Before you start (1 of 9)'
	keys n
	wait_for 'Before you start (2 of 9)'
	keys n
	wait_for 'Before you start (3 of 9)'
	pane | grep -q 'swollen, red or hot, or pale and cold'
	keys y
	for i in 4 5 6 7 8 9; do
		wait_for "Before you start ($i of 9)"
		keys n
	done
	wait_for 'get help now'
	pane | grep -q 'Get medical help right away'
	keys Enter
	wait_exit
	[ "$(cat status)" -eq 0 ]
	terminal_is_sane
	grep -q '	screen	.*	stop		.*leg-colour=yes' out.tsv
	! grep -q '	exercise	' out.tsv || return 1
}

@test "--pain asks before and after, and records both" {
	start "lr-timer --no-screen --pain --speed 4 plan.tsv > out.tsv"
	wait_for 'Pain before the session'
	keys 1 1 Enter
	wait_for 'give a number from 0 to 10'
	keys 1 BSpace 4 Enter
	wait_for 'step 1 of 8'
	keys q
	wait_for 'Pain after the session'
	keys 2 Enter
	wait_exit
	grep -q '	pain	0			0	0	0	0	before	4	$' out.tsv
	grep -q '	pain	0			0	0	0	0	after	2	$' out.tsv
}

@test "TERM=dumb gets plain lines, no drawing" {
	start "TERM=dumb lr-timer --no-screen --speed 4 plan.tsv > out.tsv"
	wait_for 'get ready: Knee to chest'
	! pane | grep -q 'GET READY' || return 1
	keys q
	wait_exit
	terminal_is_sane
}

@test "colour only when NO_COLOR is unset" {
	start "lr-timer --no-screen plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	sleep 0.6
	pane -e | grep -q $'\033\\[[0-9;]*44'
	keys q
	wait_exit
	tmux -S "$SOCK" kill-server
	rm status
	start "NO_COLOR=1 lr-timer --no-screen plan.tsv > out.tsv"
	wait_for 'step 1 of 8'
	sleep 0.6
	! pane -e | grep -q $'\033\\[[0-9;]*44' || return 1
	keys q
	wait_exit
}

@test "a resized terminal is redrawn to fit" {
	start "lr-timer --no-screen plan.tsv > out.tsv"
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

@test "--batch --screen asks the safety questions on the terminal, one to a line" {
	start "lr-timer --batch --screen --speed 1000 plan.tsv > out.tsv 2>err.txt"
	for i in 1 2 3 4 5 6 7 8 9; do
		wait_for "Before you start ($i of 9)"
		keys n
	done
	wait_exit
	[ "$(cat status)" -eq 0 ]
	grep -q '	screen	.*	clear		numbness=no,' out.tsv
	grep -q 'session .* done: 13 done' err.txt
}
