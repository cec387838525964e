using CsCheck;

namespace Zx.Tests;

/// <summary>Random syscall programs run against the real kernel and a small reference model of handles, rights,
/// resources, VMOs, children and mappings (statuses only, no memory). Every status is compared with the model's,
/// and after every step the invariants are checked: handle count, live objects, ZERO_CHILDREN on every VMO, and
/// that a physical VMO exists only inside its resource's window. A divergence shrinks (CsCheck) to a minimal
/// program, printed with its seed and written to artifacts/test-results/model-divergence.txt.</summary>
public sealed class ModelTests
{
    /// <summary>One step: an operation and small numbers that pick its handles and arguments when it runs (so a
    /// shrunk program stays meaningful).</summary>
    public readonly record struct Step(Op Op, int A, int B, int C, int D)
    {
        public override string ToString() => $"{Op}({A}, {B}, {C}, {D})";
    }

    public enum Op { VmoCreate, ResourceCreate, VmoCreatePhysical, Duplicate, Replace, Close, CreateChild, Map, Unmap, GetInfo, GetSize }

    private enum Kind { Root, Resource, Paged, PagedSlice, Snapshot, Physical, PhysicalSlice }

    private sealed class MObject
    {
        public required Kind Kind { get; init; }
        public ulong Size { get; init; }
        public ulong Base { get; init; }
        public bool Exclusive { get; init; }
        public bool Resizable { get; init; }
        public MObject? Parent { get; init; }
        public ulong Koid { get; init; }
        public int Handles { get; set; }
        public int Mappings { get; set; }
        public int LiveChildren { get; set; }
        public bool Dead { get; set; }
        public bool IsVmo => Kind is not (Kind.Resource or Kind.Root);
        public bool IsResource => !IsVmo;

        // The memory object lives while a handle, a mapping or a live child holds it (children count for
        // ZERO_CHILDREN); the kernel object (what LiveObjectCount counts) lives while a handle names it.
        public bool Alive => Handles > 0 || Mappings > 0 || LiveChildren > 0;
    }

    private const ulong Page = ZxConstants.PageSize;
    private const ulong Window = 0x1000_0000; // the default board's low PCIe MMIO window (0x1000_0000..0x3eff_0000)

    private static readonly Gen<Step> StepGen = Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 15], Gen.Int[0, 15], Gen.Int[0, 15], Gen.Int[0, 15],
        (op, a, b, c, d) => new Step(op, a, b, c, d));

    private static long s_steps;

    [Fact]
    public void RandomProgramsAgreeWithTheModel()
    {
        long before = Interlocked.Read(ref s_steps);
        string? soak = Environment.GetEnvironmentVariable("ZX_SOAK_SECONDS");
        s_smallestFailure = null;
        try
        {
            StepGen.Array[1, 120].Sample(RunRecordingFailures, iter: soak is null ? 2_000 : -1, time: soak is null ? -1 : int.Parse(soak, System.Globalization.CultureInfo.InvariantCulture),
                threads: 1, print: program => string.Join("\n", program.Select(s => s.ToString())));
        }
        catch (CsCheckException e) when (s_smallestFailure is not null)
        {
            Step[] minimal = Minimize(s_smallestFailure);
            string report = $"A random program diverged from the model. Minimal program ({minimal.Length} steps):\n"
                + string.Join("\n", minimal.Select(s => $"    new({s.Op.GetType().Name}.{s.Op}, {s.A}, {s.B}, {s.C}, {s.D}),"))
                + $"\nWhat it does:\n{Failure(minimal)}\n\nCsCheck: {e.Message}";
            File.WriteAllText(Path.Combine(NativeBuild.ResultsDirectory, "model-divergence.txt"), report);
            Assert.Fail(report);
        }
        long steps = Interlocked.Read(ref s_steps) - before;
        File.WriteAllText(Path.Combine(NativeBuild.ResultsDirectory, "model-steps.txt"), $"{steps} steps\n");
        Assert.True(steps >= 100_000, $"only {steps} random steps ran");
    }

    private static Step[]? s_smallestFailure;

    private static void RunRecordingFailures(Step[] program)
    {
        try
        {
            Run(program);
        }
        catch (Exception) when (s_smallestFailure is null || program.Length < s_smallestFailure.Length)
        {
            s_smallestFailure = program;
            throw;
        }
    }

    private static string? Failure(Step[] program)
    {
        try
        {
            Run(program);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>Removes steps one at a time while the program still fails (replays are deterministic: handles
    /// are picked by creation order).</summary>
    private static Step[] Minimize(Step[] program)
    {
        bool shrunk = true;
        while (shrunk)
        {
            shrunk = false;
            for (int i = 0; i < program.Length && !shrunk; i++)
            {
                Step[] candidate = [.. program[..i], .. program[(i + 1)..]];
                if (Failure(candidate) is not null)
                {
                    program = candidate;
                    shrunk = true;
                }
            }
        }
        return program;
    }

    /// <summary>Programs that once diverged, kept as regression tests (see <see cref="RandomProgramsAgreeWithTheModel"/>).</summary>
    public static TheoryData<Step[]> Regressions() => new()
    {
        // An exclusive resource may not overlap any live resource, shared or exclusive.
        new Step[] { new(Op.ResourceCreate, 0, 0, 2, 1), new(Op.ResourceCreate, 0, 1, 1, 0) },
        // Replacing the root resource's handle and closing the replacement.
        new Step[] { new(Op.Replace, 0, 0, 0, 0), new(Op.Close, 0, 0, 0, 0), new(Op.ResourceCreate, 0, 0, 1, 1) },
        // A slice of a physical VMO keeps ZERO_CHILDREN clear on its parent while it is mapped.
        new Step[] { new(Op.VmoCreatePhysical, 0, 0, 2, 0), new(Op.CreateChild, 1, 0, 0, 0), new(Op.Map, 2, 0, 0, 0), new(Op.Close, 2, 0, 0, 0), new(Op.Unmap, 0, 0, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(Regressions))]
    public void RegressionProgramsAgreeWithTheModel(Step[] program)
    {
        Assert.Null(Failure(program));
    }

    private static void Run(Step[] program)
    {
        using var k = new TestKernel();
        var model = new Model(k);
        foreach (Step step in program)
        {
            model.Execute(step);
            model.CheckInvariants(step);
            Interlocked.Increment(ref s_steps);
        }
        model.CloseEverything();
        if (model.RootStillOpen)
            k.AssertNoLeaks();
    }

    // Safety: the pointers are to the test's own pinned arrays and locals, or are bad user addresses the kernel must refuse.
    private sealed unsafe class Model(TestKernel k)
    {
        private readonly Dictionary<uint, (MObject Object, ZxRights Rights)> _handles = [];
        private readonly List<uint> _closed = [];
        private readonly List<uint> _order = [];
        private readonly List<(ulong Address, ulong Length, MObject Object)> _mappings = [];
        private readonly List<MObject> _objects = [];
        // The root resource is part of the model (it can be duplicated, replaced and closed like any handle).
        private readonly long _baselineObjects = k.Kernel.LiveObjectCount - 1;
        private readonly int _baselineHandles = k.Kernel.FirstProcess.HandleCount - 1;
        private readonly ulong _baselinePages = k.Kernel.AllocatedPages;
        private bool _started;

        private void Start()
        {
            _started = true;
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(k.Root, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
            var root = new MObject { Kind = Kind.Root, Koid = info.Koid };
            _objects.Add(root);
            Add(k.Root, root, info.Rights);
        }

        private uint PickHandle(int pick)
        {
            // Mostly live handles; sometimes a closed one, the invalid value, or the root resource.
            if (pick == 15 && _closed.Count > 0)
                return _closed[pick % _closed.Count];
            if (pick == 14)
                return 0;
            if (_handles.Count == 0)
                return 0x1235; // never a handle value: values are odd with bit 31 clear, but this slot was never used
            // By creation order, not by value: values are random per process, programs must replay the same way.
            return _order[pick % _order.Count];
        }

        private (MObject Object, ZxRights Rights)? Find(uint value) => _handles.TryGetValue(value, out var h) ? h : null;

        private void Add(ZxHandle handle, MObject o, ZxRights rights)
        {
            _handles.Add(handle.Value, (o, rights));
            _order.Add(handle.Value);
            o.Handles++;
        }

        private void Remove(uint value)
        {
            (MObject o, _) = _handles[value];
            _handles.Remove(value);
            _order.Remove(value);
            _closed.Add(value);
            o.Handles--;
            Settle(o);
        }

        // An object with nothing holding it dies; a dead child lets its parent go.
        private static void Settle(MObject o)
        {
            if (o.Dead || o.Alive)
                return;
            o.Dead = true;
            if (o.Parent is MObject parent)
            {
                parent.LiveChildren--;
                Settle(parent);
            }
        }

        private MObject NewObject(Kind kind, ZxHandle handle, ulong size, ulong @base = 0, bool exclusive = false, bool resizable = false, MObject? parent = null)
        {
            Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(handle, ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info));
            var o = new MObject { Kind = kind, Size = size, Base = @base, Exclusive = exclusive, Resizable = resizable, Parent = parent, Koid = info.Koid };
            _objects.Add(o);
            if (parent is not null)
                parent.LiveChildren++;
            return o;
        }

        public void Execute(Step s)
        {
            if (!_started)
                Start();
            switch (s.Op)
            {
                case Op.VmoCreate:
                {
                    ulong size = (ulong)(s.A % 5) * Page + (s.B % 2 == 0 ? 0 : 123UL);
                    bool nonResizable = s.C % 2 == 0;
                    ZxStatus st = k.Sys.VmoCreate(size, nonResizable ? ZxVmoOptions.NonResizable : ZxVmoOptions.None, out ZxHandle h);
                    Assert.Equal(ZxStatus.Ok, st);
                    Add(h, NewObject(Kind.Paged, h, (size + Page - 1) & ~(Page - 1), resizable: !nonResizable), ZxDefaultRights.Vmo);
                    break;
                }
                case Op.ResourceCreate:
                {
                    uint parent = PickHandle(s.A);
                    ulong @base = Window + (ulong)(s.B % 8) * Page;
                    ulong size = (ulong)(s.C % 4) * Page;
                    bool exclusive = s.D % 3 == 0;
                    ZxStatus expected = ExpectResourceCreate(parent, @base, size, exclusive);
                    ZxStatus st = k.Sys.ResourceCreate(new ZxHandle(parent), (uint)ZxResourceKind.Mmio | (exclusive ? ZxResourceFlags.Exclusive : 0),
                        @base, size, "m"u8, out ZxHandle h);
                    Assert.Equal(expected, st);
                    if (st == ZxStatus.Ok)
                        Add(h, NewObject(Kind.Resource, h, size, @base, exclusive), ZxDefaultRights.Resource);
                    break;
                }
                case Op.VmoCreatePhysical:
                {
                    uint resource = PickHandle(s.A);
                    ulong paddr = Window + (ulong)(s.B % 8) * Page;
                    ulong size = (ulong)(s.C % 4) * Page;
                    ZxStatus expected = ExpectCreatePhysical(resource, paddr, size);
                    ZxStatus st = k.Sys.VmoCreatePhysical(new ZxHandle(resource), paddr, size, out ZxHandle h);
                    Assert.Equal(expected, st);
                    if (st == ZxStatus.Ok)
                        Add(h, NewObject(Kind.Physical, h, size, paddr), ZxDefaultRights.Vmo);
                    break;
                }
                case Op.Duplicate:
                {
                    uint source = PickHandle(s.A);
                    ZxRights requested = PickRights(source, s.B);
                    var found = Find(source);
                    ZxStatus expected = found is null ? ZxStatus.BadHandle
                        : !found.Value.Rights.HasFlag(ZxRights.Duplicate) ? ZxStatus.AccessDenied
                        : requested != ZxRights.SameRights && (requested & ~found.Value.Rights) != 0 ? ZxStatus.InvalidArgs
                        : ZxStatus.Ok;
                    ZxStatus st = k.Sys.HandleDuplicate(new ZxHandle(source), requested, out ZxHandle h);
                    Assert.Equal(expected, st);
                    if (st == ZxStatus.Ok)
                        Add(h, found!.Value.Object, requested == ZxRights.SameRights ? found.Value.Rights : requested);
                    break;
                }
                case Op.Replace:
                {
                    uint source = PickHandle(s.A);
                    ZxRights requested = PickRights(source, s.B);
                    var found = Find(source);
                    ZxStatus expected = found is null ? ZxStatus.BadHandle
                        : requested != ZxRights.SameRights && (requested & ~found.Value.Rights) != 0 ? ZxStatus.InvalidArgs
                        : ZxStatus.Ok;
                    ZxStatus st = k.Sys.HandleReplace(new ZxHandle(source), requested, out ZxHandle h);
                    Assert.Equal(expected, st);
                    if (found is not null)
                    {
                        // The source is consumed whenever it named a handle; add the new one first so the object
                        // does not count as dead in between.
                        if (st == ZxStatus.Ok)
                            Add(h, found.Value.Object, requested == ZxRights.SameRights ? found.Value.Rights : requested);
                        Remove(source);
                    }
                    break;
                }
                case Op.Close:
                {
                    uint value = PickHandle(s.A);
                    ZxStatus expected = value == 0 ? ZxStatus.Ok : Find(value) is null ? ZxStatus.BadHandle : ZxStatus.Ok;
                    Assert.Equal(expected, k.Sys.HandleClose(new ZxHandle(value)));
                    if (value != 0 && expected == ZxStatus.Ok)
                        Remove(value);
                    break;
                }
                case Op.CreateChild:
                {
                    uint source = PickHandle(s.A);
                    bool slice = s.B % 2 == 0;
                    ulong offset = (ulong)(s.C % 3) * Page;
                    ulong size = (ulong)(1 + s.D % 3) * Page;
                    ZxVmoChildOptions options = slice ? ZxVmoChildOptions.Slice : ZxVmoChildOptions.Snapshot;
                    (ZxStatus expected, Kind kind) = ExpectCreateChild(source, slice, offset, size);
                    ZxStatus st = k.Sys.VmoCreateChild(new ZxHandle(source), options, offset, size, out ZxHandle h);
                    Assert.Equal(expected, st);
                    if (st == ZxStatus.Ok)
                    {
                        (MObject parent, ZxRights rights) = Find(source)!.Value;
                        ZxRights childRights = rights | ZxRights.GetProperty | ZxRights.SetProperty;
                        if (!slice)
                            childRights = (childRights & ~ZxRights.Execute) | ZxRights.Write;
                        Add(h, NewObject(kind, h, size, parent.Base + offset, parent: parent), childRights);
                    }
                    break;
                }
                case Op.Map:
                {
                    uint vmo = PickHandle(s.A);
                    ulong length = (ulong)(1 + s.B % 4) * Page;
                    var found = Find(vmo);
                    ZxStatus expected = found is null ? ZxStatus.BadHandle
                        : !found.Value.Object.IsVmo ? ZxStatus.WrongType
                        : !found.Value.Rights.HasFlag(ZxRights.Map) || !found.Value.Rights.HasFlag(ZxRights.Read) ? ZxStatus.AccessDenied
                        : ZxStatus.Ok;
                    ZxStatus st = k.Sys.VmarMap(k.Kernel.FirstProcess.RootVmar, ZxVmOptions.PermRead, 0, new ZxHandle(vmo), 0, length, out ulong address);
                    Assert.Equal(expected, st);
                    if (st == ZxStatus.Ok)
                    {
                        _mappings.Add((address, length, found!.Value.Object));
                        found.Value.Object.Mappings++;
                    }
                    break;
                }
                case Op.Unmap:
                {
                    if (_mappings.Count == 0)
                        break;
                    (ulong address, ulong length, MObject o) = _mappings[s.A % _mappings.Count];
                    Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, address, length));
                    _mappings.RemoveAt(s.A % _mappings.Count);
                    o.Mappings--;
                    Settle(o);
                    break;
                }
                case Op.GetInfo:
                {
                    uint value = PickHandle(s.A);
                    var found = Find(value);
                    ZxStatus st = k.Sys.ObjectGetInfo(new ZxHandle(value), ZxInfoTopic.HandleBasic, out ZxInfoHandleBasic info);
                    Assert.Equal(found is null ? ZxStatus.BadHandle : ZxStatus.Ok, st);
                    if (found is not null)
                    {
                        Assert.Equal(found.Value.Object.Koid, info.Koid);
                        Assert.Equal(found.Value.Rights, info.Rights);
                        Assert.Equal(found.Value.Object.IsVmo ? ZxObjectType.Vmo : ZxObjectType.Resource, info.Type);
                    }
                    break;
                }
                case Op.GetSize:
                {
                    uint value = PickHandle(s.A);
                    var found = Find(value);
                    ZxStatus expected = found is null ? ZxStatus.BadHandle
                        : !found.Value.Object.IsVmo ? ZxStatus.WrongType : ZxStatus.Ok;
                    Assert.Equal(expected, k.Sys.VmoGetSize(new ZxHandle(value), out ulong size));
                    if (expected == ZxStatus.Ok)
                        Assert.Equal(found!.Value.Object.Size, size);
                    break;
                }
            }
        }

        private ZxRights PickRights(uint source, int pick)
        {
            ZxRights have = Find(source)?.Rights ?? ZxDefaultRights.Vmo;
            return (pick % 5) switch
            {
                0 => ZxRights.SameRights,
                1 => have,
                2 => have & ~(ZxRights)(1u << (pick % 16)), // one right fewer (if it had it)
                3 => have | ZxRights.Execute | ZxRights.SetPolicy, // more than it has
                _ => ZxRights.None,
            };
        }

        private ZxStatus ExpectResourceCreate(uint parent, ulong @base, ulong size, bool exclusive)
        {
            var found = Find(parent);
            if (found is null)
                return ZxStatus.BadHandle;
            if (!found.Value.Rights.HasFlag(ZxRights.Write))
                return ZxStatus.AccessDenied;
            if (found.Value.Object.Kind != Kind.Root)
                return found.Value.Object.IsResource ? ZxStatus.AccessDenied : ZxStatus.WrongType;
            if (size == 0)
                return ZxStatus.InvalidArgs;
            IEnumerable<MObject> live = _objects.Where(o => o.Kind == Kind.Resource && !o.Dead && o.Size > 0);
            if (live.Any(o => o.Exclusive && Overlaps(o.Base, o.Size, @base, size)))
                return ZxStatus.NotFound;
            if (exclusive && live.Any(o => Overlaps(o.Base, o.Size, @base, size)))
                return ZxStatus.NotFound;
            return ZxStatus.Ok;
        }

        private ZxStatus ExpectCreatePhysical(uint resource, ulong paddr, ulong size)
        {
            var found = Find(resource);
            if (found is null)
                return ZxStatus.BadHandle;
            MObject o = found.Value.Object;
            if (o.Kind == Kind.Root)
                return size == 0 ? ZxStatus.InvalidArgs : ZxStatus.Ok;
            if (o.Kind != Kind.Resource)
                return ZxStatus.WrongType;
            bool inside = size > 0 && paddr >= o.Base && paddr + size <= o.Base + o.Size;
            return inside ? ZxStatus.Ok : ZxStatus.AccessDenied;
        }

        private (ZxStatus, Kind) ExpectCreateChild(uint source, bool slice, ulong offset, ulong size)
        {
            var found = Find(source);
            if (found is null)
                return (ZxStatus.BadHandle, Kind.Paged);
            (MObject o, ZxRights rights) = found.Value;
            if (!rights.HasFlag(ZxRights.Duplicate) || !rights.HasFlag(ZxRights.Read))
                return (ZxStatus.AccessDenied, Kind.Paged);
            if (!o.IsVmo)
                return (ZxStatus.WrongType, Kind.Paged);
            bool physical = o.Kind is Kind.Physical or Kind.PhysicalSlice;
            if (slice)
            {
                if (o.Kind is Kind.Paged or Kind.Snapshot && o.Resizable)
                    return (ZxStatus.NotSupported, Kind.Paged);
                if (offset + size > o.Size)
                    return (ZxStatus.InvalidArgs, Kind.Paged);
                return (ZxStatus.Ok, physical ? Kind.PhysicalSlice : Kind.PagedSlice);
            }
            if (physical || o.Kind == Kind.PagedSlice)
                return (ZxStatus.NotSupported, Kind.Paged);
            return (ZxStatus.Ok, Kind.Snapshot);
        }

        private static bool Overlaps(ulong a, ulong aSize, ulong b, ulong bSize) => a < b + bSize && b < a + aSize;

        public void CheckInvariants(Step step)
        {
            string at = $"after {step}";
            Assert.True(_baselineHandles + _handles.Count == k.Kernel.FirstProcess.HandleCount, $"{at}: handle count");
            long alive = _objects.Count(o => o.Handles > 0);
            Assert.True(_baselineObjects + alive == k.Kernel.LiveObjectCount, $"{at}: live objects {k.Kernel.LiveObjectCount}, model {_baselineObjects + alive}");
            // Committed memory: every committed page belongs to a live paged VMO (slices share their parent's), so
            // the board never holds more than the live paged VMOs can.
            ulong committed = k.Kernel.AllocatedPages - _baselinePages;
            ulong capacity = (ulong)_objects.Where(o => !o.Dead && o.Kind is Kind.Paged or Kind.Snapshot).Sum(o => (long)(o.Size / Page));
            Assert.True(committed <= capacity, $"{at}: {committed} pages committed, but live paged VMOs hold at most {capacity}");
            foreach ((uint value, (MObject o, ZxRights _)) in _handles)
            {
                if (!o.IsVmo)
                    continue;
                using Zx.Kernel.Object.Lookup<Zx.Kernel.Object.Dispatcher> d = k.Kernel.FirstProcess.Dispatcher.GetDispatcher<Zx.Kernel.Object.Dispatcher>(new ZxHandle(value));
                bool zeroChildren = d.Object.Signals.HasFlag(ZxSignals.VmoZeroChildren);
                Assert.True(zeroChildren == (o.LiveChildren == 0), $"{at}: ZERO_CHILDREN {zeroChildren} with {o.LiveChildren} live children");
                if (o.Kind == Kind.Physical)
                {
                    // Physical memory is reachable only inside some resource's window at creation: here, the window.
                    Assert.True(o.Base >= Window && o.Base + o.Size <= 0x3eff_0000, $"{at}: physical VMO outside the window");
                }
            }
        }

        /// <summary>True unless the program closed or replaced the test kernel's root resource handle.</summary>
        public bool RootStillOpen => _handles.ContainsKey(k.Root.Value);

        public void CloseEverything()
        {
            foreach ((ulong address, ulong length, MObject _) in _mappings)
                Assert.Equal(ZxStatus.Ok, k.Sys.VmarUnmap(k.Kernel.FirstProcess.RootVmar, address, length));
            foreach ((uint value, (MObject o, ZxRights _)) in _handles.ToList())
            {
                if (value != k.Root.Value)
                    Assert.Equal(ZxStatus.Ok, k.Sys.HandleClose(new ZxHandle(value)));
            }
            Assert.Equal(_baselinePages, k.Kernel.AllocatedPages);
        }
    }
}
