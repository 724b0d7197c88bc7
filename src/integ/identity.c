/* Accounts of people signed in through an ENT or an LMS; see identity.h. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "auth/account.h"
#include "integ/identity.h"
#include "org/people.h"

/* The initial "X." of the first letter of the last name. */
static int initial_of(const char *last_name, char *out, size_t size)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)last_name, -1, &cp);
	char first[8];

	if (n <= 0 || (size_t)n >= sizeof(first))
		return -1;
	memcpy(first, last_name, (size_t)n);
	first[n] = '\0';
	return initial_normalize(first, out, size) ? 0 : -1;
}

int identity_names_usable(const char *first_name, const char *last_name)
{
	char initial[16];

	return first_name && *first_name && strlen(first_name) <= IDENTITY_FIRST_NAME_MAX && last_name &&
	       initial_of(last_name, initial, sizeof(initial)) == 0;
}

/* A login nobody types: "ent-" and 16 random hexadecimal digits. */
static void login_random(char *out, size_t size)
{
	unsigned char raw[8];
	char hex[17];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	snprintf(out, size, "ent-%s", hex);
}

int64_t identity_account_create(struct db *db, const struct identity_person *p)
{
	struct account_row row;
	int64_t id;
	int child = strcmp(p->role, "eleve") == 0;

	memset(&row, 0, sizeof(row));
	if (!identity_names_usable(p->first_name, p->last_name) ||
	    initial_of(p->last_name, row.last_initial, sizeof(row.last_initial)) < 0)
		return -1;
	row.structure_id = p->structure_id;
	snprintf(row.role, sizeof(row.role), "%s", p->role);
	snprintf(row.first_name, sizeof(row.first_name), "%s", p->first_name);
	snprintf(row.level, sizeof(row.level), "%s", child && p->level ? p->level : "");
	login_random(row.login, sizeof(row.login));
	snprintf(row.secret_hash, sizeof(row.secret_hash), "!"); /* no password can match */
	id = account_create(db, &row);
	if (id < 0)
		return -1;
	if (p->group_id && group_add_member(db, p->group_id, id) < 0)
		return -1;
	if (audit_record(db, 0, "external_link", child ? "eleve" : "account", id, p->structure_id, p->source) < 0)
		return -1;
	return id;
}
