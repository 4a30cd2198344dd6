/* match.h: finding a person again across scripts and spellings (issue 6). No I/O.
 *
 * A name becomes tokens: each word of each spelling of it (names_key's passport Latin, the
 * Kazakh 2021 Latin, the name in its original script through ICU's Han-Latin/Names and
 * Any-Latin), lower-case ASCII letters and digits, plus the words run together ("wangwei",
 * "ayigulimaimaiti") so that a name written with a middle dot, a space or nothing between its
 * parts meets itself. Each token has a sound key (match_sound) that merges the spellings
 * romanisation systems disagree on: zh/j/dzh, kh/h/x, q/k, sh/ş/s, ch/ç/ts/c, o/u, e/i/y,
 * vowel runs and doubled letters ("Nursoltan" and "Нұрсұлтан" both give "nursultan",
 * "Zhanar" and "Janar" both "janar"). The store indexes people by their tokens' sound keys
 * and ranks what it finds with match_score: Jaro–Winkler on the tokens, the sound keys as a
 * second signal, and the birth date and document number when the query has them.
 *
 * A match is a reason to look, never a decision: a high score means "possibly the same
 * person, for a worker to judge". Strings are owned by the caller's arena. */
#ifndef KOMEK_DOMAIN_MATCH_H
#define KOMEK_DOMAIN_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "domain/person.h"

#define MATCH_TOKENS_MAX 32
#define MATCH_TOKEN_MAX 64 /* bytes of a token; longer ones are cut */
/* The version of the keys: a person's stored keys made by another version are made again
 * at start (store_match_reindex). Raise it whenever tokens or sound keys change. */
#define MATCH_KEYS_VERSION_TEXT "3"

struct match_names {
	size_t n;
	size_t nmain; /* the first nmain are the main names; the rest count a little less */
	const char *tok[MATCH_TOKENS_MAX];   /* distinct, in order of appearance */
	const char *sound[MATCH_TOKENS_MAX]; /* match_sound of each */
};

/* The tokens of names, several spellings separated by "|". With compact, also each
 * spelling's first two words run together in both orders and all its words run together.
 * Returns the count (0 for a name with no letters or digits left). */
size_t match_names_of(struct arena *a, const char *names, bool compact, struct match_names *out);

/* The tokens stored for a person, space-separated: the family and given names in every
 * spelling with their compact forms, then " | " and the rest (patronymic, original
 * script). */
const char *match_person_key(struct arena *a, const struct person *p);
/* Parses a stored key back into tokens (and their sound keys); " | " in a key ends its main
 * tokens. */
size_t match_key_parse(struct arena *a, const char *key, struct match_names *out);
/* Several stored keys as one (the records linked as one person): every key's main tokens,
 * then the others, each once. */
const char *match_key_join(struct arena *a, const char *const *keys, size_t n);

/* The sound key of one token (lower-case ASCII letters and digits); "" for "". */
const char *match_sound(struct arena *a, const char *token);

/* Jaro–Winkler similarity of two ASCII strings, 0..1 (1 for two equal strings, 0 when
 * either is empty). Only the first MATCH_TOKEN_MAX bytes count. */
double match_jaro_winkler(const char *s, const char *t);

/* What a search box holds: names, a birth date (YYYY-MM-DD or DD.MM.YYYY), a birth year
 * (four digits, 1900..2100) and any other word with a digit in it, read as a document
 * number (its person_doc_key). */
struct match_query {
	struct match_names names; /* without compact forms */
	const char *compact;      /* the query's words run together, or NULL for one word */
	const char *compact_sound;
	const char *birth_date; /* YYYY-MM-DD or NULL */
	int birth_year;         /* 0 if none */
	const char *doc_key;    /* NULL if none */
	bool prefix;            /* the last word may be cut short (typing in a search box) */
};
void match_query_parse(struct arena *a, const char *q, struct match_query *out);
/* A person as a query, to find their duplicates: the family and given names (not cut
 * short) and the birth date or year; no document (the store looks those up itself). */
void match_query_of_person(struct arena *a, const struct person *p, struct match_query *out);

/* Why two records may be one person, for a worker to read. */
enum match_reason {
	MATCH_SAME_DOCUMENT = 1u << 0,
	MATCH_SAME_NAME = 1u << 1,    /* every word found as it is, in some spelling */
	MATCH_SIMILAR_NAME = 1u << 2, /* … or at least MATCH_NAME_MIN */
	MATCH_SAME_BIRTH_DATE = 1u << 3,
	MATCH_BIRTH_SWAPPED = 1u << 4, /* day and month swapped */
	MATCH_SAME_BIRTH_YEAR = 1u << 5,
	MATCH_OTHER_BIRTH = 1u << 6, /* both known and different years */
	/* With MATCH_SAME_BIRTH_YEAR, two full dates: one differing in the day or the month
	 * alone (a slip of the pen, perhaps), or in both. Not shown: no code of their own. */
	MATCH_NEAR_DATE = 1u << 7,
	MATCH_OTHER_DATE = 1u << 8,
};
#define MATCH_NAME_MIN 0.84
/* The code of one reason, for the API ("same_document", …), or NULL; *next walks every
 * reason in a set in the order they are shown: for (i = 0; (c = match_reason_next(set, &i));). */
const char *match_reason_next(unsigned reasons, size_t *next);

/* How well a name matches stored tokens, 0..1: the mean over the query's words of the best
 * similarity of each with any stored token (and the query run together, if better); *worst
 * (may be NULL) the least of those bests. */
double match_name_score(const struct match_query *q, const struct match_names *stored,
			double *worst);

struct match_result {
	int score;        /* 0..100 */
	unsigned reasons; /* enum match_reason */
	double name;      /* match_name_score, 0 without names */
	double name_worst;
};
/* Scores a stored person (tokens, birth date "YYYY", "YYYY-MM-DD" or NULL, whether a
 * document of theirs has the query's number) for a query. */
struct match_result match_score(const struct match_query *q, const struct match_names *stored,
				const char *birth_date, bool doc_hit);
/* Whether a scored record is likely the same person as the one the query was made of
 * (match_query_of_person), so that a worker must look before registering another: the same
 * document; or every word of the name alike (MATCH_LIKELY_WORD) and the same birth date, or
 * date with day and month swapped, or year where a full date is missing on one side; or the
 * same name and a full date that differs in the day or the month alone; or the same name
 * where a birth date is missing. Two full dates of one year that differ in both the day and
 * the month say two people, as common names are. */
#define MATCH_LIKELY_WORD 0.93
bool match_likely(const struct match_result *r);
/* False when match_likely must be false whatever the names: no document in common and birth
 * dates that say two people. Cheap; checked before scoring a candidate's names. */
bool match_may_be_likely(const struct match_query *q, const char *birth_date, bool doc_hit);

/* The sound key of one name field (its words in the passport spelling, run together), for
 * grouping records in the duplicate scan; "" when it has no letters. */
const char *match_name_sound(struct arena *a, const char *name);

/* The birth-date reasons alone (either date may be NULL, "YYYY" or "YYYY-MM-DD"). */
unsigned match_birth(const char *a, const char *b);

#endif
