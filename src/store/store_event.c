/* store_event.c: community events and publications, and the registered people named among
 * their audience (domain/event.h). An event is seen by its organisation alone; a participant
 * is named only to a reader who may see them (VISIBLE). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

/* ?1 the reader's organisation. */
#define EVENT_COLS                                                                                 \
	"SELECT e.id, e.org_id, e.version, e.created_at, e.updated_at, e.kind, e.form,"            \
	" e.function, e.means, e.title, e.held_on, e.ends_on, e.place, e.organisers,"              \
	" e.partners, e.description, e.results, e.migrants, e.hosts, e.medium, e.circulation,"     \
	" (SELECT COUNT(*) FROM event_participants x WHERE x.event_id = e.id)"                     \
	" FROM events e"
/* ?2 a kind or NULL. */
static const char SQL_EVENTS[] =
    EVENT_COLS " WHERE e.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR e.kind = ?2)"
	       " ORDER BY e.held_on DESC, e.id DESC LIMIT 2000";
static const char SQL_EVENT_GET[] = EVENT_COLS " WHERE e.org_id = ?1 AND e.id = ?2";
static const char SQL_EVENT_EXISTS[] = "SELECT id FROM events WHERE org_id = ?1 AND id = ?2";
static const char SQL_EVENT_ADD[] =
    "INSERT INTO events (org_id, kind, form, function, means, title, held_on, ends_on, place,"
    " organisers, partners, description, results, migrants, hosts, medium, circulation,"
    " created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?18, ?19) RETURNING id";
static const char SQL_EVENT_UPDATE[] =
    "UPDATE events SET kind = ?2, form = ?3, function = ?4, means = ?5, title = ?6,"
    " held_on = ?7, ends_on = ?8, place = ?9, organisers = ?10, partners = ?11,"
    " description = ?12, results = ?13, migrants = ?14, hosts = ?15, medium = ?16,"
    " circulation = ?17, updated_at = ?18, updated_by = ?19, version = version + 1"
    " WHERE org_id = ?1 AND id = ?20 AND version = ?21";

static void event_from(struct dbstmt *s, struct arena *a, struct event *e)
{
	*e = (struct event){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.created_at = db_col_int(s, 3),
		.updated_at = db_col_int(s, 4),
		.kind = arena_strdup(a, db_col_text(s, 5)),
		.form = arena_strdup(a, db_col_text(s, 6)),
		.function = arena_strdup(a, db_col_text(s, 7)),
		.means = arena_strdup(a, db_col_text(s, 8)),
		.title = arena_strdup(a, db_col_text(s, 9)),
		.held_on = arena_strdup(a, db_col_text(s, 10)),
		.ends_on = arena_strdup(a, db_col_text(s, 11)),
		.place = arena_strdup(a, db_col_text(s, 12)),
		.organisers = arena_strdup(a, db_col_text(s, 13)),
		.partners = arena_strdup(a, db_col_text(s, 14)),
		.description = arena_strdup(a, db_col_text(s, 15)),
		.results = arena_strdup(a, db_col_text(s, 16)),
		.migrants = db_col_int(s, 17),
		.hosts = db_col_int(s, 18),
		.medium = arena_strdup(a, db_col_text(s, 19)),
		.circulation = db_col_int(s, 20),
		.named = db_col_int(s, 21),
	};
}

int store_events(struct dbconn *c, struct arena *a, const struct actor *who, const char *kind,
		 struct event **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_EVENTS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_text(s, 2, kind);
	STORE_COLLECT(s, a, struct event, *rows, *n, 2000, event_from(s, a, row));
	return 0;
}

int store_event_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		    struct event *out)
{
	STORE_GET_ONE(c, SQL_EVENT_GET, who->org_id, id, event_from(s, a, out));
}

int store_event_save(struct dbconn *c, const struct actor *who, struct event *e)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, e->id ? SQL_EVENT_UPDATE : SQL_EVENT_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		const char *text[] = { e->kind,       e->form,     e->function,    e->means,
				       e->title,      e->held_on,  e->ends_on,     e->place,
				       e->organisers, e->partners, e->description, e->results };
		db_bind_int(s, 1, who->org_id);
		for (int i = 0; i < 12; i++)
			db_bind_text(s, 2 + i, text[i]);
		db_bind_int(s, 14, e->migrants);
		db_bind_int(s, 15, e->hosts);
		db_bind_text(s, 16, e->medium);
		db_bind_int(s, 17, e->circulation);
		db_bind_int(s, 18, time_now());
		db_bind_int(s, 19, who->user_id);
		if (e->id) {
			db_bind_int(s, 20, e->id);
			db_bind_int(s, 21, e->version);
			/* Gone, another organisation's, or changed meanwhile. */
			rc = store_run_versioned(c, s, SQL_EVENT_EXISTS, who->org_id, e->id);
			e->version++;
		} else {
			rc = store_returning_id(s, &e->id);
			e->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "event.save", "event", e->id, e->kind);
	if (!rc)
		rc = store_report_event(c, e->id);
	return store_finish(c, rc);
}

/* ---- participants ---- */

/* ?1 ?2 ?3 VISIBLE's. */
#define PARTICIPANT_COLS                                                                           \
	"SELECT x.event_id, x.person_id, x.role, CASE WHEN" VISIBLE_FROM_OTHER "THEN 1 ELSE 0"     \
	" END, p.family_name, p.given_name, p.restricted, e.title, e.kind, e.held_on"              \
	" FROM event_participants x JOIN events e ON e.id = x.event_id AND e.org_id = ?1"          \
	" JOIN persons p ON p.id = x.person_id WHERE p.erased_at IS NULL"
static const char SQL_PARTICIPANTS[] =
    PARTICIPANT_COLS " AND x.event_id = ?4 ORDER BY p.family_name, p.given_name, p.id";
static const char SQL_EVENTS_OF_PERSON[] = PARTICIPANT_COLS
    " AND x.person_id = ?4 AND" VISIBLE_FROM_OTHER "ORDER BY e.held_on DESC, e.id DESC LIMIT 500";

static void participant_from(struct dbstmt *s, struct arena *a, struct event_participant *x)
{
	*x = (struct event_participant){
		.event_id = db_col_int(s, 0),
		.role = arena_strdup(a, db_col_text(s, 2)),
		.visible = db_col_int(s, 3) != 0,
		.event_title = arena_strdup(a, db_col_text(s, 7)),
		.event_kind = arena_strdup(a, db_col_text(s, 8)),
		.held_on = arena_strdup(a, db_col_text(s, 9)),
	};
	if (x->visible) {
		x->person_id = db_col_int(s, 1);
		x->family_name = arena_strdup(a, db_col_text(s, 4));
		x->given_name = arena_strdup(a, db_col_text(s, 5));
		x->restricted = db_col_int(s, 6) != 0;
	}
}

static int participants_read(struct dbconn *c, struct arena *a, const struct actor *who,
			     const char *sql, int64_t id, struct event_participant **rows,
			     size_t *n)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	STORE_COLLECT(s, a, struct event_participant, *rows, *n, 5000, participant_from(s, a, row));
	return 0;
}

int store_event_participants(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t event_id, struct event_participant **rows, size_t *n)
{
	return participants_read(c, a, who, SQL_PARTICIPANTS, event_id, rows, n);
}

int store_events_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t person_id, struct event_participant **rows, size_t *n)
{
	return participants_read(c, a, who, SQL_EVENTS_OF_PERSON, person_id, rows, n);
}

static const char SQL_PERSON_NAMEABLE[] =
    "SELECT p.id FROM persons p WHERE" VISIBLE "AND p.id = ?4 AND p.erased_at IS NULL"
    " AND p.linked_to IS NULL";
static const char SQL_PARTICIPANT_ADD[] =
    "INSERT INTO event_participants (event_id, person_id, role, added_by)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char SQL_PARTICIPANT_REMOVE[] =
    "DELETE FROM event_participants WHERE event_id = ?1 AND person_id = ?2";

/* Begins a write, reads the event of the actor's organisation, and checks that the actor
 * sees the person: K_ENOTFOUND for the event; K_EINVAL with errs (on person_id) or
 * K_ENOTFOUND (not_seen) for the person. */
static int begin_with_person(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t event_id, int64_t person_id, int not_seen,
			     struct field_errors *errs)
{
	struct event e;
	int rc = store_begin(c);
	if (!rc)
		rc = store_event_get(c, a, who, event_id, &e);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PERSON_NAMEABLE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		bind_visible(s, who);
		db_bind_int(s, 4, person_id);
		rc = store_returning_id(s, NULL);
		if (rc == K_ENOTFOUND && not_seen == K_EINVAL) {
			field_error_add(errs, "person_id", N_("Choose a person."));
			rc = K_EINVAL;
		}
	}
	return rc;
}

int store_participant_add(struct dbconn *c, struct arena *a, const struct actor *who,
			  const struct event_participant *x, struct field_errors *errs)
{
	int rc = begin_with_person(c, a, who, x->event_id, x->person_id, K_EINVAL, errs);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PARTICIPANT_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, x->event_id);
		db_bind_int(s, 2, x->person_id);
		db_bind_text(s, 3, x->role);
		db_bind_int(s, 4, who->user_id);
		rc = db_run(s);
		if (rc == K_ECONFLICT) {
			field_error_add(errs, "person_id", N_("The person is named already."));
			rc = K_EINVAL;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "event.participant", "person", x->person_id,
				 arena_printf(a, "event %lld", (long long)x->event_id));
	if (!rc)
		rc = store_report_person(c, x->person_id);
	return store_finish(c, rc);
}

int store_participant_remove(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t event_id, int64_t person_id)
{
	int rc = begin_with_person(c, a, who, event_id, person_id, K_ENOTFOUND, NULL);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PARTICIPANT_REMOVE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, event_id);
		db_bind_int(s, 2, person_id);
		rc = store_run_one(c, s);
	}
	if (!rc)
		rc = store_audit(c, who, "event.participant_removed", "person", person_id,
				 arena_printf(a, "event %lld", (long long)event_id));
	if (!rc)
		rc = store_report_person(c, person_id);
	return store_finish(c, rc);
}
