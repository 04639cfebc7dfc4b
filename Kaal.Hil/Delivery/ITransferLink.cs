using System;
using System.Threading;
using System.Threading.Tasks;
using Kaal.Sdk.Transfer;

namespace Kaal.Hil.Delivery;

/// <summary>The console an image is sent over: lines out, the console service's transfer answers back.</summary>
public interface ITransferLink
{
    /// <summary>Writes <paramref name="line"/> and a line break.</summary>
    Task SendLineAsync(string line, CancellationToken cancellationToken);

    /// <summary>The next transfer answer (<see cref="TransferAnswer.Prefix"/> lines; everything else is skipped), or
    /// null if none arrives within <paramref name="timeout"/>.</summary>
    Task<TransferAnswer?> NextAnswerAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
