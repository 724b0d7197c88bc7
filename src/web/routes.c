/* The route table: every URL, the capabilities it needs and its scope. */
#include "auth/roles.h"
#include "http/router.h"
#include "web/listen.h"
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
	{ "GET", "/eleve/lecture", page_reading, CAP_DO_ACTIVITIES, "own settings" },
	{ "POST", "/eleve/lecture", page_reading_save, CAP_DO_ACTIVITIES, "own settings" },
	{ "GET", "/ecouter", page_listen, CAP_NONE, "fixed page text (sign-in pages only when signed out), or activity of the child's level" },
	{ "GET", "/guide-style", page_style_guide, CAP_MANAGE_ORGANISATIONS, "none" },

	/* An adult's own account. */
	{ "GET", "/compte", page_account, CAP_SIGNED_IN, "self, adults only" },
	{ "POST", "/compte/mot-de-passe", page_account_password, CAP_SIGNED_IN, "self, adults only" },
	{ "POST", "/compte/deconnexion-partout", page_account_sign_out_everywhere, CAP_SIGNED_IN, "self" },

	/* Structures and their people, for administrateurs. */
	{ "GET", "/admin", page_admin_home, CAP_MANAGE_STRUCTURE, "managed structures" },
	{ "GET", "/admin/structure/:id", page_admin_structure, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "POST", "/admin/structure/:id/groupe", page_admin_group_create, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "GET", "/admin/structure/:id/eleve", page_child_new, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "POST", "/admin/structure/:id/eleve", page_child_create, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "GET", "/admin/structure/:id/adulte", page_adult_new, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "POST", "/admin/structure/:id/adulte", page_adult_create, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "GET", "/admin/structure/:id/cartes.pdf", page_structure_cards, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "GET", "/admin/structure/:id/import", page_import_form, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "POST", "/admin/structure/:id/import", page_import_upload, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "GET", "/admin/structure/:id/modele.csv", page_import_template, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "POST", "/admin/structure/:id/import/:pending", page_import_confirm, CAP_MANAGE_STRUCTURE, "managed structure, own pending import" },
	{ "GET", "/admin/structure/:id/import/statut/:job", page_import_status, CAP_MANAGE_STRUCTURE, "managed structure, own import job" },
	{ "GET", "/admin/structure/:id/export.csv", page_export, CAP_MANAGE_STRUCTURE, "managed structure" },
	{ "GET", "/admin/compte/:id", page_account_edit, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "POST", "/admin/compte/:id", page_account_update, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "GET", "/admin/compte/:id/desactiver", page_account_deactivate_confirm, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "POST", "/admin/compte/:id/desactiver", page_account_deactivate, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "POST", "/admin/compte/:id/reactiver", page_account_reactivate, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "POST", "/admin/compte/:id/mot-de-passe", page_account_reset_password, CAP_MANAGE_STRUCTURE, "adult of a managed structure" },
	/* A person's data: export (GDPR access and portability), erasure, and the audit log. */
	{ "GET", "/admin/compte/:id/donnees", page_privacy_export, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "GET", "/admin/compte/:id/donnees.json", page_privacy_export_json, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "GET", "/admin/compte/:id/effacer", page_privacy_erase_confirm, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "POST", "/admin/compte/:id/effacer", page_privacy_erase, CAP_MANAGE_STRUCTURE, "account of a managed structure" },
	{ "GET", "/admin/structure/:id/journal", page_structure_journal, CAP_MANAGE_STRUCTURE, "managed structure" },

	/* Groups and children, for accompagnateurs and administrateurs. */
	{ "GET", "/groupe/:id", page_group, CAP_FOLLOW_GROUPS, "followed group or managed structure" },
	{ "GET", "/eleve/:id/carte", page_child_card, CAP_FOLLOW_GROUPS, "followed child" },
	{ "POST", "/eleve/:id/carte", page_child_new_card, CAP_FOLLOW_GROUPS, "followed child" },
	{ "GET", "/eleve/:id/carte.pdf", page_child_card_pdf, CAP_FOLLOW_GROUPS, "followed child" },
	{ "POST", "/eleve/:id/debloquer", page_child_unlock, CAP_FOLLOW_GROUPS, "followed child" },
	{ "GET", "/carte/:token", page_card_sign_in, CAP_NONE, "card token" },

	/* The organisation tree, for the opérateur. */
	{ "GET", "/operateur", page_operator_home, CAP_MANAGE_ORGANISATIONS, "national" },
	{ "GET", "/operateur/organisation", page_operator_organisation_new, CAP_MANAGE_ORGANISATIONS, "national" },
	{ "POST", "/operateur/organisation", page_operator_organisation_create, CAP_MANAGE_ORGANISATIONS, "national" },
	{ "GET", "/operateur/structure", page_operator_structure_new, CAP_MANAGE_ORGANISATIONS, "national" },
	{ "POST", "/operateur/structure", page_operator_structure_create, CAP_MANAGE_ORGANISATIONS, "national" },
	{ "GET", "/operateur/organisation/:id/financeur", page_operator_financeur_new, CAP_MANAGE_ORGANISATIONS, "national, financeur organisation" },
	{ "POST", "/operateur/organisation/:id/financeur", page_operator_financeur_create, CAP_MANAGE_ORGANISATIONS, "national, financeur organisation" },

	/* Tutoring: children ask, tuteurs answer, live; the opérateur sets the
	 * hours, reviews reports and reads the indicators. */
	{ "GET", "/tutorat", page_tutoring_help, CAP_ASK_QUESTIONS, "self, with a tutoring seat" },
	{ "GET", "/tutorat/demander", page_tutoring_ask, CAP_ASK_QUESTIONS, "self, with a tutoring seat; activity of the child's level" },
	{ "POST", "/tutorat/demander", page_tutoring_ask_submit, CAP_ASK_QUESTIONS, "self, with a tutoring seat; activity of the child's level" },
	{ "GET", "/tutorat/conversation/:id", page_tutoring_conversation, CAP_SIGNED_IN, "own conversation, tuteur of the child's structure, or follower of the child" },
	{ "POST", "/tutorat/conversation/:id", page_tutoring_message, CAP_SIGNED_IN, "own conversation with a seat, or the claiming tuteur" },
	{ "GET", "/tutorat/conversation/:id/flux", page_tutoring_stream, CAP_SIGNED_IN, "readers of the conversation, checked again at each delivery" },
	{ "POST", "/tutorat/message/:id/signaler", page_tutoring_report, CAP_SIGNED_IN, "readers of the conversation" },
	{ "GET", "/eleve/:id/tutorat", page_tutoring_child_list, CAP_FOLLOW_GROUPS, "followed child" },
	{ "GET", "/tuteur", page_tutor_console, CAP_ANSWER_QUESTIONS, "structures of the tuteur's grants" },
	{ "POST", "/tuteur/presence", page_tutor_presence, CAP_ANSWER_QUESTIONS, "self" },
	{ "GET", "/tuteur/flux", page_tutor_stream, CAP_ANSWER_QUESTIONS, "queue changes, no content" },
	{ "POST", "/tuteur/question/:id/prendre", page_tutor_claim, CAP_ANSWER_QUESTIONS, "question of a structure of the tuteur's grants" },
	{ "POST", "/tuteur/question/:id/passer", page_tutor_pass, CAP_ANSWER_QUESTIONS, "question claimed by the tuteur" },
	{ "POST", "/tuteur/question/:id/fermer", page_tutor_close, CAP_ANSWER_QUESTIONS, "question claimed by the tuteur" },
	{ "POST", "/tuteur/question/:id/rouvrir", page_tutor_reopen, CAP_ANSWER_QUESTIONS, "question of a structure of the tuteur's grants" },
	{ "GET", "/tuteur/reponses", page_tutor_snippets, CAP_ANSWER_QUESTIONS, "own ready-made answers" },
	{ "POST", "/tuteur/reponses", page_tutor_snippet_add, CAP_ANSWER_QUESTIONS, "own ready-made answers" },
	{ "POST", "/tuteur/reponses/:id/supprimer", page_tutor_snippet_delete, CAP_ANSWER_QUESTIONS, "own ready-made answers" },
	{ "GET", "/operateur/tutorat", page_tutoring_settings, CAP_MANAGE_OFFER, "national" },
	{ "POST", "/operateur/tutorat/horaires", page_tutoring_hours_save, CAP_MANAGE_OFFER, "national" },
	{ "GET", "/operateur/tutorat/signalements", page_tutoring_reports, CAP_MANAGE_OFFER, "national" },
	{ "POST", "/operateur/tutorat/signalements/:id", page_tutoring_report_review, CAP_MANAGE_OFFER, "national" },
	{ "GET", "/operateur/tutorat/indicateurs", page_tutoring_indicators, CAP_MANAGE_OFFER, "national" },
};
const size_t route_count = sizeof(routes) / sizeof(routes[0]);
