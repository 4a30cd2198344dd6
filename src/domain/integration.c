/* integration.c: see integration.h. */
#include "domain/integration.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

/* ---- the framework ---- */

const struct integration_domain integration_framework[] = {
	{ "work", "markers_means",
	  N_("Employed, self-employed or in training; pay at or above the minimum wage") },
	{ "education", "markers_means",
	  N_("In school, college, university or a course; qualifications recognised") },
	{ "housing", "markers_means",
	  N_("Safe, secure and affordable housing of adequate size; a tenancy agreement or "
	     "ownership") },
	{ "health_social_care", "markers_means",
	  N_("Attached to a polyclinic; uses health and social care services when needed") },
	{ "leisure", "markers_means",
	  N_("Takes part in cultural, sports or other leisure activities") },
	{ "bonds", "social_connections",
	  N_("In contact with family and with people of a shared background, language or "
	     "faith") },
	{ "bridges", "social_connections",
	  N_("Contact and friendship with people of other backgrounds; takes part in mixed "
	     "groups") },
	{ "links", "social_connections",
	  N_("Knows and uses state bodies and services: the public service centre, the akimat, "
	     "the police, the school") },
	{ "language_communication", "facilitators",
	  N_("Speaks, reads and writes Kazakh or Russian well enough for daily life and work") },
	{ "culture", "facilitators",
	  N_("Knows local customs and ways of doing things; able to keep their own culture") },
	{ "digital_skills", "facilitators",
	  N_("Uses a smartphone and the internet, eGov services and online banking") },
	{ "safety", "facilitators",
	  N_("Feels safe at home and in the neighbourhood; free from violence, harassment and "
	     "exploitation") },
	{ "stability", "facilitators",
	  N_("Settled in one place, with a steady income and no forced moves") },
	{ "rights_responsibilities", "foundation",
	  N_("Has documents and a legal status; knows their rights and duties and how to claim "
	     "them") },
};

/* ---- reference lists ---- */

const struct ref_item integration_domains[] = {
	{ .code = "work", .kk = "жұмыс", .ru = "работа", .en = "work" },
	{ .code = "education", .kk = "білім", .ru = "образование", .en = "education" },
	{ .code = "housing", .kk = "тұрғын үй", .ru = "жильё", .en = "housing" },
	{ .code = "health_social_care",
	  .kk = "денсаулық сақтау және әлеуметтік көмек",
	  .ru = "здравоохранение и социальная помощь",
	  .en = "health and social care" },
	{ .code = "leisure", .kk = "бос уақыт", .ru = "досуг", .en = "leisure" },
	{ .code = "bonds",
	  .kk = "жақын байланыстар (отбасы және өз қауымдастығы)",
	  .ru = "социальные узы (семья и своя община)",
	  .en = "social bonds (family and own community)" },
	{ .code = "bridges",
	  .kk = "әлеуметтік көпірлер (басқа қауымдастықтар)",
	  .ru = "социальные мосты (другие сообщества)",
	  .en = "social bridges (other communities)" },
	{ .code = "links",
	  .kk = "мекемелермен байланыстар (мемлекеттік органдар және қызметтер)",
	  .ru = "связи с институтами (госорганы и службы)",
	  .en = "social links (state bodies and services)" },
	{ .code = "language_communication",
	  .kk = "тіл және қарым-қатынас",
	  .ru = "язык и коммуникация",
	  .en = "language and communication" },
	{ .code = "culture", .kk = "мәдениет", .ru = "культура", .en = "culture" },
	{ .code = "digital_skills",
	  .kk = "цифрлық дағдылар",
	  .ru = "цифровые навыки",
	  .en = "digital skills" },
	{ .code = "safety", .kk = "қауіпсіздік", .ru = "безопасность", .en = "safety" },
	{ .code = "stability", .kk = "тұрақтылық", .ru = "стабильность", .en = "stability" },
	{ .code = "rights_responsibilities",
	  .kk = "құқықтар мен міндеттер",
	  .ru = "права и обязанности",
	  .en = "rights and responsibilities" },
};

const struct ref_item integration_groups[] = {
	{ .code = "markers_means",
	  .kk = "маркерлер мен құралдар",
	  .ru = "маркеры и средства",
	  .en = "markers and means" },
	{ .code = "social_connections",
	  .kk = "әлеуметтік байланыстар",
	  .ru = "социальные связи",
	  .en = "social connections" },
	{ .code = "facilitators",
	  .kk = "ықпал ететін факторлар",
	  .ru = "способствующие факторы",
	  .en = "facilitators" },
	{ .code = "foundation", .kk = "негіз", .ru = "основа", .en = "foundation" },
};

const struct ref_item integration_statuses[] = {
	{ .code = "at_risk",
	  .kk = "тәуекел аймағында: шұғыл қажеттілік",
	  .ru = "в зоне риска: острая потребность",
	  .en = "at risk: an urgent need" },
	{ .code = "building",
	  .kk = "қалыптасуда: кейбір қадамдар жасалды",
	  .ru = "формируется: сделаны некоторые шаги",
	  .en = "building: some steps taken" },
	{ .code = "stable",
	  .kk = "тұрақты: негізінен қамтамасыз етілген",
	  .ru = "устойчиво: в основном обеспечено",
	  .en = "stable: mostly in place" },
	{ .code = "thriving",
	  .kk = "өркендеуде: толық қамтамасыз етілген",
	  .ru = "благополучно: полностью обеспечено",
	  .en = "thriving: fully in place" },
};

const struct ref_item integration_review_kinds[] = {
	{ .code = "intake", .kk = "бастапқы бағалау", .ru = "первичная оценка", .en = "intake" },
	{ .code = "review", .kk = "қайта бағалау", .ru = "повторная оценка", .en = "review" },
};

int integration_domain_index(const char *code)
{
	for (size_t i = 0; code && i < INTEGRATION_DOMAINS_N; i++)
		if (strcmp(integration_framework[i].code, code) == 0)
			return (int)i;
	return -1;
}

const char *integration_status_code(int status)
{
	if (status < INTEGRATION_STATUS_MIN || status > INTEGRATION_STATUS_MAX)
		return NULL;
	return integration_statuses[status - INTEGRATION_STATUS_MIN].code;
}

int integration_status_parse(const char *v)
{
	if (!v)
		return 0;
	if (v[0] >= '0' + INTEGRATION_STATUS_MIN && v[0] <= '0' + INTEGRATION_STATUS_MAX && !v[1])
		return v[0] - '0';
	for (int s = INTEGRATION_STATUS_MIN; s <= INTEGRATION_STATUS_MAX; s++)
		if (strcmp(integration_status_code(s), v) == 0)
			return s;
	return 0;
}

static bool is_kind(const char *v)
{
	for (size_t i = 0; v && i < INTEGRATION_REVIEW_KINDS_N; i++)
		if (strcmp(integration_review_kinds[i].code, v) == 0)
			return true;
	return false;
}

static bool status_valid(int status)
{
	return status >= INTEGRATION_STATUS_MIN && status <= INTEGRATION_STATUS_MAX;
}

/* ---- validation ---- */

int integration_review_validate(struct arena *a, struct integration_review *r,
				const struct person *p, const char *today,
				struct field_errors *errs)
{
	size_t before = errs->n;
	r->reviewed_on = val_trim(a, r->reviewed_on);
	r->kind = val_trim(a, r->kind);
	r->framework = val_trim(a, r->framework);
	r->note = val_trim(a, r->note);
	if (!r->reviewed_on)
		r->reviewed_on = today;
	if (!r->framework)
		r->framework = INTEGRATION_FRAMEWORK;
	if (r->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	val_date(errs, "reviewed_on", r->reviewed_on, today, true);
	/* A birth date may be a year alone: compare as many characters as it has. */
	if (p && p->birth_date && date_valid(r->reviewed_on) &&
	    strncmp(r->reviewed_on, p->birth_date, strlen(p->birth_date)) < 0)
		field_error_add(errs, "reviewed_on", N_("The date is before the person's birth."));
	if (!r->kind)
		field_error_add(errs, "kind", N_("This field is required."));
	else if (!is_kind(r->kind))
		field_error_add(errs, "kind", N_("Choose a value from the list."));
	if (strcmp(r->framework, INTEGRATION_FRAMEWORK) != 0)
		field_error_add(errs, "framework", N_("Choose a value from the list."));
	val_note(errs, "note", r->note, INTEGRATION_NOTE_MAX);

	if (r->nscores == 0 || r->nscores > INTEGRATION_DOMAINS_N) {
		field_error_add(errs, "domains",
				r->nscores ? N_("Too long.") : N_("Score at least one domain."));
		return K_EINVAL;
	}
	/* The scores by the framework's order, each domain once. */
	struct integration_score sorted[INTEGRATION_DOMAINS_N] = { 0 };
	bool given[INTEGRATION_DOMAINS_N] = { false };
	for (size_t i = 0; i < r->nscores; i++) {
		struct integration_score *g = &r->scores[i];
		g->domain = val_trim(a, g->domain);
		g->indicator = val_trim(a, g->indicator);
		g->evidence = val_trim(a, g->evidence);
		int k = integration_domain_index(g->domain);
		/* The field names a code the form sent, cut short: it may be anything. */
		const char *base = arena_printf(a, "domains.%.40s", g->domain ? g->domain : "");
		if (k < 0 || given[k]) {
			field_error_add(errs, base,
					k < 0 ? N_("Unknown domain.") : N_("Given twice."));
			continue;
		}
		given[k] = true;
		if (!status_valid(g->status))
			field_error_add(errs, arena_printf(a, "%s.status", base),
					N_("Choose a value from the list."));
		val_text(errs, arena_printf(a, "%s.indicator", base), g->indicator, false,
			 INTEGRATION_INDICATOR_MAX);
		val_note(errs, arena_printf(a, "%s.evidence", base), g->evidence,
			 INTEGRATION_EVIDENCE_MAX);
		g->domain = integration_framework[k].code;
		sorted[k] = *g;
	}
	if (errs->n > before)
		return K_EINVAL;
	size_t n = 0;
	for (size_t k = 0; k < INTEGRATION_DOMAINS_N; k++)
		if (given[k])
			r->scores[n++] = sorted[k];
	return 0;
}

/* ---- a person's trajectory ---- */

struct dated {
	const struct integration_review *r;
	size_t at; /* its place among the reviews given */
};

static int cmp_dated(const void *x, const void *y)
{
	const struct dated *p = x, *q = y;
	const char *dp = p->r->reviewed_on ? p->r->reviewed_on : "";
	const char *dq = q->r->reviewed_on ? q->r->reviewed_on : "";
	int c = strcmp(dp, dq);
	if (c)
		return c;
	if (p->r->id != q->r->id)
		return p->r->id < q->r->id ? -1 : 1;
	return p->at < q->at ? -1 : p->at > q->at ? 1 : 0;
}

void integration_trajectory(struct arena *a, const struct integration_review *reviews, size_t n,
			    struct integration_series out[INTEGRATION_DOMAINS_N])
{
	for (size_t k = 0; k < INTEGRATION_DOMAINS_N; k++)
		out[k] = (struct integration_series){ .domain = integration_framework[k].code };
	if (!n)
		return;
	struct dated *order = arena_alloc(a, n * sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = (struct dated){ .r = &reviews[i], .at = i };
	qsort(order, n, sizeof(*order), cmp_dated);
	for (size_t i = 0; i < n; i++) {
		const struct integration_review *r = order[i].r;
		for (size_t j = 0; j < r->nscores && j < INTEGRATION_DOMAINS_N; j++) {
			const struct integration_score *g = &r->scores[j];
			int k = integration_domain_index(g->domain);
			if (k < 0 || !status_valid(g->status))
				continue;
			/* At most one point per review and domain: n points at most. */
			if (!out[k].points)
				out[k].points = arena_alloc(a, n * sizeof(*out[k].points));
			out[k].points[out[k].n++] = (struct integration_point){
				.date = r->reviewed_on, .status = g->status, .review_id = r->id
			};
		}
	}
}

int integration_change(int first, int latest)
{
	return latest > first ? 1 : latest < first ? -1 : 0;
}

/* ---- a cohort ---- */

void integration_cohort_start(struct integration_cohort_domain out[INTEGRATION_DOMAINS_N])
{
	for (size_t k = 0; k < INTEGRATION_DOMAINS_N; k++)
		out[k] =
		    (struct integration_cohort_domain){ .domain = integration_framework[k].code };
}

void integration_cohort_add(struct integration_cohort_domain out[INTEGRATION_DOMAINS_N],
			    const struct integration_cohort_row *row)
{
	int k = integration_domain_index(row->domain);
	if (k < 0 || !status_valid(row->first) || !status_valid(row->latest))
		return;
	struct integration_cohort_domain *d = &out[k];
	d->people++;
	d->sum_first += row->first;
	d->sum_latest += row->latest;
	if (row->reviews < 2)
		return;
	d->followed++;
	int change = integration_change(row->first, row->latest);
	if (change > 0)
		d->improved++;
	else if (change < 0)
		d->declined++;
	else
		d->stayed++;
}

/* sum / n in hundredths, rounded half up (both positive). */
static int64_t hundredths(int64_t sum, int64_t n)
{
	return (200 * sum + n) / (2 * n);
}

void integration_cohort_finish(struct integration_cohort_domain out[INTEGRATION_DOMAINS_N])
{
	for (size_t k = 0; k < INTEGRATION_DOMAINS_N; k++) {
		struct integration_cohort_domain *d = &out[k];
		if (d->people > 0 && d->people < INTEGRATION_SMALL_CELL) {
			*d = (struct integration_cohort_domain){ .domain = d->domain,
								 .suppressed = true };
			continue;
		}
		if (d->people > 0) {
			d->mean_first = hundredths(d->sum_first, d->people);
			d->mean_latest = hundredths(d->sum_latest, d->people);
		}
		d->sum_first = d->sum_latest = 0;
	}
}

void integration_cohort_summarise(const struct integration_cohort_row *rows, size_t n,
				  struct integration_cohort_domain out[INTEGRATION_DOMAINS_N])
{
	integration_cohort_start(out);
	for (size_t i = 0; i < n; i++)
		integration_cohort_add(out, &rows[i]);
	integration_cohort_finish(out);
}

/* ---- who may ---- */

bool integration_may_read(const struct actor *a)
{
	return access_may_read_persons(a);
}

bool integration_may_write(const struct actor *a)
{
	return a->role == ROLE_SOCIAL_WORKER || a->role == ROLE_PSYCHOLOGIST ||
	       a->role == ROLE_LAWYER || a->role == ROLE_SUPERVISOR;
}

bool integration_may_read_cohort(const struct actor *a)
{
	return (unsigned)a->role < ROLE_COUNT;
}
