/* The FreeDict dictionaries: index loading, lookup and entry reading. */
#include "tools/bilingual.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "tools/dictzip.h"
#include "tools/fold.h"

#define BILINGUAL_MAX_INDEX_BYTES (16u * 1024 * 1024)
#define BILINGUAL_MAX_WORD_BYTES 256

struct bi_entry {
	char *headword;
	char *folded;
	uint64_t offset;
	uint32_t length;
};

struct bilingual {
	struct dictzip *dz;
	struct bi_entry *entries;
	size_t count;
};

static const char *const file_stems[] = { "freedict-eng-fra", "freedict-fra-eng" };

/* Decode a dictd base-64 number; -1 when a digit is invalid. */
static int64_t b64_number(const char *s, size_t len)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	int64_t n = 0;
	size_t i;

	if (len == 0 || len > 8)
		return -1;
	for (i = 0; i < len; i++) {
		const char *d = s[i] ? strchr(digits, s[i]) : NULL;

		if (!d)
			return -1;
		n = n * 64 + (d - digits);
	}
	return n;
}

/* Parse one index line; false to skip it (metadata or malformed). */
static bool line_parse(char *line, struct bi_entry *e)
{
	char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
	char folded[BILINGUAL_MAX_WORD_BYTES];
	int64_t offset, length;

	while (*line == ' ')
		line++;
	if (!tab2 || tab1 == line || strncmp(line, "00database", 10) == 0)
		return false;
	offset = b64_number(tab1 + 1, (size_t)(tab2 - tab1 - 1));
	length = b64_number(tab2 + 1, strlen(tab2 + 1));
	*tab1 = '\0';
	if (offset < 0 || length <= 0 || length > DICTZIP_MAX_READ_BYTES ||
	    tool_fold(line, strlen(line), folded, sizeof(folded)) < 0)
		return false;
	e->headword = strdup(line);
	e->folded = strdup(folded);
	e->offset = (uint64_t)offset;
	e->length = (uint32_t)length;
	return e->headword && e->folded;
}

static int entry_compare(const void *a, const void *b)
{
	const struct bi_entry *x = a, *y = b;
	int d = strcmp(x->folded, y->folded);

	return d ? d : strcmp(x->headword, y->headword);
}

static int index_load(struct bilingual *b, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t cap = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (b->count == cap) {
			size_t n = cap ? cap * 2 : 4096;
			struct bi_entry *e = realloc(b->entries, n * sizeof(*e));

			if (!e)
				break;
			b->entries = e;
			cap = n;
		}
		memset(&b->entries[b->count], 0, sizeof(b->entries[0]));
		if (line_parse(line, &b->entries[b->count]))
			b->count++;
		else {
			free(b->entries[b->count].headword);
			free(b->entries[b->count].folded);
		}
	}
	fclose(f);
	if (b->count == 0)
		return -1;
	qsort(b->entries, b->count, sizeof(*b->entries), entry_compare);
	return 0;
}

struct bilingual *bilingual_open(const char *dir, enum bilingual_direction direction, char *err, size_t err_size)
{
	struct bilingual *b = calloc(1, sizeof(*b));
	char path[4096];

	if (!dir)
		dir = BILINGUAL_DEFAULT_DIR;
	if (!b) {
		snprintf(err, err_size, "mémoire insuffisante");
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s.dict.dz", dir, file_stems[direction]);
	b->dz = dictzip_open(path);
	if (!b->dz) {
		snprintf(err, err_size, "le dictionnaire « %s » est absent ou illisible : installez le paquet dict-%s", path,
			 file_stems[direction]);
		goto fail;
	}
	snprintf(path, sizeof(path), "%s/%s.index", dir, file_stems[direction]);
	if (index_load(b, path) < 0) {
		snprintf(err, err_size, "l'index « %s » est absent, illisible ou vide : installez le paquet dict-%s", path,
			 file_stems[direction]);
		goto fail;
	}
	return b;
fail:
	bilingual_free(b);
	return NULL;
}

void bilingual_free(struct bilingual *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->count; i++) {
		free(b->entries[i].headword);
		free(b->entries[i].folded);
	}
	free(b->entries);
	dictzip_free(b->dz);
	free(b);
}

static struct bilingual *shared[2];
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_load(void)
{
	char err[512];
	int d;

	for (d = 0; d < 2; d++) {
		shared[d] = bilingual_open(NULL, (enum bilingual_direction)d, err, sizeof(err));
		if (!shared[d])
			log_error("bilingual dictionary unavailable error=\"%s\"", err);
	}
}

const struct bilingual *bilingual_shared(enum bilingual_direction direction)
{
	pthread_once(&shared_once, shared_load);
	return direction == BILINGUAL_EN_FR || direction == BILINGUAL_FR_EN ? shared[direction] : NULL;
}

size_t bilingual_count(const struct bilingual *b)
{
	return b->count;
}

const char *bilingual_headword(const struct bilingual *b, size_t index)
{
	return index < b->count ? b->entries[index].headword : NULL;
}

/* First entry whose folded headword is >= `folded`. */
static size_t lower_bound(const struct bilingual *b, const char *folded)
{
	size_t lo = 0, hi = b->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(b->entries[mid].folded, folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t bilingual_find(const struct bilingual *b, const char *word, size_t *out, size_t max, int *exact)
{
	char folded[BILINGUAL_MAX_WORD_BYTES];
	size_t first, i, n = 0, flen;

	*exact = 0;
	if (tool_fold(word, strlen(word), folded, sizeof(folded)) < 0 || !folded[0])
		return 0;
	first = lower_bound(b, folded);
	for (i = first; i < b->count && n < max && strcmp(b->entries[i].folded, folded) == 0; i++)
		out[n++] = i;
	if (n > 0) {
		*exact = 1;
		return n;
	}
	flen = strlen(folded);
	for (i = first; i < b->count && n < max && strncmp(b->entries[i].folded, folded, flen) == 0; i++)
		out[n++] = i;
	return n;
}

int bilingual_entry(const struct bilingual *b, size_t index, char *out, size_t size)
{
	if (index >= b->count)
		return -1;
	return dictzip_read(b->dz, b->entries[index].offset, b->entries[index].length, out, size);
}
