/*
 * widgets: form fields with their label, hint and inline error, written the
 * same way on every adult page so errors are tied to their field for
 * screen readers (aria-describedby, aria-invalid).
 */
#ifndef ARDOISE_WEB_WIDGETS_H
#define ARDOISE_WEB_WIDGETS_H

#include <stdint.h>

#include "http/request.h"
#include "org/people.h"

/* A text input. `value` and `hint` may be NULL; the error comes from
 * `errors` for the field `name`. `extra` is trusted attribute markup. */
void widget_text(struct request *r, const char *name, const char *label, const char *value,
		 const char *hint, const struct field_errors *errors, const char *extra);
/* A select of (value, label) pairs, `count` of them. */
void widget_select(struct request *r, const char *name, const char *label, const char *const *values,
		   const char *const *labels, size_t count, const char *selected, const struct field_errors *errors);
/* A summary of the errors at the top of a form, with links to the fields. */
void widget_error_summary(struct request *r, const struct field_errors *errors);
/* The integer in route parameter `index`, or 0 when it is not a positive number. */
int64_t param_id(const struct request *r, size_t index);
/* A flash message box: kind is "info", "success" or "error". */
void widget_flash(struct request *r, const char *kind, const char *message);

#endif
