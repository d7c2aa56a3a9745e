/* LD_PRELOAD helper for spec/hardening_request_spec.lua: counts the blocks
 * freed while they still hold the string in $FREE_SCAN_MARKER (a secret that
 * should have been scrubbed first), and reports the count at exit. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void __libc_free(void *);

static const char *marker;
static size_t marker_len;
static int ready;
static unsigned long hits;

void free(void *p) {
  if (p && !ready) {
    marker = getenv("FREE_SCAN_MARKER");
    marker_len = marker ? strlen(marker) : 0;
    ready = 1;
  }
  if (p && marker_len && memmem(p, malloc_usable_size(p), marker, marker_len)) hits++;
  __libc_free(p);
}

__attribute__((destructor)) static void report(void) {
  char line[64];
  int n = snprintf(line, sizeof line, "free_scan: %lu freed block(s)\n", hits);
  if (write(2, line, (size_t)n) < 0) return;
}
