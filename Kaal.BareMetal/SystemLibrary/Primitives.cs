namespace System;

// The primitive value types. C# maps its keywords onto these names; their only field is the value
// itself (m_value), which is how the compiler and ILC recognise them as primitives. No parsing or
// formatting: the kernel prints numbers through its own console helpers.
// m_value is never read from C#: the compiler and ILC treat these types as the primitives themselves.
#pragma warning disable CS0169, CS0649 // user builds read m_value in their partial parts (never assigned from C#)

public struct Void
{
}

public readonly partial struct Boolean
{
    private readonly bool m_value;
}

public readonly partial struct Char
{
    private readonly char m_value;
}

public readonly partial struct SByte
{
    private readonly sbyte m_value;
}

public readonly partial struct Byte
{
    public const byte MaxValue = 0xFF;
    public const byte MinValue = 0;
    private readonly byte m_value;
}

public readonly partial struct Int16
{
    public const short MaxValue = 0x7FFF;
    public const short MinValue = -0x8000;
    private readonly short m_value;
}

public readonly partial struct UInt16
{
    public const ushort MaxValue = 0xFFFF;
    public const ushort MinValue = 0;
    private readonly ushort m_value;
}

public readonly partial struct Int32
{
    public const int MaxValue = 0x7FFFFFFF;
    public const int MinValue = -0x80000000;
    private readonly int m_value;
}

public readonly partial struct UInt32
{
    public const uint MaxValue = 0xFFFFFFFF;
    public const uint MinValue = 0;
    private readonly uint m_value;
}

public readonly partial struct Int64
{
    public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
    public const long MinValue = -0x8000000000000000;
    private readonly long m_value;
}

public readonly partial struct UInt64
{
    public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
    public const ulong MinValue = 0;
    private readonly ulong m_value;
}

public readonly unsafe struct IntPtr
{
    private readonly void* _value;
}

public readonly unsafe struct UIntPtr
{
    private readonly void* _value;
}
