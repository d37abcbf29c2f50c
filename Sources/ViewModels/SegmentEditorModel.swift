import Foundation
import Segments

/// The editor of one segment's name, description and (for dynamic and compound segments) query.
///
/// Saving checks a changed query with the service first and shows its verdict at the field, then
/// PATCHes only the changed columns with `If-Match`. When the service answers 412, the editor
/// re-reads the segment and merges: a field only one side changed takes that side's text; a field
/// both changed is a conflict the user settles (keep mine or take the service's) before saving again.
@MainActor
public final class SegmentEditorModel {
    public enum Field: String, CaseIterable, Sendable {
        case name = "Name", description = "Description", query = "Query"
        /// Journeys: minutes between evaluations, or "off".
        case refresh = "Refresh (minutes, or off)"
    }

    /// A field both the user and someone else changed since the edit began.
    public struct Conflict: Equatable, Sendable {
        public var theirs: String
        public var resolved: Bool
    }

    /// What the edit started from; its ETag makes the save conditional.
    public private(set) var base: Segment
    /// The fields' texts, focus, messages and checks, shared with the new-segment form.
    public private(set) var form: TextForm<Field>
    public var buffers: [Field: TextBuffer] { form.buffers }
    public var focus: Field { form.focus }
    /// The service's messages about a field (validation), shown under it.
    public var issues: [Field: String] { form.issues }
    /// Where in the query the service found its problem (characters from 0), for a caret under it;
    /// only while its message stands, since a caret is only right for the text the service judged.
    public var queryIssuePosition: Int? { form.issues[.query] == nil ? nil : judgedQueryPosition }
    private var judgedQueryPosition: Int?
    public private(set) var conflicts: [Field: Conflict] = [:]
    public private(set) var isSaving = false
    public private(set) var lastError: SegmentServiceError?
    /// A line for the user about the state of the edit (a conflict, a refusal).
    public private(set) var notice: String?

    private let service: any SegmentService
    private let work: BackgroundWork
    var onChange: (@MainActor () -> Void)?
    var onSaved: (@MainActor (Segment) -> Void)?

    /// The key that stops a live segment from the editor, as its notices name it.
    let stopKey: String

    public init(segment: Segment, service: any SegmentService, work: BackgroundWork, mine: EditDraft.Fields? = nil,
                stopKey: String = "L") {
        self.base = segment
        self.stopKey = stopKey
        self.service = service
        self.work = work
        form = TextForm([
            .name: SegmentText.name(mine?.name ?? segment.name),
            .description: SegmentText.description(mine?.description ?? segment.description ?? ""),
            .query: SegmentText.query(mine?.query ?? segment.query ?? ""),
            .refresh: SegmentText.refresh(mine?.refresh ?? RefreshText.format(segment.refresh)),
        ], focus: .name)
        if isReadOnly {
            notice = "This segment is \(segment.status.label.lowercased()) and cannot be edited. "
                + (segment.status.canStop ? "\(stopKey) stops it; edit it once it is stopped." : "Wait until it settles.")
        } else if let field = overLimit.first {
            notice = overLimitNotice(field)
        }
    }

    /// Fields whose text is longer than the service allows: loaded so, they are kept whole (the
    /// edit starts clean) and said to be too long, rather than cut without a word.
    public var overLimit: [Field] { form.overLimit(among: fields) }

    private func overLimitNotice(_ field: Field) -> String {
        let buffer = self.buffer(field)
        return "The \(field.rawValue.lowercased()) is \(buffer.characters.count) characters, over the limit of \(buffer.maxLength ?? 0): shorten it to save."
    }

    /// A live segment cannot change on the service, so its editor only shows it.
    public var isReadOnly: Bool { base.status.locksContent }

    public var fields: [Field] {
        var fields: [Field] = base.type.hasQuery ? [.name, .description, .query] : [.name, .description]
        // Refresh settings exist on journeys segments only.
        if base.api == .journeys { fields.append(.refresh) }
        return fields
    }

    /// The last save changed the query: a stopped segment then has to be published again.
    public private(set) var lastSaveChangedQuery = false

    public func text(_ field: Field) -> String { form.text(field) }
    public func buffer(_ field: Field) -> TextBuffer { form.buffer(field) ?? TextBuffer() }

    private func original(_ field: Field, of segment: Segment) -> String {
        switch field {
        case .name: return segment.name
        case .description: return segment.description ?? ""
        case .query: return segment.query ?? ""
        case .refresh: return RefreshText.format(segment.refresh)
        }
    }

    public var changes: SegmentChanges {
        var changes = SegmentChanges()
        for field in fields where text(field) != original(field, of: base) {
            switch field {
            case .name: changes.name = text(field)
            case .description: changes.description = text(field)
            case .query: changes.query = text(field)
            case .refresh: changes.refresh = RefreshText.parse(text(field))
            }
        }
        return changes
    }

    /// A field differs from what the edit started from (a refresh that does not parse counts).
    public var isDirty: Bool { fields.contains { text($0) != original($0, of: base) } }

    /// What a draft of this edit holds.
    public var draft: EditDraft {
        let refreshes = fields.contains(.refresh)
        return EditDraft(kind: .edit, segmentId: base.id, segmentName: base.name, segmentType: base.type, etag: base.etag,
                         base: .init(name: base.name, description: base.description ?? "", query: base.query ?? "",
                                     refresh: refreshes ? original(.refresh, of: base) : nil),
                         mine: .init(name: text(.name), description: text(.description), query: text(.query),
                                     refresh: refreshes ? text(.refresh) : nil))
    }

    // MARK: keys

    /// Applies a text-field action to the focused field; false when it is not for the field.
    /// Up and Down past the first or last line move to the previous or next field.
    public func performText(_ action: AppAction) -> Bool {
        // Moving around a read-only text is fine; changing it is not.
        guard form.perform(action, among: fields, readOnly: isReadOnly) else { return false }
        changed()
        return true
    }

    /// Typed or pasted text into the focused field; false when the editor is read-only.
    public func insert(_ text: String) -> Bool {
        guard !isReadOnly, form.insert(text) else { return false }
        changed()
        return true
    }

    /// A message on the screen about a key that could not act.
    public func show(notice text: String) {
        notice = text
        changed()
    }

    public func moveFocus(by delta: Int) {
        guard fields.contains(focus) else { return }
        form.moveFocus(by: delta, among: fields)
        changed()
    }

    public func undo() {
        guard !isReadOnly else { return }
        form.undo()
        changed()
    }

    public func redo() {
        guard !isReadOnly else { return }
        form.redo()
        changed()
    }

    // MARK: conflicts

    /// Keeps the user's text in the focused conflicting field.
    public func keepMine() {
        guard conflicts[focus] != nil else { return }
        conflicts[focus]?.resolved = true
        refreshConflictNotice()
        changed()
    }

    /// Takes the service's text for the focused conflicting field (undoable).
    public func takeTheirs() {
        guard let conflict = conflicts[focus], form.buffer(focus) != nil else { return }
        form.replaceText(of: focus, with: conflict.theirs)
        conflicts[focus]?.resolved = true
        refreshConflictNotice()
        changed()
    }

    public var unresolvedConflicts: [Field] { fields.filter { conflicts[$0]?.resolved == false } }

    private func refreshConflictNotice() {
        let open = unresolvedConflicts
        notice = open.isEmpty
            ? "Conflicts settled. Ctrl-S saves over the service's current version."
            : "Changed on the service too: \(open.map(\.rawValue).joined(separator: ", ")). Ctrl-O keeps yours, Ctrl-T takes the service's."
    }

    /// Merges the service's current segment into the edit after a 412.
    func merge(_ current: Segment) {
        var found: [Field: Conflict] = [:]
        var taken: [String] = []
        for field in fields {
            let ancestor = original(field, of: base)
            let mine = text(field)
            let theirs = original(field, of: current)
            if theirs == ancestor || theirs == mine { continue }
            if mine == ancestor {
                form.replaceText(of: field, with: theirs)
                taken.append(field.rawValue)
            } else {
                found[field] = Conflict(theirs: theirs, resolved: false)
            }
        }
        base = current
        conflicts = found
        if found.isEmpty {
            let what = taken.isEmpty ? "" : " (\(taken.joined(separator: ", ")) updated from it)"
            notice = "The segment changed on the service\(what); your edits are kept. Ctrl-S saves again."
        } else {
            refreshConflictNotice()
            if let first = fields.first(where: { found[$0] != nil }) { form.focus = first }
        }
        if isReadOnly { notice = "The segment went live on the service meanwhile; it cannot be edited now." }
    }

    // MARK: saving

    public func save() {
        guard !isSaving else { return }
        guard !isReadOnly else {
            notice = "A live segment cannot be edited. \(stopKey) stops it."
            changed()
            return
        }
        if let open = unresolvedConflicts.first {
            form.focus = open
            refreshConflictNotice()
            changed()
            return
        }
        let problems = form.problems(among: fields) { field in
            let edited = text(field) != original(field, of: base)
            if field == .refresh, edited, RefreshText.parse(text(field)) == nil { return SegmentText.refreshIssue }
            // Only changed columns are sent: an untouched over-long field is the service's business.
            if edited, buffer(field).isOverLimit { return overLimitNotice(field) }
            return field == .name ? SegmentText.nameIssue(text(field)) : nil
        }
        guard form.show(problems) else { return changed() }
        let changes = self.changes
        if changes.isEmpty { return show(notice: "Nothing to save.") }
        let id = base.id
        let etag = base.etag
        let type = base.type
        isSaving = true
        lastError = nil
        form.issues = [:]
        changed()
        work.run({ [service] () throws(SegmentServiceError) -> SaveOutcome in
            if let query = changes.query, type.hasQuery {
                let found = try service.validate(type: type, query: query)
                if !found.isEmpty { return .invalid(found) }
            }
            do throws(SegmentServiceError) {
                try service.update(id: id, changes: changes, ifMatch: etag)
            } catch .conflict {
                return .conflict(try service.segment(id: id))
            }
            return .saved(try service.segment(id: id))
        }) { [weak self] result in
            guard let self else { return }
            self.isSaving = false
            switch result {
            case .success(.invalid(let found)):
                self.showQueryIssues(found)
                self.notice = "The service does not accept the query; nothing was saved."
            case .success(.conflict(let current)):
                self.merge(current)
            case .success(.saved(let fresh)):
                self.lastSaveChangedQuery = changes.query != nil
                self.base = fresh
                self.conflicts = [:]
                self.notice = nil
                self.onSaved?(fresh)
            case .failure(let error):
                self.lastError = error
                self.notice = "Not saved: " + error.description
            }
            self.changed()
        }
    }

    /// The service's verdict under the query, with the cursor put where it says the query is wrong.
    private func showQueryIssues(_ found: [ValidationIssue]) {
        form.focus = .query
        guard let issue = QueryIssue(found, query: text(.query)) else { return }
        form.issues[.query] = issue.text
        judgedQueryPosition = issue.position
        if let position = issue.position { form.placeCursor(in: .query, at: position) }
    }

    private enum SaveOutcome: Sendable {
        case invalid([ValidationIssue]), conflict(Segment), saved(Segment)
    }

    private func changed() { onChange?() }
}
