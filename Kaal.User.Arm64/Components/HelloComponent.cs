using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;

namespace Kaal.User.Arm64.Components;

/// <summary>
/// The spike's component: plain Kaal.Sdk code (async Task, awaits on Sys operations) with nothing EL0-specific
/// in it. It prints, signals a notification through a badged copy, waits on it and checks the badge.
/// The capability slots are the ones the kernel's user-csharp variant sets up.
/// </summary>
internal sealed class HelloComponent
{
    internal const ulong Notification = 0x44;
    internal const ulong NotificationSend = 0x45;
    internal const ulong Badge = 0x5A;

    private readonly Sys _sys;
    private readonly byte[] _line = new byte[128];

    internal HelloComponent(Sys sys)
    {
        _sys = sys;
    }

    internal async Task<bool> RunAsync()
    {
        await WriteLineAsync("hello from C# at EL0");
        SyscallResult signal = await _sys.Signal(NotificationSend);
        SyscallResult wait = await _sys.Wait(Notification);
        bool ok = signal.IsOk && wait.IsOk && wait.Badge == Badge;
        await WriteLineAsync(ok ? "signal/wait badge ok" : "signal/wait badge WRONG");
        int sum = await SumAsync(3);
        await WriteLineAsync(sum == 6 ? "nested async ok" : "nested async WRONG");
        return ok && sum == 6;
    }

    /// <summary>Async recursion, to show nested state machines and Task&lt;T&gt; complete synchronously.</summary>
    private async Task<int> SumAsync(int n)
    {
        if (n == 0)
        {
            return 0;
        }
        await _sys.Yield();
        return n + await SumAsync(n - 1);
    }

    /// <summary>As ConsoleOutput's debug-console path: bytes into private memory, then DEBUG_PRINT.</summary>
    private async Task WriteLineAsync(string text)
    {
        int count = 0;
        _line[count++] = (byte)'[';
        for (int index = 0; index < "hello".Length; index++) _line[count++] = (byte)"hello"[index];
        _line[count++] = (byte)']';
        _line[count++] = (byte)' ';
        for (int index = 0; index < text.Length && count < _line.Length - 1; index++) _line[count++] = (byte)text[index];
        _line[count++] = (byte)'\n';
        await _sys.Syscall(Syscall.DebugPrint, AddressOf(_line), (ulong)count);
    }

    private static unsafe ulong AddressOf(byte[] bytes)
    {
        fixed (byte* first = bytes)
        {
            return (ulong)first;
        }
    }
}
