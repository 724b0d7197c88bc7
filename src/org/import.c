/* import: check a parsed class list against a structure, then create it. */
#include "org/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "core/log.h"
#include "offer/licence.h"
#include "org/people.h"

/* French typography of the problem messages, as roster.c writes them. */
#define LINE_FMT "Ligne %d\xC2\xA0: "
#define LQ "«\xE2\x80\xAF"
#define RQ "\xE2\x80\xAF»"

static int plan_problem_add(struct import_plan *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int plan_problem_add(struct import_plan *p, int line, const char *fmt, ...)
{
	struct roster_problem *problems, *added;
	size_t used;
	va_list ap;

	problems = realloc(p->problems, (p->problem_count + 1) * sizeof(*problems));
	if (!problems)
		return -1;
	p->problems = problems;
	added = &problems[p->problem_count++];
	added->line = line;
	added->column = 0;
	used = (size_t)snprintf(added->message, sizeof(added->message), LINE_FMT, line);
	va_start(ap, fmt);
	vsnprintf(added->message + used, sizeof(added->message) - used, fmt, ap);
	va_end(ap);
	return 0;
}

/* Write the first letter of `name`, upper case, followed by '.'. Returns
 * false when the name has no letter. */
static bool initial_of(const char *name, char out[IMPORT_INITIAL_BYTES])
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)name;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	utf8proc_uint8_t letter[5];

	while (*s && (n = utf8proc_iterate(s, -1, &cp)) > 0) {
		utf8proc_category_t category = utf8proc_category(cp);

		if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) {
			letter[utf8proc_encode_char(cp, letter)] = '\0';
			return initial_normalize((const char *)letter, out, IMPORT_INITIAL_BYTES);
		}
		s += n;
	}
	return false;
}

/* The duplicate key of a child: first name, initial and group, case
 * folded, separated by U+001F. Returns a malloc'd string or NULL. */
static char *child_key(const char *first_name, const char *initial, const char *group)
{
	size_t size = strlen(first_name) + strlen(initial) + strlen(group) + 3;
	char *joined = malloc(size);
	utf8proc_uint8_t *folded = NULL;

	if (!joined)
		return NULL;
	snprintf(joined, size, "%s\x1f%s\x1f%s", first_name, initial, group);
	if (utf8proc_map((const utf8proc_uint8_t *)joined, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		folded = NULL;
	free(joined);
	return (char *)folded;
}

static int key_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct keys {
	char **items;
	size_t count;
};

static void keys_release(struct keys *k)
{
	size_t i;

	for (i = 0; i < k->count; i++)
		free(k->items[i]);
	free(k->items);
	k->items = NULL;
	k->count = 0;
}

static int keys_add(struct keys *k, char *key)
{
	char **items;

	if (!key)
		return -1;
	items = realloc(k->items, (k->count + 1) * sizeof(*items));
	if (!items) {
		free(key);
		return -1;
	}
	k->items = items;
	k->items[k->count++] = key;
	return 0;
}

/* Keys of the active children of the structure, one per group (and one
 * with an empty group for a child in none), sorted. */
static int existing_keys_load(struct db *db, int64_t structure_id, struct keys *k)
{
	struct db_stmt *st = db_prepare(db, "SELECT a.first_name, a.last_initial, coalesce(g.name, '') FROM account a "
					    "LEFT JOIN group_member m ON m.account_id = a.id LEFT JOIN class_group g ON g.id = m.group_id "
					    "WHERE a.structure_id = ? AND a.role = 'eleve' AND a.active = 1");
	enum db_step step;
	int rc = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	while (rc == 0 && (step = db_step(st)) == DB_ROW)
		rc = keys_add(k, child_key(db_column_text(st, 0), db_column_text(st, 1), db_column_text(st, 2)));
	if (rc == 0 && step == DB_ERROR)
		rc = -1;
	db_reset(st);
	if (k->count)
		qsort(k->items, k->count, sizeof(*k->items), key_compare);
	return rc;
}

/* Report what people_check() and the structure's children reject in row `i`. */
static int row_check(struct db *db, int64_t structure_id, struct import_plan *p, size_t i,
		     const struct keys *existing)
{
	const struct roster_row *row = &p->roster.rows[i];
	struct field_errors errors = { .count = 0 };
	struct person_input in = { .role = "eleve" };
	char *key;
	size_t e;
	int rc = 0;

	if (!initial_of(row->last_name, p->initials[i]))
		return plan_problem_add(p, row->line, "le nom " LQ "%s" RQ " ne contient aucune lettre. Ardoise en garde seulement l'initiale : écrivez le nom en lettres.", row->last_name);
	in.first_name = row->first_name;
	in.last_initial = p->initials[i];
	in.level = row->level;
	people_check(db, structure_id, &in, 0, &errors);
	for (e = 0; e < errors.count && rc == 0; e++)
		rc = plan_problem_add(p, row->line, "%s", errors.items[e].message);
	if (rc == 0 && strlen(row->group) > IMPORT_GROUP_MAX_BYTES)
		rc = plan_problem_add(p, row->line, "le nom du groupe " LQ "%.40s…" RQ " est trop long (%d octets au plus) : raccourcissez-le.", row->group, IMPORT_GROUP_MAX_BYTES);
	key = child_key(row->first_name, p->initials[i], row->group);
	if (!key)
		return -1;
	if (rc == 0 && existing->count && bsearch(&key, existing->items, existing->count, sizeof(*existing->items), key_compare))
		rc = plan_problem_add(p, row->line, "%s %s (groupe " LQ "%s" RQ ") est déjà inscrit dans cette structure : supprimez la ligne, ou distinguez les deux enfants, par exemple par l'initiale d'un second prénom.",
				      row->first_name, p->initials[i], *row->group ? row->group : "aucun");
	free(key);
	return rc;
}

static int text_compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted distinct non-empty group names of the rows, pointing into them. */
static const char **row_groups(const struct roster *r, size_t *count)
{
	const char **names = malloc((r->row_count ? r->row_count : 1) * sizeof(*names));
	size_t i, n = 0;

	if (!names)
		return NULL;
	for (i = 0; i < r->row_count; i++)
		if (*r->rows[i].group)
			names[n++] = r->rows[i].group;
	if (n)
		qsort(names, n, sizeof(*names), text_compare);
	*count = 0;
	for (i = 0; i < n; i++)
		if (*count == 0 || strcmp(names[*count - 1], names[i]) != 0)
			names[(*count)++] = names[i];
	return names;
}

static int64_t group_find(struct db *db, int64_t structure_id, const char *name)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM class_group WHERE structure_id = ? AND name = ?");
	int64_t id = 0;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	db_bind_text(st, 2, name);
	step = db_step(st);
	if (step == DB_ROW)
		id = db_column_int(st, 0);
	else if (step == DB_ERROR)
		id = -1;
	db_reset(st);
	return id;
}

/* Keep in p->new_groups the groups of the file the structure lacks. */
static int new_groups_find(struct db *db, int64_t structure_id, struct import_plan *p)
{
	size_t i, count = 0;
	const char **names = row_groups(&p->roster, &count);

	if (!names)
		return -1;
	p->new_groups = names;
	for (i = 0; i < count; i++) {
		int64_t id = group_find(db, structure_id, names[i]);

		if (id < 0)
			return -1;
		if (id == 0)
			names[p->new_group_count++] = names[i];
	}
	return 0;
}

/* Refuse the whole file when its children do not fit in the seats left
 * on the structure's licence: a problem of line 0, the whole file. */
static int seats_check(struct db *db, int64_t structure_id, struct import_plan *p)
{
	struct offer_seats s;
	struct roster_problem *added;
	char message[OFFER_MESSAGE_MAX];
	int64_t adding = (int64_t)p->roster.row_count;

	if (offer_seats_read(db, structure_id, time(NULL), &s) < 0)
		return -1;
	if (!s.licensed || s.used + adding <= s.seats)
		return 0;
	offer_seats_message(&s, message, sizeof(message));
	if (plan_problem_add(p, 0, "%s", "") < 0)
		return -1;
	added = &p->problems[p->problem_count - 1];
	snprintf(added->message, sizeof(added->message), "Le fichier ajouterait %lld élève%s : l'import est refusé en entier. %.400s",
		 (long long)adding, adding > 1 ? "s" : "", message);
	return 0;
}

int import_plan_make(struct db *db, int64_t structure_id, const char *data, size_t len,
		     struct import_plan *out)
{
	struct keys existing = { NULL, 0 };
	size_t i;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->parse_result = roster_parse(data, len, &out->roster);
	if (out->parse_result < 0)
		return 0;
	out->initials = calloc(out->roster.row_count + 1, sizeof(*out->initials));
	if (!out->initials || existing_keys_load(db, structure_id, &existing) < 0)
		goto out;
	for (i = 0; i < out->roster.row_count; i++)
		if (row_check(db, structure_id, out, i, &existing) < 0)
			goto out;
	rc = new_groups_find(db, structure_id, out);
	if (rc == 0)
		rc = seats_check(db, structure_id, out);
out:
	keys_release(&existing);
	return rc;
}

void import_plan_release(struct import_plan *p)
{
	if (!p)
		return;
	roster_release(&p->roster);
	free(p->initials);
	free(p->problems);
	free(p->new_groups);
	memset(p, 0, sizeof(*p));
}

size_t import_plan_problems(const struct import_plan *p)
{
	return p->roster.problem_count + p->problem_count;
}

bool import_plan_ready(const struct import_plan *p)
{
	return p->parse_result == 0 && p->roster.row_count > 0 && import_plan_problems(p) == 0;
}

/* ---- applying a plan ---- */

struct group_id {
	const char *name;
	int64_t id;
};

static int group_id_compare(const void *a, const void *b)
{
	return strcmp(((const struct group_id *)a)->name, ((const struct group_id *)b)->name);
}

/* Find or create every group of the file, and fill `ids` sorted by name. */
static int groups_ensure(struct db *db, int64_t actor_id, int64_t structure_id, const struct import_plan *p,
			 struct group_id **ids, size_t *count, size_t *created)
{
	const char **names = row_groups(&p->roster, count);
	size_t i;

	*ids = calloc(*count + 1, sizeof(**ids));
	if (!names || !*ids) {
		free(names);
		return -1;
	}
	for (i = 0; i < *count; i++) {
		int64_t id = group_find(db, structure_id, names[i]);

		if (id == 0) {
			id = group_create(db, structure_id, names[i]);
			if (id < 0 || audit_record(db, actor_id, "create", "groupe", id, structure_id, names[i]) < 0)
				id = -1;
			(*created)++;
		}
		if (id < 0)
			break;
		(*ids)[i].name = names[i];
		(*ids)[i].id = id;
	}
	free(names);
	return i == *count ? 0 : -1;
}

static int64_t child_create(struct db *db, int64_t actor_id, int64_t structure_id, const struct import_plan *p,
			    size_t i, const struct group_id *ids, size_t id_count)
{
	const struct roster_row *row = &p->roster.rows[i];
	struct field_errors errors = { .count = 0 };
	struct person_input in = { .role = "eleve" };
	struct group_id wanted = { row->group, 0 }, *found;
	char pictures[64];
	int64_t id;

	in.first_name = row->first_name;
	in.last_initial = p->initials[i];
	in.level = row->level;
	if (*row->group) {
		found = bsearch(&wanted, ids, id_count, sizeof(*ids), group_id_compare);
		if (!found)
			return -1;
		in.groups[0] = found->id;
		in.group_count = 1;
	}
	id = people_create_child(db, actor_id, structure_id, &in, false, pictures, sizeof(pictures), &errors);
	if (id < 0)
		log_error("import child failed structure=%lld line=%d error=\"%s\"", (long long)structure_id, row->line,
			  errors.count ? errors.items[0].message : db_errmsg(db));
	return id;
}

static int pending_delete(struct db *db, int64_t pending_id)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM pending_import WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, pending_id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

static int children_create(struct db *db, int64_t actor_id, int64_t structure_id, const struct import_plan *p,
			   const struct group_id *ids, size_t id_count, import_progress_fn *progress, void *arg)
{
	size_t i, total = p->roster.row_count;

	for (i = 0; i < total; i++) {
		if (child_create(db, actor_id, structure_id, p, i, ids, id_count) < 0)
			return -1;
		if (progress && !progress(arg, i + 1, total))
			return -1;
	}
	return 0;
}

int64_t import_apply(struct db *db, int64_t actor_id, int64_t structure_id, const struct import_plan *p,
		     int64_t pending_id, import_progress_fn *progress, void *arg)
{
	struct group_id *ids = NULL;
	size_t id_count = 0, created = 0;
	char details[128];
	int rc = -1;

	if (!import_plan_ready(p) || db_begin(db) < 0)
		return -1;
	if (groups_ensure(db, actor_id, structure_id, p, &ids, &id_count, &created) < 0 ||
	    children_create(db, actor_id, structure_id, p, ids, id_count, progress, arg) < 0)
		goto out;
	if (pending_id && pending_delete(db, pending_id) < 0)
		goto out;
	snprintf(details, sizeof(details), "%zu élèves, %zu groupes créés", p->roster.row_count, created);
	if (audit_record(db, actor_id, "import", "structure", structure_id, structure_id, details) < 0 || db_commit(db) < 0)
		goto out;
	rc = 0;
out:
	free(ids);
	if (rc < 0) {
		log_error("import failed structure=%lld error=\"%s\"", (long long)structure_id, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return (int64_t)p->roster.row_count;
}
