/* names.h: name keys across scripts (normalisation, transliteration, match keys). No I/O.
 *
 * Every function writes NUL-terminated UTF-8 into a caller-owned buffer of `cap` bytes and
 * returns the length written (without the NUL), or -1 when the input is not valid UTF-8
 * (overlong forms, surrogates, truncated sequences, values past U+10FFFF), is NULL or longer
 * than 1 MiB, memory runs out, or the result does not fit (the buffer then holds an empty
 * string; with out NULL or cap 0 nothing is written). The functions keep no state and may be
 * called from several threads at once. */
#ifndef KOMEK_DOMAIN_NAMES_H
#define KOMEK_DOMAIN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* Unicode NFKC followed by full case folding (ICU). */
int names_fold(const char *in, char *out, size_t cap);

/* Kazakh (and Russian) Cyrillic to the Kazakh Latin alphabet of 2021 (instruments.md §5),
 * keeping each letter's case; И and Й give İ/i, І gives I/ı (never generic I/İ rules).
 * Letters outside the official table (Ц Ч Щ Ё Э Ю Я Ъ Ь) use the common tool mapping
 * (ц→c, ч→ç, щ→şç, ё→io, ю→iu, я→ia, э→e, ъ and ь dropped) and set *approx (may be NULL;
 * false after a failure). The i of ё, ю, я is the alphabet's i, so its capital is İ. A capital
 * that becomes two letters is all capitals in an all-capital word ("ЩУКИН" → "ŞÇUKİN"), else
 * titled ("Щукин" → "Şçukin"). Other Cyrillic letters (Є, Ў, Ҳ, …) are kept and set *approx.
 * The input is taken in NFC; characters that are not Cyrillic are otherwise unchanged. */
int names_latin2021(const char *in, char *out, size_t cap, bool *approx);

/* Cyrillic to the ICAO Doc 9303 passport spelling (instruments.md §5, with Doc 9303's rows
 * for Ukrainian, Belarusian, Serbian and Macedonian letters; Ь is dropped); Kazakh letters
 * lose their marks, and so do other Cyrillic letters made of a base and a mark (Ў, Ӣ → U, I).
 * Case follows the source: "Жанар" → "Zhanar", "ЖАНАР" → "ZHANAR", "Ж." → "Zh.". Latin
 * letters with diacritics lose them (Ä → A, İ → I; also ı ŋ ə ø ł đ ħ → i n a o l d h).
 * The input is taken in NFC; other characters are copied unchanged. */
int names_passport(const char *in, char *out, size_t cap);

/* Match key for search: apostrophes (' ʻ ʼ ‘ ’ ` ´) removed, so "Oʻktam" and "Oktam" meet;
 * fold; transliterate any Cyrillic to passport Latin; strip combining diacritics in any
 * script (Hangul and kana stay whole); drop invisible characters (soft hyphen, zero-width
 * space, bidi marks); lowercase ASCII; every run of spaces, dashes and middle dots (U+00B7,
 * U+2022, U+30FB, U+2027) collapsed to one space, trimmed. Han and other scripts are folded
 * but otherwise kept. "Нұрсұлтан" and "NURSULTAN" give "nursultan". A key that matches means
 * "possible match, for review", never "same person". */
int names_key(const char *in, char *out, size_t cap);

#endif
