using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk.Coroutines;
using Kaal.Tests.Shared.Allocation;
using Xunit;

namespace Kaal.Sdk.Tests.Coroutines;

/// <summary>The SDK's async method builder (docs/simulator.md, "Whole systems"): a suspended call resumes its awaiter
/// inline and never through a synchronization context, its box is reused without allocating, and a ValueTask used
/// after its result was taken is refused (the generation token) instead of reading another call's result.</summary>
public sealed class CoroutineBuilderTests
{
    [Fact]
    public void A_suspended_call_resumes_its_awaiter_inline_under_a_context_that_drops_posts()
    {
        var backend = new ManualBackend();
        var sys = new Sys(backend, "test");
        Task<ulong> outer = RunUnder(new DroppingContext(), () => SumTwiceAsync(sys, 3));
        Assert.False(outer.IsCompleted);
        RunUnder(new DroppingContext(), () => backend.Resume(4));
        Assert.False(outer.IsCompleted);
        RunUnder(new DroppingContext(), () => backend.Resume(5));
        Assert.True(outer.IsCompletedSuccessfully);
        Assert.Equal(12UL, Completed(outer));
    }

    [Fact]
    public void A_value_task_awaited_again_after_its_result_was_taken_is_refused()
    {
        var backend = new ManualBackend();
        var sys = new Sys(backend, "test");
        ValueTask<ulong> call = LoadAsync(sys);
        backend.Resume(7);
        Assert.Equal(7UL, Taken(call));
        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => Taken(call));
        Assert.Contains("after its result had been taken", refused.Message);
    }

    [Fact]
    public void An_exception_after_a_suspension_reaches_the_awaiter()
    {
        var backend = new ManualBackend();
        var sys = new Sys(backend, "test");
        ValueTask<ulong> call = FailAfterLoadAsync(sys);
        backend.Resume(1);
        Assert.True(call.IsFaulted);
        Assert.Equal("failed after the load", Assert.Throws<InvalidOperationException>(() => Taken(call)).Message);
    }

    /// <summary>Calls that suspend reuse their box: after the first, a call of an SDK method (OwnCSpace.Check, compiled
    /// optimized like all of Kaal.Sdk) allocates nothing; the standard builder allocated a box, its delegate and the
    /// awaiter's continuation every time. (This test's own methods are compiled Debug, where every call allocates its
    /// state machine; the loop below is one call.)</summary>
    [Fact]
    public void Steady_state_calls_that_suspend_allocate_nothing()
    {
        var backend = new ManualBackend();
        var sys = new Sys(backend, "test");
        var own = new Spawn.OwnCSpace(sys, 1, 8, new Spawn.SlotAllocator(256, 1));
        const int Calls = 3_000;
        Task<int> loop = CheckRepeatedlyAsync(own, Calls);
        long allocated = SteadyStateAllocation.LeastBytesPerWindow(() => backend.Resume(0), 10, 990);
        for (int call = 0; call < Calls && !loop.IsCompleted; call++) backend.Resume(0);
        Assert.Equal(Calls, Completed(loop));
        Assert.Equal(0, allocated);
    }

    private static async Task<int> CheckRepeatedlyAsync(Spawn.OwnCSpace own, int calls)
    {
        int succeeded = 0;
        for (int call = 0; call < calls; call++)
        {
            if (!(await own.Check(own.Sys.Yield(), "yield")).Failed) succeeded++;
        }
        return succeeded;
    }

    /// <summary>The result of a call that has completed (the test drives every suspension itself, nothing blocks).</summary>
    private static ulong Taken(ValueTask<ulong> call) => call.Result;

    private static T Completed<T>(Task<T> call) => call.Result;

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private static async ValueTask<ulong> LoadAsync(Sys sys) => (await sys.Load(0)).X1;

    [AsyncMethodBuilder(typeof(CoroutineBuilder<>))]
    private static async ValueTask<ulong> FailAfterLoadAsync(Sys sys)
    {
        await sys.Load(0);
        throw new InvalidOperationException("failed after the load");
    }

    private static async Task<ulong> SumTwiceAsync(Sys sys, ulong start)
    {
        ulong first = await LoadAsync(sys);
        ulong second = await LoadAsync(sys);
        return start + first + second;
    }

    private static T RunUnder<T>(SynchronizationContext context, Func<T> run)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static void RunUnder(SynchronizationContext context, Action run) => RunUnder(context, () =>
    {
        run();
        return 0;
    });

    /// <summary>Like the simulator's StrayContinuations: a continuation posted to it never runs.</summary>
    private sealed class DroppingContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback callback, object? state)
        {
        }
    }

    /// <summary>Every operation suspends; <see cref="Resume"/> completes the pending one with X1 = the value given.</summary>
    private sealed class ManualBackend : ISysBackend
    {
        private Action? _continuation;
        private ulong _value;

        public void Resume(ulong value)
        {
            Action continuation = _continuation ?? throw new InvalidOperationException("nothing awaits an operation");
            _continuation = null;
            _value = value;
            continuation();
        }

        public void BeginSyscall(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, ulong a6, ulong a7)
        {
        }

        public void BeginLoad(ulong virtAddr, MemoryOrder order)
        {
        }

        public void BeginStore(ulong virtAddr, ulong value, MemoryOrder order)
        {
        }

        public void BeginMmio(ulong virtAddr, bool isWrite, uint value)
        {
        }

        public void BeginSystemRegister(SystemRegister register, bool isWrite, ulong value)
        {
        }

        public bool ReadPrivate(ulong virtAddr, Span<byte> destination) => false;

        public byte[]? MappedBytes(ulong virtAddr, int length) => null;

        public bool WritePrivate(ulong virtAddr, ReadOnlySpan<byte> source) => false;

        public void BeginBarrier(BarrierKind kind)
        {
        }

        public void MarkLiveness(string monitor, bool hot)
        {
        }

        public void NameObject(ulong cptr, string name, string? part)
        {
        }

        public bool IsCompleted => false;

        public void OnCompleted(Action continuation) => _continuation = continuation;

        public SyscallResult TakeResult() => new(KernelError.Ok, _value, 0, 0, 0, 0, 0);
    }
}
