using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Kaal.Tests.Shared;

/// <summary>A board's console server that accepts the harness, prints the given console text and then nothing more: a
/// serial:PATH target for tests of what happens around a board (its reset command, an interrupt) without QEMU.</summary>
public sealed class FakeBoard : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kaal-board-").FullName;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _serve;
    private Socket? _connection;

    public FakeBoard(string console = "")
    {
        SocketPath = Path.Combine(_directory, "uart.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _serve = Task.Run(async () =>
        {
            _connection = await _listener.AcceptAsync();
            await _connection.SendAsync(Encoding.ASCII.GetBytes(console));
        });
    }

    public string SocketPath { get; }

    /// <summary>Completes once the harness is connected and the console text is sent.</summary>
    public Task Printed => _serve;

    public void Dispose()
    {
        _listener.Dispose();
        _connection?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
