#include "auth/roles.h"

#include <string.h>

static const struct {
	const char *role;
	const char *label;
	unsigned caps;
} roles[] = {
	{ "eleve", "élève", CAP_SIGNED_IN | CAP_DO_ACTIVITIES | CAP_BROWSE_CONTENT | CAP_ASK_QUESTIONS },
	{ "accompagnateur", "accompagnateur", CAP_SIGNED_IN | CAP_BROWSE_CONTENT | CAP_FOLLOW_GROUPS | CAP_ADULT_TRAINING },
	{ "administrateur", "administrateur",
	  CAP_SIGNED_IN | CAP_BROWSE_CONTENT | CAP_FOLLOW_GROUPS | CAP_MANAGE_STRUCTURE | CAP_VIEW_STATISTICS | CAP_ADULT_TRAINING },
	{ "tuteur", "tuteur", CAP_SIGNED_IN | CAP_BROWSE_CONTENT | CAP_ANSWER_QUESTIONS | CAP_ADULT_TRAINING },
	{ "financeur", "financeur", CAP_SIGNED_IN | CAP_VIEW_STATISTICS },
	{ "operateur", "opérateur",
	  CAP_SIGNED_IN | CAP_BROWSE_CONTENT | CAP_FOLLOW_GROUPS | CAP_MANAGE_STRUCTURE | CAP_MANAGE_ORGANISATIONS |
	  CAP_VIEW_STATISTICS | CAP_MANAGE_CONTENT | CAP_ADULT_TRAINING | CAP_MANAGE_OFFER },
};

unsigned role_capabilities(const char *role)
{
	size_t i;

	for (i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].role, role) == 0)
			return roles[i].caps;
	return 0;
}

const char *role_label(const char *role)
{
	size_t i;

	for (i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].role, role) == 0)
			return roles[i].label;
	return "?";
}
