namespace Zx.Tests;

/// <summary>The debug serial console (<c>zx_debug_write</c>, <c>zx_debug_read</c>) on streams the test gives the kernel.</summary>
public sealed unsafe class DebugConsoleTests
{
    [Fact]
    public void WritesGoToTheConsoleAtMost256BytesAtATime()
    {
        using var k = new TestKernel();
        using var output = new MemoryStream();
        k.Kernel.DebugConsoleOut = output;
        byte[] text = [.. Enumerable.Range(0, 300).Select(i => (byte)('a' + i % 26))];
        fixed (byte* p = text)
            Assert.Equal(ZxStatus.Ok, k.Sys.DebugWrite(p, (nuint)text.Length));
        Assert.Equal(text[..256], output.ToArray());
    }

    [Fact]
    public void ReadsTakeWhatWasAskedForTurningReturnsIntoNewlinesAndStopAtTheEnd()
    {
        using var k = new TestKernel();
        k.Kernel.DebugConsoleIn = new MemoryStream("ab\rcdef"u8.ToArray());
        var buffer = new byte[8];
        nuint size = 4;
        fixed (byte* p = buffer)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.DebugRead(k.Root, p, &size));
            Assert.Equal((nuint)4, size);
            Assert.Equal("ab\nc"u8.ToArray(), buffer[..4]);
            size = 8;
            Assert.Equal(ZxStatus.Ok, k.Sys.DebugRead(k.Root, p, &size));
            Assert.Equal((nuint)3, size); // the input ended
            Assert.Equal("def"u8.ToArray(), buffer[..3]);
        }
    }
}
