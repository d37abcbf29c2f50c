import Foundation
import Keys
import Segments

/// Where every key goes. The key map of the context in focus turns a key into an action (its
/// parent's table and the text field's after it); the action's controller says whether it can act
/// now, and why not; then it runs. Printable characters typed into a text field are the one
/// fallback outside the tables: they are the text.
extension AppModel {
    /// The last key that met a table: which action of which context, and the refusal if any
    /// (for tests, which check that every row of every table is reached).
    struct RoutedKey: Equatable {
        var action: AppAction
        var context: KeyContext
        var refusal: String?
    }

    /// Keys that arrived together: runs of characters go to a text field as one insertion (a
    /// paste), everything else one key at a time.
    public func handle(batch chords: [Key]) {
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            handle(run.count == 1 ? .character(run.first!) : .text(run))
            run = ""
        }
        for chord in chords {
            if isTypingText, typeahead == nil, !isHelpVisible, case .character(let c) = chord {
                run.append(c)
                continue
            }
            flush()
            handle(chord)
        }
        flush()
    }

    public func handle(_ chord: Key) {
        if chord == .escape, connection.isThrottled {
            // Esc while the service is busy gives up the wait, and nothing else.
            connection.cancelWait()
            return
        }
        if typeahead != nil {
            if chord == .escape || chord == .control("c") {
                typeahead = nil  // the screen is no longer wanted; its reply is dropped
            } else {
                typeahead?.append(chord)
            }
            return
        }
        let context = self.context
        if context == .list || context == .detail, list.isAwaitingQuery,
           keyMap.resolve(chord, in: context, withTextField: false) != .quit {
            listTypeahead.append(chord)
            return
        }
        route(chord, in: context)
    }

    /// The one place a key meets the tables.
    func route(_ chord: Key, in context: KeyContext) {
        if isTypingText, let text = chord.insertableText { return insert(text, in: context) }
        guard let action = keyMap.resolve(chord, in: context, withTextField: hasTextField) else {
            if context == .help {
                // A key the help does not bind closes it and acts below, unless it is the
                // key that opened it.
                closeHelp()
                if keyMap.resolve(chord, in: self.context, withTextField: false) == .toggleHelp { return }
                return route(chord, in: self.context)
            }
            if hasTextField, let text = chord.insertableText { insert(text, in: context) }
            return
        }
        let reason = disabledReason(action, in: context)
        lastRouted = RoutedKey(action: action, context: context, refusal: reason)
        if let reason { return say(reason) }
        perform(action, in: context)
    }

    /// Whether the context in focus holds a text field (its table is consulted after the context's).
    var hasTextField: Bool {
        switch context {
        case .editor, .form, .picker, .filter: return true
        case .dialog: return dialog?.requiredText != nil
        case .groups:
            if case .groups(let groups) = screen { return groups.prompt != nil }
            return false
        default: return false
        }
    }

    /// Whether printable characters are text right now: a text field has the focus and takes them.
    public var isTypingText: Bool {
        switch context {
        case .filter: return true
        case .picker: return picker?.isTypingText ?? false
        case .dialog: return dialog?.isFieldFocused ?? false
        case .editor:
            if case .editor(let editor) = screen { return !editor.isReadOnly }
            return false
        case .form:
            if case .form(let form) = screen { return form.isTypingText }
            return false
        case .groups:
            if case .groups(let groups) = screen { return groups.prompt != nil }
            return false
        default: return false
        }
    }

    /// Says why a key did nothing: in the status bar, and on the screen's own notice line.
    func say(_ reason: String) {
        dialog?.show(problem: reason)
        switch screen {
        case .editor(let editor) where picker == nil && dialog == nil: editor.show(notice: reason)
        case .members(let members) where picker == nil && dialog == nil: members.show(notice: reason)
        case .groups(let groups) where picker == nil && dialog == nil: groups.show(notice: reason)
        default: break
        }
        show(toast: reason)
    }

    func perform(_ action: AppAction, in context: KeyContext) {
        // Help means the same in every context that binds it.
        if action == .toggleHelp, context != .help { return toggleHelp() }
        switch context {
        case .list, .detail, .text: perform(action)
        case .help: performHelp(action)
        case .dialog: performDialog(action)
        case .filter: performFilter(action)
        case .picker: picker?.perform(action)
        case .editor:
            if case .editor(let editor) = screen { performEditor(editor, action) }
        case .members:
            if case .members(let members) = screen { performMembers(members, action) }
        case .groups:
            if case .groups(let groups) = screen { performGroups(groups, action) }
        case .currentMembers:
            if case .currentMembers(let current) = screen { performCurrentMembers(current, action) }
        case .form:
            if case .form(let form) = screen { performForm(form, action) }
        case .history:
            if case .history(let history) = screen { performHistory(history, action) }
        }
    }

    private func insert(_ text: String, in context: KeyContext) {
        switch context {
        case .filter:
            if membersSearchIsOpen, case .members(let members) = screen { return members.insertIntoSearch(text) }
            if membersSearchIsOpen, case .groups(let groups) = screen { return groups.insertIntoSearch(text) }
            editFilter { $0.insert(text) }
        case .picker: picker?.insert(text)
        case .dialog:
            dialog?.insert(text)
            changed()
        case .editor:
            guard case .editor(let editor) = screen else { return }
            if !editor.insert(text) { say(Self.readOnlyEditorReason(editor.base)) }
        case .form:
            if case .form(let form) = screen { _ = form.insert(text) }
        case .groups:
            if case .groups(let groups) = screen { groups.editPrompt { $0.insert(text) } }
        default: break
        }
    }

    static func readOnlyEditorReason(_ segment: Segment) -> String {
        "'\(segment.name)' is \(segment.status.label.lowercased()) and opens read-only; stop it first"
    }

    // MARK: help

    func toggleHelp() {
        if isHelpVisible { return closeHelp() }
        helpContext = context
        helpOffset = 0
        isHelpVisible = true
        changed()
    }

    func closeHelp() {
        isHelpVisible = false
        changed()
    }

    private func performHelp(_ action: AppAction) {
        let rows = keyMap.bindings(in: helpContext).count
        switch action {
        case .moveDown: helpOffset += 1
        case .moveUp: helpOffset -= 1
        case .pageDown: helpOffset += Self.helpPage
        case .pageUp: helpOffset -= Self.helpPage
        case .close, .toggleHelp: return closeHelp()
        default: return
        }
        helpOffset = min(max(0, helpOffset), max(0, rows - 1))
        changed()
    }

    /// Rows a page of help moves; the overlay shows at least this many even at 40x12.
    static let helpPage = 5
}

extension AppModel {
    /// The suspend key, the same in every screen: the run loop hands the terminal to the shell.
    func requestSuspend() {
        wantsSuspend = true
        changed()
    }
}
