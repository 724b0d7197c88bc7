#define _GNU_SOURCE
#include "content/package.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Check an entry's path; returns NULL or the reason it is rejected. */
static const char *path_problem(const char *path)
{
	const char *p = path;
	size_t n;

	if (!*path)
		return "chemin vide";
	if (path[0] == '/')
		return "chemin absolu";
	if (strlen(path) > PACKAGE_MAX_PATH_BYTES)
		return "chemin trop long";
	if (strchr(path, '\\'))
		return "barre oblique inversée dans le chemin";
	while (*p) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return "chemin qui remonte avec ..";
		p += n;
		while (*p == '/')
			p++;
	}
	return NULL;
}

/* Create every folder of `rel` under `dir`, the last one too when
 * `last` is true. */
static int make_dirs(const char *dir, const char *rel, bool last)
{
	char path[4096];
	size_t base = (size_t)snprintf(path, sizeof(path), "%s/", dir), i;

	if (base + strlen(rel) >= sizeof(path))
		return -1;
	memcpy(path + base, rel, strlen(rel) + 1);
	for (i = base; path[i]; i++) {
		if (path[i] != '/')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0750) < 0 && errno != EEXIST)
			return -1;
		path[i] = '/';
	}
	if (last && mkdir(path, 0750) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* Write the data of the current entry to dir/rel; *total counts the
 * bytes of the whole package. */
static int write_entry(struct archive *a, const char *dir, const char *rel, size_t *total, char *err, size_t size)
{
	char path[4096], chunk[64 * 1024];
	la_ssize_t got;
	int fd, rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (make_dirs(dir, rel, false) < 0)
		goto io_error;
	/* O_EXCL: a second entry with the same path is rejected, not merged. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0) {
		snprintf(err, size, "« %s » apparaît deux fois dans l’archive ou ne peut pas être écrit : gardez un seul fichier de ce nom.",
			 rel);
		return -1;
	}
	while ((got = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		*total += (size_t)got;
		if (*total > PACKAGE_MAX_UNPACKED_BYTES) {
			snprintf(err, size, "archive trop grosse une fois décompressée : %u Mio au plus.",
				 PACKAGE_MAX_UNPACKED_BYTES / (1024 * 1024));
			rc = -1;
			break;
		}
		if (write(fd, chunk, (size_t)got) != got) {
			rc = -2;
			break;
		}
	}
	if (got < 0 && rc == 0) {
		snprintf(err, size, "« %s » est illisible dans l’archive (%s) : refaites l’archive.", rel, archive_error_string(a));
		rc = -1;
	}
	if (close(fd) < 0 && rc == 0)
		rc = -2;
	if (rc != -2)
		return rc;
io_error:
	snprintf(err, size, "écriture impossible sur le serveur (%s) : réessayez plus tard.", strerror(errno));
	return -1;
}

static int extract_entries(struct archive *a, const char *dir, char *err, size_t size)
{
	struct archive_entry *entry;
	size_t total = 0, count = 0;
	const char *path, *problem;
	int rc;

	while ((rc = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
		path = archive_entry_pathname(entry);
		if (!path)
			path = "";
		if (++count > PACKAGE_MAX_ENTRIES) {
			snprintf(err, size, "trop de fichiers dans l’archive : %d au plus.", PACKAGE_MAX_ENTRIES);
			return -1;
		}
		problem = path_problem(path);
		if (problem) {
			snprintf(err, size, "« %.200s » refusé : %s. Faites l’archive depuis le dossier du contenu, avec des chemins relatifs.",
				 path, problem);
			return -1;
		}
		if (archive_entry_hardlink(entry) || archive_entry_filetype(entry) == AE_IFLNK) {
			snprintf(err, size, "« %.200s » refusé : les liens ne sont pas acceptés. Mettez le fichier lui-même dans l’archive.", path);
			return -1;
		}
		if (archive_entry_filetype(entry) == AE_IFDIR) {
			if (make_dirs(dir, path, true) < 0) {
				snprintf(err, size, "écriture impossible sur le serveur (%s) : réessayez plus tard.", strerror(errno));
				return -1;
			}
			continue;
		}
		if (archive_entry_filetype(entry) != AE_IFREG) {
			snprintf(err, size, "« %.200s » refusé : seuls les fichiers et les dossiers sont acceptés.", path);
			return -1;
		}
		if (write_entry(a, dir, path, &total, err, size) < 0)
			return -1;
	}
	if (rc != ARCHIVE_EOF) {
		snprintf(err, size, count ? "archive abîmée (%s) : refaites-la." :
					    "ce fichier n’est pas une archive .tar.gz ou .zip lisible (%s) : envoyez le dossier du contenu compressé.",
			 archive_error_string(a) ? archive_error_string(a) : "format inconnu");
		return -1;
	}
	if (count == 0) {
		snprintf(err, size, "l’archive est vide : mettez-y le dossier du contenu.");
		return -1;
	}
	return 0;
}

int package_extract(const void *data, size_t len, const char *dir, char *err, size_t size)
{
	struct archive *a = archive_read_new();
	int rc = -1;

	if (!a) {
		snprintf(err, size, "mémoire insuffisante sur le serveur : réessayez plus tard.");
		return -1;
	}
	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK)
		snprintf(err, size, "ce fichier n’est pas une archive .tar.gz ou .zip lisible : envoyez le dossier du contenu compressé.");
	else
		rc = extract_entries(a, dir, err, size);
	archive_read_free(a);
	return rc;
}

void package_root(const char *dir, char *out, size_t size)
{
	char probe[4096];
	struct stat st;

	snprintf(probe, sizeof(probe), "%s/content/referentiel", dir);
	if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(out, size, "%s/content", dir);
	else
		snprintf(out, size, "%s", dir);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int package_remove(const char *dir)
{
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
