#include "content/referential.h"

#include <stdlib.h>
#include <string.h>

#include "content/activity.h"
#include "content/parse.h"

#define SOCLE_COLUMNS 3
#define REFERENTIAL_MAX_LINE_BYTES 1024

void referential_init(struct referential *ref)
{
	memset(ref, 0, sizeof(*ref));
}

static void competency_release(struct competency *c)
{
	free(c->code);
	free(c->programme);
	free(c->subject);
	free(c->domain);
	free(c->label);
	free(c->reference);
	free(c->socle);
}

void referential_release(struct referential *ref)
{
	size_t i;

	if (!ref)
		return;
	for (i = 0; i < ref->count; i++)
		competency_release(&ref->items[i]);
	for (i = 0; i < ref->socle_count; i++) {
		free(ref->socle[i].code);
		free(ref->socle[i].lsu);
		free(ref->socle[i].label);
	}
	free(ref->items);
	free(ref->socle);
	free(ref->source);
	free(ref->socle_source);
	referential_init(ref);
}

const struct competency *referential_find(const struct referential *ref,
					  const char *code)
{
	size_t i;

	for (i = 0; code && i < ref->count; i++)
		if (strcmp(ref->items[i].code, code) == 0)
			return &ref->items[i];
	return NULL;
}

static const struct socle_component *socle_find(const struct referential *ref,
						const char *code, size_t len)
{
	size_t i;

	for (i = 0; i < ref->socle_count; i++)
		if (strlen(ref->socle[i].code) == len &&
		    strncmp(ref->socle[i].code, code, len) == 0)
			return &ref->socle[i];
	return NULL;
}

/* Split `line` in place on tabs; returns the number of fields, or
 * max + 1 when there are more. */
static size_t split_tabs(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (p) {
		if (n == max)
			return max + 1;
		field[n++] = p;
		p = strchr(p, '\t');
		if (p)
			*p++ = '\0';
	}
	return n;
}

/* Parse a comma-separated level list ("CM1,CM2"); 0 when one is unknown. */
static unsigned levels_parse(const char *text)
{
	char copy[64], *save = NULL, *tok;
	unsigned levels = 0, bit;

	if (strlen(text) >= sizeof(copy))
		return 0;
	memcpy(copy, text, strlen(text) + 1);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bit = level_parse(tok);
		if (!bit)
			return 0;
		levels |= bit;
	}
	return levels;
}

/* Check that every component of a comma-separated socle list exists. */
static bool socle_list_valid(const struct referential *ref, const char *list)
{
	const char *p = list;
	size_t n;

	if (!*p)
		return true;
	for (;;) {
		n = strcspn(p, ",");
		if (!socle_find(ref, p, n))
			return false;
		if (!p[n])
			return true;
		p += n + 1;
	}
}

static int row_fail(FILE *errors, const char *path, int line, const char *message)
{
	fprintf(errors, "%s:%d: %s\n", path, line, message);
	return 1;
}

/* Check the fields of one competency row and append it. Returns the
 * number of problems (0 or 1), or -1 when out of memory. */
static int competency_row(struct referential *ref, char **f, size_t n,
			  const char *path, int line, FILE *errors)
{
	struct competency c = { 0 };
	char msg[400];
	size_t code_len = strlen(f[0]);

	if (code_len == 0 || code_len > ACTIVITY_MAX_CODE_BYTES ||
	    strspn(f[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != code_len) {
		snprintf(msg, sizeof(msg), "code invalide " LQ "%.60s" RQ SC " utilisez des majuscules,"
			 " des chiffres et des tirets (%d caractères au plus)", f[0], ACTIVITY_MAX_CODE_BYTES);
		return row_fail(errors, path, line, msg);
	}
	if (referential_find(ref, f[0])) {
		snprintf(msg, sizeof(msg), "code " LQ "%s" RQ " écrit deux fois", f[0]);
		return row_fail(errors, path, line, msg);
	}
	if (!subject_label(f[2])) {
		snprintf(msg, sizeof(msg), "matière inconnue " LQ "%.60s" RQ " pour " LQ "%s" RQ SC
			 " écrivez un identifiant de matière, comme mathematiques", f[2], f[0]);
		return row_fail(errors, path, line, msg);
	}
	c.levels = levels_parse(f[4]);
	if (!c.levels) {
		snprintf(msg, sizeof(msg), "niveaux invalides " LQ "%.60s" RQ " pour " LQ "%s" RQ SC
			 " écrivez CE2, CM1, CM2 ou 6e, séparés par des virgules", f[4], f[0]);
		return row_fail(errors, path, line, msg);
	}
	if (!*f[1] || !*f[3] || !*f[5]) {
		snprintf(msg, sizeof(msg), "programme, domaine ou libellé vide pour " LQ "%s" RQ, f[0]);
		return row_fail(errors, path, line, msg);
	}
	if (n > 7 && !socle_list_valid(ref, f[7])) {
		snprintf(msg, sizeof(msg), "composante du socle inconnue dans " LQ "%.60s" RQ SC
			 " écrivez des composantes de %s, comme D1.3,D2", f[7], REFERENTIAL_SOCLE_FILE);
		return row_fail(errors, path, line, msg);
	}

	if (ref->count % 64 == 0) {
		struct competency *items = realloc(ref->items, (ref->count + 64) * sizeof(*items));

		if (!items)
			return -1;
		ref->items = items;
	}
	c.code = strdup(f[0]);
	c.programme = strdup(f[1]);
	c.subject = strdup(f[2]);
	c.domain = strdup(f[3]);
	c.label = strdup(f[5]);
	c.reference = strdup(n > 6 ? f[6] : "");
	c.socle = strdup(n > 7 ? f[7] : "");
	c.line = line;
	if (!c.code || !c.programme || !c.subject || !c.domain || !c.label || !c.reference || !c.socle) {
		competency_release(&c);
		return -1;
	}
	ref->items[ref->count++] = c;
	return 0;
}

static int socle_row(struct referential *ref, char **f, size_t n,
		     const char *path, int line, FILE *errors)
{
	struct socle_component *s;

	if (socle_find(ref, f[0], strlen(f[0])))
		return row_fail(errors, path, line, "composante écrite deux fois");
	s = realloc(ref->socle, (ref->socle_count + 1) * sizeof(*s));
	if (!s)
		return -1;
	ref->socle = s;
	s = &ref->socle[ref->socle_count];
	s->code = strdup(f[0]);
	s->lsu = strdup(f[1]);
	s->label = strdup(f[2]);
	ref->socle_count++;
	return s->code && s->lsu && s->label ? 0 : -1;
}

/* Call `row` on each data line of `text`; returns the number of problems
 * or -1. `min` and `max` bound the number of columns. */
static int parse_rows(struct referential *ref, const char *path, const char *text,
		      size_t len, size_t min, size_t max, FILE *errors,
		      int (*row)(struct referential *, char **, size_t, const char *, int, FILE *))
{
	char line[REFERENTIAL_MAX_LINE_BYTES], msg[200];
	char *field[REFERENTIAL_MAX_COLUMNS];
	size_t pos = 0, n, end;
	int number = 0, problems = 0, rc;

	while (pos < len) {
		end = pos;
		while (end < len && text[end] != '\n')
			end++;
		number++;
		if (end - pos >= sizeof(line)) {
			snprintf(msg, sizeof(msg), "ligne trop longue" SC " %zu octets au plus",
				 sizeof(line) - 1);
			problems += row_fail(errors, path, number, msg);
		} else {
			memcpy(line, text + pos, end - pos);
			line[end - pos] = '\0';
			line[strcspn(line, "\r")] = '\0';
			if (line[0] != '#' && line[0] != '\0') {
				n = split_tabs(line, field, max);
				if (n < min || n > max) {
					snprintf(msg, sizeof(msg), "%zu à %zu colonnes attendues, séparées par"
						 " des tabulations (voir l’en-tête du fichier)", min, max);
					problems += row_fail(errors, path, number, msg);
				} else if (ref->count >= REFERENTIAL_MAX_ROWS) {
					snprintf(msg, sizeof(msg), "trop de lignes" SC " %d au plus",
						 REFERENTIAL_MAX_ROWS);
					return problems + row_fail(errors, path, number, msg);
				} else {
					rc = row(ref, field, n, path, number, errors);
					if (rc < 0)
						return -1;
					problems += rc;
				}
			}
		}
		pos = end + 1;
	}
	return problems;
}

static char *copy_text(const char *text, size_t len)
{
	char *copy = malloc(len + 1);

	if (copy) {
		memcpy(copy, text, len);
		copy[len] = '\0';
	}
	return copy;
}

int referential_parse(struct referential *ref, const char *path,
		      const char *text, size_t len, const char *socle_path,
		      const char *socle, size_t socle_len, FILE *errors)
{
	int problems = 0, rc;

	if (socle) {
		ref->socle_source = copy_text(socle, socle_len);
		if (!ref->socle_source)
			return -1;
		rc = parse_rows(ref, socle_path, socle, socle_len, SOCLE_COLUMNS,
				SOCLE_COLUMNS, errors, socle_row);
		if (rc < 0)
			return -1;
		problems += rc;
	}
	ref->source = copy_text(text, len);
	if (!ref->source)
		return -1;
	rc = parse_rows(ref, path, text, len, REFERENTIAL_MIN_COLUMNS,
			REFERENTIAL_MAX_COLUMNS, errors, competency_row);
	return rc < 0 ? -1 : problems + rc;
}

/* Read a whole file of at most REFERENTIAL_MAX_BYTES; NULL if absent. */
static char *slurp(const char *path, size_t *len, bool *too_big)
{
	FILE *f = fopen(path, "rb");
	char *data;

	*too_big = false;
	if (!f)
		return NULL;
	data = malloc(REFERENTIAL_MAX_BYTES + 1);
	*len = data ? fread(data, 1, REFERENTIAL_MAX_BYTES + 1, f) : 0;
	fclose(f);
	if (data && *len > REFERENTIAL_MAX_BYTES) {
		*too_big = true;
		free(data);
		return NULL;
	}
	return data;
}

int referential_load_dir(struct referential *ref, const char *root,
			 FILE *errors)
{
	char path[4096], socle_path[4096];
	size_t len = 0, socle_len = 0;
	char *text, *socle;
	bool too_big, socle_too_big;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", root, REFERENTIAL_COMPETENCIES_FILE);
	snprintf(socle_path, sizeof(socle_path), "%s/%s", root, REFERENTIAL_SOCLE_FILE);
	text = slurp(path, &len, &too_big);
	socle = slurp(socle_path, &socle_len, &socle_too_big);
	if (too_big || socle_too_big) {
		fprintf(errors, "%s:1: fichier trop long" SC " %d octets au plus\n",
			too_big ? path : socle_path, REFERENTIAL_MAX_BYTES);
		free(text);
		free(socle);
		return too_big ? -1 : 1;
	}
	if (!text) {
		free(socle);
		return -1;
	}
	rc = referential_parse(ref, path, text, len, socle_path, socle, socle_len, errors);
	free(text);
	free(socle);
	return rc;
}
