# Ardoise build. `make run` and `make test` are the two entry points.

CC ?= cc
PKGS = libh2o-evloop sqlite3 libsodium jansson libcmark yaml-0.1 libutf8proc openssl libpq libqrencode libarchive libxml-2.0 hunspell libcurl libzip
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I/usr/include/postgresql
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpq
ALL_CFLAGS = -std=gnu11 $(WARN) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -DH2O_USE_LIBUV=0 $(CFLAGS) $(SANITIZE)
LIBS = $(PKG_LIBS) -lhpdf -lpthread -lm -lz
BUILD ?= build

LIB_SRC := $(shell find src -name '*.c' ! -path src/main.c | sort)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HTTP_SRC := $(wildcard tests/http/test_*.c)
HTTP_BIN := $(HTTP_SRC:tests/http/%.c=$(BUILD)/tests/http_%)
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
PG_MIGRATIONS := $(sort $(wildcard src/store/migrations-pg/*.sql))
PO := $(wildcard po/*.po)
MO := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/ardoise.mo)

.PHONY: all run test deps deps-test check-src clean fuzz sanitize videos

all: $(BUILD)/ardoise $(MO)

deps:
	@scripts/install-deps.sh

deps-test:
	@scripts/install-deps.sh --test

# The folders are prerequisites too, so adding or removing a file rebuilds it.
$(BUILD)/gen/migrations.h: $(MIGRATIONS) $(PG_MIGRATIONS) src/store/migrations src/store/migrations-pg scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	scripts/embed-migrations.sh --array migrations $(MIGRATIONS) --array pg_migrations $(PG_MIGRATIONS) > $@.tmp && mv $@.tmp $@

# Generated before any object: a pattern rule without a recipe would cancel
# the rule below instead of adding a prerequisite. Later changes are tracked
# by the dependency files.
$(BUILD)/%.o: %.c | $(BUILD)/gen/migrations.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libardoise.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/ardoise: $(BUILD)/src/main.o $(BUILD)/libardoise.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libardoise.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libardoise.a $(LIBS) -lcmocka

$(BUILD)/tests/http_%: tests/http/%.c tests/http/harness.c tests/http/harness.h $(BUILD)/libardoise.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< tests/http/harness.c $(BUILD)/libardoise.a $(LIBS) -lcmocka -lcurl

$(BUILD)/locale/%/LC_MESSAGES/ardoise.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Install packages first, then build in a fresh make so pkg-config sees them.
run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run.sh

test: deps-test
	@$(MAKE) --no-print-directory all tests
	@scripts/test.sh

tests: $(UNIT_BIN) $(HTTP_BIN)

sanitize:
	$(MAKE) BUILD=build-san CC=clang SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" CFLAGS="-O1 -g" all $(subst $(BUILD)/,build-san/,$(UNIT_BIN) $(HTTP_BIN))

check-src:
	@scripts/check-src.sh

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Video lessons of content/media/*.lecon, into data/media (also run by `make run`).
videos:
	@scripts/make-videos.sh content data/media
