#!/bin/bash
# Browser tests (tests/e2e/): headless Chromium from Debian, driven by the npm
# package playwright-core, with axe-core for accessibility. Installs what is
# missing, then runs Node's test runner and exits with its status; the runner
# ends with its "# pass N" and "# fail N" lines.
# Needs build/ardoise (`make all`) or ARDOISE_BIN set to an ardoise binary.
# Screenshots go to build/e2e-artifacts/; ARDOISE_UPDATE_CAPTURES=1 also
# refreshes the ones kept in docs/captures/.
set -u
cd "$(dirname "$0")/.."

# Install Debian packages as root. Otherwise print the command to run and stop.
apt_install() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "e2e: missing Debian package(s): $*. Install them with: sudo apt-get install -y $*" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q && apt-get install -y -q "$@" || exit 1
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	apt_install nodejs npm
fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
	apt_install chromium
fi
# The journeys read card tokens from the SQLite file with the sqlite3 tool.
if ! command -v sqlite3 >/dev/null; then
	apt_install sqlite3
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
	if [ -f package-lock.json ]; then
		npm ci --no-audit --no-fund || exit 1
	else
		npm install --no-audit --no-fund || exit 1
	fi
fi

bin=${ARDOISE_BIN:-build/ardoise}
if [ ! -x "$bin" ]; then
	echo "e2e: $bin not found or not executable. Build it with 'make all' or set ARDOISE_BIN." >&2
	exit 1
fi

# A glob rather than the folder: Node 20 and Node 22 read folder arguments differently.
node --test tests/e2e/*.test.mjs
exit $?
