/* exports.c: the registry and the lists as CSV or XLSX files (export/export.h):
 * /api/v1/persons/export, /api/v1/cases/export, /api/v1/services/export and
 * /api/v1/referrals/export. */
#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "export/export.h"

static int api_export(struct req *r, enum export_list list)
{
	struct export_request x;
	const char *field;
	if (!export_parse(r, list, &x, &field)) {
		api_error(r, 422, field, N_("Choose a value from the list."));
		return 0;
	}
	int rc = export_list(r, &x);
	if (rc == K_ETOOBIG) {
		api_error(r, 413, NULL,
			  list == EXPORT_PERSONS
			      ? N_("More than 50,000 people: narrow the export with the filters.")
			      : N_("More than 50,000 rows: narrow the export with the filters."));
		return 0;
	}
	return rc;
}

int api_persons_export_get(struct req *r)
{
	return api_export(r, EXPORT_PERSONS);
}

int api_cases_export_get(struct req *r)
{
	return api_export(r, EXPORT_CASES);
}

int api_services_export_get(struct req *r)
{
	return api_export(r, EXPORT_SERVICES);
}

int api_referrals_export_get(struct req *r)
{
	return api_export(r, EXPORT_REFERRALS);
}
