using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Kaal.Hil.Tests;

/// <summary>
/// The quickest guest there is: a raw virt image (QEMU loads it at 0x40080000 and jumps there) of ten
/// instructions that writes a passing one-test sel4test run to the PL011 and powers off through semihosting
/// with exit code 0. It is done within a millisecond of `cont`, before a harness that races it has finished
/// its own start-up.
/// </summary>
internal static class FastGuestImage
{
    public const string TestName = "FAST_GUEST";

    private static readonly uint[] Code =
    [
        0x100001c1, // adr  x1, message           (0x38)
        0xd2a12002, // movz x2, #0x0900, lsl #16  (virt's PL011 data register, 0x09000000)
        0x38401423, // 1: ldrb w3, [x1], #1
        0x34000063, //    cbz  w3, 2f
        0x39000043, //    strb w3, [x2]
        0x17fffffd, //    b    1b
        0x10000081, // 2: adr  x1, exit_block     (0x28)
        0x52800300, // mov  w0, #0x18             (SYS_EXIT)
        0xd45e0000, // hlt  #0xf000               (the semihosting call)
        0x14000000, // b    .
    ];

    /// <summary>SYS_EXIT's parameter block: ADP_Stopped_ApplicationExit and the exit code.</summary>
    private static readonly ulong[] ExitBlock = [0x20026, 0];

    private const string Message = $"Starting test 0: {TestName}\nTest {TestName} passed\nTest suite passed. 1 tests passed. 0 tests disabled.\n";

    /// <summary>Writes the image to <paramref name="path"/>.</summary>
    public static void Write(string path)
    {
        byte[] message = Encoding.ASCII.GetBytes(Message + "\0");
        byte[] image = new byte[(Code.Length * sizeof(uint)) + (ExitBlock.Length * sizeof(ulong)) + message.Length];
        Span<byte> rest = image;
        foreach (uint instruction in Code)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(rest, instruction);
            rest = rest[sizeof(uint)..];
        }
        foreach (ulong word in ExitBlock)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(rest, word);
            rest = rest[sizeof(ulong)..];
        }
        message.CopyTo(rest);
        File.WriteAllBytes(path, image);
    }
}
