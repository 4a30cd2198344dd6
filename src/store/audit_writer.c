/* audit_writer.c: batched audit rows of reads (see audit_writer.h). */
#include "store/audit_writer.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"
#include "base/util.h"
#include "store/store.h"

struct entry {
	struct entry *next;
	struct actor who; /* strings point into text[] */
	const char *action, *entity, *detail;
	int64_t entity_id;
	bool durable;
	int rc;         /* a durable entry's commit result, set by the writer */
	uint64_t batch; /* set when queued: the batch that will carry it */
	char text[];
};

struct audit_writer {
	struct db *db;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake, done, stop;
	struct entry *head, **tail;
	size_t queued;
	uint64_t batch;     /* the batch being filled */
	uint64_t committed; /* every batch below this one is finished */
	int failing;        /* the error of the last batch if it failed (a full disk), else 0 */
	bool stopping;
};

static char *put(char **p, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	memcpy(*p, s, n);
	char *out = *p;
	*p += n;
	return out;
}

static size_t len0(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* The logger's connection is taken for each batch and given back after it, so that a
 * connection the database server dropped (a PostgreSQL restart or failover) is made again
 * on release, and the retry of the batch goes through the new one. */
static int write_batch(struct audit_writer *w, struct entry *list)
{
	struct dbconn *c = db_acquire_logger(w->db);
	/* Deferred: the batch writes only the view log, and must not hold the database's
	 * write lock while it does. */
	int rc = db_begin_deferred(c);
	for (struct entry *e = list; !rc && e; e = e->next)
		rc = store_audit_view(c, &e->who, e->action, e->entity, e->entity_id, e->detail);
	if (!rc)
		rc = store_commit(c);
	if (rc) {
		store_rollback(c);
		log_error("audit: a batch of view rows failed to commit (%s)", k_strerror(rc));
	}
	db_release(w->db, c);
	return rc;
}

static void *writer_main(void *arg)
{
	struct audit_writer *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->wake, &w->mu);
		if (!w->head && w->stopping)
			break;
		/* Let a batch gather for a moment unless someone is waiting on it. */
		bool urgent = false;
		for (struct entry *e = w->head; e; e = e->next)
			urgent |= e->durable;
		if (!urgent && !w->stopping) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += AUDIT_FLUSH_MS * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&w->wake, &w->mu, &ts);
		}
		struct entry *list = w->head;
		bool stopping = w->stopping;
		uint64_t batch = w->batch++;
		w->head = NULL;
		w->tail = &w->head;
		w->queued = 0;
		pthread_mutex_unlock(&w->mu);

		int rc = write_batch(w, list);
		/* Rows of a batch that failed (a full disk) are kept and tried again, never
		 * dropped: only a durable entry's caller is told, and refuses its view. */
		struct entry *retry = NULL, **retry_tail = &retry;
		size_t nretry = 0, lost = 0;
		while (list) {
			struct entry *next = list->next;
			/* A durable entry belongs to its waiting caller, who frees it once the
			 * batch is marked committed below. */
			if (list->durable) {
				list->rc = rc;
			} else if (rc && !stopping) {
				list->next = NULL;
				*retry_tail = list;
				retry_tail = &list->next;
				nretry++;
			} else {
				lost += rc != 0;
				free(list);
			}
			list = next;
		}
		if (lost)
			log_error("audit: %zu view rows could not be written before the stop (%s)",
				  lost, k_strerror(rc));
		pthread_mutex_lock(&w->mu);
		w->committed = batch + 1;
		w->failing = rc;
		pthread_cond_broadcast(&w->done);
		if (retry) {
			*retry_tail = w->head;
			if (!w->head)
				w->tail = retry_tail;
			w->head = retry;
			w->queued += nretry;
			/* Wait a moment before trying again, unless asked to stop. */
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += AUDIT_RETRY_S;
			while (!w->stopping &&
			       pthread_cond_timedwait(&w->stop, &w->mu, &ts) != ETIMEDOUT)
				;
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int audit_writer_start(struct db *db, struct audit_writer **out)
{
	struct audit_writer *w = calloc(1, sizeof(*w));
	if (!w)
		return K_ENOMEM;
	w->db = db;
	w->tail = &w->head;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->done, NULL);
	pthread_cond_init(&w->stop, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w)) {
		free(w);
		return K_ENOMEM;
	}
	*out = w;
	return 0;
}

void audit_writer_stop(struct audit_writer *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_signal(&w->wake);
	pthread_cond_signal(&w->stop);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->done);
	pthread_cond_destroy(&w->stop);
	free(w);
}

int audit_writer_log(struct audit_writer *w, const struct actor *who, const char *action,
		     const char *entity, int64_t entity_id, const char *detail, bool durable)
{
	size_t n = len0(who->login) + len0(who->addr) + len0(action) + len0(entity) + len0(detail);
	struct entry *e = malloc(sizeof(*e) + n);
	if (!e)
		return K_ENOMEM;
	char *p = e->text;
	e->next = NULL;
	e->who =
	    (struct actor){ .user_id = who->user_id, .org_id = who->org_id, .role = who->role };
	e->who.login = put(&p, who->login);
	e->who.addr = put(&p, who->addr);
	e->action = put(&p, action);
	e->entity = put(&p, entity);
	e->detail = put(&p, detail);
	e->entity_id = entity_id;
	e->durable = durable;

	pthread_mutex_lock(&w->mu);
	/* While batches fail and the queue is full, a view is refused rather than shown
	 * without its row. */
	if (w->failing && w->queued >= AUDIT_QUEUE_MAX) {
		int rc = w->failing;
		pthread_mutex_unlock(&w->mu);
		free(e);
		return rc;
	}
	while (w->queued >= AUDIT_QUEUE_MAX && !w->stopping)
		pthread_cond_wait(&w->done, &w->mu);
	e->batch = w->batch;
	*w->tail = e;
	w->tail = &e->next;
	w->queued++;
	if (durable || w->queued == 1)
		pthread_cond_signal(&w->wake);
	int rc = 0;
	if (durable) {
		while (w->committed <= e->batch)
			pthread_cond_wait(&w->done, &w->mu);
		rc = e->rc;
		free(e);
	}
	pthread_mutex_unlock(&w->mu);
	return rc;
}
