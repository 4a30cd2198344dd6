#!/bin/sh
# update-po.sh: extracts the interface strings from the C sources into locale/komek.pot and
# merges it into the catalogs locale/kk.po, locale/ru.po and locale/en.po.
#
# Interface strings are wrapped in N_("...") and their msgids are the English text. Run this
# after changing such strings, translate what is new or untranslated (msgfmt --statistics,
# printed at the end, counts them), and commit the .pot with the .po files.
#
# Usage: scripts/update-po.sh               update locale/komek.pot and locale/*.po
#        scripts/update-po.sh --pot-only F  only write the template to F (tests use this, so
#                                           that they extract exactly as this script does)
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"

LANGS='kk ru en'

# Writes the template of every N_() string in the sources to $1.
extract() {
	xgettext --from-code=UTF-8 -k -kN_ -L C --no-location --sort-output \
		--add-comments=TRANSLATORS: --package-name=komek \
		-o "$1" src/*/*.c src/*.c
}

plural_forms() {
	case $1 in
	ru) echo 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);' ;;
	*) echo 'nplurals=2; plural=(n != 1);' ;;
	esac
}

if [ "${1-}" = --pot-only ]; then
	[ $# -eq 2 ] || { echo "usage: $0 --pot-only FILE" >&2; exit 2; }
	extract "$2"
	exit 0
fi
[ $# -eq 0 ] || { echo "usage: $0 [--pot-only FILE]" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

extract "$tmp/komek.pot"
# A template that differs only in its creation date is kept, so that running this script
# without changing any string leaves the tree clean.
if [ -f locale/komek.pot ]; then
	grep -v '^"POT-Creation-Date:' locale/komek.pot >"$tmp/old" || true
	grep -v '^"POT-Creation-Date:' "$tmp/komek.pot" >"$tmp/new" || true
	if ! cmp -s "$tmp/old" "$tmp/new"; then
		cp "$tmp/komek.pot" locale/komek.pot
	fi
else
	cp "$tmp/komek.pot" locale/komek.pot
fi

for l in $LANGS; do
	po=locale/$l.po
	if [ ! -f "$po" ]; then
		msginit --no-translator --locale="$l" -i locale/komek.pot -o "$po"
		# msginit takes the charset from the system locale, which may be missing (ASCII
		# then), and knows no plural rule for some languages (Kazakh among them).
		PF=$(plural_forms "$l") awk '
			NR == FNR { if (/^"Plural-Forms: /) pf = 1; next }
			/^"Content-Type: / { print "\"Content-Type: text/plain; charset=UTF-8\\n\""; next }
			{ print }
			/^"Content-Transfer-Encoding: / && !pf {
				print "\"Plural-Forms: " ENVIRON["PF"] "\\n\""
			}' "$po" "$po" >"$tmp/po"
		cp "$tmp/po" "$po"
	fi
	msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" locale/komek.pot
done

for l in $LANGS; do
	printf '%s: ' "$l"
	msgfmt --check --statistics -o /dev/null "locale/$l.po" 2>&1
done
