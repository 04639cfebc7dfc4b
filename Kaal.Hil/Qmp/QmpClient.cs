using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Qmp;

/// <summary>
/// A QMP client (QEMU Machine Protocol, docs/interop/qmp-spec.rst) over any byte stream, normally a Unix
/// socket. Reads run in one loop over a PipeReader: replies are matched to their commands by id, so several
/// commands may be in flight from any number of callers; events go to every subscription (each a bounded queue).
/// Every call has a timeout and a cancellation token, the send included (a peer that stops reading cannot hold a
/// call). When the connection ends, every waiting call fails with the reason: a message that breaks the protocol
/// (bad JSON or UTF-8, a member of the wrong type, not an object, too long) ends it with one QmpProtocolException
/// naming the message, and the client is closed (<see cref="ClosedReason"/>); DisposeAsync never throws.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    /// <summary>Per-command default: generous, because QEMU answers from its main loop, which a loaded
    /// machine can starve for seconds; a reply that never comes still ends in a QmpTimeoutException.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest message accepted (info registers on four cores is about 10 KiB; the whole QAPI
    /// schema about 200 KiB). Longer means the peer is not QMP, and the stream is dropped. Framing and parsing take
    /// time linear in a message's length, so a message at this limit costs tens of milliseconds, not seconds.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    private const int PreviewChars = 200;

    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly int _maxMessageBytes;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<long, PendingCommand> _pending = new();
    private readonly List<QmpEventSubscription> _subscriptions = new();
    private readonly TaskCompletionSource<QmpVersion> _greeting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly QmpLineFramer _framer = new();
    private readonly Task _readLoop;
    private QmpException? _closedReason;
    private long _lastId;
    private int _disposed;

    private QmpClient(Stream stream, TimeSpan commandTimeout, int maxMessageBytes)
    {
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        CommandTimeout = commandTimeout;
        _maxMessageBytes = maxMessageBytes;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The timeout of commands that do not pass their own.</summary>
    public TimeSpan CommandTimeout { get; }

    /// <summary>QEMU's version as its greeting announced it.</summary>
    public QmpVersion ServerVersion { get; private set; } = new(0, 0, 0, "");

    /// <summary>Completes when the connection has ended, whatever the reason.</summary>
    public Task Completion => _readLoop;

    /// <summary>Why the connection ended; null while it is open.</summary>
    public QmpException? ClosedReason
    {
        get
        {
            lock (_gate)
            {
                return _closedReason;
            }
        }
    }

    /// <summary>Takes over the stream (disposed with the client), waits for the greeting and negotiates
    /// capabilities (qmp_capabilities) before returning.</summary>
    /// <exception cref="QmpTimeoutException">no greeting within <paramref name="timeout"/>.</exception>
    /// <exception cref="QmpProtocolException">the first message is not a QMP greeting.</exception>
    /// <exception cref="QmpConnectionClosedException">the stream ended before the greeting.</exception>
    public static async Task<QmpClient> ConnectAsync(Stream stream, TimeSpan timeout, CancellationToken cancellationToken = default,
        TimeSpan? commandTimeout = null, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        var client = new QmpClient(stream, commandTimeout ?? DefaultCommandTimeout, maxMessageBytes);
        try
        {
            try
            {
                client.ServerVersion = await client._greeting.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new QmpTimeoutException("no QMP greeting", timeout);
            }
            await client.ExecuteAsync("qmp_capabilities", null, timeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects to a QMP server listening on a Unix socket (QEMU's <c>-qmp unix:PATH,server=on</c>).</summary>
    public static async Task<QmpClient> ConnectAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken = default,
        TimeSpan? commandTimeout = null)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new QmpTimeoutException($"could not connect to {socketPath}", timeout);
            }
            catch (SocketException error)
            {
                throw new QmpConnectionClosedException($"cannot connect to the QMP socket {socketPath}: {error.Message}", error);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return await ConnectAsync(new NetworkStream(socket, ownsSocket: true), timeout, cancellationToken, commandTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a command and returns its "return" value. <paramref name="arguments"/> is sent as the
    /// command's "arguments" object.
    /// </summary>
    /// <exception cref="QmpErrorException">QEMU replied with an error (class and description).</exception>
    /// <exception cref="QmpTimeoutException">no reply within the timeout (the command's own, or <see cref="CommandTimeout"/>).</exception>
    /// <exception cref="QmpConnectionClosedException">the connection ended before the reply.</exception>
    /// <exception cref="QmpProtocolException">the connection was dropped because the peer broke the protocol.</exception>
    /// <exception cref="OperationCanceledException">the token was cancelled.</exception>
    public async Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        TimeSpan limit = timeout ?? CommandTimeout;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id;
        lock (_gate)
        {
            if (_closedReason != null)
            {
                throw ForCommand(_closedReason, command);
            }
            id = ++_lastId;
            _pending.Add(id, new PendingCommand(command, reply));
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await SendAsync(id, command, arguments, deadline.Token).ConfigureAwait(false);
            return await reply.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new QmpTimeoutException($"no reply to '{command}' (id {id})", limit);
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }
        }
    }

    /// <summary>Starts receiving events into a queue of at most <paramref name="capacity"/> events (the oldest are dropped
    /// and counted when it is full); dispose the subscription to stop.</summary>
    public QmpEventSubscription SubscribeEvents(int capacity = QmpEventSubscription.DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new QmpEventSubscription(Unsubscribe, capacity);
        lock (_gate)
        {
            if (_closedReason == null)
            {
                _subscriptions.Add(subscription);
                return subscription;
            }
        }
        subscription.Complete();
        return subscription;
    }

    public async Task<QmpStatus> QueryStatusAsync(CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        JsonElement status = await ExecuteAsync("query-status", null, timeout, cancellationToken).ConfigureAwait(false);
        return new QmpStatus(RequiredString(status, "status", "query-status"), status.TryGetProperty("running", out JsonElement running) && running.ValueKind == JsonValueKind.True);
    }

    public async Task<QmpVersion> QueryVersionAsync(CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ParseVersion(await ExecuteAsync("query-version", null, timeout, cancellationToken).ConfigureAwait(false), "query-version");

    /// <summary>Pauses every vCPU (a STOP event follows).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ExecuteAsync("stop", null, timeout, cancellationToken);

    /// <summary>Resumes the guest (a RESUME event follows); also starts a guest launched with -S.</summary>
    public Task ContAsync(CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ExecuteAsync("cont", null, timeout, cancellationToken);

    /// <summary>Resets the machine as its reset line would (a RESET event follows; images are loaded again).</summary>
    public Task SystemResetAsync(CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ExecuteAsync("system_reset", null, timeout, cancellationToken);

    /// <summary>Asks QEMU to exit. QEMU may close the socket before its reply arrives; that counts as done.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        try
        {
            await ExecuteAsync("quit", null, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpConnectionClosedException)
        {
        }
    }

    /// <summary>Saves guest physical memory [address, address + size) to a file QEMU writes (a host path).</summary>
    public Task PmemsaveAsync(ulong address, ulong sizeBytes, string fileName, CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ExecuteAsync("pmemsave", new JsonObject { ["val"] = address, ["size"] = sizeBytes, ["filename"] = fileName }, timeout, cancellationToken);

    /// <summary>Saves guest virtual memory, as a vCPU's current translation sees it, to a file QEMU writes.</summary>
    public Task MemsaveAsync(ulong address, ulong sizeBytes, string fileName, int cpuIndex = 0, CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ExecuteAsync("memsave", new JsonObject { ["val"] = address, ["size"] = sizeBytes, ["filename"] = fileName, ["cpu-index"] = cpuIndex }, timeout, cancellationToken);

    /// <summary>Runs a human monitor (HMP) command, e.g. "info registers" or "xp /4x 0x40200000", and returns its text.</summary>
    public async Task<string> HumanMonitorCommandAsync(string commandLine, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        JsonElement output = await ExecuteAsync("human-monitor-command", new JsonObject { ["command-line"] = commandLine }, timeout, cancellationToken).ConfigureAwait(false);
        return output.ValueKind == JsonValueKind.String
            ? output.GetString()!
            : throw new QmpProtocolException($"human-monitor-command returned {output.ValueKind}, not a string");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _lifetime.Cancel(); // ends the read loop and any send in progress
        await _readLoop.ConfigureAwait(false); // never throws
        await _writeLock.WaitAsync().ConfigureAwait(false); // no send still touching the stream
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
        }
        _lifetime.Dispose();
    }

    private async Task SendAsync(long id, string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(message))
        {
            json.WriteStartObject();
            json.WriteString("execute", command);
            if (arguments != null)
            {
                json.WritePropertyName("arguments");
                arguments.WriteTo(json);
            }
            json.WriteNumber("id", id);
            json.WriteEndObject();
        }
        message.Write("\r\n"u8);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            QmpException? closed = ClosedReason;
            if (closed != null)
            {
                throw ForCommand(closed, command);
            }
            using var send = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            send.Token.ThrowIfCancellationRequested(); // nothing of this command is on the stream yet
            try
            {
                // Straight to the stream (a socket send with a token): a buffering writer could report a send as
                // cancelled after it went out, or go on flushing after the call gave up.
                await _stream.WriteAsync(message.WrittenMemory, send.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_lifetime.IsCancellationRequested)
            {
                // The peer stopped reading and the call's time ran out mid-message: the stream may hold part of this
                // command, after which no message can be framed; the connection is given up.
                Abort(new QmpConnectionClosedException($"sending '{command}' ({message.WrittenCount} bytes) did not finish in time " +
                    "(the QMP server stopped reading); the connection was closed, as the stream may hold part of it"));
                throw;
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or SocketException
            || (error is OperationCanceledException && _lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw new QmpConnectionClosedException($"could not send '{command}': {error.Message}", error);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Never throws: whatever ends the loop becomes the reason every waiting call is given.</summary>
    private async Task ReadLoopAsync()
    {
        QmpException reason;
        try
        {
            reason = await ReadMessagesAsync().ConfigureAwait(false);
        }
        catch (QmpProtocolException error)
        {
            reason = error;
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            reason = new QmpConnectionClosedException("the QMP client was disposed");
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            reason = new QmpConnectionClosedException($"the QMP connection failed: {error.Message}", error);
        }
        catch (Exception error)
        {
            reason = new QmpProtocolException($"the QMP read loop failed: {error.Message}", error);
        }
        await _reader.CompleteAsync().ConfigureAwait(false);
        Close(reason);
    }

    /// <summary>Ends the connection from this side for <paramref name="reason"/>: every waiting call gets it, and the read
    /// loop stops.</summary>
    private void Abort(QmpException reason)
    {
        Close(reason);
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads until the stream ends; returns why it ended.</summary>
    private async Task<QmpException> ReadMessagesAsync()
    {
        while (true)
        {
            ReadResult result = await _reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            while (_framer.TryReadLine(ref buffer, out ReadOnlySequence<byte> line))
            {
                if (line.Length > _maxMessageBytes)
                {
                    throw new QmpProtocolException($"a QMP message of {line.Length} bytes is longer than the {_maxMessageBytes} bytes accepted");
                }
                HandleMessage(line);
            }
            long unfinished = buffer.Length;
            if (unfinished > _maxMessageBytes)
            {
                throw new QmpProtocolException($"more than {_maxMessageBytes} bytes without a line break: not a QMP stream");
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return unfinished == 0
                    ? new QmpConnectionClosedException("the QMP server closed the connection")
                    : new QmpConnectionClosedException($"the QMP server closed the connection in the middle of a message ({unfinished} bytes of it received)");
            }
        }
    }

    private void HandleMessage(ReadOnlySequence<byte> line)
    {
        if (IsBlank(line))
        {
            return;
        }
        if (InvalidUtf8Offset(line) is long offset)
        {
            throw new QmpProtocolException($"a QMP message that is not UTF-8 (a bad byte sequence at byte {offset} of {line.Length}): {Preview(line)}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            throw new QmpProtocolException($"bad JSON from the QMP server ({error.Message}): {Preview(line)}", error);
        }
        using (document)
        {
            try
            {
                Dispatch(document.RootElement, line);
            }
            catch (Exception error) when (error is InvalidOperationException or FormatException or ArgumentException or OverflowException)
            {
                // A member of an unexpected type that a check below did not foresee: still the peer's fault, never the loop's.
                throw new QmpProtocolException($"a malformed QMP message ({error.Message}): {Preview(line)}", error);
            }
        }
    }

    private void Dispatch(JsonElement message, ReadOnlySequence<byte> line)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new QmpProtocolException($"a QMP message must be a JSON object, got {message.ValueKind}: {Preview(line)}");
        }
        if (!_greeting.Task.IsCompleted)
        {
            _greeting.TrySetResult(message.TryGetProperty("QMP", out JsonElement greeting)
                ? ParseGreeting(greeting)
                : throw new QmpProtocolException($"expected the QMP greeting ({{\"QMP\": ...}}), got: {Preview(line)}"));
            return;
        }
        if (message.TryGetProperty("event", out JsonElement eventName))
        {
            Publish(ParseEvent(message, eventName, line));
            return;
        }
        bool isReturn = message.TryGetProperty("return", out JsonElement returned);
        bool isError = message.TryGetProperty("error", out JsonElement error);
        if (!isReturn && !isError)
        {
            throw new QmpProtocolException($"a QMP message that is neither a reply nor an event: {Preview(line)}");
        }
        if (!message.TryGetProperty("id", out JsonElement idElement))
        {
            // QEMU answers without an id only when it could not read the command at all.
            throw new QmpProtocolException($"a QMP reply without the id of a command: {Preview(line)}");
        }
        if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out long id))
        {
            throw new QmpProtocolException($"a QMP reply whose 'id' is {Describe(idElement)}, not one of this client's numbers: {Preview(line)}");
        }
        PendingCommand? pending;
        lock (_gate)
        {
            _pending.TryGetValue(id, out pending);
        }
        if (pending == null)
        {
            return; // the caller gave up (timeout or cancellation) before this late reply came
        }
        if (isError)
        {
            pending.Reply.TrySetException(new QmpErrorException(pending.Command,
                OptionalString(error, "class") ?? "(no class)", OptionalString(error, "desc") ?? "(no description)"));
        }
        else
        {
            pending.Reply.TrySetResult(returned.Clone());
        }
    }

    private void Publish(QmpEvent received)
    {
        lock (_gate)
        {
            foreach (QmpEventSubscription subscription in _subscriptions)
            {
                subscription.Publish(received);
            }
        }
    }

    private void Unsubscribe(QmpEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private void Close(QmpException reason)
    {
        List<(long Id, PendingCommand Command)> pending = new();
        List<QmpEventSubscription> subscriptions;
        lock (_gate)
        {
            _closedReason ??= reason;
            foreach (KeyValuePair<long, PendingCommand> entry in _pending)
            {
                pending.Add((entry.Key, entry.Value));
            }
            subscriptions = new List<QmpEventSubscription>(_subscriptions);
            _subscriptions.Clear();
        }
        _greeting.TrySetException(reason);
        _ = _greeting.Task.Exception; // observed: a client that was never connected has no one waiting
        foreach ((long _, PendingCommand command) in pending)
        {
            command.Reply.TrySetException(ForCommand(reason, command.Command));
        }
        foreach (QmpEventSubscription subscription in subscriptions)
        {
            subscription.Complete();
        }
    }

    /// <summary>A fresh exception per waiting call, of the same kind as the reason, naming the command.</summary>
    private static QmpException ForCommand(QmpException reason, string command) => reason switch
    {
        QmpProtocolException => new QmpProtocolException($"'{command}' got no reply: {reason.Message}", reason),
        _ => new QmpConnectionClosedException($"'{command}' got no reply: {reason.Message}", reason),
    };

    private static QmpVersion ParseGreeting(JsonElement greeting) =>
        greeting.ValueKind == JsonValueKind.Object && greeting.TryGetProperty("version", out JsonElement version)
            ? ParseVersion(version, "the greeting")
            : throw new QmpProtocolException("the QMP greeting has no version");

    private static QmpVersion ParseVersion(JsonElement version, string source)
    {
        if (version.ValueKind != JsonValueKind.Object || !version.TryGetProperty("qemu", out JsonElement qemu) || qemu.ValueKind != JsonValueKind.Object)
        {
            throw new QmpProtocolException($"no QEMU version in {source}");
        }
        return new QmpVersion(VersionPart(qemu, "major"), VersionPart(qemu, "minor"), VersionPart(qemu, "micro"), OptionalString(version, "package") ?? "");
    }

    private static int VersionPart(JsonElement qemu, string name) =>
        qemu.TryGetProperty(name, out JsonElement part) && part.TryGetInt32(out int value) ? value : 0;

    /// <summary>An event: its name must be a string; a timestamp, when present, an object of two whole numbers of
    /// seconds (0 .. 253402300799, the years DateTimeOffset holds) and microseconds (0 .. 999999).</summary>
    private static QmpEvent ParseEvent(JsonElement message, JsonElement eventName, ReadOnlySequence<byte> line)
    {
        if (eventName.ValueKind != JsonValueKind.String)
        {
            throw new QmpProtocolException($"a QMP event whose 'event' is {Describe(eventName)}, not a name: {Preview(line)}");
        }
        DateTimeOffset timestamp = DateTimeOffset.UnixEpoch;
        if (message.TryGetProperty("timestamp", out JsonElement stamp))
        {
            long? seconds = WholeNumber(stamp, "seconds", 0, MaxUnixSeconds);
            long? microseconds = WholeNumber(stamp, "microseconds", 0, 999_999);
            if (seconds is null || microseconds is null)
            {
                throw new QmpProtocolException($"a QMP event whose 'timestamp' is not {{\"seconds\": N, \"microseconds\": N}} with whole numbers in range: {Preview(line)}");
            }
            timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds.Value).AddTicks(microseconds.Value * 10);
        }
        JsonElement data = message.TryGetProperty("data", out JsonElement payload) ? payload.Clone() : default;
        return new QmpEvent(eventName.GetString()!, data, timestamp);
    }

    private const long MaxUnixSeconds = 253_402_300_799;

    private static long? WholeNumber(JsonElement element, string name, long minimum, long maximum) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= minimum && number <= maximum
            ? number
            : null;

    /// <summary>A JSON value's kind and text, short: what a malformed message held where a number or name belongs.</summary>
    private static string Describe(JsonElement value)
    {
        string text = value.GetRawText();
        return $"{value.ValueKind.ToString().ToLowerInvariant()} {(text.Length > 40 ? text[..40] + "..." : text)}";
    }

    /// <summary>Where the first byte sequence that is not UTF-8 starts; null when the line is valid UTF-8.</summary>
    private static long? InvalidUtf8Offset(ReadOnlySequence<byte> line)
    {
        byte[] bytes = line.ToArray();
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var decoded = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, decoded, out int validBytes, out _, replaceInvalidSequences: false);
        return validBytes;
    }

    private static string RequiredString(JsonElement element, string name, string command) =>
        OptionalString(element, name) ?? throw new QmpProtocolException($"the reply to {command} has no string '{name}'");

    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (ReadOnlyMemory<byte> segment in line)
        {
            foreach (byte value in segment.Span)
            {
                if (value is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static string Preview(ReadOnlySequence<byte> line)
    {
        string text = Encoding.UTF8.GetString(line.Length > PreviewChars ? line.Slice(0, PreviewChars) : line);
        return line.Length > PreviewChars ? $"{text}... ({line.Length} bytes)" : text;
    }

    private sealed record PendingCommand(string Command, TaskCompletionSource<JsonElement> Reply);
}
