using System.Reflection;
using Microsoft.Coyote.Logging;

namespace Kaal.Sim.Coyote;

/// <summary>A Coyote <see cref="ILogger"/> that drops everything: Coyote's engine prints its progress to the console
/// whatever the verbosity, and KaaL prints its own summary. Every one of the interface's many Write overloads lands in
/// <see cref="Invoke"/>, so none is written out by hand.</summary>
public class DiscardingLogger : DispatchProxy
{
    public static ILogger Create() => Create<ILogger, DiscardingLogger>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => null;
}
