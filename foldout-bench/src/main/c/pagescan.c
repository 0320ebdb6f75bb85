/*
 * The native bar for PageScanBenchmark: map a PostgreSQL relation file and, for every page, read its
 * 24-byte header, check it as the Java readers do, and count the pages whose pd_lsn is past an LSN.
 *
 *   pagescan FILE BLOCK_SIZE LSN [ROUNDS [MODE]]   time ROUNDS scans; MODE: mmap (default), populate,
 *                                                  sequential, willneed, hugepage, pread
 *   pagescan --serve BLOCK_SIZE                    read "LSN FILE" lines on stdin, answer "COUNT" per line
 *
 * LSN is PostgreSQL's text form, e.g. 16/B374D848. Little-endian hosts only (as the server's files are).
 * Build: gcc -O2 -o pagescan pagescan.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum mode { MODE_MMAP, MODE_POPULATE, MODE_SEQUENTIAL, MODE_WILLNEED, MODE_HUGEPAGE, MODE_PREAD };

/* One page header check, the same as the Java readers' fast path. Returns 1 if changed, 0 if not,
 * -1 if the header is implausible (the Java readers then parse the page and name the field). */
static int check(const unsigned char *p, uint64_t since, uint32_t block_size) {
    uint64_t w0, w8;
    uint32_t w16;
    memcpy(&w0, p, 8);
    memcpy(&w8, p + 8, 8);
    memcpy(&w16, p + 16, 4);
    uint64_t lsn = (w0 << 32) | (w0 >> 32);
    uint32_t special = w16 & 0xFFFF, version = w16 >> 16;
    uint32_t flags = (w8 >> 16) & 0xFFFF, lower = (w8 >> 32) & 0xFFFF, upper = (uint32_t)(w8 >> 48);
    if (version != (block_size | 4)) {
        return (w0 | w8 | w16) == 0 ? 0 : -1; /* all-zero header: a new page */
    }
    if ((flags & ~7u) || lower < 24 || lower > upper || upper > special || special > block_size || (special & 7)) {
        return -1;
    }
    return lsn > since;
}

static long scan_mapped(const char *path, uint32_t block_size, uint64_t since, enum mode mode) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return -1; }
    struct stat st;
    if (fstat(fd, &st) != 0) { perror(path); close(fd); return -1; }
    size_t blocks = (size_t) st.st_size / block_size;
    long changed = 0;
    if (blocks == 0) { close(fd); return 0; }
    size_t len = blocks * (size_t) block_size;
    if (mode == MODE_PREAD) {
        unsigned char h[24];
        for (size_t b = 0; b < blocks; b++) {
            if (pread(fd, h, sizeof h, (off_t) (b * block_size)) != (ssize_t) sizeof h) { perror(path); changed = -1; break; }
            int r = check(h, since, block_size);
            if (r < 0) { fprintf(stderr, "%s: block %zu: implausible page header\n", path, b); changed = -1; break; }
            changed += r;
        }
        close(fd);
        return changed;
    }
    unsigned char *m = mmap(NULL, len, PROT_READ, MAP_SHARED | (mode == MODE_POPULATE ? MAP_POPULATE : 0), fd, 0);
    close(fd);
    if (m == MAP_FAILED) { perror("mmap"); return -1; }
    if (mode == MODE_SEQUENTIAL) madvise(m, len, MADV_SEQUENTIAL);
    if (mode == MODE_WILLNEED) madvise(m, len, MADV_WILLNEED);
    if (mode == MODE_HUGEPAGE) madvise(m, len, MADV_HUGEPAGE);
    for (size_t b = 0; b < blocks; b++) {
        int r = check(m + b * block_size, since, block_size);
        if (r < 0) { fprintf(stderr, "%s: block %zu: implausible page header\n", path, b); changed = -1; break; }
        changed += r;
    }
    munmap(m, len);
    return changed;
}

static int parse_lsn(const char *text, uint64_t *out) {
    unsigned int hi, lo;
    if (sscanf(text, "%X/%X", &hi, &lo) != 2) return -1;
    *out = ((uint64_t) hi << 32) | lo;
    return 0;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int serve(uint32_t block_size) {
    char line[8192], lsn_text[64], path[8000];
    while (fgets(line, sizeof line, stdin)) {
        uint64_t since;
        if (sscanf(line, "%63s %7999[^\n]", lsn_text, path) != 2 || parse_lsn(lsn_text, &since) != 0) {
            printf("-1\n");
        } else {
            printf("%ld\n", scan_mapped(path, block_size, since, MODE_MMAP));
        }
        fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--serve") == 0) return serve((uint32_t) atoi(argv[2]));
    if (argc < 4) {
        fprintf(stderr, "usage: %s FILE BLOCK_SIZE LSN [ROUNDS [MODE]] | --serve BLOCK_SIZE\n", argv[0]);
        return 2;
    }
    uint32_t block_size = (uint32_t) atoi(argv[2]);
    uint64_t since;
    if (parse_lsn(argv[3], &since) != 0) { fprintf(stderr, "not an LSN: %s\n", argv[3]); return 2; }
    int rounds = argc > 4 ? atoi(argv[4]) : 10;
    const char *names[] = { "mmap", "populate", "sequential", "willneed", "hugepage", "pread" };
    enum mode mode = MODE_MMAP;
    if (argc > 5) {
        for (int i = 0; i < 6; i++) if (strcmp(argv[5], names[i]) == 0) mode = (enum mode) i;
    }
    struct stat st;
    if (stat(argv[1], &st) != 0) { perror(argv[1]); return 1; }
    double best = 1e18;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_ms();
        long changed = scan_mapped(argv[1], block_size, since, mode);
        double ms = now_ms() - t0;
        if (changed < 0) return 1;
        if (ms < best) best = ms;
        printf("%s round %d: %ld changed, %.2f ms, %.2f GB/s\n", names[mode], r, changed, ms, st.st_size / ms / 1e6);
    }
    printf("%s best: %.2f ms, %.2f GB/s\n", names[mode], best, st.st_size / best / 1e6);
    return 0;
}
