/* The route table: every URL, the capabilities it needs and its scope. */
#include "auth/roles.h"
#include "http/router.h"
#include "web/pages.h"

const struct route routes[] = {
	{ "GET", "/", page_root, CAP_NONE, "none" },
	{ "GET", "/sante", page_health, CAP_NONE, "none" },
	{ "GET", "/connexion", page_login, CAP_NONE, "none" },
	{ "POST", "/connexion/adulte", page_login_adult, CAP_NONE, "none" },
	{ "GET", "/connexion/enfant", page_login_child_code, CAP_NONE, "none" },
	{ "GET", "/connexion/enfant/:code", page_login_child_names, CAP_NONE, "structure code" },
	{ "GET", "/connexion/enfant/:code/:id", page_login_child_pictures, CAP_NONE, "child of the structure" },
	{ "POST", "/connexion/enfant/:code/:id", page_login_child_submit, CAP_NONE, "child of the structure" },
	{ "POST", "/deconnexion", page_logout, CAP_SIGNED_IN, "own session" },
	{ "GET", "/accueil", page_adult_home, CAP_SIGNED_IN, "self" },
	{ "GET", "/eleve", page_child_home, CAP_DO_ACTIVITIES, "self" },
	{ "GET", "/eleve/matiere/:subject", page_child_subject, CAP_DO_ACTIVITIES, "child's level" },
	{ "GET", "/eleve/resultats", page_child_results, CAP_DO_ACTIVITIES, "own attempts" },
	{ "GET", "/activite/:id", page_activity, CAP_DO_ACTIVITIES, "child's level" },
	{ "POST", "/activite/:id", page_activity_submit, CAP_DO_ACTIVITIES, "child's level" },
	{ "GET", "/resultat/:id", page_attempt, CAP_DO_ACTIVITIES, "own attempts" },
};
const size_t route_count = sizeof(routes) / sizeof(routes[0]);
