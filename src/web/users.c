/* users.c: the users of an organisation, for its administrators. */
#include <string.h>

#include "auth/auth.h"
#include "base/banned.h"
#include "base/util.h"
#include "store/store.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

static void role_select(struct html *h, const char *role, const struct field_errors *e)
{
	const char *err = field_error_for(e, "role");
	html(h, "<div class=\"field\"><label for=\"f-role\">%t</label>", N_("Role"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-role\">%t</p>", err);
	html(h, "<select id=\"f-role\" name=\"role\">");
	for (int i = 0; i < ROLE_COUNT; i++)
		html(h, "<option value=\"%s\"%s>%t</option>", role_code((enum role)i),
		     role && strcmp(role, role_code((enum role)i)) == 0 ? " selected" : "",
		     label_role(role_code((enum role)i)));
	html(h, "</select></div>");
}

static void render(struct req *r, const struct field_errors *e, const char *login,
		   const char *full_name, const char *role)
{
	struct store_user *u;
	size_t n = 0;
	if (store_users_list(req_db(r), &r->arena, r->who->org_id, &u, &n))
		n = 0;
	struct html h;
	layout_begin(r, &h, N_("Users"), NULL);
	html(&h,
	     "<h1>%t</h1><table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("Users"), N_("Login"), N_("Name"), N_("Role"), N_("Active"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a "
		     "href=\"/users/%D\">%s</a></td><td>%s</td><td>%t</td><td>%t</td></tr>",
		     u[i].id, u[i].login, u[i].full_name, label_role(u[i].role),
		     u[i].active ? N_("yes") : N_("no"));
	html(&h, "</tbody></table><h2>%t</h2>", N_("Add a user"));
	if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<form method=\"post\" action=\"/users\">");
	form_hidden_csrf(r, &h);
	form_text(&h, "login", N_("Login"), login, e, NULL);
	form_text(&h, "full_name", N_("Name"), full_name, e, NULL);
	role_select(&h, role, e);
	form_text(&h, "password", N_("Password (at least 10 characters)"), NULL, e, "password");
	html(&h, "<button class=\"primary\">%t</button></form>", N_("Add"));
	layout_end(r, &h);
}

int page_users_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct field_errors e = { 0 };
	render(r, &e, NULL, NULL, NULL);
	return 0;
}

/* A login: 2 to 64 of a-z 0-9 . _ - */
static bool login_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr("._-", *s)))
			return false;
	return true;
}

int page_users_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	const char *login = req_form(r, "login"), *full_name = req_form(r, "full_name");
	const char *role = req_form(r, "role"), *password = req_form(r, "password");
	struct field_errors e = { 0 };
	if (!login_ok(login))
		field_error_add(&e, "login",
				N_("Use 2 to 64 lower-case Latin letters (a–z), "
				   "digits, dots, dashes or underscores."));
	if (full_name &&
	    (!utf8_valid_text(full_name, strlen(full_name)) || utf8_len(full_name) > 100))
		field_error_add(&e, "full_name", N_("Too long."));
	if (role_parse(role) < 0)
		field_error_add(&e, "role", N_("Choose a value from the list."));
	if (auth_password_check(password))
		field_error_add(&e, "password", N_("A password has 10 to 256 characters."));
	char hash[128];
	if (!e.n && auth_hash_password(password, hash, sizeof(hash)))
		return K_ENOMEM;
	struct dbconn *c = req_db(r);
	int64_t id = 0;
	int rc = e.n ? K_EINVAL : store_begin(c);
	if (!rc)
		rc = store_user_add(c, r->who->org_id, login, hash, role, full_name, r->lang, &id);
	if (!rc)
		rc = store_audit(c, r->who, "user.create", "user", id, role);
	rc = store_finish(c, rc);
	if (rc == K_ECONFLICT)
		field_error_add(&e, "login", N_("This login is taken."));
	if (rc) {
		if (rc != K_EINVAL && rc != K_ECONFLICT)
			return rc;
		r->status = 422;
		render(r, &e, login, full_name, role);
		return 0;
	}
	return req_redirect(r, "/users");
}

static void render_user(struct req *r, const struct store_user *u, const struct field_errors *e)
{
	struct html h;
	layout_begin(r, &h, N_("User"), u->login);
	html(&h, "<h1>%t: %s</h1><p><a href=\"/users\">%t</a></p>", N_("User"), u->login,
	     N_("Back to users"));
	if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<section><form method=\"post\" action=\"/users/%D\">", u->id);
	form_hidden_csrf(r, &h);
	form_text(&h, "full_name", N_("Name"), u->full_name, e, NULL);
	role_select(&h, u->role, e);
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s>"
	     " %t</label></div>",
	     u->active ? " checked" : "", N_("Active (may log in)"));
	form_text(&h, "password", N_("New password (leave empty to keep the current one)"), NULL, e,
		  "password");
	html(&h, "<button class=\"primary\">%t</button></form></section>", N_("Save"));
	layout_end(r, &h);
}

int page_user_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct store_user u;
	int rc = store_user_get(req_db(r), &r->arena, r->who->org_id, r->param[0], &u);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	render_user(r, &u, &e);
	return 0;
}

int page_user_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct dbconn *c = req_db(r);
	struct store_user u;
	int rc = store_user_get(c, &r->arena, r->who->org_id, r->param[0], &u);
	if (rc)
		return rc;
	struct store_user v = u;
	v.full_name = req_form(r, "full_name");
	v.role = req_form(r, "role");
	v.active = req_form(r, "active") != NULL;
	const char *password = req_form(r, "password");
	struct field_errors e = { 0 };
	if (v.full_name &&
	    (!utf8_valid_text(v.full_name, strlen(v.full_name)) || utf8_len(v.full_name) > 100))
		field_error_add(&e, "full_name", N_("Too long."));
	if (role_parse(v.role) < 0)
		field_error_add(&e, "role", N_("Choose a value from the list."));
	if (password && auth_password_check(password))
		field_error_add(&e, "password", N_("A password has 10 to 256 characters."));
	/* An administrator cannot lock themselves out of their own organisation. */
	if (u.id == r->who->user_id && (!v.active || (v.role && strcmp(v.role, "admin") != 0)))
		field_error_add(&e, "role",
				N_("You cannot take away your own administrator "
				   "access."));
	if (e.n) {
		r->status = 422;
		render_user(r, &v, &e);
		return 0;
	}
	char hash[128];
	if (password && auth_hash_password(password, hash, sizeof(hash)))
		return K_ENOMEM;
	const char *detail =
	    arena_printf(&r->arena, "role %s→%s%s%s", u.role, v.role,
			 u.active != v.active ? (v.active ? ", activated" : ", deactivated") : "",
			 password ? ", password" : "");
	rc = store_begin(c);
	if (!rc)
		rc = store_user_update(c, r->who->org_id, u.id, v.role, v.full_name, v.active);
	if (!rc && password)
		rc = store_user_set_password(c, u.id, hash);
	/* A changed role, a deactivation or a new password ends the user's open sessions. */
	if (!rc && (password || !v.active || strcmp(u.role, v.role) != 0))
		rc = store_sessions_revoke_user(c, u.id, time_now());
	if (!rc)
		rc = store_audit(c, r->who, "user.update", "user", u.id, detail);
	rc = store_finish(c, rc);
	if (rc)
		return rc;
	return req_redirect(r, "/users");
}
