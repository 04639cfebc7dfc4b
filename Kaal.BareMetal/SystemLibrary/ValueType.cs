namespace System;

/// <summary>Base of every struct. Field-wise Equals needs reflection, which does not exist here: a struct
/// that is compared through Equals(object) must override it (the Model compares with explicit methods).</summary>
public abstract class ValueType
{
}
