/* layout.h: the frame every page shares (head, navigation, language switch, search box)
 * and small form builders. Private to web/. */
#ifndef KOMEK_WEB_LAYOUT_H
#define KOMEK_WEB_LAYOUT_H

#include "domain/person.h"
#include "domain/reference.h"
#include "http/request.h"
#include "web/html.h"

struct person_row;

/* Starts a page: sets the content type and writes everything up to <main>. */
void layout_begin(struct req *r, struct html *h, const char *title_msgid, const char *title_extra);
void layout_end(struct req *r, struct html *h);

/* "YYYY-MM-DD" as dd.mm.yyyy in kk and ru, as is in en; "YYYY" as is. */
const char *layout_date(struct req *r, const char *iso);
/* A Unix time as a local date and time (UTC) in the page's style. */
const char *layout_time(struct req *r, int64_t t);

/* "Family Given Patronymic", or "Erased record" when the names are gone. */
const char *layout_person_name(struct req *r, const char *family, const char *given,
			       const char *patronymic);
/* A <dt>/<dd> pair of a description list, left out when value is empty. */
void layout_dl(struct html *h, const char *label_msgid, const char *value);
/* How well a record matches (a search result, a likely duplicate): its score and the
 * reasons in words. */
void layout_match(struct html *h, int score, unsigned reasons);
/* A table of people (name linked to their page, birth date, sex, region) with how each
 * matches, under a caption. */
void layout_match_table(struct req *r, struct html *h, const char *caption_msgid,
			const struct person_row *rows, size_t n);

/* Form builders: each writes a labelled control with its error message, if any, linked by
 * aria-describedby, and keeps the value the user gave. */
void form_text(struct html *h, const char *name, const char *label_msgid, const char *value,
	       const struct field_errors *errs, const char *attrs_type);
/* A multi-line text with an optional hint under its label. */
void form_textarea(struct html *h, const char *name, const char *label_msgid, const char *value,
		   const struct field_errors *errs, const char *hint_msgid);
/* A select of codes labelled by message ids (translated), value selected. */
void form_select_codes(struct html *h, const char *name, const char *label_msgid,
		       const char *const *codes, const char *const *msgids, size_t n,
		       const char *value, const struct field_errors *errs);
void form_select_ref(struct html *h, const char *name, const char *label_msgid, const char *list,
		     const char *value, const struct field_errors *errs, bool blank);
/* The same for a form among others on one page: ids "f-PREFIX-NAME" and "e-PREFIX-NAME". */
void form_text_in(struct html *h, const char *prefix, const char *name, const char *label_msgid,
		  const char *value, const struct field_errors *errs, const char *type);
void form_textarea_in(struct html *h, const char *prefix, const char *name, const char *label_msgid,
		      const char *value, const struct field_errors *errs, const char *hint_msgid);
void form_select_ref_in(struct html *h, const char *prefix, const char *name,
			const char *label_msgid, const char *list, const char *value,
			const struct field_errors *errs, bool blank);
/* A fieldset of check boxes, one per code of a reference list, the values' checked. */
void form_checks_ref(struct html *h, const char *name, const char *legend_msgid, const char *list,
		     const char *const *values, size_t n, const struct field_errors *errs);
void form_select_country(struct html *h, const char *name, const char *label_msgid,
			 const char *value, const struct field_errors *errs);
#define PRELOGIN_COOKIE "komek_csrf"
/* The CSRF token of this page: the session's, or a visitor's own (set as a cookie). */
const char *layout_csrf(struct req *r);
void form_hidden_csrf(struct req *r, struct html *h);
/* An id field of a form: 0 with the error msg on it when absent or not a number. */
int64_t form_id(struct req *r, const char *name, struct field_errors *e, const char *msg);
/* The ids given for a field sent many times (check boxes), at most max; what is not an id
 * is left out. */
size_t form_ids(struct req *r, const char *name, int64_t *ids, size_t max);
/* The version a form was read at: 0 with an error on "version" when it is missing. */
int64_t form_version(struct req *r, struct field_errors *e);
/* The page's notice for a refused form: a stale edit (409) or fields to mend (422). */
void form_notice(struct html *h, const struct field_errors *e, bool stale);
/* Whether a save was refused, setting the status (409 stale, 422 fields to mend) for the
 * form shown again; false for anything else, the caller's. */
bool form_refused(struct req *r, int rc, const struct field_errors *e);
/* The label of a reference code in the page's language, or the code itself. */
const char *ref_text(struct req *r, const char *list, const char *code);

#endif
