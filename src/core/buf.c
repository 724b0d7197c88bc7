#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : BUF_DEFAULT_MAX;
	b->failed = false;
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = false;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	b->failed = false;
}

char *buf_detach(struct buf *b, size_t *len_out)
{
	char *data;

	if (b->failed) {
		buf_release(b);
		return NULL;
	}
	data = b->data ? b->data : strdup("");
	if (len_out)
		*len_out = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return data;
}

/* Make room for `extra` more bytes plus the terminating NUL. */
static int buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	if (b->failed)
		return -1;
	if (extra > b->max || b->len + extra > b->max) {
		b->failed = true;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	data = realloc(b->data, cap);
	if (!data) {
		b->failed = true;
		return -1;
	}
	b->data = data;
	b->cap = cap;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	if (buf_grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int buf_adds(struct buf *b, const char *s)
{
	return s ? buf_add(b, s, strlen(s)) : 0;
}

int buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || buf_grow(b, (size_t)n) < 0) {
		b->failed = true;
		return -1;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int buf_add_html(struct buf *b, const char *s, size_t len)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	return buf_add(b, s + start, len - start);
}

int buf_add_url(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == '~') {
			buf_addc(b, (char)c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_add(b, esc, 3);
		}
	}
	return b->failed ? -1 : 0;
}

int buf_add_json(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\r') {
			buf_adds(b, "\\r");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (c < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			buf_add(b, esc, 6);
		} else if (c == '<') {
			/* Keeps "</script>" inert when JSON is embedded in a page. */
			buf_adds(b, "\\u003c");
		} else {
			buf_addc(b, (char)c);
		}
	}
	return buf_addc(b, '"');
}

/* Append the integer conversion at *fmt (just after the percent sign) and advance *fmt. */
static int html_integer(struct buf *b, const char **fmt, va_list *ap)
{
	const char *f = *fmt;

	if (f[0] == 'd') {
		*fmt = f + 1;
		return buf_addf(b, "%d", va_arg(*ap, int));
	}
	if (f[0] == 'u') {
		*fmt = f + 1;
		return buf_addf(b, "%u", va_arg(*ap, unsigned));
	}
	if (f[0] == 'l' && f[1] == 'd') {
		*fmt = f + 2;
		return buf_addf(b, "%ld", va_arg(*ap, long));
	}
	if (f[0] == 'l' && f[1] == 'u') {
		*fmt = f + 2;
		return buf_addf(b, "%lu", va_arg(*ap, unsigned long));
	}
	if (f[0] == 'l' && f[1] == 'l' && f[2] == 'd') {
		*fmt = f + 3;
		return buf_addf(b, "%lld", va_arg(*ap, long long));
	}
	if (f[0] == 'z' && f[1] == 'u') {
		*fmt = f + 2;
		return buf_addf(b, "%zu", va_arg(*ap, size_t));
	}
	b->failed = true;
	return -1;
}

int buf_vhtml(struct buf *b, const char *fmt, va_list ap)
{
	va_list args;
	const char *p = fmt, *s;

	va_copy(args, ap);
	while (*p && !b->failed) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_adds(b, p);
			break;
		}
		buf_add(b, p, (size_t)(pct - p));
		p = pct + 1;
		switch (*p) {
		case 's':
			s = va_arg(args, const char *);
			if (s)
				buf_add_html(b, s, strlen(s));
			p++;
			break;
		case 'S':
			buf_adds(b, va_arg(args, const char *));
			p++;
			break;
		case 'U':
			s = va_arg(args, const char *);
			if (s)
				buf_add_url(b, s, strlen(s));
			p++;
			break;
		case '.':
			if (p[1] == '*' && p[2] == 's') {
				int n = va_arg(args, int);
				s = va_arg(args, const char *);
				if (s && n > 0)
					buf_add_html(b, s, (size_t)n);
				p += 3;
			} else {
				b->failed = true;
			}
			break;
		case '%':
			buf_addc(b, '%');
			p++;
			break;
		default:
			html_integer(b, &p, &args);
			break;
		}
	}
	va_end(args);
	return b->failed ? -1 : 0;
}

int buf_html(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vhtml(b, fmt, ap);
	va_end(ap);
	return rc;
}
