namespace System;

/// <summary>ToString for every object (the kernel's Object has none: formatting is outside its subset).
/// There is no reflection, so the default cannot name the type; records and the primitives override it.</summary>
public unsafe partial class Object
{
    public virtual string ToString() => "(object)";
}
