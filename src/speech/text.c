/* The text espeak-ng reads: HTML to plain text, spaces and numbers. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "speech/speech.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the space character at `s` (ASCII white space, no-break space
 * U+00A0, thin space U+2009, narrow no-break space U+202F), or 0. */
static size_t space_length(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
		return 3;
	return 0;
}

/* True when `s` starts with exactly three digits: a group of thousands. */
static bool thousands_group(const char *s)
{
	return is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && !is_digit(s[3]);
}

static char last_char(const struct buf *b)
{
	return b->len ? b->data[b->len - 1] : '\0';
}

void speech_text_add(struct buf *b, const char *text)
{
	const char *p = text;
	size_t n;

	while (*p) {
		if (!(n = space_length(p))) {
			buf_addc(b, *p++);
			continue;
		}
		while ((n = space_length(p)) != 0)
			p += n;
		/* "10 000" is one number; "3 506" too. */
		if (is_digit(last_char(b)) && thousands_group(p))
			continue;
		if (b->len && last_char(b) != ' ' && *p)
			buf_addc(b, ' ');
	}
}

/* Tags after which a reader pauses, as at the end of a sentence. */
static bool tag_is_block(const char *tag, size_t len)
{
	static const char *const blocks[] = { "p", "li", "br", "div", "h1", "h2", "h3", "h4", "tr", "blockquote" };
	size_t i;

	if (len && tag[0] == '/') {
		tag++;
		len--;
	}
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strlen(blocks[i]) == len && strncmp(tag, blocks[i], len) == 0)
			return true;
	return false;
}

/* Append a pause unless the text already ends with punctuation. */
static void add_pause(struct buf *plain)
{
	size_t end = plain->len;

	while (end && plain->data[end - 1] == ' ')
		end--;
	if (!end || strchr(".!?:;", plain->data[end - 1]) ||
	    (end >= 3 && memcmp(plain->data + end - 3, "…", 3) == 0))
		buf_addc(plain, ' ');
	else
		buf_adds(plain, ". ");
}

/* Skip the tag at `p` (just after '<'); returns the character after '>'. */
static const char *skip_tag(struct buf *plain, const char *p)
{
	const char *end;
	size_t len = 0;

	while (p[len] && p[len] != '>' && p[len] != ' ' && p[len] != '/')
		len++;
	if (p[0] == '/')
		for (len = 1; p[len] && p[len] != '>' && p[len] != ' '; len++)
			;
	if (tag_is_block(p, len))
		add_pause(plain);
	else
		buf_addc(plain, ' ');
	end = strchr(p, '>');
	return end ? end + 1 : p + strlen(p);
}

/* Append the UTF-8 encoding of `code`; invalid code points are dropped. */
static void add_code_point(struct buf *b, unsigned long code)
{
	if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
		return;
	if (code < 0x80) {
		buf_addc(b, (char)code);
	} else if (code < 0x800) {
		buf_addc(b, (char)(0xC0 | (code >> 6)));
		buf_addc(b, (char)(0x80 | (code & 0x3F)));
	} else if (code < 0x10000) {
		buf_addc(b, (char)(0xE0 | (code >> 12)));
		buf_addc(b, (char)(0x80 | ((code >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (code & 0x3F)));
	} else {
		buf_addc(b, (char)(0xF0 | (code >> 18)));
		buf_addc(b, (char)(0x80 | ((code >> 12) & 0x3F)));
		buf_addc(b, (char)(0x80 | ((code >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (code & 0x3F)));
	}
}

/* Decode the entity at `p` (just after '&') and return the character after
 * it. Text that is no entity keeps its '&', and `p` itself is returned. */
static const char *decode_entity(struct buf *plain, const char *p)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
		{ "apos;", "'" }, { "nbsp;", "\xC2\xA0" },
	};
	unsigned long code;
	char *end;
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strncmp(p, named[i].name, strlen(named[i].name)) == 0) {
			buf_adds(plain, named[i].text);
			return p + strlen(named[i].name);
		}
	if (p[0] != '#')
		goto literal;
	code = p[1] == 'x' || p[1] == 'X' ? strtoul(p + 2, &end, 16) : strtoul(p + 1, &end, 10);
	if (*end != ';' || end == p + 1)
		goto literal;
	add_code_point(plain, code);
	return end + 1;
literal:
	buf_addc(plain, '&');
	return p;
}

void speech_text_from_html(struct buf *b, const char *html)
{
	struct buf plain = BUF_INIT(0);
	const char *p = html;

	while (p && *p) {
		if (*p == '<')
			p = skip_tag(&plain, p + 1);
		else if (*p == '&')
			p = decode_entity(&plain, p + 1);
		else
			buf_addc(&plain, *p++);
	}
	speech_text_add(b, buf_cstr(&plain));
	buf_release(&plain);
}
