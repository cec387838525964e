using CsCheck;
using Zx.Kernel;
using Zx.Kernel.Object;

namespace Zx.Tests;

/// <summary>Job policies: how entries combine (2018 <c>PolicyManager</c>), against a model, and what the creating
/// syscalls of a process in the job answer.</summary>
public sealed class JobPolicyTests
{
    private static ZxPolicyBasic Entry(uint condition, uint action) => new() { Condition = condition, Policy = action };

    [Fact]
    public void AnEntrySetsWhatNothingWasSaidAboutAndRepeatsWhatWas()
    {
        Assert.Equal(ZxStatus.Ok, JobPolicy.TryAdd(JobPolicy.Empty, ZxJobPolicy.Absolute, [Entry(ZxJobPolicy.NewVmo, ZxJobPolicy.ActionDeny)], out JobPolicy p));
        Assert.Equal(ZxJobPolicy.ActionDeny, p.ActionFor(ZxJobPolicy.NewVmo));
        Assert.Equal(ZxJobPolicy.ActionAllow, p.ActionFor(ZxJobPolicy.NewChannel));
        Assert.Equal(ZxStatus.Ok, JobPolicy.TryAdd(p, ZxJobPolicy.Absolute, [Entry(ZxJobPolicy.NewVmo, ZxJobPolicy.ActionDeny)], out JobPolicy same));
        Assert.Equal(p, same);
        // Saying otherwise: skipped when relative, refused (nothing added) when absolute.
        ZxPolicyBasic[] both = [Entry(ZxJobPolicy.NewPort, ZxJobPolicy.ActionKill), Entry(ZxJobPolicy.NewVmo, ZxJobPolicy.ActionAllow)];
        Assert.Equal(ZxStatus.Ok, JobPolicy.TryAdd(p, ZxJobPolicy.Relative, both, out JobPolicy relative));
        Assert.Equal(ZxJobPolicy.ActionDeny, relative.ActionFor(ZxJobPolicy.NewVmo));
        Assert.Equal(ZxJobPolicy.ActionKill, relative.ActionFor(ZxJobPolicy.NewPort));
        Assert.Equal(ZxStatus.AlreadyExists, JobPolicy.TryAdd(p, ZxJobPolicy.Absolute, both, out JobPolicy unchanged));
        Assert.Equal(p, unchanged);
    }

    [Fact]
    public void NewAnyCoversTheNewConditionsOf2018FromVmoToTimer()
    {
        Assert.Equal(ZxStatus.Ok, JobPolicy.TryAdd(JobPolicy.Empty, ZxJobPolicy.Relative,
            [Entry(ZxJobPolicy.NewAny, ZxJobPolicy.ActionDenyException), Entry(ZxJobPolicy.NewFifo, ZxJobPolicy.ActionAllow)], out JobPolicy p));
        for (uint c = ZxJobPolicy.NewVmo; c <= ZxJobPolicy.NewTimer; c++)
            Assert.Equal(c == ZxJobPolicy.NewFifo ? ZxJobPolicy.ActionAllow : ZxJobPolicy.ActionDenyException, p.ActionFor(c));
        Assert.Equal(ZxJobPolicy.ActionAllow, p.ActionFor(ZxJobPolicy.NewProcess));
        Assert.Equal(ZxJobPolicy.ActionAllow, p.ActionFor(ZxJobPolicy.NewProfile));
        Assert.Equal(ZxJobPolicy.ActionAllow, p.ActionFor(ZxJobPolicy.BadHandle));
    }

    [Fact]
    public void BadEntriesAddNothing()
    {
        JobPolicy p = JobPolicy.Empty;
        Assert.Equal(ZxStatus.OutOfRange, JobPolicy.TryAdd(p, ZxJobPolicy.Relative, new ZxPolicyBasic[ZxJobPolicy.Max + 1], out _));
        Assert.Equal(ZxStatus.InvalidArgs, JobPolicy.TryAdd(p, ZxJobPolicy.Relative,
            [Entry(ZxJobPolicy.NewVmo, ZxJobPolicy.ActionDeny), Entry(ZxJobPolicy.Max, ZxJobPolicy.ActionDeny)], out JobPolicy after));
        Assert.Equal(p, after);
        Assert.Equal(ZxStatus.NotSupported, JobPolicy.TryAdd(p, ZxJobPolicy.Relative, [Entry(ZxJobPolicy.NewVmo, 8)], out after));
        Assert.Equal(p, after);
    }

    /// <summary>Random sequences of policy calls against a model: a map from condition to its first explicit action.</summary>
    [Fact]
    public void RandomCallsAgreeWithAFirstSayWinsModel()
    {
        uint[] actions = [ZxJobPolicy.ActionAllow, ZxJobPolicy.ActionDeny, ZxJobPolicy.ActionAllowException, ZxJobPolicy.ActionDenyException, ZxJobPolicy.ActionKill];
        Gen.Select(Gen.Bool, Gen.Select(Gen.UInt[0, ZxJobPolicy.Max - 1], Gen.Int[0, actions.Length - 1]).Array[1, 5]).Array[1, 6].Sample(calls =>
        {
            JobPolicy policy = JobPolicy.Empty;
            var model = new Dictionary<uint, uint>();
            foreach ((bool absolute, (uint Condition, int Action)[] entries) in calls)
            {
                var pending = new Dictionary<uint, uint>();
                bool conflict = false;
                foreach ((uint condition, int a) in entries)
                {
                    IEnumerable<uint> covered = condition == ZxJobPolicy.NewAny
                        ? Enumerable.Range((int)ZxJobPolicy.NewVmo, (int)(ZxJobPolicy.NewTimer - ZxJobPolicy.NewVmo + 1)).Select(c => (uint)c)
                        : [condition];
                    foreach (uint c in covered)
                    {
                        if (model.TryGetValue(c, out uint said) && said != actions[a])
                            conflict |= absolute;
                        else
                            pending[c] = actions[a];
                    }
                }
                ZxStatus status = JobPolicy.TryAdd(policy, absolute ? ZxJobPolicy.Absolute : ZxJobPolicy.Relative,
                    [.. entries.Select(e => Entry(e.Condition, actions[e.Action]))], out JobPolicy next);
                Assert.Equal(conflict ? ZxStatus.AlreadyExists : ZxStatus.Ok, status);
                if (conflict)
                    continue;
                policy = next;
                foreach ((uint c, uint action) in pending)
                    model[c] = action;
                for (uint c = 0; c < ZxJobPolicy.Max; c++)
                    Assert.Equal(model.GetValueOrDefault(c, ZxJobPolicy.ActionAllow), policy.ActionFor(c));
            }
        }, iter: 500);
    }

    [Fact]
    public void AProcessOfTheJobAnswersWhatThePolicySays()
    {
        using var k = new TestKernel();
        Assert.Equal(ZxStatus.Ok, k.Sys.JobCreate(k.Kernel.FirstProcess.DefaultJob, 0, out ZxHandle job));
        Assert.Equal(ZxStatus.Ok, k.Sys.JobSetPolicy(job, ZxJobPolicy.Relative,
            [Entry(ZxJobPolicy.NewEvent, ZxJobPolicy.ActionDeny), Entry(ZxJobPolicy.NewTimer, ZxJobPolicy.ActionKill)]));
        Assert.Equal(ZxStatus.Ok, k.Sys.ProcessCreate(job, "p"u8, 0, out ZxHandle process, out ZxHandle vmar));
        Assert.Equal(ZxStatus.BadState, k.Sys.JobSetPolicy(job, ZxJobPolicy.Relative, [Entry(ZxJobPolicy.NewVmo, ZxJobPolicy.ActionDeny)]));
        Assert.True(k.Kernel.FirstProcess.Dispatcher.Handles.TryGet(process, out Dispatcher? found, out _));
        ProcessContext child = ((ProcessDispatcher)found).Context!;
        found.Release();
        Assert.Equal(ZxStatus.AccessDenied, child.Syscalls.EventCreate(0, out _));
        Assert.Equal(ZxStatus.InvalidArgs, child.Syscalls.EventCreate(1, out _)); // the options come first
        Assert.Equal(ZxStatus.Ok, child.Syscalls.PortCreate(0, out ZxHandle port));
        Assert.Equal(ZxStatus.AccessDenied, child.Syscalls.TimerCreate(0, 0, out _));
        Assert.True(child.IsDead);
        Assert.Equal(ZxStatus.Ok, k.Sys.ObjectGetInfo(process, ZxInfoTopic.Process, out ZxInfoProcess info));
        Assert.Equal(ZxSyscallsRetcodes.PolicyKill, info.ReturnCode);
        Assert.False(child.Dispatcher.Handles.IsValid(port)); // its handles closed with it
        k.Sys.HandleCloseMany([process, vmar, job]);
        k.AssertNoLeaks();
    }

    private static class ZxSyscallsRetcodes
    {
        public const long PolicyKill = Zx.Kernel.Syscalls.ZxSyscalls.TaskRetcodePolicyKill;
    }
}
