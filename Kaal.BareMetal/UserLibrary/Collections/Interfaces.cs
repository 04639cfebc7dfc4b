namespace System.Collections.Generic;

// The collection interfaces the SDK's signatures name (IReadOnlyList of argument entries and tests, the
// catalog's IReadOnlyCollection and IEnumerable). Arrays implement them through Array<T> (ArrayInterfaces.cs).

public interface IEnumerator<out T> : IDisposable, Collections.IEnumerator
{
    new T Current { get; }
}

public interface IEnumerable<out T> : Collections.IEnumerable
{
    new IEnumerator<T> GetEnumerator();
}

public interface IReadOnlyCollection<out T> : IEnumerable<T>
{
    int Count { get; }
}

public interface IReadOnlyList<out T> : IReadOnlyCollection<T>
{
    T this[int index] { get; }
}

public interface IComparer<in T>
{
    int Compare(T? left, T? right);
}
