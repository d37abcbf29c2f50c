import CNCurses
import CTerminalGuard
import Foundation
import Synchronization

/// Owns the terminal while the program runs: puts it into curses mode, reads keys, follows
/// resizes, and gives it back exactly as it was (the same `stty -a`, cursor visible, primary
/// screen), on a normal end, at `exit`, and on a crash signal.
///
/// ncurses has one global state and is not thread-safe, so the session lives on the main actor.
/// SIGINT, SIGTERM and SIGHUP are ignored from `start` on: the run loop is expected to watch them
/// with Dispatch signal sources and end the session itself (Ctrl-C arrives as a key anyway, since
/// the terminal is in raw mode).
@MainActor
public final class TerminalSession {
    /// What to ask of the terminal.
    public struct Options: Sendable {
        /// Force monochrome (`NO_COLOR`, `--no-color`).
        public var noColor: Bool
        /// nil decides from the locale: ASCII mode when no UTF-8 locale could be set.
        public var ascii: Bool?
        /// While curses owns the screen, stderr goes to this file (appending), so that warnings
        /// and a crash's `Fatal error:` line are kept instead of being drawn over or lost.
        public var stderrLogPath: String?
        /// Milliseconds ncurses waits after Esc for the rest of an escape sequence; the
        /// `ESCDELAY` environment variable, when set, takes precedence.
        public var escapeDelay: Int
        /// Report clicks and wheel turns as `.mouse` keys. Off by default: while it is on, the
        /// terminal's own selection needs Shift held, which surprises people who did not ask.
        public var mouse: Bool
        /// Looks from the user's configuration, laid over the theme this terminal gets.
        public var themeOverrides: [Style.Role: Theme.Appearance]

        public init(
            noColor: Bool = Theme.noColorRequested(), ascii: Bool? = nil,
            stderrLogPath: String? = nil, escapeDelay: Int = 25, mouse: Bool = false,
            themeOverrides: [Style.Role: Theme.Appearance] = [:]
        ) {
            self.themeOverrides = themeOverrides
            self.noColor = noColor
            self.ascii = ascii
            self.stderrLogPath = stderrLogPath
            self.escapeDelay = escapeDelay
            self.mouse = mouse
        }
    }

    /// Why the session could not start, in words a user can act on.
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case alreadyStarted
        case unknownTerminal(String?)
        case cannotOpenLog(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "standard input and output must be a terminal; run segtui in a terminal, not through a pipe"
            case .alreadyStarted:
                return "a terminal session is already running in this process"
            case .unknownTerminal(let name):
                return "the terminal type \(name.map { "'\($0)'" } ?? "(TERM is not set)") is unknown; "
                    + "set TERM to one your system knows, for example TERM=xterm-256color"
            case .cannotOpenLog(let path):
                return "cannot write the log file \(path); check that its folder exists and is writable"
            }
        }
    }

    /// The theme that suits this terminal (colours, monochrome, ASCII).
    public let theme: Theme
    /// True when the terminal is driven in ASCII mode (no UTF-8 locale).
    public let isASCII: Bool
    /// The locale's character set as the user's environment set it, before any fallback.
    public let environmentCodeset: String
    /// Whether the terminal accepted its default colours (`use_default_colors`).
    public let defaultColorsAvailable: Bool

    private var isActive = true
    /// Key codes ncurses gave this terminal's modified arrows (see `KeyDecoder.extendedCapabilities`).
    private var extendedKeys: [Int32: Key] = [:]

    /// Starts curses mode. Only one session can run at a time.
    public static func start(_ options: Options = Options()) throws -> TerminalSession {
        guard !sessionIsActive.load(ordering: .acquiring) else { throw StartError.alreadyStarted }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }

        let locale = LocaleSetup.run()
        let ascii = options.ascii ?? !locale.isUTF8

        terminal_guard_save(STDOUT_FILENO)
        terminal_guard_install()
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        signal(SIGHUP, SIG_IGN)

        guard tk_newterm() != nil else {
            terminal_guard_restore_settings()
            throw StartError.unknownTerminal(ProcessInfo.processInfo.environment["TERM"])
        }
        if let path = options.stderrLogPath, terminal_guard_redirect_stderr(path) != 0 {
            endwin()
            terminal_guard_restore_settings()
            throw StartError.cannotOpenLog(path)
        }
        if options.stderrLogPath != nil {
            // The log is appended to by every run: a header tells the runs apart.
            // ISO8601FormatStyle, not ISO8601DateFormatter: on Linux the latter loads ICU, tens
            // of milliseconds before the first frame.
            let stamp = Date.ISO8601FormatStyle().format(Date())
            FileHandle.standardError.write(Data("--- segtui started \(stamp), process \(getpid())\n".utf8))
        }

        let screen = tk_stdscr()
        raw()  // Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive as keys, so quitting is always clean.
        noecho()
        nonl()
        keypad(screen, true)
        nodelay(screen, true)
        curs_set(0)
        if getenv("ESCDELAY") == nil { set_escdelay(Int32(options.escapeDelay)) }
        if options.mouse { _ = tk_enable_mouse(1) }

        var colorCount = 0
        var defaultColors = false
        if !options.noColor && has_colors() {
            start_color()
            defaultColors = use_default_colors() == tk_ok()
            colorCount = Int(tk_colors())
        }

        registerExitHandlerOnce()
        sessionIsActive.store(true, ordering: .releasing)
        let session = TerminalSession(
            theme: Theme.forTerminal(colorCount: colorCount, noColor: options.noColor, ascii: ascii)
                .customised(with: options.themeOverrides),
            isASCII: ascii, environmentCodeset: locale.environmentCodeset,
            defaultColorsAvailable: defaultColors)
        session.extendedKeys = Self.lookUpExtendedKeys()
        return session
    }

    /// Asks terminfo for the sequences of the modified arrows and ncurses for the codes it
    /// decodes them to; terminals without them simply have no entry.
    private static func lookUpExtendedKeys() -> [Int32: Key] {
        var table: [Int32: Key] = [:]
        for entry in KeyDecoder.extendedCapabilities {
            guard let sequence = tigetstr(entry.name), Int(bitPattern: sequence) != -1 else { continue }
            let code = key_defined(sequence)
            if code > 0 { table[code] = entry.key }
        }
        return table
    }

    private init(theme: Theme, isASCII: Bool, environmentCodeset: String, defaultColorsAvailable: Bool) {
        self.theme = theme
        self.isASCII = isASCII
        self.environmentCodeset = environmentCodeset
        self.defaultColorsAvailable = defaultColorsAvailable
    }

    /// Gives the terminal back as it was before `start`. Safe to call more than once.
    public func end() {
        guard isActive else { return }
        isActive = false
        TerminalSession.restoreTerminal()
    }

    /// A canvas over the whole screen, drawn with this session's theme.
    public func makeCanvas() -> NcursesCanvas {
        NcursesCanvas(theme: theme, defaultColorsAvailable: defaultColorsAvailable)
    }

    /// The screen size as curses knows it.
    public var size: Size {
        Size(rows: Int(tk_lines()), columns: Int(tk_cols()))
    }

    /// Every key waiting on input, decoded; empty when none is waiting. Never blocks, except
    /// for the escape delay after a lone Esc.
    public func readKeys() -> [Key] {
        guard isActive else { return [] }
        var keys: [Key] = []
        var code: wint_t = 0
        while true {
            let result = wget_wch(tk_stdscr(), &code)
            if result == tk_err() { break }
            if result == tk_key_code_yes(), Int32(code) == tk_key_mouse() {
                keys += Self.readMouseEvents().map(Key.mouse)
                continue
            }
            KeyDecoder.append(KeyDecoder.decode(code: code, isKeyCode: result == tk_key_code_yes(), extended: extendedKeys), to: &keys)
        }
        return EscapeSequences.fold(keys)
    }

    /// Every mouse event ncurses queued. Reports that arrive in one read (a quick click sends
    /// press and release together, more so over SSH) yield one KEY_MOUSE, and `getmouse` hands
    /// the queue out newest first, so it is drained and put back in order.
    private static func readMouseEvents() -> [MouseEvent] {
        var events: [MouseEvent] = []
        var kind: Int32 = 0
        var row: Int32 = 0
        var column: Int32 = 0
        while tk_read_mouse(&kind, &row, &column) == 0 {
            switch kind {
            case 1: events.append(MouseEvent(.press, row: Int(row), column: Int(column)))
            case 4: events.append(MouseEvent(.wheelUp, row: Int(row), column: Int(column)))
            case 5: events.append(MouseEvent(.wheelDown, row: Int(row), column: Int(column)))
            default: continue  // a release: presses already did what a click does
            }
        }
        return events.reversed()
    }

    /// Puts `text` on the clipboard of the terminal the user sits at, through OSC 52, which
    /// travels over SSH and through tmux (with `set-clipboard on`). GNU screen swallows OSC
    /// sequences, so inside it the sequence is wrapped in screen's pass-through. Called between
    /// frames, when curses has flushed its own output, so it never lands inside an escape.
    public func copyToClipboard(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard isActive else { return }
        let sequence = Self.clipboardSequence(for: text, environment: environment)
        sequence.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let length = buffer.count - 1
            while offset < length {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, length - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// The bytes that ask the terminal to set its clipboard to `text`.
    public nonisolated static func clipboardSequence(for text: String, environment: [String: String]) -> String {
        let payload = Data(text.utf8).base64EncodedString()
        let osc = "\u{1B}]52;c;\(payload)\u{07}"
        let insideScreen = (environment["TERM"] ?? "").hasPrefix("screen") && environment["STY"] != nil
            && environment["TMUX"] == nil
        return insideScreen ? "\u{1B}P\(osc)\u{1B}\\" : osc
    }

    /// Reads the size the kernel reports for the terminal and, if curses does not know it yet,
    /// resizes curses to it (which queues a `.resize` key). Returns the current size. Call it on
    /// SIGWINCH: a Dispatch signal source for SIGWINCH replaces ncurses' own handler.
    @discardableResult
    public func resizeFromKernel() -> Size {
        guard isActive else { return size }
        var rows: Int32 = 0
        var columns: Int32 = 0
        let known = tk_winsize(STDOUT_FILENO, &rows, &columns) == 0
            || tk_winsize(STDIN_FILENO, &rows, &columns) == 0
        if known, rows > 0, columns > 0, is_term_resized(rows, columns) {
            resizeterm(rows, columns)
        }
        return size
    }

    /// Stops the program as Ctrl-Z does in a shell (raw mode delivers Ctrl-Z as a key), and takes
    /// the screen back on `fg`. Not `raise(SIGTSTP)` into ncurses' handler: on Linux the main
    /// queue runs on a Dispatch worker thread, which blocks SIGTSTP, so a raised signal stayed
    /// pending there and ncurses discarded it the next time it ignored SIGTSTP around an update;
    /// Ctrl-Z did nothing. So the terminal is given back here, SIGTSTP is unblocked for this
    /// thread with its default action, and the signal stops the whole process before `raise`
    /// returns (POSIX: an unblocked signal sent to the calling thread is delivered before
    /// `raise` returns). A SIGTSTP from outside still goes through ncurses' handler.
    public func suspend() {
        guard isActive else { return }
        def_prog_mode()
        endwin()
        var stopSignal = sigset_t()
        sigemptyset(&stopSignal)
        sigaddset(&stopSignal, SIGTSTP)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &stopSignal, &previousMask)
        let previousHandler = signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Here again after `fg` (SIGCONT).
        signal(SIGTSTP, previousHandler)
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        reset_prog_mode()
        _ = resizeFromKernel()
        clearok(tk_stdscr(), true)
        refresh()
    }

    /// What every way out runs: `end()`, the `atexit` handler. Not isolated, because `exit` may be
    /// called from any thread; it only makes C calls and reads an atomic flag.
    fileprivate nonisolated static func restoreTerminal() {
        guard sessionIsActive.compareExchange(expected: true, desired: false, ordering: .acquiringAndReleasing).exchanged
        else { return }
        curs_set(1)
        endwin()
        // endwin puts back the modes it saw at start-up; this puts back the exact saved termios,
        // in case something changed them in between.
        terminal_guard_restore_settings()
        terminal_guard_restore_stderr()
    }
}

/// Whether curses mode is on; shared with the `atexit` handler, which runs on whatever thread
/// called `exit`.
private let sessionIsActive = Atomic<Bool>(false)
private let exitHandlerRegistered = Atomic<Bool>(false)

private func registerExitHandlerOnce() {
    guard exitHandlerRegistered.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
    else { return }
    atexit { TerminalSession.restoreTerminal() }
}
