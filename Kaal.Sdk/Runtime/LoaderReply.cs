namespace Kaal.Sdk.Runtime;

/// <summary>What system_init's loader answers a replace request with (the reply's label). The reason for a refusal is
/// on the console (`reload refused for NAME: ...`); the running version is untouched by a refusal.</summary>
public enum LoaderReply : ulong
{
    /// <summary>The image passed the loader's checks; the running version is being stopped and replaced. Whether the new
    /// version started or was rolled back is reported on the console.</summary>
    Accepted = 0,
    /// <summary>No image at the path, or the image failed the checks (ELF rules, metadata, binary, type, capabilities).</summary>
    Refused = 1,
    /// <summary>The component is not running (not started yet, being replaced, failed or ended): retry later.</summary>
    Busy = 2,
}
