namespace Kaal.Sim.Exploration.Campaigns;

/// <summary>One distinct bug of a campaign: its <see cref="FailureSignature"/>, the lowest iteration that hit it
/// (and its shard), what happened, the trace that replays it, and in how many shard reports it appeared.</summary>
public sealed record CampaignBug(string Signature, int Shard, int Iteration, string Outcome, string Message, string Report, Trace Trace, int Occurrences = 1);
