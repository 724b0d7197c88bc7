/*
 * /media/NAME: the videos, captions and images of the content, served by
 * this handler (not h2o's file handler) so that one code path handles
 * byte ranges, and /video/progression, where the player reports what the
 * child has played.
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/roles.h"
#include "content/catalog.h"
#include "core/log.h"
#include "eval/event.h"
#include "http/range.h"
#include "http/server.h"
#include "learn/video_progress.h"
#include "web/page.h"
#include "web/pages.h"

/* Largest file sent whole (200); players request ranges anyway. */
#define MEDIA_MAX_WHOLE_BYTES (64u * 1024 * 1024)
/* Largest part sent for one range request. A player requests the rest
 * again, as RFC 9110 allows a shorter 206 than requested for "A-". */
#define MEDIA_MAX_RANGE_BYTES (4u * 1024 * 1024)

static const struct {
	const char *extension;
	const char *type;
} media_types[] = {
	{ "webm", "video/webm" },
	{ "mp4", "video/mp4" },
	{ "vtt", "text/vtt; charset=utf-8" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "svg", "image/svg+xml" },
	{ "webp", "image/webp" },
};

/* The content type of a safe media name, or NULL for any other name. */
static const char *media_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i, stem;

	if (!dot || dot == name)
		return NULL;
	stem = (size_t)(dot - name);
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != stem)
		return NULL;
	for (i = 0; i < sizeof(media_types) / sizeof(media_types[0]); i++)
		if (strcmp(dot + 1, media_types[i].extension) == 0)
			return media_types[i].type;
	return NULL;
}

/* Append `count` bytes from `offset` of `fd` to the response. */
static int read_part(struct request *r, int fd, uint64_t offset, uint64_t count)
{
	char chunk[64 * 1024];
	ssize_t got;

	r->out.max = MEDIA_MAX_WHOLE_BYTES + 1;
	while (count > 0) {
		got = pread(fd, chunk, count < sizeof(chunk) ? (size_t)count : sizeof(chunk), (off_t)offset);
		if (got <= 0)
			return -1;
		buf_add(&r->out, chunk, (size_t)got);
		offset += (uint64_t)got;
		count -= (uint64_t)got;
	}
	return buf_failed(&r->out) ? -1 : 0;
}

static int media_send(struct request *r, int fd, uint64_t size, const char *type)
{
	char header[RANGE_MAX_HEADER_BYTES + 1], value[96];
	const char *range = request_header(r, "range", header, sizeof(header));
	uint64_t first = 0, last = size ? size - 1 : 0;
	enum range_result kind = range ? range_parse(range, strlen(range), size, &first, &last) : RANGE_NONE;

	request_add_header(r, "accept-ranges", "bytes");
	if (kind == RANGE_UNSATISFIABLE) {
		snprintf(value, sizeof(value), "bytes */%llu", (unsigned long long)size);
		request_add_header(r, "content-range", value);
		r->content_type = "text/plain; charset=utf-8";
		buf_adds(&r->out, "Plage d'octets impossible : le fichier est plus court.\n");
		return 416;
	}
	r->content_type = type;
	if (kind == RANGE_NONE) {
		if (size > MEDIA_MAX_WHOLE_BYTES)
			return page_error(r, 413, _("Ce fichier est trop gros pour être envoyé d'un seul bloc. Ouvre-le dans le lecteur vidéo."));
		return read_part(r, fd, 0, size) < 0 ? -1 : 200;
	}
	if (last - first + 1 > MEDIA_MAX_RANGE_BYTES)
		last = first + MEDIA_MAX_RANGE_BYTES - 1;
	snprintf(value, sizeof(value), "bytes %llu-%llu/%llu", (unsigned long long)first, (unsigned long long)last,
		 (unsigned long long)size);
	request_add_header(r, "content-range", value);
	return read_part(r, fd, first, last - first + 1) < 0 ? -1 : 206;
}

int page_media(struct request *r)
{
	const char *name = r->params[0], *dir = server_media_dir(), *type = media_type(name);
	char path[4096];
	struct stat st;
	int fd, status;

	if (!type || !dir)
		return page_not_found(r);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return page_not_found(r);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return page_not_found(r);
	}
	/* An SVG could carry scripts: it is shown as an image only. */
	if (strcmp(type, "image/svg+xml") == 0)
		request_add_header(r, "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
	status = media_send(r, fd, (uint64_t)st.st_size, type);
	if (status < 0)
		log_error("media read failed request=%s name=%s error=\"%s\"", r->id, name, strerror(errno));
	close(fd);
	return status;
}

/* POST /video/progression: video=ID, played=START-END,..., duration=SECONDS. */
int page_video_progress(struct request *r)
{
	const char *id = form_get(&r->body, "video"), *played = form_get(&r->body, "played");
	const char *duration_text = form_get(&r->body, "duration");
	const struct activity *a = catalog_find(r->catalog, id);
	struct video_progress p;
	char *end = NULL;
	double duration = duration_text ? strtod(duration_text, &end) : 0;
	int rc;

	r->content_type = "application/json";
	if (!a || a->type != CONTENT_VIDEO || !content_visible(r, a)) {
		buf_adds(&r->out, "{\"error\":\"Vidéo introuvable : vérifie le champ video.\"}");
		return 404;
	}
	if (!played || !end || *end)
		rc = 1;
	else
		rc = video_progress_record(r->db, r->user.id, a->id, played, duration, &p);
	if (rc == 1) {
		buf_adds(&r->out, "{\"error\":\"Plages lues invalides : envoie played=DÉBUT-FIN,… en secondes et duration.\"}");
		return 400;
	}
	if (rc < 0) {
		log_error("video progress failed request=%s video=%s error=\"%s\"", r->id, a->id, db_errmsg(r->db));
		buf_adds(&r->out, "{\"error\":\"Progression non enregistrée, réessaie dans un instant.\"}");
		return 503;
	}
	event_record_value(r, EVENT_FEATURE_VIDEOS, EVENT_ACTION_PLAY, a->id, (int64_t)p.seconds_played);
	buf_addf(&r->out, "{\"seconds_played\":%.2f,\"duration\":%.2f,\"percent\":%d}", p.seconds_played, p.duration,
		   (int)(100.0 * p.seconds_played / p.duration + 0.5));
	return 200;
}
