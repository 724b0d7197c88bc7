#!/bin/sh
# Reject unsafe C calls and hand-built SQL in src/: sprintf, strcpy, strcat,
# atoi, gets, and SQL text assembled with printf-style formatting.
set -u
status=0
banned='\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|gets)[[:space:]]*\('
if grep -rnE "$banned" src --include='*.c' --include='*.h'; then
	echo "check-src : appel interdit ci-dessus (utilisez snprintf, memcpy, strtol, buf_*)." >&2
	status=1
fi
if grep -rnE '(buf_addf|snprintf)\([^;]*"(SELECT|INSERT|UPDATE|DELETE) ' src --include='*.c'; then
	echo "check-src : requête SQL construite à la main ci-dessus : utilisez des paramètres « ? »." >&2
	status=1
fi
# Markup around data goes through buf_html(), which escapes; buf_addf() must
# not write tags around a %s.
if grep -rnE 'buf_addf\([^;]*<[a-z][^;]*%s' src/web --include='*.c'; then
	echo "check-src : balise HTML écrite avec buf_addf et %s : utilisez buf_html (échappement)." >&2
	status=1
fi
[ "$status" -eq 0 ] && echo "check-src : aucun problème."
exit "$status"
