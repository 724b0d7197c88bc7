/* xAPI statements: the export for a period and a structure, and sending to
 * a learning-record store played by this test on 127.0.0.1 that fails
 * first, then recovers: no statement lost, none accepted twice. */
#include "mock_server.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <time.h>

#include "harness.h"
#include "integ_helpers.h"

#define STORE_FAILURES 2 /* the store answers 503 this many times first */
#define MAX_STATEMENTS 64

static struct server server;
static struct mock_server lrs;
static char accepted[MAX_STATEMENTS][40]; /* ids the store accepted */
static int accepted_count, duplicates, failures;
static char authorization[128], actor_sent[80];

/* Store the statements of a POST, or fail while STORE_FAILURES last. */
static void lrs_handler(void *ctx, const struct mock_request *req, struct mock_reply *reply)
{
	const char *auth = strcasestr(req->headers, "\nAuthorization: ");
	json_t *batch, *s;
	size_t i;
	int k;

	reply->status = 404;
	if (strcmp(req->method, "POST") != 0 || strcmp(req->path, "/xapi/statements") != 0 || !strcasestr(req->headers, "X-Experience-API-Version: 1.0.3"))
		return;
	if (failures < STORE_FAILURES) {
		failures++;
		reply->status = 503;
		return;
	}
	if (auth)
		snprintf(authorization, sizeof(authorization), "%.*s", (int)strcspn(auth + 16, "\r"), auth + 16);
	batch = json_loadb(req->body, req->body_len, 0, NULL);
	json_array_foreach(batch, i, s) {
		const char *id = json_string_value(json_object_get(s, "id"));

		snprintf(actor_sent, sizeof(actor_sent), "%s", json_string_value(json_object_get(json_object_get(json_object_get(s, "actor"), "account"), "name")));
		for (k = 0; k < accepted_count; k++)
			duplicates += strcmp(accepted[k], id) == 0;
		if (accepted_count < MAX_STATEMENTS)
			snprintf(accepted[accepted_count++], sizeof(accepted[0]), "%s", id);
	}
	json_decref(batch);
	reply->status = 200;
	snprintf(reply->content_type, sizeof(reply->content_type), "application/json");
	snprintf(reply->body, sizeof(reply->body), "[]");
}

static int setup(void **state)
{
	if (mock_start(&lrs, lrs_handler, NULL) < 0)
		return -1;
	server_start(&server);
	/* Three attempts of Léa M. (id 3) on 2023-11-14, 15:15 UTC and later. */
	return server_sql(&server,
			  "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at)"
			  " SELECT 3, id, version, 'xapi-' || id, '{}', '{}', 3, 4, 1699974000, 1699974900 FROM activity WHERE is_current = 1 ORDER BY id LIMIT 3");
}

static int teardown(void **state)
{
	mock_stop(&lrs);
	return server_stop(&server);
}

static void wait_for(int want)
{
	int i;

	for (i = 0; i < 300; i++) {
		pthread_mutex_lock(&lrs.lock);
		if (accepted_count >= want) {
			pthread_mutex_unlock(&lrs.lock);
			return;
		}
		pthread_mutex_unlock(&lrs.lock);
		usleep(100 * 1000);
	}
}

static void store_down_then_up_loses_nothing(void **state)
{
	struct client op;
	struct response r;
	char fields[512];
	size_t i;

	integ_demo_client(&server, &op, "operateur");
	snprintf(fields, sizeof(fields), "accueil=http%%3A%%2F%%2F127.0.0.1%%3A1&lrs=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2Fxapi&cle=ardoise&secret=s3cret&envoi=1", lrs.port);
	assert_int_equal(integ_post_form(&op, "/operateur/xapi", fields, &r), 303);
	response_release(&r);
	client_release(&op);

	wait_for(3);
	pthread_mutex_lock(&lrs.lock);
	assert_int_equal(failures, STORE_FAILURES);
	assert_int_equal(accepted_count, 3);
	assert_int_equal(duplicates, 0);
	assert_string_equal(authorization, "Basic YXJkb2lzZTpzM2NyZXQ=");
	/* The actor is an opaque hex HMAC, never the account id or a name. */
	assert_int_equal(strlen(actor_sent), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", actor_sent[i]));
	pthread_mutex_unlock(&lrs.lock);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM xapi_outbox WHERE sent_at IS NULL"), 0);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM xapi_outbox"), 3);
	assert_true(integ_log_has(&server, "xapi send failed statements=3 error=\"status=503\""));

	/* A new attempt is sent once too, and the old ones are not sent again. */
	assert_int_equal(server_sql(&server,
				    "INSERT INTO attempt (account_id, activity_id, activity_version, idempotency_key, answers, results, score, max_score, started_at, submitted_at)"
				    " SELECT 4, id, version, 'xapi-new', '{}', '{}', 1, 2, 1699974000, 1699974900 FROM activity WHERE is_current = 1 ORDER BY id LIMIT 1"), 0);
	wait_for(4);
	sleep(2);
	pthread_mutex_lock(&lrs.lock);
	assert_int_equal(accepted_count, 4);
	assert_int_equal(duplicates, 0);
	pthread_mutex_unlock(&lrs.lock);
}

static json_t *export(struct client *c, const char *query, long status)
{
	struct response r;
	char path[256];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "/operateur/xapi/export.json?%s", query);
	client_get(c, path, &r);
	assert_int_equal(r.status, status);
	if (status == 200)
		j = json_loads(r.body, 0, NULL);
	response_release(&r);
	return j;
}

static void export_by_period_and_structure(void **state)
{
	struct client op, anim;
	struct response r;
	json_t *all, *none, *s;

	integ_demo_client(&server, &op, "operateur");
	all = export(&op, "du=2023-11-14&au=2023-11-15&structure=1", 200);
	assert_true(json_array_size(all) >= 3);
	s = json_array_get(all, 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "verb"), "id")), "http://adlnet.gov/expapi/verbs/completed");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(s, "actor"), "account"), "homePage")), "http://127.0.0.1:1");
	assert_true(json_real_value(json_object_get(json_object_get(json_object_get(s, "result"), "score"), "scaled")) > 0.7);
	assert_string_equal(json_string_value(json_object_get(s, "timestamp")), "2023-11-14T15:15:00Z");
	{
		char *text = json_dumps(s, 0);

		assert_null(strstr(text, "Léa"));
		free(text);
	}
	none = export(&op, "du=2023-11-15&au=2023-11-16", 200);
	assert_int_equal(json_array_size(none), 0);
	json_decref(none);

	/* A resource a child opened is an "experienced" statement. */
	assert_int_equal(server_sql(&server, "INSERT INTO usage_event (at, account_id, structure_id, connection_id, feature, action, object)"
					     " VALUES (1700000000, 3, 1, 1, 'ressources', 'open', 'fiche-maths-fractions')"), 0);
	none = export(&op, "du=2023-11-14&au=2023-11-15&structure=1", 200);
	assert_int_equal(json_array_size(none), json_array_size(all) + 1);
	s = json_array_get(none, json_array_size(none) - 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "verb"), "id")), "http://adlnet.gov/expapi/verbs/experienced");
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "object"), "id")), "http://127.0.0.1:1/ressource/fiche-maths-fractions");
	assert_string_equal(json_string_value(json_object_get(s, "timestamp")), "2023-11-14T22:13:20Z");
	json_decref(none);
	/* The sender queues it for the store too, once. */
	{
		long queued = 0;
		int i;

		for (i = 0; i < 100 && queued == 0; i++) {
			queued = server_query_count(&server, "SELECT count(*) FROM xapi_outbox WHERE body LIKE '%experienced%'");
			if (queued == 0)
				usleep(100 * 1000);
		}
		assert_int_equal(queued, 1);
	}
	none = export(&op, "du=2023-11-14&au=2023-11-15&structure=999", 200);
	assert_int_equal(json_array_size(none), 0);
	json_decref(none);
	json_decref(all);
	export(&op, "du=14%2F11%2F2023&au=2023-11-15", 400);
	export(&op, "du=2023-11-15&au=2023-11-14", 400);
	export(&op, "du=2023-11-14&au=2023-11-15&structure=abc", 400);
	client_release(&op);

	integ_demo_client(&server, &anim, "accompagnateur");
	client_get(&anim, "/operateur/xapi/export.json?du=2023-11-14&au=2023-11-15", &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	client_release(&anim);
}

static void settings_bad_input(void **state)
{
	struct client op;
	struct response r;

	integ_demo_client(&server, &op, "operateur");
	assert_int_equal(integ_post_form(&op, "/operateur/xapi", "lrs=http%3A%2F%2Flrs.example.fr&envoi=1", &r), 422);
	assert_non_null(strstr(r.body, "https://"));
	response_release(&r);
	assert_int_equal(integ_post_form(&op, "/operateur/xapi", "lrs=&envoi=1", &r), 422);
	response_release(&r);
	assert_int_equal(server_query_count(&server, "SELECT count(*) FROM xapi_setting WHERE enabled = 1 AND lrs_url LIKE 'http://127.0.0.1:%'"), 1);
	client_release(&op);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(store_down_then_up_loses_nothing),
		cmocka_unit_test(export_by_period_and_structure),
		cmocka_unit_test(settings_bad_input),
	};

	return cmocka_run_group_tests_name("http_xapi", tests, setup, teardown);
}
