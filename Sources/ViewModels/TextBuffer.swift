import Foundation
import Keys

/// Editable text with a cursor, one or many lines, and its own undo history. Positions count
/// grapheme clusters (Swift `Character`s), so "é", "東" and a flag move and delete as one.
///
/// Typing runs coalesce into one undo step; a move, a deletion after typing, or a paste starts a
/// new one, which is what people expect from an editor's undo.
public struct TextBuffer: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index into `characters` where the next character goes (0...count).
    public private(set) var cursor: Int
    public let isMultiline: Bool
    /// The service's limit for the field; typing and pasting stop there. A longer text given at
    /// the start (a record the service holds) is kept whole, so that loading never changes it.
    public let maxLength: Int?

    private struct Snapshot: Equatable, Sendable {
        var characters: [Character]
        var cursor: Int
    }

    private enum EditKind: Equatable, Sendable { case typing, deleting, other }

    private var history = UndoHistory<Snapshot>()
    private var lastEdit: EditKind?

    public init(_ text: String = "", multiline: Bool = false, maxLength: Int? = nil) {
        self.isMultiline = multiline
        self.maxLength = maxLength
        self.characters = Array(Self.normalised(text, multiline: multiline))
        self.cursor = characters.count
    }

    public var text: String { String(characters) }
    /// Whether the text is longer than `maxLength` (only a text given at the start can be).
    public var isOverLimit: Bool { maxLength.map { characters.count > $0 } ?? false }
    public var isEmpty: Bool { characters.isEmpty }
    public var canUndo: Bool { history.canUndo }
    public var canRedo: Bool { history.canRedo }

    // MARK: lines

    /// The text split at line breaks, without them.
    public var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The line and the column (in characters) of the cursor.
    public var cursorLocation: (line: Int, column: Int) {
        var line = 0
        var lineStart = 0
        for index in 0..<cursor where characters[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        return (line, cursor - lineStart)
    }

    private func lineStart(before position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    // MARK: edits

    /// Inserts typed or pasted text at the cursor. A single-line field turns line breaks and tabs
    /// into spaces, so a pasted name cannot smuggle a line break into the service.
    public mutating func insert(_ text: String) {
        var incoming = Array(Self.normalised(text, multiline: isMultiline))
        if let maxLength { incoming = Array(incoming.prefix(max(0, maxLength - characters.count))) }
        guard !incoming.isEmpty else { return }
        record(incoming.count == 1 && incoming[0] != " " && incoming[0] != "\n" ? .typing : .other)
        characters.insert(contentsOf: incoming, at: cursor)
        cursor += incoming.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        record(.deleting)
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        record(.deleting)
        characters.remove(at: cursor)
    }

    /// Ctrl-W: the word before the cursor, as in a shell.
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        guard start < cursor else { return }
        record(.other)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-U: everything before the cursor on its line, as in a shell.
    public mutating func deleteToLineStart() {
        let start = lineStart(before: cursor)
        guard start < cursor else { return }
        record(.other)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Replaces the whole text as one undoable step (choosing the service's version in a conflict).
    public mutating func replaceAll(with text: String) {
        let incoming = Array(Self.normalised(text, multiline: isMultiline))
        guard incoming != characters else { return }
        record(.other)
        characters = incoming
        cursor = characters.count
    }

    // MARK: movement

    /// Puts the cursor at a character offset (where the service says a query is wrong).
    public mutating func placeCursor(at position: Int) { move(to: position) }
    public mutating func moveLeft() { move(to: cursor - 1) }
    public mutating func moveRight() { move(to: cursor + 1) }
    public mutating func moveToLineStart() { move(to: lineStart(before: cursor)) }
    public mutating func moveToLineEnd() { move(to: lineEnd(after: cursor)) }
    public mutating func moveWordLeft() { move(to: wordStart(before: cursor)) }
    public mutating func moveWordRight() { move(to: wordEnd(after: cursor)) }

    /// Up and down keep the column where the target line is long enough. Returns false on the
    /// first or last line, so that the caller can move focus to another field instead.
    @discardableResult
    public mutating func moveUp() -> Bool {
        let start = lineStart(before: cursor)
        guard start > 0 else { return false }
        let column = cursor - start
        let previousStart = lineStart(before: start - 1)
        move(to: min(previousStart + column, start - 1))
        return true
    }

    @discardableResult
    public mutating func moveDown() -> Bool {
        let end = lineEnd(after: cursor)
        guard end < characters.count else { return false }
        let column = cursor - lineStart(before: cursor)
        let nextStart = end + 1
        move(to: min(nextStart + column, lineEnd(after: nextStart)))
        return true
    }

    private mutating func move(to position: Int) {
        let clamped = min(max(0, position), characters.count)
        lastEdit = nil
        cursor = clamped
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, !Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0, Self.isWordCharacter(characters[index - 1]) { index -= 1 }
        return index
    }

    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, !Self.isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, Self.isWordCharacter(characters[index]) { index += 1 }
        return index
    }

    // MARK: undo

    private var snapshot: Snapshot { Snapshot(characters: characters, cursor: cursor) }

    /// A run of typing (or of deleting) is one undo step; anything else starts a new one.
    private mutating func record(_ kind: EditKind) {
        defer { lastEdit = kind }
        if kind != .other, kind == lastEdit {
            history.forgetRedo()
        } else {
            history.record(snapshot)
        }
    }

    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = history.undo(from: snapshot) else { return false }
        restore(previous)
        return true
    }

    @discardableResult
    public mutating func redo() -> Bool {
        guard let next = history.redo(from: snapshot) else { return false }
        restore(next)
        return true
    }

    private mutating func restore(_ state: Snapshot) {
        characters = state.characters
        cursor = state.cursor
        lastEdit = nil
    }

    // MARK: actions

    /// Applies a text-field action (the key map's `text` table decides which key is which);
    /// false when the action is not for a text field, or (Up, Down, Enter) not for this one, so
    /// that the caller can move focus instead.
    public mutating func perform(_ action: AppAction) -> Bool {
        switch action {
        case .newLine:
            guard isMultiline else { return false }
            insert("\n")
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .deleteWord: deleteWordBackward()
        case .deleteToLineStart: deleteToLineStart()
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
        case .lineStart: moveToLineStart()
        case .lineEnd: moveToLineEnd()
        case .moveUp: return moveUp()
        case .moveDown: return moveDown()
        case .undo: undo()
        case .redo: redo()
        default: return false
        }
        return true
    }

    /// A key as a lone text field takes it: through the `text` table of `keys`, and printable
    /// characters (the one fallback) as text.
    public mutating func handle(_ chord: Key, keys: KeyMap = KeyMap()) -> Bool {
        if let text = chord.insertableText {
            insert(text)
            return true
        }
        guard let action = keys.action(for: chord, in: .text) else { return false }
        return perform(action)
    }

    private static func normalised(_ text: String, multiline: Bool) -> String {
        var result = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !multiline {
            result = result.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        }
        return result
    }
}
