/* timeit: runs a command and writes its wall time, CPU and peak RSS to a file.
 *   timeit OUTFILE COMMAND [ARG...]
 * OUTFILE gets one line: "<wall s> <user s> <sys s> <max RSS KiB> <exit status>".
 * The bench times the library and the curl floor with this one tool, so both
 * are measured alike. GNU time prints seconds to 1/100, too coarse for
 * workloads of 0.1 s; this prints microseconds (wait4's rusage, a monotonic
 * clock). bench/run compiles it into its temp dir. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

int main(int argc, char **argv) {
  struct timespec t0, t1;
  struct rusage ru;
  int status = 0;
  pid_t pid;
  FILE *out;

  if (argc < 3) {
    fprintf(stderr, "usage: timeit OUTFILE COMMAND [ARG...]\n");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid = fork();
  if (pid < 0) {
    perror("timeit: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("timeit: exec");
    _exit(127);
  }
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("timeit: wait4");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);

  out = fopen(argv[1], "w");
  if (!out) {
    perror("timeit: output file");
    return 2;
  }
  fprintf(out, "%.6f %.6f %.6f %ld %d\n",
          (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
          seconds(ru.ru_utime), seconds(ru.ru_stime), ru.ru_maxrss,
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  fclose(out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
