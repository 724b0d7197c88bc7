/* roster_decode: recognise the file type and encoding, convert to UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "org/roster_internal.h"

#define UTF8_BOM "\xEF\xBB\xBF"
/* Bytes looked at to tell UTF-16 or binary data from text. */
#define SNIFF_BYTES 512

struct foreign_file {
	const char *magic;
	size_t len;
	const char *message;
};

/* Files that people upload in place of CSV, and how to convert them. */
static const struct foreign_file foreign_files[] = {
	{ "PK\x03\x04", 4,
	  "Ce fichier est un classeur (xlsx ou ods), pas un fichier CSV. Dans le tableur, "
	  "choisissez « Enregistrer sous », type « CSV UTF-8 », puis importez le nouveau fichier." },
	{ "\xD0\xCF\x11\xE0", 4,
	  "Ce fichier est un classeur Excel (xls), pas un fichier CSV. Dans Excel, "
	  "choisissez « Enregistrer sous », type « CSV UTF-8 », puis importez le nouveau fichier." },
	{ "\xFF\xFE", 2,
	  "Ce fichier est en UTF-16 (« Texte Unicode »), qu'Ardoise ne lit pas. "
	  "Enregistrez-le depuis le tableur au type « CSV UTF-8 »." },
	{ "\xFE\xFF", 2,
	  "Ce fichier est en UTF-16 (« Texte Unicode »), qu'Ardoise ne lit pas. "
	  "Enregistrez-le depuis le tableur au type « CSV UTF-8 »." },
	{ "<?xml", 5,
	  "Ce fichier est un export XML (SIECLE par exemple), pas un fichier CSV. Ouvrez la liste "
	  "dans un tableur, gardez les colonnes Prénom, Nom, Niveau et Groupe, puis enregistrez-la "
	  "au type « CSV UTF-8 »." },
};

static bool starts_with(const char *data, size_t len, const char *magic, size_t magic_len)
{
	return len >= magic_len && memcmp(data, magic, magic_len) == 0;
}

static bool only_white_space(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (data[i] == '\0' || !strchr(" \t\r\n", data[i]))
			return false;
	}
	return true;
}

/* UTF-16 without BOM and binary files have many NUL bytes near the start. */
static bool looks_binary(const char *data, size_t len)
{
	size_t i, n = len < SNIFF_BYTES ? len : SNIFF_BYTES, nul = 0;

	for (i = 0; i < n; i++)
		nul += data[i] == '\0';
	return nul * 8 > n;
}

/* Return the reason why the file cannot be read, or NULL when it can. */
static const char *unreadable_reason(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(foreign_files) / sizeof(foreign_files[0]); i++) {
		if (starts_with(data, len, foreign_files[i].magic, foreign_files[i].len))
			return foreign_files[i].message;
	}
	if (starts_with(data, len, UTF8_BOM, 3)) {
		data += 3;
		len -= 3;
	}
	if (only_white_space(data, len))
		return "Le fichier est vide : choisissez le fichier qui contient la liste des élèves.";
	if (looks_binary(data, len))
		return "Ce fichier n'est pas un fichier texte CSV (il contient des octets nuls, "
		       "comme l'UTF-16). Enregistrez la liste depuis le tableur au type « CSV UTF-8 ».";
	return NULL;
}

static int check_readable(const char *data, size_t len, struct roster *r)
{
	const char *reason;

	if (len > ROSTER_MAX_BYTES) {
		roster_problem_add(r, 0, 0, NULL,
				   "Le fichier fait %zu octets, %d au plus : découpez la liste en "
				   "plusieurs fichiers, par exemple un par groupe.",
				   len, ROSTER_MAX_BYTES);
		return -1;
	}
	reason = unreadable_reason(data, len);
	if (reason) {
		roster_problem_add(r, 0, 0, NULL, "%s", reason);
		return -1;
	}
	return 0;
}

/* Count valid multibyte UTF-8 sequences and invalid bytes. */
static void utf8_count(const uint8_t *s, size_t len, size_t *multibyte, size_t *invalid)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i = 0;

	*multibyte = 0;
	*invalid = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			(*invalid)++;
			i++;
		} else {
			(*multibyte)++;
			i += (size_t)n;
		}
	}
}

static bool latin_lowercase(uint8_t b)
{
	return (b >= 'a' && b <= 'z') || (b >= 0xDF && b != 0xF7);
}

static bool latin_letter(uint8_t b)
{
	return latin_lowercase(b) || (b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE && b != 0xD7);
}

/* Choose between Windows-1252 and ISO-8859-15 by the rule in roster.h. */
static enum roster_encoding guess_8bit(const uint8_t *s, size_t len)
{
	bool latin9 = false;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] >= 0x80 && s[i] <= 0x9F)
			return ROSTER_WINDOWS_1252;
		if (strchr("\xA4\xA6\xA8\xB8\xBC\xBD\xBE", s[i]) && s[i] != '\0')
			latin9 = true;
		if (s[i] == 0xB4 && (i == 0 || !latin_letter(s[i - 1])) && i + 1 < len &&
		    latin_lowercase(s[i + 1]))
			latin9 = true;
	}
	return latin9 ? ROSTER_ISO_8859_15 : ROSTER_WINDOWS_1252;
}

static enum roster_encoding detect_encoding(const uint8_t *s, size_t len)
{
	size_t multibyte, invalid;

	utf8_count(s, len, &multibyte, &invalid);
	/* Mostly UTF-8 with a few stray bytes: report the bytes, keep the rest. */
	if (invalid == 0 || multibyte > invalid)
		return ROSTER_UTF8;
	return guess_8bit(s, len);
}

static size_t put_replacement(char *out)
{
	memcpy(out, ROSTER_REPLACEMENT, 3);
	return 3;
}

/* Copy valid UTF-8 from `s` to `out` (3 * len + 1 bytes), replacing invalid
 * sequences and control characters with U+FFFD; returns the length. */
static size_t scrub(const uint8_t *s, size_t len, char *out)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] < 0x80) {
			bool control = (s[i] < 0x20 && !strchr("\t\r\n", s[i])) || s[i] == 0x7F;

			if (control || s[i] == '\0')
				o += put_replacement(out + o);
			else
				out[o++] = (char)s[i];
			i++;
			continue;
		}
		n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0 || (cp >= 0x80 && cp <= 0x9F)) {
			o += put_replacement(out + o);
			i += n < 0 ? 1 : (size_t)n;
			continue;
		}
		memcpy(out + o, s + i, (size_t)n);
		o += (size_t)n;
		i += (size_t)n;
	}
	out[o] = '\0';
	return o;
}

/* Convert 8-bit text with iconv; an undefined byte (0x81 in Windows-1252)
 * becomes U+FFFD. `out` has 3 * len + 1 bytes. Returns the length, -1 when
 * the conversion fails or -2 when iconv lacks the character set. */
static long decode_8bit(const char *s, size_t len, enum roster_encoding enc, char *out)
{
	const char *charset = enc == ROSTER_ISO_8859_15 ? "ISO-8859-15" : "WINDOWS-1252";
	char *in = (char *)s, *o = out;
	size_t in_left = len, out_left = 3 * len;
	iconv_t cd;

	cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return -2;
	while (in_left > 0) {
		if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
			break;
		if (errno != EILSEQ && errno != EINVAL)
			break;
		o += put_replacement(o);
		out_left -= 3;
		in++;
		in_left--;
	}
	iconv_close(cd);
	if (in_left > 0)
		return -1;
	*o = '\0';
	return (long)(o - out);
}

/* Write `data` as scrubbed UTF-8 to `out` (3 * len + 1 bytes). Returns 0,
 * -1 when memory runs out or -2 when iconv lacks the character set. */
static int convert(const char *data, size_t len, enum roster_encoding enc, char *out,
		   size_t *out_len)
{
	char *decoded;
	long n;

	if (enc == ROSTER_UTF8 || enc == ROSTER_UTF8_BOM) {
		*out_len = scrub((const uint8_t *)data, len, out);
		return 0;
	}
	/* iconv output is valid UTF-8, but ISO-8859-15 maps 0x80-0x9F to
	 * control characters, which scrub() replaces. */
	decoded = malloc(3 * len + 1);
	if (!decoded)
		return -1;
	n = decode_8bit(data, len, enc, decoded);
	if (n >= 0)
		*out_len = scrub((const uint8_t *)decoded, (size_t)n, out);
	free(decoded);
	return n < 0 ? (int)n : 0;
}

int roster_decode(const char *data, size_t len, struct roster *r, char **text, size_t *text_len)
{
	char *out;
	int status = -1;

	*text = NULL;
	*text_len = 0;
	if (check_readable(data, len, r) < 0)
		return -1;
	if (starts_with(data, len, UTF8_BOM, 3)) {
		r->encoding = ROSTER_UTF8_BOM;
		data += 3;
		len -= 3;
	} else {
		r->encoding = detect_encoding((const uint8_t *)data, len);
	}

	out = malloc(3 * len + 1);
	if (out)
		status = convert(data, len, r->encoding, out, text_len);
	if (status == 0) {
		*text = out;
		return 0;
	}
	free(out);
	if (status == -2)
		roster_problem_add(r, 0, 0, NULL,
				   "Le serveur ne sait pas convertir ce fichier, écrit en %s : "
				   "enregistrez-le depuis le tableur au type « CSV UTF-8 ».",
				   r->encoding == ROSTER_ISO_8859_15 ? "ISO-8859-15" : "Windows-1252");
	else
		roster_problem_add(r, 0, 0, NULL,
				   "Le serveur manque de mémoire pour lire ce fichier : réessayez plus tard.");
	return -1;
}
