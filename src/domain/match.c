/* match.c: tokens, sound keys, Jaro–Winkler and the score of a candidate (see match.h).
 *
 * names_key (names.c) does the folding and the Cyrillic; what it leaves outside ASCII (Han,
 * Greek, Georgian, Hangul, kana, Arabic, Latin letters with no decomposition such as ı or ø)
 * goes through one ICU transliterator, "Han-Latin/Names; Any-Latin; Latin-ASCII; Lower".
 * Building it takes milliseconds, and ICU does not promise that one instance may be used by
 * several threads at once, so each thread opens its own the first time it needs one and
 * closes it when the thread ends. */
#include "domain/match.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/names.h"

/* ---- ICU, one transliterator per thread ---- */

static pthread_key_t tr_key;
static pthread_once_t tr_once = PTHREAD_ONCE_INIT;
static bool tr_key_ok;

static void tr_close(void *t)
{
	utrans_close(t);
}

static void tr_init(void)
{
	tr_key_ok = pthread_key_create(&tr_key, tr_close) == 0;
}

static UTransliterator *tr_get(void)
{
	pthread_once(&tr_once, tr_init);
	if (!tr_key_ok)
		return NULL;
	UTransliterator *t = pthread_getspecific(tr_key);
	if (t)
		return t;
	static const char id[] = "Han-Latin/Names; Any-Latin; Latin-ASCII; Lower";
	UChar uid[sizeof(id)];
	u_charsToUChars(id, uid, (int32_t)sizeof(id));
	UErrorCode e = U_ZERO_ERROR;
	t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	if (U_FAILURE(e))
		return NULL;
	if (pthread_setspecific(tr_key, t) != 0) {
		utrans_close(t);
		return NULL;
	}
	return t;
}

/* A word of names_key's output as lower-case ASCII letters and digits (through ICU when it
 * has anything else), cut at MATCH_TOKEN_MAX bytes; "" when nothing is left. */
static char *ascii_token(struct arena *a, const char *w, size_t n)
{
	char *out = arena_alloc(a, MATCH_TOKEN_MAX + 1);
	size_t k = 0;
	bool ascii = true;
	for (size_t i = 0; i < n; i++)
		ascii = ascii && (unsigned char)w[i] < 0x80;
	if (ascii) {
		for (size_t i = 0; i < n && k < MATCH_TOKEN_MAX; i++)
			if (isalnum((unsigned char)w[i]))
				out[k++] = (char)tolower((unsigned char)w[i]);
		out[k] = '\0';
		return out;
	}
	UTransliterator *t = tr_get();
	if (!t || n > 4 * MATCH_TOKEN_MAX) /* a word that long is not a name */
		return out;
	enum { CAP = 8 * MATCH_TOKEN_MAX };
	UChar u[CAP];
	int32_t len = 0;
	UErrorCode e = U_ZERO_ERROR;
	u_strFromUTF8(u, CAP, &len, w, (int32_t)n, &e);
	int32_t limit = len;
	if (U_SUCCESS(e))
		utrans_transUChars(t, u, &len, CAP, 0, &limit, &e);
	if (U_FAILURE(e) || len > CAP)
		return out;
	for (int32_t i = 0; i < len && k < MATCH_TOKEN_MAX; i++)
		if (u[i] < 0x80 && isalnum(u[i]))
			out[k++] = (char)tolower(u[i]);
	out[k] = '\0';
	return out;
}

/* ---- sound keys ---- */

/* The class of the letters at s: a vowel gives 'a', 'i' (e, i, y) or 'u' (o, u); a
 * consonant its class; *len the letters it took. Letter groups merge: shch, sch and sh
 * are 's'; dzh, dj and zh 'j'; kh 'h'; gh 'g'; ch, tch, ts and tz 'c'; ph 'f'; th 't';
 * ck 'k'. (A switch on the first letter: this runs for every letter of every candidate.) */
static char sound_class(const char *s, size_t *len)
{
	*len = 1;
	char c = s[0], d = c ? s[1] : '\0';
	switch (c) {
	case 's':
		if (d == 'h') {
			*len = s[2] == 'c' && s[3] == 'h' ? 4 : 2;
		} else if (d == 'c' && s[2] == 'h') {
			*len = 3;
		}
		return 's';
	case 'd':
		if (d == 'z' && s[2] == 'h')
			*len = 3;
		else if (d == 'j')
			*len = 2;
		return *len > 1 ? 'j' : 'd';
	case 't':
		if (d == 'c' && s[2] == 'h') {
			*len = 3;
			return 'c';
		}
		if (d == 's' || d == 'z') {
			*len = 2;
			return 'c';
		}
		*len = d == 'h' ? 2 : 1;
		return 't';
	case 'c': *len = d == 'h' || d == 'k' ? 2 : 1; return d == 'k' ? 'k' : 'c';
	case 'z': *len = d == 'h' ? 2 : 1; return d == 'h' ? 'j' : 'z';
	case 'k': *len = d == 'h' ? 2 : 1; return d == 'h' ? 'h' : 'k';
	case 'g': *len = d == 'h' ? 2 : 1; return 'g';
	case 'p': *len = d == 'h' ? 2 : 1; return d == 'h' ? 'f' : 'p';
	case 'e':
	case 'i':
	case 'y': return 'i';
	case 'o':
	case 'u': return 'u';
	case 'q': return 'k';
	case 'w': return 'v';
	default: return c;
	}
}

static bool is_vowel_class(char c)
{
	return c == 'a' || c == 'i' || c == 'u';
}

const char *match_sound(struct arena *a, const char *token)
{
	size_t n = strlen(token);
	char *out = arena_alloc(a, 2 * n + 1);
	size_t k = 0;
	bool vowel_run = false;
	for (size_t i = 0; i < n;) {
		size_t len;
		char c = sound_class(token + i, &len);
		/* x is ks between vowels (Alexei), kh elsewhere (Uzbek Xurshid, Baxtiyor). */
		if (c == 'x') {
			bool between = vowel_run && i + 1 < n &&
				       is_vowel_class(sound_class(token + i + 1, &(size_t){ 0 }));
			if (between) {
				out[k++] = 'k';
				out[k++] = 's';
				vowel_run = false;
				i += len;
				continue;
			}
			c = 'h';
		}
		i += len;
		if (is_vowel_class(c)) {
			/* A run of vowels keeps its first: Bauyrzhan and Baurzhan, Ainur and Aynur.
			 */
			if (!vowel_run)
				out[k++] = c;
			vowel_run = true;
			continue;
		}
		vowel_run = false;
		if (k == 0 || out[k - 1] != c) /* doubled letters count once */
			out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

/* ---- tokens ---- */

static bool has_token(const struct match_names *m, const char *t)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->tok[i], t) == 0)
			return true;
	return false;
}

static void add_token(struct arena *a, struct match_names *m, const char *t)
{
	if (!*t || m->n >= MATCH_TOKENS_MAX || has_token(m, t))
		return;
	m->tok[m->n] = t;
	m->sound[m->n] = match_sound(a, t);
	m->n++;
}

static char *run_together(struct arena *a, const char *const *w, size_t n)
{
	char *out = arena_alloc(a, MATCH_TOKEN_MAX + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (const char *p = w[i]; *p && k < MATCH_TOKEN_MAX; p++)
			out[k++] = *p;
	out[k] = '\0';
	return out;
}

/* The words of one spelling, through names_key and ascii_token; returns their count. */
static size_t spelling_words(struct arena *a, const char *s, size_t n, const char **w, size_t cap)
{
	char *text = arena_strndup(a, s, n);
	size_t kcap = n * 11 + 16;
	char *key = arena_alloc(a, kcap);
	if (names_key(text, key, kcap) < 0)
		return 0;
	size_t nw = 0;
	for (char *p = key; *p && nw < cap;) {
		char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *t = ascii_token(a, p, len);
		if (*t)
			w[nw++] = t;
		p += len;
		while (*p == ' ')
			p++;
	}
	return nw;
}

size_t match_names_of(struct arena *a, const char *names, bool compact, struct match_names *out)
{
	memset(out, 0, sizeof(*out));
	if (!names)
		return 0;
	for (const char *p = names; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		const char *w[MATCH_TOKENS_MAX];
		size_t nw = spelling_words(a, p, len, w, MATCH_TOKENS_MAX);
		for (size_t i = 0; i < nw; i++)
			add_token(a, out, w[i]);
		if (compact && nw >= 2) {
			add_token(a, out, run_together(a, w, 2));
			add_token(a, out, run_together(a, (const char *const[]){ w[1], w[0] }, 2));
			if (nw > 2)
				add_token(a, out, run_together(a, w, nw));
		}
		p += len;
		if (*p == '|')
			p++;
	}
	out->nmain = out->n;
	return out->n;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The tokens of m from `from` on as space-separated text. */
static void put_tokens(struct arena *a, const struct match_names *m, size_t from, char **out)
{
	for (size_t i = from; i < m->n; i++)
		*out = arena_printf(a, "%s%s%s", *out, **out ? " " : "", m->tok[i]);
}

const char *match_key_join(struct arena *a, const char *const *keys, size_t n)
{
	/* The main tokens of every key first, then the others: each once, at most
	 * MATCH_TOKENS_MAX in all. */
	struct match_names all = { 0 };
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n; k++) {
			struct match_names m;
			match_key_parse(a, keys[k], &m);
			size_t from = pass ? m.nmain : 0, to = pass ? m.n : m.nmain;
			for (size_t i = from; i < to; i++)
				add_token(a, &all, m.tok[i]);
			if (!pass)
				all.nmain = all.n;
		}
	char *out = arena_strdup(a, "");
	struct match_names main = all;
	main.n = all.nmain;
	put_tokens(a, &main, 0, &out);
	if (all.n > all.nmain) {
		out = arena_printf(a, "%s |", out);
		char *rest = arena_strdup(a, "");
		put_tokens(a, &all, all.nmain, &rest);
		out = arena_printf(a, "%s %s", out, rest);
	}
	return out;
}

const char *match_person_key(struct arena *a, const struct person *p)
{
	/* Main: the family and given names in the passport spelling (names_key's own) and the
	 * 2021 Latin one, with their compact forms. Then the rest: the patronymic, and the name
	 * in its original script with its 2021 Latin too (a Kazakh name from Mongolia is
	 * Cyrillic), which may hold a father's name ("Elyor oʻgʻli") that must not pass for
	 * the person's own. */
	struct person fg = { .family_name = p->family_name, .given_name = p->given_name };
	const char *orig = or_empty(p->name_original);
	size_t cap = strlen(orig) * 11 + 16;
	char *orig2021 = arena_alloc(a, cap);
	if (names_latin2021(orig, orig2021, cap, NULL) < 0)
		orig2021[0] = '\0';
	struct match_names main, all;
	match_names_of(
	    a, arena_printf(a, "%s | %s", person_passport(a, &fg), person_latin2021(a, &fg)), true,
	    &main);
	match_names_of(a,
		       arena_printf(a, "%s | %s | %s | %s", person_passport(a, p),
				    person_latin2021(a, p), orig, orig2021),
		       true, &all);
	char *out = arena_strdup(a, "");
	put_tokens(a, &main, 0, &out);
	char *rest = arena_strdup(a, "");
	for (size_t i = 0; i < all.n; i++)
		if (!has_token(&main, all.tok[i]))
			rest = arena_printf(a, "%s%s%s", rest, *rest ? " " : "", all.tok[i]);
	return *rest ? arena_printf(a, "%s | %s", out, rest) : out;
}

size_t match_key_parse(struct arena *a, const char *key, struct match_names *out)
{
	memset(out, 0, sizeof(*out));
	bool main = true;
	if (!key)
		return 0;
	for (const char *p = key; *p && out->n < MATCH_TOKENS_MAX;) {
		while (*p == ' ')
			p++;
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == 1 && *p == '|') {
			main = false;
		} else if (len) {
			out->tok[out->n] =
			    arena_strndup(a, p, len < MATCH_TOKEN_MAX ? len : MATCH_TOKEN_MAX);
			out->sound[out->n] = match_sound(a, out->tok[out->n]);
			out->n++;
			if (main)
				out->nmain = out->n;
		}
		p += len;
	}
	return out->n;
}

/* ---- Jaro–Winkler ---- */

double match_jaro_winkler(const char *s, const char *t)
{
	size_t n = strnlen(s, MATCH_TOKEN_MAX), m = strnlen(t, MATCH_TOKEN_MAX);
	if (!n || !m)
		return 0;
	if (n == m && memcmp(s, t, n) == 0)
		return 1;
	size_t window = (n > m ? n : m) / 2;
	window = window ? window - 1 : 0;
	bool sm[MATCH_TOKEN_MAX] = { 0 }, tm[MATCH_TOKEN_MAX] = { 0 };
	size_t matches = 0;
	for (size_t i = 0; i < n; i++) {
		size_t lo = i > window ? i - window : 0,
		       hi = i + window + 1 < m ? i + window + 1 : m;
		for (size_t j = lo; j < hi; j++) {
			if (!tm[j] && s[i] == t[j]) {
				sm[i] = tm[j] = true;
				matches++;
				break;
			}
		}
	}
	if (!matches)
		return 0;
	size_t transpositions = 0;
	for (size_t i = 0, j = 0; i < n; i++) {
		if (!sm[i])
			continue;
		while (!tm[j])
			j++;
		if (s[i] != t[j])
			transpositions++;
		j++;
	}
	double md = (double)matches;
	double jaro =
	    (md / (double)n + md / (double)m + (md - (double)transpositions / 2) / md) / 3;
	size_t prefix = 0;
	while (prefix < 4 && prefix < n && prefix < m && s[prefix] == t[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1 - jaro);
}

/* ---- queries and scores ---- */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* The value of n decimal digits (checked by the caller). */
static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* A word as a birth date: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, a real day. */
static const char *word_date(struct arena *a, const char *w, size_t n)
{
	char iso[11];
	if (n == 10 && w[4] == '-' && w[7] == '-' && digits(w, 4) && digits(w + 5, 2) &&
	    digits(w + 8, 2))
		memcpy(iso, w, 10);
	else if (n == 10 && (w[2] == '.' || w[2] == '/') && w[5] == w[2] && digits(w, 2) &&
		 digits(w + 3, 2) && digits(w + 6, 4))
		snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", w + 6, w + 3, w);
	else
		return NULL;
	iso[10] = '\0';
	return date_valid(iso) ? arena_strdup(a, iso) : NULL;
}

static void set_compact(struct arena *a, struct match_query *q)
{
	if (q->names.n >= 2) {
		q->compact = run_together(a, q->names.tok, q->names.n);
		q->compact_sound = match_sound(a, q->compact);
	}
}

void match_query_parse(struct arena *a, const char *q, struct match_query *out)
{
	memset(out, 0, sizeof(*out));
	if (!q)
		return;
	size_t qn = strlen(q);
	char *names = arena_alloc(a, qn + 1), *doc = arena_alloc(a, qn + 1);
	size_t nn = 0, dn = 0, nw = 0;
	const char *word[MATCH_TOKENS_MAX];
	size_t wlen[MATCH_TOKENS_MAX];
	bool doc_digit = false;
	for (const char *p = q; *p;) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		size_t n = strcspn(p, " \t\r\n,");
		if (!n)
			break;
		const char *date = word_date(a, p, n);
		bool any_digit = false;
		for (size_t i = 0; i < n; i++)
			any_digit = any_digit || isdigit((unsigned char)p[i]);
		if (date && !out->birth_date) {
			out->birth_date = date;
		} else if (n == 4 && digits(p, 4) && num(p, 4) >= 1900 && num(p, 4) <= 2100 &&
			   !out->birth_year) {
			out->birth_year = num(p, 4);
		} else {
			/* Every other word may be part of a document number ("N 12345678"); the
			 * words without digits are the name too. */
			memcpy(doc + dn, p, n);
			dn += n;
			doc_digit = doc_digit || any_digit;
			if (!any_digit && nw < ARRAY_SIZE(word)) {
				word[nw] = p;
				wlen[nw++] = n;
			}
		}
		p += n;
	}
	/* With a document number, a word of one or two letters is its series ("N", "AB"). */
	for (size_t i = 0; i < nw; i++) {
		if (doc_digit && wlen[i] <= 2)
			continue;
		if (nn)
			names[nn++] = ' ';
		memcpy(names + nn, word[i], wlen[i]);
		nn += wlen[i];
	}
	names[nn] = '\0';
	doc[dn] = '\0';
	if (out->birth_date && !out->birth_year)
		out->birth_year = num(out->birth_date, 4);
	if (doc_digit) {
		const char *k = person_doc_key(a, doc);
		out->doc_key = *k ? k : NULL;
	}
	/* "|" separates spellings in stored names, never in a query. */
	for (char *p = names; *p; p++)
		if (*p == '|')
			*p = ' ';
	match_names_of(a, names, false, &out->names);
	set_compact(a, out);
	out->prefix = true;
}

void match_query_of_person(struct arena *a, const struct person *p, struct match_query *out)
{
	memset(out, 0, sizeof(*out));
	match_names_of(a,
		       arena_printf(a, "%s %s", or_empty(p->family_name), or_empty(p->given_name)),
		       false, &out->names);
	set_compact(a, out);
	if (p->birth_date && strlen(p->birth_date) == 10)
		out->birth_date = p->birth_date;
	out->birth_year = person_birth_year(p);
}

/* How alike a query word and a stored token are: Jaro–Winkler on the letters, at least 0.95
 * when they sound alike, else the sound keys' own similarity a little lowered; a word that
 * begins a stored token counts 0.9 when it may be cut short (being typed). */
static double similarity(const char *q, const char *qs, const char *t, const char *ts, bool prefix)
{
	double j = match_jaro_winkler(q, t);
	if (j >= 1)
		return 1;
	/* Sounding alike says little of a short word (Liu and Li, Yong and Yang). */
	if (*qs && strcmp(qs, ts) == 0 && strlen(q) >= 4 && strlen(t) >= 4)
		j = j > 0.95 ? j : 0.95;
	else {
		double js = match_jaro_winkler(qs, ts) - 0.04;
		j = j > js ? j : js;
	}
	size_t ql = strlen(q);
	if (prefix && ql >= 2 && strncmp(q, t, ql) == 0 && j < 0.9)
		j = 0.9;
	return j;
}

/* How alike a word is to the stored token i: a token outside the main names (a patronymic, a
 * father's name in the original script) counts a little less. */
static double token_similarity(const char *q, const char *qs, const struct match_names *stored,
			       size_t i, bool prefix)
{
	double v = similarity(q, qs, stored->tok[i], stored->sound[i], prefix);
	return i < stored->nmain ? v : v * 0.97;
}

static double best_of(const char *q, const char *qs, const struct match_names *stored, bool prefix)
{
	double best = 0;
	for (size_t i = 0; i < stored->n && best < 1; i++) {
		double v = token_similarity(q, qs, stored, i, prefix);
		best = v > best ? v : best;
	}
	return best;
}

double match_name_score(const struct match_query *q, const struct match_names *stored,
			double *worst)
{
	if (worst)
		*worst = 0;
	size_t nq = q->names.n, nt = stored->n;
	if (!nq || !nt)
		return 0;
	/* Each query word takes a stored token of its own, best pairs first, so that one name
	 * found twice ("Nurlan Nurlan") does not pass for two. */
	double sim[MATCH_TOKENS_MAX][MATCH_TOKENS_MAX];
	for (size_t i = 0; i < nq; i++)
		for (size_t k = 0; k < nt; k++)
			sim[i][k] = token_similarity(q->names.tok[i], q->names.sound[i], stored, k,
						     q->prefix && i + 1 == nq);
	bool qdone[MATCH_TOKENS_MAX] = { 0 }, tdone[MATCH_TOKENS_MAX] = { 0 };
	double got[MATCH_TOKENS_MAX] = { 0 };
	for (size_t round = 0; round < nq && round < nt; round++) {
		double best = -1;
		size_t bi = 0, bk = 0;
		for (size_t i = 0; i < nq; i++)
			for (size_t k = 0; k < nt; k++)
				if (!qdone[i] && !tdone[k] && sim[i][k] > best) {
					best = sim[i][k];
					bi = i;
					bk = k;
				}
		qdone[bi] = tdone[bk] = true;
		got[bi] = best;
	}
	double sum = 0, least = 1;
	for (size_t i = 0; i < nq; i++) {
		sum += got[i];
		least = got[i] < least ? got[i] : least;
	}
	double score = sum / (double)nq;
	if (q->compact) {
		double c = best_of(q->compact, q->compact_sound, stored, false);
		if (c > score)
			score = least = c;
	}
	if (worst)
		*worst = least;
	return score;
}

bool match_likely(const struct match_result *r)
{
	if (r->reasons & MATCH_SAME_DOCUMENT)
		return true;
	if (r->name_worst < MATCH_LIKELY_WORD || (r->reasons & MATCH_OTHER_DATE))
		return false;
	if (r->reasons & MATCH_NEAR_DATE)
		return (r->reasons & MATCH_SAME_NAME) != 0;
	if (r->reasons & (MATCH_SAME_BIRTH_DATE | MATCH_BIRTH_SWAPPED | MATCH_SAME_BIRTH_YEAR))
		return true;
	return (r->reasons & MATCH_SAME_NAME) && !(r->reasons & MATCH_OTHER_BIRTH);
}

const char *match_name_sound(struct arena *a, const char *name)
{
	const char *w[MATCH_TOKENS_MAX];
	size_t n = name ? spelling_words(a, name, strlen(name), w, MATCH_TOKENS_MAX) : 0;
	return match_sound(a, run_together(a, w, n));
}

const char *match_reason_next(unsigned reasons, size_t *next)
{
	static const struct {
		unsigned bit;
		const char *code;
	} codes[] = {
		{ MATCH_SAME_DOCUMENT, "same_document" },
		{ MATCH_SAME_NAME, "same_name" },
		{ MATCH_SIMILAR_NAME, "similar_name" },
		{ MATCH_SAME_BIRTH_DATE, "same_birth_date" },
		{ MATCH_BIRTH_SWAPPED, "birth_day_month_swapped" },
		{ MATCH_SAME_BIRTH_YEAR, "same_birth_year" },
		{ MATCH_OTHER_BIRTH, "other_birth_year" },
	};
	for (; *next < ARRAY_SIZE(codes); (*next)++)
		if (reasons & codes[*next].bit)
			return codes[(*next)++].code;
	return NULL;
}

/* Year, month and day of "YYYY" or "YYYY-MM-DD" (month and day 0 for a year alone). */
static bool birth_parts(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) < 4 || !digits(s, 4))
		return false;
	*y = num(s, 4);
	*m = *d = 0;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s + 5, 2) && digits(s + 8, 2)) {
		*m = num(s + 5, 2);
		*d = num(s + 8, 2);
	}
	return true;
}

unsigned match_birth(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	if (!birth_parts(a, &ya, &ma, &da) || !birth_parts(b, &yb, &mb, &db))
		return 0;
	if (ya != yb)
		return MATCH_OTHER_BIRTH;
	if (ma && mb) {
		if (ma == mb && da == db)
			return MATCH_SAME_BIRTH_DATE;
		if (ma == db && da == mb)
			return MATCH_BIRTH_SWAPPED;
		return MATCH_SAME_BIRTH_YEAR |
		       (ma == mb || da == db ? MATCH_NEAR_DATE : MATCH_OTHER_DATE);
	}
	return MATCH_SAME_BIRTH_YEAR;
}

/* The query's birth date, or its year alone (written into year), or NULL. */
static const char *query_birth(const struct match_query *q, char year[static 8])
{
	if (q->birth_date || !q->birth_year)
		return q->birth_date;
	snprintf(year, 8, "%04d", q->birth_year);
	return year;
}

struct match_result match_score(const struct match_query *q, const struct match_names *stored,
				const char *birth_date, bool doc_hit)
{
	struct match_result r = { 0 };
	double s = 0;
	bool named = q->names.n > 0;
	if (named) {
		double ns = match_name_score(q, stored, &r.name_worst);
		r.name = ns;
		if (ns >= 0.995)
			r.reasons |= MATCH_SAME_NAME;
		else if (ns >= MATCH_NAME_MIN)
			r.reasons |= MATCH_SIMILAR_NAME;
		s = ns * 100;
	}
	char year[8];
	const char *qb = query_birth(q, year);
	unsigned b = match_birth(qb, birth_date);
	r.reasons |= b;
	/* With a name, the birth date moves the score, out of what the query could reach (an
	 * exact name and date is 100, an exact name with a query of no date too); without one
	 * it is the score. */
	double bonus = b & MATCH_SAME_BIRTH_DATE   ? 10
		       : b & MATCH_BIRTH_SWAPPED   ? 6
		       : b & MATCH_SAME_BIRTH_YEAR ? 3
		       : b & MATCH_OTHER_BIRTH     ? -15
						   : 0;
	if (named) {
		double best = qb ? (q->birth_date ? 10 : 3) : 0;
		s = (s + bonus) * 100 / (100 + best);
	} else if (b & (MATCH_SAME_BIRTH_DATE | MATCH_BIRTH_SWAPPED | MATCH_SAME_BIRTH_YEAR)) {
		s = bonus * 9; /* 90, 54, 27 */
	}
	if (doc_hit) {
		r.reasons |= MATCH_SAME_DOCUMENT;
		s = (s > 90 ? s : 90) + 10;
	}
	if (s < 0)
		s = 0;
	r.score = s > 100 ? 100 : (int)(s + 0.5);
	return r;
}

bool match_may_be_likely(const struct match_query *q, const char *birth_date, bool doc_hit)
{
	char year[8];
	return doc_hit || !(match_birth(query_birth(q, year), birth_date) &
			    (MATCH_OTHER_BIRTH | MATCH_OTHER_DATE));
}
