using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace KaalSystem;

/// <summary>
/// A counter on `ipc:counter:server`. A client Calls it with a label and message registers:
/// Add (MR0 = amount; the reply's MR0 = the new value), Get (the reply's MR0 = the value) and Set (MR0 = the value the
/// client read, MR1 = the new value). A Set whose read value is stale is a lost update: the service fails on it.
/// </summary>
[KaalComponent("counter", ComponentType.Service, "0.1.0", Description = "a counter: Add, Get, Set", Expects = ["ipc:counter:server"])]
[KaalMessageLabel(AddLabel, "Add")]
[KaalMessageLabel(GetLabel, "Get")]
[KaalMessageLabel(SetLabel, "Set")]
[KaalMessageLabel(OkLabel, "Ok", Reply = true)]
[KaalMessageLabel(UnknownLabel, "Unknown", Reply = true)]
public sealed class CounterService : ServiceBase
{
    public const ulong AddLabel = 1;
    public const ulong GetLabel = 2;
    public const ulong SetLabel = 3;
    public const ulong OkLabel = 0;
    public const ulong UnknownLabel = 1;

    private ulong _value;

    protected override string ServiceName => "counter";

    protected override ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification) return new ValueTask<Reply>(Reply.None);
        if (request.Label == AddLabel) _value += request.Mr0;
        else if (request.Label == SetLabel)
        {
            if (request.Mr0 != _value) Sys.Fail($"lost update: a client read {request.Mr0}, but the counter is {_value}");
            _value = request.Mr1;
        }
        else if (request.Label != GetLabel) return new ValueTask<Reply>(Reply.With(UnknownLabel));
        return new ValueTask<Reply>(Reply.With(OkLabel, _value));
    }
}
