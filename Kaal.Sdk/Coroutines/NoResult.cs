namespace Kaal.Sdk.Coroutines;

/// <summary>The result of an <c>async ValueTask</c> method, which has none (<see cref="CoroutineBuilder"/>).</summary>
internal readonly struct NoResult
{
}
