namespace System.Runtime.CompilerServices;

/// <summary>The modreq C# puts on volatile fields.</summary>
public static class IsVolatile
{
}
