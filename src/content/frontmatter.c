/*
 * frontmatter: the YAML header of a content file, between two "---" lines.
 * Every key is known in advance: an unknown key, a missing required key or
 * a value of the wrong shape is an error naming the key and its line.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "content/activity.h"
#include "content/parse.h"
#include "gen/generator.h"

struct fm_ctx {
	yaml_document_t *doc;
	struct activity *a;
	struct content_error *err;
	int first_line; /* file line of the first line of YAML text */
};

typedef int (*field_parser)(struct fm_ctx *c, const char *key,
			    yaml_node_t *value);

struct field {
	const char *key;
	bool required;
	field_parser parse;
};

static int node_line(const struct fm_ctx *c, const yaml_node_t *node)
{
	return c->first_line + (int)node->start_mark.line;
}

static const char *node_text(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

/* Get the single text value of `key`; empty values are rejected. */
static int scalar_value(struct fm_ctx *c, const char *key, yaml_node_t *value,
			size_t max, const char **out)
{
	int line = node_line(c, value);

	if (value->type != YAML_SCALAR_NODE)
		return content_fail(c->err, line, "le champ " LQ "%s" RQ
				    " attend une seule valeur, pas une liste",
				    key);
	if (value->data.scalar.length == 0)
		return content_fail(c->err, line, "le champ " LQ "%s" RQ
				    " est vide" SC " écrivez sa valeur après"
				    " les deux-points", key);
	if (value->data.scalar.length > max)
		return content_fail(c->err, line, "le champ " LQ "%s" RQ
				    " est trop long" SC " %d octets au plus",
				    key, (int)max);
	*out = node_text(value);
	return 0;
}

static int dup_value(struct fm_ctx *c, const char *key, yaml_node_t *value,
		     size_t max, char **out)
{
	const char *text = NULL;

	if (scalar_value(c, key, value, max, &text) < 0)
		return -1;
	*out = strdup(text);
	if (!*out)
		return content_fail(c->err, node_line(c, value),
				    "mémoire insuffisante");
	return 0;
}

static int parse_id(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	const char *id = NULL;
	size_t n;

	if (scalar_value(c, key, value, ACTIVITY_MAX_ID_BYTES, &id) < 0)
		return -1;
	n = strlen(id);
	if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != n ||
	    id[0] == '-' || id[n - 1] == '-') {
		char q[80];

		content_quote(id, n, q, sizeof(q));
		return content_fail(c->err, node_line(c, value),
				    "identifiant invalide " LQ "%s" RQ SC
				    " utilisez des minuscules sans accent, des"
				    " chiffres et des tirets, comme"
				    " maths-cm1-fractions", q);
	}
	c->a->id_line = node_line(c, value);
	return dup_value(c, key, value, ACTIVITY_MAX_ID_BYTES, &c->a->id);
}

static int parse_type(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	const char *type = NULL;
	char q[80];
	int t;

	if (scalar_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &type) < 0)
		return -1;
	t = content_type_parse(type);
	if (t >= 0) {
		c->a->type = (enum content_type)t;
		c->a->type_line = node_line(c, value);
		return 0;
	}
	content_quote(type, strlen(type), q, sizeof(q));
	return content_fail(c->err, node_line(c, value), "type inconnu " LQ
			    "%s" RQ SC " écrivez activite, fiche, dossier,"
			    " video, methodologie ou parcours", q);
}

static int parse_subject(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	const char *subject = NULL;
	char q[80];

	if (scalar_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &subject) < 0)
		return -1;
	if (subject_label(subject))
		return dup_value(c, key, value, ACTIVITY_MAX_NAME_BYTES,
				 &c->a->subject);
	content_quote(subject, strlen(subject), q, sizeof(q));
	return content_fail(c->err, node_line(c, value), "matière inconnue "
			    LQ "%s" RQ SC " écrivez par exemple mathematiques"
			    " ou francais (liste dans la documentation)", q);
}

/* Call `each` on every item of a list; a single value counts as a list of
 * one item. Returns 0 or -1. */
static int for_each_item(struct fm_ctx *c, const char *key, yaml_node_t *value,
			 int (*each)(struct fm_ctx *, yaml_node_t *))
{
	yaml_node_item_t *item;

	if (value->type == YAML_SCALAR_NODE)
		return each(c, value);
	if (value->type != YAML_SEQUENCE_NODE ||
	    value->data.sequence.items.top == value->data.sequence.items.start)
		return content_fail(c->err, node_line(c, value), "le champ "
				    LQ "%s" RQ " attend une liste, par exemple"
				    " [CM1, CM2]", key);
	for (item = value->data.sequence.items.start;
	     item < value->data.sequence.items.top; item++) {
		yaml_node_t *node = yaml_document_get_node(c->doc, *item);

		if (!node || node->type != YAML_SCALAR_NODE)
			return content_fail(c->err, node_line(c, value),
					    "le champ " LQ "%s" RQ " attend une"
					    " liste de valeurs simples", key);
		if (each(c, node) < 0)
			return -1;
	}
	return 0;
}

static int add_level(struct fm_ctx *c, yaml_node_t *node)
{
	unsigned bit = level_parse(node_text(node));
	char q[80];

	if (bit) {
		c->a->levels |= bit;
		return 0;
	}
	content_quote(node_text(node), node->data.scalar.length, q, sizeof(q));
	return content_fail(c->err, node_line(c, node), "niveau inconnu " LQ
			    "%s" RQ SC " écrivez CE2, CM1, CM2 ou 6e", q);
}

static int parse_levels(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return for_each_item(c, key, value, add_level);
}

/* Append a copy of the scalar `node` to the list `*v` and its line to
 * `*lines`, both of `*count` items. */
static int push_with_line(struct fm_ctx *c, char ***v, int **lines,
			  size_t *count, yaml_node_t *node)
{
	char **grown_v = realloc(*v, (*count + 1) * sizeof(**v));
	int *grown_lines;

	if (grown_v)
		*v = grown_v;
	grown_lines = realloc(*lines, (*count + 1) * sizeof(**lines));
	if (grown_lines)
		*lines = grown_lines;
	if (!grown_v || !grown_lines ||
	    !((*v)[*count] = strdup(node_text(node))))
		return content_fail(c->err, node_line(c, node),
				    "mémoire insuffisante");
	(*lines)[(*count)++] = node_line(c, node);
	return 0;
}

static bool code_valid(const char *code, size_t n)
{
	return n > 0 && n <= ACTIVITY_MAX_CODE_BYTES &&
	       strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static int add_competency(struct fm_ctx *c, yaml_node_t *node)
{
	struct activity *a = c->a;
	const char *code = node_text(node);
	size_t n = node->data.scalar.length;
	char q[80];

	content_quote(code, n, q, sizeof(q));
	if (!code_valid(code, n))
		return content_fail(c->err, node_line(c, node), "code de"
				    " compétence invalide " LQ "%s" RQ SC
				    " utilisez des majuscules, des chiffres et"
				    " des tirets, comme MA-NC-FRACTIONS", q);
	if (a->competency_count == ACTIVITY_MAX_COMPETENCIES)
		return content_fail(c->err, node_line(c, node), "trop de"
				    " compétences" SC " %d au plus",
				    ACTIVITY_MAX_COMPETENCIES);

	return push_with_line(c, &a->competencies, &a->competency_lines,
			      &a->competency_count, node);
}

static int parse_competencies(struct fm_ctx *c, const char *key,
			      yaml_node_t *value)
{
	return for_each_item(c, key, value, add_competency);
}

static int parse_title(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return dup_value(c, key, value, ACTIVITY_MAX_TITLE_BYTES, &c->a->title);
}

static int parse_theme(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return dup_value(c, key, value, ACTIVITY_MAX_TITLE_BYTES, &c->a->theme);
}

static int parse_author(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return dup_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &c->a->author);
}

static int parse_reviewer(struct fm_ctx *c, const char *key,
			  yaml_node_t *value)
{
	return dup_value(c, key, value, ACTIVITY_MAX_NAME_BYTES,
			 &c->a->reviewer);
}

/* Read a whole number between 1 and `max` into `*out`. */
static int whole_number(struct fm_ctx *c, const char *key, yaml_node_t *value,
			long max, int *out)
{
	const char *text = NULL;
	char *end;
	char q[80];
	long n;

	if (scalar_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &text) < 0)
		return -1;
	errno = 0;
	n = strtol(text, &end, 10);
	if (errno == 0 && *end == '\0' && text[0] >= '0' && text[0] <= '9' &&
	    n >= 1 && n <= max) {
		*out = (int)n;
		return 0;
	}
	content_quote(text, strlen(text), q, sizeof(q));
	return content_fail(c->err, node_line(c, value), "valeur invalide "
			    LQ "%s" RQ " pour " LQ "%s" RQ SC " écrivez un"
			    " nombre entier de 1 à %ld", q, key, max);
}

static int parse_minutes(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return whole_number(c, key, value, ACTIVITY_MAX_MINUTES,
			    &c->a->minutes);
}

static int parse_version(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return whole_number(c, key, value, ACTIVITY_MAX_VERSION,
			    &c->a->version);
}

/* An id in a dossier's list: the same shape as the "id:" key. */
static int add_item(struct fm_ctx *c, yaml_node_t *node)
{
	struct activity *a = c->a;
	const char *id = node_text(node);
	size_t n = node->data.scalar.length;
	char q[80];

	content_quote(id, n, q, sizeof(q));
	if (n == 0 || n > ACTIVITY_MAX_ID_BYTES ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return content_fail(c->err, node_line(c, node), "identifiant"
				    " invalide " LQ "%s" RQ " dans " LQ "items"
				    RQ SC " écrivez l’id d’une fiche, d’une"
				    " activité ou d’une vidéo", q);
	if (a->item_count == ACTIVITY_MAX_ITEMS)
		return content_fail(c->err, node_line(c, node), "trop"
				    " d’éléments dans le dossier" SC " %d au"
				    " plus", ACTIVITY_MAX_ITEMS);
	return push_with_line(c, &a->items, &a->item_lines, &a->item_count,
			      node);
}

static int parse_items(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return for_each_item(c, key, value, add_item);
}

/* A media file name: lowercase letters, digits and dashes, then one of
 * the extensions in `extensions` (NULL-terminated). */
static int file_name_value(struct fm_ctx *c, const char *key,
			   yaml_node_t *value, const char *const *extensions,
			   const char *hint, char **out)
{
	const char *name = NULL, *dot;
	size_t i;
	char q[80];

	if (scalar_value(c, key, value, RESOURCE_MAX_FILE_NAME_BYTES, &name) < 0)
		return -1;
	dot = strrchr(name, '.');
	for (i = 0; dot && dot > name && extensions[i]; i++)
		if (strcmp(dot + 1, extensions[i]) == 0 &&
		    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
			    (size_t)(dot - name))
			return dup_value(c, key, value,
					 RESOURCE_MAX_FILE_NAME_BYTES, out);
	content_quote(name, strlen(name), q, sizeof(q));
	return content_fail(c->err, node_line(c, value), "nom de fichier"
			    " invalide " LQ "%s" RQ " pour " LQ "%s" RQ SC
			    " écrivez un nom en minuscules sans accent ni"
			    " dossier, comme %s", q, key, hint);
}

static int parse_media(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	static const char *const video[] = { "webm", "mp4", NULL };

	c->a->media_line = node_line(c, value);
	return file_name_value(c, key, value, video, "fractions.webm",
			       &c->a->media);
}

static int parse_captions(struct fm_ctx *c, const char *key,
			  yaml_node_t *value)
{
	static const char *const vtt[] = { "vtt", NULL };

	return file_name_value(c, key, value, vtt, "fractions.vtt",
			       &c->a->captions);
}

/* "enfants" (the default) or "adultes": a training module for the adults,
 * which the catalogue never shows to children. */
static int parse_audience(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	const char *audience = NULL;
	char q[80];

	if (scalar_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &audience) < 0)
		return -1;
	if (strcmp(audience, "enfants") == 0 || strcmp(audience, "adultes") == 0) {
		c->a->adults_only = strcmp(audience, "adultes") == 0;
		return 0;
	}
	content_quote(audience, strlen(audience), q, sizeof(q));
	return content_fail(c->err, node_line(c, value), "public inconnu " LQ
			    "%s" RQ SC " écrivez enfants ou adultes", q);
}

static int parse_generator(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	const char *name = NULL;
	char q[80];

	if (scalar_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &name) < 0)
		return -1;
	if (generator_find(name))
		return dup_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &c->a->generator);
	content_quote(name, strlen(name), q, sizeof(q));
	return content_fail(c->err, node_line(c, value), "générateur inconnu " LQ "%s" RQ SC " les générateurs"
			    " possibles sont %s", q, generator_names());
}

static int parse_variant(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return dup_value(c, key, value, ACTIVITY_MAX_NAME_BYTES, &c->a->variant);
}

static int parse_difficulty(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return whole_number(c, key, value, GENERATOR_MAX_DIFFICULTY, &c->a->difficulty);
}

static int parse_question_count(struct fm_ctx *c, const char *key, yaml_node_t *value)
{
	return whole_number(c, key, value, GENERATOR_MAX_ITEMS, &c->a->generated_count);
}

static const struct field fields[] = {
	{ "id", true, parse_id },
	{ "type", true, parse_type },
	{ "subject", true, parse_subject },
	{ "levels", true, parse_levels },
	{ "competencies", true, parse_competencies },
	{ "title", true, parse_title },
	{ "theme", false, parse_theme },
	{ "minutes", true, parse_minutes },
	{ "author", true, parse_author },
	{ "reviewer", true, parse_reviewer },
	{ "version", true, parse_version },
	{ "items", false, parse_items },
	{ "media", false, parse_media },
	{ "captions", false, parse_captions },
	{ "audience", false, parse_audience },
	{ "generator", false, parse_generator },
	{ "variant", false, parse_variant },
	{ "difficulty", false, parse_difficulty },
	{ "questions", false, parse_question_count },
};

#define FIELD_COUNT (sizeof(fields) / sizeof(fields[0]))
#define FIELD_LIST "id, type, subject, levels, competencies, title, theme," \
	" minutes, author, reviewer, version, items, media, captions, audience," \
	" generator, variant, difficulty, questions"

static int find_field(const char *key)
{
	size_t i;

	for (i = 0; i < FIELD_COUNT; i++)
		if (strcmp(key, fields[i].key) == 0)
			return (int)i;
	return -1;
}

/* Parse one "key: value" pair, marking the key as seen. */
static int parse_pair(struct fm_ctx *c, yaml_node_pair_t *pair, bool *seen)
{
	yaml_node_t *key = yaml_document_get_node(c->doc, pair->key);
	yaml_node_t *value = yaml_document_get_node(c->doc, pair->value);
	char q[80];
	int i;

	if (!key || !value || key->type != YAML_SCALAR_NODE)
		return content_fail(c->err, c->first_line, "l’en-tête doit"
				    " contenir une ligne " LQ "champ" SC
				    " valeur" RQ " par champ");
	content_quote(node_text(key), key->data.scalar.length, q, sizeof(q));
	i = find_field(node_text(key));
	if (i < 0)
		return content_fail(c->err, node_line(c, key), "champ inconnu "
				    LQ "%s" RQ SC " les champs possibles sont "
				    FIELD_LIST, q);
	if (seen[i])
		return content_fail(c->err, node_line(c, key), "le champ " LQ
				    "%s" RQ " est écrit deux fois" SC " gardez"
				    " une seule ligne", q);
	seen[i] = true;
	return fields[i].parse(c, fields[i].key, value);
}

/* Line of the key `key` in the header, or `fallback`. */
static int key_line_of(struct fm_ctx *c, const char *key, int fallback)
{
	yaml_node_t *root = yaml_document_get_root_node(c->doc);
	yaml_node_pair_t *pair;

	for (pair = root ? root->data.mapping.pairs.start : NULL;
	     root && pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, pair->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp(node_text(k), key) == 0)
			return node_line(c, k);
	}
	return fallback;
}

/* "items" belongs to a dossier or a J'explore path, "media" and
 * "captions" to a video, and each of these types needs its keys. */
static int check_type_keys(struct fm_ctx *c, const bool *seen, int close_line)
{
	static const struct {
		const char *key;
		enum content_type owner;
	} owned[] = {
		{ "items", CONTENT_DOSSIER },
		{ "media", CONTENT_VIDEO },
		{ "captions", CONTENT_VIDEO },
	};
	enum content_type type = c->a->type;
	size_t i;
	int f;

	for (i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
		enum content_type owner = owned[i].owner;

		/* A J'explore path lists its steps like a dossier. */
		if (owner == CONTENT_DOSSIER && type == CONTENT_PARCOURS)
			owner = CONTENT_PARCOURS;
		f = find_field(owned[i].key);
		if (seen[f] && type != owner)
			return content_fail(c->err, key_line_of(c, owned[i].key,
					    close_line), "le champ " LQ "%s" RQ
					    " ne sert qu’au type %s" SC
					    " retirez-le ou changez le type",
					    owned[i].key,
					    content_type_name(owned[i].owner));
		if (!seen[f] && type == owner)
			return content_fail(c->err, close_line, "champ " LQ
					    "%s" RQ " manquant pour le type %s"
					    SC " ajoutez-le avant la ligne " LQ
					    "---" RQ, owned[i].key,
					    content_type_name(type));
	}
	return 0;
}

/* Levels and competencies describe children's work: a training module
 * for adults may leave them out. */
static bool adult_optional(const struct fm_ctx *c, const char *key)
{
	return c->a->adults_only && (strcmp(key, "levels") == 0 || strcmp(key, "competencies") == 0);
}

/* The subject "formation" and the audience "adultes" go together. */
static int audience_check(struct fm_ctx *c, int close_line)
{
	bool training = c->a->subject && strcmp(c->a->subject, "formation") == 0;

	if (training && !c->a->adults_only)
		return content_fail(c->err, close_line, "un module de la matière"
				    " formation est réservé aux adultes" SC
				    " ajoutez la ligne " LQ "audience" SC
				    " adultes" RQ);
	if (!training && c->a->adults_only)
		return content_fail(c->err, close_line, "un contenu pour"
				    " adultes va dans la matière formation"
				    SC " écrivez " LQ "subject" SC " formation"
				    RQ " et rangez-le dans content/formation/");
	return 0;
}

/* The settings of a generator need the generator, and its variant must be
 * one it knows. */
static int generator_settings_check(struct fm_ctx *c, int close_line)
{
	const struct generator_info *g = generator_find(c->a->generator);
	struct activity *a = c->a;
	char q[80];

	if (!g && (a->variant || a->difficulty || a->generated_count))
		return content_fail(c->err, close_line, "les champs variant, difficulty et questions ne servent qu’avec"
				    " un générateur" SC " ajoutez un champ generator ou retirez-les");
	if (!g)
		return 0;
	if (!a->difficulty)
		a->difficulty = 1;
	if (!a->generated_count)
		a->generated_count = GENERATOR_DEFAULT_ITEMS;
	if (a->variant && !generator_variant_valid(g, a->variant)) {
		content_quote(a->variant, strlen(a->variant), q, sizeof(q));
		return content_fail(c->err, close_line, "variante " LQ "%s" RQ " inconnue pour le générateur " LQ
				    "%s" RQ SC " %s", q, g->name, g->variants ? "choisissez-en une dans la liste de"
				    " docs/format-contenu.md" : "ce générateur n’a pas de variante, retirez le champ variant");
	}
	return 0;
}

static int parse_mapping(struct fm_ctx *c, int close_line)
{
	yaml_node_t *root = yaml_document_get_root_node(c->doc);
	yaml_node_pair_t *pair;
	bool seen[FIELD_COUNT] = { false };
	size_t i;

	if (root && root->type != YAML_MAPPING_NODE)
		return content_fail(c->err, node_line(c, root), "l’en-tête doit"
				    " contenir des lignes " LQ "champ" SC
				    " valeur" RQ ", comme title" SC " Les"
				    " fractions");
	for (pair = root ? root->data.mapping.pairs.start : NULL;
	     root && pair < root->data.mapping.pairs.top; pair++)
		if (parse_pair(c, pair, seen) < 0)
			return -1;
	if (audience_check(c, close_line) < 0)
		return -1;
	for (i = 0; i < FIELD_COUNT; i++)
		if (fields[i].required && !seen[i] && !adult_optional(c, fields[i].key))
			return content_fail(c->err, close_line, "champ " LQ "%s"
					    RQ " manquant dans l’en-tête"
					    SC " ajoutez-le avant la ligne"
					    " " LQ "---" RQ, fields[i].key);
	if (check_type_keys(c, seen, close_line) < 0)
		return -1;
	return generator_settings_check(c, close_line);
}

static bool is_marker(const struct src_line *line)
{
	size_t n = line->len;

	while (n > 3 && (line->text[n - 1] == ' ' || line->text[n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(line->text, "---", 3) == 0;
}

/* Find the closing "---"; returns its index or 0 when there is none. */
static size_t find_close(const struct src_line *lines, size_t count)
{
	size_t i;

	for (i = 1; i < count; i++)
		if (is_marker(&lines[i]))
			return i;
	return 0;
}

static int load_yaml(struct fm_ctx *c, const char *text, size_t len)
{
	yaml_parser_t parser;
	int rc = 0;

	if (!yaml_parser_initialize(&parser))
		return content_fail(c->err, c->first_line, "mémoire"
				    " insuffisante");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, c->doc)) {
		/* The context mark points at the start of the construct left
		 * open (a quote, a list), which is where the author must look. */
		yaml_mark_t mark = parser.context ? parser.context_mark :
						    parser.problem_mark;
		int line = c->first_line + (int)mark.line;

		rc = content_fail(c->err, line, "l’en-tête n’est pas du YAML"
				  " valide" SC " vérifiez les deux-points, les"
				  " retraits (des espaces, pas de tabulation)"
				  " et les guillemets");
	}
	yaml_parser_delete(&parser);
	return rc;
}

int front_matter_parse(const struct src_line *lines, size_t count,
		       size_t *body_start, struct activity *a,
		       struct content_error *err)
{
	yaml_document_t doc;
	struct fm_ctx c = { &doc, a, err, 2 };
	size_t close, len;
	int rc;

	if (count == 0 || !is_marker(&lines[0]))
		return content_fail(err, 1, "le fichier doit commencer par une"
				    " ligne " LQ "---" RQ ", suivie de"
				    " l’en-tête (id, title…)");
	close = find_close(lines, count);
	if (close == 0)
		return content_fail(err, 1, "l’en-tête ouvert ligne 1 n’est"
				    " jamais fermé" SC " ajoutez une ligne " LQ
				    "---" RQ " après le dernier champ");
	len = (size_t)(lines[close].text - lines[1].text);
	if (len > ACTIVITY_MAX_FRONT_MATTER_BYTES)
		return content_fail(err, 1, "en-tête trop long" SC " %d octets"
				    " au plus", ACTIVITY_MAX_FRONT_MATTER_BYTES);

	if (load_yaml(&c, lines[1].text, len) < 0)
		return -1;
	rc = parse_mapping(&c, lines[close].number);
	yaml_document_delete(&doc);
	*body_start = close + 1;
	return rc;
}
