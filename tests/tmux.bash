# The terminal the timer's tests drive: a tmux server on a socket of
# its own ($SOCK) in the test's directory, a command started in it, its
# screen read, keys sent to it, and waits for what it shows and for its
# end.  Loaded after helper by lr-timer-screen.bats and lr-timer-tty.bats.

# Skip the test without tmux; name the test's socket.
tmux_setup() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	SOCK="$BATS_TEST_TMPDIR/tmux.sock"
}

tmux_teardown() {
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

# The screen as text; the options, if any, are capture-pane's.
# shellcheck disable=SC2120 # the test files pass them
pane() {
	tmux -S "$SOCK" capture-pane -p "$@"
}

keys() {
	tmux -S "$SOCK" send-keys "$@"
}

# Wait up to 10 s for text to show on the screen.
wait_for() {
	for _ in $(seq 100); do
		pane | grep -q -- "$1" && return 0
		sleep 0.1
	done
	echo "never saw: $1"
	pane
	return 1
}

# Wait up to 10 s for the command in the terminal to end.
wait_exit() {
	for _ in $(seq 100); do
		[ -s status ] && return 0
		sleep 0.1
	done
	echo "did not exit"
	pane
	return 1
}
