/* names.c: name keys across scripts: ICU folding, Kazakh 2021 Latin and ICAO tables, match keys.
 *
 * Every function validates its UTF-8 input while turning it into UTF-16 (ICU's working form),
 * runs ICU's normalisers on heap buffers owned by the call, then walks the result code point
 * by code point through a table and writes UTF-8 into the caller's buffer through a bounded
 * sink. The only shared objects are the tables below and ICU's own normaliser singletons,
 * which ICU documents as immutable and safe to use from several threads at once, so the
 * functions are thread-safe without locks. No transliterator is used: the tables are data. */
#include "domain/names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "base/banned.h"
#include "base/util.h"

/* Names are short; the ceiling keeps ICU's int32_t lengths and our allocations small. */
#define NAMES_IN_MAX (1 << 20)

/* The tables are indexed by small Cyrillic letters written as char16_t constants. */
_Static_assert(u'ж' == 0x0436 && u'ә' == 0x04D9, "the source must be read as UTF-8");

/* One table row: the Latin for the small and for the capital letter, as UTF-8 strings with
 * the same number of code points ("" drops the letter). */
struct tr {
	const char *lower, *upper;
	bool approx; /* no official mapping: the result is flagged for review */
};

#define CYR_FIRST 0x0400
#define CYR_LAST 0x04FF
#define CY(c) [(c)-CYR_FIRST]
#define TR(lo, up)                                                                                 \
	{                                                                                          \
		lo, up, false                                                                      \
	}
#define TR_APPROX(lo, up)                                                                          \
	{                                                                                          \
		lo, up, true                                                                       \
	}

/* Kazakh Latin alphabet of 2021 (instruments.md §5), then the common tool mapping for the
 * letters the decree does not cover. I-letters follow the decree, not Unicode's rules: И and
 * Й are i/İ, І is ı/I; the i of ё, ю and я is the same letter, so its capital is İ too. */
static const struct tr kk2021[CYR_LAST - CYR_FIRST + 1] = {
	CY(u'а') = TR("a", "A"),          CY(u'ә') = TR("ä", "Ä"),
	CY(u'б') = TR("b", "B"),          CY(u'в') = TR("v", "V"),
	CY(u'г') = TR("g", "G"),          CY(u'ғ') = TR("ğ", "Ğ"),
	CY(u'д') = TR("d", "D"),          CY(u'е') = TR("e", "E"),
	CY(u'ж') = TR("j", "J"),          CY(u'з') = TR("z", "Z"),
	CY(u'и') = TR("i", "İ"),          CY(u'й') = TR("i", "İ"),
	CY(u'і') = TR("ı", "I"),          CY(u'к') = TR("k", "K"),
	CY(u'қ') = TR("q", "Q"),          CY(u'л') = TR("l", "L"),
	CY(u'м') = TR("m", "M"),          CY(u'н') = TR("n", "N"),
	CY(u'ң') = TR("ñ", "Ñ"),          CY(u'о') = TR("o", "O"),
	CY(u'ө') = TR("ö", "Ö"),          CY(u'п') = TR("p", "P"),
	CY(u'р') = TR("r", "R"),          CY(u'с') = TR("s", "S"),
	CY(u'т') = TR("t", "T"),          CY(u'у') = TR("u", "U"),
	CY(u'ұ') = TR("ū", "Ū"),          CY(u'ү') = TR("ü", "Ü"),
	CY(u'ф') = TR("f", "F"),          CY(u'х') = TR("h", "H"),
	CY(u'һ') = TR("h", "H"),          CY(u'ш') = TR("ş", "Ş"),
	CY(u'ы') = TR("y", "Y"),          CY(u'ц') = TR_APPROX("c", "C"),
	CY(u'ч') = TR_APPROX("ç", "Ç"),   CY(u'щ') = TR_APPROX("şç", "ŞÇ"),
	CY(u'ё') = TR_APPROX("io", "İO"), CY(u'ю') = TR_APPROX("iu", "İU"),
	CY(u'я') = TR_APPROX("ia", "İA"), CY(u'э') = TR_APPROX("e", "E"),
	CY(u'ъ') = TR_APPROX("", ""),     CY(u'ь') = TR_APPROX("", ""),
};

/* ICAO Doc 9303 Cyrillic table as instruments.md gives it (Ь is not transcribed), Kazakh
 * letters without their marks, then Doc 9303's rows for the other Cyrillic alphabets.
 * Letters that are a base letter plus marks (Ӣ, Ӯ, Ӓ, …) are found through their base. */
static const struct tr icao[CYR_LAST - CYR_FIRST + 1] = {
	CY(u'а') = TR("a", "A"),
	CY(u'б') = TR("b", "B"),
	CY(u'в') = TR("v", "V"),
	CY(u'г') = TR("g", "G"),
	CY(u'д') = TR("d", "D"),
	CY(u'е') = TR("e", "E"),
	CY(u'ё') = TR("e", "E"),
	CY(u'ж') = TR("zh", "ZH"),
	CY(u'з') = TR("z", "Z"),
	CY(u'и') = TR("i", "I"),
	CY(u'й') = TR("i", "I"),
	CY(u'к') = TR("k", "K"),
	CY(u'л') = TR("l", "L"),
	CY(u'м') = TR("m", "M"),
	CY(u'н') = TR("n", "N"),
	CY(u'о') = TR("o", "O"),
	CY(u'п') = TR("p", "P"),
	CY(u'р') = TR("r", "R"),
	CY(u'с') = TR("s", "S"),
	CY(u'т') = TR("t", "T"),
	CY(u'у') = TR("u", "U"),
	CY(u'ф') = TR("f", "F"),
	CY(u'х') = TR("kh", "KH"),
	CY(u'ц') = TR("ts", "TS"),
	CY(u'ч') = TR("ch", "CH"),
	CY(u'ш') = TR("sh", "SH"),
	CY(u'щ') = TR("shch", "SHCH"),
	CY(u'ъ') = TR("ie", "IE"),
	CY(u'ы') = TR("y", "Y"),
	CY(u'ь') = TR("", ""),
	CY(u'э') = TR("e", "E"),
	CY(u'ю') = TR("iu", "IU"),
	CY(u'я') = TR("ia", "IA"),
	/* Kazakh */
	CY(u'ә') = TR("a", "A"),
	CY(u'ғ') = TR("g", "G"),
	CY(u'қ') = TR("k", "K"),
	CY(u'ң') = TR("n", "N"),
	CY(u'ө') = TR("o", "O"),
	CY(u'ұ') = TR("u", "U"),
	CY(u'ү') = TR("u", "U"),
	CY(u'һ') = TR("h", "H"),
	CY(u'і') = TR("i", "I"),
	/* Belarusian, Macedonian, Serbian, Ukrainian */
	CY(u'ґ') = TR("g", "G"),
	CY(u'ђ') = TR("d", "D"),
	CY(u'ѓ') = TR("g", "G"),
	CY(u'є') = TR("ie", "IE"),
	CY(u'ѕ') = TR("dz", "DZ"),
	CY(u'ї') = TR("i", "I"),
	CY(u'ј') = TR("j", "J"),
	CY(u'љ') = TR("lj", "LJ"),
	CY(u'њ') = TR("nj", "NJ"),
	CY(u'ћ') = TR("c", "C"),
	CY(u'ќ') = TR("k", "K"),
	CY(u'ў') = TR("u", "U"),
	CY(u'џ') = TR("dz", "DZ"),
};

/* Latin letters whose mark is part of the letter, so that decomposing does not remove it.
 * Ŋ is how some texts print Kazakh Ñ; Ə is the Latin twin of Ә; ı is Kazakh 2021 І. */
static const struct {
	UChar32 lower, upper; /* upper 0: the capital is plain ASCII and needs no row */
	struct tr to;
} latin_extra[] = {
	{ 0x0131, 0, TR("i", "I") },      /* ı */
	{ 0x014B, 0x014A, TR("n", "N") }, /* ŋ Ŋ */
	{ 0x0259, 0x018F, TR("a", "A") }, /* ə Ə */
	{ 0x00F8, 0x00D8, TR("o", "O") }, /* ø Ø */
	{ 0x0142, 0x0141, TR("l", "L") }, /* ł Ł */
	{ 0x0111, 0x0110, TR("d", "D") }, /* đ Đ */
	{ 0x0127, 0x0126, TR("h", "H") }, /* ħ Ħ */
};

enum mode { MODE_LATIN2021, MODE_PASSPORT, MODE_KEY };

/* Combining diacritics: the blocks that carry accents of Latin, Cyrillic and Greek letters.
 * Marks of other scripts (Arabic vowels, Indic signs, kana voicing) are part of spelling. */
static bool is_diacritic(UChar32 c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) ||
	       (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
	       (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

/* Apostrophe-like characters, removed from keys: Oʻktam, O'ktam and Oktam are one name. */
static bool is_apostrophe(UChar32 c)
{
	static const UChar32 set[] = { 0x0027, 0x0060, 0x00B4, 0x02B9, 0x02BB, 0x02BC,
				       0x02BD, 0x2018, 0x2019, 0x201B, 0x2032, 0xFF07 };

	for (size_t i = 0; i < ARRAY_SIZE(set); i++)
		if (c == set[i])
			return true;
	return false;
}

/* Word separators in keys: white space, dashes and the middle dots between Chinese and
 * Uyghur name parts (·, •, ・, ‧, and the operator dots people type for them). */
static bool is_separator(UChar32 c)
{
	return u_isUWhiteSpace(c) || u_hasBinaryProperty(c, UCHAR_DASH) || c == 0x00B7 ||
	       c == 0x2022 || c == 0x2027 || c == 0x30FB || c == 0x2219 || c == 0x22C5;
}

static UScriptCode script_of(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &err);

	return U_SUCCESS(err) ? sc : USCRIPT_INVALID_CODE;
}

/* The base letter of c when c is canonically that letter plus diacritics (Ä, Ӯ, ά), else c.
 * Hangul syllables and kana with voicing marks are left whole. */
static UChar32 strip_base(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	UChar d[32];
	int32_t n = unorm2_getDecomposition(nfd, c, d, (int32_t)ARRAY_SIZE(d), &err);
	int32_t i = 0;
	UChar32 base, m;

	if (U_FAILURE(err) || n <= 0)
		return c;
	U16_NEXT(d, i, n, base);
	while (i < n) {
		U16_NEXT(d, i, n, m);
		if (!is_diacritic(m))
			return c;
	}
	return base;
}

/* The bounded output: UTF-8 into the caller's buffer, always leaving room for the NUL. In
 * key mode it also lowercases ASCII and turns each run of separators into one inner space. */
struct sink {
	uint8_t *buf;
	int32_t len, lim; /* lim = capacity without the NUL */
	bool full, key, space_due;
};

static bool sink_init(struct sink *s, char *out, size_t cap, bool key)
{
	if (!out || cap == 0)
		return false;
	out[0] = '\0';
	s->buf = (uint8_t *)out;
	s->len = 0;
	s->lim = cap - 1 > INT32_MAX ? INT32_MAX : (int32_t)(cap - 1);
	s->full = false;
	s->key = key;
	s->space_due = false;
	return true;
}

static void sink_raw(struct sink *s, UChar32 c)
{
	UBool err = false;

	/* U8_APPEND checks the capacity only for multi-byte sequences. */
	if (s->full || s->len >= s->lim) {
		s->full = true;
		return;
	}
	U8_APPEND(s->buf, s->len, s->lim, c, err);
	if (err)
		s->full = true;
}

static void sink_put(struct sink *s, UChar32 c)
{
	if (s->key) {
		if (is_separator(c)) {
			s->space_due = s->len > 0;
			return;
		}
		if (s->space_due)
			sink_raw(s, ' ');
		s->space_due = false;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
	}
	sink_raw(s, c);
}

/* Puts a table string (valid UTF-8 by construction) from byte offset i on. */
static void sink_str(struct sink *s, const char *str, int32_t i)
{
	const uint8_t *p = (const uint8_t *)str;
	UChar32 c;

	while (p[i]) {
		U8_NEXT_UNSAFE(p, i, c);
		sink_put(s, c);
	}
}

static int sink_end(struct sink *s)
{
	if (s->full) {
		memset(s->buf, 0, (size_t)s->len); /* leave no half-written name behind */
		s->buf[0] = '\0';
		return -1;
	}
	s->buf[s->len] = '\0';
	return s->len;
}

/* Validates UTF-8 (overlongs, surrogates, truncated sequences and values past U+10FFFF are
 * errors) and converts it to a new UTF-16 buffer, optionally without apostrophes. */
static UChar *utf16_from_utf8(const char *in, bool drop_apostrophes, int32_t *outlen)
{
	size_t size = in ? strlen(in) : 0;
	const uint8_t *p = (const uint8_t *)in;
	int32_t n = (int32_t)size, i = 0, j = 0;
	UChar *u;
	UChar32 c;

	if (!in || size > NAMES_IN_MAX)
		return NULL;
	/* A UTF-16 string never has more units than its UTF-8 form has bytes. */
	u = malloc(sizeof(*u) * (size + 1));
	if (!u)
		return NULL;
	while (i < n) {
		U8_NEXT(p, i, n, c);
		if (c < 0) {
			free(u);
			return NULL;
		}
		if (!(drop_apostrophes && is_apostrophe(c)))
			U16_APPEND_UNSAFE(u, j, c);
	}
	*outlen = j;
	return u;
}

enum ustep { STEP_NFC, STEP_NFKC, STEP_FOLD };

static int32_t ustep_run(enum ustep step, const UChar *src, int32_t n, UChar *dst, int32_t cap,
			 UErrorCode *err)
{
	switch (step) {
	case STEP_NFC: return unorm2_normalize(unorm2_getNFCInstance(err), src, n, dst, cap, err);
	case STEP_NFKC: return unorm2_normalize(unorm2_getNFKCInstance(err), src, n, dst, cap, err);
	case STEP_FOLD: return u_strFoldCase(dst, cap, src, n, U_FOLD_CASE_DEFAULT, err);
	}
	*err = U_ILLEGAL_ARGUMENT_ERROR;
	return 0;
}

/* Replaces *u (of *n units) by the result of an ICU step, growing the buffer once if ICU
 * asks for more. On failure *u is left for the caller to free. */
static bool ustep_apply(enum ustep step, UChar **u, int32_t *n)
{
	int32_t cap = *n + *n / 2 + 16;

	for (int tries = 0; tries < 2; tries++) {
		UChar *dst = malloc(sizeof(*dst) * (size_t)cap);
		UErrorCode err = U_ZERO_ERROR;
		int32_t len;

		if (!dst)
			return false;
		len = ustep_run(step, *u, *n, dst, cap, &err);
		if (U_SUCCESS(err)) {
			free(*u);
			*u = dst;
			*n = len;
			return true;
		}
		free(dst);
		if (err != U_BUFFER_OVERFLOW_ERROR)
			return false;
		cap = len;
	}
	return false;
}

static const struct tr *tr_find(enum mode m, UChar32 c)
{
	if (c >= CYR_FIRST && c <= CYR_LAST) {
		UChar32 lc = u_tolower(c);
		const struct tr *t;

		if (lc < CYR_FIRST || lc > CYR_LAST)
			return NULL;
		if (m == MODE_LATIN2021)
			t = &kk2021[lc - CYR_FIRST];
		else
			t = &icao[lc - CYR_FIRST];
		return t->lower ? t : NULL;
	}
	if (m == MODE_LATIN2021)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(latin_extra); i++)
		if (c == latin_extra[i].lower || (c == latin_extra[i].upper && c != 0))
			return &latin_extra[i].to;
	return NULL;
}

static bool is_mark(UChar32 c)
{
	int8_t t = u_charType(c);

	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

enum tcase { TC_LOWER, TC_TITLE, TC_UPPER };

/* How to write a capital that becomes several letters: all capitals in an all-capital word
 * ("ЖАНАР" → "ZHANAR", "ТОЩ" → "TOSHCH"), else only the first ("Жанар" → "Zhanar"). The
 * next letter of the word decides, else the letter before it in the word. A letter standing
 * alone follows the word before it if that word ends in two capitals ("ИВАНОВ Щ." →
 * "IVANOV SHCH."); otherwise it is titled ("Щ.", "Ж. Иванов", "Щ-Щ" → "Shch-Shch"). */
static enum tcase capital_case(const UChar *u, int32_t n, int32_t start, int32_t end)
{
	int32_t i = end;
	bool gap = false, seen = false;
	UChar32 c;

	while (i < n) {
		U16_NEXT(u, i, n, c);
		if (is_mark(c))
			continue;
		if (u_isUUppercase(c))
			return TC_UPPER;
		if (u_isULowercase(c))
			return TC_TITLE;
		break;
	}
	i = start;
	while (i > 0) {
		U16_PREV(u, 0, i, c);
		if (is_mark(c))
			continue;
		if (u_isULowercase(c))
			return TC_TITLE;
		if (u_isUUppercase(c)) {
			if (!gap || seen)
				return TC_UPPER;
			seen = true;
		} else if (seen) {
			return TC_TITLE; /* the word before is a single capital */
		} else {
			gap = true;
		}
	}
	return TC_TITLE;
}

static void emit_tr(struct sink *s, const struct tr *t, enum tcase tc)
{
	switch (tc) {
	case TC_LOWER: sink_str(s, t->lower, 0); break;
	case TC_UPPER: sink_str(s, t->upper, 0); break;
	case TC_TITLE:
		if (t->upper[0]) {
			int32_t i = 0;
			UChar32 c;

			U8_NEXT_UNSAFE((const uint8_t *)t->upper, i, c);
			sink_put(s, c);
			i = 0;
			U8_FWD_1_UNSAFE((const uint8_t *)t->lower, i);
			sink_str(s, t->lower, i);
		}
		break;
	}
}

/* Writes c, the code point at u[start, end), in the target spelling. */
static void translit_cp(struct sink *s, const UChar *u, int32_t n, int32_t start, int32_t end,
			UChar32 c, enum mode m, bool *approx)
{
	const struct tr *t;
	UScriptCode sc;

	if (m == MODE_KEY && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return; /* soft hyphens, zero-width spaces, bidi marks pasted with a name */
	if (m == MODE_KEY && is_apostrophe(c))
		return; /* made by NFKC: ŉ is ʼn (´ is dropped before NFKC makes it a mark) */
	if (m != MODE_LATIN2021 && is_diacritic(c))
		return;
	t = tr_find(m, c);
	sc = script_of(c);
	if (!t && m != MODE_LATIN2021 &&
	    (m == MODE_KEY || sc == USCRIPT_LATIN || sc == USCRIPT_CYRILLIC)) {
		c = strip_base(c);
		t = tr_find(m, c);
	}
	if (t) {
		if (m == MODE_KEY || u_tolower(c) == c)
			emit_tr(s, t, TC_LOWER);
		else
			emit_tr(s, t, capital_case(u, n, start, end));
		*approx = *approx || t->approx;
		return;
	}
	/* A Cyrillic letter outside the table (Є, Ҳ, …) stays Cyrillic: flag it. */
	if (m == MODE_LATIN2021 && sc == USCRIPT_CYRILLIC && u_isalpha(c))
		*approx = true;
	sink_put(s, c);
}

static int translit(const char *in, char *out, size_t cap, enum mode m, bool *approx)
{
	struct sink s;
	UChar *u;
	int32_t n = 0, i = 0;
	bool ok, dummy = false;
	int rc;

	if (!approx)
		approx = &dummy;
	*approx = false;
	if (!sink_init(&s, out, cap, m == MODE_KEY))
		return -1;
	u = utf16_from_utf8(in, m == MODE_KEY, &n);
	if (!u)
		return -1;
	if (m == MODE_KEY)
		ok = ustep_apply(STEP_NFKC, &u, &n) && ustep_apply(STEP_FOLD, &u, &n);
	else
		ok = ustep_apply(STEP_NFC, &u, &n);
	while (ok && i < n) {
		int32_t start = i;
		UChar32 c;

		U16_NEXT(u, i, n, c);
		translit_cp(&s, u, n, start, i, c, m, approx);
	}
	free(u);
	if (!ok) {
		*approx = false;
		return -1;
	}
	rc = sink_end(&s);
	if (rc < 0)
		*approx = false;
	return rc;
}

int names_fold(const char *in, char *out, size_t cap)
{
	struct sink s;
	UChar *u;
	int32_t n = 0, i = 0;
	UChar32 c;
	bool ok;

	if (!sink_init(&s, out, cap, false))
		return -1;
	u = utf16_from_utf8(in, false, &n);
	if (!u)
		return -1;
	ok = ustep_apply(STEP_NFKC, &u, &n) && ustep_apply(STEP_FOLD, &u, &n);
	while (ok && i < n) {
		U16_NEXT(u, i, n, c);
		sink_put(&s, c);
	}
	free(u);
	return ok ? sink_end(&s) : -1;
}

int names_latin2021(const char *in, char *out, size_t cap, bool *approx)
{
	return translit(in, out, cap, MODE_LATIN2021, approx);
}

int names_passport(const char *in, char *out, size_t cap)
{
	return translit(in, out, cap, MODE_PASSPORT, NULL);
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* Dropping a character can leave marks around it out of canonical order, or next to a letter
 * they now compose with, so a key is keyed again until nothing changes: a key is always a
 * fixed point, whatever the input. An ASCII key (nearly every name) is one already. */
int names_key(const char *in, char *out, size_t cap)
{
	int n = translit(in, out, cap, MODE_KEY, NULL);
	char *again;

	if (n < 0 || is_ascii(out))
		return n;
	again = malloc(cap);
	if (!again)
		return -1;
	for (int pass = 0; pass < 4; pass++) {
		int m = translit(out, again, cap, MODE_KEY, NULL);

		if (m < 0 || strcmp(again, out) == 0)
			break;
		memcpy(out, again, (size_t)m + 1);
		n = m;
	}
	free(again);
	return n;
}
