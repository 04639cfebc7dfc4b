using Kaal.Model;
using Kaal.Sdk.Elf;
using Kaal.Sdk.Registry;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk;

/// <summary>The enums that reach a console line or a failure message, written by name on the CPU as in the simulator:
/// <c>value.Name()</c> (IpcEnd: <c>ManifestRole()</c>, the manifest's word). The EL0 image has no reflection, so an
/// enum's own <c>ToString()</c> writes its number there; the functions are generated from the enums at every build
/// (Kaal.Sdk.Analyzers' EnumNamesGenerator; docs/el0-components.md, "Enum names").</summary>
[EnumNamesFor(typeof(KernelError))]
[EnumNamesFor(typeof(ErrorReason))]
[EnumNamesFor(typeof(FaultKind))]
[EnumNamesFor(typeof(ElfError))]
[EnumNamesFor(typeof(ElfField))]
[EnumNamesFor(typeof(ArgKind))]
[EnumNamesFor(typeof(GrantKind))]
[EnumNamesFor(typeof(IpcEnd), Method = "ManifestRole", LowerCase = true)]
public static partial class EnumNames;
