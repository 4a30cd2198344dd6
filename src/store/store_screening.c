/* store_screening.c: a person's screenings (domain/screening.h), kept as made. The answers,
 * what made the result and its alerts are one sealed text (`detail`), the worker's reason
 * another; the figures of the result (total, band, positive, conclusion, finding) stay
 * plain for the reports. The caller has read the person with its access rule
 * (store_person_get): these functions take its id as seen. */
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_util.h"

#include "base/banned.h"

/* The detail's text: one line per part, a letter and the values separated by spaces:
 *   s 1 0 3 ...    item scores        c code code ...   indicators observed
 *   r code ...     reasons            l code ...        alerts
 *   g 1 0 ...      groups             i 1               a child (ILO–EC) */
static char *detail_encode(struct arena *a, const struct screening *x)
{
	const struct screen_answers *an = &x->answers;
	const struct screen_result *r = &x->result;
	struct buf b;
	buf_init(&b, 64 * 1024);
	buf_puts(&b, "s");
	for (size_t i = 0; i < an->nscores; i++)
		buf_printf(&b, " %d", an->scores[i]);
	buf_puts(&b, "\nc");
	for (size_t i = 0; i < an->ncodes; i++)
		buf_printf(&b, " %s", an->codes[i]);
	buf_puts(&b, "\nr");
	for (size_t i = 0; i < r->nreasons; i++)
		buf_printf(&b, " %s", r->reasons[i]);
	buf_puts(&b, "\nl");
	for (size_t i = 0; i < r->nalerts; i++)
		buf_printf(&b, " %s", r->alerts[i]);
	buf_puts(&b, "\ng");
	for (size_t i = 0; i < SCREEN_GROUPS_MAX; i++)
		buf_printf(&b, " %d", r->groups[i]);
	buf_printf(&b, "\ni %d\n", an->child ? 1 : 0);
	char *out = arena_strdup(a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

/* Splits the values of one line into words copied into a. */
static size_t words(struct arena *a, const char *line, size_t len, const char **out, size_t max)
{
	size_t n = 0;
	const char *p = line, *end = line + len;
	while (p < end && n < max) {
		while (p < end && *p == ' ')
			p++;
		const char *w = p;
		while (p < end && *p != ' ')
			p++;
		if (p > w)
			out[n++] = arena_strndup(a, w, (size_t)(p - w));
	}
	return n;
}

static int small_int(const char *w)
{
	int64_t v = 0;
	return parse_i64(w, -1000, 1000, &v) ? 0 : (int)v;
}

static void detail_decode(struct arena *a, const char *text, struct screening *x)
{
	struct screen_answers *an = &x->answers;
	struct screen_result *r = &x->result;
	const char *w[SCREEN_ITEMS_MAX];
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= 1) {
			const char *v = p + 1;
			size_t vlen = len - 1, n;
			switch (*p) {
			case 's':
				n = words(a, v, vlen, w, SCREEN_ITEMS_MAX);
				for (an->nscores = 0; an->nscores < n; an->nscores++)
					an->scores[an->nscores] = small_int(w[an->nscores]);
				break;
			case 'c':
				an->ncodes = words(a, v, vlen, an->codes, SCREEN_ITEMS_MAX);
				break;
			case 'r':
				r->nreasons = words(a, v, vlen, r->reasons, SCREEN_REASONS_MAX);
				break;
			case 'l':
				r->nalerts = words(a, v, vlen, r->alerts, SCREEN_ALERTS_MAX);
				break;
			case 'g':
				n = words(a, v, vlen, w, SCREEN_GROUPS_MAX);
				for (size_t i = 0; i < n; i++)
					r->groups[i] = small_int(w[i]);
				break;
			case 'i': an->child = vlen >= 2 && v[1] == '1'; break;
			default: break;
			}
		}
		p = nl ? nl + 1 : NULL;
	}
}

static const char SQL_SCREENING_ADD[] =
    "INSERT INTO screenings (org_id, person_id, instrument, version, lang, screened_on,"
    " screener_id, informant, norm, total, band, positive, conclusion, alert, finding, detail,"
    " finding_reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    " ?13, ?14, ?15, ?16, ?17, ?18) RETURNING id";

static void bind_count(struct dbstmt *s, int i, int v)
{
	if (v < 0)
		db_bind_null(s, i);
	else
		db_bind_int(s, i, v);
}

int store_screening_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct screening *x)
{
	const char *detail, *reason;
	int rc = seal(a, SEALED_SCREENING_DETAIL, detail_encode(a, x), &detail);
	if (!rc)
		rc = seal(a, SEALED_SCREENING_REASON, x->finding_reason, &reason);
	if (rc)
		return rc;
	rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_SCREENING_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		x->org_id = who->org_id;
		x->screener_id = who->user_id;
		x->created_at = time_now();
		db_bind_int(s, 1, x->org_id);
		db_bind_int(s, 2, x->person_id);
		db_bind_text(s, 3, x->instrument);
		db_bind_text(s, 4, x->version);
		db_bind_text(s, 5, x->lang);
		db_bind_text(s, 6, x->screened_on);
		db_bind_int(s, 7, x->screener_id);
		db_bind_text(s, 8, x->answers.informant);
		db_bind_text(s, 9, x->answers.norm);
		bind_count(s, 10, x->result.total);
		db_bind_text(s, 11, x->result.band);
		bind_count(s, 12, x->result.positive);
		db_bind_text(s, 13, x->result.conclusion);
		db_bind_int(s, 14, x->result.nalerts ? 1 : 0);
		db_bind_text(s, 15, x->finding);
		db_bind_text(s, 16, detail);
		db_bind_text(s, 17, reason);
		db_bind_int(s, 18, x->created_at);
		rc = store_returning_id(s, &x->id);
	}
	/* The audit names the instrument, never a result. */
	if (!rc)
		rc = store_audit(c, who, "screening.add", "person", x->person_id, x->instrument);
	return store_finish(c, rc);
}

#define SCREENING_COLUMNS                                                                          \
	"SELECT x.id, x.org_id, x.person_id, x.instrument, x.version, x.lang, x.screened_on,"      \
	" x.screener_id, u.full_name, x.informant, x.norm, x.total, x.band, x.positive,"           \
	" x.conclusion, x.finding, x.detail, x.finding_reason, x.created_at FROM screenings x"     \
	" JOIN users u ON u.id = x.screener_id"
static const char SQL_SCREENINGS[] = SCREENING_COLUMNS
    " WHERE x.person_id = ?1 AND x.org_id = ?2 ORDER BY x.screened_on DESC, x.id DESC LIMIT ?3";
static const char SQL_SCREENING_GET[] =
    SCREENING_COLUMNS " WHERE x.person_id = ?1 AND x.org_id = ?2 AND x.id = ?3";

static int count_col(struct dbstmt *s, int i)
{
	return db_col_null(s, i) ? -1 : (int)db_col_int(s, i);
}

/* A row, with its sealed texts opened. */
static int screening_from(struct dbstmt *s, struct arena *a, struct screening *x)
{
	memset(x, 0, sizeof(*x));
	x->id = db_col_int(s, 0);
	x->org_id = db_col_int(s, 1);
	x->person_id = db_col_int(s, 2);
	x->instrument = arena_strdup(a, db_col_text(s, 3));
	x->version = arena_strdup(a, db_col_text(s, 4));
	x->lang = arena_strdup(a, db_col_text(s, 5));
	x->screened_on = arena_strdup(a, db_col_text(s, 6));
	x->screener_id = db_col_int(s, 7);
	x->screener_name = arena_strdup(a, db_col_text(s, 8));
	x->answers.informant = arena_strdup(a, db_col_text(s, 9));
	x->answers.norm = arena_strdup(a, db_col_text(s, 10));
	x->result.total = count_col(s, 11);
	x->result.band = arena_strdup(a, db_col_text(s, 12));
	x->result.positive = count_col(s, 13);
	x->result.conclusion = arena_strdup(a, db_col_text(s, 14));
	x->finding = arena_strdup(a, db_col_text(s, 15));
	x->created_at = db_col_int(s, 18);
	const char *detail = NULL;
	int rc = seal_open(a, SEALED_SCREENING_DETAIL, db_col_text(s, 16), &detail);
	if (!rc)
		rc = seal_open(a, SEALED_SCREENING_REASON, db_col_text(s, 17), &x->finding_reason);
	if (!rc)
		detail_decode(a, detail, x);
	return rc;
}

int store_screenings_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t person_id, struct screening **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_SCREENINGS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, who->org_id);
	db_bind_int(s, 3, SCREENINGS_MAX);
	int rc, open_rc = 0;
	STORE_COLLECT_RC(s, a, struct screening, *rows, *n, SCREENINGS_MAX,
			 if (!open_rc) open_rc = screening_from(s, a, row), rc);
	return rc ? rc : open_rc;
}

int store_screening_get(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t person_id, int64_t id, struct screening *out)
{
	struct dbstmt *s = db_prep(c, SQL_SCREENING_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, who->org_id);
	db_bind_int(s, 3, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		rc = screening_from(s, a, out);
	else if (rc == DB_DONE)
		rc = K_ENOTFOUND;
	db_reset(s);
	return rc;
}
