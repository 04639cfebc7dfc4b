namespace System;

/// <summary>`T?` for value types (a phase that is not set yet, an optional ArraySegment).</summary>
public struct Nullable<T> where T : struct
{
    private readonly bool _hasValue;
    private readonly T _value;

    public Nullable(T value)
    {
        _hasValue = true;
        _value = value;
    }

    public readonly bool HasValue => _hasValue;

    public readonly T Value
    {
        get
        {
            if (!_hasValue) Kaal.Kernel.Arm64.Boot.KernelPanic.Halt("Nullable.Value of a null");
            return _value;
        }
    }

    public readonly T GetValueOrDefault() => _value;

    public static implicit operator T?(T value) => new T?(value);

    public static explicit operator T(Nullable<T> value) => value!.Value;
}
