import Segments

/// One row of a context's controller as things stand: the binding, and why it cannot act now.
public struct ControllerRow: Equatable, Sendable {
    public let binding: KeyBinding
    /// Why the action cannot act now (read-only, the segment's status, nothing selected, a
    /// request in flight); nil when it can.
    public let disabledReason: String?
}

/// Why each action of each context cannot act now. The router refuses a key with its reason in
/// the status bar; the status bar dims the hint, and the help lists the reason.
extension AppModel {
    /// The controller of `context`: its table's rows with their state now.
    public func rows(in context: KeyContext) -> [ControllerRow] {
        keyMap.bindings(in: context).map { ControllerRow(binding: $0, disabledReason: disabledReason($0.action, in: context)) }
    }

    /// What the status bar offers: the context's hints, then its parent's, at most six.
    public var hintRows: [ControllerRow] {
        let context = self.context
        var chain = [context]
        if let parent = context.parent { chain.append(parent) }
        var seen = Set<AppAction>()
        var result: [ControllerRow] = []
        for table in chain {
            for row in rows(in: table) where row.binding.hint != nil && !seen.contains(row.binding.action) {
                seen.insert(row.binding.action)
                result.append(row)
            }
        }
        return Array(result.prefix(6))
    }

    public func disabledReason(_ action: AppAction, in context: KeyContext) -> String? {
        switch context {
        case .list, .detail: return listReason(action)
        case .history: return nil
        case .editor:
            guard case .editor(let editor) = screen else { return nil }
            return editorReason(action, editor)
        case .groups:
            guard case .groups(let groups) = screen else { return nil }
            return groupsReason(action, groups)
        case .members:
            guard case .members(let members) = screen else { return nil }
            return membersReason(action, members)
        case .currentMembers:
            guard case .currentMembers(let current) = screen else { return nil }
            return action == .toggleMembersView && !current.hasGroups
                ? "'\(current.segment.name)' has no static groups: its query decides" : nil
        case .form:
            guard case .form(let form) = screen else { return nil }
            return action == .save && form.isCreating ? "Creating the segment…" : nil
        case .picker: return picker?.disabledReason(action)
        case .dialog: return action == .confirm ? dialog?.confirmRefusal : nil
        case .filter, .text, .help: return nil
        }
    }

    private func listReason(_ action: AppAction) -> String? {
        let needsSelection: Set<AppAction> = [.openDetail, .toggleLive, .edit, .openMembers, .delete, .copyId, .copyJSON, .showHistory]
        guard needsSelection.contains(action) else { return nil }
        guard let segment = list.selected else { return "No segment selected" }
        switch action {
        case .toggleLive where StatusChanges.target(for: segment.status, api: capabilities.api) == nil:
            return "'\(segment.name)' is \(segment.status.label.lowercased()); wait until it settles"
        case .edit, .delete:
            return Self.movingRefusal(segment)
        // Journeys shows who is in any segment now; outbound lists static members only.
        case .openMembers where segment.type != .static && !capabilities.editsGroups:
            return "'\(segment.name)' is \(segment.type.label.lowercased()): its query decides its members"
        default: return nil
        }
    }

    /// A row on its way to Live or Stopped refuses writes: the service answers them with a 412.
    static func movingRefusal(_ segment: Segment) -> String? {
        switch segment.status {
        case .stopping: return "'\(segment.name)' is stopping; wait until it has stopped"
        case .goingLive: return "'\(segment.name)' is going live; wait until it is live"
        default: return nil
        }
    }

    private func editorReason(_ action: AppAction, _ editor: SegmentEditorModel) -> String? {
        switch action {
        case .save:
            if editor.isSaving { return "Saving…" }
            if editor.isReadOnly { return Self.readOnlyEditorReason(editor.base) }
            return nil
        case .undo where editor.isReadOnly, .redo where editor.isReadOnly:
            return Self.readOnlyEditorReason(editor.base)
        case .keepMine, .takeTheirs:
            return editor.conflicts[editor.focus] == nil ? "No conflict in this field" : nil
        case .stopFromEditor:
            return editor.isReadOnly && editor.base.status.canStop ? nil : "Only a live segment is stopped from here"
        default: return nil
        }
    }

    private func membersReason(_ action: AppAction, _ members: MembersModel) -> String? {
        switch action {
        case .addMembers, .markRemoval, .markRange: return members.changeRefusal
        case .save: return members.isSaving ? "Saving…" : members.changeRefusal
        default: return nil
        }
    }
}
