using System;

namespace Kaal.Sdk.Runtime;

/// <summary>A component asked for something its arguments do not hold (a connection the manifest does not
/// give it, the wrong end of a channel): a configuration error, reported with what it does hold.</summary>
public sealed class ComponentSetupException(string component, string message) : Exception($"{component}: {message}");
