using System.Threading.Tasks;

namespace Kaal.Sdk.Runtime;

/// <summary>
/// A component: what system_init spawns from a `[[component]]` entry. <see cref="InitAsync"/> sets up (opens
/// channels, maps devices); the supervisor hears "ready" when it returns, and only then starts the components
/// that depend on this one. <see cref="RunAsync"/> is the component's work; when it returns the component
/// exits with status 0. A fault, in either, is reported to the supervisor by the kernel.
/// </summary>
public abstract class Component
{
    private ComponentContext? _context;

    public ComponentContext Context => _context ?? throw new System.InvalidOperationException("the component has not been started");

    protected Sys Sys => Context.Sys;

    protected ConsoleOutput Console => Context.Console;

    internal void Attach(ComponentContext context) => _context = context;

    public virtual Task InitAsync() => Task.CompletedTask;

    public abstract Task RunAsync();

    /// <summary>The state to hand a successor when this component is replaced (docs/hot-reload.md), taken at a quiescent
    /// point: a blocking channel wait, or <see cref="ComponentContext.QuiescentPointAsync"/>. The successor finds it in
    /// <see cref="ComponentContext.HandedState"/>. Nothing by default.</summary>
    public virtual HandedState SaveState() => HandedState.None;
}
