# Benchmark tools, built with the main Makefile's flags:
#   make -f Makefile -f bench/bench.mk bench-tools
# Each tool links build/libardoise.a; the HTTP clients also link libcurl.

BENCH_BIN := $(BUILD)/bench/make-volume-db $(BUILD)/bench/sign-in-children $(BUILD)/bench/class-start \
	$(BUILD)/bench/mastery-replay $(BUILD)/bench/search-bench $(BUILD)/bench/tools-lookup \
	$(BUILD)/bench/eval-events $(BUILD)/bench/tutoring-sse

.PHONY: bench-tools
bench-tools: $(BUILD)/ardoise $(BENCH_BIN)

$(BUILD)/bench/make-volume-db: bench/make_volume_db.c $(BUILD)/libardoise.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libardoise.a $(LIBS)

$(BUILD)/bench/sign-in-children: bench/sign_in_children.c bench/client.c bench/client.h $(BUILD)/libardoise.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ibench -o $@ $< bench/client.c $(BUILD)/libardoise.a $(LIBS) -lcurl

$(BUILD)/bench/class-start: bench/class_start.c bench/client.c bench/client.h $(BUILD)/libardoise.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ibench -o $@ $< bench/client.c $(BUILD)/libardoise.a $(LIBS) -lcurl

# One source file each. A target listed without a recipe is never built,
# so each names this shared recipe.
define bench_simple_link
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libardoise.a $(LIBS)
endef

$(BUILD)/bench/mastery-replay: bench/mastery_replay.c $(BUILD)/libardoise.a
	$(bench_simple_link)
$(BUILD)/bench/search-bench: bench/search_bench.c $(BUILD)/libardoise.a
	$(bench_simple_link)
$(BUILD)/bench/tools-lookup: bench/tools_lookup.c $(BUILD)/libardoise.a
	$(bench_simple_link)
$(BUILD)/bench/eval-events: bench/eval_events.c $(BUILD)/libardoise.a
	$(bench_simple_link)
$(BUILD)/bench/tutoring-sse: bench/tutoring_sse.c $(BUILD)/libardoise.a
	$(bench_simple_link)
