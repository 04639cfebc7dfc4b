namespace System;

/// <summary>
/// The JIT asks ILC for this type by name (a "built-in class") while compiling some methods that read
/// reference-typed statics, e.g. ResidentKernel.OnTick. No kernel code creates one: there is no reflection.
/// </summary>
internal sealed class RuntimeType
{
}
