/* The engine: every transfer of a Lua state on one libcurl multi handle (see engine.c).
 * Plain C: nothing here calls Lua. */
#ifndef INTERCOM_ENGINE_H
#define INTERCOM_ENGINE_H

#include <stddef.h>

#include <curl/curl.h>

#define IC_MAX_RESPONSE (64u * 1024u * 1024u) /* a larger body is refused, not buffered */

typedef struct {
  char *data;
  size_t len, cap;
  int overflow;
} ic_buf;

typedef struct ic_engine ic_engine;
typedef struct ic_transfer ic_transfer;

enum { IC_IDLE, IC_RUNNING, IC_DONE };

/* One request on the wire. The owner (client.c) gives it a configured easy
 * handle; the engine fills the buffers and the outcome. */
struct ic_transfer {
  CURL *easy;
  ic_engine *engine; /* while running */
  void *owner;       /* the client it belongs to: closing it cancels the transfer */
  ic_buf body, head;
  const char *upload;       /* a POST body, read through a callback (never rewound) */
  size_t upload_len, upload_pos;
  char *owned_body;         /* a copy, for a transfer that outlives the Lua call */
  struct curl_slist *headers; /* a per-request header list the transfer owns (wiped when freed), or NULL */
  int state, https, notify;   /* notify: queue it for Lua when done (a task's) */
  int ref;                    /* the Lua value of a task's transfer, while running */
  CURLcode rc;
  long status;
  const char *kind; /* the failure kind when rc != CURLE_OK */
  char errbuf[CURL_ERROR_SIZE];
  ic_transfer *prev, *next, *done_next;
};

/* CURL_POLL_IN / CURL_POLL_OUT interest of one socket; epoch changes when
 * libcurl drops the socket and a new one gets the same number. */
typedef struct {
  curl_socket_t fd;
  int what;
  unsigned epoch;
} ic_watch;

typedef void (*ic_watch_hook)(void *ud, int fd, int events); /* events 0: stop watching */
typedef void (*ic_timer_hook)(void *ud, long timeout_ms);     /* -1: no timeout */

ic_engine *ic_engine_new(void);
void ic_engine_retain(ic_engine *e);
void ic_engine_release(ic_engine *e);

/* Sets the easy handle's options every transfer shares (callbacks, buffers). */
void ic_transfer_setup(ic_transfer *t, CURL *easy);

/* Starts t: method, url, body (NULL for none; copied when copy_body) and the
 * header list to send. Returns 0, or -1 (t->kind and t->errbuf say why). */
int ic_transfer_start(ic_engine *e, ic_transfer *t, const char *method, const char *url, const char *body,
                      size_t body_len, struct curl_slist *headers, int copy_body);

/* Stops a running transfer; it ends with kind (e.g. "cancelled") and message. */
void ic_transfer_cancel(ic_transfer *t, const char *kind, const char *message);

/* Cancels every running transfer of owner. */
void ic_engine_cancel_owner(ic_engine *e, void *owner, const char *message);

/* Drives t to its end (the blocking call of a plain script). */
void ic_engine_finish(ic_engine *e, ic_transfer *t);

/* Waits for activity at most timeout_ms (0: poll, -1: until some) and acts on it. */
void ic_engine_wait(ic_engine *e, long timeout_ms);

/* A host reports readiness: fd with CURL_CSELECT_* bits, or CURL_SOCKET_TIMEOUT. */
void ic_engine_action(ic_engine *e, curl_socket_t fd, int events);

/* Milliseconds until libcurl wants a timeout action (-1: none). */
long ic_engine_timeout(const ic_engine *e);

/* The sockets to watch; *n gets their number. Valid until the next engine call. */
const ic_watch *ic_engine_watches(const ic_engine *e, int *n);

int ic_engine_running(const ic_engine *e);

int ic_engine_has_finished(const ic_engine *e);

/* How many finished transfers are queued for Lua. */
int ic_engine_count_finished(const ic_engine *e);

/* The next finished transfer with notify set, or NULL. */
ic_transfer *ic_engine_pop_finished(ic_engine *e);

void ic_engine_set_hooks(ic_engine *e, ic_watch_hook watch, ic_timer_hook timer, void *ud);

void ic_buf_free(ic_buf *b);

/* Frees a header list that may hold the Authorization line, each line zeroed first. */
void ic_free_headers(struct curl_slist *list);

#endif
