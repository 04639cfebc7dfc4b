using System;

namespace Kaal.Sdk;

/// <summary>Why a step could not be done: a kernel error, exhausted slots or memory, a capability the manifest does
/// not grant. Failures a correct system can meet at run time travel as this value, not as an exception: on the CPU
/// there is no unwinder, so a throw faults the component where the simulator would have caught it.</summary>
public readonly struct Failure(string message)
{
    public string Message { get; } = message;

    public override string ToString() => Message;
}

/// <summary>A step that returns nothing: done, or its <see cref="Failure"/>. The message is built only when a step
/// fails (on the CPU every string stays on a heap that never frees).</summary>
public readonly struct Outcome
{
    private readonly string? _failure;

    private Outcome(string failure) => _failure = failure;

    public static Outcome Done => default;

    public bool Failed => _failure is not null;

    /// <summary>Why it failed; asking a step that succeeded is a programming error.</summary>
    public Failure Failure => new(_failure ?? throw new InvalidOperationException("the step succeeded"));

    public static implicit operator Outcome(Failure failure) => new(failure.Message);
}

/// <summary>A step's <see cref="Value"/>, or its <see cref="Failure"/>.</summary>
public readonly struct Outcome<T>
{
    private readonly T _value;
    private readonly string? _failure;

    private Outcome(T value, string? failure)
    {
        _value = value;
        _failure = failure;
    }

    public bool Failed => _failure is not null;

    /// <summary>What the step produced; asking a step that failed is a programming error.</summary>
    public T Value => _failure is null ? _value : throw new InvalidOperationException($"the step failed: {_failure}");

    /// <summary>Why it failed; asking a step that succeeded is a programming error.</summary>
    public Failure Failure => new(_failure ?? throw new InvalidOperationException("the step succeeded"));

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default!, failure.Message);
}
