/* access.h: who may do what. Roles, the acting user, and the access rules as pure
 * functions. The store applies the same visibility rule inside its queries (see
 * store_person.c), so a record a user may not see never leaves the database for them. */
#ifndef KOMEK_DOMAIN_ACCESS_H
#define KOMEK_DOMAIN_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

enum role {
	ROLE_ADMIN,
	ROLE_SUPERVISOR,
	ROLE_SOCIAL_WORKER,
	ROLE_PSYCHOLOGIST,
	ROLE_LAWYER,
	ROLE_ANALYST,
	ROLE_COUNT
};

/* The user a request acts for. Strings are borrowed from the request's arena. */
struct actor {
	int64_t user_id, org_id, session_id;
	enum role role;
	const char *login, *full_name, *org_name;
	const char *lang; /* "kk", "ru" or "en" */
	const char *addr; /* the client's address, for the audit */
	const char *csrf; /* this session's CSRF token */
};

const char *role_code(enum role r);
/* -1 if not a role code. */
int role_parse(const char *code);

/* May open the registry at all (lists, search, person pages): everyone but analysts. */
bool access_may_read_persons(const struct actor *a);
/* May register and edit people, households, documents and consents. */
bool access_may_write_persons(const struct actor *a);
/* Sees every restricted person of their organisation (supervisors). */
bool access_sees_restricted(const struct actor *a);
/* May assign and unassign workers to a person. */
bool access_may_assign(const struct actor *a);
/* May manage users of their organisation and read the whole audit log. */
/* Erasing a person's identifying data on request: a supervisor, who sees every record. */
bool access_may_erase(const struct actor *a);
/* May run the scan for likely duplicates over the organisation's registry (supervisors and
 * administrators; what it finds, each worker reviews among the records they see). */
bool access_may_scan_duplicates(const struct actor *a);
bool access_may_admin(const struct actor *a);
/* May read the disclosure log of a person they can see. */
bool access_may_read_disclosures(const struct actor *a);

#endif
