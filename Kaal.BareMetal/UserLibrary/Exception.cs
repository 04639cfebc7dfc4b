namespace System;

// Exceptions in the user system library. There is no unwinder: `throw` reaches RhpThrowEx, which stops the
// component (a panic, printed through DEBUG_PRINT, then a BRK the kernel reports as a user fault). The types
// exist so that SDK code which throws (Sys.Assert, ReadPrivate) and async state machines (catch (Exception))
// compile unchanged.

public class Exception
{
    public Exception()
    {
        Message = "";
    }

    public Exception(string message)
    {
        Message = message;
    }

    public string Message { get; }
}

public class InvalidOperationException : Exception
{
    public InvalidOperationException(string message) : base(message)
    {
    }
}
