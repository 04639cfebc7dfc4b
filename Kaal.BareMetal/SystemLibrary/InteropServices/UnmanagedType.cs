namespace System.Runtime.InteropServices;

/// <summary>The C# compiler encodes the `unmanaged` generic constraint as modreq(UnmanagedType).</summary>
public enum UnmanagedType
{
}
