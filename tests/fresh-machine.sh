#!/bin/sh
# Clone the repository into an empty directory and run the README's two
# quick-start commands there, exactly as written, in a bare environment,
# so that an install step missing from the README cannot hide behind a
# machine that already has it.
#
#   tests/fresh-machine.sh            in a fresh clone on this machine
#                                     (CI runs it first, on a fresh one)
#   tests/fresh-machine.sh --chroot   in a new, minimal Debian made with
#                                     debootstrap: a fresh machine here
#
# Needs git; --chroot needs root, debootstrap and a Debian mirror.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-clone}
work=$(mktemp -d "${TMPDIR:-/tmp}/lr-fresh.XXXXXX")

cleanup() {
	if [ "$mode" = --chroot ]; then
		for m in dev/pts dev proc sys; do
			umount "$work/root/$m" 2>/dev/null || true
		done
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# The packages installed, one a line, sorted: $1 runs a command (chroot).
installed() {
	# shellcheck disable=SC2016 # dpkg's own format
	"$@" dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' |
	    awk '$1 == "ii" { sub(/:.*/, "", $2); print $2 }' | sort -u
}

# The first command installs no test tool: no package of `.ci/deps
# all` that `.ci/deps` (the build's list) does not name is new after
# it.  $1 and $2 are the lists before and after.
no_test_tool_installed() {
	sh "$repo/.ci/deps" --list build | sort -u >"$work/build-pkgs"
	sh "$repo/.ci/deps" --list all | sort -u |
	    comm -23 - "$work/build-pkgs" >"$work/test-pkgs"
	new=$(comm -13 "$1" "$2" | comm -12 - "$work/test-pkgs")
	if [ -n "$new" ]; then
		echo "fresh-machine: the first command installed test tools:" \
		    "$(echo "$new" | tr '\n' ' ')" >&2
		exit 1
	fi
	echo "fresh-machine: the first command installed no test tool" \
	    "($(comm -13 "$1" "$2" | wc -l) packages new)" >&2
}

# The first code block of the README, its first two lines.
commands() {
	awk '/^```/ { if (open) exit; open = 1; next } open' "$repo/README.md" |
	    head -n 2
}

first=$(commands | sed -n 1p)
second=$(commands | sed -n 2p)
if [ -z "$first" ] || [ -z "$second" ]; then
	echo "fresh-machine: no quick start found in README.md" >&2
	exit 1
fi

case $mode in
clone)
	git clone -q "$repo" "$work/lr"
	mkdir "$work/home"
	for cmd in "$first" "$second"; do
		echo "fresh-machine: $ $cmd" >&2
		installed >"$work/before"
		(cd "$work/lr" && env -i HOME="$work/home" TERM=dumb \
		    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		    sh -c "$cmd" </dev/null)
		installed >"$work/after"
		if [ "$cmd" = "$first" ]; then
			no_test_tool_installed "$work/before" "$work/after"
		fi
	done
	;;
--chroot)
	root=$work/root
	debootstrap --variant=minbase bookworm "$root" \
	    "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 || {
		tail -n 20 "$work/debootstrap.log" >&2
		exit 1
	}
	git clone -q "$repo" "$root/root/lr"
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	mount -t proc proc "$root/proc"
	mount -t sysfs sys "$root/sys"
	mount --bind /dev "$root/dev"
	mount --bind /dev/pts "$root/dev/pts"
	for cmd in "$first" "$second"; do
		echo "fresh-machine (chroot): $ $cmd" >&2
		installed chroot "$root" >"$work/before"
		chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		    sh -c "cd /root/lr && $cmd" </dev/null
		installed chroot "$root" >"$work/after"
		if [ "$cmd" = "$first" ]; then
			no_test_tool_installed "$work/before" "$work/after"
		fi
	done
	;;
*)
	echo "usage: tests/fresh-machine.sh [--chroot]" >&2
	exit 2
	;;
esac
echo "fresh-machine: both commands of the README succeeded" >&2
