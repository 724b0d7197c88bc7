/* libFuzzer target: the normaliser and accent folding of the dictionary
 * queries, then a written operation built from the first two words (its
 * number parser reads the same kind of text). */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tools/fold.h"
#include "tools/written_op.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct written_op op;
	char query[TOOL_QUERY_MAX_BYTES + 1], folded[4 * TOOL_QUERY_MAX_BYTES + 1], err[256];
	char *space;

	if (tool_query_normalise((const char *)data, size, query, sizeof(query)) != QUERY_OK) {
		assert(query[0] == '\0');
		return 0;
	}
	assert(strlen(query) <= TOOL_QUERY_MAX_BYTES);
	tool_fold(query, strlen(query), folded, sizeof(folded));
	space = strchr(query, ' ');
	if (space) {
		*space = '\0';
		written_op_build((enum op_kind)(size % 5), query, space + 1, &op, err, sizeof(err));
	}
	return 0;
}
