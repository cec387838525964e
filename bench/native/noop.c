// The floor of a C call into a shared library: a function that does nothing but write its out parameter, built as
// libzxnoop.so and called the way a program calls libzircon.so (linked through the PLT, or through dlsym's pointer).
#include <stdint.h>

__attribute__((visibility("default"), noinline)) int zxnoop_call(uint32_t handle, uint32_t rights, uint32_t* out) {
    __asm__ volatile("" ::: "memory");
    *out = handle ^ rights;
    return 0;
}
