/* SIGTERM while a request is in flight: the request still gets its answer,
 * and the server exits with status 0 after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static size_t ignore_body(char *data, size_t size, size_t n, void *user)
{
	return size * n;
}

static void in_flight_request_finishes(void **state)
{
	const struct demo_account *admin;
	struct server server;
	struct client c;
	struct response r;
	char csrf[64], body[256], url[128];
	struct timespec pause = { 0, 30 * 1000000 };
	CURLM *multi;
	CURL *easy;
	int running = 1, loops = 0;
	long status = 0;

	server_start(&server);
	admin = server_account(&server, "administrateur");
	client_init(&c, &server);
	client_get(&c, "/connexion", &r);
	assert_int_equal(page_hidden(&r, "csrf", csrf, sizeof(csrf)), 0);
	response_release(&r);

	/* The sign-in hashes with argon2id on a worker: long enough to stop
	 * the server while it runs. */
	snprintf(body, sizeof(body), "csrf=%s&login=%s&password=%s", csrf, admin->login, admin->secret);
	snprintf(url, sizeof(url), "%s/connexion/adulte", server.base);
	easy = c.curl;
	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_COPYPOSTFIELDS, body);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, ignore_body);
	curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, NULL);
	multi = curl_multi_init();
	curl_multi_add_handle(multi, easy);
	while (running && loops++ < 3) {
		curl_multi_perform(multi, &running);
		curl_multi_wait(multi, NULL, 0, 5, NULL);
	}
	nanosleep(&pause, NULL);
	kill(server.pid, SIGTERM);
	while (running && loops++ < 2000) {
		curl_multi_perform(multi, &running);
		curl_multi_wait(multi, NULL, 0, 10, NULL);
	}
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(multi, easy);
	curl_multi_cleanup(multi);
	assert_int_equal(status, 303);
	assert_int_equal(server_stop(&server), 0);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(in_flight_request_finishes),
	};

	return cmocka_run_group_tests_name("http_shutdown", tests, NULL, NULL);
}
