/* ENT single sign-on with CAS, against a CAS server played by this test
 * on 127.0.0.1: registration and mapping by the opérateur, sign-in of a
 * child and a teacher, and every refusal leaving nothing written. */
#include "mock_server.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "integ_helpers.h"

#define CLASS_CODE "0310001A$CM1 A"

static struct server server;
static struct mock_server ent;
static char last_validation[4096]; /* path of the last serviceValidate call */

#define SUCCESS_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess>"
#define SUCCESS_TAIL "</cas:authenticationSuccess></cas:serviceResponse>"

/* Answers of the ENT by ticket. */
static const struct {
	const char *ticket;
	int status;
	const char *xml;
} answers[] = {
	{ "ST-eleve", 200, SUCCESS_HEAD "<cas:user>ent-4242</cas:user><cas:attributes>"
		"<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils><cas:givenName>Zélie</cas:givenName>"
		"<cas:sn>étienne</cas:sn><cas:ENTEleveClasses>" CLASS_CODE "</cas:ENTEleveClasses>"
		"<cas:ENTPersonDateNaissance>01/02/2015</cas:ENTPersonDateNaissance><cas:mail>z@example.fr</cas:mail>"
		"</cas:attributes>" SUCCESS_TAIL },
	{ "ST-enseignant", 200, SUCCESS_HEAD "<cas:user>ent-77</cas:user><cas:attributes>"
		"<cas:ENTPersonProfils>National_ENS</cas:ENTPersonProfils><cas:givenName>Paul</cas:givenName>"
		"<cas:sn>Durand</cas:sn><cas:ENTEleveClasses>" CLASS_CODE "</cas:ENTEleveClasses></cas:attributes>" SUCCESS_TAIL },
	{ "ST-expire", 200, "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">"
		"<cas:authenticationFailure code=\"INVALID_TICKET\">Ticket ST-expire not recognized</cas:authenticationFailure>"
		"</cas:serviceResponse>" },
	{ "ST-casse", 200, "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess>" },
	{ "ST-doctype", 200, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"National_ELV\">]>"
		"<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess><cas:user>ent-1</cas:user>"
		"<cas:attributes><cas:ENTPersonProfils>&x;</cas:ENTPersonProfils></cas:attributes>" SUCCESS_TAIL },
	{ "ST-sans-nom", 200, SUCCESS_HEAD "<cas:user>ent-5</cas:user><cas:attributes>"
		"<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils><cas:ENTEleveClasses>" CLASS_CODE "</cas:ENTEleveClasses>"
		"</cas:attributes>" SUCCESS_TAIL },
	{ "ST-parent", 200, SUCCESS_HEAD "<cas:user>ent-6</cas:user><cas:attributes>"
		"<cas:ENTPersonProfils>National_TUT</cas:ENTPersonProfils><cas:givenName>Anne</cas:givenName><cas:sn>Martin</cas:sn>"
		"</cas:attributes>" SUCCESS_TAIL },
	{ "ST-autre-classe", 200, SUCCESS_HEAD "<cas:user>ent-7</cas:user><cas:attributes>"
		"<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils><cas:givenName>Léo</cas:givenName><cas:sn>Roux</cas:sn>"
		"<cas:ENTEleveClasses>0310001A$CM2 B</cas:ENTEleveClasses></cas:attributes>" SUCCESS_TAIL },
	/* Latin-1 bytes in a document that declares no encoding (so UTF-8). */
	{ "ST-latin1", 200, "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess>"
		"<cas:user>ent-8</cas:user><cas:attributes><cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
		"<cas:givenName>Z\xe9lie</cas:givenName><cas:sn>B</cas:sn></cas:attributes>" SUCCESS_TAIL },
	{ "ST-sans-user", 200, SUCCESS_HEAD "<cas:attributes><cas:givenName>Eve</cas:givenName></cas:attributes>" SUCCESS_TAIL },
	{ "ST-panne", 500, "Internal error" },
};

static void ent_handler(void *ctx, const struct mock_request *req, struct mock_reply *reply)
{
	const char *ticket = strstr(req->path, "ticket=");
	size_t i;

	snprintf(last_validation, sizeof(last_validation), "%s", req->path);
	snprintf(reply->content_type, sizeof(reply->content_type), "application/xml");
	reply->status = 404;
	if (strncmp(req->path, "/cas/p3/serviceValidate?", 24) != 0 || !ticket)
		return;
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		if (strcmp(ticket + 7, answers[i].ticket) == 0) {
			reply->status = answers[i].status;
			snprintf(reply->body, sizeof(reply->body), "%s", answers[i].xml);
		}
}

/* Register the ENT, check its mapping page, map a class, open it. */
static int setup(void **state)
{
	char fields[1024], code[128];
	struct client op;
	struct response r;

	if (mock_start(&ent, ent_handler, NULL) < 0)
		return -1;
	server_start(&server);
	integ_demo_client(&server, &op, "operateur");
	snprintf(fields, sizeof(fields), "structure=1&nom=ENT+test&cas=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fcas&ardoise=%s", ent.port,
		 "http%3A%2F%2F127.0.0.1%3A1");
	assert_int_equal(integ_post_form(&op, "/operateur/ent", fields, &r), 303);
	assert_string_equal(r.location, "/operateur/ent/1");
	response_release(&r);
	client_get(&op, "/operateur/ent/1", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "National_ELV"));
	assert_non_null(strstr(r.body, "http://127.0.0.1:1/cas/1/retour"));
	assert_non_null(strstr(r.body, "La connexion est fermée"));
	response_release(&r);
	form_escape(&op, CLASS_CODE, code, sizeof(code));
	snprintf(fields, sizeof(fields), "classe=%s&groupe=1&niveau=CM1", code);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/classe", fields, &r), 303);
	response_release(&r);
	client_release(&op);
	return 0;
}

static int teardown(void **state)
{
	mock_stop(&ent);
	return server_stop(&server);
}

static void open_ent(int open)
{
	struct client op;
	struct response r;

	integ_demo_client(&server, &op, "operateur");
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/ouverture", open ? "ouvert=1" : "ouvert=0", &r), 303);
	response_release(&r);
	client_release(&op);
}

/* Counts a refused sign-in must leave unchanged. */
static long written(void)
{
	return server_query_count(&server, "SELECT count(*) FROM account") * 1000 +
	       server_query_count(&server, "SELECT count(*) FROM cas_identity") * 100 +
	       server_query_count(&server, "SELECT count(*) FROM session");
}

/* Come back from the ENT with `ticket`; expect `status` and `message`. */
static void refused(const char *ticket, long status, const char *message, const char *reason)
{
	struct client c;
	struct response r;
	char path[256];
	long before = written();

	client_init(&c, &server);
	snprintf(path, sizeof(path), "/cas/1/retour%s%s", ticket ? "?ticket=" : "", ticket ? ticket : "");
	client_get(&c, path, &r);
	assert_int_equal(r.status, status);
	if (!strstr(r.body, message))
		fail_msg("%s: message \"%s\" missing from the page", ticket ? ticket : "(none)", message);
	assert_int_equal(written(), before);
	if (!integ_log_has(&server, reason))
		fail_msg("%s: reason \"%s\" missing from the log", ticket ? ticket : "(none)", reason);
	response_release(&r);
	client_release(&c);
}

static void closed_until_checked(void **state)
{
	open_ent(0);
	refused("ST-eleve", 403, "pas encore ouverte", "");
	open_ent(1);
}

static void login_redirects_to_ent(void **state)
{
	struct client c;
	struct response r;
	char want[256];

	client_init(&c, &server);
	client_get(&c, "/cas/1", &r);
	assert_int_equal(r.status, 303);
	snprintf(want, sizeof(want), "http://127.0.0.1:%d/cas/login?service=http%%3A%%2F%%2F127.0.0.1%%3A1%%2Fcas%%2F1%%2Fretour", ent.port);
	assert_string_equal(r.location, want);
	response_release(&r);
	client_get(&c, "/cas/99", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);
}

static void child_signs_in_and_is_linked(void **state)
{
	struct client c;
	struct response r;
	long accounts;
	int round;

	for (round = 0; round < 2; round++) {
		client_init(&c, &server);
		client_get(&c, "/cas/1/retour?ticket=ST-eleve", &r);
		assert_int_equal(r.status, 303);
		assert_string_equal(r.location, "/");
		response_release(&r);
		assert_string_equal(last_validation,
				    "/cas/p3/serviceValidate?service=http%3A%2F%2F127.0.0.1%3A1%2Fcas%2F1%2Fretour&ticket=ST-eleve");
		client_get(&c, "/eleve", &r);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, "Zélie"));
		response_release(&r);
		client_release(&c);
		if (round == 0)
			accounts = server_query_count(&server, "SELECT count(*) FROM account");
	}
	/* The second sign-in reuses the account. */
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), accounts);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account a JOIN cas_identity i ON i.account_id = a.id"
						      " WHERE i.cas_user = 'ent-4242' AND a.role = 'eleve' AND a.level = 'CM1'"
						      " AND a.first_name = 'Zélie' AND a.last_initial = 'É.' AND a.structure_id = 1"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM group_member m JOIN cas_identity i ON i.account_id = m.account_id"
						      " WHERE i.cas_user = 'ent-4242' AND m.group_id = 1"), 1);
}

/* Erasing the child's data removes the link to the CAS id too: signing in
 * again makes a new account. */
static void erasure_unlinks_cas_identity(void **state)
{
	struct client admin, c;
	struct response r;
	char path[64];
	long id = server_query_count(&server, "SELECT account_id FROM cas_identity WHERE cas_user = 'ent-4242'");

	assert_true(id > 0);
	integ_demo_client(&server, &admin, "administrateur");
	snprintf(path, sizeof(path), "/admin/compte/%ld/effacer", id);
	assert_int_equal(integ_post_form(&admin, path, "confirmer=oui", &r), 303);
	response_release(&r);
	client_release(&admin);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_user = 'ent-4242'"), 0);

	client_init(&c, &server);
	client_get(&c, "/cas/1/retour?ticket=ST-eleve", &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_release(&c);
	assert_true(server_query_count(&server, "SELECT account_id FROM cas_identity WHERE cas_user = 'ent-4242'") != id);
}

static void teacher_becomes_accompagnateur(void **state)
{
	struct client c;
	struct response r;

	client_init(&c, &server);
	client_get(&c, "/cas/1/retour?ticket=ST-enseignant", &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	client_get(&c, "/accueil", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Les Hiboux"));
	response_release(&r);
	client_release(&c);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account a JOIN cas_identity i ON i.account_id = a.id"
						      " WHERE i.cas_user = 'ent-77' AND a.role = 'accompagnateur' AND a.level IS NULL"), 1);
}

static void refused_expired_ticket(void **state)
{
	refused("ST-expire", 403, "pas reconnu cette connexion", "authenticationFailure code=INVALID_TICKET");
}

static void refused_malformed_answer(void **state)
{
	refused("ST-casse", 403, "est illisible", "not well-formed XML");
}

static void refused_doctype(void **state)
{
	refused("ST-doctype", 403, "est illisible", "document type declaration refused");
}

static void refused_missing_names(void **state)
{
	refused("ST-sans-nom", 403, "pas transmis votre prénom", "first or last name attribute missing");
}

static void refused_guardian_profile(void **state)
{
	refused("ST-parent", 403, "ne donne pas accès à Ardoise", "no released profile is mapped to a role");
}

static void refused_unmapped_class(void **state)
{
	refused("ST-autre-classe", 403, "pas encore reliée à un groupe", "no released class is mapped to a group");
}

static void refused_wrong_encoding(void **state)
{
	refused("ST-latin1", 403, "est illisible", "not well-formed XML or unknown encoding");
}

static void refused_missing_user(void **state)
{
	refused("ST-sans-user", 403, "est illisible", "no user in authenticationSuccess");
}

static void refused_unknown_ticket(void **state)
{
	refused("ST-inconnu", 502, "ne répond pas", "validation call failed status=404");
}

static void refused_ent_down(void **state)
{
	refused("ST-panne", 502, "ne répond pas", "validation call failed status=500");
}

static void refused_missing_ticket(void **state)
{
	refused(NULL, 400, "absent ou illisible", "missing or invalid ticket");
	refused("ST%20espace", 400, "absent ou illisible", "missing or invalid ticket");
}

static void operator_bad_input(void **state)
{
	struct client op, anim;
	struct response r;
	long servers = server_query_count(&server, "SELECT count(*) FROM cas_server");

	integ_demo_client(&server, &op, "operateur");
	assert_int_equal(integ_post_form(&op, "/operateur/ent", "structure=1&nom=X&cas=http%3A%2F%2Fent.example.fr%2Fcas&ardoise=https%3A%2F%2Fa.fr", &r), 422);
	assert_non_null(strstr(r.body, "https://"));
	response_release(&r);
	assert_int_equal(integ_post_form(&op, "/operateur/ent", "structure=99&nom=X&cas=https%3A%2F%2Fent.fr%2Fcas&ardoise=https%3A%2F%2Fa.fr", &r), 422);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_server"), servers);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/profils", "National_TUT=tuteur", &r), 422);
	response_release(&r);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/classe", "classe=X&groupe=999&niveau=CM1", &r), 422);
	response_release(&r);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/classe", "classe=X&groupe=1&niveau=CP", &r), 422);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_class_map"), 1);
	client_release(&op);

	client_init(&anim, &server);
	assert_int_equal(sign_in_adult(&anim, server_account(&server, "accompagnateur")->login,
				       server_account(&server, "accompagnateur")->secret), 0);
	client_get(&anim, "/operateur/ent/1", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&anim);
}

static void profile_mapping_editable(void **state)
{
	struct client op;
	struct response r;

	integ_demo_client(&server, &op, "operateur");
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/profils", "National_TUT=accompagnateur", &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_role_map WHERE profile = 'National_TUT' AND role = 'accompagnateur'"), 1);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/profils", "National_TUT=refuse", &r), 303);
	response_release(&r);
	client_release(&op);
}

/* Counts 1 while server 1 still has its registered values. */
#define SERVER_ROW "SELECT count(*) FROM cas_server WHERE id = 1 AND name = 'ENT test' AND structure_id = 1" \
	" AND public_url = 'http://127.0.0.1:1' AND base_url LIKE 'http://127.0.0.1:%/cas'"

/* Post an edit with one bad value. Expect 422, `message`, the bad value
 * back in the form and the server unchanged. */
static void edit_rejected(struct client *op, const char *fields, const char *message, const char *refilled)
{
	struct response r;
	long audits = server_query_count(&server, "SELECT count(*) FROM audit_log WHERE target_kind = 'ent'");

	assert_int_equal(integ_post_form(op, "/operateur/ent/1/modifier", fields, &r), 422);
	if (!strstr(r.body, message))
		fail_msg("%s: message \"%s\" missing", fields, message);
	if (!strstr(r.body, refilled))
		fail_msg("%s: value \"%s\" not refilled", fields, refilled);
	response_release(&r);
	assert_int_equal(server_query_count(&server, SERVER_ROW), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE target_kind = 'ent'"), audits);
}

/* An edit whose name is `count` times "é" (two bytes each in UTF-8). */
static const char *long_name_form(int count, const char *base, char *out, size_t size)
{
	size_t len = (size_t)snprintf(out, size, "nom=");
	int i;

	for (i = 0; i < count; i++)
		len += (size_t)snprintf(out + len, size - len, "%%C3%%A9");
	snprintf(out + len, size - len, "&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=1", base);
	return out;
}

static void server_edit_checks_values(void **state)
{
	char good[512], base[128], sql[256], code[128], fields[2048];
	long other;
	struct client op;
	struct response r;

	snprintf(base, sizeof(base), "cas=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fcas", ent.port);
	integ_demo_client(&server, &op, "operateur");
	client_get(&op, "/operateur/ent/1", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "action=\"/operateur/ent/1/modifier\""));
	assert_non_null(strstr(r.body, "value=\"ENT test\""));
	assert_non_null(strstr(r.body, "href=\"/operateur/ent/1/supprimer\""));
	response_release(&r);

	snprintf(good, sizeof(good), "nom=++&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=1", base);
	edit_rejected(&op, good, "Le nom de l&#39;ENT est vide", "name=\"nom\" value=\"\"");
	edit_rejected(&op, "nom=ENT+corrig%C3%A9&cas=ftp%3A%2F%2Fent.example.fr&ardoise=http%3A%2F%2F127.0.0.1%3A1&structure=1",
		     "« ftp://ent.example.fr » n&#39;est pas valide", "value=\"ENT corrigé\"");
	snprintf(good, sizeof(good), "nom=ENT+corrig%%C3%%A9&%s&ardoise=https%%3A%%2F%%2Fardoise.example.fr%%2F&structure=1", base);
	edit_rejected(&op, good, "« https://ardoise.example.fr/ » n&#39;est pas valide", "value=\"https://ardoise.example.fr/\"");
	edit_rejected(&op, long_name_form(121, base, fields, sizeof(fields)), "Le nom de l&#39;ENT dépasse 120 caractères", "name=\"nom\" value=\"éé");
	snprintf(good, sizeof(good), "nom=ENT+corrig%%C3%%A9&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=999", base);
	edit_rejected(&op, good, "La structure « 999 » n&#39;existe pas", "value=\"ENT corrigé\"");
	snprintf(good, sizeof(good), "nom=ENT+corrig%%C3%%A9&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=1x", base);
	edit_rejected(&op, good, "La structure « 1x » n&#39;existe pas", "value=\"ENT corrigé\"");

	/* 120 accented characters (240 bytes) fit. */
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/modifier", long_name_form(120, base, fields, sizeof(fields)), &r), 303);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT length(name) FROM cas_server WHERE id = 1"), 120);
	snprintf(good, sizeof(good), "nom=ENT+test&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=1", base);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/modifier", good, &r), 303);
	response_release(&r);

	/* A good edit is saved, with an audit line naming the changed field. */
	snprintf(good, sizeof(good), "nom=ENT+corrig%%C3%%A9&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=1", base);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/modifier", good, &r), 303);
	assert_string_equal(r.location, "/operateur/ent/1?fait=1");
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_server WHERE id = 1 AND name = 'ENT corrigé'"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_class_map WHERE cas_server_id = 1"), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM audit_log WHERE action = 'update' AND target_kind = 'ent'"
						      " AND target_id = 1 AND structure_id = 1 AND details = 'ENT corrigé : nom' AND actor_id IS NOT NULL"), 1);

	/* Moving the server to another structure drops its class mappings,
	 * whose groups belong to the old one; the mapping is made again after
	 * moving back. */
	assert_int_equal(server_sql(&server, "INSERT INTO structure (name, code, created_at) VALUES ('Maison des Tilleuls', 'TILLEULS-ENT', 0)"), 0);
	other = server_query_count(&server, "SELECT id FROM structure WHERE code = 'TILLEULS-ENT'");
	assert_true(other > 1);
	snprintf(good, sizeof(good), "nom=ENT+corrig%%C3%%A9&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=%ld", base, other);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/modifier", good, &r), 303);
	response_release(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cas_server WHERE id = 1 AND structure_id = %ld", other);
	assert_int_equal(server_query_count(&server, sql), 1);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_class_map WHERE cas_server_id = 1"), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE action = 'update' AND target_kind = 'ent' AND structure_id = %ld"
				   " AND details = 'ENT corrigé : structure'", other);
	assert_int_equal(server_query_count(&server, sql), 1);
	snprintf(good, sizeof(good), "nom=ENT+corrig%%C3%%A9&%s&ardoise=http%%3A%%2F%%2F127.0.0.1%%3A1&structure=1", base);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/modifier", good, &r), 303);
	response_release(&r);
	form_escape(&op, CLASS_CODE, code, sizeof(code));
	snprintf(good, sizeof(good), "classe=%s&groupe=1&niveau=CM1", code);
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/classe", good, &r), 303);
	response_release(&r);
	client_release(&op);
}

#define DISABLE_LINES "SELECT count(*) FROM audit_log WHERE action = 'disable' AND target_kind = 'ent' AND target_id = 1"
#define ENABLE_LINES "SELECT count(*) FROM audit_log WHERE action = 'enable' AND target_kind = 'ent' AND target_id = 1"

static void disabled_server_rejects_sign_in(void **state)
{
	struct client c;
	struct response r;
	long linked = server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_server_id = 1");
	long disabled = server_query_count(&server, DISABLE_LINES), enabled = server_query_count(&server, ENABLE_LINES);

	assert_true(linked > 0);
	open_ent(0);
	assert_int_equal(server_query_count(&server, "SELECT enabled FROM cas_server WHERE id = 1"), 0);
	assert_int_equal(server_query_count(&server, DISABLE_LINES), disabled + 1);
	client_init(&c, &server);
	client_get(&c, "/cas/1", &r);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "a été fermée par l&#39;opérateur"));
	response_release(&r);
	client_release(&c);
	refused("ST-eleve", 403, "a été fermée par l&#39;opérateur", "");
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_server_id = 1"), linked);

	/* Open again: the linked child signs in as before. */
	open_ent(1);
	assert_int_equal(server_query_count(&server, ENABLE_LINES), enabled + 1);
	client_init(&c, &server);
	client_get(&c, "/cas/1/retour?ticket=ST-eleve", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/");
	response_release(&r);
	client_release(&c);
}

static void deleted_server_keeps_accounts(void **state)
{
	struct client op, c;
	struct response r;
	char want[256];
	long accounts = server_query_count(&server, "SELECT count(*) FROM account");
	long linked = server_query_count(&server, "SELECT count(*) FROM cas_identity WHERE cas_server_id = 1");
	long child = server_query_count(&server, "SELECT account_id FROM cas_identity WHERE cas_user = 'ent-4242'");

	assert_true(linked > 0);
	assert_true(child > 0);
	integ_demo_client(&server, &op, "operateur");
	client_get(&op, "/operateur/ent/1/supprimer", &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "Les %ld comptes reliés à cet ENT sont gardés", linked);
	assert_non_null(strstr(r.body, want));
	assert_non_null(strstr(r.body, "name=\"confirmation\" value=\"oui\""));
	response_release(&r);

	/* Without the confirmation field nothing is deleted. */
	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/supprimer", "x=1", &r), 422);
	assert_non_null(strstr(r.body, "La suppression n&#39;est pas confirmée"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_server WHERE id = 1"), 1);

	assert_int_equal(integ_post_form(&op, "/operateur/ent/1/supprimer", "confirmation=oui", &r), 303);
	assert_string_equal(r.location, "/operateur/ent?supprime=1");
	response_release(&r);
	client_get(&op, "/operateur/ent?supprime=1", &r);
	assert_non_null(strstr(r.body, "Les comptes qui s&#39;y connectaient sont gardés"));
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_server WHERE id = 1"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_identity"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_class_map"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM cas_role_map"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM account"), accounts);
	snprintf(want, sizeof(want), "SELECT count(*) FROM account WHERE id = %ld AND active = 1", child);
	assert_int_equal(server_query_count(&server, want), 1);
	snprintf(want, sizeof(want), "SELECT count(*) FROM audit_log WHERE action = 'delete' AND target_kind = 'ent' AND target_id = 1"
				     " AND details LIKE '%% : %ld compte(s) gardé(s)%%'", linked);
	assert_int_equal(server_query_count(&server, want), 1);
	client_get(&op, "/operateur/ent/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&op);

	client_init(&c, &server);
	client_get(&c, "/cas/1", &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	client_release(&c);
	/* The structure's journal shows these changes to its administrateurs. */
	integ_demo_client(&server, &c, "administrateur");
	client_get(&c, "/admin/structure/1/journal", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "a supprimé l'ENT « ENT corrigé : "));
	assert_non_null(strstr(r.body, "a corrigé l'enregistrement de l'ENT « ENT corrigé : nom »"));
	assert_non_null(strstr(r.body, "a fermé la connexion par l'ENT « ENT corrigé »"));
	assert_non_null(strstr(r.body, "a relié l'ENT « ENT test » à la structure."));
	response_release(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closed_until_checked),
		cmocka_unit_test(login_redirects_to_ent),
		cmocka_unit_test(child_signs_in_and_is_linked),
		cmocka_unit_test(erasure_unlinks_cas_identity),
		cmocka_unit_test(teacher_becomes_accompagnateur),
		cmocka_unit_test(refused_expired_ticket),
		cmocka_unit_test(refused_malformed_answer),
		cmocka_unit_test(refused_doctype),
		cmocka_unit_test(refused_missing_names),
		cmocka_unit_test(refused_guardian_profile),
		cmocka_unit_test(refused_unmapped_class),
		cmocka_unit_test(refused_wrong_encoding),
		cmocka_unit_test(refused_missing_user),
		cmocka_unit_test(refused_unknown_ticket),
		cmocka_unit_test(refused_ent_down),
		cmocka_unit_test(refused_missing_ticket),
		cmocka_unit_test(operator_bad_input),
		cmocka_unit_test(profile_mapping_editable),
		cmocka_unit_test(server_edit_checks_values),
		cmocka_unit_test(disabled_server_rejects_sign_in),
		cmocka_unit_test(deleted_server_keeps_accounts),
	};

	return cmocka_run_group_tests_name("http_cas", tests, setup, teardown);
}
