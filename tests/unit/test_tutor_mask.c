/* Unit tests of the masking of contact details in tutoring messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tutor/mask.h"

struct mask_case {
	const char *input;
	const char *expected;
	int kinds;
};

static const struct mask_case cases[] = {
	/* Phone numbers, in the forms children and adults type them. */
	{ "appelle le 06 12 34 56 78 ce soir", "appelle le [numéro masqué] ce soir", MASK_PHONE },
	{ "0612345678", "[numéro masqué]", MASK_PHONE },
	{ "06.12.34.56.78.", "[numéro masqué].", MASK_PHONE },
	{ "06-12-34-56-78", "[numéro masqué]", MASK_PHONE },
	{ "+33 6 12 34 56 78", "[numéro masqué]", MASK_PHONE },
	{ "+33612345678", "[numéro masqué]", MASK_PHONE },
	{ "+33 (0)6 12 34 56 78", "[numéro masqué]", MASK_PHONE },
	{ "0033 6 12 34 56 78", "[numéro masqué]", MASK_PHONE },
	{ "tél:0512345678!", "tél:[numéro masqué]!", MASK_PHONE },
	/* Numbers of arithmetic stay. */
	{ "4 500 + 1 200 = 5 700", "4 500 + 1 200 = 5 700", 0 },
	{ "3,25 m", "3,25 m", 0 },
	{ "1234567890", "1234567890", 0 },           /* does not start with 0 */
	{ "06123456789", "06123456789", 0 },         /* eleven digits */
	{ "00 12 34 56 78", "00 12 34 56 78", 0 },   /* 0 then 0 is no French number */
	{ "06  12 34 56 78", "06  12 34 56 78", 0 }, /* two spaces: not one number */
	/* E-mail addresses. */
	{ "écris à lea.m@ecole.fr stp", "écris à [adresse e-mail masquée] stp", MASK_EMAIL },
	{ "Mail: Tuteur_2+x@exemple-ecole.org.", "Mail: [adresse e-mail masquée].", MASK_EMAIL },
	{ "le signe @ tout seul", "le signe @ tout seul", 0 },
	{ "lea@localhost", "lea@localhost", 0 },
	/* Street addresses, with an optional postal code and town. */
	{ "j'habite 12 rue des Lilas", "j'habite [adresse masquée]", MASK_ADDRESS },
	{ "12 rue des Lilas, 31000 Toulouse. Et toi ?", "[adresse masquée]. Et toi ?", MASK_ADDRESS },
	{ "3 bis avenue Jean-Jaurès", "[adresse masquée]", MASK_ADDRESS },
	{ "au 7, allée des Peupliers", "au [adresse masquée]", MASK_ADDRESS },
	{ "40 Bd. de la Gare", "[adresse masquée]", MASK_ADDRESS },
	{ "j'ai 12 rues", "j'ai 12 rues", 0 },
	{ "12 rue", "12 rue", 0 },
	/* Several kinds in one message. */
	{ "06 12 34 56 78 ou a@b.fr", "[numéro masqué] ou [adresse e-mail masquée]", MASK_PHONE | MASK_EMAIL },
	{ "", "", 0 },
};

static void mask_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT(4096);
		int kinds = mask_contact_details(cases[i].input, strlen(cases[i].input), &out);

		if (strcmp(buf_cstr(&out), cases[i].expected) != 0)
			fail_msg("\"%s\": expected \"%s\", got \"%s\"", cases[i].input, cases[i].expected, buf_cstr(&out));
		if (kinds != cases[i].kinds)
			fail_msg("\"%s\": expected kinds %d, got %d", cases[i].input, cases[i].kinds, kinds);
		buf_release(&out);
	}
}

static void mask_full_buffer_fails(void **state)
{
	struct buf out = BUF_INIT(8);

	assert_int_equal(mask_contact_details("appelle le 06 12 34 56 78", 25, &out), -1);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mask_table),
		cmocka_unit_test(mask_full_buffer_fails),
	};

	return cmocka_run_group_tests_name("tutor_mask", tests, NULL, NULL);
}
