/* Reference for P4/P5: the raw cost of a small durable write on this disk.
 * Each of T threads loops: create a temp file, write 4 KiB, fsync it, rename it into
 * place, fsync the directory; for D seconds. Prints one JSON line with files/s.
 * Usage: durable_loop DIR THREADS SECONDS [SIZE]
 * Built by bench/run with gcc -O2 -pthread. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *dir;
static int dirfd_shared;
static size_t size = 4096;
static atomic_int stop_flag;
static atomic_long total;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *worker(void *arg) {
    long id = (long)arg;
    char *buf = malloc(size);
    for (size_t i = 0; i < size; i++) buf[i] = (char)(i * 31 + id);
    char tmp[4096], dst[4096];
    long n = 0;
    while (!atomic_load(&stop_flag)) {
        snprintf(tmp, sizeof tmp, "%s/.tmp-%ld-%ld", dir, id, n);
        snprintf(dst, sizeof dst, "%s/obj-%ld-%ld", dir, id, n % 1024);
        int fd = open(tmp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) { perror("open"); exit(1); }
        if (write(fd, buf, size) != (ssize_t)size) { perror("write"); exit(1); }
        if (fsync(fd) != 0) { perror("fsync"); exit(1); }
        close(fd);
        if (rename(tmp, dst) != 0) { perror("rename"); exit(1); }
        if (fsync(dirfd_shared) != 0) { perror("fsync dir"); exit(1); }
        n++;
        atomic_fetch_add(&total, 1);
    }
    free(buf);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s DIR THREADS SECONDS [SIZE]\n", argv[0]); return 2; }
    dir = argv[1];
    int threads = atoi(argv[2]);
    double seconds = atof(argv[3]);
    if (argc > 4) size = (size_t)atol(argv[4]);
    dirfd_shared = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd_shared < 0) { perror("open dir"); return 1; }
    pthread_t *tids = calloc(threads, sizeof *tids);
    double t0 = now();
    for (long i = 0; i < threads; i++) pthread_create(&tids[i], NULL, worker, (void *)i);
    struct timespec ts = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
    nanosleep(&ts, NULL);
    atomic_store(&stop_flag, 1);
    for (int i = 0; i < threads; i++) pthread_join(tids[i], NULL);
    double el = now() - t0;
    long n = atomic_load(&total);
    printf("{\"files\": %ld, \"seconds\": %.3f, \"files_per_s\": %.1f, \"threads\": %d}\n", n, el, n / el, threads);
    return 0;
}
