#!/usr/bin/env bats
# make install and make uninstall: uninstall takes away what install
# put, and the directories it made, but no directory that was there
# before or holds something else.

load helper

setup() {
	lr_setup
	root="$BATS_TEST_TMPDIR/root"
}

lr_make() {
	make -s -C "$REPO" "$@" DESTDIR="$root" PREFIX=/usr/local
}

# Everything under the root but the root itself, one path a line.
tree() {
	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort)
}

@test "uninstall leaves nothing that install made" {
	run lr_make install
	assert_success
	[ -x "$root/usr/local/bin/lr-list" ]
	[ -f "$root/usr/local/share/lr/catalog.tsv" ]
	[ -f "$root/usr/local/share/zsh/site-functions/_lr" ]
	[ "$(find "$root" -type f | wc -l)" -gt 20 ]
	run lr_make uninstall
	assert_success
	assert_output ''
	[ -d "$root" ]
	run tree
	assert_output ''
}

@test "installed twice, uninstalled once: still nothing left" {
	run lr_make install
	assert_success
	run lr_make install
	assert_success
	run lr_make uninstall
	assert_success
	run tree
	assert_output ''
}

@test "directories that were there stay, and so does one that holds other files" {
	mkdir -p "$root/usr/local/bin" "$root/usr/local/share/man/man1"
	echo 'another program' > "$root/usr/local/bin/other-tool"
	run lr_make install
	assert_success
	[ -x "$root/usr/local/bin/lr-plan" ]
	# Something else puts a file where lr installed one.
	echo '#compdef other' > "$root/usr/local/share/zsh/site-functions/_other"
	run lr_make uninstall
	assert_success
	assert_output "uninstall: kept $root/usr/local/share/zsh/site-functions: it holds other files"
	run tree
	assert_output "./usr
./usr/local
./usr/local/bin
./usr/local/bin/other-tool
./usr/local/share
./usr/local/share/man
./usr/local/share/man/man1
./usr/local/share/zsh
./usr/local/share/zsh/site-functions
./usr/local/share/zsh/site-functions/_other"
	[ "$(cat "$root/usr/local/bin/other-tool")" = 'another program' ]
}
