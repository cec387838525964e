#include "zxtest.h"

struct zxtest_case zxtest_cases[ZXTEST_MAX];
int zxtest_count;

int main(int argc, char** argv) {
    int passed = 0, failed = 0;
    for (int i = 0; i < zxtest_count; i++) {
        if (argc > 1 && strstr(zxtest_cases[i].name, argv[1]) == NULL) continue;
        int f = 0;
        printf("[ RUN      ] %s\n", zxtest_cases[i].name);
        fflush(stdout);
        zxtest_cases[i].fn(&f);
        printf(f ? "[  FAILED  ] %s\n" : "[       OK ] %s\n", zxtest_cases[i].name);
        if (f) failed++; else passed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
