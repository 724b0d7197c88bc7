#include "content/stats.h"

#include <string.h>

static const unsigned level_bits[] = { LEVEL_CE2, LEVEL_CM1, LEVEL_CM2, LEVEL_6E };
#define LEVEL_COUNT (sizeof(level_bits) / sizeof(level_bits[0]))
#define TYPE_COUNT (CONTENT_PARCOURS + 1)

struct tally {
	size_t activities;
	size_t resources;
};

static void tally_add(struct tally *t, const struct activity *a)
{
	if (a->type == CONTENT_ACTIVITY)
		t->activities++;
	else
		t->resources++;
}

/* Contents of `subject` (NULL = any) at `level` (0 = any) serving `code`
 * (NULL = any). */
static struct tally count(const struct catalog *c, const char *subject, unsigned level, const char *code)
{
	struct tally t = { 0, 0 };
	size_t i;

	for (i = 0; i < c->count; i++) {
		const struct activity *a = c->entries[i].activity;

		if (subject && strcmp(a->subject, subject) != 0)
			continue;
		if (level && !(a->levels & level))
			continue;
		if (code && !activity_has_competency(a, code))
			continue;
		tally_add(&t, a);
	}
	return t;
}

void content_stats_print(const struct catalog *c, FILE *out)
{
	size_t type_counts[TYPE_COUNT] = { 0 }, i, l;
	const char *subject;
	struct tally t;

	fprintf(out, "Contenus : %zu\n\nPar type :\n", c->count);
	for (i = 0; i < c->count; i++)
		type_counts[c->entries[i].activity->type]++;
	for (i = 0; i < TYPE_COUNT; i++)
		fprintf(out, "  %-22s %zu\n", content_type_name((enum content_type)i), type_counts[i]);

	fprintf(out, "\nPar matière et niveau (activités / ressources) :\n  %-22s", "");
	for (l = 0; l < LEVEL_COUNT; l++)
		fprintf(out, " %9s", level_name(level_bits[l]));
	fprintf(out, " %9s\n", "total");
	for (i = 0; (subject = subject_id(i)); i++) {
		fprintf(out, "  %-22s", subject);
		for (l = 0; l < LEVEL_COUNT; l++) {
			t = count(c, subject, level_bits[l], NULL);
			fprintf(out, " %4zu / %2zu", t.activities, t.resources);
		}
		t = count(c, subject, 0, NULL);
		fprintf(out, " %4zu / %2zu\n", t.activities, t.resources);
	}

	fprintf(out, "\nPar compétence (activités / ressources) :\n");
	for (i = 0; i < c->ref.count; i++) {
		t = count(c, NULL, 0, c->ref.items[i].code);
		fprintf(out, "  %-28s %4zu / %2zu\n", c->ref.items[i].code, t.activities, t.resources);
	}
}

/* Levels at which the referential teaches `subject`. */
static unsigned taught_levels(const struct catalog *c, const char *subject)
{
	unsigned levels = 0;
	size_t i;

	for (i = 0; i < c->ref.count; i++)
		if (strcmp(c->ref.items[i].subject, subject) == 0)
			levels |= c->ref.items[i].levels;
	return levels;
}

static int check_levels(const struct catalog *c, const char *subject, FILE *out)
{
	unsigned taught = taught_levels(c, subject);
	int missing = 0;
	struct tally t;
	size_t l;

	for (l = 0; l < LEVEL_COUNT; l++) {
		if (!(taught & level_bits[l]))
			continue;
		t = count(c, subject, level_bits[l], NULL);
		if (t.activities >= STATS_MIN_ACTIVITIES_PER_LEVEL && t.resources >= STATS_MIN_RESOURCES_PER_LEVEL)
			continue;
		fprintf(out, "%s %s : %zu activité(s) et %zu ressource(s), il en faut au moins %d et %d\n", subject,
			level_name(level_bits[l]), t.activities, t.resources, STATS_MIN_ACTIVITIES_PER_LEVEL,
			STATS_MIN_RESOURCES_PER_LEVEL);
		missing++;
	}
	return missing;
}

static int check_competencies(const struct catalog *c, const char *subject, FILE *out)
{
	const struct competency *comp;
	int missing = 0;
	struct tally t;
	size_t i;

	for (i = 0; i < c->ref.count; i++) {
		comp = &c->ref.items[i];
		if (strcmp(comp->subject, subject) != 0)
			continue;
		t = count(c, NULL, 0, comp->code);
		if (t.activities >= STATS_MIN_ACTIVITIES_PER_COMPETENCY && t.resources >= STATS_MIN_RESOURCES_PER_COMPETENCY)
			continue;
		fprintf(out, "compétence %s : %zu activité(s) et %zu ressource(s), il en faut au moins %d et %d\n",
			comp->code, t.activities, t.resources, STATS_MIN_ACTIVITIES_PER_COMPETENCY,
			STATS_MIN_RESOURCES_PER_COMPETENCY);
		missing++;
	}
	return missing;
}

int content_minimums_check(const struct catalog *c, FILE *out)
{
	static const char *const core[] = { STATS_CORE_SUBJECTS };
	const char *subject;
	int missing = 0;
	size_t i;

	for (i = 0; (subject = subject_id(i)); i++)
		missing += check_levels(c, subject, out);
	for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		missing += check_competencies(c, core[i], out);
	return missing;
}
