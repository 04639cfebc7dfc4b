namespace System;

/// <summary>The Array statics the SDK uses, added to the kernel's Array (partial).</summary>
public abstract unsafe partial class Array
{
    /// <summary>Zeroes every element (the payload after the length word, element size from the MethodTable).</summary>
    public static void Clear(Array array)
    {
        byte* start = (byte*)System.Runtime.CompilerServices.Unsafe.As<Array, nint>(ref array);
        Internal.Runtime.MethodTable* type = *(Internal.Runtime.MethodTable**)start;
        ulong payloadBytes = (ulong)array.Length * type->ComponentSizeBytes;
        for (ulong offset = 0; offset < payloadBytes; offset++) start[16 + offset] = 0;
    }

    public static int IndexOf<T>(T[] array, T value)
    {
        for (int index = 0; index < array.Length; index++)
        {
            if (Collections.Generic.EqualityComparer<T>.Default.Equals(array[index], value)) return index;
        }
        return -1;
    }

    public static T[] Empty<T>() => EmptyArray<T>.Value;

    private static class EmptyArray<T>
    {
        internal static readonly T[] Value = new T[0];
    }
}
