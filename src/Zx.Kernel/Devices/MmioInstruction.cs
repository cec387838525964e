namespace Zx.Kernel.Devices;

/// <summary>One x86-64 instruction that touched a device register, decoded far enough to emulate it: which way the
/// data goes, how wide the access is, which register (or immediate) holds or takes the value, and how long the
/// instruction is. The address comes from the fault, so the addressing bytes are only measured, never evaluated.</summary>
/// <remarks>Supported (what a C compiler emits for <c>volatile</c> accesses at -O0 to -O2): <c>mov</c> between a
/// register and memory (88, 89, 8A, 8B), <c>mov</c> of an immediate to memory (C6, C7), <c>movzx</c> and <c>movsx</c>
/// from memory (0F B6, 0F B7, 0F BE, 0F BF) and <c>movsxd</c> (63), with the operand-size, segment and address-size
/// prefixes and REX. Anything else (SSE moves, read-modify-write instructions such as <c>or</c> to memory, string
/// moves) is not emulated: the access becomes the thread's exception, with a report that says so.</remarks>
internal readonly record struct MmioInstruction(bool IsStore, int Width, int Register, bool HighByte, ulong? Immediate, int DestinationWidth,
    bool SignExtend, int Length)
{
    /// <summary>x86 register numbers (0 rax, 1 rcx, 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi, 7 rdi, 8-15 r8-r15) to the index
    /// in <c>zx_thread_state_general_regs_t</c> (rax rbx rcx rdx rsi rdi rbp rsp r8-r15 rip rflags).</summary>
    private static readonly int[] RegisterIndex = [0, 2, 3, 1, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15];

    /// <summary>The index of rip in the general registers.</summary>
    public const int Rip = 16;

    /// <summary>Decodes the instruction in <paramref name="code"/> (the bytes at the faulting instruction, up to 15);
    /// null when it is not one the emulator handles.</summary>
    public static MmioInstruction? Decode(ReadOnlySpan<byte> code)
    {
        int at = 0;
        bool operandSize16 = false;
        int rex = 0;
        while (at < code.Length)
        {
            byte b = code[at];
            if (b == 0x66)
                operandSize16 = true;
            else if (b is 0x67 or 0x2E or 0x36 or 0x3E or 0x26 or 0x64 or 0x65)
            {
                // address size and segments change only the address, which the fault gave
            }
            else
                break;
            at++;
        }
        if (at < code.Length && code[at] is >= 0x40 and <= 0x4F)
            rex = code[at++];
        if (at >= code.Length)
            return null;
        bool w = (rex & 8) != 0;
        int wide = w ? 8 : operandSize16 ? 2 : 4;
        byte opcode = code[at++];
        bool twoByte = opcode == 0x0F;
        if (twoByte)
        {
            if (at >= code.Length)
                return null;
            opcode = code[at++];
        }
        (bool store, int width, int destWidth, bool signExtend, int immediateSize) kind;
        if (!twoByte)
        {
            switch (opcode)
            {
                case 0x88: kind = (true, 1, 1, false, 0); break;
                case 0x89: kind = (true, wide, wide, false, 0); break;
                case 0x8A: kind = (false, 1, 1, false, 0); break;
                case 0x8B: kind = (false, wide, wide, false, 0); break;
                case 0xC6: kind = (true, 1, 1, false, 1); break;
                case 0xC7: kind = (true, wide, wide, false, wide == 2 ? 2 : 4); break;
                case 0x63 when w: kind = (false, 4, 8, true, 0); break;
                default: return null;
            }
        }
        else
        {
            switch (opcode)
            {
                case 0xB6: kind = (false, 1, wide, false, 0); break;
                case 0xB7: kind = (false, 2, wide, false, 0); break;
                case 0xBE: kind = (false, 1, wide, true, 0); break;
                case 0xBF: kind = (false, 2, wide, true, 0); break;
                default: return null;
            }
        }
        if (at >= code.Length)
            return null;
        byte modrm = code[at++];
        int mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
        if (mod == 3)
            return null; // a register operand: not a memory access
        if ((opcode is 0xC6 or 0xC7) && !twoByte && reg != 0)
            return null;
        if (rm == 4)
        {
            if (at >= code.Length)
                return null;
            byte sib = code[at++];
            if (mod == 0 && (sib & 7) == 5)
                at += 4;
        }
        else if (mod == 0 && rm == 5)
            at += 4; // rip-relative
        at += mod == 1 ? 1 : mod == 2 ? 4 : 0;
        ulong? immediate = null;
        if (kind.immediateSize > 0)
        {
            if (at + kind.immediateSize > code.Length)
                return null;
            ulong raw = kind.immediateSize switch
            {
                1 => code[at],
                2 => BitConverter.ToUInt16(code.Slice(at, 2)),
                _ => (ulong)(long)BitConverter.ToInt32(code.Slice(at, 4)), // imm32 sign-extends to 64 bits
            };
            immediate = raw;
            at += kind.immediateSize;
        }
        if (at > code.Length || at > 15)
            return null;
        int register = reg | ((rex & 4) << 1);
        bool highByte = kind.width == 1 && !twoByte && rex == 0 && register is >= 4 and <= 7 && opcode is 0x88 or 0x8A;
        return new MmioInstruction(kind.store, kind.width, highByte ? register - 4 : register, highByte, immediate, kind.destWidth, kind.signExtend, at);
    }

    /// <summary>The value a store writes (from its register or immediate), cut to the access's width.</summary>
    public unsafe ulong StoredValue(ulong* registers)
    {
        ulong value = Immediate ?? registers[RegisterIndex[Register]] >> (HighByte ? 8 : 0);
        return Width >= 8 ? value : value & ((1UL << (8 * Width)) - 1);
    }

    /// <summary>Puts a load's <paramref name="value"/> (of <see cref="Width"/> bytes) into its register as the
    /// instruction would: zero- or sign-extended to the destination's width; a 32-bit destination clears the upper
    /// half, 8- and 16-bit ones keep the rest of the register.</summary>
    public unsafe void Load(ulong* registers, ulong value)
    {
        if (SignExtend)
            value = Width == 1 ? (ulong)(long)(sbyte)value : Width == 2 ? (ulong)(long)(short)value : (ulong)(long)(int)value;
        ref ulong target = ref registers[RegisterIndex[Register]];
        switch (DestinationWidth)
        {
            case 8: target = value; break;
            case 4: target = (uint)value; break;
            case 2: target = (target & ~0xFFFFUL) | (value & 0xFFFF); break;
            default:
                int shift = HighByte ? 8 : 0;
                target = (target & ~(0xFFUL << shift)) | ((value & 0xFF) << shift);
                break;
        }
    }
}
