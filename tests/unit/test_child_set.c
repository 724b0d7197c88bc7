/* Sets of active children (eval/child_set.h): written, read back with
 * masks of days and groups, and refused when damaged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "eval/child_set.h"

/* Structure A: children 3 (days 1 and 2), 5 (day 10, a tutoring message
 * that day) and 900 (day 31). Structure B: children 5 (day 2) and 7 (day 3). */
static void sets_build(struct buf *a, struct buf *b)
{
	assert_int_equal(child_set_add(a, 3, 0x3, 0), 0);
	assert_int_equal(child_set_add(a, 5, 1u << 9, 1u << 9), 0);
	assert_int_equal(child_set_add(a, 900, 1u << 30, 0), 0);
	assert_int_equal(child_set_add(b, 5, 1u << 1, 0), 0);
	assert_int_equal(child_set_add(b, 7, 1u << 2, 0), 0);
	assert_int_equal(a->len, 3 * CHILD_SET_RECORD);
}

static void counted_once_across_sets(void **state)
{
	struct buf a = BUF_INIT(0), b = BUF_INIT(0);
	struct child_count c;

	sets_build(&a, &b);
	child_count_init(&c);
	assert_int_equal(child_count_add(&c, a.data, a.len, 0xffffffffu), 0);
	assert_int_equal(child_count_add(&c, b.data, b.len, 0xffffffffu), 0);
	/* 3, 5, 7 and 900; child 5 is in both structures. */
	assert_int_equal(c.children, 4);
	assert_int_equal(c.tutoring_children, 1);
	/* Adding the same set again changes nothing. */
	assert_int_equal(child_count_add(&c, a.data, a.len, 0xffffffffu), 0);
	assert_int_equal(c.children, 4);
	child_count_clear(&c);
	assert_int_equal(c.children, 0);
	/* Days 2 and 3 only: child 3 (day 2) in A, 5 and 7 in B. */
	assert_int_equal(child_count_add(&c, a.data, a.len, 0x6), 0);
	assert_int_equal(child_count_add(&c, b.data, b.len, 0x6), 0);
	assert_int_equal(c.children, 3);
	assert_int_equal(c.tutoring_children, 0);
	child_count_release(&c);
	buf_release(&a);
	buf_release(&b);
}

static void counted_per_group(void **state)
{
	struct buf a = BUF_INIT(0), b = BUF_INIT(0);
	struct child_count c;

	sets_build(&a, &b);
	child_count_init(&c);
	child_count_group(&c);
	assert_int_equal(child_count_add(&c, a.data, a.len, 0xffffffffu), 0);
	assert_int_equal(child_count_add(&c, a.data, a.len, 0xffffffffu), 0);
	assert_int_equal(c.group_children, 3);
	child_count_group(&c);
	assert_int_equal(child_count_add(&c, b.data, b.len, 0xffffffffu), 0);
	/* Child 5 counts in B too, and once in the total. */
	assert_int_equal(c.group_children, 2);
	assert_int_equal(c.children, 4);
	child_count_release(&c);
	buf_release(&a);
	buf_release(&b);
}

static void damaged_sets_rejected(void **state)
{
	struct buf a = BUF_INIT(0), b = BUF_INIT(0);
	struct child_count c;
	unsigned char big[CHILD_SET_RECORD] = { 0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0, 0, 0, 0, 0 };

	sets_build(&a, &b);
	child_count_init(&c);
	/* A cut record. */
	assert_int_equal(child_count_add(&c, a.data, a.len - 1, 0xffffffffu), -1);
	/* Ids out of order: A's second and first records swapped. */
	memcpy(b.data, a.data + CHILD_SET_RECORD, CHILD_SET_RECORD);
	memcpy(b.data + CHILD_SET_RECORD, a.data, CHILD_SET_RECORD);
	assert_int_equal(child_count_add(&c, b.data, b.len, 0xffffffffu), -1);
	/* An id past the limit is neither written nor read. */
	assert_int_equal(child_count_add(&c, big, sizeof(big), 0xffffffffu), -1);
	assert_int_equal(child_set_add(&a, (int64_t)CHILD_SET_MAX_ID + 1, 1, 0), -1);
	assert_int_equal(child_set_add(&a, -1, 1, 0), -1);
	/* An empty set is a set with no child. */
	assert_int_equal(child_count_add(&c, NULL, 0, 0xffffffffu), 0);
	child_count_release(&c);
	buf_release(&a);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counted_once_across_sets),
		cmocka_unit_test(counted_per_group),
		cmocka_unit_test(damaged_sets_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
