import Keys

/// Everything a key can ask the program to do.
public enum AppAction: String, Hashable, Sendable, CaseIterable {
    // the list
    case moveDown, moveUp, pageDown, pageUp, first, last
    case openDetail, closeDetail, scrollDetailDown, scrollDetailUp, dismiss, showHistory
    case reload, toggleHelp, quit, suspend
    case filter, filterByStatus, filterByType, cycleSort, reverseSort
    case toggleLive, edit, openMembers, newSegment, delete
    case copyId, copyJSON
    // editors and forms
    case save, nextField, previousField, close, undo, redo
    case stopFromEditor, keepMine, takeTheirs
    // members and the contact picker
    case addMembers, markRemoval, markRange, toggleMark, confirm
    // a text field: moving the cursor and changing the text
    case cursorLeft, cursorRight, wordLeft, wordRight, lineStart, lineEnd
    case deleteBackward, deleteForward, deleteWord, deleteToLineStart, newLine
    // journeys' member groups, and who is in a segment now
    case nextGroup, previousGroup, newGroup, renameGroup, deleteGroup, toggleMembersView
}

/// Where the keys go: the list, the detail beside it, or the editor, pane, prompt, dialog or help
/// on top of it. Each has its own table, so a key can mean different things in different places
/// but never two in one.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case list, detail, history, editor, members, groups, currentMembers, picker, form, dialog, filter, text, help

    public var title: String {
        switch self {
        case .list: return "Keys"
        case .detail: return "Keys: detail"
        case .history: return "Keys: history"
        case .editor: return "Keys: editor"
        case .members: return "Keys: members"
        case .groups: return "Keys: member groups"
        case .currentMembers: return "Keys: who is in the segment"
        case .picker: return "Keys: contact picker"
        case .form: return "Keys: new segment"
        case .dialog: return "Keys: dialog"
        case .filter: return "Keys: filter"
        case .text: return "Keys: text fields"
        case .help: return "Keys: help"
        }
    }

    /// The table consulted after this one for keys it does not bind: the detail sits over the
    /// list, so the list's keys work there too. Text fields are consulted by whoever holds one.
    public var parent: KeyContext? { self == .detail ? .list : nil }
}

/// One row of the binding table: its keys, what it does, and the words the help shows.
public struct KeyBinding: Sendable, Equatable {
    public var chords: [Key]
    public var action: AppAction
    /// A short word for the status bar; nil keeps it out of the status bar.
    public var hint: String?
    public var help: String
    /// Writes to the service; read-only mode removes these.
    public var isDangerous: Bool
    public var context: KeyContext

    public init(_ chords: [Key], _ action: AppAction, hint: String? = nil, help: String, isDangerous: Bool = false,
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

    /// The action of `chord` in `context` alone (no parent, no text field).
    public func action(for chord: Key, in context: KeyContext = .list) -> AppAction? {
        allBindings.first { $0.context == context && $0.chords.contains(chord) }?.action
    }

    /// The action of `chord` where the user is: the context's own row first, then its parent's,
    /// then, when a text field has the keys, the text field's. A row further down the chain does
    /// not count for an action that a nearer table binds: rebinding the editor's undo leaves
    /// the text field's Ctrl-Z dead there, instead of undoing behind the new key's back.
    public func resolve(_ chord: Key, in context: KeyContext, withTextField: Bool) -> AppAction? {
        var chain = [context]
        if let parent = context.parent { chain.append(parent) }
        if withTextField, context != .text { chain.append(.text) }
        var bound = Set<AppAction>()
        for table in chain {
            let rows = bindings(in: table)
            if let row = rows.first(where: { $0.chords.contains(chord) }), !bound.contains(row.action) { return row.action }
            bound.formUnion(rows.map(\.action))
        }
        return nil
    }

    /// Whether `action` is bound in `context` (read-only mode unbinds writes).
    public func allows(_ action: AppAction, in context: KeyContext) -> Bool {
        allBindings.contains { $0.context == context && $0.action == action }
    }

    /// The first key of `action` in `context`, as the help prints it, for messages ("press Tab").
    public func keyName(of action: AppAction, in context: KeyContext) -> String? {
        bindings(in: context).first { $0.action == action }?.chords.first?.description
    }

    /// The bindings the status bar shows, in table order.
    public var hints: [KeyBinding] { hints(in: .list) }

    public func hints(in context: KeyContext) -> [KeyBinding] { bindings(in: context).filter { $0.hint != nil } }
}
