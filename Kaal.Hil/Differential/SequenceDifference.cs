using System.Collections.Generic;

namespace Kaal.Hil.Differential;

/// <summary>Where one subject's sequences part: the first index at which they differ (one of them may have ended
/// there) and both whole sequences.</summary>
public sealed record SequenceDifference(string Subject, int Index, IReadOnlyList<ObservableEvent> Simulator, IReadOnlyList<ObservableEvent> Qemu);
