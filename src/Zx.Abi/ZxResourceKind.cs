namespace Zx;

/// <summary>Resource kinds (<c>ZX_RSRC_KIND_*</c>), with the September 2018 values (ROOT is 4).</summary>
public enum ZxResourceKind : uint
{
    /// <summary><c>ZX_RSRC_KIND_MMIO</c>: a range of physical addresses.</summary>
    Mmio = 0,
    /// <summary><c>ZX_RSRC_KIND_IRQ</c>: a range of interrupt numbers.</summary>
    Irq = 1,
    /// <summary><c>ZX_RSRC_KIND_IOPORT</c>: a range of x86 I/O ports.</summary>
    IoPort = 2,
    /// <summary><c>ZX_RSRC_KIND_HYPERVISOR</c>.</summary>
    Hypervisor = 3,
    /// <summary><c>ZX_RSRC_KIND_ROOT</c>: the root of all resources.</summary>
    Root = 4,
    /// <summary><c>ZX_RSRC_KIND_VMEX</c>: permits marking VMOs executable.</summary>
    Vmex = 5,
    /// <summary><c>ZX_RSRC_KIND_COUNT</c>: the number of kinds in September 2018 (SMC came later).</summary>
    Count = 6,
}

/// <summary>Resource option flags and masks.</summary>
public static class ZxResourceFlags
{
    /// <summary><c>ZX_RSRC_FLAG_EXCLUSIVE</c>: no other resource may overlap this one's range.</summary>
    public const uint Exclusive = 0x0001_0000;
    /// <summary><c>ZX_RSRC_FLAGS_MASK</c>: every flag bit.</summary>
    public const uint FlagsMask = Exclusive;
    /// <summary><c>ZX_RSRC_KIND_MASK</c>: the low 16 bits of <c>options</c> carry the kind.</summary>
    public const uint KindMask = 0x0000_FFFF;
    /// <summary>The high 16 bits of <c>options</c> carry the flags.</summary>
    public const uint FlagsBits = 0xFFFF_0000;
}
