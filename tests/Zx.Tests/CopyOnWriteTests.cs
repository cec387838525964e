namespace Zx.Tests;

/// <summary>Copy-on-write clones as 2018 had them (<c>zx_vmo_clone</c> COPY_ON_WRITE, <c>zx_vmo_create_child</c>
/// SNAPSHOT_AT_LEAST_ON_WRITE): pages shared until the clone writes them, the parent's later writes seen where the
/// clone has not written, a shared page counted once. The facts are those of vmo_clone_test_2, vmo_clone_test_4,
/// vmo_clone_decommit_test and vmo_clone_commit_test (system/utest/core/vmo).</summary>
// Safety: the pointers are host addresses of mappings the test made and keeps until it unmaps them.
public sealed unsafe class CopyOnWriteTests
{
    private const ulong Page = ZxConstants.PageSize;

    private static ulong ReadWord(TestKernel k, ZxHandle vmo, ulong offset)
    {
        Span<byte> word = stackalloc byte[8];
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoRead(vmo, word, offset));
        return BitConverter.ToUInt64(word);
    }

    private static void WriteWord(TestKernel k, ZxHandle vmo, ulong offset, ulong value) =>
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, BitConverter.GetBytes(value), offset));

    private static ulong Committed(TestKernel k, ZxHandle vmo)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(vmo, ZxInfoTopic.Vmo, out ZxInfoVmo info));
        return info.CommittedBytes;
    }

    /// <summary>A parent of <paramref name="pages"/> pages whose every word holds its own offset.</summary>
    private static ZxHandle FilledParent(TestKernel k, ulong pages, bool resizable = false)
    {
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreate(pages * Page, resizable ? ZxVmoOptions.None : ZxVmoOptions.NonResizable, out ZxHandle vmo));
        var bytes = new byte[pages * Page];
        for (ulong off = 0; off < pages * Page; off += 8)
            BitConverter.TryWriteBytes(bytes.AsSpan((int)off), off);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoWrite(vmo, bytes, 0));
        return vmo;
    }

    [Fact]
    public void ACloneSharesEveryPageUntilItWritesOneAndThenOwnsACopyOfThatPageOnly()
    {
        using var k = new TestKernel();
        ZxHandle vmo = FilledParent(k, 4);
        ulong before = k.Kernel.AllocatedPages;
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, 4 * Page, out ZxHandle clone));
        Assert.Equal(before, k.Kernel.AllocatedPages); // nothing copied at creation
        Assert.Equal(0UL, Committed(k, clone));
        for (ulong off = 0; off < 4 * Page; off += 8)
            Assert.Equal(off, ReadWord(k, clone, off));

        WriteWord(k, clone, 0, 99);
        Assert.Equal(99UL, ReadWord(k, clone, 0));
        for (ulong off = 8; off < Page; off += 8)
            Assert.Equal(off, ReadWord(k, clone, off)); // the rest of the written page came along
        for (ulong off = 0; off < 4 * Page; off += 8)
            Assert.Equal(off, ReadWord(k, vmo, off)); // the parent is untouched
        Assert.Equal(Page, Committed(k, clone));
        Assert.Equal(4 * Page, Committed(k, vmo));
        Assert.Equal(before + 1, k.Kernel.AllocatedPages);

        WriteWord(k, vmo, 2 * Page, 77);                // a page the clone still shares
        Assert.Equal(77UL, ReadWord(k, clone, 2 * Page));
        WriteWord(k, vmo, 0, 55);                       // the page the clone has its own copy of
        Assert.Equal(99UL, ReadWord(k, clone, 0));

        k.Sys.HandleClose(vmo);                         // the parent's pages live on for the clone
        Assert.Equal(77UL, ReadWord(k, clone, 2 * Page));
        k.Sys.HandleClose(clone);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AClonePastItsParentsEndReadsZeroThereAndFollowsTheParentsSize()
    {
        using var k = new TestKernel();
        ZxHandle vmo = FilledParent(k, 4, resizable: true);
        Assert.Equal(ZxStatus.InvalidArgs, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.SnapshotAtLeastOnWrite, 1, 4 * Page, out _));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoCreateChild(vmo, ZxVmoChildOptions.SnapshotAtLeastOnWrite, Page, 4 * Page, out ZxHandle clone));
        for (ulong off = 0; off < 3 * Page; off += 8)
            Assert.Equal(off + Page, ReadWord(k, clone, off));
        for (ulong off = 3 * Page; off < 4 * Page; off += 8)
            Assert.Equal(0UL, ReadWord(k, clone, off)); // past the parent's end

        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, 5 * Page));
        Assert.Equal(0UL, ReadWord(k, clone, 3 * Page)); // the new part is uncommitted in the parent
        WriteWord(k, vmo, 4 * Page, 99);
        Assert.Equal(99UL, ReadWord(k, clone, 3 * Page)); // and shows through once the parent writes it

        Assert.Equal(ZxStatus.Ok, k.Sys.VmoSetSize(vmo, 0));
        for (ulong off = 0; off < 4 * Page; off += 8)
            Assert.Equal(0UL, ReadWord(k, clone, off)); // the clone never wrote: all of it was the parent's
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.Sys.HandleCloseMany([vmo, clone]);
        k.AssertNoLeaks();
    }

    [Fact]
    public void CommitGivesTheCloneACopyAndDecommitShowsTheParentAgain()
    {
        using var k = new TestKernel();
        ZxHandle vmo = k.Vmo(4 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, 4 * Page, out ZxHandle clone));
        WriteWord(k, vmo, 0, 0x9999_9999);
        Assert.Equal(0x9999_9999UL, ReadWord(k, clone, 0));

        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(clone, ZxVmoOp.Commit, 0, Page));
        Assert.Equal(Page, Committed(k, clone));
        Assert.Equal(0x9999_9999UL, ReadWord(k, clone, 0)); // the copy has the parent's bytes
        WriteWord(k, vmo, 0, 1);
        Assert.Equal(0x9999_9999UL, ReadWord(k, clone, 0)); // and is the clone's own from now on
        WriteWord(k, clone, 0, 0);
        Assert.Equal(1UL, ReadWord(k, vmo, 0));

        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(clone, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(0UL, Committed(k, clone));
        Assert.Equal(1UL, ReadWord(k, clone, 0));          // the parent's page shows again
        WriteWord(k, clone, 0, 100);                        // and is copied again on the next write
        Assert.Equal(100UL, ReadWord(k, clone, 0));
        Assert.Equal(1UL, ReadWord(k, vmo, 0));
        k.Sys.HandleCloseMany([vmo, clone]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void AGrandchildSeesThroughItsParentToTheGrandparent()
    {
        using var k = new TestKernel();
        ZxHandle top = FilledParent(k, 2);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(top, ZxVmoCloneOptions.CopyOnWrite, 0, 2 * Page, out ZxHandle middle));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(middle, ZxVmoCloneOptions.CopyOnWrite, Page, Page, out ZxHandle bottom));
        Assert.Equal(Page, ReadWord(k, bottom, 0));
        WriteWord(k, top, Page, 7);
        Assert.Equal(7UL, ReadWord(k, bottom, 0));
        WriteWord(k, middle, Page, 8);                      // the middle copies the page: the bottom now sees its copy
        Assert.Equal(8UL, ReadWord(k, bottom, 0));
        WriteWord(k, top, Page, 9);
        Assert.Equal(8UL, ReadWord(k, bottom, 0));
        Assert.Equal(2 * Page, Committed(k, top));
        Assert.Equal(Page, Committed(k, middle));
        Assert.Equal(0UL, Committed(k, bottom));
        k.Sys.HandleCloseMany([top, middle]);
        Assert.Equal(8UL, ReadWord(k, bottom, 0));
        k.Sys.HandleClose(bottom);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    /// <summary>Until the fault path exists, a mapping of a clone is a mapping of the clone's own pages: mapping a
    /// range gives the clone a copy of each of its pages (decision 27), so every alias agrees, and a decommit of a
    /// mapped page refills it with the parent's bytes.</summary>
    [Fact]
    public void MappingACloneGivesItItsOwnCopiesThatEveryAliasAgreesOn()
    {
        using var k = new TestKernel();
        ZxHandle root = k.Kernel.FirstProcess.RootVmar;
        ZxHandle vmo = k.Vmo(2 * Page);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, vmo, 0, 2 * Page, out ulong p));
        ((ulong*)p)[0] = 99;
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, 2 * Page, out ZxHandle clone));
        Assert.Equal(99UL, ReadWord(k, clone, 0));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarMap(root, ZxVmOptions.PermRead | ZxVmOptions.PermWrite, 0, clone, 0, 2 * Page, out ulong cp));
        Assert.Equal(2 * Page, Committed(k, clone));
        Assert.Equal(99UL, ((ulong*)cp)[0]);
        ((ulong*)cp)[0] = 100;
        Assert.Equal(99UL, ((ulong*)p)[0]);
        Assert.Equal(100UL, ReadWord(k, clone, 0));

        ((ulong*)p)[0] = 98;
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(clone, ZxVmoOp.Decommit, 0, Page));
        Assert.Equal(98UL, ((ulong*)cp)[0]);                // the mapped page took the parent's bytes again
        Assert.Equal(98UL, ReadWord(k, clone, 0));
        ((ulong*)cp)[0] = 100;
        Assert.Equal(98UL, ((ulong*)p)[0]);

        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, p, 2 * Page));
        Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(root, cp, 2 * Page));
        k.Sys.HandleCloseMany([vmo, clone]);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void CloningAFullyCommitted64MiBVmoCopiesNothingAndTheFirstWriteCopiesOnePage()
    {
        using var k = new TestKernel();
        const ulong size = 64UL << 20;
        ZxHandle vmo = k.Vmo(size);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(vmo, ZxVmoOp.Commit, 0, size));
        ulong committed = k.Kernel.AllocatedPages;
        Assert.Equal(size / Page, committed);
        var clones = new ZxHandle[16];
        for (int i = 0; i < clones.Length; i++)
            Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(vmo, ZxVmoCloneOptions.CopyOnWrite, 0, size, out clones[i]));
        Assert.Equal(committed, k.Kernel.AllocatedPages);
        WriteWord(k, clones[3], 5 * Page + 8, 1);
        Assert.Equal(committed + 1, k.Kernel.AllocatedPages);
        k.Sys.HandleCloseMany(clones);
        k.Sys.HandleClose(vmo);
        Assert.Equal(0UL, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }

    [Fact]
    public void ClosingACloneGivesBackEveryFrameItsWritesCopiedAndNoneOfItsParents()
    {
        using var k = new TestKernel();
        ulong before = k.Kernel.AllocatedPages;
        ZxHandle parent = FilledParent(k, 16);
        Assert.Equal(before + 16, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoClone(parent, ZxVmoCloneOptions.CopyOnWrite, 0, 16 * Page, out ZxHandle clone));
        foreach (ulong page in (ulong[])[0, 3, 7, 8, 15])
            WriteWord(k, clone, page * Page, 0xC0FFEE);
        Assert.Equal(ZxStatus.Ok, k.Sys.VmoOpRange(clone, ZxVmoOp.Decommit, 7 * Page, Page)); // one copy given back early
        Assert.Equal(before + 16 + 4, k.Kernel.AllocatedPages);
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(clone)); // a closed clone: nothing maps it, every frame goes at once
        Assert.Equal(before + 16, k.Kernel.AllocatedPages);
        Assert.Equal(3 * Page, ReadWord(k, parent, 3 * Page)); // the parent's own pages are untouched
        Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(parent));
        Assert.Equal(before, k.Kernel.AllocatedPages);
        k.AssertNoLeaks();
    }
}
