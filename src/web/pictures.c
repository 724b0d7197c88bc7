#include "web/pictures.h"

#include <string.h>

const struct picture pictures[] = {
	{ "chat", "chat" },       { "soleil", "soleil" }, { "arbre", "arbre" },
	{ "maison", "maison" },   { "poisson", "poisson" }, { "etoile", "étoile" },
	{ "ballon", "ballon" },   { "fleur", "fleur" },   { "bateau", "bateau" },
};
const size_t picture_count = sizeof(pictures) / sizeof(pictures[0]);

const struct picture *picture_find(const char *id)
{
	size_t i;

	for (i = 0; id && i < picture_count; i++)
		if (strcmp(pictures[i].id, id) == 0)
			return &pictures[i];
	return NULL;
}
