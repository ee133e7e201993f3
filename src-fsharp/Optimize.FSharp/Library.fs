/// Idiomatic F# entry points to Optimize.
module Optimize.FSharp.Library

/// The version of the toolkit this F# layer was built with.
let version = typeof<Optimize.Oracles.IObjective>.Assembly.GetName().Version
