namespace Kaal.Sdk.Runtime;

/// <summary>What a component is, which decides its spawn phase (drivers, then services, then applications) and
/// whether it may hold hardware capabilities (drivers only). Both a component's declaration and its manifest entry
/// name it, and the validator checks that they agree.</summary>
public enum ComponentType
{
    Driver,
    Service,
    Application,
}
