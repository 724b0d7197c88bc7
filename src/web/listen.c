/* "Écouter": the links of the child pages and GET /ecouter. */
#include "web/listen.h"
#include "web/survey_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "content/content_store.h"
#include "core/log.h"
#include "gen/generator.h"
#include "learn/reading.h"
#include "speech/speech.h"
#include "tools/written_op.h"
#include "tutor/tutor.h"
#include "web/page.h"

/* Spoken instructions of the child pages that have no activity text. They
 * stay in French whatever the interface language, because the voice is
 * espeak-ng's French one. */
struct page_text {
	const char *pattern; /* the page's route; ":name" matches one segment */
	const char *name;    /* the ?page= value */
	const char *text;
	bool signed_out; /* also read to visitors: a sign-in page */
};

static const struct page_text page_texts[] = {
	{ "/connexion/enfant/:code", "prenoms",
	  "Cherche ton prénom dans la liste, puis clique dessus.", true },
	{ "/connexion/enfant/:code/:id", "images",
	  "Touche tes trois images, dans l'ordre. Si tu te trompes, clique sur Recommencer.", true },
	{ "/eleve", "accueil", "Bonjour ! Choisis une matière pour commencer. Clique sur une image.", false },
	{ "/eleve/matiere/:subject", "matiere",
	  "Choisis une activité dans la liste. Le nombre de minutes dit combien de temps elle dure, à peu près.", false },
	{ "/eleve/resultats", "resultats",
	  "Voici les activités que tu as faites, les plus récentes d'abord. Clique sur le nom d'une activité pour revoir tes réponses.", false },
	{ "/resultat/:id", "resultat",
	  "Voici ton résultat. Lis la correction sous chaque question. Tu peux ensuite refaire l'activité.", false },
	{ "/eleve/progres", "progres",
	  "Voici tes progrès. Pour chaque matière, les points montrent ce que tu sais : aucun point, c'est à découvrir ; "
	  "trois points, c'est maîtrisé. Chaque activité te fait progresser !", false },
	{ "/eleve/lecture", "lecture",
	  "Ici, tu choisis comment lire Ardoise : une police plus facile à lire, des lettres plus espacées, "
	  "des syllabes en couleur, ou une voix plus lente. Coche ce que tu veux, puis clique sur Enregistrer.", false },
	{ "/tutorat", "tutorat",
	  "Ici, tu peux poser une question à un tuteur. Écris ce que tu as déjà essayé et ce qui te bloque, puis clique sur Envoyer ma question. "
	  "N'écris jamais ton adresse ni ton numéro de téléphone.", false },
	{ "/tutorat/demander", "demander",
	  "Écris ta question au tuteur. Dis-lui ce que tu as déjà essayé. Puis clique sur Envoyer ma question.", false },
	{ "/tutorat/conversation/:id", "conversation",
	  "Voici ta conversation avec le tuteur. Ses réponses arrivent ici. Tu peux lui écrire en bas de la page.", false },
};

struct listen_job {
	char *text;
	int speed;
	int rc;
	char key[SPEECH_KEY_CHARS + 1];
	char name[SPEECH_FILE_CHARS + 1];
};

/* True when `path` matches `pattern` segment by segment. */
static bool path_matches(const char *pattern, const char *path)
{
	while (*pattern && *path) {
		if (*pattern == ':') {
			pattern += strcspn(pattern, "/");
			if (*path == '/')
				return false;
			path += strcspn(path, "/");
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return *pattern == '\0' && *path == '\0';
}

/* Write one link. The caller escapes `query`, which is trusted markup.
 * `description` names the text for screen readers, so that each link of
 * a page has its own name. */
static void listen_link(struct buf *b, const char *query, const char *description)
{
	if (!speech_available())
		return;
	buf_html(b, "<a class=\"btn btn-listen\" href=\"/ecouter?%S\" data-listen>"
			  "<img src=\"/static/img/ecouter.svg\" alt=\"\" width=\"24\" height=\"24\">%s<span class=\"sr-only\"> %s</span></a>",
		 query, _("Écouter"), description);
}

void listen_page_instructions(struct request *r)
{
	struct buf query = BUF_INIT(256);
	size_t i;

	for (i = 0; i < sizeof(page_texts) / sizeof(page_texts[0]); i++) {
		if (!path_matches(page_texts[i].pattern, r->path))
			continue;
		buf_html(&query, "page=%U", page_texts[i].name);
		buf_adds(&r->out, "<p class=\"listen-bar\">");
		listen_link(&r->out, buf_cstr(&query), _("les consignes de la page"));
		buf_adds(&r->out, "</p>");
		break;
	}
	buf_release(&query);
}

void listen_activity(struct request *r, const struct activity *a, int question)
{
	struct buf query = BUF_INIT(512);
	char description[64];

	buf_html(&query, "activite=%U&amp;version=%d", a->id, a->version);
	if (a->generator)
		buf_html(&query, "&amp;graine=%S", generator_seed_text(a->seed).text);
	if (question >= 0) {
		buf_html(&query, "&amp;question=%d", question);
		snprintf(description, sizeof(description), _("la question %d"), question + 1);
	} else {
		snprintf(description, sizeof(description), "%s", _("les consignes de l'activité"));
	}
	listen_link(&r->out, buf_cstr(&query), description);
	buf_release(&query);
}

void listen_operation(struct request *r, const char *a, const char *b, const char *op, int step)
{
	struct buf query = BUF_INIT(512);

	buf_html(&query, "operation=%U&amp;a=%U&amp;b=%U&amp;etape=%d", op, a, b, step);
	listen_link(&r->out, buf_cstr(&query), _("l'explication de cette étape"));
	buf_release(&query);
}

void listen_survey(struct request *r, int64_t survey_id, int position)
{
	char query[96], description[64];

	snprintf(query, sizeof(query), "enquete=%lld&amp;question=%d", (long long)survey_id, position);
	snprintf(description, sizeof(description), _("la question %d"), position);
	listen_link(&r->out, query, description);
}

void listen_tutoring_message(struct buf *b, int64_t message_id)
{
	char query[48];

	snprintf(query, sizeof(query), "message=%lld", (long long)message_id);
	listen_link(b, query, _("le message du tuteur"));
}

/* ---- the texts ---- */

static int page_text(const char *name, bool signed_in, struct buf *text)
{
	size_t i;

	for (i = 0; i < sizeof(page_texts) / sizeof(page_texts[0]); i++)
		if (strcmp(page_texts[i].name, name) == 0 && (signed_in || page_texts[i].signed_out)) {
			speech_text_add(text, page_texts[i].text);
			return 0;
		}
	return -1;
}

/* The items of a "::: name" block, in the order the page shows them. */
static void block_text(const struct question *q, struct buf *text)
{
	const struct item_set *it = &q->items;
	size_t i;

	for (i = 0; q->kind == QUESTION_ANALYSIS && i < q->analysis.unit_count; i++)
		speech_text_add(text, q->analysis.units[i].text);
	for (i = 0; q->kind == QUESTION_MATCH && i < it->left_count; i++) {
		buf_adds(text, i == 0 ? " … " : ". ");
		speech_text_add(text, it->left[i]);
	}
	for (i = 0; q->kind == QUESTION_SORT && i < it->left_count; i++) {
		buf_adds(text, i == 0 ? " … " : ". ");
		speech_text_add(text, it->left[i]);
	}
	for (i = 0; question_has_items(q) && i < it->right_count; i++) {
		buf_adds(text, i == 0 ? " … " : ". ");
		speech_text_add(text, it->right[it->display_order[i]]);
	}
}

static void question_text(const struct question *q, size_t index, struct buf *text)
{
	char heading[32];
	size_t i;

	snprintf(heading, sizeof(heading), "Question %zu. ", index + 1);
	speech_text_add(text, heading);
	if (q->speech_text) {
		speech_text_add(text, q->speech_text);
		return;
	}
	speech_text_from_html(text, q->prompt_html);
	if (q->kind == QUESTION_CLOZE) {
		buf_adds(text, " ");
		for (i = 0; i <= q->blank_count; i++) {
			speech_text_from_html(text, q->pieces_html[i]);
			if (i < q->blank_count)
				buf_adds(text, " … ");
		}
	}
	for (i = 0; q->kind == QUESTION_CHOICE && i < q->option_count; i++) {
		buf_adds(text, i == 0 ? " … " : ". ");
		speech_text_from_html(text, q->options[i].html);
	}
	if (q->kind == QUESTION_ANALYSIS)
		buf_adds(text, " … ");
	block_text(q, text);
}

static void intro_text(const struct activity *a, struct buf *text)
{
	speech_text_add(text, a->title);
	buf_adds(text, ". ");
	if (a->intro_html)
		speech_text_from_html(text, a->intro_html);
}

long listen_query_number(struct request *r, const char *name, long fallback)
{
	const char *value = form_get(&r->query, name);
	char *end;
	long n;

	if (!value)
		return fallback;
	n = strtol(value, &end, 10);
	return *value && !*end && n >= 0 && n < 1000000 ? n : -2;
}

const struct activity *listen_activity_version(struct request *r, const struct activity *current, long version,
					       struct activity **older)
{
	*older = NULL;
	if (version == current->version)
		return current;
	*older = content_store_version(r->db, current->id, (int)version);
	return *older;
}

/* The sentence of one step of a written operation, with its signs spelt
 * out for the voice ("×" is read "fois"). */
static int operation_text(struct request *r, const char *name, struct buf *text)
{
	static const char *const signs[][2] = {
		{ "×", " fois " }, { "−", " moins " }, { "÷", " divisé par " }, { "+", " plus " }, { "=", " égale " },
	};
	int kind = written_op_kind_parse(name), rc = -1;
	long step = listen_query_number(r, "etape", 0);
	struct written_op *op = malloc(sizeof(*op));
	const char *a = form_get(&r->query, "a"), *b = form_get(&r->query, "b"), *p;
	char err[256];
	size_t i;

	if (op && kind >= 0 && a && b && step >= 0 &&
	    written_op_build((enum op_kind)kind, a, b, op, err, sizeof(err)) == 0 && step < op->step_count) {
		for (p = op->steps[step]; *p;) {
			for (i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
				if (strncmp(p, signs[i][0], strlen(signs[i][0])) == 0)
					break;
			if (i < sizeof(signs) / sizeof(signs[0])) {
				buf_adds(text, signs[i][1]);
				p += strlen(signs[i][0]);
			} else {
				buf_addc(text, *p++);
			}
		}
		rc = 0;
	}
	free(op);
	return rc;
}

/* Scope: a child hears only the activities of its level, like the page. */
static int activity_text(struct request *r, const char *id, struct buf *text)
{
	const struct activity *current = catalog_find(r->catalog, id), *a;
	long version = listen_query_number(r, "version", -2), question = listen_query_number(r, "question", -1);
	struct activity *older = NULL, *generated = NULL;
	uint64_t seed;
	int rc = -1;

	if (!current || current->type != CONTENT_ACTIVITY || version < 1 || question < -1)
		return -1;
	if ((r->user.caps & CAP_DO_ACTIVITIES) && (current->adults_only || !(current->levels & level_parse(r->user.level))))
		return -1;
	a = listen_activity_version(r, current, version, &older);
	if (!a)
		return -1;
	/* A generated activity's questions come back from their seed. */
	if (a->generator && question >= 0) {
		char err[256];

		if (!generator_seed_parse(form_get(&r->query, "graine"), &seed) ||
		    !(generated = generator_expand(a, seed, err, sizeof(err))))
			goto out;
		a = generated;
	}
	if (question >= (long)a->question_count)
		goto out;
	if (question < 0)
		intro_text(a, text);
	else
		question_text(&a->questions[question], (size_t)question, text);
	rc = 0;
out:
	activity_free(generated);
	activity_free(older);
	return rc;
}

struct message_find {
	int64_t id;
	struct buf *text;
	bool found;
};

static void message_body(const struct tutor_message *m, void *ctx)
{
	struct message_find *f = ctx;

	if (m->id != f->id || f->found)
		return;
	speech_text_add(f->text, m->body);
	f->found = true;
}

/* Scope: only a reader of the conversation hears a tutoring message. */
static int message_text(struct request *r, const char *id_text, struct buf *text)
{
	char *end;
	long long id = strtoll(id_text, &end, 10);
	struct message_find find = { id, text, false };
	struct tutor_question q;
	int64_t question_id;

	if (*end || id <= 0)
		return -1;
	question_id = tutor_message_question(r->db, id);
	if (question_id <= 0 || tutor_question_load(r->db, question_id, &q) != 1 || !tutor_may_read(r->db, &r->user, &q))
		return -1;
	if (tutor_messages_each(r->db, question_id, id - 1, message_body, &find) < 0)
		return -1;
	return find.found ? 0 : -1;
}

/* Cut a text over SPEECH_MAX_TEXT_BYTES at its last space before the limit. */
static void text_limit(struct buf *text)
{
	size_t cut = SPEECH_MAX_TEXT_BYTES;

	if (text->len <= SPEECH_MAX_TEXT_BYTES)
		return;
	while (cut > 0 && text->data[cut] != ' ')
		cut--;
	text->len = cut;
	text->data[cut] = '\0';
}

/* A question of a children's survey the child may answer. */
static int survey_text(struct request *r, const char *survey, struct buf *text)
{
	long id = listen_query_number(r, "enquete", -2), question = listen_query_number(r, "question", -2);

	if (!survey || id < 1 || question < 1)
		return -1;
	return survey_speech_text(r->db, &r->user, id, (int)question, text);
}

/* ?vitesse=lente or normale, otherwise the child's setting. */
static int listen_speed(struct request *r)
{
	const char *requested = form_get(&r->query, "vitesse");
	struct reading_settings settings;

	if (requested && strcmp(requested, "lente") == 0)
		return SPEECH_SPEED_SLOW;
	if (requested && strcmp(requested, "normale") == 0)
		return SPEECH_SPEED_NORMAL;
	if ((r->user.caps & CAP_DO_ACTIVITIES) && reading_load(r->db, r->user.id, &settings) == 0 && settings.slow_voice)
		return SPEECH_SPEED_SLOW;
	return SPEECH_SPEED_NORMAL;
}

static int audio_redirect(struct request *r, const char *name)
{
	char url[SPEECH_FILE_CHARS + 16];

	snprintf(url, sizeof(url), "/audio/%s", name);
	return request_redirect(r, url);
}

static void listen_job_free(void *data)
{
	struct listen_job *job = data;

	if (job)
		free(job->text);
	free(job);
}

static void listen_work(struct request *r, struct db *db)
{
	struct listen_job *job = r->job_data;

	job->rc = speech_generate(job->text, job->speed, job->key, job->name);
}

static int listen_done(struct request *r)
{
	struct listen_job *job = r->job_data;

	if (job->rc < 0)
		return page_error(r, 503, _("La lecture à voix haute n'a pas pu être préparée. Réessaie dans un instant."));
	return audio_redirect(r, job->name);
}

int page_listen(struct request *r)
{
	const char *page = form_get(&r->query, "page"), *id = form_get(&r->query, "activite");
	const char *operation = form_get(&r->query, "operation");
	const char *message = form_get(&r->query, "message");
	struct buf text = BUF_INIT(SPEECH_MAX_TEXT_BYTES * 4);
	int found;

	/* Visitors may hear the sign-in pages' instructions and nothing else. */
	if (!r->signed_in && (!page || page_text(page, false, &text) < 0)) {
		buf_release(&text);
		return request_redirect(r, "/connexion");
	}
	buf_reset(&text);
	if (!speech_available())
		return page_error(r, 503, _("La lecture à voix haute n'est pas installée sur ce serveur (programme espeak-ng absent)."));
	if (page)
		found = page_text(page, r->signed_in, &text);
	else if (id)
		found = activity_text(r, id, &text);
	else if (operation)
		found = operation_text(r, operation, &text);
	else if (message)
		found = message_text(r, message, &text);
	else
		found = survey_text(r, form_get(&r->query, "enquete"), &text);
	text_limit(&text);
	if (found < 0 || text.len == 0 || buf_failed(&text)) {
		buf_release(&text);
		return page_not_found(r);
	}
	return listen_serve(r, &text, listen_speed(r));
}

int listen_serve(struct request *r, struct buf *text, int speed)
{
	struct listen_job *job = calloc(1, sizeof(*job));
	int found;

	if (!job) {
		buf_release(text);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	job->speed = speed;
	job->text = buf_detach(text, NULL);
	if (!job->text) {
		listen_job_free(job);
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	}
	speech_key(job->text, job->speed, job->key);
	if (speech_cached(job->key, job->name)) {
		found = audio_redirect(r, job->name);
		listen_job_free(job);
		return found;
	}
	r->job_data = job;
	r->job_free = listen_job_free;
	if (request_defer(r, listen_work, listen_done) < 0)
		return page_error(r, 503, _("Le serveur est trop occupé. Réessaie dans un instant."));
	return HANDLER_DEFERRED;
}
