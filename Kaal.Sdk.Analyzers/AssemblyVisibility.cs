[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Kaal.Sdk.Analyzers.Tests")]
