/* Request lifecycle: parse, route, send, log. */
#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "http/internal.h"
#include "http/multipart.h"
#include "http/router.h"
#include "web/page.h"

/* Lives in the h2o request's pool; tells us when h2o frees the request. */
struct request_link {
	struct request *request;
};

static void request_free(struct request *r)
{
	size_t i;

	for (i = 0; i < r->param_count; i++)
		free(r->params[i]);
	form_release(&r->query);
	form_release(&r->body);
	multipart_free(r->files);
	form_release(&r->cookies);
	buf_release(&r->out);
	if (r->job_free)
		r->job_free(r->job_data);
	free(r);
}

static void on_pool_dispose(void *data)
{
	struct request_link *link = data;

	if (!link->request)
		return;
	/* The client left while a worker still holds the request: the worker's
	 * completion will free it. */
	link->request->req = NULL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode the path part of the URL into r->path; -1 if invalid. */
static int path_decode(struct request *r, const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '%') {
			int hi = i + 2 < len ? hex_digit(s[i + 1]) : -1;
			int lo = i + 2 < len ? hex_digit(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (n + 1 >= sizeof(r->path))
			return -1;
		r->path[n++] = c;
	}
	r->path[n] = '\0';
	return utf8_valid(r->path, n) ? 0 : -1;
}

static const char *method_name(h2o_req_t *req)
{
	if (h2o_memis(req->method.base, req->method.len, H2O_STRLIT("GET")) ||
	    h2o_memis(req->method.base, req->method.len, H2O_STRLIT("HEAD")))
		return "GET";
	if (h2o_memis(req->method.base, req->method.len, H2O_STRLIT("POST")))
		return "POST";
	return NULL;
}

/* Parse a multipart/form-data body: the text fields go to r->body, where
 * the router finds the CSRF token, and every part to r->files. Returns 0
 * or an error status. */
static int multipart_body_parse(struct request *r, h2o_iovec_t type)
{
	char boundary[MULTIPART_MAX_BOUNDARY_BYTES + 1];
	enum multipart_error e;

	if (r->req->entity.len > REQUEST_MAX_MULTIPART_BYTES)
		return page_error(r, 413, "Le fichier envoyé est trop gros (8 Mio au plus). Découpe-le en plusieurs fichiers puis envoie-les un par un.");
	e = multipart_boundary(type.base, type.len, boundary, sizeof(boundary));
	r->files = calloc(1, sizeof(*r->files));
	if (!r->files)
		e = MULTIPART_NO_MEMORY;
	if (e == MULTIPART_OK)
		e = multipart_parse(r->files, boundary, r->req->entity.base, r->req->entity.len);
	if (e == MULTIPART_OK)
		e = multipart_text_fields(r->files, &r->body);
	if (e == MULTIPART_NO_MEMORY)
		return page_error(r, 500, multipart_error_message(e));
	return e == MULTIPART_OK ? 0 : page_error(r, 400, multipart_error_message(e));
}

/* Parse what every handler needs; returns 0 or an error status. */
static int request_parse(struct request *r, const char *method)
{
	h2o_req_t *req = r->req;
	size_t path_len = req->query_at == SIZE_MAX ? req->path.len : req->query_at;
	ssize_t cookie = h2o_find_header(&req->headers, H2O_TOKEN_COOKIE, -1);
	enum form_error e;

	if (path_decode(r, req->path.base, path_len) < 0)
		return page_error(r, 400, "Adresse invalide : vérifie le lien ou retourne à l'accueil.");
	if (cookie >= 0)
		form_parse_cookies(&r->cookies, req->headers.entries[cookie].value.base,
				   req->headers.entries[cookie].value.len);
	if (req->query_at != SIZE_MAX) {
		e = form_parse(&r->query, req->path.base + req->query_at + 1,
			       req->path.len - req->query_at - 1);
		if (e != FORM_OK)
			return page_error(r, 400, form_error_message(e));
	}
	if (strcmp(method, "POST") == 0) {
		ssize_t type = h2o_find_header(&req->headers, H2O_TOKEN_CONTENT_TYPE, -1);
		if (type >= 0 && multipart_is_form_data(req->headers.entries[type].value.base,
							req->headers.entries[type].value.len))
			return multipart_body_parse(r, req->headers.entries[type].value);
		if (type < 0 || !h2o_memis(req->headers.entries[type].value.base,
				     req->headers.entries[type].value.len > 33 ? 33 : req->headers.entries[type].value.len,
				     H2O_STRLIT("application/x-www-form-urlencoded")))
			return page_error(r, 415, "Ce formulaire doit être envoyé depuis une page d'Ardoise (type de contenu non pris en charge).");
		if (req->entity.len > REQUEST_MAX_BODY_BYTES)
			return page_error(r, 413, "Le formulaire envoyé est trop gros (64 Kio au plus). Raccourcis tes réponses puis envoie de nouveau.");
		e = form_parse(&r->body, req->entity.base, req->entity.len);
		if (e != FORM_OK)
			return page_error(r, 400, form_error_message(e));
	}
	return 0;
}

static void session_load(struct request *r)
{
	const char *token = form_get(&r->cookies, SESSION_COOKIE);
	int found;

	if (!token || strlen(token) != SESSION_TOKEN_CHARS)
		return;
	found = session_lookup(r->db, token, &r->user);
	if (found == 1) {
		r->signed_in = true;
		memcpy(r->session_token, token, SESSION_TOKEN_CHARS + 1);
	}
}

int http_on_req(h2o_handler_t *self, h2o_req_t *req)
{
	struct loop_thread *t = (struct loop_thread *)req->conn->ctx;
	struct request_link *link;
	struct request *r = calloc(1, sizeof(*r));
	const char *method;
	unsigned char raw[8];
	int status;

	if (!r)
		return -1;
	r->req = req;
	r->thread = t;
	r->db = t->db;
	r->catalog = server_catalog();
	r->started_ns = clock_ns();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(r->id, sizeof(r->id), raw, sizeof(raw));
	buf_init(&r->out, 0);
	link = h2o_mem_alloc_shared(&req->pool, sizeof(*link), on_pool_dispose);
	link->request = r;
	r->link = link;

	method = method_name(req);
	if (!method) {
		status = page_error(r, 405, "Méthode HTTP non prise en charge.");
	} else if ((status = request_parse(r, method)) == 0) {
		session_load(r);
		status = router_dispatch(r, method);
	}
	if (status == HANDLER_DEFERRED && r->deferred)
		return 0;
	if (status == HANDLER_DEFERRED && r->streamed) {
		request_release_streamed(r);
		return 0;
	}
	request_finish(r, status);
	return 0;
}

static const char *status_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 206: return "Partial Content";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 416: return "Range Not Satisfiable";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

void request_finish(struct request *r, int status)
{
	h2o_req_t *req = r->req;
	char *body;
	size_t len;

	if (!req) {
		request_free(r);
		return;
	}
	r->link->request = NULL;
	if (status < 100 || buf_failed(&r->out)) {
		log_error("response failed request=%s path=\"%s\" status=%d", r->id, r->path, status);
		buf_reset(&r->out);
		status = page_error(r, 500, "Une erreur interne est survenue. Réessaie dans un instant.");
	}
	len = r->out.len;
	body = h2o_mem_alloc_pool(&req->pool, len + 1);
	memcpy(body, buf_cstr(&r->out), len);
	req->res.status = status;
	req->res.reason = status_reason(status);
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL,
		       r->content_type ? r->content_type : "text/html; charset=utf-8",
		       strlen(r->content_type ? r->content_type : "text/html; charset=utf-8"));
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CACHE_CONTROL, NULL,
		       H2O_STRLIT("no-store"));
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-content-type-options"), 0, NULL,
			      H2O_STRLIT("nosniff"));
	log_info("request id=%s method=%.*s path=\"%s\" status=%d duration_ms=%.1f user=%lld",
		 r->id, (int)req->method.len, req->method.base, r->path, status,
		 (double)(clock_ns() - r->started_ns) / 1e6,
		 r->signed_in ? (long long)r->user.id : 0LL);
	/* A known length keeps the connection open; without it h2o sends chunked
	 * bodies and closes after an empty one such as a redirect. */
	req->res.content_length = len;
	h2o_send_inline(req, body, len);
	request_free(r);
}

void request_release_streamed(struct request *r)
{
	log_info("request id=%s method=GET path=\"%s\" status=200 duration_ms=%.1f user=%lld stream=1", r->id, r->path,
		 (double)(clock_ns() - r->started_ns) / 1e6, r->signed_in ? (long long)r->user.id : 0LL);
	r->link->request = NULL;
	request_free(r);
}

void request_add_header(struct request *r, const char *name, const char *value)
{
	h2o_req_t *req = r->req;
	size_t nlen = strlen(name), vlen = strlen(value);
	char *n = h2o_mem_alloc_pool(&req->pool, nlen), *v = h2o_mem_alloc_pool(&req->pool, vlen);

	memcpy(n, name, nlen);
	memcpy(v, value, vlen);
	h2o_add_header_by_str(&req->pool, &req->res.headers, n, nlen, 1, NULL, v, vlen);
}

void request_set_cookie(struct request *r, const char *name, const char *value,
			long max_age)
{
	struct buf b = BUF_INIT(1024);

	buf_addf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, max_age < 0 ? "" : value);
	if (max_age < 0)
		buf_adds(&b, "; Max-Age=0");
	else if (max_age > 0)
		buf_addf(&b, "; Max-Age=%ld", max_age);
	request_add_header(r, "set-cookie", buf_cstr(&b));
	buf_release(&b);
}

int request_redirect(struct request *r, const char *location)
{
	request_add_header(r, "location", location);
	buf_reset(&r->out);
	return 303;
}

/* The address of the other end of the connection. */
static void socket_peer(struct request *r, char *out, size_t size)
{
	struct sockaddr_storage sa;
	socklen_t len;

	snprintf(out, size, "?");
	len = r->req->conn->callbacks->get_peername(r->req->conn, (struct sockaddr *)&sa);
	if (len && sa.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr, out, (socklen_t)size);
	else if (len && sa.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr, out, (socklen_t)size);
}

void request_peer(struct request *r, char *out, size_t size)
{
	const char *trusted = server_trusted_proxy();
	char forwarded[64];

	snprintf(out, size, "?");
	if (!r->req)
		return;
	socket_peer(r, out, size);
	/* Behind the reverse proxy every connection comes from the proxy: take
	 * the visitor's address from X-Real-IP, which only the proxy may set. */
	if (trusted && strcmp(out, trusted) == 0 && request_header(r, "x-real-ip", forwarded, sizeof(forwarded)) &&
	    strspn(forwarded, "0123456789abcdefABCDEF.:") == strlen(forwarded) && forwarded[0])
		snprintf(out, size, "%s", forwarded);
}

bool request_is_post(const struct request *r)
{
	return r->req && h2o_memis(r->req->method.base, r->req->method.len, H2O_STRLIT("POST"));
}

const char *request_header(struct request *r, const char *name, char *out, size_t size)
{
	ssize_t i = h2o_find_header_by_str(&r->req->headers, name, strlen(name), -1);
	size_t len;

	if (i < 0)
		return NULL;
	len = r->req->headers.entries[i].value.len;
	if (len >= size)
		len = size - 1;
	memcpy(out, r->req->headers.entries[i].value.base, len);
	out[len] = '\0';
	return out;
}
