using System.Collections.Generic;
using Kaal.Sdk.Registry;

namespace Kaal.Components.Supervision;

/// <summary>
/// The order system_init starts components in: drivers, then services, then applications; more important
/// (higher priority) first within a phase, registry order last. A dependency always comes before its dependent,
/// even across phases (the manifest validator has already rejected cycles; one that slips through is left out
/// and reported). Only autostart components system_init spawns take part.
/// </summary>
public static class StartOrder
{
    public static List<RegistryComponent> Compute(ComponentRegistry registry, out List<RegistryComponent> leftInCycle)
    {
        RegistryComponent[] all = registry.Components;
        var placed = new bool[all.Length];
        var order = new List<RegistryComponent>();
        leftInCycle = new List<RegistryComponent>();
        for (int round = 0; round < all.Length; round++)
        {
            RegistryComponent? next = null;
            foreach (RegistryComponent candidate in all)
            {
                if (placed[candidate.Index] || !Takes(candidate) || !DependenciesPlaced(candidate, placed)) continue;
                if (next is null || Before(candidate, next)) next = candidate;
            }
            if (next is null) break;
            placed[next.Index] = true;
            order.Add(next);
        }
        foreach (RegistryComponent component in all)
        {
            if (Takes(component) && !placed[component.Index]) leftInCycle.Add(component);
        }
        return order;
    }

    private static bool Takes(RegistryComponent component) => component.Autostart && !component.SpawnedByRoot;

    /// <summary>A dependency system_init does not start itself (the root's, or not autostarted) never blocks.</summary>
    private static bool DependenciesPlaced(RegistryComponent component, bool[] placed)
    {
        foreach (int dependency in component.Dependencies)
        {
            if (!placed[dependency]) return false;
        }
        return true;
    }

    private static bool Before(RegistryComponent a, RegistryComponent b) =>
        a.Kind != b.Kind ? a.Kind < b.Kind : a.Priority != b.Priority ? a.Priority > b.Priority : a.Index < b.Index;
}
