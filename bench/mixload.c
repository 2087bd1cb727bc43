/* P15 load generator: wrk cannot send HEAD (its parser then waits for a body), so the
 * mixed GET/HEAD/PUT/DELETE workload uses this small closed-loop client instead.
 * C connections, one thread each, keep-alive HTTP/1.1 to 127.0.0.1:PORT. Each request
 * picks an operation by weight and round-robins over that operation's paths from FILE
 * ("METHOD path" lines). PUT sends BODY bytes with the given Content-Type.
 * Usage: mixload PORT FILE SECONDS CONNS BODY CONTENT_TYPE W_GET,W_HEAD,W_PUT,W_DELETE
 * Prints one JSON line: requests, errors, ops per second, latency percentiles (µs). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { GET, HEAD, PUT, DEL, NOPS };
static const char *names[NOPS] = {"GET", "HEAD", "PUT", "DELETE"};
static char **paths[NOPS];
static int npaths[NOPS];
static int port, conns;
static double seconds, cum[NOPS];
static size_t bodylen;
static char *body, *ctype;
static atomic_int stop_flag;
static atomic_long errors, reconnects, counts[NOPS], bytes_in;

typedef struct { unsigned *lat; long n, cap; unsigned seed; int id; } worker_t;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int dial(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n) { ssize_t w = send(fd, p, n, MSG_NOSIGNAL); if (w <= 0) return -1; p += w; n -= w; }
    return 0;
}

/* Reads one response; returns status or -1. Handles Content-Length bodies only
 * (and none for HEAD / 204 / 304). */
static int read_response(int fd, int head, char *buf, size_t cap) {
    size_t have = 0;
    char *end = NULL;
    while (!end) {
        if (have == cap) return -1;
        ssize_t r = recv(fd, buf + have, cap - have, 0);
        if (r <= 0) return -1;
        have += r;
        buf[have] = 0;
        end = memmem(buf, have, "\r\n\r\n", 4);
    }
    int status = atoi(buf + 9);
    size_t hdr = end + 4 - buf;
    long clen = 0;
    for (char *p = buf; p < end; p++) {
        if ((*p == '\n') && strncasecmp(p + 1, "content-length:", 15) == 0) clen = atol(p + 16);
        if ((*p == '\n') && strncasecmp(p + 1, "transfer-encoding:", 18) == 0) return -1;
    }
    if (head || status == 204 || status == 304) clen = 0;
    long left = clen - (long)(have - hdr);
    atomic_fetch_add(&bytes_in, (long)have);
    while (left > 0) {
        ssize_t r = recv(fd, buf, cap < (size_t)left ? cap : (size_t)left, 0);
        if (r <= 0) return -1;
        left -= r;
        atomic_fetch_add(&bytes_in, r);
    }
    return status;
}

static void *run(void *arg) {
    worker_t *w = arg;
    size_t cap = 1 << 20;
    char *buf = malloc(cap + 1), req[8192];
    int idx[NOPS] = {0};
    for (int k = 0; k < NOPS; k++) idx[k] = (w->id * 13) % (npaths[k] ? npaths[k] : 1);
    int fd = dial();
    while (!atomic_load(&stop_flag)) {
        if (fd < 0) { fd = dial(); atomic_fetch_add(&reconnects, 1); if (fd < 0) { usleep(1000); continue; } }
        double r = rand_r(&w->seed) / (RAND_MAX + 1.0);
        int op = DEL;
        for (int k = 0; k < NOPS; k++) if (r < cum[k]) { op = k; break; }
        if (!npaths[op]) continue;
        const char *path = paths[op][idx[op]];
        idx[op] = (idx[op] + 1) % npaths[op];
        int n;
        if (op == PUT)
            n = snprintf(req, sizeof req, "PUT %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                         path, port, ctype, bodylen);
        else
            n = snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", names[op], path, port);
        double t0 = now();
        int st = -1;
        if (send_all(fd, req, n) == 0 && (op != PUT || send_all(fd, body, bodylen) == 0))
            st = read_response(fd, op == HEAD, buf, cap);
        double t1 = now();
        if (st < 0) { close(fd); fd = -1; atomic_fetch_add(&errors, 1); continue; }
        if (st >= 300) atomic_fetch_add(&errors, 1);
        atomic_fetch_add(&counts[op], 1);
        if (w->n == w->cap) { w->cap = w->cap ? w->cap * 2 : 65536; w->lat = realloc(w->lat, w->cap * sizeof *w->lat); }
        w->lat[w->n++] = (unsigned)((t1 - t0) * 1e6);
    }
    if (fd >= 0) close(fd);
    free(buf);
    return NULL;
}

static int cmpu(const void *a, const void *b) { unsigned x = *(unsigned *)a, y = *(unsigned *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
    if (argc < 8) { fprintf(stderr, "usage: %s PORT FILE SECONDS CONNS BODY CONTENT_TYPE WEIGHTS\n", argv[0]); return 2; }
    port = atoi(argv[1]); seconds = atof(argv[3]); conns = atoi(argv[4]); bodylen = atol(argv[5]); ctype = argv[6];
    double wsum = 0, wv[NOPS] = {0};
    sscanf(argv[7], "%lf,%lf,%lf,%lf", &wv[0], &wv[1], &wv[2], &wv[3]);
    for (int k = 0; k < NOPS; k++) { wsum += wv[k]; cum[k] = wsum; }
    for (int k = 0; k < NOPS; k++) cum[k] /= wsum;
    FILE *f = fopen(argv[2], "r");
    if (!f) { perror("open"); return 1; }
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *sp = strchr(line, ' ');
        if (!sp) continue;
        *sp = 0;
        for (int k = 0; k < NOPS; k++) if (strcmp(line, names[k]) == 0) {
            paths[k] = realloc(paths[k], (npaths[k] + 1) * sizeof(char *));
            paths[k][npaths[k]++] = strdup(sp + 1);
        }
    }
    fclose(f);
    body = malloc(bodylen + 1);
    for (size_t i = 0; i < bodylen; i++) body[i] = (char)(i * 37 + 11);
    worker_t *ws = calloc(conns, sizeof *ws);
    pthread_t *t = calloc(conns, sizeof *t);
    double t0 = now();
    for (int i = 0; i < conns; i++) { ws[i].seed = 1234 + i; ws[i].id = i; pthread_create(&t[i], NULL, run, &ws[i]); }
    struct timespec ts = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
    nanosleep(&ts, NULL);
    atomic_store(&stop_flag, 1);
    long total = 0;
    for (int i = 0; i < conns; i++) { pthread_join(t[i], NULL); total += ws[i].n; }
    double el = now() - t0;
    unsigned *all = malloc((total + 1) * sizeof *all);
    long k = 0;
    for (int i = 0; i < conns; i++) { memcpy(all + k, ws[i].lat, ws[i].n * sizeof *all); k += ws[i].n; }
    qsort(all, total, sizeof *all, cmpu);
#define PCT(p) (total ? all[(long)((p) / 100.0 * (total - 1))] : 0)
    printf("{\"requests\": %ld, \"seconds\": %.3f, \"ops_per_s\": %.1f, \"errors\": %ld, \"reconnects\": %ld, "
           "\"get\": %ld, \"head\": %ld, \"put\": %ld, \"delete\": %ld, \"bytes_in\": %ld, "
           "\"p50_us\": %u, \"p90_us\": %u, \"p99_us\": %u, \"p999_us\": %u, \"max_us\": %u}\n",
           total, el, total / el, atomic_load(&errors), atomic_load(&reconnects), atomic_load(&counts[GET]),
           atomic_load(&counts[HEAD]), atomic_load(&counts[PUT]), atomic_load(&counts[DEL]), atomic_load(&bytes_in),
           PCT(50), PCT(90), PCT(99), PCT(99.9), total ? all[total - 1] : 0);
    return 0;
}
