/* access.c: roles and access rules (see access.h). */
#include "domain/access.h"

#include <string.h>

#include "base/banned.h"

static const char *const role_codes[ROLE_COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_SUPERVISOR] = "supervisor",
	[ROLE_SOCIAL_WORKER] = "social_worker",
	[ROLE_PSYCHOLOGIST] = "psychologist",
	[ROLE_LAWYER] = "lawyer",
	[ROLE_ANALYST] = "analyst",
};

const char *role_code(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_codes[r] : "unknown";
}

int role_parse(const char *code)
{
	for (int i = 0; code && i < ROLE_COUNT; i++)
		if (strcmp(code, role_codes[i]) == 0)
			return i;
	return -1;
}

bool access_may_read_persons(const struct actor *a)
{
	return a->role != ROLE_ANALYST;
}

bool access_may_write_persons(const struct actor *a)
{
	return a->role != ROLE_ANALYST;
}

bool access_sees_restricted(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR;
}

bool access_may_assign(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR;
}

bool access_may_erase(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR;
}

bool access_may_scan_duplicates(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR || a->role == ROLE_ADMIN;
}

bool access_may_admin(const struct actor *a)
{
	return a->role == ROLE_ADMIN;
}

bool access_may_read_disclosures(const struct actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_SUPERVISOR;
}
