# Shared setup for the lr test suite.
bats_load_library bats-support
bats_load_library bats-assert

REPO="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
LR_BIN="${LR_BIN:-$REPO/bin}"
PATH="$LR_BIN:$PATH"
CATALOG="$REPO/share/catalog.tsv"
ROUTINES="$REPO/share/routines.tsv"
export PATH

# Every test starts with a private home and no lr settings, so nothing
# on the machine running the tests can change what a test sees.
lr_setup() {
	export HOME="$BATS_TEST_TMPDIR/home"
	mkdir -p "$HOME"
	unset LR_CATALOG LR_ROUTINES LR_LOG XDG_DATA_HOME NO_COLOR
	cd "$BATS_TEST_TMPDIR" || return 1
}

# A one-exercise catalog built from the real one: the header and the
# row of the given id.
one_row_catalog() {
	awk -F'\t' -v id="$1" 'NR == 1 || $1 == id' "$CATALOG"
}

# The number of the column named $1 in the real catalog.
catalog_colno() {
	head -n 1 "$CATALOG" | tr '\t' '\n' | grep -nx "$1" | cut -d: -f1
}
