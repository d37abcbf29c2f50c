import ArgumentParser

/// The commands for scripts and automation (list, show, golive, …), beside the interactive
/// browser; each shares the libraries the browser uses.
let scriptCommands: [any ParsableCommand.Type] = []
