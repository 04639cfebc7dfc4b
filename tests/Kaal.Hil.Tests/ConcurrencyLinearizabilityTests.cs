using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>
/// CsCheck's linearizability check (<c>Check.SampleParallel</c>) on the host parts that really are concurrent: random
/// operations run first in sequence, then several at once on different threads, and the state they leave must equal the
/// state of some sequential order of the concurrent ones. A failure is shrunk to the shortest sequence and printed with
/// CsCheck's seed. The QMP client's in-flight command correlation (replies out of order, events in between) and the
/// console path (BufferedConsoleStream, SerialLineReader's transcript and line channel) are checked with in-memory fakes.
/// </summary>
public sealed class ConcurrencyLinearizabilityTests
{
    /// <summary>Fixed, so CI generates the same operation sequences every run (the thread interleavings still vary).</summary>
    private static readonly string Seed = new PCG(23, 2026).ToString();

    [Fact]
    public async Task Concurrent_QMP_commands_each_get_their_own_reply_whatever_order_the_server_answers_in()
    {
        var opened = new ConcurrentBag<EchoQmpConnection>();
        try
        {
            Check.SampleParallel(
                Gen.Const<EchoQmpConnection>(() => Opened(opened, new EchoQmpConnection())),
                [
                    Gen.Int[0, 999].Operation<EchoQmpConnection>(value => $"echo {value}", (connection, value) => connection.Echo(value)),
                    Gen.Operation<EchoQmpConnection>("query-status", connection => connection.QueryStatus()),
                ],
                equal: (actual, sequential) => actual.Replies.SequenceEqual(sequential.Replies),
                seed: Seed, iter: 40, print: connection => connection.ToString());
        }
        finally
        {
            foreach (EchoQmpConnection connection in opened) await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_console_writers_and_readers_see_one_transcript_in_some_order_of_the_writes()
    {
        var opened = new ConcurrentBag<ConsoleTranscript>();
        try
        {
            Check.SampleParallel(
                Gen.Const<ConsoleTranscript>(() => Opened(opened, new ConsoleTranscript())),
                [
                    Gen.Int[0, 999].Operation<ConsoleTranscript>(value => $"write {value}", (console, value) => console.Write(value)),
                    Gen.Operation<ConsoleTranscript>("look", console => console.Look()),
                    Gen.Operation<ConsoleTranscript>("take", console => console.Take()),
                ],
                equal: (actual, sequential) => actual.State().SequenceEqual(sequential.State()),
                seed: Seed, iter: 40, print: console => console.ToString());
        }
        finally
        {
            foreach (ConsoleTranscript console in opened) await console.DisposeAsync();
        }
    }

    private static T Opened<T>(ConcurrentBag<T> opened, T resource)
    {
        opened.Add(resource);
        return resource;
    }
}
