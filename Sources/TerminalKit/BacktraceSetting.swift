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

    /// Starts this program again, same arguments, with `SWIFT_BACKTRACE` set as `value(from:)`
    /// says, unless it is set so already. Call first thing in `main`; returns only when no new
    /// start is needed or it could not be made (then the program runs on as it is).
    public static func restartIfNeeded() {
        let current = getenv("SWIFT_BACKTRACE").map { String(cString: $0) }
        let wanted = value(from: current)
        guard current != wanted else { return }
        setenv("SWIFT_BACKTRACE", wanted, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
