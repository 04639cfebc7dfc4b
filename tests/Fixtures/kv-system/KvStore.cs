using System.Threading.Tasks;
using Kaal.Sdk.Runtime;

namespace KvSystem;

/// <summary>A key-value store on `ipc:kv:server`: Put (label 1: MR0 = key, MR1 = value) and Get (label 2: MR0 = key,
/// the reply's MR0 = value). Keys 0..15.</summary>
[KaalComponent("kv_store", ComponentType.Service, "0.1.0", Description = "a key-value store", Expects = ["ipc:kv:server"])]
[KaalMessageLabel(PutLabel, "Put")]
[KaalMessageLabel(GetLabel, "Get")]
[KaalMessageLabel(OkLabel, "Ok", Reply = true)]
[KaalMessageLabel(BadKeyLabel, "BadKey", Reply = true)]
public sealed class KvStore : ServiceBase
{
    public const ulong PutLabel = 1;
    public const ulong GetLabel = 2;
    public const ulong OkLabel = 0;
    public const ulong BadKeyLabel = 1;
    private const int KeyCount = 16;

    private readonly ulong[] _values = new ulong[KeyCount];

    protected override string ServiceName => "kv";

    protected override ValueTask<Reply> HandleAsync(Request request)
    {
        if (request.IsNotification) return new ValueTask<Reply>(Reply.None);
        if (request.Mr0 >= KeyCount) return new ValueTask<Reply>(Reply.With(BadKeyLabel));
        if (request.Label == PutLabel) _values[request.Mr0] = request.Mr1;
        return new ValueTask<Reply>(Reply.With(OkLabel, _values[request.Mr0]));
    }
}
