/*
 * tutoring-sse: hold many open tutoring event streams on one `ardoise
 * serve` and time the delivery of one message. The tool makes the
 * sessions and conversations in the database itself (sign-in would time
 * argon2id, not streams), opens every stream with non-blocking sockets on
 * one epoll, posts a tuteur's answer over HTTP, and reports when each
 * subscriber of that conversation received it. It stops by itself.
 *
 *   tutoring-sse --db FILE --port PORT --connections N --conversations K
 *                [--seconds S]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth/roles.h"
#include "auth/session.h"
#include "store/db.h"
#include "tutor/tutor.h"

#define CHILD_ID 3 /* Léa M. of the demo */
#define MARK "bench-message-"

struct conn {
	int fd;
	int64_t conversation;
	int connected; /* got the stream's first bytes */
	double received_ms; /* when the message arrived, or 0 */
	char tail[64]; /* last bytes read, to find a mark cut in two reads */
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int connect_to(int port, int nonblocking)
{
	struct sockaddr_in a = { 0 };
	int fd = socket(AF_INET, SOCK_STREAM | (nonblocking ? SOCK_NONBLOCK : 0), 0);

	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (fd < 0 || (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0 && errno != EINPROGRESS)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Write all of `text` on a socket that may be non-blocking. */
static int write_all(int fd, const char *text, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, text + done, len - done);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			usleep(1000);
			continue;
		}
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/* Prepare the conversations and the sessions; fills `tokens`, returns the
 * tuteur's token and csrf through the last arguments. */
static int prepare(struct db *db, int connections, int conversations, int64_t *ids, char (*tokens)[SESSION_TOKEN_CHARS + 1],
		   char *tuteur_token, char *tuteur_csrf)
{
	struct user child = { 0 }, tuteur = { 0 };
	struct tutor_context ctx = { .origin = TUTOR_FROM_HELP };
	int64_t tuteur_id = db_query_text_int(db, "SELECT id FROM account WHERE login = ?", "tuteur.demo", 0);
	int i;

	child.id = CHILD_ID;
	child.structure_id = 1;
	child.caps = role_capabilities("eleve");
	for (i = 0; i < conversations; i++)
		if (tutor_question_create(db, &child, &ctx, "Question du banc d'essai", &ids[i]) < 0)
			return -1;
	if (!tuteur_id || tutor_question_claim(db, ids[0], tuteur_id) != 1)
		return -1;
	if (db_begin(db) < 0)
		return -1;
	for (i = 0; i < connections; i++)
		if (session_create(db, CHILD_ID, tokens[i]) < 0)
			return -1;
	if (session_create(db, tuteur_id, tuteur_token) < 0 || db_commit(db) < 0)
		return -1;
	if (session_lookup(db, tuteur_token, &tuteur) != 1)
		return -1;
	snprintf(tuteur_csrf, SESSION_TOKEN_CHARS + 1, "%s", tuteur.csrf);
	return 0;
}

static long rss_kib(int pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

/* Read what arrived on `c`; returns -1 when the server closed it. */
static int conn_read(struct conn *c, double posted_ms)
{
	char data[8192 + 64];
	size_t keep = strlen(c->tail);
	ssize_t n;

	memcpy(data, c->tail, keep);
	while ((n = read(c->fd, data + keep, 8192)) > 0) {
		data[keep + (size_t)n] = '\0';
		if (!c->connected && strstr(data, "retry: 3000"))
			c->connected = 1;
		if (posted_ms > 0 && c->received_ms == 0 && strstr(data, MARK))
			c->received_ms = now_ms();
		keep += (size_t)n;
		if (keep >= sizeof(c->tail)) {
			memmove(data, data + keep - (sizeof(c->tail) - 1), sizeof(c->tail) - 1);
			keep = sizeof(c->tail) - 1;
		}
		data[keep] = '\0';
	}
	memcpy(c->tail, data, keep + 1);
	return n == 0 ? -1 : 0;
}

/* Wait on epoll until `done` or the deadline; returns connections lost. */
static int pump(int ep, struct conn *conns, double deadline, double posted_ms, int (*done)(struct conn *, int, int64_t), int count,
		int64_t target)
{
	struct epoll_event events[256];
	int lost = 0, n, i;

	while (!done(conns, count, target) && now_ms() < deadline) {
		n = epoll_wait(ep, events, 256, 100);
		for (i = 0; i < n; i++) {
			struct conn *c = &conns[events[i].data.u32];

			if (conn_read(c, posted_ms) < 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
				lost++;
			}
		}
	}
	return lost;
}

static int all_connected(struct conn *conns, int count, int64_t target)
{
	int i;

	for (i = 0; i < count; i++)
		if (!conns[i].connected)
			return 0;
	return 1;
}

static int all_received(struct conn *conns, int count, int64_t target)
{
	int i;

	for (i = 0; i < count; i++)
		if (conns[i].conversation == target && conns[i].received_ms == 0)
			return 0;
	return 1;
}

static int post_answer(int port, int64_t conversation, const char *token, const char *csrf)
{
	char request[1024], body[256], reply[512];
	int fd = connect_to(port, 0), len;
	ssize_t n;

	if (fd < 0)
		return -1;
	len = snprintf(body, sizeof(body), "csrf=%s&genre=texte&texte=" MARK "%lld", csrf, (long long)time(NULL));
	snprintf(request, sizeof(request), "POST /tutorat/conversation/%lld HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ardoise_session=%s\r\n"
		 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		 (long long)conversation, token, len, body);
	if (write_all(fd, request, strlen(request)) < 0)
		return -1;
	n = read(fd, reply, sizeof(reply) - 1);
	close(fd);
	reply[n > 0 ? n : 0] = '\0';
	return strstr(reply, " 303 ") ? 0 : -1;
}

/* A positive number from an option, or -1. */
static int option_number(const char *text)
{
	char *end;
	long value = strtol(text, &end, 10);

	return *end || value <= 0 || value > 1000000 ? -1 : (int)value;
}

static int delay_compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' }, { "port", required_argument, NULL, 'p' },
		{ "pid", required_argument, NULL, 'P' }, { "connections", required_argument, NULL, 'n' },
		{ "conversations", required_argument, NULL, 'k' }, { "seconds", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_path = NULL;
	int port = 0, pid = 0, connections = 1000, conversations = 100, seconds = 50, opt, i, lost, subscribers = 0, ep;
	char err[256], tuteur_token[SESSION_TOKEN_CHARS + 1], tuteur_csrf[SESSION_TOKEN_CHARS + 1], request[512];
	char (*tokens)[SESSION_TOKEN_CHARS + 1];
	double start, deadline, posted, *delays;
	struct conn *conns;
	int64_t *ids;
	long rss_before, rss_after;
	struct db *db;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'd': db_path = optarg; break;
		case 'p': port = option_number(optarg); break;
		case 'P': pid = option_number(optarg); break;
		case 'n': connections = option_number(optarg); break;
		case 'k': conversations = option_number(optarg); break;
		case 's': seconds = option_number(optarg); break;
		default: return 2;
		}
	}
	if (!db_path || port <= 0 || connections <= 0 || conversations <= 0 || conversations > connections)
		return fprintf(stderr, "usage: tutoring-sse --db FILE --port PORT --pid PID --connections N --conversations K [--seconds S]\n"), 2;
	deadline = now_ms() + seconds * 1e3;
	tokens = calloc((size_t)connections, sizeof(*tokens));
	conns = calloc((size_t)connections, sizeof(*conns));
	ids = calloc((size_t)conversations, sizeof(*ids));
	delays = calloc((size_t)connections, sizeof(*delays));
	db = db_open(db_path, err, sizeof(err));
	if (!tokens || !conns || !ids || !delays || !db || prepare(db, connections, conversations, ids, tokens, tuteur_token, tuteur_csrf) < 0)
		return fprintf(stderr, "tutoring-sse: set-up failed: %s\n", db ? db_errmsg(db) : err), 1;
	db_close(db);
	rss_before = rss_kib(pid);

	/* Open every stream, a conversation each in turn. */
	ep = epoll_create1(0);
	start = now_ms();
	for (i = 0; i < connections; i++) {
		struct epoll_event ev = { EPOLLIN, { .u32 = (uint32_t)i } };

		conns[i].conversation = ids[i % conversations];
		conns[i].fd = connect_to(port, 1);
		if (conns[i].fd < 0)
			return fprintf(stderr, "tutoring-sse: connection %d failed: %s\n", i, strerror(errno)), 1;
		snprintf(request, sizeof(request), "GET /tutorat/conversation/%lld/flux HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
			 "Cookie: ardoise_session=%s\r\n\r\n", (long long)conns[i].conversation, tokens[i]);
		if (write_all(conns[i].fd, request, strlen(request)) < 0)
			return fprintf(stderr, "tutoring-sse: request %d failed\n", i), 1;
		epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
		if (i % 500 == 499)
			pump(ep, conns, now_ms() + 1, 0, all_connected, i + 1, 0);
	}
	lost = pump(ep, conns, deadline, 0, all_connected, connections, 0);
	if (!all_connected(conns, connections, 0))
		return fprintf(stderr, "tutoring-sse: only some streams opened before the deadline (%d lost)\n", lost), 1;
	rss_after = rss_kib(pid);
	printf("streams open: %d in %.0f ms, server RSS %ld KiB before, %ld KiB with them (%.1f KiB a stream)\n", connections,
	       now_ms() - start, rss_before, rss_after, (double)(rss_after - rss_before) / connections);

	/* One answer on the first conversation: its subscribers, and only
	 * they, should get it. */
	posted = now_ms();
	if (post_answer(port, ids[0], tuteur_token, tuteur_csrf) < 0)
		return fprintf(stderr, "tutoring-sse: posting the answer failed\n"), 1;
	lost += pump(ep, conns, deadline, posted, all_received, connections, ids[0]);
	pump(ep, conns, now_ms() + 500, posted, all_received, 0, 0);
	for (i = 0; i < connections; i++) {
		if (conns[i].conversation == ids[0] && conns[i].received_ms > 0)
			delays[subscribers++] = conns[i].received_ms - posted;
		else if (conns[i].conversation != ids[0] && conns[i].received_ms > 0)
			return fprintf(stderr, "tutoring-sse: a stream of another conversation got the message\n"), 1;
	}
	qsort(delays, (size_t)subscribers, sizeof(*delays), delay_compare);
	printf("delivery to %d subscribers of one conversation: median %.1f ms, max %.1f ms (from the POST, answer included)\n", subscribers,
	       subscribers ? delays[subscribers / 2] : -1.0, subscribers ? delays[subscribers - 1] : -1.0);
	printf("connections lost: %d, server RSS at the end %ld KiB\n", lost, rss_kib(pid));
	for (i = 0; i < connections; i++)
		close(conns[i].fd);
	return subscribers > 0 ? 0 : 1;
}
