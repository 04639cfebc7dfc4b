using System.Collections.Generic;
using System.Linq;
using Kaal.Sdk.Runtime;

namespace Kaal.Sdk.Manifest;

/// <summary>Reads components.toml into a <see cref="Manifest"/>: TOML syntax, then the schema (known keys, value
/// types, enumerations, capability strings). It always returns a manifest built from whatever was valid, so the
/// validator can still check the rest; every problem found on the way is in the returned list.</summary>
public static class ManifestReader
{
    public static readonly IReadOnlyList<string> TopLevelKeys = new[] { "system", "component" };
    public static readonly IReadOnlyList<string> SystemKeys = new[] { "platform", "memory", "exit_code", "cores" };
    public static readonly IReadOnlyList<string> ComponentKeys = new[]
    {
        "name", "binary", "type", "priority", "autostart", "spawned_by", "capabilities", "dependencies", "restart", "restart_limit", "backoff_ms", "core", "image",
    };
    private static readonly string[] RequiredComponentKeys = { "name", "binary", "type", "priority" };

    private static readonly (string Text, Platform Value)[] Platforms = { ("qemu-virt", Platform.QemuVirt), ("qemu-raspi3b", Platform.QemuRaspi3b), ("qemu-raspi4b", Platform.QemuRaspi4b) };

    /// <summary>How a manifest spells <paramref name="platform"/>.</summary>
    public static string NameOf(Platform platform) => System.Array.Find(Platforms, entry => entry.Value == platform).Text;
    private static readonly (string Text, ComponentType Value)[] Types = { ("driver", ComponentType.Driver), ("service", ComponentType.Service), ("application", ComponentType.Application) };
    private static readonly (string Text, Spawner Value)[] Spawners = { ("root", Spawner.Root), ("system_init", Spawner.SystemInit) };
    private static readonly (string Text, RestartPolicy Value)[] RestartPolicies = { ("never", RestartPolicy.Never), ("on-failure", RestartPolicy.OnFailure), ("always", RestartPolicy.Always) };

    /// <summary>Binds the parsed <paramref name="root"/> (<see cref="TomlParser"/>); the problems are the schema's.</summary>
    public static (SystemManifest Manifest, List<ManifestProblem> Problems) Read(TomlTable root, string file)
    {
        var problems = new List<ManifestProblem>();
        var binder = new Binder(problems);
        SystemConfig system = new(Platform.QemuVirt, SystemConfig.DefaultMemoryBytes, root.Location);
        var components = new List<ComponentSpec>();
        foreach (TomlEntry entry in root.Entries)
        {
            switch (entry.Key)
            {
                case "system":
                    if (entry.Value is TomlTable systemTable) system = binder.BindSystem(systemTable);
                    else binder.WrongType("system", "a table ([system])", entry.Value);
                    break;
                case "component":
                    if (entry.Value is TomlTableArray tables)
                    {
                        foreach (TomlTable table in tables.Tables) components.Add(binder.BindComponent(table));
                    }
                    else if (entry.Value is TomlTable { Origin: TomlTableOrigin.Header } single)
                    {
                        // [component] for [[component]]: say so, and still check the component it declares.
                        problems.Add(new ManifestProblem(single.Location, "[component] declares a single table; a component is declared with [[component]] (two brackets: an array of tables)"));
                        components.Add(binder.BindComponent(single));
                    }
                    else
                    {
                        binder.WrongType("component", "an array of tables ([[component]])", entry.Value);
                    }
                    break;
                default:
                    binder.UnknownKey(entry, "at the top level", TopLevelKeys);
                    break;
            }
        }
        return (new SystemManifest(file, system, components), problems);
    }

    private sealed class Binder
    {
        private readonly List<ManifestProblem> _problems;

        /// <summary>Set when the value being bound was not taken (reported, or a <see cref="TomlInvalid"/> the parser
        /// reported): its key is then unread, and checks leave alone the default that stands in for it.</summary>
        private bool _valueFailed;

        public Binder(List<ManifestProblem> problems) => _problems = problems;

        private void Report(SourceLocation location, string message)
        {
            _problems.Add(new ManifestProblem(location, message));
            _valueFailed = true;
        }

        public void WrongType(string key, string expected, TomlValue value)
        {
            _valueFailed = true;
            if (value is not TomlInvalid) Report(value.Location, $"{key} must be {expected}, got {value.Describe()}");
        }

        public void UnknownKey(TomlEntry entry, string where, IReadOnlyList<string> known) =>
            _problems.Add(new ManifestProblem(entry.KeyLocation, $"unknown key '{entry.Key}' {where}{NameSuggester.DidYouMean(entry.Key, known)} (known keys: {string.Join(", ", known)})"));

        public SystemConfig BindSystem(TomlTable table)
        {
            Platform platform = Platform.QemuVirt;
            ulong memory = SystemConfig.DefaultMemoryBytes;
            ulong exitCode = 0;
            int cores = 1;
            var unread = new HashSet<string>();
            foreach (TomlEntry entry in table.Entries)
            {
                _valueFailed = false;
                switch (entry.Key)
                {
                    case "platform":
                        platform = Choice(entry, Platforms, platform);
                        break;
                    case "memory":
                        memory = Memory(entry, memory);
                        break;
                    case "exit_code":
                        exitCode = ExitCode(entry);
                        break;
                    case "cores":
                        cores = Cores(entry);
                        break;
                    default:
                        UnknownKey(entry, "in [system]", SystemKeys);
                        break;
                }
                if (_valueFailed) unread.Add(entry.Key);
            }
            if (cores > SystemConfig.MaxCoresOf(platform) && !unread.Contains("platform") && table.TryGet("cores", out TomlEntry given))
            {
                Report(given.Value.Location, $"cores {cores} is more than {NameOf(platform)} has ({SystemConfig.MaxCoresOf(platform)})");
                cores = 1;
                unread.Add("cores");
            }
            return new SystemConfig(platform, memory, table.Location) { ExpectedExitCode = exitCode, Cores = cores, Unread = unread };
        }

        /// <summary>The exit code system_init is expected to shut down with: the 8-bit code a process exit carries.</summary>
        private ulong ExitCode(TomlEntry entry)
        {
            if (entry.Value is not TomlInteger integer)
            {
                WrongType("exit_code", "an integer from 0 to 255", entry.Value);
                return 0;
            }
            if (integer.Value is < 0 or > 255)
            {
                Report(integer.Location, $"exit_code must be from 0 to 255, got {integer.Value}");
                return 0;
            }
            return (ulong)integer.Value;
        }

        /// <summary>How many cores the system runs on: 1 up to the kernel's most (the platform's own limit is checked
        /// once the whole table is read: the platform may be given after it).</summary>
        private int Cores(TomlEntry entry)
        {
            if (entry.Value is not TomlInteger integer)
            {
                WrongType("cores", "an integer (how many cores the system runs on)", entry.Value);
                return 1;
            }
            if (integer.Value is < 1 or > SystemConfig.KernelMaxCores)
            {
                Report(integer.Location, $"cores must be from 1 to {SystemConfig.KernelMaxCores} (the kernel runs on at most {SystemConfig.KernelMaxCores}), got {integer.Value}");
                return 1;
            }
            return (int)integer.Value;
        }

        private ulong Memory(TomlEntry entry, ulong fallback)
        {
            ulong bytes;
            switch (entry.Value)
            {
                case TomlInteger integer when integer.Value > 0:
                    bytes = (ulong)integer.Value;
                    break;
                case TomlString text:
                    if (!CapabilityParser.TryParseSize(text.Value, out bytes, out string? why))
                    {
                        Report(text.Location, $"memory: {why}");
                        return fallback;
                    }
                    break;
                default:
                    WrongType("memory", "a size in bytes (an integer, or a string such as \"128M\")", entry.Value);
                    return fallback;
            }
            if (bytes < 1024 * 1024 || bytes % CapabilityParser.PageSize != 0)
            {
                Report(entry.Value.Location, $"memory must be at least 1M and a multiple of 4 KiB, got {bytes} bytes");
                return fallback;
            }
            return bytes;
        }

        private T Choice<T>(TomlEntry entry, (string Text, T Value)[] choices, T fallback)
        {
            var names = new string[choices.Length];
            for (int i = 0; i < choices.Length; i++) names[i] = choices[i].Text;
            if (entry.Value is not TomlString text)
            {
                WrongType(entry.Key, $"one of the strings {Quoted(names)}", entry.Value);
                return fallback;
            }
            foreach ((string name, T value) in choices)
                if (name == text.Value) return value;
            Report(text.Location, $"{entry.Key} must be one of {Quoted(names)}, got \"{text.Value}\"{NameSuggester.DidYouMean(text.Value, names)}");
            return fallback;
        }

        private static string Quoted(string[] names) => "\"" + string.Join("\", \"", names) + "\"";

        public ComponentSpec BindComponent(TomlTable table)
        {
            string name = "";
            string binary = "";
            string imagePath = "";
            ComponentType type = ComponentType.Application;
            long priority = 0;
            bool autostart = true;
            Spawner spawnedBy = Spawner.SystemInit;
            var capabilities = new List<ManifestCapability>();
            var dependencies = new List<NameReference>();
            RestartPolicy restart = RestartPolicy.Never;
            long restartLimit = ComponentSpec.DefaultRestartLimit;
            long backoffMs = ComponentSpec.DefaultBackoffMs;
            long core = 0;
            var locations = new Dictionary<string, SourceLocation>();
            var unread = new HashSet<string>();
            foreach (TomlEntry entry in table.Entries)
            {
                TomlValue value = entry.Value;
                _valueFailed = false;
                switch (entry.Key)
                {
                    case "name": name = String(entry) ?? name; break;
                    case "binary": binary = String(entry) ?? binary; break;
                    case "image": imagePath = String(entry) ?? imagePath; break;
                    case "type": type = Choice(entry, Types, type); break;
                    case "priority": priority = Integer(entry) ?? priority; break;
                    case "autostart": autostart = Boolean(entry) ?? autostart; break;
                    case "spawned_by": spawnedBy = Choice(entry, Spawners, spawnedBy); break;
                    case "restart": restart = Choice(entry, RestartPolicies, restart); break;
                    case "restart_limit": restartLimit = Integer(entry) ?? restartLimit; break;
                    case "backoff_ms": backoffMs = Integer(entry) ?? backoffMs; break;
                    case "core": core = Integer(entry) ?? core; break;
                    case "capabilities":
                        foreach (TomlString item in StringArray(entry))
                        {
                            if (CapabilityParser.Parse(item.Value, item.Location, _problems) is { } capability) capabilities.Add(capability);
                            else _valueFailed = true;
                        }

                        break;
                    case "dependencies":
                        foreach (TomlString item in StringArray(entry)) dependencies.Add(new NameReference(item.Value, item.Location));
                        break;
                    default:
                        UnknownKey(entry, "in [[component]]", ComponentKeys);
                        continue;
                }
                if (_valueFailed) unread.Add(entry.Key);
                else locations[entry.Key] = value.Location;
            }
            foreach (string required in RequiredComponentKeys)
            {
                if (!table.TryGet(required, out _) && !Misspelt(table, required))
                    Report(table.Location, $"component{(name.Length > 0 ? $" '{name}'" : "")} is missing the required key '{required}'");
            }

            return new ComponentSpec(name, binary, type, priority, autostart, spawnedBy, capabilities, dependencies, restart, restartLimit, backoffMs, table.Location, locations) { Core = core, Unread = unread, ImagePath = imagePath };
        }

        /// <summary>True if an unknown key of <paramref name="table"/> is a misspelling of <paramref name="required"/>:
        /// its "did you mean" already says what is missing, so a second problem would only repeat it.</summary>
        private static bool Misspelt(TomlTable table, string required)
        {
            foreach (TomlEntry entry in table.Entries)
                if (!ComponentKeys.Contains(entry.Key) && NameSuggester.Closest(entry.Key, ComponentKeys) == required) return true;
            return false;
        }

        private string? String(TomlEntry entry)
        {
            if (entry.Value is TomlString text) return text.Value;
            WrongType(entry.Key, "a string", entry.Value);
            return null;
        }

        private long? Integer(TomlEntry entry)
        {
            if (entry.Value is TomlInteger integer) return integer.Value;
            WrongType(entry.Key, "an integer", entry.Value);
            return null;
        }

        private bool? Boolean(TomlEntry entry)
        {
            if (entry.Value is TomlBoolean boolean) return boolean.Value;
            WrongType(entry.Key, "a boolean (true or false)", entry.Value);
            return null;
        }

        private List<TomlString> StringArray(TomlEntry entry)
        {
            var strings = new List<TomlString>();
            if (entry.Value is not TomlArray array)
            {
                WrongType(entry.Key, "an array of strings", entry.Value);
                return strings;
            }
            foreach (TomlValue item in array.Items)
            {
                if (item is TomlString text) strings.Add(text);
                else WrongType($"each item of {entry.Key}", "a string", item);
            }
            return strings;
        }
    }
}
