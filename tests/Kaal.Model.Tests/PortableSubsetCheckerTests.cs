using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaal.PortableSubset.BadFixture;
using Xunit;

namespace Kaal.Model.Tests;

/// <summary>
/// The guard has teeth: PortableSubsetChecker, with the real allow-list, run over
/// tests/Kaal.PortableSubset.BadFixture. Every deliberately bad member of <see cref="Bad"/> must be reported with
/// what it references and where; the legitimate patterns in the fixture's Good*.cs must not be.
/// </summary>
public sealed class PortableSubsetCheckerTests
{
    private static readonly string FixturePath = typeof(Bad).Assembly.Location;
    private static readonly Lazy<IReadOnlyList<PortableSubsetViolation>> Violations =
        new(() => new PortableSubsetChecker(PortableSubsetTests.AllowList).Check(FixturePath));

    private readonly ITestOutputHelper _output;

    public PortableSubsetCheckerTests(ITestOutputHelper output) => _output = output;

    private const string BadType = "Kaal.PortableSubset.BadFixture.Bad";

    /// <summary>Asserts a violation of <paramref name="reference"/> whose location starts with <paramref name="location"/>.</summary>
    private void AssertReported(string rule, string reference, string location)
    {
        var all = Violations.Value;
        bool found = all.Any(v => v.Rule == rule && v.Reference == reference && v.Location.StartsWith(location, StringComparison.Ordinal));
        if (!found) _output.WriteLine(PortableSubsetChecker.Format(FixturePath, all));
        Assert.True(found, $"expected [{rule}] {reference} at {location}; the checker reported:\n" +
                           string.Join("\n", all.Select(v => "  " + v)));
    }

    [Fact]
    public void Reports_a_BCL_collection_at_each_IL_use_with_its_member()
    {
        AssertReported("reference", "System.Collections.Generic.List`1::.ctor", $"method {BadType}::UsesList IL_");
        AssertReported("reference", "System.Collections.Generic.List`1::Add", $"method {BadType}::UsesList IL_");
        AssertReported("reference", "System.Collections.Generic.List`1::get_Count", $"method {BadType}::UsesList IL_");
        AssertReported("reference", "System.Collections.Generic.List`1", $"method {BadType}::UsesList (local variable)");
    }

    [Fact]
    public void Reports_a_BCL_type_used_only_in_a_field_signature()
    {
        AssertReported("reference", "System.Collections.Generic.List`1", $"field {BadType}::ListField (type)");
    }

    [Fact]
    public void Reports_throw_and_the_exception_constructed()
    {
        AssertReported("throw", "throw", $"method {BadType}::Throws IL_");
        AssertReported("reference", "System.InvalidOperationException::.ctor", $"method {BadType}::Throws IL_");
    }

    [Fact]
    public void Reports_exception_handling_regions()
    {
        AssertReported("exception-handler", "try/finally region", $"method {BadType}::TryFinally IL_");
    }

    [Fact]
    public void Reports_string_interpolation_and_string_signatures()
    {
        AssertReported("reference", "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler::AppendFormatted",
            $"method {BadType}::Interpolates IL_");
        AssertReported("reference", "System.String", $"method {BadType}::Interpolates (return type)");
        AssertReported("reference", "System.String", $"method {BadType}::Interpolates IL_");
    }

    [Fact]
    public void Reports_the_clock()
    {
        AssertReported("reference", "System.DateTime::get_Now", $"method {BadType}::Clock IL_");
        AssertReported("reference", "System.DateTime::get_Ticks", $"method {BadType}::Clock IL_");
    }

    [Fact]
    public void Reports_LINQ_generic_method_calls()
    {
        AssertReported("reference", "System.Linq.Enumerable::Sum", $"method {BadType}::Linq IL_");
    }

    [Fact]
    public void Reports_floating_point()
    {
        AssertReported("reference", "System.Double", $"method {BadType}::Floating IL_");
    }

    [Fact]
    public void Reports_attributes_outside_the_allow_list_on_the_attributed_entity()
    {
        AssertReported("reference", "System.ThreadStaticAttribute::.ctor", $"attribute on field {BadType}::PerThread");
    }

    [Fact]
    public void Every_violation_names_a_location_in_the_checked_assembly_and_the_legitimate_patterns_pass()
    {
        var violations = Violations.Value;
        _output.WriteLine(PortableSubsetChecker.Format(FixturePath, violations));
        Assert.NotEmpty(violations);
        // Every one of them comes from Bad: nothing from Good*.cs (the patterns Kaal.Model may use), nothing
        // "metadata only" (each reference was traced to a use site), nothing from the assembly-level attributes
        // the SDK stamps.
        var outsideBad = violations.Where(v => !v.Location.Contains(BadType, StringComparison.Ordinal)).ToList();
        Assert.True(outsideBad.Count == 0, "unexpected violations outside Bad:\n" + string.Join("\n", outsideBad));
        // Each bad member is reported at least once.
        foreach (var member in new[] { "ListField", "UsesList", "Throws", "TryFinally", "Interpolates", "Clock", "Linq", "Floating", "PerThread" })
            Assert.Contains(violations, v => v.Location.Contains($"{BadType}::{member}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_failure_message_lists_every_violation_with_its_location()
    {
        var violations = Violations.Value;
        string message = PortableSubsetChecker.Format(FixturePath, violations);
        foreach (var v in violations)
        {
            Assert.Contains(v.Reference, message);
            Assert.Contains(v.Location, message);
        }
        Assert.Contains($"{violations.Count} violation(s)", message);
    }

    [Fact]
    public void An_empty_allow_list_reports_even_the_basics()
    {
        var strict = new PortableSubsetChecker(Array.Empty<string>()).Check(FixturePath);
        Assert.Contains(strict, v => v.Reference == "System.Object::.ctor");
        Assert.Contains(strict, v => v.Reference == "System.Int32");
        Assert.Contains(strict, v => v.Reference == "System.ValueType" && v.Location.EndsWith("(base type)", StringComparison.Ordinal));
        Assert.Contains(strict, v => v.Reference.StartsWith("System.Runtime.Versioning.TargetFrameworkAttribute", StringComparison.Ordinal)
                                     && v.Location.StartsWith("attribute on assembly", StringComparison.Ordinal));
        Assert.True(File.Exists(FixturePath));
    }
}
