import Foundation
import Segments

/// The text side of a form: one `TextBuffer` a field, the field in focus, the messages shown under
/// fields, and the checks made before anything is written. The segment editor and the
/// new-segment form each keep one; what is theirs alone (choices, picked members, conflicts,
/// saving) stays with them. Which fields are shown depends on the segment, so each call that moves
/// between fields is given the list in order.
public struct TextForm<Field: Hashable & Sendable>: Sendable {
    public private(set) var buffers: [Field: TextBuffer]
    public internal(set) var focus: Field
    /// The messages about fields (a check, the service's verdict), shown under them.
    public internal(set) var issues: [Field: String] = [:]

    init(_ buffers: [Field: TextBuffer], focus: Field) {
        self.buffers = buffers
        self.focus = focus
    }

    public func buffer(_ field: Field) -> TextBuffer? { buffers[field] }
    public func text(_ field: Field) -> String { buffers[field]?.text ?? "" }
    public var focusedBuffer: TextBuffer? { buffers[focus] }

    /// Fields whose text is longer than the service allows.
    public func overLimit(among fields: [Field]) -> [Field] { fields.filter { buffers[$0]?.isOverLimit == true } }

    mutating func moveFocus(by delta: Int, among fields: [Field]) {
        guard !fields.isEmpty else { return }
        let index = fields.firstIndex(of: focus) ?? 0
        focus = fields[(index + delta + fields.count) % fields.count]
    }

    /// A text action on the focused field. Up and Down past the first or last line (or on a
    /// single line) move to the previous or next field. A read-only form lets the cursor move
    /// and nothing else. A message stays until the text it was about changes. False when the
    /// action is not for a text field (the owner may have a use for it).
    mutating func perform(_ action: AppAction, among fields: [Field], readOnly: Bool = false) -> Bool {
        guard var buffer = buffers[focus] else { return false }
        if readOnly, !Self.moves.contains(action) { return false }
        let before = buffer.text
        if buffer.perform(action) {
            if buffer.text != before { issues[focus] = nil }
            buffers[focus] = buffer
            return true
        }
        if action == .moveUp || action == .moveDown {
            moveFocus(by: action == .moveUp ? -1 : 1, among: fields)
            return true
        }
        return false
    }

    static var moves: Set<AppAction> { [.cursorLeft, .cursorRight, .wordLeft, .wordRight, .lineStart, .lineEnd, .moveUp, .moveDown] }

    /// Typed or pasted text into the focused field; false when it is not a text field.
    mutating func insert(_ text: String) -> Bool {
        guard var buffer = buffers[focus] else { return false }
        buffer.insert(text)
        issues[focus] = nil
        buffers[focus] = buffer
        return true
    }

    mutating func undo() { edit(focus) { _ = $0.undo() } }
    mutating func redo() { edit(focus) { _ = $0.redo() } }

    /// Replaces a field's whole text as one undoable step.
    mutating func replaceText(of field: Field, with text: String) { edit(field) { $0.replaceAll(with: text) } }

    mutating func placeCursor(in field: Field, at position: Int) { edit(field) { $0.placeCursor(at: position) } }

    private mutating func edit(_ field: Field, _ body: (inout TextBuffer) -> Void) {
        guard var buffer = buffers[field] else { return }
        body(&buffer)
        buffers[field] = buffer
    }

    /// Validate, then write, step one: `check` runs on each of `fields` in order and says what is
    /// wrong with it, if anything. It only reads, so `check` may read the form too.
    func problems(among fields: [Field], _ check: (Field) -> String?) -> [(field: Field, message: String)] {
        fields.compactMap { field in check(field).map { (field, $0) } }
    }

    /// Step two: each message goes under its field and the focus to the first of them. True when
    /// there were none, so the owner may write.
    mutating func show(_ problems: [(field: Field, message: String)]) -> Bool {
        for problem in problems { issues[problem.field] = problem.message }
        if let first = problems.first { focus = first.field }
        return problems.isEmpty
    }
}


/// A segment's text fields as both forms make them, with the domain's limits, and the checks
/// both make before writing.
enum SegmentText {
    static func name(_ text: String = "") -> TextBuffer { TextBuffer(text, maxLength: SegmentTextLimits.name) }
    static func description(_ text: String = "") -> TextBuffer {
        TextBuffer(text, multiline: true, maxLength: SegmentTextLimits.description)
    }
    static func query(_ text: String = "") -> TextBuffer { TextBuffer(text, multiline: true, maxLength: SegmentTextLimits.query) }
    static func refresh(_ text: String = "") -> TextBuffer { TextBuffer(text, maxLength: SegmentTextLimits.refresh) }

    static func nameIssue(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespaces).isEmpty ? "A segment needs a name." : nil
    }

    static let refreshIssue = "A number of minutes (1 or more), or off."
}
