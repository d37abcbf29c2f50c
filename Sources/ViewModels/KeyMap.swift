/// Everything a key can ask the program to do.
public enum AppAction: String, Hashable, Sendable, CaseIterable {
    // the list
    case moveDown, moveUp, pageDown, pageUp, first, last
    case openDetail, closeDetail, scrollDetailDown, scrollDetailUp
    case reload, toggleHelp, quit
    case filter, cycleSort, reverseSort
    case toggleLive, edit, openMembers, newSegment, delete
    case copyId, copyJSON
    // editors and forms
    case save, nextField, previousField, close, undo, redo
    case stopFromEditor, keepMine, takeTheirs
    // members and the contact picker
    case addMembers, markRemoval, toggleMark, confirm
    // journeys' member groups, and who is in a segment now
    case nextGroup, previousGroup, newGroup, renameGroup, deleteGroup, toggleMembersView
}

/// Where the keys go: the list, or the editor, pane or dialog on top of it. Each has its own
/// table, so a key can mean different things in different places but never two in one.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case list, editor, members, currentMembers, picker, form, dialog

    public var title: String {
        switch self {
        case .list: return "Keys"
        case .editor: return "Keys: editor"
        case .members: return "Keys: members"
        case .currentMembers: return "Keys: who is in the segment"
        case .picker: return "Keys: contact picker"
        case .form: return "Keys: new segment"
        case .dialog: return "Keys: dialog"
        }
    }
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
    public var context: KeyContext

    public init(_ chords: [KeyChord], _ action: AppAction, hint: String? = nil, help: String, isDangerous: Bool = false,
                context: KeyContext = .list) {
        self.chords = chords
        self.action = action
        self.hint = hint
        self.help = help
        self.isDangerous = isDangerous
        self.context = context
    }

    /// The keys as the help and status bar print them ("j/↓").
    public var keysLabel: String { keysLabel(ascii: false) }

    public func keysLabel(ascii: Bool) -> String {
        chords.map { ascii ? $0.asciiDescription : $0.description }.joined(separator: "/")
    }
}

/// The binding table: the one source of what keys do, what the status bar hints and what the
/// help lists, so that the three cannot drift apart.
public struct KeyMap: Sendable {
    public private(set) var allBindings: [KeyBinding]
    public let isReadOnly: Bool

    public init(bindings: [KeyBinding] = KeyMap.defaults, readOnly: Bool = false) {
        self.allBindings = readOnly ? bindings.filter { !$0.isDangerous } : bindings
        self.isReadOnly = readOnly
    }

    /// The list's table (what the help shows over the list).
    public var bindings: [KeyBinding] { bindings(in: .list) }

    public func bindings(in context: KeyContext) -> [KeyBinding] { allBindings.filter { $0.context == context } }

    public func action(for chord: KeyChord, in context: KeyContext = .list) -> AppAction? {
        allBindings.first { $0.context == context && $0.chords.contains(chord) }?.action
    }

    /// Whether `action` is bound in `context` (read-only mode unbinds writes).
    public func allows(_ action: AppAction, in context: KeyContext) -> Bool {
        allBindings.contains { $0.context == context && $0.action == action }
    }

    /// The bindings the status bar shows, in table order.
    public var hints: [KeyBinding] { hints(in: .list) }

    public func hints(in context: KeyContext) -> [KeyBinding] { bindings(in: context).filter { $0.hint != nil } }

    public static let defaults: [KeyBinding] = list + editor + members + currentMembers + picker + form + dialog

    static let list: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down"),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up"),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Page down"),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Page up"),
        KeyBinding([.character("g"), .home], .first, help: "First segment"),
        KeyBinding([.character("G"), .end], .last, help: "Last segment"),
        KeyBinding([.enter, .character("l")], .openDetail, hint: "detail", help: "Open the detail"),
        KeyBinding([.escape, .character("h")], .closeDetail, help: "Close detail, dismiss"),
        KeyBinding([.character("J"), .control("d")], .scrollDetailDown, help: "Scroll detail down"),
        KeyBinding([.character("K"), .control("u")], .scrollDetailUp, help: "Scroll detail up"),
        KeyBinding([.character("/")], .filter, help: "Filter by name"),
        KeyBinding([.character("s")], .cycleSort, help: "Sort by next column"),
        KeyBinding([.character("S")], .reverseSort, help: "Reverse the sort"),
        KeyBinding([.character("L")], .toggleLive, help: "Go live / stop", isDangerous: true),
        KeyBinding([.character("e")], .edit, help: "Edit the segment", isDangerous: true),
        KeyBinding([.character("m")], .openMembers, help: "Members (static)"),
        KeyBinding([.character("y")], .copyId, help: "Copy the id (OSC 52)"),
        KeyBinding([.character("Y")], .copyJSON, help: "Copy the JSON (OSC 52)"),
        KeyBinding([.character("n")], .newSegment, help: "New segment", isDangerous: true),
        KeyBinding([.character("D")], .delete, help: "Delete the segment", isDangerous: true),
        KeyBinding([.character("r"), .control("l")], .reload, hint: "reload", help: "Reload from the service"),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help"),
        KeyBinding([.character("q"), .control("c")], .quit, hint: "quit", help: "Quit"),
    ]

    static let editor: [KeyBinding] = [
        KeyBinding([.control("s")], .save, hint: "save", help: "Save to the service", isDangerous: true, context: .editor),
        KeyBinding([.tab], .nextField, hint: "next field", help: "Next field", context: .editor),
        KeyBinding([.backTab], .previousField, help: "Previous field", context: .editor),
        KeyBinding([.control("z")], .undo, help: "Undo in the field", context: .editor),
        KeyBinding([.control("r")], .redo, help: "Redo in the field", context: .editor),
        KeyBinding([.control("o")], .keepMine, help: "Conflict: keep my version", context: .editor),
        KeyBinding([.control("t")], .takeTheirs, help: "Conflict: take the service's", context: .editor),
        KeyBinding([.control("l")], .stopFromEditor, help: "Stop this live segment", isDangerous: true, context: .editor),
        KeyBinding([.function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .editor),
        KeyBinding([.escape], .close, hint: "close", help: "Close (asks if unsaved)", context: .editor),
        KeyBinding([.control("c")], .quit, help: "Quit (asks if unsaved)", context: .editor),
    ]

    static let members: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down", context: .members),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up", context: .members),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Next page", context: .members),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Previous page", context: .members),
        KeyBinding([.character("a")], .addMembers, hint: "add", help: "Add contacts", isDangerous: true, context: .members),
        KeyBinding([.character("d")], .markRemoval, hint: "remove", help: "Mark for removal", isDangerous: true, context: .members),
        KeyBinding([.character("u")], .undo, hint: "undo", help: "Undo a staged change", context: .members),
        KeyBinding([.control("r")], .redo, help: "Redo a staged change", context: .members),
        KeyBinding([.control("s")], .save, hint: "save", help: "Save the changes", isDangerous: true, context: .members),
        KeyBinding([.tab, .backTab], .nextField, help: "Groups: Include / Exclude side", context: .members),
        KeyBinding([.character("]")], .nextGroup, help: "Groups: next group on this side", context: .members),
        KeyBinding([.character("[")], .previousGroup, help: "Groups: previous group on this side", context: .members),
        KeyBinding([.character("c")], .newGroup, help: "Groups: new group on this side", isDangerous: true, context: .members),
        KeyBinding([.character("R")], .renameGroup, help: "Groups: rename the group", isDangerous: true, context: .members),
        KeyBinding([.character("X")], .deleteGroup, help: "Groups: delete the group", isDangerous: true, context: .members),
        KeyBinding([.character("v")], .toggleMembersView, help: "Groups / who is in it now", context: .members),
        KeyBinding([.enter], .confirm, help: "Group name: accept", context: .members),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .members),
        KeyBinding([.escape], .close, hint: "close", help: "Close (asks if unsaved)", context: .members),
        KeyBinding([.character("q"), .control("c")], .quit, help: "Quit (asks if unsaved)", context: .members),
    ]

    /// Who is in a segment now: read-only, paged.
    static let currentMembers: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down", context: .currentMembers),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up", context: .currentMembers),
        KeyBinding([.pageDown, .control("f")], .pageDown, hint: "next page", help: "Next page", context: .currentMembers),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Previous page", context: .currentMembers),
        KeyBinding([.character("v")], .toggleMembersView, hint: "groups", help: "Back to the static groups", context: .currentMembers),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .currentMembers),
        KeyBinding([.escape], .close, hint: "close", help: "Close", context: .currentMembers),
        KeyBinding([.character("q"), .control("c")], .quit, help: "Quit", context: .currentMembers),
    ]

    static let picker: [KeyBinding] = [
        KeyBinding([.down], .moveDown, help: "Next contact", context: .picker),
        KeyBinding([.up], .moveUp, help: "Previous contact", context: .picker),
        KeyBinding([.character(" ")], .toggleMark, hint: "mark", help: "Mark or unmark (in the results)", context: .picker),
        KeyBinding([.enter], .confirm, hint: "add", help: "Add the marked contacts", context: .picker),
        KeyBinding([.tab], .nextField, help: "Search field / results", context: .picker),
        KeyBinding([.function(1)], .toggleHelp, help: "Show or hide this help", context: .picker),
        KeyBinding([.escape, .control("c")], .close, hint: "cancel", help: "Cancel", context: .picker),
    ]

    static let form: [KeyBinding] = [
        KeyBinding([.control("s")], .save, hint: "create", help: "Create the segment", isDangerous: true, context: .form),
        KeyBinding([.tab], .nextField, hint: "next field", help: "Next field", context: .form),
        KeyBinding([.backTab], .previousField, help: "Previous field", context: .form),
        KeyBinding([.enter], .confirm, help: "Type: next type; members: pick", context: .form),
        KeyBinding([.control("z")], .undo, help: "Undo in the field", context: .form),
        KeyBinding([.control("r")], .redo, help: "Redo in the field", context: .form),
        KeyBinding([.function(1)], .toggleHelp, help: "Show or hide this help", context: .form),
        KeyBinding([.escape], .close, hint: "cancel", help: "Cancel (asks if typed)", context: .form),
        KeyBinding([.control("c")], .quit, help: "Quit (asks if typed)", context: .form),
    ]

    static let dialog: [KeyBinding] = [
        KeyBinding([.tab, .left, .right], .nextField, help: "Move between the buttons", context: .dialog),
        KeyBinding([.enter], .confirm, help: "Press the focused button", context: .dialog),
        KeyBinding([.escape, .control("c")], .close, help: "Cancel", context: .dialog),
    ]
}
