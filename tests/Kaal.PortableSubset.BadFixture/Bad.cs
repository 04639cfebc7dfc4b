using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaal.PortableSubset.BadFixture;

// Each member breaks the portable subset (DESIGN decision 1) in exactly one way, so the checker
// tests can assert one violation per member. Names matter: the tests look them up.
public static class Bad
{
    // A BCL collection in a field signature (no IL use), so the signature scan must find it.
    public static List<int>? ListField;

    // The loop keeps `list` a real local in Release builds too (the tests look for it in the local signature).
    public static int UsesList(int n)
    {
        var list = new List<int>();
        for (int i = 0; i < n; i++) list.Add(i);
        return list.Count;
    }

    public static void Throws(int x)
    {
        if (x < 0) throw new InvalidOperationException();
    }

    public static int TryFinally(int[] a)
    {
        int r = 0;
        try { r = a[0]; }
        finally { a[0] = 0; }
        return r;
    }

    public static string Interpolates(int x) => $"x={x}";

    public static long Clock() => DateTime.Now.Ticks;

    public static int Linq(int[] a) => a.Sum();

    public static int Floating(int x) => (int)(x * 2.5);

    // An attribute outside the allow-list (and a feature bare metal lacks: no TLS).
    [ThreadStatic]
    public static int PerThread;
}
