namespace System;

// C#'s operator resolution refers to these even in code that declares no delegate. The kernel uses
// function pointers (delegate*) instead: a delegate is an allocation plus an indirect call.

public abstract partial class Delegate
{
}

public abstract partial class MulticastDelegate : Delegate
{
}
