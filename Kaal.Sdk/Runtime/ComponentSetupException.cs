using System;

namespace Kaal.Sdk.Runtime;

/// <summary>A component's code and its arguments disagree in a way no manifest can cause (no arguments page, a
/// channel capacity that is not a power of two, the wrong end of a channel used): a programming error, which faults
/// the component. A capability the manifest does not grant is not one: that is a recorded
/// <see cref="ComponentContext.Failure"/>.</summary>
public sealed class ComponentSetupException(string component, string message) : Exception($"{component}: {message}");
