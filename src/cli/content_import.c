/* ardoise content import: convert a GIFT, Moodle XML or QTI 2.1 file into
 * an Ardoise content file, with a report of what was not converted. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "content/activity.h"
#include "core/i18n.h"
#include "integ/exo.h"

static void import_usage(void)
{
	fputs(_("Usage : ardoise content import FICHIER --out DOSSIER [--subject MATIÈRE]\n"
		"                              [--level NIVEAU] [--competency CODE] [--author NOM]\n"
		"\n"
		"Convertit un fichier GIFT (.gift, .txt), Moodle XML (.xml), un item QTI 2.1\n"
		"(.xml) ou un paquet QTI 2.1 (.zip) en une activité d'Ardoise, écrite dans\n"
		"DOSSIER/MATIÈRE/import/. Les questions non converties sont listées avec\n"
		"leur ligne et la raison. Relisez l'activité, puis lancez « ardoise content check ».\n"
		"  --subject     matière (défaut : mathematiques)\n"
		"  --level       niveau : CE2, CM1, CM2 ou 6e (défaut : CM1)\n"
		"  --competency  code de compétence (défaut selon la matière)\n"
		"  --author      auteur écrit dans l'en-tête (défaut : import)\n"), stdout);
}

static char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && size <= EXO_FILE_MAX && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)size + 1)) && fread(data, 1, (size_t)size, f) == (size_t)size) {
		data[size] = '\0';
		*len = (size_t)size;
	} else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

/* Write `text` to DIR/SUBJECT/import/ID.md, making the folders. */
static int output_write(const char *dir, const char *subject, const char *id, const struct buf *text, char *path, size_t size)
{
	FILE *f;
	int ok;

	snprintf(path, size, "%s/%s", dir, subject);
	if ((mkdir(dir, 0755) < 0 && errno != EEXIST) || (mkdir(path, 0755) < 0 && errno != EEXIST))
		return -1;
	snprintf(path, size, "%s/%s/import", dir, subject);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -1;
	snprintf(path, size, "%s/%s/import/%s.md", dir, subject, id);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	ok = fwrite(buf_cstr(text), 1, text->len, f) == text->len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Print the report, each line prefixed with the file name. */
static void report_print(const char *file, const struct exo_set *s)
{
	const char *p = buf_cstr(&s->report), *eol;

	for (; *p; p = eol + 1) {
		eol = strchr(p, '\n');
		if (!eol)
			break;
		fprintf(stderr, "%s: %.*s\n", file, (int)(eol - p), p);
	}
}

static int import_run(const char *file, const char *out_dir, struct exo_meta *meta)
{
	struct buf text = BUF_INIT(4 * 1024 * 1024);
	struct exo_set s;
	char id[80], path[4096];
	size_t len = 0;
	char *data = file_read(file, &len);
	int rc = 1;

	if (!data) {
		fprintf(stderr, _("ardoise content import : fichier « %s » illisible, absent ou de plus de 8 Mio.\n"), file);
		return 1;
	}
	exo_id_from_name(file, id, sizeof(id));
	meta->id = id;
	if (exo_set_init(&s) == 0) {
		if (exo_convert(file, data, len, meta, &s, &text) < 0)
			fprintf(stderr, _("ardoise content import : rien n'a pu être converti dans « %s ».\n"), file);
		else if (output_write(out_dir, meta->subject, id, &text, path, sizeof(path)) < 0)
			fprintf(stderr, _("ardoise content import : « %s » n'a pas pu être écrit.\n"), path);
		else {
			printf(_("%zu question(s) convertie(s) dans %s.\n"), s.count, path);
			rc = 0;
		}
		report_print(file, &s);
	}
	exo_set_release(&s);
	buf_release(&text);
	free(data);
	return rc;
}

int cmd_content_import(int argc, char **argv)
{
	static const struct option options[] = {
		{ "out", required_argument, NULL, 'o' }, { "subject", required_argument, NULL, 's' },
		{ "level", required_argument, NULL, 'l' }, { "competency", required_argument, NULL, 'c' },
		{ "author", required_argument, NULL, 'a' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct exo_meta meta = { NULL, "mathematiques", "CM1", NULL, "import" };
	const char *out_dir = NULL;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'o': out_dir = optarg; break;
		case 's': meta.subject = optarg; break;
		case 'l': meta.level = optarg; break;
		case 'c': meta.competency = optarg; break;
		case 'a': meta.author = optarg; break;
		case 'h': import_usage(); return 0;
		default: return cli_usage_error("content import", _("option inconnue « %s »."), argv[optind - 1]);
		}
	}
	if (optind != argc - 1 || !out_dir)
		return cli_usage_error("content import", _("donnez un fichier et --out DOSSIER%s."), "");
	if (!subject_label(meta.subject))
		return cli_usage_error("content import", _("matière inconnue « %s » : écrivez par exemple mathematiques ou francais."), meta.subject);
	if (!level_parse(meta.level))
		return cli_usage_error("content import", _("niveau inconnu « %s » : écrivez CE2, CM1, CM2 ou 6e."), meta.level);
	if (!meta.competency && !(meta.competency = exo_default_competency(meta.subject)))
		return cli_usage_error("content import", _("donnez --competency pour la matière « %s »."), meta.subject);
	return import_run(argv[optind], out_dir, &meta);
}
