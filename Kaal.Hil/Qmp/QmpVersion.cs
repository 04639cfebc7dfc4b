namespace Kaal.Hil.Qmp;

/// <summary>QEMU's version, from the greeting or query-version.</summary>
public sealed record QmpVersion(int Major, int Minor, int Micro, string Package)
{
    public override string ToString() => $"{Major}.{Minor}.{Micro}{(Package.Length > 0 ? $" ({Package})" : "")}";
}
