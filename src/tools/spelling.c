/* French spelling (libhunspell) and synonyms (mythes thesaurus). */
#include "tools/spelling.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define THESAURUS_MAX_BYTES (64u * 1024 * 1024)

struct thes_word {
	const char *word; /* points into `idx_text` */
	size_t offset;    /* of the entry in `dat` */
};

struct spelling {
	Hunhandle *hunspell;
	pthread_mutex_t lock;
	char *idx_text;
	struct thes_word *words;
	size_t word_count;
	char *dat;
	size_t dat_len;
};

static char *file_read(const char *path, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && (size_t)size <= THESAURUS_MAX_BYTES &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1))) {
		if (fread(data, 1, (size_t)size, f) == (size_t)size) {
			data[size] = '\0';
			*len_out = (size_t)size;
		} else {
			free(data);
			data = NULL;
		}
	}
	fclose(f);
	return data;
}

static int word_compare(const void *a, const void *b)
{
	return strcmp(((const struct thes_word *)a)->word, ((const struct thes_word *)b)->word);
}

/* Cut the ".idx" text into "word|offset" lines; the first two lines are
 * the encoding and the count. */
static int thesaurus_index(struct spelling *s)
{
	char *line = s->idx_text, *next;
	size_t cap = 0, lineno = 0;

	for (; line && *line; line = next) {
		char *bar, *end;
		unsigned long offset;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (lineno++ < 2 || !(bar = strchr(line, '|')))
			continue;
		*bar = '\0';
		offset = strtoul(bar + 1, &end, 10);
		if (end == bar + 1 || offset >= s->dat_len)
			continue;
		if (s->word_count == cap) {
			size_t n = cap ? cap * 2 : 16384;
			struct thes_word *w = realloc(s->words, n * sizeof(*w));

			if (!w)
				return -1;
			s->words = w;
			cap = n;
		}
		s->words[s->word_count++] = (struct thes_word){ line, offset };
	}
	qsort(s->words, s->word_count, sizeof(*s->words), word_compare);
	return s->word_count ? 0 : -1;
}

struct spelling *spelling_open(const char *hunspell_dir, const char *mythes_dir, char *err, size_t err_size)
{
	struct spelling *s = calloc(1, sizeof(*s));
	char aff[4096], dic[4096];
	size_t idx_len = 0;

	if (!s) {
		snprintf(err, err_size, "mémoire insuffisante");
		return NULL;
	}
	pthread_mutex_init(&s->lock, NULL);
	snprintf(aff, sizeof(aff), "%s/fr.aff", hunspell_dir ? hunspell_dir : SPELLING_HUNSPELL_DIR);
	snprintf(dic, sizeof(dic), "%s/fr.dic", hunspell_dir ? hunspell_dir : SPELLING_HUNSPELL_DIR);
	s->hunspell = Hunspell_create(aff, dic);
	if (!s->hunspell || !Hunspell_spell(s->hunspell, "maison")) {
		snprintf(err, err_size, "le dictionnaire d'orthographe « %s » est absent ou illisible : installez le paquet hunspell-fr", dic);
		goto fail;
	}
	snprintf(aff, sizeof(aff), "%s/thes_fr.idx", mythes_dir ? mythes_dir : SPELLING_MYTHES_DIR);
	snprintf(dic, sizeof(dic), "%s/thes_fr.dat", mythes_dir ? mythes_dir : SPELLING_MYTHES_DIR);
	s->idx_text = file_read(aff, &idx_len);
	s->dat = file_read(dic, &s->dat_len);
	if (!s->idx_text || !s->dat || thesaurus_index(s) < 0) {
		snprintf(err, err_size, "le dictionnaire des synonymes « %s » est absent ou illisible : installez le paquet mythes-fr", dic);
		goto fail;
	}
	return s;
fail:
	spelling_free(s);
	return NULL;
}

void spelling_free(struct spelling *s)
{
	if (!s)
		return;
	if (s->hunspell)
		Hunspell_destroy(s->hunspell);
	pthread_mutex_destroy(&s->lock);
	free(s->idx_text);
	free(s->words);
	free(s->dat);
	free(s);
}

static struct spelling *shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_load(void)
{
	char err[512];

	shared = spelling_open(NULL, NULL, err, sizeof(err));
	if (!shared)
		log_error("spelling dictionary unavailable error=\"%s\"", err);
}

struct spelling *spelling_shared(void)
{
	pthread_once(&shared_once, shared_load);
	return shared;
}

bool spelling_check(struct spelling *s, const char *word)
{
	int ok;

	pthread_mutex_lock(&s->lock);
	ok = Hunspell_spell(s->hunspell, word);
	pthread_mutex_unlock(&s->lock);
	return ok != 0;
}

size_t spelling_suggest(struct spelling *s, const char *word, struct buf *out, size_t max)
{
	char **list = NULL;
	int n, i;
	size_t kept = 0;

	pthread_mutex_lock(&s->lock);
	n = Hunspell_suggest(s->hunspell, &list, word);
	for (i = 0; i < n && kept < max; i++, kept++)
		buf_add(out, list[i], strlen(list[i]) + 1);
	if (list)
		Hunspell_free_list(s->hunspell, &list, n);
	pthread_mutex_unlock(&s->lock);
	return kept;
}

static const struct thes_word *thes_find(const struct spelling *s, const char *word)
{
	struct thes_word key = { word, 0 };

	return bsearch(&key, s->words, s->word_count, sizeof(key), word_compare);
}

/* Read the meanings of the entry at `offset`: "word|count", then one
 * "(part of speech)|synonym|synonym" line per meaning. */
static size_t thes_entry(const struct spelling *s, size_t offset, struct synonym_group *out, size_t max)
{
	const char *p = s->dat + offset, *end = s->dat + s->dat_len, *nl = memchr(p, '\n', (size_t)(end - p));
	const char *bar = nl ? memchr(p, '|', (size_t)(nl - p)) : NULL;
	long count = bar ? strtol(bar + 1, NULL, 10) : 0;
	size_t n = 0;

	for (p = nl ? nl + 1 : end; count-- > 0 && p < end && n < max; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		bar = memchr(p, '|', (size_t)(nl - p));
		if (!bar)
			continue;
		out[n].part_of_speech = p;
		out[n].part_len = (size_t)(bar - p);
		out[n].synonyms = bar + 1;
		out[n].synonyms_len = (size_t)(nl - bar - 1);
		n++;
	}
	return n;
}

size_t spelling_synonyms(const struct spelling *s, const char *word, struct synonym_group *out, size_t max)
{
	const struct thes_word *w = thes_find(s, word);
	char lower[256];
	size_t i;

	if (!w) {
		for (i = 0; word[i] && i + 1 < sizeof(lower); i++)
			lower[i] = word[i] >= 'A' && word[i] <= 'Z' ? (char)(word[i] - 'A' + 'a') : word[i];
		lower[i] = '\0';
		w = thes_find(s, lower);
	}
	return w ? thes_entry(s, w->offset, out, max) : 0;
}
