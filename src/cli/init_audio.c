/* ardoise init: the dictation audio, synthesised once into the speech
 * cache so that no child waits for espeak-ng. */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "content/catalog.h"
#include "content/dictation.h"
#include "core/i18n.h"
#include "speech/speech.h"

static const int speeds[] = { DICTATION_SPEED_NORMAL, DICTATION_SPEED_SLOW };

/* Files of one question: the whole text and each sentence, at each speed. */
static size_t question_files(const struct question *q)
{
	if (q->kind != QUESTION_DICTATION)
		return 0;
	return (q->dictation->sentence_count + 1) * (sizeof(speeds) / sizeof(speeds[0]));
}

static size_t activity_files(const struct activity *a)
{
	size_t total = 0, k;

	for (k = 0; k < a->question_count; k++)
		total += question_files(&a->questions[k]);
	return total;
}

static size_t catalog_files(const struct catalog *c)
{
	size_t total = 0, i;

	for (i = 0; i < c->count; i++)
		total += activity_files(c->entries[i].activity);
	return total;
}

/* Make sure one file is in the cache. Returns 0, or -1 after logging. */
static int file_ensure(const struct dictation *d, int sentence, int speed)
{
	struct buf text = BUF_INIT(SPEECH_MAX_TEXT_BYTES);
	char key[SPEECH_KEY_CHARS + 1], name[SPEECH_FILE_CHARS + 1];
	int rc = -1;

	if (dictation_spoken_text(d, sentence, &text) < 0)
		goto out;
	speech_key(buf_cstr(&text), speed, key);
	rc = speech_cached(key, name) ? 0 : speech_generate(buf_cstr(&text), speed, key, name);
out:
	buf_release(&text);
	return rc;
}

static int question_audio(const struct question *q, size_t *done, size_t total, bool tty)
{
	int failed = 0, sentence;
	size_t s;

	for (sentence = -1; sentence < (int)q->dictation->sentence_count; sentence++)
		for (s = 0; s < sizeof(speeds) / sizeof(speeds[0]); s++) {
			failed += file_ensure(q->dictation, sentence, speeds[s]) < 0;
			(*done)++;
			if (tty)
				printf(_("\rAudio des dictées : %zu/%zu"), *done, total);
			fflush(stdout);
		}
	return failed;
}

int init_dictation_audio(const struct catalog *c)
{
	size_t total = catalog_files(c), done = 0, i, k;
	bool tty = isatty(STDOUT_FILENO);
	int failed = 0;

	if (total == 0)
		return 0;
	if (!speech_available()) {
		printf(_("Audio des dictées non préparé : espeak-ng est absent. Installez-le (paquet espeak-ng) puis relancez ardoise init.\n"));
		return 0;
	}
	for (i = 0; i < c->count; i++) {
		const struct activity *a = c->entries[i].activity;

		for (k = 0; k < a->question_count; k++)
			if (a->questions[k].kind == QUESTION_DICTATION)
				failed += question_audio(&a->questions[k], &done, total, tty);
		if (!tty && activity_files(a))
			printf(_("Audio des dictées : %zu/%zu (%s)\n"), done, total, a->id);
	}
	if (tty)
		printf("\n");
	if (failed)
		fprintf(stderr, _("Audio des dictées : %d fichier(s) non créé(s), voir le journal ; ils seront créés à la première écoute.\n"), failed);
	else
		printf(_("Audio des dictées prêt : %zu fichiers.\n"), total);
	return failed ? -1 : 0;
}
