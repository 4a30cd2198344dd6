/* session.c: POST /api/v1/session (login: password for a bearer token) and DELETE (logout). */
#include <string.h>

#include "api/api.h"
#include "auth/auth.h"
#include "base/banned.h"
#include "base/util.h"

int api_session_post(struct req *r)
{
	json_t *in = api_body(r);
	if (!in)
		return 0;
	const char *login = json_string_value(json_object_get(in, "login"));
	const char *password = json_string_value(json_object_get(in, "password"));
	if (!login || !password) {
		json_decref(in);
		api_error(r, 422, login ? "password" : "login", N_("This field is required."));
		return 0;
	}
	char token[AUTH_TOKEN_LEN + 1];
	struct actor who;
	int rc = auth_login(req_db(r), &r->arena, login, password, req_addr(r), "api", token, &who);
	json_decref(in);
	if (rc == K_EAUTH) {
		api_error(r, 401, NULL, N_("Wrong login or password."));
		return 0;
	}
	if (rc)
		return rc;
	return api_send(r, 201,
			json_pack("{s:s, s:s, s:I, s:{s:s, s:s, s:s, s:s}}", "token", token,
				  "token_type", "Bearer", "expires_in", (json_int_t)AUTH_API_TTL,
				  "user", "login", who.login, "role", role_code(who.role),
				  "organisation", who.org_name, "lang", who.lang));
}

int api_session_delete(struct req *r)
{
	int rc = auth_logout(req_db(r), r->who, r->token);
	if (rc)
		return rc;
	r->status = 204;
	r->ctype = "application/json";
	return 0;
}
