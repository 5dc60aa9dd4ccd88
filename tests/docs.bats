#!/usr/bin/env bats
# Man pages, completions and install: the definition of done says
# --help, the man page and the completions all know every option.

load helper

setup() {
	lr_setup
}

programs() {
	sed -n 's/^PROGS = //p' "$REPO/Makefile"
}

# The long options a program's --help lists.
help_options() {
	"$1" --help | grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -o -- '--.*' | sort -u
}

@test "every man page is clean under mandoc -Tlint" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	cd "$REPO/man"
	# Cross-references are looked up in the machine's man database,
	# which says nothing about the pages themselves.
	run sh -c 'mandoc -Tlint ./*.1 ./*.5 ./*.7 2>&1 | grep -v -e "referenced manual not found" -e "mandoc.db"'
	assert_output ''
}

@test "every program has a man page that names each of its options" {
	for p in $(programs); do
		[ -f "$REPO/man/$p.1" ]
		for opt in $(help_options "$p"); do
			grep -q -- "Fl -${opt#--}" "$REPO/man/$p.1" ||
			    grep -q -- "Fl ${opt#-}" "$REPO/man/$p.1" ||
			    { echo "$p.1 lacks $opt"; return 1; }
		done
	done
}

@test "the bash, zsh and fish completions know every option" {
	for p in $(programs); do
		for opt in $(help_options "$p"); do
			grep -q -- "$opt" "$REPO/completions/lr.bash" ||
			    { echo "lr.bash lacks $p $opt"; return 1; }
			grep -qE -- "${opt}([^a-z-]|\$)" "$REPO/completions/_lr" ||
			    { echo "_lr lacks $p $opt"; return 1; }
			grep -q -- "-l ${opt#--}" "$REPO/completions/$p.fish" ||
			    { echo "$p.fish lacks $opt"; return 1; }
		done
	done
}

# Run the bash completion for a command line; print the candidates.
complete_bash() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		"$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/")"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$REPO/completions/lr.bash" "$@"
}

@test "bash completes condition words, also after a comma" {
	run complete_bash lr-list -c sc
	assert_output 'sciatica'
	run complete_bash lr-list --condition sciatica,kn
	assert_output 'sciatica,knee-pain'
	run complete_bash lr-list -p ''
	assert_line 'floor-sitting'
	assert_line 'side-lying'
}

@test "bash completes exercise ids from the catalog" {
	run complete_bash lr-list -s bird
	assert_output 'bird-dog'
	run complete_bash lr-list cat-
	assert_output 'cat-cow'
	run complete_bash lr-list --ro
	assert_output '--routines'
}

@test "bash completes routines, timer options and log subcommands" {
	run complete_bash lr-plan -R sci
	assert_output 'sciatica'
	run complete_bash lr-timer --no-
	assert_line -- '--no-screen'
	assert_line -- '--no-bell'
	run complete_bash lr-log add bird
	assert_output 'bird-dog'
	run complete_bash lr-log pa
	assert_output 'pain'
	run complete_bash lr-log add cobra --si
	assert_output -- '--side'
	run complete_bash lr-report --format m
	assert_output 'md'
	run complete_bash lr-report --last
	assert_output -- '--last-week'
}

@test "the completion scripts parse" {
	bash -n "$REPO/completions/lr.bash"
	if command -v zsh >/dev/null; then zsh -n "$REPO/completions/_lr"; fi
	if command -v fish >/dev/null; then
		for f in "$REPO"/completions/*.fish; do fish -n "$f"; done
	fi
}

@test "make install honours DESTDIR and PREFIX, and the installed programs find the catalog" {
	make -s -C "$REPO" install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/lr >/dev/null
	root="$BATS_TEST_TMPDIR/root/opt/lr"
	[ -x "$root/bin/lr-list" ]
	[ -f "$root/share/lr/catalog.tsv" ]
	[ -f "$root/share/lr/routines.tsv" ]
	[ -f "$root/share/man/man1/lr-list.1" ]
	[ -f "$root/share/man/man5/lr-formats.5" ]
	[ -f "$root/share/man/man7/lr.7" ]
	[ -f "$root/share/bash-completion/completions/lr-list" ]
	[ -f "$root/share/zsh/site-functions/_lr" ]
	# fish's go where fish looks, which PREFIX does not move.
	fishdir=$(pkg-config --variable=completionsdir fish 2>/dev/null || echo /opt/lr/share/fish/vendor_completions.d)
	[ -f "$BATS_TEST_TMPDIR/root$fishdir/lr-list.fish" ]
	run "$root/bin/lr-list" cobra
	assert_success
	assert_line --regexp '^cobra	'
	# The installed copy reads the installed catalog, not the tree's.
	sed -i 's/^cobra\t[^\t]*/cobra\tInstalled cobra/' "$root/share/lr/catalog.tsv"
	run "$root/bin/lr-list" -s cobra
	assert_line --index 0 'Installed cobra (cobra)'
	make -s -C "$REPO" uninstall DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/lr >/dev/null
	[ -z "$(find "$BATS_TEST_TMPDIR/root" -type f)" ]
}

@test "README opens with the two-command quick start that CI runs as written" {
	first=$(grep -m 1 -A 3 '^```' "$REPO/README.md" | sed -n 2p)
	second=$(grep -m 1 -A 3 '^```' "$REPO/README.md" | sed -n 3p)
	[[ $first == "sh .ci/deps && make && "* ]]
	[ "$second" = "sh .ci/deps test && make test" ]
	grep -q '^test: all asan$' "$REPO/Makefile"
	grep -q '^check-all: check check-asan check-valgrind lint fuzz$' "$REPO/Makefile"
	# The first installs no test tool, the second no slow-pass tool.
	deps_of() {
		sh "$REPO/.ci/deps" --list "$1"
	}
	[ "$(deps_of build | grep -c .)" -ge 3 ]
	[ "$(deps_of build | grep -cxE 'bats|tmux|libcmocka-dev|faketime|valgrind|clang')" -eq 0 ]
	[ "$(deps_of test | grep -cxE 'bats|tmux|libcmocka-dev')" -eq 3 ]
	[ "$(deps_of test | grep -cxE 'valgrind|clang|cppcheck|clang-tidy')" -eq 0 ]
	# CI runs them through the fresh-machine script, which takes them
	# from the README itself.
	grep -qx 'tests/fresh-machine.sh' "$REPO/.ci/run"
	grep -q 'README.md' "$REPO/tests/fresh-machine.sh"
}

@test "the quick start's demo leaves nothing but its log in the checkout" {
	mkdir checkout
	cd checkout
	lr-plan -R sciatica | lr-timer --batch --no-screen --speed 1000 2>/dev/null | lr-log -q -f demo-log.tsv
	# No empty pending/ left behind: the log and its index only.
	[ "$(find . -mindepth 1 | sort | tr '\n' ' ')" = "./demo-log.tsv ./demo-log.tsv.index " ]
}

@test "each lib module opens with one line saying what it owns" {
	local f bad=
	for f in "$REPO"/lib/*.c; do
		head -n 1 "$f" | grep -qx "/\* $(basename "$f") - .* \*/" ||
		    bad="$bad $(basename "$f")"
	done
	[ -z "$bad" ] || { echo "no one-line comment first:$bad"; return 1; }
}
