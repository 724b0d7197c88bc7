#!/bin/sh
# Install the Debian packages Ardoise needs, if any are missing.
# Usage: scripts/install-deps.sh [--test]
#   --test  also the packages the test suite needs (cmocka, curl, clang,
#           PostgreSQL 15, LibreOffice Calc for the .ods export check)
# As root it runs apt-get; otherwise it prints the command to run and stops.
set -eu

packages="build-essential pkg-config gettext tzdata libh2o-evloop-dev libsqlite3-dev
libsodium-dev libjansson-dev libcmark-dev libyaml-dev libutf8proc-dev libssl-dev
zlib1g-dev libpq-dev libhpdf-dev libqrencode-dev fonts-dejavu-core
espeak-ng opus-tools libarchive-dev imagemagick ffmpeg libxml2-dev libhunspell-dev
verbiste hunspell-fr mythes-fr dict-freedict-eng-fra dict-freedict-fra-eng
libcurl4-openssl-dev libzip-dev"
if [ "${1:-}" = "--test" ]; then
	packages="$packages libcmocka-dev libcurl4-openssl-dev clang libclang-rt-14-dev sqlite3 postgresql-15 poppler-utils zbar-tools libreoffice-calc-nogui"
fi

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "Paquets Debian manquants :$missing" >&2
	echo "Installez-les avec :" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	echo "puis relancez la commande make." >&2
	exit 1
fi
echo "Installation des paquets Debian manquants :$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # the list is meant to split into words
apt-get install -y -q $missing
