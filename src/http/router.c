#include "http/router.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/log.h"
#include "eval/event.h"
#include "web/page.h"

static void params_clear(struct request *r)
{
	size_t i;

	for (i = 0; i < r->param_count; i++) {
		free(r->params[i]);
		r->params[i] = NULL;
	}
	r->param_count = 0;
}

int route_match(const char *pattern, const char *path, struct request *r)
{
	const char *p = pattern, *s = path;

	params_clear(r);
	while (*p && *s) {
		if (*p == ':') {
			const char *end = strchr(s, '/');
			size_t len = end ? (size_t)(end - s) : strlen(s);

			if (len == 0 || r->param_count == REQUEST_MAX_PARAMS)
				goto no;
			r->params[r->param_count++] = strndup(s, len);
			s += len;
			while (*p && *p != '/')
				p++;
			continue;
		}
		if (*p != *s)
			goto no;
		p++;
		s++;
	}
	if (*p == '\0' && *s == '\0')
		return 1;
no:
	params_clear(r);
	return 0;
}

/* LTI 1.3 posts come from the platform's page, which cannot know the CSRF
 * token: their state (single use) and signed nonce protect them instead. */
static bool csrf_exempt(const struct route *route)
{
	return strcmp(route->pattern, "/lti/connexion") == 0 || strcmp(route->pattern, "/lti/lancement") == 0;
}

/* The token every POST must carry: the session's, or for signed-out forms
 * the value of the CSRF cookie. Compared in constant time. */
static bool csrf_valid(struct request *r)
{
	const char *sent = form_get(&r->body, "csrf");
	const char *expected = r->signed_in ? r->user.csrf : form_get(&r->cookies, CSRF_COOKIE);
	size_t len;

	if (!sent || !expected)
		return false;
	len = strlen(expected);
	if (len != SESSION_TOKEN_CHARS || strlen(sent) != len)
		return false;
	return sodium_memcmp(sent, expected, len) == 0;
}

int router_dispatch(struct request *r, const char *method)
{
	const struct route *found = NULL;
	bool path_known = false;
	size_t i;

	for (i = 0; i < route_count && !found; i++) {
		if (!route_match(routes[i].pattern, r->path, r))
			continue;
		path_known = true;
		if (strcmp(routes[i].method, method) == 0)
			found = &routes[i];
	}
	if (!found)
		return path_known ? page_error(r, 405, "Cette adresse ne s'utilise pas ainsi (méthode non permise).")
				  : page_not_found(r);
	route_match(found->pattern, r->path, r);
	if (found->caps != CAP_NONE && !r->signed_in) {
		if (strcmp(method, "GET") == 0)
			return request_redirect(r, "/connexion");
		return page_error(r, 401, "Ta session est terminée : reconnecte-toi pour continuer.");
	}
	if (r->signed_in && r->user.must_change_password && strcmp(found->pattern, "/compte") != 0 &&
	    strcmp(found->pattern, "/compte/mot-de-passe") != 0 && strcmp(found->pattern, "/deconnexion") != 0) {
		if (strcmp(method, "GET") == 0)
			return request_redirect(r, "/compte");
		return page_error(r, 403, "Choisissez d'abord un nouveau mot de passe, sur la page « Mon compte ».");
	}
	if ((r->user.caps & found->caps) != found->caps) {
		log_info("forbidden request=%s user=%lld path=\"%s\"", r->id,
			 (long long)r->user.id, r->path);
		return page_error(r, 403, page_speaks_to_adult(r) ? "Cette page n'est pas accessible avec votre compte."
								  : "Cette page n'est pas accessible avec ton compte.");
	}
	if (strcmp(method, "POST") == 0 && !csrf_exempt(found) && !csrf_valid(r))
		return page_error(r, 403, page_speaks_to_adult(r)
						  ? "Le formulaire a expiré ou ne vient pas d'Ardoise (jeton CSRF absent ou invalide). Rechargez la page puis recommencez."
						  : "Le formulaire a expiré ou ne vient pas d'Ardoise (jeton CSRF absent ou invalide). Recharge la page puis recommence.");
	/* Every page a signed-in person sees counts for the indicators. */
	if (r->signed_in && strcmp(method, "GET") == 0)
		event_record(r, event_page_feature(found->pattern), EVENT_ACTION_PAGE, NULL);
	return found->handler(r);
}
