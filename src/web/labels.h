/* labels.h: message ids for codes shown in the interface; translate with %t. An unknown
 * code is returned as it is. */
#ifndef KOMEK_WEB_LABELS_H
#define KOMEK_WEB_LABELS_H

#include <stddef.h>

const char *label_field(const char *code);
const char *label_role(const char *code);
const char *label_action(const char *code);
/* A reason two records may be one person (match_reason_next's codes). */
const char *label_match_reason(const char *code);
/* The i-th audit action code, or NULL past the last. */
const char *label_action_at(size_t i);

#endif
