/* util.h: error codes, logging, strict parsing, UTF-8 checks and time: the small things
 * every layer uses.
 *
 * Error convention (after SQLite and curl): functions return int, 0 is success and a
 * negative K_E* code says what failed; callers `if (rc) goto out;`. One function in http/
 * maps these codes to HTTP statuses. */
#ifndef KOMEK_BASE_UTIL_H
#define KOMEK_BASE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The number of elements of an array (not a pointer). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum {
	K_OK = 0,
	K_ENOTFOUND = -1,  /* no such record, or one the actor may not see */
	K_EINVAL = -2,     /* input failed validation */
	K_ECONFLICT = -3,  /* stale version or a unique value taken */
	K_EFORBIDDEN = -4, /* the actor may see the record but not do this */
	K_EDB = -5,        /* the database failed (logged with detail) */
	K_ENOMEM = -6,
	K_EAUTH = -7,      /* wrong credentials */
	K_ETHROTTLED = -8, /* too many failures */
	K_ETOOBIG = -9,
	K_EFULL = -10, /* no space left on the disk: nothing was written (logged with detail) */
	K_EBUSY = -11, /* a job that runs one at a time is running: try again later */
};

const char *k_strerror(int rc);

/* Marks a string for translation where it is written; i18n translates it where it is shown. */
#define N_(s) (s)

/* Logging on stderr for the operator. Never pass passwords, tokens or names of people. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Strict decimal parse of the whole string into [min, max]; 0 or -1. */
int parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
/* Whether id is among ids[0..n). */
bool ids_contain(const int64_t *ids, size_t n, int64_t id);

/* True if s[0..n) is well-formed UTF-8 with no NUL and no C0 control other than \t \n \r. */
bool utf8_valid_text(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

/* Dates as text. date_valid: "YYYY-MM-DD" that exists in the calendar (1900..2100). */
bool date_valid(const char *s);
/* Today in UTC as YYYY-MM-DD into out[11]. */
void date_today(char out[11]);
/* date plus days (negative: minus) into out; false if date is not valid or the result falls
 * outside 1900..2100. */
bool date_add_days(const char *date, int days, char out[11]);
/* date plus months (negative: minus), the day kept or, past the month's end, its last day
 * (2024-03-31 minus one month: 2024-02-29); false as date_add_days. */
bool date_add_months(const char *date, int months, char out[11]);
int64_t time_now(void); /* seconds since the epoch */
/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void time_iso(int64_t t, char out[21]);
/* Monotonic clock in microseconds. */
int64_t clock_us(void);

/* Lowercase hex of n bytes into out (2n+1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);

#endif
