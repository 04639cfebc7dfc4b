namespace System;

/// <summary>
/// Enums at EL0 (equality is EqualityComparer's bitwise compare; ILC synthesizes Equals overrides itself): their names need metadata the image does not carry, so an enum prints as its number
/// (`InvalidCapability` prints as `3`): a known difference from the simulator's lines (docs/el0-components.md).
/// Every enum of the SDK and the Model is unsigned and at most 8 bytes; the box holds the value in the word after
/// its MethodTable, zero-padded by the allocator, so that word is the value.
/// </summary>
public abstract unsafe partial class Enum
{
    public override string ToString() => NumberFormatting.ToText(Value, false);

    private ulong Value
    {
        get
        {
            object self = this;
            return *(ulong*)(System.Runtime.CompilerServices.Unsafe.As<object, nint>(ref self) + 8);
        }
    }
}
