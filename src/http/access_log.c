/* access_log.c: the buffered access log (see access_log.h). */
#include "http/access_log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"
#include "base/util.h"

#define LINE_MAX_BYTES 1024
#define BUFFER_BYTES (32 * 1024)

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_t thread;
	bool running, stopping;
	size_t len;
	char buf[BUFFER_BYTES];
} alog = { .mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static void write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* nowhere to report a log that cannot be written */
		p += w;
		n -= (size_t)w;
	}
}

/* With alog.mu held. */
static void flush_locked(void)
{
	write_all(alog.buf, alog.len);
	alog.len = 0;
}

static void *flusher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&alog.mu);
	while (!alog.stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += ACCESS_LOG_FLUSH_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&alog.wake, &alog.mu, &ts);
		if (alog.len)
			flush_locked();
	}
	pthread_mutex_unlock(&alog.mu);
	return NULL;
}

int access_log_start(void)
{
	pthread_mutex_lock(&alog.mu);
	alog.stopping = false;
	alog.len = 0;
	int rc = pthread_create(&alog.thread, NULL, flusher, NULL);
	alog.running = rc == 0;
	pthread_mutex_unlock(&alog.mu);
	return rc ? K_ENOMEM : 0;
}

void access_log_stop(void)
{
	pthread_mutex_lock(&alog.mu);
	if (!alog.running) {
		pthread_mutex_unlock(&alog.mu);
		return;
	}
	alog.stopping = true;
	pthread_cond_signal(&alog.wake);
	pthread_mutex_unlock(&alog.mu);
	pthread_join(alog.thread, NULL);
	pthread_mutex_lock(&alog.mu);
	flush_locked();
	alog.running = false;
	pthread_mutex_unlock(&alog.mu);
}

void access_log_line(const char *fmt, ...)
{
	char line[LINE_MAX_BYTES];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t len = (size_t)n < sizeof(line) - 1 ? (size_t)n : sizeof(line) - 2;
	line[len++] = '\n';
	pthread_mutex_lock(&alog.mu);
	if (alog.len + len > sizeof(alog.buf))
		flush_locked();
	memcpy(alog.buf + alog.len, line, len);
	alog.len += len;
	if (!alog.running)
		flush_locked();
	pthread_mutex_unlock(&alog.mu);
}
