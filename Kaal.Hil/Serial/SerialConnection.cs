using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Serial;

/// <summary>Opens a board's console: a Unix socket (a serial server, or QEMU standing in for the board) or a serial
/// device (a USB UART, a pty; a FIFO in tests). Every wrong path is said as what it is: missing, a directory, a regular
/// file, a socket nobody listens on, a device that is not a terminal, one the user may not open.</summary>
public static class SerialConnection
{
    /// <exception cref="IOException">the path cannot be the console (the message names the path and what it is).</exception>
    public static async Task<Stream> OpenAsync(string path, int baudRate, CancellationToken cancellationToken = default)
    {
        switch (SerialPath.KindOf(path))
        {
            case SerialPathKind.Socket:
                return await ConnectAsync(path, cancellationToken).ConfigureAwait(false);
            case SerialPathKind.CharacterDevice:
                return SerialDeviceStream.Open(path, baudRate, requireTerminal: true);
            case SerialPathKind.Fifo:
                return SerialDeviceStream.Open(path, baudRate);
            case SerialPathKind.Missing:
                throw new IOException($"serial path {path} does not exist (a board's UART is e.g. /dev/ttyUSB0 or /dev/serial0)");
            case SerialPathKind.Directory:
                throw new IOException($"serial path {path} is a directory, not a serial device or a Unix socket");
            case SerialPathKind.RegularFile:
                throw new IOException($"serial path {path} is a regular file, not a serial device or a Unix socket");
            case SerialPathKind.NotAccessible:
                throw new IOException($"serial path {path} cannot be looked at (permission denied on a folder on its way)");
            default:
                throw new IOException($"serial path {path} is neither a serial device nor a Unix socket (a block device?)");
        }
    }

    private static async Task<Stream> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new IOException(error.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"serial path {path} is a Unix socket with no listener (connection refused): is the serial server running?",
                SocketError.AccessDenied => $"no permission to connect to the Unix socket {path} (permission denied)",
                _ => $"cannot connect to the Unix socket {path}: {error.Message}",
            }, error);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
