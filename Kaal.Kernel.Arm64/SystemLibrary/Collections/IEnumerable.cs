namespace System.Collections;

// C# needs these to exist for foreach over arrays (which it compiles to an index loop anyway).

public interface IEnumerable
{
    IEnumerator GetEnumerator();
}

public interface IEnumerator
{
    object Current { get; }

    bool MoveNext();
}
