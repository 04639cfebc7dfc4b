namespace System.Runtime.InteropServices;

/// <summary>ILC insists this interface exists. No kernel type implements it.</summary>
public interface IDynamicInterfaceCastable
{
    RuntimeTypeHandle GetDynamicInterfaceImplementation(RuntimeTypeHandle interfaceType);
}
