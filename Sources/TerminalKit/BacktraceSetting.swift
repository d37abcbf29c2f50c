import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps Swift's crash backtracer off the screen.
///
/// On a crash the runtime's backtracer, by default, takes over a terminal it finds on stdin and
/// stdout ("Press space to interact…", 30 s) and prints its report to stdout: on the screen the
/// crash guard has just given back, many lines instead of the one that says where the log is. It
/// reads `SWIFT_BACKTRACE` once, when the process starts, so a program that wants it otherwise
/// has to start again with the variable set: `interactive=no,output-to=stderr` (stderr is the
/// log while the screen is in use). Anything else the user put in the variable is kept.
public enum BacktraceSetting {
    /// `SWIFT_BACKTRACE` as it should be, given its value now.
    public static func value(from current: String?) -> String {
        let kept = (current ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { entry in
            let key = entry.split(separator: "=", maxSplits: 1).first.map(String.init)?.lowercased() ?? ""
            return !entry.isEmpty && key != "interactive" && key != "output-to"
        }
        return (kept + ["interactive=no", "output-to=stderr"]).joined(separator: ",")
    }

    /// Whether the runtime, started with `current` as `SWIFT_BACKTRACE`, would put its backtracer
    /// on the terminal: interactive (its default when stdin and stdout are terminals), or writing
    /// to a stdout that is one. A value this does not know counts as yes.
    static func reachesTheTerminal(_ current: String?, stdinIsTerminal: Bool, stdoutIsTerminal: Bool) -> Bool {
        var settings: [String: String] = [:]
        for entry in (current ?? "").split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { settings[parts[0].lowercased()] = parts[1].lowercased() }
        }
        // The runtime's words for on and off (Backtracing.rst).
        let off: Set = ["no", "n", "false", "f", "off", "0"]
        let on: Set = ["yes", "y", "true", "t", "on", "1"]
        let enable = settings["enable"] ?? "yes"
        if off.contains(enable) || (enable == "tty" && !stdoutIsTerminal) { return false }
        guard on.contains(enable) || enable == "tty" else { return true }
        let output = settings["output-to"] ?? "auto"
        // Any other output-to is a file, which makes `tty` mean no interaction.
        let toFile = !["auto", "stdout", "stderr"].contains(output)
        let interactive = settings["interactive"] ?? "tty"
        if on.contains(interactive) || (interactive == "tty" && !toFile && stdinIsTerminal && stdoutIsTerminal) { return true }
        guard off.contains(interactive) || interactive == "tty" else { return true }
        // Not interactive: `auto` is stderr.
        return output == "stdout" && stdoutIsTerminal
    }

    /// Starts this program again, same arguments, with `SWIFT_BACKTRACE` set as `value(from:)`
    /// says, when the setting it started with would let the backtracer reach the terminal. A
    /// new start costs as much as the first (a whole process start before anything is drawn),
    /// so none is made when stdin or stdout is no terminal or the user's setting is already
    /// non-interactive. Call first thing in `main`; returns only when no new start is needed
    /// or it could not be made (then the program runs on as it is).
    public static func restartIfNeeded() {
        let current = getenv("SWIFT_BACKTRACE").map { String(cString: $0) }
        guard reachesTheTerminal(current, stdinIsTerminal: isatty(STDIN_FILENO) == 1, stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
        else { return }
        let wanted = value(from: current)
        guard current != wanted else { return }
        setenv("SWIFT_BACKTRACE", wanted, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
