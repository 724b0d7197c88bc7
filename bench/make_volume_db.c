/*
 * make-volume-db: fill a database created by `ardoise init --demo` with a
 * large population for the benchmarks: structures of about 200 children,
 * groups of about 15 with one accompagnateur each, and a school year of
 * graded attempts per child.
 *
 * Rows are written with set-based INSERT ... SELECT statements, one batch
 * of children per transaction, so PostgreSQL does not pay one network round
 * trip per row. Every child shares one picture sequence and every
 * accompagnateur one password, each hashed once, so the benchmarks can sign
 * in any of them.
 *
 * Built by bench/make-volume-db, which also runs `ardoise init`.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "auth/account.h"
#include "auth/password.h"
#include "content/catalog.h"
#include "content/content_store.h"
#include "store/db.h"
#include "web/answers.h"

#define DEFAULT_CHILDREN_SQLITE 30000
#define DEFAULT_CHILDREN_PG 500000
#define DEFAULT_PER_STRUCTURE 200
#define DEFAULT_PER_GROUP 15
#define DEFAULT_WEEKS 36
#define DEFAULT_PER_WEEK 2
#define DEFAULT_BATCH 5000
/* Answer sheets per activity, each right on a different set of questions. */
#define VARIANTS 6
/* bench_seq contains 0..SEQ_ROWS-1, which bounds the batch size and the attempts per child. */
#define SEQ_ROWS 10000
/* Monday 2 September 2024, 00:00 UTC: the first week of the school year. */
#define YEAR_START 1725235200LL
#define CHILD_PICTURES "chat soleil arbre"
#define HELPER_PASSWORD "bench-anim-2024"
#define CHILD_LOGIN_PREFIX "bench-e-"
#define STRUCTURE_CODE_PREFIX "V"

struct options {
	const char *db_url;
	long children;
	long per_structure;
	long per_group;
	long weeks;
	long per_week;
	long batch;
	const char *level; /* NULL: levels spread over CE2, CM1, CM2, 6e */
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: make-volume-db --db URL [options]\n"
		"  --db URL             SQLite file or postgresql:// URL, already initialised\n"
		"  --children N         children to add (default %d on SQLite, %d on PostgreSQL)\n"
		"  --per-structure N    children per structure (default %d)\n"
		"  --per-group N        children per group (default %d)\n"
		"  --weeks N            weeks of attempts (default %d; 0 adds no attempt)\n"
		"  --per-week N         attempts per child and week (default %d)\n"
		"  --batch N            children per transaction (default %d, at most %d)\n"
		"  --level LEVEL        give every child this level (CE2, CM1, CM2 or 6e)\n",
		DEFAULT_CHILDREN_SQLITE, DEFAULT_CHILDREN_PG, DEFAULT_PER_STRUCTURE, DEFAULT_PER_GROUP,
		DEFAULT_WEEKS, DEFAULT_PER_WEEK, DEFAULT_BATCH, SEQ_ROWS);
}

static long parse_count(const char *name, const char *text, long min, long max)
{
	char *end;
	long value;

	errno = 0;
	value = text ? strtol(text, &end, 10) : 0;
	if (!text || errno || *end || value < min || value > max) {
		fprintf(stderr, "make-volume-db: invalid value for %s: \"%s\" (expected an integer from %ld to %ld)\n",
			name, text ? text : "", min, max);
		exit(2);
	}
	return value;
}

static void options_parse(int argc, char **argv, struct options *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->per_structure = DEFAULT_PER_STRUCTURE;
	o->per_group = DEFAULT_PER_GROUP;
	o->weeks = DEFAULT_WEEKS;
	o->per_week = DEFAULT_PER_WEEK;
	o->batch = DEFAULT_BATCH;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(arg, "--help") == 0) {
			usage(stdout);
			exit(0);
		}
		if (!value) {
			fprintf(stderr, "make-volume-db: missing value after %s\n", arg);
			exit(2);
		}
		i++;
		if (strcmp(arg, "--db") == 0)
			o->db_url = value;
		else if (strcmp(arg, "--children") == 0)
			o->children = parse_count(arg, value, 1, 100000000);
		else if (strcmp(arg, "--per-structure") == 0)
			o->per_structure = parse_count(arg, value, 1, 100000);
		else if (strcmp(arg, "--per-group") == 0)
			o->per_group = parse_count(arg, value, 1, 100000);
		else if (strcmp(arg, "--weeks") == 0)
			o->weeks = parse_count(arg, value, 0, 60);
		else if (strcmp(arg, "--per-week") == 0)
			o->per_week = parse_count(arg, value, 1, 20);
		else if (strcmp(arg, "--batch") == 0)
			o->batch = parse_count(arg, value, 1, SEQ_ROWS);
		else if (strcmp(arg, "--level") == 0 && level_parse(value))
			o->level = value;
		else {
			fprintf(stderr, "make-volume-db: unknown option or invalid value: %s %s (see --help)\n", arg, value);
			exit(2);
		}
	}
	if (!o->db_url) {
		usage(stderr);
		exit(2);
	}
	if (o->per_group > o->per_structure)
		o->per_group = o->per_structure;
	if (o->weeks * o->per_week > SEQ_ROWS) {
		fprintf(stderr, "make-volume-db: --weeks times --per-week must be at most %d\n", SEQ_ROWS);
		exit(2);
	}
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static int exec_or_fail(struct db *db, const char *sql)
{
	if (db_exec(db, sql) == 0)
		return 0;
	fprintf(stderr, "make-volume-db: SQL failed: %s\n  in: %.200s\n", db_errmsg(db), sql);
	return -1;
}

/* Step a prepared statement that returns no row; -1 with a message if it fails. */
static int step_done(struct db *db, struct db_stmt *st, const char *what)
{
	enum db_step step = db_step(st);

	db_reset(st);
	if (step == DB_DONE)
		return 0;
	fprintf(stderr, "make-volume-db: %s failed: %s\n", what, db_errmsg(db));
	return -1;
}

/* ---- helper tables, dropped at the end ---- */

static const char *const first_names[] = {
	"Léa", "Noah", "Inès", "Yanis", "Chloé", "Adam", "Jade", "Mohamed", "Emma", "Lucas",
	"Aya", "Gabriel", "Lina", "Rayan", "Manon", "Ibrahim",
};
static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };
static const char *const avatars[] = { "renard", "hibou", "tortue", "lapin", "ours", "panda" };

static int words_insert(struct db *db, const char *kind, const char *const *words, size_t count)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO bench_word (kind, idx, word) VALUES (?, ?, ?)");
	size_t i;

	for (i = 0; st && i < count; i++) {
		db_bind_text(st, 1, kind);
		db_bind_int(st, 2, (int64_t)i);
		db_bind_text(st, 3, words[i]);
		if (step_done(db, st, "bench_word insert") < 0)
			return -1;
	}
	return st ? 0 : -1;
}

static int helpers_create(struct db *db, const struct options *o)
{
	const char *level_only[1] = { o->level };
	const char *const *level_words = levels;
	size_t level_count = sizeof(levels) / sizeof(levels[0]);
	char sql[256];

	if (exec_or_fail(db, "DROP TABLE IF EXISTS bench_seq; DROP TABLE IF EXISTS bench_word; "
			     "DROP TABLE IF EXISTS bench_group; DROP TABLE IF EXISTS bench_child; "
			     "DROP TABLE IF EXISTS bench_template") < 0 ||
	    exec_or_fail(db, "CREATE TABLE bench_seq (n INTEGER PRIMARY KEY); "
			     "CREATE TABLE bench_word (kind TEXT NOT NULL, idx INTEGER NOT NULL, word TEXT NOT NULL, PRIMARY KEY (kind, idx)); "
			     "CREATE TABLE bench_group (idx INTEGER PRIMARY KEY, group_id BIGINT NOT NULL, structure_id BIGINT NOT NULL); "
			     "CREATE TABLE bench_child (n INTEGER PRIMARY KEY, account_id BIGINT NOT NULL); "
			     "CREATE TABLE bench_template (idx INTEGER PRIMARY KEY, activity_id TEXT NOT NULL, version INTEGER NOT NULL, "
			     "answers TEXT NOT NULL, results TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, max_score INTEGER NOT NULL)") < 0)
		return -1;
	snprintf(sql, sizeof(sql), "INSERT INTO bench_seq (n) WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < %d) SELECT n FROM s",
		 SEQ_ROWS - 1);
	if (exec_or_fail(db, sql) < 0)
		return -1;
	if (o->level) {
		level_words = level_only;
		level_count = 1;
	}
	if (words_insert(db, "name", first_names, sizeof(first_names) / sizeof(first_names[0])) < 0 ||
	    words_insert(db, "level", level_words, level_count) < 0 ||
	    words_insert(db, "avatar", avatars, sizeof(avatars) / sizeof(avatars[0])) < 0)
		return -1;
	return 0;
}

static void helpers_drop(struct db *db)
{
	exec_or_fail(db, "DROP TABLE bench_seq; DROP TABLE bench_word; DROP TABLE bench_group; "
			 "DROP TABLE bench_child; DROP TABLE bench_template");
}

/* ---- answer sheets: every activity answered VARIANTS ways ---- */

static const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_RIGHT: return "right";
	case VERDICT_WRONG: return "wrong";
	case VERDICT_EMPTY: return "empty";
	case VERDICT_INVALID: return "invalid";
	}
	return "?";
}

/* The answers to question `q` as the form would send them, right or wrong. */
static json_t *question_answers(const struct question *q, int right)
{
	json_t *list = json_array();
	char index[24];
	size_t i;

	if (q->kind == QUESTION_CHOICE) {
		for (i = 0; i < q->option_count; i++) {
			if (q->options[i].correct != right)
				continue;
			snprintf(index, sizeof(index), "%zu", i);
			json_array_append_new(list, json_string(index));
			if (!right || !q->multiple)
				break;
		}
	} else if (q->kind == QUESTION_CLOZE) {
		for (i = 0; i < q->blank_count; i++)
			json_array_append_new(list, json_string(right && q->blanks[i].accepted_count ? q->blanks[i].accepted[0] : "zzz"));
	} else {
		json_array_append_new(list, json_string(right && q->answer_text ? q->answer_text : "987 654"));
	}
	return list;
}

static char *results_json(const struct grade *g)
{
	json_t *list = json_array();
	char *text;
	size_t i;

	for (i = 0; i < g->count; i++)
		json_array_append_new(list, json_pack("{s:s, s:f}", "verdict", verdict_name(g->results[i].verdict),
						      "score", g->results[i].score));
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	return text;
}

static int template_insert(struct db *db, int idx, const struct activity *a, int variant)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO bench_template (idx, activity_id, version, answers, results, score, max_score) VALUES (?, ?, ?, ?, ?, ?, ?)");
	struct answer_sheet sheet = { 0 };
	struct grade g = { 0 };
	json_t *all = json_array();
	char *answers = NULL, *results = NULL;
	size_t i;
	int rc = -1;

	/* Question i is right when (3i + variant) mod VARIANTS <= variant, so
	 * the last variant is all right and the others score between. */
	for (i = 0; i < a->question_count; i++)
		json_array_append_new(all, question_answers(&a->questions[i], (int)((3 * i + (size_t)variant) % VARIANTS) <= variant));
	answers = json_dumps(all, JSON_COMPACT);
	if (!st || !answers || answer_sheet_from_json(&sheet, a, answers) != SHEET_OK ||
	    activity_grade(a, sheet.answers, &g) < 0 || !(results = results_json(&g))) {
		fprintf(stderr, "make-volume-db: grading the generated answers of %s failed\n", a->id);
		goto out;
	}
	db_bind_int(st, 1, idx);
	db_bind_text(st, 2, a->id);
	db_bind_int(st, 3, a->version);
	db_bind_text(st, 4, answers);
	db_bind_text(st, 5, results);
	db_bind_double(st, 6, g.score);
	db_bind_int(st, 7, g.max_score);
	rc = step_done(db, st, "bench_template insert");
out:
	free(answers);
	free(results);
	grade_release(&g);
	answer_sheet_release(&sheet);
	json_decref(all);
	return rc;
}

/* Returns the number of templates written, or -1. */
/* Whether question_answers() can answer every question of `a`: written
 * activities of choices, cloze texts and numbers. Resources, generated
 * activities and the other question kinds are left out of the templates. */
static bool answerable(const struct activity *a)
{
	size_t i;

	if (a->type != CONTENT_ACTIVITY || a->generator || a->adults_only || a->question_count == 0)
		return false;
	for (i = 0; i < a->question_count; i++)
		if (a->questions[i].kind != QUESTION_CHOICE && a->questions[i].kind != QUESTION_CLOZE &&
		    a->questions[i].kind != QUESTION_NUMERIC)
			return false;
	return true;
}

static int templates_create(struct db *db)
{
	struct catalog c;
	size_t i, used = 0;
	int v, count = 0;

	catalog_init(&c);
	if (content_store_read(db, &c) < 0 || c.count == 0) {
		fprintf(stderr, "make-volume-db: no activity in the database; run ardoise init first\n");
		catalog_release(&c);
		return -1;
	}
	for (i = 0; i < c.count; i++) {
		if (!answerable(c.entries[i].activity))
			continue;
		used++;
		for (v = 0; v < VARIANTS; v++)
			if (template_insert(db, count++, c.entries[i].activity, v) < 0) {
				catalog_release(&c);
				return -1;
			}
	}
	printf("templates: %zu activities x %d answer sheets\n", used, VARIANTS);
	catalog_release(&c);
	return count;
}

/* ---- structures, groups and accompagnateurs ---- */

static int group_helper_create(struct db *db, int64_t structure_id, int64_t group_id, long group_index,
			       const char *helper_hash)
{
	struct account_row a = { 0 };
	int64_t id;

	a.structure_id = structure_id;
	snprintf(a.role, sizeof(a.role), "accompagnateur");
	snprintf(a.login, sizeof(a.login), "bench-anim-%ld", group_index);
	snprintf(a.first_name, sizeof(a.first_name), "Animateur %ld", group_index);
	snprintf(a.last_initial, sizeof(a.last_initial), "B.");
	snprintf(a.avatar, sizeof(a.avatar), "hibou");
	snprintf(a.secret_hash, sizeof(a.secret_hash), "%s", helper_hash);
	id = account_create(db, &a);
	return id > 0 ? group_add_member(db, group_id, id) : -1;
}

static int bench_group_insert(struct db *db, long idx, int64_t group_id, int64_t structure_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO bench_group (idx, group_id, structure_id) VALUES (?, ?, ?)");

	if (!st)
		return -1;
	db_bind_int(st, 1, idx);
	db_bind_int(st, 2, group_id);
	db_bind_int(st, 3, structure_id);
	return step_done(db, st, "bench_group insert");
}

/* One structure with its groups; group indexes run on from `*group_index`. */
static int structure_fill(struct db *db, long s, long groups_per_structure, long *group_index,
			  const char *helper_hash)
{
	char name[128], code[32];
	int64_t structure_id, group_id;
	long g;

	snprintf(name, sizeof(name), "Structure de volume %ld", s + 1);
	snprintf(code, sizeof(code), STRUCTURE_CODE_PREFIX "%05ld", s + 1);
	structure_id = structure_create(db, name, code);
	if (structure_id < 0) {
		fprintf(stderr, "make-volume-db: structure %s failed: %s (was this database filled already?)\n", code, db_errmsg(db));
		return -1;
	}
	for (g = 0; g < groups_per_structure; g++, (*group_index)++) {
		snprintf(name, sizeof(name), "Groupe %ld", g + 1);
		group_id = group_create(db, structure_id, name);
		if (group_id < 0 || bench_group_insert(db, *group_index, group_id, structure_id) < 0 ||
		    group_helper_create(db, structure_id, group_id, *group_index, helper_hash) < 0) {
			fprintf(stderr, "make-volume-db: group %ld of %s failed: %s\n", g + 1, code, db_errmsg(db));
			return -1;
		}
	}
	return 0;
}

static int structures_create(struct db *db, const struct options *o, const char *helper_hash)
{
	long structures = (o->children + o->per_structure - 1) / o->per_structure;
	long groups_per_structure = (o->per_structure + o->per_group - 1) / o->per_group;
	long s, group_index = 0;

	if (db_begin(db) < 0)
		return -1;
	for (s = 0; s < structures; s++)
		if (structure_fill(db, s, groups_per_structure, &group_index, helper_hash) < 0) {
			db_rollback(db);
			return -1;
		}
	if (db_commit(db) < 0)
		return -1;
	printf("structures: %ld, groups: %ld (one accompagnateur each)\n", structures, group_index);
	return 0;
}

/* ---- children and attempts, one batch per transaction ---- */

/* Child n (0-based) belongs to structure n / per_structure and, inside it,
 * to group (n mod per_structure) / per_group. */
static int children_insert(struct db *db, const struct options *o, long first, long count,
			   const char *picture_hash, int64_t max_id)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO account (structure_id, role, login, first_name, last_initial, level, avatar, secret_hash, active, created_at, picture_secret) "
		"SELECT g.structure_id, 'eleve', '" CHILD_LOGIN_PREFIX "' || CAST(c.n AS TEXT), nm.word, "
		"substr('ABCDEFGHIJKLMNOPRSTUVWY', 1 + (c.n * 7) % 23, 1) || '.', lv.word, av.word, CAST(? AS TEXT), 1, CAST(? AS BIGINT), CAST(? AS TEXT) "
		"FROM (SELECT n + ? AS n FROM bench_seq WHERE n < ?) c "
		"JOIN bench_group g ON g.idx = (c.n / ?) * ? + (c.n % ?) / ? "
		"JOIN bench_word nm ON nm.kind = 'name' AND nm.idx = c.n % (SELECT count(*) FROM bench_word WHERE kind = 'name') "
		"JOIN bench_word lv ON lv.kind = 'level' AND lv.idx = (c.n / 5) % (SELECT count(*) FROM bench_word WHERE kind = 'level') "
		"JOIN bench_word av ON av.kind = 'avatar' AND av.idx = (c.n / 3) % (SELECT count(*) FROM bench_word WHERE kind = 'avatar') "
		"ORDER BY c.n");
	long groups_per_structure = (o->per_structure + o->per_group - 1) / o->per_group;

	if (!st)
		return -1;
	db_bind_text(st, 1, picture_hash);
	db_bind_int(st, 2, (int64_t)time(NULL));
	db_bind_text(st, 3, CHILD_PICTURES);
	db_bind_int(st, 4, first);
	db_bind_int(st, 5, count);
	db_bind_int(st, 6, o->per_structure);
	db_bind_int(st, 7, groups_per_structure);
	db_bind_int(st, 8, o->per_structure);
	db_bind_int(st, 9, o->per_group);
	if (step_done(db, st, "children insert") < 0)
		return -1;

	st = db_prepare(db, "INSERT INTO bench_child (n, account_id) SELECT CAST(substr(login, 9) AS INTEGER), id FROM account WHERE id > ? AND role = 'eleve'");
	if (!st)
		return -1;
	db_bind_int(st, 1, max_id);
	if (step_done(db, st, "bench_child insert") < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO role_grant (account_id, role, structure_id) SELECT id, 'eleve', structure_id FROM account WHERE id > ? AND role = 'eleve'");
	if (!st)
		return -1;
	db_bind_int(st, 1, max_id);
	if (step_done(db, st, "role_grant insert") < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO group_member (group_id, account_id) SELECT g.group_id, b.account_id FROM bench_child b "
			    "JOIN bench_group g ON g.idx = (b.n / ?) * ? + (b.n % ?) / ? WHERE b.n >= ? AND b.n < ?");
	if (!st)
		return -1;
	db_bind_int(st, 1, o->per_structure);
	db_bind_int(st, 2, groups_per_structure);
	db_bind_int(st, 3, o->per_structure);
	db_bind_int(st, 4, o->per_group);
	db_bind_int(st, 5, first);
	db_bind_int(st, 6, first + count);
	return step_done(db, st, "group_member insert");
}

/* Attempt k of child n: week k / per_week, on weekday (n + k) mod 5 after
 * 16:00, lasting 4 to 19 minutes; the template cycles over activities and
 * answer sheets. Keys are 43 characters, like the real ones. */
static int attempts_insert(struct db *db, const struct options *o, long first, long count, int templates)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at) "
		"SELECT x.account_id, t.activity_id, t.version, x.key, t.answers, t.results, t.score, t.max_score, x.submitted - x.seconds, x.submitted "
		"FROM (SELECT b.account_id, (b.n * 7 + k.n * 5) % ? AS template, "
		"substr('v' || CAST(k.n AS TEXT) || '-' || CAST(b.n AS TEXT) || '-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP', 1, 43) AS key, "
		"CAST(? AS BIGINT) + (k.n / ?) * 604800 + ((b.n + k.n) % 5) * 86400 + 57600 + (k.n % ?) * 1800 + b.n % 1800 AS submitted, "
		"240 + (b.n * 13 + k.n * 7) % 900 AS seconds "
		"FROM bench_child b JOIN bench_seq k ON k.n < ? WHERE b.n >= ? AND b.n < ?) x "
		"JOIN bench_template t ON t.idx = x.template ORDER BY x.account_id, x.submitted");

	if (!st)
		return -1;
	db_bind_int(st, 1, templates);
	db_bind_int(st, 2, YEAR_START);
	db_bind_int(st, 3, o->per_week);
	db_bind_int(st, 4, o->per_week);
	db_bind_int(st, 5, o->weeks * o->per_week);
	db_bind_int(st, 6, first);
	db_bind_int(st, 7, first + count);
	return step_done(db, st, "attempts insert");
}

static int batches_run(struct db *db, const struct options *o, int templates, const char *picture_hash)
{
	struct timespec start;
	long first, count, attempts = 0;
	int64_t max_id;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (first = 0; first < o->children; first += count) {
		count = o->children - first < o->batch ? o->children - first : o->batch;
		max_id = db_query_int(db, "SELECT coalesce(max(id), 0) FROM account", -1);
		if (max_id < 0 || db_begin(db) < 0)
			return -1;
		if (children_insert(db, o, first, count, picture_hash, max_id) < 0 ||
		    (o->weeks > 0 && attempts_insert(db, o, first, count, templates) < 0)) {
			db_rollback(db);
			return -1;
		}
		if (db_commit(db) < 0) {
			fprintf(stderr, "make-volume-db: commit failed: %s\n", db_errmsg(db));
			return -1;
		}
		attempts += count * o->weeks * o->per_week;
		printf("children %ld/%ld, attempts %ld, %.1f s\n", first + count, o->children, attempts, seconds_since(&start));
		fflush(stdout);
	}
	return 0;
}

static int run(struct db *db, const struct options *o)
{
	char picture_hash[PASSWORD_HASH_BYTES], helper_hash[PASSWORD_HASH_BYTES];
	int templates;

	if (password_hash_pictures(CHILD_PICTURES, picture_hash) < 0 || password_hash(HELPER_PASSWORD, helper_hash) < 0) {
		fprintf(stderr, "make-volume-db: password hashing failed (out of memory?)\n");
		return -1;
	}
	/* The graded templates are only used by attempts: none without weeks. */
	if (db_begin(db) < 0 || helpers_create(db, o) < 0 || (templates = o->weeks > 0 ? templates_create(db) : 0) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	if (structures_create(db, o, helper_hash) < 0 || batches_run(db, o, templates, picture_hash) < 0)
		return -1;
	helpers_drop(db);
	if (exec_or_fail(db, "ANALYZE") < 0)
		return -1;
	printf("children sign in with code " STRUCTURE_CODE_PREFIX "00001 (up to " STRUCTURE_CODE_PREFIX "%05ld), pictures \"%s\"; "
	       "accompagnateurs bench-anim-0.. with password %s\n",
	       (o->children + o->per_structure - 1) / o->per_structure, CHILD_PICTURES, HELPER_PASSWORD);
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct timespec start;
	struct db *db;
	char err[512];
	int rc;

	options_parse(argc, argv, &o);
	db = db_open(o.db_url, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "make-volume-db: cannot open %s: %s\n", o.db_url, err);
		return 1;
	}
	if (!db_is_initialised(db)) {
		fprintf(stderr, "make-volume-db: %s is not initialised; run ardoise init --db %s --demo first\n", o.db_url, o.db_url);
		db_close(db);
		return 1;
	}
	if (!o.children)
		o.children = strncmp(o.db_url, "postgres", 8) == 0 ? DEFAULT_CHILDREN_PG : DEFAULT_CHILDREN_SQLITE;
	clock_gettime(CLOCK_MONOTONIC, &start);
	printf("filling %s: %ld children, %ld per structure, %ld per group, %ld attempts each\n",
	       o.db_url, o.children, o.per_structure, o.per_group, o.weeks * o.per_week);
	rc = run(db, &o);
	db_close(db);
	if (rc < 0) {
		fprintf(stderr, "make-volume-db: failed after %.1f s\n", seconds_since(&start));
		return 1;
	}
	printf("done in %.1f s\n", seconds_since(&start));
	return 0;
}
