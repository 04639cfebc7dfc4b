namespace System;

// The exception types the SDK throws besides Exception itself (Exception.cs). Throwing any of them stops the
// component (docs/el0-components.md, "Exceptions"): the message is printed, then the thread faults.

public class ArgumentException : Exception
{
    public ArgumentException(string message, string paramName) : base(message + " (parameter " + paramName + ")")
    {
    }
}

public class ArgumentOutOfRangeException : ArgumentException
{
    public ArgumentOutOfRangeException(string paramName, string message) : base(message, paramName)
    {
    }
}
