/*
 * mock_server: a small HTTP/1.1 server played by test code on 127.0.0.1,
 * standing for an ENT's CAS server, an LTI platform or a learning-record
 * store. One connection at a time, "Connection: close". The test gives a
 * handler that sees each request and writes the reply.
 */
#ifndef ARDOISE_TESTS_MOCK_SERVER_H
#define ARDOISE_TESTS_MOCK_SERVER_H

#define _GNU_SOURCE 1
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MOCK_REQUEST_MAX (256 * 1024)
#define MOCK_REPLY_MAX (64 * 1024)

struct mock_request {
	char method[8];
	char path[4096];
	char headers[8192];
	const char *body;
	size_t body_len;
};

struct mock_reply {
	int status;
	char content_type[64];
	char body[MOCK_REPLY_MAX];
};

typedef void mock_handler_fn(void *ctx, const struct mock_request *req, struct mock_reply *reply);

struct mock_server {
	int fd;
	int port;
	pthread_t thread;
	mock_handler_fn *handler;
	void *ctx;
	pthread_mutex_t lock; /* taken around each handler call */
	int calls;
};

/* Read one request into `buf`; returns its total length or -1. */
static ssize_t mock_read(int fd, char *buf, size_t size, struct mock_request *req)
{
	size_t len = 0, want = 0;
	char *end = NULL, *cl;
	ssize_t n;

	while (len + 1 < size) {
		n = read(fd, buf + len, size - 1 - len);
		if (n <= 0)
			return -1;
		len += (size_t)n;
		buf[len] = '\0';
		if (!end && (end = strstr(buf, "\r\n\r\n"))) {
			cl = strcasestr(buf, "\r\ncontent-length:");
			want = (size_t)(end - buf) + 4 + (cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0);
		}
		if (end && len >= want)
			break;
	}
	if (!end || sscanf(buf, "%7s %4095s", req->method, req->path) != 2)
		return -1;
	snprintf(req->headers, sizeof(req->headers), "%.*s", (int)(end - buf), buf);
	req->body = end + 4;
	req->body_len = len - (size_t)(end + 4 - buf);
	return (ssize_t)len;
}

static void mock_answer(struct mock_server *m, int fd, char *buf)
{
	static const char *const texts[] = { "OK", "Error" };
	struct mock_request req;
	struct mock_reply *reply = calloc(1, sizeof(*reply));
	char head[256];
	size_t len;

	if (!reply)
		return;
	memset(&req, 0, sizeof(req));
	if (mock_read(fd, buf, MOCK_REQUEST_MAX, &req) >= 0) {
		reply->status = 200;
		snprintf(reply->content_type, sizeof(reply->content_type), "text/plain");
		pthread_mutex_lock(&m->lock);
		m->calls++;
		m->handler(m->ctx, &req, reply);
		pthread_mutex_unlock(&m->lock);
		len = strlen(reply->body);
		snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
			 reply->status, texts[reply->status >= 400], reply->content_type, len);
		if (write(fd, head, strlen(head)) < 0 || write(fd, reply->body, len) < 0)
			fprintf(stderr, "mock_server: write failed\n");
	}
	free(reply);
}

static void *mock_loop(void *arg)
{
	struct mock_server *m = arg;
	char *buf = malloc(MOCK_REQUEST_MAX);
	int fd;

	while (buf && (fd = accept(m->fd, NULL, NULL)) >= 0) {
		mock_answer(m, fd, buf);
		close(fd);
	}
	free(buf);
	return NULL;
}

/* Listen on a free loopback port and serve in a thread; 0 or -1. */
static int mock_start(struct mock_server *m, mock_handler_fn *handler, void *ctx)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	m->handler = handler;
	m->ctx = ctx;
	m->calls = 0;
	pthread_mutex_init(&m->lock, NULL);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	m->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (m->fd < 0 || bind(m->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(m->fd, 16) < 0 ||
	    getsockname(m->fd, (struct sockaddr *)&sa, &len) < 0)
		return -1;
	m->port = ntohs(sa.sin_port);
	return pthread_create(&m->thread, NULL, mock_loop, m) == 0 ? 0 : -1;
}

/* Stop accepting and join the thread. */
static void mock_stop(struct mock_server *m)
{
	shutdown(m->fd, SHUT_RDWR);
	close(m->fd);
	pthread_join(m->thread, NULL);
}

#endif
