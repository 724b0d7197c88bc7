/* The figures of a dashboard, for the page and the exports. */
#include "web/stats_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "eval/paris_time.h"

#define CHART_WIDTH 640
#define CHART_HEIGHT 200
#define CHART_MARGIN 30

static int64_t min_children = STATS_DEFAULT_MIN_CHILDREN;

void stats_min_children_set(int64_t count)
{
	if (count > 0)
		min_children = count;
}

int64_t stats_min_children(void)
{
	return min_children;
}

/* The school year (1 September to 31 August) that contains `day`. */
static void school_year(int64_t day, int64_t *from, int64_t *to)
{
	int year, month, mday;

	date_from_day(day, &year, &month, &mday);
	if (month < 9)
		year--;
	*from = day_from_date(year, 9, 1);
	*to = day_from_date(year + 1, 8, 31);
}

/* Set the period and the one before it. `kind` is one of the known kinds
 * ("plage" reads du and au from the query). */
static const char *period_bounds(struct stats_view *v, const char *kind, int64_t day, const struct form *query)
{
	if (strcmp(kind, "jour") == 0) {
		v->from_day = v->to_day = day;
		v->previous_from = v->previous_to = day - 1;
	} else if (strcmp(kind, "semaine") == 0) {
		v->from_day = day - day_weekday(day);
		v->to_day = v->from_day + 6;
		v->previous_from = v->from_day - 7;
		v->previous_to = v->from_day - 1;
	} else if (strcmp(kind, "mois") == 0) {
		v->from_day = month_first_day(day_month(day));
		v->to_day = month_first_day(day_month(day) + 1) - 1;
		v->previous_from = month_first_day(day_month(day) - 1);
		v->previous_to = v->from_day - 1;
	} else if (strcmp(kind, "annee") == 0) {
		school_year(day, &v->from_day, &v->to_day);
		school_year(v->from_day - 1, &v->previous_from, &v->previous_to);
	} else {
		const char *from = form_get(query, "du"), *to = form_get(query, "au");

		if (!day_parse(from, &v->from_day))
			return _("Date de début invalide : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2026-09-01.");
		if (!day_parse(to, &v->to_day))
			return _("Date de fin invalide : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2027-06-30.");
		if (v->to_day < v->from_day)
			return _("La date de fin est avant la date de début : échangez-les.");
		if (v->to_day - v->from_day + 1 > STATS_MAX_RANGE_DAYS)
			return _("La période dépasse trois ans : choisissez une période plus courte.");
		v->previous_to = v->from_day - 1;
		v->previous_from = v->previous_to - (v->to_day - v->from_day);
	}
	return NULL;
}

const char *stats_view_period(struct stats_view *v, const struct form *query, int64_t today)
{
	static const char *const kinds[] = { "jour", "semaine", "mois", "annee", "plage" };
	const char *kind = form_get(query, "periode"), *date = form_get(query, "date");
	int64_t day = today;
	size_t i;

	if (!kind || !*kind)
		kind = "mois";
	if (date && *date && !day_parse(date, &day))
		return _("Date invalide : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2026-11-15.");
	v->period_kind = NULL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			v->period_kind = kinds[i];
	if (!v->period_kind)
		return _("Période inconnue : choisissez jour, semaine, mois, année scolaire ou plage de dates.");
	return period_bounds(v, v->period_kind, day, query);
}

int stats_view_compute(struct stats_view *v, struct db *db)
{
	const struct stats_periods periods = { v->from_day, v->to_day, v->previous_from, v->previous_to };

	v->part_count = stats_compare_compute(db, &v->scope, &periods, &v->now, &v->before, &v->parts);
	if (v->part_count < 0)
		return -1;
	v->feature_count = stats_features_compute(db, &v->scope, v->from_day, v->to_day, v->features, STATS_MAX_FEATURES);
	v->point_count = stats_series_compute(db, &v->scope, v->from_day, v->to_day, v->points, STATS_MAX_POINTS, &v->monthly);
	return v->feature_count < 0 || v->point_count < 0 ? -1 : 0;
}

void stats_view_release(struct stats_view *v)
{
	free(v->parts);
	v->parts = NULL;
}

const char *stats_line_label(enum stats_line line)
{
	static const char *const labels[LINE_COUNT] = {
		"Enfants inscrits", "Enfants actifs", "Connexions par enfant inscrit", "Durée moyenne d'une connexion (min)",
		"Durée médiane d'une connexion (min)", "Activités faites", "Taux de réussite (%)", "Ressources ouvertes",
		"Enfants ayant utilisé le tutorat", "Messages de tutorat",
	};

	return _(labels[line]);
}

int stats_line_decimals(enum stats_line line)
{
	return line == LINE_CONNECTIONS_PER_CHILD || line == LINE_MEAN_MINUTES || line == LINE_SUCCESS ? 1 : 0;
}

bool stats_cell_visible(const struct stats_view *v, int64_t children)
{
	return !v->aggregates_only || children >= min_children;
}

bool stats_line_value(const struct stats_view *v, const struct stats_figures *f, enum stats_line line, double *value)
{
	/* The children a line covers: the registered ones for the first
	 * line, the active ones for the others. */
	if (!stats_cell_visible(v, line == LINE_REGISTERED ? f->registered : f->active))
		return false;
	switch (line) {
	case LINE_REGISTERED: *value = (double)f->registered; break;
	case LINE_ACTIVE: *value = (double)f->active; break;
	case LINE_CONNECTIONS_PER_CHILD: *value = stats_rate(f->connections, f->registered); break;
	case LINE_MEAN_MINUTES: *value = stats_rate(f->seconds, f->connections) / 60.0; break;
	case LINE_MEDIAN_MINUTES:
		if (f->median_minutes < 0)
			return false;
		*value = (double)f->median_minutes;
		break;
	case LINE_DONE: *value = (double)f->done; break;
	case LINE_SUCCESS: *value = 100.0 * stats_rate(f->passed, f->done); break;
	case LINE_RESOURCES: *value = (double)f->resources; break;
	case LINE_TUTORING_CHILDREN: *value = (double)f->tutoring_children; break;
	case LINE_TUTORING: *value = (double)f->tutoring; break;
	default: return false;
	}
	return true;
}

static void sheet_value(struct sheet *s, bool shown, double value, int decimals)
{
	if (shown)
		sheet_number(s, value, decimals);
	else
		sheet_text(s, "—");
}

static void sheet_parts(const struct stats_view *v, struct sheet *s)
{
	int i;

	sheet_row(s);
	sheet_row(s);
	sheet_text(s, _("Structure"));
	sheet_text(s, _("Enfants inscrits"));
	sheet_text(s, _("Enfants actifs"));
	sheet_text(s, _("Connexions"));
	sheet_text(s, _("Activités faites"));
	sheet_text(s, _("Activités réussies"));
	for (i = 0; i < v->part_count; i++) {
		const struct stats_figures *f = &v->parts[i].figures;
		bool shown = stats_cell_visible(v, f->active);

		sheet_row(s);
		sheet_text(s, v->parts[i].name);
		sheet_value(s, stats_cell_visible(v, f->registered), (double)f->registered, 0);
		sheet_value(s, shown, (double)f->active, 0);
		sheet_value(s, shown, (double)f->connections, 0);
		sheet_value(s, shown, (double)f->done, 0);
		sheet_value(s, shown, (double)f->passed, 0);
	}
}

void stats_view_sheet(const struct stats_view *v, struct sheet *s)
{
	char from[16], to[16], previous_from[16], previous_to[16], period[64], previous[64];
	int line, i;

	day_format(v->from_day, from, sizeof(from));
	day_format(v->to_day, to, sizeof(to));
	day_format(v->previous_from, previous_from, sizeof(previous_from));
	day_format(v->previous_to, previous_to, sizeof(previous_to));
	snprintf(period, sizeof(period), "%s / %s", from, to);
	snprintf(previous, sizeof(previous), "%s / %s", previous_from, previous_to);
	sheet_row(s);
	sheet_text(s, v->title);
	sheet_row(s);
	sheet_text(s, _("Indicateur"));
	sheet_text(s, period);
	sheet_text(s, previous);
	for (line = 0; line < LINE_COUNT; line++) {
		double now = 0, before = 0;
		bool shown_now = stats_line_value(v, &v->now, line, &now);
		bool shown_before = stats_line_value(v, &v->before, line, &before);

		sheet_row(s);
		sheet_text(s, stats_line_label(line));
		sheet_value(s, shown_now, now, stats_line_decimals(line));
		sheet_value(s, shown_before, before, stats_line_decimals(line));
	}
	sheet_row(s);
	sheet_row(s);
	sheet_text(s, _("Fonction"));
	sheet_text(s, _("Utilisations"));
	for (i = 0; i < v->feature_count; i++) {
		sheet_row(s);
		sheet_text(s, v->features[i].feature);
		sheet_value(s, stats_cell_visible(v, v->now.active), (double)v->features[i].events, 0);
	}
	if (v->part_count > 0)
		sheet_parts(v, s);
}

/* Bars of active children per day (or month), drawn on the server. */
void stats_view_chart(struct request *r, const struct stats_view *v)
{
	struct buf *b = &r->out;
	int64_t top = 1;
	int i, bar;

	if (v->point_count == 0)
		return;
	for (i = 0; i < v->point_count; i++)
		if (v->points[i].active > top)
			top = v->points[i].active;
	bar = (CHART_WIDTH - CHART_MARGIN) / v->point_count;
	if (bar < 1)
		bar = 1;
	buf_html(b, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
		    "aria-labelledby=\"graphique-titre\"><title id=\"graphique-titre\">%s</title>",
		 CHART_WIDTH, CHART_HEIGHT + 20, v->monthly ? _("Enfants actifs par mois") : _("Enfants actifs par jour"));
	buf_html(b, "<text x=\"0\" y=\"12\" font-size=\"11\">%lld</text>", (long long)top);
	buf_html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", CHART_MARGIN, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
	for (i = 0; i < v->point_count; i++) {
		const struct stats_point *p = &v->points[i];
		int height = (int)(p->active * (CHART_HEIGHT - 20) / top);
		char label[32];

		if (!stats_cell_visible(v, p->active))
			continue;
		if (v->monthly)
			snprintf(label, sizeof(label), "%02lld/%lld", (long long)(p->key % 12 + 1), (long long)(p->key / 12));
		else
			day_format_french(p->key, label, sizeof(label));
		buf_html(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2f6f9f\"><title>%s : %lld</title></rect>",
			 CHART_MARGIN + i * bar, CHART_HEIGHT - height, bar > 2 ? bar - 1 : bar, height, label, (long long)p->active);
	}
	buf_adds(b, "</svg>");
	buf_html(b, "<figcaption>%s</figcaption></figure>",
		 v->aggregates_only ? _("Les barres qui couvrent trop peu d'enfants ne sont pas dessinées.") : _("Chaque barre : les enfants actifs de la période."));
}
