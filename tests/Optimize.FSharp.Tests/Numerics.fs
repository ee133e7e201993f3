/// Small numerical helpers shared by the tests.
module Optimize.FSharp.Tests.Numerics

open Expecto

/// Whether a and b agree to the tolerance, relative to their size once it exceeds 1.
let close (tolerance: float) (a: float) (b: float) =
    abs (a - b) <= tolerance * (1.0 + max (abs a) (abs b))

/// Asserts that every entry of actual agrees with expected to the tolerance.
let expectAllClose (tolerance: float) (actual: float[]) (expected: float[]) (message: string) =
    Expect.equal actual.Length expected.Length $"{message}: lengths"
    for i in 0 .. actual.Length - 1 do
        if not (close tolerance actual[i] expected[i]) then
            failtestf "%s: entry %d is %.17g, expected %.17g (tolerance %g)" message i actual[i] expected[i] tolerance

/// The central-difference gradient (f(x + heᵢ) − f(x − heᵢ)) / 2h with h = 1e-5·max(1, |xᵢ|).
let centralGradient (f: float[] -> float) (x: float[]) : float[] =
    Array.init x.Length (fun i ->
        let h = 1e-5 * max 1.0 (abs x[i])
        let plus = Array.copy x
        let minus = Array.copy x
        plus[i] <- x[i] + h
        minus[i] <- x[i] - h
        (f plus - f minus) / (plus[i] - minus[i]))

/// Whether every entry is finite and at most the bound in size.
let moderate (bound: float) (values: float seq) =
    values |> Seq.forall (fun v -> System.Double.IsFinite v && abs v <= bound)

/// Runs the action, expecting it to throw an exception of type 'E, and returns the exception.
let throws<'E when 'E :> exn> (action: unit -> unit) : 'E =
    try
        action ()
        failtestf "Expected %s, but nothing was thrown." typeof<'E>.Name
    with
    | :? 'E as e -> e
