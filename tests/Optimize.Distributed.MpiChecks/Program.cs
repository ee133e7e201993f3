using Optimize.Distributed.Mpi;
using Optimize.Distributed.MpiChecks;

// mpiexec -n P dotnet Optimize.Distributed.MpiChecks.dll            runs every check; rank 0 prints
//                                                                    "distributed (n=P): N passed, N failed"
// mpiexec -n P dotnet Optimize.Distributed.MpiChecks.dll fault-…    runs one fault scenario (see Faults)
return MpiRuntime.Run(args, world => args.Length > 0 ? Faults.Run(world, args[0]) : Checks.RunAll(world));
