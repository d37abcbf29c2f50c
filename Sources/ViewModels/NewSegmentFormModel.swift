import Foundation
import Segments

/// The form for a new segment: name, type, description, and the query (dynamic, compound) or the
/// first members (static, picked with the contact picker). A query is checked with the service
/// before the POST, and its verdict shows at the field.
@MainActor
public final class NewSegmentFormModel {
    public enum Field: String, CaseIterable, Sendable {
        case name = "Name", type = "Type", baseEntity = "Of", description = "Description", query = "Query"
        /// Journeys: minutes between evaluations, "off", or empty for the service's default.
        case refresh = "Refresh"
        case members = "Members"
    }

    /// The text fields, focus, messages and checks, shared with the editor; the type, the base
    /// table and the picked members are this form's own.
    public private(set) var form = TextForm<Field>([
        .name: SegmentText.name(), .description: SegmentText.description(), .query: SegmentText.query(),
        .refresh: SegmentText.refresh(),
    ], focus: .name)
    public var name: TextBuffer { buffer(.name) ?? TextBuffer() }
    public var description: TextBuffer { buffer(.description) ?? TextBuffer() }
    public var query: TextBuffer { buffer(.query) ?? TextBuffer() }
    public var refresh: TextBuffer { buffer(.refresh) ?? TextBuffer() }
    public var focus: Field { form.focus }
    public var issues: [Field: String] { form.issues }
    public private(set) var type: SegmentKind = .static
    /// Journeys segments are of contacts or of leads.
    public private(set) var baseEntity: BaseEntity = .contact
    public private(set) var members: [Contact] = []
    public private(set) var isCreating = false
    public private(set) var lastError: SegmentServiceError?

    private let service: any SegmentService
    private let work: BackgroundWork
    var onChange: (@MainActor () -> Void)?
    var onCreated: (@MainActor (String, String) -> Void)?
    /// Enter on the members field: the app opens the contact picker.
    var onPickMembers: (@MainActor () -> Void)?

    public init(service: any SegmentService, work: BackgroundWork, restoring draft: EditDraft? = nil) {
        self.service = service
        self.work = work
        if let draft, let mine = draft.mine {
            form = TextForm([
                .name: SegmentText.name(mine.name), .description: SegmentText.description(mine.description),
                .query: SegmentText.query(mine.query), .refresh: SegmentText.refresh(mine.refresh ?? ""),
            ], focus: .name)
            type = draft.type
            members = draft.added.map(\.contact)
        }
    }

    /// The kinds this service can create, in the order the type field cycles them.
    public var kinds: [SegmentKind] { service.capabilities.creatableKinds }

    public var fields: [Field] {
        var fields: [Field] = [.name, .type]
        if service.capabilities.leadSegments { fields.append(.baseEntity) }
        fields.append(.description)
        if type.hasQuery { fields.append(.query) }
        if service.capabilities.refreshSettings { fields.append(.refresh) }
        // The contact picker finds contacts: a lead segment gets its members after it is created.
        if type.hasStaticMembers, baseEntity == .contact { fields.append(.members) }
        return fields
    }

    public var hasContent: Bool { !name.isEmpty || !description.isEmpty || !query.isEmpty || !refresh.isEmpty || !members.isEmpty }

    public var draft: EditDraft {
        EditDraft(kind: .create, segmentId: nil, segmentName: name.text, segmentType: type, etag: nil,
                  mine: .init(name: name.text, description: description.text, query: query.text,
                              refresh: fields.contains(.refresh) ? refresh.text : nil), added: members)
    }

    /// The text of a text field; nil for the type, the base table and the members.
    public func buffer(_ field: Field) -> TextBuffer? { form.buffer(field) }

    public func moveFocus(by delta: Int) {
        form.moveFocus(by: delta, among: fields)
        changed()
    }

    /// A text-field action on the focused field; false when it is not for it. The type and the
    /// members are not text: arrows choose the type, Backspace drops the last member picked.
    public func performText(_ action: AppAction) -> Bool {
        if action == .moveUp || action == .moveDown, buffer(focus).map({ !$0.isMultiline }) ?? true {
            moveFocus(by: action == .moveUp ? -1 : 1)
            return true
        }
        switch focus {
        case .type:
            switch action {
            case .cursorLeft: cycleType(by: -1)
            case .cursorRight: cycleType(by: 1)
            default: return false
            }
            return true
        case .baseEntity:
            guard action == .cursorLeft || action == .cursorRight else { return false }
            toggleBaseEntity()
            return true
        case .members:
            guard action == .deleteBackward || action == .deleteForward else { return false }
            if !members.isEmpty {
                members.removeLast()
                changed()
            }
            return true
        case .name, .description, .query, .refresh:
            guard form.perform(action, among: fields) else { return false }
            changed()
            return true
        }
    }

    /// Typed text: into a text field; a space on the type chooses the next, on the members picks.
    public func insert(_ text: String) -> Bool {
        switch focus {
        case .type:
            guard text == " " else { return false }
            cycleType(by: 1)
        case .baseEntity:
            guard text == " " else { return false }
            toggleBaseEntity()
        case .members:
            guard text == " " else { return false }
            onPickMembers?()
        case .name, .description, .query, .refresh:
            guard form.insert(text) else { return false }
            changed()
        }
        return true
    }

    /// Whether typed characters are text here (the focused field is a text field).
    public var isTypingText: Bool { buffer(focus) != nil }

    /// Enter on a field that is not text: next type, or pick members.
    public func activate() {
        switch focus {
        case .type: cycleType(by: 1)
        case .baseEntity: toggleBaseEntity()
        case .members: onPickMembers?()
        default: moveFocus(by: 1)
        }
    }

    public func undo() {
        form.undo()
        changed()
    }

    public func redo() {
        form.redo()
        changed()
    }

    private func toggleBaseEntity() {
        baseEntity = baseEntity == .contact ? .lead : .contact
        // Picked contacts cannot be members of a segment of leads.
        if baseEntity == .lead { members = [] }
        changed()
    }

    private func cycleType(by delta: Int) {
        let known = kinds
        let index = known.firstIndex(of: type) ?? 0
        type = known[(index + delta + known.count) % known.count]
        form.issues[.query] = nil
        changed()
    }

    public func addMembers(_ contacts: [Contact]) {
        for contact in contacts where !members.contains(where: { $0.id == contact.id }) { members.append(contact) }
        changed()
    }

    public func create() {
        guard !isCreating else { return }
        form.issues = [:]
        let name = self.name.text.trimmingCharacters(in: .whitespaces)
        let refreshText = refresh.text.trimmingCharacters(in: .whitespaces)
        let refreshSetting = fields.contains(.refresh) && !refreshText.isEmpty ? RefreshText.parse(refreshText) : nil
        let problems = form.problems(among: fields) { field in
            switch field {
            case .name: return SegmentText.nameIssue(name)
            case .query where query.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
                return "A \(type.label.lowercased()) segment needs a query."
            case .refresh where !refreshText.isEmpty && refreshSetting == nil:
                return String(SegmentText.refreshIssue.dropLast()) + "; empty leaves it to the service."
            default: return nil
            }
        }
        guard form.show(problems) else {
            changed()
            return
        }
        let draft = SegmentDraft(
            name: name, type: type, description: description.isEmpty ? nil : description.text,
            query: type.hasQuery ? query.text : nil, memberIds: fields.contains(.members) ? members.map(\.id) : [],
            baseEntity: baseEntity, refresh: refreshSetting)
        isCreating = true
        lastError = nil
        changed()
        work.run({ [service] () throws(SegmentServiceError) -> CreateOutcome in
            if let query = draft.query {
                let found = try service.validate(type: draft.type, query: query)
                if !found.isEmpty { return .invalid(found) }
            }
            return .created(try service.create(draft))
        }) { [weak self] result in
            guard let self else { return }
            self.isCreating = false
            switch result {
            case .success(.invalid(let found)):
                let issue = QueryIssue(found, query: self.query.text)
                self.form.issues[.query] = issue?.text
                if let position = issue?.position { self.form.placeCursor(in: .query, at: position) }
                self.form.focus = .query
            case .success(.created(let id)):
                self.onCreated?(id, draft.name)
            case .failure(let error):
                self.lastError = error
            }
            self.changed()
        }
    }

    private enum CreateOutcome: Sendable {
        case invalid([ValidationIssue]), created(String)
    }

    private func changed() { onChange?() }
}
