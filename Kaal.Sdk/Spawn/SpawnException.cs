using System;

namespace Kaal.Sdk.Spawn;

/// <summary>A spawn step failed: which step, and the kernel's error or the ELF problem.</summary>
public sealed class SpawnException(string message) : Exception(message);
