// Zx's user-copy routines: every load from and store to memory that the code under test named goes through one of
// these. Each has exactly one instruction that may fault on a user address (its "_fault" label) and a recovery
// point (its "_fixup" label). The fault handler in user_copy_handler.c looks the faulting instruction up in that
// table and resumes at the recovery point, so a wild pointer makes the routine return a failure instead of killing
// the host: the technique of Zircon's exception table for copy_to_user/copy_from_user.
//
// The routines clobber only caller-saved registers and touch no stack, so the handler needs nothing but the
// instruction pointer to recover.

#if !defined(__x86_64__)
#error "user_copy.S is written for x86-64"
#endif

    .text

// size_t zxhost_copy(void* dst, const void* src, size_t len): 0 when every byte was copied, else the number of
// bytes left when a fault stopped it (bytes before the fault are copied, as the kernel's copy would).
    .p2align 4
    .globl zxhost_copy
    .type zxhost_copy, @function
zxhost_copy:
    mov %rdx, %rcx
    .globl zxhost_copy_fault
    .hidden zxhost_copy_fault
zxhost_copy_fault:
    rep movsb
    xor %eax, %eax
    ret
    .globl zxhost_copy_fixup
    .hidden zxhost_copy_fixup
zxhost_copy_fixup:
    mov %rcx, %rax
    ret
    .size zxhost_copy, . - zxhost_copy

// size_t zxhost_zero(void* dst, size_t len): 0 when every byte was cleared, else the number of bytes left when a
// fault stopped it.
    .p2align 4
    .globl zxhost_zero
    .type zxhost_zero, @function
zxhost_zero:
    mov %rsi, %rcx
    xor %eax, %eax
    .globl zxhost_zero_fault
    .hidden zxhost_zero_fault
zxhost_zero_fault:
    rep stosb
    ret
    .globl zxhost_zero_fixup
    .hidden zxhost_zero_fixup
zxhost_zero_fixup:
    mov %rcx, %rax
    ret
    .size zxhost_zero, . - zxhost_zero

// int zxhost_write64(uint64_t* dst, uint64_t value): 0, or 1 when dst faulted (nothing written).
    .p2align 4
    .globl zxhost_write64
    .type zxhost_write64, @function
zxhost_write64:
    xor %eax, %eax
    .globl zxhost_write64_fault
    .hidden zxhost_write64_fault
zxhost_write64_fault:
    mov %rsi, (%rdi)
    ret
    .globl zxhost_write64_fixup
    .hidden zxhost_write64_fixup
zxhost_write64_fixup:
    mov $1, %eax
    ret
    .size zxhost_write64, . - zxhost_write64

// int zxhost_write32(uint32_t* dst, uint32_t value): 0, or 1 when dst faulted (nothing written).
    .p2align 4
    .globl zxhost_write32
    .type zxhost_write32, @function
zxhost_write32:
    xor %eax, %eax
    .globl zxhost_write32_fault
    .hidden zxhost_write32_fault
zxhost_write32_fault:
    mov %esi, (%rdi)
    ret
    .globl zxhost_write32_fixup
    .hidden zxhost_write32_fixup
zxhost_write32_fixup:
    mov $1, %eax
    ret
    .size zxhost_write32, . - zxhost_write32

// int zxhost_read64(const uint64_t* src, uint64_t* value): 0, or 1 when src faulted (*value untouched).
    .p2align 4
    .globl zxhost_read64
    .type zxhost_read64, @function
zxhost_read64:
    .globl zxhost_read64_fault
    .hidden zxhost_read64_fault
zxhost_read64_fault:
    mov (%rdi), %rax
    mov %rax, (%rsi)
    xor %eax, %eax
    ret
    .globl zxhost_read64_fixup
    .hidden zxhost_read64_fixup
zxhost_read64_fixup:
    mov $1, %eax
    ret
    .size zxhost_read64, . - zxhost_read64

// int zxhost_read32(const uint32_t* src, uint32_t* value): 0, or 1 when src faulted (*value untouched).
    .p2align 4
    .globl zxhost_read32
    .type zxhost_read32, @function
zxhost_read32:
    .globl zxhost_read32_fault
    .hidden zxhost_read32_fault
zxhost_read32_fault:
    mov (%rdi), %eax
    mov %eax, (%rsi)
    xor %eax, %eax
    ret
    .globl zxhost_read32_fixup
    .hidden zxhost_read32_fixup
zxhost_read32_fixup:
    mov $1, %eax
    ret
    .size zxhost_read32, . - zxhost_read32

    .section .note.GNU-stack, "", @progbits
