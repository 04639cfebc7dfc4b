using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Kaal.Hil.Serial;
using Xunit;

namespace Kaal.Hil.Tests;

/// <summary>A serial:PATH that cannot be the console says what the path is: missing, a directory, a regular file, a Unix
/// socket nobody listens on, a device that is not a terminal, one the user may not open.</summary>
public sealed class SerialConnectionTests
{
    private static async Task<string> ErrorOpeningAsync(string path) =>
        (await Assert.ThrowsAsync<IOException>(() => SerialConnection.OpenAsync(path, SerialDeviceStream.DefaultBaudRate))).Message;

    [Fact]
    public async Task A_missing_path()
    {
        Assert.Equal("serial path /dev/kaal-no-such-uart does not exist (a board's UART is e.g. /dev/ttyUSB0 or /dev/serial0)",
            await ErrorOpeningAsync("/dev/kaal-no-such-uart"));
    }

    [Fact]
    public async Task A_directory()
    {
        string folder = Directory.CreateTempSubdirectory("kaal-serial-").FullName;
        try
        {
            Assert.Equal($"serial path {folder} is a directory, not a serial device or a Unix socket", await ErrorOpeningAsync(folder));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task A_regular_file()
    {
        string file = Path.GetTempFileName();
        try
        {
            Assert.Equal($"serial path {file} is a regular file, not a serial device or a Unix socket", await ErrorOpeningAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_socket_nobody_listens_on()
    {
        string folder = Directory.CreateTempSubdirectory("kaal-serial-").FullName;
        string path = Path.Combine(folder, "uart.sock");
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path)); // bound, never listening: as a serial server that has stopped
            Assert.Equal($"serial path {path} is a Unix socket with no listener (connection refused): is the serial server running?", await ErrorOpeningAsync(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_device_that_is_not_a_terminal()
    {
        string message = await ErrorOpeningAsync("/dev/null");
        Assert.StartsWith("serial path /dev/null is a device but not a terminal (not a UART or a pty: ", message);
    }

    /// <summary>The tests run as root, for whom every open succeeds: the words for EACCES are checked as such.</summary>
    [Fact]
    public void A_device_the_user_may_not_open()
    {
        Assert.Equal("no permission to open serial device /dev/ttyUSB0 (permission denied): add the user to its group (ls -l /dev/ttyUSB0; usually dialout) or run with access to it",
            SerialPath.DescribeOpenFailure("/dev/ttyUSB0", 13));
    }
}
