#include <sys/wait.h>
#include <unistd.h>
#include "zxtest.h"

struct zxtest_case zxtest_cases[ZXTEST_MAX];
int zxtest_count;

int zxtest_run_helper(const char* name) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl("/proc/self/exe", "zx-c-tests", "--helper", name, (char*)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

int main(int argc, char** argv) {
    if (argc > 2 && strcmp(argv[1], "--helper") == 0) {
        for (int i = 0; i < zxtest_count; i++) {
            if (!zxtest_cases[i].helper || strcmp(zxtest_cases[i].name, argv[2]) != 0) continue;
            int f = 0;
            zxtest_cases[i].fn(&f);
            return f ? 100 : 0;
        }
        return 126;
    }
    int passed = 0, failed = 0;
    for (int i = 0; i < zxtest_count; i++) {
        if (zxtest_cases[i].helper) continue;
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
