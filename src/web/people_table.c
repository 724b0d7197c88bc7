/* The sorted, paginated table of a structure's accounts. */
#include "web/people_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/i18n.h"
#include "store/db.h"

#define PEOPLE_SELECT "SELECT id, login, role, first_name, last_initial, active, coalesce(level, '') FROM account WHERE structure_id = ? ORDER BY "
#define PEOPLE_PAGE " LIMIT ? OFFSET ?"
#define LEVEL_RANK "CASE level WHEN 'CE2' THEN 1 WHEN 'CM1' THEN 2 WHEN 'CM2' THEN 3 WHEN '6e' THEN 4 ELSE 0 END"
/* Page links shown around the current page before "…". */
#define PAGINATION_SPAN 3

/* A sortable column: its ?tri= value and one SQL text per direction. Names
 * sort by byte value on SQLite, so "Émile" comes after "Zoé". */
struct sort_column {
	const char *key;
	const char *ascending;
	const char *descending;
};

static const struct sort_column columns[] = {
	{ "nom", PEOPLE_SELECT "first_name, last_initial, id" PEOPLE_PAGE,
	  PEOPLE_SELECT "first_name DESC, last_initial DESC, id DESC" PEOPLE_PAGE },
	{ "niveau", PEOPLE_SELECT LEVEL_RANK ", first_name, last_initial, id" PEOPLE_PAGE,
	  PEOPLE_SELECT LEVEL_RANK " DESC, first_name, last_initial, id" PEOPLE_PAGE },
	{ "etat", PEOPLE_SELECT "active DESC, first_name, last_initial, id" PEOPLE_PAGE,
	  PEOPLE_SELECT "active, first_name, last_initial, id" PEOPLE_PAGE },
};

/* Without ?tri: adults first, then children, active ones first. */
static const char default_order[] = PEOPLE_SELECT "role = 'eleve', active DESC, first_name, last_initial, id" PEOPLE_PAGE;

struct table_view {
	int64_t structure_id;
	const struct sort_column *sort; /* NULL for the default order */
	bool descending;
	long page;  /* 1-based, within [1, pages] */
	long pages;
	long total;
};

static void view_read(struct request *r, struct table_view *v)
{
	const char *tri = form_get(&r->query, "tri"), *sens = form_get(&r->query, "sens"), *page = form_get(&r->query, "page");
	char *end;
	size_t i;

	for (i = 0; tri && i < sizeof(columns) / sizeof(columns[0]); i++)
		if (strcmp(tri, columns[i].key) == 0)
			v->sort = &columns[i];
	v->descending = v->sort && sens && strcmp(sens, "desc") == 0;
	v->pages = v->total > 0 ? (v->total + PEOPLE_TABLE_PAGE_ROWS - 1) / PEOPLE_TABLE_PAGE_ROWS : 1;
	v->page = page ? strtol(page, &end, 10) : 1;
	if (!page || *end || v->page < 1)
		v->page = 1;
	if (v->page > v->pages)
		v->page = v->pages;
}

/* Append the query of a view ("?tri=nom&amp;sens=desc&amp;page=2") as markup. */
static void view_link(struct buf *b, const struct table_view *v, const struct sort_column *sort, bool descending, long page)
{
	buf_html(b, "/admin/structure/%lld?", (long long)v->structure_id);
	if (sort)
		buf_html(b, "tri=%U&amp;%S", sort->key, descending ? "sens=desc&amp;" : "");
	buf_html(b, "page=%ld#personnes", page);
}

static void header_cell(struct request *r, const struct table_view *v, const char *label, const char *key)
{
	const struct sort_column *column = NULL;
	bool sorted;
	size_t i;

	for (i = 0; key && i < sizeof(columns) / sizeof(columns[0]); i++)
		if (strcmp(columns[i].key, key) == 0)
			column = &columns[i];
	if (!column) {
		buf_html(&r->out, "<th scope=\"col\">%s</th>", label);
		return;
	}
	sorted = v->sort == column;
	buf_html(&r->out, "<th scope=\"col\"%S><a class=\"sort\" href=\"", !sorted ? "" : v->descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
	/* A click on the sorted column reverses it; another column starts ascending. */
	view_link(&r->out, v, column, sorted && !v->descending, 1);
	buf_html(&r->out, "\">%s%S</a></th>", label, !sorted ? "" : v->descending ? " <span aria-hidden=\"true\">▼</span>" : " <span aria-hidden=\"true\">▲</span>");
}

static void people_row(struct request *r, struct db_stmt *st)
{
	int64_t id = db_column_int(st, 0);
	bool active = db_column_int(st, 5) != 0;
	const char *role = db_column_text(st, 2);

	buf_html(&r->out, "<tr><td data-label=\"%s\"><a href=\"/admin/compte/%lld\">%s %s</a></td><td data-label=\"%s\">%s</td>"
			  "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
		 _("Nom"), (long long)id, db_column_text(st, 3), db_column_text(st, 4),
		 _("Rôle"), role_label(role), _("Niveau"), db_column_text(st, 6),
		 _("Identifiant"), db_column_text(st, 1), _("État"), active ? _("actif") : _("désactivé"));
}

static void page_item(struct request *r, const struct table_view *v, long page, const char *label)
{
	if (page == v->page && !label) {
		buf_html(&r->out, "<li><span aria-current=\"page\">%ld</span></li>", page);
		return;
	}
	buf_adds(&r->out, "<li><a href=\"");
	view_link(&r->out, v, v->sort, v->descending, page);
	if (label)
		buf_html(&r->out, "\">%s</a></li>", label);
	else
		buf_html(&r->out, "\">%ld</a></li>", page);
}

/* Previous, the first page, a window around the current one, the last
 * page, and next; "…" marks the pages left out. */
static void pagination(struct request *r, const struct table_view *v)
{
	long p;

	if (v->pages <= 1)
		return;
	buf_html(&r->out, "<nav class=\"pagination\" aria-label=\"%s\"><ul>", _("Pages de la liste des personnes"));
	if (v->page > 1)
		page_item(r, v, v->page - 1, _("Page précédente"));
	for (p = 1; p <= v->pages; p++) {
		if (p == 1 || p == v->pages || labs(p - v->page) <= PAGINATION_SPAN)
			page_item(r, v, p, NULL);
		else if (p == 2 || p == v->pages - 1)
			buf_adds(&r->out, "<li aria-hidden=\"true\">…</li>");
	}
	if (v->page < v->pages)
		page_item(r, v, v->page + 1, _("Page suivante"));
	buf_adds(&r->out, "</ul></nav>");
}

static void table_rows(struct request *r, const struct table_view *v)
{
	const char *sql = default_order;
	struct db_stmt *st;

	if (v->sort)
		sql = v->descending ? v->sort->descending : v->sort->ascending;
	st = db_prepare(r->db, sql);
	if (!st)
		return;
	db_bind_int(st, 1, v->structure_id);
	db_bind_int(st, 2, PEOPLE_TABLE_PAGE_ROWS);
	db_bind_int(st, 3, (v->page - 1) * PEOPLE_TABLE_PAGE_ROWS);
	while (db_step(st) == DB_ROW)
		people_row(r, st);
	db_reset(st);
}

void people_table(struct request *r, int64_t structure_id)
{
	struct table_view v = { .structure_id = structure_id };
	long first;

	v.total = (long)db_query_int_param(r->db, "SELECT count(*) FROM account WHERE structure_id = ?", structure_id, 0);
	view_read(r, &v);
	first = v.total ? (v.page - 1) * PEOPLE_TABLE_PAGE_ROWS + 1 : 0;
	buf_html(&r->out, "<section aria-labelledby=\"personnes\"><h2 id=\"personnes\">%s</h2>"
			  "<p class=\"muted\">%s %ld %s %ld %s %ld.</p><div class=\"table-wrap\"><table class=\"data stack\"><caption>%s</caption><thead><tr>",
		 _("Élèves et adultes"), _("Personnes"), first, _("à"),
		 first + PEOPLE_TABLE_PAGE_ROWS - 1 < v.total ? first + PEOPLE_TABLE_PAGE_ROWS - 1 : v.total, _("sur"), v.total,
		 !v.sort ? _("Adultes d'abord, puis élèves ; cliquez un nom pour le modifier, un titre de colonne pour trier")
			 : _("Cliquez un nom pour le modifier, un titre de colonne pour trier"));
	header_cell(r, &v, _("Nom"), "nom");
	header_cell(r, &v, _("Rôle"), NULL);
	header_cell(r, &v, _("Niveau"), "niveau");
	header_cell(r, &v, _("Identifiant"), NULL);
	header_cell(r, &v, _("État"), "etat");
	buf_adds(&r->out, "</tr></thead><tbody>");
	table_rows(r, &v);
	buf_adds(&r->out, "</tbody></table></div>");
	pagination(r, &v);
	buf_adds(&r->out, "</section>");
}
