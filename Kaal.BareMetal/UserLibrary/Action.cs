namespace System;

/// <summary>The continuation type of INotifyCompletion. Never constructed at EL0: every await completes
/// synchronously, so no continuation is ever registered (AsyncTaskMethodBuilder.AwaitOnCompleted stops).</summary>
public delegate void Action();
