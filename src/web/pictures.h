/* The pictures children combine as a password, drawn for Ardoise. */
#ifndef ARDOISE_WEB_PICTURES_H
#define ARDOISE_WEB_PICTURES_H

#include <stddef.h>

#define PICTURE_PASSWORD_LENGTH 3

struct picture {
	const char *id;    /* file name under /static/img/pictures/, without .svg */
	const char *label; /* French name, read by screen readers */
};

extern const struct picture pictures[];
extern const size_t picture_count;

/* The picture with this id, or NULL. */
const struct picture *picture_find(const char *id);

#endif
