#!/bin/sh
# check-catalogs.sh: fails unless every interface string in the sources has a translation in
# locale/kk.po, locale/ru.po and locale/en.po that is neither missing, empty nor fuzzy, and
# unless each catalog passes msgfmt --check and names its language in its header.
#
# The strings are extracted into a temporary template by scripts/update-po.sh --pot-only,
# exactly as that script extracts them; nothing under locale/ is written.
# Prints "catalogs: ok (N messages)" and exits 0, or lists what is wrong and exits 1.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

sh scripts/update-po.sh --pot-only "$tmp/komek.pot"
# Every entry has one "msgid " line; the first is the header.
n=$(($(grep -c '^msgid ' "$tmp/komek.pot") - 1))

# Prints the msgid of every entry of a catalog, one a line, without the header.
msgids() {
	# shellcheck disable=SC2016 # expanded by the inner shell
	msgexec -i "$1" sh -c '[ -z "$MSGEXEC_MSGID" ] || printf "%s\n" "$MSGEXEC_MSGID"'
}

fail=0
for l in kk ru en; do
	po=locale/$l.po
	if [ ! -f "$po" ]; then
		echo "catalogs: $po is missing; run scripts/update-po.sh"
		fail=1
		continue
	fi
	if ! msgfmt --check -o /dev/null "$po" >"$tmp/err" 2>&1; then
		echo "catalogs: msgfmt --check fails for $po:"
		sed 's/^/  /' "$tmp/err"
		fail=1
		continue
	fi
	if ! grep -q "^\"Language: $l\\\\n\"\$" "$po"; then
		echo "catalogs: the header of $po does not say \"Language: $l\""
		fail=1
	fi
	if ! grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"$' "$po"; then
		echo "catalogs: the header of $po does not say \"charset=UTF-8\""
		fail=1
	fi

	# The good entries of the catalog, merged into the template: what stays untranslated
	# there has no good translation.
	msgattrib --translated --no-fuzzy --no-obsolete --force-po -o "$tmp/good.po" "$po"
	msgmerge --quiet --no-fuzzy-matching --force-po -o "$tmp/merged.po" "$tmp/good.po" \
		"$tmp/komek.pot"
	msgattrib --untranslated --no-obsolete --force-po -o "$tmp/bad.po" "$tmp/merged.po"
	msgids "$tmp/bad.po" >"$tmp/bad"
	[ -s "$tmp/bad" ] || continue

	# Why, for the message.
	msgattrib --only-fuzzy --no-obsolete --force-po -o "$tmp/fuzzy.po" "$po"
	msgids "$tmp/fuzzy.po" >"$tmp/fuzzy"
	msgattrib --no-obsolete --force-po -o "$tmp/present.po" "$po"
	msgids "$tmp/present.po" >"$tmp/present"
	echo "catalogs: $po lacks a translation of $(wc -l <"$tmp/bad" | tr -d ' ')" \
		"message(s) in the sources:"
	while IFS= read -r id; do
		if grep -Fxq -- "$id" "$tmp/fuzzy"; then
			why=fuzzy
		elif grep -Fxq -- "$id" "$tmp/present"; then
			why=untranslated
		else
			why=missing
		fi
		printf '  %-12s "%s"\n' "$why" "$id"
	done <"$tmp/bad"
	fail=1
done

if [ "$fail" -ne 0 ]; then
	echo "catalogs: FAILED; run scripts/update-po.sh, then translate the messages listed"
	exit 1
fi
echo "catalogs: ok ($n messages)"
