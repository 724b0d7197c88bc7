/* Limits: connections past the maximum, slow clients, long URLs and
 * oversized forms get a 4xx or 503, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define OPEN_CONNECTIONS 6

static struct server server;

static int connect_to(const struct server *s)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct timeval timeout = { 3, 0 };
	unsigned port = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sscanf(s->base, "http://127.0.0.1:%u", &port);
	addr.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	return fd;
}

/* Two loops with a limit of 2 connections: one each. Of six held-open
 * connections, at least four are answered 503 in French and closed. */
static void connections_past_limit(void **state)
{
	struct timespec pause = { 0, 200 * 1000000 };
	int fds[OPEN_CONNECTIONS], i, busy = 0;
	char reply[1024];

	for (i = 0; i < OPEN_CONNECTIONS; i++)
		fds[i] = connect_to(&server);
	nanosleep(&pause, NULL);
	for (i = 0; i < OPEN_CONNECTIONS; i++) {
		struct timeval quick = { 0, 300000 };
		ssize_t n;

		setsockopt(fds[i], SOL_SOCKET, SO_RCVTIMEO, &quick, sizeof(quick));
		n = recv(fds[i], reply, sizeof(reply) - 1, 0);
		if (n > 0) {
			reply[n] = '\0';
			assert_non_null(strstr(reply, "503 Service Unavailable"));
			assert_non_null(strstr(reply, "Réessaie dans une minute"));
			busy++;
		}
	}
	assert_true(busy >= OPEN_CONNECTIONS - 2);
	for (i = 0; i < OPEN_CONNECTIONS; i++)
		close(fds[i]);
	nanosleep(&pause, NULL);
	/* Once they are closed, the server answers again. */
	{
		struct client c;
		struct response r;

		client_init(&c, &server);
		client_get(&c, "/sante", &r);
		assert_int_equal(r.status, 200);
		response_release(&r);
		client_release(&c);
	}
}

/* A client that sends one byte every 300 ms is dropped once the request
 * timeout (1 s here) has passed. */
static void slow_client_dropped(void **state)
{
	const char request[] = "GET /sante HTTP/1.1\r\nHost: x\r\n\r\n";
	struct timespec pause = { 0, 300 * 1000000 };
	int fd = connect_to(&server);
	size_t i;
	char reply[256];
	ssize_t n = 1;

	for (i = 0; i < sizeof(request) - 1 && n > 0; i++) {
		n = send(fd, request + i, 1, MSG_NOSIGNAL);
		nanosleep(&pause, NULL);
	}
	/* Either a send failed or the connection reads as closed, with no answer. */
	n = n > 0 ? recv(fd, reply, sizeof(reply), 0) : 0;
	assert_true(n <= 0);
	assert_true(i < sizeof(request) - 1 || n <= 0);
	close(fd);
}

static void long_url_rejected(void **state)
{
	char path[2048];
	struct client c;
	struct response r;

	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	client_init(&c, &server);
	client_get(&c, path, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "Adresse invalide"));
	response_release(&r);
	client_release(&c);
}

static int setup(void **state)
{
	static const char *const options[] = { "--max-connections", "2", "--request-timeout", "1", NULL };

	server_start_with(&server, options);
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(server_stop(&server), 0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(connections_past_limit),
		cmocka_unit_test(slow_client_dropped),
		cmocka_unit_test(long_url_rejected),
	};

	return cmocka_run_group_tests_name("http_limits", tests, setup, teardown);
}
