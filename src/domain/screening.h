/* screening.h: screening instruments and their published scoring (issue 8;
 * ../shared/instruments.md §1–2). Mental-health screens (RHS-15, PHQ-9, GAD-7, SDQ) and the
 * two protection interviews (the ILO indicators of forced labour, the ILO–EC operational
 * indicators of trafficking). Each instrument is data: its items with their wording (English
 * message ids, translated in the catalogs), its answer scale, its band tables, each with a
 * version. Scoring flags a person for referral or lists the evidence; it never decides
 * "victim" or "diagnosis": the ILO instruments carry the worker's own finding.
 *
 * Validation and scoring are pure functions; no I/O. Strings are static or owned by the
 * caller's arena. */
#ifndef KOMEK_DOMAIN_SCREENING_H
#define KOMEK_DOMAIN_SCREENING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define SCREEN_ITEMS_MAX 80   /* items or indicators of one instrument */
#define SCREEN_REASONS_MAX 80 /* one per indicator at most */
#define SCREEN_ALERTS_MAX 4
#define SCREEN_PROPOSALS_MAX 8
#define SCREEN_GROUPS_MAX 8 /* SDQ subscales, ILO–EC dimensions */
#define SCREEN_NOTE_MAX 4000

enum screen_kind {
	SCREEN_SCORED,    /* answers: each item's score, in item order */
	SCREEN_CHECKLIST, /* answers: the codes of the indicators observed */
};

/* An item of a scored instrument or an indicator of a checklist. */
struct screen_item {
	const char *code; /* "1".."n" for scored items; the indicator's code for checklists */
	const char *text; /* the wording (msgid); NULL where the wording may not be reproduced */
	int max;          /* scored: the highest score (the lowest is 0) */
	int group;     /* SDQ subscale or ILO–EC dimension: 1-based index into groups; 0 none */
	char grade;    /* ILO–EC: 's' strong, 'm' medium, 'w' weak; else 0 */
	bool reversed; /* SDQ: scored 2-answer */
	/* The labels of this item's answers 0..max where they are its own (the RHS-15's
	 * coping item), else NULL: the instrument's scale. */
	const char *const *scale;
};

/* A group of items: an SDQ subscale or an ILO–EC dimension. */
struct screen_group {
	const char *code, *name; /* name: msgid */
};

struct instrument {
	const char *code;    /* "rhs15", "phq9", "gad7", "sdq", "ilo_forced_labour",
			      * "ilo_ec_trafficking" */
	const char *version; /* of the wording and the scoring, stored with each screening */
	const char *name;    /* msgid */
	const char *intro;   /* msgid: the question put to the person, the recall period */
	const char *source;  /* the publication (not translated) */
	enum screen_kind kind;
	const struct screen_item *items;
	size_t nitems;
	const struct screen_group *groups;
	size_t ngroups;
	/* Scored instruments: the labels of the answers 0..scale_max (msgids); an item whose
	 * max differs (the RHS-15's Distress Thermometer) is answered as a number, an item with
	 * a scale of its own with that. */
	const char *const *scale;
	int scale_max;
	bool finding;   /* the worker records a finding with a reason (the ILO instruments) */
	bool mental;    /* a mental-health screen (a positive one proposes a psychologist) */
	bool informant; /* SDQ: answered by an informant against a norm set */
};

/* The instruments, in the order forms list them. */
size_t instrument_count(void);
const struct instrument *instrument_at(size_t i);
/* The instrument of a code, or NULL. */
const struct instrument *instrument_find(const char *code);

/* The SDQ's band tables: per informant ("parent", "teacher", "self") and norm set ("uk",
 * "mn"), the lower bound of each band of the total difficulties score. */
struct sdq_norm {
	const char *informant, *norm, *name; /* name: msgid, e.g. "UK parent report" */
	int nbands;
	int from[4];         /* lower bounds, ascending, from[0] == 0 */
	const char *band[4]; /* band codes: "normal", "borderline", "abnormal", "high", ... */
};
size_t sdq_norm_count(void);
const struct sdq_norm *sdq_norm_at(size_t i);
const struct sdq_norm *sdq_norm_find(const char *informant, const char *norm);

struct screen_answers {
	int scores[SCREEN_ITEMS_MAX]; /* SCREEN_SCORED, in item order */
	size_t nscores;
	const char *codes[SCREEN_ITEMS_MAX]; /* SCREEN_CHECKLIST */
	size_t ncodes;
	const char *informant, *norm; /* SDQ */
	bool child;                   /* ILO–EC: the person was under 18 (means not required) */
};

struct screen_result {
	int total;        /* -1 where the instrument has none */
	const char *band; /* a band code, or NULL */
	int positive;     /* 1, 0, or -1 where the instrument does not say (ILO forced labour) */
	/* What made it so: codes. RHS-15: "rhs15_sum" (items 1–14 ≥ 12), "rhs15_thermometer"
	 * (≥ 5). PHQ-9, GAD-7: "total_10_or_more". ILO forced labour: each indicator found.
	 * ILO–EC: each positive dimension. SDQ: the band. */
	const char *reasons[SCREEN_REASONS_MAX];
	size_t nreasons;
	const char *alerts[SCREEN_ALERTS_MAX]; /* "phq9_item9": immediate safety follow-up */
	size_t nalerts;
	int groups[SCREEN_GROUPS_MAX]; /* SDQ subscale scores; ILO–EC: 1 positive, 0 not */
	/* ILO–EC: "trafficking" (meets the definition of trafficking for labour exploitation),
	 * "exploited_worker" (exploitative conditions, without the definition being met),
	 * "not_met";
	 * RHS-15: "rhs13_positive" / "rhs13_negative" (items 1–13 ≥ 11); else NULL. */
	const char *conclusion;
};

/* Normalises (trims and de-duplicates codes, sorting them in the instrument's order) and
 * checks the answers: every item present and in 0..max, no more; known indicator codes;
 * for the SDQ a known informant and norm set. Field errors name "answers", "answers.N"
 * (1-based item), "informant" or "norm". Returns 0 or K_EINVAL; nothing is scored then. */
int screening_validate(struct arena *a, const struct instrument *in, struct screen_answers *ans,
		       struct field_errors *errs);
/* Scores valid answers by the published rule. */
void screening_score(const struct instrument *in, const struct screen_answers *ans,
		     struct screen_result *out);

/* The worker's finding on an ILO instrument: "likely", "unlikely" or "unclear" (the
 * reference list "screening_findings"), with a reason. */
bool screening_finding_valid(const char *code);

/* What the result proposes (codes, in order): a positive mental-health screen or an alert
 * "psychologist_referral"; a finding of "likely" forced labour or trafficking the protection
 * pathway: "restrict_record", "accommodation", "social_legal_service",
 * "social_psychological_service", "referral". */
size_t screening_proposals(const struct instrument *in, const struct screen_result *r,
			   const char *finding, const char *out[SCREEN_PROPOSALS_MAX]);

/* A screening as recorded: who was screened, with which instrument (and its version) in
 * which language, on which day, by whom; the answers, the result, and for the ILO
 * instruments the worker's finding with its reason. */
struct screening {
	int64_t id, org_id, person_id, screener_id, created_at;
	const char *instrument, *version, *lang, *screened_on;
	const char *finding, *finding_reason;
	struct screen_answers answers;
	struct screen_result result;
	/* Read with it. */
	const char *screener_name;
	bool restricted; /* the person's record is restricted */
};

/* Trims and checks a screening before it is scored: a known instrument, a language of
 * administration (kk, ru, en), a day not after today (default today) and not before the
 * person's birth, the answers (screening_validate), and for the ILO instruments a finding
 * with a reason (none for the others). For the ILO–EC list, answers.child is set from the
 * person's age on the day. Then scores it into s->result. 0 or K_EINVAL. */
int screening_record_validate(struct arena *a, struct screening *s, const struct person *p,
			      const char *today, struct field_errors *errs);

/* Who may screen and read screenings: those who work with people (workers, psychologists,
 * lawyers, supervisors); not administrators or analysts. */
bool screening_may_read(const struct actor *a);
bool screening_may_write(const struct actor *a);

#endif
