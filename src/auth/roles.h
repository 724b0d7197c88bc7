/*
 * roles: capabilities, and the roles that bundle them. Pages and routes
 * test capabilities, never role names; this file is the one place where a
 * role is expanded into what it may do.
 */
#ifndef ARDOISE_AUTH_ROLES_H
#define ARDOISE_AUTH_ROLES_H

enum capability {
	CAP_NONE = 0,                /* public: anyone, signed in or not */
	CAP_SIGNED_IN = 1 << 0,      /* any signed-in account */
	CAP_DO_ACTIVITIES = 1 << 1,  /* answer activities, keep a history */
	CAP_BROWSE_CONTENT = 1 << 2, /* see the catalogue of activities */
	CAP_FOLLOW_GROUPS = 1 << 3,  /* see the children of one's groups */
	CAP_MANAGE_STRUCTURE = 1 << 4, /* manage accounts of one's structure */
	CAP_MANAGE_ORGANISATIONS = 1 << 5, /* create organisations and structures */
	CAP_ANSWER_QUESTIONS = 1 << 6, /* tutoring: take and answer children's questions */
	CAP_VIEW_STATISTICS = 1 << 7,  /* indicators and dashboards of one's scope */
	CAP_MANAGE_CONTENT = 1 << 8,   /* upload, check and publish content packages */
	CAP_ADULT_TRAINING = 1 << 9,   /* training modules and sessions for adults */
	CAP_MANAGE_OFFER = 1 << 10,    /* price lists, licences, quotes and invoices */
	CAP_ASK_QUESTIONS = 1 << 11,   /* tutoring: ask a tuteur (with a tutoring seat) */
};

/* Capabilities of a role name as stored in account.role; 0 if unknown. */
unsigned role_capabilities(const char *role);
/* French label of a role ("élève", "accompagnateur", ...). */
const char *role_label(const char *role);

#endif
