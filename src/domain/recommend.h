/* recommend.h: which technologies of social work (domain.md §2: function, means, service
 * kind, form) to propose for a case, from the person's categories and legal status and the
 * case's latest needs assessment, by rules that are data (the admin edits them).
 *
 * A rule names up to three conditions, all of which must hold: a category the person has, the
 * person's legal status, and a need scored at least min_urgency. Before any assessment the
 * registry stands in for the language needs (Kazakh or Russian: "none" counts as urgent,
 * "basic" as moderate), so that a kandas with no Kazakh is proposed a course as soon as the
 * case opens. Each proposal carries the reasons that led to it. No I/O. */
#ifndef KOMEK_DOMAIN_RECOMMEND_H
#define KOMEK_DOMAIN_RECOMMEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/casework.h"
#include "domain/person.h"

struct rec_rule {
	int64_t id, version;
	const char *category, *legal_status, *need; /* NULL: no condition */
	int min_urgency;                            /* for need: 1..URGENCY_MAX */
	const char *function, *means, *service_kind, *form;
	const char *label_kk, *label_ru, *label_en; /* what is proposed */
	bool active;
};

/* What the rules look at. */
struct rec_facts {
	const char *categories[PERSON_MAX_CATEGORIES];
	size_t ncategories;
	const char *legal_status, *lang_kk, *lang_ru;
	bool assessed;          /* the case has an assessment: urgency[] is its scores */
	int urgency[NEEDS_MAX]; /* by need_index */
};

enum rec_reason_kind { REASON_CATEGORY, REASON_LEGAL_STATUS, REASON_NEED };

struct rec_reason {
	enum rec_reason_kind kind;
	const char *code; /* the category, legal status or need */
	int urgency;      /* REASON_NEED */
	bool registry;    /* REASON_NEED: taken from the registry's language level */
};

struct rec_proposal {
	const struct rec_rule *rule;
	struct rec_reason reasons[3];
	size_t nreasons;
};

/* What the worker made of a proposal (of rule_id, on a case): accepted as proposed, rejected,
 * or changed to the four codes given. */
struct rec_decision {
	int64_t rule_id, decided_by, decided_at;
	const char *decision; /* "accepted", "rejected", "changed" */
	const char *function, *means, *service_kind, *form, *note;
	const char *decider_login, *decider_name;
};

/* Checks a decision on rule: a known decision; for "changed", the four codes from their lists
 * (they default to the rule's) and at least one differing; for "accepted", the rule's codes
 * are copied; a note of at most 1000 characters. */
int rec_decision_validate(struct arena *a, const struct rec_rule *rule, struct rec_decision *d,
			  struct field_errors *errs);

/* The urgency of need that the rules see: the assessment's score, or before any assessment
 * the registry's language level for language_kk and language_ru (*registry set), else 0. */
int rec_urgency(const struct rec_facts *f, const char *need, bool *registry);

/* The proposals of the active rules that hold for f, in the rules' order; at most max. */
size_t recommend(const struct rec_rule *rules, size_t nrules, const struct rec_facts *f,
		 struct rec_proposal *out, size_t max);

/* Checks a rule for the admin's form: at least one condition; codes from their lists; an
 * urgency 1..3 with a need; the four codes and three labels (at most 200 characters). */
int rec_rule_validate(struct arena *a, struct rec_rule *r, struct field_errors *errs);

/* The label of a rule in lang ("kk", "ru", else en). */
const char *rec_rule_label(const struct rec_rule *r, const char *lang);

#endif
