/* Sets of active children (eval/child_set.h): written, read back with
 * masks of days and groups, read in the older fixed form, and rejected
 * when damaged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "eval/child_set.h"

/* Structure A: children 3 (days 1 and 2), 5 (day 10, a tutoring message
 * that day) and 900 (day 31). Structure B: children 5 (day 2) and 7 (day 3). */
static void sets_build(struct child_set *a, struct child_set *b)
{
	child_set_init(a, 0);
	child_set_init(b, 0);
	assert_int_equal(child_set_add(a, 3, 0x3, 0), 0);
	assert_int_equal(child_set_add(a, 5, 1u << 9, 1u << 9), 0);
	assert_int_equal(child_set_add(a, 900, 1u << 30, 0), 0);
	assert_int_equal(child_set_add(b, 5, 1u << 1, 0), 0);
	assert_int_equal(child_set_add(b, 7, 1u << 2, 0), 0);
	assert_non_null(child_set_finish(a));
	assert_non_null(child_set_finish(b));
	/* The tag; gaps 3, 2 (with tutoring) and 895 (two bytes); three
	 * masks of days and one of tutoring days. */
	assert_int_equal(a->data.len, 1 + 1 + 1 + 2 + 4 * 4);
}

static void counted_once_across_sets(void **state)
{
	struct child_set a, b;
	struct child_count c;

	sets_build(&a, &b);
	child_count_init(&c);
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len, 0xffffffffu), 0);
	assert_int_equal(child_count_add(&c, b.data.data, b.data.len, 0xffffffffu), 0);
	/* 3, 5, 7 and 900; child 5 is in both structures. */
	assert_int_equal(c.children, 4);
	assert_int_equal(c.tutoring_children, 1);
	/* Adding the same set again changes nothing. */
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len, 0xffffffffu), 0);
	assert_int_equal(c.children, 4);
	child_count_clear(&c);
	assert_int_equal(c.children, 0);
	/* Days 2 and 3 only: child 3 (day 2) in A, 5 and 7 in B. */
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len, 0x6), 0);
	assert_int_equal(child_count_add(&c, b.data.data, b.data.len, 0x6), 0);
	assert_int_equal(c.children, 3);
	assert_int_equal(c.tutoring_children, 0);
	child_count_release(&c);
	child_set_release(&a);
	child_set_release(&b);
}

static void counted_per_group(void **state)
{
	struct child_set a, b;
	struct child_count c;

	sets_build(&a, &b);
	child_count_init(&c);
	child_count_group(&c);
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len, 0xffffffffu), 0);
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len, 0xffffffffu), 0);
	assert_int_equal(c.group_children, 3);
	child_count_group(&c);
	assert_int_equal(child_count_add(&c, b.data.data, b.data.len, 0xffffffffu), 0);
	/* Child 5 counts in B too, and once in the total. */
	assert_int_equal(c.group_children, 2);
	assert_int_equal(c.children, 4);
	child_count_release(&c);
	child_set_release(&a);
	child_set_release(&b);
}

/* Records read back as written, with the padding byte when the length
 * would otherwise be a multiple of 12. */
static void records_read_back(void **state)
{
	struct child_set s;
	struct child_set_reader r;
	uint32_t id, active, tutoring;

	child_set_init(&s, 0);
	/* The tag and two records of 5 bytes make 11 bytes. The third
	 * record's gap (2,000,000 shifted, with the tutoring bit) takes 4
	 * bytes, then come two masks: 23 bytes. Five records of 5 bytes make
	 * 48, a multiple of 12, so the set is padded to 49. */
	assert_int_equal(child_set_add(&s, 0, 1, 0), 0);
	assert_int_equal(child_set_add(&s, 1, 2, 0), 0);
	assert_int_equal(child_set_add(&s, 2000001, 0x80000000u, 0x80000000u), 0);
	for (id = 2000002; id < 2000007; id++)
		assert_int_equal(child_set_add(&s, id, 4, 0), 0);
	assert_int_equal(s.data.len, 48);
	assert_non_null(child_set_finish(&s));
	assert_int_equal(s.data.len, 49);
	assert_int_equal(child_set_read(&r, s.data.data, s.data.len), 0);
	assert_int_equal(child_set_next(&r, &id, &active, &tutoring), 1);
	assert_int_equal(id, 0);
	assert_int_equal(active, 1);
	assert_int_equal(child_set_next(&r, &id, &active, &tutoring), 1);
	assert_int_equal(id, 1);
	assert_int_equal(child_set_next(&r, &id, &active, &tutoring), 1);
	assert_int_equal(id, 2000001);
	assert_int_equal(active, 0x80000000u);
	assert_int_equal(tutoring, 0x80000000u);
	for (int expected = 2000002; expected < 2000007; expected++) {
		assert_int_equal(child_set_next(&r, &id, &active, &tutoring), 1);
		assert_int_equal(id, expected);
		assert_int_equal(tutoring, 0);
	}
	assert_int_equal(child_set_next(&r, &id, &active, &tutoring), 0);
	/* Ids must increase, and an empty set is the tag alone. */
	assert_int_equal(child_set_add(&s, 2000006, 1, 0), -1);
	child_set_reset(&s);
	assert_non_null(child_set_finish(&s));
	assert_int_equal(s.data.len, 1);
	child_set_release(&s);
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* A set stored before the compact form: 12-byte records. Its first byte
 * is the compact tag, so only its length shows which form it is. */
static void fixed_form_still_read(void **state)
{
	unsigned char old[3 * CHILD_SET_RECORD] = { 0 };
	struct child_count c;

	put32(old, 0xa2);
	put32(old + 4, 0x1);
	put32(old + 12, 0x1a2);
	put32(old + 16, 0x2);
	put32(old + 20, 0x2);
	put32(old + 24, 0x2a2);
	put32(old + 28, 0x4);
	child_count_init(&c);
	assert_int_equal(child_count_add(&c, old, sizeof(old), 0x6), 0);
	/* Days 2 and 3: children 0x1a2 and 0x2a2; 0x1a2 wrote to a tutor. */
	assert_int_equal(c.children, 2);
	assert_int_equal(c.tutoring_children, 1);
	child_count_release(&c);
}

static void damaged_sets_rejected(void **state)
{
	struct child_set a, b;
	struct child_count c;
	unsigned char big[CHILD_SET_RECORD] = { 0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0, 0, 0, 0, 0 };
	unsigned char far[] = { CHILD_SET_TAG, 0x80, 0x80, 0x80, 0x40, 1, 0, 0, 0 };
	unsigned char long_gap[] = { CHILD_SET_TAG, 0x80, 0x80, 0x80, 0x80, 0x01, 1, 0, 0, 0 };
	unsigned char no_tag[] = { 0x11, 0x02, 1, 0, 0, 0 };
	unsigned char repeated[] = { CHILD_SET_TAG, 0x02, 1, 0, 0, 0, 0x00, 1, 0, 0, 0 };

	sets_build(&a, &b);
	child_count_init(&c);
	/* A cut record. */
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len - 1, 0xffffffffu), -1);
	assert_int_equal(child_count_add(&c, a.data.data, a.data.len - 3, 0xffffffffu), -1);
	/* Neither form: a length not a multiple of 12 without the tag. */
	assert_int_equal(child_count_add(&c, no_tag, sizeof(no_tag), 0xffffffffu), -1);
	/* A gap of 0 after the first record repeats an id. */
	assert_int_equal(child_count_add(&c, repeated, sizeof(repeated), 0xffffffffu), -1);
	/* Ids past the limit, and a gap longer than 4 bytes. */
	assert_int_equal(child_count_add(&c, big, sizeof(big), 0xffffffffu), -1);
	assert_int_equal(child_count_add(&c, far, sizeof(far), 0xffffffffu), -1);
	assert_int_equal(child_count_add(&c, long_gap, sizeof(long_gap), 0xffffffffu), -1);
	assert_int_equal(child_set_add(&a, (int64_t)CHILD_SET_MAX_ID + 1, 1, 0), -1);
	assert_int_equal(child_set_add(&a, -1, 1, 0), -1);
	/* An empty set is a set with no child. */
	child_count_clear(&c);
	assert_int_equal(child_count_add(&c, NULL, 0, 0xffffffffu), 0);
	assert_int_equal(c.children, 0);
	child_count_release(&c);
	child_set_release(&a);
	child_set_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counted_once_across_sets),
		cmocka_unit_test(counted_per_group),
		cmocka_unit_test(records_read_back),
		cmocka_unit_test(fixed_form_still_read),
		cmocka_unit_test(damaged_sets_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
