#!/usr/bin/env bats
# lr-timer's screen in terminals of several sizes, driven through tmux:
# the countdown grows with the window, a small window never scrolls,
# pause is said large and holds the screen still, get ready says how to
# do the exercise, and each phase has its colour.

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

# The timer on plan.tsv (or $4) in a fresh terminal $1 wide and $2
# high, UTF-8, with the options in $3; its exit status is left in a
# file.
start_timer() {
	start "LC_ALL=C.UTF-8 lr-timer --no-screen --no-pain ${3:-} ${4:-plan.tsv} > out.tsv" "$1" "$2"
}

# Wait up to 10 s for the screen to be other than the file $1 holds.
wait_repaint() {
	for _ in $(seq 100); do
		[ "$(pane)" != "$(cat "$1")" ] && return 0
		sleep 0.1
	done
	echo "never repainted"
	return 1
}

# Stop as a person does: q, which asks again on the last line, and q;
# then the end screen, which stays until a key once it has all been
# seen (Enter shows more of it until then): Enter until the timer ends.
stop_session() {
	keys q
	wait_for 'press q again to stop'
	keys q
	wait_for 'Session stopped'
	for _ in $(seq 50); do
		[ -s status ] && return 0
		keys Enter
		sleep 0.2
	done
	echo "did not exit"
	pane
	return 1
}

# The rows of the first run of block characters in file $1, the
# progress bar aside: the countdown's height.
digit_rows() {
	awk '/█|▀|▄/ && !/░/ { if (!done) n++; seen = 1; next }
	    seen { done = 1 } END { print n + 0 }' "$1"
}

# The first row of PAUSED in the timer's block letters at their
# smallest, half-block size.
PAUSED_ROW='█▀▄ ▄▀▄ █ █ ▄▀▀ █▀▀ █▀▄'

@test "the countdown is taller at 120x40 than at 80x24, and taller there than at 40x12" {
	start_timer 40 12
	wait_for 'GET READY'
	wait_for 'space pause'
	pane > small.txt
	stop_session
	wait_exit
	next_terminal
	start_timer 80 24
	wait_for 'GET READY'
	wait_for 'space pause'
	pane > mid.txt
	stop_session
	wait_exit
	next_terminal
	start_timer 120 40
	wait_for 'GET READY'
	wait_for 'space pause'
	pane > big.txt
	stop_session
	wait_exit
	small=$(digit_rows small.txt)
	mid=$(digit_rows mid.txt)
	big=$(digit_rows big.txt)
	echo "countdown rows: $small, $mid, $big"
	[ "$small" -eq 3 ]
	[ "$mid" -gt "$small" ]
	[ "$big" -gt "$mid" ]
	[ "$(LC_ALL=C.UTF-8 wc -L < big.txt)" -lt 120 ]
	[ "$(LC_ALL=C.UTF-8 wc -L < mid.txt)" -lt 80 ]
}

# In a terminal $1 by $2, across four repaints: the countdown shows,
# the top line stays $3 and the keys stay on the last line, and no line
# is wider than the window less its last column.
never_scrolls() {
	start_timer "$1" "$2" '--speed 4'
	wait_for 'Knee to chest'
	wait_for 'space pause'
	pane > before.txt
	for _ in 1 2 3 4; do
		wait_repaint before.txt
		pane > before.txt
		cat before.txt
		[ "$(sed -n 1p before.txt)" = "$3" ]
		sed -n "${2}p" before.txt | grep -q 'space pause'
		[ "$(digit_rows before.txt)" -ge 3 ]
		[ "$(LC_ALL=C.UTF-8 wc -L < before.txt)" -lt "$1" ]
	done
	stop_session
	wait_exit
	[ "$(cat status)" -eq 0 ]
}

@test "at 40x12 the countdown shows and nothing scrolls" {
	never_scrolls 40 12 ' Knee to chest'
}

@test "at 30x8 the countdown shows and nothing scrolls" {
	never_scrolls 30 8 ' Knee to chest'
}

@test "space shows PAUSED large, and nothing moves while paused" {
	start_timer 40 12 '--speed 20'
	wait_for 'space pause'
	keys Space
	wait_for 'PAUSED'
	pane > a.txt
	grep -qF "$PAUSED_ROW" a.txt
	grep -q 'PAUSED' a.txt
	# The keys page and back: two repaints, time going on meanwhile.
	keys '?'
	wait_for 'lr-timer keys'
	pane | grep -q '^   q q       end the session'
	pane | grep -q '^   n n       skip to the next exercise'
	keys x
	wait_for 'PAUSED'
	pane > b.txt
	diff a.txt b.txt
	keys Space
	for _ in $(seq 100); do
		pane | grep -q PAUSED || break
		sleep 0.1
	done
	! pane | grep -qF "$PAUSED_ROW" || return 1
	stop_session
	wait_exit
}

@test "get ready shows the position, the equipment and the steps" {
	head -n 1 plan.tsv | grep -q '	why	steps$'
	start_timer 80 24
	wait_for 'GET READY'
	wait_for 'space pause'
	pane > ready.txt
	grep -q '^ Position: lying on your back\. Equipment: none\.$' ready.txt
	grep -q '^ 1\. Lie on your back with knees bent and feet flat\.$' ready.txt
	grep -q '^ 2\. Bring one knee slowly up toward your chest\.$' ready.txt
	stop_session
	wait_exit
	# A plan without the steps column still runs, with none shown.
	next_terminal
	cut -f 1-15 plan.tsv > nosteps.tsv
	! head -n 1 nosteps.tsv | grep -q steps || return 1
	start_timer 80 24 '' nosteps.tsv
	wait_for 'GET READY'
	wait_for 'space pause'
	pane > bare.txt
	grep -q 'Position: lying on your back' bare.txt
	! grep -q '^ 1\. ' bare.txt || return 1
	stop_session
	wait_exit
	[ "$(cat status)" -eq 0 ]
}

@test "each phase has its colour, and the words say it too; none with NO_COLOR" {
	yellow=$'\033\\[([0-9]+;)*33(;[0-9]+)*m'
	green=$'\033\\[([0-9]+;)*32(;[0-9]+)*m'
	red=$'\033\\[([0-9]+;)*31(;[0-9]+)*m'
	any=$'\033\\[([0-9]+;)*3[0-7](;[0-9]+)*m'
	start_timer 80 24 '--speed 4'
	wait_for 'GET READY'
	wait_for 'space pause'
	pane -e | grep -qE "$yellow"
	wait_for 'HOLD'
	pane -e | grep -qE "$green"
	keys Space
	wait_for 'PAUSED'
	pane -e | grep -qE "$red"
	stop_session
	wait_exit
	next_terminal
	tmux -S "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
	    "cd '$BATS_TEST_TMPDIR' && NO_COLOR=1 LC_ALL=C.UTF-8 lr-timer --no-screen --no-pain plan.tsv > out.tsv; echo \$? > status; sleep 600"
	wait_for 'GET READY'
	wait_for 'space pause'
	! pane -e | grep -qE "$any" || return 1
	stop_session
	wait_exit
}
