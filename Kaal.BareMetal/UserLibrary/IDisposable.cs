namespace System;

/// <summary>`foreach` over an IEnumerator&lt;T&gt; disposes it; `using` needs it too.</summary>
public interface IDisposable
{
    void Dispose();
}
