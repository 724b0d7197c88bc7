#include "content/publish.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content/catalog.h"
#include "content/content_store.h"
#include "content/package.h"
#include "core/log.h"

static const char *const status_names[] = { "checked", "rejected", "published" };

static int make_folder(const char *dir);

void package_result_release(struct package_result *r)
{
	free(r->report);
	r->report = NULL;
}

static void package_dir(const char *media_dir, int64_t id, char *out, size_t size)
{
	snprintf(out, size, "%s/" PUBLISH_PACKAGES_DIR "/%lld", media_dir, (long long)id);
}

/* Drop every "ROOT/" from the report so paths read as in the package. */
static void report_strip(char *report, const char *root)
{
	char prefix[4200];
	size_t n = (size_t)snprintf(prefix, sizeof(prefix), "%s/", root);
	char *p;

	while ((p = strstr(report, prefix)))
		memmove(p, p + n, strlen(p + n) + 1);
}

static int64_t row_insert(struct db *db, int64_t account_id, const char *file_name)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO content_package (uploaded_by, file_name, status, report, item_count, uploaded_at) "
					    "VALUES (?, ?, 'rejected', '', 0, ?) RETURNING id");
	int64_t id = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, file_name);
	db_bind_int(st, 3, (int64_t)time(NULL));
	if (db_step(st) == DB_ROW)
		id = db_column_int(st, 0);
	db_reset(st);
	return id;
}

static int row_update(struct db *db, const struct package_result *r)
{
	struct db_stmt *st = db_prepare(db, "UPDATE content_package SET status = ?, report = ?, item_count = ?, "
					    "published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, status_names[r->status]);
	db_bind_text(st, 2, r->report ? r->report : "");
	db_bind_int(st, 3, (int64_t)r->item_count);
	db_bind_text(st, 4, status_names[r->status]);
	db_bind_int(st, 5, (int64_t)time(NULL));
	db_bind_int(st, 6, r->id);
	rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

/* Load the unpacked package under `dir` into `c`; the report goes to
 * out->report. Returns the number of problems, or -1. */
static int load_package(const char *dir, struct catalog *c, struct package_result *out)
{
	char root[4200];
	size_t size = 0;
	FILE *f = open_memstream(&out->report, &size);
	int problems;

	if (!f)
		return -1;
	package_root(dir, root, sizeof(root));
	problems = catalog_load_dir(c, root, f);
	if (problems < 0)
		fprintf(f, "le dossier du contenu est illisible dans l’archive\n");
	fclose(f);
	report_strip(out->report, root);
	out->item_count = c->count;
	return problems < 0 ? 1 : problems;
}

int package_check(struct db *db, const char *media_dir, int64_t account_id, const char *file_name,
		  const void *data, size_t len, struct package_result *out)
{
	char dir[4200], parent[4200], err[512];
	struct catalog c;
	int problems;

	memset(out, 0, sizeof(*out));
	out->id = row_insert(db, account_id, file_name);
	if (out->id < 0) {
		log_error("package row failed error=\"%s\"", db_errmsg(db));
		return -1;
	}
	snprintf(parent, sizeof(parent), "%s/" PUBLISH_PACKAGES_DIR, media_dir);
	package_dir(media_dir, out->id, dir, sizeof(dir));
	if (make_folder(parent) < 0 || mkdir(dir, 0750) < 0) {
		log_error("package folder failed dir=%s error=\"%s\"", dir, strerror(errno));
		return -1;
	}

	catalog_init(&c);
	if (package_extract(data, len, dir, err, sizeof(err)) < 0) {
		out->status = PACKAGE_REJECTED;
		out->report = strdup(err);
		package_remove(dir);
	} else {
		problems = load_package(dir, &c, out);
		out->status = problems ? PACKAGE_REJECTED : PACKAGE_CHECKED;
		if (problems)
			package_remove(dir);
	}
	catalog_release(&c);
	if (!out->report || row_update(db, out) < 0) {
		log_error("package check failed id=%lld error=\"%s\"", (long long)out->id, db_errmsg(db));
		return -1;
	}
	log_info("package checked id=%lld status=%s contents=%zu", (long long)out->id, status_names[out->status],
		 out->item_count);
	return 0;
}

/* Copy one file to `to` through a temporary name, so a reader never sees
 * half of it. */
static int copy_file(const char *from, const char *to)
{
	char tmp[4700], chunk[64 * 1024];
	int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), out;
	ssize_t got;
	int rc = 0;

	if (in < 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", to);
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((got = read(in, chunk, sizeof(chunk))) > 0)
		if (write(out, chunk, (size_t)got) != got) {
			rc = -1;
			break;
		}
	if (got < 0 || close(out) < 0)
		rc = -1;
	close(in);
	if (rc == 0 && rename(tmp, to) < 0)
		rc = -1;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

/* mkdir -p: create `dir` and its missing parents. */
static int make_folder(const char *dir)
{
	char path[4096];
	size_t i, n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return -1;
	memcpy(path, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0750) < 0 && errno != EEXIST)
			return -1;
		path[i] = i < n ? '/' : '\0';
	}
	return 0;
}

int package_media_copy(const char *root, const char *media_dir)
{
	char from_dir[4300], from[4600], to[4600];
	struct dirent *de;
	size_t n;
	DIR *d;
	int rc = 0;

	snprintf(from_dir, sizeof(from_dir), "%s/media", root);
	d = opendir(from_dir);
	if (!d)
		return 0;
	if (make_folder(media_dir) < 0) {
		closedir(d);
		return -1;
	}
	while (rc == 0 && (de = readdir(d))) {
		n = strlen(de->d_name);
		if (de->d_name[0] == '.' || (n > 6 && strcmp(de->d_name + n - 6, ".lecon") == 0))
			continue;
		snprintf(from, sizeof(from), "%s/%s", from_dir, de->d_name);
		snprintf(to, sizeof(to), "%s/%s", media_dir, de->d_name);
		rc = copy_file(from, to);
	}
	closedir(d);
	return rc;
}

/* Read the stored content back into a new catalogue and publish it. */
static int catalog_swap(struct db *db, int (*publish)(struct catalog *c))
{
	struct catalog *next = malloc(sizeof(*next));

	if (!next)
		return -1;
	catalog_init(next);
	if (content_store_read(db, next) < 0 || search_index_build(next) < 0 || publish(next) < 0) {
		catalog_release(next);
		free(next);
		return -1;
	}
	return 0;
}

/* The status of row `id`: 0 checked, 1 absent or in another state, -1. */
static int row_checked(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT status FROM content_package WHERE id = ?");
	enum db_step step;
	int rc = 1;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	step = db_step(st);
	if (step == DB_ROW && strcmp(db_column_text(st, 0), "checked") == 0)
		rc = 0;
	db_reset(st);
	return step == DB_ERROR ? -1 : rc;
}

int package_publish(struct db *db, const char *media_dir, int64_t id, int (*publish)(struct catalog *c),
		    struct package_result *out)
{
	char dir[4200], root[4200], *conflicts = NULL;
	size_t size = 0;
	struct catalog c;
	FILE *f;
	int rc;

	memset(out, 0, sizeof(*out));
	out->id = id;
	rc = row_checked(db, id);
	if (rc != 0)
		return rc;
	package_dir(media_dir, id, dir, sizeof(dir));
	package_root(dir, root, sizeof(root));
	catalog_init(&c);
	/* Checked again: the referential stored since may differ. */
	if (load_package(dir, &c, out) != 0) {
		out->status = PACKAGE_REJECTED;
		goto done;
	}
	f = open_memstream(&conflicts, &size);
	rc = f ? content_store_save(db, &c, f) : -1;
	if (f)
		fclose(f);
	if (rc < 0)
		goto fail;
	if (rc > 0) {
		free(out->report);
		out->report = conflicts;
		conflicts = NULL;
		report_strip(out->report, root);
		out->status = PACKAGE_REJECTED;
		goto done;
	}
	if (package_media_copy(root, media_dir) < 0) {
		log_error("package media copy failed id=%lld error=\"%s\"", (long long)id, strerror(errno));
		goto fail;
	}
	if (catalog_swap(db, publish) < 0)
		goto fail;
	out->status = PACKAGE_PUBLISHED;
done:
	free(conflicts);
	catalog_release(&c);
	if (row_update(db, out) < 0)
		log_error("package row update failed id=%lld error=\"%s\"", (long long)id, db_errmsg(db));
	if (out->status != PACKAGE_CHECKED)
		package_remove(dir);
	log_info("package publish id=%lld status=%s", (long long)id, status_names[out->status]);
	return 0;
fail:
	log_error("package publish failed id=%lld error=\"%s\"", (long long)id, db_errmsg(db));
	free(conflicts);
	catalog_release(&c);
	return -1;
}
