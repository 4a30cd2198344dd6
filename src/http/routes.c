/* routes.c: every route Komek answers. The access-matrix test and the OpenAPI check read
 * this table's twin in tests/http; keep them in step when adding a route. */
#include <stddef.h>

#include "api/api.h"
#include "http/router.h"
#include "web/pages.h"

const struct route routes[] = {
	{ "GET", "/", page_home_get, 0 },
	{ "GET", "/login", page_login_get, RT_PUBLIC },
	{ "POST", "/login", page_login_post, RT_PUBLIC | RT_FORM },
	{ "POST", "/logout", page_logout_post, RT_FORM },
	{ "POST", "/lang", page_lang_post, RT_PUBLIC | RT_FORM },
	{ "GET", "/static/app.css", page_static_get, RT_PUBLIC },

	{ "GET", "/persons", page_persons_get, 0 },
	{ "POST", "/persons", page_persons_post, RT_FORM },
	{ "GET", "/persons/new", page_person_new_get, 0 },
	{ "GET", "/persons/{id}", page_person_get, 0 },
	{ "POST", "/persons/{id}", page_person_post, RT_FORM },
	{ "GET", "/persons/{id}/edit", page_person_edit_get, 0 },
	{ "GET", "/persons/{id}/history", page_person_history_get, 0 },
	{ "GET", "/persons/{id}/disclosures", page_person_disclosures_get, 0 },
	{ "POST", "/persons/{id}/workers", page_person_workers_post, RT_FORM },
	{ "POST", "/persons/{id}/workers/{id}/remove", page_person_worker_remove_post, RT_FORM },
	{ "POST", "/persons/{id}/consents", page_person_consents_post, RT_FORM },
	{ "POST", "/persons/{id}/consents/{id}/withdraw", page_person_consent_withdraw_post,
	  RT_FORM },
	{ "POST", "/persons/{id}/erase", page_person_erase_post, RT_FORM },
	{ "GET", "/audit", page_audit_get, 0 },
	{ "GET", "/users", page_users_get, 0 },
	{ "POST", "/users", page_users_post, RT_FORM },
	{ "GET", "/users/{id}", page_user_get, 0 },
	{ "POST", "/users/{id}", page_user_post, RT_FORM },

	{ "POST", "/api/v1/session", api_session_post, RT_API | RT_PUBLIC | RT_JSON },
	{ "DELETE", "/api/v1/session", api_session_delete, RT_API },
	{ "GET", "/api/v1/persons", api_persons_get, RT_API },
	{ "POST", "/api/v1/persons", api_persons_post, RT_API | RT_JSON },
	{ "GET", "/api/v1/persons/{id}", api_person_get, RT_API },
	{ "PATCH", "/api/v1/persons/{id}", api_person_patch, RT_API | RT_JSON },
	{ "POST", "/api/v1/households", api_households_post, RT_API },
	{ "GET", "/api/v1/households/{id}", api_household_get, RT_API },
	{ "GET", "/api/v1/reference", api_reference_index, RT_API },
	{ "GET", "/api/v1/reference/{name}", api_reference_get, RT_API },
	{ "GET", "/api/v1/openapi.json", api_openapi_get, RT_API | RT_PUBLIC },
	{ NULL, NULL, NULL, 0 },
};
