using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Kaal.Hil.Serial;

/// <summary>Opens a board's console: a Unix socket (a serial server, or QEMU standing in for the board) or
/// a serial device (a USB UART, a pty, a FIFO).</summary>
public static class SerialConnection
{
    public static async Task<Stream> OpenAsync(string path, int baudRate, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new IOException($"serial path {path} does not exist (a board's UART is e.g. /dev/ttyUSB0 or /dev/serial0)");
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            // Not a socket (connect reports ECONNREFUSED for a device node): open it as a device.
            socket.Dispose();
        }
        return SerialDeviceStream.Open(path, baudRate);
    }
}
