using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Qmp;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>The QMP client against a scripted server: the well-formed exchanges and every malformed case
/// (no greeting, bad JSON, an error reply, a socket closed mid-message, a reply that never comes). Timeouts
/// here are the client's own limits under test; nothing asserts how long anything took.</summary>
public sealed class QmpClientFakeServerTests
{
    /// <summary>For cases that wait for something that is never sent: short, as the wait is the point.</summary>
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);
    /// <summary>For everything that should just happen.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Handshake_then_typed_commands()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long id, _) = await peer.ExpectCommandAsync("query-status");
            await peer.ReturnAsync(id, "{\"status\": \"paused\", \"singlestep\": false, \"running\": false}");
            (_, id, _) = await peer.ExpectCommandAsync("query-version");
            await peer.ReturnAsync(id, "{\"qemu\": {\"micro\": 1, \"minor\": 2, \"major\": 8}, \"package\": \"p\"}");
            (_, id, JsonElement arguments) = await peer.ExpectCommandAsync("pmemsave");
            Assert.Equal(0x4020_0000UL, arguments.GetProperty("val").GetUInt64());
            Assert.Equal(64UL, arguments.GetProperty("size").GetUInt64());
            Assert.Equal("/tmp/x.bin", arguments.GetProperty("filename").GetString());
            await peer.ReturnAsync(id, "{}");
            await peer.WaitForCloseAsync();
        });
        await using (QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous))
        {
            Assert.Equal(new QmpVersion(7, 2, 22, "fake"), client.ServerVersion);
            Assert.Equal(new QmpStatus("paused", false), await client.QueryStatusAsync());
            Assert.Equal(new QmpVersion(8, 2, 1, "p"), await client.QueryVersionAsync());
            await client.PmemsaveAsync(0x4020_0000, 64, "/tmp/x.bin");
        }
        await server.Script;
    }

    [Fact]
    public async Task No_greeting_is_a_timeout()
    {
        await using var server = new ScriptedQmpServer(peer => peer.WaitForCloseAsync());
        QmpTimeoutException error = await Assert.ThrowsAsync<QmpTimeoutException>(() => QmpClient.ConnectAsync(server.SocketPath, ShortTimeout));
        Assert.Contains("no QMP greeting", error.Message);
    }

    [Fact]
    public async Task Closed_before_the_greeting_is_reported_as_closed()
    {
        await using var server = new ScriptedQmpServer(_ => Task.CompletedTask);
        QmpConnectionClosedException error = await Assert.ThrowsAsync<QmpConnectionClosedException>(() => QmpClient.ConnectAsync(server.SocketPath, Generous));
        Assert.Contains("closed the connection", error.Message);
    }

    [Fact]
    public async Task A_first_message_that_is_not_a_greeting_is_a_protocol_error()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.SendAsync("{\"return\": {}}");
            await peer.WaitForCloseAsync();
        });
        QmpProtocolException error = await Assert.ThrowsAsync<QmpProtocolException>(() => QmpClient.ConnectAsync(server.SocketPath, Generous));
        Assert.Contains("expected the QMP greeting", error.Message);
    }

    [Fact]
    public async Task Bad_JSON_fails_the_waiting_call_and_closes_the_connection()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            await peer.ExpectCommandAsync("query-status");
            await peer.SendAsync("{\"return\": {\"status\": , }");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        QmpProtocolException error = await Assert.ThrowsAsync<QmpProtocolException>(() => client.QueryStatusAsync());
        Assert.Contains("bad JSON", error.Message);
        Assert.Contains("'query-status' got no reply", error.Message);
        await client.Completion.WaitAsync(Generous);
        await Assert.ThrowsAsync<QmpProtocolException>(() => client.StopAsync());
    }

    [Fact]
    public async Task An_error_reply_carries_class_and_description_and_the_connection_stays_usable()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long id, _) = await peer.ExpectCommandAsync("pmemsave");
            await peer.SendAsync($"{{\"error\": {{\"class\": \"GenericError\", \"desc\": \"Invalid parameter 'size'\"}}, \"id\": {id}}}");
            (_, id, _) = await peer.ExpectCommandAsync("cont");
            await peer.ReturnAsync(id, "{}");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        QmpErrorException error = await Assert.ThrowsAsync<QmpErrorException>(() => client.PmemsaveAsync(0, 0, "/nowhere"));
        Assert.Equal("GenericError", error.ErrorClass);
        Assert.Equal("Invalid parameter 'size'", error.Description);
        Assert.Equal("pmemsave", error.Command);
        await client.ContAsync();
    }

    [Fact]
    public async Task A_socket_closed_mid_message_is_reported_to_the_waiting_call()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long id, _) = await peer.ExpectCommandAsync("query-status");
            await peer.SendRawAsync($"{{\"return\": {{\"status\": \"runn"); // and the socket closes
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        QmpConnectionClosedException error = await Assert.ThrowsAsync<QmpConnectionClosedException>(() => client.QueryStatusAsync());
        Assert.Contains("in the middle of a message", error.Message);
    }

    [Fact]
    public async Task A_closed_socket_is_reported_to_every_pending_call()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            await peer.ExpectCommandAsync("query-status");
            await peer.ExpectCommandAsync("stop");
            await peer.ExpectCommandAsync("query-version");
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        Task[] calls = [client.QueryStatusAsync(), client.StopAsync(), client.QueryVersionAsync()];
        foreach (Task call in calls)
        {
            QmpConnectionClosedException error = await Assert.ThrowsAsync<QmpConnectionClosedException>(() => call);
            Assert.Contains("closed the connection", error.Message);
        }
        Assert.IsType<QmpConnectionClosedException>(client.ClosedReason);
    }

    [Fact]
    public async Task A_reply_that_never_comes_times_out_and_a_late_reply_is_dropped()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long lateId, _) = await peer.ExpectCommandAsync("query-status");
            (_, long id, _) = await peer.ExpectCommandAsync("stop"); // sent after the first call gave up
            await peer.ReturnAsync(lateId, "{\"status\": \"running\", \"running\": true}");
            await peer.ReturnAsync(id, "{}");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        QmpTimeoutException error = await Assert.ThrowsAsync<QmpTimeoutException>(() => client.QueryStatusAsync(timeout: ShortTimeout));
        Assert.Contains("no reply to 'query-status'", error.Message);
        Assert.Equal(ShortTimeout, error.Timeout);
        await client.StopAsync(); // the late reply to query-status does not confuse this one
        Assert.Null(client.ClosedReason);
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceled_and_the_connection_stays_usable()
    {
        using var cancel = new CancellationTokenSource();
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            await peer.ExpectCommandAsync("query-status");
            cancel.Cancel();
            (_, long id, _) = await peer.ExpectCommandAsync("cont");
            await peer.ReturnAsync(id, "{}");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryStatusAsync(cancel.Token));
        await client.ContAsync();
    }

    [Fact]
    public async Task Several_commands_in_flight_are_matched_by_id_when_answered_out_of_order()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            var ids = new List<(string, long)>();
            for (int index = 0; index < 3; index++)
            {
                (string name, long id, _) = await peer.ReadCommandAsync() ?? throw new InvalidOperationException("closed");
                ids.Add((name, id));
            }
            ids.Reverse();
            foreach ((string name, long id) in ids)
            {
                await peer.ReturnAsync(id, $"\"{name}\"");
            }
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        Task<JsonElement> first = client.ExecuteAsync("first");
        Task<JsonElement> second = client.ExecuteAsync("second");
        Task<JsonElement> third = client.ExecuteAsync("third");
        Assert.Equal("first", (await first).GetString());
        Assert.Equal("second", (await second).GetString());
        Assert.Equal("third", (await third).GetString());
    }

    [Fact]
    public async Task Events_between_replies_reach_subscribers_in_order()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long id, _) = await peer.ExpectCommandAsync("stop");
            await peer.EventAsync("STOP");
            await peer.ReturnAsync(id, "{}");
            (_, id, _) = await peer.ExpectCommandAsync("system_reset");
            await peer.EventAsync("RESET", "{\"guest\": false, \"reason\": \"host-qmp-system-reset\"}");
            await peer.ReturnAsync(id, "{}");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        using QmpEventSubscription events = client.SubscribeEvents();
        await client.StopAsync();
        await client.SystemResetAsync();
        var received = new List<QmpEvent>();
        await foreach (QmpEvent item in events.WithCancellation(new CancellationTokenSource(Generous).Token))
        {
            received.Add(item);
            if (received.Count == 2)
            {
                break;
            }
        }
        Assert.Equal(["STOP", "RESET"], received.ConvertAll(item => item.Name));
        Assert.Equal("host-qmp-system-reset", received[1].DataString("reason"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(2_500), received[0].Timestamp);
    }

    [Fact]
    public async Task A_subscription_ends_when_the_connection_ends()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            await peer.EventAsync("POWERDOWN");
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        using QmpEventSubscription events = client.SubscribeEvents();
        await Assert.ThrowsAsync<QmpConnectionClosedException>(() => events.WaitForAsync("SHUTDOWN", Generous));
    }

    [Fact]
    public async Task Messages_split_into_single_bytes_are_reassembled()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.SendBytewiseAsync(ScriptedQmpServer.Greeting + "\r\n");
            (_, long id, _) = await peer.ExpectCommandAsync("qmp_capabilities");
            await peer.SendBytewiseAsync($"{{\"return\": {{}}, \"id\": {id}}}\r\n");
            (_, id, _) = await peer.ExpectCommandAsync("query-status");
            // An event and the reply in one write, the reply's line break split off into the next.
            await peer.SendRawAsync($"{{\"event\": \"RESUME\"}}\r\n{{\"return\": {{\"status\": \"running\", \"running\": true}}, \"id\": {id}}}\r");
            await peer.SendRawAsync("\n");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        Assert.Equal(new QmpStatus("running", true), await client.QueryStatusAsync());
    }

    [Fact]
    public async Task A_very_long_reply_line_is_read_whole()
    {
        string registers = new('x', 4 * 1024 * 1024);
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            (_, long id, _) = await peer.ExpectCommandAsync("human-monitor-command");
            await peer.ReturnAsync(id, $"\"{registers}\"");
            await peer.WaitForCloseAsync();
        });
        await using QmpClient client = await QmpClient.ConnectAsync(server.SocketPath, Generous);
        Assert.Equal(registers, await client.HumanMonitorCommandAsync("info registers"));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_a_protocol_error()
    {
        await using var server = new ScriptedQmpServer(async peer =>
        {
            await peer.HandshakeAsync();
            await peer.ExpectCommandAsync("query-status");
            await peer.SendRawAsync(new string(' ', 100_000)); // no line break, ever
            await peer.WaitForCloseAsync();
        });
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.SocketPath));
        await using QmpClient client = await QmpClient.ConnectAsync(new NetworkStream(socket, ownsSocket: true), Generous, maxMessageBytes: 64 * 1024);
        QmpProtocolException error = await Assert.ThrowsAsync<QmpProtocolException>(() => client.QueryStatusAsync());
        Assert.Contains("without a line break", error.Message);
    }
}
