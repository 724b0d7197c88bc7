#!/bin/sh
# `make run`: create the demo database on first use, then serve.
set -eu

db=data/ardoise.db
logins=data/identifiants-demo.txt
listen=${ARDOISE_LISTEN:-127.0.0.1:8080}
mkdir -p data
scripts/make-videos.sh content data/media

if [ ! -f "$db" ]; then
	echo "Création de la base $db avec le contenu et l'association de démonstration…"
	build/ardoise init --db "$db" --demo > "$logins.tmp"
	mv "$logins.tmp" "$logins"
else
	build/ardoise init --db "$db" > /dev/null
fi

echo
echo "Ardoise : ouvrez http://$listen/ dans un navigateur."
echo "Les enfants tapent le code DEMO, choisissent leur prénom puis leurs 3 images."
echo
if [ -f "$logins" ]; then
	echo "Identifiants de démonstration (aussi dans $logins) :"
	grep -v '^Contenu chargé' "$logins" || true
fi
echo
echo "Arrêt : Ctrl+C."
exec build/ardoise serve --db "$db" --listen "$listen"
