/* Outgoing HTTP with libcurl; see fetch.h. */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "integ/fetch.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t body_write(char *data, size_t size, size_t count, void *arg)
{
	struct buf *out = arg;

	if (buf_add(out, data, size * count) < 0)
		return 0; /* over the maximum: curl stops with a write error */
	return size * count;
}

static void options_set(CURL *curl, const struct fetch_request *req, struct buf *out, struct curl_slist *headers)
{
	curl_easy_setopt(curl, CURLOPT_URL, req->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)FETCH_TIMEOUT_SECONDS);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)FETCH_TIMEOUT_SECONDS);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, body_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "Ardoise");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	if (strcmp(req->method, "POST") == 0) {
		curl_easy_setopt(curl, CURLOPT_POST, 1L);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req->body ? req->body : "");
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)(req->body ? req->body_len : 0));
	}
}

int fetch_send(const struct fetch_request *req, struct buf *out, long *status, char *err, size_t err_size)
{
	struct curl_slist *headers = NULL, *more;
	CURLcode code;
	CURL *curl;
	size_t i;

	*status = 0;
	pthread_once(&curl_once, curl_start);
	curl = curl_easy_init();
	if (!curl) {
		snprintf(err, err_size, "curl_easy_init failed");
		return -1;
	}
	for (i = 0; i < FETCH_MAX_HEADERS && req->headers[i]; i++) {
		more = curl_slist_append(headers, req->headers[i]);
		if (!more)
			break;
		headers = more;
	}
	options_set(curl, req, out, headers);
	code = curl_easy_perform(curl);
	if (code == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	else
		snprintf(err, err_size, "%s", curl_easy_strerror(code));
	curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	return code == CURLE_OK ? 0 : -1;
}
