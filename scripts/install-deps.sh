#!/bin/sh
# install-deps.sh: installs what Komek needs from Debian's packages (and, with --browser,
# the npm packages of the browser tests). Does nothing for what is there already.
set -eu
cd "$(dirname "$0")/.."

PKGS="cmake make gcc clang clang-format pkg-config gettext sqlite3 libmicrohttpd-dev libsqlite3-dev
libjansson-dev libsodium-dev libicu-dev libcmocka-dev libcurl4-openssl-dev libpq-dev
libxlsxwriter-dev libcsv-dev libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev
fonts-dejavu-core"
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--browser" ]; then
	PKGS="$PKGS libclang-rt-14-dev chromium fonts-wqy-microhei postgresql poppler-utils"
	command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--browser" ]; then
	for dir in tests/browser tests/api; do
		if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
			(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
		fi
	done
fi
