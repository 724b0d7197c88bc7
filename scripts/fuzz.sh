#!/bin/sh
# Build the libFuzzer targets of the content parser, answer matching, the
# form, cookie and multipart parsers, the roster parser and the masking of
# tutoring messages with clang, then run each
# for a bounded time. Usage: scripts/fuzz.sh [seconds] (default 20).
# Crashes are written to build-fuzz/. The seed corpora in
# tests/fuzz/corpus/ are only read: new inputs go to build-fuzz/corpus-*.
set -eu

SECONDS_EACH=${1:-20}
OUT=build-fuzz
PKGS="libcmark yaml-0.1 libutf8proc"
CFLAGS="-std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS)"
CONTENT_SRC="src/content/activity.c src/content/frontmatter.c src/content/question.c src/content/cloze.c src/content/answer.c src/content/grade.c src/core/buf.c"

cd "$(dirname "$0")/.."
mkdir -p "$OUT"
clang $CFLAGS -o "$OUT/fuzz_activity" tests/fuzz/fuzz_activity.c $CONTENT_SRC $LIBS
clang $CFLAGS -o "$OUT/fuzz_answer" tests/fuzz/fuzz_answer.c src/content/answer.c $LIBS
clang $CFLAGS -o "$OUT/fuzz_form" tests/fuzz/fuzz_form.c src/http/form.c
clang $CFLAGS -o "$OUT/fuzz_multipart" tests/fuzz/fuzz_multipart.c src/http/multipart.c src/http/form.c
clang $CFLAGS -o "$OUT/fuzz_roster" tests/fuzz/fuzz_roster.c src/org/roster*.c src/core/buf.c $LIBS
clang $CFLAGS -o "$OUT/fuzz_tutor_mask" tests/fuzz/fuzz_tutor_mask.c src/tutor/mask.c src/core/buf.c

for target in activity answer form multipart roster tutor_mask; do
	echo "fuzz_$target: ${SECONDS_EACH}s"
	mkdir -p "$OUT/corpus-$target"
	"$OUT/fuzz_$target" -max_total_time="$SECONDS_EACH" -max_len=65536 \
		-artifact_prefix="$OUT/crash-$target-" -print_final_stats=1 \
		"$OUT/corpus-$target" "tests/fuzz/corpus/$target"
done
