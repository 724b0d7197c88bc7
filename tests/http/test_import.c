/* Class-list import and export: the sample files in every encoding and
 * separator, files with problems, a 10,000-row file with its progress
 * page, the scope of pending imports, and the export read back. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

/* NOTE: 10,000 children take about 25 s on SQLite and over 120 s on
 * PostgreSQL on the 2-core test machine. The cause is not measured yet. */
#define STATUS_TIMEOUT_SECONDS 600
#define LARGE_ROWS 10000

static struct server server;

/* ---- HTTP helpers ---- */

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
	struct response *r = user;
	char *grown = realloc(r->body, r->len + size * n + 1);

	if (!grown)
		return 0;
	r->body = grown;
	memcpy(r->body + r->len, data, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
	struct response *r = user;
	size_t len = size * n, used = strlen(r->headers);

	if (used + len < sizeof(r->headers)) {
		memcpy(r->headers + used, data, len);
		r->headers[used + len] = '\0';
	}
	if (len > 10 && strncasecmp(data, "location: ", 10) == 0)
		snprintf(r->location, sizeof(r->location), "%.*s", (int)(len - 12), data + 10);
	return len;
}

/* POST a multipart form with the CSRF token and one file field. */
static void post_file(struct client *c, const char *path, const char *csrf, const char *data, size_t len,
		      struct response *r)
{
	curl_mime *mime = curl_mime_init(c->curl);
	curl_mimepart *part;
	char url[1024];

	part = curl_mime_addpart(mime);
	curl_mime_name(part, "csrf");
	curl_mime_data(part, csrf, CURL_ZERO_TERMINATED);
	part = curl_mime_addpart(mime);
	curl_mime_name(part, "fichier");
	curl_mime_filename(part, "liste.csv");
	curl_mime_type(part, "text/csv");
	curl_mime_data(part, data, len);
	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "%s%s", c->server->base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, r);
	assert_int_equal(curl_easy_perform(c->curl), CURLE_OK);
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(mime);
	if (!r->body)
		r->body = calloc(1, 1);
}

static void admin_client(struct client *c)
{
	const struct demo_account *admin = server_account(&server, "administrateur");

	client_init(c, &server);
	assert_int_equal(sign_in_adult(c, admin->login, admin->secret), 0);
}

static void csrf_of(struct client *c, const char *path, char *out, size_t size)
{
	struct response r;

	client_get(c, path, &r);
	if (r.status != 200)
		fail_msg("GET %s: %ld", path, r.status);
	assert_int_equal(page_hidden(&r, "csrf", out, size), 0);
	response_release(&r);
}

/* Upload `data` to the structure's import page; the preview is in `r`. */
static void upload(struct client *c, long structure_id, const char *data, size_t len, struct response *r)
{
	char path[96], csrf[64];

	snprintf(path, sizeof(path), "/admin/structure/%ld/import", structure_id);
	csrf_of(c, path, csrf, sizeof(csrf));
	post_file(c, path, csrf, data, len, r);
}

/* The confirmation URL of a preview, or "" when there is none. */
static void confirm_action(const struct response *r, char *out, size_t size)
{
	const char *p = r->body, *end;

	out[0] = '\0';
	while ((p = strstr(p, "action=\"/admin/structure/")) != NULL) {
		p += strlen("action=\"");
		end = strchr(p, '"');
		if (end && memmem(p, (size_t)(end - p), "/import/", 8)) {
			snprintf(out, size, "%.*s", (int)(end - p), p);
			return;
		}
	}
}

/* Confirm and wait for the status page to end; returns that page's body. */
static char *confirm_and_wait(struct client *c, const char *action, bool *saw_running)
{
	struct response r;
	char csrf[64], body[128], status_path[sizeof(r.location)];
	time_t start = time(NULL);

	csrf_of(c, "/admin", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(c, action, body, &r);
	assert_int_equal(r.status, 303);
	snprintf(status_path, sizeof(status_path), "%s", r.location);
	response_release(&r);
	assert_non_null(strstr(status_path, "/import/statut/"));
	for (;;) {
		struct timespec pause = { 0, 100 * 1000000 };

		client_get(c, status_path, &r);
		assert_int_equal(r.status, 200);
		if (!strstr(r.body, "Import en cours"))
			return r.body;
		assert_non_null(strstr(r.body, "<meta http-equiv=\"refresh\" content=\"2\">"));
		assert_non_null(strstr(r.body, "<progress"));
		if (saw_running)
			*saw_running = true;
		response_release(&r);
		assert_true(time(NULL) - start < STATUS_TIMEOUT_SECONDS);
		nanosleep(&pause, NULL);
	}
}

/* Upload, check the preview is ready, confirm, and wait for success. */
static void import_ok(struct client *c, long structure_id, const char *data, size_t len, size_t expected_rows)
{
	struct response r;
	char action[128], button[96];
	char *done;

	upload(c, structure_id, data, len, &r);
	assert_int_equal(r.status, 200);
	snprintf(button, sizeof(button), "Confirmer l&#39;import de %zu élèves", expected_rows);
	if (!strstr(r.body, button))
		fail_msg("preview lacks \"%s\":\n%.2000s", button, r.body);
	confirm_action(&r, action, sizeof(action));
	response_release(&r);
	assert_true(strlen(action) > 0);
	done = confirm_and_wait(c, action, NULL);
	if (!strstr(done, "Import terminé"))
		fail_msg("import did not end well:\n%.2000s", done);
	assert_non_null(strstr(done, "100 %"));
	assert_non_null(strstr(done, "cartes.pdf"));
	free(done);
}

static char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long size;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)size + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return data;
}

/* A new structure that the demo administrateur manages; returns its id. */
static long structure_new(const char *code)
{
	const struct demo_account *admin = server_account(&server, "administrateur");
	char sql[512];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO structure (name, code, created_at) VALUES ('Structure %s', '%s', 0);"
		 "INSERT INTO role_grant (account_id, role, structure_id) SELECT a.id, 'administrateur', s.id "
		 "FROM account a, structure s WHERE a.login = '%s' AND s.code = '%s';",
		 code, code, admin->login, code);
	assert_int_equal(server_sql(&server, sql), 0);
	snprintf(sql, sizeof(sql), "SELECT id FROM structure WHERE code = '%s'", code);
	return server_query_count(&server, sql);
}

/* Take back the grant of structure_new(): one account holds at most
 * USER_MAX_GRANTS grants. */
static void structure_leave(long structure_id)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "DELETE FROM role_grant WHERE structure_id = %ld", structure_id);
	assert_int_equal(server_sql(&server, sql), 0);
}

static long children_of(long structure_id)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM account WHERE structure_id = %ld AND role = 'eleve'", structure_id);
	return server_query_count(&server, sql);
}

/* ---- the sample class in 4 encodings × 3 separators ---- */

struct expected_child {
	const char *first_name;
	const char *initial;
	const char *level;
	const char *group; /* "" for none */
};

static const struct expected_child sample_class[] = {
	{ "Noël", "M.", "CM1", "Les Hiboux" },
	{ "Awa", "N.", "CE2", "Les Hiboux" },
	{ "Paul", "D.", "CM2", "Les Hiboux" },
	{ "Œdipe", "L.", "6e", "Les Renards" },
	{ "Zoë", "B.", "CM2", "Les Renards" },
	{ "François", "L.", "CM1", "Les Renards" },
	{ "Maëlys", "Ç.", "CE2", "" },
};

static const struct {
	const char *file;
	const char *encoding; /* as the preview names it */
} sample_files[] = {
	{ "classe-utf8-point-virgule.csv", "UTF-8" },
	{ "classe-utf8-virgule.csv", "UTF-8" },
	{ "classe-utf8-tabulation.csv", "UTF-8" },
	{ "classe-utf8-bom-point-virgule.csv", "UTF-8 avec BOM" },
	{ "classe-utf8-bom-virgule.csv", "UTF-8 avec BOM" },
	{ "classe-utf8-bom-tabulation.csv", "UTF-8 avec BOM" },
	{ "classe-windows-1252-point-virgule.csv", "Windows-1252" },
	{ "classe-windows-1252-virgule.csv", "Windows-1252" },
	{ "classe-windows-1252-tabulation.csv", "Windows-1252" },
	{ "classe-iso-8859-15-point-virgule.csv", "ISO-8859-15" },
	{ "classe-iso-8859-15-virgule.csv", "ISO-8859-15" },
	{ "classe-iso-8859-15-tabulation.csv", "ISO-8859-15" },
};

static void check_sample_children(long structure_id, const char *file)
{
	char sql[512];
	size_t i;

	for (i = 0; i < sizeof(sample_class) / sizeof(sample_class[0]); i++) {
		const struct expected_child *e = &sample_class[i];

		if (*e->group)
			snprintf(sql, sizeof(sql), "SELECT count(*) FROM account a JOIN group_member m ON m.account_id = a.id "
						   "JOIN class_group g ON g.id = m.group_id WHERE a.structure_id = %ld AND a.first_name = '%s' "
						   "AND a.last_initial = '%s' AND a.level = '%s' AND g.name = '%s'",
				 structure_id, e->first_name, e->initial, e->level, e->group);
		else
			snprintf(sql, sizeof(sql), "SELECT count(*) FROM account a WHERE a.structure_id = %ld AND a.first_name = '%s' "
						   "AND a.last_initial = '%s' AND a.level = '%s' AND NOT EXISTS (SELECT 1 FROM group_member m WHERE m.account_id = a.id)",
				 structure_id, e->first_name, e->initial, e->level);
		if (server_query_count(&server, sql) != 1)
			fail_msg("%s: %s %s (%s, %s) not imported as expected", file, e->first_name, e->initial, e->level, e->group);
	}
	assert_int_equal(children_of(structure_id), sizeof(sample_class) / sizeof(sample_class[0]));
}

static void sample_files_import_identically(void **state)
{
	struct client admin;
	size_t i;

	admin_client(&admin);
	for (i = 0; i < sizeof(sample_files) / sizeof(sample_files[0]); i++) {
		char path[256], code[16], encoding[64];
		struct response r;
		size_t len;
		char *data;
		long id;

		snprintf(path, sizeof(path), "tests/data/roster/%s", sample_files[i].file);
		snprintf(code, sizeof(code), "SAMPLE%zu", i);
		data = file_read(path, &len);
		id = structure_new(code);
		assert_true(id > 1);
		upload(&admin, id, data, len, &r);
		snprintf(encoding, sizeof(encoding), "<dd>%s</dd>", sample_files[i].encoding);
		if (r.status != 200 || !strstr(r.body, encoding))
			fail_msg("%s: preview %ld without %s", sample_files[i].file, r.status, encoding);
		/* Ardoise keeps the initial only: the preview never shows a last name. */
		assert_null(strstr(r.body, "Martin-Dubois"));
		assert_non_null(strstr(r.body, "Les Renards"));
		assert_non_null(strstr(r.body, "l&#39;import les créera"));
		response_release(&r);
		import_ok(&admin, id, data, len, 7);
		check_sample_children(id, sample_files[i].file);
		structure_leave(id);
		free(data);
	}
	client_release(&admin);
}

/* ---- problems ---- */

static void problems_listed_nothing_imported(void **state)
{
	static const char *const expected[] = {
		"Ligne 2", "Ligne 3", "Ligne 4", "Ligne 6", "Ligne 7", "Ligne 8", "Ligne 9",
	};
	long before = server_query_count(&server, "SELECT count(*) FROM account");
	long pending_before = server_query_count(&server, "SELECT count(*) FROM pending_import");
	struct client admin;
	struct response r;
	char action[128];
	size_t len, i;
	char *data = file_read("tests/data/roster/problemes.csv", &len);

	admin_client(&admin);
	upload(&admin, 1, data, len, &r);
	assert_int_equal(r.status, 422);
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (!strstr(r.body, expected[i]))
			fail_msg("no problem on %s in:\n%.3000s", expected[i], r.body);
	assert_non_null(strstr(r.body, "colonne"));
	assert_non_null(strstr(r.body, "7 problèmes empêchent l&#39;import : aucun élève n&#39;est inscrit"));
	confirm_action(&r, action, sizeof(action));
	assert_string_equal(action, "");
	assert_null(strstr(r.body, "Confirmer l&#39;import"));
	response_release(&r);
	free(data);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), before);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM pending_import"), pending_before);
	client_release(&admin);
}

static void child_already_enrolled_is_a_problem(void **state)
{
	static const char file[] = "Prénom;Nom;Niveau;Groupe\r\nZélie;Roux;CM1;Les Hiboux\r\nléa;MARTIN;CE2;Les Hiboux\r\n";
	long before = server_query_count(&server, "SELECT count(*) FROM account");
	struct client admin;
	struct response r;

	admin_client(&admin);
	upload(&admin, 1, file, sizeof(file) - 1, &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "Ligne 3"));
	assert_non_null(strstr(r.body, "est déjà inscrit dans cette structure"));
	assert_null(strstr(r.body, "Confirmer l&#39;import"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), before);
	client_release(&admin);
}

static void unreadable_files_rejected(void **state)
{
	static const char *const files[] = { "classeur.xlsx", "utf16.csv", "sans-en-tete.csv", "guillemet-non-ferme.csv" };
	long before = server_query_count(&server, "SELECT count(*) FROM account");
	struct client admin;
	struct response r;
	char path[128], csrf[64], body[128];
	size_t i, len;

	admin_client(&admin);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *data;

		snprintf(path, sizeof(path), "tests/data/roster/%s", files[i]);
		data = file_read(path, &len);
		upload(&admin, 1, data, len, &r);
		if (r.status != 422 || !strstr(r.body, "class=\"problems\""))
			fail_msg("%s: status %ld without a problem list", files[i], r.status);
		response_release(&r);
		free(data);
	}
	/* A form without a file, sent urlencoded, gets the form back. */
	csrf_of(&admin, "/admin/structure/1/import", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(&admin, "/admin/structure/1/import", body, &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "Choisissez le fichier CSV"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), before);
	client_release(&admin);
}

/* ---- a large file and the progress page ---- */

/* `rows` distinct children: a compound first name from two lists, a last
 * name from two more, so each (first name, initial) pair repeats about ten
 * times, as in a real list. */
static char *large_file(size_t rows, size_t *len)
{
	static const char *const first[] = { "Adam", "Alice", "Amir", "Anna", "Arthur", "Awa", "Basile", "Célia", "Chloé", "Clément" };
	static const char *const second[] = { "Lou", "Marie", "Jean", "Rose", "Paul", "Anne", "Luc", "Joy", "Noé", "Zoé" };
	static const char *const start[] = { "Ber", "Car", "Dal", "Fon", "Gar", "Hol", "Lam", "Mor", "Pel", "Vid" };
	static const char *const end[] = { "and", "et", "in", "on", "ier", "ot", "eau", "ard", "oux", "y" };
	static const char *const levels[] = { "CE2", "CM1", "CM2", "6e" };
	size_t size = rows * 64 + 64, n, i;
	char *data = malloc(size);

	assert_non_null(data);
	n = (size_t)snprintf(data, size, "Prénom;Nom;Niveau;Groupe\r\n");
	for (i = 0; i < rows; i++)
		n += (size_t)snprintf(data + n, size - n, "%s-%s;%s%s;%s;Groupe %zu\r\n", first[i % 10], second[i / 10 % 10],
				      start[i / 100 % 10], end[i / 1000 % 10], levels[i % 4], i % 12);
	*len = n;
	return data;
}

static void large_file_imports_with_progress(void **state)
{
	long id = structure_new("GRANDE");
	struct client admin;
	struct response r;
	char action[128];
	size_t len;
	char *data = large_file(LARGE_ROWS, &len), *done;
	bool saw_running = false;

	admin_client(&admin);
	upload(&admin, id, data, len, &r);
	if (r.status != 200)
		fail_msg("large preview %ld:\n%.3000s", r.status, r.body);
	assert_non_null(strstr(r.body, "Confirmer l&#39;import de 10000 élèves"));
	assert_non_null(strstr(r.body, "premiers élèves sont affichés"));
	confirm_action(&r, action, sizeof(action));
	response_release(&r);
	done = confirm_and_wait(&admin, action, &saw_running);
	assert_non_null(strstr(done, "Import terminé"));
	assert_non_null(strstr(done, "10000 / 10000"));
	assert_non_null(strstr(done, "100 %"));
	free(done);
	print_message("large import: progress page seen while running: %s\n", saw_running ? "yes" : "no");
	assert_int_equal(children_of(id), LARGE_ROWS);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM class_group WHERE structure_id = (SELECT id FROM structure WHERE code = 'GRANDE')"), 12);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'import' AND details LIKE '10000 %'"), 1);
	/* The confirmed pending import is gone: a second click shows the same job. */
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM pending_import WHERE structure_id = (SELECT id FROM structure WHERE code = 'GRANDE')"), 0);
	done = confirm_and_wait(&admin, action, NULL);
	assert_non_null(strstr(done, "Import terminé"));
	free(done);
	assert_int_equal(children_of(id), LARGE_ROWS);
	free(data);
	client_release(&admin);
}

/* ---- scope ---- */

/* Two imports in a row into one structure: the second upload must run as
 * its own job, even though the first pending row was deleted. */
static void second_import_runs(void **state)
{
	static const char first[] = "Prénom;Nom;Niveau;Groupe\nAda;Martin;CM1;Les Renards\nIris;Blanc;CM1;Les Renards\n";
	static const char second[] = "Prénom;Nom;Niveau;Groupe\nLou;Petit;CM1;Les Renards\nMalo;Roux;CM2;Les Renards\n";
	long structure = structure_new("DEUXFOIS");
	struct client c;

	/* With no other pending row, SQLite would give the second upload the
	 * id of the first, deleted once imported. */
	assert_int_equal(server_sql(&server, "DELETE FROM pending_import"), 0);
	admin_client(&c);
	import_ok(&c, structure, first, sizeof(first) - 1, 2);
	import_ok(&c, structure, second, sizeof(second) - 1, 2);
	assert_int_equal(children_of(structure), 4);
	client_release(&c);
	structure_leave(structure);
}

static void other_structures_pending_is_404(void **state)
{
	static const char file[] = "Prénom;Nom;Niveau;Groupe\r\nIsis;Bonnet;CM2;\r\n";
	long a = structure_new("PORTEEA"), b = structure_new("PORTEEB");
	struct client admin;
	struct response r;
	char action[128], other[128], csrf[64], body[128];
	const char *pending;

	admin_client(&admin);
	upload(&admin, a, file, sizeof(file) - 1, &r);
	assert_int_equal(r.status, 200);
	confirm_action(&r, action, sizeof(action));
	response_release(&r);
	pending = strrchr(action, '/') + 1;
	snprintf(other, sizeof(other), "/admin/structure/%ld/import/%s", b, pending);
	csrf_of(&admin, "/admin", csrf, sizeof(csrf));
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	client_post(&admin, other, body, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	/* Another administrateur's pending import, in the same structure. */
	assert_int_equal(server_sql(&server, "UPDATE pending_import SET actor_id = (SELECT id FROM account WHERE role = 'accompagnateur' LIMIT 1)"), 0);
	client_post(&admin, action, body, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	assert_int_equal(children_of(a), 0);
	assert_int_equal(children_of(b), 0);
	/* Status pages of unknown jobs. */
	client_get(&admin, "/admin/structure/1/import/statut/999999", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&admin);
}

static void accompagnateur_gets_403(void **state)
{
	const struct demo_account *anim = server_account(&server, "accompagnateur");
	static const char *const paths[] = { "/admin/structure/1/import", "/admin/structure/1/export.csv", "/admin/structure/1/modele.csv" };
	struct client c;
	struct response r;
	size_t i;

	client_init(&c, &server);
	assert_int_equal(sign_in_adult(&c, anim->login, anim->secret), 0);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		client_get(&c, paths[i], &r);
		assert_int_equal(r.status, 403);
		assert_null(strstr(r.body, "Léa"));
		response_release(&r);
	}
	client_release(&c);
}

/* ---- export ---- */

static char *export_of(struct client *c, long structure_id, size_t *len)
{
	struct response r;
	char path[96];

	snprintf(path, sizeof(path), "/admin/structure/%ld/export.csv", structure_id);
	client_get(c, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.headers, "text/csv; charset=utf-8"));
	assert_non_null(strstr(r.headers, "attachment; filename=\"eleves-structure-"));
	assert_memory_equal(r.body, "\xEF\xBB\xBFPrénom;Nom;Niveau;Groupe\r\n", strlen("\xEF\xBB\xBFPrénom;Nom;Niveau;Groupe\r\n"));
	*len = r.len;
	return r.body;
}

static void export_reads_back_unchanged(void **state)
{
	long copy = structure_new("COPIE"), demo_children = children_of(1);
	struct client admin;
	struct response r;
	size_t len, copy_len;
	char *csv, *again;

	admin_client(&admin);
	csv = export_of(&admin, 1, &len);
	assert_non_null(strstr(csv, "\r\nLéa;M.;CE2;Les Hiboux\r\n"));
	import_ok(&admin, copy, csv, len, (size_t)demo_children);
	again = export_of(&admin, copy, &copy_len);
	assert_int_equal(copy_len, len);
	assert_memory_equal(again, csv, len);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'export'"), 2);
	free(csv);
	free(again);

	client_get(&admin, "/admin/structure/1/modele.csv", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "\xEF\xBB\xBFPrénom;Nom;Niveau;Groupe\r\n");
	response_release(&r);
	client_release(&admin);
}

static int setup(void **state)
{
	server_start(&server);
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(server_stop(&server), 0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_files_import_identically),
		cmocka_unit_test(problems_listed_nothing_imported),
		cmocka_unit_test(child_already_enrolled_is_a_problem),
		cmocka_unit_test(unreadable_files_rejected),
		cmocka_unit_test(large_file_imports_with_progress),
		cmocka_unit_test(second_import_runs),
		cmocka_unit_test(other_structures_pending_is_404),
		cmocka_unit_test(accompagnateur_gets_403),
		cmocka_unit_test(export_reads_back_unchanged),
	};

	return cmocka_run_group_tests_name("http_import", tests, setup, teardown);
}
