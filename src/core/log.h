/*
 * log: one line per event on stderr, "time level message key=value ...".
 * Time is UTC (ISO 8601 with milliseconds). Safe to call from any thread.
 * Never pass a password, token or a child's answer text.
 */
#ifndef ARDOISE_CORE_LOG_H
#define ARDOISE_CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Messages below `level` are dropped. Default LOG_INFO. */
void log_set_level(enum log_level level);
void log_write(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_write(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_write(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_write(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_write(LOG_ERROR, __VA_ARGS__)

#endif
