using System;
using System.Collections.Generic;
using System.Text;
using CsCheck;
using Kaal.Tests.Shared;
using Xunit;

namespace Kaal.Model.Tests.Properties;

/// <summary>Counts what the generated sequences exercised, so a property can insist its cases were reached.</summary>
public sealed class Coverage
{
    private readonly Dictionary<string, int> _counts = new();

    /// <summary>Runs a property with <see cref="PropertyRunner.Check"/>, handing every case the one coverage counter
    /// of the run, and prints what the run reached.</summary>
    public static Coverage Of<T>(ITestOutputHelper output, string name, ulong fixedSeed, int cases, Gen<T> generator, Action<T, Coverage> property)
    {
        var coverage = new Coverage();
        PropertyRunner.Check(name, fixedSeed, cases, generator, value => property(value, coverage));
        output.WriteLine(coverage.ToString());
        return coverage;
    }

    public void Hit(string what)
    {
        lock (_counts) _counts[what] = _counts.GetValueOrDefault(what) + 1;
    }

    public int this[string what] { get { lock (_counts) return _counts.GetValueOrDefault(what); } }

    /// <summary>The fixed seeds reached each of these cases at least <paramref name="times"/> times; this keeps a
    /// generator change from silently making a property vacuous. (With KAAL_PROPERTY_SEED or KAAL_PROPERTY_TESTS set
    /// the counts vary, so they are only printed.)</summary>
    public void RequireAtLeast(int times, params string[] what)
    {
        if (PropertyRunner.Exploring) return;
        foreach (string name in what)
        {
            Assert.True(this[name] >= times, $"generator too weak: '{name}' happened {this[name]} times (want >= {times}). Coverage: {this}");
        }
    }

    public override string ToString()
    {
        lock (_counts)
        {
            var keys = new List<string>(_counts.Keys);
            keys.Sort(StringComparer.Ordinal);
            var text = new StringBuilder();
            foreach (string k in keys) text.Append(k).Append('=').Append(_counts[k]).Append("; ");
            return text.ToString();
        }
    }
}
