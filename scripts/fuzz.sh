#!/bin/sh
# Build the libFuzzer targets of the content parser, answer matching, the
# form, cookie and multipart parsers, the roster parser, the CAS response
# parser and the exercise-import readers (GIFT, Moodle XML, QTI) with clang, then run each
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
clang $CFLAGS $(pkg-config --cflags libxml-2.0) -o "$OUT/fuzz_cas" tests/fuzz/fuzz_cas.c src/integ/cas_parse.c $(pkg-config --libs libxml-2.0)
EXO_SRC="src/integ/exo.c src/integ/exo_write.c src/integ/exo_gift.c src/integ/exo_moodle.c src/integ/exo_qti.c src/integ/exo_package.c src/integ/exo_xml.c src/http/form.c $CONTENT_SRC"
EXO_PKGS="libxml-2.0 libzip"
clang $CFLAGS $(pkg-config --cflags $EXO_PKGS) -Itests/fuzz -o "$OUT/fuzz_gift" tests/fuzz/fuzz_gift.c $EXO_SRC $LIBS $(pkg-config --libs $EXO_PKGS)
clang $CFLAGS $(pkg-config --cflags $EXO_PKGS) -Itests/fuzz -o "$OUT/fuzz_exo_xml" tests/fuzz/fuzz_exo_xml.c $EXO_SRC $LIBS $(pkg-config --libs $EXO_PKGS)

for target in activity answer form multipart roster cas gift exo_xml; do
	echo "fuzz_$target: ${SECONDS_EACH}s"
	mkdir -p "$OUT/corpus-$target"
	"$OUT/fuzz_$target" -max_total_time="$SECONDS_EACH" -max_len=65536 \
		-artifact_prefix="$OUT/crash-$target-" -print_final_stats=1 \
		"$OUT/corpus-$target" "tests/fuzz/corpus/$target"
done
