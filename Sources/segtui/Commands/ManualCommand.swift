import ArgumentParser
import Foundation

/// `segtui man`: a man page generated from the argument parser's own description of every
/// command, so that it cannot drift from `--help`.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man", abstract: "Print the man page (roff); install it with: segtui man > segtui.1",
        discussion: "Shell completions come from the argument parser too: segtui --generate-completion-script bash|zsh|fish")

    func run() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--experimental-dump-help"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let info = try JSONDecoder().decode(DumpedHelp.self, from: data)
        FileHandle.standardOutput.write(Data(ManualPage.render(info.command).utf8))
    }
}

/// The part of ArgumentParser's `--experimental-dump-help` JSON that a man page needs.
struct DumpedHelp: Decodable {
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var defaultValue: String?
        var isOptional: Bool
        var shouldDisplay: Bool
    }

    var command: Command
}

enum ManualPage {
    static func render(_ root: DumpedHelp.Command) -> String {
        var page = """
            .TH SEGTUI 1 "" "segtui \(Segtui.configuration.version)" "User Commands"
            .SH NAME
            segtui \\- \(escape(root.abstract ?? ""))
            .SH SYNOPSIS
            .B segtui
            [\\fIoptions\\fR] [\\fIcommand\\fR]
            .SH DESCRIPTION
            \(escape(root.discussion ?? ""))

            """
        page += options(of: root)
        page += ".SH COMMANDS\n"
        for command in root.subcommands ?? [] where command.shouldDisplay ?? true && command.commandName != "help" {
            page += ".SS \(escape(command.commandName))\n\(escape(command.abstract ?? ""))\n"
            if let discussion = command.discussion { page += ".PP\n\(escape(discussion))\n" }
            page += options(of: command)
        }
        page += """
            .SH ENVIRONMENT
            .TP
            .B SEGTUI_TOKEN
            A bearer token sent to the service.
            .TP
            .B NO_COLOR
            Draw without colours.
            .TP
            .B XDG_DATA_HOME, XDG_STATE_HOME, XDG_CONFIG_HOME
            Where the demo database, the log and drafts, and the configuration live.
            .SH EXIT STATUS
            \(escape(ExitStatus.documentation))

            """
        return page
    }

    private static func options(of command: DumpedHelp.Command) -> String {
        var text = ""
        for argument in command.arguments ?? [] where argument.shouldDisplay {
            let names = (argument.names ?? []).map { $0.kind == "short" ? "-" + $0.name : "--" + $0.name }
            var label = names.isEmpty ? "<\(argument.valueName ?? "value")>" : names.joined(separator: ", ")
            if argument.kind == "option", let value = argument.valueName { label += " <\(value)>" }
            text += ".TP\n.B \(escape(label))\n\(escape(argument.abstract ?? ""))"
            if let value = argument.defaultValue { text += " (default: \(escape(value)))" }
            text += "\n"
        }
        return text
    }

    /// roff: a backslash starts an escape, and a line starting with `.` or `'` is a request.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line) }
            .joined(separator: "\n")
    }
}
