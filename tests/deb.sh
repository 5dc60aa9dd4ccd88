#!/bin/sh
# Build the Debian package of lr in a temporary directory, check it
# with lintian, install it, run a whole session with the installed
# programs, then remove the package again.  For CI, on a Debian machine
# where lr is not installed; run as root (or with sudo available).
#
# Installs what the build needs and lintian if they are missing, as
# .ci/deps does; those stay installed.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/lr-deb.XXXXXX")
installed=

as_root=
[ "$(id -u)" -eq 0 ] || as_root=sudo

say() {
	echo "deb: $*" >&2
}

fail() {
	say "FAIL: $*"
	exit 1
}

cleanup() {
	if [ -n "$installed" ]; then
		say "removing the package"
		$as_root env DEBIAN_FRONTEND=noninteractive \
		    apt-get remove -y -qq lr >/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

installed_ok() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null |
	    grep -q 'install ok installed'
}

# Removing lr at the end must leave the machine as it was.
if installed_ok lr; then
	fail "lr is installed already; remove it first (apt-get remove lr)"
fi

missing=
for p in build-essential debhelper lintian libcsv-dev libncurses-dev; do
	installed_ok "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "installing:$missing"
	$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086 # the package list is meant to split
	$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $missing >/dev/null
fi

# A copy of the sources, tracked files and new ones but nothing git
# ignores (no bin/, no build/), so that dpkg-buildpackage writes its
# files into $work and the tree stays as it is.
mkdir "$work/lr"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    xargs -0 tar -cf - --) | tar -xf - -C "$work/lr"
[ -x "$work/lr/debian/rules" ] || fail "no debian/rules in the copy"

say "building"
(cd "$work/lr" && dpkg-buildpackage -us -uc) >"$work/build.log" 2>&1 || {
	tail -n 40 "$work/build.log" >&2
	fail "dpkg-buildpackage failed"
}
set -- "$work"/lr_*_*.deb
if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
	fail "expected one lr_*.deb, found: $*"
fi
deb=$1

# The source package too: the README's command builds both.
set -- "$work"/lr_*.dsc
[ -f "$1" ] || fail "no source package (lr_*.dsc) was built"

say "lintian"
lintian --fail-on error "$work"/lr_*.changes || fail "lintian found errors"

say "installing $(basename "$deb")"
installed=yes
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "$deb" >/dev/null || fail "apt-get install failed"

for f in /usr/bin/lr-list /usr/bin/lr-plan /usr/bin/lr-timer \
    /usr/bin/lr-log /usr/bin/lr-report; do
	[ -x "$f" ] || fail "$f missing"
done
for f in /usr/share/lr/catalog.tsv /usr/share/lr/routines.tsv \
    /usr/share/lr/doses.tsv /usr/share/man/man1/lr-timer.1.gz \
    /usr/share/man/man5/lr-formats.5.gz /usr/share/man/man7/lr.7.gz \
    /usr/share/bash-completion/completions/lr-plan \
    /usr/share/zsh/vendor-completions/_lr \
    /usr/share/fish/vendor_completions.d/lr-plan.fish; do
	[ -f "$f" ] || fail "$f missing"
done

# make install's own list of the directories it made is not packaged.
[ ! -e /usr/share/lr/installed-dirs ] ||
    fail "the package ships /usr/share/lr/installed-dirs"

# A whole session with the installed programs, in a bare environment,
# from a directory outside the sources, so that they can only find
# their catalog where the package put it.
say "a session with the installed programs"
mkdir "$work/home" "$work/run"
log=$work/run/log.tsv
# shellcheck disable=SC2016 # $1 is the inner shell's: the log's path
(cd "$work/run" && env -i HOME="$work/home" TERM=dumb PATH=/usr/bin:/bin \
    sh -c 'lr-plan -R sciatica | lr-timer --batch --speed 100 |
	lr-log -f "$1"' sh "$log" </dev/null) >"$work/session.log" 2>&1 || {
	cat "$work/session.log" >&2
	fail "the session failed"
}
head -n 1 "$log" | grep -q '^started	session	' ||
    fail "no header in the log"
rows=$(awk -F '\t' 'NR > 1 && $3 == "exercise" && $11 == "done"' "$log" |
    wc -l)
[ "$rows" -gt 0 ] || fail "no exercise done in the log"
others=$(awk -F '\t' 'NR > 1 && $11 != "done"' "$log" | wc -l)
[ "$others" -eq 0 ] || fail "$others rows in the log are not done"
say "$rows exercise rows logged"

# The directory compiled into the programs, alone: a copy of lr-list
# with no ../share/lr beside it must still find /usr/share/lr.
mkdir "$work/bin"
cp /usr/bin/lr-list "$work/bin/"
out=$(cd "$work/run" && env -i HOME="$work/home" "$work/bin/lr-list" \
    </dev/null | head -n 1)
case $out in
id*name*) ;;
*) fail "lr-list away from /usr/bin did not find the catalog: $out" ;;
esac

say "ok"
