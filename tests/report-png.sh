#!/bin/sh
# Make docs/report.png, the README's picture of lr-report's HTML page:
# a month's log from tests/month-log.sh and two notes, rendered by
# headless Chromium.  Run from the source tree after make:
#
#   tests/report-png.sh [OUT.png]      (default docs/report.png)
#
# Needs chromium (Debian: apt-get install chromium).
set -eu

cd "$(dirname "$0")/.."
out=${1:-docs/report.png}
bin=${LR_BIN:-bin}
command -v chromium >/dev/null || {
	echo "tests/report-png.sh: needs chromium (apt-get install chromium)" >&2
	exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 700 "$tmp"

LR_LOG=$tmp/log.tsv
export LR_LOG
tests/month-log.sh 4 5 | "$bin/lr-log" -q
"$bin/lr-log" -q pain 4 --date '2026-11-10 08:00' \
    --note 'Stiff in the morning; better after the walk.'
"$bin/lr-log" -q add cobra --date '2026-11-25 07:30' \
    --note 'Felt a pull in the lower back: stopped early.'
"$bin/lr-report" --today 2026-11-30 --since 2026-11-02 --until 2026-11-29 \
    --target 5 --format html > "$tmp/report.html"

mkdir -p "$(dirname "$out")"
# Off the network, with a profile of its own; --no-sandbox for root.
chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$tmp/profile" --window-size=900,1450 \
    --screenshot="$PWD/$out" "file://$tmp/report.html" </dev/null \
    >/dev/null 2>&1
echo "tests/report-png.sh: wrote $out ($(wc -c < "$out") bytes)"
