/* labels.h: message ids for codes shown in the interface; translate with %t. An unknown
 * code is returned as it is. */
#ifndef KOMEK_WEB_LABELS_H
#define KOMEK_WEB_LABELS_H

const char *label_field(const char *code);
const char *label_role(const char *code);
const char *label_action(const char *code);
/* Every audit action code, NULL-terminated. */
const char *const *label_actions(void);

#endif
