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

# The shells run the programs under test (the sanitized build under
# make check-asan) from their completion functions, inside the line
# editor, where LeakSanitizer's exit-time check can hang: it stops the
# program with ptrace, and in a shell's job control the stop is
# sometimes never seen (about one TAB in six, seen with zsh).  These
# tests are about the completions, so the leak check is off for them;
# every other test still runs it.
NO_LEAK_CHECK=ASAN_OPTIONS=detect_leaks=0

bash_with_completions() {
	tmux -S "$SOCK" -f /dev/null new-session -d -x 120 -y 20 \
	    "env -i HOME=$HOME TERM=xterm $NO_LEAK_CHECK PS1='$ ' PATH=$LR_BIN:/usr/bin:/bin bash --norc --noprofile -i"
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

# make install into a private root; the shells' own default places,
# with that root in front, must hold lr's completions.
install_into_root() {
	ROOT="$BATS_TEST_TMPDIR/root"
	make -s -C "$REPO" install DESTDIR="$ROOT" PREFIX=/usr/local >/dev/null
}

@test "fish: make install puts completions where fish looks by default, and TAB completes routines" {
	command -v fish >/dev/null || skip "fish is not installed"
	install_into_root
	found=
	# shellcheck disable=SC2016 # fish expands it
	for d in $(env -i HOME="$HOME" PATH=/usr/bin:/bin fish -c 'echo $__fish_vendor_completionsdirs'); do
		if [ -f "$ROOT$d/lr-plan.fish" ]; then
			found=$d
		fi
	done
	[ -n "$found" ]
	run env -i HOME="$HOME" PATH="$LR_BIN:/usr/bin:/bin" fish -c \
	    "set fish_complete_path $ROOT$found \$fish_complete_path; complete -C 'lr-plan --routine sci'"
	assert_success
	assert_line --regexp '^sciatica'
	run env -i HOME="$HOME" PATH="$LR_BIN:/usr/bin:/bin" fish -c \
	    "set fish_complete_path $ROOT$found \$fish_complete_path; complete -C 'lr-plan --routine=sci'"
	assert_line --regexp '^--routine=sciatica'
}

@test "zsh: make install puts _lr in zsh's default fpath, and TAB completes routines" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	install_into_root
	found=
	# shellcheck disable=SC2016 # zsh expands it
	for d in $(env -i HOME="$HOME" PATH=/usr/bin:/bin zsh -f -c 'print -l $fpath'); do
		if [ -f "$ROOT$d/_lr" ]; then
			found=$d
		fi
	done
	[ -n "$found" ]
	tmux -S "$SOCK" -f /dev/null new-session -d -x 120 -y 20 \
	    "env -i HOME=$HOME TERM=xterm $NO_LEAK_CHECK PATH=$LR_BIN:/usr/bin:/bin zsh -f"
	tmux -S "$SOCK" send-keys "PS1='$ '; fpath=($ROOT$found \$fpath); autoload -U compinit; compinit -u" Enter
	wait_line '$'
	tmux -S "$SOCK" send-keys 'lr-plan --routine sci' Tab
	wait_line '$ lr-plan --routine sciatica'
}

@test "bash: make install puts completions where bash-completion looks by default" {
	install_into_root
	# bash-completion looks in each XDG data directory, by default
	# /usr/local/share and /usr/share.
	[ -f "$ROOT/usr/local/share/bash-completion/completions/lr-plan" ] ||
	    [ -f "$ROOT/usr/share/bash-completion/completions/lr-plan" ]
}
