#!/usr/bin/env bats
# Completion as a person meets it: TAB pressed in a real shell, in a
# terminal (tmux), with an empty environment.

load helper

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	lr_setup
	SOCK="$BATS_TEST_TMPDIR/tmux.sock"
}

teardown() {
	tmux -S "$SOCK" kill-server 2>/dev/null || true
}

# Wait up to 10 s for the last line of the screen to be $1.
wait_line() {
	for _ in $(seq 100); do
		[ "$(tmux -S "$SOCK" capture-pane -p | grep -v '^$' | tail -n 1)" = "$1" ] && return 0
		sleep 0.1
	done
	echo "never saw: $1"
	tmux -S "$SOCK" capture-pane -p
	return 1
}

bash_with_completions() {
	tmux -S "$SOCK" -f /dev/null new-session -d -x 120 -y 20 \
	    "env -i HOME=$HOME TERM=xterm PS1='$ ' PATH=$LR_BIN:/usr/bin:/bin bash --norc --noprofile -i"
	tmux -S "$SOCK" send-keys "source '$REPO/completions/lr.bash'" Enter
	wait_line '$'
}

@test "bash: TAB completes a routine after --routine and after --routine=" {
	bash_with_completions
	tmux -S "$SOCK" send-keys 'lr-plan --routine sci' Tab
	wait_line '$ lr-plan --routine sciatica'
	tmux -S "$SOCK" send-keys C-u 'lr-plan --routine=sci' Tab
	wait_line '$ lr-plan --routine=sciatica'
	tmux -S "$SOCK" send-keys C-u 'lr-plan -c sci' Tab
	wait_line '$ lr-plan -c sciatica'
	tmux -S "$SOCK" send-keys C-u 'lr-plan --condition=knee' Tab
	wait_line '$ lr-plan --condition=knee-pain'
}
