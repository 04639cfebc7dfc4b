using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Targets;

namespace Kaal.Hil.Interactive;

/// <summary>
/// Connects a user's terminal to a target's console, like QEMU's -nographic: bytes go both ways unchanged,
/// and Ctrl-A starts an escape (Ctrl-A X quits, Ctrl-A H prints help, Ctrl-A Ctrl-A sends one Ctrl-A).
/// The end of the input does not end the session: the guest's output is still shown until it exits.
/// </summary>
public static class InteractiveConsole
{
    public const byte EscapeByte = 0x01; // Ctrl-A
    public const string Help = "\r\n[kaal] Ctrl-A X: quit (kills QEMU)   Ctrl-A H: this help   Ctrl-A Ctrl-A: send Ctrl-A\r\n";
    private const int BufferBytes = 4096;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    public static async Task<ConsoleExit> RunAsync(TargetConnection target, Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ConsoleExit> fromGuest = CopyOutputAsync(target, output, session.Token);
        Task<ConsoleExit?> fromUser = CopyInputAsync(target.Console, input, output, session.Token);
        Task<int>? exited = target.Qemu?.Exited;
        Task cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        var waiting = new List<Task> { fromGuest, fromUser, cancelled };
        if (exited != null)
        {
            waiting.Add(exited);
        }
        try
        {
            while (true)
            {
                Task first = await Task.WhenAny(waiting).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (first == fromUser)
                {
                    if (fromUser.IsCompletedSuccessfully && fromUser.Result is ConsoleExit quit)
                    {
                        return quit;
                    }
                    waiting.Remove(fromUser); // the input ended: keep showing the guest's output
                    continue;
                }
                // QEMU exited or the console closed; the other follows at once. The console may still hold the
                // guest's last words: show them, within a bound.
                await Task.WhenAny(Task.WhenAll(new Task[] { fromGuest, exited ?? Task.CompletedTask }), Task.Delay(DrainLimit, cancellationToken)).ConfigureAwait(false);
                return exited is { IsCompletedSuccessfully: true }
                    ? new ConsoleExit(ConsoleExitReason.TargetExited, exited.Result)
                    : new ConsoleExit(ConsoleExitReason.ConsoleClosed, null);
            }
        }
        finally
        {
            session.Cancel();
        }
    }

    private static async Task<ConsoleExit> CopyOutputAsync(TargetConnection target, Stream output, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferBytes];
        try
        {
            int count;
            while ((count = await target.Console.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
        }
        return new ConsoleExit(ConsoleExitReason.ConsoleClosed, null);
    }

    /// <summary>Forwards typed bytes, interpreting the escape; returns Quit on Ctrl-A X, null when the input ends.</summary>
    private static async Task<ConsoleExit?> CopyInputAsync(Stream console, Stream input, Stream output, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferBytes];
        bool escaped = false;
        int count;
        while ((count = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var forward = new MemoryStream();
            for (int index = 0; index < count; index++)
            {
                byte typed = buffer[index];
                if (!escaped)
                {
                    if (typed == EscapeByte)
                    {
                        escaped = true;
                    }
                    else
                    {
                        forward.WriteByte(typed);
                    }
                    continue;
                }
                escaped = false;
                switch (typed)
                {
                    case (byte)'x' or (byte)'X':
                        return new ConsoleExit(ConsoleExitReason.Quit, null);
                    case (byte)'h' or (byte)'H' or (byte)'?':
                        await output.WriteAsync(System.Text.Encoding.ASCII.GetBytes(Help), cancellationToken).ConfigureAwait(false);
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    case EscapeByte:
                        forward.WriteByte(EscapeByte);
                        break;
                }
            }
            if (forward.Length > 0)
            {
                await console.WriteAsync(forward.GetBuffer().AsMemory(0, (int)forward.Length), cancellationToken).ConfigureAwait(false);
                await console.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }
}
