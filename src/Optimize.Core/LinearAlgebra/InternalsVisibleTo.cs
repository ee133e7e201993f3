using System.Runtime.CompilerServices;

// The tests check that the native environment (setenv/getenv through libc) is what OpenBLAS and MKL see.
[assembly: InternalsVisibleTo("Optimize.Core.Tests")]
