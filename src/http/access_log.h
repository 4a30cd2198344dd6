/* access_log.h: the access log, one line per request on stderr, written in blocks.
 *
 * A write(2) per request was a tenth of the server's time on a person view. Lines gather in
 * a buffer instead and go out in one write when it fills or when ACCESS_LOG_FLUSH_MS has
 * passed (a thread sees to that when the server is idle), as nginx's "access_log buffer=".
 * A killed process loses at most the lines of that last moment; access_log_stop writes the
 * rest. Before access_log_start, or after access_log_stop, lines are written at once. */
#ifndef KOMEK_HTTP_ACCESS_LOG_H
#define KOMEK_HTTP_ACCESS_LOG_H

#define ACCESS_LOG_FLUSH_MS 200

int access_log_start(void);
void access_log_stop(void);
void access_log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
