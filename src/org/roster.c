/*
 * roster: find the header, map its titles to columns and read every record.
 * Decoding is in roster_decode.c, the CSV reader in roster_csv.c, row
 * checks in roster_row.c, value cleaning in roster_field.c, messages in
 * roster_problem.c and writing in roster_export.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/roster_internal.h"

static const char FORMAT_TEMPLATE[] = "modèle Ardoise";
static const char FORMAT_ONDE[] = "ONDE";

struct header_name {
	const char *folded; /* roster_fold() of the title */
	enum column_role role;
	bool onde;          /* only ONDE exports use this title */
};

static const struct header_name header_names[] = {
	{ "prenom", ROLE_FIRST, false },
	{ "prenoms", ROLE_FIRST, false },
	{ "prenom eleve", ROLE_FIRST, true },
	{ "prenom de l eleve", ROLE_FIRST, true },
	{ "nom", ROLE_LAST, false },
	{ "nom de famille", ROLE_LAST, false },
	{ "nom eleve", ROLE_LAST, true },
	{ "nom de l eleve", ROLE_LAST, true },
	{ "nom d usage", ROLE_USAGE, false },
	{ "nom d usage eleve", ROLE_USAGE, true },
	{ "nom d usage de l eleve", ROLE_USAGE, true },
	{ "nom prenom", ROLE_FULL, false },
	{ "nom et prenom", ROLE_FULL, false },
	{ "niveau", ROLE_LEVEL, false },
	{ "groupe", ROLE_GROUP, false },
	{ "classe", ROLE_GROUP, false },
	{ "libelle classe", ROLE_GROUP, true },
	{ "date de naissance", ROLE_BIRTH, false },
	{ "date naissance", ROLE_BIRTH, true },
	{ "identifiant classe", ROLE_IGNORED, true },
	{ "ine", ROLE_IGNORED, true },
};

static bool record_blank(const struct csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->count; i++) {
		const char *text = csv_field_text(rec, i);

		if (strspn(text, " \t\r\n") != rec->fields[i].len)
			return false;
	}
	return true;
}

static int no_memory(struct roster_parser *ps)
{
	roster_problem_add(ps->r, 0, 0, NULL,
			   "Le serveur manque de mémoire pour lire ce fichier : réessayez plus tard.");
	return -1;
}

static const struct header_name *header_lookup(const char *folded)
{
	size_t i;

	for (i = 0; i < sizeof(header_names) / sizeof(header_names[0]); i++) {
		if (strcmp(folded, header_names[i].folded) == 0)
			return &header_names[i];
	}
	return NULL;
}

static const char *title_of(const struct roster_parser *ps, int index)
{
	return index >= 0 && (size_t)index < ps->title_count ? ps->titles[index] : NULL;
}

/* Record the role of header field `i`; returns 1 when it has one. */
static int map_title(struct roster_parser *ps, size_t i)
{
	char excerpt[ROSTER_EXCERPT_BYTES + 4];
	const struct header_name *name;
	char *folded;
	int previous;

	folded = roster_fold(ps->titles[i], strlen(ps->titles[i]));
	if (!folded)
		return -1;
	name = header_lookup(folded);
	free(folded);
	if (!name)
		return 0;
	if (name->onde)
		ps->r->format = FORMAT_ONDE;
	if (name->role == ROLE_IGNORED)
		return 1;
	previous = ps->column[name->role];
	if (previous < 0) {
		ps->column[name->role] = (int)i;
		return 1;
	}
	roster_excerpt(ps->titles[previous], ROSTER_EXCERPT_BYTES, excerpt, sizeof(excerpt));
	if (roster_problem_add(ps->r, ps->rec.line, (int)i + 1, ps->titles[i],
			       "cette colonne a le même rôle que la colonne « %s ». "
			       "Supprimez ou renommez l'une des deux.",
			       excerpt) < 0)
		return -1;
	return 1;
}

static int store_titles(struct roster_parser *ps)
{
	size_t i;

	ps->titles = calloc(ps->rec.count, sizeof(*ps->titles));
	if (!ps->titles)
		return -1;
	ps->title_count = ps->rec.count;
	for (i = 0; i < ps->rec.count; i++) {
		ps->titles[i] = roster_clean(csv_field_text(&ps->rec, i), ps->rec.fields[i].len);
		if (!ps->titles[i])
			return -1;
	}
	return 0;
}

static int add_missing(struct roster_parser *ps, const char *title)
{
	return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
				  "colonne « %s » absente. La première ligne du fichier doit donner "
				  "les titres des colonnes, par exemple Prénom;Nom;Niveau;Groupe.",
				  title);
}

static int require_columns(struct roster_parser *ps, size_t mapped)
{
	const int *column = ps->column;
	char excerpt[ROSTER_EXCERPT_BYTES + 4];

	if (mapped == 0) {
		roster_excerpt(ps->title_count ? ps->titles[0] : "", ROSTER_EXCERPT_BYTES, excerpt,
			       sizeof(excerpt));
		return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
					  "aucun titre de colonne reconnu (la ligne commence par « %s »). "
					  "Ajoutez en première ligne les titres Prénom;Nom;Niveau;Groupe.",
					  excerpt);
	}
	ps->split_full_name = column[ROLE_FULL] >= 0 &&
			      (column[ROLE_FIRST] < 0 || (column[ROLE_LAST] < 0 && column[ROLE_USAGE] < 0));
	if (!ps->split_full_name && column[ROLE_FIRST] < 0 && add_missing(ps, "Prénom") < 0)
		return -1;
	if (!ps->split_full_name && column[ROLE_LAST] < 0 && column[ROLE_USAGE] < 0 &&
	    add_missing(ps, "Nom") < 0)
		return -1;
	if (column[ROLE_LEVEL] >= 0)
		return 0;
	if (ps->r->format == FORMAT_ONDE)
		return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
					  "colonne « Niveau » absente de cet export ONDE. Dans le tableur, "
					  "ajoutez une colonne titrée Niveau, écrivez pour chaque élève CE2, "
					  "CM1, CM2 ou 6e, puis enregistrez au type « CSV ».");
	return add_missing(ps, "Niveau");
}

static int unterminated(struct roster_parser *ps)
{
	int column = ps->reader.quote_column;

	return roster_problem_add(ps->r, ps->reader.quote_line, column, title_of(ps, column - 1),
				  "ce guillemet n'est jamais refermé, donc toute la suite du fichier "
				  "serait lue comme une seule valeur. Ajoutez le guillemet fermant, ou "
				  "retirez le guillemet ouvrant.");
}


/* Read the first non-blank record as the header. Returns 0 when rows can
 * be read, 1 when problems stop the import, -1 when the file is unusable. */
static int read_header(struct roster_parser *ps)
{
	enum csv_status status;
	size_t i, mapped = 0;
	int role;

	while ((status = csv_read(&ps->reader, &ps->rec)) == CSV_RECORD &&
	       !ps->rec.too_many_fields && record_blank(&ps->rec))
		ps->r->blank_lines++;
	if (status == CSV_NO_MEMORY)
		return no_memory(ps);
	if (status == CSV_END) {
		roster_problem_add(ps->r, 0, 0, NULL,
				   "Le fichier ne contient que des lignes vides : choisissez le "
				   "fichier qui contient la liste des élèves.");
		return -1;
	}
	if (status == CSV_UNTERMINATED)
		return unterminated(ps) < 0 ? -1 : 1;
	if (ps->rec.too_many_fields)
		return roster_too_many_fields(ps) < 0 ? -1 : 1;

	if (store_titles(ps) < 0)
		return no_memory(ps);
	ps->r->format = FORMAT_TEMPLATE;
	for (i = 0; i < ps->title_count; i++) {
		role = map_title(ps, i);
		if (role < 0)
			return no_memory(ps);
		mapped += (size_t)role;
	}
	if (require_columns(ps, mapped) < 0)
		return no_memory(ps);
	return ps->r->problem_count > 0 ? 1 : 0;
}

static int read_rows(struct roster_parser *ps)
{
	enum csv_status status;

	for (;;) {
		status = csv_read(&ps->reader, &ps->rec);
		if (status == CSV_END)
			return 0;
		if (status == CSV_NO_MEMORY)
			return no_memory(ps);
		if (status == CSV_UNTERMINATED)
			return unterminated(ps) < 0 ? no_memory(ps) : 0;
		if (!ps->rec.too_many_fields && record_blank(&ps->rec)) {
			ps->r->blank_lines++;
			continue;
		}
		if (ps->data_records == ROSTER_MAX_ROWS)
			return roster_problem_add(ps->r, ps->rec.line, 0, NULL,
						  "le fichier dépasse %d élèves. Découpez-le en plusieurs "
						  "fichiers, par exemple un par groupe.",
						  ROSTER_MAX_ROWS) < 0 ? no_memory(ps) : 0;
		ps->data_records++;
		if (roster_read_row(ps) < 0)
			return no_memory(ps);
	}
}

/* Size the duplicate table for the rows the text can contain. */
static size_t duplicate_slot_count(const char *text, size_t len)
{
	size_t lines = 1, slots = 64, i;

	for (i = 0; i < len && lines <= ROSTER_MAX_ROWS; i++)
		lines += text[i] == '\n' || text[i] == '\r';
	while (slots < 3 * lines)
		slots *= 2;
	return slots;
}

static void parser_release(struct roster_parser *ps)
{
	size_t i;

	for (i = 0; i < ps->title_count; i++)
		free(ps->titles[i]);
	free(ps->titles);
	for (i = 0; i < ps->r->row_count; i++)
		free(ps->keys[i]);
	free(ps->keys);
	free(ps->slots);
	csv_record_release(&ps->rec);
}

int roster_parse(const char *data, size_t len, struct roster *out)
{
	struct roster_parser ps;
	char *text = NULL;
	size_t text_len, i;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->separator = ';';
	memset(&ps, 0, sizeof(ps));
	ps.r = out;
	for (i = 0; i < ROLE_COUNT; i++)
		ps.column[i] = -1;
	csv_record_init(&ps.rec);

	if (roster_decode(data ? data : "", data ? len : 0, out, &text, &text_len) < 0)
		goto out;
	out->separator = csv_detect_separator(text, text_len);
	csv_reader_init(&ps.reader, text, text_len, out->separator);
	ps.slot_count = duplicate_slot_count(text, text_len);
	ret = read_header(&ps);
	if (ret == 0)
		ret = read_rows(&ps);
	else if (ret == 1)
		ret = 0;
out:
	roster_problems_finish(out);
	parser_release(&ps);
	free(text);
	return ret;
}

void roster_release(struct roster *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->row_count; i++) {
		free(r->rows[i].first_name);
		free(r->rows[i].last_name);
		free(r->rows[i].level);
		free(r->rows[i].group);
		free(r->rows[i].birth_date);
	}
	free(r->rows);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
