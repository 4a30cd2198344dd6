/* store_group.c: groups, their members, sessions and attendance (domain/group.h). A group is
 * seen by its organisation alone; a member is named only to a reader who may see them
 * (VISIBLE), and the attendance of a member the reader may not see is neither shown to them
 * nor changed by them. */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

/* ---- groups ---- */

/* ?1 the reader's organisation. */
#define GROUP_COLS                                                                                 \
	"SELECT g.id, g.org_id, g.version, g.created_at, g.updated_at, g.kind, g.form,"            \
	" g.function, g.name, g.facilitator_id, u.full_name, g.place, g.schedule, g.starts_on,"    \
	" g.ends_on, g.description, g.active,"                                                     \
	" (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id AND m.left_on IS NULL),"   \
	" (SELECT COUNT(*) FROM group_sessions gs WHERE gs.group_id = g.id)"                       \
	" FROM work_groups g LEFT JOIN users u ON u.id = g.facilitator_id"
static const char SQL_GROUPS[] =
    GROUP_COLS " WHERE g.org_id = ?1 ORDER BY g.active DESC, g.name, g.id LIMIT 2000";
static const char SQL_GROUP_GET[] = GROUP_COLS " WHERE g.org_id = ?1 AND g.id = ?2";
static const char SQL_GROUP_EXISTS[] = "SELECT id FROM work_groups WHERE org_id = ?1 AND id = ?2";
static const char SQL_GROUP_ADD[] =
    "INSERT INTO work_groups (org_id, kind, form, function, name, facilitator_id, place,"
    " schedule, starts_on, ends_on, description, active, created_at, created_by, updated_at,"
    " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13, ?14)"
    " RETURNING id";
static const char SQL_GROUP_UPDATE[] =
    "UPDATE work_groups SET kind = ?2, form = ?3, function = ?4, name = ?5, facilitator_id = ?6,"
    " place = ?7, schedule = ?8, starts_on = ?9, ends_on = ?10, description = ?11, active = ?12,"
    " updated_at = ?13, updated_by = ?14, version = version + 1"
    " WHERE org_id = ?1 AND id = ?15 AND version = ?16";

static void group_from(struct dbstmt *s, struct arena *a, struct group *g)
{
	*g = (struct group){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.created_at = db_col_int(s, 3),
		.updated_at = db_col_int(s, 4),
		.kind = arena_strdup(a, db_col_text(s, 5)),
		.form = arena_strdup(a, db_col_text(s, 6)),
		.function = arena_strdup(a, db_col_text(s, 7)),
		.name = arena_strdup(a, db_col_text(s, 8)),
		.facilitator_id = db_col_int(s, 9),
		.facilitator = arena_strdup(a, db_col_text(s, 10)),
		.place = arena_strdup(a, db_col_text(s, 11)),
		.schedule = arena_strdup(a, db_col_text(s, 12)),
		.starts_on = arena_strdup(a, db_col_text(s, 13)),
		.ends_on = arena_strdup(a, db_col_text(s, 14)),
		.description = arena_strdup(a, db_col_text(s, 15)),
		.active = db_col_int(s, 16) != 0,
		.members = db_col_int(s, 17),
		.sessions = db_col_int(s, 18),
	};
}

int store_groups(struct dbconn *c, struct arena *a, const struct actor *who, struct group **rows,
		 size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_GROUPS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct group, *rows, *n, 2000, group_from(s, a, row));
	return 0;
}

int store_group_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		    struct group *out)
{
	STORE_GET_ONE(c, SQL_GROUP_GET, who->org_id, id, group_from(s, a, out));
}

/* Binds the fields ?2..?14 of an insert or an update. */
static void bind_group(struct dbstmt *s, const struct actor *who, const struct group *g)
{
	db_bind_int(s, 1, who->org_id);
	db_bind_text(s, 2, g->kind);
	db_bind_text(s, 3, g->form);
	db_bind_text(s, 4, g->function);
	db_bind_text(s, 5, g->name);
	if (g->facilitator_id > 0)
		db_bind_int(s, 6, g->facilitator_id);
	else
		db_bind_null(s, 6);
	db_bind_text(s, 7, g->place);
	db_bind_text(s, 8, g->schedule);
	db_bind_text(s, 9, g->starts_on);
	db_bind_text(s, 10, g->ends_on);
	db_bind_text(s, 11, g->description);
	db_bind_int(s, 12, g->active ? 1 : 0);
	db_bind_int(s, 13, time_now());
	db_bind_int(s, 14, who->user_id);
}

int store_group_save(struct dbconn *c, const struct actor *who, struct group *g,
		     struct field_errors *errs)
{
	int rc = store_begin(c);
	if (!rc && g->facilitator_id > 0 &&
	    (rc = store_worker_check(c, who, g->facilitator_id)) == K_EINVAL)
		field_error_add(errs, "facilitator_id", N_("Choose a user of your organisation."));
	struct dbstmt *s = rc ? NULL : db_prep(c, g->id ? SQL_GROUP_UPDATE : SQL_GROUP_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		bind_group(s, who, g);
		if (g->id) {
			db_bind_int(s, 15, g->id);
			db_bind_int(s, 16, g->version);
			/* Gone, another organisation's, or changed meanwhile. */
			rc = store_run_versioned(c, s, SQL_GROUP_EXISTS, who->org_id, g->id);
			g->version++;
		} else {
			rc = store_returning_id(s, &g->id);
			g->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "group.save", "group", g->id, g->kind);
	if (!rc)
		rc = store_report_group(c, g->id);
	return store_finish(c, rc);
}

/* ---- members ---- */

/* ?1 ?2 ?3 VISIBLE's. Attendance counts the sessions held while the person was a member. */
#define MEMBER_COLS                                                                                \
	"SELECT m.id, m.group_id, m.person_id, m.joined_on, m.left_on, m.note,"                    \
	" CASE WHEN" VISIBLE_FROM_OTHER "THEN 1 ELSE 0 END, p.family_name, p.given_name,"          \
	" p.restricted, g.name, g.kind,"                                                           \
	" (SELECT COUNT(*) FROM group_attendance ga JOIN group_sessions gs ON gs.id ="             \
	" ga.session_id WHERE gs.group_id = m.group_id AND ga.person_id = m.person_id"             \
	" AND ga.present = 1 AND gs.held_on >= m.joined_on AND (m.left_on IS NULL OR"              \
	" gs.held_on <= m.left_on)),"                                                              \
	" (SELECT COUNT(*) FROM group_sessions gs WHERE gs.group_id = m.group_id"                  \
	" AND gs.held_on >= m.joined_on AND (m.left_on IS NULL OR gs.held_on <= m.left_on))"       \
	" FROM group_members m JOIN work_groups g ON g.id = m.group_id AND g.org_id = ?1"          \
	" JOIN persons p ON p.id = m.person_id WHERE p.erased_at IS NULL"
/* ?4 the group: members now first, then those who left. */
static const char SQL_MEMBERS[] =
    MEMBER_COLS " AND m.group_id = ?4 ORDER BY m.left_on IS NOT NULL, p.family_name,"
		" p.given_name, m.id";
/* ?4 the person: only what the reader may see of them. */
static const char SQL_GROUPS_OF_PERSON[] =
    MEMBER_COLS " AND m.person_id = ?4 AND" VISIBLE_FROM_OTHER
		"ORDER BY m.left_on IS NOT NULL, m.joined_on DESC, m.id DESC";

static void member_from(struct dbstmt *s, struct arena *a, struct group_member *m)
{
	*m = (struct group_member){
		.id = db_col_int(s, 0),
		.group_id = db_col_int(s, 1),
		.joined_on = arena_strdup(a, db_col_text(s, 3)),
		.left_on = arena_strdup(a, db_col_text(s, 4)),
		.visible = db_col_int(s, 6) != 0,
		.group_name = arena_strdup(a, db_col_text(s, 10)),
		.group_kind = arena_strdup(a, db_col_text(s, 11)),
	};
	if (m->visible) {
		m->attended = db_col_int(s, 12);
		m->held = db_col_int(s, 13);
		m->person_id = db_col_int(s, 2);
		m->note = arena_strdup(a, db_col_text(s, 5));
		m->family_name = arena_strdup(a, db_col_text(s, 7));
		m->given_name = arena_strdup(a, db_col_text(s, 8));
		m->restricted = db_col_int(s, 9) != 0;
	}
}

static int members_read(struct dbconn *c, struct arena *a, const struct actor *who, const char *sql,
			int64_t id, struct group_member **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	STORE_COLLECT(s, a, struct group_member, *rows, *n, 5000, member_from(s, a, row));
	return 0;
}

int store_group_members(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t group_id, struct group_member **rows, size_t *n)
{
	return members_read(c, a, who, SQL_MEMBERS, group_id, rows, n);
}

int store_groups_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t person_id, struct group_member **rows, size_t *n)
{
	return members_read(c, a, who, SQL_GROUPS_OF_PERSON, person_id, rows, n);
}

/* The person may join: seen by the actor, a main record, not erased. */
static const char SQL_PERSON_JOINABLE[] =
    "SELECT p.id FROM persons p WHERE" VISIBLE "AND p.id = ?4 AND p.erased_at IS NULL"
    " AND p.linked_to IS NULL";
static const char SQL_MEMBER_ADD[] =
    "INSERT INTO group_members (group_id, person_id, joined_on, note, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
/* The end of the person's last membership of the group. */
static const char SQL_MEMBER_LAST_LEFT[] =
    "SELECT MAX(left_on) FROM group_members WHERE group_id = ?1 AND person_id = ?2";

/* Begins a write and reads the group of the actor's organisation, which must take members
 * and sessions (active): K_ENOTFOUND, or K_EINVAL with errs on `field`. */
static int begin_with_group(struct dbconn *c, struct arena *a, const struct actor *who,
			    int64_t group_id, struct group *g, const char *field,
			    struct field_errors *errs)
{
	int rc = store_begin(c);
	if (!rc)
		rc = store_group_get(c, a, who, group_id, g);
	if (!rc && !g->active) {
		field_error_add(errs, field, N_("The group is closed: open it again first."));
		rc = K_EINVAL;
	}
	return rc;
}

int store_member_add(struct dbconn *c, struct arena *a, const struct actor *who,
		     struct group_member *m, struct field_errors *errs)
{
	struct group g;
	int rc = begin_with_group(c, a, who, m->group_id, &g, "person_id", errs);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PERSON_JOINABLE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		bind_visible(s, who);
		db_bind_int(s, 4, m->person_id);
		rc = store_returning_id(s, NULL);
		if (rc == K_ENOTFOUND) {
			field_error_add(errs, "person_id", N_("Choose a person."));
			rc = K_EINVAL;
		}
	}
	if (!rc && !(s = db_prep(c, SQL_MEMBER_LAST_LEFT)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, m->group_id);
		db_bind_int(s, 2, m->person_id);
		if ((rc = db_step(s)) == DB_ROW) {
			const char *last = db_col_text(s, 0);
			rc = 0;
			/* Not back on the day they left: one line per person and day. */
			if (last && strcmp(last, m->joined_on) >= 0) {
				field_error_add(errs, "joined_on",
						N_("Join from the day after the person left."));
				rc = K_EINVAL;
			}
		}
		db_reset(s);
	}
	if (!rc && !(s = db_prep(c, SQL_MEMBER_ADD)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, m->group_id);
		db_bind_int(s, 2, m->person_id);
		db_bind_text(s, 3, m->joined_on);
		db_bind_text(s, 4, m->note);
		db_bind_int(s, 5, who->user_id);
		rc = store_returning_id(s, &m->id);
		/* The open membership's unique index: a member already. */
		if (rc == K_ECONFLICT) {
			field_error_add(errs, "person_id", N_("The person is a member already."));
			rc = K_EINVAL;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "group.join", "person", m->person_id,
				 arena_printf(a, "group %lld", (long long)m->group_id));
	return store_finish(c, rc);
}

/* A membership of the group whose person the actor sees. */
static const char SQL_MEMBER_OF[] =
    "SELECT m.person_id, m.joined_on, m.left_on FROM group_members m JOIN persons p ON p.id ="
    " m.person_id WHERE m.id = ?4 AND m.group_id = ?5 AND" VISIBLE_FROM_OTHER;
static const char SQL_MEMBER_LEAVE[] =
    "UPDATE group_members SET left_on = ?2 WHERE id = ?1 AND left_on IS NULL";

int store_member_leave(struct dbconn *c, struct arena *a, const struct actor *who, int64_t group_id,
		       int64_t member_id, const char *date, const char *today,
		       struct field_errors *errs)
{
	struct group g;
	int rc = store_begin(c);
	if (!rc)
		rc = store_group_get(c, a, who, group_id, &g);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_MEMBER_OF);
	if (!rc && !s)
		rc = K_EDB;
	int64_t person_id = 0;
	if (!rc) {
		bind_visible(s, who);
		db_bind_int(s, 4, member_id);
		db_bind_int(s, 5, group_id);
		if ((rc = db_step(s)) == DB_ROW) {
			person_id = db_col_int(s, 0);
			rc = db_col_text(s, 2)
				 ? K_ECONFLICT
				 : leave_validate(db_col_text(s, 1), date, today, errs);
			/* A member the reader sees, of a group that meets no more. */
			if (!rc && !g.active) {
				field_error_add(errs, "date",
						N_("The group is closed: open it again first."));
				rc = K_EINVAL;
			}
		} else if (rc == DB_DONE) {
			rc = K_ENOTFOUND;
		}
		db_reset(s);
	}
	if (!rc && !(s = db_prep(c, SQL_MEMBER_LEAVE)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, member_id);
		db_bind_text(s, 2, date);
		rc = store_run_one(c, s);
		if (rc == K_ENOTFOUND)
			rc = K_ECONFLICT;
	}
	if (!rc)
		rc = store_audit(c, who, "group.leave", "person", person_id,
				 arena_printf(a, "group %lld", (long long)group_id));
	return store_finish(c, rc);
}

/* ---- sessions and attendance ---- */

#define SESSION_COLS                                                                               \
	"SELECT gs.id, gs.group_id, gs.held_on, gs.topic, gs.unregistered, gs.note,"               \
	" (SELECT COUNT(*) FROM group_attendance ga WHERE ga.session_id = gs.id"                   \
	" AND ga.present = 1)"                                                                     \
	" FROM group_sessions gs JOIN work_groups g ON g.id = gs.group_id AND g.org_id = ?1"
static const char SQL_SESSIONS[] =
    SESSION_COLS " WHERE gs.group_id = ?2 ORDER BY gs.held_on DESC, gs.id DESC LIMIT 1000";
static const char SQL_SESSION_GET[] = SESSION_COLS " WHERE gs.group_id = ?2 AND gs.id = ?3";

static void session_from(struct dbstmt *s, struct arena *a, struct group_session *g)
{
	*g = (struct group_session){
		.id = db_col_int(s, 0),
		.group_id = db_col_int(s, 1),
		.held_on = arena_strdup(a, db_col_text(s, 2)),
		.topic = arena_strdup(a, db_col_text(s, 3)),
		.unregistered = db_col_int(s, 4),
		.note = arena_strdup(a, db_col_text(s, 5)),
		.present = db_col_int(s, 6),
	};
}

int store_group_sessions(struct dbconn *c, struct arena *a, const struct actor *who,
			 int64_t group_id, struct group_session **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_SESSIONS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, group_id);
	STORE_COLLECT(s, a, struct group_session, *rows, *n, 1000, session_from(s, a, row));
	return 0;
}

int store_group_session_get(struct dbconn *c, struct arena *a, const struct actor *who,
			    int64_t group_id, int64_t session_id, struct group_session *out)
{
	struct dbstmt *s = db_prep(c, SQL_SESSION_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, group_id);
	db_bind_int(s, 3, session_id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		session_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

/* The members of group ?4 on day ?5, with their mark for session ?6 (0: none yet). */
static const char SQL_ATTENDANCE[] =
    "SELECT m.person_id, CASE WHEN" VISIBLE_FROM_OTHER "THEN 1 ELSE 0 END, p.family_name,"
    " p.given_name, p.restricted, ga.present"
    " FROM group_members m JOIN work_groups g ON g.id = m.group_id AND g.org_id = ?1"
    " JOIN persons p ON p.id = m.person_id"
    " LEFT JOIN group_attendance ga ON ga.session_id = ?6 AND ga.person_id = m.person_id"
    " WHERE m.group_id = ?4 AND m.joined_on <= ?5 AND (m.left_on IS NULL OR m.left_on >= ?5)"
    " AND p.erased_at IS NULL ORDER BY p.family_name, p.given_name, m.id";

static void attendance_from(struct dbstmt *s, struct arena *a, struct attendance *t)
{
	*t = (struct attendance){ .visible = db_col_int(s, 1) != 0 };
	if (t->visible) {
		t->person_id = db_col_int(s, 0);
		t->family_name = arena_strdup(a, db_col_text(s, 2));
		t->given_name = arena_strdup(a, db_col_text(s, 3));
		t->restricted = db_col_int(s, 4) != 0;
		t->marked = !db_col_null(s, 5);
		t->present = db_col_int(s, 5) != 0;
	}
}

int store_group_attendance(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t group_id, int64_t session_id, const char *day,
			   struct attendance **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ATTENDANCE);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, group_id);
	db_bind_text(s, 5, day);
	db_bind_int(s, 6, session_id);
	STORE_COLLECT(s, a, struct attendance, *rows, *n, 5000, attendance_from(s, a, row));
	return 0;
}

static const char SQL_SESSION_ADD[] =
    "INSERT INTO group_sessions (group_id, held_on, topic, unregistered, note, created_at,"
    " created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)"
    " RETURNING id";
static const char SQL_SESSION_UPDATE[] =
    "UPDATE group_sessions SET held_on = ?2, topic = ?3, unregistered = ?4, note = ?5,"
    " updated_at = ?6, updated_by = ?7 WHERE id = ?1";
static const char SQL_MARK[] =
    "INSERT INTO group_attendance (session_id, person_id, present) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (session_id, person_id) DO UPDATE SET present = excluded.present";
/* A member's marks outside their membership, after a session moved to another day. */
static const char SQL_MARKS_OUTSIDE[] =
    "DELETE FROM group_attendance WHERE session_id = ?1 AND person_id NOT IN (SELECT"
    " m.person_id FROM group_members m WHERE m.group_id = ?2 AND m.joined_on <= ?3"
    " AND (m.left_on IS NULL OR m.left_on >= ?3))";

/* Marks every member on the session's day whom the actor sees: present when listed. Every
 * id listed must be such a member (else K_EINVAL on "present"). */
static int mark(struct dbconn *c, struct arena *a, const struct actor *who,
		const struct group_session *gs, const int64_t *present, size_t npresent,
		struct field_errors *errs)
{
	struct attendance *t;
	size_t n;
	int rc = store_group_attendance(c, a, who, gs->group_id, gs->id, gs->held_on, &t, &n);
	for (size_t i = 0; !rc && i < npresent; i++) {
		bool found = false;
		for (size_t j = 0; j < n && !found; j++)
			found = t[j].visible && t[j].person_id == present[i];
		if (!found) {
			field_error_add(errs, "present",
					N_("Mark only the people who were members on that day."));
			rc = K_EINVAL;
		}
	}
	struct dbstmt *s;
	for (size_t j = 0; !rc && j < n; j++) {
		if (!t[j].visible)
			continue;
		if (!(s = db_prep(c, SQL_MARK)))
			return K_EDB;
		db_bind_int(s, 1, gs->id);
		db_bind_int(s, 2, t[j].person_id);
		db_bind_int(s, 3, ids_contain(present, npresent, t[j].person_id) ? 1 : 0);
		rc = db_run(s);
	}
	if (!rc && !(s = db_prep(c, SQL_MARKS_OUTSIDE)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, gs->id);
		db_bind_int(s, 2, gs->group_id);
		db_bind_text(s, 3, gs->held_on);
		rc = db_run(s);
	}
	return rc;
}

int store_group_session_save(struct dbconn *c, struct arena *a, const struct actor *who,
			     struct group_session *gs, const int64_t *present, size_t npresent,
			     struct field_errors *errs)
{
	struct group g;
	int rc = begin_with_group(c, a, who, gs->group_id, &g, "held_on", errs);
	if (!rc && gs->id) {
		struct group_session old;
		rc = store_group_session_get(c, a, who, gs->group_id, gs->id, &old);
	}
	if (!rc && g.starts_on && strcmp(gs->held_on, g.starts_on) < 0) {
		field_error_add(errs, "held_on", N_("The group had not started on that date."));
		rc = K_EINVAL;
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, gs->id ? SQL_SESSION_UPDATE : SQL_SESSION_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		int64_t now = time_now();
		db_bind_int(s, 1, gs->id ? gs->id : gs->group_id);
		db_bind_text(s, 2, gs->held_on);
		db_bind_text(s, 3, gs->topic);
		db_bind_int(s, 4, gs->unregistered);
		db_bind_text(s, 5, gs->note);
		db_bind_int(s, 6, now);
		db_bind_int(s, 7, who->user_id);
		rc = gs->id ? db_run(s) : store_returning_id(s, &gs->id);
	}
	if (!rc)
		rc = mark(c, a, who, gs, present, npresent, errs);
	if (!rc)
		rc = store_audit(c, who, "group.session", "group", gs->group_id,
				 arena_printf(a, "session %lld", (long long)gs->id));
	if (!rc)
		rc = store_report_session(c, gs->id);
	return store_finish(c, rc);
}
