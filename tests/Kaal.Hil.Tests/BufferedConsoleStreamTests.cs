using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Serial;
using Xunit;

namespace Kaal.Hil.Tests;

public sealed class BufferedConsoleStreamTests
{
    /// <summary>A pipe's reader stream, once completed by its disposal, fails a pending read with
    /// InvalidOperationException, not ObjectDisposedException: disposing the buffered console must not surface it.</summary>
    [Fact]
    public async Task Disposal_ignores_whatever_the_closing_console_throws_at_the_pending_read()
    {
        var console = new ConsoleFailingWhenClosed();
        var buffered = new BufferedConsoleStream(console);
        await console.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await buffered.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(console.Closed);
    }

    /// <summary>A console whose read waits, ignoring cancellation, until the console is closed, then throws as a
    /// completed pipe reader does.</summary>
    private sealed class ConsoleFailingWhenClosed : Stream
    {
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Closed => _closed.Task.IsCompleted;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadStarted.TrySetResult();
            await _closed.Task;
            throw new InvalidOperationException("Reading is not allowed after reader was completed.");
        }

        public override ValueTask DisposeAsync()
        {
            _closed.TrySetResult();
            return ValueTask.CompletedTask;
        }

        public override bool CanRead => true;
        public override bool CanWrite => false;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
