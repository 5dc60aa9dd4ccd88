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
		(cd "$work/lr" && env -i HOME="$work/home" TERM=dumb \
		    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		    sh -c "$cmd" </dev/null)
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
		chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		    sh -c "cd /root/lr && $cmd" </dev/null
		# The first command installs no test tool.
		if [ "$cmd" = "$first" ]; then
			for tool in bats tmux libcmocka-dev valgrind; do
				# shellcheck disable=SC2016 # dpkg's own format
				if chroot "$root" dpkg-query -W -f='${Status}' \
				    "$tool" 2>/dev/null | grep -q 'ok installed'; then
					echo "fresh-machine: the first command installed $tool" >&2
					exit 1
				fi
			done
		fi
	done
	;;
*)
	echo "usage: tests/fresh-machine.sh [--chroot]" >&2
	exit 2
	;;
esac
echo "fresh-machine: both commands of the README succeeded" >&2
