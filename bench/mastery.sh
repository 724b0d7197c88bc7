#!/bin/sh
# Quality of the mastery model at predicting a child's next answer.
#
#   bench/mastery.sh [DATASETS]
#
# Replays, in time order, the public student-response data of
# DATASETS (default ../shared/datasets/kt, see its README) and a data set
# simulated from known parameters, and prints for each the pooled AUC and
# RMSE of the per-skill marginal rate and of Ardoise's knowledge tracing:
# with its default parameters, with one set fitted on the training file,
# and fitted per skill. Scores responses 2 to n of each test student, as
# the Deep Knowledge Tracing paper did. Takes about 15 seconds.
set -eu
. "$(dirname "$0")/lib.sh"

data=${1:-$(cd "$(dirname "$0")/.." && pwd)/../shared/datasets/kt}
[ -d "$data" ] || { echo "$0: no data set folder $data" >&2; exit 2; }
bench_build
tool=$BENCH_BIN/mastery-replay

echo "== simulated from known parameters (2,000 + 500 students, 10 skills, 60 answers each)"
"$tool" simulate 2000 10 60 7
echo
echo "== ASSISTments 2009-2010, de-duplicated (0910_c_train / 0910_c_test)"
"$tool" kt "$data/assistments2009-dedup/0910_c_train.csv" "$data/assistments2009-dedup/0910_c_test.csv"
echo
echo "== ASSISTments 2009-2010 skill builder, with duplicates (builder_train / builder_test)"
"$tool" kt "$data/assistments2009/builder_train.csv" "$data/assistments2009/builder_test.csv"
echo
echo "== Simulated-5 (naive_c5_q50_s4000_v0), first 2,000 students fit, last 2,000 test"
"$tool" matrix "$data/synthetic/naive_c5_q50_s4000_v0.csv"
"$tool" matrix "$data/synthetic/naive_c5_q50_s4000_v0.csv" "$data/synthetic/naive_c5_q50_s4000_v0_info.txt"
echo
echo "Published AUC (Piech et al. 2015, table 1): ASSISTments marginal 0.62, BKT 0.67, best BKT 0.69, DKT 0.86;"
echo "Simulated-5 marginal 0.64, BKT 0.54, DKT 0.82. De-duplicated data: DKT about 0.75-0.80 (Xiong et al. 2016)."
