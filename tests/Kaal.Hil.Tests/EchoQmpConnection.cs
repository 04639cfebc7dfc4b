using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Kaal.Hil.Qmp;

namespace Kaal.Hil.Tests;

/// <summary>
/// A <see cref="QmpClient"/> connected in memory to a fake QMP server that answers out of order: it reads every command
/// that has arrived, sends an event for each, then the replies newest first. "echo" returns its "value" argument;
/// "query-status" returns a running status. What the client's callers got back is recorded (<see cref="Replies"/>),
/// so a linearizability check can compare concurrent calls with every sequential order of them.
/// </summary>
internal sealed class EchoQmpConnection : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly Pipe _toClient = new();
    private readonly Pipe _toServer = new();
    private readonly Task _server;
    private readonly List<string> _replies = new();
    private readonly QmpClient _client;

    public EchoQmpConnection()
    {
        _server = Task.Run(ServeAsync);
        _client = QmpClient.ConnectAsync(new DuplexPipeStream(_toClient.Reader, _toServer.Writer), Limit, commandTimeout: Limit).GetAwaiter().GetResult();
    }

    /// <summary>"sent -> got" for every call, sorted (the order calls finish in is not part of the state).</summary>
    public IReadOnlyList<string> Replies
    {
        get
        {
            lock (_replies)
            {
                return _replies.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    public void Echo(int value)
    {
        JsonElement reply = _client.ExecuteAsync("echo", new JsonObject { ["value"] = value }).GetAwaiter().GetResult();
        Record($"echo {value} -> {reply.GetProperty("value").GetInt32()}");
    }

    public void QueryStatus()
    {
        QmpStatus status = _client.QueryStatusAsync().GetAwaiter().GetResult();
        Record($"query-status -> {status.Status}");
    }

    public override string ToString() => string.Join(", ", Replies);

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _toServer.Writer.CompleteAsync();
        await _server.WaitAsync(Limit);
    }

    private void Record(string reply)
    {
        lock (_replies)
        {
            _replies.Add(reply);
        }
    }

    private async Task ServeAsync()
    {
        await SendAsync(ScriptedQmpServer.Greeting);
        while (true)
        {
            ReadResult read = await _toServer.Reader.ReadAsync();
            ReadOnlySequence<byte> buffer = read.Buffer;
            var commands = new List<JsonElement>();
            while (buffer.PositionOf((byte)'\n') is SequencePosition end)
            {
                commands.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer.Slice(0, end))).RootElement.Clone());
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }
            _toServer.Reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (JsonElement command in commands) await SendAsync("{\"event\": \"ECHO\", \"data\": {}, \"timestamp\": {\"seconds\": 1, \"microseconds\": 0}}");
            for (int index = commands.Count - 1; index >= 0; index--) await SendAsync(Reply(commands[index]));
            if (read.IsCompleted) break;
        }
        await _toClient.Writer.CompleteAsync();
    }

    private static string Reply(JsonElement command)
    {
        long id = command.GetProperty("id").GetInt64();
        string result = command.GetProperty("execute").GetString() switch
        {
            "echo" => $"{{\"value\": {command.GetProperty("arguments").GetProperty("value").GetInt32()}}}",
            "query-status" => "{\"running\": true, \"status\": \"running\"}",
            _ => "{}",
        };
        return $"{{\"return\": {result}, \"id\": {id}}}";
    }

    private async Task SendAsync(string json)
    {
        await _toClient.Writer.WriteAsync(Encoding.UTF8.GetBytes(json + "\r\n"));
    }
}
