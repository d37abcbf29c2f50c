import Foundation
import Segments

/// `/` in the members: a prompt whose text narrows the rows shown to the contacts whose name or
/// email contains it, case and accents ignored ("bjorn" finds Björn). It holds no rows of its
/// own, so whichever screen shows members (the one list of outbound, the group in focus of
/// journeys) applies it to the rows it has.
public struct MembersSearch: Equatable, Sendable {
    public private(set) var buffer: TextBuffer
    /// The prompt has the keys; Enter keeps the search and gives the keys back to the rows.
    public private(set) var isEditing = true

    public init(_ text: String = "") {
        buffer = TextBuffer(text, maxLength: 100)
    }

    /// What is searched for; an empty text matches every row.
    public var text: String { buffer.text.trimmingCharacters(in: .whitespaces) }

    public func matches(_ contact: Contact) -> Bool {
        let text = self.text
        guard !text.isEmpty else { return true }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        return contact.fullName.range(of: text, options: options) != nil
            || (contact.email?.range(of: text, options: options) != nil)
    }

    /// The rows that match, in their order.
    public func apply(to rows: [MemberRow]) -> [MemberRow] {
        text.isEmpty ? rows : rows.filter { matches($0.contact) }
    }

    /// Edits the text with a text field's action; true if the text changed.
    mutating func edit(_ change: (inout TextBuffer) -> Void) -> Bool {
        let before = buffer.text
        change(&buffer)
        return buffer.text != before
    }

    /// Enter: the search stays, the keys go back to the rows.
    mutating func keep() { isEditing = false }

    /// `/` again: the prompt takes the keys back, on the same text.
    mutating func reopen() { isEditing = true }

    /// `/` on a screen: a new search, or the kept one reopened.
    static func open(_ search: inout MembersSearch?) {
        var opened = search ?? MembersSearch()
        opened.reopen()
        search = opened
    }

    /// The prompt's keys: Enter keeps the search (an empty one goes), Esc drops it, the text
    /// field's actions edit it. Returns whether the text changed.
    @discardableResult
    static func answer(_ action: AppAction, to search: inout MembersSearch?) -> Bool {
        guard var current = search else { return false }
        switch action {
        case .confirm:
            current.keep()
            search = current.text.isEmpty ? nil : current
            return false
        case .close:
            search = nil
            return true
        default:
            let edited = current.edit { _ = $0.perform(action) }
            search = current
            return edited
        }
    }

    /// Typed text, into the prompt.
    static func insert(_ text: String, into search: inout MembersSearch?) {
        guard var current = search else { return }
        _ = current.edit { $0.insert(text) }
        search = current
    }
}
