namespace System;

/// <summary>
/// Exists because ILC's type system refers to it. Nothing in the kernel throws: the Model reports typed
/// error codes, and the runtime's throw helpers panic with a message instead of allocating one of these.
/// </summary>
public class Exception
{
}
