using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Kaal.Model.Tests;

/// <summary>One breach of the portable subset: what was referenced and where.</summary>
/// <param name="Rule">"reference" (outside the allow-list), "throw" or "exception-handler".</param>
/// <param name="Reference">"Namespace.Type" or "Namespace.Type::Member" (for "throw"/"exception-handler": the opcode or region kind).</param>
/// <param name="Location">The entity of the checked assembly that uses it, e.g. "method Kaal.Model.CNode::Lookup IL_0012 (call)".</param>
public sealed record PortableSubsetViolation(string Rule, string Reference, string Location)
{
    public override string ToString() => Rule == "reference"
        ? $"{Reference}  <-  {Location}"
        : $"[{Rule}] {Reference}  <-  {Location}";
}

/// <summary>
/// Reads an assembly's metadata and IL (System.Reflection.Metadata, nothing is loaded or executed) and
/// reports every use of an external type or member that is not on an allow-list, every <c>throw</c>/<c>rethrow</c>
/// and every exception-handling region. See PortableSubsetTests for the allow-list and why.
///
/// What is scanned, so that each reference is reported at the place it is used:
///  - IL of every method body: every token operand (call, callvirt, newobj, ldftn, ldfld, ldsfld, stfld, ldflda,
///    newarr, box, unbox, castclass, isinst, ldtoken, initobj, constrained., sizeof, ldelem, calli's signature ...),
///    string literals (ldstr = System.String) and floating-point opcodes (ldc.r4/r8, conv.r*, ldind/stind/ldelem/stelem .r4/.r8,
///    ckfinite = System.Single/System.Double);
///  - signatures: fields, methods (return and parameters), locals, properties, events, base types, implemented
///    interfaces, generic constraints, explicit overrides, TypeSpecs and MethodSpec instantiations, and the
///    signatures of referenced members themselves. Primitive element types are reported under their System.* name,
///    so float/double/string/char/object/TypedReference are checked against the allow-list like any other type;
///  - custom attributes on every entity (assembly, module, types, members, parameters, generic parameters ...),
///    and declarative security;
///  - finally every TypeReference and MemberReference row whose scope is another assembly, so that nothing
///    escapes even if it is only referenced from a metadata table the walk above does not visit.
/// </summary>
public sealed class PortableSubsetChecker
{
    private readonly HashSet<string> _allowedTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allowedMembers = new(StringComparer.Ordinal);

    /// <param name="allowList">Entries "Namespace.Type" (the type may appear in signatures, tokens and as a base
    /// type) and "Namespace.Type::Member" (the member may be referenced; implies the type). Generic types use their
    /// metadata names (System.Span`1), nested types Outer+Inner. Members are matched by name, so one entry covers
    /// every overload.</param>
    public PortableSubsetChecker(IEnumerable<string> allowList)
    {
        foreach (var entry in allowList)
        {
            int sep = entry.IndexOf("::", StringComparison.Ordinal);
            if (sep < 0) { _allowedTypes.Add(entry); continue; }
            _allowedMembers.Add(entry);
            _allowedTypes.Add(entry.Substring(0, sep));
        }
    }

    public bool IsAllowedType(string name) => _allowedTypes.Contains(name);
    public bool IsAllowedMember(string name) => _allowedMembers.Contains(name);

    public IReadOnlyList<PortableSubsetViolation> Check(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var scan = new Scan(this, pe.GetMetadataReader(), pe);
        scan.Run();
        return scan.Violations
            .Distinct()
            .OrderBy(v => v.Rule, StringComparer.Ordinal)
            .ThenBy(v => v.Reference, StringComparer.Ordinal)
            .ThenBy(v => v.Location, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every external reference of the assembly with one place it is used, allowed or not
    /// (for writing and reviewing the allow-list).</summary>
    public IReadOnlyList<PortableSubsetViolation> ListReferences(string assemblyPath)
    {
        var everything = new PortableSubsetChecker(Array.Empty<string>());
        return everything.Check(assemblyPath)
            .GroupBy(v => (v.Rule, v.Reference))
            .Select(g => g.First())
            .ToList();
    }

    /// <summary>A failure message listing every violation, grouped by what is referenced.</summary>
    public static string Format(string assemblyPath, IReadOnlyList<PortableSubsetViolation> violations)
    {
        var sb = new StringBuilder();
        sb.Append(Path.GetFileName(assemblyPath)).Append(" leaves the portable subset (DESIGN.md decision 1): ")
          .Append(violations.Count).Append(" violation(s).").AppendLine();
        foreach (var group in violations.GroupBy(v => (v.Rule, v.Reference)))
        {
            sb.Append(group.Key.Rule == "reference" ? "  not on the allow-list: " : $"  [{group.Key.Rule}] ")
              .Append(group.Key.Reference).AppendLine();
            foreach (var v in group) sb.Append("      used by ").Append(v.Location).AppendLine();
        }
        sb.Append("Fix the code, or (only if it is truly safe on bare metal, with no runtime, GC, exceptions or BCL) ")
          .Append("add the entry to the allow-list in PortableSubsetTests.cs with a reason.");
        return sb.ToString();
    }

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private sealed class Scan
    {
        private readonly PortableSubsetChecker _owner;
        private readonly MetadataReader _md;
        private readonly PEReader _pe;
        private readonly TypeNames _names;
        private readonly HashSet<EntityHandle> _seenRefs = new();
        public readonly List<PortableSubsetViolation> Violations = new();

        public Scan(PortableSubsetChecker owner, MetadataReader md, PEReader pe)
        {
            _owner = owner;
            _md = md;
            _pe = pe;
            _names = new TypeNames(md);
        }

        public void Run()
        {
            foreach (var attr in _md.GetAssemblyDefinition().GetCustomAttributes())
                CheckAttribute(attr, "assembly " + _md.GetString(_md.GetAssemblyDefinition().Name));
            foreach (var attr in _md.GetModuleDefinition().GetCustomAttributes())
                CheckAttribute(attr, "module " + _md.GetString(_md.GetModuleDefinition().Name));
            foreach (var sec in _md.DeclarativeSecurityAttributes) CheckDeclarativeSecurity(sec);

            foreach (var th in _md.TypeDefinitions) CheckType(th);

            // Safety net: every external MemberRef, then TypeRef row (a TypeRef may only be named by a MemberRef's
            // signature). Rows already seen at a use site were reported there.
            foreach (var mr in _md.MemberReferences)
            {
                if (_seenRefs.Contains(mr)) continue;
                CheckMemberRef(mr, "(metadata only: MemberRef row with no use site found)");
            }
            foreach (var tr in _md.TypeReferences)
            {
                if (_seenRefs.Contains(tr) || !_names.IsExternal(tr)) continue;
                CheckTypeName(_names.Name(tr), "(metadata only: TypeRef row with no use site found)");
            }
        }

        private void CheckType(TypeDefinitionHandle th)
        {
            var td = _md.GetTypeDefinition(th);
            string typeName = _names.Name(th);
            string where = "type " + typeName;
            var ctx = new GenericContext(td.GetGenericParameters(), default);

            if (!td.BaseType.IsNil) CheckTypeHandle(td.BaseType, where + " (base type)", ctx);
            foreach (var ih in td.GetInterfaceImplementations())
            {
                var ii = _md.GetInterfaceImplementation(ih);
                CheckTypeHandle(ii.Interface, where + " (implements)", ctx);
                foreach (var a in ii.GetCustomAttributes()) CheckAttribute(a, where + " (interface implementation)");
            }
            foreach (var a in td.GetCustomAttributes()) CheckAttribute(a, where);
            CheckGenericParameters(td.GetGenericParameters(), where, ctx);

            foreach (var fh in td.GetFields())
            {
                var fd = _md.GetFieldDefinition(fh);
                string fwhere = $"field {typeName}::{_md.GetString(fd.Name)}";
                CheckSignatureTypes(fd.DecodeSignature(_names, ctx), fwhere + " (type)");
                foreach (var a in fd.GetCustomAttributes()) CheckAttribute(a, fwhere);
            }

            foreach (var ph in td.GetProperties())
            {
                var pd = _md.GetPropertyDefinition(ph);
                string pwhere = $"property {typeName}::{_md.GetString(pd.Name)}";
                var sig = pd.DecodeSignature(_names, ctx);
                CheckSignatureTypes(sig.ReturnType, pwhere + " (type)");
                foreach (var p in sig.ParameterTypes) CheckSignatureTypes(p, pwhere + " (index parameter)");
                foreach (var a in pd.GetCustomAttributes()) CheckAttribute(a, pwhere);
            }

            foreach (var eh in td.GetEvents())
            {
                var ed = _md.GetEventDefinition(eh);
                string ewhere = $"event {typeName}::{_md.GetString(ed.Name)}";
                CheckTypeHandle(ed.Type, ewhere + " (type)", ctx);
                foreach (var a in ed.GetCustomAttributes()) CheckAttribute(a, ewhere);
            }

            foreach (var mih in td.GetMethodImplementations())
            {
                var mi = _md.GetMethodImplementation(mih);
                CheckMethodHandle(mi.MethodDeclaration, where + " (explicit override)", ctx);
                foreach (var a in mi.GetCustomAttributes()) CheckAttribute(a, where + " (explicit override)");
            }

            foreach (var mh in td.GetMethods()) CheckMethod(typeName, mh);
        }

        private void CheckMethod(string typeName, MethodDefinitionHandle mh)
        {
            var md = _md.GetMethodDefinition(mh);
            var td = _md.GetTypeDefinition(md.GetDeclaringType());
            var ctx = new GenericContext(td.GetGenericParameters(), md.GetGenericParameters());
            string where = $"method {typeName}::{_md.GetString(md.Name)}";

            var sig = md.DecodeSignature(_names, ctx);
            CheckSignatureTypes(sig.ReturnType, where + " (return type)");
            foreach (var p in sig.ParameterTypes) CheckSignatureTypes(p, where + " (parameter)");
            foreach (var a in md.GetCustomAttributes()) CheckAttribute(a, where);
            foreach (var ph in md.GetParameters())
            {
                var p = _md.GetParameter(ph);
                string pwhere = p.SequenceNumber == 0 ? where + " (return value)" : $"{where} (parameter {_md.GetString(p.Name)})";
                foreach (var a in p.GetCustomAttributes()) CheckAttribute(a, pwhere);
            }
            CheckGenericParameters(md.GetGenericParameters(), where, ctx);

            if (md.RelativeVirtualAddress == 0) return;
            var body = _pe.GetMethodBody(md.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                var locals = _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_names, ctx);
                foreach (var l in locals) CheckSignatureTypes(l, where + " (local variable)");
            }
            foreach (var region in body.ExceptionRegions)
            {
                Report("exception-handler", $"try/{region.Kind.ToString().ToLowerInvariant()} region",
                    $"{where} IL_{region.TryOffset:X4}");
                if (!region.CatchType.IsNil) CheckTypeHandle(region.CatchType, where + " (catch clause)", ctx);
            }
            WalkIL(body.GetILReader(), where, ctx);
        }

        private void WalkIL(BlobReader il, string where, GenericContext ctx)
        {
            while (il.RemainingBytes > 0)
            {
                int offset = il.Offset;
                short value = il.ReadByte();
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                var op = (ILOpCode)(ushort)value;
                string at = $"{where} IL_{offset:X4} ({OpName(op)})";

                switch (op)
                {
                    case ILOpCode.Throw: Report("throw", "throw", at); break;
                    case ILOpCode.Rethrow: Report("throw", "rethrow", at); break;
                    case ILOpCode.Ldc_r4: case ILOpCode.Conv_r4: case ILOpCode.Ldind_r4: case ILOpCode.Stind_r4:
                    case ILOpCode.Ldelem_r4: case ILOpCode.Stelem_r4:
                        CheckTypeName("System.Single", at); break;
                    case ILOpCode.Ldc_r8: case ILOpCode.Conv_r8: case ILOpCode.Conv_r_un: case ILOpCode.Ldind_r8:
                    case ILOpCode.Stind_r8: case ILOpCode.Ldelem_r8: case ILOpCode.Stelem_r8: case ILOpCode.Ckfinite:
                        CheckTypeName("System.Double", at); break;
                    case ILOpCode.Ldelem_ref: case ILOpCode.Stelem_ref:
                        break; // element type comes from a signature that is checked
                }

                if (!OperandTypes.TryGetValue(value, out var operand))
                    throw new BadImageFormatException($"unknown IL opcode 0x{(ushort)value:X} at {at}");
                switch (operand)
                {
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget: case OperandType.ShortInlineI: case OperandType.ShortInlineVar:
                        il.ReadByte(); break;
                    case OperandType.InlineVar: il.ReadInt16(); break;
                    case OperandType.InlineBrTarget: case OperandType.InlineI: case OperandType.ShortInlineR:
                        il.ReadInt32(); break;
                    case OperandType.InlineI8: case OperandType.InlineR: il.ReadInt64(); break;
                    case OperandType.InlineSwitch:
                        int n = il.ReadInt32();
                        for (int i = 0; i < n; i++) il.ReadInt32();
                        break;
                    case OperandType.InlineString:
                        il.ReadInt32();
                        CheckTypeName("System.String", at + " string literal");
                        break;
                    case OperandType.InlineSig:
                        var sigHandle = (StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32());
                        var fp = _md.GetStandaloneSignature(sigHandle).DecodeMethodSignature(_names, ctx);
                        CheckSignatureTypes(fp.ReturnType, at);
                        foreach (var p in fp.ParameterTypes) CheckSignatureTypes(p, at);
                        break;
                    case OperandType.InlineMethod: case OperandType.InlineField: case OperandType.InlineType:
                    case OperandType.InlineTok:
                        CheckToken(MetadataTokens.EntityHandle(il.ReadInt32()), at, ctx);
                        break;
                    default:
                        throw new BadImageFormatException($"unhandled operand type {operand} at {at}");
                }
            }
        }

        private static string OpName(ILOpCode op) => op.ToString().ToLowerInvariant().Replace('_', '.');

        private void CheckToken(EntityHandle h, string at, GenericContext ctx)
        {
            switch (h.Kind)
            {
                case HandleKind.TypeReference: case HandleKind.TypeDefinition: case HandleKind.TypeSpecification:
                    CheckTypeHandle(h, at, ctx); break;
                case HandleKind.MemberReference: case HandleKind.MethodDefinition: case HandleKind.MethodSpecification:
                case HandleKind.FieldDefinition:
                    CheckMethodHandle(h, at, ctx); break;
            }
        }

        /// <summary>MethodDef/FieldDef (internal), MemberRef (checked with its signature), MethodSpec (method + instantiation).</summary>
        private void CheckMethodHandle(EntityHandle h, string at, GenericContext ctx)
        {
            switch (h.Kind)
            {
                case HandleKind.MemberReference:
                    CheckMemberRef((MemberReferenceHandle)h, at);
                    break;
                case HandleKind.MethodSpecification:
                    var ms = _md.GetMethodSpecification((MethodSpecificationHandle)h);
                    CheckMethodHandle(ms.Method, at, ctx);
                    foreach (var t in ms.DecodeSignature(_names, ctx)) CheckSignatureTypes(t, at + " (generic argument)");
                    break;
            }
        }

        private void CheckMemberRef(MemberReferenceHandle h, string at)
        {
            _seenRefs.Add(h);
            var mr = _md.GetMemberReference(h);
            string? parent = mr.Parent.Kind switch
            {
                HandleKind.TypeReference => _names.IsExternal((TypeReferenceHandle)mr.Parent) ? _names.Name((TypeReferenceHandle)mr.Parent) : null,
                HandleKind.TypeSpecification => ExternalSpecName((TypeSpecificationHandle)mr.Parent, at),
                HandleKind.ModuleReference => "[module " + _md.GetString(_md.GetModuleReference((ModuleReferenceHandle)mr.Parent).Name) + "]",
                _ => null, // TypeDefinition / MethodDefinition: our own
            };
            if (mr.Parent.Kind == HandleKind.TypeReference) MarkSeen((TypeReferenceHandle)mr.Parent);
            bool allowed = false;
            if (parent != null)
            {
                string member = parent + "::" + _md.GetString(mr.Name);
                allowed = _owner.IsAllowedMember(member);
                if (!allowed) Report("reference", member, at);
            }
            // The types in the member's own signature: an allowed member's signature is part of what its entry
            // allows (e.g. AssemblyTitleAttribute(string), RuntimeHelpers.InitializeArray(Array, RuntimeFieldHandle));
            // for anything else they are checked too (our own generic members instantiated over external types).
            var ctx = default(GenericContext);
            var types = new List<SigType>();
            if (mr.GetKind() == MemberReferenceKind.Method)
            {
                var sig = mr.DecodeMethodSignature(_names, ctx);
                types.Add(sig.ReturnType);
                types.AddRange(sig.ParameterTypes);
            }
            else
            {
                types.Add(mr.DecodeFieldSignature(_names, ctx));
            }
            foreach (var t in types)
            {
                if (!allowed) CheckSignatureTypes(t, at);
                else foreach (var r in t.References) if (r.Handle is { } tr) MarkSeen(tr);
            }
        }

        /// <summary>Declarative security (e.g. the SecurityPermission(RequestMinimum, SkipVerification) that
        /// AllowUnsafeBlocks makes the compiler emit): its permission set names the attribute types as strings.</summary>
        private void CheckDeclarativeSecurity(DeclarativeSecurityAttributeHandle h)
        {
            var ds = _md.GetDeclarativeSecurityAttribute(h);
            string at = $"declarative security ({ds.Action}) on {Describe(ds.Parent)}";
            var blob = _md.GetBlobReader(ds.PermissionSet);
            if (blob.Length == 0 || blob.ReadByte() != (byte)'.')
            {
                Report("reference", "declarative security in the legacy XML format", at);
                return;
            }
            int count = blob.ReadCompressedInteger();
            for (int i = 0; i < count; i++)
            {
                string qualified = blob.ReadSerializedString() ?? "";
                int comma = qualified.IndexOf(',');
                CheckTypeName(comma < 0 ? qualified : qualified.Substring(0, comma), at);
                blob.Offset += blob.ReadCompressedInteger(); // the attribute's named arguments
            }
        }

        /// <summary>For a TypeSpec used as a member's parent: the generic definition's name if it is external
        /// (its arguments are checked too), null if the spec is one of ours.</summary>
        private string? ExternalSpecName(TypeSpecificationHandle h, string at)
        {
            var sig = _md.GetTypeSpecification(h).DecodeSignature(_names, default);
            CheckSignatureTypes(sig, at);
            return sig.MemberParentName;
        }

        private void CheckTypeHandle(EntityHandle h, string at, GenericContext ctx)
        {
            switch (h.Kind)
            {
                case HandleKind.TypeReference:
                    var tr = (TypeReferenceHandle)h;
                    MarkSeen(tr);
                    if (_names.IsExternal(tr)) CheckTypeName(_names.Name(tr), at);
                    break;
                case HandleKind.TypeSpecification:
                    CheckSignatureTypes(_md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(_names, ctx), at);
                    break;
            }
        }

        private void CheckSignatureTypes(SigType t, string at)
        {
            foreach (var r in t.References)
            {
                if (r.Handle is { } tr) MarkSeen(tr);
                CheckTypeName(r.Name, at);
            }
        }

        /// <summary>A nested type's use also accounts for its enclosing TypeRef rows (Outer+Inner names both).</summary>
        private void MarkSeen(TypeReferenceHandle tr)
        {
            while (_seenRefs.Add(tr))
            {
                var scope = _md.GetTypeReference(tr).ResolutionScope;
                if (scope.Kind != HandleKind.TypeReference) break;
                tr = (TypeReferenceHandle)scope;
            }
        }

        private void CheckTypeName(string name, string at)
        {
            if (!_owner.IsAllowedType(name)) Report("reference", name, at);
        }

        private void CheckGenericParameters(GenericParameterHandleCollection gps, string where, GenericContext ctx)
        {
            foreach (var gph in gps)
            {
                var gp = _md.GetGenericParameter(gph);
                string gwhere = $"{where} (generic parameter {_md.GetString(gp.Name)})";
                foreach (var a in gp.GetCustomAttributes()) CheckAttribute(a, gwhere);
                foreach (var ch in gp.GetConstraints())
                {
                    var c = _md.GetGenericParameterConstraint(ch);
                    CheckTypeHandle(c.Type, gwhere + " constraint", ctx);
                    foreach (var a in c.GetCustomAttributes()) CheckAttribute(a, gwhere + " constraint");
                }
            }
        }

        private void CheckAttribute(CustomAttributeHandle h, string attributedEntity)
        {
            var ca = _md.GetCustomAttribute(h);
            CheckMethodHandle(ca.Constructor, "attribute on " + attributedEntity, default);
        }

        private string Describe(EntityHandle h) => h.Kind switch
        {
            HandleKind.AssemblyDefinition => "assembly " + _md.GetString(_md.GetAssemblyDefinition().Name),
            HandleKind.TypeDefinition => "type " + _names.Name((TypeDefinitionHandle)h),
            HandleKind.MethodDefinition => "method " + _md.GetString(_md.GetMethodDefinition((MethodDefinitionHandle)h).Name),
            _ => h.Kind.ToString(),
        };

        private void Report(string rule, string reference, string at) =>
            Violations.Add(new PortableSubsetViolation(rule, reference, at));
    }

    private readonly record struct GenericContext(GenericParameterHandleCollection TypeParameters, GenericParameterHandleCollection MethodParameters);

    /// <summary>An external type named in a signature (Handle is null for primitives, which have no TypeRef row).</summary>
    private readonly record struct SigRef(string Name, TypeReferenceHandle? Handle);

    /// <summary>A decoded signature type: its display name, the external/primitive types it mentions, and, when it
    /// is an instantiation or plain reference of an external type, that type's name (to name a member's parent).</summary>
    private sealed record SigType(string Display, ImmutableArray<SigRef> References, string? MemberParentName);

    /// <summary>Names types and decodes signatures into the external references they contain.</summary>
    private sealed class TypeNames : ISignatureTypeProvider<SigType, GenericContext>
    {
        private readonly MetadataReader _md;
        public TypeNames(MetadataReader md) => _md = md;

        public bool IsExternal(TypeReferenceHandle h)
        {
            var tr = _md.GetTypeReference(h);
            return tr.ResolutionScope.Kind switch
            {
                HandleKind.AssemblyReference => true,
                HandleKind.TypeReference => IsExternal((TypeReferenceHandle)tr.ResolutionScope),
                _ => false, // ModuleDefinition / ModuleReference (same assembly) / nil (exported type lookup)
            };
        }

        public string Name(TypeReferenceHandle h)
        {
            var tr = _md.GetTypeReference(h);
            string name = _md.GetString(tr.Name);
            if (tr.ResolutionScope.Kind == HandleKind.TypeReference)
                return Name((TypeReferenceHandle)tr.ResolutionScope) + "+" + name;
            string ns = _md.GetString(tr.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string Name(TypeDefinitionHandle h)
        {
            var td = _md.GetTypeDefinition(h);
            string name = _md.GetString(td.Name);
            var declaring = td.GetDeclaringType();
            if (!declaring.IsNil) return Name(declaring) + "+" + name;
            string ns = _md.GetString(td.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private static SigType Leaf(string display) => new(display, ImmutableArray<SigRef>.Empty, null);

        private static SigType Wrap(string display, SigType inner) => new(display, inner.References, null);

        public SigType GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            string name = "System." + typeCode;
            return new SigType(name, ImmutableArray.Create(new SigRef(name, null)), null);
        }

        public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Leaf(Name(handle));

        public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            string name = Name(handle);
            return IsExternal(handle)
                ? new SigType(name, ImmutableArray.Create(new SigRef(name, handle)), name)
                : Leaf(name);
        }

        public SigType GetTypeFromSpecification(MetadataReader reader, GenericContext ctx, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, ctx);

        public SigType GetSZArrayType(SigType elementType) => Wrap(elementType.Display + "[]", elementType);
        public SigType GetArrayType(SigType elementType, ArrayShape shape)
        {
            // Multi-dimensional arrays call runtime helpers (Get/Set/Address/.ctor) the kernel library lacks:
            // name their methods after the array so they are reported as members of "T[,]".
            string display = elementType.Display + "[" + new string(',', shape.Rank - 1) + "]";
            return new SigType(display, elementType.References, display);
        }
        public SigType GetPointerType(SigType elementType) => Wrap(elementType.Display + "*", elementType);
        public SigType GetByReferenceType(SigType elementType) => Wrap("ref " + elementType.Display, elementType);
        public SigType GetPinnedType(SigType elementType) => Wrap(elementType.Display + " pinned", elementType);
        public SigType GetGenericTypeParameter(GenericContext ctx, int index) => Leaf("!" + index);
        public SigType GetGenericMethodParameter(GenericContext ctx, int index) => Leaf("!!" + index);

        public SigType GetModifiedType(SigType modifier, SigType unmodifiedType, bool isRequired) =>
            new(unmodifiedType.Display, unmodifiedType.References.AddRange(modifier.References), unmodifiedType.MemberParentName);

        public SigType GetGenericInstantiation(SigType genericType, ImmutableArray<SigType> typeArguments) =>
            new(genericType.Display + "<" + string.Join(",", typeArguments.Select(a => a.Display)) + ">",
                genericType.References.AddRange(typeArguments.SelectMany(a => a.References)),
                genericType.MemberParentName);

        public SigType GetFunctionPointerType(MethodSignature<SigType> signature) =>
            new("delegate*", signature.ParameterTypes.Prepend(signature.ReturnType).SelectMany(t => t.References).ToImmutableArray(), null);
    }
}
