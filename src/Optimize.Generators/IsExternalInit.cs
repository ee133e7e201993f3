namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, whose library lacks this marker type.</summary>
internal static class IsExternalInit
{
}
