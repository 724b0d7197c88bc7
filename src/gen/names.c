/* The list of generators, shared by the content parser and the pages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/generator.h"

static const char *const mental_variants[] = { "mixte", "addition", "soustraction", "multiplication", "tables", NULL };
static const char *const operation_variants[] = { "entiers", "decimaux", NULL };
static const char *const fraction_variants[] = { "mixte", "partage", "decimal", "somme", NULL };
static const char *const conversion_variants[] = { "longueurs", "masses", "contenances", "durees", NULL };
static const char *const numeration_variants[] = { "entiers", "decimaux", NULL };
static const char *const comparison_variants[] = { "comparer", "ranger", NULL };
static const char *const conjugation_variants[] = { "cycle3", "present", "imparfait", "futur", "passe-compose", "passe-simple", NULL };

static const struct generator_info generators[] = {
	{ "calcul-mental", mental_variants, "calcul mental : additions, soustractions, multiplications et tables" },
	{ "operations", operation_variants, "les quatre opérations sur les nombres entiers ou décimaux" },
	{ "fractions", fraction_variants, "fractions : d'une quantité, en nombre décimal, sommes" },
	{ "conversions", conversion_variants, "conversions de longueurs, de masses, de contenances et de durées" },
	{ "numeration", numeration_variants, "valeur des chiffres dans un nombre entier ou décimal" },
	{ "comparaison", comparison_variants, "comparer et ranger des nombres" },
	{ "conjugaison", conjugation_variants, "conjuguer un verbe aux temps du cycle 3" },
	{ "homophones", NULL, "homophones : a/à, et/est, son/sont, on/ont, ce/se, ces/ses" },
	{ "dictee", NULL, "dictée à trous de textes du domaine public" },
};

const struct generator_info *generator_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(generators) / sizeof(generators[0]); i++)
		if (strcmp(generators[i].name, name) == 0)
			return &generators[i];
	return NULL;
}

bool generator_variant_valid(const struct generator_info *g, const char *variant)
{
	size_t i;

	for (i = 0; g->variants && g->variants[i]; i++)
		if (strcmp(g->variants[i], variant) == 0)
			return true;
	return false;
}

const char *generator_names(void)
{
	return "calcul-mental, operations, fractions, conversions, numeration, comparaison, conjugaison, homophones, dictee";
}

struct seed_text generator_seed_text(uint64_t seed)
{
	struct seed_text t;

	snprintf(t.text, sizeof(t.text), "%llu", (unsigned long long)seed);
	return t;
}

bool generator_seed_parse(const char *text, uint64_t *seed)
{
	unsigned long long v;
	char *end;

	if (!text || !*text || strlen(text) > 19 || strspn(text, "0123456789") != strlen(text))
		return false;
	v = strtoull(text, &end, 10);
	if (*end || v > INT64_MAX)
		return false;
	*seed = v;
	return true;
}
