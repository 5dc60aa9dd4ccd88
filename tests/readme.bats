#!/usr/bin/env bats
# Every example of README.md, taken from the README itself and run, so
# that a change to the README is tested without a change here, and a
# change to a program that makes an example untrue fails here, naming
# the README line and showing the difference.
#
# What this test relies on in README.md:
#
# - Every fenced block says what it holds on its opening line:
#     ```sh       command lines, one a line, each may end in "  # comment"
#     ```console  "$ COMMAND" lines, each followed by what it prints,
#                 standard output and standard error together
#     ```text     anything else: text_blocks below lists each by its
#                 first line, with how it is checked or why it is not
# - The first block is the quick start: its two lines are run as written
#   by tests/fresh-machine.sh (CI), not here.
# - Every other sh line is run, unless not_run below lists it with the
#   reason (those must still be in the README and parse, and a make
#   line's target must exist).  So a new line is run as soon as it is
#   in the README, and one that cannot be run here has to be listed.
#   A line that runs lr-timer without --batch needs a terminal: it runs
#   in tmux, answers no to each warning sign, skips the pain ratings,
#   starts the session, quits at once (q q) and leaves the end screen
#   with a key (with --plain too), and the session's rows must
#   reach the log (a line ending in "| lr-log") or the file it names
#   ("> FILE").  Any line must exit 0 and print nothing on standard
#   error but lr-log's count of rows added or its verdict on a sound
#   log, the id of a session lr-log add made, lr-timer --batch's
#   progress lines, or lr-plan --explain's explanation.
# - In a console block's output, a line "..." stands for any number of
#   lines, "..." within a line for any text, "<pid>" for a process id,
#   and "~" for the home directory.  A command must exit 0 unless what
#   it prints shows a message of its own (a line "lr-NAME: ...").  The
#   commands of one block run one after the other in the same world.
# - The world, made afresh for each line and each console block: the
#   time is 2027-01-10 19:05:12 in Berlin, a Sunday (the clock stands
#   still for console blocks and tty lines; for other sh lines it runs
#   twenty times as fast from there, so that a timer at --speed 100 is
#   done in a moment); the locale is C.UTF-8; the home directory holds
#   only the log, tests/data/readme-log.tsv, which the sample report
#   comes from (tests/data/readme-log.sh made it with lr-log); the
#   working directory holds each tests/data/readme-NAME.tsv as NAME.tsv
#   (results.tsv a session from the timer, edited.tsv the same with a
#   mistake in line 5, my.tsv a catalog with a mistake in line 17);
#   espeak-ng is a stand-in that notes what it is asked to say.

load helper

README="$REPO/README.md"
DATA="$BATS_TEST_DIRNAME/data"
NOW='2027-01-10 19:05:12'
# libfaketime itself: the test sets its clock, and moves it.
for LIBFAKETIME in /usr/lib/*/faketime/libfaketime.so.1 \
    /usr/lib/faketime/libfaketime.so.1 /usr/local/lib/faketime/libfaketime.so.1; do
	[ -f "$LIBFAKETIME" ] && break
done

# The sh lines not run here, each with the reason.  They still have to
# be in the README and to parse; a make line's target has to exist.
not_run() {
	printf '%s\t%s\n' \
	    "0 7 * * 1 lr-report --last-week | mail -s 'lr: last week' you@example.org" \
	    'a crontab line that sends mail; its lr-report --last-week is run on its own above' \
	    'apt-get install build-essential debhelper libcsv-dev libncurses-dev lintian' \
	    'installs packages as root, from the network' \
	    'dpkg-buildpackage -us -uc' \
	    'builds the Debian package, for minutes; tests/deb.sh does it, as root' \
	    'apt-get install ./lr_0.1.0_amd64.deb' \
	    'installs the package as root; tests/deb.sh does it' \
	    'make' \
	    'builds the tree under test' \
	    'make test' 'runs the whole suite, this test too' \
	    'make check' 'runs the whole suite, this test too' \
	    'make check-asan' 'runs the whole suite, this test too' \
	    'make check-valgrind' 'runs the whole suite, this test too' \
	    'make lint' 'runs the static checks, for minutes' \
	    'make check-all' 'runs every pass of the suite' \
	    'make fuzz FUZZ_TIME=60' 'fuzzes for minutes' \
	    'tests/fresh-machine.sh [--chroot]' 'clones and builds the tree; CI runs it' \
	    "0 18 * * * lr-report --due >/dev/null && echo 'lr: a session is due today'" \
	    'a crontab line; its lr-report --due is run on its own above' \
	    'systemctl --user daemon-reload && systemctl --user enable --now lr-due.timer' \
	    'needs a systemd user session; the unit files are checked by systemd-analyze' \
	    'lr-timer --resume | lr-log' \
	    'needs a session stopped earlier today; tests/lr-timer-tty.bats stops one and resumes it' \
	    'make install PREFIX=/usr/local' \
	    'installs into the machine; tests/docs.bats installs with DESTDIR' \
	    'make uninstall PREFIX=/usr/local' \
	    'uninstalls from the machine; tests/docs.bats uninstalls with DESTDIR'
}

# The text blocks, by first line: "screen SECONDS COLSxROWS COMMAND"
# when the block is lr-timer's screen in a window of that size that many
# seconds into the session COMMAND starts, else why it is not checked.
text_blocks() {
	printf '%s\t%s\n' \
	    ' lr-timer   step 1 of 8' \
	    'screen 26 80x24 lr-plan -R sciatica | lr-timer --no-screen --no-pain' \
	    ' lr-timer   step 2 of 8' \
	    'screen 75 120x40 lr-plan -R sciatica | lr-timer --no-screen --no-pain' \
	    '# ~/.config/systemd/user/lr-due.service' \
	    'systemd unit files to copy; systemd-analyze verify checks them when it is installed' \
	    'lr-report --format tsv (every week)             0.52 s     8.6 MiB' \
	    'timings of bench/report.sh on the project'"'"'s machine: a minute'"'"'s run on a 110 MB log'
}

setup() {
	[ -f "$LIBFAKETIME" ] || skip "faketime is not installed"
	lr_setup
	N=0
	setup_world
}

teardown() {
	local s
	for s in "$BATS_TEST_TMPDIR"/*.sock; do
		if [ -S "$s" ]; then
			tmux -S "$s" kill-server 2>/dev/null || true
		fi
	done
	return 0
}

# Each line of each fenced block: block number, its kind, the line's
# number in the README, the line.
blocks() {
	awk '/^```/ {
		if (open) { open = 0; next }
		open = 1; n++; kind = substr($0, 4); next
	}
	open { printf "%d\t%s\t%d\t%s\n", n, kind, NR, $0 }' "$README"
}

# The sh lines as "LINENO<TAB>KIND<TAB>COMMAND": each command without
# its comment, blank lines left out, and a command the README gives
# twice only the first time.  KIND is how it is checked: quickstart for
# the lines of the first block (tests/fresh-machine.sh runs them),
# notrun when not_run lists it, tty when it runs lr-timer without
# --batch, else run.
sh_lines() {
	blocks | awk -F'\t' -v OFS='\t' '
		FNR == NR { notrun[$1] = 1; next }
		$2 != "sh" { next }
		{
			c = $4
			sub(/[ \t]+#[ \t].*$/, "", c); sub(/[ \t]+$/, "", c)
			if (c == "" || seen[c]++) next
			kind = $1 == 1 ? "quickstart" : (c in notrun) ? "notrun" : \
			    (c ~ /lr-timer/ && c !~ /--batch/) ? "tty" : "run"
			print $3, kind, c
		}' <(not_run) -
}

# The world every example starts from (see the top of this file), made
# once a test in $BATS_TEST_TMPDIR/world.
setup_world() {
	local w=$BATS_TEST_TMPDIR/world f
	mkdir -p "$w/home/.local/share/lr" "$w/work" "$w/bin" "$w/tmp"
	chmod 700 "$w/home/.local/share/lr"
	cp "$DATA/readme-log.tsv" "$w/home/.local/share/lr/log.tsv"
	chmod 600 "$w/home/.local/share/lr/log.tsv"
	for f in "$DATA"/readme-*.tsv; do
		cp "$f" "$w/work/${f##*/readme-}"
	done
	# shellcheck disable=SC2016 # for the stand-in to expand
	printf '#!/bin/sh\nprintf "%%s\\n" "$*" >> "${0%%/bin/*}/cues.txt"\n' > "$w/bin/espeak-ng"
	chmod +x "$w/bin/espeak-ng"
}

# A new world in directory $1, and the script that runs a command line
# there: $1/run.sh CMDFILE.  The wall clock stands at $NOW and monotonic
# time runs; with $2 "fast", both start at $NOW and run twenty times as
# fast (and so do sleeps); with $2 "stopped", both stand still at the
# time in $1/faketime, which the test can move.
world() {
	local d=$1 clock
	cp -a "$BATS_TEST_TMPDIR/world" "$d"
	case ${2:-} in
	stopped)
		printf '@%s x0.000001\n' "$NOW" > "$d/faketime"
		clock="FAKETIME_TIMESTAMP_FILE='$d/faketime' FAKETIME_NO_CACHE=1"
		;;
	fast)
		clock="FAKETIME='@$NOW x20'"
		;;
	*)
		clock="FAKETIME='$NOW' FAKETIME_DONT_FAKE_MONOTONIC=1 DONT_FAKE_MONOTONIC=1"
		;;
	esac
	printf '%s\n' '#!/bin/sh' "cd '$d/work' || exit 1" \
	    "exec env -i TERM=\"\${TERM:-dumb}\" \\" \
	    "    HOME='$d/home' TMPDIR='$d/tmp' \\" \
	    "    PATH='$d/bin:$LR_BIN:/usr/local/bin:/usr/bin:/bin' \\" \
	    "    TZ=Europe/Berlin LC_ALL=C.UTF-8 ASAN_OPTIONS=verify_asan_link_order=0 \\" \
	    "    LD_PRELOAD='$LIBFAKETIME' $clock bash -o pipefail \"\$1\"" > "$d/run.sh"
}

# Run command line $2 in world $1, without a terminal: its standard
# output in $1/out, its standard error in $1/err (with $3 "merged", both
# in $1/out), the home directory shown as ~; its status in $1/status.
run_in() {
	local d=$1 st=0
	printf '%s\n' "$2" > "$d/cmd.sh"
	if [ "${3:-}" = merged ]; then
		TERM=dumb sh "$d/run.sh" "$d/cmd.sh" > "$d/out.raw" 2>&1 </dev/null || st=$?
	else
		TERM=dumb sh "$d/run.sh" "$d/cmd.sh" > "$d/out.raw" 2> "$d/err.raw" </dev/null || st=$?
	fi
	echo "$st" > "$d/status"
	sed "s|$d/home|~|g" "$d/out.raw" > "$d/out"
	if [ -f "$d/err.raw" ]; then
		sed "s|$d/home|~|g" "$d/err.raw" > "$d/err"
	fi
}

# Does the text in file $2 match the README's lines in file $1?  Exit
# 0 when it does.  In $1: a line "..." matches any number of lines,
# "..." within a line any text, "<pid>" a number.
matches() {
	awk '
	function tokens(p,    t, a, b, n) {
		n = 0
		while (p != "") {
			a = index(p, "..."); b = index(p, "<pid>")
			if (a == 0 && b == 0) { tok[++n] = "L" p; break }
			if (a > 0 && (b == 0 || a < b)) {
				if (a > 1) tok[++n] = "L" substr(p, 1, a - 1)
				tok[++n] = "A"; p = substr(p, a + 3)
			} else {
				if (b > 1) tok[++n] = "L" substr(p, 1, b - 1)
				tok[++n] = "P"; p = substr(p, b + 5)
			}
		}
		return n
	}
	function tm(i, n, s,    t, k, l) {
		if (i > n) return s == ""
		t = tok[i]
		if (t == "A") {
			for (k = 0; k <= length(s); k++)
				if (tm(i + 1, n, substr(s, k + 1))) return 1
			return 0
		}
		if (t == "P") {
			for (k = 1; k <= length(s) && substr(s, k, 1) ~ /[0-9]/; k++)
				if (tm(i + 1, n, substr(s, k + 1))) return 1
			return 0
		}
		l = length(t) - 1
		return substr(s, 1, l) == substr(t, 2) && tm(i + 1, n, substr(s, l + 1))
	}
	function line_ok(p, s) {
		if (p == s) return 1
		return tm(1, tokens(p), s)
	}
	function m(i, j,    k) {
		if (i > ne) return j > na
		if (want[i] == "...") {
			for (k = j; k <= na + 1; k++)
				if (m(i + 1, k)) return 1
			return 0
		}
		return j <= na && line_ok(want[i], got[j]) && m(i + 1, j + 1)
	}
	FNR == NR { want[++ne] = $0; next }
	{ got[++na] = $0 }
	END { exit !m(1, 1) }' "$1" "$2"
}

@test "every README block is sh, console or text, and each text block is known" {
	run blocks
	assert_success
	[ "$(cut -f 1 <<<"$output" | sort -u | wc -l)" -ge 15 ]
	# The kinds, block by block.
	bad=$(awk -F'\t' '$2 != "sh" && $2 != "console" && $2 != "text" { print "README.md:" $3 ": a block of kind \"" $2 "\"" }' <<<"$output" | sort -u)
	[ -z "$bad" ] || { echo "$bad"; return 1; }
	# Each text block is listed, and each listed one is there.
	firsts=$(awk -F'\t' '$2 == "text" && !seen[$1]++ { print $4 }' <<<"$output")
	while IFS= read -r first; do
		text_blocks | cut -f 1 | grep -qxF -- "$first" ||
		    { echo "a text block this test does not know: $first"; return 1; }
	done <<<"$firsts"
	while IFS= read -r first; do
		grep -qxF -- "$first" <<<"$firsts" ||
		    { echo "listed here, not in the README: $first"; return 1; }
	done < <(text_blocks | cut -f 1)
}

@test "every console example prints what the README shows" {
	local b kind no text failed=0 ran=0 last=''
	# Each command with its expected output, in files of their own.
	while IFS=$'\t' read -r b kind no text; do
		[ "$kind" = console ] || continue
		if [ "$b" != "$last" ]; then
			last=$b
			[[ $text == '$ '* ]] || { echo "README.md:$no: output before any \$ line"; return 1; }
		fi
		if [[ $text == '$ '* ]]; then
			N=$((N + 1))
			e=$BATS_TEST_TMPDIR/example$N
			d=$BATS_TEST_TMPDIR/c$b
			[ -d "$d" ] || world "$d"
			printf '%s\n' "$d" > "$e.world"
			printf '%s\n' "$no" > "$e.lineno"
			printf '%s\n' "${text#\$ }" > "$e.cmd"
			: > "$e.want"
		else
			printf '%s\n' "$text" >> "$e.want"
		fi
	done < <(blocks)
	# A block's commands run one after the other, in the block's world.
	for ((i = 1; i <= N; i++)); do
		e=$BATS_TEST_TMPDIR/example$i
		d=$(cat "$e.world")
		run_in "$d" "$(cat "$e.cmd")" merged
		ran=$((ran + 1))
		if ! matches "$e.want" "$d/out"; then
			echo "README.md:$(cat "$e.lineno"): \$ $(cat "$e.cmd")"
			echo "  prints otherwise (diff README actual):"
			diff "$e.want" "$d/out" | sed 's/^/    /'
			failed=1
		elif ! grep -qE '^lr-[a-z]+: ' "$e.want" && [ "$(cat "$d/status")" -ne 0 ]; then
			echo "README.md:$(cat "$e.lineno"): \$ $(cat "$e.cmd"): exit status $(cat "$d/status")"
			failed=1
		fi
	done
	[ "$ran" -ge 5 ]
	[ "$failed" -eq 0 ]
}

# What line $1 printed on standard error (in file $2) that it should
# not have: anything but lr-log's count of the rows it added, or its
# verdict on a sound log; the progress lines of lr-timer --batch when
# it runs one; the explanation of lr-plan --explain when it asks.
unexpected_err() {
	local re='^lr-log: added [0-9]+ rows? to ~/\.local/share/lr/log\.tsv$'
	re="$re|^lr-log: ~/\.local/share/lr/log\.tsv: [0-9]+ records, no problems$"
	re="$re|^lr-log: session manual-[0-9T]+-[0-9a-f]+: add more to it with add --session manual-[0-9T]+-[0-9a-f]+$"
	if [[ $1 == *'lr-timer --batch'* ]]; then
		re="$re|^lr-timer: "
	fi
	if [[ $1 == *'lr-plan '*'--explain'* ]]; then
		return 1
	fi
	grep -vE "$re" "$2"
}

@test "every README sh line runs in its world: exit 0, nothing unexpected on stderr" {
	local no kind cmd i failed=0
	# All at once, each in a world of its own.
	while IFS=$'\t' read -r no kind cmd; do
		[ "$kind" = run ] || continue
		N=$((N + 1))
		d=$BATS_TEST_TMPDIR/s$N
		world "$d" fast
		printf '%s\n' "$no" > "$d/lineno"
		printf '%s\n' "$cmd" > "$d/cmd"
		run_in "$d" "$cmd" &
	done < <(sh_lines)
	wait
	[ "$N" -ge 15 ]
	for ((i = 1; i <= N; i++)); do
		d=$BATS_TEST_TMPDIR/s$i
		cmd=$(cat "$d/cmd")
		if [ "$(cat "$d/status")" -ne 0 ] || unexpected_err "$cmd" "$d/err" >/dev/null; then
			echo "README.md:$(cat "$d/lineno"): $cmd"
			echo "  exit status $(cat "$d/status"); standard error:"
			sed 's/^/    /' "$d/err"
			failed=1
		fi
	done
	[ "$failed" -eq 0 ]
}

# tmux on socket $SOCK.
pane() {
	tmux -S "$SOCK" capture-pane -p
}

keys() {
	tmux -S "$SOCK" send-keys "$@"
}

# Start command line $2 of world $1 on a terminal of its own, $3 columns
# by $4 rows (80x24 unless given); its standard error in $1/err.raw, its
# status in $1/status.
start_tty() {
	local d=$1
	printf '%s\n' "$2" > "$d/cmd.sh"
	SOCK=$d.sock
	tmux -S "$SOCK" -f /dev/null new-session -d -x "${3:-80}" -y "${4:-24}" \
	    "sh '$d/run.sh' '$d/cmd.sh' 2> '$d/err.raw'; echo \$? > '$d/status'; sleep 600"
}

# Take the session in world $1 from its first question to its end: no
# to each warning sign, no pain ratings, start, quit (q q) once the
# first exercise is on the screen, and leave the end screen.  Each screen is answered once, when the
# key it asks for shows, by its first line; the wait is for the screen,
# up to a minute.  Fails unless the session started and the command ended.
through_session() {
	local d=$1 i screen title answered='' started=0
	SOCK=$d.sock
	for ((i = 0; i < 1200; i++)); do
		[ -s "$d/status" ] && break
		screen=$(pane)
		# A screen is known by its first and last lines and its length;
		# --plain writes a line a change, so there only the last lines
		# say what is asked.
		title=$(grep . <<<"$screen" | sed -n '1p;$p' | tr '\n' '|')$(grep -c . <<<"$screen" || true)
		grep -q -- '--plain' "$d/cmd.sh" && screen=$(grep . <<<"$screen" | tail -n 3)
		if [ "$title" != "$answered" ]; then
			case $screen in
			*'Press y for yes, n for no'*) keys n; answered=$title ;;
			*'Press space to go on'* | *'Press space to start'*) keys Space; answered=$title ;;
			*'Enter skips'*) keys Enter; answered=$title ;;
			*'Press any key to finish'*) keys Enter; answered=$title ;;
			*'q q quit'* | *'Step 1 of '*) started=1; keys q q; answered=$title ;;
			esac
		fi
		sleep 0.05
	done
	[ -s "$d/status" ] || { echo "the session did not end; the screen:"; pane; return 1; }
	[ "$started" -eq 1 ] || {
		echo "the session never started; exit status $(cat "$d/status"), standard error:"
		sed 's/^/  /' "$d/err.raw"
		return 1
	}
}

@test "every README sh line that needs a terminal runs on one, through a session" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	local no kind cmd i k failed=0 stamp out
	# Rows of the session the test runs start at $NOW.
	stamp=$(TZ=Europe/Berlin date -d "$NOW" +%FT%T%:z)
	# All at once, each on a terminal of its own.
	while IFS=$'\t' read -r no kind cmd; do
		[ "$kind" = tty ] || continue
		N=$((N + 1))
		d=$BATS_TEST_TMPDIR/t$N
		world "$d"
		printf '%s\n' "$no" > "$d/lineno"
		printf '%s\n' "$cmd" > "$d/cmd"
		start_tty "$d" "$cmd"
		through_session "$d" > "$d/drive" 2>&1 &
	done < <(sh_lines)
	wait
	[ "$N" -ge 2 ]
	for ((i = 1; i <= N; i++)); do
		d=$BATS_TEST_TMPDIR/t$i
		SOCK=$d.sock
		no=$(cat "$d/lineno")
		cmd=$(cat "$d/cmd")
		if [ -s "$d/drive" ]; then
			echo "README.md:$no: $cmd:"
			sed 's/^/    /' "$d/drive"
			failed=1
			continue
		fi
		sed "s|$d/home|~|g" "$d/err.raw" > "$d/err"
		if [ "$(cat "$d/status")" -ne 0 ] || unexpected_err "$cmd" "$d/err" >/dev/null; then
			echo "README.md:$no: $cmd"
			echo "  exit status $(cat "$d/status"); standard error:"
			sed 's/^/    /' "$d/err"
			failed=1
		fi
		# The session's rows are where the line sends them: the log,
		# or a file.
		out=
		if [[ $cmd == *'| lr-log' ]]; then
			out=$d/home/.local/share/lr/log.tsv
		elif [[ $cmd =~ \>\ ([^ ]+)$ ]]; then
			out=$d/work/${BASH_REMATCH[1]}
		fi
		if [ -n "$out" ] && ! grep -q "^$stamp	" "$out"; then
			echo "README.md:$no: $cmd: the session's rows are not in ${out#"$d"/}"
			failed=1
		fi
		# The cue command was run, at least for the session's start.
		if [[ $cmd == *'--cue-cmd espeak-ng'* ]]; then
			for ((k = 0; k < 100; k++)); do
				[ -s "$d/cues.txt" ] && break
				sleep 0.05
			done
			[ -s "$d/cues.txt" ] ||
			    { echo "README.md:$no: $cmd: espeak-ng was never run"; failed=1; }
		fi
	done
	[ "$failed" -eq 0 ]
}

@test "the README lines not run are there, listed with a reason, and parse" {
	local no kind cmd reason target failed=0 lines
	lines=$(sh_lines)
	# The quick start: its two lines, which tests/fresh-machine.sh
	# takes from the README's first block and runs as written.
	[ "$(awk -F'\t' '$2 == "quickstart"' <<<"$lines" | wc -l)" -eq 2 ]
	grep -q 'README.md' "$REPO/tests/fresh-machine.sh"
	grep -qx 'tests/fresh-machine.sh' "$REPO/.ci/run"
	while IFS=$'\t' read -r no kind cmd; do
		[ "$kind" = quickstart ] || continue
		sh -n -c "$cmd" || { echo "README.md:$no: does not parse: $cmd"; failed=1; }
	done <<<"$lines"
	while IFS=$'\t' read -r cmd reason; do
		[ -n "$reason" ] || { echo "no reason given for: $cmd"; failed=1; }
		awk -F'\t' '$2 == "notrun" { print $3 }' <<<"$lines" | grep -qxF -- "$cmd" ||
		    { echo "listed here, not in the README: $cmd"; failed=1; }
		sh -n -c "$cmd" || { echo "does not parse: $cmd"; failed=1; }
		# A make line names a target of the Makefile; a script is there.
		case $cmd in
		make | 'make '*)
			target=$(awk '{ for (i = 2; i <= NF; i++) if ($i !~ /=/) { print $i; exit } }' <<<"$cmd")
			grep -qE "^${target:-all}:" "$REPO/Makefile" ||
			    { echo "no target ${target:-all} in the Makefile: $cmd"; failed=1; }
			;;
		tests/*)
			[ -x "$REPO/${cmd%% *}" ] || { echo "no script ${cmd%% *}: $cmd"; failed=1; }
			;;
		esac
	done < <(not_run)
	[ "$(not_run | wc -l)" -ge 10 ]
	[ "$failed" -eq 0 ]
}

# Is the README's picture whose first line is $1 the screen that spec
# $2 ("screen SECONDS COLSxROWS COMMAND") makes?  Prints the screen when
# it is not, to paste into the README.
screen_is() {
	local first=$1 spec=$2 secs size cmd d i
	secs=$(cut -d ' ' -f 2 <<<"$spec")
	size=$(cut -d ' ' -f 3 <<<"$spec")
	cmd=$(cut -d ' ' -f 4- <<<"$spec")
	d=$BATS_TEST_TMPDIR/screen-$size
	blocks | awk -F'\t' -v first="$first" '
		$2 == "text" && !($1 in b) && $4 == first { b[$1] = 1 }
		$1 in b { print $4 }' > "$d.want"
	[ "$(wc -l < "$d.want")" -ge 10 ]
	# The session starts with the clock stopped; the clock moves on,
	# and a key the timer does nothing with wakes it to draw again.
	world "$d" stopped
	start_tty "$d" "$cmd" "${size%x*}" "${size#*x}"
	# (When the picture's first line never shows, the comparison
	# below says what shows instead.)
	for ((i = 0; i < 200; i++)); do
		pane | grep -qF -- "$(head -n 1 "$d.want")" && break
		sleep 0.05
	done
	printf '@%s x0.000001\n' "$(date -d "$NOW $secs seconds" '+%F %T')" > "$d/faketime"
	keys x
	for ((i = 0; i < 200; i++)); do
		pane | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$d.got"
		diff -q "$d.want" "$d.got" >/dev/null && break
		sleep 0.05
	done
	if ! diff "$d.want" "$d.got"; then
		echo "the screen at $size, to put in the README:"
		cat "$d.got"
		return 1
	fi
	# q q stops; the end screen waits for a key.
	keys q q
	for ((i = 0; i < 200; i++)); do
		pane | grep -q 'Press any key to finish' && break
		sleep 0.05
	done
	keys Enter
	for ((i = 0; i < 200; i++)); do
		[ -s "$d/status" ] && break
		sleep 0.05
	done
	[ "$(cat "$d/status")" -eq 0 ]
}

@test "the README's pictures of the timer's screen are the screen" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	local first spec n=0 failed=0
	while IFS=$'\t' read -r first spec; do
		n=$((n + 1))
		screen_is "$first" "$spec" || failed=1
	done < <(text_blocks | awk -F'\t' '$2 ~ /^screen /')
	[ "$n" -ge 2 ]
	[ "$failed" -eq 0 ]
}

@test "the README's systemd timer units are units systemd accepts" {
	command -v systemd-analyze >/dev/null ||
	    skip "systemd-analyze is not installed (sh .ci/deps all)"
	local units=$BATS_TEST_TMPDIR/units
	mkdir -p "$units" "$BATS_TEST_TMPDIR/run"
	# The block, cut at each "# ~/.config/systemd/user/NAME" into NAME.
	blocks | awk -F'\t' -v dir="$units" '
		$2 == "text" && $4 == "# ~/.config/systemd/user/lr-due.service" { b = $1 }
		b && $1 == b && $4 ~ /^# ~\/\.config\/systemd\/user\// {
			f = $4; sub(/.*\//, "", f); f = dir "/" f; next
		}
		b && $1 == b { print $4 > f }'
	[ -s "$units/lr-due.service" ]
	[ -s "$units/lr-due.timer" ]
	# systemd looks its commands up in its own path, not $PATH: the
	# commands of the tree under test, and a notify-send that does nothing.
	printf '#!/bin/sh\n' > "$BATS_TEST_TMPDIR/notify-send"
	chmod +x "$BATS_TEST_TMPDIR/notify-send"
	sed -i "s|=lr-report |=$REPO/bin/lr-report |; s|=notify-send |=$BATS_TEST_TMPDIR/notify-send |" \
	    "$units/lr-due.service"
	grep -qx "ExecCondition=$REPO/bin/lr-report --due" "$units/lr-due.service"
	XDG_RUNTIME_DIR=$BATS_TEST_TMPDIR/run run systemd-analyze verify --user \
	    "$units/lr-due.service" "$units/lr-due.timer"
	assert_success
	assert_output ''
	# And it would refuse a unit that is wrong.
	sed -i 's/^OnCalendar=.*/OnCalendar=*-*-* 25:00/' "$units/lr-due.timer"
	XDG_RUNTIME_DIR=$BATS_TEST_TMPDIR/run run systemd-analyze verify --user \
	    "$units/lr-due.service" "$units/lr-due.timer"
	assert_failure
}
