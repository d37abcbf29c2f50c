/// Everything a key can ask the program to do.
public enum AppAction: String, Hashable, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, first, last
    case openDetail, closeDetail, scrollDetailDown, scrollDetailUp
    case reload, toggleHelp, quit
}

/// One row of the binding table: its keys, what it does, and the words the help shows.
public struct KeyBinding: Sendable, Equatable {
    public var chords: [KeyChord]
    public var action: AppAction
    /// A short word for the status bar; nil keeps it out of the status bar.
    public var hint: String?
    public var help: String
    /// Writes to the service; read-only mode removes these.
    public var isDangerous: Bool

    public init(_ chords: [KeyChord], _ action: AppAction, hint: String? = nil, help: String, isDangerous: Bool = false) {
        self.chords = chords
        self.action = action
        self.hint = hint
        self.help = help
        self.isDangerous = isDangerous
    }

    /// The keys as the help and status bar print them ("j/↓").
    public var keysLabel: String { chords.map(\.description).joined(separator: "/") }
}

/// The binding table: the one source of what keys do, what the status bar hints and what the
/// help lists, so that the three cannot drift apart.
public struct KeyMap: Sendable {
    public private(set) var bindings: [KeyBinding]

    public init(bindings: [KeyBinding] = KeyMap.defaults, readOnly: Bool = false) {
        self.bindings = readOnly ? bindings.filter { !$0.isDangerous } : bindings
    }

    public func action(for chord: KeyChord) -> AppAction? {
        bindings.first { $0.chords.contains(chord) }?.action
    }

    /// The bindings the status bar shows, in table order.
    public var hints: [KeyBinding] { bindings.filter { $0.hint != nil } }

    public static let defaults: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down"),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up"),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Page down"),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Page up"),
        KeyBinding([.character("g"), .home], .first, help: "First segment"),
        KeyBinding([.character("G"), .end], .last, help: "Last segment (loads the rest)"),
        KeyBinding([.enter, .character("l")], .openDetail, hint: "detail", help: "Open the detail of the selected segment"),
        KeyBinding([.escape, .character("h")], .closeDetail, help: "Close the detail, dismiss a message"),
        KeyBinding([.character("J"), .control("d")], .scrollDetailDown, help: "Scroll the detail down"),
        KeyBinding([.character("K"), .control("u")], .scrollDetailUp, help: "Scroll the detail up"),
        KeyBinding([.character("r"), .control("l")], .reload, hint: "reload", help: "Reload from the service"),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help"),
        KeyBinding([.character("q"), .control("c")], .quit, hint: "quit", help: "Quit"),
    ]
}
