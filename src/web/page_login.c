/* Sign-in and sign-out: adults with a password, children with a structure
 * code, their name and a picture password. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/account.h"
#include "auth/roles.h"
#include "core/log.h"
#include "eval/event.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/pictures.h"

#define STRUCTURE_COOKIE "ardoise_structure"
#define STRUCTURE_COOKIE_SECONDS (365L * 24 * 3600)
#define LOCKED_ADULT "Trop d'essais de connexion pour ce compte ou depuis cet appareil : la connexion est bloquée pendant 15 minutes. Réessayez plus tard ou demandez à votre administrateur."
#define LOCKED_CHILD "Tu as fait beaucoup d'essais. Attends un petit moment (un quart d'heure) ou demande à ton animateur de t'aider."

struct login_job {
	struct account_row account;
	int found;
	char secret[PASSWORD_MAX_BYTES + 1];
	bool ok;
	char next[64];
};

static void login_job_free(void *data)
{
	struct login_job *job = data;

	if (job)
		sodium_memzero(job->secret, sizeof(job->secret));
	free(job);
}

/* Worker: the slow argon2id check. An unknown login is checked against a
 * dummy hash so both cases take the same time. */
static char dummy_hash[PASSWORD_HASH_BYTES];

static void dummy_hash_init(void)
{
	if (password_hash("ardoise-dummy", dummy_hash) < 0)
		log_error("dummy hash failed");
}

static void login_verify(struct request *r, struct db *db)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct login_job *job = r->job_data;
	const char *dummy = dummy_hash;

	pthread_once(&once, dummy_hash_init);
	job->ok = password_verify(job->found ? job->account.secret_hash : dummy, job->secret) && job->found && job->account.active;
}

/* Keys of the two rate limits of a sign-in: the account, and the address
 * counted separately for children and adults. */
static void failure_keys(struct request *r, int64_t account_id, bool child, char *account_key, char *address_key, size_t size)
{
	char peer[64];

	request_peer(r, peer, sizeof(peer));
	snprintf(account_key, size, "account:%lld", (long long)account_id);
	snprintf(address_key, size, "%s%s", child ? LOGIN_KEY_CHILDREN : LOGIN_KEY_ADDRESS, peer);
}

static bool login_locked(struct request *r, int64_t account_id, bool child)
{
	char account_key[96], address_key[96];
	int bound = child ? LOGIN_MAX_CHILD_FAILURES_PER_ADDRESS : LOGIN_MAX_FAILURES_PER_ADDRESS;

	failure_keys(r, account_id, child, account_key, address_key, sizeof(account_key));
	return login_failure_count(r->db, address_key) >= bound ||
	       (account_id && login_failure_count(r->db, account_key) >= LOGIN_MAX_FAILURES_PER_ACCOUNT);
}

static void login_failed(struct request *r, int64_t account_id, bool child)
{
	char account_key[96], address_key[96];

	failure_keys(r, account_id, child, account_key, address_key, sizeof(account_key));
	login_failure_record(r->db, address_key);
	if (account_id)
		login_failure_record(r->db, account_key);
	log_info("sign-in failed request=%s account=%lld", r->id, (long long)account_id);
}

/* Create the session and send the cookie; returns the redirect status. */
static int login_succeeded(struct request *r, int64_t account_id, const char *next)
{
	char token[SESSION_TOKEN_CHARS + 1], account_key[96], address_key[96];

	failure_keys(r, account_id, false, account_key, address_key, sizeof(account_key));
	login_failure_clear(r->db, account_key);
	if (session_create(r->db, account_id, token) < 0)
		return page_error(r, 500, "La connexion n'a pas pu être enregistrée. Réessaie dans un instant.");
	request_set_cookie(r, SESSION_COOKIE, token, SESSION_LIFETIME_SECONDS);
	event_record_account(account_id, token, EVENT_FEATURE_SESSION, EVENT_ACTION_SIGN_IN, NULL, 0);
	log_info("sign-in request=%s account=%lld", r->id, (long long)account_id);
	return request_redirect(r, next);
}

/* ---- adults ---- */

static void adult_form(struct request *r, const char *login, const char *error)
{
	struct buf *b = &r->out;

	buf_html(b, "<section class=\"card\" aria-labelledby=\"adulte\"><h2 id=\"adulte\">%s</h2>", _("Je suis un adulte"));
	if (error)
		buf_html(b, "<div class=\"flash flash-error\" role=\"alert\" id=\"erreur-connexion\"><p>%s</p></div>", error);
	buf_adds(b, "<form method=\"post\" action=\"/connexion/adulte\" data-once>");
	page_csrf_field(r);
	buf_html(b, "<div class=\"field\"><label for=\"login\">%s</label>"
		    "<input id=\"login\" name=\"login\" autocomplete=\"username\" required maxlength=\"64\" value=\"%s\"%S></div>",
		 _("Identifiant"), login ? login : "", error ? " aria-describedby=\"erreur-connexion\" aria-invalid=\"true\"" : "");
	buf_html(b, "<div class=\"field\"><label for=\"password\">%s</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"256\"></div>",
		 _("Mot de passe"));
	buf_html(b, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Se connecter"));
}

static void child_code_form(struct request *r, const char *code, const char *error)
{
	struct buf *b = &r->out;

	buf_html(b, "<section class=\"card\" aria-labelledby=\"enfant\"><h2 id=\"enfant\">%s</h2>", _("Je suis un enfant"));
	buf_html(b, "<form method=\"get\" action=\"/connexion/enfant\"><div class=\"field\"><label for=\"code\">%s</label>"
		    "<p class=\"hint\" id=\"code-aide\">%s</p>",
		 _("Le code de ton association"), _("Ton animateur te le donne. Par exemple : DEMO"));
	if (error)
		buf_html(b, "<p class=\"field-error\" id=\"code-erreur\">%s</p>", error);
	buf_html(b, "<input id=\"code\" name=\"code\" required maxlength=\"16\" autocapitalize=\"characters\" value=\"%s\" aria-describedby=\"code-aide%S\"%S></div>",
		 code ? code : "", error ? " code-erreur" : "", error ? " aria-invalid=\"true\"" : "");
	buf_html(b, "<div class=\"form-actions\"><button class=\"btn btn-primary\" type=\"submit\">%s</button></div></form></section>",
		 _("Continuer"));
}

/* Structure codes: 1 to 16 letters, digits or hyphens. */
static bool code_valid(const char *code);

/* The structure this computer remembers (cookie set when its children's
 * names were shown), offered first so children need not type the code. */
static void remembered_structure(struct request *r)
{
	const char *code = form_get(&r->cookies, STRUCTURE_COOKIE);
	struct structure_row s;

	if (!code || !code_valid(code) || structure_find_by_code(r->db, code, &s) != 1)
		return;
	buf_html(&r->out, "<section class=\"card\" aria-labelledby=\"ici\"><h2 id=\"ici\">%s</h2>"
			  "<p><a class=\"btn btn-primary\" href=\"/connexion/enfant/%U\">%s</a></p></section>",
		 _("Les enfants d'ici"), s.code, s.name);
}

int page_login(struct request *r)
{
	if (r->signed_in)
		return request_redirect(r, "/");
	page_begin(r, _("Connexion"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Bienvenue sur Ardoise"), _("Choisis comment te connecter."));
	remembered_structure(r);
	child_code_form(r, NULL, NULL);
	adult_form(r, NULL, NULL);
	page_end(r);
	return 200;
}

static int adult_form_page(struct request *r, int status, const char *login, const char *error)
{
	page_begin(r, _("Connexion"));
	buf_html(&r->out, "<h1>%s</h1>", _("Connexion des adultes"));
	adult_form(r, login, error);
	page_end(r);
	return status;
}

static int adult_login_done(struct request *r)
{
	struct login_job *job = r->job_data;

	if (!job->ok) {
		login_failed(r, job->found ? job->account.id : 0, false);
		return adult_form_page(r, 200, job->account.login,
				       _("Identifiant ou mot de passe incorrect. Vérifiez les majuscules et réessayez."));
	}
	return login_succeeded(r, job->account.id, "/accueil");
}

/* Logins are lower-case ASCII: accept them typed with capitals or spaces
 * around, as on a phone that capitalises the first letter. */
static void login_normalize(struct request *r)
{
	char *p;

	form_trim(&r->body, "login");
	p = (char *)form_get(&r->body, "login");
	for (; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

int page_login_adult(struct request *r)
{
	const char *login, *password = form_get(&r->body, "password");
	struct login_job *job;

	login_normalize(r);
	login = form_get(&r->body, "login");

	if (!login || !*login || !password || !*password)
		return adult_form_page(r, 422, login, _("Écrivez votre identifiant et votre mot de passe."));
	if (strlen(login) > ACCOUNT_LOGIN_MAX || strlen(password) > PASSWORD_MAX_BYTES)
		return adult_form_page(r, 422, NULL, _("Identifiant ou mot de passe trop long (64 et 256 caractères au plus)."));
	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = login_job_free;
	job->found = account_find_by_login(r->db, login, &job->account) == 1;
	if (!job->found)
		snprintf(job->account.login, sizeof(job->account.login), "%s", login);
	if (login_locked(r, job->found ? job->account.id : 0, false))
		return adult_form_page(r, 429, login, _(LOCKED_ADULT));
	snprintf(job->secret, sizeof(job->secret), "%s", password);
	if (request_defer(r, login_verify, adult_login_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

/* ---- children ---- */

static bool code_valid(const char *code)
{
	size_t i, len = code ? strlen(code) : 0;

	if (len == 0 || len > STRUCTURE_CODE_MAX)
		return false;
	for (i = 0; i < len; i++) {
		char c = code[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

static int child_code_page(struct request *r, int status, const char *code, const char *error)
{
	page_begin(r, _("Connexion"));
	buf_html(&r->out, "<h1>%s</h1>", _("Connexion des enfants"));
	child_code_form(r, code, error);
	page_end(r);
	return status;
}

int page_login_child_code(struct request *r)
{
	const char *code = form_get(&r->query, "code");
	struct structure_row s;
	struct buf url = BUF_INIT(256);
	int status;

	if (!code)
		return child_code_page(r, 200, NULL, NULL);
	if (!code_valid(code))
		return child_code_page(r, 422, code, _("Ce code n'est pas valable : il contient seulement des lettres, des chiffres ou des tirets (16 au plus)."));
	if (structure_find_by_code(r->db, code, &s) != 1)
		return child_code_page(r, 404, code, _("Ce code est inconnu. Vérifie chaque lettre ou demande le code à ton animateur."));
	buf_html(&url, "/connexion/enfant/%U", s.code);
	status = request_redirect(r, buf_cstr(&url));
	buf_release(&url);
	return status;
}

static void name_button(const struct account_row *child, void *ctx)
{
	struct request *r = ctx;

	buf_html(&r->out, "<li><a class=\"name\" href=\"/connexion/enfant/%U/%lld\">"
			  "<img class=\"avatar\" src=\"/static/img/avatars/%U.svg\" alt=\"\" width=\"48\" height=\"48\"> %s %s</a></li>",
		 r->params[0], (long long)child->id, child->avatar, child->first_name, child->last_initial);
}

int page_login_child_names(struct request *r)
{
	struct structure_row s;

	if (!code_valid(r->params[0]) || structure_find_by_code(r->db, r->params[0], &s) != 1)
		return child_code_page(r, 404, r->params[0], _("Ce code est inconnu. Vérifie chaque lettre ou demande le code à ton animateur."));
	/* Remember the structure on this computer for the next child. */
	request_set_cookie(r, STRUCTURE_COOKIE, s.code, STRUCTURE_COOKIE_SECONDS);
	page_begin(r, _("Qui es-tu ?"));
	buf_html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p><ul class=\"name-list\">", _("Qui es-tu ?"), s.name);
	structure_children(r->db, s.id, name_button, r);
	buf_html(&r->out, "</ul><p><a href=\"/connexion/enfant\">%s</a></p>", _("Ce n'est pas mon association"));
	page_end(r);
	return 200;
}

/* Resolve the code and child id of the URL; 1 when both are right. */
static int child_from_url(struct request *r, struct structure_row *s, struct account_row *child)
{
	char *end;
	long long id;

	if (!code_valid(r->params[0]) || structure_find_by_code(r->db, r->params[0], s) != 1)
		return 0;
	id = strtoll(r->params[1], &end, 10);
	if (*end || id <= 0)
		return 0;
	return account_find_child(r->db, s->id, id, child) == 1 && child->active;
}

static void picture_grid(struct request *r, const struct account_row *child, const char *chosen, int count)
{
	struct buf *b = &r->out;
	size_t i;
	int k;

	buf_html(b, "<form class=\"picture-form\" method=\"post\" action=\"/connexion/enfant/%U/%lld\">", r->params[0], (long long)child->id);
	page_csrf_field(r);
	buf_html(b, "<input type=\"hidden\" name=\"pictures\" value=\"%s\">", chosen);
	buf_html(b, "<p id=\"progression\">%s</p><ol class=\"picture-progress\" aria-labelledby=\"progression\">", _("Images choisies :"));
	for (k = 0; k < PICTURE_PASSWORD_LENGTH; k++)
		buf_html(b, "<li class=\"dot%S\"><span class=\"sr-only\">%S</span></li>", k < count ? " filled" : "", k < count ? _("choisie") : _("à choisir"));
	buf_adds(b, "</ol>");
	buf_html(b, "<p class=\"sr-only picture-status\" role=\"status\">%d %s %d.</p><div class=\"picture-grid\">",
		 count, count > 1 ? _("images sur") : _("image sur"), PICTURE_PASSWORD_LENGTH);
	for (i = 0; i < picture_count; i++)
		buf_html(b, "<button class=\"picture\" type=\"submit\" name=\"pick\" value=\"%s\"><img src=\"/static/img/pictures/%U.svg\" alt=\"\" width=\"64\" height=\"64\"><span class=\"sr-only\">%s</span></button>",
			 pictures[i].id, pictures[i].id, pictures[i].label);
	buf_html(b, "</div><p><button class=\"btn btn-secondary picture-clear\" type=\"submit\" name=\"clear\" value=\"1\">%s</button></p></form>",
		 _("Recommencer"));
}

static int picture_page(struct request *r, int status, const struct account_row *child,
			const char *chosen, int count, const char *error)
{
	page_begin(r, _("Ton mot de passe en images"));
	buf_html(&r->out, "<h1>%s %s</h1><p class=\"lead\">%s</p>", _("Bonjour"), child->first_name,
		 _("Touche tes 3 images dans le bon ordre."));
	if (error)
		buf_html(&r->out, "<div class=\"flash flash-error\" role=\"alert\"><p>%s</p></div>", error);
	picture_grid(r, child, chosen, count);
	buf_html(&r->out, "<p><a href=\"/connexion/enfant/%U\">%s</a></p>", r->params[0], _("Ce n'est pas moi"));
	page_end(r);
	return status;
}

int page_login_child_pictures(struct request *r)
{
	struct structure_row s;
	struct account_row child;

	if (!child_from_url(r, &s, &child))
		return page_not_found(r);
	return picture_page(r, 200, &child, "", 0, NULL);
}

/* Append the picked picture to the space-separated list; returns the new
 * count, or -1 when a name is not one of the pictures. */
static int pictures_collect(const char *previous, const char *pick, char *out, size_t size)
{
	char copy[128], *save = NULL, *word;
	int count = 0;

	out[0] = '\0';
	snprintf(copy, sizeof(copy), "%s %s", previous ? previous : "", pick ? pick : "");
	for (word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		if (!picture_find(word) || count == PICTURE_PASSWORD_LENGTH)
			return -1;
		if (count)
			strncat(out, " ", size - strlen(out) - 1);
		strncat(out, word, size - strlen(out) - 1);
		count++;
	}
	return count;
}

static int child_login_done(struct request *r)
{
	struct login_job *job = r->job_data;

	if (!job->ok) {
		login_failed(r, job->account.id, true);
		return picture_page(r, 200, &job->account, "", 0,
				    _("Ce ne sont pas les bonnes images. Recommence tranquillement."));
	}
	return login_succeeded(r, job->account.id, "/eleve");
}

int page_login_child_submit(struct request *r)
{
	struct structure_row s;
	struct login_job *job;
	char chosen[128];
	int count;

	job = calloc(1, sizeof(*job));
	if (!job)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	r->job_data = job;
	r->job_free = login_job_free;
	if (!child_from_url(r, &s, &job->account))
		return page_not_found(r);
	if (form_get(&r->body, "clear"))
		return picture_page(r, 200, &job->account, "", 0, NULL);
	count = pictures_collect(form_get(&r->body, "pictures"), form_get(&r->body, "pick"), chosen, sizeof(chosen));
	if (count < 0)
		return picture_page(r, 422, &job->account, "", 0, _("Ces images ne sont pas dans la liste. Recommence en touchant les images."));
	if (count < PICTURE_PASSWORD_LENGTH)
		return picture_page(r, 200, &job->account, chosen, count, NULL);
	if (login_locked(r, job->account.id, true))
		return picture_page(r, 429, &job->account, "", 0, _(LOCKED_CHILD));
	job->found = 1;
	snprintf(job->secret, sizeof(job->secret), "%s", chosen);
	if (request_defer(r, login_verify, child_login_done) < 0)
		return page_error(r, 500, _("Le serveur manque de mémoire."));
	return HANDLER_DEFERRED;
}

int page_logout(struct request *r)
{
	event_record(r, EVENT_FEATURE_SESSION, EVENT_ACTION_SIGN_OUT, NULL);
	session_delete(r->db, r->session_token);
	request_set_cookie(r, SESSION_COOKIE, "", -1);
	log_info("sign-out request=%s account=%lld", r->id, (long long)r->user.id);
	return request_redirect(r, "/connexion");
}
