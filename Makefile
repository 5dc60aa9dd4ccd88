# lr - leg relief.  See README.md.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/lr
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
# fish looks under PREFIX only when XDG_DATA_DIRS says so, which a
# console or SSH login does not: put its completions where fish itself
# says it looks (its pkg-config file), whatever PREFIX is.
FISHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir fish \
	2>/dev/null),$(PREFIX)/share/fish/vendor_completions.d)

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Werror
LR_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Ilib \
	-DLR_SHAREDIR='"$(SHAREDIR)"' -DLR_SRCDIR='"$(CURDIR)"'
LDLIBS = -lcsv -ltinfo -lm
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

PROGS = lr-list lr-plan lr-timer lr-log lr-report
# The library is every module in lib/; the unit tests, every file in
# tests/unit/, each a program of its own.
LIBSRC = $(sort $(wildcard lib/*.c))
HDRS = $(wildcard lib/*.h)
UNIT = $(patsubst tests/unit/%.c,%,$(sort $(wildcard tests/unit/*_test.c)))
UNIT_HDRS = $(wildcard tests/unit/*.h)
MAN1 = $(PROGS:%=man/%.1)
MAN = $(MAN1) man/lr-formats.5 man/lr.7

# make V=1 shows the commands.
Q = $(if $(V),,@)
BIN = $(PROGS:%=bin/%)
ASANBIN = $(PROGS:%=build/asan/bin/%)

all: $(BIN)

build/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(LR_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(LR_CFLAGS) -O1 -g $(SAN) -c -o $@ $<

build/obj/liblr.a: $(LIBSRC:%.c=build/obj/%.o)
	$(Q)$(AR) rcs $@ $^

build/asan/liblr.a: $(LIBSRC:%.c=build/asan/%.o)
	$(Q)$(AR) rcs $@ $^

bin/%: build/obj/cmd/%.o build/obj/liblr.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/asan/bin/%: build/asan/cmd/%.o build/asan/liblr.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(SAN) -o $@ $^ $(LDLIBS)

asan: $(ASANBIN)

# Unit tests of the library, with cmocka: built against liblr.a, and
# again against the sanitized one.
build/unit/%: tests/unit/%.c $(UNIT_HDRS) build/obj/liblr.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  UNIT    $@")
	$(Q)$(CC) $(LR_CFLAGS) -Itests/unit $(CFLAGS) -o $@ $< \
	    build/obj/liblr.a $(LDLIBS) -lcmocka

build/asan/unit/%: tests/unit/%.c $(UNIT_HDRS) build/asan/liblr.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  UNIT    $@")
	$(Q)$(CC) $(LR_CFLAGS) -Itests/unit -O1 -g $(SAN) -o $@ $< \
	    build/asan/liblr.a $(LDLIBS) -lcmocka

unit: $(UNIT:%=build/unit/%)
	@for t in $(UNIT); do build/unit/$$t || exit 1; done

unit-asan: $(UNIT:%=build/asan/unit/%)
	@for t in $(UNIT); do build/asan/unit/$$t || exit 1; done

# bats reads nothing from stdin: a CI runner's open pipe must not look
# like a catalog piped to the programs.  It runs in a session of its
# own, without the terminal make was started from, so that no program
# under test asks its questions there (the tmux tests make their own).
BATS = setsid -w bats

check: all unit
	$(BATS) tests </dev/null

# The tests the README's quick start runs: unit tests and Bats on the
# normal build and the sanitized one, side by side.
test: all asan
	@MAKE="$(MAKE)" tests/both.sh

# The whole test suite, with the slower passes CI runs too (each fuzz
# target for FUZZ_TIME seconds).
check-all: check check-asan check-valgrind lint fuzz

check-asan: asan unit-asan
	LR_BIN=$(CURDIR)/build/asan/bin LR_SANITIZED=1 $(BATS) tests </dev/null

# Fuzzing with libFuzzer: each target runs FUZZ_TIME seconds from the
# seed corpus in fuzz/corpus/TARGET; what it finds is kept in
# build/fuzz/corpus and crashes in build/fuzz/crash-*.
FUZZ = tsv catalog plan results time append rows
FUZZ_TIME ?= 10
FUZZ_CC ?= clang
FUZZ_FLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Ilib -Ifuzz -g -O1 \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/fuzz/%: fuzz/%.c fuzz/fuzz.h $(LIBSRC) $(HDRS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIBSRC) $(LDLIBS)

fuzz-build: $(FUZZ:%=build/fuzz/%)

fuzz: fuzz-build
	@for t in $(FUZZ); do \
		mkdir -p build/fuzz/corpus/$$t; \
		echo "fuzz: $$t for $(FUZZ_TIME) s"; \
		build/fuzz/$$t -max_total_time=$(FUZZ_TIME) -max_len=80000 \
		    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		    -artifact_prefix=build/fuzz/ \
		    build/fuzz/corpus/$$t fuzz/corpus/$$t 2>build/fuzz/$$t.log \
		    || { tail -n 40 build/fuzz/$$t.log; exit 1; }; \
		grep -h 'stat::number_of_executed_units\|stat::new_units_added' build/fuzz/$$t.log; \
	done

# The suite once more with every program run under valgrind memcheck:
# any memory error or leak fails the program, and so its test.
VALGRIND = valgrind -q --error-exitcode=97 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

build/valgrind/bin/%: bin/%
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec %s "%s" "$$@"\n' '$(VALGRIND)' '$(CURDIR)/$<' > $@
	@chmod +x $@

check-valgrind: all $(PROGS:%=build/valgrind/bin/%) $(UNIT:%=build/unit/%)
	@for t in $(UNIT); do $(VALGRIND) build/unit/$$t >/dev/null || \
	    { echo "valgrind: unit test $$t failed"; exit 1; }; done
	LR_BIN=$(CURDIR)/build/valgrind/bin LR_SLOW=1 $(BATS) tests </dev/null

# Static checks: cppcheck and clang-tidy on the C, shellcheck on the
# scripts and tests, mandoc on the manual.
SHELL_FILES = .ci/run .ci/deps bench/*.sh tests/*.bats tests/*.bash tests/*.sh

lint: lint-c lint-sh lint-man

lint-c:
	cppcheck --enable=warning,style,performance,portability --std=c11 \
		-D_GNU_SOURCE -Ilib -Itests/unit \
		--suppressions-list=.cppcheck-suppressions --inline-suppr \
		--error-exitcode=1 --quiet lib cmd fuzz tests/unit
	@# Only the findings: not the count of system-header warnings
	@# it left out.
	@out=$$(clang-tidy --quiet lib/*.c cmd/*.c fuzz/*.c tests/unit/*.c -- \
		-std=c11 -D_GNU_SOURCE -Ilib -Ifuzz -Itests/unit \
		-DLR_SRCDIR='"$(CURDIR)"' 2>&1) || \
	    { echo "$$out" | grep -v 'warnings generated'; exit 1; }
	@echo "clang-tidy: clean"

lint-sh:
	shellcheck -x $(wildcard $(SHELL_FILES))
	bash -n completions/lr.bash

# mandoc's lint, and each page as man(1) shows it at 80 columns: groff
# warns there about lines it cannot break, which -Tlint does not see.
lint-man:
	@out=$$(mandoc -Tlint $(MAN) 2>&1 | \
	    grep -v -e 'referenced manual not found' -e 'mandoc.db'); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi
	@for m in $(MAN); do \
	    out=$$(MANWIDTH=80 man -l "$$m" 2>&1 >/dev/null); \
	    if [ -n "$$out" ]; then echo "$$m: $$out"; exit 1; fi; \
	done

# The directories install puts files in.  It notes those it makes,
# their parents too, in INSTALLED_DIRS, so that uninstall removes them
# and never one that was there before.
INSTALL_DIRS = $(BINDIR) $(SHAREDIR) $(MANDIR)/man1 $(MANDIR)/man5 \
	$(MANDIR)/man7 $(BASHCOMPDIR) $(ZSHCOMPDIR) $(FISHCOMPDIR)
INSTALLED_DIRS = $(SHAREDIR)/installed-dirs

install: all
	$(Q)made=$$(for d in $(INSTALL_DIRS); do \
		while [ "$$d" != / ] && [ "$$d" != . ] && \
		    [ ! -d "$(DESTDIR)$$d" ]; do \
			echo "$$d"; d=$$(dirname "$$d"); \
		done; \
	done); \
	install -d $(INSTALL_DIRS:%=$(DESTDIR)%) && \
	{ cat "$(DESTDIR)$(INSTALLED_DIRS)" 2>/dev/null; \
	    [ -z "$$made" ] || echo "$$made"; } | \
	    LC_ALL=C sort -u > "$(DESTDIR)$(INSTALLED_DIRS).new" && \
	chmod 644 "$(DESTDIR)$(INSTALLED_DIRS).new" && \
	mv "$(DESTDIR)$(INSTALLED_DIRS).new" "$(DESTDIR)$(INSTALLED_DIRS)"
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)
	install -m 644 share/catalog.tsv share/routines.tsv share/doses.tsv \
		$(DESTDIR)$(SHAREDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/lr-formats.5 $(DESTDIR)$(MANDIR)/man5
	install -m 644 man/lr.7 $(DESTDIR)$(MANDIR)/man7
	for p in $(PROGS); do \
		install -m 644 completions/lr.bash \
			$(DESTDIR)$(BASHCOMPDIR)/$$p || exit 1; \
		install -m 644 completions/$$p.fish \
			$(DESTDIR)$(FISHCOMPDIR)/$$p.fish || exit 1; \
	done
	install -m 644 completions/_lr $(DESTDIR)$(ZSHCOMPDIR)/_lr

# The files install put, then the directories it made, deepest first,
# each only when empty: one that holds something else stays, and is
# named (not its parents, kept for it).  An install older than
# INSTALLED_DIRS made only SHAREDIR its own.
uninstall:
	for p in $(PROGS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$p \
			$(DESTDIR)$(MANDIR)/man1/$$p.1 \
			$(DESTDIR)$(BASHCOMPDIR)/$$p \
			$(DESTDIR)$(FISHCOMPDIR)/$$p.fish; \
	done
	rm -f $(DESTDIR)$(SHAREDIR)/catalog.tsv \
		$(DESTDIR)$(SHAREDIR)/routines.tsv \
		$(DESTDIR)$(SHAREDIR)/doses.tsv \
		$(DESTDIR)$(MANDIR)/man5/lr-formats.5 \
		$(DESTDIR)$(MANDIR)/man7/lr.7 \
		$(DESTDIR)$(ZSHCOMPDIR)/_lr
	$(Q)list="$(DESTDIR)$(INSTALLED_DIRS)"; \
	if [ ! -f "$$list" ]; then \
		rmdir "$(DESTDIR)$(SHAREDIR)" 2>/dev/null || true; \
		exit 0; \
	fi; \
	dirs=$$(LC_ALL=C sort -r "$$list") && rm -f "$$list" || exit 1; \
	kept=; for d in $$dirs; do \
		rmdir "$(DESTDIR)$$d" 2>/dev/null || [ ! -d "$(DESTDIR)$$d" ] || { \
		    case "$$kept" in *" $$d/"*) ;; \
		    *) echo "uninstall: kept $(DESTDIR)$$d: it holds other files";; \
		    esac; kept="$$kept $$d"; }; \
	done

clean:
	rm -rf bin build

.PHONY: all asan unit unit-asan test check check-all check-asan check-valgrind lint lint-c lint-sh lint-man install uninstall clean fuzz \
	fuzz-build
.SECONDARY:
