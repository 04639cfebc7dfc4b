using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Tests;

/// <summary>
/// A fake QMP server on a Unix socket that plays a script against one client: it can greet, read the client's
/// commands (to learn their ids), answer, send events, send malformed bytes, split messages or close early.
/// Every read has a time limit, so a script waiting for a command that never comes fails instead of hanging.
/// </summary>
internal sealed class ScriptedQmpServer : IAsyncDisposable
{
    public const string Greeting = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, \"package\": \"fake\"}, \"capabilities\": [\"oob\"]}}";
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("kaal-qmp-fake-").FullName;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _script;

    public ScriptedQmpServer(Func<Peer, Task> script)
    {
        SocketPath = Path.Combine(_directory, "qmp.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(1);
        _script = Task.Run(async () =>
        {
            using var accept = new CancellationTokenSource(ReadLimit);
            using Socket connection = await _listener.AcceptAsync(accept.Token);
            await using var peer = new Peer(connection);
            await script(peer);
        });
    }

    public string SocketPath { get; }

    /// <summary>The script's own outcome (a failed expectation inside it surfaces here).</summary>
    public Task Script => _script;

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        try
        {
            await _script.WaitAsync(ReadLimit);
        }
        catch (Exception)
        {
            // The test asserts on Script when the script's outcome matters.
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The server's end of the connection.</summary>
    internal sealed class Peer : IAsyncDisposable
    {
        private readonly NetworkStream _stream;
        private readonly StreamReader _reader;

        public Peer(Socket socket)
        {
            _stream = new NetworkStream(socket, ownsSocket: false);
            _reader = new StreamReader(_stream, Encoding.UTF8);
        }

        public async Task SendRawAsync(string text)
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
            await _stream.FlushAsync();
        }

        public Task SendAsync(string json) => SendRawAsync(json + "\r\n");

        /// <summary>Bytes as they are (e.g. not UTF-8).</summary>
        public async Task SendBytesAsync(byte[] bytes)
        {
            await _stream.WriteAsync(bytes);
            await _stream.FlushAsync();
        }

        /// <summary>Sends the text one byte per write, so the client sees it in many reads.</summary>
        public async Task SendBytewiseAsync(string text)
        {
            foreach (byte value in Encoding.UTF8.GetBytes(text))
            {
                await _stream.WriteAsync(new[] { value });
                await _stream.FlushAsync();
                await Task.Yield();
            }
        }

        /// <summary>The next command the client sent (its name and id), or null if the client closed.</summary>
        public async Task<(string Execute, long Id, JsonElement Arguments)?> ReadCommandAsync()
        {
            using var limit = new CancellationTokenSource(ReadLimit);
            string? line = await _reader.ReadLineAsync(limit.Token);
            if (line == null)
            {
                return null;
            }
            using JsonDocument command = JsonDocument.Parse(line);
            JsonElement root = command.RootElement;
            JsonElement arguments = root.TryGetProperty("arguments", out JsonElement given) ? given.Clone() : default;
            return (root.GetProperty("execute").GetString()!, root.GetProperty("id").GetInt64(), arguments);
        }

        public async Task<(string Execute, long Id, JsonElement Arguments)> ExpectCommandAsync(string name)
        {
            (string Execute, long Id, JsonElement Arguments) command = await ReadCommandAsync() ?? throw new InvalidOperationException($"client closed; expected {name}");
            return command.Execute == name ? command : throw new InvalidOperationException($"expected {name}, got {command.Execute}");
        }

        /// <summary>Greeting, then the capability negotiation every client must do first.</summary>
        public async Task HandshakeAsync()
        {
            await SendAsync(Greeting);
            (_, long id, _) = await ExpectCommandAsync("qmp_capabilities");
            await ReturnAsync(id, "{}");
        }

        public Task ReturnAsync(long id, string returnJson) => SendAsync($"{{\"return\": {returnJson}, \"id\": {id}}}");

        public Task EventAsync(string name, string dataJson = "{}") =>
            SendAsync($"{{\"timestamp\": {{\"seconds\": 1700000000, \"microseconds\": 250}}, \"event\": \"{name}\", \"data\": {dataJson}}}");

        /// <summary>Waits until the client closes its end (bounded).</summary>
        public async Task WaitForCloseAsync()
        {
            while (await ReadCommandAsync() != null)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _reader.Dispose();
            await _stream.DisposeAsync();
        }
    }
}
