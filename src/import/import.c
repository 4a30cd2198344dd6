/* import.c: the check and the import of a file of people (import.h). */
#include "import/import.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"
#include "base/util.h"

const char import_stopped[] = N_("The server stopped before the check or the import finished; "
				 "nothing of it was saved. Start it again.");

static const char *const encodings[] = { "auto", "utf8", "cp1251", "kz1048" };

enum sheet_encoding import_encoding(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_SIZE(encodings); i++)
		if (strcmp(code, encodings[i]) == 0)
			return (enum sheet_encoding)i;
	return SHEET_ENC_AUTO;
}

bool import_settings_parse(const char *format, const char *encoding, const char *mapping,
			   const char *duplicates, struct import_settings *out)
{
	memset(out, 0, sizeof(*out));
	if (!format || (strcmp(format, "csv") && strcmp(format, "xlsx")))
		return false;
	out->format = strcmp(format, "xlsx") == 0 ? SHEET_XLSX : SHEET_CSV;
	out->encoding = import_encoding(encoding);
	out->register_duplicates = duplicates && strcmp(duplicates, "register") == 0;
	for (const char *p = mapping ? mapping : ""; mapping;) {
		size_t len = strcspn(p, "\t");
		char name[64];
		if (len >= sizeof(name) || out->map.n == IMPORT_COLS_MAX)
			return false;
		memcpy(name, p, len);
		name[len] = '\0';
		const struct import_target *t = len ? import_target_find(name) : NULL;
		if (len && !t)
			return false;
		out->map.col[out->map.n++] = t;
		if (!p[len])
			break;
		p += len + 1;
	}
	return true;
}

/* ---- the header ---- */

struct header {
	struct arena *a;
	const char *text;
	size_t n;
};

enum { STOP = 1 }; /* a callback's "enough" */

static int on_header(void *ctx, long row, const char *const *cells, size_t n)
{
	(void)row;
	struct header *h = ctx;
	struct buf b;
	buf_init(&b, (size_t)IMPORT_COLS_MAX * (SHEET_READ_CELL_MAX + 1));
	for (size_t i = 0; i < n; i++) {
		if (i && buf_putc(&b, '\t'))
			break;
		/* A tab or a line break inside a header cell is a space. */
		for (const char *p = cells[i]; *p; p++)
			if (buf_putc(&b, *p == '\t' || *p == '\n' ? ' ' : *p))
				break;
	}
	h->text = arena_strndup(h->a, b.data ? b.data : "", b.len);
	h->n = n;
	buf_release(&b);
	return STOP;
}

int import_header(struct arena *a, enum sheet_format f, enum sheet_encoding enc, const void *data,
		  size_t len, const char **header, size_t *ncols, struct sheet_read_error *err)
{
	struct header h = { .a = a };
	int rc = sheet_read(f, enc, data, len, on_header, &h, err);
	if (rc == STOP) {
		*header = h.text;
		*ncols = h.n;
		return 0;
	}
	if (!rc) {
		err->row = 0;
		err->msg = N_("The file has no rows.");
		rc = K_EINVAL;
	}
	return rc;
}

/* ---- rows seen earlier in the file ---- */

struct seen_slot {
	uint64_t h;
	int64_t row, person;
};

struct seen {
	struct seen_slot *t;
	size_t cap, n;
};

static uint64_t fnv(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *s = a; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (const char *s = b ? b : ""; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h | 1; /* 0 marks an empty slot */
}

static struct seen_slot *seen_find(struct seen *s, uint64_t h)
{
	if (!s->cap)
		return NULL;
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1))
		if (!s->t[i].h || s->t[i].h == h)
			return &s->t[i];
}

static int seen_add(struct seen *s, uint64_t h, int64_t row, int64_t person)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		struct seen_slot *t = calloc(cap, sizeof(*t));
		if (!t)
			return K_ENOMEM;
		struct seen old = *s;
		s->t = t;
		s->cap = cap;
		for (size_t i = 0; i < old.cap; i++)
			if (old.t[i].h)
				*seen_find(s, old.t[i].h) = old.t[i];
		free(old.t);
	}
	struct seen_slot *x = seen_find(s, h);
	if (!x->h) {
		*x = (struct seen_slot){ h, row, person };
		s->n++;
	}
	return 0;
}

/* ---- one pass over the rows ---- */

struct pass {
	struct dbconn *c;
	const struct actor *who;
	const struct import_settings *st;
	bool run;
	const char *today;
	_Atomic int64_t *done;
	bool header_done;
	struct import_counts k;
	struct arena issues_a; /* the issues' strings */
	struct import_issue *issues;
	size_t nissues, cap;
	struct seen seen;
	int64_t max_id; /* the last person registered before the pass */
};

static atomic_int stopping; /* the server is stopping: a job gives up */

static int issue(struct pass *ps, const struct import_issue *is)
{
	if (ps->nissues == IMPORT_ISSUES_MAX)
		return 0;
	if (ps->nissues == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 256;
		struct import_issue *t = realloc(ps->issues, cap * sizeof(*t));
		if (!t)
			return K_ENOMEM;
		ps->issues = t;
		ps->cap = cap;
	}
	struct import_issue *x = &ps->issues[ps->nissues++];
	*x = *is;
	x->field = arena_strdup(&ps->issues_a, is->field);
	x->msg = arena_strdup(&ps->issues_a, is->msg);
	return 0;
}

/* The keys by which two rows of the file are the same person: each document, and the
 * names with the birth date. */
static size_t row_keys(struct arena *a, const struct person *p, uint64_t *keys, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ndocs && n < max; i++)
		if (p->docs[i].number)
			keys[n++] = fnv("doc", person_doc_key(a, p->docs[i].number));
	if (p->birth_date && n < max)
		keys[n++] = fnv(person_name_key(a, p), p->birth_date);
	return n;
}

static int on_row(void *ctx, long row, const char *const *cells, size_t n)
{
	struct pass *ps = ctx;
	if (!ps->header_done) {
		ps->header_done = true;
		return 0;
	}
	if (stopping)
		return K_ECONFLICT;
	ps->k.total++;
	if (ps->done)
		atomic_fetch_add(ps->done, 1);
	struct arena a;
	arena_init(&a);
	struct person p;
	struct field_errors e;
	int rc = 0;
	if (import_row(&a, &ps->st->map, cells, n, ps->today, &p, &e)) {
		ps->k.invalid++;
		for (size_t i = 0; i < e.n && !rc; i++)
			rc = issue(ps, &(struct import_issue){
					   .row = row,
					   .col = import_map_column(&ps->st->map, e.e[i].field),
					   .field = e.e[i].field,
					   .msg = e.e[i].msg,
				       });
		goto out;
	}
	uint64_t keys[PERSON_MAX_DOCS + 1];
	size_t nkeys = row_keys(&a, &p, keys, ARRAY_SIZE(keys));
	const struct seen_slot *earlier = NULL;
	for (size_t i = 0; i < nkeys && !earlier; i++) {
		const struct seen_slot *x = seen_find(&ps->seen, keys[i]);
		if (x && x->h)
			earlier = x;
	}
	/* The registry as it was before the import, as the check saw it: a row like another
	 * of the file (but not the same name and birth date, nor document) is left to the
	 * duplicate scan, which compares the whole registry by blocks. */
	struct person_row *likely = NULL;
	size_t nlikely = 0;
	if (ps->max_id && (rc = store_person_likely(ps->c, &a, ps->who, &p, ps->today, ps->max_id,
						    &likely, &nlikely)))
		goto out;
	bool dup = nlikely || earlier;
	if (dup) {
		ps->k.duplicate++;
		rc = issue(ps, &(struct import_issue){
				   .row = row,
				   .col = -1,
				   .field = "duplicate",
				   .msg = nlikely ? N_("Likely registered already")
						  : N_("Likely the same person as an earlier row"),
				   .person_id = nlikely ? likely[0].id : 0,
				   .score = nlikely ? likely[0].score : 0,
				   .other_row = earlier ? earlier->row : 0,
			       });
	}
	if (!rc && ps->run && (!dup || ps->st->register_duplicates)) {
		rc = store_person_insert(ps->c, &a, ps->who, &p);
		if (!rc)
			ps->k.created++;
		/* Registered all the same: each pair waits for a worker's decision. */
		if (!rc && nlikely)
			rc = store_dup_record(ps->c, ps->who, p.id, likely[0].id, likely[0].score,
					      likely[0].reasons, "registration", "open");
		if (!rc && earlier && earlier->person)
			rc = store_dup_record(ps->c, ps->who, p.id, earlier->person, 100, 0,
					      "registration", "open");
	}
	for (size_t i = 0; i < nkeys && !rc; i++)
		rc = seen_add(&ps->seen, keys[i], row, p.id);
out:
	arena_release(&a);
	return rc;
}

/* Writes what the pass found and the import's result, in the caller's transaction. */
static int record(struct dbconn *c, int64_t id, const struct pass *ps, const char *status,
		  const char *error)
{
	int rc = store_import_issues_clear(c, id);
	for (size_t i = 0; i < ps->nissues && !rc; i++)
		rc = store_import_issue_add(c, id, &ps->issues[i]);
	if (!rc)
		rc = store_import_result(c, id, status, error, ps->k.total, ps->k.invalid,
					 ps->k.duplicate, ps->k.created);
	return rc;
}

int import_execute(struct dbconn *c, const struct actor *who, int64_t id, const void *data,
		   size_t len, const struct import_settings *st, bool run, const char *today,
		   _Atomic int64_t *done, struct import_counts *out)
{
	struct pass ps = { .c = c, .who = who, .st = st, .run = run, .today = today, .done = done };
	arena_init(&ps.issues_a);
	struct sheet_read_error err = { 0 };
	if (run)
		db_bulk(c, true);
	int rc = run ? store_begin(c) : db_begin_read(c);
	if (!rc)
		rc = store_person_max_id(c, &ps.max_id);
	if (!rc)
		rc = sheet_read(st->format, st->encoding, data, len, on_row, &ps, &err);
	/* A file that cannot be read is an issue at the row where it went wrong. */
	if (rc == K_EINVAL && err.msg &&
	    issue(&ps, &(struct import_issue){
			   .row = err.row, .col = -1, .field = "file", .msg = err.msg }))
		rc = K_ENOMEM;
	if (rc == 0 && run) {
		rc = record(c, id, &ps, "done", NULL);
		char detail[160];
		snprintf(detail, sizeof(detail), "%lld rows, %lld created, %lld left out",
			 (long long)ps.k.total, (long long)ps.k.created,
			 (long long)(ps.k.total - ps.k.created));
		if (!rc)
			rc = store_audit(c, who, "import.done", "import", id, detail);
		rc = store_finish(c, rc);
	} else if (run) {
		store_rollback(c);
	} else {
		db_end_read(c);
		if (!rc) {
			rc = store_begin(c);
			if (!rc)
				rc = store_finish(c, record(c, id, &ps, "checked", NULL));
		}
	}
	if (rc) {
		/* Nothing of the import was kept: say why, and keep what the pass found. */
		const char *why = rc == K_EINVAL && err.msg ? err.msg
				  : rc == K_ECONFLICT       ? import_stopped
				  : rc == K_EFULL
				      ? N_("The disk is full; nothing of the import was saved.")
				      : N_("The database failed; nothing of the import was saved.");
		ps.k.created = 0;
		if (!store_begin(c))
			store_finish(c, record(c, id, &ps, "failed", why));
	}
	if (run)
		db_bulk(c, false);
	if (out)
		*out = ps.k;
	free(ps.issues);
	free(ps.seen.t);
	arena_release(&ps.issues_a);
	return rc;
}

/* ---- the job in the server ---- */

struct job {
	struct db *db;
	struct arena a;
	struct actor who;
	int64_t id;
	bool run;
	_Atomic int64_t done, total;
};

static pthread_mutex_t job_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_cv = PTHREAD_COND_INITIALIZER;
static struct job *job_cur;

static int count_row(void *ctx, long row, const char *const *cells, size_t n)
{
	(void)row;
	(void)cells;
	(void)n;
	(*(int64_t *)ctx)++;
	return stopping ? K_ECONFLICT : 0;
}

static void job_body(struct job *j)
{
	struct dbconn *c = db_acquire(j->db);
	struct import_rec rec;
	struct import_settings st;
	void *data = NULL;
	size_t len = 0;
	char today[11];
	date_today(today);
	int rc = store_import_get(c, &j->a, &j->who, j->id, &rec);
	if (!rc &&
	    !import_settings_parse(rec.format, rec.encoding, rec.mapping, rec.duplicates, &st))
		rc = K_EINVAL;
	if (!rc)
		rc = store_import_data(c, &j->a, j->id, &data, &len);
	if (!rc) {
		int64_t rows = 0;
		struct sheet_read_error err;
		sheet_read(st.format, st.encoding, data, len, count_row, &rows, &err);
		atomic_store(&j->total, rows > 0 ? rows - 1 : 0);
		rc = import_execute(c, &j->who, j->id, data, len, &st, j->run, today, &j->done,
				    NULL);
	} else {
		log_error("import %lld could not start: %s", (long long)j->id, k_strerror(rc));
		if (!store_begin(c))
			store_finish(c, store_import_result(c, j->id, "failed",
							    N_("The import could not start."), 0, 0,
							    0, 0));
	}
	db_release(j->db, c);
}

static void *job_main(void *arg)
{
	struct job *j = arg;
	job_body(j);
	pthread_mutex_lock(&job_mu);
	job_cur = NULL;
	pthread_cond_broadcast(&job_cv);
	pthread_mutex_unlock(&job_mu);
	arena_release(&j->a);
	free(j);
	return NULL;
}

int import_begin(struct db *db, struct dbconn *c, const struct actor *who, int64_t id,
		 int64_t version, bool run, const char *mapping, const char *duplicates)
{
	pthread_mutex_lock(&job_mu);
	/* The job of this same import writes its last status before it gives the slot
	 * back: whoever saw "checked" and runs it at once waits those moments, not 503. */
	if (job_cur && job_cur->id == id && !stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		while (job_cur && !stopping &&
		       pthread_cond_timedwait(&job_cv, &job_mu, &until) != ETIMEDOUT)
			;
	}
	if (job_cur || stopping) {
		pthread_mutex_unlock(&job_mu);
		return K_EBUSY;
	}
	struct job *j = calloc(1, sizeof(*j));
	if (!j) {
		pthread_mutex_unlock(&job_mu);
		return K_ENOMEM;
	}
	/* The slot is this job's from here: the move happens while no other can start. */
	j->db = db;
	j->id = id;
	j->run = run;
	job_cur = j;
	pthread_mutex_unlock(&job_mu);
	arena_init(&j->a);
	j->who = *who;
	j->who.login = arena_strdup(&j->a, who->login);
	j->who.full_name = arena_strdup(&j->a, who->full_name);
	j->who.org_name = arena_strdup(&j->a, who->org_name);
	j->who.lang = arena_strdup(&j->a, who->lang);
	j->who.addr = arena_strdup(&j->a, who->addr);
	j->who.csrf = NULL;
	int rc =
	    store_import_move(c, who, id, version, run ? "checked" : "uploaded checked failed",
			      run ? "running" : "checking", mapping, duplicates, import_runner());
	pthread_t t;
	pthread_attr_t attr;
	if (!rc) {
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &attr, job_main, j)) {
			rc = K_ENOMEM;
			/* The import stays "checking" or "running" until this process's next
			 * start marks it interrupted; say so now instead. */
			if (!store_begin(c))
				store_finish(c, store_import_result(c, id, "failed",
								    N_("The import could not "
								       "start."),
								    0, 0, 0, 0));
		}
		pthread_attr_destroy(&attr);
	}
	if (rc) {
		pthread_mutex_lock(&job_mu);
		job_cur = NULL;
		pthread_cond_broadcast(&job_cv);
		pthread_mutex_unlock(&job_mu);
		arena_release(&j->a);
		free(j);
	}
	return rc;
}

bool import_progress(int64_t id, int64_t *done, int64_t *total)
{
	pthread_mutex_lock(&job_mu);
	bool here = job_cur && job_cur->id == id;
	if (here) {
		*done = atomic_load(&job_cur->done);
		*total = atomic_load(&job_cur->total);
	}
	pthread_mutex_unlock(&job_mu);
	return here;
}

void import_wait(void)
{
	pthread_mutex_lock(&job_mu);
	stopping = 1;
	while (job_cur)
		pthread_cond_wait(&job_cv, &job_mu);
	pthread_mutex_unlock(&job_mu);
}

static char runner[300];
static pthread_once_t runner_once = PTHREAD_ONCE_INIT;

static void runner_init(void)
{
	char host[256];
	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(runner, sizeof(runner), "%s:%ld", host, (long)getpid());
}

const char *import_runner(void)
{
	pthread_once(&runner_once, runner_init);
	return runner;
}

bool import_runner_gone(const char *r)
{
	const char *me = import_runner();
	const char *colon = r ? strrchr(r, ':') : NULL;
	size_t hostlen = (size_t)(strrchr(me, ':') - me);
	int64_t pid;
	/* Another host's process is its host's to judge. */
	if (!colon || (size_t)(colon - r) != hostlen || strncmp(r, me, hostlen) ||
	    parse_i64(colon + 1, 1, INT32_MAX, &pid))
		return false;
	return pid == getpid() || (kill((pid_t)pid, 0) && errno == ESRCH);
}
