/* The audit log of a structure, newest first, in plain French sentences,
 * for its administrateurs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "auth/scope.h"
#include "org/privacy.h"
#include "web/format.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/widgets.h"

#define JOURNAL_PAGE_SIZE 50
#define JOURNAL_MAX_PAGE 100000

/* One audit line with the names it refers to. */
struct journal_line {
	int64_t at;
	const char *action;
	const char *target_kind;
	int64_t target_id;
	const char *details;
	int64_t actor_id;
	const char *actor_name;   /* "Camille R.", "" when the account is gone */
	bool actor_erased;
	const char *target_name;  /* account or group name, "" when unknown */
	bool target_erased;
};

/* Sentence templates: the actor, then the target, both as markup. */
static const struct {
	const char *action;
	const char *kind; /* NULL: any target kind */
	const char *sentence;
} sentences[] = {
	{ "create", "ent", N_("%S a relié l'ENT %S à la structure.") },
	{ "create", "lti", N_("%S a enregistré la plateforme de cours %S.") },
	{ "update", "ent", N_("%S a corrigé l'enregistrement de l'ENT %S.") },
	{ "enable", "ent", N_("%S a ouvert la connexion par l'ENT %S.") },
	{ "disable", "ent", N_("%S a fermé la connexion par l'ENT %S.") },
	{ "delete", "ent", N_("%S a supprimé l'ENT %S.") },
	{ "update", "lti", N_("%S a corrigé l'enregistrement de la plateforme de cours %S.") },
	{ "enable", "lti", N_("%S a réactivé la plateforme de cours %S.") },
	{ "disable", "lti", N_("%S a désactivé la plateforme de cours %S.") },
	{ "delete", "lti", N_("%S a supprimé la plateforme de cours %S.") },
	{ "create", "eleve", N_("%S a créé l'élève %S.") },
	{ "create", "groupe", N_("%S a créé le groupe %S.") },
	{ "create", NULL, N_("%S a créé le compte de %S.") },
	{ "update", NULL, N_("%S a modifié le compte de %S.") },
	{ "deactivate", NULL, N_("%S a désactivé le compte de %S.") },
	{ "reactivate", NULL, N_("%S a réactivé le compte de %S.") },
	{ "new-card", NULL, N_("%S a donné de nouvelles images et une nouvelle carte à %S.") },
	{ "reset-password", NULL, N_("%S a donné un nouveau mot de passe provisoire à %S.") },
	{ "change-password", NULL, N_("%S a changé son mot de passe.") },
	{ "unlock", NULL, N_("%S a débloqué la connexion de %S.") },
	{ "export", "structure", N_("%S a exporté la liste des élèves de la structure.%S") },
	{ "import", "structure", N_("%S a importé une liste d'élèves.%S") },
	{ "export", NULL, N_("%S a consulté ou téléchargé les données de %S.") },
	{ "erase", NULL, N_("%S a effacé les données de %S.") },
};

static const char *sentence_for(const struct journal_line *l)
{
	size_t i;

	for (i = 0; i < sizeof(sentences) / sizeof(sentences[0]); i++)
		if (strcmp(l->action, sentences[i].action) == 0 &&
		    (!sentences[i].kind || strcmp(l->target_kind, sentences[i].kind) == 0))
			return _(sentences[i].sentence);
	return NULL;
}

static void actor_markup(const struct journal_line *l, struct buf *out)
{
	if (!l->actor_id)
		buf_html(out, "%s", _("Ardoise (tâche automatique)"));
	else if (l->actor_erased || !l->actor_name[0])
		buf_html(out, "%s", _("Un compte effacé"));
	else
		buf_html(out, "<strong>%s</strong>", l->actor_name);
}

static void target_markup(const struct journal_line *l, struct buf *out)
{
	/* An ENT or LTI platform: its details start with its name. */
	if (strcmp(l->target_kind, "ent") == 0 || strcmp(l->target_kind, "lti") == 0) {
		buf_html(out, "« %s »", l->details);
		return;
	}
	/* The structure itself: its sentence names it already. */
	if (strcmp(l->target_kind, "structure") == 0) {
		if (l->details[0])
			buf_html(out, " (%s)", l->details);
		return;
	}
	if (strcmp(l->target_kind, "groupe") == 0) {
		buf_html(out, "<a href=\"/groupe/%lld\">%s</a>", (long long)l->target_id,
			 l->target_name[0] ? l->target_name : l->details);
		return;
	}
	if (l->target_erased || !l->target_name[0])
		buf_html(out, "<a href=\"/admin/compte/%lld\">%s%lld %s</a>", (long long)l->target_id, _("n°"),
			 (long long)l->target_id, _("(effacé)"));
	else
		buf_html(out, "<a href=\"/admin/compte/%lld\">%s</a>", (long long)l->target_id, l->target_name);
}

static void line_row(struct request *r, const struct journal_line *l)
{
	struct buf actor = BUF_INIT(4096), target = BUF_INIT(4096);
	const char *sentence = sentence_for(l);
	char date[64];

	format_date_paris(l->at, date, sizeof(date));
	actor_markup(l, &actor);
	target_markup(l, &target);
	buf_html(&r->out, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Date"), date, _("Ce qui a été fait"));
	if (sentence)
		buf_html(&r->out, sentence, buf_cstr(&actor), buf_cstr(&target));
	else
		buf_html(&r->out, "%S : %s (%S)", buf_cstr(&actor), l->action, buf_cstr(&target));
	buf_adds(&r->out, "</td></tr>");
	buf_release(&actor);
	buf_release(&target);
}

static void line_read(struct db_stmt *st, struct journal_line *l)
{
	l->at = db_column_int(st, 0);
	l->action = db_column_text(st, 1);
	l->target_kind = db_column_text(st, 2);
	l->target_id = db_column_int(st, 3);
	l->details = db_column_text(st, 4);
	l->actor_id = db_column_int(st, 5);
	l->actor_name = db_column_text(st, 6);
	l->actor_erased = db_column_int(st, 7) != 0;
	l->target_name = db_column_text(st, 8);
	l->target_erased = db_column_int(st, 9) != 0;
}

/* Write the rows of one page; returns -1 when the log cannot be read. */
static int lines_table(struct request *r, int64_t structure_id, long page)
{
	struct db_stmt *st = db_prepare(r->db,
		"SELECT l.at, l.action, l.target_kind, coalesce(l.target_id, 0), l.details, coalesce(l.actor_id, 0), "
		"CASE WHEN p.id IS NULL THEN '' ELSE p.first_name || ' ' || p.last_initial END, "
		"CASE WHEN p.erased_at IS NULL THEN 0 ELSE 1 END, "
		"coalesce(g.name, CASE WHEN t.id IS NULL THEN '' ELSE t.first_name || ' ' || t.last_initial END), "
		"CASE WHEN t.erased_at IS NULL THEN 0 ELSE 1 END "
		"FROM audit_log l LEFT JOIN account p ON p.id = l.actor_id "
		"LEFT JOIN account t ON t.id = l.target_id AND l.target_kind IN " PRIVACY_PERSON_KINDS " "
		"LEFT JOIN class_group g ON g.id = l.target_id AND l.target_kind = 'groupe' "
		"WHERE l.structure_id = ? ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?");
	struct journal_line l;
	enum db_step step;

	if (!st)
		return -1;
	db_bind_int(st, 1, structure_id);
	db_bind_int(st, 2, JOURNAL_PAGE_SIZE);
	db_bind_int(st, 3, (int64_t)(page - 1) * JOURNAL_PAGE_SIZE);
	while ((step = db_step(st)) == DB_ROW) {
		line_read(st, &l);
		line_row(r, &l);
	}
	db_reset(st);
	return step == DB_DONE ? 0 : -1;
}

static void pager(struct request *r, int64_t structure_id, long page, long pages)
{
	if (pages <= 1)
		return;
	buf_html(&r->out, "<nav class=\"pager\" aria-label=\"%s\"><p>%s %ld %s %ld</p><p class=\"form-actions\">",
		 _("Pages du journal"), _("Page"), page, _("sur"), pages);
	if (page > 1)
		buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/journal?page=%ld\">%s</a> ",
			 (long long)structure_id, page - 1, _("Plus récentes"));
	if (page < pages)
		buf_html(&r->out, "<a class=\"btn btn-secondary\" href=\"/admin/structure/%lld/journal?page=%ld\">%s</a>",
			 (long long)structure_id, page + 1, _("Plus anciennes"));
	buf_adds(&r->out, "</p></nav>");
}

/* The ?page= number: 1 when absent, 0 when not a number in range. */
static long page_number(const struct request *r)
{
	const char *text = form_get(&r->query, "page");
	char *end;
	long page;

	if (!text)
		return 1;
	errno = 0;
	page = strtol(text, &end, 10);
	if (errno || end == text || *end || page < 1 || page > JOURNAL_MAX_PAGE)
		return 0;
	return page;
}

static bool structure_name(struct request *r, int64_t id, char *name, size_t size)
{
	struct db_stmt *st;
	bool found = false;

	if (!id || !scope_structure(r->db, &r->user, CAP_MANAGE_STRUCTURE, id))
		return false;
	st = db_prepare(r->db, "SELECT name FROM structure WHERE id = ?");
	if (!st)
		return false;
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW) {
		snprintf(name, size, "%s", db_column_text(st, 0));
		found = true;
	}
	db_reset(st);
	return found;
}

int page_structure_journal(struct request *r)
{
	int64_t id = param_id(r, 0), total;
	long page = page_number(r), pages;
	char name[128];

	if (!structure_name(r, id, name, sizeof(name)))
		return page_not_found(r);
	if (!page)
		return page_error(r, 400, _("Numéro de page invalide : écrivez un nombre entier à partir de 1."));
	total = db_query_int_param(r->db, "SELECT count(*) FROM audit_log WHERE structure_id = ?", id, -1);
	if (total < 0)
		return page_error(r, 500, _("Le journal n'a pas pu être lu. Réessayez dans un instant."));
	pages = total ? (long)((total + JOURNAL_PAGE_SIZE - 1) / JOURNAL_PAGE_SIZE) : 1;
	page_begin(r, _("Journal des modifications"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s « %s », %s</p>", _("Journal des modifications"),
		 _("Tout ce que les adultes ont fait sur les comptes et les groupes de"), name, _("du plus récent au plus ancien."));
	buf_html(&r->out, "<div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>"
			  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 _("Heure de Paris, cliquez un nom pour ouvrir le compte"), _("Date"), _("Ce qui a été fait"));
	if (lines_table(r, id, page) < 0)
		return page_error(r, 500, _("Le journal n'a pas pu être lu. Réessayez dans un instant."));
	if (!total)
		buf_html(&r->out, "<tr><td colspan=\"2\">%s</td></tr>", _("Rien n'est encore inscrit au journal."));
	buf_adds(&r->out, "</tbody></table></div>");
	pager(r, id, page, pages);
	buf_html(&r->out, "<p><a class=\"btn btn-secondary\" href=\"/admin/structure/%lld\">%s</a></p>", (long long)id,
		 _("Retour à la structure"));
	page_end(r);
	return 200;
}
