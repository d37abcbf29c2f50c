import Foundation
import Keys
import Segments

/// Finds contacts as the user types: the search waits for a pause in typing (debounced), and a
/// reply to an older search is dropped, so the list never jumps back to what was typed before.
/// Space marks contacts in the results; Enter hands the marked ones (or the highlighted one) back.
@MainActor
public final class ContactPickerModel {
    public enum Focus: Sendable { case search, results }

    public nonisolated static let debounce: TimeInterval = 0.25
    public nonisolated static let resultLimit = 50

    public private(set) var query = TextBuffer(maxLength: 200)
    public private(set) var results: [Contact] = []
    public private(set) var marked: [Contact] = []
    public private(set) var selectedIndex = 0
    public private(set) var focus: Focus = .search
    public private(set) var isSearching = false
    public private(set) var lastError: SegmentServiceError?
    /// The text the shown results answer.
    public private(set) var resultsQuery: String?
    /// Contacts that are already members, shown but not offered.
    public let existing: Set<String>

    private var generation = 0
    private let service: any SegmentService
    private let work: BackgroundWork
    private let scheduler: any Scheduler
    var onChange: (@MainActor () -> Void)?
    var onPick: (@MainActor ([Contact]) -> Void)?
    var onCancel: (@MainActor () -> Void)?

    public init(service: any SegmentService, work: BackgroundWork, scheduler: any Scheduler, existing: Set<String> = []) {
        self.service = service
        self.work = work
        self.scheduler = scheduler
        self.existing = existing
    }

    /// Shows the first contacts at once (an empty search).
    public func start() { search(now: true) }

    public func isMarked(_ contact: Contact) -> Bool { marked.contains { $0.id == contact.id } }

    /// A key as the app model resolved it through the picker's table: its action, or (none bound)
    /// the text it types into the search.
    public func handle(_ chord: Key, action: AppAction?) {
        if let action { return perform(action) }
        if let text = chord.insertableText { insert(text) }
    }

    /// Typing goes to the search wherever the focus is.
    public func insert(_ text: String) { edit { $0.insert(text) } }

    public func perform(_ action: AppAction) {
        switch action {
        case .close: onCancel?()
        case .confirm: confirm()
        case .nextField:
            focus = focus == .search && !results.isEmpty ? .results : .search
            changed()
        case .moveDown:
            if focus == .search {
                if !results.isEmpty { focus = .results }
            } else {
                selectedIndex = min(selectedIndex + 1, max(0, results.count - 1))
            }
            changed()
        case .moveUp:
            if focus == .results {
                if selectedIndex == 0 { focus = .search } else { selectedIndex -= 1 }
                changed()
            }
        case .toggleMark where focus == .results:
            toggleMark()
        default:
            edit { _ = $0.perform(action) }
        }
    }

    /// Why `action` cannot act now, for the status bar and the help; nil when it can.
    public func disabledReason(_ action: AppAction) -> String? {
        switch action {
        case .toggleMark where focus != .results: return results.isEmpty ? "No contacts found to mark" : "Move to the results first (↓)"
        default: return nil
        }
    }

    /// Whether typed characters go to the search (the search field has the focus).
    public var isTypingText: Bool { focus == .search }

    private func edit(_ change: (inout TextBuffer) -> Void) {
        var buffer = query
        change(&buffer)
        guard buffer != query else { return }
        focus = .search
        let textChanged = buffer.text != query.text
        query = buffer
        if textChanged { search(now: false) }
        changed()
    }

    public func toggleMark() {
        guard results.indices.contains(selectedIndex) else { return }
        let contact = results[selectedIndex]
        if existing.contains(contact.id) {
            // Already a member: nothing to mark; step on as a mark would.
        } else if let index = marked.firstIndex(where: { $0.id == contact.id }) {
            marked.remove(at: index)
        } else {
            marked.append(contact)
        }
        if selectedIndex < results.count - 1 { selectedIndex += 1 }
        changed()
    }

    /// Enter: the marked contacts, else the highlighted one; nothing when there is nothing to add.
    public func confirm() {
        var chosen = marked
        if chosen.isEmpty, focus == .results, results.indices.contains(selectedIndex), !existing.contains(results[selectedIndex].id) {
            chosen = [results[selectedIndex]]
        }
        guard !chosen.isEmpty else {
            if !results.isEmpty { focus = .results }
            changed()
            return
        }
        onPick?(chosen)
    }

    private func search(now: Bool) {
        generation += 1
        let expected = generation
        let text = query.text
        let run: @MainActor () -> Void = { [weak self] in
            guard let self, expected == self.generation else { return }
            self.isSearching = true
            self.changed()
            self.work.run({ [service] () throws(SegmentServiceError) in
                try service.searchContacts(text, top: Self.resultLimit)
            }) { [weak self] result in
                guard let self, expected == self.generation else { return }
                self.isSearching = false
                switch result {
                case .success(let contacts):
                    self.results = contacts
                    self.resultsQuery = text
                    self.lastError = nil
                    self.selectedIndex = 0
                    if contacts.isEmpty { self.focus = .search }
                case .failure(let error):
                    self.lastError = error
                }
                self.changed()
            }
        }
        // The shown results no longer answer what is typed: say so at once, not after the pause.
        isSearching = true
        if now { run() } else { scheduler.schedule(after: Self.debounce, run) }
    }

    private func changed() { onChange?() }
}
