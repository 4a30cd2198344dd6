/* i18n.h: interface text in Kazakh, Russian and English.
 *
 * The catalogs are gettext .po files under locale/, compiled by msgfmt into .mo files that
 * are embedded in the binary. They are read here directly, with the language chosen per
 * request, instead of through setlocale/uselocale: that needs no system locales installed
 * and no process-wide state, and one request's language can never leak into another's.
 * Message ids are the English text; "en" has its own catalog so that English wording can
 * be edited without touching the code. */
#ifndef KOMEK_BASE_I18N_H
#define KOMEK_BASE_I18N_H

#include <stdbool.h>

#define I18N_DEFAULT "kk"

/* Loads the embedded catalogs; 0 or K_EINVAL if one is malformed. Call once at start. */
int i18n_init(void);
/* "kk", "ru" or "en" (static strings) for a code, or NULL. */
const char *i18n_lang(const char *code);
/* The best of kk/ru/en for an Accept-Language header, or NULL. */
const char *i18n_accept(const char *header);
/* The translation of msgid in lang, or msgid itself. The result is static. */
const char *i18n_tr(const char *lang, const char *msgid);

#endif
