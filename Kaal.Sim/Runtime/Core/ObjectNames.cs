using System.Collections.Generic;
using Kaal.Model;

namespace Kaal.Sim.Runtime;

/// <summary>What reports call kernel objects: the names the scenario's set-up gave (kept across runs) and those
/// components gave with <c>sys.Name</c> this run, by object index; else the kind and index.</summary>
internal sealed class ObjectNames(SimState state)
{
    private IReadOnlyDictionary<uint, string> _setup = new Dictionary<uint, string>();
    private readonly Dictionary<uint, string> _labels = new();

    public void Attach(IReadOnlyDictionary<uint, string> setupLabels) => _setup = setupLabels;

    /// <summary>Back to the set-up's names (a new run).</summary>
    public void Reset()
    {
        _labels.Clear();
        foreach (KeyValuePair<uint, string> label in _setup) _labels.Add(label.Key, label.Value);
    }

    public string Name(ObjectRef target)
    {
        if (target.IsNone) return "nothing";
        string kind = state.Kernel.Object(target).Kind.ToString();
        return _labels.TryGetValue(target.Index, out string? label) ? $"{kind} '{label}'" : $"{kind} #{target.Index}";
    }

    /// <summary>The names a component gave during the step.</summary>
    public void Collect(SimThread thread)
    {
        foreach ((ulong cptr, string name) in thread.ObjectNames)
        {
            ObjectRef target = At(thread, cptr);
            if (!target.IsNone) _labels[target.Index] = name;
        }
        thread.ObjectNames.Clear();
    }

    /// <summary>The object capability address <paramref name="cptr"/> names in the thread's CSpace, as reports name it,
    /// or the bare address when it names nothing.</summary>
    public string CapabilityName(SimThread sim, ulong cptr)
    {
        ObjectRef target = At(sim, cptr);
        return target.IsNone ? $"cptr {cptr} (empty)" : Name(target);
    }

    /// <summary>The object of the capability at <paramref name="cptr"/> in the thread's CSpace (none if empty or bad).</summary>
    public ObjectRef At(SimThread sim, ulong cptr)
    {
        Kernel kernel = state.Kernel;
        SlotLookup lookup = kernel.ResolveAddressBits(kernel.ThreadAt(sim.ModelThread).CSpaceRoot, cptr, ObjectSizes.WordBits);
        return lookup.IsOk && !kernel.Slot(lookup.Slot).Cap.IsNull ? kernel.Slot(lookup.Slot).Cap.Object : default;
    }
}
