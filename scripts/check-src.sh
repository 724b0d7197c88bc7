#!/bin/sh
# Reject unsafe C calls and hand-built SQL in src/: sprintf, strcpy, strcat,
# atoi, gets, and SQL text assembled with printf-style formatting; check the
# syntax of the scripts in static/ with node when it is installed.
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
# A syntax error in a static script stops every enhancement of the pages
# that load it, and a bad merge can leave one behind without a compile error.
if command -v node >/dev/null 2>&1; then
	for script in static/*.js; do
		if ! node --check "$script"; then
			echo "check-src : erreur de syntaxe JavaScript dans $script ci-dessus." >&2
			status=1
		fi
	done
else
	echo "check-src : node absent, syntaxe des scripts de static/ non vérifiée." >&2
fi
[ "$status" -eq 0 ] && echo "check-src : aucun problème."
exit "$status"
