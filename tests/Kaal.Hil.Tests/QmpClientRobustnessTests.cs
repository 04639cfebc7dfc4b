using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Kaal.Hil.Qmp;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The QMP client against a server that breaks the protocol in every way the issue lists: a member of the wrong
/// type (a string id, a string timestamp), bytes that are not UTF-8 (in a reply and in the greeting), JSON that is not
/// an object, a peer that stops reading mid-command, a subscriber that never reads; plus the framer's linear work. A
/// malformed message fails every pending call with one protocol exception naming it, the client is closed, and
/// DisposeAsync does not throw.</summary>
public sealed class QmpClientRobustnessTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    /// <summary>Handshake, two commands in flight, then <paramref name="malformed"/> (given the second command's id).</summary>
    private static ScriptedQmpServer ServerSending(Func<long, byte[]> malformed) => new(async peer =>
    {
        await peer.HandshakeAsync();
        await peer.ExpectCommandAsync("query-status");
        (_, long id, _) = await peer.ExpectCommandAsync("query-version");
        await peer.SendBytesAsync(malformed(id));
        await peer.WaitForCloseAsync();
    });

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\r\n");

    public static TheoryData<string, string> MalformedMessages() => new()
    {
        { "{\"return\": {}, \"id\": \"ID\"}", "a QMP reply whose 'id' is string \"" },
        { "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": \"1700000000\", \"microseconds\": 5}}", "a QMP event whose 'timestamp' is not" },
        { "{\"event\": 7}", "a QMP event whose 'event' is number 7" },
        { "[1, 2, 3]", "a QMP message must be a JSON object, got Array" },
        { "\"just a string\"", "a QMP message must be a JSON object, got String" },
        { "{\"return\": {}, \"id\": 1.5}", "a QMP reply whose 'id' is number 1.5" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task A_malformed_message_fails_every_pending_call_with_one_protocol_exception_and_closes_the_client(string message, string expected)
    {
        await using var server = ServerSending(id => Line(message.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal)));
        QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        Task<QmpStatus> first = client.QueryStatusAsync();
        Task<QmpVersion> second = client.QueryVersionAsync();

        QmpProtocolException one = await Assert.ThrowsAsync<QmpProtocolException>(() => first);
        QmpProtocolException other = await Assert.ThrowsAsync<QmpProtocolException>(() => second);
        Assert.Contains(expected, one.Message);
        Assert.Contains(expected, other.Message);
        Assert.Same(one.InnerException, other.InnerException); // one reason, given to every call
        await client.Completion.WaitAsync(Generous);
        Assert.IsType<QmpProtocolException>(client.ClosedReason);
        await Assert.ThrowsAsync<QmpProtocolException>(() => client.StopAsync());
        await client.DisposeAsync(); // never throws
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_a_reply_are_a_protocol_error_naming_the_offset()
    {
        await using var server = ServerSending(id => [.. Encoding.UTF8.GetBytes($"{{\"return\": \"ab"), 0xC3, 0x28, .. Line($"\", \"id\": {id}}}")]);
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        Task<QmpStatus> first = client.QueryStatusAsync();
        QmpProtocolException error = await Assert.ThrowsAsync<QmpProtocolException>(() => client.QueryVersionAsync());
        Assert.Contains("not UTF-8 (a bad byte sequence at byte 14 of", error.Message);
        await Assert.ThrowsAsync<QmpProtocolException>(() => first);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_the_greeting_fail_the_connect_at_once_not_at_its_timeout()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.SendBytesAsync([.. Encoding.UTF8.GetBytes("{\"QMP\": {\"version\": {\"qemu\": {\"major\": 7}, \"package\": \""), 0xFF, .. Line("\"}}}")]);
            await peer.WaitForCloseAsync();
        });
        // A QmpTimeoutException here would mean the read loop died silently and the connect waited out its timeout.
        QmpProtocolException error = await Assert.ThrowsAsync<QmpProtocolException>(() => QmpClient.ConnectAsync(server.SocketPath, Generous));
        Assert.Contains("not UTF-8", error.Message);
    }

    [Fact]
    public async Task A_send_to_a_peer_that_stopped_reading_times_out_and_closes_the_connection()
    {
        var release = new TaskCompletionSource();
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            await release.Task.WaitAsync(Generous); // reads nothing more: the socket's buffers fill up under the 8 MB command
        });
        QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        var arguments = new JsonObject { ["blob"] = new string('a', 8 * 1024 * 1024) };

        QmpTimeoutException error = await Assert.ThrowsAsync<QmpTimeoutException>(
            () => client.ExecuteAsync("kaal-test-big", arguments, TimeSpan.FromSeconds(1)).WaitAsync(Generous));
        Assert.Contains("no reply to 'kaal-test-big'", error.Message);
        Assert.Contains("the QMP server stopped reading", client.ClosedReason!.Message);
        await Assert.ThrowsAsync<QmpConnectionClosedException>(() => client.QueryStatusAsync());
        await client.DisposeAsync().AsTask().WaitAsync(Generous); // does not wait for the peer to read either
        release.SetResult();
    }

    [Fact]
    public async Task A_subscriber_that_does_not_read_keeps_the_newest_events_and_counts_the_dropped()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long id, _) = await peer.ExpectCommandAsync("query-status");
            for (int index = 0; index < 50; index++)
            {
                await peer.EventAsync($"EVENT_{index}");
            }
            await peer.ReturnAsync(id, "{\"status\": \"running\", \"running\": true}"); // after every event, in order
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        using QmpEventSubscription events = client.SubscribeEvents(capacity: 10);
        await client.QueryStatusAsync();

        Assert.Equal(40, events.DroppedEvents);
        var kept = new List<string>();
        await foreach (QmpEvent received in events)
        {
            kept.Add(received.Name);
            if (kept.Count == 10)
            {
                break;
            }
        }
        Assert.Equal(Enumerable.Range(40, 10).Select(index => $"EVENT_{index}"), kept);
    }

    [Fact]
    public void The_framer_looks_at_each_byte_of_a_line_once_however_many_reads_it_takes()
    {
        const int LineBytes = 1_000_000;
        const int ReadBytes = 1000;
        byte[] stream = [.. Enumerable.Repeat((byte)'x', LineBytes), (byte)'\n'];
        var framer = new QmpLineFramer();
        for (int received = ReadBytes; received <= LineBytes; received += ReadBytes)
        {
            var partial = new ReadOnlySequence<byte>(stream, 0, received);
            Assert.False(framer.TryReadLine(ref partial, out _));
        }
        var whole = new ReadOnlySequence<byte>(stream);
        Assert.True(framer.TryReadLine(ref whole, out ReadOnlySequence<byte> line));
        Assert.Equal(LineBytes, line.Length);
        Assert.Equal(LineBytes + 1, framer.ExaminedBytes); // searching from the start each read: about 500 million
    }
}
