/* store_centre.c: centres, rooms, beds, stays, the waiting list and the presence list
 * (domain/centre.h). A centre is seen by its organisation alone; a person on a bed or on the
 * list is named only to a reader who may see them (VISIBLE), and a stay of a person the
 * reader may not see cannot be checked out or marked by them. */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_util.h"

/* ---- centres ---- */

/* ?1 the reader's organisation; ?4 today. */
#define CENTRE_COLS                                                                                \
	"SELECT ce.id, ce.org_id, ce.version, ce.created_at, ce.updated_at, ce.kind, ce.name,"     \
	" ce.region, ce.address, ce.phone, ce.active,"                                             \
	" (SELECT COUNT(*) FROM beds b WHERE b.centre_id = ce.id AND b.active = 1),"               \
	" (SELECT COUNT(*) FROM placements pl WHERE pl.centre_id = ce.id"                          \
	" AND pl.checked_out IS NULL),"                                                            \
	" (SELECT COUNT(*) FROM centre_waiting cw WHERE cw.centre_id = ce.id"                      \
	" AND cw.status = 'waiting')"                                                              \
	" FROM centres ce"
static const char SQL_CENTRES[] = CENTRE_COLS " WHERE ce.org_id = ?1 ORDER BY ce.name, ce.id";
static const char SQL_CENTRE_GET[] = CENTRE_COLS " WHERE ce.org_id = ?1 AND ce.id = ?2";
static const char SQL_CENTRE_EXISTS[] = "SELECT id FROM centres WHERE org_id = ?1 AND id = ?2";
static const char SQL_CENTRE_ADD[] =
    "INSERT INTO centres (org_id, kind, name, region, address, phone, active, created_at,"
    " created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)"
    " RETURNING id";
static const char SQL_CENTRE_UPDATE[] =
    "UPDATE centres SET kind = ?2, name = ?3, region = ?4, address = ?5, phone = ?6,"
    " active = ?7, updated_at = ?8, updated_by = ?9, version = version + 1"
    " WHERE org_id = ?1 AND id = ?10 AND version = ?11";

static void centre_from(struct dbstmt *s, struct arena *a, struct centre *c)
{
	*c = (struct centre){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.created_at = db_col_int(s, 3),
		.updated_at = db_col_int(s, 4),
		.kind = arena_strdup(a, db_col_text(s, 5)),
		.name = arena_strdup(a, db_col_text(s, 6)),
		.region = arena_strdup(a, db_col_text(s, 7)),
		.address = arena_strdup(a, db_col_text(s, 8)),
		.phone = arena_strdup(a, db_col_text(s, 9)),
		.active = db_col_int(s, 10) != 0,
		.beds = db_col_int(s, 11),
		.occupied = db_col_int(s, 12),
		.waiting = db_col_int(s, 13),
	};
	c->beds_free = c->beds > c->occupied ? c->beds - c->occupied : 0;
}

int store_centres(struct dbconn *c, struct arena *a, const struct actor *who, struct centre **rows,
		  size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_CENTRES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct centre, *rows, *n, 1000, centre_from(s, a, row));
	return 0;
}

int store_centre_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		     struct centre *out)
{
	STORE_GET_ONE(c, SQL_CENTRE_GET, who->org_id, id, centre_from(s, a, out));
}

int store_centre_save(struct dbconn *c, const struct actor *who, struct centre *ce)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, ce->id ? SQL_CENTRE_UPDATE : SQL_CENTRE_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_text(s, 2, ce->kind);
		db_bind_text(s, 3, ce->name);
		db_bind_text(s, 4, ce->region);
		db_bind_text(s, 5, ce->address);
		db_bind_text(s, 6, ce->phone);
		db_bind_int(s, 7, ce->active ? 1 : 0);
		db_bind_int(s, 8, time_now());
		db_bind_int(s, 9, who->user_id);
		if (ce->id) {
			db_bind_int(s, 10, ce->id);
			db_bind_int(s, 11, ce->version);
			/* Gone, another organisation's, or changed meanwhile. */
			rc = store_run_versioned(c, s, SQL_CENTRE_EXISTS, who->org_id, ce->id);
			ce->version++;
		} else {
			rc = store_returning_id(s, &ce->id);
			ce->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "centre.save", "centre", ce->id, ce->kind);
	return store_finish(c, rc);
}

/* ---- rooms and beds ---- */

static const char SQL_ROOM_ADD[] =
    "INSERT INTO centre_rooms (centre_id, name, note) VALUES (?1, ?2, ?3) RETURNING id";
static const char SQL_BED_ADD[] =
    "INSERT INTO beds (centre_id, room_id, label) VALUES (?1, ?2, ?3)";

int store_room_add(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
		   struct room *r, struct field_errors *errs)
{
	struct centre ce;
	int rc = store_begin(c);
	if (!rc)
		rc = store_centre_get(c, a, who, centre_id, &ce);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_ROOM_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, centre_id);
		db_bind_text(s, 2, r->name);
		db_bind_text(s, 3, r->note);
		rc = store_returning_id(s, &r->id);
		if (rc == K_ECONFLICT) {
			field_error_add(errs, "name", N_("The centre has a room of this name."));
			rc = K_EINVAL;
		}
	}
	for (int64_t i = 1; !rc && i <= r->beds; i++) {
		if (!(s = db_prep(c, SQL_BED_ADD))) {
			rc = K_EDB;
			break;
		}
		char label[24];
		snprintf(label, sizeof(label), "%lld", (long long)i);
		db_bind_int(s, 1, centre_id);
		db_bind_int(s, 2, r->id);
		db_bind_text(s, 3, label);
		rc = db_run(s);
	}
	r->centre_id = centre_id;
	if (!rc) {
		char detail[32];
		snprintf(detail, sizeof(detail), "%lld beds", (long long)r->beds);
		rc = store_audit(c, who, "centre.room", "centre", centre_id, detail);
	}
	return store_finish(c, rc);
}

static const char SQL_BED_FIND[] = "SELECT b.id FROM beds b JOIN centre_rooms r ON r.id = b.room_id"
				   " WHERE b.centre_id = ?1 AND r.name = ?2 AND b.label = ?3";

int store_bed_find(struct dbconn *c, int64_t centre_id, const char *room, const char *label,
		   int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_BED_FIND);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, centre_id);
	db_bind_text(s, 2, room);
	db_bind_text(s, 3, label);
	return store_returning_id(s, id);
}

/* The beds of a centre with their open stays; ?1 ?2 ?3 VISIBLE's, ?4 the centre, ?5 today. */
static const char SQL_BEDS[] =
    "SELECT b.id, b.room_id, b.label, r.name, b.active, pl.id, pl.person_id,"
    " CASE WHEN p.id IS NULL THEN 0 WHEN" VISIBLE_FROM_OTHER "THEN 1 ELSE 0 END,"
    " p.family_name, p.given_name, pl.check_in, pl.planned_out,"
    " (SELECT MAX(pr.day) FROM presence pr WHERE pr.placement_id = pl.id), p.restricted"
    " FROM beds b JOIN centres ce ON ce.id = b.centre_id AND ce.org_id = ?1"
    " JOIN centre_rooms r ON r.id = b.room_id"
    " LEFT JOIN placements pl ON pl.bed_id = b.id AND pl.checked_out IS NULL"
    " LEFT JOIN persons p ON p.id = pl.person_id"
    " WHERE b.centre_id = ?4 ORDER BY r.name, r.id, length(b.label), b.label, b.id";

static void bed_from(struct dbstmt *s, struct arena *a, struct bed *b)
{
	*b = (struct bed){
		.id = db_col_int(s, 0),
		.room_id = db_col_int(s, 1),
		.label = arena_strdup(a, db_col_text(s, 2)),
		.room_name = arena_strdup(a, db_col_text(s, 3)),
		.active = db_col_int(s, 4) != 0,
		.placement_id = db_col_int(s, 5),
		.visible = db_col_int(s, 7) != 0,
	};
	if (b->visible) {
		b->person_id = db_col_int(s, 6);
		b->family_name = arena_strdup(a, db_col_text(s, 8));
		b->given_name = arena_strdup(a, db_col_text(s, 9));
		b->check_in = arena_strdup(a, db_col_text(s, 10));
		b->planned_out = arena_strdup(a, db_col_text(s, 11));
		b->last_seen = arena_strdup(a, db_col_text(s, 12));
		b->restricted = db_col_int(s, 13) != 0;
	}
}

int store_beds(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
	       struct bed **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_BEDS);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, centre_id);
	STORE_COLLECT(s, a, struct bed, *rows, *n, 5000, bed_from(s, a, row));
	return 0;
}

/* ---- stays ---- */

/* ?1 ?2 ?3 VISIBLE's. */
#define PLACEMENT_COLS                                                                             \
	"SELECT pl.id, pl.centre_id, pl.bed_id, pl.person_id, pl.check_in, pl.planned_out,"        \
	" pl.checked_out, pl.note, ce.name, b.label, r.name, p.family_name, p.given_name,"         \
	" (SELECT MAX(pr.day) FROM presence pr WHERE pr.placement_id = pl.id), p.restricted"       \
	" FROM placements pl JOIN centres ce ON ce.id = pl.centre_id"                              \
	" JOIN beds b ON b.id = pl.bed_id JOIN centre_rooms r ON r.id = b.room_id"                 \
	" JOIN persons p ON p.id = pl.person_id"                                                   \
	" WHERE ce.org_id = ?1 AND p.erased_at IS NULL AND" VISIBLE_FROM_OTHER
/* ?4 the person. */
static const char SQL_PLACEMENTS_OF_PERSON[] =
    PLACEMENT_COLS " AND pl.person_id = ?4 ORDER BY pl.check_in DESC, pl.id DESC";
/* ?4 the centre. */
static const char SQL_PLACEMENTS_OPEN[] =
    PLACEMENT_COLS " AND pl.centre_id = ?4 AND pl.checked_out IS NULL"
		   " ORDER BY p.family_name, p.given_name, pl.id";
static const char SQL_PLACEMENT_GET[] = PLACEMENT_COLS " AND pl.id = ?4";

static void placement_from(struct dbstmt *s, struct arena *a, struct placement *p)
{
	*p = (struct placement){
		.id = db_col_int(s, 0),
		.centre_id = db_col_int(s, 1),
		.bed_id = db_col_int(s, 2),
		.person_id = db_col_int(s, 3),
		.check_in = arena_strdup(a, db_col_text(s, 4)),
		.planned_out = arena_strdup(a, db_col_text(s, 5)),
		.checked_out = arena_strdup(a, db_col_text(s, 6)),
		.note = arena_strdup(a, db_col_text(s, 7)),
		.centre_name = arena_strdup(a, db_col_text(s, 8)),
		.bed_label = arena_strdup(a, db_col_text(s, 9)),
		.room_name = arena_strdup(a, db_col_text(s, 10)),
		.family_name = arena_strdup(a, db_col_text(s, 11)),
		.given_name = arena_strdup(a, db_col_text(s, 12)),
		.last_seen = arena_strdup(a, db_col_text(s, 13)),
		.restricted = db_col_int(s, 14) != 0,
		.visible = true,
	};
}

static int placements_read(struct dbconn *c, struct arena *a, const struct actor *who,
			   const char *sql, int64_t key, const char *today, struct placement **rows,
			   size_t *n)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, key);
	STORE_COLLECT(s, a, struct placement, *rows, *n, 5000, {
		placement_from(s, a, row);
		row->seen_today = row->last_seen && today && strcmp(row->last_seen, today) == 0;
	});
	return 0;
}

int store_placements_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t person_id, const char *today, struct placement **rows,
			       size_t *n)
{
	return placements_read(c, a, who, SQL_PLACEMENTS_OF_PERSON, person_id, today, rows, n);
}

int store_placements_open(struct dbconn *c, struct arena *a, const struct actor *who,
			  int64_t centre_id, const char *today, struct placement **rows, size_t *n)
{
	return placements_read(c, a, who, SQL_PLACEMENTS_OPEN, centre_id, today, rows, n);
}

static int placement_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			 struct placement *out)
{
	struct placement *rows;
	size_t n;
	int rc = placements_read(c, a, who, SQL_PLACEMENT_GET, id, NULL, &rows, &n);
	if (!rc && !n)
		rc = K_ENOTFOUND;
	if (!rc)
		*out = rows[0];
	return rc;
}

/* The person may be placed by the actor: seen by them, a main record, not erased. */
static const char SQL_PERSON_PLACEABLE[] =
    "SELECT p.id FROM persons p WHERE" VISIBLE "AND p.id = ?4 AND p.erased_at IS NULL"
    " AND p.linked_to IS NULL";
static const char SQL_BED_OF_CENTRE[] =
    "SELECT b.active, (SELECT MAX(pl.checked_out) FROM placements pl WHERE pl.bed_id = b.id),"
    " EXISTS (SELECT 1 FROM placements pl WHERE pl.bed_id = b.id AND pl.checked_out IS NULL)"
    " FROM beds b WHERE b.id = ?2 AND b.centre_id = ?1";
/* The person's open stay (any centre's), and the end of their last stay. */
static const char SQL_PERSON_STAYS[] =
    "SELECT (SELECT MAX(id) FROM placements WHERE person_id = ?1 AND checked_out IS NULL),"
    " (SELECT MAX(checked_out) FROM placements WHERE person_id = ?1)";
static const char SQL_PLACEMENT_ADD[] =
    "INSERT INTO placements (centre_id, bed_id, person_id, check_in, planned_out, note,"
    " created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char SQL_WAITING_PLACED[] =
    "UPDATE centre_waiting SET status = 'placed', closed_on = ?3"
    " WHERE centre_id = ?1 AND person_id = ?2 AND status = 'waiting'";

static int person_placeable(struct dbconn *c, const struct actor *who, int64_t person_id)
{
	struct dbstmt *s = db_prep(c, SQL_PERSON_PLACEABLE);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, person_id);
	return store_returning_id(s, NULL);
}

/* Whether bed_id of the centre takes a stay from check_in: active, free, and its last stay
 * over by then. 0, or K_EINVAL with errs. (Free now: a request racing for it still meets the
 * database's unique index, K_ECONFLICT.) */
static int bed_takes(struct dbconn *c, int64_t centre_id, int64_t bed_id, const char *check_in,
		     struct field_errors *errs)
{
	struct dbstmt *s = db_prep(c, SQL_BED_OF_CENTRE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, centre_id);
	db_bind_int(s, 2, bed_id);
	int rc = db_step(s);
	const char *msg = NULL;
	if (rc == DB_DONE || (rc == DB_ROW && !db_col_int(s, 0)))
		msg = N_("Choose a free bed.");
	else if (rc == DB_ROW && db_col_int(s, 2))
		msg = N_("Someone is on this bed: check them out first, or choose a free bed.");
	else if (rc == DB_ROW && db_col_text(s, 1) && strcmp(db_col_text(s, 1), check_in) > 0)
		msg = N_("The bed was taken on that date: its last stay ended later.");
	db_reset(s);
	if (rc < 0)
		return rc;
	if (msg) {
		field_error_add(errs, "bed_id", msg);
		return K_EINVAL;
	}
	return 0;
}

int store_placement_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct placement *p, struct field_errors *errs)
{
	struct centre ce;
	int rc = store_begin(c);
	if (!rc)
		rc = store_centre_get(c, a, who, p->centre_id, &ce);
	if (!rc) {
		rc = person_placeable(c, who, p->person_id);
		if (rc == K_ENOTFOUND) {
			field_error_add(errs, "person_id", N_("Choose a person."));
			rc = K_EINVAL;
		}
	}
	if (!rc)
		rc = bed_takes(c, p->centre_id, p->bed_id, p->check_in, errs);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PERSON_STAYS);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, p->person_id);
		if ((rc = db_step(s)) == DB_ROW) {
			const char *last = db_col_text(s, 1);
			rc = 0;
			if (db_col_int(s, 0)) {
				field_error_add(errs, "person_id",
						N_("The person is on a bed already: check them out "
						   "first."));
				rc = K_EINVAL;
			} else if (last && strcmp(last, p->check_in) > 0) {
				field_error_add(
				    errs, "check_in",
				    N_("The person's last stay ended after this date."));
				rc = K_EINVAL;
			}
		}
		db_reset(s);
	}
	if (!rc && !(s = db_prep(c, SQL_PLACEMENT_ADD)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, p->centre_id);
		db_bind_int(s, 2, p->bed_id);
		db_bind_int(s, 3, p->person_id);
		db_bind_text(s, 4, p->check_in);
		db_bind_text(s, 5, p->planned_out);
		db_bind_text(s, 6, p->note);
		db_bind_int(s, 7, time_now());
		db_bind_int(s, 8, who->user_id);
		/* K_ECONFLICT: another request took the bed (or placed the person) first. */
		rc = store_returning_id(s, &p->id);
	}
	if (!rc && !(s = db_prep(c, SQL_WAITING_PLACED)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, p->centre_id);
		db_bind_int(s, 2, p->person_id);
		db_bind_text(s, 3, p->check_in);
		rc = db_run(s);
	}
	if (!rc) {
		char detail[48];
		snprintf(detail, sizeof(detail), "centre %lld bed %lld", (long long)p->centre_id,
			 (long long)p->bed_id);
		rc = store_audit(c, who, "placement.add", "person", p->person_id, detail);
	}
	return store_finish(c, rc);
}

static const char SQL_CHECKOUT[] = "UPDATE placements SET checked_out = ?2, closed_by = ?3"
				   " WHERE id = ?1 AND checked_out IS NULL";

int store_checkout(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
		   const int64_t *ids, size_t n, const char *date, const char *today,
		   struct field_errors *errs)
{
	int rc = store_begin(c);
	for (size_t i = 0; !rc && i < n; i++) {
		struct placement p;
		rc = placement_get(c, a, who, ids[i], &p);
		if (!rc && (p.centre_id != centre_id || p.checked_out))
			rc = p.centre_id != centre_id ? K_ENOTFOUND : K_ECONFLICT;
		if (!rc)
			rc = checkout_validate(p.check_in, date, today, errs);
		if (!rc && p.last_seen && strcmp(date, p.last_seen) < 0) {
			field_error_add(errs, "date",
					N_("The person was seen in the centre after this date."));
			rc = K_EINVAL;
		}
		struct dbstmt *s = rc ? NULL : db_prep(c, SQL_CHECKOUT);
		if (!rc && !s)
			rc = K_EDB;
		if (!rc) {
			db_bind_int(s, 1, p.id);
			db_bind_text(s, 2, date);
			db_bind_int(s, 3, who->user_id);
			rc = store_run_one(c, s);
			rc = rc == K_ENOTFOUND ? K_ECONFLICT : rc;
		}
		if (!rc) {
			char detail[48];
			snprintf(detail, sizeof(detail), "centre %lld stay %lld",
				 (long long)centre_id, (long long)p.id);
			rc = store_audit(c, who, "placement.checkout", "person", p.person_id,
					 detail);
		}
	}
	return store_finish(c, rc);
}

/* ---- presence ---- */

static const char SQL_PRESENCE_MARK[] =
    "INSERT INTO presence (placement_id, day, seen_by) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (placement_id, day) DO NOTHING";

int store_presence_mark(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t centre_id, const int64_t *ids, size_t n, const char *day)
{
	int rc = store_begin(c);
	for (size_t i = 0; !rc && i < n; i++) {
		struct placement p;
		rc = placement_get(c, a, who, ids[i], &p);
		if (!rc && (p.centre_id != centre_id || p.checked_out))
			rc = p.centre_id != centre_id ? K_ENOTFOUND : K_ECONFLICT;
		struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PRESENCE_MARK);
		if (!rc && !s)
			rc = K_EDB;
		if (!rc) {
			db_bind_int(s, 1, p.id);
			db_bind_text(s, 2, day);
			db_bind_int(s, 3, who->user_id);
			rc = db_run(s);
		}
	}
	if (!rc) {
		char detail[48];
		snprintf(detail, sizeof(detail), "%zu seen on %s", n, day);
		rc = store_audit(c, who, "centre.presence", "centre", centre_id, detail);
	}
	return store_finish(c, rc);
}

/* ---- the waiting list ---- */

/* ?1 ?2 ?3 VISIBLE's, ?4 the centre. */
static const char SQL_WAITING[] =
    "SELECT cw.id, cw.centre_id, cw.person_id, cw.since, cw.note, cw.status, cw.closed_on,"
    " p.family_name, p.given_name, p.restricted FROM centre_waiting cw"
    " JOIN centres ce ON ce.id = cw.centre_id AND ce.org_id = ?1"
    " JOIN persons p ON p.id = cw.person_id WHERE cw.centre_id = ?4 AND cw.status = 'waiting' AND "
    "p.erased_at IS NULL"
    " AND" VISIBLE_FROM_OTHER "ORDER BY cw.since, cw.id";
static const char SQL_WAITING_ADD[] =
    "INSERT INTO centre_waiting (centre_id, person_id, since, note, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_WAITING_CLOSE[] =
    "UPDATE centre_waiting SET status = 'withdrawn', closed_on = ?3"
    " WHERE id = ?2 AND centre_id = ?1 AND status = 'waiting'";
static const char SQL_WAITING_PERSON[] =
    "SELECT cw.person_id FROM centre_waiting cw WHERE cw.id = ?2 AND cw.centre_id = ?1";

static void waiting_from(struct dbstmt *s, struct arena *a, struct waiting *w)
{
	*w = (struct waiting){
		.id = db_col_int(s, 0),
		.centre_id = db_col_int(s, 1),
		.person_id = db_col_int(s, 2),
		.since = arena_strdup(a, db_col_text(s, 3)),
		.note = arena_strdup(a, db_col_text(s, 4)),
		.status = arena_strdup(a, db_col_text(s, 5)),
		.closed_on = arena_strdup(a, db_col_text(s, 6)),
		.family_name = arena_strdup(a, db_col_text(s, 7)),
		.given_name = arena_strdup(a, db_col_text(s, 8)),
		.restricted = db_col_int(s, 9) != 0,
		.visible = true,
	};
}

int store_waiting(struct dbconn *c, struct arena *a, const struct actor *who, int64_t centre_id,
		  struct waiting **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_WAITING);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, centre_id);
	STORE_COLLECT(s, a, struct waiting, *rows, *n, 5000, waiting_from(s, a, row));
	return 0;
}

int store_waiting_add(struct dbconn *c, struct arena *a, const struct actor *who, struct waiting *w,
		      struct field_errors *errs)
{
	struct centre ce;
	int rc = store_begin(c);
	if (!rc)
		rc = store_centre_get(c, a, who, w->centre_id, &ce);
	if (!rc) {
		rc = person_placeable(c, who, w->person_id);
		if (rc == K_ENOTFOUND) {
			field_error_add(errs, "person_id", N_("Choose a person."));
			rc = K_EINVAL;
		}
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_WAITING_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, w->centre_id);
		db_bind_int(s, 2, w->person_id);
		db_bind_text(s, 3, w->since);
		db_bind_text(s, 4, w->note);
		db_bind_int(s, 5, who->user_id);
		rc = store_returning_id(s, &w->id);
		if (rc == K_ECONFLICT) {
			field_error_add(errs, "person_id",
					N_("The person is on this centre's waiting list already."));
			rc = K_EINVAL;
		}
	}
	if (!rc) {
		char detail[32];
		snprintf(detail, sizeof(detail), "centre %lld", (long long)w->centre_id);
		rc = store_audit(c, who, "centre.waiting", "person", w->person_id, detail);
	}
	return store_finish(c, rc);
}

int store_waiting_withdraw(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t centre_id, int64_t id, const char *today)
{
	struct centre ce;
	int64_t person = 0;
	int rc = store_begin(c);
	if (!rc)
		rc = store_centre_get(c, a, who, centre_id, &ce);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_WAITING_PERSON);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, centre_id);
		db_bind_int(s, 2, id);
		rc = store_returning_id(s, &person);
	}
	/* Only someone the actor sees. */
	if (!rc)
		rc = person_placeable(c, who, person);
	if (!rc && !(s = db_prep(c, SQL_WAITING_CLOSE)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, centre_id);
		db_bind_int(s, 2, id);
		db_bind_text(s, 3, today);
		rc = store_run_one(c, s);
		rc = rc == K_ENOTFOUND ? K_ECONFLICT : rc;
	}
	if (!rc) {
		char detail[32];
		snprintf(detail, sizeof(detail), "centre %lld", (long long)centre_id);
		rc = store_audit(c, who, "centre.withdraw", "person", person, detail);
	}
	return store_finish(c, rc);
}
