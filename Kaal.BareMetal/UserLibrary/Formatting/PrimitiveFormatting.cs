namespace System;

// ToString, equality and ordering for the primitives, added to the kernel's primitive structs (partial): the
// kernel has no formatting, components print numbers in interpolated strings and compare them in generic code
// (EqualityComparer, SortedDictionary keys).

public readonly partial struct Boolean : IEquatable<bool>
{
    public override string ToString() => m_value ? "True" : "False";

    public bool Equals(bool other) => m_value == other;

    public override bool Equals(object? obj) => obj is bool other && m_value == other;

    public override int GetHashCode() => m_value ? 1 : 0;
}

public readonly partial struct Char : IEquatable<char>
{
    public override string ToString() => string.FromChar(m_value);

    public bool Equals(char other) => m_value == other;

    public override bool Equals(object? obj) => obj is char other && m_value == other;

    public override int GetHashCode() => m_value;
}

public readonly partial struct Byte : IEquatable<byte>, IComparable<byte>
{
    public override string ToString() => NumberFormatting.ToText(m_value, false);

    public bool Equals(byte other) => m_value == other;

    public override bool Equals(object? obj) => obj is byte other && m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(byte other) => m_value - other;
}

public readonly partial struct Int32 : IEquatable<int>, IComparable<int>
{
    public override string ToString() => NumberFormatting.ToText(m_value < 0 ? (ulong)-(long)m_value : (ulong)m_value, m_value < 0);

    public bool Equals(int other) => m_value == other;

    public override bool Equals(object? obj) => obj is int other && m_value == other;

    public override int GetHashCode() => m_value;

    public int CompareTo(int other) => m_value < other ? -1 : m_value > other ? 1 : 0;
}

public readonly partial struct UInt32 : IEquatable<uint>, IComparable<uint>
{
    public override string ToString() => NumberFormatting.ToText(m_value, false);

    public bool Equals(uint other) => m_value == other;

    public override bool Equals(object? obj) => obj is uint other && m_value == other;

    public override int GetHashCode() => (int)m_value;

    public int CompareTo(uint other) => m_value < other ? -1 : m_value > other ? 1 : 0;
}

public readonly partial struct Int64 : IEquatable<long>, IComparable<long>
{
    public override string ToString() => NumberFormatting.ToText(m_value < 0 ? (ulong)-m_value : (ulong)m_value, m_value < 0);

    public bool Equals(long other) => m_value == other;

    public override bool Equals(object? obj) => obj is long other && m_value == other;

    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);

    public int CompareTo(long other) => m_value < other ? -1 : m_value > other ? 1 : 0;
}

public readonly partial struct UInt64 : IEquatable<ulong>, IComparable<ulong>
{
    public override string ToString() => NumberFormatting.ToText(m_value, false);

    public bool Equals(ulong other) => m_value == other;

    public override bool Equals(object? obj) => obj is ulong other && m_value == other;

    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);

    public int CompareTo(ulong other) => m_value < other ? -1 : m_value > other ? 1 : 0;
}
