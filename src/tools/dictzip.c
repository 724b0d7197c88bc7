/* Random access to dictzip files with zlib's raw inflate. */
#include "tools/dictzip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Flags of the gzip header (RFC 1952, section 2.3.1). */
#define GZ_FHCRC 0x02
#define GZ_FEXTRA 0x04
#define GZ_FNAME 0x08
#define GZ_FCOMMENT 0x10

struct dictzip {
	unsigned char *data;
	size_t len;
	size_t chunk_len;     /* uncompressed bytes per chunk */
	size_t chunk_count;
	size_t *chunk_offset; /* start of each compressed chunk in `data`, plus the end */
};

static unsigned u16le(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Read the "RA" subfield of the extra field [p, end). Returns 0 or -1. */
static int ra_parse(struct dictzip *dz, const unsigned char *p, const unsigned char *end, size_t data_start)
{
	while (end - p >= 4) {
		unsigned sublen = u16le(p + 2);
		size_t i, at = data_start;

		if ((size_t)(end - p - 4) < sublen)
			return -1;
		if (p[0] == 'R' && p[1] == 'A' && sublen >= 6 && u16le(p + 4) == 1) {
			dz->chunk_len = u16le(p + 6);
			dz->chunk_count = u16le(p + 8);
			if (dz->chunk_len == 0 || sublen < 6 + 2 * dz->chunk_count)
				return -1;
			dz->chunk_offset = malloc((dz->chunk_count + 1) * sizeof(size_t));
			if (!dz->chunk_offset)
				return -1;
			for (i = 0; i < dz->chunk_count; i++) {
				dz->chunk_offset[i] = at;
				at += u16le(p + 10 + 2 * i);
			}
			dz->chunk_offset[i] = at;
			return at <= dz->len ? 0 : -1;
		}
		p += 4 + sublen;
	}
	return -1;
}

/* Skip a NUL-terminated header field; returns the next offset or 0. */
static size_t skip_string(const unsigned char *data, size_t len, size_t at)
{
	const unsigned char *nul = at < len ? memchr(data + at, 0, len - at) : NULL;

	return nul ? (size_t)(nul - data) + 1 : 0;
}

static int header_parse(struct dictzip *dz)
{
	const unsigned char *d = dz->data;
	size_t at = 12, xlen;
	unsigned flags;

	if (dz->len < 18 || d[0] != 0x1f || d[1] != 0x8b || d[2] != 8)
		return -1;
	flags = d[3];
	if (!(flags & GZ_FEXTRA))
		return -1;
	xlen = u16le(d + 10);
	if (at + xlen > dz->len)
		return -1;
	at += xlen;
	if ((flags & GZ_FNAME) && !(at = skip_string(d, dz->len, at)))
		return -1;
	if ((flags & GZ_FCOMMENT) && !(at = skip_string(d, dz->len, at)))
		return -1;
	if (flags & GZ_FHCRC)
		at += 2;
	if (at > dz->len)
		return -1;
	return ra_parse(dz, d + 12, d + 12 + xlen, at);
}

struct dictzip *dictzip_parse(const unsigned char *data, size_t len)
{
	struct dictzip *dz = calloc(1, sizeof(*dz));

	if (!dz || len > DICTZIP_MAX_FILE_BYTES)
		goto fail;
	dz->data = malloc(len ? len : 1);
	if (!dz->data)
		goto fail;
	memcpy(dz->data, data, len);
	dz->len = len;
	if (header_parse(dz) < 0)
		goto fail;
	return dz;
fail:
	dictzip_free(dz);
	return NULL;
}

struct dictzip *dictzip_open(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	struct dictzip *dz = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && (size_t)size <= DICTZIP_MAX_FILE_BYTES &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1)) &&
	    fread(data, 1, (size_t)size, f) == (size_t)size)
		dz = dictzip_parse(data, (size_t)size);
	free(data);
	fclose(f);
	return dz;
}

void dictzip_free(struct dictzip *dz)
{
	if (!dz)
		return;
	free(dz->data);
	free(dz->chunk_offset);
	free(dz);
}

/* Inflate chunk `i` into `out` (chunk_len bytes); returns its length or -1. */
static long chunk_inflate(const struct dictzip *dz, size_t i, unsigned char *out)
{
	z_stream z = { 0 };
	long n;
	int rc;

	if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
		return -1;
	z.next_in = dz->data + dz->chunk_offset[i];
	z.avail_in = (uInt)(dz->chunk_offset[i + 1] - dz->chunk_offset[i]);
	z.next_out = out;
	z.avail_out = (uInt)dz->chunk_len;
	rc = inflate(&z, Z_SYNC_FLUSH);
	n = rc == Z_OK || rc == Z_STREAM_END || (rc == Z_BUF_ERROR && z.avail_out == 0) ? (long)z.total_out : -1;
	inflateEnd(&z);
	return n;
}

int dictzip_read(const struct dictzip *dz, uint64_t offset, size_t len, char *out, size_t size)
{
	unsigned char *chunk;
	size_t done = 0, i = (size_t)(offset / dz->chunk_len), skip = (size_t)(offset % dz->chunk_len);
	int rc = 0;

	if (len > DICTZIP_MAX_READ_BYTES || size <= len || offset / dz->chunk_len >= dz->chunk_count)
		return -1;
	chunk = malloc(dz->chunk_len);
	if (!chunk)
		return -1;
	while (done < len) {
		long n = i < dz->chunk_count ? chunk_inflate(dz, i, chunk) : -1;
		size_t take;

		if (n < 0 || (size_t)n <= skip) {
			rc = -1;
			break;
		}
		take = (size_t)n - skip < len - done ? (size_t)n - skip : len - done;
		memcpy(out + done, chunk + skip, take);
		done += take;
		skip = 0;
		i++;
	}
	free(chunk);
	out[rc == 0 ? len : 0] = '\0';
	return rc;
}
