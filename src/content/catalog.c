#include "content/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "content/parse.h"

#define REFERENTIEL_DIR "referentiel"
#define MEDIA_DIR "media"
#define VIDEO_SCRIPT_EXTENSION ".lecon"

/* A list of strings that grows as needed. */
struct strlist {
	char **items;
	size_t count;
	size_t cap;
};

static int strlist_push(struct strlist *l, char *s)
{
	if (!s)
		return -1;
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **items = realloc(l->items, cap * sizeof(*items));

		if (!items) {
			free(s);
			return -1;
		}
		l->items = items;
		l->cap = cap;
	}
	l->items[l->count++] = s;
	return 0;
}

static void strlist_release(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void catalog_init(struct catalog *c)
{
	c->entries = NULL;
	c->count = 0;
	referential_init(&c->ref);
	c->index.folded = NULL;
	c->index.count = 0;
}

static void entry_release(struct catalog_entry *e)
{
	free(e->path);
	free(e->source);
	activity_free(e->activity);
	memset(e, 0, sizeof(*e));
}

void catalog_release(struct catalog *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->count; i++)
		entry_release(&c->entries[i]);
	free(c->entries);
	referential_release(&c->ref);
	search_index_release(&c->index);
	catalog_init(c);
}

const struct activity *catalog_find(const struct catalog *c, const char *id)
{
	size_t i;

	for (i = 0; id && i < c->count; i++)
		if (strcmp(c->entries[i].activity->id, id) == 0)
			return c->entries[i].activity;
	return NULL;
}

static const struct catalog_entry *find_entry(const struct catalog *c,
					      const char *id)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		if (strcmp(c->entries[i].activity->id, id) == 0)
			return &c->entries[i];
	return NULL;
}

int catalog_add(struct catalog *c, const char *path, const char *source,
		size_t len, struct content_error *err)
{
	struct catalog_entry e = { NULL, NULL, 0, NULL };
	const struct catalog_entry *other;
	struct catalog_entry *entries;

	e.activity = activity_parse(source, len, err);
	if (!e.activity)
		return -1;
	other = find_entry(c, e.activity->id);
	if (other) {
		content_fail(err, e.activity->id_line, "identifiant " LQ "%s"
			     RQ " déjà utilisé par %s" SC " choisissez un"
			     " autre identifiant", e.activity->id, other->path);
		goto fail;
	}

	e.path = strdup(path);
	e.source = malloc(len + 1);
	entries = realloc(c->entries, (c->count + 1) * sizeof(*entries));
	if (entries)
		c->entries = entries;
	if (!e.path || !e.source || !entries) {
		content_fail(err, 1, "mémoire insuffisante");
		goto fail;
	}
	memcpy(e.source, source, len);
	e.source[len] = '\0';
	e.source_len = len;
	c->entries[c->count++] = e;
	return 0;
fail:
	entry_release(&e);
	return -1;
}

/* ---- walking the folder ---- */

static bool skipped_name(const char *name)
{
	return name[0] == '.' || strcmp(name, "README.md") == 0 ||
	       strcmp(name, "LISEZMOI.md") == 0;
}

static bool is_markdown(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* Collect the *.md files under `dir`; `rel` is `dir` relative to root. */
static int walk(const char *dir, const char *rel, int depth,
		struct strlist *files)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d)
		return -1;
	while (rc == 0 && (de = readdir(d))) {
		char path[4096], sub[4096];
		struct stat st;

		if (skipped_name(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
			 de->d_name);
		if (lstat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < CATALOG_MAX_DEPTH &&
		    strcmp(sub, REFERENTIEL_DIR) != 0)
			walk(path, sub, depth + 1, files); /* unreadable: skipped */
		else if (S_ISREG(st.st_mode) && is_markdown(de->d_name) &&
			 files->count < CATALOG_MAX_FILES)
			rc = strlist_push(files, strdup(sub));
	}
	closedir(d);
	return rc;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read at most ACTIVITY_MAX_FILE_BYTES + 1 bytes, so that the parser can
 * report a file that is too long. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;

	if (!f)
		return NULL;
	data = malloc(ACTIVITY_MAX_FILE_BYTES + 1);
	if (data)
		*len = fread(data, 1, ACTIVITY_MAX_FILE_BYTES + 1, f);
	if (data && ferror(f)) {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

/* ---- checks across files ---- */

/* Line of "key:" in the front matter of `source`, or 1. */
static int key_line(const char *source, const char *key)
{
	size_t n = strlen(key);
	const char *p = source;
	int line = 1;

	for (; *p; line++) {
		if (strncmp(p, key, n) == 0 && p[n] == ':')
			return line;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return 1;
}

/* Check the entry's subject against its folder and its competencies
 * against the referential; returns the number of problems. */
static int check_entry(const struct catalog_entry *e, const char *rel,
		       const struct referential *ref, bool have_codes,
		       FILE *errors)
{
	const struct activity *a = e->activity;
	size_t folder = strcspn(rel, "/"), i;
	int problems = 0;

	if (rel[folder] == '\0' || strlen(a->subject) != folder ||
	    strncmp(rel, a->subject, folder) != 0) {
		fprintf(errors, "%s:%d: la matière " LQ "%s" RQ " ne correspond"
			" pas au dossier du fichier" SC " rangez-le dans le"
			" dossier %s/\n", e->path, key_line(e->source, "subject"),
			a->subject, a->subject);
		problems++;
	}
	for (i = 0; have_codes && i < a->competency_count; i++) {
		if (referential_find(ref, a->competencies[i]))
			continue;
		fprintf(errors, "%s:%d: compétence inconnue " LQ "%s" RQ SC
			" corrigez le code ou ajoutez-le à %s\n", e->path,
			a->competency_lines[i], a->competencies[i],
			REFERENTIAL_COMPETENCIES_FILE);
		problems++;
	}
	return problems;
}

/* The pictures of choices point at /media/, which serves the content's
 * media/ folder. Report each missing file; returns the number of problems. */
#define PICTURE_SRC "src=\"/media/"

static int check_pictures(const struct catalog_entry *e, const char *root,
			  FILE *errors)
{
	const struct activity *a = e->activity;
	const char *src, *end;
	char path[4096];
	size_t i, k;
	int problems = 0;

	for (i = 0; i < a->question_count; i++)
		for (k = 0; k < a->questions[i].option_count; k++)
			for (src = a->questions[i].options[k].html;
			     (src = strstr(src, PICTURE_SRC)) != NULL;
			     src = end) {
				src += strlen(PICTURE_SRC);
				end = strchr(src, '"');
				if (!end)
					break;
				snprintf(path, sizeof(path), "%s/media/%.*s", root,
					 (int)(end - src), src);
				if (access(path, R_OK) == 0)
					continue;
				fprintf(errors, "%s:%d: image introuvable " LQ
					"%.*s" RQ SC " ajoutez le fichier ou"
					" corrigez son nom\n", e->path,
					a->questions[i].line, (int)(end - src),
					src);
				problems++;
			}
	return problems;
}

/* Parse one file and add it; returns the number of problems. */
static int load_file(struct catalog *c, const char *root, const char *rel,
		     bool have_codes, FILE *errors)
{
	struct content_error err;
	char path[4096];
	size_t len = 0;
	char *source;
	int problems;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	source = read_file(path, &len);
	if (!source) {
		fprintf(errors, "%s:1: lecture impossible (%s)\n", path,
			strerror(errno));
		return 1;
	}
	if (catalog_add(c, path, source, len, &err) < 0) {
		fprintf(errors, "%s:%d: %s\n", path, err.line, err.message);
		free(source);
		return 1;
	}
	free(source);
	problems = check_entry(&c->entries[c->count - 1], rel, &c->ref,
			       have_codes, errors) +
		   check_pictures(&c->entries[c->count - 1], root, errors);
	if (problems > 0)
		entry_release(&c->entries[--c->count]);
	return problems;
}

/* Returns true when root/media/NAME exists, or when NAME is made by
 * scripts/make-videos.sh from root/media/STEM.lecon. */
static bool media_available(const char *root, const char *name)
{
	const char *dot = strrchr(name, '.');
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/" MEDIA_DIR "/%s", root, name);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return true;
	snprintf(path, sizeof(path), "%s/" MEDIA_DIR "/%.*s" VIDEO_SCRIPT_EXTENSION, root,
		 (int)(dot ? dot - name : (long)strlen(name)), name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Check what a resource points to: the items of a dossier, the files of a
 * video. Returns the number of problems. */
static int check_links(const struct catalog *c, const struct catalog_entry *e,
		       const char *root, FILE *errors)
{
	const struct activity *a = e->activity, *item;
	const char *files[2] = { a->media, a->captions };
	int problems = 0;
	size_t i;

	for (i = 0; a->type == CONTENT_PARCOURS && i < a->item_count; i++) {
		item = catalog_find(c, a->items[i]);
		if (i == 0 && item && item->type == CONTENT_ACTIVITY)
			continue;
		if (i > 0 && item && item->type != CONTENT_DOSSIER && item->type != CONTENT_PARCOURS)
			continue;
		fprintf(errors, "%s:%d: " LQ "%s" RQ " %s" SC " un parcours commence par l’id de"
			" l’activité du problème, puis liste les fiches, vidéos et activités qui aident\n",
			e->path, a->item_lines[i], a->items[i],
			!item ? "n’existe pas" : i == 0 ? "n’est pas une activité" : "est un dossier ou un parcours");
		problems++;
	}
	for (i = 0; a->type == CONTENT_DOSSIER && i < a->item_count; i++) {
		item = catalog_find(c, a->items[i]);
		if (item && item->type != CONTENT_DOSSIER)
			continue;
		fprintf(errors, "%s:%d: " LQ "%s" RQ " %s" SC " un dossier liste des"
			" fiches, des activités, des vidéos ou des modules de méthodologie"
			" par leur id\n", e->path, a->item_lines[i], a->items[i],
			item ? "est un dossier" : "n’existe pas");
		problems++;
	}
	for (i = 0; a->type == CONTENT_VIDEO && i < 2; i++) {
		if (media_available(root, files[i]))
			continue;
		fprintf(errors, "%s:%d: fichier " LQ "%s" RQ " introuvable dans %s/"
			MEDIA_DIR SC " ajoutez-le, ou son script %.*s" VIDEO_SCRIPT_EXTENSION
			"\n", e->path, a->media_line, files[i], root,
			(int)strcspn(files[i], "."), files[i]);
		problems++;
	}
	return problems;
}

int catalog_load_dir(struct catalog *c, const char *root, FILE *errors)
{
	struct strlist files = { NULL, 0, 0 };
	int problems, rc = -1;
	size_t i;

	if (walk(root, "", 0, &files) < 0)
		goto out;
	if (files.count > 1)
		qsort(files.items, files.count, sizeof(char *), compare_paths);

	problems = referential_load_dir(&c->ref, root, errors);
	rc = problems > 0 ? problems : 0;
	for (i = 0; i < files.count; i++)
		rc += load_file(c, root, files.items[i], problems >= 0, errors);
	for (i = 0; i < c->count; i++)
		rc += check_links(c, &c->entries[i], root, errors);
out:
	strlist_release(&files);
	return rc;
}
