/* The engine: libcurl's multi interface, driven through its socket API.
 *
 * One multi handle per Lua state carries every transfer, so connections and
 * the DNS cache are shared by all clients and reused between requests. The
 * engine always runs on the socket API (CURLMOPT_SOCKETFUNCTION and
 * TIMERFUNCTION record what libcurl wants watched; curl_multi_socket_action
 * acts on it), whoever waits: the blocking call of a plain script, intercom.step,
 * or a host's own loop (luv, a game loop's poll) reading the same table. One
 * style for all, so the three can be mixed on one engine.
 *
 * libcurl callbacks here only copy bytes or record sockets: no Lua call
 * (which could raise and longjmp through libcurl) ever happens inside one. */
#include "engine.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ic_engine {
  CURLM *multi;
  int refs;
  ic_transfer *running; /* a doubly linked list */
  int nrunning;
  ic_watch *watches;
  int nwatch, capwatch;
  unsigned epoch;
  long long timer_at; /* monotonic microseconds of libcurl's next timeout action; -1: none */
  ic_transfer *done_head, *done_tail; /* finished transfers Lua has not been told of */
  ic_watch_hook watch_hook;
  ic_timer_hook timer_hook;
  void *hook_ud;
  CURLMcode last_mc; /* the last failure of curl_multi_socket_action, until collect() reads it */
};

static long long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- buffers and transfer callbacks (plain C: no Lua here) --------------- */

/* Makes room for at least want bytes in all (and the terminating NUL). */
static int buf_reserve(ic_buf *b, size_t want) {
  char *data;
  if (want + 1 <= b->cap) return 1;
  data = realloc(b->data, want + 1);
  if (!data) return 0;
  b->data = data;
  b->cap = want + 1;
  return 1;
}

static int buf_add(ic_buf *b, const char *p, size_t n) {
  if (b->len + n > IC_MAX_RESPONSE) {
    b->overflow = 1;
    return 0;
  }
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1) cap *= 2;
    if (!buf_reserve(b, cap - 1)) return 0;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 1;
}

void ic_buf_free(ic_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

#define IC_MAX_RESERVE ((size_t)4 * 1024 * 1024)

static size_t on_body(char *p, size_t size, size_t n, void *ud) {
  ic_transfer *t = (ic_transfer *)ud;
  if (t->body.len == 0) { /* a known length: one allocation of the right size */
    curl_off_t length = -1;
    /* up to 4 MB only: a server's word is not memory (100 tasks against one
     * announcing 64 MB would reserve 6.4 GB); doubling does the rest */
    if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK && length > 0 &&
        (curl_off_t)IC_MAX_RESPONSE >= length)
      buf_reserve(&t->body, length > (curl_off_t)IC_MAX_RESERVE ? IC_MAX_RESERVE : (size_t)length);
  }
  return buf_add(&t->body, p, size * n) ? size * n : 0;
}

static size_t on_upload(char *p, size_t size, size_t n, void *ud) {
  ic_transfer *t = (ic_transfer *)ud;
  size_t k = size * n;
  if (k > t->upload_len - t->upload_pos) k = t->upload_len - t->upload_pos;
  memcpy(p, t->upload + t->upload_pos, k);
  t->upload_pos += k;
  return k;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud) {
  ic_transfer *t = (ic_transfer *)ud;
  if (n * size >= 5 && memcmp(p, "HTTP/", 5) == 0) t->head.len = 0; /* keep the last response's */
  return buf_add(&t->head, p, size * n) ? size * n : 0;
}

/* The kind of a transport failure, which decides whether a retry is safe:
 * connect, dns and connect_timeout never reached the server. */
static const char *failure_kind(CURL *easy, CURLcode rc, int https) {
  switch (rc) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return "dns";
  case CURLE_COULDNT_CONNECT:
    return "connect";
  case CURLE_OPERATION_TIMEDOUT: {
    curl_off_t connected = 0;
    curl_easy_getinfo(easy, https ? CURLINFO_APPCONNECT_TIME_T : CURLINFO_CONNECT_TIME_T, &connected);
    return connected == 0 ? "connect_timeout" : "timeout";
  }
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CRL_BADFILE:
  case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_SSL_ENGINE_SETFAILED:
  case CURLE_SSL_ENGINE_INITFAILED:
  case CURLE_USE_SSL_FAILED:
    return "tls";
  case CURLE_GOT_NOTHING:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_PARTIAL_FILE:
  case CURLE_SEND_FAIL_REWIND: /* a dead reused connection, for a body we will not resend */
    return "dropped";
  default:
    return "network";
  }
}

/* memset through a volatile pointer: not a dead store the optimizer drops. */
static void *(*volatile wipe)(void *, int, size_t) = memset;

/* A per-request header list holds a copy of the Authorization line: each
 * line is zeroed before it is freed. */
void ic_free_headers(struct curl_slist *list) {
  struct curl_slist *h;
  for (h = list; h; h = h->next)
    if (h->data) wipe(h->data, 0, strlen(h->data));
  curl_slist_free_all(list);
}

/* Whether libcurl may send this request again on its own (idempotent verbs). */
static int rewindable(const char *method) {
  return strcmp(method, "PUT") == 0 || strcmp(method, "DELETE") == 0 || strcmp(method, "GET") == 0;
}

/* ---- the multi handle's socket and timer callbacks ----------------------- */

static int find_watch(const ic_engine *e, curl_socket_t fd) {
  int i;
  for (i = 0; i < e->nwatch; i++)
    if (e->watches[i].fd == fd) return i;
  return -1;
}

static int on_socket(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp) {
  ic_engine *e = (ic_engine *)userp;
  int i = find_watch(e, fd);
  if (what == CURL_POLL_REMOVE) {
    if (i >= 0) e->watches[i] = e->watches[--e->nwatch];
    if (e->watch_hook) e->watch_hook(e->hook_ud, (int)fd, 0);
    return 0;
  }
  if (i < 0) {
    if (e->nwatch == e->capwatch) {
      int cap = e->capwatch ? e->capwatch * 2 : 8;
      ic_watch *w = realloc(e->watches, (size_t)cap * sizeof *w);
      if (!w) return -1; /* libcurl then fails every transfer on the multi handle */
      e->watches = w;
      e->capwatch = cap;
    }
    i = e->nwatch++;
    e->watches[i].fd = fd;
    e->watches[i].epoch = ++e->epoch;
  }
  e->watches[i].what = what;
  if (e->watch_hook) e->watch_hook(e->hook_ud, (int)fd, what);
  return 0;
}

static int on_timer(CURLM *multi, long timeout_ms, void *userp) {
  ic_engine *e = (ic_engine *)userp;
  e->timer_at = timeout_ms < 0 ? -1 : now_us() + (long long)timeout_ms * 1000;
  if (e->timer_hook) e->timer_hook(e->hook_ud, timeout_ms);
  return 0;
}

/* ---- the engine ---------------------------------------------------------- */

ic_engine *ic_engine_new(void) {
  ic_engine *e = calloc(1, sizeof *e);
  if (!e) return NULL;
  e->multi = curl_multi_init();
  if (!e->multi) {
    free(e);
    return NULL;
  }
  e->refs = 1;
  e->timer_at = -1;
  curl_multi_setopt(e->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
  curl_multi_setopt(e->multi, CURLMOPT_SOCKETDATA, e);
  curl_multi_setopt(e->multi, CURLMOPT_TIMERFUNCTION, on_timer);
  curl_multi_setopt(e->multi, CURLMOPT_TIMERDATA, e);
  return e;
}

void ic_engine_retain(ic_engine *e) {
  e->refs++;
}

/* Owners cancel their transfers before letting go, so none runs here. */
void ic_engine_release(ic_engine *e) {
  if (!e || --e->refs > 0) return;
  curl_multi_cleanup(e->multi);
  free(e->watches);
  free(e);
}

void ic_engine_set_hooks(ic_engine *e, ic_watch_hook watch, ic_timer_hook timer, void *ud) {
  e->watch_hook = watch;
  e->timer_hook = timer;
  e->hook_ud = ud;
}

void ic_transfer_setup(ic_transfer *t, CURL *easy) {
  t->easy = easy;
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(easy, CURLOPT_READFUNCTION, on_upload);
  curl_easy_setopt(easy, CURLOPT_READDATA, t);
}

/* Ends t with rc (kind: its failure kind, or NULL to derive it). */
static void complete(ic_engine *e, ic_transfer *t, CURLcode rc, const char *kind) {
  t->rc = rc;
  if (rc == CURLE_OK) curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &t->status);
  else t->kind = t->body.overflow ? "too_large" : kind ? kind : failure_kind(t->easy, rc, t->https);
  if (t->state == IC_RUNNING) {
    curl_multi_remove_handle(e->multi, t->easy);
    if (t->prev) t->prev->next = t->next;
    else e->running = t->next;
    if (t->next) t->next->prev = t->prev;
    t->prev = t->next = NULL;
    e->nrunning--;
  }
  /* the header list and body are about to go: libcurl must not keep pointers to them */
  curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, NULL);
  ic_free_headers(t->headers);
  t->headers = NULL;
  free(t->owned_body);
  t->owned_body = NULL;
  t->upload = NULL;
  t->state = IC_DONE;
  t->engine = NULL;
  if (t->notify) {
    t->done_next = NULL;
    if (e->done_tail) e->done_tail->done_next = t;
    else e->done_head = t;
    e->done_tail = t;
  }
}

int ic_transfer_start(ic_engine *e, ic_transfer *t, const char *method, const char *url, const char *body,
                      size_t body_len, struct curl_slist *headers, int copy_body) {
  CURL *easy = t->easy;
  CURLMcode mc;
  t->body.len = t->head.len = 0;
  t->body.overflow = t->head.overflow = 0;
  t->errbuf[0] = '\0';
  t->rc = CURLE_OK;
  t->status = 0;
  t->kind = NULL;
  t->https = strncmp(url, "https:", 6) == 0;
  t->state = IC_IDLE;
  if (!body && strcmp(method, "POST") == 0) body = "", body_len = 0;
  if (body && copy_body) { /* a task's call returns before the transfer ends */
    t->owned_body = malloc(body_len + 1);
    if (!t->owned_body) {
      strcpy(t->errbuf, "out of memory");
      complete(e, t, CURLE_OUT_OF_MEMORY, "network");
      return -1;
    }
    memcpy(t->owned_body, body, body_len);
    t->owned_body[body_len] = '\0';
    body = t->owned_body;
  }
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, NULL);
  if (!body) {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, strcmp(method, "GET") == 0 ? NULL : method);
  } else {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, strcmp(method, "POST") == 0 ? NULL : method);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    if (rewindable(method)) {
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body);
    } else {
      /* libcurl silently resends a request once when a kept-alive connection
       * turns out dead, if it can rewind the body. A POST may then run twice
       * (the API has no idempotency keys), so its body goes through a read
       * callback with no seek callback: libcurl cannot rewind it and reports
       * the failure instead (CURLE_SEND_FAIL_REWIND). */
      t->upload = body;
      t->upload_len = body_len;
      t->upload_pos = 0;
    }
  }
  mc = curl_multi_add_handle(e->multi, easy);
  if (mc != CURLM_OK) {
    strncpy(t->errbuf, curl_multi_strerror(mc), CURL_ERROR_SIZE - 1);
    t->errbuf[CURL_ERROR_SIZE - 1] = '\0';
    complete(e, t, CURLE_FAILED_INIT, "network");
    return -1;
  }
  t->state = IC_RUNNING;
  t->engine = e;
  t->prev = NULL;
  t->next = e->running;
  if (e->running) e->running->prev = t;
  e->running = t;
  e->nrunning++;
  return 0;
}

void ic_transfer_cancel(ic_transfer *t, const char *kind, const char *message) {
  if (t->state != IC_RUNNING) return;
  strncpy(t->errbuf, message, CURL_ERROR_SIZE - 1);
  t->errbuf[CURL_ERROR_SIZE - 1] = '\0';
  complete(t->engine, t, CURLE_ABORTED_BY_CALLBACK, kind);
}

void ic_engine_cancel_owner(ic_engine *e, void *owner, const char *message) {
  ic_transfer *t = e->running, *next;
  for (; t; t = next) {
    next = t->next;
    if (t->owner == owner) ic_transfer_cancel(t, "cancelled", message);
  }
}

/* Reads libcurl's messages: every transfer that ended. */
static void collect(ic_engine *e) {
  CURLMsg *m;
  int left;
  while ((m = curl_multi_info_read(e->multi, &left)) != NULL) {
    ic_transfer *t = NULL;
    CURLcode rc;
    if (m->msg != CURLMSG_DONE) continue;
    rc = m->data.result; /* m is gone once the handle is removed */
    curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
    if (t && t->state == IC_RUNNING) {
      if (rc != CURLE_OK && e->last_mc != CURLM_OK && !t->errbuf[0])
        snprintf(t->errbuf, CURL_ERROR_SIZE, "%s", curl_multi_strerror(e->last_mc));
      complete(e, t, rc, NULL);
    }
  }
  e->last_mc = CURLM_OK;
}

static void act(ic_engine *e, curl_socket_t fd, int events) {
  int running;
  CURLMcode mc = curl_multi_socket_action(e->multi, fd, events, &running);
  /* kept for the message of the transfers that fail with it (a socket
   * callback's -1 fails them all); a stale descriptor from a host is no news */
  if (mc != CURLM_OK && mc != CURLM_BAD_SOCKET) e->last_mc = mc;
}

/* libcurl's timeout, if it is due. */
static void act_on_timer(ic_engine *e) {
  if (e->timer_at >= 0 && now_us() >= e->timer_at) {
    e->timer_at = -1;
    act(e, CURL_SOCKET_TIMEOUT, 0);
  }
}

long ic_engine_timeout(const ic_engine *e) {
  long long left;
  if (e->timer_at < 0) return -1;
  left = e->timer_at - now_us();
  return left <= 0 ? 0 : (long)((left + 999) / 1000); /* round up: never wake before it is due */
}

#define STACK_FDS 32

void ic_engine_wait(ic_engine *e, long timeout_ms) {
  struct pollfd stack[STACK_FDS], *fds = stack;
  int n = e->nwatch, i, ready;
  long wait = timeout_ms, timer = ic_engine_timeout(e);

  if (timer >= 0 && (wait < 0 || timer < wait)) wait = timer;
  if (wait < 0) wait = (n > 0 || e->nrunning > 0) ? 1000 : 0; /* never block for nothing */
  if (wait > INT_MAX) wait = INT_MAX; /* poll takes an int: a wrapped value could be negative, forever */
  if (n > STACK_FDS) {
    fds = malloc((size_t)n * sizeof *fds);
    if (!fds) {
      fds = stack;
      n = STACK_FDS;
    }
  }
  for (i = 0; i < n; i++) {
    fds[i].fd = e->watches[i].fd;
    fds[i].events = (short)(((e->watches[i].what & CURL_POLL_IN) ? POLLIN : 0) |
                            ((e->watches[i].what & CURL_POLL_OUT) ? POLLOUT : 0));
    fds[i].revents = 0;
  }
  ready = (n == 0 && wait == 0) ? 0 : poll(fds, (nfds_t)n, (int)wait); /* nothing to ask: no syscall */
  /* fds is a copy: libcurl may change the watch list while we act */
  for (i = 0; ready > 0 && i < n; i++) {
    short r = fds[i].revents;
    if (!r) continue;
    act(e, fds[i].fd,
        ((r & (POLLIN | POLLHUP)) ? CURL_CSELECT_IN : 0) | ((r & POLLOUT) ? CURL_CSELECT_OUT : 0) |
            ((r & (POLLERR | POLLNVAL)) ? CURL_CSELECT_ERR : 0));
  }
  if (fds != stack) free(fds);
  act_on_timer(e);
  collect(e);
}

void ic_engine_finish(ic_engine *e, ic_transfer *t) {
  while (t->state == IC_RUNNING) ic_engine_wait(e, 1000);
}

void ic_engine_action(ic_engine *e, curl_socket_t fd, int events) {
  if (fd == CURL_SOCKET_TIMEOUT) {
    e->timer_at = -1;
    act(e, CURL_SOCKET_TIMEOUT, 0);
  } else {
    act(e, fd, events);
    act_on_timer(e);
  }
  collect(e);
}

const ic_watch *ic_engine_watches(const ic_engine *e, int *n) {
  *n = e->nwatch;
  return e->watches;
}

int ic_engine_running(const ic_engine *e) {
  return e->nrunning;
}

int ic_engine_has_finished(const ic_engine *e) {
  return e->done_head != NULL;
}

int ic_engine_count_finished(const ic_engine *e) {
  const ic_transfer *t;
  int n = 0;
  for (t = e->done_head; t; t = t->done_next) n++;
  return n;
}

ic_transfer *ic_engine_pop_finished(ic_engine *e) {
  ic_transfer *t = e->done_head;
  if (!t) return NULL;
  e->done_head = t->done_next;
  if (!e->done_head) e->done_tail = NULL;
  t->done_next = NULL;
  return t;
}
