#include "org/demo.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/account.h"
#include "auth/roles.h"
#include "auth/session.h"
#include "offer/licence.h"
#include "offer/offer.h"
#include "org/organisation.h"
#include "org/people.h"
#include "core/log.h"
#include "offer/offer.h"
#include "web/pictures.h"

static const struct {
	const char *first_name;
	const char *last_initial;
	const char *level;
	const char *avatar;
	const char *login;
} demo_children[] = {
	{ "Léa", "M.", "CE2", "renard", "demo-lea-m" },
	{ "Noah", "B.", "CE2", "hibou", "demo-noah-b" },
	{ "Inès", "K.", "CM1", "tortue", "demo-ines-k" },
	{ "Yanis", "D.", "CM1", "lapin", "demo-yanis-d" },
	{ "Chloé", "P.", "CM2", "ours", "demo-chloe-p" },
	{ "Adam", "T.", "CM2", "panda", "demo-adam-t" },
};

/* Write one line of the logins table, padding columns by characters
 * rather than bytes so accented names line up. */
static void print_row(FILE *out, const char *role, const char *login, const char *secret)
{
	const char *cells[2] = { role, login };
	const int widths[2] = { 16, 24 };
	int i, chars;
	const char *p;

	for (i = 0; i < 2; i++) {
		chars = 0;
		for (p = cells[i]; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		fprintf(out, "%s%*s ", cells[i], chars < widths[i] ? widths[i] - chars : 0, "");
	}
	fprintf(out, "%s\n", secret);
}

static int64_t demo_account(struct db *db, int64_t structure_id, const char *role, const char *login,
			    const char *first, const char *initial, const char *level, const char *avatar,
			    const char *secret)
{
	struct account_row a = { 0 };

	a.structure_id = structure_id;
	snprintf(a.role, sizeof(a.role), "%s", role);
	snprintf(a.login, sizeof(a.login), "%s", login);
	snprintf(a.first_name, sizeof(a.first_name), "%s", first);
	snprintf(a.last_initial, sizeof(a.last_initial), "%s", initial);
	snprintf(a.level, sizeof(a.level), "%s", level ? level : "");
	snprintf(a.avatar, sizeof(a.avatar), "%s", avatar);
	if (strcmp(role, "eleve") == 0) {
		char token[SESSION_TOKEN_CHARS + 1];
		int64_t id;

		if (password_hash_pictures(secret, a.secret_hash) < 0)
			return -1;
		id = account_create(db, &a);
		token_random(token);
		if (id < 0 || account_set_card(db, id, secret, token) < 0)
			return -1;
		return id;
	}
	if (password_hash(secret, a.secret_hash) < 0)
		return -1;
	return account_create(db, &a);
}

static int demo_adults(struct db *db, int64_t structure_id, int64_t group_id, FILE *out)
{
	char admin_password[16], helper_password[16];

	int64_t helper;

	random_password(admin_password, sizeof(admin_password));
	random_password(helper_password, sizeof(helper_password));
	if (demo_account(db, structure_id, "administrateur", "admin.demo", "Camille", "R.", NULL, "hibou", admin_password) < 0)
		return -1;
	helper = demo_account(db, structure_id, "accompagnateur", "anim.demo", "Samir", "L.", NULL, "hibou", helper_password);
	if (helper < 0 || group_add_member(db, group_id, helper) < 0)
		return -1;
	print_row(out, role_label("administrateur"), "admin.demo", admin_password);
	print_row(out, role_label("accompagnateur"), "anim.demo", helper_password);
	return 0;
}

static int demo_children_create(struct db *db, int64_t structure_id, int64_t group_id, FILE *out)
{
	char secret[64], name[64], shown[96];
	int64_t id;
	size_t i;

	for (i = 0; i < sizeof(demo_children) / sizeof(demo_children[0]); i++) {
		random_pictures(secret, sizeof(secret));
		id = demo_account(db, structure_id, "eleve", demo_children[i].login, demo_children[i].first_name,
				  demo_children[i].last_initial, demo_children[i].level, demo_children[i].avatar, secret);
		if (id < 0 || group_add_member(db, group_id, id) < 0)
			return -1;
		snprintf(name, sizeof(name), "%s / %s %s", DEMO_STRUCTURE_CODE, demo_children[i].first_name, demo_children[i].last_initial);
		snprintf(shown, sizeof(shown), "%s (%s)", secret, demo_children[i].level);
		print_row(out, role_label("eleve"), name, shown);
	}
	return 0;
}

/* The organisation tree above the demo association: opérateur, académie,
 * département and the commune that funds it. Writes the financeur's id. */
static int64_t demo_tree(struct db *db, int64_t structure_id, int64_t *financeur)
{
	int64_t root, academie, departement;

	root = organisation_insert(db, "operateur", 0, "Ardoise (opérateur national)", "");
	academie = root < 0 ? -1 : organisation_insert(db, "academie", root, "Académie de Toulouse", "");
	departement = academie < 0 ? -1 : organisation_insert(db, "departement", academie, "Haute-Garonne", "31");
	*financeur = departement < 0 ? -1 : organisation_insert(db, "financeur", departement, "Ville de Toulouse", "31555");
	if (*financeur < 0 || organisation_attach_structure(db, structure_id, *financeur, "31555") < 0)
		return -1;
	return root;
}

/* A tuteur who answers the questions of every structure (a grant on the
 * national root). The children's tutoring seats come with the demo's
 * licence (demo_offer). */
static int demo_tutoring(struct db *db, int64_t root, FILE *out)
{
	char password[16];
	int64_t id;

	random_password(password, sizeof(password));
	id = demo_account(db, 0, "tuteur", "tuteur.demo", "Julie", "T.", NULL, "hibou", password);
	if (id < 0 || grant_add(db, id, "tuteur", 0, root) < 0)
		return -1;
	print_row(out, role_label("tuteur"), "tuteur.demo", password);
	return 0;
}

/* An opérateur granted the national root and a financeur granted the
 * commune; created after the children so the children's ids stay 3 to 8. */
static int demo_organisation_accounts(struct db *db, int64_t structure_id, FILE *out)
{
	char operator_password[16], financeur_password[16];
	int64_t root, financeur, id;

	root = demo_tree(db, structure_id, &financeur);
	if (root < 0)
		return -1;
	random_password(operator_password, sizeof(operator_password));
	random_password(financeur_password, sizeof(financeur_password));
	id = demo_account(db, 0, "operateur", "operateur.demo", "Hélène", "V.", NULL, "hibou", operator_password);
	if (id < 0 || grant_add(db, id, "operateur", 0, root) < 0)
		return -1;
	id = demo_account(db, 0, "financeur", "financeur.demo", "Paul", "G.", NULL, "hibou", financeur_password);
	if (id < 0 || grant_add(db, id, "financeur", 0, financeur) < 0)
		return -1;
	print_row(out, role_label("operateur"), "operateur.demo", operator_password);
	print_row(out, role_label("financeur"), "financeur.demo", financeur_password);
	return demo_tutoring(db, root, out);
}

/* The demo's offer: the launch prices for the current school year
 * (2026-2027 when this was written), a licence of 30 seats with 10
 * tutoring seats paid by the demo commune, and the tutoring option for
 * Léa M. (id 3) and Inès K. (id 5). */
static int demo_offer(struct db *db, int64_t structure_id)
{
	static const int64_t tutored[] = { 3, 5 };
	time_t now = time(NULL);
	char year[SCHOOL_YEAR_TEXT];
	struct db_stmt *st;
	int64_t financeur = db_query_int_param(db, "SELECT coalesce(financeur_id, 0) FROM structure WHERE id = ?", structure_id, 0);
	size_t i;
	int rc;

	offer_school_year(now, year, sizeof(year));
	st = db_prepare(db, "INSERT INTO price_list (school_year, child_cents, tutoring_cents, vat_bp, updated_at) "
			    "VALUES (?, 2500, 1000, 2000, ?) ON CONFLICT (school_year) DO NOTHING");
	if (!st)
		return -1;
	db_bind_text(st, 1, year);
	db_bind_int(st, 2, (int64_t)now);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	if (rc < 0 || licence_insert(db, structure_id, financeur, year, 30, 10, 0, now) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO tutoring_seat (child_id, school_year, granted_at) VALUES (?, ?, ?)");
	for (i = 0; st && rc == 0 && i < sizeof(tutored) / sizeof(tutored[0]); i++) {
		db_bind_int(st, 1, tutored[i]);
		db_bind_text(st, 2, year);
		db_bind_int(st, 3, (int64_t)now);
		rc = db_step(st) == DB_DONE ? 0 : -1;
		db_reset(st);
	}
	return st ? rc : -1;
}

int demo_create(struct db *db, FILE *out)
{
	struct structure_row existing;
	int64_t structure_id, group_id;

	if (structure_find_by_code(db, DEMO_STRUCTURE_CODE, &existing) == 1)
		return 0;
	if (db_begin(db) < 0)
		return -1;
	structure_id = structure_create(db, "Association de démonstration", DEMO_STRUCTURE_CODE);
	group_id = structure_id < 0 ? -1 : group_create(db, structure_id, "Les Hiboux");
	if (group_id < 0)
		goto fail;
	print_row(out, "rôle", "identifiant", "secret");
	if (demo_adults(db, structure_id, group_id, out) < 0 || demo_children_create(db, structure_id, group_id, out) < 0 ||
	    demo_organisation_accounts(db, structure_id, out) < 0 || demo_offer(db, structure_id) < 0)
		goto fail;
	if (db_commit(db) < 0)
		goto fail;
	return 1;
fail:
	log_error("demo creation failed error=\"%s\"", db_errmsg(db));
	db_rollback(db);
	return -1;
}
