/* The libical peer of `rapat-bench ics`: parse an .ics file and serialize it again, printing events/s.
   Build: cc -O2 bench/libical-bench.c -o libical-bench $(pkg-config --cflags --libs libical) */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE.ics\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
    char *text = malloc(size + 1);
    if (fread(text, 1, size, f) != (size_t)size) { perror("read"); return 1; }
    text[size] = 0; fclose(f);
    double t0 = now();
    icalcomponent *cal = icalparser_parse_string(text);
    double t1 = now();
    if (!cal) { fprintf(stderr, "libical could not parse %s\n", argv[1]); return 1; }
    int events = icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
    double t2 = now();
    char *out = icalcomponent_as_ical_string(cal);
    double t3 = now();
    printf("libical parse      %7d  %10.3f  %10.0f\n", events, t1 - t0, events / (t1 - t0));
    printf("libical serialize  %7d  %10.3f  %10.0f  (%zu bytes)\n", events, t3 - t2, events / (t3 - t2), strlen(out));
    icalcomponent_free(cal); free(text);
    return 0;
}
