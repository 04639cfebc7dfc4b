using System;
using Kaal.Hil.Interop;

namespace Kaal.Hil.Interactive;

/// <summary>
/// Puts the terminal on stdin into raw mode for an interactive console (every key goes to the guest at once,
/// Ctrl-C included, as with QEMU -nographic) and restores it on dispose. Output post-processing stays on so
/// the guest's bare LF still starts a new line. Does nothing when stdin is not a terminal.
/// </summary>
public sealed unsafe class TerminalRawMode : IDisposable
{
    private const int StandardInput = 0;
    /// <summary>Offset and bits of c_oflag in Linux's struct termios (the same on x86_64 and arm64).</summary>
    private const int OutputFlagsOffset = 4;
    private const uint PostProcessOutput = 0x1; // OPOST
    private const uint NewlineToCrLf = 0x4; // ONLCR

    private readonly byte[]? _saved;

    public TerminalRawMode()
    {
        byte[] saved = new byte[LibC.TermiosBufferBytes];
        fixed (byte* original = saved)
        {
            if (LibC.GetTerminalAttributes(StandardInput, original) != 0)
            {
                return; // not a terminal
            }
            byte* raw = stackalloc byte[LibC.TermiosBufferBytes];
            new ReadOnlySpan<byte>(original, LibC.TermiosBufferBytes).CopyTo(new Span<byte>(raw, LibC.TermiosBufferBytes));
            LibC.MakeRaw(raw);
            *(uint*)(raw + OutputFlagsOffset) |= PostProcessOutput | NewlineToCrLf;
            if (LibC.SetTerminalAttributes(StandardInput, LibC.SetNow, raw) == 0)
            {
                _saved = saved;
            }
        }
    }

    public void Dispose()
    {
        if (_saved != null)
        {
            fixed (byte* original = _saved)
            {
                LibC.SetTerminalAttributes(StandardInput, LibC.SetNow, original);
            }
        }
    }
}
