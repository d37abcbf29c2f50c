import ArgumentParser

/// The commands for scripts and automation, beside the interactive browser; each shares the
/// libraries the browser uses.
let scriptCommands: [any ParsableCommand.Type] = [
    ListCommand.self, ShowCommand.self, GoLiveCommand.self, StopCommand.self, MembersCommand.self,
    CreateCommand.self, DeleteCommand.self, ExportCommand.self, ConfigCommand.self, ManualCommand.self, HistoryCommand.self,
]
