namespace System.Collections;

/// <summary>The non-generic roots of IEnumerable&lt;T&gt; (C# requires them for `foreach`).</summary>
public interface IEnumerable
{
    IEnumerator GetEnumerator();
}

public interface IEnumerator
{
    object? Current { get; }

    bool MoveNext();
}
