#!/bin/sh
# Build the libFuzzer targets of the content parser, answer matching, the
# dictation comparison, the form, cookie and multipart parsers, the roster
# parser, the referential, the Range header and video intervals parsers,
# the euro amount parser, the calculator, the dictionary query normaliser,
# the evaluation date parser, connection rules, sets of children and
# spreadsheet writer, the CAS response parser, the exercise-import readers
# (GIFT, Moodle XML, QTI) and the masking of tutoring messages with clang,
# then run each for a bounded time. Usage: scripts/fuzz.sh [seconds] (default 20).
# Crashes are written to build-fuzz/. The seed corpora in
# tests/fuzz/corpus/ are only read: new inputs go to build-fuzz/corpus-*.
#
# The random seed is fixed (ARDOISE_FUZZ_SEED, default 1) so that two runs
# from a clean clone try the same inputs in the same order, as far as
# their time allows, on every machine. A longer run with the
# same seed, from the same build-fuzz/corpus-* (empty in a clean clone),
# tries every input a shorter one tries, and more. To look for
# new crashes, run with ARDOISE_FUZZ_SEED=0 (a new seed each time) and
# for longer, then add each crash found to the unit tests.
set -eu

SECONDS_EACH=${1:-20}
SEED=${ARDOISE_FUZZ_SEED:-1}
OUT=build-fuzz
PKGS="libcmark yaml-0.1 libutf8proc"
CFLAGS="-std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS)"
ANSWER_SRC="src/content/answer.c src/content/answer_reform.c src/content/answer_fraction.c"
CONTENT_SRC="src/content/activity.c src/content/frontmatter.c src/content/question.c src/content/cloze.c src/content/q_*.c $ANSWER_SRC src/content/grade*.c src/content/resource.c src/content/dictation*.c src/core/buf.c src/gen/names.c"

cd "$(dirname "$0")/.."
mkdir -p "$OUT"
clang $CFLAGS -o "$OUT/fuzz_activity" tests/fuzz/fuzz_activity.c $CONTENT_SRC $LIBS
clang $CFLAGS -o "$OUT/fuzz_answer" tests/fuzz/fuzz_answer.c $ANSWER_SRC $LIBS
clang $CFLAGS -o "$OUT/fuzz_dictation" tests/fuzz/fuzz_dictation.c $CONTENT_SRC $LIBS
clang $CFLAGS -o "$OUT/fuzz_form" tests/fuzz/fuzz_form.c src/http/form.c
clang $CFLAGS -o "$OUT/fuzz_multipart" tests/fuzz/fuzz_multipart.c src/http/multipart.c src/http/form.c
clang $CFLAGS -o "$OUT/fuzz_roster" tests/fuzz/fuzz_roster.c src/org/roster*.c src/core/buf.c $LIBS
clang $CFLAGS -o "$OUT/fuzz_referential" tests/fuzz/fuzz_referential.c src/content/referential.c $CONTENT_SRC $LIBS
clang $CFLAGS -o "$OUT/fuzz_range" tests/fuzz/fuzz_range.c src/http/range.c src/learn/intervals.c -lm
clang $CFLAGS -o "$OUT/fuzz_amount" tests/fuzz/fuzz_amount.c src/offer/amount.c
clang $CFLAGS -o "$OUT/fuzz_calc" tests/fuzz/fuzz_calc.c src/tools/calc.c
clang $CFLAGS -o "$OUT/fuzz_query" tests/fuzz/fuzz_query.c src/tools/fold.c src/tools/written_op.c $LIBS
clang $CFLAGS -o "$OUT/fuzz_eval" tests/fuzz/fuzz_eval.c src/eval/paris_time.c src/eval/connection.c src/eval/child_set.c src/eval/sheet.c src/core/buf.c -lz
clang $CFLAGS $(pkg-config --cflags libxml-2.0) -o "$OUT/fuzz_cas" tests/fuzz/fuzz_cas.c src/integ/cas_parse.c $(pkg-config --libs libxml-2.0)
EXO_SRC="src/integ/exo.c src/integ/exo_write.c src/integ/exo_gift.c src/integ/exo_moodle.c src/integ/exo_qti.c src/integ/exo_package.c src/integ/exo_xml.c src/http/form.c $CONTENT_SRC"
EXO_PKGS="libxml-2.0 libzip"
clang $CFLAGS $(pkg-config --cflags $EXO_PKGS) -Itests/fuzz -o "$OUT/fuzz_gift" tests/fuzz/fuzz_gift.c $EXO_SRC $LIBS $(pkg-config --libs $EXO_PKGS)
clang $CFLAGS $(pkg-config --cflags $EXO_PKGS) -Itests/fuzz -o "$OUT/fuzz_exo_xml" tests/fuzz/fuzz_exo_xml.c $EXO_SRC $LIBS $(pkg-config --libs $EXO_PKGS)
clang $CFLAGS -o "$OUT/fuzz_tutor_mask" tests/fuzz/fuzz_tutor_mask.c src/tutor/mask.c src/core/buf.c

for target in activity answer dictation form multipart roster referential range amount calc query eval cas gift exo_xml tutor_mask; do
	echo "fuzz_$target: ${SECONDS_EACH}s"
	mkdir -p "$OUT/corpus-$target"
	"$OUT/fuzz_$target" -seed="$SEED" -max_total_time="$SECONDS_EACH" -max_len=65536 \
		-artifact_prefix="$OUT/crash-$target-" -print_final_stats=1 \
		"$OUT/corpus-$target" "tests/fuzz/corpus/$target"
done
