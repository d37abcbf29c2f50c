import Segments

/// `/` in journeys' groups: the search narrows the group in focus (the one the keys act on) to the
/// members whose name or email contains the text; switching side or group takes it along.
extension GroupMembersModel {
    public func openSearch() {
        MembersSearch.open(&search)
        changed()
    }

    /// The prompt's keys: Enter keeps the search, Esc drops it, the text field's actions edit it.
    public func performSearch(_ action: AppAction) {
        keepingSelection { MembersSearch.answer(action, to: &search) }
        changed()
    }

    public func insertIntoSearch(_ text: String) {
        keepingSelection { MembersSearch.insert(text, into: &search) }
        changed()
    }

    /// Every row of the group again; the selected contact stays selected.
    public func clearSearch() {
        keepingSelection { search = nil }
        changed()
    }

    /// Runs a change of the rows shown, then selects the contact selected before if it is still
    /// shown, else the first row.
    private func keepingSelection(_ change: () -> Void) {
        guard let index = shownGroupIndex(focusedRole) else { return change() }
        let before = rows(of: groups[index])
        let id = before.indices.contains(groups[index].selectedIndex) ? before[groups[index].selectedIndex].contact.id : nil
        change()
        let after = rows(of: groups[index])
        groups[index].selectedIndex = id.flatMap { id in after.firstIndex { $0.contact.id == id } } ?? 0
    }
}
