using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Hil.Interop;

namespace Kaal.Hil.Serial;

/// <summary>
/// A serial device (a USB UART such as /dev/ttyUSB0, a pty standing in for one, or a FIFO) as a Stream: raw
/// mode at the given baud rate, opened non-blocking and waited on with poll in short slices, because a read
/// blocked inside read(2) on a tty cannot be cancelled and would outlive the harness's timeouts. A pty whose
/// other side has closed (EIO) reads as the end of the stream.
/// </summary>
public sealed unsafe class SerialDeviceStream : Stream
{
    public const int DefaultBaudRate = 115200;
    /// <summary>How often a waiting read or write looks at its cancellation token and at Dispose.</summary>
    private const int PollSliceMs = 50;
    /// <summary>Offset and bits of c_cflag in Linux's struct termios (the same on x86_64 and arm64).</summary>
    private const int ControlFlagsOffset = 8;
    private const uint EnableReceiver = 0x80; // CREAD
    private const uint IgnoreModemLines = 0x800; // CLOCAL: no carrier detect on a 3-wire UART

    private readonly ReaderWriterLockSlim _closeLock = new();
    private readonly int _descriptor;
    private bool _closed;

    private SerialDeviceStream(int descriptor, string path)
    {
        _descriptor = descriptor;
        Path = path;
    }

    public string Path { get; }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <exception cref="IOException">the device cannot be opened or configured (the message names the path and errno).</exception>
    /// <param name="requireTerminal">a device node must be a terminal (a UART or a pty); a FIFO stands in for one in tests
    /// and is not.</param>
    public static SerialDeviceStream Open(string path, int baudRate = DefaultBaudRate, bool requireTerminal = false)
    {
        int descriptor = LibC.Open(path, LibC.ReadWrite | LibC.NoControllingTty | LibC.NonBlocking | LibC.CloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException(SerialPath.DescribeOpenFailure(path, System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
        }
        try
        {
            ConfigureRaw(descriptor, path, baudRate, requireTerminal);
        }
        catch
        {
            LibC.Close(descriptor);
            throw;
        }
        return new SerialDeviceStream(descriptor, path);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer.AsMemory(offset, count), CancellationToken.None);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => ReadCore(buffer, cancellationToken), cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteCore(buffer.AsMemory(offset, count), CancellationToken.None);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => WriteCore(buffer, cancellationToken), cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Waits for a read or write in progress to finish its current poll slice, so the descriptor is
            // never closed (and its number reused) under it.
            _closeLock.EnterWriteLock();
            try
            {
                if (!_closed)
                {
                    _closed = true;
                    LibC.Close(_descriptor);
                }
            }
            finally
            {
                _closeLock.ExitWriteLock();
            }
        }
        base.Dispose(disposing);
    }

    private static void ConfigureRaw(int descriptor, string path, int baudRate, bool requireTerminal)
    {
        byte* termios = stackalloc byte[LibC.TermiosBufferBytes];
        if (LibC.GetTerminalAttributes(descriptor, termios) != 0)
        {
            int error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (error == LibC.NotATerminal && requireTerminal)
            {
                throw new IOException($"serial path {path} is a device but not a terminal (not a UART or a pty: {LibC.Describe(error)})");
            }
            if (error == LibC.NotATerminal)
            {
                return; // a FIFO: nothing to configure
            }
            throw new IOException($"cannot read the terminal settings of {path}: {LibC.Describe(error)}");
        }
        LibC.MakeRaw(termios);
        *(uint*)(termios + ControlFlagsOffset) |= EnableReceiver | IgnoreModemLines;
        if (LibC.SetSpeed(termios, (uint)baudRate) != 0)
        {
            throw new IOException($"baud rate {baudRate} is not supported for {path}");
        }
        if (LibC.SetTerminalAttributes(descriptor, LibC.SetNow, termios) != 0)
        {
            throw new IOException($"cannot set raw mode at {baudRate} baud on {path}: {LibC.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }
    }

    private int ReadCore(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _closeLock.EnterReadLock();
            try
            {
                if (_closed)
                {
                    return 0;
                }
                if (!WaitFor(LibC.PollIn))
                {
                    continue;
                }
                nint count;
                fixed (byte* bytes = buffer.Span)
                {
                    count = LibC.Read(_descriptor, bytes, (nuint)buffer.Length);
                }
                if (count >= 0)
                {
                    return (int)count;
                }
                int error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (error == LibC.InputOutputError)
                {
                    return 0;
                }
                if (error is not (LibC.TryAgain or LibC.Interrupted))
                {
                    throw new IOException($"reading serial device {Path}: {LibC.Describe(error)}");
                }
            }
            finally
            {
                _closeLock.ExitReadLock();
            }
        }
    }

    private void WriteCore(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _closeLock.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_closed, this);
                if (!WaitFor(LibC.PollOut))
                {
                    continue;
                }
                nint count;
                fixed (byte* bytes = buffer.Span)
                {
                    count = LibC.Write(_descriptor, bytes, (nuint)buffer.Length);
                }
                if (count > 0)
                {
                    buffer = buffer[(int)count..];
                    continue;
                }
                int error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (count < 0 && error is not (LibC.TryAgain or LibC.Interrupted))
                {
                    throw new IOException($"writing serial device {Path}: {LibC.Describe(error)}");
                }
            }
            finally
            {
                _closeLock.ExitReadLock();
            }
        }
    }

    /// <summary>Waits one slice for the descriptor to be ready (or hung up / in error: the next read says which).</summary>
    private bool WaitFor(short events)
    {
        var request = new LibC.PollFd { Descriptor = _descriptor, Events = events };
        int ready = LibC.Poll(&request, 1, PollSliceMs);
        return ready > 0 && (request.ReturnedEvents & (events | LibC.PollHangUp | LibC.PollError)) != 0;
    }
}
